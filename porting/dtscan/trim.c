// SPDX-License-Identifier: GPL-2.0
/*
 * Trimming: the root zone keeps the essentials and the closure of every
 * phandle they reference; --keep/--drop adjust that.  Each node records why
 * it was kept or dropped (--explain, --report).
 */
#include <fnmatch.h>
#include <stdlib.h>
#include <string.h>
#include <libfdt.h>
#include "internal.h"

struct refprop {
	const char *name;
	const char *cells; /* provider's cell-count property or NULL */
};

/* Properties whose values are phandle(+specifier) lists. */
static const struct refprop refprops[] = {
	{ "clocks", "#clock-cells" },
	{ "assigned-clocks", "#clock-cells" },
	{ "assigned-clock-parents", "#clock-cells" },
	{ "resets", "#reset-cells" },
	{ "power-domains", "#power-domain-cells" },
	{ "phys", "#phy-cells" },
	{ "dmas", "#dma-cells" },
	{ "iommus", "#iommu-cells" },
	{ "mboxes", "#mbox-cells" },
	{ "interconnects", "#interconnect-cells" },
	{ "pwms", "#pwm-cells" },
	{ "io-channels", "#io-channel-cells" },
	{ "thermal-sensors", "#thermal-sensor-cells" },
	{ "sound-dai", "#sound-dai-cells" },
	{ "hwlocks", "#hwlock-cells" },
	{ "interrupts-extended", "#interrupt-cells" },
	{ "msi-parent", "#msi-cells" },
	{ "nvmem-cells", NULL },
	{ "memory-region", NULL },
	{ "interrupt-parent", NULL },
	{ "operating-points-v2", NULL },
	{ "cpu-idle-states", NULL },
	{ "next-level-cache", NULL },
	{ "syscon", NULL },
	{ "phy-handle", NULL },
	{ "cpu", NULL },
	{ "cpus", NULL },
	{ "remote-endpoint", NULL },
	{ "rockchip,grf", NULL },
	{ "rockchip,pmu", NULL },
	{ "rockchip,pipe-grf", NULL },
	{ "rockchip,pipe-phy-grf", NULL },
	{ "fsl,syscon", NULL },
};

static bool all_digits(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (*s < '0' || *s > '9')
			return false;
	return true;
}

static bool ends_with(const char *s, const char *suf)
{
	size_t a = strlen(s), b = strlen(suf);

	return a >= b && !strcmp(s + a - b, suf);
}

/**
 * ds_ref_prop() - is @name a phandle-list property?
 * @cells_name: set to the provider's cell-count property (NULL: plain list).
 * @fixed: set to 1 for msi-map style (phandle at cell 1 of 4).
 */
bool ds_ref_prop(const char *name, const char **cells_name, int *fixed)
{
	size_t i;

	*fixed = 0;
	*cells_name = NULL;
	for (i = 0; i < sizeof(refprops) / sizeof(*refprops); i++)
		if (!strcmp(name, refprops[i].name)) {
			*cells_name = refprops[i].cells;
			return true;
		}
	if (!strncmp(name, "pinctrl-", 8) && all_digits(name + 8))
		return true;
	if (ends_with(name, "-supply"))
		return true;
	if (!strcmp(name, "gpios") || !strcmp(name, "gpio") ||
	    (ends_with(name, "-gpios") && !strstr(name, ",nr-")) ||
	    ends_with(name, "-gpio")) {
		*cells_name = "#gpio-cells";
		return true;
	}
	if (!strcmp(name, "msi-map") || !strcmp(name, "iommu-map")) {
		*fixed = 1;
		return true;
	}
	return false;
}

/**
 * ds_ref_cells() - call @fn for every phandle cell of property @name.
 * @fn gets the cell index and the node (-1 if the phandle is unknown).
 *
 * Return: false if @name is not a phandle-list property.
 */
bool ds_ref_cells(const struct dtscan *ds, const char *name, const void *val,
		  int len, ref_cell_fn fn, void *arg)
{
	const fdt32_t *v = val;
	const char *cn;
	int fixed, i, n;

	if (!ds_ref_prop(name, &cn, &fixed) || len % 4)
		return false;
	n = len / 4;
	if (fixed) {
		for (i = 0; i + 4 <= n; i += 4)
			fn(i + 1, ds_by_phandle(ds, fdt32_to_cpu(v[i + 1])),
			   arg);
		return true;
	}
	for (i = 0; i < n;) {
		uint32_t ph = fdt32_to_cpu(v[i]);
		int to = ds_by_phandle(ds, ph), c = 0;

		if (!ph) { /* empty slot */
			i++;
			continue;
		}
		fn(i, to, arg);
		if (to < 0)
			break;
		if (cn) {
			/* bounded: a 31-bit count would wrap the index */
			c = ds_cells(ds, to, cn, -1);
			if (c < 0 && !strcmp(cn, "#msi-cells") &&
			    !ds_has(ds, to, cn))
				c = 0;
			if (c < 0)
				break;
		}
		i += 1 + c;
	}
	return true;
}

typedef int (*ref_fn)(struct dtscan *ds, int from, const char *prop, int to,
		      void *arg);

struct ref_walk {
	struct dtscan *ds;
	int from;
	const char *prop;
	ref_fn fn;
	void *arg;
	int r;
};

static void ref_cell(int pos, int to, void *arg)
{
	struct ref_walk *w = arg;

	(void)pos;
	if (!w->r)
		w->r = w->fn(w->ds, w->from, w->prop, to, w->arg);
}

/* Call @fn for every node a property of @node references (-1: missing). */
static int for_each_ref(struct dtscan *ds, int node, ref_fn fn, void *arg)
{
	int off;

	fdt_for_each_property_offset (off, ds->fdt, ds->nodes[node].off) {
		const char *name;
		int len;
		const void *v =
			fdt_getprop_by_offset(ds->fdt, off, &name, &len);
		struct ref_walk w = { ds, node, name, fn, arg, 0 };

		if (v)
			ds_ref_cells(ds, name, v, len, ref_cell, &w);
		if (w.r)
			return w.r;
	}
	return 0;
}

static bool match(struct dtscan *ds, int node, const char *pat)
{
	if (pat[0] == '/')
		return !fnmatch(pat, ds_path(ds, node), 0);
	return ds_compat(ds, node, pat) || !fnmatch(pat, ds_name(ds, node), 0);
}

static bool blocked(struct dtscan *ds, int node)
{
	for (; node >= 0; node = ds->nodes[node].parent)
		if (ds->nodes[node].dropped_explicit)
			return true;
	return false;
}

/* Mark @node (and its ancestors as containers); returns true if new. */
static bool keep(struct dtscan *ds, int node, const char *why, int from)
{
	struct ds_node *n = &ds->nodes[node];
	int p;

	if (node < 0 || blocked(ds, node) || n->keep == KEEP_FULL)
		return false;
	n->keep = KEEP_FULL;
	n->why = why;
	n->why_from = from;
	for (p = n->parent; p >= 0 && ds->nodes[p].keep == KEEP_NO;
	     p = ds->nodes[p].parent) {
		ds->nodes[p].keep = KEEP_ANCESTOR;
		ds->nodes[p].why = "parent of a kept node";
		ds->nodes[p].why_from = node;
	}
	return true;
}

static int ref_keep(struct dtscan *ds, int from, const char *prop, int to,
		    void *arg)
{
	bool *changed = arg;

	if (to < 0)
		return 0;
	/* pin configs carry vendor phandles (e.g. rockchip,pins): keep the
	 * whole pin controller, as the porting guide does by hand */
	if (!strncmp(prop, "pinctrl-", 8)) {
		int pc = to;

		while (pc > 0 && !ds_has(ds, pc, "compatible"))
			pc = ds->nodes[pc].parent;
		if (pc > 0 &&
		    keep(ds, pc, "pin controller of a pinctrl-N of", from))
			*changed = true;
	}
	if (keep(ds, to, ds_printf(ds, "%s of", prop), from))
		*changed = true;
	return 0;
}

static void keep_path(struct dtscan *ds, const char *path, const char *why)
{
	int n = ds_by_path(ds, path);

	if (n >= 0)
		keep(ds, n, why, -1);
}

void ds_keep(struct dtscan *ds, int node, const char *why)
{
	keep(ds, node, why, -1);
}

int ds_trim(struct dtscan *ds)
{
	const struct dtscan_opts *o = ds->opts;
	bool changed;
	int i, k, r;

	for (i = 1; i < ds->nnodes; i++) {
		const char *name = ds_name(ds, i);

		for (k = 0; k < o->ndrop; k++)
			if (match(ds, i, o->drop[k])) {
				ds->nodes[i].dropped_explicit = true;
				ds->nodes[i].why =
					ds_printf(ds, "--drop %s", o->drop[k]);
			}
		if (ds->nodes[i].dropped_explicit)
			continue;
		if (ds->nodes[i].depth == 1 && !strncmp(name, "__", 2)) {
			ds->nodes[i].dropped_explicit = true;
			ds->nodes[i].why = "overlay/symbol metadata";
		} else if (ds->nodes[i].parent == ds->irqchip &&
			   ds_has(ds, i, "msi-controller")) {
			/* hvisor does not give the ITS/v2m to the root zone */
			ds->nodes[i].dropped_explicit = true;
			ds->nodes[i].why = "GIC MSI frame (ITS/v2m), not "
					   "passed to the root zone; --keep "
					   "it if the hypervisor does";
		}
		for (k = 0; k < o->nkeep; k++)
			if (match(ds, i, o->keep[k])) {
				ds->nodes[i].dropped_explicit = false;
				keep(ds, i,
				     ds_printf(ds, "--keep %s", o->keep[k]),
				     -1);
			}
	}

	/* a pattern that matched nothing is most likely a typo */
	for (k = 0; k < o->ndrop + o->nkeep; k++) {
		bool drop = k < o->ndrop;
		const char *pat = drop ? o->drop[k] : o->keep[k - o->ndrop];

		for (i = 1; i < ds->nnodes && !match(ds, i, pat); i++)
			;
		if (i == ds->nnodes) {
			r = ds_warn(ds, "--%s %s matches no node",
				    drop ? "drop" : "keep", pat);
			if (r)
				return r;
		}
	}

	ds->nodes[0].keep = KEEP_ANCESTOR;
	ds->nodes[0].why = "root";
	for (i = 1; i < ds->nnodes; i++) {
		if (ds->nodes[i].depth == 1 &&
		    ds_streq_prop(ds, i, "device_type", "memory"))
			keep(ds, i, "memory", -1);
		if (!strcmp(ds_name(ds, i), "firmware"))
			keep(ds, i, "firmware", -1);
	}
	keep_path(ds, "/cpus", "CPUs");
	keep_path(ds, "/chosen", "chosen");
	keep_path(ds, "/aliases", "aliases (only those of kept nodes stay)");
	keep_path(ds, "/reserved-memory", "reserved memory");
	ds->ops->keep(ds);
	if (ds->console >= 0)
		keep(ds, ds->console, "console UART", -1);
	if (ds->mmc >= 0)
		keep(ds, ds->mmc, "first MMC", -1);

	/* closure: subtrees of kept nodes, phandles, interrupt chains; each
	 * node is processed once per keep level it reaches */
	do {
		changed = false;
		for (i = 0; i < ds->nnodes; i++) {
			struct ds_node *nd = &ds->nodes[i];
			struct ds_ivec iv = { 0 };

			if (nd->keep == KEEP_NO || nd->done == nd->keep)
				continue;
			if (nd->keep == KEEP_FULL)
				for (k = i + 1; k < ds->nnodes &&
						ds->nodes[k].depth > nd->depth;
				     k++)
					if (ds->nodes[k].parent == i &&
					    ds->nodes[k].keep != KEEP_FULL)
						changed |= keep(ds, k,
								"child of", i);
			if (nd->done) {
				nd->done = nd->keep;
				continue; /* refs already followed */
			}
			nd->done = nd->keep;
			changed = true;
			r = for_each_ref(ds, i, ref_keep, &changed);
			if (!r && (ds_has(ds, i, "interrupts") ||
				   ds_has(ds, i, "interrupts-extended")))
				r = ds_irqs(ds, i, &iv);
			for (k = 0; !r && k < iv.n; k++)
				for (int c = 0; c < iv.v[k].nchain; c++)
					changed |=
						keep(ds, iv.v[k].chain[c],
						     "interrupt parent of", i);
			free(iv.v);
			if (r)
				return r;
		}
	} while (changed);

	for (i = 1; i < ds->nnodes; i++) {
		int p = ds->nodes[i].parent;

		if (ds->nodes[i].keep != KEEP_NO)
			continue;
		/* count only the tops of dropped subtrees */
		if (ds->nodes[p].keep != KEEP_NO)
			ds->ndropped++;
		if (!ds->nodes[i].why)
			ds->nodes[i].why = ds->nodes[p].keep == KEEP_NO
						   ? "inside a dropped node"
						   : "not needed by the root "
						     "zone (nothing kept "
						     "references it)";
	}
	return 0;
}

struct dangling {
	struct ds_buf *b;
};

static int ref_report(struct dtscan *ds, int from, const char *prop, int to,
		      void *arg)
{
	struct ds_buf *b = arg;

	if (to < 0)
		buf_printf(b, "  %s: %s: references a missing phandle\n",
			   ds_path(ds, from), prop);
	else if (ds->nodes[to].keep == KEEP_NO)
		buf_printf(b, "  %s: %s removed: references dropped node %s\n",
			   ds_path(ds, from), prop, ds_path(ds, to));
	return 0;
}

char *dtscan_report(struct dtscan *ds)
{
	struct ds_buf b = { 0 };
	int i;
	if (!ds->model) /* dtscan_load*(): nothing to tell */
		return NULL;

	buf_printf(&b, "dropped nodes (%d subtrees):\n", ds->ndropped);
	for (i = 1; i < ds->nnodes; i++) {
		int p = ds->nodes[i].parent;

		if (ds->nodes[i].keep == KEEP_NO &&
		    ds->nodes[p].keep != KEEP_NO)
			buf_printf(&b, "  %s: %s\n", ds_path(ds, i),
				   ds->nodes[i].why);
	}
	buf_printf(&b, "properties removed or left dangling:\n");
	for (i = 0; i < ds->nnodes; i++)
		if (ds->nodes[i].keep != KEEP_NO)
			for_each_ref(ds, i, ref_report, &b);
	buf_printf(&b, "kept but not CPU-addressable (no IO region):\n");
	for (i = 1; i < ds->nnodes; i++) {
		int n;
		uint64_t a, s;

		if (ds->nodes[i].keep == KEEP_NO || ds->nodes[i].disabled ||
		    ds_reg_count(ds, i, &n) || !n ||
		    ds_streq_prop(ds, i, "device_type", "cpu"))
			continue;
		if (ds_reg(ds, i, 0, &a, &s))
			buf_printf(&b, "  %s: %s\n", ds_path(ds, i),
				   ds->err->msg);
		ds->err->code = 0;
	}
	return b.p;
}

char *dtscan_explain(struct dtscan *ds)
{
	struct ds_buf b = { 0 };
	int i;
	if (!ds->model) /* dtscan_load*(): nothing to tell */
		return NULL;

	for (i = 0; i < ds->nnodes; i++) {
		const struct ds_node *n = &ds->nodes[i];

		if (n->keep == KEEP_NO)
			continue;
		buf_printf(&b, "%s: %s%s%s\n", ds_path(ds, i), n->why,
			   n->why_from >= 0 ? " " : "",
			   n->why_from >= 0 ? ds_path(ds, n->why_from) : "");
	}
	return b.p;
}
