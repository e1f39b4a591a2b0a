// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/* Copyright (c) 2026 hvisor-c contributors */
/*
 * The three things zonegen does with a derived board (state.c): render a
 * new zone's request file, render what the build uses, and check it, the
 * check reading back every file from disk.  `make` and `zonegen check`
 * run the same zonegen_check(); only make's keeps the files.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <hvc/commit.h>

#include <hvc/zone_json.h>

#include "zg_internal.h"

static int derive(struct zg_state *s, const char *boards_dir, const char *board,
		  struct zg_output *out, struct hvc_err *e)
{
	int rc;

	memset(out, 0, sizeof(*out));
	if ((rc = zg_state_open(s, boards_dir, board, e)) ||
	    (rc = zg_state_replay(s, e)) || (rc = zg_state_render(s, out, e)))
		zonegen_output_free(out);
	return rc;
}

int zonegen_derive(const char *boards_dir, const char *board,
		   struct zg_output *out, struct hvc_err *e)
{
	struct zg_state *s = calloc(1, sizeof(*s));
	int rc;

	if (!s)
		return -ZG_ENOMEM;
	rc = derive(s, boards_dir, board, out, e);
	zg_state_close(s);
	free(s);
	return rc;
}

static int request(struct zg_state *s, struct zg_request *r,
		   struct zg_output *out, struct hvc_err *e)
{
	struct zg_request back;
	struct hvc_buf b = { 0 };
	struct stat st;
	char path[4400];
	int rc;

	if ((rc = zg_state_open(s, r->boards_dir, r->board, e)) ||
	    (rc = zg_state_replay(s, e)))
		return rc;
	if (!zg_arch_of(&s->b))
		return zg_seterr(e, -ZG_EREQ, s->b.path, "board.arch",
				 "zones are made for aarch64 and riscv64 "
				 "boards",
				 "no zones on %s boards", s->b.arch);
	if ((rc = zg_arch_of(&s->b)->board_ok(&s->b, e)))
		return rc;
	snprintf(path, sizeof(path), "%s/zones/%s.yaml", s->dir, r->name);
	if (!lstat(path, &st))
		return zg_seterr(e, -ZG_EREQ, path, NULL,
				 "edit or delete the request; the build "
				 "derives the zone from it",
				 "zone exists already");
	/* a path too long for the zone JSON: apply says so */
	if (r->initrd && strlen(r->initrd) < ZONE_JSON_PATH_MAX) {
		if (stat(r->initrd, &st))
			return zg_seterr(e, -ZG_EIO, r->initrd, NULL, NULL,
					 "cannot stat --initrd: %s",
					 strerror(errno));
		r->initrd_size = (uint64_t)st.st_size;
	}
	if (!r->kernel)
		r->kernel = "./Image";
	if ((rc = zg_zone_apply(s, r, 0, e)))
		return rc;
	if ((rc = zg_request_write(r, s->b.name, &b))) {
		hvc_buf_free(&b);
		return rc;
	}
	/* what is written reads back: a value YAML cannot carry is an
	 * error now, not at the next build */
	rc = zg_request_load_mem(b.s, b.len, path, &back, e);
	zg_request_free(&back);
	if (rc) {
		hvc_buf_free(&b);
		return rc;
	}
	if ((rc = zg_output_add(out, path, b.s, b.len)))
		return rc;
	if (s->notes.len && !(out->notes = hvc_buf_take(&s->notes)))
		return -ZG_ENOMEM;
	if (s->info.len && !(out->info = hvc_buf_take(&s->info)))
		return -ZG_ENOMEM;
	return 0;
}

int zonegen_request(struct zg_request *r, struct zg_output *out,
		    struct hvc_err *e)
{
	struct zg_state *s = calloc(1, sizeof(*s));
	int rc;

	memset(out, 0, sizeof(*out));
	if (!s)
		return -ZG_ENOMEM;
	rc = request(s, r, out, e);
	zg_state_close(s);
	free(s);
	if (rc)
		zonegen_output_free(out);
	return rc;
}

/* Write @out's files under @dir (a fresh temporary directory). */
static int write_tree(const struct zg_output *out, const char *dir,
		      struct hvc_err *e)
{
	char p[8400], d[8400];
	unsigned int i;
	int rc;

	for (i = 0; i < out->num_files; i++) {
		snprintf(p, sizeof(p), "%s/%s", dir, out->files[i].path);
		if (hvc_dir_of(p, d, sizeof(d)) || (rc = hvc_mkdirs(d)) ||
		    (rc = hvc_write_atomic(p, out->files[i].data,
					   out->files[i].len, 0)))
			return zg_seterr(e, -ZG_EIO, p, NULL, NULL,
					 "cannot write");
	}
	return 0;
}

/* Remove what write_tree() made (its files, then its directories). */
static void remove_tree(const struct zg_output *out, const char *dir)
{
	char p[8400], q[8400];
	unsigned int i;

	for (i = 0; i < out->num_files; i++) {
		snprintf(p, sizeof(p), "%s/%s", dir, out->files[i].path);
		unlink(p);
		/* zones/NAME/, then zones/ (once empty) */
		while (!hvc_dir_of(p, q, sizeof(q)) && strcmp(q, dir) &&
		       !rmdir(q))
			memcpy(p, q, strlen(q) + 1);
	}
	rmdir(dir);
}

/* Zone directories under @outdir whose request is gone, and a
 * virtio_cfg.json no zone needs any more: derived files only. */
static void remove_stale(const struct zg_output *out, const char *outdir)
{
	static const char *const ext[] = { "dts", "dtb", "json" };
	char p[8400], want[600];
	struct dirent *de;
	unsigned int i, k;
	DIR *d;

	snprintf(p, sizeof(p), "%s/zones", outdir);
	d = opendir(p);
	while (d && (de = readdir(d))) {
		if (de->d_name[0] == '.')
			continue;
		snprintf(want, sizeof(want), "zones/%s/", de->d_name);
		for (i = 0; i < out->num_files; i++)
			if (!strncmp(out->files[i].path, want, strlen(want)))
				break;
		if (i < out->num_files)
			continue;
		for (k = 0; k < 3; k++) {
			snprintf(p, sizeof(p), "%s/zones/%s/%s.%s", outdir,
				 de->d_name, de->d_name, ext[k]);
			unlink(p);
		}
		snprintf(p, sizeof(p), "%s/zones/%s", outdir, de->d_name);
		rmdir(p);
	}
	if (d)
		closedir(d);
	snprintf(p, sizeof(p), "%s/zones", outdir);
	rmdir(p); /* once no zone is left */
	for (i = 0; i < out->num_files; i++)
		if (!strcmp(out->files[i].path, "virtio_cfg.json"))
			return;
	snprintf(p, sizeof(p), "%s/virtio_cfg.json", outdir);
	unlink(p);
}

static int commit(const struct zg_output *out, const char *outdir,
		  struct hvc_err *e)
{
	struct hvc_file_out *f = calloc(out->num_files, sizeof(*f));
	char **paths = calloc(out->num_files, sizeof(*paths));
	unsigned int i;
	int rc = f && paths ? 0 : -ZG_ENOMEM;

	for (i = 0; !rc && i < out->num_files; i++) {
		size_t n = strlen(outdir) + strlen(out->files[i].path) + 2;

		paths[i] = malloc(n);
		if (!paths[i]) {
			rc = -ZG_ENOMEM;
			break;
		}
		snprintf(paths[i], n, "%s/%s", outdir, out->files[i].path);
		f[i] = (struct hvc_file_out){ paths[i], out->files[i].data,
					      out->files[i].len };
	}
	/* all or nothing: lib/commit.c puts everything back on a failure */
	if (!rc && hvc_commit_files(f, out->num_files, e))
		rc = -ZG_EIO;
	if (!rc)
		remove_stale(out, outdir);
	for (i = 0; paths && i < out->num_files; i++)
		free(paths[i]);
	free(paths);
	free(f);
	return rc;
}

static int check(struct zg_state *s, const char *boards_dir, const char *board,
		 const char *outdir, const char *files, struct zg_findings *f,
		 struct zg_output *out, struct hvc_err *e)
{
	char tmp[4200];
	int rc;

	if ((rc = derive(s, boards_dir, board, out, e)))
		return rc;
	if (files) /* files someone has: the derived board checks them */
		return zg_check_dir(&s->b, files, f, e);
	if (outdir && (rc = hvc_mkdirs(outdir)))
		return zg_seterr(e, -ZG_EIO, outdir, NULL, NULL,
				 "cannot make the directory: %s",
				 strerror(-rc));
	/* next to the output (same file system), or in /tmp for a check */
	snprintf(tmp, sizeof(tmp), "%s/.zonegen-XXXXXX",
		 outdir ? outdir : "/tmp");
	if (!mkdtemp(tmp))
		return zg_seterr(e, -ZG_EIO, tmp, NULL, NULL,
				 "cannot make a temporary directory: %s",
				 strerror(errno));
	rc = write_tree(out, tmp, e);
	if (!rc)
		rc = zg_check_dir(&s->b, tmp, f, e);
	remove_tree(out, tmp);
	if (!rc && outdir)
		rc = commit(out, outdir, e);
	return rc;
}

int zonegen_check(const char *boards_dir, const char *board, const char *outdir,
		  const char *files, struct zg_findings *f,
		  struct zg_output *out, struct hvc_err *e)
{
	struct zg_state *s = calloc(1, sizeof(*s));
	int rc;

	f->n = 0;
	f->lines = NULL;
	memset(out, 0, sizeof(*out));
	if (!s)
		return -ZG_ENOMEM;
	rc = check(s, boards_dir, board, files ? NULL : outdir, files, f, out,
		   e);
	zg_state_close(s);
	free(s);
	return rc;
}
