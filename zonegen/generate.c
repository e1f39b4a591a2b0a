// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/* Copyright (c) 2026 hvisor-c contributors */
/*
 * zonegen_generate(): a new zone's DTS/DTB (built with libfdt's
 * sequential-write API), zone JSON, virtio_cfg.json entry, and the
 * root zone shrunk in board.yaml and zone0.dts.  Everything is rendered
 * in memory; zonegen_commit() writes it.
 */
#include <errno.h>
#include <glob.h>
#include <inttypes.h>
#include <libfdt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <hvc/commit.h>

#include "passthrough.h"
#include "virtio_cfg_json.h"
#include "zg_internal.h"
#include "zone_json.h"

#define PAGE 0x1000ULL
#define VIRTIO_LEN 0x200ULL
#define SZ_2M 0x200000ULL
#define INITRD_OFFSET 0x4000000ULL
#define GIC_PHANDLE 1

struct gen {
	const struct zg_request *req;
	struct board b;
	char zone0_path[600];
	struct dtscan *ds; /* zone0.dts, for dtscan queries */
	const void *fdt; /* its blob, for plain libfdt reads */
	int gic_off;
	struct zone_json *zj;
	struct virtio_cfg *vc;
	unsigned int nused, cap_used;
	struct hvc_range *used; /* malloc'd; an allocation failure sets oom */
	int oom;
	uint32_t used_irq[HVISOR_CONFIG_INTERRUPTS_WORDS];
	uint64_t vaddr[ZG_MAX_VIRTIO];
	unsigned int virq[ZG_MAX_VIRTIO];
	struct zg_pt *pt; /* passthrough devices */
	struct dtscan *src; /* --board-dtb, NULL = zone0 */
	unsigned int noz, cap_oz; /* other zones: what they own (grown) */
	struct other_zone {
		char file[600];
		unsigned int n;
		struct hvc_range r[HVISOR_CONFIG_MAX_MEMORY_REGIONS];
		uint32_t irqs[HVISOR_CONFIG_INTERRUPTS_WORDS];
	} * oz;
	uint64_t zone_ids; /* bitmap of ids in use (< 64) */
	unsigned int zone_id; /* the new zone's */
	uint64_t initrd_size;
	uint64_t kernel_load, entry;
};

static void use(struct gen *g, uint64_t base, uint64_t size)
{
	if (!size)
		return;
	if (g->nused == g->cap_used) {
		unsigned int cap = g->cap_used ? 2 * g->cap_used : 256;
		struct hvc_range *n = realloc(g->used, cap * sizeof(*n));

		if (!n) {
			g->oom = 1; /* checked before allocating */
			return;
		}
		g->used = n;
		g->cap_used = cap;
	}
	g->used[g->nused].base = base;
	g->used[g->nused].size = size;
	g->nused++;
}

static uint64_t page_up(uint64_t v)
{
	return (v + PAGE - 1) & ~(PAGE - 1);
}

/* Everything already claimed: board ranges and every node's reg/irq. */
static void collect_used(struct gen *g)
{
	const struct board *b = &g->b;
	unsigned int i, k;
	int off;

	for (i = 0; i < b->mem.n; i++)
		use(g, b->mem.r[i].base, b->mem.r[i].size);
	for (i = 0; i < b->res.n; i++)
		use(g, b->res.r[i].base, b->res.r[i].size);
	for (i = 0; i < b->layout.n; i++)
		use(g, b->layout.r[i].base, b->layout.r[i].size);
	for (i = 0; i < b->root_mem.n; i++)
		use(g, b->root_mem.r[i].base, b->root_mem.r[i].size);
	use(g, b->hv_ram.base, b->hv_ram.size);
	if (g->req->debug_console) /* a trapped page of the zone */
		use(g, g->req->debug_console, PAGE);
	use(g, b->gicd.base, b->gicd.size);
	use(g, b->gicr.base, b->gicr.size);
	use(g, b->gicc.base, b->gicc.size);
	use(g, b->gich.base, b->gich.size);
	use(g, b->gicv.base, b->gicv.size);
	for (i = 0; i < b->nits; i++)
		use(g, b->its[i].base, b->its[i].size);
	/* every device of the board, trimmed ones too: a frame or SPI of
	 * a device the root zone does not drive is still that device's */
	for (i = 0; i < b->dev_regs.n; i++)
		use(g, b->dev_regs.r[i].base, b->dev_regs.r[i].size);
	for (i = 0; i < b->ndev_irqs; i++)
		if (b->dev_irqs[i] < HVISOR_CONFIG_MAX_INTERRUPTS)
			zone_irq_set(g->used_irq, b->dev_irqs[i]);
	for (i = 0; i < b->root_nirqs; i++)
		zone_irq_set(g->used_irq, b->root_irqs[i].intid);
	if (b->has_console && b->console.has_irq)
		zone_irq_set(g->used_irq, b->console.irq);
	zone_irq_set(g->used_irq, b->virtio_irq); /* hvisor_virtio_device */
	for (off = fdt_next_node(g->fdt, -1, NULL); off >= 0;
	     off = fdt_next_node(g->fdt, off, NULL)) {
		unsigned int *irqs;
		uint64_t base, size;
		int n, r;

		for (r = 0; !dtscan_node_reg(g->ds, off, r, &base, &size, NULL);
		     r++)
			use(g, base, size);
		n = zg_dt_intids(g->ds, off, &irqs);
		if (n < 0)
			g->oom = 1;
		for (k = 0; n > 0 && k < (unsigned int)n; k++)
			zone_irq_set(g->used_irq, irqs[k]);
		free(irqs);
	}
	for (i = 0; i < g->vc->num_zones; i++)
		for (k = 0; k < g->vc->zones[i].num_devs; k++) {
			use(g, g->vc->zones[i].devs[k].addr,
			    g->vc->zones[i].devs[k].len);
			zone_irq_set(g->used_irq, g->vc->zones[i].devs[k].irq);
		}
}

static int load_other_zones(struct gen *g, struct hvc_err *e)
{
	char pat[700];
	glob_t gl;
	size_t i;
	unsigned int w, r;
	struct zone_json *o = malloc(sizeof(*o));

	if (!o)
		return -ZG_ENOMEM;
	g->zone_ids = 1; /* 0 is the root zone */
	snprintf(pat, sizeof(pat), "%s/zones/*/*.json", g->b.dir);
	if (glob(pat, 0, NULL, &gl)) {
		free(o);
		return 0;
	}
	for (i = 0; i < gl.gl_pathc; i++) {
		struct json_err je;
		int rc = zone_json_load(gl.gl_pathv[i], o, &je);

		if (rc) {
			rc = zg_seterr(e, -ZG_EJSON, gl.gl_pathv[i], je.key,
				       NULL, "%s", je.msg);
			globfree(&gl);
			free(o);
			return rc;
		}
		if (o->cfg.zone_id < 64)
			g->zone_ids |= 1ULL << o->cfg.zone_id;
		if (g->noz == g->cap_oz) {
			unsigned int cap = g->cap_oz ? 2 * g->cap_oz : 8;
			struct other_zone *n = realloc(g->oz, cap * sizeof(*n));

			if (!n) {
				globfree(&gl);
				free(o);
				return -ZG_ENOMEM;
			}
			g->oz = n;
			g->cap_oz = cap;
		}
		{
			struct other_zone *z = &g->oz[g->noz++];

			snprintf(z->file, sizeof(z->file), "%s",
				 gl.gl_pathv[i]);
			z->n = o->cfg.num_memory_regions;
			for (r = 0; r < z->n; r++) {
				z->r[r].base =
					o->cfg.memory_regions[r].physical_start;
				z->r[r].size = o->cfg.memory_regions[r].size;
			}
			memcpy(z->irqs, o->cfg.interrupts_bitmap,
			       sizeof(z->irqs));
		}
		for (r = 0; r < o->cfg.num_memory_regions; r++)
			use(g, o->cfg.memory_regions[r].physical_start,
			    o->cfg.memory_regions[r].size);
		for (w = 0; w < HVISOR_CONFIG_INTERRUPTS_WORDS; w++)
			g->used_irq[w] |= o->cfg.interrupts_bitmap[w];
	}
	globfree(&gl);
	free(o);
	return 0;
}

static int overlaps_used(const struct gen *g, uint64_t base, uint64_t size,
			 uint64_t *next)
{
	unsigned int i;

	for (i = 0; i < g->nused; i++)
		if (hvc_overlap(base, size, g->used[i].base, g->used[i].size)) {
			*next = page_up(g->used[i].base + g->used[i].size);
			return 1;
		}
	return 0;
}

static int alloc_virtio(struct gen *g, struct hvc_err *e)
{
	unsigned int n = g->req->num_virtio, i, irq = 32;
	uint64_t len = page_up(n * VIRTIO_LEN), c = 0x10000000, next;

	if (!n)
		return 0;
	if (g->oom)
		return -ZG_ENOMEM;
	/* Start after the first device range: MMIO space, below 4 GiB.
	 * The window is 0x1000 aligned and free of RAM, the hypervisor,
	 * every device frame, the layout and other zones' regions. */
	for (i = 0; i < g->b.layout.n; i++)
		if (!strcmp(g->b.layout.r[i].type, "device")) {
			c = page_up(g->b.layout.r[i].base +
				    g->b.layout.r[i].size);
			break;
		}
	while (overlaps_used(g, c, len, &next))
		c = next;
	if (c + len > 0x100000000ULL)
		return zg_seterr(e, -ZG_EREQ, g->b.path, "layout", NULL,
				 "no free window below 4 GiB for %u virtio "
				 "devices",
				 n);
	for (i = 0; i < n; i++) {
		g->vaddr[i] = c + i * VIRTIO_LEN;
		while (irq < 1020 && zone_irq_test(g->used_irq, irq))
			irq++;
		if (irq >= 1020)
			return zg_seterr(e, -ZG_EREQ, g->b.path,
					 "root_zone.irqs", NULL,
					 "no free SPI left");
		g->virq[i] = irq;
		zone_irq_set(g->used_irq, irq);
	}
	use(g, c, len);
	return 0;
}

/* A device another zone owns (its regions or INTIDs) is not ours. */
static int taken(const struct gen *g, const struct zg_pt_dev *d,
		 struct hvc_err *e)
{
	unsigned int z, r;
	int k;

	for (z = 0; z < g->noz; z++) {
		const struct other_zone *o = &g->oz[z];

		for (k = 0; k < d->nreg; k++)
			for (r = 0; r < o->n; r++)
				if (hvc_overlap(
					    d->base[k] & ~(PAGE - 1),
					    page_up(d->base[k] + d->size[k]) -
						    (d->base[k] & ~(PAGE - 1)),
					    o->r[r].base, o->r[r].size))
					return zg_seterr(
						e, -ZG_EREQ, o->file, d->path,
						"a device belongs to one zone",
						"reg 0x%" PRIx64
						" is already in "
						"memory_regions[%u] "
						"of this zone",
						d->base[k], r);
		for (k = 0; k < d->nirq; k++)
			if (d->irq[k] < HVISOR_CONFIG_MAX_INTERRUPTS &&
			    zone_irq_test(o->irqs, d->irq[k]))
				return zg_seterr(
					e, -ZG_EREQ, o->file, d->path,
					"a device belongs to one zone",
					"INTID %u is already in interrupts of "
					"this zone",
					d->irq[k]);
	}
	return 0;
}

static int find_devices(struct gen *g, struct hvc_err *e)
{
	const struct zg_request *r = g->req;
	struct dtscan *src = g->ds;
	unsigned int i;
	int rc;

	if (r->board_dtb) {
		if (access(r->board_dtb, R_OK))
			return zg_seterr(e, -ZG_EIO, r->board_dtb, NULL, NULL,
					 "cannot read --board-dtb");
		/* a DTB, or a DTS compiled with dtc */
		if ((rc = zg_dt_open(r->board_dtb, &g->src, e)))
			return rc;
		src = g->src;
	}
	rc = zg_pt_find(g->pt, &g->b, r, src,
			r->board_dtb ? r->board_dtb : g->zone0_path, g->ds,
			g->zone0_path, GIC_PHANDLE + 1, e);
	for (i = 0; !rc && i < g->pt->ndev; i++)
		rc = taken(g, &g->pt->dev[i], e);
	return rc;
}

static int prop_str(void *fdt, const char *name, const char *s)
{
	return fdt_property(fdt, name, s, (int)strlen(s) + 1);
}

static int prop_cells(void *fdt, const char *name, const uint64_t *v,
		      unsigned int n)
{
	fdt32_t c[32];
	unsigned int i;

	for (i = 0; i < n && i < 16; i++) {
		c[2 * i] = cpu_to_fdt32((uint32_t)(v[i] >> 32));
		c[2 * i + 1] = cpu_to_fdt32((uint32_t)v[i]);
	}
	return fdt_property(fdt, name, c, (int)(8 * n));
}

static int prop_u32s(void *fdt, const char *name, const uint32_t *v,
		     unsigned int n)
{
	fdt32_t c[32];
	unsigned int i;

	for (i = 0; i < n && i < 32; i++)
		c[i] = cpu_to_fdt32(v[i]);
	return fdt_property(fdt, name, c, (int)(4 * n));
}

/* Trigger flags of the root's timer PPI @i (3- or 4-cell GIC alike). */
static uint32_t timer_flags(const struct gen *g, unsigned int i)
{
	int off = g->b.timer_node ? dtscan_node_by_path(g->ds, g->b.timer_node)
				  : -1;
	struct dtscan_irq t[4];

	if (off >= 0 && dtscan_node_irqs(g->ds, off, t, 4, NULL) == 4 &&
	    t[i].at_gic)
		return t[i].flags;
	return 8 | (g->b.gic_version == 2 ? 0xff00u : 0);
}

static void default_bootargs(const struct gen *g, char *buf, size_t size)
{
	unsigned int i;
	int con = 0, blk = 0;

	for (i = 0; i < g->req->num_virtio; i++) {
		con |= !strcmp(g->req->virtio[i].type, "console");
		blk |= !strcmp(g->req->virtio[i].type, "blk");
	}
	snprintf(buf, size, "%s%s%s", con ? "console=hvc0" : "",
		 con && blk ? " " : "", blk ? "root=/dev/vda rw" : "");
}

static int build_fdt(struct gen *g, void *fdt, int size)
{
	const struct board *b = &g->b;
	const struct zg_request *r = g->req;
	uint64_t q[4];
	uint32_t u[12];
	char name[64], args[64];
	const char *gname = strrchr(b->gic_node, '/');
	unsigned int i;
	int rc = 0, wide = 0;

#define T(x)                                                                   \
	do {                                                                   \
		rc = (x);                                                      \
		if (rc)                                                        \
			return rc;                                             \
	} while (0)
	T(fdt_create(fdt, size));
	T(fdt_finish_reservemap(fdt));
	T(fdt_begin_node(fdt, ""));
	u[0] = 2;
	T(prop_u32s(fdt, "#address-cells", u, 1));
	T(prop_u32s(fdt, "#size-cells", u, 1));
	u[0] = GIC_PHANDLE;
	T(prop_u32s(fdt, "interrupt-parent", u, 1));
	T(prop_str(fdt, "model", b->model ? b->model : b->name));
	T(prop_str(fdt, "compatible", "linux,dummy-virt"));

	T(fdt_begin_node(fdt, "cpus"));
	for (i = 0; i < b->ncpus; i++)
		if ((r->cpus >> i & 1) && b->cpus[i].mpidr >> 32)
			wide = 1;
	u[0] = wide ? 2 : 1;
	T(prop_u32s(fdt, "#address-cells", u, 1));
	u[0] = 0;
	T(prop_u32s(fdt, "#size-cells", u, 1));
	for (i = 0; i < b->ncpus; i++) {
		if (!(r->cpus >> i & 1))
			continue;
		snprintf(name, sizeof(name), "cpu@%" PRIx64, b->cpus[i].mpidr);
		T(fdt_begin_node(fdt, name));
		T(prop_str(fdt, "device_type", "cpu"));
		T(prop_str(fdt, "compatible", "arm,armv8"));
		if (wide) {
			T(prop_cells(fdt, "reg", &b->cpus[i].mpidr, 1));
		} else {
			u[0] = (uint32_t)b->cpus[i].mpidr;
			T(prop_u32s(fdt, "reg", u, 1));
		}
		T(prop_str(fdt, "enable-method", "psci"));
		T(fdt_end_node(fdt));
	}
	T(fdt_end_node(fdt));

	T(fdt_begin_node(fdt, "psci"));
	if (b->psci_version && (!strcmp(b->psci_version, "1.0") ||
				!strcmp(b->psci_version, "1.1")))
		T(fdt_property(fdt, "compatible", "arm,psci-1.0\0arm,psci-0.2",
			       26));
	else
		T(prop_str(fdt, "compatible", "arm,psci-0.2"));
	T(prop_str(fdt, "method", b->has_psci ? b->psci_method : "smc"));
	T(fdt_end_node(fdt));

	T(fdt_begin_node(fdt, "timer"));
	T(prop_str(fdt, "compatible", "arm,armv8-timer"));
	for (i = 0; i < 4; i++) {
		u[3 * i] = 1; /* PPI */
		u[3 * i + 1] = b->timer_ppis[i] - 16;
		/* the board's trigger flags; level-low if it has no node */
		u[3 * i + 2] = timer_flags(g, i);
	}
	T(prop_u32s(fdt, "interrupts", u, 12));
	T(fdt_property(fdt, "always-on", NULL, 0));
	T(fdt_end_node(fdt));

	snprintf(name, sizeof(name), "memory@%" PRIx64, r->mem_base);
	T(fdt_begin_node(fdt, name));
	T(prop_str(fdt, "device_type", "memory"));
	q[0] = r->mem_base;
	q[1] = r->mem_size;
	T(prop_cells(fdt, "reg", q, 2));
	T(fdt_end_node(fdt));

	T(fdt_begin_node(fdt, gname ? gname + 1 : "interrupt-controller"));
	T(prop_str(fdt, "compatible", b->gic_compat));
	u[0] = 3;
	T(prop_u32s(fdt, "#interrupt-cells", u, 1));
	T(fdt_property(fdt, "interrupt-controller", NULL, 0));
	q[0] = b->gicd.base;
	q[1] = b->gicd.size;
	q[2] = b->gic_version == 3 ? b->gicr.base : b->gicc.base;
	q[3] = b->gic_version == 3 ? b->gicr.size : b->gicc.size;
	T(prop_cells(fdt, "reg", q, 4));
	u[0] = 1;
	u[1] = b->gic_maint - 16;
	u[2] = 4;
	T(prop_u32s(fdt, "interrupts", u, 3));
	u[0] = GIC_PHANDLE;
	T(prop_u32s(fdt, "phandle", u, 1));
	T(fdt_end_node(fdt));

	for (i = 0; i < r->num_virtio; i++) {
		snprintf(name, sizeof(name), "virtio_mmio@%" PRIx64,
			 g->vaddr[i]);
		T(fdt_begin_node(fdt, name));
		T(prop_str(fdt, "compatible", "virtio,mmio"));
		q[0] = g->vaddr[i];
		q[1] = VIRTIO_LEN;
		T(prop_cells(fdt, "reg", q, 2));
		u[0] = 0;
		u[1] = g->virq[i] - 32;
		u[2] = 1; /* edge rising */
		T(prop_u32s(fdt, "interrupts", u, 3));
		T(fdt_property(fdt, "dma-coherent", NULL, 0));
		T(fdt_end_node(fdt));
	}
	T(zg_pt_emit(g->pt, fdt, GIC_PHANDLE));

	T(fdt_begin_node(fdt, "chosen"));
	if (!r->bootargs)
		default_bootargs(g, args, sizeof(args));
	T(prop_str(fdt, "bootargs", r->bootargs ? r->bootargs : args));
	if (r->initrd) {
		q[0] = r->mem_base + INITRD_OFFSET;
		q[1] = q[0] + g->initrd_size;
		T(prop_cells(fdt, "linux,initrd-start", &q[0], 1));
		T(prop_cells(fdt, "linux,initrd-end", &q[1], 1));
	}
	T(fdt_end_node(fdt));
	T(fdt_end_node(fdt));
	T(fdt_finish(fdt));
#undef T
	return 0;
}

/* The smallest zone id >= 1 no zone JSON of the board uses. */
static int pick_zone_id(struct gen *g, struct hvc_err *e)
{
	unsigned int id = 1;

	while (id < HVISOR_CONFIG_MAX_ZONES && (g->zone_ids >> id & 1))
		id++;
	if (id >= HVISOR_CONFIG_MAX_ZONES)
		return zg_seterr(e, -ZG_EREQ, g->b.dir, "zones", NULL,
				 "no free zone id: ids 1-%d are used "
				 "(HVISOR_CONFIG_MAX_ZONES %d)",
				 HVISOR_CONFIG_MAX_ZONES - 1,
				 HVISOR_CONFIG_MAX_ZONES);
	g->zone_id = id;
	return 0;
}

/* The zone's memory regions fit the ABI's array: RAM, io, virtio. */
static int count_regions(const struct gen *g, struct hvc_err *e)
{
	const struct zg_request *r = g->req;
	unsigned long io = 0, n;
	unsigned int i;

	for (i = 0; i < g->pt->ndev; i++)
		io += (unsigned long)g->pt->dev[i].nreg;
	n = 1 + io + r->num_virtio;
	if (n > HVISOR_CONFIG_MAX_MEMORY_REGIONS)
		return zg_seterr(e, -ZG_EREQ, "(command line)", "--device",
				 "pass fewer devices, or fewer virtio devices",
				 "zone %s needs %lu memory regions (1 ram, %lu "
				 "io, %u virtio); the hypervisor allows %d "
				 "(HVISOR_CONFIG_MAX_MEMORY_REGIONS)",
				 r->name, n, io, r->num_virtio,
				 HVISOR_CONFIG_MAX_MEMORY_REGIONS);
	return 0;
}

static void build_json(struct gen *g)
{
	const struct board *b = &g->b;
	const struct zg_request *r = g->req;
	struct hvisor_zone_config *c = &g->zj->cfg;
	struct hvisor_memory_region *m;
	unsigned int i, k;

	snprintf(g->zj->arch, sizeof(g->zj->arch), "arm64");
	c->zone_id = g->zone_id;
	c->cpus = r->cpus;
	memcpy(c->name, r->name, strlen(r->name));
	m = &c->memory_regions[c->num_memory_regions++];
	m->mem_type = HVISOR_MEM_TYPE_RAM;
	m->physical_start = m->virtual_start = r->mem_base;
	m->size = r->mem_size;
	for (i = 0; i < r->num_devices; i++) {
		for (k = 0; k < (unsigned int)g->pt->dev[i].nreg; k++) {
			uint64_t s = g->pt->dev[i].base[k] & ~(PAGE - 1);

			m = &c->memory_regions[c->num_memory_regions++];
			m->mem_type = HVISOR_MEM_TYPE_IO;
			m->physical_start = m->virtual_start = s;
			m->size = page_up(g->pt->dev[i].base[k] +
					  g->pt->dev[i].size[k]) -
				  s;
		}
		for (k = 0; k < (unsigned int)g->pt->dev[i].nirq; k++)
			if (g->pt->dev[i].irq[k] >= 32)
				zone_irq_set(c->interrupts_bitmap,
					     g->pt->dev[i].irq[k]);
	}
	for (i = 0; i < r->num_virtio; i++) {
		m = &c->memory_regions[c->num_memory_regions++];
		m->mem_type = HVISOR_MEM_TYPE_VIRTIO;
		m->physical_start = m->virtual_start = g->vaddr[i];
		m->size = VIRTIO_LEN;
		zone_irq_set(c->interrupts_bitmap, g->virq[i]);
	}
	snprintf(g->zj->kernel_filepath, sizeof(g->zj->kernel_filepath), "%s",
		 r->kernel ? r->kernel : "./Image");
	snprintf(g->zj->dtb_filepath, sizeof(g->zj->dtb_filepath), "./%s.dtb",
		 r->name);
	g->zj->debug_console = r->debug_console;
	c->dtb_load_paddr = r->mem_base;
	c->kernel_load_paddr = g->kernel_load;
	c->entry_point = g->entry;
	if (r->initrd) {
		struct zone_json_module *mod = &g->zj->modules[0];

		g->zj->num_modules = 1;
		snprintf(mod->name, sizeof(mod->name), "initrd");
		snprintf(mod->filepath, sizeof(mod->filepath), "%s", r->initrd);
		mod->load_paddr = r->mem_base + INITRD_OFFSET;
	}
	if (b->gic_version == 3) {
		c->arch_config.gic_version_tag = HVISOR_GIC_V3;
		c->arch_config.gic.v3.gicd_base = b->gicd.base;
		c->arch_config.gic.v3.gicd_size = b->gicd.size;
		c->arch_config.gic.v3.gicr_base = b->gicr.base;
		c->arch_config.gic.v3.gicr_size = b->gicr.size;
		/* the ABI has one ITS frame: the first */
		c->arch_config.gic.v3.gits_base = b->nits ? b->its[0].base : 0;
		c->arch_config.gic.v3.gits_size = b->nits ? b->its[0].size : 0;
	} else {
		c->arch_config.gic_version_tag = HVISOR_GIC_V2;
		c->arch_config.gic.v2.gicd_base = b->gicd.base;
		c->arch_config.gic.v2.gicd_size = b->gicd.size;
		c->arch_config.gic.v2.gicc_base = b->gicc.base;
		c->arch_config.gic.v2.gicc_size = b->gicc.size;
		c->arch_config.gic.v2.gich_base = b->gich.base;
		c->arch_config.gic.v2.gich_size = b->gich.size;
		c->arch_config.gic.v2.gicv_base = b->gicv.base;
		c->arch_config.gic.v2.gicv_size = b->gicv.size;
	}
}

static int build_virtio_cfg(struct gen *g, struct hvc_err *e)
{
	struct virtio_cfg_zone *z;
	unsigned int i, total = 0;

	for (i = 0; i < g->vc->num_zones; i++)
		total += g->vc->zones[i].num_devs;
	if (total + g->req->num_virtio > VIRTIO_CFG_MAX_DEVS)
		return zg_seterr(e, -ZG_EREQ, "virtio_cfg.json", "zones", NULL,
				 "more than %d virtio devices in all zones",
				 VIRTIO_CFG_MAX_DEVS);
	if (!g->req->num_virtio)
		return 0;
	if (g->vc->num_zones >= VIRTIO_CFG_MAX_ZONES)
		return zg_seterr(e, -ZG_EREQ, "virtio_cfg.json", "zones", NULL,
				 "too many zones");
	z = &g->vc->zones[g->vc->num_zones++];
	memset(z, 0, sizeof(*z));
	z->id = g->zj->cfg.zone_id;
	z->num_mem = 1;
	z->mem[0].zone0_ipa = z->mem[0].zonex_ipa = g->req->mem_base;
	z->mem[0].size = g->req->mem_size;
	for (i = 0; i < g->req->num_virtio; i++) {
		struct virtio_cfg_device *d = &z->devs[z->num_devs++];
		const struct zg_virtio_req *v = &g->req->virtio[i];

		snprintf(d->type, sizeof(d->type), "%s", v->type);
		d->addr = g->vaddr[i];
		d->len = VIRTIO_LEN;
		d->irq = g->virq[i];
		snprintf(d->status, sizeof(d->status), "enable");
		if (!strcmp(v->type, "blk"))
			snprintf(d->img, sizeof(d->img), "%s", v->arg);
		d->read_only = v->read_only;
		if (!strcmp(v->type, "net")) {
			static const uint8_t mac[6] = { 0x00, 0x16, 0x3e };

			snprintf(d->tap, sizeof(d->tap), "%s", v->arg);
			d->has_mac = 1;
			memcpy(d->mac, mac, 6);
			/* locally unique: zone id and device index */
			d->mac[4] = (uint8_t)z->id;
			d->mac[5] = (uint8_t)i;
		}
	}
	return 0;
}

/* @val (an option's value) fits a field of @size bytes: never cut. */
static int fits(struct hvc_err *e, const char *opt, const char *val,
		size_t size, const char *limit)
{
	if (!val || strlen(val) < size)
		return 0;
	return zg_seterr(e, -ZG_EREQ, "(command line)", opt, NULL,
			 "a value of %zu bytes; the field it goes into holds "
			 "at most %zu (%s)",
			 strlen(val), size - 1, limit);
}

/* Values that go into fixed fields of the zone JSON or virtio_cfg.json. */
static int check_lengths(struct gen *g, struct hvc_err *e)
{
	const struct zg_request *r = g->req;
	unsigned int i;
	int rc;

	if ((rc = fits(e, "--kernel", r->kernel, sizeof(g->zj->kernel_filepath),
		       "ZONE_JSON_PATH_MAX")) ||
	    (rc = fits(e, "--initrd", r->initrd,
		       sizeof(g->zj->modules[0].filepath),
		       "ZONE_JSON_PATH_MAX")))
		return rc;
	for (i = 0; i < r->num_virtio; i++)
		if ((rc = fits(e, "--virtio", r->virtio[i].arg,
			       !strcmp(r->virtio[i].type, "net")
				       ? sizeof(g->vc->zones[0].devs[0].tap)
				       : sizeof(g->vc->zones[0].devs[0].img),
			       !strcmp(r->virtio[i].type, "net")
				       ? "virtio_cfg.json tap"
				       : "VIRTIO_CFG_STR_MAX")))
			return rc;
	return 0;
}

static int validate(struct gen *g, struct hvc_err *e)
{
	const struct zg_request *r = g->req;
	const struct board *b = &g->b;
	uint64_t end = r->mem_base + r->mem_size;
	unsigned int i;
	int inside = 0, lowest = -1;
	const char *p;

	for (p = r->name; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		      (*p >= '0' && *p <= '9') || *p == '-' || *p == '_'))
			break;
	if (*p || !r->name[0] || strlen(r->name) >= HVISOR_CONFIG_NAME_MAXLEN)
		return zg_seterr(e, -ZG_EREQ, "(command line)", "NAME",
				 "letters, digits, - and _ only",
				 "bad zone name \"%s\" (1..31 characters)",
				 r->name);
	if (!r->cpus)
		return zg_seterr(e, -ZG_EREQ, "(command line)", "--cpus", NULL,
				 "no CPUs given");
	for (i = 0; i < 64; i++) {
		if (lowest < 0 && (b->root_cpus >> i & 1))
			lowest = (int)i;
		if (!(r->cpus >> i & 1))
			continue;
		if (i >= b->ncpus)
			return zg_seterr(e, -ZG_EREQ, b->path, "board.cpus",
					 NULL, "CPU %u does not exist", i);
		if (!(b->root_cpus >> i & 1))
			return zg_seterr(
				e, -ZG_EREQ, b->path, "root_zone.cpus",
				"another zone has it",
				"CPU %u is not the root zone's to give", i);
	}
	if (lowest >= 0 && (r->cpus >> lowest & 1))
		return zg_seterr(e, -ZG_EREQ, b->path, "root_zone.cpus",
				 "keep it in the root zone",
				 "CPU %d boots the root zone", lowest);
	if (!r->mem_size || (r->mem_base | r->mem_size) & (PAGE - 1) ||
	    end < r->mem_base)
		return zg_seterr(e, -ZG_EREQ, "(command line)", "--mem", NULL,
				 "BASE+SIZE must be non-empty and 4 KiB "
				 "aligned");
	/*
	 * Linux arm64 >= 5.8 has text_offset 0 and booting.rst wants the
	 * Image at a 2 MiB aligned address: the first 2 MiB boundary that
	 * leaves the DTB (at the RAM base) 2 MiB.  Not DTB + 0x80000, which
	 * only suited text_offset 0x80000 kernels.
	 */
	g->kernel_load =
		r->kernel_load
			? r->kernel_load
			: ((r->mem_base + SZ_2M - 1) & ~(SZ_2M - 1)) + SZ_2M;
	g->entry = r->entry ? r->entry : g->kernel_load;
	if (g->kernel_load & (PAGE - 1))
		return zg_seterr(e, -ZG_EREQ, "(command line)", "--kernel-load",
				 "Linux arm64 wants a 2 MiB aligned address",
				 "0x%" PRIx64 " is not 4 KiB aligned",
				 g->kernel_load);
	if (g->kernel_load <= r->mem_base || g->kernel_load >= end)
		return zg_seterr(e, -ZG_EREQ, "(command line)",
				 r->kernel_load ? "--kernel-load" : "--mem",
				 "the DTB sits at the RAM base, the kernel "
				 "above it",
				 "kernel load address 0x%" PRIx64
				 " is not inside the zone RAM above its base",
				 g->kernel_load);
	if (g->entry < g->kernel_load || g->entry >= end)
		return zg_seterr(e, -ZG_EREQ, "(command line)", "--entry",
				 "the entry point is inside the loaded kernel",
				 "entry 0x%" PRIx64 " is not inside the zone "
				 "RAM at or above the kernel load address",
				 g->entry);
	if ((r->debug_console & (PAGE - 1)) ||
	    (r->debug_console && r->debug_console + PAGE > r->mem_base &&
	     r->debug_console < end))
		return zg_seterr(e, -ZG_EREQ, "(command line)",
				 "--debug-console",
				 "a 4 KiB aligned guest address outside the "
				 "zone RAM, e.g. the board UART's 0x9000000",
				 "0x%" PRIx64 " is not 4 KiB aligned or lies "
				 "in the zone RAM",
				 r->debug_console);
	if (r->initrd && (r->mem_size < INITRD_OFFSET + g->initrd_size ||
			  g->kernel_load >= r->mem_base + INITRD_OFFSET))
		return zg_seterr(e, -ZG_EREQ, "(command line)", "--mem", NULL,
				 "too small for the kernel and the initrd");
	for (i = 0; i < b->root_mem.n; i++)
		if (!strcmp(b->root_mem.r[i].type, "ram") &&
		    r->mem_base >= b->root_mem.r[i].base &&
		    end <= b->root_mem.r[i].base + b->root_mem.r[i].size)
			inside = 1;
	if (!inside)
		return zg_seterr(e, -ZG_EREQ, b->path, "root_zone.memory",
				 "pick a range inside one root zone RAM entry",
				 "0x%" PRIx64 "+0x%" PRIx64
				 " is not the root zone's RAM to give",
				 r->mem_base, r->mem_size);
	if ((b->root_dtb >= r->mem_base && b->root_dtb < end) ||
	    (b->root_kernel >= r->mem_base && b->root_kernel < end) ||
	    (b->root_initrd >= r->mem_base && b->root_initrd < end))
		return zg_seterr(e, -ZG_EREQ, b->path,
				 "root_zone.kernel/dtb/initrd", NULL,
				 "the root zone's images are loaded inside "
				 "0x%" PRIx64 "+0x%" PRIx64,
				 r->mem_base, r->mem_size);
	return 0;
}

/* Queue @data (taken: freed on error too) for @path; a path that does not
 * fit struct zg_file is an error, never cut. */
static int add_file(struct zg_output *out, const char *path, char *data,
		    size_t len, struct hvc_err *e)
{
	struct zg_file *f;

	if (out->num_files == ZG_MAX_FILES || strlen(path) >= sizeof(f->path)) {
		free(data);
		return zg_seterr(e, -ZG_EIO, path, NULL,
				 "a shorter --boards-dir",
				 "path longer than %zu bytes (or more than %d "
				 "files)",
				 sizeof(f->path) - 1, ZG_MAX_FILES);
	}
	f = &out->files[out->num_files++];
	snprintf(f->path, sizeof(f->path), "%s", path);
	f->data = data;
	f->len = len;
	if (!zg_read_file(path, &f->old, &f->old_len) && f->old &&
	    f->old_len == len && !memcmp(f->old, data, len)) {
		/* unchanged: keep it out of the diff and the commit */
		free(f->data);
		f->data = NULL;
	}
	return 0;
}

static int render_dt(struct gen *g, struct zg_output *out, const char *zdir,
		     struct hvc_err *e)
{
	char tdir[] = "/tmp/zonegen.XXXXXX", a[64], bpath[64], c[64], p[1600];
	size_t len, hl;
	char *dts, *dtb, *full;
	void *fdt = NULL;
	int rc = -FDT_ERR_NOSPACE, size = 1 << 16;
	FILE *f;

	/* the blob grows until the tree fits (libfdt: FDT_ERR_NOSPACE) */
	while (rc == -FDT_ERR_NOSPACE && size <= (1 << 30)) {
		void *n = realloc(fdt, (size_t)size);

		if (!n) {
			free(fdt);
			return -ZG_ENOMEM;
		}
		fdt = n;
		rc = build_fdt(g, fdt, size);
		size *= 2;
	}
	if (rc) {
		free(fdt);
		return zg_seterr(e, -ZG_EDT, g->req->name, NULL, NULL,
				 "libfdt: %s", fdt_strerror(rc));
	}
	if (!mkdtemp(tdir)) {
		free(fdt);
		return zg_seterr(e, -ZG_EIO, "/tmp", NULL, NULL,
				 "cannot make a temporary directory: %s",
				 strerror(errno));
	}
	snprintf(a, sizeof(a), "%s/a.dtb", tdir);
	snprintf(bpath, sizeof(bpath), "%s/b.dts", tdir);
	snprintf(c, sizeof(c), "%s/c.dtb", tdir);
	f = fopen(a, "wb");
	rc = f && fwrite(fdt, 1, fdt_totalsize(fdt), f) == fdt_totalsize(fdt)
		     ? 0
		     : -1;
	if (f && fclose(f))
		rc = -1;
	free(fdt);
	if (rc)
		rc = zg_seterr(e, -ZG_EIO, a, NULL, NULL, "cannot write: %s",
			       strerror(errno));
	if (!rc)
		rc = zg_dtc(a, "dtb", bpath, "dts", e);
	if (!rc)
		rc = zg_dtc(bpath, "dts", c, "dtb", e);
	if (!rc && zg_read_file(bpath, &dts, &len))
		rc = zg_seterr(e, -ZG_EIO, bpath, NULL, NULL, "cannot read");
	if (!rc && zg_read_file(c, &dtb, NULL)) {
		free(dts);
		rc = zg_seterr(e, -ZG_EIO, c, NULL, NULL, "cannot read");
	}
	unlink(a);
	unlink(bpath);
	unlink(c);
	rmdir(tdir);
	if (rc)
		return rc;
	/* One comment line on top: where the file comes from. */
	if ((rc = zg_pt_comment(g->pt, &dts))) {
		free(dts);
		free(dtb);
		return zg_seterr(e, rc, g->req->name, NULL, NULL,
				 "cannot comment the zone DTS");
	}
	hl = strlen(dts) + strlen(g->req->name) + strlen(g->b.name) + 128;
	full = malloc(hl);
	if (!full) {
		free(dts);
		free(dtb);
		return -ZG_ENOMEM;
	}
	snprintf(full, hl,
		 "// Generated by zonegen for zone %s on board %s; "
		 "`zonegen check` verifies it.\n%s",
		 g->req->name, g->b.name, dts);
	free(dts);
	snprintf(p, sizeof(p), "%s/%s.dts", zdir, g->req->name);
	if ((rc = add_file(out, p, full, strlen(full), e))) {
		free(dtb);
		return rc;
	}
	snprintf(p, sizeof(p), "%s/%s.dtb", zdir, g->req->name);
	return add_file(out, p, dtb, fdt_totalsize(dtb), e);
}

/*
 * The carved zone RAM stays in the root zone's stage 2 as a `loader`
 * region: hvisor.ko writes the zone's images there before the start
 * hypercall, but the root's Linux does not own it (zone0.dts /memory
 * leaves it out).  Placed among the RAM entries by base, before the io
 * entries, as dtscan orders root_zone.memory.
 */
static int add_loader(struct hvc_ranges *mem, const struct zg_request *r,
		      const char *node)
{
	struct hvc_range l = { r->mem_base, r->mem_size, "loader", node };
	unsigned int i;

	for (i = 0; i < mem->n; i++)
		if (!strcmp(mem->r[i].type, "io") ||
		    mem->r[i].base > r->mem_base)
			break;
	return hvc_ranges_insert(mem, i, &l);
}

static int shrink_root(struct gen *g, struct zg_output *out, struct hvc_err *e)
{
	const struct board *b = &g->b;
	const struct zg_request *r = g->req;
	struct hvc_ranges mem = { 0 }, rr = { 0 };
	unsigned int i, k, ndrop = 0, *drop = NULL;
	char *yaml = NULL, *dts = NULL, *p = NULL, *lnode = NULL;
	uint32_t *cells = NULL;
	struct hvc_buf val = { 0 };
	int rc = -ZG_ENOMEM, off;
	size_t n;

	for (i = 0; i < b->root_mem.n; i++)
		if (hvc_ranges_add(&mem, &b->root_mem.r[i]))
			goto out;
	n = strlen(r->name) + 8;
	lnode = malloc(n);
	if (!lnode)
		goto out;
	snprintf(lnode, n, "zones/%s", r->name);
	/* the root still loads the images */
	if (hvc_ranges_carve(&mem, r->mem_base, r->mem_size) ||
	    add_loader(&mem, r, lnode))
		goto out;
	for (i = 0; i < r->num_devices; i++) {
		const struct zg_pt_dev *d = &g->pt->dev[i];
		unsigned int *nd;

		for (k = 0; k < (unsigned int)d->nreg; k++) {
			uint64_t s = d->base[k] & ~(PAGE - 1);

			if (hvc_ranges_carve(&mem, s,
					     page_up(d->base[k] + d->size[k]) -
						     s))
				goto out;
		}
		nd = realloc(drop, (ndrop + (unsigned int)d->nirq + 1) *
					   sizeof(*drop));
		if (!nd)
			goto out;
		drop = nd;
		for (k = 0; k < (unsigned int)d->nirq; k++)
			drop[ndrop++] = d->irq[k];
	}
	if (mem.n > HVISOR_CONFIG_MAX_MEMORY_REGIONS) {
		rc = zg_seterr(e, -ZG_EREQ, b->path, "root_zone.memory", NULL,
			       "%u regions after this zone, the hypervisor "
			       "allows %d",
			       mem.n, HVISOR_CONFIG_MAX_MEMORY_REGIONS);
		goto out;
	}
	if (zg_read_file(b->path, &yaml, NULL)) {
		rc = zg_seterr(e, -ZG_EIO, b->path, NULL, NULL, "cannot read");
		goto out;
	}
	rc = zg_yaml_shrink_root(&yaml, b, b->root_cpus & ~r->cpus, mem.r,
				 mem.n, drop, ndrop, e);
	if (rc)
		goto out;
	rc = add_file(out, b->path, yaml, strlen(yaml), e);
	yaml = NULL;
	if (rc)
		goto out;

	rc = -ZG_ENOMEM;
	if (zg_read_file(g->zone0_path, &dts, NULL)) {
		rc = zg_seterr(e, -ZG_EIO, g->zone0_path, NULL, NULL,
			       "cannot read");
		goto out;
	}
	for (i = 0; i < b->ncpus; i++)
		if ((r->cpus >> i & 1) &&
		    zg_dts_delete_node(&dts, b->cpus[i].node)) {
			rc = zg_seterr(e, -ZG_EDT, g->zone0_path,
				       b->cpus[i].node, NULL,
				       "CPU node not found to remove");
			goto out;
		}
	/* cpu-map points at the removed CPUs; Linux falls back to MPIDRs. */
	if (fdt_path_offset(g->fdt, "/cpus/cpu-map") >= 0)
		zg_dts_delete_node(&dts, "/cpus/cpu-map");
	for (off = fdt_next_node(g->fdt, -1, NULL); off >= 0;
	     off = fdt_next_node(g->fdt, off, NULL)) {
		const char *dt = fdt_getprop(g->fdt, off, "device_type", NULL);
		char path[4096];
		struct hvc_range one = { 0 };
		unsigned int j, ncells;
		int q, parent;

		if (!dt || strcmp(dt, "memory"))
			continue;
		rr.n = 0;
		for (q = 0; !dtscan_node_reg(g->ds, off, q, &one.base,
					     &one.size, NULL);
		     q++)
			if (hvc_ranges_add(&rr, &one))
				goto out;
		if (hvc_ranges_carve(&rr, r->mem_base, r->mem_size))
			goto out;
		if (fdt_get_path(g->fdt, off, path, sizeof(path))) {
			rc = zg_seterr(e, -ZG_EDT, g->zone0_path, NULL, NULL,
				       "a /memory node's path is longer "
				       "than %zu bytes",
				       sizeof(path) - 1);
			goto out;
		}
		if (!rr.n) {
			zg_dts_delete_node(&dts, path);
			continue;
		}
		/* the cells of the node's parent (rpi4's root has
		 * #size-cells = <1>): never two size cells regardless */
		parent = fdt_parent_offset(g->fdt, off);
		rc = zg_reg_encode(rr.r, rr.n,
				   fdt_address_cells(g->fdt, parent),
				   fdt_size_cells(g->fdt, parent), &cells,
				   &ncells, g->zone0_path, path, e);
		if (rc)
			goto out;
		hvc_buf_printf(&val, "<");
		for (j = 0; j < ncells; j++)
			hvc_buf_printf(&val, "%s0x%02x", j ? " " : "",
				       cells[j]);
		hvc_buf_printf(&val, ">");
		free(cells);
		cells = NULL;
		rc = -ZG_ENOMEM;
		p = hvc_buf_take(&val);
		if (!p)
			goto out;
		rc = zg_dts_set_prop(&dts, path, "reg", p);
		free(p);
		p = NULL;
		if (rc) {
			rc = zg_seterr(e, rc, g->zone0_path, path, NULL,
				       "cannot rewrite reg");
			goto out;
		}
		rc = -ZG_ENOMEM;
	}
	/* -ZG_EDT: the node is not in zone0.dts (dtscan trimmed it) */
	for (i = 0; i < r->num_devices; i++)
		if (zg_dts_set_prop(&dts, g->pt->dev[i].path, "status",
				    "\"disabled\"") == -ZG_ENOMEM)
			goto out;
	rc = add_file(out, g->zone0_path, dts, strlen(dts), e);
	dts = NULL;
out:
	free(yaml);
	free(dts);
	free(p);
	free(cells);
	free(drop);
	free(lnode);
	hvc_buf_free(&val);
	hvc_ranges_free(&mem);
	hvc_ranges_free(&rr);
	return rc;
}

static int generate(struct gen *g, struct zg_output *out, struct hvc_err *e)
{
	const struct zg_request *r = g->req;
	char dir[512], zdir[700], p[800];
	struct json_err je;
	struct stat st;
	char *t;
	int rc;

	if ((rc = check_lengths(g, e)) ||
	    (rc = zg_board_find(r->boards_dir, r->board, dir, sizeof(dir),
				e)) ||
	    (rc = zg_board_load(dir, &g->b, e)))
		return rc;
	if (strcmp(g->b.arch, "aarch64"))
		return zg_seterr(e, -ZG_EREQ, g->b.path, "board.arch", NULL,
				 "zonegen supports aarch64 boards only");
	snprintf(zdir, sizeof(zdir), "%s/zones/%s", dir, r->name);
	if (!stat(zdir, &st))
		return zg_seterr(e, -ZG_EREQ, zdir, NULL,
				 "remove it and restore the root zone from "
				 "git to regenerate",
				 "zone exists already");
	if (r->initrd) {
		if (stat(r->initrd, &st))
			return zg_seterr(e, -ZG_EIO, r->initrd, NULL, NULL,
					 "cannot stat --initrd: %s",
					 strerror(errno));
		g->initrd_size = (uint64_t)st.st_size;
	}
	if ((rc = validate(g, e)))
		return rc;
	snprintf(g->zone0_path, sizeof(g->zone0_path), "%s/zone0.dts", dir);
	if ((rc = zg_dt_open(g->zone0_path, &g->ds, e)))
		return rc;
	g->fdt = dtscan_fdt(g->ds);
	g->gic_off = dtscan_node_by_path(g->ds, g->b.gic_node);
	if (g->gic_off < 0)
		return zg_seterr(e, -ZG_EDT, g->zone0_path, g->b.gic_node, NULL,
				 "GIC node of board.yaml not found");
	snprintf(p, sizeof(p), "%s/virtio_cfg.json", dir);
	if (!stat(p, &st) && (rc = virtio_cfg_load(p, g->vc, &je)))
		return zg_seterr(e, -ZG_EJSON, p, je.key, NULL, "%s", je.msg);
	if ((rc = load_other_zones(g, e)))
		return rc;
	use(g, r->mem_base, r->mem_size);
	collect_used(g);
	if (g->oom)
		return -ZG_ENOMEM;
	if ((rc = pick_zone_id(g, e)) || (rc = find_devices(g, e)) ||
	    (rc = count_regions(g, e)) || (rc = alloc_virtio(g, e)))
		return rc;
	build_json(g);
	if ((rc = build_virtio_cfg(g, e)) || (rc = render_dt(g, out, zdir, e)))
		return rc;
	snprintf(p, sizeof(p), "%s/%s.json", zdir, r->name);
	t = zone_json_write(g->zj);
	if (!t)
		return -ZG_ENOMEM;
	if ((rc = add_file(out, p, t, strlen(t), e)))
		return rc;
	if (r->num_virtio) {
		snprintf(p, sizeof(p), "%s/virtio_cfg.json", dir);
		t = virtio_cfg_write(g->vc);
		if (!t)
			return -ZG_ENOMEM;
		if ((rc = add_file(out, p, t, strlen(t), e)))
			return rc;
	}
	if ((rc = shrink_root(g, out, e)))
		return rc;
	if (g->pt->warn_oom)
		return -ZG_ENOMEM; /* a warning was lost: never drop one */
	out->notes = g->pt->warn;
	g->pt->warn = NULL;
	return 0;
}

int zonegen_generate(const struct zg_request *req, struct zg_output *out,
		     struct hvc_err *err)
{
	struct gen *g = calloc(1, sizeof(*g));
	int rc;

	memset(out, 0, sizeof(*out));
	if (!g)
		return -ZG_ENOMEM;
	g->req = req;
	g->zj = calloc(1, sizeof(*g->zj));
	g->vc = calloc(1, sizeof(*g->vc));
	g->pt = calloc(1, sizeof(*g->pt));
	rc = g->zj && g->vc && g->pt ? generate(g, out, err) : -ZG_ENOMEM;
	if (g->pt)
		zg_pt_free(g->pt);
	free(g->pt);
	free(g->oz);
	dtscan_close(g->src);
	board_free(&g->b);
	free(g->used);
	dtscan_close(g->ds);
	free(g->zj);
	free(g->vc);
	free(g);
	if (rc)
		zonegen_output_free(out);
	return rc;
}

void zonegen_output_free(struct zg_output *out)
{
	unsigned int i;

	for (i = 0; i < out->num_files; i++) {
		free(out->files[i].data);
		free(out->files[i].old);
	}
	out->num_files = 0;
	free(out->notes);
	out->notes = NULL;
}

int zonegen_commit(const struct zg_output *out, struct hvc_err *e)
{
	struct hvc_file_out f[ZG_MAX_FILES];
	unsigned int i, n = 0;

	/* all or nothing: lib/commit.c puts everything back on a failure */
	for (i = 0; i < out->num_files && i < ZG_MAX_FILES; i++)
		if (out->files[i].data)
			f[n++] = (struct hvc_file_out){ out->files[i].path,
							out->files[i].data,
							out->files[i].len };
	return hvc_commit_files(f, n, e) ? -ZG_EIO : 0;
}
