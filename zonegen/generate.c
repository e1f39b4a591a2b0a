// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/* Copyright (c) 2026 hvisor-c contributors */
/*
 * zg_zone_apply(): one zone request on a derived board (state.c): the
 * zone's DTS/DTB (built with libfdt's sequential-write API), zone JSON,
 * virtio_cfg.json entry, and the root zone reduced in memory.  Nothing
 * here reads or writes a board file.
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

#include <hvc/virtio_cfg_json.h>
#include <hvc/zone_json.h>
#include <hvisor/virtio_bridge.h>

#include "passthrough.h"
#include "zg_internal.h"

#define PAGE 0x1000ULL
/* one virtio-mmio window, the hypervisor's trap granule (the ABI's) */
#define VIRTIO_LEN ((uint64_t)HVISOR_VIRTIO_MMIO_WINDOW)
#define SZ_2M 0x200000ULL
#define INITRD_OFFSET 0x4000000ULL

struct gen {
	struct zg_state *s;
	const struct zg_arch *arch; /* board.arch's */
	struct zg_zone_view view; /* what the arch's DT parts see */
	struct zg_request *req;
	const struct board *b; /* &s->b */
	struct dtscan *ds; /* zone0, for dtscan queries */
	const void *fdt; /* its blob, for plain libfdt reads */
	struct zone_json *zj;
	struct virtio_cfg *vc; /* s->vc */
	unsigned int nused, cap_used;
	struct hvc_range *used; /* malloc'd; an allocation failure sets oom */
	int oom;
	uint32_t used_irq[HVISOR_CONFIG_INTERRUPTS_WORDS];
	uint64_t vaddr[ZG_MAX_VIRTIO];
	unsigned int virq[ZG_MAX_VIRTIO];
	struct zg_pt *pt; /* passthrough devices */
	struct dtscan *src; /* board_dtb, NULL = zone0 */
	unsigned int zone_id; /* the new zone's */
	uint64_t initrd_size;
	uint64_t kernel_load, entry;
	char *dts, *dtb;
	size_t dts_len, dtb_len;
};

/* Where a request came from, and the name of one of its settings there:
 * the command line's option, or the request file's key. */
static const char *src_of(const struct zg_request *r)
{
	return r->file ? r->file : "(command line)";
}

static const char *key_of(const struct zg_request *r, const char *opt,
			  const char *key)
{
	return r->file ? key : opt;
}

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
	const struct board *b = g->b;
	unsigned int i, k, w;
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
	use(g, b->irqchip.base, b->irqchip.size); /* riscv64 */
	use(g, b->imsic.base, b->imsic.size);
	use(g, b->clint.base, b->clint.size);
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
	/* the zones applied before this one: their regions and INTIDs */
	for (i = 0; i < g->s->nzones; i++) {
		const struct hvisor_zone_config *c = &g->s->zones[i].zj->cfg;

		for (k = 0; k < c->num_memory_regions; k++)
			use(g, c->memory_regions[k].physical_start,
			    c->memory_regions[k].size);
		for (w = 0; w < HVISOR_CONFIG_INTERRUPTS_WORDS; w++)
			g->used_irq[w] |= c->interrupts_bitmap[w];
	}
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

/* A window a request file recorded: still free? */
static int recorded_window(struct gen *g, unsigned int i, struct hvc_err *e)
{
	const struct zg_virtio_req *v = &g->req->virtio[i];
	char key[32];
	uint64_t next;

	snprintf(key, sizeof(key), "virtio[%u].base", i);
	if (v->base & (VIRTIO_LEN - 1))
		return zg_seterr(e, -ZG_EREQ, src_of(g->req), key, NULL,
				 "0x%" PRIx64 " is not 0x%" PRIx64 " aligned",
				 v->base, VIRTIO_LEN);
	if (overlaps_used(g, v->base, VIRTIO_LEN, &next))
		return zg_seterr(e, -ZG_EREQ, src_of(g->req), key,
				 "delete the key to have a free window picked",
				 "window 0x%" PRIx64 "+0x%" PRIx64 " overlaps a "
				 "device, RAM or another zone's region",
				 v->base, VIRTIO_LEN);
	use(g, v->base, VIRTIO_LEN);
	return 0;
}

/* An INTID a request file recorded: still free? */
static int recorded_irq(struct gen *g, unsigned int i, struct hvc_err *e)
{
	const struct zg_virtio_req *v = &g->req->virtio[i];
	char key[32];

	snprintf(key, sizeof(key), "virtio[%u].irq", i);
	if (v->irq < g->arch->irq_first(g->b) ||
	    v->irq > g->arch->irq_last(g->b) ||
	    zone_irq_test(g->used_irq, v->irq))
		return zg_seterr(e, -ZG_EREQ, src_of(g->req), key,
				 "delete the key to have a free one picked",
				 "interrupt %u is out of %u..%u, or a device "
				 "or another zone uses it",
				 v->irq, g->arch->irq_first(g->b),
				 g->arch->irq_last(g->b));
	zone_irq_set(g->used_irq, v->irq);
	return 0;
}

/*
 * Virtio windows and INTIDs: what the request recorded (checked free), and
 * for the rest one block of 0x200 windows, the first free of RAM, the
 * hypervisor, every device frame, the layout and other zones' regions
 * after the first device range (MMIO space, below 4 GiB), and the lowest
 * free SPIs.  Picks are written back into the request, so that its file
 * records them.
 */
static int alloc_virtio(struct gen *g, struct hvc_err *e)
{
	unsigned int n = g->req->num_virtio, i, k, m = 0;
	unsigned int irq = g->arch->irq_first(g->b);
	unsigned int last = g->arch->irq_last(g->b);
	struct zg_virtio_req *v = g->req->virtio;
	uint64_t len, c = 0x10000000, next;
	int rc;

	if (g->oom)
		return -ZG_ENOMEM;
	for (i = 0; i < n; i++) {
		if (v[i].base && (rc = recorded_window(g, i, e)))
			return rc;
		if (v[i].irq && (rc = recorded_irq(g, i, e)))
			return rc;
		m += !v[i].base;
	}
	len = page_up(m * VIRTIO_LEN);
	for (i = 0; m && i < g->b->layout.n; i++)
		if (!strcmp(g->b->layout.r[i].type, "device")) {
			c = page_up(g->b->layout.r[i].base +
				    g->b->layout.r[i].size);
			break;
		}
	while (m && overlaps_used(g, c, len, &next))
		c = next;
	if (m && c + len > 0x100000000ULL)
		return zg_seterr(e, -ZG_EREQ, g->b->path, "layout", NULL,
				 "no free window below 4 GiB for %u virtio "
				 "devices",
				 m);
	for (i = 0, k = 0; i < n; i++) {
		if (!v[i].base)
			v[i].base = c + k++ * VIRTIO_LEN;
		if (!v[i].irq) {
			while (irq <= last && zone_irq_test(g->used_irq, irq))
				irq++;
			if (irq > last)
				return zg_seterr(e, -ZG_EREQ, g->b->path,
						 "root_zone.irqs", NULL,
						 "no free interrupt left in "
						 "%u..%u for virtio",
						 g->arch->irq_first(g->b), last);
			v[i].irq = irq;
			zone_irq_set(g->used_irq, irq);
		}
		g->vaddr[i] = v[i].base;
		g->virq[i] = v[i].irq;
	}
	if (m)
		use(g, c, len);
	return 0;
}

/* A device another zone owns (its regions or INTIDs) is not ours. */
static int taken(const struct gen *g, const struct zg_pt_dev *d,
		 struct hvc_err *e)
{
	unsigned int z, r;
	int k;

	for (z = 0; z < g->s->nzones; z++) {
		const struct hvisor_zone_config *o = &g->s->zones[z].zj->cfg;
		const char *file = src_of(&g->s->zones[z].req);

		for (k = 0; k < d->nreg; k++)
			for (r = 0; r < o->num_memory_regions; r++)
				if (hvc_overlap(
					    d->base[k] & ~(PAGE - 1),
					    page_up(d->base[k] + d->size[k]) -
						    (d->base[k] & ~(PAGE - 1)),
					    o->memory_regions[r].physical_start,
					    o->memory_regions[r].size))
					return zg_seterr(
						e, -ZG_EREQ, file, d->path,
						"a device belongs to one zone",
						"reg 0x%" PRIx64
						" is already in "
						"memory_regions[%u] "
						"of this zone",
						d->base[k], r);
		for (k = 0; k < d->nirq; k++)
			if (d->irq[k] < HVISOR_CONFIG_MAX_INTERRUPTS &&
			    zone_irq_test(o->interrupts_bitmap, d->irq[k]))
				return zg_seterr(
					e, -ZG_EREQ, file, d->path,
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
					 "cannot read %s",
					 key_of(r, "--board-dtb", "board_dtb"));
		/* a DTB, or a DTS compiled with dtc */
		if ((rc = zg_dt_open(r->board_dtb, &g->src, e)))
			return rc;
		src = g->src;
	}
	rc = zg_pt_find(g->pt, g->b, r, src,
			r->board_dtb ? r->board_dtb : g->s->zone0_path, g->ds,
			g->s->zone0_path, g->arch->first_free_phandle(g->b), e);
	for (i = 0; !rc && i < g->pt->ndev; i++)
		rc = taken(g, &g->pt->dev[i], e);
	return rc;
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

#define T ZG_T

/* /memory@BASE: the zone RAM. */
static int fdt_memory(struct gen *g, void *fdt)
{
	uint64_t q[2];
	char name[64];

	snprintf(name, sizeof(name), "memory@%" PRIx64, g->req->mem_base);
	T(fdt_begin_node(fdt, name));
	T(zg_prop_str(fdt, "device_type", "memory"));
	q[0] = g->req->mem_base;
	q[1] = g->req->mem_size;
	T(zg_prop_cells(fdt, "reg", q, 2));
	return fdt_end_node(fdt);
}

/* One virtio_mmio@ADDR per device: a 0x200 window, an edge SPI. */
static int fdt_virtio(struct gen *g, void *fdt)
{
	unsigned int i;
	uint64_t q[2];
	char name[64];

	for (i = 0; i < g->req->num_virtio; i++) {
		snprintf(name, sizeof(name), "virtio_mmio@%" PRIx64,
			 g->vaddr[i]);
		T(fdt_begin_node(fdt, name));
		T(zg_prop_str(fdt, "compatible", "virtio,mmio"));
		q[0] = g->vaddr[i];
		q[1] = VIRTIO_LEN;
		T(zg_prop_cells(fdt, "reg", q, 2));
		T(g->arch->fdt_virtio_irq(fdt, g->virq[i]));
		T(fdt_property(fdt, "dma-coherent", NULL, 0));
		T(fdt_end_node(fdt));
	}
	return 0;
}

/* /chosen: bootargs, and the initrd the hvisor CLI loads at +64 MiB. */
static int fdt_chosen(struct gen *g, void *fdt)
{
	const struct zg_request *r = g->req;
	char args[64];
	uint64_t q[2];

	T(fdt_begin_node(fdt, "chosen"));
	if (!r->bootargs)
		default_bootargs(g, args, sizeof(args));
	T(zg_prop_str(fdt, "bootargs", r->bootargs ? r->bootargs : args));
	if (r->initrd) {
		q[0] = r->mem_base + INITRD_OFFSET;
		q[1] = q[0] + r->initrd_size;
		T(zg_prop_cells(fdt, "linux,initrd-start", &q[0], 1));
		T(zg_prop_cells(fdt, "linux,initrd-end", &q[1], 1));
	}
	return fdt_end_node(fdt);
}

/* The zone DT in @size bytes of @fdt (-FDT_ERR_NOSPACE: grow and redo). */
static int build_fdt(struct gen *g, void *fdt, int size)
{
	const struct board *b = g->b;
	uint32_t u;

	T(fdt_create(fdt, size));
	T(fdt_finish_reservemap(fdt));
	T(fdt_begin_node(fdt, ""));
	u = 2;
	T(zg_prop_u32s(fdt, "#address-cells", &u, 1));
	T(zg_prop_u32s(fdt, "#size-cells", &u, 1));
	T(g->arch->fdt_root_parent(&g->view, fdt));
	T(zg_prop_str(fdt, "model", b->model ? b->model : b->name));
	T(g->arch->fdt_root_compatible(&g->view, fdt));
	T(g->arch->fdt_cpus(&g->view, fdt));
	if (g->arch->fdt_firmware)
		T(g->arch->fdt_firmware(&g->view, fdt));
	T(fdt_memory(g, fdt));
	T(g->arch->fdt_irqchip(&g->view, fdt));
	T(fdt_virtio(g, fdt));
	T(zg_pt_emit(g->pt, fdt, g->arch->irqchip_phandle));
	T(fdt_chosen(g, fdt));
	T(fdt_end_node(fdt));
	return fdt_finish(fdt);
}
#undef T

/* The request's recorded id if free, else the smallest free id >= 1. */
static int pick_zone_id(struct gen *g, struct hvc_err *e)
{
	uint64_t ids = 1; /* 0 is the root zone */
	unsigned int id = 1, i;

	for (i = 0; i < g->s->nzones; i++)
		ids |= 1ULL << g->s->zones[i].zj->cfg.zone_id;
	if (g->req->zone_id) {
		for (i = 0; i < g->s->nzones; i++)
			if (g->s->zones[i].zj->cfg.zone_id == g->req->zone_id)
				return zg_seterr(e, -ZG_EREQ, src_of(g->req),
						 "zone_id",
						 "one id per zone: change one",
						 "%u is also zone %s's (%s)",
						 g->req->zone_id,
						 g->s->zones[i].req.name,
						 src_of(&g->s->zones[i].req));
		g->zone_id = g->req->zone_id;
		return 0;
	}
	while (id < HVISOR_CONFIG_MAX_ZONES && (ids >> id & 1))
		id++;
	if (id >= HVISOR_CONFIG_MAX_ZONES)
		return zg_seterr(e, -ZG_EREQ, g->s->dir, "zones", NULL,
				 "no free zone id: ids 1-%d are used "
				 "(HVISOR_CONFIG_MAX_ZONES %d)",
				 HVISOR_CONFIG_MAX_ZONES - 1,
				 HVISOR_CONFIG_MAX_ZONES);
	g->zone_id = id;
	g->req->zone_id = id;
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
		return zg_seterr(e, -ZG_EREQ, src_of(r),
				 key_of(r, "--device", "devices"),
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
	const struct board *b = g->b;
	const struct zg_request *r = g->req;
	struct hvisor_zone_config *c = &g->zj->cfg;
	struct hvisor_memory_region *m;
	unsigned int i, k;

	snprintf(g->zj->arch, sizeof(g->zj->arch), "%s", g->arch->json_arch);
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
			if (g->pt->dev[i].irq[k] >= g->arch->pt_irq_min)
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
	g->arch->arch_config(b, g->zj);
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
static int fits(struct hvc_err *e, const struct zg_request *r,
		const char *opt, const char *key, const char *val, size_t size,
		const char *limit)
{
	if (!val || strlen(val) < size)
		return 0;
	return zg_seterr(e, -ZG_EREQ, src_of(r), key_of(r, opt, key), NULL,
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

	if ((rc = fits(e, r, "--kernel", "kernel.file", r->kernel,
		       sizeof(g->zj->kernel_filepath), "ZONE_JSON_PATH_MAX")) ||
	    (rc = fits(e, r, "--initrd", "initrd.file", r->initrd,
		       sizeof(g->zj->modules[0].filepath),
		       "ZONE_JSON_PATH_MAX")))
		return rc;
	for (i = 0; i < r->num_virtio; i++)
		if ((rc = fits(e, r, "--virtio", "virtio", r->virtio[i].arg,
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
	struct zg_request *r = g->req;
	const char *f = src_of(r);
	const struct board *b = g->b;
	uint64_t end = r->mem_base + r->mem_size;
	unsigned int i;
	int inside = 0, lowest = -1;
	const char *p;

	for (p = r->name; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		      (*p >= '0' && *p <= '9') || *p == '-' || *p == '_'))
			break;
	if (*p || !r->name[0] || strlen(r->name) >= HVISOR_CONFIG_NAME_MAXLEN)
		return zg_seterr(e, -ZG_EREQ, f, key_of(r, "NAME", "name"),
				 "letters, digits, - and _ only",
				 "bad zone name \"%s\" (1..31 characters)",
				 r->name);
	if (!r->cpus)
		return zg_seterr(e, -ZG_EREQ, f, key_of(r, "--cpus", "cpus"), NULL,
				 "no CPUs given");
	for (i = 0; i < 64; i++) {
		if (lowest < 0 && (b->root_cpus >> i & 1))
			lowest = (int)i;
		if (!(r->cpus >> i & 1))
			continue;
		if (i >= b->ncpus)
			return zg_seterr(e, -ZG_EREQ, f,
					 key_of(r, "--cpus", "cpus"), NULL,
					 "CPU %u does not exist (board.cpus of "
					 "%s has %u)",
					 i, b->path, b->ncpus);
		if (!(b->root_cpus >> i & 1))
			return zg_seterr(e, -ZG_EREQ, f,
					 key_of(r, "--cpus", "cpus"),
					 "another zone has it, or board.yaml "
					 "root_zone.cpus lacks it",
					 "CPU %u is not the root zone's to give",
					 i);
	}
	if (lowest >= 0 && (r->cpus >> lowest & 1))
		return zg_seterr(e, -ZG_EREQ, f, key_of(r, "--cpus", "cpus"),
				 "keep it in the root zone",
				 "CPU %d boots the root zone", lowest);
	if (!r->mem_size || (r->mem_base | r->mem_size) & (PAGE - 1) ||
	    end < r->mem_base)
		return zg_seterr(e, -ZG_EREQ, f, key_of(r, "--mem", "memory"),
				 NULL, "BASE+SIZE must be non-empty and 4 KiB "
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
	r->kernel_load = g->kernel_load; /* recorded in the request file */
	r->entry = g->entry;
	if (g->kernel_load & (PAGE - 1))
		return zg_seterr(e, -ZG_EREQ, f,
				 key_of(r, "--kernel-load", "kernel.load"),
				 "Linux arm64 wants a 2 MiB aligned address",
				 "0x%" PRIx64 " is not 4 KiB aligned",
				 g->kernel_load);
	if (g->kernel_load <= r->mem_base || g->kernel_load >= end)
		return zg_seterr(e, -ZG_EREQ, f,
				 r->kernel_load ? key_of(r, "--kernel-load",
							 "kernel.load")
						: key_of(r, "--mem", "memory"),
				 "the DTB sits at the RAM base, the kernel "
				 "above it",
				 "kernel load address 0x%" PRIx64
				 " is not inside the zone RAM above its base",
				 g->kernel_load);
	if (g->entry < g->kernel_load || g->entry >= end)
		return zg_seterr(e, -ZG_EREQ, f, key_of(r, "--entry", "kernel.entry"),
				 "the entry point is inside the loaded kernel",
				 "entry 0x%" PRIx64 " is not inside the zone "
				 "RAM at or above the kernel load address",
				 g->entry);
	if ((r->debug_console & (PAGE - 1)) ||
	    (r->debug_console && r->debug_console + PAGE > r->mem_base &&
	     r->debug_console < end))
		return zg_seterr(e, -ZG_EREQ, f,
				 key_of(r, "--debug-console", "debug_console"),
				 "a 4 KiB aligned guest address outside the "
				 "zone RAM, e.g. the board UART's 0x9000000",
				 "0x%" PRIx64 " is not 4 KiB aligned or lies "
				 "in the zone RAM",
				 r->debug_console);
	if (r->initrd && (r->mem_size < INITRD_OFFSET + r->initrd_size ||
			  g->kernel_load >= r->mem_base + INITRD_OFFSET))
		return zg_seterr(e, -ZG_EREQ, f, key_of(r, "--mem", "memory"),
				 NULL, "too small for the kernel and the initrd");
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

static int render_dt(struct gen *g, struct hvc_err *e)
{
	char tdir[] = "/tmp/zonegen.XXXXXX", a[64], bpath[64], c[64];
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
	hl = strlen(dts) + strlen(g->req->name) + strlen(g->b->name) + 128;
	full = malloc(hl);
	if (!full) {
		free(dts);
		free(dtb);
		return -ZG_ENOMEM;
	}
	snprintf(full, hl,
		 "// Derived by zonegen for zone %s on board %s; "
		 "`zonegen check` verifies it.\n%s",
		 g->req->name, g->b->name, dts);
	free(dts);
	g->dts = full;
	g->dts_len = strlen(full);
	g->dtb = dtb;
	g->dtb_len = fdt_totalsize(dtb);
	return 0;
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

/* Drop root_zone.irqs entries of @irqs (a passthrough device's). */
static void drop_root_irqs(struct board *b, const unsigned int *irqs,
			   unsigned int n)
{
	unsigned int i, k, out = 0;

	for (i = 0; i < b->root_nirqs; i++) {
		for (k = 0; k < n && irqs[k] != b->root_irqs[i].intid; k++)
			;
		if (k == n)
			b->root_irqs[out++] = b->root_irqs[i];
	}
	b->root_nirqs = out;
}

/*
 * The root zone gives up the zone's CPUs, RAM (kept as a loader region),
 * and its passthrough devices' frames and INTIDs.  zone0's DT follows at
 * render time (state.c) from s->gone_cpus, s->carved and s->disabled.
 */
static int reduce_root(struct gen *g, struct hvc_err *e)
{
	struct zg_state *s = g->s;
	struct board *b = &s->b;
	const struct zg_request *r = g->req;
	struct hvc_ranges *mem = &b->root_mem;
	unsigned int i, k;
	size_t n = strlen(r->name) + 8;
	char *lnode = zg_state_keep(s, malloc(n));
	const char **nd;

	if (!lnode)
		return -ZG_ENOMEM;
	snprintf(lnode, n, "zones/%s", r->name);
	if (hvc_ranges_carve(mem, r->mem_base, r->mem_size) ||
	    add_loader(mem, r, lnode) ||
	    hvc_ranges_add(&s->carved,
			   &(struct hvc_range){ r->mem_base, r->mem_size,
						"ram", lnode }))
		return -ZG_ENOMEM;
	for (i = 0; i < r->num_devices; i++) {
		const struct zg_pt_dev *d = &g->pt->dev[i];

		for (k = 0; k < (unsigned int)d->nreg; k++) {
			uint64_t base = d->base[k] & ~(PAGE - 1);

			if (hvc_ranges_carve(mem, base,
					     page_up(d->base[k] + d->size[k]) -
						     base))
				return -ZG_ENOMEM;
		}
		drop_root_irqs(b, d->irq, (unsigned int)d->nirq);
		nd = realloc(s->disabled, (s->ndisabled + 1) * sizeof(*nd));
		if (!nd)
			return -ZG_ENOMEM;
		s->disabled = nd;
		s->disabled[s->ndisabled++] = d->path;
	}
	if (mem->n > HVISOR_CONFIG_MAX_MEMORY_REGIONS)
		return zg_seterr(e, -ZG_EREQ, src_of(r), NULL, NULL,
				 "the root zone would have %u memory regions "
				 "after this zone; the hypervisor allows %d "
				 "(HVISOR_CONFIG_MAX_MEMORY_REGIONS)",
				 mem->n, HVISOR_CONFIG_MAX_MEMORY_REGIONS);
	b->root_cpus &= ~r->cpus;
	s->gone_cpus |= r->cpus;
	hvc_buf_printf(&s->info, "zonegen: zone %s (%s): the root zone gives "
		       "up CPUs", r->name, src_of(r));
	for (i = 0, k = 0; i < 64; i++)
		if (r->cpus >> i & 1)
			hvc_buf_printf(&s->info, "%s%u", k++ ? "," : " ", i);
	hvc_buf_printf(&s->info,
		       ", RAM 0x%" PRIx64 "+0x%" PRIx64
		       " (it keeps it mapped to load the zone)%s\n",
		       r->mem_base, r->mem_size,
		       r->num_devices ? ", the passthrough devices" : "");
	return 0;
}

static int apply(struct gen *g, struct hvc_err *e)
{
	int rc;

	g->ds = g->s->ds;
	g->fdt = g->s->fdt;
	if (!g->ds)
		return zg_seterr(e, -ZG_EREQ, g->s->dir, "zone0.dts",
				 "run dtscan for the board",
				 "a zone needs the board's zone0.dts");
	if ((rc = g->arch->board_ok(g->b, e)))
		return rc;
	g->view = (struct zg_zone_view){ g->b, g->req, g->ds };
	if ((rc = check_lengths(g, e)) || (rc = validate(g, e)))
		return rc;
	use(g, g->req->mem_base, g->req->mem_size);
	collect_used(g);
	if (g->oom)
		return -ZG_ENOMEM;
	if ((rc = pick_zone_id(g, e)) || (rc = find_devices(g, e)) ||
	    (rc = count_regions(g, e)) || (rc = alloc_virtio(g, e)))
		return rc;
	build_json(g);
	if ((rc = build_virtio_cfg(g, e)) || (rc = render_dt(g, e)) ||
	    (rc = reduce_root(g, e)))
		return rc;
	if (g->pt->warn_oom)
		return -ZG_ENOMEM; /* a warning was lost: never drop one */
	if (g->pt->warn)
		hvc_buf_printf(&g->s->notes, "%s", g->pt->warn);
	return g->s->notes.oom || g->s->info.oom ? -ZG_ENOMEM : 0;
}

int zg_zone_apply(struct zg_state *s, struct zg_request *r, int loaded,
		  struct hvc_err *e)
{
	struct gen *g = calloc(1, sizeof(*g));
	struct zg_zone *z;
	int rc;

	if (!g)
		return -ZG_ENOMEM;
	g->s = s;
	g->b = &s->b;
	g->arch = zg_arch_of(&s->b);
	if (!g->arch) {
		free(g);
		return zg_seterr(e, -ZG_EREQ, s->b.path, "board.arch",
				 "zones are made for aarch64 and riscv64 "
				 "boards",
				 "no zones on %s boards", s->b.arch);
	}
	g->vc = s->vc;
	g->req = r;
	g->zj = calloc(1, sizeof(*g->zj));
	g->pt = calloc(1, sizeof(*g->pt));
	rc = g->zj && g->pt ? apply(g, e) : -ZG_ENOMEM;
	if (!rc && s->nzones == s->cap_zones) {
		unsigned int cap = s->cap_zones ? 2 * s->cap_zones : 4;
		struct zg_zone *n = realloc(s->zones, cap * sizeof(*n));

		if (n) {
			s->zones = n;
			s->cap_zones = cap;
		} else {
			rc = -ZG_ENOMEM;
		}
	}
	if (!rc) {
		z = &s->zones[s->nzones++];
		memset(z, 0, sizeof(*z));
		z->req = *r;
		z->loaded = loaded;
		z->zj = g->zj;
		z->dts = g->dts;
		z->dts_len = g->dts_len;
		z->dtb = g->dtb;
		z->dtb_len = g->dtb_len;
		g->zj = NULL;
		g->dts = g->dtb = NULL;
	}
	if (g->pt)
		zg_pt_free(g->pt);
	free(g->pt);
	dtscan_close(g->src);
	free(g->used);
	free(g->zj);
	free(g->dts);
	free(g->dtb);
	free(g);
	return rc;
}
