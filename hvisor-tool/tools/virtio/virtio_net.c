// SPDX-License-Identifier: GPL-2.0
/* Copyright (c) 2026 hvisor-c contributors */
/*
 * virtio-net on a tap device (<linux/virtio_net.h>): queue 0 receiveq,
 * queue 1 transmitq.  Features: MAC, STATUS (link up), VERSION_1; no
 * checksum or segmentation offloads and no MRG_RXBUF, so every frame
 * carries the 12-byte struct virtio_net_hdr_v1 and each receive chain
 * holds one frame.  The tap runs with IFF_VNET_HDR and a 12-byte header,
 * so frames move between the rings and the tap unchanged.
 *
 * RX: with the tap readable and receive buffers posted, one frame per
 * chain; with no buffers, the tap is not polled until the driver kicks
 * queue 0 (the kernel queues frames meanwhile).  TX: header + frame are
 * gathered and written to the tap in one writev().
 */
#include <endian.h>
#include <errno.h>
#include <fcntl.h>
#include <net/if.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <unistd.h>

#include <linux/if_tun.h>
#include <linux/virtio_ids.h>
#include <linux/virtio_net.h>

#include "virtio.h"

#define NET_QUEUE_SIZE 256
#define NET_RX_BUDGET 64
#define NET_HDR_LEN ((uint32_t)sizeof(struct virtio_net_hdr_v1))

struct net {
	int fd;
	struct vd_watch w;
	int rx_stalled; /* no receive buffers: wait for a kick of queue 0 */
	int rx_error_logged;
	unsigned long long tx_dropped;
	struct vq_chain chain;
};

static void net_update(struct vd_dev *d)
{
	struct net *s = d->priv;
	uint32_t ev = 0;

	if (d->q[0].live && !s->rx_stalled)
		ev |= EPOLLIN;
	if (vd_watch_set(d->core, &s->w, ev))
		vd_dev_warn(d, "epoll: %s", strerror(errno));
}

static void net_rx(struct vd_dev *d)
{
	struct net *s = d->priv;
	struct vd_queue *q = &d->q[0];
	struct virtio_net_hdr_v1 h;
	unsigned int i;

	for (i = 0; i < NET_RX_BUDGET; i++) {
		int r = vq_pop(q, &s->chain);
		ssize_t n;

		if (r < 0)
			break;
		if (!r) {
			s->rx_stalled = 1;
			break;
		}
		if (s->chain.in_len < NET_HDR_LEN) {
			vd_dev_warn(d,
				    "receive chain of %zu bytes, less "
				    "than the header: completed with "
				    "length 0",
				    s->chain.in_len);
			vq_push(q, s->chain.head, 0);
			continue;
		}
		n = readv(s->fd, &s->chain.iov[s->chain.n_out],
			  (int)s->chain.n_in);
		if (n <= 0) {
			vq_unpop(q);
			if (n < 0 && (errno == EAGAIN || errno == EINTR))
				break;
			if (!s->rx_error_logged++)
				vd_dev_log(d,
					   "read: %s (receive paused until "
					   "the next kick)",
					   n ? strerror(errno) : "end of file");
			s->rx_stalled = 1;
			break;
		}
		/* a tap returns the frame's length even when it truncated */
		if ((size_t)n > s->chain.in_len)
			n = (ssize_t)s->chain.in_len;
		/* no offloads negotiated: a plain header, one buffer */
		memset(&h, 0, sizeof(h));
		h.num_buffers = htole16(1);
		iov_from_buf(&s->chain.iov[s->chain.n_out], s->chain.n_in, 0,
			     &h, sizeof(h));
		vq_push(q, s->chain.head, (uint32_t)n);
	}
	vq_notify_guest(q);
}

static void net_tx(struct vd_dev *d, struct vd_queue *q)
{
	struct net *s = d->priv;

	while (vq_pop(q, &s->chain) > 0) {
		ssize_t n = -1;

		if (s->chain.out_len <= NET_HDR_LEN) {
			vd_dev_warn(d,
				    "transmit chain of %zu bytes: no frame "
				    "after the header, dropped",
				    s->chain.out_len);
		} else {
			do
				n = writev(s->fd, s->chain.iov,
					   (int)s->chain.n_out);
			while (n < 0 && errno == EINTR);
			if (n < 0) {
				s->tx_dropped++;
				vd_dev_warn(d,
					    "frame of %zu bytes dropped: %s "
					    "(%llu so far)",
					    s->chain.out_len - NET_HDR_LEN,
					    strerror(errno), s->tx_dropped);
			}
		}
		vq_push(q, s->chain.head, 0);
	}
	vq_notify_guest(q);
}

static void net_event(struct vd_watch *w, uint32_t ev)
{
	struct vd_dev *d = w->arg;

	if (ev & (EPOLLIN | EPOLLHUP | EPOLLERR))
		net_rx(d);
	net_update(d);
}

static void net_notify(struct vd_dev *d, struct vd_queue *q)
{
	struct net *s = d->priv;

	if (q->index == 1) {
		net_tx(d, q);
	} else {
		s->rx_stalled = 0;
		s->rx_error_logged = 0;
	}
	net_update(d);
}

static void net_reset(struct vd_dev *d)
{
	struct net *s = d->priv;

	s->rx_stalled = 0;
}

static void net_destroy(struct vd_dev *d)
{
	struct net *s = d->priv;

	if (!s)
		return;
	vd_watch_del(d->core, &s->w);
	if (s->fd >= 0)
		close(s->fd);
	free(s);
	d->priv = NULL;
}

static const struct vd_dev_ops net_ops = {
	.type = "net",
	.device_id = VIRTIO_ID_NET,
	.notify = net_notify,
	.reset = net_reset,
	.changed = net_update,
	.destroy = net_destroy,
};

/* Attach to (or create) tap @name with a 12-byte vnet header, up. */
static int open_tap(const char *name, char *err)
{
	struct ifreq ifr;
	int hdr = (int)NET_HDR_LEN, fd, sk;

	if (strlen(name) >= IFNAMSIZ) {
		snprintf(err, VD_ERR_MAX, "tap: %s: longer than %d characters",
			 name, IFNAMSIZ - 1);
		return -1;
	}
	fd = open("/dev/net/tun", O_RDWR | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0) {
		snprintf(err, VD_ERR_MAX, "tap: %s: /dev/net/tun: %s", name,
			 strerror(errno));
		return -1;
	}
	memset(&ifr, 0, sizeof(ifr));
	ifr.ifr_flags = (short)(IFF_TAP | IFF_NO_PI | IFF_VNET_HDR);
	memcpy(ifr.ifr_name, name, strlen(name));
	if (ioctl(fd, TUNSETIFF, &ifr) || ioctl(fd, TUNSETVNETHDRSZ, &hdr)) {
		snprintf(err, VD_ERR_MAX, "tap: %s: %s", name, strerror(errno));
		close(fd);
		return -1;
	}
	sk = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (sk < 0 || ioctl(sk, SIOCGIFFLAGS, &ifr)) {
		snprintf(err, VD_ERR_MAX, "tap: %s: %s", name, strerror(errno));
		goto fail;
	}
	ifr.ifr_flags = (short)(ifr.ifr_flags | IFF_UP);
	if (ioctl(sk, SIOCSIFFLAGS, &ifr)) {
		snprintf(err, VD_ERR_MAX, "tap: %s: bringing it up: %s", name,
			 strerror(errno));
		goto fail;
	}
	close(sk);
	return fd;
fail:
	if (sk >= 0)
		close(sk);
	close(fd);
	return -1;
}

int vd_net_init(struct vd_dev *d, uint32_t zone,
		const struct virtio_cfg_device *cfg, int fd,
		char err[VD_ERR_MAX])
{
	struct virtio_net_config nc;
	struct net *s;

	vd_dev_init(d, &net_ops, zone, cfg, 2, NET_QUEUE_SIZE);
	s = calloc(1, sizeof(*s));
	if (!s) {
		snprintf(err, VD_ERR_MAX, "tap: %s", strerror(errno));
		if (fd >= 0)
			close(fd);
		return -1;
	}
	d->priv = s;
	s->fd = -1;
	if (fd >= 0) {
		s->fd = fd;
		if (fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)) {
			snprintf(err, VD_ERR_MAX, "tap: %s", strerror(errno));
			goto fail;
		}
	} else {
		s->fd = open_tap(cfg->tap, err);
		if (s->fd < 0)
			goto fail;
	}
	s->w.fd = s->fd;
	s->w.cb = net_event;
	s->w.arg = d;
	if (vd_watch_add(d->core, &s->w, 0)) {
		snprintf(err, VD_ERR_MAX, "tap: epoll: %s", strerror(errno));
		goto fail;
	}
	d->features |= 1ULL << VIRTIO_NET_F_MAC | 1ULL << VIRTIO_NET_F_STATUS;
	memset(&nc, 0, sizeof(nc));
	if (cfg->has_mac) {
		memcpy(nc.mac, cfg->mac, 6);
	} else {
		/* locally administered, stable: 02:48:56:zone:window */
		nc.mac[0] = 0x02;
		nc.mac[1] = 0x48;
		nc.mac[2] = 0x56;
		nc.mac[3] = (uint8_t)zone;
		nc.mac[4] = (uint8_t)(cfg->addr >> 17);
		nc.mac[5] = (uint8_t)(cfg->addr >> 9);
	}
	nc.status = htole16(VIRTIO_NET_S_LINK_UP);
	nc.max_virtqueue_pairs = htole16(1);
	memcpy(d->config, &nc, sizeof(nc));
	d->config_len = sizeof(nc);
	vd_dev_log(d, "tap %s, mac %02x:%02x:%02x:%02x:%02x:%02x",
		   fd >= 0 ? "(given fd)" : cfg->tap, nc.mac[0], nc.mac[1],
		   nc.mac[2], nc.mac[3], nc.mac[4], nc.mac[5]);
	return 0;
fail:
	net_destroy(d);
	return -1;
}
