// SPDX-License-Identifier: GPL-2.0
/* Copyright (c) 2026 hvisor-c contributors */
/*
 * Host test of the virtio daemon's core (hvisor-tool/tools/virtio): this
 * program plays the hypervisor (a fake bridge page, a finish_req that
 * drains res_list) and the guest driver (Linux 6.1's virtio-mmio probe,
 * split rings in fake guest RAM) against blk, console and net devices.
 * Net runs on a socketpair instead of a tap.  Prints TAP lines.
 *
 *   virtio_test [DIR]    scratch files under DIR (default: a new /tmp dir)
 */
#include <dirent.h>
#include <endian.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <linux/virtio_blk.h>
#include <linux/virtio_config.h>
#include <linux/virtio_console.h>
#include <linux/virtio_mmio.h>
#include <linux/virtio_net.h>
#include <linux/virtio_ring.h>

#include "virtio/virtio.h"
#include <hvc/virtio_cfg_json.h>

#define ZONE 1
#define CPU 1
#define RAM_GPA 0x50000000ULL
#define RAM_SIZE (4ULL << 20)
#define BLK_ADDR 0xa003c00ULL
#define CON_ADDR 0xa003800ULL
#define NET_ADDR 0xa003600ULL
#define RO_ADDR 0xa003400ULL
#define BLK_IRQ 78
#define CON_IRQ 76
#define NET_IRQ 75
#define IMG_SECTORS 1200 /* 600 KiB: room for reads of 256 KiB and more */
#define IMG_SIZE (IMG_SECTORS * 512)

static int failures;
static int bad_answers;
static struct vd_core *core;
static struct hvisor_virtio_bridge *br;
static uint8_t *ram;
static uint64_t ram_next = RAM_GPA;
static char dir[256];

/* --- TAP --- */

static int ok(int cond, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static int ok(int cond, const char *fmt, ...)
{
	va_list ap;

	printf("%sok - ", cond ? "" : "not ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	fflush(stdout);
	if (!cond)
		failures++;
	return cond;
}

/* --- the daemon's log, kept for checks --- */

static pthread_mutex_t log_mu = PTHREAD_MUTEX_INITIALIZER;
static char logbuf[1 << 16];
static size_t loglen;

static void test_log(void *arg, const char *line)
{
	size_t n = strlen(line);

	(void)arg;
	fprintf(stderr, "# log: %s\n", line);
	pthread_mutex_lock(&log_mu);
	if (loglen + n + 2 < sizeof(logbuf)) {
		memcpy(logbuf + loglen, line, n);
		loglen += n;
		logbuf[loglen++] = '\n';
		logbuf[loglen] = 0;
	}
	pthread_mutex_unlock(&log_mu);
}

static int log_has(const char *s)
{
	int r;

	pthread_mutex_lock(&log_mu);
	r = strstr(logbuf, s) != NULL;
	pthread_mutex_unlock(&log_mu);
	return r;
}

/* --- the hypervisor's side --- */

static pthread_mutex_t res_mu = PTHREAD_MUTEX_INITIALIZER;
static struct hvisor_virtio_res res_log[4096];
static unsigned int res_n;
static int finish_off; /* 1: FINISH_REQ does not drain (ring fills) */

static int fake_finish(void *arg)
{
	uint32_t front;

	(void)arg;
	if (__atomic_load_n(&finish_off, __ATOMIC_ACQUIRE))
		return 0;
	pthread_mutex_lock(&res_mu);
	front = br->res_front;
	while (front != __atomic_load_n(&br->res_rear, __ATOMIC_ACQUIRE)) {
		if (res_n < 4096)
			res_log[res_n++] = br->res_list[front];
		front = (front + 1) % HVISOR_VIRTIO_MAX_RES;
		__atomic_store_n(&br->res_front, front, __ATOMIC_RELEASE);
	}
	pthread_mutex_unlock(&res_mu);
	return 0;
}

static unsigned int res_count(void)
{
	unsigned int n;

	pthread_mutex_lock(&res_mu);
	n = res_n;
	pthread_mutex_unlock(&res_mu);
	return n;
}

/* One trapped access, as the hypervisor queues it; the answer. */
static uint64_t trap(uint32_t zone, uint64_t cpu, int write, uint64_t addr,
		     uint32_t size, uint64_t val)
{
	uint32_t rear = br->req_rear;
	struct hvisor_virtio_req *r = &br->req_list[rear];
	int notify = write && (addr & 0x1ff) == VIRTIO_MMIO_QUEUE_NOTIFY;
	uint64_t before = cpu < HVISOR_VIRTIO_MAX_CPUS ? br->cfg_flags[cpu] : 0;

	memset(r, 0, sizeof(*r));
	r->src_cpu = cpu;
	r->address = addr;
	r->size = size;
	r->value = write ? val : 0;
	r->src_zone = zone;
	r->is_write = (uint8_t)write;
	r->need_interrupt = (uint8_t)notify;
	__atomic_store_n(&br->req_rear, (rear + 1) % HVISOR_VIRTIO_MAX_REQ,
			 __ATOMIC_RELEASE);
	if (!vd_core_pending(core))
		bad_answers++;
	vd_core_drain(core);
	if (br->req_front != br->req_rear)
		bad_answers++;
	if (cpu >= HVISOR_VIRTIO_MAX_CPUS)
		return 0;
	if (br->cfg_flags[cpu] != before + (notify ? 0 : 1))
		bad_answers++;
	return notify ? 0 : br->cfg_values[cpu];
}

static uint32_t rd(uint64_t base, uint64_t off)
{
	return (uint32_t)trap(ZONE, CPU, 0, base + off, 4, 0);
}

static void wr(uint64_t base, uint64_t off, uint32_t v)
{
	trap(ZONE, CPU, 1, base + off, 4, v);
}

static uint64_t rdc(uint64_t base, uint64_t off, uint32_t size)
{
	return trap(ZONE, CPU, 0, base + VIRTIO_MMIO_CONFIG + off, size, 0);
}

/* --- guest RAM and the driver's side of a split ring --- */

static uint64_t galloc(size_t len, size_t align)
{
	uint64_t a = (ram_next + align - 1) & ~(uint64_t)(align - 1);

	if (a + len > RAM_GPA + RAM_SIZE) {
		fprintf(stderr, "# guest RAM exhausted\n");
		exit(2);
	}
	ram_next = a + len;
	memset(ram + (a - RAM_GPA), 0, len);
	return a;
}

static void *gp(uint64_t gpa)
{
	return ram + (gpa - RAM_GPA);
}

struct tq {
	uint64_t base; /* device window */
	unsigned int index;
	uint16_t num;
	uint64_t desc, avail, used;
	uint16_t avail_idx;
};

static struct vring_desc *tdesc(struct tq *q)
{
	return gp(q->desc);
}

static struct vring_avail *tavail(struct tq *q)
{
	return gp(q->avail);
}

static struct vring_used *tused(struct tq *q)
{
	return gp(q->used);
}

static void set_desc(struct vring_desc *t, uint16_t i, uint64_t addr,
		     uint32_t len, uint16_t flags, uint16_t next)
{
	t[i].addr = htole64(addr);
	t[i].len = htole32(len);
	t[i].flags = htole16(flags);
	t[i].next = htole16(next);
}

static void make_avail(struct tq *q, uint16_t head)
{
	struct vring_avail *a = tavail(q);

	a->ring[q->avail_idx % q->num] = htole16(head);
	q->avail_idx++;
	__atomic_store_n(&a->idx, htole16(q->avail_idx), __ATOMIC_RELEASE);
}

static void kick(struct tq *q)
{
	wr(q->base, VIRTIO_MMIO_QUEUE_NOTIFY, q->index);
}

static uint16_t used_idx(struct tq *q)
{
	return le16toh(__atomic_load_n(&tused(q)->idx, __ATOMIC_ACQUIRE));
}

static int64_t ms_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Wait until the used index reaches @idx, running the core's epoll. */
static int wait_used(struct tq *q, uint16_t idx, int ms)
{
	int64_t end = ms_now() + ms;

	while (used_idx(q) != idx) {
		if (ms_now() > end)
			return 0;
		vd_core_poll(core, 5);
	}
	return 1;
}

static struct vring_used_elem used_elem(struct tq *q, uint16_t n)
{
	struct vring_used_elem e = tused(q)->ring[n % q->num];

	e.id = le32toh(e.id);
	e.len = le32toh(e.len);
	return e;
}

static void setup_queue(struct tq *q, uint64_t base, unsigned int index,
			uint16_t num)
{
	q->base = base;
	q->index = index;
	q->num = num;
	q->desc = galloc(16u * num, 4096);
	q->avail = galloc(6u + 2u * num, 4096);
	q->used = galloc(6u + 8u * num, 4096);
	q->avail_idx = 0;
}

/* Linux 6.1's virtio_mmio probe; returns the negotiated features. */
static int probe(uint64_t base, uint32_t id, uint64_t accept, struct tq *qs,
		 unsigned int nq, uint16_t num, uint64_t *offered)
{
	uint64_t f;
	uint32_t st;
	unsigned int i;
	int good = 1;

	good &= rd(base, VIRTIO_MMIO_MAGIC_VALUE) == VD_MAGIC;
	good &= rd(base, VIRTIO_MMIO_VERSION) == 2;
	good &= rd(base, VIRTIO_MMIO_DEVICE_ID) == id;
	good &= rd(base, VIRTIO_MMIO_VENDOR_ID) == VD_VENDOR_ID;
	wr(base, VIRTIO_MMIO_STATUS, 0);
	good &= rd(base, VIRTIO_MMIO_STATUS) == 0;
	st = rd(base, VIRTIO_MMIO_STATUS);
	wr(base, VIRTIO_MMIO_STATUS, st | VIRTIO_CONFIG_S_ACKNOWLEDGE);
	st = rd(base, VIRTIO_MMIO_STATUS);
	wr(base, VIRTIO_MMIO_STATUS, st | VIRTIO_CONFIG_S_DRIVER);
	wr(base, VIRTIO_MMIO_DEVICE_FEATURES_SEL, 1);
	f = (uint64_t)rd(base, VIRTIO_MMIO_DEVICE_FEATURES) << 32;
	wr(base, VIRTIO_MMIO_DEVICE_FEATURES_SEL, 0);
	f |= rd(base, VIRTIO_MMIO_DEVICE_FEATURES);
	if (offered)
		*offered = f;
	f &= accept;
	wr(base, VIRTIO_MMIO_DRIVER_FEATURES_SEL, 1);
	wr(base, VIRTIO_MMIO_DRIVER_FEATURES, (uint32_t)(f >> 32));
	wr(base, VIRTIO_MMIO_DRIVER_FEATURES_SEL, 0);
	wr(base, VIRTIO_MMIO_DRIVER_FEATURES, (uint32_t)f);
	st = rd(base, VIRTIO_MMIO_STATUS);
	wr(base, VIRTIO_MMIO_STATUS, st | VIRTIO_CONFIG_S_FEATURES_OK);
	st = rd(base, VIRTIO_MMIO_STATUS);
	if (!(st & VIRTIO_CONFIG_S_FEATURES_OK))
		return 0;
	for (i = 0; i < nq; i++) {
		struct tq *q = &qs[i];

		setup_queue(q, base, i, num);
		wr(base, VIRTIO_MMIO_QUEUE_SEL, i);
		good &= rd(base, VIRTIO_MMIO_QUEUE_READY) == 0;
		good &= rd(base, VIRTIO_MMIO_QUEUE_NUM_MAX) >= num;
		wr(base, VIRTIO_MMIO_QUEUE_NUM, num);
		wr(base, VIRTIO_MMIO_QUEUE_DESC_LOW, (uint32_t)q->desc);
		wr(base, VIRTIO_MMIO_QUEUE_DESC_HIGH,
		   (uint32_t)(q->desc >> 32));
		wr(base, VIRTIO_MMIO_QUEUE_AVAIL_LOW, (uint32_t)q->avail);
		wr(base, VIRTIO_MMIO_QUEUE_AVAIL_HIGH,
		   (uint32_t)(q->avail >> 32));
		wr(base, VIRTIO_MMIO_QUEUE_USED_LOW, (uint32_t)q->used);
		wr(base, VIRTIO_MMIO_QUEUE_USED_HIGH,
		   (uint32_t)(q->used >> 32));
		wr(base, VIRTIO_MMIO_QUEUE_READY, 1);
		good &= rd(base, VIRTIO_MMIO_QUEUE_READY) == 1;
	}
	st = rd(base, VIRTIO_MMIO_STATUS);
	wr(base, VIRTIO_MMIO_STATUS, st | VIRTIO_CONFIG_S_DRIVER_OK);
	good &= rd(base, VIRTIO_MMIO_STATUS) ==
		(VIRTIO_CONFIG_S_ACKNOWLEDGE | VIRTIO_CONFIG_S_DRIVER |
		 VIRTIO_CONFIG_S_FEATURES_OK | VIRTIO_CONFIG_S_DRIVER_OK);
	return good;
}

#define BIT(n) (1ULL << (n))

/* Status register after ACK, DRIVER, features @f, FEATURES_OK. */
static uint32_t try_features(uint64_t base, uint64_t f)
{
	wr(base, VIRTIO_MMIO_STATUS, 0);
	wr(base, VIRTIO_MMIO_STATUS, VIRTIO_CONFIG_S_ACKNOWLEDGE);
	wr(base, VIRTIO_MMIO_STATUS,
	   VIRTIO_CONFIG_S_ACKNOWLEDGE | VIRTIO_CONFIG_S_DRIVER);
	wr(base, VIRTIO_MMIO_DRIVER_FEATURES_SEL, 1);
	wr(base, VIRTIO_MMIO_DRIVER_FEATURES, (uint32_t)(f >> 32));
	wr(base, VIRTIO_MMIO_DRIVER_FEATURES_SEL, 0);
	wr(base, VIRTIO_MMIO_DRIVER_FEATURES, (uint32_t)f);
	wr(base, VIRTIO_MMIO_STATUS,
	   VIRTIO_CONFIG_S_ACKNOWLEDGE | VIRTIO_CONFIG_S_DRIVER |
		   VIRTIO_CONFIG_S_FEATURES_OK);
	return rd(base, VIRTIO_MMIO_STATUS);
}

/* --- blk --- */

static uint8_t img_byte(size_t i)
{
	return (uint8_t)(i * 7 + i / 512 + 3);
}

static char img_path[300];

struct breq {
	uint64_t hdr, data, status;
};

/* Header, @len data bytes and the status byte in guest RAM. */
static struct breq blk_bufs(uint32_t type, uint64_t sector, uint32_t len)
{
	struct breq r;
	struct virtio_blk_outhdr *h;

	r.hdr = galloc(sizeof(*h), 16);
	r.data = len ? galloc(len, 16) : 0;
	r.status = galloc(1, 1);
	h = gp(r.hdr);
	h->type = htole32(type);
	h->ioprio = 0;
	h->sector = htole64(sector);
	*(uint8_t *)gp(r.status) = 0xee;
	return r;
}

/* A 3-descriptor chain at descriptor @d; data device-writable for IN. */
static void blk_chain(struct vring_desc *t, uint16_t d, struct breq *r,
		      uint32_t len, int in)
{
	uint16_t wf = VRING_DESC_F_WRITE;

	if (!len) {
		set_desc(t, d, r->hdr, 16, VRING_DESC_F_NEXT,
			 (uint16_t)(d + 1));
		set_desc(t, (uint16_t)(d + 1), r->status, 1, wf, 0);
		return;
	}
	set_desc(t, d, r->hdr, 16, VRING_DESC_F_NEXT, (uint16_t)(d + 1));
	set_desc(t, (uint16_t)(d + 1), r->data, len,
		 (uint16_t)(VRING_DESC_F_NEXT | (in ? wf : 0)),
		 (uint16_t)(d + 2));
	set_desc(t, (uint16_t)(d + 2), r->status, 1, wf, 0);
}

static int file_matches(const uint8_t *p, size_t off, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (p[i] != img_byte(off + i))
			return 0;
	return 1;
}

static uint8_t status_of(struct breq *r)
{
	return *(uint8_t *)gp(r->status);
}

/* Submit one 3-descriptor request at descriptors 0..2, wait. */
static int blk_one(struct tq *q, struct breq *r, uint32_t len, int in,
		   struct vring_used_elem *e)
{
	uint16_t u = used_idx(q);

	blk_chain(tdesc(q), 0, r, len, in);
	make_avail(q, 0);
	kick(q);
	if (!wait_used(q, (uint16_t)(u + 1), 5000))
		return 0;
	*e = used_elem(q, u);
	return 1;
}

static void test_blk(void)
{
	struct tq q;
	struct vring_used_elem e;
	struct breq r;
	uint64_t offered = 0;
	unsigned int n0;
	uint16_t u;
	uint8_t buf[512];
	int fd, i;

	/* feature negotiation failures first */
	ok((try_features(BLK_ADDR, 0) & VIRTIO_CONFIG_S_FEATURES_OK) == 0,
	   "blk: FEATURES_OK refused when the driver did not accept "
	   "VERSION_1");
	ok((try_features(BLK_ADDR, BIT(VIRTIO_F_VERSION_1) |
					   BIT(VIRTIO_RING_F_EVENT_IDX)) &
	    VIRTIO_CONFIG_S_FEATURES_OK) == 0,
	   "blk: FEATURES_OK refused for a feature not offered (EVENT_IDX)");
	ok(try_features(BLK_ADDR, BIT(VIRTIO_F_VERSION_1)) &
		   VIRTIO_CONFIG_S_FEATURES_OK,
	   "blk: FEATURES_OK latched for VERSION_1");

	ok(probe(BLK_ADDR, 2, ~0ULL & ~BIT(VIRTIO_RING_F_EVENT_IDX), &q, 1, 128,
		 &offered),
	   "blk: Linux 6.1 probe: magic, version 2, device id 2, vendor, "
	   "reset, features, FEATURES_OK, queue, DRIVER_OK");
	ok(offered ==
		   (BIT(VIRTIO_F_VERSION_1) | BIT(VIRTIO_RING_F_INDIRECT_DESC) |
		    BIT(VIRTIO_BLK_F_SEG_MAX) | BIT(VIRTIO_BLK_F_BLK_SIZE) |
		    BIT(VIRTIO_BLK_F_FLUSH) | BIT(VIRTIO_BLK_F_TOPOLOGY)),
	   "blk: features offered VERSION_1 INDIRECT_DESC SEG_MAX BLK_SIZE "
	   "FLUSH TOPOLOGY (0x%llx)",
	   (unsigned long long)offered);
	/* 4 MiB in 512-byte blocks (virtio spec 5.2.4 layout) */
	ok(rdc(BLK_ADDR, offsetof(struct virtio_blk_config, opt_io_size), 4) ==
			   8192 &&
		   rdc(BLK_ADDR,
		       offsetof(struct virtio_blk_config, min_io_size), 2) == 1,
	   "blk: topology: opt_io_size 8192 blocks (4 MiB), min_io_size 1");
	ok((rdc(BLK_ADDR, 0, 4) | rdc(BLK_ADDR, 4, 4) << 32) == IMG_SECTORS,
	   "blk: capacity as two 32-bit reads = file size / 512");
	ok(rdc(BLK_ADDR, 0, 8) == IMG_SECTORS &&
		   rdc(BLK_ADDR, 0, 1) == (IMG_SECTORS & 0xff),
	   "blk: capacity as one 64-bit and one 1-byte read");
	ok(rdc(BLK_ADDR, 20, 4) == 512 && rdc(BLK_ADDR, 12, 4) == 254,
	   "blk: blk_size 512, seg_max 254");
	trap(ZONE, CPU, 1, BLK_ADDR + VIRTIO_MMIO_CONFIG, 4, 7);
	ok(rdc(BLK_ADDR, 0, 4) == IMG_SECTORS,
	   "blk: config write ignored (answered)");
	ok(rdc(BLK_ADDR, 0xf0, 4) == 0, "blk: read beyond the config is 0");

	/* IN, direct */
	n0 = res_count();
	r = blk_bufs(VIRTIO_BLK_T_IN, 2, 1024);
	if (ok(blk_one(&q, &r, 1024, 1, &e), "blk: IN completed")) {
		ok(e.id == 0 && e.len == 1025 && status_of(&r) == 0,
		   "blk: IN used length 1025 (data + status), status OK");
		ok(file_matches(gp(r.data), 1024, 1024),
		   "blk: IN data equals the file (sectors 2-3)");
	}
	ok(res_count() == n0 + 1 && res_log[n0].target_zone == ZONE &&
		   res_log[n0].irq_id == BLK_IRQ,
	   "blk: one res_list entry {zone 1, irq 78} for the request");
	ok(rd(BLK_ADDR, VIRTIO_MMIO_INTERRUPT_STATUS) == 1,
	   "blk: InterruptStatus bit 0 set");
	{
		/*
		 * the bridge page's extension, read by offsets from
		 * docs/abi.md (what the hypervisor reads): magic at 2176,
		 * num_devs at 2180, 16-byte slots {address, zone, int_status}
		 * from 2184
		 */
		uint8_t *page = (uint8_t *)br;
		uint32_t magic, n, zone = 0, isr = 0, *slot_isr = NULL;
		uint64_t addr = 0;
		unsigned int k;

		memcpy(&magic, page + 2176, 4);
		memcpy(&n, page + 2180, 4);
		for (k = 0; k < n && k < 8 && !slot_isr; k++) {
			memcpy(&addr, page + 2184 + 16 * k, 8);
			if (addr != BLK_ADDR)
				continue;
			memcpy(&zone, page + 2184 + 16 * k + 8, 4);
			memcpy(&isr, page + 2184 + 16 * k + 12, 4);
			slot_isr =
				(uint32_t *)(void *)(page + 2184 + 16 * k + 12);
		}
		ok(magic == 0x31747865 && slot_isr && zone == ZONE && isr == 1,
		   "blk: bridge page extension at 2176: magic \"ext1\", a "
		   "slot {0x%llx, zone %u, int_status 1} (got magic 0x%x, "
		   "zone %u, int_status %u)",
		   (unsigned long long)BLK_ADDR, ZONE, magic, zone, isr);
		if (slot_isr) {
			/* the hypervisor answering an ACK clears the bit */
			__atomic_fetch_and(slot_isr, ~1u, __ATOMIC_SEQ_CST);
			ok(rd(BLK_ADDR, VIRTIO_MMIO_INTERRUPT_STATUS) == 0,
			   "blk: the daemon's InterruptStatus is the "
			   "extension's slot (cleared there, reads 0)");
			__atomic_fetch_or(slot_isr, 1u, __ATOMIC_SEQ_CST);
		} else {
			ok(0, "blk: the daemon's InterruptStatus is the "
			      "extension's slot (no slot)");
		}
	}
	wr(BLK_ADDR, VIRTIO_MMIO_INTERRUPT_ACK, 1);
	ok(rd(BLK_ADDR, VIRTIO_MMIO_INTERRUPT_STATUS) == 0,
	   "blk: InterruptACK clears it");

	/* IN through an indirect table, data split in two buffers */
	{
		uint64_t tab = galloc(4 * 16, 16);
		struct vring_desc *t = gp(tab);
		uint64_t d2;

		r = blk_bufs(VIRTIO_BLK_T_IN, 10, 512);
		d2 = galloc(1536, 16);
		set_desc(t, 0, r.hdr, 16, VRING_DESC_F_NEXT, 1);
		set_desc(t, 1, r.data, 512,
			 VRING_DESC_F_NEXT | VRING_DESC_F_WRITE, 2);
		set_desc(t, 2, d2, 1536, VRING_DESC_F_NEXT | VRING_DESC_F_WRITE,
			 3);
		set_desc(t, 3, r.status, 1, VRING_DESC_F_WRITE, 0);
		set_desc(tdesc(&q), 5, tab, 64, VRING_DESC_F_INDIRECT, 0);
		u = used_idx(&q);
		make_avail(&q, 5);
		kick(&q);
		ok(wait_used(&q, (uint16_t)(u + 1), 5000) &&
			   used_elem(&q, u).id == 5 &&
			   used_elem(&q, u).len == 2049 && status_of(&r) == 0 &&
			   file_matches(gp(r.data), 10 * 512, 512) &&
			   file_matches(gp(d2), 11 * 512, 1536),
		   "blk: IN through an indirect table (4 entries, 2 data "
		   "buffers) equals the file");
	}

	/* a batch: 4 requests, one kick, one IRQ */
	{
		struct breq b[4];

		u = used_idx(&q);
		for (i = 0; i < 4; i++) {
			b[i] = blk_bufs(VIRTIO_BLK_T_IN, (uint64_t)(20 + i),
					512);
			blk_chain(tdesc(&q), (uint16_t)(10 + 3 * i), &b[i], 512,
				  1);
		}
		for (i = 0; i < 4; i++)
			make_avail(&q, (uint16_t)(10 + 3 * i));
		n0 = res_count();
		kick(&q);
		ok(wait_used(&q, (uint16_t)(u + 4), 5000) &&
			   file_matches(gp(b[3].data), 23 * 512, 512),
		   "blk: a batch of 4 requests completed");
		usleep(20000);
		ok(res_count() == n0 + 1,
		   "blk: one IRQ for the batch (%u res entries)",
		   res_count() - n0);
	}

	/* OUT, checked with a read of the file by the test */
	r = blk_bufs(VIRTIO_BLK_T_OUT, 5, 512);
	memset(gp(r.data), 0xa5, 512);
	if (ok(blk_one(&q, &r, 512, 0, &e) && e.len == 1 && status_of(&r) == 0,
	       "blk: OUT completed, used length 1, status OK")) {
		fd = open(img_path, O_RDONLY);
		memset(buf, 0, sizeof(buf));
		ok(fd >= 0 && pread(fd, buf, 512, 5 * 512) == 512 &&
			   buf[0] == 0xa5 && buf[511] == 0xa5,
		   "blk: OUT data is in the file");
		if (fd >= 0)
			close(fd);
	}

	/*
	 * large reads (256 KiB or more, 4 KiB aligned: O_DIRECT where the
	 * image's file system allows it, see the daemon's "large reads" log
	 * line) see a write made just before through the page cache; an
	 * unaligned one is read buffered, also whole
	 */
	r = blk_bufs(VIRTIO_BLK_T_OUT, 300, 512);
	memset(gp(r.data), 0x5a, 512);
	ok(blk_one(&q, &r, 512, 0, &e) && status_of(&r) == 0,
	   "blk: OUT at sector 300 before the large reads");
	r = blk_bufs(VIRTIO_BLK_T_IN, 8, 512 * 1024);
	ok(blk_one(&q, &r, 512 * 1024, 1, &e) && e.len == 512 * 1024 + 1 &&
		   status_of(&r) == 0 &&
		   file_matches(gp(r.data), 8 * 512, (300 - 8) * 512) &&
		   ((uint8_t *)gp(r.data))[(300 - 8) * 512] == 0x5a &&
		   ((uint8_t *)gp(r.data))[(301 - 8) * 512 - 1] == 0x5a &&
		   file_matches((uint8_t *)gp(r.data) + (301 - 8) * 512,
				301 * 512, (1024 + 8 - 301) * 512),
	   "blk: a 512 KiB read at sector 8 equals the file, with the "
	   "sector just written");
	r = blk_bufs(VIRTIO_BLK_T_IN, 9, 300 * 1024);
	ok(blk_one(&q, &r, 300 * 1024, 1, &e) && e.len == 300 * 1024 + 1 &&
		   status_of(&r) == 0 &&
		   file_matches(gp(r.data), 9 * 512, (300 - 9) * 512) &&
		   ((uint8_t *)gp(r.data))[(300 - 9) * 512] == 0x5a &&
		   file_matches((uint8_t *)gp(r.data) + (301 - 9) * 512,
				301 * 512, (600 + 9 - 301) * 512),
	   "blk: a 300 KiB read at sector 9 (not 4 KiB aligned) equals the "
	   "file");

	r = blk_bufs(VIRTIO_BLK_T_FLUSH, 0, 0);
	ok(blk_one(&q, &r, 0, 1, &e) && status_of(&r) == VIRTIO_BLK_S_OK &&
		   e.len == 1,
	   "blk: FLUSH status OK");

	r = blk_bufs(VIRTIO_BLK_T_GET_ID, 0, 20);
	memset(gp(r.data), 0x55, 20);
	ok(blk_one(&q, &r, 20, 1, &e) && status_of(&r) == VIRTIO_BLK_S_OK &&
		   e.len == 21 && !memcmp(gp(r.data), "hvisor-c-blk", 12) &&
		   ((uint8_t *)gp(r.data))[12] == 0 &&
		   ((uint8_t *)gp(r.data))[19] == 0,
	   "blk: GET_ID \"hvisor-c-blk\" padded to 20 bytes");

	r = blk_bufs(11 /* DISCARD: not offered */, 0, 16);
	ok(blk_one(&q, &r, 16, 0, &e) && status_of(&r) == VIRTIO_BLK_S_UNSUPP,
	   "blk: other request types UNSUPP");

	r = blk_bufs(VIRTIO_BLK_T_IN, IMG_SECTORS - 1, 1024);
	ok(blk_one(&q, &r, 1024, 1, &e) && status_of(&r) == VIRTIO_BLK_S_IOERR,
	   "blk: read past the capacity IOERR");
	r = blk_bufs(VIRTIO_BLK_T_OUT, 1ULL << 62, 512);
	ok(blk_one(&q, &r, 512, 0, &e) && status_of(&r) == VIRTIO_BLK_S_IOERR,
	   "blk: write at sector 2^62 IOERR");

	/* hostile chains: refused, completed with length 0 */
	r = blk_bufs(VIRTIO_BLK_T_IN, 0, 512);
	blk_chain(tdesc(&q), 0, &r, 512, 1);
	set_desc(tdesc(&q), 1, RAM_GPA + RAM_SIZE - 256, 512,
		 VRING_DESC_F_NEXT | VRING_DESC_F_WRITE, 2);
	u = used_idx(&q);
	make_avail(&q, 0);
	kick(&q);
	ok(wait_used(&q, (uint16_t)(u + 1), 5000) &&
		   used_elem(&q, u).len == 0 && status_of(&r) == 0xee,
	   "blk: buffer crossing the end of guest RAM refused (length 0, "
	   "nothing written)");
	set_desc(tdesc(&q), 1, 0x10000000, 512,
		 VRING_DESC_F_NEXT | VRING_DESC_F_WRITE, 2);
	make_avail(&q, 0);
	kick(&q);
	ok(wait_used(&q, (uint16_t)(u + 2), 5000) &&
		   used_elem(&q, u + 1).len == 0,
	   "blk: buffer outside guest RAM refused");
	set_desc(tdesc(&q), 0, r.hdr, 16, VRING_DESC_F_NEXT, 1);
	set_desc(tdesc(&q), 1, r.data, 512, VRING_DESC_F_NEXT, 0);
	make_avail(&q, 0);
	kick(&q);
	ok(wait_used(&q, (uint16_t)(u + 3), 5000) &&
		   used_elem(&q, u + 2).len == 0,
	   "blk: descriptor loop refused");
	set_desc(tdesc(&q), 0, r.hdr, 16, VRING_DESC_F_NEXT, 200);
	make_avail(&q, 0);
	kick(&q);
	ok(wait_used(&q, (uint16_t)(u + 4), 5000) &&
		   used_elem(&q, u + 3).len == 0,
	   "blk: descriptor index beyond the queue refused");
	{
		uint64_t tab = galloc(32, 16), tab2 = galloc(48, 16);
		struct breq rn = blk_bufs(VIRTIO_BLK_T_IN, 0, 512);

		/* a good request, but behind two levels of tables */
		blk_chain(gp(tab2), 0, &rn, 512, 1);
		set_desc(gp(tab), 0, tab2, 48, VRING_DESC_F_INDIRECT, 0);
		set_desc(tdesc(&q), 0, tab, 16, VRING_DESC_F_INDIRECT, 0);
		make_avail(&q, 0);
		set_desc(tdesc(&q), 1, tab, 24, VRING_DESC_F_INDIRECT, 0);
		make_avail(&q, 1);
		set_desc(tdesc(&q), 2, r.status, 1, VRING_DESC_F_WRITE,
			 0); /* no header */
		make_avail(&q, 2);
		set_desc(tdesc(&q), 3, r.status, 1,
			 VRING_DESC_F_WRITE | VRING_DESC_F_NEXT, 4);
		set_desc(tdesc(&q), 4, r.hdr, 16, 0, 0);
		make_avail(&q, 3);
		kick(&q);
		ok(wait_used(&q, (uint16_t)(u + 8), 5000) &&
			   used_elem(&q, u + 4).len == 0 &&
			   used_elem(&q, u + 5).len == 0 &&
			   used_elem(&q, u + 6).len == 0 &&
			   used_elem(&q, u + 7).len == 0,
		   "blk: nested indirect, indirect length not a multiple of "
		   "16, no header, readable after writable: refused");
	}
	r = blk_bufs(VIRTIO_BLK_T_IN, 7, 512);
	ok(blk_one(&q, &r, 512, 1, &e) && status_of(&r) == 0 &&
		   file_matches(gp(r.data), 7 * 512, 512),
	   "blk: the device still works after bad chains");

	/* VRING_AVAIL_F_NO_INTERRUPT */
	__atomic_store_n(&tavail(&q)->flags,
			 htole16(VRING_AVAIL_F_NO_INTERRUPT), __ATOMIC_RELAXED);
	n0 = res_count();
	r = blk_bufs(VIRTIO_BLK_T_IN, 7, 512);
	ok(blk_one(&q, &r, 512, 1, &e) && (usleep(20000), res_count() == n0),
	   "blk: no IRQ while the driver sets VRING_AVAIL_F_NO_INTERRUPT");
	__atomic_store_n(&tavail(&q)->flags, 0, __ATOMIC_RELAXED);

	/* reset in the middle: pending work is forgotten */
	{
		struct breq b = blk_bufs(VIRTIO_BLK_T_IN, 3, 512);

		wr(BLK_ADDR, VIRTIO_MMIO_INTERRUPT_ACK, 0);
		blk_chain(tdesc(&q), 30, &b, 512, 1);
		u = used_idx(&q);
		make_avail(&q, 30);
		wr(BLK_ADDR, VIRTIO_MMIO_STATUS, 0); /* before the kick */
		kick(&q);
		usleep(50000);
		ok(used_idx(&q) == u && status_of(&b) == 0xee,
		   "blk: reset with a request pending: not processed, kick "
		   "after reset ignored");
		ok(rd(BLK_ADDR, VIRTIO_MMIO_STATUS) == 0 &&
			   rd(BLK_ADDR, VIRTIO_MMIO_INTERRUPT_STATUS) == 0 &&
			   (wr(BLK_ADDR, VIRTIO_MMIO_QUEUE_SEL, 0),
			    rd(BLK_ADDR, VIRTIO_MMIO_QUEUE_READY) == 0),
		   "blk: after reset Status 0, InterruptStatus 0, QueueReady "
		   "0");
		wr(BLK_ADDR, VIRTIO_MMIO_STATUS, VIRTIO_CONFIG_S_ACKNOWLEDGE);
		wr(BLK_ADDR, VIRTIO_MMIO_STATUS,
		   VIRTIO_CONFIG_S_ACKNOWLEDGE | VIRTIO_CONFIG_S_DRIVER |
			   VIRTIO_CONFIG_S_FEATURES_OK);
		ok(!(rd(BLK_ADDR, VIRTIO_MMIO_STATUS) &
		     VIRTIO_CONFIG_S_FEATURES_OK),
		   "blk: reset cleared the driver's features");
		wr(BLK_ADDR, VIRTIO_MMIO_STATUS, 0);
		wr(BLK_ADDR, VIRTIO_MMIO_STATUS, 0);
		ok(rd(BLK_ADDR, VIRTIO_MMIO_STATUS) == 0,
		   "blk: reset twice (idempotent)");
	}
	/* reset while the worker is busy with a big batch */
	{
		struct breq b[8];

		probe(BLK_ADDR, 2, BIT(VIRTIO_F_VERSION_1), &q, 1, 64, NULL);
		for (i = 0; i < 8; i++) {
			b[i] = blk_bufs(VIRTIO_BLK_T_IN, (uint64_t)(8 * i),
					4096);
			blk_chain(tdesc(&q), (uint16_t)(3 * i), &b[i], 4096, 1);
			make_avail(&q, (uint16_t)(3 * i));
		}
		kick(&q);
		wr(BLK_ADDR, VIRTIO_MMIO_STATUS, 0);
		u = used_idx(&q);
		usleep(20000);
		ok(used_idx(&q) == u && rd(BLK_ADDR, VIRTIO_MMIO_STATUS) == 0,
		   "blk: reset right after a kick: the worker is quiesced, "
		   "nothing written after the reset (%u of 8 done before)",
		   u);
	}
	ok(probe(BLK_ADDR, 2, BIT(VIRTIO_F_VERSION_1), &q, 1, 256, NULL),
	   "blk: probe again after reset (queue size 256)");
	r = blk_bufs(VIRTIO_BLK_T_IN, 0, 512);
	ok(blk_one(&q, &r, 512, 1, &e) && e.len == 513 &&
		   file_matches(gp(r.data), 0, 512),
	   "blk: IN works after the reset");

	/* bad queue set-ups */
	wr(BLK_ADDR, VIRTIO_MMIO_STATUS, 0);
	wr(BLK_ADDR, VIRTIO_MMIO_QUEUE_SEL, 0);
	wr(BLK_ADDR, VIRTIO_MMIO_QUEUE_NUM, 64);
	wr(BLK_ADDR, VIRTIO_MMIO_QUEUE_DESC_LOW, 0x1000);
	wr(BLK_ADDR, VIRTIO_MMIO_QUEUE_AVAIL_LOW, 0x2000);
	wr(BLK_ADDR, VIRTIO_MMIO_QUEUE_USED_LOW, 0x3000);
	wr(BLK_ADDR, VIRTIO_MMIO_QUEUE_READY, 1);
	ok(rd(BLK_ADDR, VIRTIO_MMIO_QUEUE_READY) == 0,
	   "blk: QueueReady refused for rings outside guest RAM");
	wr(BLK_ADDR, VIRTIO_MMIO_QUEUE_SEL, 1);
	ok(rd(BLK_ADDR, VIRTIO_MMIO_QUEUE_NUM_MAX) == 0,
	   "blk: QueueNumMax 0 for a queue that does not exist");
	wr(BLK_ADDR, VIRTIO_MMIO_QUEUE_READY, 1);
	wr(BLK_ADDR, VIRTIO_MMIO_QUEUE_NOTIFY, 1);
	ok(trap(ZONE, CPU, 0, BLK_ADDR + VIRTIO_MMIO_MAGIC_VALUE, 2, 0) == 0 &&
		   rd(BLK_ADDR, VIRTIO_MMIO_QUEUE_PFN) == 0 &&
		   rd(BLK_ADDR, 0x0f0) == 0,
	   "blk: 2-byte register read, legacy QueuePFN, unknown register: "
	   "read as 0");
}

static void test_blk_ro(void)
{
	struct tq q;
	struct vring_used_elem e;
	struct breq r;
	uint64_t offered = 0;
	uint8_t buf[512];
	int fd, good;

	good = probe(RO_ADDR, 2, ~0ULL & ~BIT(VIRTIO_RING_F_EVENT_IDX), &q, 1,
		     64, &offered);
	ok(good && (offered & BIT(VIRTIO_BLK_F_RO)),
	   "blk read_only: probe, VIRTIO_BLK_F_RO offered");
	r = blk_bufs(VIRTIO_BLK_T_OUT, 40, 512);
	memset(gp(r.data), 0x5a, 512);
	ok(blk_one(&q, &r, 512, 0, &e) && status_of(&r) == VIRTIO_BLK_S_IOERR,
	   "blk read_only: OUT IOERR");
	fd = open(img_path, O_RDONLY);
	ok(fd >= 0 && pread(fd, buf, 512, 40 * 512) == 512 &&
		   file_matches(buf, 40 * 512, 512),
	   "blk read_only: file unchanged");
	if (fd >= 0)
		close(fd);
	r = blk_bufs(VIRTIO_BLK_T_IN, 40, 512);
	ok(blk_one(&q, &r, 512, 1, &e) && status_of(&r) == 0 &&
		   file_matches(gp(r.data), 40 * 512, 512),
	   "blk read_only: IN works");
}

/* --- console --- */

static int read_fd(int fd, void *buf, size_t len, int ms)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };
	size_t got = 0;
	int64_t end = ms_now() + ms;

	while (got < len && ms_now() < end) {
		ssize_t n;

		vd_core_poll(core, 0);
		if (poll(&p, 1, 10) <= 0)
			continue;
		n = read(fd, (uint8_t *)buf + got, len - got);
		if (n > 0)
			got += (size_t)n;
	}
	return (int)got;
}

static void con_rxbuf(struct tq *q, uint16_t d, uint64_t buf, uint32_t len)
{
	set_desc(tdesc(q), d, buf, len, VRING_DESC_F_WRITE, 0);
	make_avail(q, d);
}

static void test_console(void)
{
	struct tq q[2];
	uint64_t offered = 0, rx1, rx2, rx3, tx;
	const char *pty;
	struct vd_dev *d;
	unsigned int n0, i;
	char buf[64];
	int fd = -1, good, events;

	good = probe(CON_ADDR, 3, ~0ULL, q, 2, 64, &offered);
	ok(good && offered == BIT(VIRTIO_F_VERSION_1),
	   "console: probe, device id 3, features VERSION_1 only");
	d = vd_core_device(core, 1);
	pty = d ? vd_console_pty(d) : NULL;
	ok(pty && !strncmp(pty, "/dev/pts/", 9), "console: pty %s",
	   pty ? pty : "(none)");
	if (pty)
		fd = open(pty, O_RDWR | O_NOCTTY | O_NONBLOCK);
	if (!ok(fd >= 0, "console: the test opens the pty"))
		return;

	rx1 = galloc(64, 16);
	rx2 = galloc(64, 16);
	con_rxbuf(&q[0], 0, rx1, 64);
	con_rxbuf(&q[0], 1, rx2, 64);
	kick(&q[0]);
	n0 = res_count();
	ok(write(fd, "hello", 5) == 5, "console: typed into the pty");
	ok(wait_used(&q[0], 1, 2000) && used_elem(&q[0], 0).len == 5 &&
		   !memcmp(gp(rx1), "hello", 5),
	   "console: RX: input from the pty lands in the receive buffer");
	ok(res_count() > n0 && res_log[n0].irq_id == CON_IRQ,
	   "console: RX raised irq 76");

	tx = galloc(64, 16);
	memcpy(gp(tx), "world\n", 6);
	set_desc(tdesc(&q[1]), 0, tx, 6, 0, 0);
	make_avail(&q[1], 0);
	kick(&q[1]);
	ok(used_idx(&q[1]) == 1 && used_elem(&q[1], 0).len == 0,
	   "console: TX buffer completed at once");
	memset(buf, 0, sizeof(buf));
	ok(read_fd(fd, buf, 6, 2000) == 6 && !memcmp(buf, "world\n", 6),
	   "console: TX: output readable from the pty");

	/* no receive buffer: input waits in the pty, not dropped */
	ok(write(fd, "abc", 3) == 3 && wait_used(&q[0], 2, 2000) &&
		   !memcmp(gp(rx2), "abc", 3),
	   "console: second receive buffer filled");
	ok(write(fd, "xyz", 3) == 3, "console: typed with no buffer posted");
	for (i = 0, events = 0; i < 20; i++)
		events += vd_core_poll(core, 5);
	ok(used_idx(&q[0]) == 2, "console: nothing consumed without buffers");
	ok(events <= 2,
	   "console: the pty is not polled while no receive buffer is "
	   "posted (%d events in 20 polls)",
	   events);
	rx3 = galloc(64, 16);
	con_rxbuf(&q[0], 2, rx3, 64);
	kick(&q[0]);
	ok(wait_used(&q[0], 3, 2000) && used_elem(&q[0], 2).len == 3 &&
		   !memcmp(gp(rx3), "xyz", 3),
	   "console: after the kick the waiting input arrives");

	/* nobody reads: transmit buffers still complete, drops are logged */
	{
		uint64_t big = galloc(4096, 16);
		uint16_t k;

		memset(gp(big), 'x', 4096);
		for (k = 0; k < 48; k++) {
			set_desc(tdesc(&q[1]), k, big, 4096, 0, 0);
			make_avail(&q[1], k);
			if (k % 16 == 15)
				kick(&q[1]);
		}
		ok(used_idx(&q[1]) == 49,
		   "console: 192 KiB of output nobody reads: all transmit "
		   "buffers completed");
		ok(log_has("bytes of output dropped"),
		   "console: output beyond the buffer counted in the log");
		while (read_fd(fd, buf, sizeof(buf), 50) > 0)
			;
		memcpy(gp(tx), "again\n", 6);
		set_desc(tdesc(&q[1]), 0, tx, 6, 0, 0);
		make_avail(&q[1], 0);
		kick(&q[1]);
		memset(buf, 0, sizeof(buf));
		ok(read_fd(fd, buf, 6, 2000) == 6 && !memcmp(buf, "again\n", 6),
		   "console: output flows again once the pty is read");
	}
	close(fd);
}

/* --- net --- */

static int net_peer = -1;

static void test_net(void)
{
	struct tq q[2];
	uint64_t offered = 0, rx, hdr, frame;
	struct virtio_net_hdr_v1 *h;
	uint8_t pkt[72], got[128];
	unsigned int i;
	int good = 1, events;

	good = probe(NET_ADDR, 1, ~0ULL, q, 2, 256, &offered);
	ok(good && offered == (BIT(VIRTIO_F_VERSION_1) | BIT(VIRTIO_NET_F_MAC) |
			       BIT(VIRTIO_NET_F_STATUS)),
	   "net: probe, device id 1, features MAC STATUS VERSION_1 (0x%llx)",
	   (unsigned long long)offered);
	for (i = 0; i < 6; i++)
		got[i] = (uint8_t)rdc(NET_ADDR, i, 1);
	ok(!memcmp(got, "\x00\x16\x3e\x10\x10\x10", 6),
	   "net: mac read as 6 single bytes");
	ok(rdc(NET_ADDR, 6, 2) == VIRTIO_NET_S_LINK_UP,
	   "net: status LINK_UP (16-bit read)");

	rx = galloc(1526, 16);
	set_desc(tdesc(&q[0]), 0, rx, 1526, VRING_DESC_F_WRITE, 0);
	make_avail(&q[0], 0);
	kick(&q[0]);
	memset(pkt, 0xff, 12); /* header flags the daemon must clear */
	for (i = 12; i < sizeof(pkt); i++)
		pkt[i] = (uint8_t)i;
	ok(send(net_peer, pkt, sizeof(pkt), 0) == (ssize_t)sizeof(pkt),
	   "net: frame sent by the peer");
	h = gp(rx);
	ok(wait_used(&q[0], 1, 2000) && used_elem(&q[0], 0).len == 72 &&
		   !memcmp((uint8_t *)gp(rx) + 12, pkt + 12, 60) &&
		   h->flags == 0 && h->gso_type == 0 &&
		   le16toh(h->num_buffers) == 1,
	   "net: RX frame in the buffer, header cleared, num_buffers 1");

	hdr = galloc(12, 16);
	frame = galloc(60, 16);
	memset(gp(hdr), 0, 12);
	for (i = 0; i < 60; i++)
		((uint8_t *)gp(frame))[i] = (uint8_t)(0x80 + i);
	set_desc(tdesc(&q[1]), 0, hdr, 12, VRING_DESC_F_NEXT, 1);
	set_desc(tdesc(&q[1]), 1, frame, 60, 0, 0);
	make_avail(&q[1], 0);
	kick(&q[1]);
	memset(got, 0, sizeof(got));
	ok(used_idx(&q[1]) == 1 && recv(net_peer, got, sizeof(got), 0) == 72 &&
		   !memcmp(got + 12, gp(frame), 60),
	   "net: TX header + frame gathered into one frame");

	/* no receive buffer: the frame waits */
	ok(send(net_peer, pkt, 40, 0) == 40,
	   "net: frame with no buffer posted");
	for (i = 0, events = 0; i < 20; i++)
		events += vd_core_poll(core, 5);
	good = used_idx(&q[0]) == 1;
	ok(events <= 2,
	   "net: the frame fd is not polled while no receive buffer is "
	   "posted (%d events in 20 polls)",
	   events);
	set_desc(tdesc(&q[0]), 1, rx, 1526, VRING_DESC_F_WRITE, 0);
	make_avail(&q[0], 1);
	kick(&q[0]);
	ok(good && wait_used(&q[0], 2, 2000) && used_elem(&q[0], 1).len == 40,
	   "net: the waiting frame is delivered after the kick");
	/* a receive chain too small for the frame: truncated to the chain */
	set_desc(tdesc(&q[0]), 2, rx, 30, VRING_DESC_F_WRITE, 0);
	make_avail(&q[0], 2);
	kick(&q[0]);
	ok(send(net_peer, pkt, 72, 0) == 72 && wait_used(&q[0], 3, 2000) &&
		   used_elem(&q[0], 2).len <= 30,
	   "net: used length never exceeds the receive chain");
}

/* --- the bridge itself --- */

static void test_bridge(void)
{
	uint64_t f = br->cfg_flags[CPU];
	uint32_t front;
	struct vd_dev *d;
	int64_t t0;
	unsigned int i;

	ok(trap(ZONE, CPU, 0, 0xa000000, 4, 0) == 0 &&
		   br->cfg_flags[CPU] == f + 1,
	   "bridge: read of an address with no device answered 0");
	trap(ZONE, CPU, 1, 0xa000070, 4, 0);
	ok(br->cfg_flags[CPU] == f + 2,
	   "bridge: write of an address with no device answered");
	ok(trap(2, CPU, 0, BLK_ADDR, 4, 0) == 0,
	   "bridge: another zone's access to the window answered 0");
	front = br->req_front;
	trap(ZONE, 40, 0, BLK_ADDR, 4, 0);
	ok(br->req_front == (front + 1) % HVISOR_VIRTIO_MAX_REQ,
	   "bridge: request from CPU 40 consumed and skipped");
	ok(trap(ZONE, 31, 0, BLK_ADDR, 4, 0) == VD_MAGIC,
	   "bridge: CPU 31 answered in its own slot");
	ok(log_has("no device there") && log_has("skipped"),
	   "bridge: unknown address and bad CPU logged");

	/* res ring full: bounded wait, then the IRQ is dropped */
	d = vd_core_device(core, 1);
	__atomic_store_n(&finish_off, 1, __ATOMIC_RELEASE);
	t0 = ms_now();
	for (i = 0; i < HVISOR_VIRTIO_MAX_RES + 2; i++)
		vd_dev_interrupt(d);
	ok(ms_now() - t0 < 2000 && log_has("res ring stays full"),
	   "bridge: full res ring: bounded wait, drop logged (%lld ms)",
	   (long long)(ms_now() - t0));
	__atomic_store_n(&finish_off, 0, __ATOMIC_RELEASE);
	f = res_count();
	vd_dev_interrupt(d);
	ok(res_count() == f + HVISOR_VIRTIO_MAX_RES,
	   "bridge: FINISH_REQ drains the ring again (%u entries)",
	   res_count() - (unsigned int)f);
	wr(CON_ADDR, VIRTIO_MMIO_INTERRUPT_ACK, 3);
}

/* --- configuration rules --- */

static int cfg_err(const char *json, const char *key, const char *msg)
{
	static struct virtio_cfg vc;
	struct json_err je;
	char k[128], m[256];

	if (virtio_cfg_parse(json, &vc, &je)) {
		fprintf(stderr, "# parse: %s: %s\n", je.key, je.msg);
		return !key && !msg
			       ? 0
			       : !strcmp(je.key, key) && strstr(je.msg, msg);
	}
	if (!vd_cfg_check(&vc, k, sizeof(k), m, sizeof(m)))
		return !key;
	fprintf(stderr, "# check: %s: %s\n", k, m);
	return key && !strcmp(k, key) && strstr(m, msg);
}

#define MEM                                                                    \
	"\"memory_region\": [{\"zone0_ipa\": \"0x50000000\", "                 \
	"\"zonex_ipa\": \"0x50000000\", \"size\": \"0x400000\"}]"
#define DEV(t, a, l, i)                                                        \
	"{\"type\": \"" t "\", \"addr\": \"" a "\", \"len\": \"" l             \
	"\", \"irq\": " i ", \"status\": \"enable\"}"

static void test_config(void)
{
	ok(cfg_err("{\"zones\": [{\"id\": 1, " MEM ", \"devices\": [" DEV(
			   "console", "0xa003800", "0x200", "76") "]}]}",
		   NULL, NULL),
	   "config: a console alone passes");
	ok(cfg_err("{\"zones\": [{\"id\": 1, " MEM ", \"devices\": [" DEV(
			   "gpu", "0xa003800", "0x200", "76") "]}]}",
		   "zones[0].devices[0].type",
		   "gpu is not supported by this daemon"),
	   "config: gpu refused naming the key");
	ok(cfg_err("{\"zones\": [{\"id\": 1, " MEM ", \"devices\": [" DEV(
			   "scmi", "0xa003800", "0x200", "76") "]}]}",
		   "zones[0].devices[0].type",
		   "scmi is not supported by this daemon"),
	   "config: scmi refused naming the key");
	ok(cfg_err("{\"zones\": [{\"id\": 1, " MEM ", \"devices\": [" DEV(
			   "console", "0xa003800", "0x80", "76") "]}]}",
		   "zones[0].devices[0].len", "less than 0x100"),
	   "config: len < 0x100 refused");
	ok(cfg_err("{\"zones\": [{\"id\": 1, " MEM ", \"devices\": [" DEV(
			   "console", "0xa003800", "0x200", "31") "]}]}",
		   "zones[0].devices[0].irq", "is not a GIC SPI"),
	   "config: irq 31 refused");
	ok(cfg_err("{\"zones\": [{\"id\": 1, " MEM ", \"devices\": [" DEV(
			   "console", "0xa003800", "0x200", "1020") "]}]}",
		   "zones[0].devices[0].irq", "is not a GIC SPI"),
	   "config: irq 1020 refused");
	ok(cfg_err("{\"zones\": [{\"id\": 1, " MEM
		   ", \"devices\": [" DEV("console", "0xa003800", "0x200",
					  "76") ", " DEV("console", "0xa003900",
							 "0x200", "77") "]}]}",
		   "zones[0].devices[1].addr", "overlaps zones[0].devices[0]"),
	   "config: overlapping windows of one zone refused");
	ok(cfg_err("{\"zones\": [{\"id\": 1, " MEM ", \"devices\": [" DEV(
			   "console", "0xa003800", "0x200",
			   "76") "]}, {\"id\": 2, " MEM
				 ", \"devices\": [" DEV("console", "0xa003800",
							"0x200", "76") "]}]}",
		   NULL, NULL),
	   "config: the same window in two zones passes");
	ok(cfg_err("{\"zones\": [{\"id\": 1, \"memory_region\": [], "
		   "\"devices\": [" DEV("console", "0xa003800", "0x200",
					"76") "]}]}",
		   "zones[0].memory_region", "needs the zone's RAM"),
	   "config: a device without memory_region refused");
	ok(cfg_err("{\"zones\": [{\"id\": 1, \"memory_region\": "
		   "[{\"zone0_ipa\": \"0x50000800\", \"zonex_ipa\": "
		   "\"0x50000000\", \"size\": \"0x400000\"}], "
		   "\"devices\": [" DEV("console", "0xa003800", "0x200",
					"76") "]}]}",
		   "zones[0].memory_region[0]", "4 KiB aligned"),
	   "config: zone0_ipa not page aligned refused");
	ok(cfg_err("{\"zones\": [{\"id\": 1, \"memory_region\": "
		   "[{\"zone0_ipa\": \"0x50000000\", \"zonex_ipa\": "
		   "\"0x50000000\", \"size\": \"0x400100\"}], "
		   "\"devices\": [" DEV("console", "0xa003800", "0x200",
					"76") "]}]}",
		   "zones[0].memory_region[0]", "4 KiB aligned"),
	   "config: size not page aligned refused");
	ok(cfg_err("{\"zones\": [{\"id\": 1, " MEM ", \"devices\": [{\"type\": "
		   "\"console\", \"addr\": \"0xa003800\", \"len\": \"0x200\", "
		   "\"irq\": 76, \"status\": \"disable\"}]}]}",
		   "zones", "no enabled device"),
	   "config: nothing enabled refused");
	ok(cfg_err("{\"zones\": [{\"id\": 1, " MEM ", \"devices\": [{\"type\": "
		   "\"blk\", \"addr\": \"0xa003800\", \"len\": \"0x200\", "
		   "\"irq\": 76, \"img\": \"a\", \"read_only\": 1, \"status\": "
		   "\"enable\"}]}]}",
		   "zones[0].devices[0].read_only", "true or false"),
	   "config: read_only must be a JSON bool");
	ok(cfg_err("{\"zones\": [{\"id\": 1, " MEM ", \"devices\": [{\"type\": "
		   "\"console\", \"addr\": \"0xa003800\", \"len\": \"0x200\", "
		   "\"irq\": 76, \"read_only\": true, \"status\": "
		   "\"enable\"}]}]}",
		   "zones[0].devices[0].read_only", "only blk"),
	   "config: read_only on a console refused");
}

/* --- set-up --- */

static int count_fds(void)
{
	DIR *d = opendir("/proc/self/fd");
	int n = 0;

	if (!d)
		return -1;
	while (readdir(d))
		n++;
	closedir(d);
	return n;
}

static const char cfg_json[] =
	"{\"zones\": [{\"id\": 1, " MEM ", \"devices\": ["
	"{\"type\": \"blk\", \"addr\": \"0xa003c00\", \"len\": \"0x200\", "
	"\"irq\": 78, \"img\": \"disk.img\", \"status\": \"enable\"}, "
	"{\"type\": \"console\", \"addr\": \"0xa003800\", \"len\": \"0x200\", "
	"\"irq\": 76, \"status\": \"enable\"}, "
	"{\"type\": \"net\", \"addr\": \"0xa003600\", \"len\": \"0x200\", "
	"\"irq\": 75, \"tap\": \"tap0\", \"mac\": [\"0x00\", \"0x16\", "
	"\"0x3e\", \"0x10\", \"0x10\", \"0x10\"], \"status\": \"enable\"}, "
	"{\"type\": \"blk\", \"addr\": \"0xa003400\", \"len\": \"0x200\", "
	"\"irq\": 74, \"img\": \"disk.img\", \"read_only\": true, "
	"\"status\": \"enable\"}, "
	"{\"type\": \"gpu\", \"addr\": \"0xa003200\", \"len\": \"0x200\", "
	"\"irq\": 73, \"status\": \"disable\"}]}]}";

static int setup(void)
{
	static struct virtio_cfg vc;
	struct vd_host_ops ops = { fake_finish, NULL };
	struct json_err je;
	char cfg_file[300], err[VD_ERR_MAX], key[128], msg[256];
	struct virtio_cfg_device missing;
	uint8_t *img;
	struct vd_mem *m;
	unsigned int j;
	int fd, sv[2], good = 1;
	size_t i;

	snprintf(img_path, sizeof(img_path), "%s/disk.img", dir);
	snprintf(cfg_file, sizeof(cfg_file), "%s/virtio_cfg.json", dir);
	img = malloc(IMG_SIZE);
	for (i = 0; i < IMG_SIZE; i++)
		img[i] = img_byte(i);
	fd = open(img_path, O_RDWR | O_CREAT | O_TRUNC, 0644);
	if (fd < 0 || write(fd, img, IMG_SIZE) != IMG_SIZE) {
		fprintf(stderr, "# %s: %s\n", img_path, strerror(errno));
		return -1;
	}
	close(fd);
	free(img);

	ram = aligned_alloc(4096, RAM_SIZE);
	br = aligned_alloc(4096, HVISOR_VIRTIO_BRIDGE_SIZE);
	if (!ram || !br)
		return -1;
	memset(ram, 0, RAM_SIZE);
	memset(br, 0, HVISOR_VIRTIO_BRIDGE_SIZE);
	core = vd_core_new(test_log, NULL);
	if (!core)
		return -1;
	vd_core_set_bridge(core, br, &ops);
	m = vd_core_zone_mem(core, ZONE);
	m->w[0].gpa = RAM_GPA;
	m->w[0].size = RAM_SIZE;
	m->w[0].hva = ram;
	m->n = 1;

	ok(!virtio_cfg_parse(cfg_json, &vc, &je) &&
		   vc.zones[0].devs[3].read_only &&
		   !vc.zones[0].devs[0].read_only,
	   "config: virtio_cfg.json with read_only parses");
	ok(!vd_cfg_check(&vc, key, sizeof(key), msg, sizeof(msg)),
	   "config: the test's file passes the daemon's checks");
	missing = vc.zones[0].devs[0];
	strcpy(missing.img, "missing.img");
	ok(!vd_core_add_device(core, ZONE, &missing, cfg_file, -1, err) &&
		   !strcmp(err, "img: missing.img: No such file or directory"),
	   "config: a missing image names the key (%s)", err);
	if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv))
		return -1;
	net_peer = sv[1];
	for (j = 0; j < 4; j++) {
		struct vd_dev *d =
			vd_core_add_device(core, ZONE, &vc.zones[0].devs[j],
					   cfg_file, j == 2 ? sv[0] : -1, err);

		if (!d) {
			fprintf(stderr, "# device %u: %s\n", j, err);
			good = 0;
		}
	}
	return ok(good, "set-up: blk (relative img), console, net "
			"(socketpair), read-only blk created")
		       ? 0
		       : -1;
}

int main(int argc, char **argv)
{
	int fds, k, cyc_ok = 1;

	setvbuf(stdout, NULL, _IOLBF, 0);
	if (argc > 1) {
		snprintf(dir, sizeof(dir), "%s", argv[1]);
		mkdir(dir, 0755);
	} else {
		snprintf(dir, sizeof(dir), "/tmp/virtio_test.XXXXXX");
		if (!mkdtemp(dir))
			return 2;
	}
	test_config();
	if (setup()) {
		printf("not ok - set-up failed\n");
		return 1;
	}
	test_blk();
	test_blk_ro();
	test_console();
	test_net();
	test_bridge();

	/* 20 zone runs: reset every device, probe, one request */
	fds = count_fds();
	for (k = 0; k < 20; k++) {
		struct tq q, cq[2], nq[2];
		struct vring_used_elem e;
		struct breq r;

		wr(BLK_ADDR, VIRTIO_MMIO_STATUS, 0);
		wr(CON_ADDR, VIRTIO_MMIO_STATUS, 0);
		wr(NET_ADDR, VIRTIO_MMIO_STATUS, 0);
		wr(RO_ADDR, VIRTIO_MMIO_STATUS, 0);
		ram_next = RAM_GPA + RAM_SIZE / 2;
		cyc_ok &= probe(BLK_ADDR, 2, BIT(VIRTIO_F_VERSION_1), &q, 1, 64,
				NULL);
		cyc_ok &= probe(CON_ADDR, 3, BIT(VIRTIO_F_VERSION_1), cq, 2, 64,
				NULL);
		cyc_ok &= probe(NET_ADDR, 1, BIT(VIRTIO_F_VERSION_1), nq, 2, 64,
				NULL);
		/* sectors 60.. were never written */
		r = blk_bufs(VIRTIO_BLK_T_IN, (uint64_t)(60 + k), 512);
		cyc_ok &= blk_one(&q, &r, 512, 1, &e) &&
			  file_matches(gp(r.data), (size_t)(60 + k) * 512, 512);
	}
	ok(cyc_ok, "20 reset/probe/request cycles");
	ok(count_fds() == fds,
	   "no file descriptor leaked over 20 resets "
	   "(%d before, %d after)",
	   fds, count_fds());
	ok(bad_answers == 0,
	   "every request consumed; every non-notify request answered "
	   "exactly once, notifies never (%d wrong)",
	   bad_answers);

	vd_core_free(core);
	close(net_peer);
	free(ram);
	free(br);
	unlink(img_path);
	if (argc <= 1)
		rmdir(dir);
	printf("# %d failed\n", failures);
	return failures ? 1 : 0;
}
