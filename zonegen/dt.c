// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/* Copyright (c) 2026 hvisor-c contributors */
/*
 * Device-tree helpers: running dtc, loading a DT into dtscan (whose query
 * API answers every reg and interrupt question), ranges arithmetic.
 */
#include <errno.h>
#include <inttypes.h>
#include <libfdt.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "zg_internal.h"

extern char **environ;

int zg_read_file(const char *path, char **data, size_t *len)
{
	int rc = hvc_read_file(path, data, len);

	return rc == -ENOMEM ? -ZG_ENOMEM : rc ? -ZG_EIO : 0;
}

/* Run dtc; its diagnostics become the error message. */
int zg_dtc(const char *in, const char *in_fmt, const char *out,
	   const char *out_fmt, struct hvc_err *e)
{
	char log[] = "/tmp/zonegen-dtc.XXXXXX";
	char *argv[] = {
		"dtc",		 "-q", "-I",	    (char *)in_fmt, "-O",
		(char *)out_fmt, "-o", (char *)out, (char *)in,	    NULL
	};
	posix_spawn_file_actions_t fa;
	int fd, st = 0, rc;
	pid_t pid;
	char *msg = NULL;

	fd = mkstemp(log);
	if (fd < 0)
		return zg_seterr(e, -ZG_EIO, log, NULL, NULL,
				 "cannot create a temporary file");
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, fd, 2);
	rc = posix_spawnp(&pid, "dtc", &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	close(fd);
	if (rc) {
		unlink(log);
		return zg_seterr(e, -ZG_EDTC, in, NULL,
				 "install device-tree-compiler",
				 "cannot run dtc: %s", strerror(rc));
	}
	while (waitpid(pid, &st, 0) < 0) {
		if (errno != EINTR) {
			rc = zg_seterr(e, -ZG_EDTC, in, NULL, NULL,
				       "cannot wait for dtc: %s",
				       strerror(errno));
			unlink(log);
			return rc;
		}
	}
	if (!WIFEXITED(st) || WEXITSTATUS(st)) {
		zg_read_file(log, &msg, NULL);
		if (msg) {
			char *nl = strchr(msg, '\n');

			if (nl)
				*nl = 0;
		}
		rc = zg_seterr(e, -ZG_EDTC, in, NULL, NULL, "dtc: %s",
			       msg && *msg ? msg : "failed");
		free(msg);
		unlink(log);
		return rc;
	}
	unlink(log);
	return 0;
}

/* A dtscan error as zonegen's: same file, node, message and hint. */
static int ds_error(struct hvc_err *e, int rc, const char *path,
		    const struct dtscan_err *de)
{
	return zg_seterr(e, rc == -DTSCAN_EIO ? -ZG_EIO : -ZG_EDT, path,
			 de->node[0] ? de->node : NULL,
			 de->hint[0] ? de->hint : NULL, "%s",
			 de->msg[0] ? de->msg : dtscan_strerror(rc));
}

static int is_dtb(const char *path)
{
	unsigned char m[4];
	FILE *f = fopen(path, "rb");
	int yes;

	if (!f)
		return 0;
	yes = fread(m, 1, 4, f) == 4 && m[0] == 0xd0 && m[1] == 0x0d &&
	      m[2] == 0xfe && m[3] == 0xed;
	fclose(f);
	return yes;
}

int zg_dt_open(const char *path, struct dtscan **ds, struct hvc_err *e)
{
	char tmp[] = "/tmp/zonegen-blob.XXXXXX";
	struct dtscan_err de;
	int fd, rc;

	*ds = NULL;
	if (access(path, R_OK))
		return zg_seterr(e, -ZG_EIO, path, NULL, NULL, "cannot read");
	if (is_dtb(path)) {
		rc = dtscan_load(path, ds, &de);
		return rc ? ds_error(e, rc, path, &de) : 0;
	}
	fd = mkstemp(tmp);
	if (fd < 0)
		return zg_seterr(e, -ZG_EIO, tmp, NULL, NULL,
				 "cannot create a temporary file");
	close(fd);
	rc = zg_dtc(path, "dts", tmp, "dtb", e);
	if (!rc) {
		rc = dtscan_load(tmp, ds, &de);
		if (rc)
			rc = ds_error(e, rc, path, &de);
	}
	unlink(tmp);
	return rc;
}

int zg_dt_intids(struct dtscan *ds, int off, unsigned int **irqs)
{
	int n = dtscan_node_irqs(ds, off, NULL, 0, NULL), i, k = 0;
	struct dtscan_irq *v;

	*irqs = NULL;
	if (n <= 0)
		return 0;
	v = calloc((size_t)n, sizeof(*v));
	*irqs = calloc((size_t)n, sizeof(**irqs));
	if (!v || !*irqs) {
		free(v);
		free(*irqs);
		*irqs = NULL;
		return -ZG_ENOMEM;
	}
	n = dtscan_node_irqs(ds, off, v, n, NULL);
	for (i = 0; i < n; i++)
		if (v[i].intid >= 0)
			(*irqs)[k++] = (unsigned int)v[i].intid;
	free(v);
	return k;
}

int zg_dt_enabled(const void *fdt, int off)
{
	const char *s = fdt_getprop(fdt, off, "status", NULL);

	return !s || !strcmp(s, "okay") || !strcmp(s, "ok");
}

/*
 * Encode @n ranges as a `reg` of @ac address and @sc size cells (1 or 2
 * each; the parent's #address-cells/#size-cells).  A base or size that
 * does not fit its cells is an error naming @node and the range, never
 * cut.  *@cells is malloc'd (free() it), *@ncells = n * (ac + sc).
 */
int zg_reg_encode(const struct hvc_range *r, unsigned int n, int ac, int sc,
		  uint32_t **cells, unsigned int *ncells, const char *file,
		  const char *node, struct hvc_err *e)
{
	unsigned int i, k = 0;
	uint32_t *c;

	*cells = NULL;
	*ncells = 0;
	if (ac < 1 || ac > 2 || sc < 1 || sc > 2)
		return zg_seterr(e, -ZG_EDT, file, node, NULL,
				 "#address-cells = <%d>, #size-cells = <%d> "
				 "of its parent: zonegen writes 1 or 2 of each",
				 ac, sc);
	c = malloc((size_t)(n ? n : 1) * (size_t)(ac + sc) * sizeof(*c));
	if (!c)
		return -ZG_ENOMEM;
	for (i = 0; i < n; i++) {
		if ((ac == 1 && r[i].base >> 32) ||
		    (sc == 1 && r[i].size >> 32)) {
			free(c);
			return zg_seterr(e, -ZG_EDT, file, node, NULL,
					 "reg 0x%" PRIx64 "+0x%" PRIx64
					 " does not fit #address-cells = <%d>, "
					 "#size-cells = <%d>",
					 r[i].base, r[i].size, ac, sc);
		}
		if (ac == 2)
			c[k++] = (uint32_t)(r[i].base >> 32);
		c[k++] = (uint32_t)r[i].base;
		if (sc == 2)
			c[k++] = (uint32_t)(r[i].size >> 32);
		c[k++] = (uint32_t)r[i].size;
	}
	*cells = c;
	*ncells = k;
	return 0;
}

int zg_prop_str(void *fdt, const char *name, const char *s)
{
	return fdt_property(fdt, name, s, (int)strlen(s) + 1);
}

int zg_prop_cells(void *fdt, const char *name, const uint64_t *v,
		  unsigned int n)
{
	fdt32_t c[32];
	unsigned int i;

	for (i = 0; i < n && i < 16; i++) {
		c[2 * i] = cpu_to_fdt32((uint32_t)(v[i] >> 32));
		c[2 * i + 1] = cpu_to_fdt32((uint32_t)v[i]);
	}
	return fdt_property(fdt, name, c, (int)(8 * n));
}

int zg_prop_u32s(void *fdt, const char *name, const uint32_t *v, unsigned int n)
{
	fdt32_t c[32];
	unsigned int i;

	for (i = 0; i < n && i < 32; i++)
		c[i] = cpu_to_fdt32(v[i]);
	return fdt_property(fdt, name, c, (int)(4 * n));
}
