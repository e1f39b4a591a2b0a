/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/* Copyright (c) 2026 hvisor-c contributors */
/*
 * Files: read whole, create parent directories, write atomically.  Return
 * 0 or -errno; never print.
 */
#ifndef HVC_FILEIO_H
#define HVC_FILEIO_H

#include <stddef.h>

/**
 * hvc_read_file() - read @path into a malloc'd, NUL-terminated buffer.
 * @len: its length without the NUL, may be NULL.
 * Return: 0 or -errno.
 */
int hvc_read_file(const char *path, char **data, size_t *len);

/**
 * hvc_mkdirs() - create @dir and its missing parents (mode 0755).
 * Return: 0 or -errno (ENOTDIR names a file in the way).
 */
int hvc_mkdirs(const char *dir);

#define HVC_WRITE_EXCL 1 /* refuse to replace an existing file */

/**
 * hvc_write_atomic() - write @len bytes of @data to @path: a temporary file
 * made with mkstemp() in @path's directory (so a planted name or symlink is
 * never followed), flushed and closed with every return checked, then
 * renamed over @path, or with %HVC_WRITE_EXCL linked to @path (fails with
 * -EEXIST if it exists).  On error nothing is left behind.  The directory
 * must exist (hvc_mkdirs()).  Mode 0644.
 * Return: 0 or -errno.
 */
int hvc_write_atomic(const char *path, const void *data, size_t len, int flags);

/**
 * hvc_fill_tmp() - write @len bytes of @data to the new temporary @fd, make
 * it mode 0644, fsync and close it (always closed), every return checked:
 * the step hvc_write_atomic() and hvc_commit_files() share.
 * Return: 0 or -errno.
 */
int hvc_fill_tmp(int fd, const void *data, size_t len);

/**
 * hvc_sibling_tmp() - a mkstemp() template beside @path, in its directory
 * (same file system, so a rename is atomic) and hidden:
 * DIR/.NAME.XXXXXX, or DIR/.NAME.TAG.XXXXXX with @tag.
 * Return: malloc'd, or NULL when out of memory.
 */
char *hvc_sibling_tmp(const char *path, const char *tag);

/**
 * hvc_dir_of() - the directory part of @path ("." if none) into @buf.
 * Return: 0, or -ENAMETOOLONG if it does not fit @size.
 */
int hvc_dir_of(const char *path, char *buf, size_t size);

#endif /* HVC_FILEIO_H */
