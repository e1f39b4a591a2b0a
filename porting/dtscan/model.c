// SPDX-License-Identifier: GPL-2.0
/*
 * The board model: architecture, CPUs, PSCI, RAM, GIC, console, timer, PMU.
 */
#include <ctype.h>
#include <errno.h>
#include <fnmatch.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <libfdt.h>
#include <hvisor/board_limits.h>
#include "internal.h"

static void clear_err(struct dtscan *ds)
{
	if (ds->err)
		ds->err->code = 0;
}

/* The first @max interrupts of @node as INTIDs (-1: not assignable). */
int ds_first_irqs(struct dtscan *ds, int node, int *out, int max, int *n)
{
	struct ds_ivec iv = { 0 };
	int r = ds_irqs(ds, node, &iv), i;

	*n = 0;
	for (i = 0; !r && i < iv.n && *n < max; i++)
		out[(*n)++] = iv.v[i].intid;
	free(iv.v);
	return r;
}

static const char *const arm64_cpus[] = {
	"arm,armv8",
	"arm,cortex-a3[45]",
	"arm,cortex-a5[357]",
	"arm,cortex-a6[05]*",
	"arm,cortex-a7[1-9]*",
	"arm,cortex-x*",
	"arm,neoverse*",
	"arm,cortex-a5[1-9]0",
	"arm,cortex-a7[0-9]0",
	"apple,*",
	"qcom,kryo*",
	"cavium,thunder*",
	"nvidia,carmel",
	"nvidia,denver",
	"brcm,brahma-b53",
	"apm,potenza",
	"amcc,*",
	"marvell,*",
	"hisilicon,*",
	"phytium,*",
	"fujitsu,*",
};

static int cmp_cpu(const void *a, const void *b, void *arg)
{
	const struct ds_cpu *c = arg;
	int x = *(const int *)a, y = *(const int *)b;

	if (c[x].mpidr != c[y].mpidr)
		return c[x].mpidr < c[y].mpidr ? -1 : 1;
	return x - y;
}

/* Two enabled CPUs with one MPIDR: the hypervisor could not tell them
 * apart (PSCI CPU_ON, GIC redistributors, routing). */
static int check_mpidrs(struct dtscan *ds)
{
	int *order = malloc(sizeof(int) * (size_t)ds->ncpus), i, r = 0;

	if (!order)
		return ds_fail_key(ds, DTSCAN_ENOMEM, "/cpus", NULL, NULL);
	for (i = 0; i < ds->ncpus; i++)
		order[i] = i;
	qsort_r(order, (size_t)ds->ncpus, sizeof(*order), cmp_cpu, ds->cpus);
	for (i = 1; !r && i < ds->ncpus; i++)
		if (ds->cpus[order[i]].mpidr == ds->cpus[order[i - 1]].mpidr)
			r = ds_fail(
				ds, DTSCAN_EBADPROP, ds->cpus[order[i]].node,
				ds_printf(ds,
					  "each CPU's reg is its own %s; "
					  "disable or fix the duplicate",
					  ds->ops->cpu_id),
				"%s 0x%llx is also the %s of %s",
				ds->ops->cpu_id,
				(unsigned long long)ds->cpus[order[i]].mpidr,
				ds->ops->cpu_id,
				ds_path(ds, ds->cpus[order[i - 1]].node));
	free(order);
	return r;
}

static int scan_cpus(struct dtscan *ds)
{
	int cpus = ds_by_path(ds, "/cpus"), i, ac, n = 0, r;
	bool arm64 = false, riscv = false;

	if (cpus < 0)
		return ds_fail_key(ds, DTSCAN_ENOCPUS, "/cpus",
				   "the tree must describe its CPUs",
				   "no /cpus node");
	ac = ds_u32(ds, cpus, "#address-cells", 1);
	if (ac < 1 || ac > 2)
		return ds_fail(ds, DTSCAN_EBADCELLS, cpus, NULL,
			       "#address-cells = <%d> under /cpus", ac);
	ds->cpus = ds_alloc(ds, sizeof(*ds->cpus) * (size_t)ds->nnodes);
	if (!ds->cpus)
		return ds_fail(ds, DTSCAN_ENOMEM, cpus, NULL, NULL);
	for (i = cpus + 1; i < ds->nnodes && ds->nodes[i].depth > 1; i++) {
		int len;
		const fdt32_t *reg;
		size_t k;

		if (ds->nodes[i].parent != cpus ||
		    !ds_streq_prop(ds, i, "device_type", "cpu"))
			continue;
		reg = ds_prop(ds, i, "reg", &len);
		if (!reg || len < 4 * ac)
			return ds_fail(ds, DTSCAN_EBADPROP, i,
				       ds_riscv_cpu(ds, i)
					       ? "a hart's reg is its hart id"
					       : "a CPU's reg is its MPIDR",
				       "CPU without a valid reg");
		if (ds->nodes[i].disabled)
			continue;
		ds->cpus[n].mpidr = ds_cells_read((const uint32_t *)reg, ac);
		ds->cpus[n].node = i;
		ds->cpus[n].enable_method =
			ds_prop(ds, i, "enable-method", &len);
		if (ds->cpus[n].enable_method &&
		    strnlen(ds->cpus[n].enable_method, (size_t)len) ==
			    (size_t)len)
			ds->cpus[n].enable_method = NULL;
		for (k = 0; k < sizeof(arm64_cpus) / sizeof(*arm64_cpus); k++)
			if (ds_compat(ds, i, arm64_cpus[k]))
				arm64 = true;
		riscv |= ds_riscv_cpu(ds, i);
		n++;
	}
	ds->ncpus = n;
	if (!n)
		return ds_fail(ds, DTSCAN_ENOCPUS, cpus,
			       "the tree must describe its CPUs",
			       "no enabled CPU under /cpus");
	if (n > HVISOR_BOARD_MAX_CPUS)
		return ds_fail(ds, DTSCAN_ENOCPUS, cpus,
			       "the virtio bridge page has one answer slot "
			       "per CPU (HVISOR_VIRTIO_MAX_CPUS)",
			       "%d enabled CPUs, the hypervisor handles at "
			       "most %d",
			       n, HVISOR_BOARD_MAX_CPUS);
	if (ac == 2)
		arm64 = true;
	if (ds->opts->arch)
		ds->arch = ds->opts->arch;
	else if (arm64)
		ds->arch = "aarch64";
	else if (riscv)
		ds->arch = "riscv64";
	else
		return ds_fail(ds, DTSCAN_EARCH, ds->cpus[0].node,
			       "give --arch aarch64",
			       "cannot tell the architecture from the CPUs");
	if (!strcmp(ds->arch, ds_arch_aarch64.name))
		ds->ops = &ds_arch_aarch64;
	else if (!strcmp(ds->arch, ds_arch_riscv64.name))
		ds->ops = &ds_arch_riscv64;
	else
		return ds_fail_key(ds, DTSCAN_EARCH, "--arch",
				   "aarch64 or riscv64",
				   "unsupported architecture \"%s\"", ds->arch);
	r = check_mpidrs(ds);
	if (r)
		return r;
	return 0;
}

static void scan_psci(struct dtscan *ds)
{
	int i;

	ds->psci = -1;
	for (i = 1; i < ds->nnodes; i++) {
		const char *c;

		if (!ds_compat(ds, i, "arm,psci*") || ds->nodes[i].disabled)
			continue;
		ds->psci = i;
		ds->psci_hvc = ds_streq_prop(ds, i, "method", "hvc");
		c = ds_compat0(ds, i);
		if (!c)
			ds->psci_version = "0.2";
		else if (!strcmp(c, "arm,psci"))
			ds->psci_version = "0.1";
		else if (!strncmp(c, "arm,psci-", 9))
			ds->psci_version = c + 9;
		else
			ds->psci_version = "0.2";
		return;
	}
}

/*
 * The base of memory node @i with no size (the bootloader fills the size
 * in): its first reg entry, else its unit address.  false when it has
 * neither.
 */
static bool memory_base(struct dtscan *ds, int i, uint64_t *base)
{
	const char *at = strchr(ds_name(ds, i), '@');
	uint64_t s;
	char *end;
	int n;

	if (!ds_reg_count(ds, i, &n) && n > 0 && !ds_reg(ds, i, 0, base, &s))
		return true;
	if (!at || !at[1])
		return false;
	errno = 0;
	*base = strtoull(at + 1, &end, 16);
	return !errno && !*end;
}

static int scan_memory(struct dtscan *ds)
{
	int i, k, r, n, rm, empty = -1;
	uint64_t base;

	if (ds->opts->nram) {
		for (k = 0; k < ds->opts->nram; k++) {
			r = rv_add(ds, &ds->mem, ds->opts->ram_base[k],
				   ds->opts->ram_size[k], REG_RAM, -1);
			if (r)
				return r;
		}
	} else {
		for (i = 1; i < ds->nnodes; i++) {
			if (ds->nodes[i].depth != 1 ||
			    !ds_streq_prop(ds, i, "device_type", "memory") ||
			    ds->nodes[i].disabled)
				continue;
			if (empty < 0)
				empty = i;
			r = ds_reg_count(ds, i, &n);
			for (k = 0; !r && k < n; k++) {
				uint64_t b, s;

				r = ds_reg(ds, i, k, &b, &s);
				if (!r)
					r = rv_add(ds, &ds->mem, b, s, REG_RAM,
						   i);
			}
			if (r)
				return r;
		}
	}
	/* overlapping --ram ranges or /memory nodes are one RAM range */
	r = rv_merge_overlaps(ds, &ds->mem);
	if (r)
		return r;
	if (!ds->mem.n && empty >= 0 && memory_base(ds, empty, &base))
		return ds_fail_key(ds, DTSCAN_ENORAM, "/memory",
				   ds_printf(ds,
					     "the bootloader fills it in: give "
					     "--ram 0x%llx+SIZE, %s's base",
					     (unsigned long long)base,
					     ds_path(ds, empty)),
				   "no /memory with a non-zero size");
	if (!ds->mem.n)
		return ds_fail_key(ds, DTSCAN_ENORAM, "/memory",
				   "the bootloader fills it in: give "
				   "--ram BASE+SIZE",
				   "no /memory with a non-zero size");
	/* no-map reserved-memory and /memreserve/ are not RAM for us */
	rm = ds_by_path(ds, "/reserved-memory");
	for (i = rm + 1; rm >= 0 && i < ds->nnodes &&
			 ds->nodes[i].depth > ds->nodes[rm].depth;
	     i++) {
		if (ds->nodes[i].parent != rm || !ds_has(ds, i, "no-map") ||
		    ds->nodes[i].disabled)
			continue;
		r = ds_reg_count(ds, i, &n);
		for (k = 0; !r && k < n; k++) {
			uint64_t b, s;

			r = ds_reg(ds, i, k, &b, &s);
			if (!r)
				r = rv_add(ds, &ds->reserved, b, s, REG_RAM, i);
		}
		if (r)
			return r;
	}
	n = fdt_num_mem_rsv(ds->fdt);
	for (k = 0; k < n; k++) {
		uint64_t b, s;

		if (fdt_get_mem_rsv(ds->fdt, k, &b, &s))
			break;
		r = rv_add(ds, &ds->reserved, b, s, REG_RAM, -1);
		if (r)
			return r;
	}
	for (k = 0; k < ds->mem.n; k++) {
		r = rv_add(ds, &ds->usable, ds->mem.v[k].base,
			   ds->mem.v[k].size, REG_RAM,
			   ds->mem.v[k].nnodes ? ds->mem.v[k].nodes[0] : -1);
		if (r)
			return r;
	}
	/* usable RAM: page granular, shrink to whole pages */
	r = rv_subtract(ds, &ds->usable, &ds->reserved);
	if (r)
		return r;
	for (k = 0; k < ds->usable.n; k++) {
		struct ds_region *g = &ds->usable.v[k];
		uint64_t b = (g->base + SZ_4K - 1) & ~(SZ_4K - 1);
		uint64_t e = (g->base + g->size) & ~(SZ_4K - 1);

		g->base = b;
		g->size = e > b ? e - b : 0;
	}
	for (k = i = 0; k < ds->usable.n; k++)
		if (ds->usable.v[k].size)
			ds->usable.v[i++] = ds->usable.v[k];
	ds->usable.n = i;
	if (!ds->usable.n)
		return ds_fail_key(ds, DTSCAN_ENORAM, "/memory",
				   "give --ram BASE+SIZE",
				   "all RAM is reserved");
	return 0;
}

static const char *const frame_names[] = { "GICD", "GICR or GICC", "GICH",
					   "GICV" };

static int gic_frame(struct dtscan *ds, int idx, struct ds_gicframe *f)
{
	int r = ds_reg(ds, ds->irqchip, idx, &f->base, &f->size);

	f->present = !r;
	if (!r && !f->size)
		return ds_fail(
			ds, DTSCAN_EBADPROP, ds->irqchip,
			"every GIC frame has a size",
			"reg entry %d (%s) has size 0", idx,
			idx == 1 ? (ds->gic_version == 3 ? "GICR" : "GICC")
				 : frame_names[idx]);
	return r;
}

/* GICv3 redistributors: the stride and the first region (the only one
 * the hypervisor scans) must hold a redistributor per CPU. */
static int check_gicr(struct dtscan *ds)
{
	int len;
	const fdt32_t *st =
		ds_prop(ds, ds->irqchip, "redistributor-stride", &len);
	const char *hint = "the binding: a multiple of 64 KiB; 0x20000 for "
			   "GICv3, 0x40000 for GICv4 with VLPIs";
	uint64_t s;

	ds->gicr_stride = 0x20000;
	if (st) {
		if (len != 4 && len != 8)
			return ds_fail(ds, DTSCAN_EBADPROP, ds->irqchip, hint,
				       "redistributor-stride is %d bytes, "
				       "not 1 or 2 cells",
				       len);
		s = ds_cells_read((const uint32_t *)st, len / 4);
		if (s < 0x20000 || s % 0x10000)
			return ds_fail(ds, DTSCAN_EBADPROP, ds->irqchip, hint,
				       "redistributor-stride = 0x%llx is not "
				       "a multiple of 64 KiB of at least "
				       "0x20000 (two frames)",
				       (unsigned long long)s);
		ds->gicr_stride = s;
	}
	if (ds->gicr.size / ds->gicr_stride < (uint64_t)ds->ncpus)
		return ds_fail(
			ds, DTSCAN_EBADPROP, ds->irqchip,
			"the hypervisor scans the first redistributor "
			"region only: fix its size or "
			"redistributor-stride",
			"GICR 0x%llx+0x%llx holds %llu "
			"redistributor(s) at stride 0x%llx, the DT "
			"has %d CPUs",
			(unsigned long long)ds->gicr.base,
			(unsigned long long)ds->gicr.size,
			(unsigned long long)(ds->gicr.size / ds->gicr_stride),
			(unsigned long long)ds->gicr_stride, ds->ncpus);
	return 0;
}

/* GIC frames, ITS and the console UART: no two may share an address. */
static int check_frames(struct dtscan *ds)
{
	struct ds_frame f[5 + 32];
	int n = 0, i;

	f[n++] = (struct ds_frame){ "GICD", ds->irqchip, ds->gicd.base,
				 ds->gicd.size };
	if (ds->gicr.present)
		f[n++] = (struct ds_frame){ "GICR", ds->irqchip, ds->gicr.base,
					 ds->gicr.size };
	if (ds->gicc.present)
		f[n++] = (struct ds_frame){ "GICC", ds->irqchip, ds->gicc.base,
					 ds->gicc.size };
	if (ds->gich.present)
		f[n++] = (struct ds_frame){ "GICH", ds->irqchip, ds->gich.base,
					 ds->gich.size };
	if (ds->gicv.present)
		f[n++] = (struct ds_frame){ "GICV", ds->irqchip, ds->gicv.base,
					 ds->gicv.size };
	for (i = 0; i < ds->its.n && i < 31; i++)
		f[n++] = (struct ds_frame){ "ITS", ds->its.v[i].nodes[0],
					 ds->its.v[i].base, ds->its.v[i].size };
	if (ds->console >= 0)
		f[n++] = (struct ds_frame){ "console UART", ds->console,
					 ds->con_base, ds->con_size };
	return ds_frames_disjoint(ds, f, n, "fix the reg of the GIC or the UART");
}

static int scan_gic(struct dtscan *ds)
{
	int i, r, n, len, first = -1;
	const fdt32_t *ip = ds_prop(ds, 0, "interrupt-parent", &len);

	ds->irqchip = -1;
	if (ip && len == 4) {
		int p = ds_by_phandle(ds, fdt32_to_cpu(*ip));

		if (p >= 0 && ds_is_gic(ds, p) && !ds->nodes[p].disabled)
			ds->irqchip = p;
	}
	for (i = 1; ds->irqchip < 0 && i < ds->nnodes; i++)
		if (ds_is_gic(ds, i) && !ds->nodes[i].disabled) {
			first = i;
			break;
		}
	if (ds->irqchip < 0)
		ds->irqchip = first;
	if (ds->irqchip < 0)
		return ds_fail_key(ds, DTSCAN_ENOGIC, "/",
				   "dtscan supports GICv2 and GICv3 "
				   "interrupt controllers",
				   "no GIC interrupt controller");
	ds->gic_compat = ds_compat0(ds, ds->irqchip);
	ds->gic_version = ds_compat(ds, ds->irqchip, "arm,gic-v3") ? 3 : 2;
	r = ds_reg_count(ds, ds->irqchip, &n);
	if (!r && n < 2)
		r = ds_fail(ds, DTSCAN_EBADPROP, ds->irqchip,
			    "a GIC needs its distributor and CPU "
			    "interface/redistributor frames",
			    "GIC reg has %d entries", n);
	if (!r)
		r = gic_frame(ds, 0, &ds->gicd);
	if (r)
		return r;
	if (ds->gic_version == 3) {
		r = gic_frame(ds, 1, &ds->gicr);
		if (!r)
			r = check_gicr(ds);
		if (r)
			return r;
		for (i = ds->irqchip + 1;
		     i < ds->nnodes &&
		     ds->nodes[i].depth > ds->nodes[ds->irqchip].depth;
		     i++) {
			uint64_t b, s;

			if (!ds_compat(ds, i, "arm,gic-v3-its") ||
			    ds->nodes[i].disabled)
				continue;
			r = ds_reg(ds, i, 0, &b, &s);
			if (!r)
				r = rv_add(ds, &ds->its, b, s, REG_DEVICE, i);
			if (r)
				return r;
		}
		r = rv_normalize(ds, &ds->its, 1);
		if (r)
			return r;
	} else {
		r = gic_frame(ds, 1, &ds->gicc);
		if (r)
			return r;
		if (n > 2 && gic_frame(ds, 2, &ds->gich))
			return -ds->err->code;
		if (n > 3 && gic_frame(ds, 3, &ds->gicv))
			return -ds->err->code;
		/* GIC-400 with 4 KiB pages aliased over 64 KiB: Linux uses
		 * the 8 KiB window at +0xf000 (irq-gic.c) */
		if (ds->gicc.size == 0x20000)
			ds->gicc_alias = 0xf000;
	}
	n = 0;
	r = ds_first_irqs(ds, ds->irqchip, &ds->gic_maint, 1, &n);
	if (r)
		return r;
	if (!n)
		ds->gic_maint = -1;
	return 0;
}

static void scan_timer_pmu(struct dtscan *ds)
{
	int i, n;

	ds->timer = ds->pmu = -1;
	for (i = 1; i < ds->nnodes; i++) {
		if (ds->nodes[i].disabled)
			continue;
		if (ds->timer < 0 && (ds_compat(ds, i, "arm,armv8-timer") ||
				      ds_compat(ds, i, "arm,armv7-timer"))) {
			ds->timer = i;
			if (ds_first_irqs(ds, i, ds->timer_ppis, 8, &n))
				clear_err(ds);
			ds->ntimer = n;
		}
		if (ds->pmu < 0 && (ds_compat(ds, i, "arm,armv8-pmuv3") ||
				    ds_compat(ds, i, "arm,cortex-a*-pmu") ||
				    ds_compat(ds, i, "arm,armv7-pmu*"))) {
			ds->pmu = i;
			if (ds_first_irqs(ds, i, ds->pmu_irqs, 16, &n))
				clear_err(ds);
			ds->npmu = n;
		}
	}
}

/*
 * Console UART families: compatible glob -> hypervisor driver (board.yaml
 * console.driver), Linux console name, register spacing and width, tty
 * index.  The first compatible string any entry knows wins, so a board's
 * own string comes before the generic fallback it lists.
 */
struct uart_type {
	const char *glob, *driver, *tty;
	int shift; /* -1: the DT's reg-shift (default 0); else this value */
	int width; /* -1: the DT's reg-io-width (default 1); else this value */
	int tty_idx; /* -1: the node's serialN alias; else this line */
};

static const struct uart_type uarts[] = {
	{ "arm,pl011", "pl011", "ttyAMA", 0, 1, -1 },
	{ "arm,sbsa-uart", "pl011", "ttyAMA", 0, 1, -1 },
	/* 8250_omap: registers 4 bytes apart (OMAP_UART_REGSHIFT) */
	{ "ti,am654-uart", "ns16550", "ttyS", 2, -1, -1 },
	/* Tegra's 8250: reg-shift = <2> in the DT */
	{ "nvidia,tegra*-uart", "ns16550", "ttyS", -1, -1, -1 },
	{ "snps,dw-apb-uart", "ns16550", "ttyS", -1, -1, -1 },
	{ "ns16550a", "ns16550", "ttyS", -1, -1, -1 },
	{ "ns16550", "ns16550", "ttyS", -1, -1, -1 },
	{ "ns16450", "ns16550", "ttyS", -1, -1, -1 },
	{ "ns8250", "ns16550", "ttyS", -1, -1, -1 },
	{ "brcm,bcm2835-aux-uart", "ns16550", "ttyS", 2, 4, -1 },
	{ "fsl,imx*-lpuart", "lpuart", "ttyLP", 0, 4, -1 },
	{ "fsl,imx*-uart", "imx", "ttymxc", 0, 1, -1 },
	{ "cdns,uart-r1p*", "xuartps", "ttyPS", 0, 1, -1 },
	{ "xlnx,xuartps", "xuartps", "ttyPS", 0, 1, -1 },
	{ "amlogic,meson*-uart", "meson", "ttyAML", 0, 4, -1 },
	{ "qcom,msm-uartdm-v1.*", "msm", "ttyMSM", 0, 4, -1 },
	{ "qcom,msm-uartdm", "msm", "ttyMSM", 0, 4, -1 },
	/* Linux's GENI console driver has one port: ttyMSM0 */
	{ "qcom,geni-debug-uart", "geni", "ttyMSM", 0, 4, 0 },
	{ "qcom,geni-uart", "geni", "ttyHS", 0, 4, -1 },
	/* the standard port; Linux's mvebu-uart makes it ttyMV0 */
	{ "marvell,armada-3700-uart", "mvebu", "ttyMV", 0, 4, 0 },
	{ "renesas,rcar-gen*-scif", "scif", "ttySC", 0, 2, -1 },
	{ "renesas,scif", "scif", "ttySC", 0, 2, -1 },
};

#define UART_FAMILIES                                                          \
	"pl011, 16550 (ns16550a, snps,dw-apb-uart, ti,am654-uart, "            \
	"nvidia,tegra*-uart), fsl,imx*-uart, fsl,imx*-lpuart, cdns,uart, "     \
	"amlogic,meson*-uart, qcom,msm-uartdm, qcom,geni-*uart, "              \
	"marvell,armada-3700-uart, renesas,scif"

/* Walk "compatible" in order: the first string any entry knows wins. */
static const struct uart_type *uart_lookup(struct dtscan *ds, int node)
{
	int len, i = 0;
	const char *p = ds_prop(ds, node, "compatible", &len);
	size_t k;

	while (p && i < len) {
		const char *s = p + i;
		size_t l = strnlen(s, (size_t)(len - i));

		if (l == (size_t)(len - i))
			break;
		for (k = 0; k < sizeof(uarts) / sizeof(*uarts); k++)
			if (!fnmatch(uarts[k].glob, s, 0))
				return &uarts[k];
		i += (int)l + 1;
	}
	return NULL;
}

/* serialN alias pointing at @node gives Linux's tty index. */
static int serial_alias(struct dtscan *ds, int node)
{
	int al = ds_by_path(ds, "/aliases"), off;
	const char *path = ds_path(ds, node);

	if (al < 0)
		return 0;
	fdt_for_each_property_offset (off, ds->fdt, ds->nodes[al].off) {
		const char *name;
		int len;
		const char *v =
			fdt_getprop_by_offset(ds->fdt, off, &name, &len);

		if (!v || strncmp(name, "serial", 6) ||
		    !isdigit((unsigned char)name[6]) || len < 1 ||
		    strnlen(v, (size_t)len) == (size_t)len)
			continue;
		if (!strcmp(v, path))
			return atoi(name + 6);
	}
	return 0;
}

static int resolve_alias(struct dtscan *ds, const char *s, size_t n)
{
	char tmp[512];
	int node;

	if (n >= sizeof(tmp))
		return -1;
	memcpy(tmp, s, n);
	tmp[n] = '\0';
	/* fdt_path_offset() resolves both paths and alias names */
	node = fdt_path_offset(ds->fdt, tmp);
	return node < 0 ? -1 : ds_node_of(ds, node);
}

static long uart_clock(struct dtscan *ds, int node)
{
	int len, idx = 0, i = 0;
	const fdt32_t *cl;
	const char *names = ds_prop(ds, node, "clock-names", &len);
	int clk;

	if (ds_has(ds, node, "clock-frequency"))
		return (long)ds_u32(ds, node, "clock-frequency", 0);
	/* the functional clock: baudclk/uartclk/per, else the first one */
	for (int k = 0; names && i < len; k++) {
		const char *s = names + i;
		size_t l = strnlen(s, (size_t)(len - i));

		if (l == (size_t)(len - i))
			break;
		if (!strcmp(s, "baudclk") || !strcmp(s, "uartclk") ||
		    !strcmp(s, "uart") || !strcmp(s, "per") ||
		    !strcmp(s, "uart_clk")) {
			idx = k;
			break;
		}
		i += (int)l + 1;
	}
	cl = ds_prop(ds, node, "clocks", &len);
	/* walk entries: phandle + #clock-cells */
	for (i = 0; cl && i < len / 4; idx--) {
		int cells;

		clk = ds_by_phandle(ds, fdt32_to_cpu(cl[i]));
		if (clk < 0)
			return -1;
		cells = ds_cells(ds, clk, "#clock-cells", 0);
		if (cells < 0)
			return -1;
		if (idx == 0)
			return ds_compat(ds, clk, "fixed-clock")
				       ? (long)ds_u32(ds, clk,
						      "clock-frequency", -1)
				       : -1;
		i += 1 + cells;
	}
	return -1;
}

/* Highest console baud rate dtscan writes (Linux's 8250 tops at 4 Mbaud). */
#define MAX_BAUD 4000000

/* The digits of a stdout-path option ("115200n8"): 1..MAX_BAUD or -1. */
static long parse_baud(const char *s)
{
	long v = 0;

	for (; isdigit((unsigned char)*s); s++) {
		v = v * 10 + (*s - '0');
		if (v > MAX_BAUD)
			return -1;
	}
	return v ? v : -1;
}

/* Baud rate when neither stdout-path nor current-speed gives one. */
#define DEFAULT_BAUD 115200

int ds_warn(struct dtscan *ds, const char *fmt, ...)
{
	char tmp[1024];
	const char **v;
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(tmp, sizeof(tmp), fmt, ap);
	va_end(ap);
	if (ds->nwarn == ds->warn_cap) {
		int cap = ds->warn_cap ? 2 * ds->warn_cap : 8;

		v = ds_alloc(ds, (size_t)cap * sizeof(*v));
		if (!v)
			return ds_fail_key(ds, DTSCAN_ENOMEM, "warnings", NULL,
					   NULL);
		if (ds->nwarn)
			memcpy(v, ds->warn, (size_t)ds->nwarn * sizeof(*v));
		ds->warn = v;
		ds->warn_cap = cap;
	}
	ds->warn[ds->nwarn] = ds_strdup(ds, tmp);
	if (!ds->warn[ds->nwarn])
		return ds_fail_key(ds, DTSCAN_ENOMEM, "warnings", NULL, NULL);
	ds->nwarn++;
	return 0;
}

const char *dtscan_warning(const struct dtscan *ds, int i)
{
	return ds && i >= 0 && i < ds->nwarn ? ds->warn[i] : NULL;
}

/* Append @what to console.why ("; " between reasons). */
static int con_why(struct dtscan *ds, const char *what)
{
	if (!what)
		return ds_fail_key(ds, DTSCAN_ENOMEM, "console", NULL, NULL);
	ds->con_why = ds->con_why ? ds_printf(ds, "%s; %s", ds->con_why, what)
				  : ds_strdup(ds, what);
	return ds->con_why
		       ? 0
		       : ds_fail_key(ds, DTSCAN_ENOMEM, "console", NULL, NULL);
}

/*
 * A node the console can be: enabled, of a known family, with a reg the
 * CPU reaches (not behind an LPC/ISA bridge).
 */
static bool uart_usable(struct dtscan *ds, int node)
{
	uint64_t base, size;

	if (node <= 0 || ds->nodes[node].disabled || !ds_has(ds, node, "reg") ||
	    !uart_lookup(ds, node))
		return false;
	if (ds_reg(ds, node, 0, &base, &size)) {
		clear_err(ds);
		return false;
	}
	return true;
}

/* stdout-path names a framebuffer: the node, or a name naming nothing */
static bool is_framebuffer(struct dtscan *ds, int node, const char *sp,
			   size_t n)
{
	const char *base = sp;

	if (node >= 0)
		return ds_compat(ds, node, "simple-framebuffer") ||
		       !strncmp(ds_name(ds, node), "framebuffer", 11);
	for (size_t i = 0; i < n; i++)
		if (sp[i] == '/')
			base = sp + i + 1;
	return (size_t)(sp + n - base) >= 11 &&
	       !strncmp(base, "framebuffer", 11);
}

/*
 * No usable stdout-path (@reason says why): the serial0 alias when it
 * names a usable UART, else the first usable UART in DT order.
 */
static int console_fallback(struct dtscan *ds, const char *reason, int *out)
{
	int a = resolve_alias(ds, "serial0", 7);
	const char *how = NULL;
	int node = -1;

	if (uart_usable(ds, a)) {
		node = a;
		how = "the serial0 alias";
	} else {
		for (int i = 1; i < ds->nnodes && node < 0; i++)
			if (uart_usable(ds, i))
				node = i;
		how = a < 0 ? "the first enabled UART of a supported family"
			    : "the first enabled UART of a supported family "
			      "(serial0 is disabled or not supported)";
	}
	if (node < 0)
		return ds_fail_key(ds, DTSCAN_ENOCONSOLE, "/chosen/stdout-path",
				   "give --console PATH or --console none",
				   "%s, and no enabled, CPU-addressable UART "
				   "of a supported family",
				   reason);
	*out = node;
	ds->con_fallback = true;
	if (con_why(ds, ds_printf(ds, "%s: %s", reason, how)))
		return -DTSCAN_ENOMEM;
	return ds_warn(ds, "%s: console %s (%s)", reason, ds_path(ds, node),
		       how);
}

int ds_scan_console(struct dtscan *ds)
{
	const char *want = ds->opts->console, *opt = NULL;
	const struct uart_type *t;
	int node, n, len, r, irq;

	ds->console = -1;
	ds->con_irq = -1;
	ds->con_baud = -1;
	ds->con_clk = -1;
	ds->con_why = NULL;
	ds->con_fallback = false;
	if (want && !strcmp(want, "none"))
		return 0;
	if (want) {
		node = resolve_alias(ds, want, strlen(want));
		if (node < 0)
			return ds_fail_key(ds, DTSCAN_ENOCONSOLE, want,
					   "give a node path or alias, or "
					   "--console none",
					   "--console names no node");
	} else {
		int ch = ds_by_path(ds, "/chosen");
		const char *sp =
			ch < 0 ? NULL : ds_prop(ds, ch, "stdout-path", &len);
		size_t nlen;

		if (ch >= 0 && !sp)
			sp = ds_prop(ds, ch, "linux,stdout-path", &len);
		if (!sp || len < 2 || strnlen(sp, (size_t)len) == (size_t)len)
			r = console_fallback(ds, "no stdout-path in /chosen",
					     &node);
		else {
			opt = strchr(sp, ':');
			nlen = opt ? (size_t)(opt - sp) : strlen(sp);
			node = resolve_alias(ds, sp, nlen);
			if (is_framebuffer(ds, node, sp, nlen)) {
				opt = NULL;
				r = console_fallback(
					ds,
					ds_printf(ds,
						  "stdout-path \"%s\" is a "
						  "framebuffer",
						  ds_esc(ds, sp, nlen)),
					&node);
			} else if (node < 0) {
				return ds_fail_key(
					ds, DTSCAN_ENOCONSOLE,
					"/chosen/stdout-path",
					"give --console PATH or --console "
					"none",
					"stdout-path \"%s\" names no node", sp);
			} else
				r = 0;
		}
		if (r)
			return r;
		if (opt && isdigit((unsigned char)opt[1])) {
			ds->con_baud = parse_baud(opt + 1);
			if (ds->con_baud < 0)
				return ds_fail_key(
					ds, DTSCAN_EBADPROP,
					"/chosen/stdout-path",
					"write e.g. serial0:115200n8; or "
					"--console PATH",
					"baud rate in \"%s\" is not 1..%d",
					ds_esc(ds, sp, (size_t)len), MAX_BAUD);
		}
	}
	t = uart_lookup(ds, node);
	if (!t) {
		const char *c = ds_compat0(ds, node);

		return ds_fail(ds, DTSCAN_EUART, node,
			       "supported: " UART_FAMILIES
			       "; or --console PATH|none",
			       "unsupported console UART \"%s\"",
			       c ? c : "(no compatible)");
	}
	ds->console = node;
	ds->con_driver = t->driver;
	ds->con_compat = ds_compat0(ds, node);
	ds->con_tty = t->tty;
	ds->con_tty_idx = t->tty_idx >= 0 ? t->tty_idx : serial_alias(ds, node);
	r = ds_reg_count(ds, node, &n);
	if (!r && !n)
		r = ds_fail(ds, DTSCAN_EBADPROP, node, NULL,
			    "console UART has no reg");
	if (!r)
		r = ds_reg(ds, node, 0, &ds->con_base, &ds->con_size);
	if (r)
		return r;
	ds->con_shift = t->shift >= 0
				? (uint32_t)t->shift
				: (uint32_t)ds_u32(ds, node, "reg-shift", 0);
	ds->con_width = t->width >= 0
				? (uint32_t)t->width
				: (uint32_t)ds_u32(ds, node, "reg-io-width", 1);
	/* the hypervisor's UART driver shifts and sizes accesses by these */
	if (ds->con_shift > 3 ||
	    (ds->con_width != 1 && ds->con_width != 2 && ds->con_width != 4))
		return ds_fail(ds, DTSCAN_EBADPROP, node,
			       "reg-shift is 0..3, reg-io-width 1, 2 or 4",
			       "reg-shift = <%u>, reg-io-width = <%u> are "
			       "not supported",
			       ds->con_shift, ds->con_width);
	if (ds->con_baud < 0 && ds_has(ds, node, "current-speed")) {
		const fdt32_t *cs = ds_prop(ds, node, "current-speed", &len);
		uint32_t v = len == 4 ? fdt32_to_cpu(*cs) : 0;

		if (!v || v > MAX_BAUD)
			return ds_fail(ds, DTSCAN_EBADPROP, node,
				       "fix current-speed in the DT",
				       "current-speed is not one cell of "
				       "1..%d",
				       MAX_BAUD);
		ds->con_baud = (long)v;
	}
	if (ds->con_baud < 0) {
		const char *why = ds_printf(
			ds,
			"baud %d assumed (no speed in %s, no current-speed)",
			DEFAULT_BAUD, want ? "--console" : "stdout-path");

		ds->con_baud = DEFAULT_BAUD;
		if (con_why(ds, why))
			return -DTSCAN_ENOMEM;
		r = ds_warn(ds, "console %s: %s", ds_path(ds, node), why);
		if (r)
			return r;
	}
	ds->con_clk = uart_clock(ds, node);
	r = ds_first_irqs(ds, node, &irq, 1, &n);
	if (r)
		return r;
	ds->con_irq = n ? irq : -1;
	return 0;
}

void ds_scan_mmc(struct dtscan *ds)
{
	int i, a = ds_by_path(ds, "/aliases");

	ds->mmc = -1;
	if (a >= 0 && ds_has(ds, a, "mmc0")) {
		i = resolve_alias(ds, "mmc0", 4);
		if (i >= 0 && !ds->nodes[i].disabled) {
			ds->mmc = i;
			return;
		}
	}
	for (i = 1; i < ds->nnodes; i++) {
		const char *n = ds_name(ds, i);

		if (ds->nodes[i].disabled || !ds_has(ds, i, "reg"))
			continue;
		if (!strncmp(n, "mmc@", 4) || !strncmp(n, "sdhci@", 6) ||
		    !strncmp(n, "dwmmc@", 6) || !strncmp(n, "emmc@", 5)) {
			ds->mmc = i;
			return;
		}
	}
}

static int arm64_scan(struct dtscan *ds)
{
	int r;

	scan_psci(ds);
	r = scan_gic(ds);
	if (r)
		return r;
	scan_timer_pmu(ds);
	r = ds_scan_console(ds);
	if (!r)
		r = check_frames(ds);
	return r;
}

static void arm64_keep(struct dtscan *ds)
{
	if (ds->psci >= 0)
		ds_keep(ds, ds->psci, "PSCI");
	if (ds->timer >= 0)
		ds_keep(ds, ds->timer, "architected timer");
	if (ds->pmu >= 0)
		ds_keep(ds, ds->pmu, "PMU");
	ds_keep(ds, ds->irqchip, "interrupt controller (GIC)");
}

const struct ds_arch ds_arch_aarch64 = {
	.name = "aarch64",
	.cpu_id = "MPIDR",
	.first_irq = HVISOR_BOARD_FIRST_SPI,
	.foreign_irq_why = "ends at a controller other than the GIC",
	.scan = arm64_scan,
	.keep = arm64_keep,
	.emulated = arm64_emulated,
	.place_hv = arm64_place_hv,
	.frames = arm64_frames,
	.virtio_irq = arm64_virtio_irq,
	.virtio_dts = arm64_virtio_dts,
	.yaml_board = arm64_yaml_board,
	.yaml_irqchip = arm64_yaml_irqchip,
	.summary_cpus = arm64_summary_cpus,
	.summary_irqchip = arm64_summary_irqchip,
};

int ds_model(struct dtscan *ds)
{
	int r;

	ds->psci = ds->timer = ds->pmu = -1;
	ds->imsic = ds->clint = ds->con_sbi_node = -1;
	ds->timebase = -1;
	r = scan_cpus(ds);
	if (r)
		return r;
	r = scan_memory(ds);
	if (r)
		return r;
	r = ds->ops->scan(ds);
	if (r)
		return r;
	ds_scan_mmc(ds);
	return 0;
}
