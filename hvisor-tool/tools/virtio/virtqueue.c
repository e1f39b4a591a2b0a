// SPDX-License-Identifier: GPL-2.0
/* Copyright (c) 2026 hvisor-c contributors */
/*
 * Guest memory and split virtqueues (layouts from <linux/virtio_ring.h>).
 * The guest is not trusted: every address + length must lie inside one RAM
 * window of its zone, descriptor indices inside their table, a chain no
 * longer than the queue (loops), indirect tables sized and not nested.
 * Descriptors are copied once before use (the guest may change them).
 */
#include <endian.h>
#include <stdio.h>
#include <string.h>

#include "virtio.h"

void *vd_gpa(const struct vd_mem *m, uint64_t gpa, uint64_t len)
{
	unsigned int i;

	for (i = 0; i < m->n; i++) {
		const struct vd_window *w = &m->w[i];
		uint64_t off;

		if (gpa < w->gpa)
			continue;
		off = gpa - w->gpa;
		if (off >= w->size || len > w->size - off)
			continue;
		return w->hva + off;
	}
	return NULL;
}

void vq_reset(struct vd_queue *q)
{
	q->num = q->num_max;
	q->ready = 0;
	q->desc_gpa = 0;
	q->avail_gpa = 0;
	q->used_gpa = 0;
	q->live = 0;
	q->broken = 0;
	q->size = 0;
	q->desc = NULL;
	q->avail = NULL;
	q->used = NULL;
	q->last_avail = 0;
	q->used_idx = 0;
	q->pushed = 0;
}

int vq_start(struct vd_queue *q, char *why, size_t n)
{
	const struct vd_mem *m = q->dev->mem;
	uint32_t num = q->num;
	void *desc, *avail, *used;

	if (!num || num > q->num_max || (num & (num - 1))) {
		snprintf(why, n, "QueueNum %u is not a power of two <= %u", num,
			 q->num_max);
		return -1;
	}
	if (q->desc_gpa % VRING_DESC_ALIGN_SIZE ||
	    q->avail_gpa % VRING_AVAIL_ALIGN_SIZE ||
	    q->used_gpa % VRING_USED_ALIGN_SIZE) {
		snprintf(why, n, "ring addresses misaligned");
		return -1;
	}
	desc = vd_gpa(m, q->desc_gpa, 16ULL * num);
	avail = vd_gpa(m, q->avail_gpa, 6 + 2ULL * num);
	used = vd_gpa(m, q->used_gpa, 6 + 8ULL * num);
	if (!desc || !avail || !used) {
		snprintf(why, n,
			 "%s ring 0x%llx outside the zone's memory_region",
			 !desc	  ? "descriptor"
			 : !avail ? "driver"
				  : "device",
			 (unsigned long long)(!desc    ? q->desc_gpa
					      : !avail ? q->avail_gpa
						       : q->used_gpa));
		return -1;
	}
	/* the atomics below need the host addresses aligned as well */
	if ((uintptr_t)desc % VRING_DESC_ALIGN_SIZE ||
	    (uintptr_t)avail % VRING_AVAIL_ALIGN_SIZE ||
	    (uintptr_t)used % VRING_USED_ALIGN_SIZE) {
		snprintf(why, n, "ring mapping misaligned");
		return -1;
	}
	q->desc = desc;
	q->avail = avail;
	q->used = used;
	q->size = (uint16_t)num;
	q->last_avail = 0;
	q->used_idx = 0;
	q->pushed = 0;
	q->broken = 0;
	q->live = 1;
	return 0;
}

static uint16_t load16(const __virtio16 *p, int order)
{
	return le16toh(__atomic_load_n(p, order));
}

/* Walk the chain at @head into @c; 0, or -1 with *@why set. */
static int walk(struct vd_queue *q, uint16_t head, struct vq_chain *c,
		const char **why)
{
	const struct vring_desc *table = q->desc;
	uint32_t table_size = q->size, limit = q->size, hops = 0;
	uint32_t idx = head;
	int indirect = 0;

	c->head = head;
	c->n_out = c->n_in = 0;
	c->out_len = c->in_len = 0;
	for (;;) {
		struct vring_desc dd;
		uint16_t flags;
		uint64_t addr;
		uint32_t len;

		if (idx >= table_size) {
			*why = "descriptor index out of range";
			return -1;
		}
		if (++hops > limit) {
			*why = "chain longer than the queue (a loop?)";
			return -1;
		}
		memcpy(&dd, &table[idx], sizeof(dd));
		__atomic_signal_fence(__ATOMIC_SEQ_CST); /* one copy, used */
		flags = le16toh(dd.flags);
		addr = le64toh(dd.addr);
		len = le32toh(dd.len);
		if (flags & VRING_DESC_F_INDIRECT) {
			if (indirect) {
				*why = "nested indirect table";
				return -1;
			}
			if (flags & VRING_DESC_F_NEXT) {
				*why = "indirect descriptor with NEXT";
				return -1;
			}
			if (!len || len % sizeof(dd) ||
			    len / sizeof(dd) > q->size) {
				*why = "bad indirect table length";
				return -1;
			}
			table = vd_gpa(q->dev->mem, addr, len);
			if (!table) {
				*why = "indirect table outside the zone's "
				       "memory_region";
				return -1;
			}
			table_size = limit = len / (uint32_t)sizeof(dd);
			idx = 0;
			hops = 0;
			indirect = 1;
			continue;
		}
		if (len) {
			void *p = vd_gpa(q->dev->mem, addr, len);
			unsigned int k = c->n_out + c->n_in;

			if (!p) {
				*why = "buffer outside the zone's "
				       "memory_region";
				return -1;
			}
			if (k >= VD_QUEUE_MAX) {
				*why = "too many buffers";
				return -1;
			}
			if (flags & VRING_DESC_F_WRITE) {
				c->n_in++;
				c->in_len += len;
			} else if (c->n_in) {
				*why = "readable buffer after a writable one";
				return -1;
			} else {
				c->n_out++;
				c->out_len += len;
			}
			c->iov[k].iov_base = p;
			c->iov[k].iov_len = len;
		}
		if (!(flags & VRING_DESC_F_NEXT))
			return 0;
		idx = le16toh(dd.next);
	}
}

int vq_pop(struct vd_queue *q, struct vq_chain *c)
{
	for (;;) {
		uint16_t avail_idx, pending, head;
		const char *why = "";

		if (!q->live || q->broken)
			return -1;
		avail_idx = load16(&q->avail->idx, __ATOMIC_ACQUIRE);
		pending = (uint16_t)(avail_idx - q->last_avail);
		if (!pending)
			return 0;
		if (pending > q->size) {
			q->broken = 1;
			vd_dev_warn(q->dev,
				    "queue %u: driver index %u is %u ahead of "
				    "ours (queue size %u): queue ignored "
				    "until reset",
				    q->index, avail_idx, pending, q->size);
			return -1;
		}
		head = load16(&q->avail->ring[q->last_avail & (q->size - 1)],
			      __ATOMIC_RELAXED);
		q->last_avail++;
		if (head >= q->size) {
			vd_dev_warn(q->dev,
				    "queue %u: chain head %u >= queue size %u: "
				    "skipped",
				    q->index, head, q->size);
			continue;
		}
		if (!walk(q, head, c, &why))
			return 1;
		vd_dev_warn(q->dev,
			    "queue %u: bad descriptor chain at head %u: %s: "
			    "completed with length 0",
			    q->index, head, why);
		vq_push(q, head, 0);
	}
}

void vq_unpop(struct vd_queue *q)
{
	q->last_avail--;
}

int vq_has_avail(struct vd_queue *q)
{
	if (!q->live || q->broken)
		return 0;
	return load16(&q->avail->idx, __ATOMIC_ACQUIRE) != q->last_avail;
}

void vq_push(struct vd_queue *q, uint16_t head, uint32_t len)
{
	struct vring_used_elem *e;

	if (!q->live)
		return;
	e = &q->used->ring[q->used_idx & (q->size - 1)];
	__atomic_store_n(&e->id, htole32(head), __ATOMIC_RELAXED);
	__atomic_store_n(&e->len, htole32(len), __ATOMIC_RELAXED);
	q->used_idx++;
	__atomic_store_n(&q->used->idx, htole16(q->used_idx), __ATOMIC_RELEASE);
	q->pushed = 1;
}

void vq_notify_guest(struct vd_queue *q)
{
	uint16_t flags;

	if (!q->pushed || !q->live)
		return;
	q->pushed = 0;
	/* used idx stored before the driver's flags are read */
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	flags = load16(&q->avail->flags, __ATOMIC_RELAXED);
	if (flags & VRING_AVAIL_F_NO_INTERRUPT)
		return;
	vd_dev_interrupt(q->dev);
}

void vq_set_kicks(struct vd_queue *q, int on)
{
	if (!q->live)
		return;
	__atomic_store_n(&q->used->flags,
			 htole16(on ? 0 : VRING_USED_F_NO_NOTIFY),
			 __ATOMIC_RELAXED);
	/* flags stored before the caller re-reads the driver's index */
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
}

size_t iov_to_buf(const struct iovec *iov, unsigned int n, size_t off,
		  void *buf, size_t len)
{
	size_t done = 0;
	unsigned int i;

	for (i = 0; i < n && done < len; i++) {
		size_t l = iov[i].iov_len, k;

		if (off >= l) {
			off -= l;
			continue;
		}
		k = l - off < len - done ? l - off : len - done;
		memcpy((uint8_t *)buf + done, (uint8_t *)iov[i].iov_base + off,
		       k);
		done += k;
		off = 0;
	}
	return done;
}

size_t iov_from_buf(const struct iovec *iov, unsigned int n, size_t off,
		    const void *buf, size_t len)
{
	size_t done = 0;
	unsigned int i;

	for (i = 0; i < n && done < len; i++) {
		size_t l = iov[i].iov_len, k;

		if (off >= l) {
			off -= l;
			continue;
		}
		k = l - off < len - done ? l - off : len - done;
		memcpy((uint8_t *)iov[i].iov_base + off,
		       (const uint8_t *)buf + done, k);
		done += k;
		off = 0;
	}
	return done;
}
