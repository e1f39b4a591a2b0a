// SPDX-License-Identifier: GPL-2.0
/*
 * Query API (dtscan.h): the model's own address and interrupt rules
 * (addr.c, irq.c) for other tools, on nodes named by libfdt offset.
 */
#include <stdlib.h>
#include <string.h>
#include <libfdt.h>
#include "internal.h"

/* Each query reports into its own (cleared) error record. */
static void q_begin(struct dtscan *ds, struct dtscan_err *err)
{
	ds->err = err ? err : &ds->qerr;
	memset(ds->err, 0, sizeof(*ds->err));
	snprintf(ds->err->file, sizeof(ds->err->file), "%s",
		 ds->opts && ds->opts->input ? ds->opts->input : "-");
}

/* Offset -> node index, or a recorded ENONODE. */
static int q_node(struct dtscan *ds, int off, struct dtscan_err *err)
{
	int node;

	q_begin(ds, err);
	node = off >= 0 ? ds_node_of(ds, off) : -1;
	if (node < 0)
		return ds_fail_key(ds, DTSCAN_ENONODE, "node", NULL,
				   "offset %d is not a node of the tree", off);
	return node;
}

const void *dtscan_fdt(const struct dtscan *ds)
{
	return ds->fdt;
}

int dtscan_node_by_path(const struct dtscan *ds, const char *path)
{
	int node = ds_by_path(ds, path);

	return node < 0 ? -DTSCAN_ENONODE : ds->nodes[node].off;
}

int dtscan_node_by_phandle(const struct dtscan *ds, uint32_t phandle)
{
	int node = ds_by_phandle(ds, phandle);

	return node < 0 ? -DTSCAN_ENONODE : ds->nodes[node].off;
}

int dtscan_node_reg_count(struct dtscan *ds, int node, struct dtscan_err *err)
{
	int n = q_node(ds, node, err), count, r;

	if (n < 0)
		return n;
	r = ds_reg_count(ds, n, &count);
	return r ? r : count;
}

int dtscan_node_reg(struct dtscan *ds, int node, int idx, uint64_t *base,
		    uint64_t *size, struct dtscan_err *err)
{
	int n = q_node(ds, node, err), r;
	uint64_t b, s;

	if (n < 0)
		return n;
	if (idx < 0)
		return ds_fail(ds, DTSCAN_EBADPROP, n, NULL,
			       "reg has no entry %d", idx);
	r = ds_reg(ds, n, idx, &b, &s);
	if (!r) {
		*base = b;
		*size = s;
	}
	return r;
}

int dtscan_node_irqs(struct dtscan *ds, int node, struct dtscan_irq *irqs,
		     int max, struct dtscan_err *err)
{
	struct ds_ivec iv = { 0 };
	int n = q_node(ds, node, err), r, i;

	if (n < 0)
		return n;
	r = ds_irqs(ds, n, &iv);
	for (i = 0; !r && i < iv.n && i < max; i++) {
		const struct ds_irq *s = &iv.v[i];
		struct dtscan_irq *d = &irqs[i];
		int last = s->nchain ? s->chain[s->nchain - 1] : -1;

		memset(d, 0, sizeof(*d));
		d->intid = s->intid;
		d->controller = last >= 0 ? ds->nodes[last].off : -1;
		d->at_gic = last >= 0 && ds_is_gic(ds, last);
		if (d->at_gic) {
			d->type = s->nspec > 0 ? s->spec[0] : 0;
			d->number = s->nspec > 1 ? s->spec[1] : 0;
			d->flags = s->nspec > 2 ? s->spec[2] : 0;
		}
		d->why = s->intid < 0 ? (s->why ? s->why : "not assignable")
				      : NULL;
	}
	if (!r)
		r = iv.n;
	free(iv.v);
	return r;
}
