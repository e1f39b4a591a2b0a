// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/* Copyright (c) 2026 hvisor-c contributors */
/*
 * aarch64 zones (struct zg_arch): CPUs by MPIDR with PSCI, the armv8
 * timer, the GIC (v2 or v3) at a fixed phandle, virtio devices on edge
 * SPIs, arch_config the GIC's frames.
 */
#include <inttypes.h>
#include <libfdt.h>
#include <stdio.h>
#include <string.h>

#include <hvc/zone_json.h>

#include "zg_internal.h"

#define GIC_PHANDLE 1
#define T ZG_T

static unsigned int a64_irq_first(const struct board *b)
{
	(void)b;
	return HVISOR_GIC_SPI_FIRST;
}

static unsigned int a64_irq_last(const struct board *b)
{
	(void)b;
	return HVISOR_GIC_SPI_LAST;
}

static int a64_board_ok(const struct board *b, struct hvc_err *e)
{
	(void)b;
	(void)e;
	return 0;
}

static uint32_t a64_first_free_phandle(const struct board *b)
{
	(void)b;
	return GIC_PHANDLE + 1;
}

static int a64_fdt_root_parent(const struct zg_zone_view *z, void *fdt)
{
	uint32_t u = GIC_PHANDLE;

	(void)z;
	return zg_prop_u32s(fdt, "interrupt-parent", &u, 1);
}

/* No SoC code keyed on the board compatible runs in a guest. */
static int a64_fdt_root_compatible(const struct zg_zone_view *z, void *fdt)
{
	(void)z;
	return zg_prop_str(fdt, "compatible", "linux,dummy-virt");
}

/* Trigger flags of the root's timer PPI @i (3- or 4-cell GIC alike). */
static uint32_t timer_flags(const struct zg_zone_view *z, unsigned int i)
{
	int off = z->b->timer_node
			  ? dtscan_node_by_path(z->ds, z->b->timer_node)
			  : -1;
	struct dtscan_irq t[4];

	if (off >= 0 && dtscan_node_irqs(z->ds, off, t, 4, NULL) == 4 &&
	    t[i].at_gic)
		return t[i].flags;
	return 8 | (z->b->gic_version == 2 ? 0xff00u : 0);
}

/* /cpus: one cpu@MPIDR per zone CPU, 2 address cells when Aff3 is used. */
static int a64_fdt_cpus(const struct zg_zone_view *z, void *fdt)
{
	const struct board *b = z->b;
	const struct zg_request *r = z->req;
	unsigned int i;
	int wide = 0;
	uint32_t u;
	char name[64];

	T(fdt_begin_node(fdt, "cpus"));
	for (i = 0; i < b->ncpus; i++)
		if ((r->cpus >> i & 1) && b->cpus[i].mpidr >> 32)
			wide = 1;
	u = wide ? 2 : 1;
	T(zg_prop_u32s(fdt, "#address-cells", &u, 1));
	u = 0;
	T(zg_prop_u32s(fdt, "#size-cells", &u, 1));
	for (i = 0; i < b->ncpus; i++) {
		if (!(r->cpus >> i & 1))
			continue;
		snprintf(name, sizeof(name), "cpu@%" PRIx64, b->cpus[i].mpidr);
		T(fdt_begin_node(fdt, name));
		T(zg_prop_str(fdt, "device_type", "cpu"));
		T(zg_prop_str(fdt, "compatible", "arm,armv8"));
		if (wide) {
			T(zg_prop_cells(fdt, "reg", &b->cpus[i].mpidr, 1));
		} else {
			u = (uint32_t)b->cpus[i].mpidr;
			T(zg_prop_u32s(fdt, "reg", &u, 1));
		}
		T(zg_prop_str(fdt, "enable-method", "psci"));
		T(fdt_end_node(fdt));
	}
	return fdt_end_node(fdt);
}

/* /psci (the hypervisor answers PSCI for the zone) and /timer. */
static int a64_fdt_psci_timer(const struct zg_zone_view *z, void *fdt)
{
	const struct board *b = z->b;
	uint32_t u[12];
	unsigned int i;

	T(fdt_begin_node(fdt, "psci"));
	if (b->psci_version && (!strcmp(b->psci_version, "1.0") ||
				!strcmp(b->psci_version, "1.1")))
		T(fdt_property(fdt, "compatible", "arm,psci-1.0\0arm,psci-0.2",
			       26));
	else
		T(zg_prop_str(fdt, "compatible", "arm,psci-0.2"));
	T(zg_prop_str(fdt, "method", b->has_psci ? b->psci_method : "smc"));
	T(fdt_end_node(fdt));

	T(fdt_begin_node(fdt, "timer"));
	T(zg_prop_str(fdt, "compatible", "arm,armv8-timer"));
	for (i = 0; i < 4; i++) {
		u[3 * i] = 1; /* PPI */
		u[3 * i + 1] = b->timer_ppis[i] - 16;
		/* the board's trigger flags; level-low if it has no node */
		u[3 * i + 2] = timer_flags(z, i);
	}
	T(zg_prop_u32s(fdt, "interrupts", u, 12));
	T(fdt_property(fdt, "always-on", NULL, 0));
	return fdt_end_node(fdt);
}

/* The GIC: GICD + GICR (v3) or GICC (v2), fixed phandle. */
static int a64_fdt_irqchip(const struct zg_zone_view *z, void *fdt)
{
	const struct board *b = z->b;
	const char *gname = strrchr(b->gic_node, '/');
	uint64_t q[4];
	uint32_t u[3];

	T(fdt_begin_node(fdt, gname ? gname + 1 : "interrupt-controller"));
	T(zg_prop_str(fdt, "compatible", b->gic_compat));
	u[0] = 3;
	T(zg_prop_u32s(fdt, "#interrupt-cells", u, 1));
	T(fdt_property(fdt, "interrupt-controller", NULL, 0));
	q[0] = b->gicd.base;
	q[1] = b->gicd.size;
	q[2] = b->gic_version == 3 ? b->gicr.base : b->gicc.base;
	q[3] = b->gic_version == 3 ? b->gicr.size : b->gicc.size;
	T(zg_prop_cells(fdt, "reg", q, 4));
	u[0] = 1;
	u[1] = b->gic_maint - 16;
	u[2] = 4;
	T(zg_prop_u32s(fdt, "interrupts", u, 3));
	u[0] = GIC_PHANDLE;
	T(zg_prop_u32s(fdt, "phandle", u, 1));
	return fdt_end_node(fdt);
}

/* An edge-rising SPI (the root's interrupt-parent is the GIC). */
static int a64_fdt_virtio_irq(void *fdt, unsigned int irq)
{
	uint32_t u[3] = { 0, irq - HVISOR_GIC_SPI_FIRST, 1 };

	return zg_prop_u32s(fdt, "interrupts", u, 3);
}

static void a64_arch_config(const struct board *b, struct zone_json *zj)
{
	struct hvisor_zone_config *c = &zj->cfg;

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

const struct zg_arch zg_arch_aarch64 = {
	.json_arch = "arm64",
	.irq_first = a64_irq_first,
	.irq_last = a64_irq_last,
	.pt_irq_min = 32,
	.irqchip_phandle = GIC_PHANDLE,
	.board_ok = a64_board_ok,
	.first_free_phandle = a64_first_free_phandle,
	.fdt_root_parent = a64_fdt_root_parent,
	.fdt_root_compatible = a64_fdt_root_compatible,
	.fdt_cpus = a64_fdt_cpus,
	.fdt_firmware = a64_fdt_psci_timer,
	.fdt_irqchip = a64_fdt_irqchip,
	.fdt_virtio_irq = a64_fdt_virtio_irq,
	.arch_config = a64_arch_config,
	.edit_zone0 = NULL,
};

const struct zg_arch *zg_arch_of(const struct board *b)
{
	if (!strcmp(b->arch, "aarch64"))
		return &zg_arch_aarch64;
	if (!strcmp(b->arch, "riscv64"))
		return &zg_arch_riscv64;
	return NULL;
}
