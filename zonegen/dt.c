// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/* Copyright (c) 2026 hvisor-c contributors */
/* Device-tree helpers: running dtc, reg translation, interrupt lookup. */
#include <errno.h>
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
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t cap = 0, n = 0, r;

	if (!f)
		return -ZG_EIO;
	for (;;) {
		if (cap - n < 4096) {
			char *nb = realloc(buf, cap + 65536 + 1);

			if (!nb) {
				free(buf);
				fclose(f);
				return -ZG_ENOMEM;
			}
			buf = nb;
			cap += 65536;
		}
		r = fread(buf + n, 1, cap - n, f);
		n += r;
		if (!r)
			break;
	}
	fclose(f);
	buf[n] = 0;
	*data = buf;
	if (len)
		*len = n;
	return 0;
}

/* Run dtc; its diagnostics become the error message. */
int zg_dtc(const char *in, const char *in_fmt, const char *out,
	   const char *out_fmt, struct zg_err *e)
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
	waitpid(pid, &st, 0);
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

int zg_dts_to_blob(const char *dts_path, void **blob, struct zg_err *e)
{
	char tmp[] = "/tmp/zonegen-blob.XXXXXX";
	size_t len;
	char *data;
	int fd, rc;

	fd = mkstemp(tmp);
	if (fd < 0)
		return zg_seterr(e, -ZG_EIO, tmp, NULL, NULL,
				 "cannot create a temporary file");
	close(fd);
	rc = zg_dtc(dts_path, "dts", tmp, "dtb", e);
	if (rc) {
		unlink(tmp);
		return rc;
	}
	rc = zg_read_file(tmp, &data, &len);
	unlink(tmp);
	if (rc)
		return zg_seterr(e, rc, tmp, NULL, NULL, "cannot read");
	if (fdt_check_header(data) || fdt_totalsize(data) > len) {
		free(data);
		return zg_seterr(e, -ZG_EDT, dts_path, NULL, NULL,
				 "dtc produced an invalid blob");
	}
	*blob = data;
	return 0;
}

static uint64_t cells(const fdt32_t *p, int n)
{
	uint64_t v = 0;
	int i;

	for (i = 0; i < n; i++)
		v = (v << 32) | fdt32_to_cpu(p[i]);
	return v;
}

static int ncells(const void *fdt, int off, const char *name, int def)
{
	int len;
	const fdt32_t *p = fdt_getprop(fdt, off, name, &len);

	return p && len == 4 ? (int)fdt32_to_cpu(*p) : def;
}

/* Translate @addr from the bus of @node's parent up to the CPU. */
static int translate(const void *fdt, int node, uint64_t *addr)
{
	int bus = fdt_parent_offset(fdt, node);

	while (bus > 0) {
		int parent = fdt_parent_offset(fdt, bus);
		int ac = ncells(fdt, bus, "#address-cells", 2);
		int pac = ncells(fdt, parent, "#address-cells", 2);
		int sc = ncells(fdt, bus, "#size-cells", 1);
		const fdt32_t *r;
		int len, stride, i, found = 0;

		r = fdt_getprop(fdt, bus, "ranges", &len);
		if (!r)
			return -1; /* not memory-mapped */
		stride = ac + pac + sc;
		for (i = 0; len > 0 && i + stride <= len / 4; i += stride) {
			uint64_t cb = cells(r + i, ac);
			uint64_t pb = cells(r + i + ac, pac);
			uint64_t sz = cells(r + i + ac + pac, sc);

			if (*addr >= cb && *addr - cb < sz) {
				*addr = *addr - cb + pb;
				found = 1;
				break;
			}
		}
		if (len > 0 && !found)
			return -1;
		bus = parent;
	}
	return 0;
}

int zg_dt_reg(const void *fdt, int off, int i, uint64_t *base, uint64_t *size)
{
	int parent = fdt_parent_offset(fdt, off);
	int ac = ncells(fdt, parent, "#address-cells", 2);
	int sc = ncells(fdt, parent, "#size-cells", 1);
	const fdt32_t *r;
	int len;

	r = fdt_getprop(fdt, off, "reg", &len);
	if (!r || ac < 1 || ac > 2 || sc > 2 || (i + 1) * (ac + sc) * 4 > len)
		return -1;
	r += i * (ac + sc);
	*base = cells(r, ac);
	*size = sc ? cells(r + ac, sc) : 0;
	return translate(fdt, off, base);
}

static int irq_parent(const void *fdt, int off)
{
	while (off >= 0) {
		int len;
		const fdt32_t *p =
			fdt_getprop(fdt, off, "interrupt-parent", &len);

		if (p && len == 4)
			return fdt_node_offset_by_phandle(fdt,
							  fdt32_to_cpu(*p));
		off = fdt_parent_offset(fdt, off);
	}
	return -1;
}

int zg_dt_irqs(const void *fdt, int off, int gic_off, unsigned int *irqs,
	       int max)
{
	const fdt32_t *p;
	int len, n = 0, i;

	p = fdt_getprop(fdt, off, "interrupts-extended", &len);
	if (p) {
		for (i = 0; i + 4 <= len / 4; i += 4) {
			if (fdt_node_offset_by_phandle(
				    fdt, fdt32_to_cpu(p[i])) != gic_off)
				return -1;
			if (n < max)
				irqs[n++] =
					(fdt32_to_cpu(p[i + 1]) ? 16u : 32u) +
					fdt32_to_cpu(p[i + 2]);
		}
		return n;
	}
	p = fdt_getprop(fdt, off, "interrupts", &len);
	if (!p)
		return 0;
	if (irq_parent(fdt, off) != gic_off)
		return -1;
	for (i = 0; i + 3 <= len / 4; i += 3)
		if (n < max)
			irqs[n++] = (fdt32_to_cpu(p[i]) ? 16u : 32u) +
				    fdt32_to_cpu(p[i + 1]);
	return n;
}

int zg_dt_enabled(const void *fdt, int off)
{
	const char *s = fdt_getprop(fdt, off, "status", NULL);

	return !s || !strcmp(s, "okay") || !strcmp(s, "ok");
}

int zg_overlap(uint64_t a, uint64_t as, uint64_t b, uint64_t bs)
{
	return as && bs && a < b + bs && b < a + as;
}

unsigned int zg_carve(struct zg_range *r, unsigned int n, unsigned int max,
		      uint64_t cb, uint64_t cs)
{
	unsigned int i;

	for (i = 0; i < n; i++) {
		uint64_t b = r[i].base, end = r[i].base + r[i].size;
		uint64_t ce = cb + cs;

		if (!zg_overlap(b, r[i].size, cb, cs))
			continue;
		if (cb > b && ce < end) {
			/* Split in two: the tail goes in a new slot. */
			if (n >= max)
				return n;
			memmove(&r[i + 2], &r[i + 1],
				(n - i - 1) * sizeof(r[0]));
			r[i + 1] = r[i];
			r[i].size = cb - b;
			r[i + 1].base = ce;
			r[i + 1].size = end - ce;
			n++;
			i++;
		} else if (cb <= b && ce >= end) {
			memmove(&r[i], &r[i + 1], (n - i - 1) * sizeof(r[0]));
			n--;
			i--;
		} else if (cb <= b) {
			r[i].base = ce;
			r[i].size = end - ce;
		} else {
			r[i].size = cb - b;
		}
	}
	return n;
}
