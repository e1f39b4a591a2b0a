// SPDX-License-Identifier: GPL-2.0
/*
 * Input: a DTB file, or a /proc/device-tree-style directory (a folder per
 * node, a file per property holding the raw big-endian bytes), turned into
 * one in-memory blob with libfdt's sequential-write API.  Both go through
 * fdt_check_full() before anything reads them.
 */

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <libfdt.h>
#include "internal.h"

#define DS_MAX_INPUT (64u << 20)

static int check_blob(struct dtscan *ds)
{
	int r;

	if (ds->fdt_size < sizeof(struct fdt_header) ||
	    fdt_magic(ds->fdt) != FDT_MAGIC)
		return ds_fail_key(ds, DTSCAN_ENOTDTB, "header",
				   "give a .dtb file or a /proc/device-tree "
				   "directory",
				   "not a device tree blob (bad magic)");
	if (fdt_totalsize(ds->fdt) > ds->fdt_size)
		return ds_fail_key(ds, DTSCAN_EBADDTB, "header",
				   "the file is shorter than its header says; "
				   "copy it again",
				   "truncated: header says %u bytes, file has "
				   "%zu",
				   fdt_totalsize(ds->fdt), ds->fdt_size);
	/* before fdt_check_full(): Debian 12's libfdt (1.6.1) reads out of
	 * bounds on some blobs of versions below 16 (full-path names) */
	if (fdt_version(ds->fdt) < 16)
		return ds_fail_key(ds, DTSCAN_EBADDTB, "header",
				   "regenerate the blob with dtc",
				   "device tree version %u is too old",
				   fdt_version(ds->fdt));
	r = fdt_check_full(ds->fdt, ds->fdt_size);
	if (r)
		return ds_fail_key(ds, DTSCAN_EBADDTB, "header",
				   "regenerate the blob with dtc",
				   "corrupt device tree blob (%s)",
				   fdt_strerror(r));
	return 0;
}

int ds_load_buf(struct dtscan *ds, const void *buf, size_t len)
{
	ds->src_name = ds->opts->input ? ds->opts->input : "buffer";
	ds->fdt = malloc(len ? len : 1);
	if (!ds->fdt)
		return ds_fail_key(ds, DTSCAN_ENOMEM, "header", NULL, NULL);
	memcpy(ds->fdt, buf, len);
	ds->fdt_size = len;
	return check_blob(ds);
}

static int read_file(const char *path, char **out, size_t *len)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	struct stat st;
	char *p;
	size_t n = 0;

	if (fd < 0)
		return -1;
	if (fstat(fd, &st) || !S_ISREG(st.st_mode) ||
	    (size_t)st.st_size > DS_MAX_INPUT) {
		errno = S_ISREG(st.st_mode) ? EFBIG : EINVAL;
		close(fd);
		return -1;
	}
	p = malloc((size_t)st.st_size + 1);
	if (!p) {
		close(fd);
		return -1;
	}
	/* /proc files report size 0 or 4096: read until EOF */
	for (;;) {
		ssize_t r = read(fd, p + n, (size_t)st.st_size + 1 - n);

		if (r < 0) {
			free(p);
			close(fd);
			return -1;
		}
		if (!r)
			break;
		n += (size_t)r;
		if (n == (size_t)st.st_size + 1) {
			char *q;

			if (n >= DS_MAX_INPUT) {
				free(p);
				close(fd);
				errno = EFBIG;
				return -1;
			}
			q = realloc(p, n * 2);
			if (!q) {
				free(p);
				close(fd);
				return -1;
			}
			p = q;
			st.st_size = (off_t)(n * 2 - 1);
		}
	}
	close(fd);
	*out = p;
	*len = n;
	return 0;
}

static int cmp_names(const struct dirent **a, const struct dirent **b)
{
	return strverscmp((*a)->d_name, (*b)->d_name);
}

static int skip_dot(const struct dirent *d)
{
	return strcmp(d->d_name, ".") && strcmp(d->d_name, "..");
}

struct dirload {
	struct dtscan *ds;
	void *fdt;
	const char *bad; /* path that failed (arena copy) */
	int err; /* its errno, 0: a libfdt error */
	int depth;
};

/* Record the first path that failed: a copy, @path dies with its frame. */
static void set_bad(struct dirload *dl, const char *path, int err)
{
	if (dl->bad)
		return;
	dl->bad = ds_strdup(dl->ds, path);
	dl->err = err;
}

/* Kernel adds a "name" property to every node: not part of the DTB. */
static bool is_name_prop(const char *node, const char *val, size_t len)
{
	size_t l = strcspn(node, "@");

	return len == l + 1 && !memcmp(val, node, l) && val[l] == '\0';
}

static int add_dir(struct dirload *dl, const char *dir, const char *name)
{
	struct dirent **ents;
	int n, i, r = 0;
	char path[4096];

	if (++dl->depth > 64)
		return -FDT_ERR_BADSTRUCTURE;
	r = fdt_begin_node(dl->fdt, name);
	if (r)
		return r;
	n = scandir(dir, &ents, skip_dot, cmp_names);
	if (n < 0) {
		set_bad(dl, dir, errno);
		return -FDT_ERR_BADPATH;
	}
	/* properties first (dtc order), then child nodes */
	for (int pass = 0; pass < 2 && !r; pass++) {
		for (i = 0; i < n && !r; i++) {
			struct stat st;
			char *val;
			size_t len;

			snprintf(path, sizeof(path), "%s/%s", dir,
				 ents[i]->d_name);
			if (lstat(path, &st)) {
				set_bad(dl, path, errno);
				r = -FDT_ERR_BADPATH;
				break;
			}
			if (pass == 0 && S_ISREG(st.st_mode)) {
				if (read_file(path, &val, &len)) {
					set_bad(dl, path, errno);
					r = -FDT_ERR_BADPATH;
					break;
				}
				if (strcmp(ents[i]->d_name, "name") ||
				    !is_name_prop(name, val, len))
					r = fdt_property(dl->fdt,
							 ents[i]->d_name, val,
							 (int)len);
				free(val);
			} else if (pass == 1 && S_ISDIR(st.st_mode)) {
				r = add_dir(dl, path, ents[i]->d_name);
			}
		}
	}
	for (i = 0; i < n; i++)
		free(ents[i]);
	free(ents);
	dl->depth--;
	return r ? r : fdt_end_node(dl->fdt);
}

static int load_dir(struct dtscan *ds, const char *path)
{
	size_t size = 1u << 16;

	for (;;) {
		struct dirload dl = { .ds = ds };
		int r;

		dl.fdt = malloc(size);
		if (!dl.fdt)
			return ds_fail_key(ds, DTSCAN_ENOMEM, "/", NULL, NULL);
		r = fdt_create(dl.fdt, (int)size);
		if (!r)
			r = fdt_finish_reservemap(dl.fdt);
		if (!r)
			r = add_dir(&dl, path, "");
		if (!r)
			r = fdt_finish(dl.fdt);
		if (r == -FDT_ERR_NOSPACE && size < DS_MAX_INPUT) {
			free(dl.fdt);
			size *= 2;
			continue;
		}
		if (r) {
			free(dl.fdt);
			return ds_fail_key(
				ds, DTSCAN_EIO, dl.bad ? dl.bad : "/",
				"give a readable /proc/device-tree "
				"copy",
				"cannot build a tree from the "
				"directory (%s)",
				dl.err ? strerror(dl.err) : fdt_strerror(r));
		}
		ds->fdt = dl.fdt;
		ds->fdt_size = fdt_totalsize(dl.fdt);
		return check_blob(ds);
	}
}

int ds_load_path(struct dtscan *ds, const char *path)
{
	struct stat st;
	char *buf;
	size_t len;
	const char *b;
	size_t l;

	if (!path)
		return ds_fail_key(ds, DTSCAN_EUSAGE, "input", NULL,
				   "no input given");
	/* basename without trailing slashes, for board.yaml "source" */
	l = strlen(path);
	while (l > 1 && path[l - 1] == '/')
		l--;
	b = path + l;
	while (b > path && b[-1] != '/')
		b--;
	ds->src_name = ds_alloc(ds, (size_t)(path + l - b) + 1);
	if (!ds->src_name)
		return ds_fail_key(ds, DTSCAN_ENOMEM, "input", NULL, NULL);
	memcpy((char *)ds->src_name, b, (size_t)(path + l - b));

	if (stat(path, &st))
		return ds_fail_key(ds, DTSCAN_EIO, "input",
				   "check the file name", "cannot open: %s",
				   strerror(errno));
	if (S_ISDIR(st.st_mode))
		return load_dir(ds, path);
	if (read_file(path, &buf, &len))
		return ds_fail_key(ds, DTSCAN_EIO, "input",
				   "give a DTB file of at most 64 MiB",
				   "cannot read: %s", strerror(errno));
	ds->fdt = buf;
	ds->fdt_size = len;
	return check_blob(ds);
}
