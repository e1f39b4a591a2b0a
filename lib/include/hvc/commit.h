/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/* Copyright (c) 2026 hvisor-c contributors */
/* All-or-nothing write of several files. */
#ifndef HVC_COMMIT_H
#define HVC_COMMIT_H

#include <stddef.h>

#include <hvc/err.h>

/* One file to write: @path gets @len bytes of @data. */
struct hvc_file_out {
	const char *path;
	const void *data;
	size_t len;
};

/**
 * hvc_commit_files() - write @n files all or nothing.  Each file is first
 * written to a mkstemp() temporary in its directory (missing directories
 * are created), each existing target is kept as a hard link, then the
 * temporaries are renamed into place.  On any failure every target is put
 * back (old inode renamed back, new file removed), temporaries and the
 * directories this call created are removed.  A directory or symlink in a
 * target's place is refused.  Test hook: the environment variable
 * HVC_COMMIT_FAIL_AT=N makes step N fail with EIO (steps: one temporary
 * per file, one keep per file, one rename per file).
 * Return: 0, or a negative errno with @e naming the file.
 */
int hvc_commit_files(const struct hvc_file_out *f, unsigned int n,
		     struct hvc_err *e);

#endif /* HVC_COMMIT_H */
