// SPDX-License-Identifier: GPL-2.0
/*
 * Address translation: a node's "reg" entries to CPU-physical addresses
 * through every parent "ranges".  #address-cells/#size-cells come from the
 * parent bus (defaults 2/1, never inherited); an empty "ranges" is identity;
 * a bus without "ranges" means the node is not CPU-addressable.
 */
#include <string.h>
#include <libfdt.h>
#include "internal.h"

#define MAX_ACELLS 4

/* An address of up to 4 cells: hi = cells above the low 64 bits. */
struct ds_addr {
	uint32_t hi[2];
	int nhi;
	uint64_t lo;
};

static int cells(struct dtscan *ds, int node, const char *name, int dflt,
		 int max, int *out)
{
	int len;
	const fdt32_t *p = ds_prop(ds, node, name, &len);
	uint32_t v;

	if (!p) {
		*out = dflt;
		return 0;
	}
	v = len == 4 ? fdt32_to_cpu(*p) : 0xffffffffu;
	if (v > (uint32_t)max)
		return ds_fail(ds, DTSCAN_EBADCELLS, node,
			       "dtscan supports 1-4 address and 0-2 size "
			       "cells",
			       "%s = <%u> is not supported", name, v);
	*out = (int)v;
	return 0;
}

static void addr_set(struct ds_addr *a, const fdt32_t *p, int n)
{
	int i;

	a->nhi = n > 2 ? n - 2 : 0;
	for (i = 0; i < a->nhi; i++)
		a->hi[i] = fdt32_to_cpu(p[i]);
	a->lo = ds_cells_read((const uint32_t *)p + a->nhi, n - a->nhi);
}

/* PCI: only the space code of the phys.hi cell selects a range. */
static bool hi_match(const struct ds_addr *a, const struct ds_addr *r, bool pci)
{
	int i;

	if (a->nhi != r->nhi)
		return false;
	for (i = 0; i < a->nhi; i++) {
		uint32_t m = (pci && i == 0) ? 0x03000000u : 0xffffffffu;

		if ((a->hi[i] ^ r->hi[i]) & m)
			return false;
	}
	return true;
}

/* Translate @a, an address on the bus of node @bus, up to the root. */
static int translate(struct dtscan *ds, int owner, int bus, struct ds_addr *a)
{
	while (bus > 0) {
		int pbus = ds->nodes[bus].parent;
		int na, ns, pna, len, i, ent, r;
		const fdt32_t *rg;
		bool pci, found = false;

		r = cells(ds, bus, "#address-cells", 2, MAX_ACELLS, &na);
		if (!r)
			r = cells(ds, bus, "#size-cells", 1, 2, &ns);
		if (!r)
			r = cells(ds, pbus, "#address-cells", 2, MAX_ACELLS,
				  &pna);
		if (r)
			return r;
		rg = ds_prop(ds, bus, "ranges", &len);
		if (!rg)
			return ds_fail(ds, DTSCAN_ENOTMAPPED, owner,
				       "devices behind this bus are reached "
				       "through their controller",
				       "not CPU-addressable: bus %s has no "
				       "ranges",
				       ds_path(ds, bus));
		if (len == 0) {
			/* identity: the value must fit the parent's cells */
			if (a->nhi > (pna > 2 ? pna - 2 : 0) ||
			    (pna == 1 && a->lo >> 32))
				return ds_fail(ds, DTSCAN_ENOTMAPPED, owner,
					       NULL,
					       "address does not fit %s's "
					       "parent bus",
					       ds_path(ds, bus));
			if (pna > 2) {
				memmove(a->hi + (pna - 2 - a->nhi), a->hi,
					sizeof(uint32_t) * (size_t)a->nhi);
				memset(a->hi, 0,
				       sizeof(uint32_t) *
					       (size_t)(pna - 2 - a->nhi));
			}
			a->nhi = pna > 2 ? pna - 2 : 0;
			bus = pbus;
			continue;
		}
		ent = na + pna + ns;
		if (ent == 0 || len % (4 * ent))
			return ds_fail(ds, DTSCAN_EBADPROP, bus,
				       "each entry is child address, parent "
				       "address, size",
				       "ranges length %d is not a multiple "
				       "of %d cells",
				       len, ent);
		pci = ds_streq_prop(ds, bus, "device_type", "pci") ||
		      ds_streq_prop(ds, bus, "device_type", "pciex");
		for (i = 0; i < len / 4; i += ent) {
			struct ds_addr c, p;
			uint64_t sz = ds_cells_read(
				(const uint32_t *)rg + i + na + pna, ns);

			addr_set(&c, rg + i, na);
			if (!hi_match(a, &c, pci) || a->lo < c.lo ||
			    a->lo - c.lo >= sz)
				continue;
			addr_set(&p, rg + i + na, pna);
			if (p.lo + (a->lo - c.lo) < p.lo)
				continue; /* wraps: not translatable */
			p.lo += a->lo - c.lo;
			*a = p;
			found = true;
			break;
		}
		if (!found)
			return ds_fail(ds, DTSCAN_ENOTMAPPED, owner,
				       "check the ranges of the bus",
				       "not CPU-addressable: address 0x%llx "
				       "is outside the ranges of %s",
				       (unsigned long long)a->lo,
				       ds_path(ds, bus));
		bus = pbus;
	}
	if (a->nhi)
		for (int i = 0; i < a->nhi; i++)
			if (a->hi[i])
				return ds_fail(ds, DTSCAN_ENOTMAPPED, owner,
					       NULL, "address beyond 64 bits");
	return 0;
}

static int reg_cells(struct dtscan *ds, int node, int *na, int *ns)
{
	int p = ds->nodes[node].parent;
	int r;

	if (p < 0)
		return ds_fail(ds, DTSCAN_EBADPROP, node, NULL,
			       "the root node has no reg");
	r = cells(ds, p, "#address-cells", 2, MAX_ACELLS, na);
	if (!r)
		r = cells(ds, p, "#size-cells", 1, 2, ns);
	if (!r && *na == 0)
		r = ds_fail(ds, DTSCAN_EBADCELLS, node, NULL,
			    "reg under a parent with #address-cells = <0>");
	return r;
}

int ds_reg_count(struct dtscan *ds, int node, int *count)
{
	int na, ns, len, r;
	const fdt32_t *p = ds_prop(ds, node, "reg", &len);

	*count = 0;
	if (!p)
		return 0;
	r = reg_cells(ds, node, &na, &ns);
	if (r)
		return r;
	if (len % (4 * (na + ns)))
		return ds_fail(ds, DTSCAN_EBADPROP, node,
			       "check #address-cells/#size-cells of the "
			       "parent",
			       "reg length %d is not a multiple of %d cells",
			       len, na + ns);
	*count = len / (4 * (na + ns));
	return 0;
}

/**
 * ds_reg() - CPU-physical base and size of reg entry @idx of @node.
 *
 * Return: 0, or a negative code with the error recorded (ENOTMAPPED for
 * nodes that sit behind a bus without ranges).
 */
int ds_reg(struct dtscan *ds, int node, int idx, uint64_t *base, uint64_t *size)
{
	int na, ns, len, n, r;
	const fdt32_t *p = ds_prop(ds, node, "reg", &len);
	struct ds_addr a;

	r = ds_reg_count(ds, node, &n);
	if (r)
		return r;
	if (idx >= n)
		return ds_fail(ds, DTSCAN_EBADPROP, node, NULL,
			       "reg has no entry %d", idx);
	reg_cells(ds, node, &na, &ns);
	p += idx * (na + ns);
	addr_set(&a, p, na);
	*size = ds_cells_read((const uint32_t *)p + na, ns);
	r = translate(ds, node, ds->nodes[node].parent, &a);
	if (r)
		return r;
	*base = a.lo;
	return 0;
}
