// SPDX-License-Identifier: GPL-2.0
/* Copyright (c) 2026 hvisor-c contributors */
/*
 * `hvisor virtio start FILE [--log PATH]` and `hvisor virtio stop`: the
 * daemon around the core, on /dev/hvisor.
 *
 *  start: parse and check FILE, open every image, pty and tap, lock the
 *  pid file, register the bridge page (HVISOR_INIT_VIRTIO), map the
 *  zones' RAM and the page, connect the wake-up eventfd and serve.
 *  Any error before serving is one line on stderr (and in the log), exit
 *  status 1, nothing left behind.
 *
 *  serve: drain the request ring; when it is empty poll it for about
 *  100 us, then set need_wakeup, re-check and sleep in epoll (wake-up
 *  eventfd, signalfd, ptys, taps).  SIGTERM/SIGINT end it cleanly.
 *  Closing /dev/hvisor unregisters the bridge, so a killed daemon leaves
 *  the hypervisor consistent.
 *
 *  stop: SIGTERM to the pid in the pid file, wait (10 s at most) until the
 *  daemon released the file's lock.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/file.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/signalfd.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "hvisor_ioctl.h"
#include "virtio.h"

#define SPIN_NS 100000 /* poll the ring this long before sleeping */
#define STOP_WAIT_MS 10000
#define MAX_MAPS (VIRTIO_CFG_MAX_ZONES * 4)

struct map {
	void *p;
	size_t len;
};

struct daemon {
	const char *file;
	FILE *log;
	int log_stderr;
	struct virtio_cfg cfg;
	struct vd_core *core;
	int hv_fd;
	int efd;
	int sfd;
	int pid_fd;
	struct hvisor_virtio_bridge *bridge;
	unsigned int nmaps;
	struct map maps[MAX_MAPS];
	struct vd_watch ew;
	struct vd_watch sw;
	int stop;
};

static void log_line(void *arg, const char *line)
{
	struct daemon *dm = arg;
	char ts[32];
	struct tm tm;
	time_t t = time(NULL);

	if (!dm->log)
		return;
	localtime_r(&t, &tm);
	strftime(ts, sizeof(ts), "%Y-%m-%d %H:%M:%S", &tm);
	fprintf(dm->log, "%s hvisor-virtio[%d]: %s\n", ts, (int)getpid(), line);
	fflush(dm->log);
}

static void dlog(struct daemon *dm, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void dlog(struct daemon *dm, const char *fmt, ...)
{
	char line[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	log_line(dm, line);
}

/* The one error line: stderr, and the log unless that is stderr. */
static int fail(struct daemon *dm, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static int fail(struct daemon *dm, const char *fmt, ...)
{
	char line[640];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	fprintf(stderr, "hvisor: %s\n", line);
	if (!dm->log_stderr)
		dlog(dm, "error: %s", line);
	return -1;
}

/* mkdir -p of the directory part of @path */
static void mkdir_parents(const char *path)
{
	char buf[256];
	char *p;

	if (snprintf(buf, sizeof(buf), "%s", path) >= (int)sizeof(buf))
		return;
	for (p = buf + 1; (p = strchr(p, '/')); p++) {
		*p = 0;
		mkdir(buf, 0755);
		*p = '/';
	}
}

static int open_log(struct daemon *dm, const char *path)
{
	if (!strcmp(path, "-")) {
		dm->log = stderr;
		dm->log_stderr = 1;
		return 0;
	}
	mkdir_parents(path);
	dm->log = fopen(path, "ae");
	if (!dm->log) {
		fprintf(stderr,
			"hvisor: %s: %s (hint: --log PATH, or --log - "
			"for stderr)\n",
			path, strerror(errno));
		return -1;
	}
	return 0;
}

/* --- pid file: locked (flock) for the daemon's whole life --- */

static pid_t read_pid(int fd)
{
	char buf[24];
	ssize_t n = pread(fd, buf, sizeof(buf) - 1, 0);
	long v;

	if (n <= 0)
		return 0;
	buf[n] = 0;
	v = strtol(buf, NULL, 10);
	return v > 0 && v < 0x7fffffff ? (pid_t)v : 0;
}

/* Another daemon holds the lock: its pid (or -1 if unknown); else 0. */
static pid_t running_daemon(void)
{
	int fd = open(VD_PID_FILE, O_RDONLY | O_CLOEXEC);
	pid_t pid = 0;

	if (fd < 0)
		return 0;
	if (flock(fd, LOCK_SH | LOCK_NB)) {
		pid = read_pid(fd);
		if (!pid)
			pid = -1;
	}
	close(fd);
	return pid;
}

static int pid_lock(struct daemon *dm)
{
	pid_t other;

	mkdir_parents(VD_PID_FILE);
	dm->pid_fd = open(VD_PID_FILE, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
	if (dm->pid_fd < 0)
		return fail(dm, "%s: %s", VD_PID_FILE, strerror(errno));
	if (flock(dm->pid_fd, LOCK_EX | LOCK_NB)) {
		other = read_pid(dm->pid_fd);
		close(dm->pid_fd);
		dm->pid_fd = -1;
		return fail(dm,
			    "virtio start: a daemon already runs (pid %d, "
			    "%s; hint: hvisor virtio stop)",
			    (int)other, VD_PID_FILE);
	}
	return 0;
}

static void pid_write(struct daemon *dm)
{
	char buf[24];
	int n = snprintf(buf, sizeof(buf), "%d\n", (int)getpid());

	if (ftruncate(dm->pid_fd, 0) ||
	    pwrite(dm->pid_fd, buf, (size_t)n, 0) != n)
		dlog(dm, "%s: %s", VD_PID_FILE, strerror(errno));
}

/* --- guest RAM, bridge, wake-up --- */

static int finish_req(void *arg)
{
	struct daemon *dm = arg;

	return ioctl(dm->hv_fd, HVISOR_FINISH_REQ) < 0 ? -1 : 0;
}

static int zone_enabled(const struct virtio_cfg_zone *z)
{
	unsigned int j;

	for (j = 0; j < z->num_devs; j++)
		if (strcmp(z->devs[j].status, "disable"))
			return 1;
	return 0;
}

static int map_zones(struct daemon *dm)
{
	unsigned int i, k;

	for (i = 0; i < dm->cfg.num_zones; i++) {
		const struct virtio_cfg_zone *z = &dm->cfg.zones[i];
		struct vd_mem *mem;

		if (!zone_enabled(z))
			continue;
		mem = vd_core_zone_mem(dm->core, z->id);
		if (!mem)
			return fail(dm, "%s: zones[%u]: too many zones",
				    dm->file, i);
		for (k = 0; k < z->num_mem; k++) {
			const struct virtio_cfg_mem *m = &z->mem[k];
			void *p;

			if (dm->nmaps >= MAX_MAPS)
				return fail(dm,
					    "%s: zones[%u].memory_region[%u]: "
					    "more than %d windows in all",
					    dm->file, i, k, MAX_MAPS);
			p = mmap(NULL, m->size, PROT_READ | PROT_WRITE,
				 MAP_SHARED, dm->hv_fd, (off_t)m->zone0_ipa);
			if (p == MAP_FAILED)
				return fail(dm,
					    "%s: zones[%u].memory_region[%u]: "
					    "mapping 0x%llx+0x%llx: %s%s",
					    dm->file, i, k,
					    (unsigned long long)m->zone0_ipa,
					    (unsigned long long)m->size,
					    strerror(errno),
					    errno == EPERM
						    ? " (hint: see dmesg)"
						    : "");
			dm->maps[dm->nmaps].p = p;
			dm->maps[dm->nmaps++].len = m->size;
			mem->w[mem->n].gpa = m->zonex_ipa;
			mem->w[mem->n].size = m->size;
			mem->w[mem->n++].hva = p;
		}
	}
	return 0;
}

static void on_wakeup(struct vd_watch *w, uint32_t events)
{
	uint64_t v;

	(void)events;
	/* nonblocking: just clear the counter */
	if (read(w->fd, &v, sizeof(v)) < 0 && errno != EAGAIN)
		dlog(w->arg, "eventfd: %s", strerror(errno));
}

static void on_signal(struct vd_watch *w, uint32_t events)
{
	struct daemon *dm = w->arg;
	struct signalfd_siginfo si;

	(void)events;
	if (read(w->fd, &si, sizeof(si)) != sizeof(si))
		return;
	dlog(dm, "signal %s (from pid %u): exiting",
	     strsignal((int)si.ssi_signo), si.ssi_pid);
	dm->stop = 1;
}

static int register_bridge(struct daemon *dm)
{
	struct vd_host_ops ops = { finish_req, dm };
	sigset_t set;
	void *p;

	p = mmap(NULL, HVISOR_VIRTIO_BRIDGE_SIZE, PROT_READ | PROT_WRITE,
		 MAP_SHARED, dm->hv_fd, 0);
	if (p == MAP_FAILED)
		return fail(dm, "%s: mapping the bridge page: %s",
			    HVISOR_DEVICE, strerror(errno));
	dm->bridge = p;
	dm->efd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
	if (dm->efd < 0)
		return fail(dm, "eventfd: %s", strerror(errno));
	if (ioctl(dm->hv_fd, HVISOR_SET_EVENTFD, dm->efd) < 0)
		return fail(dm, "%s: HVISOR_SET_EVENTFD: %s", HVISOR_DEVICE,
			    strerror(errno));
	sigemptyset(&set);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	dm->sfd = signalfd(-1, &set, SFD_NONBLOCK | SFD_CLOEXEC);
	if (dm->sfd < 0)
		return fail(dm, "signalfd: %s", strerror(errno));
	dm->ew = (struct vd_watch){ .fd = dm->efd, .cb = on_wakeup, .arg = dm };
	dm->sw = (struct vd_watch){ .fd = dm->sfd, .cb = on_signal, .arg = dm };
	if (vd_watch_add(dm->core, &dm->ew, EPOLLIN) ||
	    vd_watch_add(dm->core, &dm->sw, EPOLLIN))
		return fail(dm, "epoll: %s", strerror(errno));
	vd_core_set_bridge(dm->core, dm->bridge, &ops);
	return 0;
}

static void cpu_relax(void)
{
#if defined(__aarch64__)
	__asm__ volatile("yield" ::: "memory");
#elif defined(__x86_64__)
	__asm__ volatile("pause" ::: "memory");
#else
	__atomic_signal_fence(__ATOMIC_SEQ_CST);
#endif
}

static int64_t mono_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

/* A request came within SPIN_NS: 1. */
static int spin_for_request(struct daemon *dm)
{
	int64_t t0 = mono_ns();

	do {
		if (vd_core_pending(dm->core))
			return 1;
		cpu_relax();
	} while (mono_ns() - t0 < SPIN_NS);
	return 0;
}

static void serve(struct daemon *dm)
{
	struct hvisor_virtio_bridge *b = dm->bridge;

	while (!dm->stop) {
		unsigned int n = vd_core_drain(dm->core);

		if (vd_core_poll(dm->core, 0) < 0)
			dlog(dm, "epoll_wait: %s", strerror(errno));
		if (n || dm->stop || spin_for_request(dm))
			continue;
		__atomic_store_n(&b->need_wakeup, 1, __ATOMIC_RELAXED);
		/* need_wakeup stored before req_rear is read (Dekker) */
		__atomic_thread_fence(__ATOMIC_SEQ_CST);
		if (!vd_core_pending(dm->core) &&
		    vd_core_poll(dm->core, -1) < 0) {
			dlog(dm, "epoll_wait: %s", strerror(errno));
			usleep(1000);
		}
		__atomic_store_n(&b->need_wakeup, 0, __ATOMIC_RELAXED);
	}
}

/* Undo everything; safe on a partial start. */
static void cleanup(struct daemon *dm)
{
	unsigned int i;

	/* workers first: they use the RAM mappings and FINISH_REQ */
	vd_core_free(dm->core);
	dm->core = NULL;
	if (dm->bridge)
		munmap(dm->bridge, HVISOR_VIRTIO_BRIDGE_SIZE);
	for (i = 0; i < dm->nmaps; i++)
		munmap(dm->maps[i].p, dm->maps[i].len);
	if (dm->hv_fd >= 0)
		close(dm->hv_fd); /* unregisters the bridge */
	if (dm->efd >= 0)
		close(dm->efd);
	if (dm->sfd >= 0)
		close(dm->sfd);
	if (dm->pid_fd >= 0) {
		unlink(VD_PID_FILE);
		close(dm->pid_fd);
	}
}

static int add_devices(struct daemon *dm)
{
	unsigned int i, j;

	for (i = 0; i < dm->cfg.num_zones; i++) {
		const struct virtio_cfg_zone *z = &dm->cfg.zones[i];

		for (j = 0; j < z->num_devs; j++) {
			const struct virtio_cfg_device *d = &z->devs[j];
			char err[VD_ERR_MAX];

			if (!strcmp(d->status, "disable")) {
				dlog(dm,
				     "zones[%u].devices[%u] (zone %u %s "
				     "0x%llx): status disable, skipped",
				     i, j, z->id, d->type,
				     (unsigned long long)d->addr);
				continue;
			}
			if (!vd_core_add_device(dm->core, z->id, d, dm->file,
						-1, err))
				return fail(dm, "%s: zones[%u].devices[%u].%s",
					    dm->file, i, j, err);
		}
	}
	return 0;
}

static void announce(struct daemon *dm)
{
	struct vd_dev *d;
	unsigned int i;

	for (i = 0; (d = vd_core_device(dm->core, i)); i++) {
		const char *pty = vd_console_pty(d);

		if (!pty)
			continue;
		printf("hvisor virtio: zone %u console 0x%llx: %s\n", d->zone,
		       (unsigned long long)d->addr, pty);
		dlog(dm, "hvisor virtio: zone %u console 0x%llx: %s", d->zone,
		     (unsigned long long)d->addr, pty);
	}
	fflush(stdout);
	dlog(dm, "serving %u devices of %s", i, dm->file);
}

int vd_daemon_start(const char *file, const char *log_path)
{
	static struct daemon dm_storage;
	struct daemon *dm = &dm_storage;
	struct json_err jerr = { "", "" };
	char key[128], msg[256];
	sigset_t set;
	pid_t other;
	int rc;

	memset(dm, 0, sizeof(*dm));
	dm->file = file;
	dm->hv_fd = dm->efd = dm->sfd = dm->pid_fd = -1;
	if (open_log(dm, log_path))
		return 1;
	dlog(dm, "start: %s", file);
	rc = virtio_cfg_load(file, &dm->cfg, &jerr);
	if (rc) {
		fail(dm, "%s: %s%s%s", file, jerr.key, jerr.key[0] ? ": " : "",
		     jerr.msg[0] ? jerr.msg : json_strerror(rc));
		goto out;
	}
	rc = -1; /* until serve() returns */
	if (vd_cfg_check(&dm->cfg, key, sizeof(key), msg, sizeof(msg))) {
		fail(dm, "%s: %s: %s", file, key, msg);
		goto out;
	}
	other = running_daemon();
	if (other) {
		fail(dm,
		     "virtio start: a daemon already runs (pid %d, %s; "
		     "hint: hvisor virtio stop)",
		     (int)other, VD_PID_FILE);
		goto out;
	}
	/* before any thread: signals go to the signalfd */
	sigemptyset(&set);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	sigprocmask(SIG_BLOCK, &set, NULL);
	signal(SIGPIPE, SIG_IGN);
	prctl(PR_SET_NAME, "hvisor-virtio", 0, 0, 0);
	dm->core = vd_core_new(log_line, dm);
	if (!dm->core) {
		fail(dm, "virtio start: %s", strerror(errno));
		goto out;
	}
	if (add_devices(dm) || pid_lock(dm))
		goto out;
	dm->hv_fd = open(HVISOR_DEVICE, O_RDWR | O_CLOEXEC);
	if (dm->hv_fd < 0) {
		fail(dm, "%s: %s (hint: insmod hvisor.ko)", HVISOR_DEVICE,
		     strerror(errno));
		goto out;
	}
	/* the module maps RAM only for the file that registered */
	if (ioctl(dm->hv_fd, HVISOR_INIT_VIRTIO) < 0) {
		int e = errno;

		fail(dm, "%s: HVISOR_INIT_VIRTIO: %s%s", HVISOR_DEVICE,
		     strerror(e),
		     e == EBUSY	   ? " (hint: another daemon is registered)"
		     : e == ENODEV ? " (hint: no usable /hvisor_virtio_device "
				     "node in the root DT, see dmesg)"
				   : "");
		goto out;
	}
	if (map_zones(dm) || register_bridge(dm))
		goto out;
	pid_write(dm);
	announce(dm);
	serve(dm);
	rc = 0;
out:
	cleanup(dm);
	dlog(dm, "exit (status %d)", rc ? 1 : 0);
	if (dm->log && !dm->log_stderr)
		fclose(dm->log);
	return rc ? 1 : 0;
}

int vd_daemon_stop(void)
{
	pid_t pid;
	int fd, waited;

	fd = open(VD_PID_FILE, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		fprintf(stderr,
			"hvisor: virtio stop: no daemon runs (%s: %s)\n",
			VD_PID_FILE, strerror(errno));
		return 1;
	}
	if (!flock(fd, LOCK_SH | LOCK_NB)) {
		fprintf(stderr,
			"hvisor: virtio stop: no daemon runs (%s is stale)\n",
			VD_PID_FILE);
		close(fd);
		return 1;
	}
	pid = read_pid(fd);
	if (pid <= 0 || kill(pid, SIGTERM)) {
		fprintf(stderr, "hvisor: virtio stop: %s: pid %d: %s\n",
			VD_PID_FILE, (int)pid,
			pid <= 0 ? "not a pid" : strerror(errno));
		close(fd);
		return 1;
	}
	/* the lock goes with the daemon's last file descriptor */
	for (waited = 0; waited < STOP_WAIT_MS; waited += 20) {
		if (!flock(fd, LOCK_SH | LOCK_NB)) {
			close(fd);
			printf("hvisor virtio: daemon (pid %d) stopped\n",
			       (int)pid);
			return 0;
		}
		usleep(20000);
	}
	close(fd);
	fprintf(stderr,
		"hvisor: virtio stop: daemon (pid %d) still runs after %d s\n",
		(int)pid, STOP_WAIT_MS / 1000);
	return 1;
}
