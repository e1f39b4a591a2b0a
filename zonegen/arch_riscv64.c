// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/* Copyright (c) 2026 hvisor-c contributors */
/*
 * riscv64 zones on PLIC boards (struct zg_arch): harts by hart id with
 * their interrupt controllers, /cpus timebase-frequency, the PLIC at the
 * board's address whose interrupts-extended keeps the physical context
 * positions (another hart's context is <&intc 0xffffffff>, which Linux
 * skips), devices on PLIC source ids.  No psci (SBI HSM), no timer node
 * (SBI or Sstc).  The root zone's DT loses the zone's harts from every
 * interrupts-extended.  AIA boards are refused: the hypervisor emulates a
 * PLIC only.
 */
#include <inttypes.h>
#include <libfdt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <hvc/zone_json.h>

#include "zg_internal.h"

#define PLIC_PHANDLE 1
#define INTC_PHANDLE(cpu) (2 + (cpu)) /* cpu: logical id */
#define IRQ_S_EXT 9 /* scause of a supervisor external interrupt */
#define IRQ_M_EXT 11
#define CTX_NONE 0xffffffffu /* a context Linux's PLIC driver skips */
#define T ZG_T

static unsigned int rv_irq_first(const struct board *b)
{
	(void)b;
	return 1; /* PLIC source 0 does not exist */
}

static unsigned int rv_irq_last(const struct board *b)
{
	return b->irqchip_ndev < HVISOR_CONFIG_MAX_INTERRUPTS
		       ? b->irqchip_ndev
		       : HVISOR_CONFIG_MAX_INTERRUPTS - 1;
}

static int rv_board_ok(const struct board *b, struct hvc_err *e)
{
	if (!b->irqchip_type || strcmp(b->irqchip_type, "plic"))
		return zg_seterr(e, -ZG_EREQ, b->path, "irqchip.type",
				 "zones need a PLIC board; the hypervisor "
				 "does not do AIA (docs/architecture.md)",
				 "irqchip %s: no zones on it",
				 b->irqchip_type ? b->irqchip_type : "(none)");
	if (!b->nctx)
		return zg_seterr(e, -ZG_EREQ, b->path, "irqchip.contexts",
				 "dtscan lists them from the PLIC's "
				 "interrupts-extended",
				 "the PLIC has no contexts");
	return 0;
}

static uint32_t rv_first_free_phandle(const struct board *b)
{
	return INTC_PHANDLE(b->ncpus);
}

/*
 * No root interrupt-parent: the harts' cpu-intc would inherit the PLIC as
 * their parent and Linux's of_irq_init() finds no root controller
 * ("children remain, but no parents"); every device names the PLIC.
 */
static int rv_fdt_root_parent(const struct zg_zone_view *z, void *fdt)
{
	(void)z;
	(void)fdt;
	return 0;
}

/* The root's compatible as zone0 has it. */
static int rv_fdt_root_compatible(const struct zg_zone_view *z, void *fdt)
{
	const void *fdt0 = dtscan_fdt(z->ds);
	int len;
	const void *c = fdt_getprop(fdt0, 0, "compatible", &len);

	if (c && len > 0)
		return fdt_property(fdt, "compatible", c, len);
	return zg_prop_str(fdt, "compatible", "riscv-virtio");
}

/*
 * riscv,isa of the board's hart without the H extension: the zone runs in
 * VS-mode, where the hypervisor CSRs trap.  Only the single-letter part
 * (up to the first '_') names H as a letter.
 */
static void isa_without_h(const char *isa, char *out, size_t size)
{
	size_t i, k = 0, n = strlen(isa);
	size_t end = strcspn(isa, "_");

	for (i = 0; i < n && k + 1 < size; i++) {
		if (i >= 4 && i < end && (isa[i] == 'h' || isa[i] == 'H'))
			continue;
		out[k++] = isa[i];
	}
	out[k] = 0;
}

/* /cpus: cpu@HARTID per zone hart, each with its riscv,cpu-intc. */
static int rv_fdt_cpus(const struct zg_zone_view *z, void *fdt)
{
	const struct board *b = z->b;
	unsigned int i;
	uint32_t u;
	char name[64];

	T(fdt_begin_node(fdt, "cpus"));
	u = 1;
	T(zg_prop_u32s(fdt, "#address-cells", &u, 1));
	u = 0;
	T(zg_prop_u32s(fdt, "#size-cells", &u, 1));
	if (b->timebase >> 32) {
		T(zg_prop_cells(fdt, "timebase-frequency", &b->timebase, 1));
	} else {
		u = (uint32_t)b->timebase;
		T(zg_prop_u32s(fdt, "timebase-frequency", &u, 1));
	}
	for (i = 0; i < b->ncpus; i++) {
		if (!(z->req->cpus >> i & 1))
			continue;
		snprintf(name, sizeof(name), "cpu@%" PRIx64, b->cpus[i].mpidr);
		T(fdt_begin_node(fdt, name));
		T(zg_prop_str(fdt, "device_type", "cpu"));
		u = (uint32_t)b->cpus[i].mpidr;
		T(zg_prop_u32s(fdt, "reg", &u, 1));
		T(zg_prop_str(fdt, "status", "okay"));
		T(zg_prop_str(fdt, "compatible", "riscv"));
		if (b->cpus[i].isa) {
			/* as long as the board's: never cut */
			size_t n = strlen(b->cpus[i].isa) + 1;
			char *isa = malloc(n);
			int rc;

			if (!isa)
				return -FDT_ERR_NOSPACE;
			isa_without_h(b->cpus[i].isa, isa, n);
			rc = zg_prop_str(fdt, "riscv,isa", isa);
			free(isa);
			T(rc);
		}
		if (b->cpus[i].mmu)
			T(zg_prop_str(fdt, "mmu-type", b->cpus[i].mmu));
		T(fdt_begin_node(fdt, "interrupt-controller"));
		u = 1;
		T(zg_prop_u32s(fdt, "#interrupt-cells", &u, 1));
		T(fdt_property(fdt, "interrupt-controller", NULL, 0));
		T(zg_prop_str(fdt, "compatible", "riscv,cpu-intc"));
		u = INTC_PHANDLE(i);
		T(zg_prop_u32s(fdt, "phandle", &u, 1));
		T(fdt_end_node(fdt));
		T(fdt_end_node(fdt));
	}
	return fdt_end_node(fdt);
}

/* The board's PLIC context at position @pos, or NULL. */
static const struct board_plic_ctx *ctx_at(const struct board *b,
					   unsigned int pos)
{
	unsigned int i;

	for (i = 0; i < b->nctx; i++)
		if (b->ctx[i].id == pos)
			return &b->ctx[i];
	return NULL;
}

/* The PLIC: the board's frame; every context at its physical position,
 * another hart's marked CTX_NONE on a zone hart's controller. */
static int rv_fdt_irqchip(const struct zg_zone_view *z, void *fdt)
{
	const struct board *b = z->b;
	const char *name = strrchr(b->irqchip.node, '/');
	unsigned int i, n = 0, first = 0;
	uint32_t *ie, u;
	uint64_t q[2];
	int rc;

	while (first < b->ncpus && !(z->req->cpus >> first & 1))
		first++;
	for (i = 0; i < b->nctx; i++)
		if (b->ctx[i].id + 1 > n)
			n = b->ctx[i].id + 1;
	T(fdt_begin_node(fdt, name ? name + 1 : "interrupt-controller"));
	T(zg_prop_str(fdt, "compatible", b->irqchip_compat));
	q[0] = b->irqchip.base;
	q[1] = b->irqchip.size;
	T(zg_prop_cells(fdt, "reg", q, 2));
	u = b->irqchip_ndev;
	T(zg_prop_u32s(fdt, "riscv,ndev", &u, 1));
	u = 0;
	T(zg_prop_u32s(fdt, "#address-cells", &u, 1));
	u = 1;
	T(zg_prop_u32s(fdt, "#interrupt-cells", &u, 1));
	T(fdt_property(fdt, "interrupt-controller", NULL, 0));
	ie = calloc(2 * (size_t)n, sizeof(*ie));
	if (!ie)
		return -FDT_ERR_INTERNAL;
	for (i = 0; i < n; i++) {
		const struct board_plic_ctx *c = ctx_at(b, i);
		int mine = c && c->hart < b->ncpus &&
			   (z->req->cpus >> c->hart & 1);

		ie[2 * i] = cpu_to_fdt32(INTC_PHANDLE(mine ? c->hart : first));
		ie[2 * i + 1] = cpu_to_fdt32(!mine	      ? CTX_NONE
					     : c->mode == 's' ? IRQ_S_EXT
							      : IRQ_M_EXT);
	}
	rc = fdt_property(fdt, "interrupts-extended", ie,
			  (int)(2 * n * sizeof(*ie)));
	free(ie);
	T(rc);
	u = PLIC_PHANDLE;
	T(zg_prop_u32s(fdt, "phandle", &u, 1));
	return fdt_end_node(fdt);
}

/* A PLIC source id. */
static int rv_fdt_virtio_irq(void *fdt, unsigned int irq)
{
	uint32_t u = PLIC_PHANDLE;

	T(zg_prop_u32s(fdt, "interrupts", &irq, 1));
	return zg_prop_u32s(fdt, "interrupt-parent", &u, 1);
}

/* Upstream's keys; this hypervisor ignores them (zone_json.h). */
static void rv_arch_config(const struct board *b, struct zone_json *zj)
{
	zj->riscv = 1;
	zj->plic_base = b->irqchip.base;
	zj->plic_size = b->irqchip.size;
	zj->aplic_base = 0;
	zj->aplic_size = 0;
}

/* The phandle of logical CPU @i's riscv,cpu-intc in zone0, or 0. */
static uint32_t intc_of(const struct zg_state *s, unsigned int i)
{
	int off = fdt_path_offset(s->fdt, s->b.cpus[i].node), c;

	if (off < 0)
		return 0;
	fdt_for_each_subnode (c, s->fdt, off)
		if (!fdt_node_check_compatible(s->fdt, c, "riscv,cpu-intc"))
			return fdt_get_phandle(s->fdt, c);
	return 0;
}

static int gone_intc(const uint32_t *gone, unsigned int n, uint32_t ph)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		if (gone[i] && gone[i] == ph)
			return 1;
	return 0;
}

/*
 * Rewrite node @off's (of the original zone0) interrupts-extended in @fdt:
 * an entry naming a removed hart's controller becomes <@keep CTX_NONE> in
 * the PLIC (context positions are its register layout) and is dropped
 * elsewhere (the CLINT's, per hart).
 */
static int edit_ie(struct zg_state *s, void *fdt, int off, const uint32_t *gone,
		   unsigned int ngone, uint32_t keep, struct hvc_err *e)
{
	const void *f0 = s->fdt;
	int len, k = 0, i = 0, changed = 0, noff, rc;
	const fdt32_t *p = fdt_getprop(f0, off, "interrupts-extended", &len);
	int plic;
	char path[4096];
	fdt32_t *out;

	if (!p || len % 4)
		return 0;
	if (fdt_get_path(f0, off, path, sizeof(path)))
		return zg_seterr(e, -ZG_EDT, s->zone0_path, NULL, NULL,
				 "a node's path is longer than %zu bytes",
				 sizeof(path) - 1);
	plic = !strcmp(path, s->b.irqchip.node);
	out = malloc((size_t)len);
	if (!out)
		return -ZG_ENOMEM;
	len /= 4;
	while (i < len) {
		uint32_t ph = fdt32_to_cpu(p[i]);
		int ctrl = fdt_node_offset_by_phandle(f0, ph), nc = 1, j;
		const fdt32_t *cells =
			ctrl >= 0 ? fdt_getprop(f0, ctrl, "#interrupt-cells",
						NULL)
				  : NULL;

		if (cells)
			nc = (int)fdt32_to_cpu(*cells);
		if (ctrl < 0 || i + 1 + nc > len) { /* not ours to judge */
			free(out);
			return 0;
		}
		if (!gone_intc(gone, ngone, ph)) {
			for (j = 0; j <= nc; j++)
				out[k++] = p[i + j];
		} else if (plic) {
			out[k++] = cpu_to_fdt32(keep);
			for (j = 0; j < nc; j++)
				out[k++] = cpu_to_fdt32(CTX_NONE);
			changed = 1;
		} else {
			changed = 1;
		}
		i += 1 + nc;
	}
	rc = 0;
	if (changed) {
		noff = fdt_path_offset(fdt, path);
		rc = noff < 0 ? zg_fdt_rc(s, e, noff, path)
		     : k      ? zg_fdt_rc(s, e,
					  fdt_setprop(fdt, noff,
						      "interrupts-extended", out,
						      4 * k),
					  path)
			      : zg_fdt_rc(s, e,
					  fdt_delprop(fdt, noff,
						      "interrupts-extended"),
					  path);
	}
	free(out);
	return rc;
}

/* Every interrupts-extended of zone0 without the zone harts' entries. */
static int rv_edit_zone0(struct zg_state *s, void *fdt, struct hvc_err *e)
{
	const struct board *b = &s->b;
	uint32_t gone[64] = { 0 }, keep = 0;
	unsigned int i;
	int off, rc;

	for (i = 0; i < b->ncpus && i < 64; i++) {
		if (s->gone_cpus >> i & 1)
			gone[i] = intc_of(s, i);
		else if (!keep)
			keep = intc_of(s, i);
	}
	if (!keep)
		return zg_seterr(e, -ZG_EDT, s->zone0_path, "/cpus",
				 "the root zone keeps its boot hart",
				 "no remaining hart with a riscv,cpu-intc");
	for (off = fdt_next_node(s->fdt, -1, NULL); off >= 0;
	     off = fdt_next_node(s->fdt, off, NULL))
		if ((rc = edit_ie(s, fdt, off, gone, 64, keep, e)))
			return rc;
	return 0;
}

const struct zg_arch zg_arch_riscv64 = {
	.json_arch = "riscv64",
	.irq_first = rv_irq_first,
	.irq_last = rv_irq_last,
	.pt_irq_min = 1,
	.irqchip_phandle = PLIC_PHANDLE,
	.board_ok = rv_board_ok,
	.first_free_phandle = rv_first_free_phandle,
	.fdt_root_parent = rv_fdt_root_parent,
	.fdt_root_compatible = rv_fdt_root_compatible,
	.fdt_cpus = rv_fdt_cpus,
	.fdt_firmware = NULL,
	.fdt_irqchip = rv_fdt_irqchip,
	.fdt_virtio_irq = rv_fdt_virtio_irq,
	.arch_config = rv_arch_config,
	.edit_zone0 = rv_edit_zone0,
};
