// SPDX-License-Identifier: GPL-2.0
/*
 * Root zone and EL2 layout, from the model and the keep set, with the
 * defaults documented in docs/board-yaml.md ("Defaults derived from the RAM
 * map").
 */
#include <stdlib.h>
#include <string.h>
#include <hvisor/hypercall.h>
#include <hvisor/zone_config.h>
#include "internal.h"

static uint64_t align_up(uint64_t v, uint64_t a)
{
	return (v + a - 1) & ~(a - 1);
}

static bool in_subtree(const struct dtscan *ds, int node, int top)
{
	for (; node >= 0; node = ds->nodes[node].parent)
		if (node == top)
			return true;
	return false;
}

static bool is_ram_node(struct dtscan *ds, int i, int rm)
{

	return (ds->nodes[i].depth == 1 &&
		ds_streq_prop(ds, i, "device_type", "memory")) ||
	       (rm >= 0 && in_subtree(ds, i, rm)) ||
	       ds_streq_prop(ds, i, "device_type", "cpu");
}

static int cmp_irq(const void *a, const void *b)
{
	const struct ds_irq *x = a, *y = b;

	if (x->intid != y->intid)
		return x->intid - y->intid;
	return x->node - y->node;
}

static struct dtscan *cmp_ds;

static int cmp_na(const void *a, const void *b)
{
	const struct ds_irq *x = a, *y = b;
	int c = strcmp(ds_path(cmp_ds, x->node), ds_path(cmp_ds, y->node));

	return c ? c : (x < y ? -1 : x > y);
}

static int collect_io(struct dtscan *ds)
{
	int i, k, n, r, rm = ds_by_path(ds, "/reserved-memory");

	for (i = 1; i < ds->nnodes; i++) {
		struct ds_ivec iv = { 0 };

		if (ds->nodes[i].keep == KEEP_NO || ds->nodes[i].disabled ||
		    is_ram_node(ds, i, rm))
			continue;
		/* every reg zone0.dts keeps (bus containers too: a bus's
		 * own reg is its configuration window, which Linux may
		 * touch), except the GIC frames the hypervisor emulates */
		if (!ds->ops->emulated(ds, i)) {
			if (ds_reg_count(ds, i, &n))
				return -ds->err->code;
			for (k = 0; k < n; k++) {
				uint64_t b, s;

				if (ds_reg(ds, i, k, &b, &s)) {
					/* behind a bus without ranges */
					ds->err->code = 0;
					break;
				}
				r = rv_add(ds, &ds->root_io, b, s, REG_IO, i);
				if (r)
					return r;
			}
		}
		r = ds_irqs(ds, i, &iv);
		for (k = 0; !r && k < iv.n; k++) {
			if (iv.v[k].intid < 0 && !iv.v[k].local)
				r = iv_add(ds, &ds->not_assignable, &iv.v[k]);
			else if (iv.v[k].intid >= ds->ops->first_irq &&
				 i != ds->irqchip)
				r = iv_add(ds, &ds->root_irqs, &iv.v[k]);
		}
		free(iv.v);
		if (r)
			return r;
	}
	return 0;
}

static int dedup_irqs(struct ds_ivec *iv)
{
	int i, k = 0;

	if (iv->n > 1)
		qsort(iv->v, (size_t)iv->n, sizeof(*iv->v), cmp_irq);
	for (i = 0; i < iv->n; i++)
		if (!k || iv->v[k - 1].intid != iv->v[i].intid)
			iv->v[k++] = iv->v[i];
	iv->n = k;
	return 0;
}

/* aarch64: the GIC frames the hypervisor maps */
int arm64_frames(struct dtscan *ds, struct ds_rvec *dev)
{
	int i, r;

	r = rv_add(ds, dev, ds->gicd.base, ds->gicd.size, REG_DEVICE,
		   ds->irqchip);
	if (!r && ds->gicr.present)
		r = rv_add(ds, dev, ds->gicr.base, ds->gicr.size, REG_DEVICE,
			   ds->irqchip);
	for (i = 0; !r && i < ds->its.n; i++)
		r = rv_add(ds, dev, ds->its.v[i].base, ds->its.v[i].size,
			   REG_DEVICE, ds->its.v[i].nodes[0]);
	if (!r && ds->gicc.present)
		r = rv_add(ds, dev, ds->gicc.base, ds->gicc.size, REG_DEVICE,
			   ds->irqchip);
	if (!r && ds->gich.present)
		r = rv_add(ds, dev, ds->gich.base, ds->gich.size, REG_DEVICE,
			   ds->irqchip);
	if (!r && ds->gicv.present)
		r = rv_add(ds, dev, ds->gicv.base, ds->gicv.size, REG_DEVICE,
			   ds->irqchip);
	return r;
}

/* aarch64: the GIC's subtree (frames, ITS) is the hypervisor's */
bool arm64_emulated(struct dtscan *ds, int node)
{
	return in_subtree(ds, node, ds->irqchip);
}

static int build_layout(struct dtscan *ds)
{
	struct ds_rvec dev = { 0 };
	int i, r = 0;

	for (i = 0; !r && i < ds->root_io.n; i++)
		r = rv_add(ds, &dev, ds->root_io.v[i].base,
			   ds->root_io.v[i].size, REG_DEVICE,
			   ds->root_io.v[i].nodes[0]);
	if (!r)
		r = ds->ops->frames(ds, &dev);
	if (!r && ds->console >= 0)
		r = rv_add(ds, &dev, ds->con_base, ds->con_size, REG_DEVICE,
			   ds->console);
	if (!r)
		r = rv_normalize(ds, &dev, SZ_4K);
	/* widen to 2 MiB blocks where that touches no RAM */
	for (i = 0; !r && i < dev.n; i++) {
		uint64_t b = dev.v[i].base & ~(SZ_2M - 1);
		uint64_t e = align_up(dev.v[i].base + dev.v[i].size, SZ_2M);

		if (e > b && !rv_overlaps(&ds->mem, b, e - b)) {
			dev.v[i].base = b;
			dev.v[i].size = e - b;
		}
	}
	if (!r)
		r = rv_normalize(ds, &dev, SZ_4K);
	for (i = 0; !r && i < dev.n; i++)
		r = rv_add(ds, &ds->layout, dev.v[i].base, dev.v[i].size,
			   REG_DEVICE, -1);
	for (i = 0; !r && i < ds->usable.n; i++)
		r = rv_add(ds, &ds->layout, ds->usable.v[i].base,
			   ds->usable.v[i].size, REG_NORMAL, -1);
	if (!r)
		r = rv_normalize(ds, &ds->layout, SZ_4K);
	free(dev.v);
	return r;
}

/* aarch64: 64 MiB at the first 2 MiB boundary of usable RAM with room */
int arm64_place_hv(struct dtscan *ds)
{
	int i;

	ds->hv_size = SZ_64M;
	for (i = 0; i < ds->usable.n; i++) {
		uint64_t b = align_up(ds->usable.v[i].base, SZ_2M);
		uint64_t e = ds->usable.v[i].base + ds->usable.v[i].size;

		if (b < e && e - b >= ds->hv_size) {
			ds->hv_base = b;
			return 0;
		}
	}
	return ds_fail_key(ds, DTSCAN_ELAYOUT, "/memory",
			   "give --ram with the board's real RAM",
			   "no RAM range holds the 64 MiB hypervisor");
}

static int pick_ram(struct dtscan *ds)
{
	struct ds_rvec hv = { 0 };
	int i, r;

	r = ds->ops->place_hv(ds);
	if (r)
		return r;
	for (i = 0; i < ds->usable.n; i++) {
		r = rv_add(ds, &ds->root_ram, ds->usable.v[i].base,
			   ds->usable.v[i].size, REG_RAM,
			   ds->usable.v[i].nnodes ? ds->usable.v[i].nodes[0]
						  : -1);
		if (r)
			return r;
	}
	r = rv_add(ds, &hv, ds->hv_base, ds->hv_size, REG_RAM, -1);
	/* firmware below the hypervisor (riscv64: OpenSBI) is no one's */
	if (!r && ds->fw_size)
		r = rv_add(ds, &hv, ds->fw_base, ds->fw_size, REG_RAM, -1);
	if (!r)
		r = rv_subtract(ds, &ds->root_ram, &hv);
	free(hv.v);
	if (r)
		return r;
	/* images: the first root RAM range with room for dtb+kernel+initrd */
	for (i = 0; i < ds->root_ram.n; i++) {
		uint64_t b = align_up(ds->root_ram.v[i].base, SZ_2M);
		uint64_t e = ds->root_ram.v[i].base + ds->root_ram.v[i].size;

		if (b < e && e - b >= SZ_96M + 0x2000000) {
			ds->dtb_load = b;
			ds->kernel_load = b + SZ_2M;
			ds->initrd_load = b + SZ_96M;
			return 0;
		}
	}
	return ds_fail_key(ds, DTSCAN_ELAYOUT, "/memory",
			   "give --ram with the board's real RAM",
			   "no root zone RAM range holds kernel, DTB and "
			   "initrd (128 MiB)");
}

/*
 * zone0.dts writes the root zone's RAM with the root's own cell counts
 * (emit_dts.c put_memory(): one size cell splits it in 2 GiB chunks): every
 * chunk's base must fit them, or the base would be cut to 32 bits.  Checked
 * on the RAM as given (the root zone's is that minus the hypervisor).
 */
static int check_root_cells(struct dtscan *ds)
{
	int ac = ds_u32(ds, 0, "#address-cells", 2);
	int sc = ds_u32(ds, 0, "#size-cells", 1), i;

	if (ac < 1 || ac > 2 || sc < 1 || sc > 2)
		return ds_fail(ds, DTSCAN_EBADCELLS, 0,
			       "zone0.dts writes memory with 1 or 2 address "
			       "and size cells",
			       "the root's #address-cells = <%d>, "
			       "#size-cells = <%d> cannot describe RAM",
			       ac, sc);
	for (i = 0; ac == 1 && i < ds->usable.n; i++) {
		const struct ds_region *g = &ds->usable.v[i];
		uint64_t last = g->base;

		if (sc == 1)
			last += (g->size - 1) / 0x80000000ULL * 0x80000000ULL;
		if (last >> 32)
			return ds_fail(ds, DTSCAN_EBADRAM, 0,
				       ds->opts->nram
					       ? "give --ram below 4 GiB, or "
						 "a DT whose root has 2 "
						 "address cells"
					       : "fix the root's "
						 "#address-cells or /memory",
				       "RAM 0x%llx+0x%llx is above 4 GiB, the "
				       "root's #address-cells = <1> cannot "
				       "describe it in zone0.dts",
				       (unsigned long long)g->base,
				       (unsigned long long)g->size);
	}
	return 0;
}

/*
 * The root zone's virtio wake-up IRQ (node hvisor_virtio_device, which
 * hvisor.ko reads): upstream's SPI 0x20 (INTID 64) when no device the root
 * zone keeps uses it, else the lowest SPI no device of the DT uses (kept or
 * trimmed: zonegen may pass a trimmed one to a zone).  A kept device on
 * the line would share it with the hypervisor's injection; a trimmed one
 * on INTID 64 (QEMU virt's virtio_mmio@a002000) only cannot be passed to a
 * zone (zonegen refuses it).
 */
int arm64_virtio_irq(struct dtscan *ds)
{
	unsigned char used[HVISOR_GIC_SPI_LAST + 1] = { 0 };
	int i, k;

	bool taken = false;

	/* kept: a root IRQ, or any INTID of a kept device's entry (a bus's
	 * interrupt-map lists its children's, as board.yaml devices does) */
	for (i = 0; i < ds->root_irqs.n; i++)
		if (ds->root_irqs.v[i].intid == HVISOR_VIRTIO_IRQ_INTID)
			taken = true;
	for (i = 0; i < ds->ndevs; i++)
		for (k = 0; k < ds->devs[i].nirqs; k++)
			if (ds->devs[i].irqs[k] == HVISOR_VIRTIO_IRQ_INTID &&
			    ds->nodes[ds->devs[i].node].keep != KEEP_NO)
				taken = true;
	if (!taken) {
		ds->virtio_intid = HVISOR_VIRTIO_IRQ_INTID;
		return 0;
	}
	for (i = 0; i < ds->ndevs; i++)
		for (k = 0; k < ds->devs[i].nirqs; k++)
			if (ds->devs[i].irqs[k] >= 0 &&
			    ds->devs[i].irqs[k] <= HVISOR_GIC_SPI_LAST)
				used[ds->devs[i].irqs[k]] = 1;
	for (i = 0; i < ds->root_irqs.n; i++)
		if (ds->root_irqs.v[i].intid >= 0 &&
		    ds->root_irqs.v[i].intid <= HVISOR_GIC_SPI_LAST)
			used[ds->root_irqs.v[i].intid] = 1;
	for (i = HVISOR_GIC_SPI_FIRST; i <= HVISOR_GIC_SPI_LAST; i++)
		if (!used[i]) {
			ds->virtio_intid = i;
			return 0;
		}
	return ds_fail(ds, DTSCAN_EIRQCLASH, ds->irqchip,
		       "--drop a device to free an SPI",
		       "no free SPI for the virtio wake-up IRQ");
}

int ds_zone(struct dtscan *ds)
{
	int r;

	r = pick_ram(ds);
	if (!r)
		r = check_root_cells(ds);
	if (!r)
		r = collect_io(ds);
	if (r)
		return r;
	r = ds->ops->virtio_irq(ds);
	if (r)
		return r;
	{
		struct ds_irq v = { .node = -1, .intid = ds->virtio_intid };

		r = iv_add(ds, &ds->root_irqs, &v); /* hvisor_virtio_device */
		if (r)
			return r;
	}
	dedup_irqs(&ds->root_irqs);
	cmp_ds = ds;
	if (ds->not_assignable.n > 1)
		qsort(ds->not_assignable.v, (size_t)ds->not_assignable.n,
		      sizeof(struct ds_irq), cmp_na);
	r = rv_normalize(ds, &ds->root_io, SZ_4K);
	if (!r)
		r = build_layout(ds);
	if (r)
		return r;
	if (ds->console >= 0) {
		char baud[24] = "";

		if (ds->con_baud > 0)
			snprintf(baud, sizeof(baud), ",%ld", ds->con_baud);
		snprintf(ds->bootargs, sizeof(ds->bootargs),
			 "earlycon console=%s%d%s rdinit=/init iomem=relaxed",
			 ds->con_tty, ds->con_tty_idx, baud);
	} else {
		snprintf(ds->bootargs, sizeof(ds->bootargs),
			 "rdinit=/init iomem=relaxed");
	}
	return 0;
}
