// SPDX-License-Identifier: GPL-2.0
/* Copyright (c) 2026 hvisor-c contributors */
/*
 * virtio-console on a pty (<linux/virtio_console.h>): queue 0 receiveq,
 * queue 1 transmitq, no multiport.  The user attaches to the pty's slave
 * (/dev/pts/N, e.g. with screen); the daemon keeps a slave fd of its own
 * in raw mode, so a user detaching never makes the master hang up.
 *
 * TX: written to the master at once; what the master does not take waits
 * in a bounded buffer (EPOLLOUT flushes it), bytes beyond it are counted
 * and logged.  Transmit buffers are completed immediately, as Linux's
 * driver spins until they are.  RX: with the master readable and receive
 * buffers posted, input is read into them; with no buffers, the master is
 * not polled until the driver kicks queue 0 (the pty keeps the input).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/uio.h>
#include <termios.h>
#include <unistd.h>

#include <linux/virtio_console.h>
#include <linux/virtio_ids.h>

#include "virtio.h"

#define CON_QUEUE_SIZE 64
#define CON_TXBUF (64 * 1024)
#define CON_RX_BUDGET 64

struct console {
	int master;
	int slave;
	char pty[64];
	struct vd_watch w;
	int rx_stalled; /* no receive buffers: wait for a kick of queue 0 */
	int rx_error_logged;
	uint8_t *txbuf; /* ring of CON_TXBUF bytes */
	size_t tx_head;
	size_t tx_len;
	unsigned long long tx_dropped;
	struct vq_chain chain;
};

static void con_update(struct vd_dev *d)
{
	struct console *s = d->priv;
	uint32_t ev = 0;

	if (d->q[0].live && !s->rx_stalled)
		ev |= EPOLLIN;
	if (s->tx_len)
		ev |= EPOLLOUT;
	if (vd_watch_set(d->core, &s->w, ev))
		vd_dev_warn(d, "epoll: %s", strerror(errno));
}

/* Write out the buffered output, as far as the master takes it. */
static void con_flush(struct vd_dev *d)
{
	struct console *s = d->priv;

	while (s->tx_len) {
		size_t k = CON_TXBUF - s->tx_head;
		ssize_t n;

		if (k > s->tx_len)
			k = s->tx_len;
		n = write(s->master, s->txbuf + s->tx_head, k);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return;
		s->tx_head = (s->tx_head + (size_t)n) % CON_TXBUF;
		s->tx_len -= (size_t)n;
	}
	s->tx_head = 0;
}

static void con_out(struct vd_dev *d, const uint8_t *p, size_t len)
{
	struct console *s = d->priv;
	size_t room, k, tail;

	if (!s->tx_len) {
		ssize_t n;

		do
			n = write(s->master, p, len);
		while (n < 0 && errno == EINTR);
		if (n > 0) {
			p += n;
			len -= (size_t)n;
		}
	}
	if (!len)
		return;
	room = CON_TXBUF - s->tx_len;
	k = len < room ? len : room;
	tail = (s->tx_head + s->tx_len) % CON_TXBUF;
	if (k) {
		size_t first = CON_TXBUF - tail < k ? CON_TXBUF - tail : k;

		memcpy(s->txbuf + tail, p, first);
		memcpy(s->txbuf, p + first, k - first);
		s->tx_len += k;
	}
	if (k < len) {
		s->tx_dropped += len - k;
		vd_dev_warn(d,
			    "nobody reads %s: %llu bytes of output dropped "
			    "so far",
			    s->pty, s->tx_dropped);
	}
}

static void con_tx(struct vd_dev *d, struct vd_queue *q)
{
	struct console *s = d->priv;
	unsigned int i;

	while (vq_pop(q, &s->chain) > 0) {
		for (i = 0; i < s->chain.n_out; i++)
			con_out(d, s->chain.iov[i].iov_base,
				s->chain.iov[i].iov_len);
		vq_push(q, s->chain.head, 0);
	}
	vq_notify_guest(q);
}

static void con_rx(struct vd_dev *d)
{
	struct console *s = d->priv;
	struct vd_queue *q = &d->q[0];
	unsigned int i;

	for (i = 0; i < CON_RX_BUDGET; i++) {
		int r = vq_pop(q, &s->chain);
		ssize_t n;

		if (r < 0)
			break;
		if (!r) {
			s->rx_stalled = 1;
			break;
		}
		if (!s->chain.n_in) {
			vd_dev_warn(d, "receive buffer not writable: "
				       "completed with length 0");
			vq_push(q, s->chain.head, 0);
			continue;
		}
		n = readv(s->master, &s->chain.iov[s->chain.n_out],
			  (int)s->chain.n_in);
		if (n <= 0) {
			vq_unpop(q);
			if (n < 0 && (errno == EAGAIN || errno == EINTR))
				break;
			if (!s->rx_error_logged++)
				vd_dev_log(d,
					   "%s: read: %s (input paused "
					   "until the next kick)",
					   s->pty,
					   n ? strerror(errno) : "end of file");
			s->rx_stalled = 1;
			break;
		}
		vq_push(q, s->chain.head, (uint32_t)n);
	}
	vq_notify_guest(q);
}

static void con_event(struct vd_watch *w, uint32_t ev)
{
	struct vd_dev *d = w->arg;

	if (ev & EPOLLOUT)
		con_flush(d);
	if (ev & (EPOLLIN | EPOLLHUP | EPOLLERR))
		con_rx(d);
	con_update(d);
}

static void con_notify(struct vd_dev *d, struct vd_queue *q)
{
	struct console *s = d->priv;

	if (q->index == 1) {
		con_tx(d, q);
	} else {
		s->rx_stalled = 0; /* new receive buffers */
		s->rx_error_logged = 0;
	}
	con_update(d);
}

static void con_reset(struct vd_dev *d)
{
	struct console *s = d->priv;

	s->rx_stalled = 0;
}

static void con_destroy(struct vd_dev *d)
{
	struct console *s = d->priv;

	if (!s)
		return;
	vd_watch_del(d->core, &s->w);
	if (s->master >= 0)
		close(s->master);
	if (s->slave >= 0)
		close(s->slave);
	free(s->txbuf);
	free(s);
	d->priv = NULL;
}

static const struct vd_dev_ops con_ops = {
	.type = "console",
	.device_id = VIRTIO_ID_CONSOLE,
	.notify = con_notify,
	.reset = con_reset,
	.changed = con_update,
	.destroy = con_destroy,
};

const char *vd_console_pty(const struct vd_dev *d)
{
	const struct console *s = d->priv;

	return d->ops == &con_ops && s ? s->pty : NULL;
}

static int open_pty(struct console *s)
{
	struct termios t;

	s->master = posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
	if (s->master < 0 || grantpt(s->master) || unlockpt(s->master) ||
	    ptsname_r(s->master, s->pty, sizeof(s->pty)))
		return -1;
	s->slave = open(s->pty, O_RDWR | O_NOCTTY | O_CLOEXEC);
	if (s->slave < 0 || tcgetattr(s->slave, &t))
		return -1;
	cfmakeraw(&t);
	if (tcsetattr(s->slave, TCSANOW, &t) ||
	    fcntl(s->master, F_SETFL, O_NONBLOCK))
		return -1;
	return 0;
}

int vd_console_init(struct vd_dev *d, uint32_t zone,
		    const struct virtio_cfg_device *cfg, char err[VD_ERR_MAX])
{
	struct virtio_console_config cc;
	struct console *s;

	vd_dev_init(d, &con_ops, zone, cfg, 2, CON_QUEUE_SIZE);
	s = calloc(1, sizeof(*s));
	if (!s) {
		snprintf(err, VD_ERR_MAX, "type: console: %s", strerror(errno));
		return -1;
	}
	d->priv = s;
	s->master = s->slave = -1;
	s->txbuf = malloc(CON_TXBUF);
	if (!s->txbuf || open_pty(s)) {
		snprintf(err, VD_ERR_MAX,
			 "type: console: cannot create a pty: %s%s",
			 strerror(errno),
			 errno == ENOENT ? " (hint: mount -t devpts devpts "
					   "/dev/pts)"
					 : "");
		goto fail;
	}
	s->w.fd = s->master;
	s->w.cb = con_event;
	s->w.arg = d;
	if (vd_watch_add(d->core, &s->w, 0)) {
		snprintf(err, VD_ERR_MAX, "type: console: epoll: %s",
			 strerror(errno));
		goto fail;
	}
	memset(&cc, 0, sizeof(cc));
	memcpy(d->config, &cc, sizeof(cc));
	d->config_len = sizeof(cc);
	/* the daemon prints and logs the one "console ...: /dev/pts/N" line */
	return 0;
fail:
	con_destroy(d);
	return -1;
}
