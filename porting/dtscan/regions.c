// SPDX-License-Identifier: GPL-2.0
/* Region and IRQ vectors: add, align, sort, merge, subtract. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "internal.h"

int rv_add(struct dtscan *ds, struct ds_rvec *rv, uint64_t base, uint64_t size,
	   int type, int node)
{
	struct ds_region *r;

	if (!size)
		return 0;
	if (base + size < base)
		size = 0 - base; /* clamp at the top of the address space */
	if (rv->n == rv->cap) {
		int cap = rv->cap ? rv->cap * 2 : 16;
		struct ds_region *v = realloc(rv->v, sizeof(*v) * (size_t)cap);

		if (!v)
			return ds_fail(ds, DTSCAN_ENOMEM, node, NULL, NULL);
		rv->v = v;
		rv->cap = cap;
	}
	r = &rv->v[rv->n++];
	r->base = base;
	r->size = size;
	r->type = type;
	r->nnodes = 0;
	r->nodes = NULL;
	if (node >= 0) {
		r->nodes = ds_alloc(ds, sizeof(int));
		if (!r->nodes)
			return ds_fail(ds, DTSCAN_ENOMEM, node, NULL, NULL);
		r->nodes[0] = node;
		r->nnodes = 1;
	}
	return 0;
}

static int cmp_region(const void *a, const void *b)
{
	const struct ds_region *x = a, *y = b;

	if (x->base != y->base)
		return x->base < y->base ? -1 : 1;
	if (x->size != y->size)
		return x->size < y->size ? -1 : 1;
	return x->type - y->type;
}

static struct dtscan *sort_ds;

static int cmp_node_path(const void *a, const void *b)
{
	return strcmp(ds_path(sort_ds, *(const int *)a),
		      ds_path(sort_ds, *(const int *)b));
}

/* Union of two node lists, sorted by path, no duplicates. */
static int merge_nodes(struct dtscan *ds, struct ds_region *d,
		       const struct ds_region *s)
{
	int *n =
		ds_alloc(ds, sizeof(int) * (size_t)(d->nnodes + s->nnodes + 1));
	int i, k = 0;

	if (!n)
		return ds_fail(ds, DTSCAN_ENOMEM, -1, NULL, NULL);
	for (i = 0; i < d->nnodes; i++)
		n[k++] = d->nodes[i];
	for (i = 0; i < s->nnodes; i++) {
		int j, dup = 0;

		for (j = 0; j < k; j++)
			dup |= n[j] == s->nodes[i];
		if (!dup)
			n[k++] = s->nodes[i];
	}
	sort_ds = ds;
	qsort(n, (size_t)k, sizeof(int), cmp_node_path);
	d->nodes = n;
	d->nnodes = k;
	return 0;
}

/**
 * rv_normalize() - align every region to @align (base down, end up),
 * sort by base and merge the ones that touch or overlap (same type only).
 */
int rv_normalize(struct dtscan *ds, struct ds_rvec *rv, uint64_t align)
{
	int i, k = 0, r;

	for (i = 0; i < rv->n; i++) {
		struct ds_region *g = &rv->v[i];
		uint64_t end = g->base + g->size;

		g->base &= ~(align - 1);
		end = end > ~(align - 1) ? 0 - align
					 : (end + align - 1) & ~(align - 1);
		if (end <= g->base)
			end = g->base + align;
		g->size = end - g->base;
		if (g->nnodes > 1) {
			struct ds_region tmp = *g;

			g->nnodes = 0;
			r = merge_nodes(ds, g, &tmp);
			if (r)
				return r;
		}
	}
	if (rv->n > 1)
		qsort(rv->v, (size_t)rv->n, sizeof(*rv->v), cmp_region);
	for (i = 0; i < rv->n; i++) {
		struct ds_region *c = &rv->v[i];

		if (k && rv->v[k - 1].type == c->type &&
		    c->base <= rv->v[k - 1].base + rv->v[k - 1].size) {
			struct ds_region *d = &rv->v[k - 1];
			uint64_t end = c->base + c->size;

			if (end > d->base + d->size)
				d->size = end - d->base;
			r = merge_nodes(ds, d, c);
			if (r)
				return r;
			continue;
		}
		rv->v[k++] = *c;
	}
	rv->n = k;
	return 0;
}

/* Remove every range of @minus from @rv (nodes of @rv kept). */
int rv_subtract(struct dtscan *ds, struct ds_rvec *rv,
		const struct ds_rvec *minus)
{
	int m, i, r;

	for (m = 0; m < minus->n; m++) {
		uint64_t mb = minus->v[m].base, me = mb + minus->v[m].size;
		struct ds_rvec out = { 0 };

		for (i = 0; i < rv->n; i++) {
			struct ds_region *g = &rv->v[i];
			uint64_t b = g->base, e = b + g->size;
			int node = g->nnodes ? g->nodes[0] : -1;

			if (me <= b || mb >= e) {
				r = rv_add(ds, &out, b, e - b, g->type, node);
			} else {
				r = 0;
				if (mb > b)
					r = rv_add(ds, &out, b, mb - b, g->type,
						   node);
				if (!r && me < e)
					r = rv_add(ds, &out, me, e - me,
						   g->type, node);
			}
			if (r) {
				free(out.v);
				return r;
			}
		}
		free(rv->v);
		*rv = out;
	}
	return 0;
}

/* [ab, ab + as) and [bb, bb + bs) share a byte (no overflow at the top). */
bool ds_overlap(uint64_t ab, uint64_t as, uint64_t bb, uint64_t bs)
{
	return ab >= bb ? ab - bb < bs : bb - ab < as;
}

int ds_frames_disjoint(struct dtscan *ds, const struct ds_frame *f, int n,
		       const char *hint)
{
	for (int i = 0; i < n; i++)
		for (int k = i + 1; k < n; k++)
			if (ds_overlap(f[i].base, f[i].size, f[k].base,
				       f[k].size))
				return ds_fail(ds, DTSCAN_EBADPROP, f[k].node,
					       hint,
					       "%s 0x%llx+0x%llx overlaps %s "
					       "0x%llx+0x%llx",
					       f[k].what,
					       (unsigned long long)f[k].base,
					       (unsigned long long)f[k].size,
					       f[i].what,
					       (unsigned long long)f[i].base,
					       (unsigned long long)f[i].size);
	return 0;
}

bool rv_overlaps(const struct ds_rvec *rv, uint64_t base, uint64_t size)
{
	int i;

	for (i = 0; i < rv->n; i++)
		if (ds_overlap(base, size, rv->v[i].base, rv->v[i].size))
			return true;
	return false;
}

/**
 * rv_merge_overlaps() - sort by base and merge regions that share bytes.
 * Regions that only touch stay apart (separate banks, as the DT says).
 */
int rv_merge_overlaps(struct dtscan *ds, struct ds_rvec *rv)
{
	int i, k = 0, r;

	if (rv->n > 1)
		qsort(rv->v, (size_t)rv->n, sizeof(*rv->v), cmp_region);
	for (i = 0; i < rv->n; i++) {
		struct ds_region *c = &rv->v[i], *d = k ? &rv->v[k - 1] : NULL;

		/* sorted: c->base >= d->base */
		if (d && c->base - d->base < d->size) {
			uint64_t off = c->base - d->base;

			if (c->size > UINT64_MAX - off)
				d->size = UINT64_MAX;
			else if (off + c->size > d->size)
				d->size = off + c->size;
			r = merge_nodes(ds, d, c);
			if (r)
				return r;
			continue;
		}
		rv->v[k++] = *c;
	}
	rv->n = k;
	return 0;
}

int iv_add(struct dtscan *ds, struct ds_ivec *iv, const struct ds_irq *irq)
{
	if (iv->n == iv->cap) {
		int cap = iv->cap ? iv->cap * 2 : 16;
		struct ds_irq *v = realloc(iv->v, sizeof(*v) * (size_t)cap);

		if (!v)
			return ds_fail(ds, DTSCAN_ENOMEM, irq->node, NULL,
				       NULL);
		iv->v = v;
		iv->cap = cap;
	}
	iv->v[iv->n++] = *irq;
	return 0;
}
