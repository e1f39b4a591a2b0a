// SPDX-License-Identifier: GPL-2.0
/*
 * The board's device list (board.yaml `devices`): every node of the source
 * tree, kept or trimmed, with a CPU-addressable reg or a GIC interrupt.
 * zonegen allocates virtio windows and SPIs outside all of them, and the
 * hypervisor names the node that owns a faulting address from it, so a
 * trimmed node must be here as much as a kept one.
 */
#include <stdlib.h>
#include <string.h>
#include "internal.h"

/* Not devices: RAM (listed in memory/reserved) and the CPU nodes. */
static bool skip_subtree(const struct dtscan *ds, int i, int cpus, int rm)
{
	for (; i >= 0; i = ds->nodes[i].parent)
		if (i == cpus || i == rm ||
		    (ds->nodes[i].depth == 1 &&
		     ds_streq_prop(ds, i, "device_type", "memory")))
			return true;
	return false;
}

/* A reg or interrupt problem in a node is not the board's problem: a
 * trimmed node may be malformed or sit behind a bus without ranges. */
static void forget_error(struct dtscan *ds)
{
	if (ds->err)
		ds->err->code = 0;
}

static int one_device(struct dtscan *ds, int i, struct ds_dev *d)
{
	struct ds_ivec iv = { 0 };
	int k, n, r;

	d->node = i;
	if (ds_has(ds, i, "reg")) {
		if (ds_reg_count(ds, i, &n))
			n = 0;
		for (k = 0; k < n; k++) {
			uint64_t b, s;

			if (ds_reg(ds, i, k, &b, &s))
				break;
			r = rv_add(ds, &d->regs, b, s, REG_DEVICE, -1);
			if (r)
				return r;
		}
		forget_error(ds);
		r = rv_normalize(ds, &d->regs, SZ_4K);
		if (r)
			return r;
	}
	if (ds_has(ds, i, "interrupts") ||
	    ds_has(ds, i, "interrupts-extended") ||
	    ds_has(ds, i, "interrupt-map")) {
		if (ds_irqs(ds, i, &iv) || ds_map_irqs(ds, i, &iv))
			forget_error(ds);
		d->irqs =
			iv.n ? ds_alloc(ds, sizeof(int) * (size_t)iv.n) : NULL;
		if (iv.n && !d->irqs) {
			free(iv.v);
			return ds_fail(ds, DTSCAN_ENOMEM, i, NULL, NULL);
		}
		for (k = 0; k < iv.n; k++) {
			int j, dup = 0;

			if (iv.v[k].intid < 0)
				continue;
			for (j = 0; j < d->nirqs; j++)
				dup |= d->irqs[j] == iv.v[k].intid;
			if (!dup)
				d->irqs[d->nirqs++] = iv.v[k].intid;
		}
		free(iv.v);
	}
	return 0;
}

static struct dtscan *cmp_ds;

/*
 * RAM (as the root zone and the hypervisor get it: /memory or --ram minus
 * no-map) must not cover a device's registers: the hypervisor would put
 * itself or the root zone's RAM on them (e.g. --ram over QEMU's GICD).
 * The device named is the one with the lowest address inside the RAM.
 */
static int check_ram(struct dtscan *ds)
{
	const struct ds_region *hit = NULL, *ram = NULL;
	int i, k, m, node = -1;

	for (i = 0; i < ds->ndevs; i++) {
		const struct ds_dev *d = &ds->devs[i];

		for (k = 0; k < d->regs.n; k++)
			for (m = 0; m < ds->usable.n; m++) {
				const struct ds_region *g = &ds->usable.v[m];

				if (ds_overlap(d->regs.v[k].base,
					       d->regs.v[k].size, g->base,
					       g->size) &&
				    (!hit || d->regs.v[k].base < hit->base)) {
					hit = &d->regs.v[k];
					ram = g;
					node = d->node;
				}
			}
	}
	if (!hit)
		return 0;
	return ds_fail(
		ds, DTSCAN_EBADRAM, node,
		ds->opts->nram ? "give --ram ranges that leave the "
				 "devices out"
			       : "/memory covers a device: give --ram "
				 "with the board's real RAM",
		"reg 0x%llx+0x%llx is inside RAM 0x%llx+0x%llx%s",
		(unsigned long long)hit->base, (unsigned long long)hit->size,
		(unsigned long long)ram->base, (unsigned long long)ram->size,
		ds->opts->nram ? " (--ram)" : "");
}

static int cmp_dev(const void *a, const void *b)
{
	return strcmp(ds_path(cmp_ds, ((const struct ds_dev *)a)->node),
		      ds_path(cmp_ds, ((const struct ds_dev *)b)->node));
}

/**
 * ds_devices() - fill ds->devs, sorted by path: the directory form of a
 * tree does not keep the DTB's node order, and both must give the same
 * board.yaml.
 *
 * Return: 0 or a negative code (out of memory only).
 */
int ds_devices(struct dtscan *ds)
{
	int cpus = ds_by_path(ds, "/cpus"),
	    rm = ds_by_path(ds, "/reserved-memory");
	int i, r;

	ds->devs = ds_alloc(ds, sizeof(*ds->devs) * (size_t)ds->nnodes);
	if (!ds->devs)
		return ds_fail(ds, DTSCAN_ENOMEM, -1, NULL, NULL);
	for (i = 1; i < ds->nnodes; i++) {
		struct ds_dev *d = &ds->devs[ds->ndevs];

		if (skip_subtree(ds, i, cpus, rm))
			continue;
		r = one_device(ds, i, d);
		if (!r && (d->regs.n || d->nirqs)) {
			ds->ndevs++;
			continue;
		}
		free(d->regs.v);
		d->regs.v = NULL;
		if (r)
			return r;
	}
	cmp_ds = ds;
	if (ds->ndevs > 1)
		qsort(ds->devs, (size_t)ds->ndevs, sizeof(*ds->devs), cmp_dev);
	return check_ram(ds);
}
