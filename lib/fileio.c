// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/* Copyright (c) 2026 hvisor-c contributors */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <hvc/fileio.h>

int hvc_read_file(const char *path, char **data, size_t *len)
{
	char *buf = NULL, *nb;
	size_t cap = 0, n = 0;
	ssize_t r;
	int fd = open(path, O_RDONLY | O_CLOEXEC), err;

	if (fd < 0)
		return -errno;
	for (;;) {
		if (cap - n < 4096) {
			if (cap > ((size_t)-1 >> 2)) {
				err = EFBIG;
				goto fail;
			}
			cap = cap ? 2 * cap : 65536;
			nb = realloc(buf, cap + 1);
			if (!nb) {
				err = ENOMEM;
				goto fail;
			}
			buf = nb;
		}
		r = read(fd, buf + n, cap - n);
		if (r < 0) {
			if (errno == EINTR)
				continue;
			err = errno;
			goto fail;
		}
		if (!r)
			break;
		n += (size_t)r;
	}
	close(fd);
	buf[n] = 0;
	*data = buf;
	if (len)
		*len = n;
	return 0;
fail:
	free(buf);
	close(fd);
	return -err;
}

int hvc_mkdirs(const char *dir)
{
	size_t n = strlen(dir);
	char *buf = malloc(n + 1), *s;
	struct stat st;
	int rc = 0;

	if (!buf)
		return -ENOMEM;
	memcpy(buf, dir, n + 1);
	for (s = buf + 1;; s++) {
		if (*s && *s != '/')
			continue;
		if (s[-1] != '/') {
			char c = *s;

			*s = 0;
			if (mkdir(buf, 0755) && errno != EEXIST)
				rc = -errno;
			else if (stat(buf, &st))
				rc = -errno;
			else if (!S_ISDIR(st.st_mode))
				rc = -ENOTDIR;
			*s = c;
			if (rc)
				break;
		}
		if (!*s)
			break;
	}
	free(buf);
	return rc;
}

int hvc_dir_of(const char *path, char *buf, size_t size)
{
	const char *slash = strrchr(path, '/');
	size_t n;

	if (!slash) {
		path = ".";
		n = 1;
	} else {
		n = slash == path ? 1 : (size_t)(slash - path);
	}
	if (n >= size)
		return -ENAMETOOLONG;
	memcpy(buf, path, n);
	buf[n] = 0;
	return 0;
}

static int write_all(int fd, const char *p, size_t len)
{
	while (len) {
		ssize_t w = write(fd, p, len);

		if (w < 0) {
			if (errno == EINTR)
				continue;
			return -errno;
		}
		p += w;
		len -= (size_t)w;
	}
	return 0;
}

int hvc_fill_tmp(int fd, const void *data, size_t len)
{
	int rc = write_all(fd, data, len);

	if (!rc && fchmod(fd, 0644))
		rc = -errno;
	if (!rc && fsync(fd))
		rc = -errno;
	if (close(fd) && !rc)
		rc = -errno;
	return rc;
}

char *hvc_sibling_tmp(const char *path, const char *tag)
{
	const char *base = strrchr(path, '/');
	size_t dl = base ? (size_t)(base - path) + 1 : 0;
	size_t n = strlen(path) + (tag ? strlen(tag) : 0) + 16;
	char *s = malloc(n);

	if (s)
		snprintf(s, n, "%.*s.%s%s%s.XXXXXX", (int)dl, path,
			 base ? base + 1 : path, tag ? "." : "",
			 tag ? tag : "");
	return s;
}

int hvc_write_atomic(const char *path, const void *data, size_t len, int flags)
{
	char *tmp = hvc_sibling_tmp(path, NULL);
	int fd, rc;

	if (!tmp)
		return -ENOMEM;
	fd = mkstemp(tmp);
	if (fd < 0) {
		rc = -errno;
		free(tmp);
		return rc;
	}
	rc = hvc_fill_tmp(fd, data, len);
	if (!rc) {
		if (flags & HVC_WRITE_EXCL) {
			/* link() never replaces: the exclusive create */
			if (link(tmp, path))
				rc = -errno;
			unlink(tmp);
		} else if (rename(tmp, path)) {
			rc = -errno;
		}
	}
	if (rc)
		unlink(tmp);
	free(tmp);
	return rc;
}
