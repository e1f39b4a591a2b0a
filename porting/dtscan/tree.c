// SPDX-License-Identifier: GPL-2.0
/* Node table over the blob: indices, parents, paths, phandles, properties. */
#include <fnmatch.h>
#include <stdlib.h>
#include <string.h>
#include <libfdt.h>
#include "internal.h"

static int cmp_u32_idx(const void *a, const void *b, void *arg)
{
	const uint32_t *ph = arg;
	uint32_t x = ph[*(const int *)a], y = ph[*(const int *)b];

	return x < y ? -1 : x > y;
}

int ds_index_tree(struct dtscan *ds)
{
	int off, depth = 0, n = 0, cap = 256, stack[64], i;
	struct ds_node *nodes;
	uint32_t *ph;
	int *order;

	nodes = malloc(sizeof(*nodes) * (size_t)cap);
	if (!nodes)
		return ds_fail_key(ds, DTSCAN_ENOMEM, "/", NULL, NULL);
	for (off = 0; off >= 0 && depth >= 0;
	     off = fdt_next_node(ds->fdt, off, &depth)) {
		if (depth >= 64) {
			free(nodes);
			return ds_fail_key(ds, DTSCAN_EBADDTB, "/",
					   "the tree nests deeper than 64",
					   "node nesting too deep");
		}
		if (n == cap) {
			struct ds_node *p;

			cap *= 2;
			p = realloc(nodes, sizeof(*nodes) * (size_t)cap);
			if (!p) {
				free(nodes);
				return ds_fail_key(ds, DTSCAN_ENOMEM, "/", NULL,
						   NULL);
			}
			nodes = p;
		}
		memset(&nodes[n], 0, sizeof(nodes[n]));
		nodes[n].off = off;
		nodes[n].depth = depth;
		nodes[n].parent = depth ? stack[depth - 1] : -1;
		nodes[n].phandle = fdt_get_phandle(ds->fdt, off);
		nodes[n].why_from = -1;
		stack[depth] = n;
		n++;
	}
	ds->nodes = ds_alloc(ds, sizeof(*nodes) * (size_t)n);
	if (!ds->nodes) {
		free(nodes);
		return ds_fail_key(ds, DTSCAN_ENOMEM, "/", NULL, NULL);
	}
	memcpy(ds->nodes, nodes, sizeof(*nodes) * (size_t)n);
	free(nodes);
	ds->nnodes = n;

	for (i = 0; i < n; i++) {
		const char *st = ds_prop(ds, i, "status", NULL);

		if (st && strcmp(st, "okay") && strcmp(st, "ok"))
			ds->nodes[i].disabled = true;
		if (i && ds->nodes[ds->nodes[i].parent].disabled)
			ds->nodes[i].disabled = true;
	}

	/* phandle index: sorted by value for binary search */
	ph = ds_alloc(ds, sizeof(*ph) * (size_t)n);
	order = ds_alloc(ds, sizeof(*order) * (size_t)n);
	if (!ph || !order)
		return ds_fail_key(ds, DTSCAN_ENOMEM, "/", NULL, NULL);
	for (i = 0; i < n; i++)
		ph[i] = ds->nodes[i].phandle;
	for (i = 0; i < n; i++)
		order[i] = i;
	qsort_r(order, (size_t)n, sizeof(*order), cmp_u32_idx, ph);
	ds->ph_sorted = ds_alloc(ds, sizeof(uint32_t) * (size_t)n);
	ds->ph_node = ds_alloc(ds, sizeof(int) * (size_t)n);
	if (!ds->ph_sorted || !ds->ph_node)
		return ds_fail_key(ds, DTSCAN_ENOMEM, "/", NULL, NULL);
	for (i = 0; i < n; i++) {
		if (!ph[order[i]] || ph[order[i]] == 0xffffffffu)
			continue;
		ds->ph_sorted[ds->nph] = ph[order[i]];
		ds->ph_node[ds->nph++] = order[i];
	}
	return 0;
}

int ds_node_of(const struct dtscan *ds, int off)
{
	int lo = 0, hi = ds->nnodes - 1;

	while (lo <= hi) {
		int mid = (lo + hi) / 2;

		if (ds->nodes[mid].off == off)
			return mid;
		if (ds->nodes[mid].off < off)
			lo = mid + 1;
		else
			hi = mid - 1;
	}
	return -1;
}

int ds_by_phandle(const struct dtscan *ds, uint32_t ph)
{
	int lo = 0, hi = ds->nph - 1;

	if (!ph || ph == 0xffffffffu)
		return -1;
	while (lo <= hi) {
		int mid = (lo + hi) / 2;

		if (ds->ph_sorted[mid] == ph)
			return ds->ph_node[mid];
		if (ds->ph_sorted[mid] < ph)
			lo = mid + 1;
		else
			hi = mid - 1;
	}
	return -1;
}

int ds_by_path(const struct dtscan *ds, const char *path)
{
	int off = fdt_path_offset(ds->fdt, path);

	return off < 0 ? -1 : ds_node_of(ds, off);
}

const char *ds_path(struct dtscan *ds, int node)
{
	const char *pp, *name;
	char *p;
	size_t lp, ln;

	if (node < 0 || node >= ds->nnodes)
		return "/";
	if (ds->nodes[node].path)
		return ds->nodes[node].path;
	if (!node)
		return "/";
	/* built from the parent's cached path: linear over the whole tree */
	pp = ds_path(ds, ds->nodes[node].parent);
	name = ds_name(ds, node);
	lp = strcmp(pp, "/") ? strlen(pp) : 0;
	ln = strlen(name);
	p = ds_alloc(ds, lp + ln + 2);
	if (!p)
		return "/";
	memcpy(p, pp, lp);
	p[lp] = '/';
	memcpy(p + lp + 1, name, ln + 1);
	ds->nodes[node].path = p;
	return p;
}

const char *ds_name(const struct dtscan *ds, int node)
{
	const char *n = fdt_get_name(ds->fdt, ds->nodes[node].off, NULL);

	return n ? n : "";
}

const void *ds_prop(const struct dtscan *ds, int node, const char *name,
		    int *len)
{
	int l = 0;
	const void *p = fdt_getprop(ds->fdt, ds->nodes[node].off, name, &l);

	if (len)
		*len = p ? l : 0;
	return p;
}

bool ds_has(const struct dtscan *ds, int node, const char *name)
{
	return ds_prop(ds, node, name, NULL) != NULL;
}

int ds_u32(const struct dtscan *ds, int node, const char *name, int dflt)
{
	int len;
	const fdt32_t *p = ds_prop(ds, node, name, &len);

	if (!p || len != 4)
		return dflt;
	return (int)(fdt32_to_cpu(*p) & 0x7fffffff);
}

/* Does any string of "compatible" match the glob? */
bool ds_compat(const struct dtscan *ds, int node, const char *glob)
{
	int len, i = 0;
	const char *p = ds_prop(ds, node, "compatible", &len);

	if (!p)
		return false;
	while (i < len) {
		const char *s = p + i;
		size_t l = strnlen(s, (size_t)(len - i));

		if ((size_t)(len - i) == l)
			return false; /* not NUL-terminated */
		if (!fnmatch(glob, s, 0))
			return true;
		i += (int)l + 1;
	}
	return false;
}

const char *ds_compat0(const struct dtscan *ds, int node)
{
	int len;
	const char *p = ds_prop(ds, node, "compatible", &len);

	if (!p || !len || strnlen(p, (size_t)len) == (size_t)len)
		return NULL;
	return p;
}

bool ds_streq_prop(const struct dtscan *ds, int node, const char *name,
		   const char *val)
{
	int len;
	const char *p = ds_prop(ds, node, name, &len);

	return p && len > 0 && strnlen(p, (size_t)len) < (size_t)len &&
	       !strcmp(p, val);
}

uint64_t ds_cells_read(const uint32_t *be, int n)
{
	uint64_t v = 0;
	int i;

	for (i = 0; i < n; i++)
		v = (v << 32) | fdt32_to_cpu(be[i]);
	return v;
}
