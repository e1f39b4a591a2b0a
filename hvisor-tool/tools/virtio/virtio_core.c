// SPDX-License-Identifier: GPL-2.0
/* Copyright (c) 2026 hvisor-c contributors */
/*
 * The core of the virtio daemon: the bridge consumer (requests in, answers
 * and device IRQs out), the device table, the epoll set and logging.
 * Protocol: <hvisor/virtio_bridge.h>.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <time.h>
#include <unistd.h>

#include <linux/virtio_config.h>

#include "virtio.h"

#define RING_MASK (HVISOR_VIRTIO_MAX_REQ - 1)
#define RES_MASK (HVISOR_VIRTIO_MAX_RES - 1)
#define RES_FULL_TRIES 200 /* FINISH_REQ + 50 us each: 10 ms at most */
#define VD_LOG_BURST 20
#define VD_LOG_WINDOW_NS 10000000000LL
#define UNKNOWN_LOGGED_MAX 64

_Static_assert((HVISOR_VIRTIO_MAX_REQ & RING_MASK) == 0, "power of two");
_Static_assert((HVISOR_VIRTIO_MAX_RES & RES_MASK) == 0, "power of two");

struct vd_core {
	struct hvisor_virtio_bridge *bridge;
	struct vd_host_ops ops;
	vd_log_fn *log;
	void *log_arg;
	pthread_mutex_t log_lock;
	pthread_mutex_t res_lock;
	int epfd;
	unsigned int nzones;
	struct vd_mem zones[VIRTIO_CFG_MAX_ZONES];
	unsigned int ndevs;
	struct vd_dev *devs[HVISOR_VIRTIO_MAX_DEVS];
	/* windows of unknown accesses already logged: (zone, address) */
	unsigned int n_unknown;
	uint64_t unknown[UNKNOWN_LOGGED_MAX][2];
	int finish_failed_logged;
	unsigned long irq_dropped;
};

static void vd_vlog(struct vd_core *c, const char *prefix, const char *fmt,
		    va_list ap)
{
	char line[512];
	int n = 0;

	if (prefix)
		n = snprintf(line, sizeof(line), "%s: ", prefix);
	if (n < 0 || (size_t)n >= sizeof(line))
		n = 0;
	vsnprintf(line + n, sizeof(line) - (size_t)n, fmt, ap);
	pthread_mutex_lock(&c->log_lock);
	if (c->log)
		c->log(c->log_arg, line);
	pthread_mutex_unlock(&c->log_lock);
}

void vd_log(struct vd_core *c, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vd_vlog(c, NULL, fmt, ap);
	va_end(ap);
}

void vd_dev_log(struct vd_dev *d, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vd_vlog(d->core, d->name, fmt, ap);
	va_end(ap);
}

static int64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

/* A guest can provoke warnings at will: at most a burst per window. */
void vd_dev_warn(struct vd_dev *d, const char *fmt, ...)
{
	struct vd_ratelimit *rl = &d->rl;
	int64_t t = now_ns();
	unsigned long suppressed = 0;
	va_list ap;
	int ok;

	pthread_mutex_lock(&d->core->log_lock);
	if (t - rl->window_start > VD_LOG_WINDOW_NS) {
		suppressed = rl->suppressed;
		rl->window_start = t;
		rl->count = 0;
		rl->suppressed = 0;
	}
	ok = rl->count < VD_LOG_BURST;
	if (ok)
		rl->count++;
	else
		rl->suppressed++;
	pthread_mutex_unlock(&d->core->log_lock);
	if (suppressed)
		vd_dev_log(d, "%lu more warnings were not logged", suppressed);
	if (!ok)
		return;
	va_start(ap, fmt);
	vd_vlog(d->core, d->name, fmt, ap);
	va_end(ap);
}

struct vd_core *vd_core_new(vd_log_fn *log, void *log_arg)
{
	struct vd_core *c = calloc(1, sizeof(*c));

	if (!c)
		return NULL;
	c->log = log;
	c->log_arg = log_arg;
	c->epfd = epoll_create1(EPOLL_CLOEXEC);
	if (c->epfd < 0) {
		free(c);
		return NULL;
	}
	pthread_mutex_init(&c->log_lock, NULL);
	pthread_mutex_init(&c->res_lock, NULL);
	return c;
}

void vd_core_free(struct vd_core *c)
{
	unsigned int i;

	if (!c)
		return;
	for (i = 0; i < c->ndevs; i++) {
		struct vd_dev *d = c->devs[i];

		if (d->ops->destroy)
			d->ops->destroy(d);
		free(d);
	}
	close(c->epfd);
	pthread_mutex_destroy(&c->log_lock);
	pthread_mutex_destroy(&c->res_lock);
	free(c);
}

/*
 * Device @i's InterruptStatus moves to its slot of the bridge page's
 * extension, which the hypervisor reads and clears from then on.  Before
 * any queue is live: no worker sets bits yet.
 */
static void publish_dev(struct vd_core *c, unsigned int i)
{
	struct hvisor_virtio_bridge_ext *ext =
		(struct hvisor_virtio_bridge_ext *)((uint8_t *)c->bridge +
						    HVISOR_VIRTIO_EXT_OFFSET);
	struct hvisor_virtio_ext_dev *slot = &ext->devs[i];
	struct vd_dev *d = c->devs[i];

	slot->zone = d->zone;
	__atomic_store_n(&slot->int_status,
			 __atomic_load_n(d->int_status, __ATOMIC_SEQ_CST),
			 __ATOMIC_SEQ_CST);
	__atomic_store_n(&slot->address, d->addr, __ATOMIC_RELEASE);
	d->int_status = &slot->int_status;
	if (ext->num_devs < i + 1)
		__atomic_store_n(&ext->num_devs, i + 1, __ATOMIC_RELEASE);
	__atomic_store_n(&ext->magic, HVISOR_VIRTIO_EXT_MAGIC,
			 __ATOMIC_RELEASE);
}

void vd_core_set_bridge(struct vd_core *c, struct hvisor_virtio_bridge *b,
			const struct vd_host_ops *ops)
{
	unsigned int i;

	c->bridge = b;
	c->ops = *ops;
	for (i = 0; i < c->ndevs; i++)
		publish_dev(c, i);
}

struct vd_mem *vd_core_zone_mem(struct vd_core *c, uint32_t zone)
{
	unsigned int i;

	for (i = 0; i < c->nzones; i++)
		if (c->zones[i].zone == zone)
			return &c->zones[i];
	if (c->nzones >= VIRTIO_CFG_MAX_ZONES)
		return NULL;
	c->zones[c->nzones].zone = zone;
	c->zones[c->nzones].n = 0;
	return &c->zones[c->nzones++];
}

struct vd_dev *vd_core_device(struct vd_core *c, unsigned int i)
{
	return i < c->ndevs ? c->devs[i] : NULL;
}

void vd_dev_init(struct vd_dev *d, const struct vd_dev_ops *ops, uint32_t zone,
		 const struct virtio_cfg_device *cfg, unsigned int nq,
		 uint16_t num_max)
{
	unsigned int i;

	d->ops = ops;
	d->zone = zone;
	d->irq = cfg->irq;
	d->addr = cfg->addr;
	d->len = cfg->len;
	d->nq = nq;
	snprintf(d->name, sizeof(d->name), "zone %u %s 0x%llx", zone, ops->type,
		 (unsigned long long)cfg->addr);
	d->features = 1ULL << VIRTIO_F_VERSION_1;
	d->int_status = &d->own_int_status;
	for (i = 0; i < nq; i++) {
		d->q[i].dev = d;
		d->q[i].index = i;
		d->q[i].num_max = num_max;
		vq_reset(&d->q[i]);
	}
}

struct vd_dev *vd_core_add_device(struct vd_core *c, uint32_t zone,
				  const struct virtio_cfg_device *cfg,
				  const char *cfg_file, int net_fd,
				  char err[VD_ERR_MAX])
{
	struct vd_dev *d;
	int rc = -1;

	err[0] = 0;
	if (c->ndevs >= HVISOR_VIRTIO_MAX_DEVS) {
		snprintf(err, VD_ERR_MAX, "type: more than %d devices",
			 HVISOR_VIRTIO_MAX_DEVS);
		goto fail_fd;
	}
	d = calloc(1, sizeof(*d));
	if (!d) {
		snprintf(err, VD_ERR_MAX, "type: %s", strerror(errno));
		goto fail_fd;
	}
	d->core = c;
	d->mem = vd_core_zone_mem(c, zone);
	if (!d->mem) {
		snprintf(err, VD_ERR_MAX, "type: too many zones");
		free(d);
		goto fail_fd;
	}
	if (!strcmp(cfg->type, "blk")) {
		char *path = vd_path_beside(cfg_file, cfg->img);

		if (!path) {
			snprintf(err, VD_ERR_MAX, "img: %s", strerror(errno));
		} else {
			rc = vd_blk_init(d, zone, cfg, path, err);
			free(path);
		}
	} else if (!strcmp(cfg->type, "console")) {
		rc = vd_console_init(d, zone, cfg, err);
	} else if (!strcmp(cfg->type, "net")) {
		rc = vd_net_init(d, zone, cfg, net_fd, err);
		net_fd = -1;
	} else {
		snprintf(err, VD_ERR_MAX,
			 "type: %s is not supported by this daemon", cfg->type);
	}
	if (rc) {
		free(d);
		goto fail_fd;
	}
	c->devs[c->ndevs++] = d;
	if (c->bridge)
		publish_dev(c, c->ndevs - 1);
	return d;
fail_fd:
	if (net_fd >= 0)
		close(net_fd);
	return NULL;
}

/* --- IRQs --- */

void vd_dev_interrupt(struct vd_dev *d)
{
	struct vd_core *c = d->core;
	struct hvisor_virtio_bridge *b = c->bridge;
	unsigned int tries;
	uint32_t rear;

	__atomic_fetch_or(d->int_status, 1u, __ATOMIC_SEQ_CST);
	if (!b)
		return;
	pthread_mutex_lock(&c->res_lock);
	for (tries = 0;; tries++) {
		uint32_t front =
			__atomic_load_n(&b->res_front, __ATOMIC_ACQUIRE) &
			RES_MASK;

		rear = b->res_rear & RES_MASK;
		if (((rear + 1) & RES_MASK) != front)
			break;
		if (tries >= RES_FULL_TRIES) {
			if (!c->irq_dropped++)
				vd_dev_log(d,
					   "res ring stays full: IRQ %u not "
					   "sent (further drops not logged)",
					   d->irq);
			pthread_mutex_unlock(&c->res_lock);
			return;
		}
		/* the hypervisor empties the ring on FINISH_REQ */
		if (c->ops.finish_req)
			c->ops.finish_req(c->ops.arg);
		if (tries)
			usleep(50);
	}
	b->res_list[rear].target_zone = d->zone;
	b->res_list[rear].irq_id = d->irq;
	__atomic_store_n(&b->res_rear, (rear + 1) & RES_MASK, __ATOMIC_RELEASE);
	if (c->ops.finish_req && c->ops.finish_req(c->ops.arg) &&
	    !c->finish_failed_logged) {
		c->finish_failed_logged = 1;
		vd_dev_log(d, "FINISH_REQ failed: %s (logged once)",
			   strerror(errno));
	}
	pthread_mutex_unlock(&c->res_lock);
}

/* --- the bridge consumer --- */

static struct vd_dev *find_dev(struct vd_core *c, uint32_t zone, uint64_t addr)
{
	unsigned int i;

	for (i = 0; i < c->ndevs; i++) {
		struct vd_dev *d = c->devs[i];

		if (d->zone == zone && addr >= d->addr &&
		    addr - d->addr < d->len)
			return d;
	}
	return NULL;
}

static void log_unknown(struct vd_core *c, const struct hvisor_virtio_req *r)
{
	uint64_t win = r->address & ~(uint64_t)(HVISOR_VIRTIO_MMIO_WINDOW - 1);
	unsigned int i;

	for (i = 0; i < c->n_unknown; i++)
		if (c->unknown[i][0] == r->src_zone && c->unknown[i][1] == win)
			return;
	if (c->n_unknown >= UNKNOWN_LOGGED_MAX)
		return;
	c->unknown[c->n_unknown][0] = r->src_zone;
	c->unknown[c->n_unknown][1] = win;
	c->n_unknown++;
	vd_log(c,
	       "zone %u: %s of 0x%llx: no device there, answered 0 "
	       "(logged once per window)",
	       r->src_zone, r->is_write ? "write" : "read",
	       (unsigned long long)r->address);
}

static void serve(struct vd_core *c, const struct hvisor_virtio_req *r)
{
	struct hvisor_virtio_bridge *b = c->bridge;
	struct vd_dev *d;
	uint64_t value = 0;

	if (r->src_cpu >= HVISOR_VIRTIO_MAX_CPUS) {
		vd_log(c, "request from CPU %llu (>= %d) skipped",
		       (unsigned long long)r->src_cpu, HVISOR_VIRTIO_MAX_CPUS);
		return;
	}
	d = find_dev(c, r->src_zone, r->address);
	if (!d)
		log_unknown(c, r);
	else if (r->is_write)
		vd_mmio_write(d, r->address - d->addr, (uint32_t)r->size,
			      r->value);
	else
		value = vd_mmio_read(d, r->address - d->addr,
				     (uint32_t)r->size);
	if (r->need_interrupt)
		return;
	__atomic_store_n(&b->cfg_values[r->src_cpu], value, __ATOMIC_RELAXED);
	__atomic_thread_fence(__ATOMIC_RELEASE);
	__atomic_store_n(&b->cfg_flags[r->src_cpu],
			 b->cfg_flags[r->src_cpu] + 1, __ATOMIC_RELEASE);
}

int vd_core_pending(struct vd_core *c)
{
	struct hvisor_virtio_bridge *b = c->bridge;

	return b && (__atomic_load_n(&b->req_rear, __ATOMIC_ACQUIRE) &
		     RING_MASK) != (b->req_front & RING_MASK);
}

unsigned int vd_core_drain(struct vd_core *c)
{
	struct hvisor_virtio_bridge *b = c->bridge;
	unsigned int n = 0;
	uint32_t front;

	if (!b)
		return 0;
	front = b->req_front & RING_MASK;
	while ((__atomic_load_n(&b->req_rear, __ATOMIC_ACQUIRE) & RING_MASK) !=
	       front) {
		struct hvisor_virtio_req r;

		memcpy(&r, (const void *)&b->req_list[front], sizeof(r));
		serve(c, &r);
		front = (front + 1) & RING_MASK;
		__atomic_store_n(&b->req_front, front, __ATOMIC_RELEASE);
		n++;
	}
	return n;
}

/* --- epoll --- */

int vd_watch_add(struct vd_core *c, struct vd_watch *w, uint32_t events)
{
	struct epoll_event ev = { .events = events, .data.ptr = w };

	if (epoll_ctl(c->epfd, EPOLL_CTL_ADD, w->fd, &ev))
		return -1;
	w->events = events;
	w->added = 1;
	return 0;
}

int vd_watch_set(struct vd_core *c, struct vd_watch *w, uint32_t events)
{
	struct epoll_event ev = { .events = events, .data.ptr = w };

	if (!w->added)
		return -1;
	if (w->events == events)
		return 0;
	if (epoll_ctl(c->epfd, EPOLL_CTL_MOD, w->fd, &ev))
		return -1;
	w->events = events;
	return 0;
}

void vd_watch_del(struct vd_core *c, struct vd_watch *w)
{
	if (w->added)
		epoll_ctl(c->epfd, EPOLL_CTL_DEL, w->fd, NULL);
	w->added = 0;
}

int vd_core_poll(struct vd_core *c, int timeout_ms)
{
	struct epoll_event ev[16];
	int n, i;

	n = epoll_wait(c->epfd, ev, 16, timeout_ms);
	if (n < 0)
		return errno == EINTR ? 0 : -1;
	for (i = 0; i < n; i++) {
		struct vd_watch *w = ev[i].data.ptr;

		w->cb(w, ev[i].events);
	}
	return n;
}
