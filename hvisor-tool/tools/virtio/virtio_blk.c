// SPDX-License-Identifier: GPL-2.0
/* Copyright (c) 2026 hvisor-c contributors */
/*
 * virtio-blk on a raw image file or block device (<linux/virtio_blk.h>).
 * One worker thread per device does the I/O: a kick wakes it, it drains
 * the avail ring with kicks suppressed, raises one IRQ per pass and
 * sleeps again.  The main thread pauses it (waits for the end of the pass)
 * around queue and reset register writes.
 *
 * Large reads bypass the root's page cache when the image allows
 * O_DIRECT: the root's disk driver fills an aligned bounce buffer and one
 * memcpy puts the data into the zone's pages (the zone keeps its own page
 * cache).  A buffered read costs the root a page-cache fill (allocation,
 * readahead, LRU, later reclaim) on top of the same copy, for pages only
 * the zone reads again.  Zone RAM is a PFN mapping of /dev/hvisor, which
 * O_DIRECT cannot target, hence the bounce buffer.  Writes and small reads
 * stay buffered (the guest flushes; the kernel keeps direct reads coherent
 * with buffered writes).
 */
#include <endian.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <unistd.h>

#include <linux/fs.h>
#include <linux/virtio_blk.h>
#include <linux/virtio_ids.h>

#include "virtio.h"

#define SECTOR 512ULL
#define BLK_QUEUE_SIZE VD_QUEUE_MAX
#define BLK_ID "hvisor-c-blk"
/*
 * Optimal I/O size the device advertises (VIRTIO_BLK_F_TOPOLOGY): every
 * request costs a round trip through the root zone (trap, virtio IRQ,
 * daemon, FINISH_REQ, injection), so fewer, larger requests and several
 * of them in flight are what makes the disk fast.  Linux sets the disk's
 * readahead to twice this (blk_queue_io_opt): 8 MiB instead of 128 KiB.
 * A request stays at most max_sectors_kb (1280 KiB by default, within
 * seg_max 254 pages), so a sequential reader keeps several requests
 * queued: the worker finds the next one waiting when it completes one
 * instead of sleeping until the guest's next kick, and one interrupt
 * covers the pass.  Measured with `make bench` (docs/virtio-qemu.md): 1
 * MiB (2 MiB readahead) gave zone 1 about 0.35 of the root's sequential
 * throughput, 4 MiB about 0.5.
 */
#define BLK_OPT_IO (4 * 1024 * 1024ULL)
/*
 * A request of this many data bytes gets its interrupt at once, not at the
 * end of the pass: the zone copies it out while the worker reads the next
 * (an interrupt costs the zone no round trip through the root zone when
 * the hypervisor answers InterruptStatus/ACK, <hvisor/virtio_bridge.h>).
 */
#define BLK_IRQ_BULK (256 * 1024U)
/* bounce buffer of direct reads: a default-size request (1280 KiB) at once */
#define BLK_BOUNCE (2 * 1024 * 1024UL)
/* O_DIRECT alignment of buffer, offset and length asked of the image */
#define BLK_DIRECT_ALIGN 4096UL
/*
 * Smaller reads stay buffered: random and metadata reads, which the root's
 * page cache answers at memcpy speed when they come again (as QEMU's
 * default cache=writeback would), while a direct read pays a trip through
 * the root's disk every time.
 */
#define BLK_DIRECT_MIN (256 * 1024UL)

struct blk {
	int fd;
	int dfd; /* the image with O_DIRECT, for large reads; -1: none */
	int ro;
	uint64_t sectors;
	pthread_t thread;
	int started;
	pthread_mutex_t lock;
	pthread_cond_t wake; /* kick or stop: the worker */
	pthread_cond_t idle; /* end of a pass: pause() */
	int kick;
	int busy;
	int stop;
	/* worker-owned */
	struct vq_chain chain;
	struct iovec tmp[VD_QUEUE_MAX];
	void *bounce; /* BLK_BOUNCE bytes, BLK_DIRECT_ALIGN-aligned */
};

/* Drop @n bytes from the front of *@iov (*@cnt entries). */
static void iov_advance(struct iovec **iov, unsigned int *cnt, size_t n)
{
	while (n && *cnt) {
		if (n < (*iov)->iov_len) {
			(*iov)->iov_base = (uint8_t *)(*iov)->iov_base + n;
			(*iov)->iov_len -= n;
			return;
		}
		n -= (*iov)->iov_len;
		(*iov)++;
		(*cnt)--;
	}
	/* skip empty entries so preadv() gets none */
	while (*cnt && !(*iov)->iov_len) {
		(*iov)++;
		(*cnt)--;
	}
}

/* Copy @src (@n entries) minus its first @skip bytes into @dst. */
static unsigned int iov_skip(const struct iovec *src, unsigned int n,
			     size_t skip, struct iovec *dst)
{
	unsigned int i, k = 0;

	for (i = 0; i < n; i++) {
		if (skip >= src[i].iov_len) {
			skip -= src[i].iov_len;
			continue;
		}
		dst[k].iov_base = (uint8_t *)src[i].iov_base + skip;
		dst[k].iov_len = src[i].iov_len - skip;
		skip = 0;
		k++;
	}
	return k;
}

/* Whole transfer of @len bytes at byte @off; 0 or -errno. */
static int blk_rw(struct blk *b, int write, uint64_t off, struct iovec *iov,
		  unsigned int cnt, size_t len)
{
	while (len) {
		ssize_t r = write ? pwritev(b->fd, iov, (int)cnt, (off_t)off)
				  : preadv(b->fd, iov, (int)cnt, (off_t)off);

		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			return -errno;
		if (!r)
			return -EIO; /* the image shrank */
		if ((size_t)r > len)
			r = (ssize_t)len;
		iov_advance(&iov, &cnt, (size_t)r);
		off += (uint64_t)r;
		len -= (size_t)r;
	}
	return 0;
}

/*
 * Read @len bytes at byte @off into @iov through the bounce buffer with
 * O_DIRECT.  0, -errno, or 1: not done (unaligned, or the file system
 * refuses O_DIRECT); the caller reads buffered.
 */
static int blk_read_direct(struct blk *b, uint64_t off, struct iovec *iov,
			   unsigned int cnt, size_t len)
{
	size_t done = 0;

	if (b->dfd < 0 || len < BLK_DIRECT_MIN || off % BLK_DIRECT_ALIGN ||
	    len % BLK_DIRECT_ALIGN)
		return 1;
	while (done < len) {
		size_t n = len - done < BLK_BOUNCE ? len - done : BLK_BOUNCE;
		ssize_t r = pread(b->dfd, b->bounce, n, (off_t)(off + done));

		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0 && errno == EINVAL && !done) {
			/* alignment the file system wants is larger */
			close(b->dfd);
			b->dfd = -1;
			return 1;
		}
		if (r < 0)
			return -errno;
		if (!r)
			return -EIO; /* the image shrank */
		iov_from_buf(iov, cnt, done, b->bounce, (size_t)r);
		done += (size_t)r;
		if (done < len && (size_t)r % BLK_DIRECT_ALIGN)
			return -EIO; /* a short read mid-file: shrank */
	}
	return 0;
}

/* One request; the status byte is written.  Return: the used length. */
static uint32_t blk_request(struct vd_dev *d, struct vq_chain *c)
{
	struct blk *b = d->priv;
	struct virtio_blk_outhdr h;
	struct iovec *last, *in = &c->iov[c->n_out];
	unsigned int n_in = c->n_in, n_data;
	size_t in_data;
	uint8_t *status, st = VIRTIO_BLK_S_OK;
	uint64_t sector;
	uint32_t type, used = 1;
	int rc;

	if (c->out_len < sizeof(h) || c->in_len < 1) {
		vd_dev_warn(d, "request without header or status byte: "
			       "completed with length 0");
		return 0;
	}
	iov_to_buf(c->iov, c->n_out, 0, &h, sizeof(h));
	type = le32toh(h.type);
	sector = le64toh(h.sector);
	/* the status is the last writable byte; data is what precedes it */
	last = &c->iov[c->n_out + c->n_in - 1];
	status = (uint8_t *)last->iov_base + last->iov_len - 1;
	last->iov_len--;
	if (!last->iov_len)
		n_in--;
	in_data = c->in_len - 1;

	switch (type) {
	case VIRTIO_BLK_T_IN:
	case VIRTIO_BLK_T_OUT: {
		int write = type == VIRTIO_BLK_T_OUT;
		size_t len = write ? c->out_len - sizeof(h) : in_data;
		struct iovec *iov = in;

		n_data = n_in;
		if (write) {
			n_data = iov_skip(c->iov, c->n_out, sizeof(h), b->tmp);
			iov = b->tmp;
		}
		if (write && b->ro) {
			vd_dev_warn(d, "write to a read-only device: IOERR");
			st = VIRTIO_BLK_S_IOERR;
			break;
		}
		if (sector > b->sectors ||
		    len > (b->sectors - sector) * SECTOR) {
			vd_dev_warn(d,
				    "%s of %zu bytes at sector %llu beyond "
				    "the capacity (%llu sectors): IOERR",
				    write ? "write" : "read", len,
				    (unsigned long long)sector,
				    (unsigned long long)b->sectors);
			st = VIRTIO_BLK_S_IOERR;
			break;
		}
		rc = write ? 1
			   : blk_read_direct(b, sector * SECTOR, iov, n_data,
					     len);
		if (rc == 1)
			rc = blk_rw(b, write, sector * SECTOR, iov, n_data,
				    len);
		if (rc) {
			vd_dev_warn(d, "%s at sector %llu: %s: IOERR",
				    write ? "write" : "read",
				    (unsigned long long)sector, strerror(-rc));
			st = VIRTIO_BLK_S_IOERR;
			break;
		}
		if (!write)
			used += (uint32_t)len;
		break;
	}
	case VIRTIO_BLK_T_FLUSH:
		if (fdatasync(b->fd)) {
			vd_dev_warn(d, "flush: %s: IOERR", strerror(errno));
			st = VIRTIO_BLK_S_IOERR;
		}
		break;
	case VIRTIO_BLK_T_GET_ID: {
		char id[VIRTIO_BLK_ID_BYTES] = BLK_ID;
		size_t k = in_data < sizeof(id) ? in_data : sizeof(id);

		used += (uint32_t)iov_from_buf(in, n_in, 0, id, k);
		break;
	}
	default:
		st = VIRTIO_BLK_S_UNSUPP;
		break;
	}
	*status = st;
	return used;
}

/*
 * One drain of the queue: passes of at most a queue's worth, one IRQ each,
 * and one more after each request that moved BLK_IRQ_BULK bytes or more,
 * so the guest consumes a large read while the next one is being served.
 */
static void blk_run(struct vd_dev *d)
{
	struct blk *b = d->priv;
	struct vd_queue *q = &d->q[0];
	unsigned int n;

	do {
		vq_set_kicks(q, 0);
		for (n = 0; n < q->size; n++) {
			uint32_t used;

			if (vq_pop(q, &b->chain) <= 0)
				break;
			used = blk_request(d, &b->chain);
			vq_push(q, b->chain.head, used);
			if (used >= BLK_IRQ_BULK ||
			    b->chain.out_len >= BLK_IRQ_BULK)
				vq_notify_guest(q);
		}
		vq_notify_guest(q);
		vq_set_kicks(q, 1);
	} while (vq_has_avail(q));
}

static void *blk_worker(void *arg)
{
	struct vd_dev *d = arg;
	struct blk *b = d->priv;

	pthread_mutex_lock(&b->lock);
	for (;;) {
		while (!b->kick && !b->stop)
			pthread_cond_wait(&b->wake, &b->lock);
		if (b->stop)
			break;
		b->kick = 0;
		b->busy = 1;
		pthread_mutex_unlock(&b->lock);
		blk_run(d);
		pthread_mutex_lock(&b->lock);
		b->busy = 0;
		pthread_cond_broadcast(&b->idle);
	}
	pthread_mutex_unlock(&b->lock);
	return NULL;
}

static void blk_notify(struct vd_dev *d, struct vd_queue *q)
{
	struct blk *b = d->priv;

	(void)q;
	pthread_mutex_lock(&b->lock);
	b->kick = 1;
	pthread_cond_signal(&b->wake);
	pthread_mutex_unlock(&b->lock);
}

/* Returns with the lock held and the worker between passes. */
static void blk_pause(struct vd_dev *d)
{
	struct blk *b = d->priv;

	pthread_mutex_lock(&b->lock);
	while (b->busy)
		pthread_cond_wait(&b->idle, &b->lock);
}

static void blk_resume(struct vd_dev *d)
{
	struct blk *b = d->priv;

	pthread_mutex_unlock(&b->lock);
}

static void blk_reset(struct vd_dev *d)
{
	struct blk *b = d->priv;

	b->kick = 0; /* paused: the lock is held */
}

static void blk_destroy(struct vd_dev *d)
{
	struct blk *b = d->priv;

	if (!b)
		return;
	if (b->started) {
		pthread_mutex_lock(&b->lock);
		b->stop = 1;
		pthread_cond_signal(&b->wake);
		pthread_mutex_unlock(&b->lock);
		pthread_join(b->thread, NULL);
	}
	pthread_mutex_destroy(&b->lock);
	pthread_cond_destroy(&b->wake);
	pthread_cond_destroy(&b->idle);
	if (b->fd >= 0)
		close(b->fd);
	if (b->dfd >= 0)
		close(b->dfd);
	free(b->bounce);
	free(b);
	d->priv = NULL;
}

static const struct vd_dev_ops blk_ops = {
	.type = "blk",
	.device_id = VIRTIO_ID_BLOCK,
	.notify = blk_notify,
	.pause = blk_pause,
	.resume = blk_resume,
	.reset = blk_reset,
	.destroy = blk_destroy,
};

int vd_blk_init(struct vd_dev *d, uint32_t zone,
		const struct virtio_cfg_device *cfg, const char *path,
		char err[VD_ERR_MAX])
{
	struct virtio_blk_config bc;
	struct blk *b;
	struct stat st;
	uint64_t bytes;
	int rc;

	vd_dev_init(d, &blk_ops, zone, cfg, 1, BLK_QUEUE_SIZE);
	b = calloc(1, sizeof(*b));
	if (!b) {
		snprintf(err, VD_ERR_MAX, "img: %s", strerror(errno));
		return -1;
	}
	d->priv = b;
	pthread_mutex_init(&b->lock, NULL);
	pthread_cond_init(&b->wake, NULL);
	pthread_cond_init(&b->idle, NULL);
	b->dfd = -1;
	b->ro = cfg->read_only;
	b->fd = open(path, (b->ro ? O_RDONLY : O_RDWR) | O_CLOEXEC);
	if (b->fd < 0 || fstat(b->fd, &st)) {
		snprintf(err, VD_ERR_MAX, "img: %s: %s", cfg->img,
			 strerror(errno));
		goto fail;
	}
	if (S_ISBLK(st.st_mode)) {
		if (ioctl(b->fd, BLKGETSIZE64, &bytes)) {
			snprintf(err, VD_ERR_MAX, "img: %s: BLKGETSIZE64: %s",
				 cfg->img, strerror(errno));
			goto fail;
		}
	} else if (S_ISREG(st.st_mode)) {
		bytes = (uint64_t)st.st_size;
	} else {
		snprintf(err, VD_ERR_MAX,
			 "img: %s: not a regular file or block device",
			 cfg->img);
		goto fail;
	}
	b->sectors = bytes / SECTOR;
	/* no O_DIRECT (tmpfs, say): every read is buffered */
	if (!posix_memalign(&b->bounce, BLK_DIRECT_ALIGN, BLK_BOUNCE))
		b->dfd = open(path, O_RDONLY | O_DIRECT | O_CLOEXEC);
	d->features |=
		1ULL << VIRTIO_BLK_F_SEG_MAX | 1ULL << VIRTIO_BLK_F_BLK_SIZE |
		1ULL << VIRTIO_BLK_F_FLUSH | 1ULL << VIRTIO_BLK_F_TOPOLOGY |
		1ULL << VIRTIO_RING_F_INDIRECT_DESC;
	if (b->ro)
		d->features |= 1ULL << VIRTIO_BLK_F_RO;
	memset(&bc, 0, sizeof(bc));
	bc.capacity = htole64(b->sectors);
	bc.seg_max = htole32(BLK_QUEUE_SIZE - 2); /* + header and status */
	bc.blk_size = htole32((uint32_t)SECTOR);
	bc.min_io_size = htole16(1); /* in blk_size units */
	bc.opt_io_size = htole32((uint32_t)(BLK_OPT_IO / SECTOR));
	_Static_assert(sizeof(bc) <= VD_CONFIG_MAX, "config space");
	memcpy(d->config, &bc, sizeof(bc));
	d->config_len = sizeof(bc);
	rc = pthread_create(&b->thread, NULL, blk_worker, d);
	if (rc) {
		snprintf(err, VD_ERR_MAX, "img: %s: worker thread: %s",
			 cfg->img, strerror(rc));
		goto fail;
	}
	b->started = 1;
	vd_dev_log(d, "image %s (%s), %llu sectors, large reads %s", path,
		   b->ro ? "read-only" : "read-write",
		   (unsigned long long)b->sectors,
		   b->dfd >= 0 ? "direct" : "buffered");
	return 0;
fail:
	blk_destroy(d);
	return -1;
}
