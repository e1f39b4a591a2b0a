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

	/* equal phandles in DT order: the second one is named */
	if (x != y)
		return x < y ? -1 : 1;
	return *(const int *)a - *(const int *)b;
}

/* dtc's character sets (checks.c: node_name_chars, property_name_chars) */
#define DT_ALNUM                                                               \
	"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
static const char node_chars[] = DT_ALNUM ",._+-@";
static const char prop_chars[] = DT_ALNUM ",._+*#?-";
static const char fix_hint[] = "dtc refuses this tree too: fix the source "
			       "and rebuild the blob";

/**
 * ds_esc() - @s (@n bytes, or up to its NUL) made fit for a one-line
 * message: printable ASCII kept, anything else as \xNN, long text cut.
 */
const char *ds_esc(struct dtscan *ds, const char *s, size_t n)
{
	char tmp[200];
	const char *r;
	size_t i, k = 0;

	for (i = 0; i < n && s[i] && k + 8 < sizeof(tmp); i++) {
		unsigned char c = (unsigned char)s[i];

		if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\')
			tmp[k++] = (char)c;
		else
			k += (size_t)snprintf(tmp + k, sizeof(tmp) - k,
					      "\\x%02x", c);
	}
	if (i < n && s[i])
		k += (size_t)snprintf(tmp + k, sizeof(tmp) - k, "...");
	tmp[k] = '\0';
	r = ds_strdup(ds, tmp);
	return r ? r : "?";
}

/* The path of node @i when its own name may be bad (parents are fine). */
static const char *bad_path(struct dtscan *ds, int i)
{
	const char *pp = ds_path(ds, ds->nodes[i].parent);
	const char *n = ds_name(ds, i);

	return ds_printf(ds, "%s/%s", strcmp(pp, "/") ? pp : "",
			 ds_esc(ds, n, strlen(n)));
}

static int check_node_name(struct dtscan *ds, int i)
{
	const char *n = ds_name(ds, i), *at = strchr(n, '@');
	size_t ok = strspn(n, node_chars);

	if (!*n)
		return ds_fail(ds, DTSCAN_EBADTREE, ds->nodes[i].parent,
			       fix_hint, "a child node has an empty name");
	if (n[ok])
		return ds_fail_key(ds, DTSCAN_EBADTREE, bad_path(ds, i),
				   fix_hint,
				   "bad character '%s' in node name "
				   "(dtc allows [a-zA-Z0-9,._+-] and one @)",
				   ds_esc(ds, n + ok, 1));
	if (at && strchr(at + 1, '@'))
		return ds_fail_key(ds, DTSCAN_EBADTREE, bad_path(ds, i),
				   fix_hint, "more than one '@' in node name");
	return 0;
}

static bool is_cells_prop(const char *name)
{
	size_t l = strlen(name);

	return name[0] == '#' && l > 6 && !strcmp(name + l - 6, "-cells");
}

static int check_cells(struct dtscan *ds, int i, const char *name,
		       const void *v, int len)
{
	bool addr =
		!strcmp(name, "#address-cells") || !strcmp(name, "#size-cells");
	uint32_t max = addr ? DS_MAX_ADDR_CELLS : DS_MAX_SPEC_CELLS, c;

	if (len != 4)
		return ds_fail(ds, DTSCAN_EBADCELLS, i,
			       "a #...-cells property is one 32-bit cell",
			       "%s is %d bytes long, not one cell",
			       ds_esc(ds, name, strlen(name)), len);
	c = fdt32_to_cpu(*(const fdt32_t *)v);
	if (c > max)
		return ds_fail(ds, DTSCAN_EBADCELLS, i,
			       addr ? "libfdt and Linux take at most 4 "
				      "address or size cells"
				    : "Linux takes at most 16 specifier "
				      "cells (MAX_PHANDLE_ARGS)",
			       "%s = <0x%x> is out of range (at most %u)", name,
			       c, max);
	return 0;
}

static int check_phandle(struct dtscan *ds, int i, const char *name,
			 const void *v, int len, uint32_t *seen)
{
	uint32_t ph;

	if (len != 4)
		return ds_fail(ds, DTSCAN_EBADTREE, i, fix_hint,
			       "%s is %d bytes long, not one cell", name, len);
	ph = fdt32_to_cpu(*(const fdt32_t *)v);
	if (!ph || ph == 0xffffffffu)
		return ds_fail(ds, DTSCAN_EBADTREE, i, fix_hint,
			       "%s = <0x%x> is not a valid phandle", name, ph);
	if (*seen && *seen != ph)
		return ds_fail(ds, DTSCAN_EBADTREE, i, fix_hint,
			       "phandle and linux,phandle differ");
	*seen = ph;
	return 0;
}

/* dtc: a "name" property is the node name up to '@' (it then drops it) */
static int check_name_prop(struct dtscan *ds, int i, const char *v, int len)
{
	const char *n = ds_name(ds, i);
	size_t base = strcspn(n, "@");

	if ((size_t)len != base + 1 || memcmp(v, n, base))
		return ds_fail(ds, DTSCAN_EBADTREE, i, fix_hint,
			       "the name property \"%s\" is not the node "
			       "name",
			       ds_esc(ds, v, (size_t)len));
	return 0;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Every property of node @i: names, duplicates, phandles, #...-cells. */
static int check_props(struct dtscan *ds, int i, const char ***names, int *cap)
{
	int off, n = 0, k, r;
	uint32_t ph = 0;

	fdt_for_each_property_offset (off, ds->fdt, ds->nodes[i].off) {
		const char *name;
		int len;
		const void *v =
			fdt_getprop_by_offset(ds->fdt, off, &name, &len);
		size_t ok;

		if (!v)
			return ds_fail(ds, DTSCAN_EBADDTB, i, fix_hint,
				       "unreadable property");
		ok = strspn(name, prop_chars);
		if (!*name)
			return ds_fail(ds, DTSCAN_EBADTREE, i, fix_hint,
				       "property with an empty name");
		if (name[ok])
			return ds_fail(ds, DTSCAN_EBADTREE, i, fix_hint,
				       "property \"%s\": bad character '%s' "
				       "in its name (dtc allows "
				       "[a-zA-Z0-9,._+*#?-])",
				       ds_esc(ds, name, strlen(name)),
				       ds_esc(ds, name + ok, 1));
		if (!strcmp(name, "phandle") || !strcmp(name, "linux,phandle"))
			r = check_phandle(ds, i, name, v, len, &ph);
		else if (!strcmp(name, "name"))
			r = check_name_prop(ds, i, v, len);
		else if (is_cells_prop(name))
			r = check_cells(ds, i, name, v, len);
		else
			r = 0;
		if (r)
			return r;
		if (n == *cap) {
			int c = *cap ? *cap * 2 : 64;
			const char **p =
				realloc(*names, sizeof(*p) * (size_t)c);

			if (!p)
				return ds_fail(ds, DTSCAN_ENOMEM, i, NULL,
					       NULL);
			*names = p;
			*cap = c;
		}
		(*names)[n++] = name;
	}
	if (n > 1)
		qsort(*names, (size_t)n, sizeof(**names), cmp_str);
	for (k = 1; k < n; k++)
		if (!strcmp((*names)[k - 1], (*names)[k]))
			return ds_fail(ds, DTSCAN_EBADTREE, i, fix_hint,
				       "property %s appears twice",
				       (*names)[k]);
	return 0;
}

/* siblings next to each other, by name */
static int cmp_sibling(const void *a, const void *b, void *arg)
{
	const struct dtscan *ds = arg;
	int x = *(const int *)a, y = *(const int *)b, c;

	if (ds->nodes[x].parent != ds->nodes[y].parent)
		return ds->nodes[x].parent - ds->nodes[y].parent;
	c = strcmp(ds_name(ds, x), ds_name(ds, y));
	return c ? c : x - y;
}

static bool same_sibling(const struct dtscan *ds, int x, int y)
{
	return ds->nodes[x].parent == ds->nodes[y].parent &&
	       !strcmp(ds_name(ds, x), ds_name(ds, y));
}

/*
 * What dtc itself refuses (its checks.c errors), so that every tree dtscan
 * accepts gives a zone0.dts that dtc compiles: node and property name
 * characters, duplicate nodes and properties, phandle values; and the
 * #...-cells bounds every count taken from the tree relies on.
 */
static int check_tree(struct dtscan *ds)
{
	const char **names = NULL;
	int cap = 0, i, r = 0, *order;

	for (i = 0; !r && i < ds->nnodes; i++) {
		if (i)
			r = check_node_name(ds, i);
		if (!r)
			r = check_props(ds, i, &names, &cap);
	}
	free(names);
	if (r || ds->nnodes < 3)
		return r;
	order = malloc(sizeof(*order) * (size_t)(ds->nnodes - 1));
	if (!order)
		return ds_fail_key(ds, DTSCAN_ENOMEM, "/", NULL, NULL);
	for (i = 1; i < ds->nnodes; i++)
		order[i - 1] = i;
	qsort_r(order, (size_t)(ds->nnodes - 1), sizeof(*order), cmp_sibling,
		ds);
	for (i = 1; !r && i < ds->nnodes - 1; i++)
		if (same_sibling(ds, order[i - 1], order[i]))
			r = ds_fail(ds, DTSCAN_EBADTREE, order[i], fix_hint,
				    "two nodes with this name");
	free(order);
	return r;
}

int ds_index_tree(struct dtscan *ds)
{
	int off, depth = 0, n = 0, cap = 256, stack[64], i, r;
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
	r = check_tree(ds);
	if (r)
		return r;

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
		if (ds->nph && ds->ph_sorted[ds->nph - 1] == ph[order[i]])
			return ds_fail(ds, DTSCAN_EBADTREE, order[i], fix_hint,
				       "phandle 0x%x is also the phandle of %s",
				       ph[order[i]],
				       ds_path(ds, ds->ph_node[ds->nph - 1]));
		ds->ph_sorted[ds->nph] = ph[order[i]];
		ds->ph_node[ds->nph++] = order[i];
	}
	return 0;
}

/**
 * ds_cells() - a #...-cells value of @node as a count.
 *
 * Return: @dflt if absent; -1 if not one cell or above DS_MAX_SPEC_CELLS
 * (check_tree() refuses such trees; this keeps every caller bounded).
 */
int ds_cells(const struct dtscan *ds, int node, const char *name, int dflt)
{
	int len;
	const fdt32_t *p = ds_prop(ds, node, name, &len);
	uint32_t v;

	if (!p)
		return dflt;
	if (len != 4)
		return -1;
	v = fdt32_to_cpu(*p);
	return v > DS_MAX_SPEC_CELLS ? -1 : (int)v;
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
