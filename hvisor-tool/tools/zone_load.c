// SPDX-License-Identifier: GPL-2.0
/* Copyright (c) 2026 hvisor-c contributors */
/* Zone images into the zone's RAM through /dev/hvisor (HVISOR_LOAD_IMAGE). */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cmd.h"
#include "hvisor_ioctl.h"

#define PAGE 4096ULL

int hvisor_open(void)
{
	int fd = open(HVISOR_DEVICE, O_RDWR | O_CLOEXEC);

	if (fd < 0)
		fprintf(stderr, "hvisor: %s: %s (hint: insmod hvisor.ko)\n",
			HVISOR_DEVICE, strerror(errno));
	return fd;
}

/* the whole file, zero-padded to a page multiple; NULL + errno on failure */
static char *read_padded(const char *path, uint64_t *size)
{
	struct stat st;
	char *buf = NULL;
	size_t got = 0;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return NULL;
	if (fstat(fd, &st) || !S_ISREG(st.st_mode) || !st.st_size) {
		if (!errno || !st.st_size)
			errno = EINVAL;
		goto out;
	}
	*size = ((uint64_t)st.st_size + PAGE - 1) & ~(PAGE - 1);
	buf = calloc(1, (size_t)*size);
	if (!buf)
		goto out;
	while (got < (size_t)st.st_size) {
		ssize_t n = read(fd, buf + got, (size_t)st.st_size - got);

		if (n <= 0) {
			if (!n)
				errno = EIO;
			free(buf);
			buf = NULL;
			goto out;
		}
		got += (size_t)n;
	}
out:
	close(fd);
	return buf;
}

char *path_beside(const char *json, const char *path)
{
	const char *slash = strrchr(json, '/');
	size_t dir = slash ? (size_t)(slash - json) + 1 : 0;
	char *full;

	if (path[0] == '/' || !dir)
		return strdup(path);
	full = malloc(dir + strlen(path) + 1);
	if (full) {
		memcpy(full, json, dir);
		strcpy(full + dir, path);
	}
	return full;
}

int zone_load_file(int fd, const char *json, const char *key, const char *file,
		   uint64_t paddr, uint64_t *size)
{
	struct hvisor_load_image_args a;
	char *path = path_beside(json, file);
	char *buf;
	int ret = -1;

	if (!path) {
		fprintf(stderr, "hvisor: %s: %s: out of memory\n", json, key);
		return -1;
	}
	buf = read_padded(path, size);
	if (!buf) {
		fprintf(stderr, "hvisor: %s: %s: %s: %s\n", json, key, path,
			strerror(errno));
		free(path);
		return -1;
	}
	a.user_buffer = (uint64_t)(uintptr_t)buf;
	a.size = *size;
	a.load_paddr = paddr;
	if (ioctl(fd, HVISOR_LOAD_IMAGE, &a)) {
		fprintf(stderr,
			"hvisor: %s: %s: loading %s at 0x%llx+0x%llx: %s%s\n",
			json, key, path, (unsigned long long)paddr,
			(unsigned long long)*size, strerror(errno),
			errno == EPERM ? " (hint: the root Linux uses that "
					 "RAM; see dmesg)"
				       : "");
		goto out;
	}
	ret = 0;
out:
	free(buf);
	free(path);
	return ret;
}
