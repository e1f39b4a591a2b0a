/* SPDX-License-Identifier: GPL-2.0 */
/* Copyright (c) 2026 hvisor-c contributors */
/*
 * The virtio back-end daemon of the root zone (`hvisor virtio start`).
 *
 * The core (bridge consumer, virtio-mmio register model, split virtqueues
 * and the blk/console/net back-ends) knows nothing of /dev/hvisor: it is
 * given the bridge page, the guest RAM windows of each zone and a
 * finish_req() callback (struct vd_host_ops).  daemon.c supplies them from
 * /dev/hvisor; tests/virtio_test.c from malloc'd memory.
 *
 * Threads: everything runs on the thread that calls vd_core_drain() and
 * vd_core_poll() ("main"), except the I/O of each blk device, which runs on
 * a worker thread of its own.  The main thread quiesces a worker (waits for
 * the end of its batch and keeps it from starting another) around every
 * register write that changes the queues (QueueReady, Status).
 */
#ifndef HVISOR_TOOL_VIRTIO_H
#define HVISOR_TOOL_VIRTIO_H

#include <pthread.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/uio.h>

#include <linux/virtio_ring.h>

#include <hvisor/virtio_bridge.h>

#include <hvc/virtio_cfg_json.h>

#define VD_VENDOR_ID 0x48564953 /* "HVIS" */
#define VD_MAGIC 0x74726976 /* "virt" */
#define VD_MAX_QUEUES 2
#define VD_QUEUE_MAX 256 /* largest QueueNumMax of any device */
#define VD_CONFIG_MAX 0x100 /* config space bytes (window 0x200) */
#define VD_ERR_MAX 320

struct vd_core;
struct vd_dev;

/* What the core needs from its host (the hypervisor, or a test). */
struct vd_host_ops {
	/* inject the IRQs queued in res_list (HVISOR_FINISH_REQ); 0 or -1 */
	int (*finish_req)(void *arg);
	void *arg;
};

/* One log line (no newline); called from any thread, serialised. */
typedef void vd_log_fn(void *arg, const char *line);

/* A guest RAM window: guest physical @gpa.. mapped at @hva. */
struct vd_window {
	uint64_t gpa;
	uint64_t size;
	uint8_t *hva;
};

/* The RAM windows of one zone (fixed before any request is served). */
struct vd_mem {
	uint32_t zone;
	unsigned int n;
	struct vd_window w[VIRTIO_CFG_MAX_MEM];
};

/*
 * A descriptor chain popped from a queue: iov[0, n_out) are the
 * device-readable buffers, iov[n_out, n_out + n_in) the device-writable
 * ones, each checked to lie inside one RAM window.
 */
struct vq_chain {
	uint16_t head;
	unsigned int n_out;
	unsigned int n_in;
	size_t out_len;
	size_t in_len;
	struct iovec iov[VD_QUEUE_MAX];
};

/* A split virtqueue. */
struct vd_queue {
	struct vd_dev *dev;
	unsigned int index;
	uint16_t num_max;
	/* as the driver wrote them (register model, main thread) */
	uint32_t num;
	uint32_t ready;
	uint64_t desc_gpa;
	uint64_t avail_gpa;
	uint64_t used_gpa;
	/* the live ring: set when QueueReady = 1 is accepted */
	int live;
	int broken; /* bad avail index seen: ignored until reset */
	uint16_t size;
	struct vring_desc *desc;
	struct vring_avail *avail;
	struct vring_used *used;
	uint16_t last_avail;
	uint16_t used_idx;
	int pushed; /* used entries added since vq_notify_guest() */
};

/* The parts of a device type; all hooks run on the main thread. */
struct vd_dev_ops {
	const char *type; /* "blk", "console", "net" */
	uint32_t device_id;
	/* QueueNotify for queue @q */
	void (*notify)(struct vd_dev *d, struct vd_queue *q);
	/* optional: stop the device's worker between batches / let it go */
	void (*pause)(struct vd_dev *d);
	void (*resume)(struct vd_dev *d);
	/* optional, paused: the transport was reset (Status = 0) */
	void (*reset)(struct vd_dev *d);
	/* optional: queue readiness or Status changed (after reset too) */
	void (*changed)(struct vd_dev *d);
	/* free the device's resources (paused workers are stopped here) */
	void (*destroy)(struct vd_dev *d);
};

/* Log rate limit of a device: bursts of VD_LOG_BURST per 10 s. */
struct vd_ratelimit {
	int64_t window_start;
	unsigned int count;
	unsigned long suppressed;
};

struct vd_dev {
	struct vd_core *core;
	const struct vd_dev_ops *ops;
	const struct vd_mem *mem;
	uint32_t zone;
	uint32_t irq;
	uint64_t addr;
	uint64_t len;
	char name[48]; /* "zone 1 blk 0xa003c00" */
	uint64_t features; /* offered */
	uint64_t drv_features; /* as written by the driver */
	uint32_t dev_fsel;
	uint32_t drv_fsel;
	uint32_t qsel;
	uint32_t status;
	uint32_t generation;
	/*
	 * InterruptStatus, atomic (workers set bits): own_int_status, or the
	 * device's slot in the bridge page's extension once the bridge is set
	 * (<hvisor/virtio_bridge.h>: the hypervisor then answers the zone's
	 * InterruptStatus reads and InterruptACK writes from it)
	 */
	uint32_t *int_status;
	uint32_t own_int_status;
	uint32_t config_len;
	uint8_t config[VD_CONFIG_MAX]; /* little endian */
	unsigned int nq;
	struct vd_queue q[VD_MAX_QUEUES];
	struct vd_ratelimit rl;
	void *priv;
};

/* A file descriptor in the core's epoll set. */
struct vd_watch {
	int fd;
	uint32_t events; /* as last given to epoll */
	int added;
	void (*cb)(struct vd_watch *w, uint32_t events);
	void *arg;
};

/* --- core (virtio_core.c) --- */

/* vd_core_new() - empty core; NULL (errno) on failure. */
struct vd_core *vd_core_new(vd_log_fn *log, void *log_arg);

/* vd_core_free() - stop workers, free devices and close their files. */
void vd_core_free(struct vd_core *c);

/* vd_core_set_bridge() - serve @b from now on; @ops is copied. */
void vd_core_set_bridge(struct vd_core *c, struct hvisor_virtio_bridge *b,
			const struct vd_host_ops *ops);

/**
 * vd_core_zone_mem() - the RAM window list of zone @zone (created empty
 * on first use; NULL if there are VIRTIO_CFG_MAX_ZONES zones already).
 * Fill it before the zone's first request is served.
 */
struct vd_mem *vd_core_zone_mem(struct vd_core *c, uint32_t zone);

/**
 * vd_core_add_device() - create device @cfg of zone @zone and open what
 * it needs (image, pty, tap).
 * @cfg_file: the JSON file; relative image paths start from its directory
 * @net_fd: for net, an already open frame fd to use instead of a tap
 *          (tests); -1 otherwise.  The core owns it from then on.
 * @err: on failure, "KEY: message" (e.g. "img: a.ext4: No such file or
 *       directory"), KEY relative to the device object.
 * Return: the device or NULL.
 */
struct vd_dev *vd_core_add_device(struct vd_core *c, uint32_t zone,
				  const struct virtio_cfg_device *cfg,
				  const char *cfg_file, int net_fd,
				  char err[VD_ERR_MAX]);

/* vd_core_device() - device @i (in creation order) or NULL. */
struct vd_dev *vd_core_device(struct vd_core *c, unsigned int i);

/**
 * vd_core_drain() - serve every request in the bridge's req ring.
 * Return: the number of requests taken.
 */
unsigned int vd_core_drain(struct vd_core *c);

/* vd_core_pending() - the req ring is not empty (acquire load). */
int vd_core_pending(struct vd_core *c);

/**
 * vd_core_poll() - wait up to @timeout_ms (-1: forever) for watched file
 * descriptors and run their callbacks.  Return: events handled, or -1.
 */
int vd_core_poll(struct vd_core *c, int timeout_ms);

/* Watches: add with @events, change, remove.  0 or -1 (errno). */
int vd_watch_add(struct vd_core *c, struct vd_watch *w, uint32_t events);
int vd_watch_set(struct vd_core *c, struct vd_watch *w, uint32_t events);
void vd_watch_del(struct vd_core *c, struct vd_watch *w);

/* Logging: a core line, and a rate-limited line of a device. */
void vd_log(struct vd_core *c, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void vd_dev_log(struct vd_dev *d, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void vd_dev_warn(struct vd_dev *d, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/**
 * vd_dev_interrupt() - set InterruptStatus bit 0 and queue the device's
 * IRQ in res_list (then finish_req).  Any thread.
 */
void vd_dev_interrupt(struct vd_dev *d);

/*
 * vd_dev_init() - common part of a device (register model state); offers
 * VIRTIO_F_VERSION_1.  d->core and d->mem are kept.
 */
void vd_dev_init(struct vd_dev *d, const struct vd_dev_ops *ops, uint32_t zone,
		 const struct virtio_cfg_device *cfg, unsigned int nq,
		 uint16_t num_max);

/* --- register model (virtio_mmio.c), main thread --- */

uint64_t vd_mmio_read(struct vd_dev *d, uint64_t off, uint32_t size);
void vd_mmio_write(struct vd_dev *d, uint64_t off, uint32_t size, uint64_t val);
/* vd_dev_reset() - full reset (Status = 0): idempotent, any time. */
void vd_dev_reset(struct vd_dev *d);

/* --- guest memory and split virtqueues (virtqueue.c) --- */

/* vd_gpa() - @len bytes at guest @gpa inside one window, or NULL. */
void *vd_gpa(const struct vd_mem *m, uint64_t gpa, uint64_t len);

/* vq_reset() - forget everything the driver set up. */
void vq_reset(struct vd_queue *q);

/* vq_start() - check and map the rings (QueueReady = 1); 0 or -1. */
int vq_start(struct vd_queue *q, char *why, size_t n);

/**
 * vq_pop() - take the next available chain.  A bad chain is logged and
 * completed with length 0, and the next one is tried.
 * Return: 1 (chain in @c), 0 (none available), -1 (queue not live).
 */
int vq_pop(struct vd_queue *q, struct vq_chain *c);

/* vq_unpop() - give back the chain vq_pop() just returned. */
void vq_unpop(struct vd_queue *q);

/* vq_has_avail() - a chain is available (acquire). */
int vq_has_avail(struct vd_queue *q);

/* vq_push() - put @head in the used ring with @len bytes written. */
void vq_push(struct vd_queue *q, uint16_t head, uint32_t len);

/* vq_notify_guest() - after pushes: the device IRQ, unless suppressed. */
void vq_notify_guest(struct vd_queue *q);

/* vq_set_kicks() - ask the driver for kicks (1) or not (0). */
void vq_set_kicks(struct vd_queue *q, int on);

/* iov helpers: copy @len bytes from/to @iov (n entries) at offset @off. */
size_t iov_to_buf(const struct iovec *iov, unsigned int n, size_t off,
		  void *buf, size_t len);
size_t iov_from_buf(const struct iovec *iov, unsigned int n, size_t off,
		    const void *buf, size_t len);

/* --- devices --- */

/*
 * Back-end constructors, called by vd_core_add_device() with d->core and
 * d->mem set; they call vd_dev_init() first.  0, or -1 with @err set.
 */
int vd_blk_init(struct vd_dev *d, uint32_t zone,
		const struct virtio_cfg_device *cfg, const char *path,
		char err[VD_ERR_MAX]);
int vd_console_init(struct vd_dev *d, uint32_t zone,
		    const struct virtio_cfg_device *cfg, char err[VD_ERR_MAX]);
int vd_net_init(struct vd_dev *d, uint32_t zone,
		const struct virtio_cfg_device *cfg, int fd,
		char err[VD_ERR_MAX]);
/* the pty (/dev/pts/N) of a console device */
const char *vd_console_pty(const struct vd_dev *d);

/* --- configuration (setup.c) --- */

/**
 * vd_cfg_check() - the daemon's rules beyond the JSON format: supported
 * types, window overlap and size, IRQ range, memory regions, alignment.
 * @key/@msg receive the failing key ("zones[0].devices[1].irq") and
 * message.  Return: 0 or -1.
 */
int vd_cfg_check(const struct virtio_cfg *vc, char *key, size_t keylen,
		 char *msg, size_t msglen);

/* vd_path_beside() - @path relative to the directory of @file (malloc). */
char *vd_path_beside(const char *file, const char *path);

/* --- the daemon (daemon.c) --- */

#define VD_PID_FILE "/run/hvisor-virtio.pid"
#define VD_LOG_FILE "/var/log/hvisor-virtio.log"

/* vd_daemon_start() - `hvisor virtio start FILE`; the exit status. */
int vd_daemon_start(const char *file, const char *log_path);

/* vd_daemon_stop() - `hvisor virtio stop`; the exit status. */
int vd_daemon_stop(void);

#endif /* HVISOR_TOOL_VIRTIO_H */
