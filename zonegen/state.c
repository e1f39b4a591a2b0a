// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/* Copyright (c) 2026 hvisor-c contributors */
/*
 * A derived board (struct zg_state): board.yaml and zone0.dts as dtscan
 * wrote them and a person reviewed them, with the zone requests of
 * zones/NAME.yaml applied in memory, in zone id order.  Rendering gives what
 * the build uses; no board file is ever rewritten.
 */
#include <errno.h>
#include <glob.h>
#include <inttypes.h>
#include <libfdt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <hvc/virtio_cfg_json.h>
#include <hvc/zone_json.h>

#include "zg_internal.h"

char *zg_state_keep(struct zg_state *s, char *str)
{
	char **n;

	if (!str)
		return NULL;
	n = realloc(s->owned, (s->nowned + 1) * sizeof(*n));
	if (!n) {
		free(str);
		return NULL;
	}
	s->owned = n;
	s->owned[s->nowned++] = str;
	return str;
}

int zg_state_open(struct zg_state *s, const char *boards_dir, const char *board,
		  struct hvc_err *e)
{
	struct stat st;
	int rc;

	memset(s, 0, sizeof(*s));
	s->vc = calloc(1, sizeof(*s->vc));
	if (!s->vc)
		return -ZG_ENOMEM;
	if ((rc = zg_board_find(boards_dir, board, s->dir, sizeof(s->dir),
				e)) ||
	    (rc = zg_board_load(s->dir, &s->b, e)))
		return rc;
	snprintf(s->zone0_path, sizeof(s->zone0_path), "%s/zone0.dts", s->dir);
	if (stat(s->zone0_path, &st)) {
		s->zone0_path[0] = 0; /* a hand-made board: no root DT */
		return 0;
	}
	if ((rc = zg_dt_open(s->zone0_path, &s->ds, e)))
		return rc;
	s->fdt = dtscan_fdt(s->ds);
	s->gic_off = dtscan_node_by_path(s->ds, s->b.gic_node);
	if (s->gic_off < 0)
		return zg_seterr(e, -ZG_EDT, s->zone0_path, s->b.gic_node,
				 "the board.yaml and zone0.dts of one dtscan "
				 "run belong together",
				 "GIC node of board.yaml not found");
	return 0;
}

static int by_id(const void *a, const void *b)
{
	const struct zg_request *x = a, *y = b;

	return x->zone_id < y->zone_id ? -1 : x->zone_id > y->zone_id;
}

/* Zone directories of zonegen before requests (zones/NAME/NAME.json). */
static int old_layout(struct zg_state *s, struct hvc_err *e)
{
	char pat[4200];
	glob_t g;
	int rc = 0;

	snprintf(pat, sizeof(pat), "%s/zones/*/*.json", s->dir);
	if (!glob(pat, 0, NULL, &g)) {
		rc = zg_seterr(e, -ZG_EREQ, g.gl_pathv[0], NULL,
			       "make the zone again with `zonegen NAME ...` "
			       "(a request file), delete the old directory, "
			       "and restore board.yaml and zone0.dts from git",
			       "a zone file written into the board by an older "
			       "zonegen; zones are requests now "
			       "(zones/NAME.yaml)");
		globfree(&g);
	}
	return rc;
}

int zg_state_replay(struct zg_state *s, struct hvc_err *e)
{
	struct zg_request *reqs = NULL;
	char pat[4200];
	unsigned int i, n = 0;
	glob_t g;
	int rc;

	if ((rc = old_layout(s, e)))
		return rc;
	snprintf(pat, sizeof(pat), "%s/zones/*.yaml", s->dir);
	rc = glob(pat, 0, NULL, &g);
	if (rc == GLOB_NOMATCH)
		return 0;
	if (rc)
		return zg_seterr(e, -ZG_EIO, pat, NULL, NULL,
				 "cannot list the zone requests");
	reqs = calloc(g.gl_pathc, sizeof(*reqs));
	if (!reqs) {
		globfree(&g);
		return -ZG_ENOMEM;
	}
	for (i = 0; !rc && i < g.gl_pathc; i++, n++)
		rc = zg_request_load(g.gl_pathv[i], &reqs[i], e);
	globfree(&g);
	if (rc)
		n--; /* the failed one freed itself */
	if (!rc)
		qsort(reqs, n, sizeof(*reqs), by_id);
	for (i = 0; !rc && i < n; i++) {
		reqs[i].board = s->b.name;
		rc = zg_zone_apply(s, &reqs[i], 1, e);
		if (!rc)
			reqs[i].doc_ = NULL; /* the zone owns it now */
	}
	for (i = 0; i < n; i++)
		if (reqs[i].doc_)
			zg_request_free(&reqs[i]);
	free(reqs);
	return rc;
}

/* libfdt's answer as ours: 1 = the blob is full, grow it and redo. */
int zg_fdt_rc(struct zg_state *s, struct hvc_err *e, int rc, const char *node)
{
	if (rc == -FDT_ERR_NOSPACE)
		return 1;
	if (rc)
		return zg_seterr(e, -ZG_EDT, s->zone0_path, node, NULL,
				 "libfdt: %s", fdt_strerror(rc));
	return 0;
}

/* reg of /memory node @off (original zone0) minus every zone's RAM. */
static int memory_reg(struct zg_state *s, void *fdt, int off, const char *path,
		      struct hvc_err *e)
{
	struct hvc_ranges rr = { 0 };
	struct hvc_range one = { 0 };
	uint32_t *cells = NULL;
	unsigned int i, ncells;
	int q, rc = -ZG_ENOMEM, parent, noff;

	for (q = 0; !dtscan_node_reg(s->ds, off, q, &one.base, &one.size, NULL);
	     q++)
		if (hvc_ranges_add(&rr, &one))
			goto out;
	for (i = 0; i < s->carved.n; i++)
		if (hvc_ranges_carve(&rr, s->carved.r[i].base,
				     s->carved.r[i].size))
			goto out;
	noff = fdt_path_offset(fdt, path);
	if (noff < 0) {
		rc = zg_fdt_rc(s, e, noff, path);
		goto out;
	}
	if (!rr.n) {
		rc = zg_fdt_rc(s, e, fdt_del_node(fdt, noff), path);
		goto out;
	}
	/* the cells of the node's parent (rpi4's root has #size-cells =
	 * <1>), never two size cells regardless */
	parent = fdt_parent_offset(s->fdt, off);
	rc = zg_reg_encode(rr.r, rr.n, fdt_address_cells(s->fdt, parent),
			   fdt_size_cells(s->fdt, parent), &cells, &ncells,
			   s->zone0_path, path, e);
	if (!rc) {
		for (i = 0; i < ncells; i++)
			cells[i] = cpu_to_fdt32(cells[i]);
		rc = zg_fdt_rc(s, e,
			       fdt_setprop(fdt, noff, "reg", cells,
					   (int)(ncells * sizeof(*cells))),
			       path);
	}
out:
	free(cells);
	hvc_ranges_free(&rr);
	return rc;
}

/* libfdt edits of zone0 for what the zones took.  Return: 0, 1 (grow
 * the blob) or a negative ZG_E* code. */
static int edit_zone0(struct zg_state *s, void *fdt, struct hvc_err *e)
{
	const struct board *b = &s->b;
	char path[4096];
	unsigned int i;
	int off, rc;

	for (i = 0; i < b->ncpus; i++) {
		if (!(s->gone_cpus >> i & 1))
			continue;
		off = fdt_path_offset(fdt, b->cpus[i].node);
		if (off < 0)
			return zg_seterr(e, -ZG_EDT, s->zone0_path,
					 b->cpus[i].node, NULL,
					 "CPU node of board.yaml not found");
		if ((rc = zg_fdt_rc(s, e, fdt_del_node(fdt, off),
				    b->cpus[i].node)))
			return rc;
	}
	/* cpu-map points at the removed CPUs; Linux falls back to MPIDRs */
	off = fdt_path_offset(fdt, "/cpus/cpu-map");
	if (s->gone_cpus && off >= 0 &&
	    (rc = zg_fdt_rc(s, e, fdt_del_node(fdt, off), "/cpus/cpu-map")))
		return rc;
	for (off = fdt_next_node(s->fdt, -1, NULL); s->carved.n && off >= 0;
	     off = fdt_next_node(s->fdt, off, NULL)) {
		const char *dt = fdt_getprop(s->fdt, off, "device_type", NULL);

		if (!dt || strcmp(dt, "memory"))
			continue;
		if (fdt_get_path(s->fdt, off, path, sizeof(path)))
			return zg_seterr(e, -ZG_EDT, s->zone0_path, NULL, NULL,
					 "a /memory node's path is longer "
					 "than %zu bytes",
					 sizeof(path) - 1);
		if ((rc = memory_reg(s, fdt, off, path, e)))
			return rc;
	}
	/* a passthrough node dtscan trimmed is not in zone0 at all */
	for (i = 0; i < s->ndisabled; i++) {
		off = fdt_path_offset(fdt, s->disabled[i]);
		if (off >= 0 &&
		    (rc = zg_fdt_rc(
			     s, e,
			     fdt_setprop_string(fdt, off, "status", "disabled"),
			     s->disabled[i])))
			return rc;
	}
	if (s->gone_cpus && zg_arch_of(b) && zg_arch_of(b)->edit_zone0)
		return zg_arch_of(b)->edit_zone0(s, fdt, e);
	return 0;
}

static int render_zone0(struct zg_state *s, struct zg_output *out,
			struct hvc_err *e)
{
	int size = (int)fdt_totalsize(s->fdt) + 4096, rc = 1;
	void *fdt = NULL;

	/* the blob grows until the edits fit */
	while (rc == 1 && size <= (1 << 30)) {
		void *n = realloc(fdt, (size_t)size);

		if (!n) {
			free(fdt);
			return -ZG_ENOMEM;
		}
		fdt = n;
		rc = zg_fdt_rc(s, e, fdt_open_into(s->fdt, fdt, size), NULL);
		if (!rc)
			rc = edit_zone0(s, fdt, e);
		size *= 2;
	}
	if (!rc)
		rc = zg_fdt_rc(s, e, fdt_pack(fdt), NULL);
	if (rc) {
		free(fdt);
		return rc > 0 ? -ZG_ENOMEM : rc;
	}
	return zg_output_add(out, "zone0.dtb", fdt, fdt_totalsize(fdt));
}

static int add_copy(struct zg_output *out, const char *path, const char *data,
		    size_t len)
{
	char *d = malloc(len + 1);

	if (!d)
		return -ZG_ENOMEM;
	memcpy(d, data, len);
	d[len] = 0;
	return zg_output_add(out, path, d, len);
}

int zg_state_render(struct zg_state *s, struct zg_output *out,
		    struct hvc_err *e)
{
	struct hvc_buf j = { 0 };
	char p[600];
	unsigned int i;
	char *t;
	int rc;

	if (board_write_json(&s->b, &j)) {
		hvc_buf_free(&j);
		return -ZG_ENOMEM;
	}
	if ((rc = zg_output_add(out, "board.json", j.s, j.len)))
		return rc;
	if (s->ds && (rc = render_zone0(s, out, e)))
		return rc;
	for (i = 0; i < s->nzones; i++) {
		const struct zg_zone *z = &s->zones[i];
		const char *n = z->req.name;

		snprintf(p, sizeof(p), "zones/%s/%s.dts", n, n);
		if ((rc = add_copy(out, p, z->dts, z->dts_len)))
			return rc;
		snprintf(p, sizeof(p), "zones/%s/%s.dtb", n, n);
		if ((rc = add_copy(out, p, z->dtb, z->dtb_len)))
			return rc;
		snprintf(p, sizeof(p), "zones/%s/%s.json", n, n);
		t = zone_json_write(z->zj);
		if (!t || (rc = zg_output_add(out, p, t, strlen(t))))
			return t ? rc : -ZG_ENOMEM;
	}
	if (s->vc->num_zones) {
		t = virtio_cfg_write(s->vc);
		if (!t)
			return -ZG_ENOMEM;
		if ((rc = zg_output_add(out, "virtio_cfg.json", t, strlen(t))))
			return rc;
	}
	if (s->notes.len && !(out->notes = hvc_buf_take(&s->notes)))
		return -ZG_ENOMEM;
	if (s->info.len && !(out->info = hvc_buf_take(&s->info)))
		return -ZG_ENOMEM;
	return 0;
}

void zg_state_close(struct zg_state *s)
{
	unsigned int i;

	for (i = 0; i < s->nzones; i++) {
		if (s->zones[i].loaded)
			zg_request_free(&s->zones[i].req);
		free(s->zones[i].zj);
		free(s->zones[i].dts);
		free(s->zones[i].dtb);
	}
	free(s->zones);
	for (i = 0; i < s->nowned; i++)
		free(s->owned[i]);
	free(s->owned);
	free((void *)s->disabled);
	hvc_ranges_free(&s->carved);
	hvc_buf_free(&s->notes);
	hvc_buf_free(&s->info);
	dtscan_close(s->ds);
	board_free(&s->b);
	free(s->vc);
	memset(s, 0, sizeof(*s));
}

int zg_output_add(struct zg_output *out, const char *path, char *data,
		  size_t len)
{
	struct zg_file *f;

	if (out->num_files == out->cap_files) {
		unsigned int cap = out->cap_files ? 2 * out->cap_files : 8;

		f = realloc(out->files, cap * sizeof(*f));
		if (!f) {
			free(data);
			return -ZG_ENOMEM;
		}
		out->files = f;
		out->cap_files = cap;
	}
	f = &out->files[out->num_files];
	f->path = strdup(path);
	if (!f->path) {
		free(data);
		return -ZG_ENOMEM;
	}
	f->data = data;
	f->len = len;
	out->num_files++;
	return 0;
}

void zonegen_output_free(struct zg_output *out)
{
	unsigned int i;

	for (i = 0; i < out->num_files; i++) {
		free(out->files[i].path);
		free(out->files[i].data);
	}
	free(out->files);
	free(out->notes);
	free(out->info);
	memset(out, 0, sizeof(*out));
}
