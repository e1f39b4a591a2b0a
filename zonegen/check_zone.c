// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/* Copyright (c) 2026 hvisor-c contributors */
/*
 * zonegen check, one zone at a time: what its JSON says against itself and
 * the board, and what its DT says against the JSON and the board.  Each
 * finding names the file and the key or node (docs/zonegen.md).
 */
#include <inttypes.h>
#include <libfdt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <hvc/zone_json.h>

#include "check.h"

/* @pa+@size inside one region of type @type of @z? */
static int in_regions(const struct czone *z, uint32_t type, uint64_t pa,
		      uint64_t size)
{
	unsigned int i;

	for (i = 0; i < z->nreg; i++)
		if (z->reg[i].type == type && pa >= z->reg[i].pa &&
		    pa - z->reg[i].pa + size <= z->reg[i].size)
			return 1;
	return 0;
}

/* An image address: inside the zone's RAM (identity mapped). */
static void image_in_ram(struct chk *c, struct czone *z, const char *key,
			 uint64_t pa)
{
	if (!in_regions(z, HVISOR_MEM_TYPE_RAM, pa, 1))
		chk_find(c,
			 "%s: %s: 0x%" PRIx64 " is in no ram region of the "
			 "zone (the hvisor CLI loads it there)",
			 z->cfg, key, pa);
}

/* RAM of the zone inside the board's memory (board.yaml `memory`). */
static void ram_in_board(struct chk *c, struct czone *z, const struct creg *r)
{
	struct hvc_ranges left = { 0 };
	struct hvc_range one = { r->pa, r->size, NULL, NULL };
	unsigned int i;

	if (hvc_ranges_add(&left, &one)) {
		c->oom = 1;
		return;
	}
	for (i = 0; i < c->b->mem.n; i++)
		if (hvc_ranges_carve(&left, c->b->mem.r[i].base,
				     c->b->mem.r[i].size))
			c->oom = 1;
	if (left.n)
		chk_find(c,
			 "%s: %s: ram 0x%" PRIx64 "+0x%" PRIx64
			 " is not all in the board's memory: 0x%" PRIx64
			 "+0x%" PRIx64 " is outside every memory entry of %s",
			 z->cfg, r->key, r->pa, r->size, left.r[0].base,
			 left.r[0].size, c->b->path);
	hvc_ranges_free(&left);
}

static void frame(struct chk *c, struct czone *z, const char *key,
		  uint64_t base, uint64_t size, const struct hvc_range *want,
		  const char *what)
{
	if (base != want->base || size != want->size)
		chk_find(c,
			 "%s: arch_config.%s: 0x%" PRIx64 "+0x%" PRIx64
			 " but the board's %s is 0x%" PRIx64 "+0x%" PRIx64
			 " (%s: %s)",
			 z->cfg, key, base, size, what, want->base, want->size,
			 c->b->path, c->b->riscv ? "irqchip" : "gic");
}

static void arch_config(struct chk *c, struct czone *z)
{
	const struct hvisor_arch_zone_config *a = &z->zj->cfg.arch_config;
	const struct board *b = c->b;
	int v = a->gic_version_tag == HVISOR_GIC_V3 ? 3 : 2;

	if (b->riscv || z->zj->riscv) {
		if (!b->riscv || !z->zj->riscv)
			chk_find(c,
				 "%s: arch_config: a %s form on a %s board "
				 "(%s: board.arch)",
				 z->cfg, z->zj->riscv ? "riscv64" : "GIC",
				 b->arch, b->path);
		else
			frame(c, z, "plic", z->zj->plic_base, z->zj->plic_size,
			      &b->irqchip, "PLIC");
		return;
	}
	if (v != b->gic_version) {
		chk_find(c,
			 "%s: arch_config.gic_version: v%d but the board's "
			 "GIC is v%d (%s: gic.version)",
			 z->cfg, v, b->gic_version, b->path);
		return;
	}
	if (v == 3) {
		frame(c, z, "gicd", a->gic.v3.gicd_base, a->gic.v3.gicd_size,
		      &b->gicd, "GICD");
		frame(c, z, "gicr", a->gic.v3.gicr_base, a->gic.v3.gicr_size,
		      &b->gicr, "GICR");
		return;
	}
	frame(c, z, "gicd", a->gic.v2.gicd_base, a->gic.v2.gicd_size, &b->gicd,
	      "GICD");
	frame(c, z, "gicc", a->gic.v2.gicc_base, a->gic.v2.gicc_size, &b->gicc,
	      "GICC");
	frame(c, z, "gich", a->gic.v2.gich_base, a->gic.v2.gich_size, &b->gich,
	      "GICH");
	frame(c, z, "gicv", a->gic.v2.gicv_base, a->gic.v2.gicv_size, &b->gicv,
	      "GICV");
}

/* The debug console page: off the zone's RAM and every GIC frame. */
static void debug_console(struct chk *c, struct czone *z)
{
	const struct board *b = c->b;
	const struct hvc_range *g[] = { &b->gicd, &b->gicr, &b->gicc, &b->gich,
					&b->gicv };
	uint64_t dc = z->zj->debug_console;
	unsigned int i;

	if (!dc)
		return;
	if (dc & (HVISOR_DEBUG_CONSOLE_SIZE - 1))
		chk_find(c,
			 "%s: debug_console: 0x%" PRIx64 " is not 4 KiB "
			 "aligned",
			 z->cfg, dc);
	for (i = 0; i < z->nreg; i++)
		if (z->reg[i].type == HVISOR_MEM_TYPE_RAM &&
		    hvc_overlap(dc, HVISOR_DEBUG_CONSOLE_SIZE, z->reg[i].ipa,
				z->reg[i].size))
			chk_find(c,
				 "%s: debug_console: 0x%" PRIx64
				 " lies in the zone's RAM (%s)",
				 z->cfg, dc, z->reg[i].key);
	for (i = 0; i < sizeof(g) / sizeof(g[0]); i++)
		if (g[i]->size && hvc_overlap(dc, HVISOR_DEBUG_CONSOLE_SIZE,
					      g[i]->base, g[i]->size))
			chk_find(c,
				 "%s: debug_console: 0x%" PRIx64
				 " lies on a GIC frame at 0x%" PRIx64
				 " (%s: gic)",
				 z->cfg, dc, g[i]->base, b->path);
}

void chk_zone_json(struct chk *c, struct czone *z)
{
	const struct zone_json *zj = z->zj;
	const struct hvisor_zone_config *cfg = &zj->cfg;
	unsigned int i;
	char key[64];

	if (!z->cpus)
		chk_find(c, "%s: cpus: empty: a zone runs on at least one CPU",
			 z->cfg);
	for (i = 0; i < z->nreg; i++)
		if (z->reg[i].type == HVISOR_MEM_TYPE_RAM)
			ram_in_board(c, z, &z->reg[i]);
	if (strcmp(zj->kernel_filepath, "null")) {
		image_in_ram(c, z, "kernel_load_paddr", cfg->kernel_load_paddr);
		image_in_ram(c, z, "entry_point", cfg->entry_point);
	}
	if (strcmp(zj->dtb_filepath, "null"))
		image_in_ram(c, z, "dtb_load_paddr", cfg->dtb_load_paddr);
	for (i = 0; i < zj->num_modules; i++) {
		snprintf(key, sizeof(key), "modules[%u].load_paddr", i);
		image_in_ram(c, z, key, zj->modules[i].load_paddr);
	}
	arch_config(c, z);
	debug_console(c, z);
}

/* MPIDRs of the DT's CPU nodes, as a list of board CPU ids (bits). */
static uint64_t dt_cpus(struct chk *c, struct czone *z, uint64_t *unknown)
{
	const struct board *b = c->b;
	int cpus = fdt_path_offset(z->fdt, "/cpus"), off;
	uint64_t set = 0;
	unsigned int i;

	*unknown = UINT64_MAX;
	fdt_for_each_subnode (off, z->fdt, cpus) {
		const char *dt = fdt_getprop(z->fdt, off, "device_type", NULL);
		const fdt32_t *reg;
		uint64_t mpidr;
		int len;

		if (!dt || strcmp(dt, "cpu") || !zg_dt_enabled(z->fdt, off))
			continue;
		reg = fdt_getprop(z->fdt, off, "reg", &len);
		if (!reg || (len != 4 && len != 8))
			continue;
		mpidr = len == 4 ? fdt32_to_cpu(reg[0])
				 : (uint64_t)fdt32_to_cpu(reg[0]) << 32 |
					   fdt32_to_cpu(reg[1]);
		for (i = 0; i < b->ncpus && b->cpus[i].mpidr != mpidr; i++)
			;
		if (i == b->ncpus)
			*unknown = mpidr;
		else if (i < 64)
			set |= 1ULL << i;
	}
	return set;
}

void chk_zone_dt(struct chk *c, struct czone *z)
{
	const struct board *b = c->b;
	uint64_t unknown, set = dt_cpus(c, z, &unknown);
	uint64_t base, size;

	if (unknown != UINT64_MAX)
		chk_find(c,
			 "%s: /cpus: a CPU node with MPIDR 0x%" PRIx64
			 " that is no CPU of %s",
			 z->dts, unknown, b->path);
	if (set != z->cpus)
		chk_find(c,
			 "%s: cpus: CPUs 0x%" PRIx64
			 " (bit = board CPU id) but "
			 "the CPU nodes of %s are 0x%" PRIx64,
			 z->cfg, z->cpus, z->dts, set);
	if (z->root || z->gic_off < 0)
		return;
	if (b->riscv) {
		if (dtscan_node_reg(z->ds, z->gic_off, 0, &base, &size, NULL) ||
		    base != b->irqchip.base || size != b->irqchip.size)
			chk_find(c,
				 "%s: the PLIC's reg[0] is not the board's "
				 "0x%" PRIx64 "+0x%" PRIx64 " (%s: irqchip)",
				 z->dts, b->irqchip.base, b->irqchip.size,
				 b->path);
		return;
	}
	if (dtscan_node_reg(z->ds, z->gic_off, 0, &base, &size, NULL) ||
	    base != b->gicd.base || size != b->gicd.size)
		chk_find(c,
			 "%s: %s: reg[0] is not the board's GICD 0x%" PRIx64
			 "+0x%" PRIx64 " (%s: gic.gicd)",
			 z->dts, b->gic_node, b->gicd.base, b->gicd.size,
			 b->path);
	if (b->gic_version == 3 &&
	    (dtscan_node_reg(z->ds, z->gic_off, 1, &base, &size, NULL) ||
	     base != b->gicr.base || size != b->gicr.size))
		chk_find(c,
			 "%s: %s: reg[1] is not the board's GICR 0x%" PRIx64
			 "+0x%" PRIx64 " (%s: gic.gicr)",
			 z->dts, b->gic_node, b->gicr.base, b->gicr.size,
			 b->path);
	if (b->gic_version == 2 &&
	    (dtscan_node_reg(z->ds, z->gic_off, 1, &base, &size, NULL) ||
	     base != b->gicc.base))
		chk_find(c,
			 "%s: %s: reg[1] is not the board's GICC 0x%" PRIx64
			 " (%s: gic.gicc)",
			 z->dts, b->gic_node, b->gicc.base, b->path);
}

/* Same nodes, names and property values, in the same order? */
static int same_tree(const void *a, const void *b, char *where, int size)
{
	int oa = 0, ob = 0, da = 0, db = 0, ea, eb;

	for (;;) {
		int pa, pb, la, lb;

		/* the walk ends below the root (depth -1) */
		ea = oa < 0 || da < 0;
		eb = ob < 0 || db < 0;
		if (ea || eb || da != db ||
		    strcmp(fdt_get_name(a, oa, NULL), fdt_get_name(b, ob, NULL)))
			break;
		pa = fdt_first_property_offset(a, oa);
		pb = fdt_first_property_offset(b, ob);
		for (; pa >= 0 && pb >= 0; pa = fdt_next_property_offset(a, pa),
					   pb = fdt_next_property_offset(b, pb)) {
			const char *na, *nb;
			const void *va = fdt_getprop_by_offset(a, pa, &na, &la);
			const void *vb = fdt_getprop_by_offset(b, pb, &nb, &lb);

			if (!va || !vb || strcmp(na, nb) || la != lb ||
			    memcmp(va, vb, (size_t)la))
				break;
		}
		if (pa >= 0 || pb >= 0)
			break;
		oa = fdt_next_node(a, oa, &da);
		ob = fdt_next_node(b, ob, &db);
	}
	if (ea && eb)
		return 1;
	if (fdt_get_path(ea ? b : a, ea ? ob : oa, where, size))
		snprintf(where, (size_t)size, "?");
	return 0;
}

void chk_zone_stale(struct chk *c, struct czone *z, const char *dts)
{
	struct dtscan *ds = NULL;
	struct hvc_err e;
	char where[512];

	memset(&e, 0, sizeof(e));
	if (zg_dt_open(dts, &ds, &e)) {
		chk_find(c, "%s: does not compile: %s", dts, e.msg);
		return;
	}
	if (!same_tree(dtscan_fdt(ds), z->fdt, where, sizeof(where)))
		chk_find(c,
			 "%s: %s: differs from %s (first at %s): the hvisor "
			 "CLI loads the DTB; derive both again",
			 z->cfg, dts, z->dts, where);
	dtscan_close(ds);
}
