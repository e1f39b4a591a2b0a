// SPDX-License-Identifier: GPL-2.0
/* Copyright (c) 2026 hvisor-c contributors */
/*
 * The virtio-mmio register model, version 2 (modern) only; offsets and
 * bits from <linux/virtio_mmio.h> and <linux/virtio_config.h>.  Registers
 * take 32-bit accesses; the device config space (0x100..) 1, 2, 4 or 8
 * bytes at any offset inside it.  Runs on the main thread.
 */
#include <endian.h>
#include <stdio.h>
#include <string.h>

#include <linux/virtio_config.h>
#include <linux/virtio_mmio.h>

#include "virtio.h"

static struct vd_queue *cur_q(struct vd_dev *d)
{
	return d->qsel < d->nq ? &d->q[d->qsel] : NULL;
}

static void dev_pause(struct vd_dev *d)
{
	if (d->ops->pause)
		d->ops->pause(d);
}

static void dev_resume(struct vd_dev *d)
{
	if (d->ops->resume)
		d->ops->resume(d);
}

static void dev_changed(struct vd_dev *d)
{
	if (d->ops->changed)
		d->ops->changed(d);
}

void vd_dev_reset(struct vd_dev *d)
{
	unsigned int i;

	if (d->status)
		vd_dev_log(d, "reset");
	dev_pause(d);
	d->status = 0;
	d->drv_features = 0;
	d->dev_fsel = 0;
	d->drv_fsel = 0;
	d->qsel = 0;
	__atomic_store_n(d->int_status, 0, __ATOMIC_SEQ_CST);
	for (i = 0; i < d->nq; i++)
		vq_reset(&d->q[i]);
	if (d->ops->reset)
		d->ops->reset(d);
	dev_resume(d);
	dev_changed(d);
}

static uint64_t config_read(struct vd_dev *d, uint64_t off, uint32_t size)
{
	uint64_t v = 0;
	uint32_t i;

	if ((size != 1 && size != 2 && size != 4 && size != 8) ||
	    off >= d->config_len || size > d->config_len - off) {
		vd_dev_warn(d,
			    "config read of %u bytes at 0x%llx: outside "
			    "the %u-byte config space, read as 0",
			    size,
			    (unsigned long long)(off + VIRTIO_MMIO_CONFIG),
			    d->config_len);
		return 0;
	}
	for (i = 0; i < size; i++)
		v |= (uint64_t)d->config[off + i] << (8 * i);
	return v;
}

uint64_t vd_mmio_read(struct vd_dev *d, uint64_t off, uint32_t size)
{
	struct vd_queue *q = cur_q(d);

	if (off >= VIRTIO_MMIO_CONFIG)
		return config_read(d, off - VIRTIO_MMIO_CONFIG, size);
	if (size != 4) {
		vd_dev_warn(d, "%u-byte read of register 0x%llx: read as 0",
			    size, (unsigned long long)off);
		return 0;
	}
	switch (off) {
	case VIRTIO_MMIO_MAGIC_VALUE:
		return VD_MAGIC;
	case VIRTIO_MMIO_VERSION:
		return 2;
	case VIRTIO_MMIO_DEVICE_ID:
		return d->ops->device_id;
	case VIRTIO_MMIO_VENDOR_ID:
		return VD_VENDOR_ID;
	case VIRTIO_MMIO_DEVICE_FEATURES:
		return d->dev_fsel < 2
			       ? (uint32_t)(d->features >> (32 * d->dev_fsel))
			       : 0;
	case VIRTIO_MMIO_QUEUE_NUM_MAX:
		return q ? q->num_max : 0;
	case VIRTIO_MMIO_QUEUE_READY:
		return q ? q->ready : 0;
	case VIRTIO_MMIO_INTERRUPT_STATUS:
		return __atomic_load_n(d->int_status, __ATOMIC_SEQ_CST);
	case VIRTIO_MMIO_STATUS:
		return d->status;
	case VIRTIO_MMIO_CONFIG_GENERATION:
		return d->generation;
	case VIRTIO_MMIO_SHM_LEN_LOW:
	case VIRTIO_MMIO_SHM_LEN_HIGH:
	case VIRTIO_MMIO_SHM_BASE_LOW:
	case VIRTIO_MMIO_SHM_BASE_HIGH:
		return 0xffffffffu; /* no shared memory regions */
	case VIRTIO_MMIO_GUEST_PAGE_SIZE:
	case VIRTIO_MMIO_QUEUE_ALIGN:
	case VIRTIO_MMIO_QUEUE_PFN:
		vd_dev_warn(d,
			    "read of legacy register 0x%llx (this is a "
			    "virtio-mmio version 2 device): read as 0",
			    (unsigned long long)off);
		return 0;
	default:
		vd_dev_warn(d,
			    "read of register 0x%llx (write-only or "
			    "unknown): read as 0",
			    (unsigned long long)off);
		return 0;
	}
}

static int features_ok(struct vd_dev *d, char *why, size_t n)
{
	uint64_t extra = d->drv_features & ~d->features;

	if (!(d->drv_features & (1ULL << VIRTIO_F_VERSION_1))) {
		snprintf(why, n,
			 "the driver did not accept VERSION_1 (legacy "
			 "drivers are not supported)");
		return 0;
	}
	if (extra) {
		snprintf(why, n,
			 "the driver accepted features 0x%llx that "
			 "were not offered",
			 (unsigned long long)extra);
		return 0;
	}
	return 1;
}

static void write_status(struct vd_dev *d, uint32_t v)
{
	uint32_t old = d->status;
	char why[128];

	if (!v) {
		vd_dev_reset(d);
		return;
	}
	if ((v & VIRTIO_CONFIG_S_FEATURES_OK) &&
	    !(old & VIRTIO_CONFIG_S_FEATURES_OK) &&
	    !features_ok(d, why, sizeof(why))) {
		vd_dev_warn(d, "FEATURES_OK refused: %s", why);
		v &= ~(uint32_t)VIRTIO_CONFIG_S_FEATURES_OK;
	}
	dev_pause(d);
	d->status = v;
	dev_resume(d);
	if ((v & VIRTIO_CONFIG_S_DRIVER_OK) &&
	    !(old & VIRTIO_CONFIG_S_DRIVER_OK))
		vd_dev_log(d, "driver ready (features 0x%llx)",
			   (unsigned long long)d->drv_features);
	if ((v & VIRTIO_CONFIG_S_FAILED) && !(old & VIRTIO_CONFIG_S_FAILED))
		vd_dev_log(d, "the driver gave up (status FAILED)");
	dev_changed(d);
}

static void write_ready(struct vd_dev *d, struct vd_queue *q, uint32_t v)
{
	char why[128];

	dev_pause(d);
	if (!(v & 1)) {
		q->ready = 0;
		q->live = 0;
	} else if (!q->ready) {
		if (vq_start(q, why, sizeof(why)))
			vd_dev_warn(d, "queue %u not started: %s", q->index,
				    why);
		else
			q->ready = 1;
	}
	dev_resume(d);
	dev_changed(d);
}

/* one 32-bit half of a 64-bit queue address; refused while ready */
static void set_half(struct vd_dev *d, struct vd_queue *q, uint64_t *a,
		     int high, uint32_t v)
{
	if (!q || q->ready) {
		vd_dev_warn(d, "queue address written while %s: ignored",
			    q ? "the queue is ready" : "no queue is selected");
		return;
	}
	if (high)
		*a = (*a & 0xffffffffULL) | (uint64_t)v << 32;
	else
		*a = (*a & ~0xffffffffULL) | v;
}

void vd_mmio_write(struct vd_dev *d, uint64_t off, uint32_t size, uint64_t val)
{
	struct vd_queue *q = cur_q(d);
	uint32_t v = (uint32_t)val;

	if (off >= VIRTIO_MMIO_CONFIG) {
		vd_dev_warn(d, "config write at 0x%llx ignored",
			    (unsigned long long)off);
		return;
	}
	if (size != 4) {
		vd_dev_warn(d, "%u-byte write of register 0x%llx ignored", size,
			    (unsigned long long)off);
		return;
	}
	switch (off) {
	case VIRTIO_MMIO_DEVICE_FEATURES_SEL:
		d->dev_fsel = v;
		break;
	case VIRTIO_MMIO_DRIVER_FEATURES:
		if (d->status & VIRTIO_CONFIG_S_FEATURES_OK)
			vd_dev_warn(d, "DriverFeatures written after "
				       "FEATURES_OK: ignored");
		else if (d->drv_fsel == 0)
			d->drv_features =
				(d->drv_features & ~0xffffffffULL) | v;
		else if (d->drv_fsel == 1)
			d->drv_features = (d->drv_features & 0xffffffffULL) |
					  (uint64_t)v << 32;
		break;
	case VIRTIO_MMIO_DRIVER_FEATURES_SEL:
		d->drv_fsel = v;
		break;
	case VIRTIO_MMIO_QUEUE_SEL:
		d->qsel = v;
		break;
	case VIRTIO_MMIO_QUEUE_NUM:
		if (!q || q->ready || !v || v > q->num_max || (v & (v - 1)))
			vd_dev_warn(d,
				    "QueueNum %u refused (a power of two "
				    "<= QueueNumMax, queue not ready)",
				    v);
		else
			q->num = v;
		break;
	case VIRTIO_MMIO_QUEUE_READY:
		if (q)
			write_ready(d, q, v);
		else
			vd_dev_warn(d,
				    "QueueReady of queue %u (no such "
				    "queue) ignored",
				    d->qsel);
		break;
	case VIRTIO_MMIO_QUEUE_NOTIFY:
		if (v < d->nq && d->q[v].live)
			d->ops->notify(d, &d->q[v]);
		else
			vd_dev_warn(d,
				    "notify of queue %u, which is not "
				    "ready: ignored",
				    v);
		break;
	case VIRTIO_MMIO_INTERRUPT_ACK:
		__atomic_fetch_and(d->int_status, ~v, __ATOMIC_SEQ_CST);
		break;
	case VIRTIO_MMIO_STATUS:
		write_status(d, v & 0xff);
		break;
	case VIRTIO_MMIO_QUEUE_DESC_LOW:
	case VIRTIO_MMIO_QUEUE_DESC_HIGH:
		set_half(d, q, q ? &q->desc_gpa : NULL,
			 off == VIRTIO_MMIO_QUEUE_DESC_HIGH, v);
		break;
	case VIRTIO_MMIO_QUEUE_AVAIL_LOW:
	case VIRTIO_MMIO_QUEUE_AVAIL_HIGH:
		set_half(d, q, q ? &q->avail_gpa : NULL,
			 off == VIRTIO_MMIO_QUEUE_AVAIL_HIGH, v);
		break;
	case VIRTIO_MMIO_QUEUE_USED_LOW:
	case VIRTIO_MMIO_QUEUE_USED_HIGH:
		set_half(d, q, q ? &q->used_gpa : NULL,
			 off == VIRTIO_MMIO_QUEUE_USED_HIGH, v);
		break;
	case VIRTIO_MMIO_SHM_SEL:
		break;
	default:
		vd_dev_warn(d,
			    "write of register 0x%llx (read-only, legacy "
			    "or unknown) ignored",
			    (unsigned long long)off);
		break;
	}
}
