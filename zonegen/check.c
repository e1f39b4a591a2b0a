// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/* Copyright (c) 2026 hvisor-c contributors */
/*
 * zg_check_dir(): cross-check what derive wrote into a directory:
 * board.json's root zone (the derived board), zone0.dtb, every zone's DTS
 * and JSON, and virtio_cfg.json, each read back from disk as the
 * hypervisor and the hvisor CLI will.  Each finding names both files and
 * the key or node.
 */
#include <glob.h>
#include <inttypes.h>
#include <libfdt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <hvisor/board_limits.h>
#include <hvisor/virtio_bridge.h>

#include <hvc/virtio_cfg_json.h>
#include <hvc/zone_json.h>

#include "check.h"
#include "zg_internal.h"

static const char *const tname[] = { "ram", "io", "virtio" };

static const char *rname(const struct creg *r)
{
	return r->loader ? "loader" : tname[r->type];
}

void chk_find(struct chk *c, const char *fmt, ...)
{
	char *buf, **n;
	va_list ap;
	int len;

	va_start(ap, fmt);
	len = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	buf = len < 0 ? NULL : malloc((size_t)len + 1);
	n = buf ? realloc(c->f->lines, (c->f->n + 1) * sizeof(*n)) : NULL;
	if (!n) {
		free(buf);
		c->oom = 1;
		return;
	}
	va_start(ap, fmt);
	vsnprintf(buf, (size_t)len + 1, fmt, ap);
	va_end(ap);
	c->f->lines = n;
	n[c->f->n++] = buf;
}

static int load_root(struct chk *c, struct czone *z, struct hvc_err *e)
{
	const struct board *b = c->b;
	struct stat st;
	unsigned int i;
	int rc;

	z->root = 1;
	snprintf(z->name, sizeof(z->name), "%s", b->root_name);
	snprintf(z->cfg, sizeof(z->cfg), "%s/board.json", c->dir);
	snprintf(z->dts, sizeof(z->dts), "%s/zone0.dtb", c->dir);
	z->cpus = b->root_cpus;
	if (b->root_mem.n > HVISOR_CONFIG_MAX_MEMORY_REGIONS)
		chk_find(c, "%s: root_zone.memory: %u regions, the ABI allows %d",
		     b->path, b->root_mem.n, HVISOR_CONFIG_MAX_MEMORY_REGIONS);
	for (i = 0; i < b->root_mem.n && i < HVISOR_CONFIG_MAX_MEMORY_REGIONS;
	     i++) {
		struct creg *r = &z->reg[z->nreg++];

		r->type = !strcmp(b->root_mem.r[i].type, "io")
				  ? HVISOR_MEM_TYPE_IO
			  : !strcmp(b->root_mem.r[i].type, "virtio")
				  ? HVISOR_MEM_TYPE_VIRTIO
				  : HVISOR_MEM_TYPE_RAM;
		r->loader = !strcmp(b->root_mem.r[i].type, "loader");
		r->pa = r->ipa = b->root_mem.r[i].base;
		r->size = b->root_mem.r[i].size;
		snprintf(r->key, sizeof(r->key), "root_zone.memory[%u]", i);
	}
	for (i = 0; i < b->root_nirqs; i++) {
		if (b->root_irqs[i].intid >= HVISOR_CONFIG_MAX_INTERRUPTS)
			chk_find(c,
			     "%s: root_zone.irqs[%u]: INTID %u beyond the ABI "
			     "bitmap (%d)",
			     b->path, i, b->root_irqs[i].intid,
			     HVISOR_CONFIG_MAX_INTERRUPTS);
		zone_irq_set(z->irqs, b->root_irqs[i].intid);
	}
	if (stat(z->dts, &st))
		return 0; /* a board without zone0.dts */
	rc = zg_dt_open(z->dts, &z->ds, e);
	if (!rc)
		z->fdt = dtscan_fdt(z->ds);
	return rc;
}

/*
 * The zone's DT: the DTB its JSON names (dtb_filepath, beside the JSON as
 * the hvisor CLI resolves it), and a DTS beside the JSON with the same
 * name must be the same tree (a stale DTB boots, the DTS is reviewed).
 * dtb_filepath "null": the DTS beside the JSON, if any.
 */
static int load_zone_dt(struct chk *c, const char *json, struct czone *z,
			struct hvc_err *e)
{
	const char *f = z->zj->dtb_filepath, *slash = strrchr(json, '/');
	int dir = slash ? (int)(slash - json) + 1 : 0, rc;
	char dts[4200];
	struct stat st;

	snprintf(dts, sizeof(dts), "%.*s.dts", (int)(strlen(json) - 5), json);
	if (!strcmp(f, "null")) {
		if (stat(dts, &st))
			return 0;
		snprintf(z->dts, sizeof(z->dts), "%s", dts);
		dts[0] = 0;
	} else if (f[0] == '/') {
		snprintf(z->dts, sizeof(z->dts), "%s", f);
	} else {
		snprintf(z->dts, sizeof(z->dts), "%.*s%s", dir, json,
			 strncmp(f, "./", 2) ? f : f + 2);
	}
	if (stat(z->dts, &st)) {
		chk_find(c, "%s: dtb_filepath: %s does not exist (the hvisor "
			    "CLI loads it)", json, z->dts);
		return 0;
	}
	rc = zg_dt_open(z->dts, &z->ds, e);
	if (rc)
		return rc;
	z->fdt = dtscan_fdt(z->ds);
	if (dts[0] && strcmp(dts, z->dts) && !stat(dts, &st))
		chk_zone_stale(c, z, dts);
	return 0;
}

static int load_zone(struct chk *c, const char *json, struct czone *z,
		     struct hvc_err *e)
{
	struct zone_json *zj = calloc(1, sizeof(*zj));
	struct json_err je;
	unsigned int i;
	int rc;

	if (!zj)
		return -ZG_ENOMEM;
	if (strlen(json) >= sizeof(z->cfg)) {
		free(zj);
		return zg_seterr(e, -ZG_EIO, json, NULL, NULL,
				 "path longer than %zu bytes",
				 sizeof(z->cfg) - 1);
	}
	snprintf(z->cfg, sizeof(z->cfg), "%s", json);
	rc = zone_json_load(json, zj, &je);
	if (rc) {
		free(zj);
		return zg_seterr(e, -ZG_EJSON, json, je.key, NULL, "%s",
				 je.msg);
	}
	snprintf(z->name, sizeof(z->name), "%.32s", zj->cfg.name);
	z->id = zj->cfg.zone_id;
	z->cpus = zj->cfg.cpus;
	for (i = 0; i < zj->cfg.num_memory_regions; i++) {
		const struct hvisor_memory_region *m =
			&zj->cfg.memory_regions[i];
		struct creg *r = &z->reg[z->nreg++];

		r->type = m->mem_type;
		r->pa = m->physical_start;
		r->ipa = m->virtual_start;
		r->size = m->size;
		snprintf(r->key, sizeof(r->key), "memory_regions[%u]", i);
	}
	memcpy(z->irqs, zj->cfg.interrupts_bitmap, sizeof(z->irqs));
	memcpy(z->shared, zj->shared_bitmap, sizeof(z->shared));
	z->zj = zj;
	return load_zone_dt(c, json, z, e);
}

static void check_regions(struct chk *c, struct czone *z)
{
	const struct board *b = c->b;
	const struct hvc_range *fr[5 + HVISOR_BOARD_MAX_ITS] = {
		&b->gicd, &b->gicr, &b->gicc, &b->gich, &b->gicv
	};
	unsigned int nfr = 5;
	unsigned int i, k;

	for (i = 0; i < b->nits; i++)
		fr[nfr++] = &b->its[i];
	for (i = 0; i < z->nreg; i++) {
		struct creg *r = &z->reg[i];

		/* two regions of one zone on the same page: stage 2 maps
		 * one of them, the hypervisor traps the other */
		for (k = 0; k < i; k++)
			if (hvc_overlap(r->pa, r->size, z->reg[k].pa,
					z->reg[k].size))
				chk_find(c,
					 "%s: %s: %s region 0x%" PRIx64
					 "+0x%" PRIx64 " overlaps %s of the "
					 "same zone",
					 z->cfg, r->key, rname(r), r->pa,
					 r->size, z->reg[k].key);

		if (r->type != HVISOR_MEM_TYPE_VIRTIO &&
		    ((r->pa | r->ipa | r->size) & (PAGE - 1)))
			chk_find(c,
			     "%s: %s: %s region 0x%" PRIx64 "+0x%" PRIx64
			     " is not 4 KiB aligned",
			     z->cfg, r->key, rname(r), r->pa, r->size);
		/* the hypervisor's rule (zone_check_region_why): trapped
		 * 0x200-byte windows at physical_start == virtual_start */
		if (r->type == HVISOR_MEM_TYPE_VIRTIO &&
		    (!r->size ||
		     ((r->ipa | r->size) & (HVISOR_VIRTIO_MMIO_WINDOW - 1))))
			chk_find(c,
			     "%s: %s: virtio region 0x%" PRIx64 "+0x%" PRIx64
			     ": start and size must be non-zero multiples of "
			     "0x%x",
			     z->cfg, r->key, r->ipa, r->size,
			     HVISOR_VIRTIO_MMIO_WINDOW);
		if (r->type == HVISOR_MEM_TYPE_VIRTIO && r->pa != r->ipa)
			chk_find(c,
			     "%s: %s: virtio region 0x%" PRIx64
			     ": physical_start 0x%" PRIx64
			     " must equal virtual_start",
			     z->cfg, r->key, r->ipa, r->pa);
		if (hvc_overlap(r->pa, r->size, b->hv_ram.base, b->hv_ram.size))
			chk_find(c,
			     "%s: %s: 0x%" PRIx64 "+0x%" PRIx64
			     " overlaps the hypervisor's RAM in %s: "
			     "hypervisor.ram",
			     z->cfg, r->key, r->pa, r->size, b->path);
		if (r->type != HVISOR_MEM_TYPE_RAM)
			continue;
		for (k = 0; k < nfr; k++)
			if (hvc_overlap(r->pa, r->size, fr[k]->base,
					fr[k]->size))
				chk_find(c,
				     "%s: %s: RAM 0x%" PRIx64 "+0x%" PRIx64
				     " overlaps a GIC frame at 0x%" PRIx64
				     " in %s: gic",
				     z->cfg, r->key, r->pa, r->size,
				     fr[k]->base, b->path);
		for (k = 0; k < b->dev_regs.n; k++)
			if (hvc_overlap(r->pa, r->size, b->dev_regs.r[k].base,
					b->dev_regs.r[k].size))
				chk_find(c,
				     "%s: %s: RAM 0x%" PRIx64 "+0x%" PRIx64
				     " overlaps the frame 0x%" PRIx64
				     "+0x%" PRIx64 " of %s in %s: devices",
				     z->cfg, r->key, r->pa, r->size,
				     b->dev_regs.r[k].base,
				     b->dev_regs.r[k].size,
				     b->dev_regs.r[k].node, b->path);
		for (k = 0; k < b->layout.n; k++)
			if (!strcmp(b->layout.r[k].type, "device") &&
			    hvc_overlap(r->pa, r->size, b->layout.r[k].base,
					b->layout.r[k].size))
				chk_find(c,
				     "%s: %s: RAM 0x%" PRIx64 "+0x%" PRIx64
				     " overlaps device frames in %s: "
				     "layout[%u]",
				     z->cfg, r->key, r->pa, r->size, b->path,
				     k);
	}
}

/* Bytes of [base, base+size) inside @z's loader regions. */
static uint64_t in_loaders(const struct czone *z, uint64_t base, uint64_t size)
{
	uint64_t n = 0;
	unsigned int i;

	for (i = 0; i < z->nreg; i++) {
		const struct creg *r = &z->reg[i];
		uint64_t lo = r->pa > base ? r->pa : base;
		uint64_t hi = r->pa + r->size < base + size ? r->pa + r->size
							    : base + size;

		if (r->loader && hi > lo)
			n += hi - lo;
	}
	return n;
}

static void check_pair(struct chk *c, struct czone *a, struct czone *z)
{
	unsigned int i, k, w;

	for (i = 0; i < a->nreg; i++)
		for (k = 0; k < z->nreg; k++) {
			if (!hvc_overlap(a->reg[i].pa, a->reg[i].size,
					 z->reg[k].pa, z->reg[k].size))
				continue;
			/* the root loads a zone's images into loader RAM */
			if (a->reg[i].loader &&
			    z->reg[k].type == HVISOR_MEM_TYPE_RAM) {
				if (in_loaders(a, z->reg[k].pa,
					       z->reg[k].size) !=
				    z->reg[k].size)
					chk_find(c,
					     "%s: %s: ram 0x%" PRIx64
					     "+0x%" PRIx64 " is not fully "
					     "inside loader regions of %s: "
					     "%s (loader 0x%" PRIx64
					     "+0x%" PRIx64 ")",
					     z->cfg, z->reg[k].key,
					     z->reg[k].pa, z->reg[k].size,
					     a->cfg, a->reg[i].key,
					     a->reg[i].pa, a->reg[i].size);
				continue;
			}
			chk_find(c,
			     "%s: %s: %s 0x%" PRIx64 "+0x%" PRIx64
			     " overlaps %s: %s (%s 0x%" PRIx64 "+0x%" PRIx64
			     ")",
			     z->cfg, z->reg[k].key, rname(&z->reg[k]),
			     z->reg[k].pa, z->reg[k].size, a->cfg,
			     a->reg[i].key, rname(&a->reg[i]), a->reg[i].pa,
			     a->reg[i].size);
		}
	for (i = 0; i < 64; i++)
		if ((a->cpus & z->cpus) >> i & 1)
			chk_find(c, "%s: cpus: CPU %u is also in %s: %s", z->cfg, i,
			     a->cfg, a->root ? "root_zone.cpus" : "cpus");
	for (w = 0; w < HVISOR_CONFIG_INTERRUPTS_WORDS; w++) {
		uint32_t both = a->irqs[w] & z->irqs[w];

		/* Shared by design: every non-root owner marks it. */
		both &= ~((a->root ? ~0u : a->shared[w]) & z->shared[w]);
		for (i = 0; i < 32; i++)
			if (both >> i & 1)
				chk_find(c,
				     "%s: interrupts: INTID %u is also owned "
				     "by %s: %s (mark it in "
				     "\"shared_interrupts\" if shared by "
				     "design)",
				     z->cfg, w * 32 + i, a->cfg,
				     a->root ? "root_zone.irqs" : "interrupts");
	}
}

static int is_virtio(const void *fdt, int off)
{
	return !fdt_node_check_compatible(fdt, off, "virtio,mmio");
}

static int is_memory(const void *fdt, int off)
{
	const char *t = fdt_getprop(fdt, off, "device_type", NULL);

	return t && !strcmp(t, "memory");
}

/* Nodes whose reg is not a zone region: CPUs, the GIC (arch_config), the
 * riscv64 S-level IMSIC. */
static int skip_node(const struct czone *z, int off)
{
	char path[4096];

	if (fdt_get_path(z->fdt, off, path, sizeof(path)))
		return 1;
	return !strncmp(path, "/cpus", 5) ||
	       !strncmp(path, "/reserved-memory", 16) || off == z->gic_off ||
	       fdt_parent_offset(z->fdt, off) == z->gic_off ||
	       /* riscv64 AIA: the S-level IMSIC is the hypervisor's too
		* (it maps each hart's guest file for the zone) */
	       !fdt_node_check_compatible(z->fdt, off, "riscv,imsics");
}

static void check_dt(struct chk *c, struct czone *z)
{
	uint32_t dtirq[HVISOR_CONFIG_INTERRUPTS_WORDS] = { 0 };
	int used[HVISOR_CONFIG_MAX_MEMORY_REGIONS + 8] = { 0 };
	const char *rk = z->root ? "root_zone.irqs" : "interrupts";
	unsigned int i, w;
	int off;

	z->gic_off = fdt_path_offset(z->fdt, c->b->gic_node);
	if (z->gic_off < 0 && c->b->riscv) /* the PLIC, not a hart's intc */
		z->gic_off = fdt_node_offset_by_compatible(
			z->fdt, -1, c->b->irqchip_compat);
	if (z->gic_off < 0)
		z->gic_off = fdt_node_offset_by_prop_value(
			z->fdt, -1, "interrupt-controller", NULL, 0);
	for (off = fdt_next_node(z->fdt, -1, NULL); off >= 0;
	     off = fdt_next_node(z->fdt, off, NULL)) {
		unsigned int *irqs;
		uint64_t base, size;
		char path[512];
		int n, r;

		if (!zg_dt_enabled(z->fdt, off) || skip_node(z, off))
			continue;
		fdt_get_path(z->fdt, off, path, sizeof(path));
		n = zg_dt_intids(z->ds, off, &irqs);
		if (n < 0)
			c->oom = 1;
		for (r = 0; r < n; r++)
			if (irqs[r] >= 32)
				zone_irq_set(dtirq, irqs[r]);
		free(irqs);
		for (r = 0; !dtscan_node_reg(z->ds, off, r, &base, &size, NULL);
		     r++) {
			uint32_t want = is_memory(z->fdt, off)
						? HVISOR_MEM_TYPE_RAM
					: is_virtio(z->fdt, off)
						? HVISOR_MEM_TYPE_VIRTIO
						: HVISOR_MEM_TYPE_IO;
			int ok = 0;

			for (i = 0; i < z->nreg; i++) {
				const struct creg *g = &z->reg[i];

				/* the root's virtio,mmio nodes are real
				 * transports (QEMU's), passed as io pages */
				if ((g->type != want &&
				     !(z->root &&
				       want == HVISOR_MEM_TYPE_VIRTIO &&
				       g->type == HVISOR_MEM_TYPE_IO)) ||
				    g->loader || !size ||
				    !hvc_overlap(base, size, g->ipa, g->size))
					continue;
				used[i] = 1;
				if (base >= g->ipa &&
				    base + size <= g->ipa + g->size)
					ok = 1;
				/* a trapped window is one device's, exactly */
				if (g->type == HVISOR_MEM_TYPE_VIRTIO &&
				    want == HVISOR_MEM_TYPE_VIRTIO &&
				    (g->ipa != base || g->size != size))
					chk_find(c,
						 "%s: %s: virtio region 0x%" PRIx64
						 "+0x%" PRIx64 " is not the reg "
						 "0x%" PRIx64 "+0x%" PRIx64
						 " of %s in %s",
						 z->cfg, g->key, g->ipa,
						 g->size, base, size, path,
						 z->dts);
			}
			if (!ok)
				chk_find(c,
				     "%s: %s: reg 0x%" PRIx64 "+0x%" PRIx64
				     " is not covered by a %s region of %s",
				     z->dts, path, base, size,
				     z->root && want == HVISOR_MEM_TYPE_VIRTIO
					     ? "io or virtio"
					     : tname[want],
				     z->cfg);
		}
	}
	for (i = 0; i < z->nreg; i++)
		if (!used[i] && !z->reg[i].loader)
			chk_find(c,
			     "%s: %s: %s region 0x%" PRIx64 "+0x%" PRIx64
			     " matches no node's reg in %s",
			     z->cfg, z->reg[i].key, rname(&z->reg[i]),
			     z->reg[i].ipa, z->reg[i].size, z->dts);
	for (w = 0; w < HVISOR_CONFIG_MAX_INTERRUPTS; w++) {
		int in_dt = zone_irq_test(dtirq, w);
		int in_cfg = w >= 32 && zone_irq_test(z->irqs, w);

		if (in_dt && !in_cfg)
			chk_find(c, "%s: %s: INTID %u of %s is missing", z->cfg, rk,
			     w, z->dts);
		else if (in_cfg && !in_dt)
			chk_find(c, "%s: %s: INTID %u is used by no node of %s",
			     z->cfg, rk, w, z->dts);
	}
}

/* A device node enabled in two zones' DTs (same frame) is in both. */
static void check_dev_pair(struct chk *c, struct czone *a, struct czone *z)
{
	int o, p, r, q;

	if (!a->fdt || !z->fdt)
		return;
	for (o = fdt_next_node(z->fdt, -1, NULL); o >= 0;
	     o = fdt_next_node(z->fdt, o, NULL)) {
		uint64_t b1, s1, b2, s2;

		if (!zg_dt_enabled(z->fdt, o) || skip_node(z, o) ||
		    is_memory(z->fdt, o) || is_virtio(z->fdt, o))
			continue;
		for (r = 0; !dtscan_node_reg(z->ds, o, r, &b1, &s1, NULL); r++)
			for (p = fdt_next_node(a->fdt, -1, NULL); p >= 0;
			     p = fdt_next_node(a->fdt, p, NULL)) {
				char pz[256], pa[256];

				if (!zg_dt_enabled(a->fdt, p) ||
				    skip_node(a, p) || is_memory(a->fdt, p) ||
				    is_virtio(a->fdt, p) ||
				    fdt_first_subnode(a->fdt, p) >= 0)
					continue;
				for (q = 0; !dtscan_node_reg(a->ds, p, q, &b2,
							     &s2, NULL);
				     q++)
					if (hvc_overlap(b1, s1, b2, s2))
						break;
				if (dtscan_node_reg(a->ds, p, q, &b2, &s2,
						    NULL))
					continue;
				fdt_get_path(z->fdt, o, pz, sizeof(pz));
				fdt_get_path(a->fdt, p, pa, sizeof(pa));
				chk_find(c,
				     "%s: %s: device also enabled in %s: %s "
				     "(reg 0x%" PRIx64
				     "); a device belongs to one zone "
				     "(status = \"disabled\" in one of them)",
				     z->dts, pz, a->dts, pa, b1);
			}
	}
}

/*
 * Every loader region of the root is the RAM of exactly one zone: one
 * left behind (its zone deleted) would keep RAM mapped in the root that
 * no zone uses and the root's Linux cannot use.
 */
static void check_loaders(struct chk *c)
{
	const struct czone *root = c->z[0];
	unsigned int i, k, j;

	for (i = 0; i < root->nreg; i++) {
		const struct creg *l = &root->reg[i];
		const struct czone *part = NULL;
		int full = 0;

		if (!l->loader)
			continue;
		for (k = 1; k < c->nz; k++) {
			const struct czone *z = c->z[k];
			uint64_t n = 0;

			for (j = 0; j < z->nreg; j++) {
				const struct creg *r = &z->reg[j];
				uint64_t lo = r->pa > l->pa ? r->pa : l->pa;
				uint64_t hi = r->pa + r->size < l->pa + l->size
						      ? r->pa + r->size
						      : l->pa + l->size;

				if (r->type == HVISOR_MEM_TYPE_RAM && hi > lo)
					n += hi - lo;
			}
			if (n == l->size)
				full = 1;
			else if (n && !part)
				part = z;
		}
		if (full)
			continue;
		if (part)
			chk_find(c,
			     "%s: %s: loader region 0x%" PRIx64 "+0x%" PRIx64
			     " is only partly RAM of %s (hint: a loader "
			     "region is exactly one zone's RAM)",
			     root->cfg, l->key, l->pa, l->size, part->cfg);
		else
			chk_find(c,
			     "%s: %s: loader region 0x%" PRIx64 "+0x%" PRIx64
			     " not used by any zone (hint: give it back to "
			     "the root as type ram and to zone0.dts /memory, "
			     "or restore the zone)",
			     root->cfg, l->key, l->pa, l->size);
	}
}

static struct czone *zone_by_id(struct chk *c, uint32_t id)
{
	unsigned int i;

	for (i = 1; i < c->nz; i++)
		if (c->z[i]->id == id)
			return c->z[i];
	return NULL;
}

static void check_virtio(struct chk *c, const char *vpath,
			 struct virtio_cfg *vc)
{
	unsigned int i, k, j;

	for (i = 0; i < vc->num_zones; i++) {
		struct virtio_cfg_zone *vz = &vc->zones[i];
		struct czone *z = zone_by_id(c, vz->id);

		if (!z) {
			chk_find(c,
			     "%s: zones[%u].id: no zone JSON with zone_id %u",
			     vpath, i, vz->id);
			continue;
		}
		for (k = 0; k < vz->num_mem; k++) {
			int ok = 0;

			for (j = 0; j < z->nreg; j++)
				if (z->reg[j].type == HVISOR_MEM_TYPE_RAM &&
				    vz->mem[k].zone0_ipa == z->reg[j].pa &&
				    vz->mem[k].zonex_ipa == z->reg[j].ipa &&
				    vz->mem[k].size <= z->reg[j].size)
					ok = 1;
			if (!ok)
				chk_find(c,
				     "%s: zones[%u].memory_region[%u]: "
				     "0x%" PRIx64 "->0x%" PRIx64 "+0x%" PRIx64
				     " is no ram region of %s",
				     vpath, i, k, vz->mem[k].zone0_ipa,
				     vz->mem[k].zonex_ipa, vz->mem[k].size,
				     z->cfg);
		}
		for (k = 0; k < vz->num_devs; k++) {
			const struct virtio_cfg_device *d = &vz->devs[k];
			char name[64];
			int off, in = 0;
			struct dtscan_irq irq;

			for (j = 0; j < z->nreg; j++)
				if (z->reg[j].type == HVISOR_MEM_TYPE_VIRTIO &&
				    d->addr >= z->reg[j].pa &&
				    d->addr + d->len <=
					    z->reg[j].pa + z->reg[j].size)
					in = 1;
			if (!in)
				chk_find(c,
				     "%s: zones[%u].devices[%u].addr: "
				     "0x%" PRIx64
				     " is in no virtio region of %s",
				     vpath, i, k, d->addr, z->cfg);
			if (!zone_irq_test(z->irqs, d->irq))
				chk_find(c,
				     "%s: zones[%u].devices[%u].irq: INTID %u "
				     "is not in interrupts of %s",
				     vpath, i, k, d->irq, z->cfg);
			if (!z->fdt || !strcmp(d->status, "disable"))
				continue;
			snprintf(name, sizeof(name), "/virtio_mmio@%" PRIx64,
				 d->addr);
			off = dtscan_node_by_path(z->ds, name);
			if (off < 0) {
				chk_find(c,
				     "%s: zones[%u].devices[%u].addr: no node "
				     "%s in %s",
				     vpath, i, k, name, z->dts);
				continue;
			}
			if (dtscan_node_irqs(z->ds, off, &irq, 1, NULL) < 1 ||
			    irq.intid < 0 || (unsigned int)irq.intid != d->irq)
				chk_find(c,
				     "%s: zones[%u].devices[%u].irq: INTID %u "
				     "but %s: %s has a different interrupt",
				     vpath, i, k, d->irq, z->dts, name);
		}
	}
}

static int run(struct chk *c, struct hvc_err *e)
{
	char pat[4200], vpath[4200];
	struct virtio_cfg *vc;
	struct json_err je;
	struct stat st;
	unsigned int i, k;
	glob_t gl;
	int rc;

	c->z[0] = calloc(1, sizeof(struct czone));
	if (!c->z[0])
		return -ZG_ENOMEM;
	c->nz = 1;
	if ((rc = load_root(c, c->z[0], e)))
		return rc;
	snprintf(pat, sizeof(pat), "%s/zones/*/*.json", c->dir);
	if (!glob(pat, 0, NULL, &gl)) {
		if (gl.gl_pathc > MAXZ - 1)
			chk_find(c,
			     "%s: %zu zones; the hypervisor runs at most %d "
			     "zones (HVISOR_CONFIG_MAX_ZONES)",
			     pat, gl.gl_pathc, HVISOR_CONFIG_MAX_ZONES);
		for (i = 0; i < gl.gl_pathc && c->nz < MAXZ; i++) {
			struct czone *z = calloc(1, sizeof(*z));

			if (!z) {
				globfree(&gl);
				return -ZG_ENOMEM;
			}
			c->z[c->nz++] = z;
			if ((rc = load_zone(c, gl.gl_pathv[i], z, e))) {
				globfree(&gl);
				return rc;
			}
		}
		globfree(&gl);
	}
	for (i = 0; i < c->nz; i++) {
		struct czone *z = c->z[i];

		for (k = 1; k < i; k++)
			if (!z->root && c->z[k]->id == z->id)
				chk_find(c, "%s: zone_id: %u is also used by %s",
				     z->cfg, z->id, c->z[k]->cfg);
		if (!z->root && !z->id)
			chk_find(c, "%s: zone_id: 0 is the root zone's", z->cfg);
		if (z->cpus >> c->b->ncpus)
			chk_find(c, "%s: cpus: CPU beyond the %u of %s", z->cfg,
			     c->b->ncpus, c->b->path);
		check_regions(c, z);
		if (z->zj)
			chk_zone_json(c, z);
		if (z->fdt) {
			check_dt(c, z);
			chk_zone_dt(c, z);
		}
		for (k = 0; k < i; k++) {
			check_pair(c, c->z[k], z);
			check_dev_pair(c, c->z[k], z);
		}
	}
	check_loaders(c);
	snprintf(vpath, sizeof(vpath), "%s/virtio_cfg.json", c->dir);
	if (stat(vpath, &st))
		return 0;
	vc = calloc(1, sizeof(*vc));
	if (!vc)
		return -ZG_ENOMEM;
	if (c->b->riscv) /* PLIC sources */
		rc = virtio_cfg_load_irqs(vpath, 1, c->b->irqchip_ndev, vc,
					  &je);
	else
		rc = virtio_cfg_load(vpath, vc, &je);
	if (rc)
		rc = zg_seterr(e, -ZG_EJSON, vpath, je.key, NULL, "%s", je.msg);
	else
		check_virtio(c, vpath, vc);
	free(vc);
	return rc;
}

int zg_check_dir(const struct board *b, const char *dir,
		 struct zg_findings *f, struct hvc_err *err)
{
	struct chk *c = calloc(1, sizeof(*c));
	unsigned int i;
	int rc;

	if (!c)
		return -ZG_ENOMEM;
	c->f = f;
	c->b = b;
	c->dir = dir;
	rc = run(c, err);
	if (!rc && c->oom)
		rc = -ZG_ENOMEM; /* a finding was lost: never say ok */
	for (i = 0; i < c->nz; i++) {
		dtscan_close(c->z[i]->ds);
		free(c->z[i]->zj);
		free(c->z[i]);
	}
	free(c);
	if (!rc && f->n)
		rc = -ZG_ECHECK;
	return rc;
}

void zonegen_findings_free(struct zg_findings *f)
{
	unsigned int i;

	for (i = 0; i < f->n; i++)
		free(f->lines[i]);
	free(f->lines);
	f->lines = NULL;
	f->n = 0;
}
