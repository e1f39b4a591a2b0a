/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/* Copyright (c) 2026 hvisor-c contributors */
/*
 * The virtio bridge: one 4 KiB page of root-zone RAM shared by the
 * hypervisor and the root zone's virtio daemon (`hvisor virtio start`).
 * Layout, ring sizes and protocol are upstream hvisor's `virtio_bridge`
 * (2136 bytes):
 *
 *  - A non-root zone's access to one of its virtio regions becomes a
 *    request in req_list (producer: the hypervisor, consumer: the daemon).
 *  - For every request with need_interrupt == 0 (everything but a
 *    QueueNotify write) the daemon writes the answer of a read to
 *    cfg_values[src_cpu], then increments cfg_flags[src_cpu]; the vCPU
 *    waits for that increment.  QueueNotify writes do not wait.
 *  - The daemon asks for a device IRQ with a res_list entry and
 *    HVISOR_HC_FINISH_REQ.
 *  - need_wakeup == 1 means the daemon sleeps: the hypervisor then raises
 *    the root zone's virtio wake-up IRQ after pushing a request.
 *
 * Rings hold HVISOR_VIRTIO_MAX_REQ slots with one always empty: full when
 * ((rear + 1) & (MAX_REQ - 1)) == front.
 *
 * Extension of hvisor-c (struct hvisor_virtio_bridge_ext, in the page
 * after the upstream struct, at HVISOR_VIRTIO_EXT_OFFSET): a daemon that
 * keeps its devices' InterruptStatus there and sets magic to
 * HVISOR_VIRTIO_EXT_MAGIC lets the hypervisor answer InterruptStatus
 * reads and InterruptACK writes of those windows itself, without a round
 * trip through the root zone (two per device interrupt otherwise).  The
 * hypervisor zeroes the whole page when a daemon registers it, so with
 * upstream's daemon (which never writes there) magic stays 0 and every
 * access is a request as above; upstream's hypervisor ignores the tail,
 * and the daemon answers those requests from the same int_status.
 */
#ifndef HVISOR_PUBLIC_VIRTIO_BRIDGE_H
#define HVISOR_PUBLIC_VIRTIO_BRIDGE_H

#include <hvisor/zone_config.h>

#define HVISOR_VIRTIO_MAX_REQ 32
#define HVISOR_VIRTIO_MAX_RES 32
#define HVISOR_VIRTIO_MAX_CPUS 32
#define HVISOR_VIRTIO_MAX_DEVS 8
#define HVISOR_VIRTIO_BRIDGE_SIZE 4096

/* The virtio-mmio register whose writes are not answered (QueueNotify). */
#define HVISOR_VIRTIO_MMIO_QUEUE_NOTIFY 0x50
/* virtio-mmio transport window of one device (upstream's size). */
#define HVISOR_VIRTIO_MMIO_WINDOW 0x200
/* virtio-mmio InterruptStatus (read) and InterruptACK (write) registers */
#define HVISOR_VIRTIO_MMIO_INTERRUPT_STATUS 0x60
#define HVISOR_VIRTIO_MMIO_INTERRUPT_ACK 0x64

/* hvisor-c extension, see above */
#define HVISOR_VIRTIO_EXT_OFFSET 2176
#define HVISOR_VIRTIO_EXT_MAGIC 0x31747865 /* "ext1" little endian */

struct hvisor_virtio_req {
	hvisor_u64 src_cpu; /* hypervisor logical CPU of the trapping vCPU */
	hvisor_u64 address; /* zone IPA of the access */
	hvisor_u64 size; /* 1, 2, 4 or 8 */
	hvisor_u64 value; /* write data */
	hvisor_u32 src_zone;
	hvisor_u8 is_write;
	hvisor_u8 need_interrupt; /* 1: QueueNotify, no answer expected */
	hvisor_u16 pad;
};

struct hvisor_virtio_res {
	hvisor_u32 target_zone;
	hvisor_u32 irq_id; /* INTID to inject into target_zone */
};

struct hvisor_virtio_bridge {
	hvisor_u32 req_front; /* daemon */
	hvisor_u32 req_rear; /* hypervisor */
	hvisor_u32 res_front; /* hypervisor */
	hvisor_u32 res_rear; /* daemon */
	struct hvisor_virtio_req req_list[HVISOR_VIRTIO_MAX_REQ];
	struct hvisor_virtio_res res_list[HVISOR_VIRTIO_MAX_RES];
	hvisor_u64 cfg_flags[HVISOR_VIRTIO_MAX_CPUS];
	hvisor_u64 cfg_values[HVISOR_VIRTIO_MAX_CPUS];
	hvisor_u64 mmio_addrs[HVISOR_VIRTIO_MAX_DEVS]; /* upstream, unused */
	hvisor_u8 mmio_avail; /* upstream, unused */
	hvisor_u8 need_wakeup;
	hvisor_u8 pad[6];
};

/* One device of the extension; address 0: an unused slot. */
struct hvisor_virtio_ext_dev {
	hvisor_u64 address; /* zone IPA of the device's window */
	hvisor_u32 zone; /* the zone that owns it */
	/* InterruptStatus: the daemon sets bits before it asks for the
	 * device IRQ, InterruptACK clears them; both sides update it with
	 * atomic read-modify-writes */
	hvisor_u32 int_status;
};

struct hvisor_virtio_bridge_ext {
	hvisor_u32 magic; /* HVISOR_VIRTIO_EXT_MAGIC, stored last */
	hvisor_u32 num_devs; /* slots in use, <= HVISOR_VIRTIO_MAX_DEVS */
	struct hvisor_virtio_ext_dev devs[HVISOR_VIRTIO_MAX_DEVS];
};

_Static_assert(sizeof(struct hvisor_virtio_req) == 40, "ABI");
_Static_assert(sizeof(struct hvisor_virtio_res) == 8, "ABI");
_Static_assert(__builtin_offsetof(struct hvisor_virtio_bridge, res_list) ==
		       1296,
	       "ABI");
_Static_assert(__builtin_offsetof(struct hvisor_virtio_bridge, cfg_flags) ==
		       1552,
	       "ABI");
_Static_assert(__builtin_offsetof(struct hvisor_virtio_bridge, mmio_addrs) ==
		       2064,
	       "ABI");
_Static_assert(__builtin_offsetof(struct hvisor_virtio_bridge, need_wakeup) ==
		       2129,
	       "ABI");
_Static_assert(sizeof(struct hvisor_virtio_bridge) == 2136, "ABI");
_Static_assert(
	HVISOR_VIRTIO_EXT_OFFSET >= sizeof(struct hvisor_virtio_bridge) &&
		HVISOR_VIRTIO_EXT_OFFSET % 64 == 0 &&
		HVISOR_VIRTIO_EXT_OFFSET +
				sizeof(struct hvisor_virtio_bridge_ext) <=
			HVISOR_VIRTIO_BRIDGE_SIZE,
	"extension in the page's tail");

#endif /* HVISOR_PUBLIC_VIRTIO_BRIDGE_H */
