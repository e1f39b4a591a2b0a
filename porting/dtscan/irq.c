// SPDX-License-Identifier: GPL-2.0
/*
 * Interrupt resolution, as Linux's of_irq_parse_raw() does it:
 * interrupts-extended first, else interrupts + the interrupt parent
 * (interrupt-parent inherited from ancestors); interrupt-map nexus nodes
 * with interrupt-map-mask are followed until a controller is reached.
 * The GIC yields an INTID (SPI + 32, PPI + 16, ESPI, EPPI), a RISC-V PLIC
 * or APLIC its source id; any other final controller makes the interrupt
 * "not assignable", chain recorded (a hart's riscv,cpu-intc: local).
 */
#include <string.h>
#include <libfdt.h>
#include <hvisor/zone_config.h>
#include "internal.h"

#define MAX_SPEC DS_MAX_SPEC_CELLS

static const char *const gic_compats[] = {
	"arm,gic-v3",
	"arm,gic-400",
	"arm,cortex-a15-gic",
	"arm,cortex-a9-gic",
	"arm,cortex-a7-gic",
	"arm,arm11mp-gic",
	"arm,arm1176jzf-devchip-gic",
	"arm,eb11mp-gic",
	"arm,pl390",
	"arm,tc11mp-gic",
	"brcm,brahma-b15-gic",
	"nvidia,tegra210-agic",
	"qcom,msm-8660-qgic",
	"qcom,msm-qgic2",
};

bool ds_is_gic(const struct dtscan *ds, int node)
{
	size_t i;

	if (!ds_has(ds, node, "interrupt-controller"))
		return false;
	for (i = 0; i < sizeof(gic_compats) / sizeof(gic_compats[0]); i++)
		if (ds_compat(ds, node, gic_compats[i]))
			return true;
	return false;
}

/* Raw cell count: no defaults beyond the one given (see toolkit notes). */
static int rawcells(const struct dtscan *ds, int node, const char *name,
		    int dflt)
{
	int len;
	const fdt32_t *p = ds_prop(ds, node, name, &len);
	uint32_t v;

	if (!p)
		return dflt;
	if (len != 4)
		return -1;
	v = fdt32_to_cpu(*p);
	return v > MAX_SPEC ? -1 : (int)v;
}

/* Linux of_irq_find_parent(): follow interrupt-parent or go up. */
static int find_parent(const struct dtscan *ds, int node)
{
	int guard = 0;

	do {
		int len;
		const fdt32_t *p = ds_prop(ds, node, "interrupt-parent", &len);

		if (p && len == 4)
			node = ds_by_phandle(ds, fdt32_to_cpu(*p));
		else
			node = ds->nodes[node].parent;
		if (++guard > 256)
			return -1;
	} while (node >= 0 && !ds_has(ds, node, "#interrupt-cells"));
	return node;
}

static void gic_decode(const uint32_t *spec, int n, struct ds_irq *irq)
{
	uint32_t type = spec[0], num = n > 1 ? spec[1] : 0;

	irq->flags = n > 2 ? spec[2] : 0;
	if (n < 2) {
		irq->why = "GIC specifier shorter than 2 cells";
		return;
	}
	switch (type) {
	case 0: /* SPI */
		if (num < 988)
			irq->intid = (int)num + 32;
		break;
	case 1: /* PPI */
		if (num < 16)
			irq->intid = (int)num + 16;
		break;
	case 2: /* extended SPI */
		if (num < 1024)
			irq->intid = (int)num + 4096;
		break;
	case 3: /* extended PPI */
		if (num < 64)
			irq->intid = (int)num + 1056;
		break;
	default:
		break;
	}
	if (irq->intid < 0)
		irq->why = "GIC specifier out of range";
}

/*
 * A PLIC or APLIC specifier: the source id (1..riscv,ndev or
 * riscv,num-sources), the APLIC's second cell the trigger type.
 */
static void source_decode(const struct dtscan *ds, int ctrl,
			  const uint32_t *spec, int n, struct ds_irq *irq)
{
	int max = ds_u32(ds, ctrl, "riscv,ndev", -1);

	if (max < 0)
		max = ds_u32(ds, ctrl, "riscv,num-sources", -1);
	if (max < 0 || max > HVISOR_CONFIG_MAX_INTERRUPTS - 1)
		max = HVISOR_CONFIG_MAX_INTERRUPTS - 1;
	irq->flags = n > 1 ? spec[1] : 0;
	if (n < 1) {
		irq->why = "PLIC/APLIC specifier without a source id";
		return;
	}
	if (spec[0] < 1 || spec[0] > (uint32_t)max) {
		irq->why = "PLIC/APLIC source id out of range";
		return;
	}
	irq->intid = (int)spec[0];
}

/*
 * Resolve one specifier @spec (@n cells) whose parent is @ctrl; @addr is the
 * unit address of the device (for interrupt-map), @na its cell count.
 */
static int resolve(struct dtscan *ds, int ctrl, uint32_t *spec, int n,
		   uint32_t *addr, int na, struct ds_irq *irq)
{
	int depth;

	irq->intid = -1;
	for (depth = 0; depth < MAX_CHAIN; depth++) {
		const fdt32_t *map, *mask;
		int mlen, masklen, i, ic, ac;

		if (ctrl < 0) {
			irq->why = "interrupt parent not found";
			return 0;
		}
		irq->chain[irq->nchain++] = ctrl;
		irq->nspec = n < 4 ? n : 4;
		memcpy(irq->spec, spec, sizeof(*spec) * (size_t)irq->nspec);
		if (ds_is_gic(ds, ctrl)) {
			gic_decode(spec, n, irq);
			return 0;
		}
		if (ds_riscv_irqchip(ds, ctrl)) {
			source_decode(ds, ctrl, spec, n, irq);
			return 0;
		}
		if (ds_riscv_local_intc(ds, ctrl)) {
			irq->local = true;
			irq->why = "hart-local interrupt (riscv,cpu-intc)";
			return 0;
		}
		if (ds_has(ds, ctrl, "interrupt-controller")) {
			irq->why = ds->ops ? ds->ops->foreign_irq_why
					   : "ends at a controller other than "
					     "the GIC";
			return 0;
		}
		map = ds_prop(ds, ctrl, "interrupt-map", &mlen);
		if (!map) {
			irq->why = "parent is neither a controller nor a "
				   "nexus";
			return 0;
		}
		ic = rawcells(ds, ctrl, "#interrupt-cells", -1);
		ac = rawcells(ds, ctrl, "#address-cells", 2);
		if (ic != n || ac < 0 || ac > 4) {
			irq->why = "interrupt-map cell counts do not match";
			return 0;
		}
		mask = ds_prop(ds, ctrl, "interrupt-map-mask", &masklen);
		if (mask && masklen != 4 * (ac + ic))
			mask = NULL;
		{
			uint32_t key[MAX_SPEC + 4];
			int pos = 0, total = mlen / 4;
			bool found = false;

			for (i = 0; i < ac; i++)
				key[i] = i < na ? addr[i] : 0;
			for (i = 0; i < ic; i++)
				key[ac + i] = spec[i];
			if (mask)
				for (i = 0; i < ac + ic; i++)
					key[i] &= fdt32_to_cpu(mask[i]);
			while (pos + ac + ic + 1 <= total) {
				const fdt32_t *e = map + pos;
				int par, pac, pic;
				bool eq = true;

				for (i = 0; i < ac + ic; i++)
					if (fdt32_to_cpu(e[i]) != key[i])
						eq = false;
				par = ds_by_phandle(ds,
						    fdt32_to_cpu(e[ac + ic]));
				if (par < 0) {
					irq->why = "interrupt-map names an "
						   "unknown phandle";
					return 0;
				}
				/* parent unit address: raw, default 0 */
				pac = rawcells(ds, par, "#address-cells", 0);
				pic = rawcells(ds, par, "#interrupt-cells", -1);
				if (pac < 0 || pac > 4 || pic < 0 ||
				    pos + ac + ic + 1 + pac + pic > total) {
					irq->why = "malformed interrupt-map";
					return 0;
				}
				if (eq) {
					const fdt32_t *pa = e + ac + ic + 1;

					for (i = 0; i < pac; i++)
						addr[i] = fdt32_to_cpu(pa[i]);
					na = pac;
					for (i = 0; i < pic; i++)
						spec[i] = fdt32_to_cpu(
							pa[pac + i]);
					n = pic;
					ctrl = par;
					found = true;
					break;
				}
				pos += ac + ic + 1 + pac + pic;
			}
			if (!found) {
				irq->why = "no interrupt-map entry matches";
				return 0;
			}
		}
	}
	return ds_fail(ds, DTSCAN_ELOOP, irq->node, NULL,
		       "interrupt chain deeper than %d", MAX_CHAIN);
}

static int unit_addr(const struct dtscan *ds, int node, uint32_t *addr)
{
	int len, na = ds->nodes[node].parent >= 0
			      ? rawcells(ds, ds->nodes[node].parent,
					 "#address-cells", 2)
			      : 0;
	const fdt32_t *reg = ds_prop(ds, node, "reg", &len);
	int i;

	if (na < 0 || na > 4)
		na = 0;
	for (i = 0; i < na; i++)
		addr[i] = reg && len >= 4 * (i + 1) ? fdt32_to_cpu(reg[i]) : 0;
	return na;
}

/**
 * ds_irqs() - append every interrupt of @node to @out.
 *
 * Return: 0 or a negative code (only for hard errors: loops).
 */
int ds_irqs(struct dtscan *ds, int node, struct ds_ivec *out)
{
	int len, i, r;
	const fdt32_t *p = ds_prop(ds, node, "interrupts-extended", &len);
	uint32_t addr[4];
	int na = unit_addr(ds, node, addr);

	if (p) {
		int pos = 0, total = len / 4;

		while (pos < total) {
			struct ds_irq irq = { .node = node, .intid = -1 };
			uint32_t spec[MAX_SPEC], a2[4];
			int ctrl = ds_by_phandle(ds, fdt32_to_cpu(p[pos]));
			int ic = ctrl < 0 ? -1
					  : rawcells(ds, ctrl,
						     "#interrupt-cells", -1);

			if (ic < 0 || pos + 1 + ic > total) {
				irq.why = "bad interrupts-extended entry";
				r = iv_add(ds, out, &irq);
				if (r)
					return r;
				break;
			}
			for (i = 0; i < ic; i++)
				spec[i] = fdt32_to_cpu(p[pos + 1 + i]);
			memcpy(a2, addr, sizeof(a2));
			r = resolve(ds, ctrl, spec, ic, a2, na, &irq);
			if (!r)
				r = iv_add(ds, out, &irq);
			if (r)
				return r;
			pos += 1 + ic;
		}
		return 0;
	}
	p = ds_prop(ds, node, "interrupts", &len);
	if (!p)
		return 0;
	{
		int ctrl = find_parent(ds, node);
		int ic = ctrl < 0 ? -1
				  : rawcells(ds, ctrl, "#interrupt-cells", -1);
		int pos, total = len / 4;

		if (ic <= 0 || total % ic) {
			struct ds_irq irq = { .node = node, .intid = -1 };

			if (ctrl >= 0)
				irq.chain[irq.nchain++] = ctrl;
			irq.why = ctrl < 0 ? "no interrupt parent"
					   : "interrupts length does not match "
					     "#interrupt-cells";
			return iv_add(ds, out, &irq);
		}
		for (pos = 0; pos < total; pos += ic) {
			struct ds_irq irq = { .node = node, .intid = -1 };
			uint32_t spec[MAX_SPEC], a2[4];

			for (i = 0; i < ic; i++)
				spec[i] = fdt32_to_cpu(p[pos + i]);
			memcpy(a2, addr, sizeof(a2));
			r = resolve(ds, ctrl, spec, ic, a2, na, &irq);
			if (!r)
				r = iv_add(ds, out, &irq);
			if (r)
				return r;
		}
	}
	return 0;
}

/**
 * ds_map_irqs() - append every interrupt the interrupt-map of nexus @node
 * routes to (e.g. a PCIe host's INTA..INTD): the node owns those lines
 * even though it has no `interrupts` of its own.
 *
 * Return: 0 or a negative code (only for hard errors: loops).
 */
int ds_map_irqs(struct dtscan *ds, int node, struct ds_ivec *out)
{
	int mlen, i, r, pos = 0, total;
	const fdt32_t *map = ds_prop(ds, node, "interrupt-map", &mlen);
	int ic = rawcells(ds, node, "#interrupt-cells", -1);
	int ac = rawcells(ds, node, "#address-cells", 2);

	if (!map || ic < 0 || ac < 0 || ac > 4)
		return 0;
	total = mlen / 4;
	while (pos + ac + ic + 1 <= total) {
		const fdt32_t *e = map + pos + ac + ic;
		struct ds_irq irq = { .node = node, .intid = -1 };
		uint32_t spec[MAX_SPEC], addr[4];
		int par = ds_by_phandle(ds, fdt32_to_cpu(e[0]));
		int pac = par < 0 ? -1 : rawcells(ds, par, "#address-cells", 0);
		int pic = par < 0 ? -1
				  : rawcells(ds, par, "#interrupt-cells", -1);

		if (pac < 0 || pac > 4 || pic < 0 ||
		    pos + ac + ic + 1 + pac + pic > total)
			return 0; /* malformed: resolve() reports it */
		for (i = 0; i < pac; i++)
			addr[i] = fdt32_to_cpu(e[1 + i]);
		for (i = 0; i < pic; i++)
			spec[i] = fdt32_to_cpu(e[1 + pac + i]);
		r = resolve(ds, par, spec, pic, addr, pac, &irq);
		if (!r)
			r = iv_add(ds, out, &irq);
		if (r)
			return r;
		pos += ac + ic + 1 + pac + pic;
	}
	return 0;
}
