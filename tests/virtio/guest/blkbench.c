// SPDX-License-Identifier: GPL-2.0
/*
 * blkbench: a small block read benchmark for the guests of the virtio tests
 * and `make bench` (zone 1 reading its virtio-blk disk vs the root zone
 * reading the same image from its own disk).  Static arm64 build:
 *   aarch64-linux-gnu-gcc -static -std=c11 -D_GNU_SOURCE -O2 $(WARN_CFLAGS)
 *
 *   blkbench seq PATH MIB     sequential read of MIB MiB in 1 MiB read()s,
 *                             page cache dropped first; prints
 *                             "blkbench seq <MB/s>" (MB = 10^6 bytes)
 *   blkbench rand PATH COUNT  COUNT 4 KiB pread()s with O_DIRECT at random
 *                             4 KiB aligned offsets inside PATH's size;
 *                             prints "blkbench rand <IOPS>"
 *
 * PATH is a file or a block device.  The cache drop (sync, then "3" into
 * /proc/sys/vm/drop_caches, plus POSIX_FADV_DONTNEED on PATH) is done here
 * so a caller cannot forget it; without root it warns on stderr and goes on.
 * Errors: one line "blkbench: PATH: message" on stderr, exit 1.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define SEQ_CHUNK (1024L * 1024L)
#define RAND_BLOCK 4096L
#define MAX_MIB 1048576L     /* 1 TiB: a sanity bound for the argument */
#define MAX_COUNT 100000000L /* a sanity bound for rand COUNT */

static const char *prog = "blkbench";

static void usage(void)
{
	fprintf(stderr, "usage: %s seq PATH MIB | %s rand PATH COUNT\n", prog,
		prog);
	exit(1);
}

static void die(const char *path, const char *what, int err)
{
	if (err)
		fprintf(stderr, "%s: %s: %s: %s\n", prog, path, what,
			strerror(err));
	else
		fprintf(stderr, "%s: %s: %s\n", prog, path, what);
	exit(1);
}

/* a positive decimal count, bounded; anything else is a usage error */
static long parse_count(const char *s, long max)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || end == s || *end || v <= 0 || v > max) {
		fprintf(stderr, "%s: %s: not a count in 1..%ld\n", prog, s, max);
		exit(1);
	}
	return v;
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void drop_caches(int fd)
{
	int dc;

	sync();
	dc = open("/proc/sys/vm/drop_caches", O_WRONLY);
	if (dc < 0 || write(dc, "3", 1) != 1)
		fprintf(stderr,
			"%s: warning: cannot drop the page cache (%s); "
			"run as root for cold reads\n",
			prog, strerror(errno));
	if (dc >= 0)
		close(dc);
	posix_fadvise(fd, 0, 0, POSIX_FADV_DONTNEED);
}

static void *aligned_buf(size_t size)
{
	void *p = NULL;

	if (posix_memalign(&p, 4096, size)) {
		fprintf(stderr, "%s: out of memory\n", prog);
		exit(1);
	}
	memset(p, 0, size);
	return p;
}

static int bench_seq(const char *path, long mib)
{
	char *buf = aligned_buf(SEQ_CHUNK);
	double t0, dt;
	long i;
	int fd;

	fd = open(path, O_RDONLY);
	if (fd < 0)
		die(path, "open", errno);
	drop_caches(fd);
	t0 = now();
	for (i = 0; i < mib; i++) {
		long got = 0;

		while (got < SEQ_CHUNK) {
			ssize_t n = read(fd, buf + got, (size_t)(SEQ_CHUNK - got));

			if (n < 0 && errno == EINTR)
				continue;
			if (n < 0)
				die(path, "read", errno);
			if (n == 0) {
				fprintf(stderr,
					"%s: %s: ends after %ld MiB, asked for %ld\n",
					prog, path, i, mib);
				exit(1);
			}
			got += n;
		}
	}
	dt = now() - t0;
	close(fd);
	free(buf);
	if (dt <= 0)
		dt = 1e-9;
	printf("blkbench seq %.1f\n", (double)mib * (double)SEQ_CHUNK / 1e6 / dt);
	return 0;
}

/* xorshift64*: fixed seed, so two runs read the same offsets */
static uint64_t rng_state = 0x9e3779b97f4a7c15ULL;

static uint64_t rng(void)
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return rng_state * 0x2545f4914f6cdd1dULL;
}

static int bench_rand(const char *path, long count)
{
	char *buf = aligned_buf((size_t)RAND_BLOCK);
	uint64_t blocks;
	double t0, dt;
	off_t size;
	long i;
	int fd;

	fd = open(path, O_RDONLY | O_DIRECT);
	if (fd < 0)
		die(path, "open with O_DIRECT", errno);
	/* SEEK_END gives the size of regular files and block devices alike */
	size = lseek(fd, 0, SEEK_END);
	if (size < 0)
		die(path, "size (lseek SEEK_END)", errno);
	blocks = (uint64_t)size / (uint64_t)RAND_BLOCK;
	if (blocks == 0)
		die(path, "smaller than one 4 KiB block", 0);
	t0 = now();
	for (i = 0; i < count; i++) {
		off_t off = (off_t)((rng() % blocks) * (uint64_t)RAND_BLOCK);
		ssize_t n = pread(fd, buf, (size_t)RAND_BLOCK, off);

		if (n < 0 && errno == EINTR) {
			i--;
			continue;
		}
		if (n < 0)
			die(path, "pread", errno);
		if (n != RAND_BLOCK)
			die(path, "short read", 0);
	}
	dt = now() - t0;
	close(fd);
	free(buf);
	if (dt <= 0)
		dt = 1e-9;
	printf("blkbench rand %.0f\n", (double)count / dt);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc == 2 && (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help"))) {
		printf("usage: %s seq PATH MIB | %s rand PATH COUNT\n", prog,
		       prog);
		return 0;
	}
	if (argc != 4)
		usage();
	if (!strcmp(argv[1], "seq"))
		return bench_seq(argv[2], parse_count(argv[3], MAX_MIB));
	if (!strcmp(argv[1], "rand"))
		return bench_rand(argv[2], parse_count(argv[3], MAX_COUNT));
	usage();
	return 1;
}
