// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/* Copyright (c) 2026 hvisor-c contributors */
/*
 * Passthrough devices: vetting (zg_pt_find) and copying (zg_pt_emit).
 * The zone has no clock controller, PMIC, reset controller or pin
 * controller: clocks become fixed-clock stubs, supplies regulator-fixed
 * stubs, every other phandle is dropped, and each such change is both a
 * warning line and a comment in the zone DTS, so nothing goes silently.
 */
#include <inttypes.h>
#include <libfdt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <hvisor/zone_config.h>

#include "passthrough.h"

#define PAGE 0x1000ULL

static void warn(struct zg_pt *pt, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void warn(struct zg_pt *pt, const char *fmt, ...)
{
	static const char tag[] = "zonegen: warning: ";
	va_list ap;
	int n;
	char *w;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0) {
		pt->warn_oom = 1;
		return;
	}
	w = realloc(pt->warn, pt->warn_len + sizeof(tag) + (size_t)n + 1);
	if (!w) {
		pt->warn_oom = 1;
		return;
	}
	pt->warn = w;
	memcpy(w + pt->warn_len, tag, sizeof(tag) - 1);
	pt->warn_len += sizeof(tag) - 1;
	va_start(ap, fmt);
	vsnprintf(w + pt->warn_len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	pt->warn_len += (size_t)n;
	w[pt->warn_len++] = '\n';
	w[pt->warn_len] = 0;
}

/* Append a comment line for the zone DT node @zpath. */
static void comment(struct zg_pt *pt, const char *zpath, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void comment(struct zg_pt *pt, const char *zpath, const char *fmt, ...)
{
	unsigned int i;
	size_t l;
	int n = 0;
	va_list ap;

	for (i = 0; i < pt->ncomment; i++)
		if (!strcmp(pt->comment[i].path, zpath))
			break;
	if (i == pt->ncomment) {
		if (i == ZG_PT_MAX_COMMENTS) {
			warn(pt,
			     "%s: no room for its comment in the zone DTS "
			     "(the warnings here list what it would say)",
			     zpath);
			return;
		}
		pt->ncomment++;
		snprintf(pt->comment[i].path, sizeof(pt->comment[i].path), "%s",
			 zpath);
		pt->comment[i].text[0] = 0;
	}
	l = strlen(pt->comment[i].text);
	if (l && l + 1 < sizeof(pt->comment[i].text)) {
		pt->comment[i].text[l++] = '\n';
		pt->comment[i].text[l] = 0;
	}
	va_start(ap, fmt);
	if (l < sizeof(pt->comment[i].text))
		n = vsnprintf(pt->comment[i].text + l,
			      sizeof(pt->comment[i].text) - l, fmt, ap);
	va_end(ap);
	if (!pt->comment[i].cut &&
	    (l >= sizeof(pt->comment[i].text) || n < 0 ||
	     (size_t)n >= sizeof(pt->comment[i].text) - l) &&
	    (pt->comment[i].cut = 1))
		warn(pt,
		     "%s: its comment in the zone DTS is cut short "
		     "(the warnings here are complete)",
		     zpath);
}

static void sanitize(char *s)
{
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		      (*s >= '0' && *s <= '9') || *s == ',' || *s == '.' ||
		      *s == '+' || *s == '-'))
			*s = '-';
}

static void node_path(const void *fdt, int off, char *buf, int size)
{
	if (fdt_get_path(fdt, off, buf, size))
		snprintf(buf, (size_t)size, "?");
}

static int cells_of(const void *fdt, int off, const char *name, int def)
{
	int len;
	const fdt32_t *p = fdt_getprop(fdt, off, name, &len);

	return p && len == 4 ? (int)fdt32_to_cpu(*p) : def;
}

/* The i-th string of a stringlist property, or NULL. */
static const char *string_at(const void *fdt, int off, const char *prop, int i)
{
	return fdt_stringlist_get(fdt, off, prop, i, NULL);
}

/* ---- interrupts: resolved by dtscan ---------------------------------- */

static int on_gic(const struct zg_pt *pt, const struct dtscan_irq *v)
{
	/* riscv64: the PLIC (board.irqchip), whose sources are the ids */
	return (v->at_gic || pt->riscv) && v->controller == pt->src_gic;
}

/*
 * The node's interrupts (interrupts-extended, interrupt-map and 4-cell
 * GIC specifiers included).  Return: their number (0 if none; more than
 * @max if so many, only @max stored), -1 if one does not end at the
 * board's GIC.
 */
static int gic_irqs(const struct zg_pt *pt, int off, struct dtscan_irq *v,
		    int max)
{
	int n = dtscan_node_irqs(pt->ds, off, v, max, NULL), i;

	for (i = 0; i < n && i < max; i++)
		if (!on_gic(pt, &v[i]))
			return -1;
	return n < 0 ? -1 : n;
}

/* Where the first interrupt of @off that is not the GIC's ends, or -1. */
static int irq_end(const struct zg_pt *pt, int off)
{
	struct dtscan_irq v[ZG_PT_MAX_IRQS];
	int n = dtscan_node_irqs(pt->ds, off, v, ZG_PT_MAX_IRQS, NULL), i;

	for (i = 0; i < n && i < ZG_PT_MAX_IRQS; i++)
		if (!on_gic(pt, &v[i]))
			return v[i].controller;
	return -1;
}

/* ---- phandle properties ------------------------------------------------ */

enum pclass {
	P_KEEP,
	P_MAYBE,
	P_SKIP,
	P_REG,
	P_IRQ,
	P_CLOCKS,
	P_SUPPLY,
	P_DROP
};

static int suffix(const char *n, const char *s)
{
	size_t l = strlen(n), k = strlen(s);

	return l > k && !strcmp(n + l - k, s);
}

static enum pclass classify(const struct zg_pt *pt, const char *n,
			    const void *v, int len, int top)
{
	static const char *const ph[] = {
		"resets",
		"power-domains",
		"phys",
		"dmas",
		"iommus",
		"iommu-map",
		"mboxes",
		"interconnects",
		"nvmem-cells",
		"thermal-sensors",
		"msi-parent",
		"msi-map",
		"memory-region",
		"sram",
		"pwms",
		"io-channels",
		"gpios",
		"phy-handle",
		"remote-endpoint",
		"operating-points-v2",
		"assigned-clocks",
		"assigned-clock-parents",
		"assigned-clock-rates",
	};
	size_t i;

	if (!strcmp(n, "phandle") || !strcmp(n, "linux,phandle") ||
	    !strcmp(n, "interrupt-parent") || (top && !strcmp(n, "status")))
		return P_SKIP;
	if (top && !strcmp(n, "reg"))
		return P_REG;
	if (!strcmp(n, "interrupts") || !strcmp(n, "interrupts-extended"))
		return P_IRQ;
	if (!strcmp(n, "clocks"))
		return P_CLOCKS;
	if (suffix(n, "-supply"))
		return P_SUPPLY;
	for (i = 0; i < sizeof(ph) / sizeof(ph[0]); i++)
		if (!strcmp(n, ph[i]))
			return P_DROP;
	if ((!strncmp(n, "pinctrl-", 8) && n[8] >= '0' && n[8] <= '9') ||
	    suffix(n, "-gpios") || suffix(n, "-gpio"))
		return P_DROP;
	/* vendor properties: a phandle if the first cell names a node and
	 * the name says so (rockchip,grf, fsl,syscon, ...); a number that
	 * merely equals some phandle stays, with a warning (P_MAYBE) */
	if (strchr(n, ',') && len >= 4 && !(len % 4) && fdt32_ld(v) != 0 &&
	    fdt32_ld(v) != ~0u &&
	    dtscan_node_by_phandle(pt->ds, fdt32_ld(v)) >= 0) {
		const char *t = strchr(n, ',') + 1;

		if (strstr(t, "grf") || strstr(t, "syscon") ||
		    strstr(t, "regmap") || strstr(t, "gpr") ||
		    suffix(t, "handle") || !strcmp(t, "pmu") ||
		    !strcmp(t, "sram") || !strcmp(t, "cru") ||
		    !strcmp(t, "companion"))
			return P_DROP;
		return P_MAYBE;
	}
	return P_KEEP;
}

/* Parse clock specifier @i of a "clocks"-like property. */
static int clock_spec(const struct zg_pt *pt, const fdt32_t *p, int ncell,
		      int *pos, uint32_t *prov, uint32_t *args, int *nargs)
{
	int po, c, k;

	if (*pos >= ncell)
		return -1;
	*prov = fdt32_to_cpu(p[*pos]);
	po = dtscan_node_by_phandle(pt->ds, *prov);
	c = po >= 0 ? cells_of(pt->src, po, "#clock-cells", -1) : -1;
	if (c < 0 || c > 4 || *pos + 1 + c > ncell)
		return -1;
	for (k = 0; k < c; k++)
		args[k] = fdt32_to_cpu(p[*pos + 1 + k]);
	*nargs = c;
	*pos += 1 + c;
	return 0;
}

static int find_stub(const struct zg_pt *pt, int regulator, uint32_t prov,
		     const uint32_t *args, int nargs)
{
	unsigned int i;

	for (i = 0; i < pt->nstub; i++)
		if (pt->stub[i].regulator == regulator &&
		    pt->stub[i].provider == prov &&
		    pt->stub[i].nargs == nargs &&
		    (!nargs || !memcmp(pt->stub[i].args, args,
				       (size_t)nargs * sizeof(*args))))
			return (int)i;
	return -1;
}

static void unique_name(struct zg_pt *pt, struct zg_pt_stub *s)
{
	unsigned int i;

	for (i = 0; i < pt->nstub; i++)
		if (&pt->stub[i] != s && !strcmp(pt->stub[i].name, s->name)) {
			size_t l = strlen(s->name);

			snprintf(s->name + l, sizeof(s->name) - l, "-%u",
				 s->phandle);
			return;
		}
}

/* Rate of clock (prov, args) from the node's assigned-clock-rates. */
static uint32_t assigned_rate(const struct zg_pt *pt, int off, uint32_t prov,
			      const uint32_t *args, int nargs)
{
	int len, rlen, pos = 0, idx = 0, na;
	const fdt32_t *p = fdt_getprop(pt->src, off, "assigned-clocks", &len);
	const fdt32_t *r =
		fdt_getprop(pt->src, off, "assigned-clock-rates", &rlen);
	uint32_t pv, a[4];

	if (!p || !r)
		return 0;
	while (!clock_spec(pt, p, len / 4, &pos, &pv, a, &na)) {
		if (pv == prov && na == nargs &&
		    !memcmp(a, args, (size_t)na * sizeof(*a)))
			return idx < rlen / 4 ? fdt32_to_cpu(r[idx]) : 0;
		idx++;
	}
	return 0;
}

static void desc_spec(const struct zg_pt *pt, uint32_t prov,
		      const uint32_t *args, int nargs, char *buf, size_t size)
{
	int po = dtscan_node_by_phandle(pt->ds, prov), k;
	size_t l;

	if (po < 0 || fdt_get_path(pt->src, po, buf, (int)size))
		snprintf(buf, size, "phandle 0x%x", prov);
	for (k = 0; k < nargs; k++) {
		l = strlen(buf);
		snprintf(buf + l, size - l, " 0x%x", args[k]);
	}
}

static int clocks_ok(const struct zg_pt *pt, int off)
{
	int len, pos = 0, nargs;
	const fdt32_t *p = fdt_getprop(pt->src, off, "clocks", &len);
	uint32_t prov, args[4];

	while (p && pos < len / 4)
		if (clock_spec(pt, p, len / 4, &pos, &prov, args, &nargs))
			return 0;
	return p != NULL;
}

#define ZG_PT_MAX_CLOCK_SPECS 64

/* Every clock specifier of @off has a stub (and they fit one property). */
static int clocks_stubbed(const struct zg_pt *pt, int off)
{
	int len, pos = 0, nargs, n = 0;
	const fdt32_t *p = fdt_getprop(pt->src, off, "clocks", &len);
	uint32_t prov, args[4];

	while (p && pos < len / 4) {
		if (clock_spec(pt, p, len / 4, &pos, &prov, args, &nargs) ||
		    ++n > ZG_PT_MAX_CLOCK_SPECS ||
		    find_stub(pt, 0, prov, args, nargs) < 0)
			return 0;
	}
	return p != NULL;
}

/* Clock stubs for the "clocks" of @off; -1 if a specifier is malformed. */
static int collect_clocks(struct zg_pt *pt, int off, const char *spath)
{
	int len, pos = 0, i = 0, nargs, k;
	const fdt32_t *p = fdt_getprop(pt->src, off, "clocks", &len);
	const char *dn = fdt_get_name(pt->src, off, NULL);
	uint32_t prov, args[4];

	if (!clocks_ok(pt, off))
		return -1;
	while (pos < len / 4) {
		struct zg_pt_stub *s;
		const char *cn;
		char buf[96], spec[300];
		int po;

		if (clock_spec(pt, p, len / 4, &pos, &prov, args, &nargs))
			return -1;
		k = find_stub(pt, 0, prov, args, nargs);
		if (k >= 0) {
			i++;
			continue;
		}
		if (pt->nstub == ZG_PT_MAX_STUBS ||
		    i >= ZG_PT_MAX_CLOCK_SPECS) {
			warn(pt,
			     "%s: clocks dropped: more stubs than zonegen's "
			     "limit (%d stubs, %d clocks per node)",
			     spath, ZG_PT_MAX_STUBS, ZG_PT_MAX_CLOCK_SPECS);
			return 0; /* the write pass drops the property */
		}
		s = &pt->stub[pt->nstub];
		memset(s, 0, sizeof(*s));
		s->provider = prov;
		s->nargs = nargs;
		memcpy(s->args, args, sizeof(args));
		s->phandle = pt->next_phandle++;
		cn = string_at(pt->src, off, "clock-names", i);
		if (cn)
			snprintf(buf, sizeof(buf), "clk-%s-%s", dn, cn);
		else
			snprintf(buf, sizeof(buf), "clk-%s-%d", dn, i);
		sanitize(buf);
		snprintf(s->name, sizeof(s->name), "%s", buf);
		unique_name(pt, s);
		pt->nstub++;
		po = dtscan_node_by_phandle(pt->ds, prov);
		s->rate = assigned_rate(pt, off, prov, args, nargs);
		if (!s->rate && po >= 0 && !nargs &&
		    !fdt_node_check_compatible(pt->src, po, "fixed-clock"))
			s->rate = (uint32_t)cells_of(pt->src, po,
						     "clock-frequency", 0);
		if (!s->rate) {
			char zp[200];

			desc_spec(pt, prov, args, nargs, spec, sizeof(spec));
			warn(pt,
			     "%s: clocks[%d]%s%s%s: rate unknown (<%s> is no "
			     "fixed-clock and has no assigned-clock-rates); "
			     "stub /%s has clock-frequency 0 (hint: set it by "
			     "hand in the zone DTS)",
			     spath, i, cn ? " (" : "", cn ? cn : "",
			     cn ? ")" : "", spec, s->name);
			snprintf(zp, sizeof(zp), "/%s", s->name);
			comment(pt, zp,
				"zonegen: rate unknown: clocks[%d] of %s = "
				"<%s>; set clock-frequency by hand",
				i, spath, spec);
		}
		i++;
	}
	return 0;
}

static int collect_supply(struct zg_pt *pt, int off, const char *prop,
			  const char *spath)
{
	int len, po, mn, mx;
	const fdt32_t *p = fdt_getprop(pt->src, off, prop, &len);
	struct zg_pt_stub *s;
	const char *rn;
	char buf[96];
	uint32_t ph;

	if (!p || len != 4)
		return -1;
	ph = fdt32_to_cpu(*p);
	po = dtscan_node_by_phandle(pt->ds, ph);
	if (po < 0)
		return -1;
	if (find_stub(pt, 1, ph, NULL, 0) >= 0)
		return 0;
	if (pt->nstub == ZG_PT_MAX_STUBS) {
		warn(pt, "%s: %s dropped: more stubs than zonegen's limit (%d)",
		     spath, prop, ZG_PT_MAX_STUBS);
		return 0; /* the write pass drops the property */
	}
	s = &pt->stub[pt->nstub];
	memset(s, 0, sizeof(*s));
	s->regulator = 1;
	s->provider = ph;
	s->phandle = pt->next_phandle++;
	rn = fdt_getprop(pt->src, po, "regulator-name", NULL);
	snprintf(s->rname, sizeof(s->rname), "%s",
		 rn ? rn : fdt_get_name(pt->src, po, NULL));
	snprintf(buf, sizeof(buf), "regulator-%s", s->rname);
	sanitize(buf);
	snprintf(s->name, sizeof(s->name), "%s", buf);
	unique_name(pt, s);
	pt->nstub++;
	mn = cells_of(pt->src, po, "regulator-min-microvolt", 0);
	mx = cells_of(pt->src, po, "regulator-max-microvolt", 0);
	if (mn && mn == mx) {
		s->uv = (uint32_t)mn;
	} else if (mn || mx) {
		char zp[200];

		warn(pt,
		     "%s: %s: regulator %s is %d-%d uV, the fixed stub /%s "
		     "has no voltage (hint: add regulator-min/max-microvolt "
		     "by hand if the driver needs one)",
		     spath, prop, s->rname, mn, mx, s->name);
		snprintf(zp, sizeof(zp), "/%s", s->name);
		comment(pt, zp,
			"zonegen: %s of %s is %d-%d uV in the board DT; "
			"no voltage given",
			prop, spath, mn, mx);
	}
	return 0;
}

/* ---- one pass over a device subtree: collect (fdt NULL) or emit ------ */

/* <type number flags> for the zone's 3-cell GIC; riscv64: <source> for
 * the PLIC's one cell. */
static int emit_irqs(void *fdt, const struct dtscan_irq *v, int n,
		     uint32_t gic_ph, int riscv)
{
	fdt32_t c[3 * ZG_PT_MAX_IRQS];
	int i, rc;

	for (i = 0; i < n && riscv; i++)
		c[i] = cpu_to_fdt32((uint32_t)v[i].intid);
	for (i = 0; i < n && !riscv; i++) {
		c[3 * i] = cpu_to_fdt32(v[i].type);
		c[3 * i + 1] = cpu_to_fdt32(v[i].number);
		c[3 * i + 2] = cpu_to_fdt32(v[i].flags);
	}
	rc = fdt_property(fdt, "interrupts", c, (riscv ? 4 : 12) * n);
	if (!rc) {
		fdt32_t g = cpu_to_fdt32(gic_ph);

		rc = fdt_property(fdt, "interrupt-parent", &g, 4);
	}
	return rc;
}

static int emit_clocks(const struct zg_pt *pt, void *fdt, int off)
{
	int len, pos = 0, nargs, n = 0, k;
	const fdt32_t *p = fdt_getprop(pt->src, off, "clocks", &len);
	fdt32_t c[ZG_PT_MAX_CLOCK_SPECS];
	uint32_t prov, args[4];

	/* walk() only gets here when clocks_stubbed(): all fit, all stubbed */
	while (n < ZG_PT_MAX_CLOCK_SPECS &&
	       !clock_spec(pt, p, len / 4, &pos, &prov, args, &nargs)) {
		k = find_stub(pt, 0, prov, args, nargs);
		c[n++] = cpu_to_fdt32(k >= 0 ? pt->stub[k].phandle : 0);
	}
	return fdt_property(fdt, "clocks", c, 4 * n);
}

/* reg: every entry of the device, CPU-physical, 2 + 2 cells. */
static int emit_reg(void *fdt, const struct zg_pt_dev *d)
{
	fdt32_t *cell = calloc((size_t)d->nreg, 4 * sizeof(*cell));
	int i, rc;

	if (!cell)
		return -FDT_ERR_NOSPACE;
	for (i = 0; i < d->nreg; i++) {
		cell[4 * i] = cpu_to_fdt32((uint32_t)(d->base[i] >> 32));
		cell[4 * i + 1] = cpu_to_fdt32((uint32_t)d->base[i]);
		cell[4 * i + 2] = cpu_to_fdt32((uint32_t)(d->size[i] >> 32));
		cell[4 * i + 3] = cpu_to_fdt32((uint32_t)d->size[i]);
	}
	rc = fdt_property(fdt, "reg", cell, 16 * d->nreg);
	free(cell);
	return rc;
}

/*
 * What property @pn of node @off becomes, once its references are known:
 * a clocks or supply whose providers cannot be stubbed, or interrupts
 * that do not end at the GIC, are dropped.  First pass (@fdt NULL): the
 * stubs are collected.
 */
static enum pclass settle(struct zg_pt *pt, const void *fdt, int off,
			  const char *spath, const char *pn, const void *v,
			  int len, int top)
{
	enum pclass k = classify(pt, pn, v, len, top);

	if (k == P_CLOCKS && !fdt && collect_clocks(pt, off, spath))
		k = P_DROP; /* malformed: said when dropped */
	if (k == P_CLOCKS && fdt && !clocks_stubbed(pt, off))
		k = P_DROP;
	if (k == P_SUPPLY && !fdt && collect_supply(pt, off, pn, spath))
		k = P_DROP;
	if (k == P_SUPPLY && fdt &&
	    (len != 4 || find_stub(pt, 1, fdt32_ld(v), NULL, 0) < 0))
		k = P_DROP;
	return k;
}

/* A dropped property: a warning, and its name for the node's comment. */
static void note_drop(struct zg_pt *pt, int off, const char *spath,
		      const char *pn, const void *v, int len,
		      struct hvc_buf *dropped)
{
	int irq = !strncmp(pn, "interrupts", 10);
	int to = irq	   ? irq_end(pt, off)
		 : len >= 4 ? dtscan_node_by_phandle(pt->ds, fdt32_ld(v))
			    : -1;
	char tgt[200] = "";

	if (to >= 0)
		node_path(pt->src, to, tgt, sizeof(tgt));
	if (!strncmp(pn, "assigned-clock", 14))
		warn(pt,
		     "%s: %s dropped (the clock stubs are fixed; an assigned "
		     "rate of a clocks entry is its stub's clock-frequency)",
		     spath, pn);
	else
		warn(pt, "%s: %s dropped (%s%s; the zone has no such provider)",
		     spath, pn, irq ? "interrupts end at " : "phandle to ",
		     tgt[0] ? tgt : "a node outside the zone");
	hvc_buf_printf(dropped, "%s%s", dropped->len ? ", " : "", pn);
}

/* A number that is also a phandle: kept, with a warning. */
static void note_maybe(struct zg_pt *pt, const char *spath, const char *pn,
		       const void *v)
{
	char tgt[200];

	node_path(pt->src, dtscan_node_by_phandle(pt->ds, fdt32_ld(v)), tgt,
		  sizeof(tgt));
	warn(pt,
	     "%s: %s kept as a number (0x%x is also the phandle of %s; check "
	     "it is no reference)",
	     spath, pn, fdt32_ld(v), tgt);
}

/* Write (@fdt) or vet (@fdt NULL) the properties of node @off. */
static int walk_props(struct zg_pt *pt, void *fdt, int off,
		      const struct zg_pt_dev *d, const char *spath,
		      uint32_t gic_ph, struct hvc_buf *dropped)
{
	int p, rc = 0, irq_done = 0;

	fdt_for_each_property_offset (p, pt->src, off) {
		const char *pn;
		int len;
		const void *v = fdt_getprop_by_offset(pt->src, p, &pn, &len);
		enum pclass k = settle(pt, fdt, off, spath, pn, v, len, d != NULL);

		if (rc)
			return rc;
		if (k == P_IRQ) {
			struct dtscan_irq t[ZG_PT_MAX_IRQS];
			int n = gic_irqs(pt, off, t, ZG_PT_MAX_IRQS);

			if (n >= 0 && n <= ZG_PT_MAX_IRQS) {
				if (fdt && n && !irq_done)
					rc = emit_irqs(fdt, t, n, gic_ph,
						       pt->riscv);
				irq_done = 1;
				continue;
			}
			k = P_DROP;
		}
		if (k == P_DROP && !fdt)
			note_drop(pt, off, spath, pn, v, len, dropped);
		if (k == P_MAYBE && !fdt)
			note_maybe(pt, spath, pn, v);
		if (!fdt || k == P_SKIP || k == P_DROP)
			continue;
		if (k == P_REG)
			rc = emit_reg(fdt, d);
		else if (k == P_CLOCKS)
			rc = emit_clocks(pt, fdt, off);
		else if (k == P_SUPPLY) {
			fdt32_t ph = cpu_to_fdt32(
				pt->stub[find_stub(pt, 1, fdt32_ld(v), NULL, 0)]
					.phandle);

			rc = fdt_property(fdt, pn, &ph, 4);
		} else {
			rc = fdt_property(fdt, pn, v, len);
		}
	}
	return rc;
}

/*
 * Copy node @off of the source DT and its subtree into @fdt (@d: the
 * passed device, NULL for its children), or, with @fdt NULL, vet it:
 * collect the stubs, warn about what is dropped and note the comments.
 */
static int walk(struct zg_pt *pt, void *fdt, int off, const struct zg_pt_dev *d,
		const char *zpath, uint32_t gic_ph)
{
	struct hvc_buf dropped = { 0 };
	char spath[4096]; /* a DT path: FDT_PATH_MAX-like, "?" beyond */
	int c, rc = 0;

	node_path(pt->src, off, spath, sizeof(spath));
	if (fdt)
		rc = fdt_begin_node(fdt, fdt_get_name(pt->src, off, NULL));
	if (!rc)
		rc = walk_props(pt, fdt, off, d, spath, gic_ph, &dropped);
	if (dropped.oom)
		pt->warn_oom = 1; /* never drop a word: fail instead */
	if (!rc && dropped.len)
		comment(pt, zpath,
			"zonegen: dropped (phandles to providers outside "
			"the zone): %s",
			dropped.s);
	hvc_buf_free(&dropped);
	fdt_for_each_subnode (c, pt->src, off) {
		const char *cn = fdt_get_name(pt->src, c, NULL);
		size_t n = strlen(zpath) + strlen(cn) + 2;
		char *zc = malloc(n);

		if (rc || !zc) {
			free(zc);
			return rc ? rc : -FDT_ERR_NOSPACE;
		}
		snprintf(zc, n, "%s/%s", zpath, cn); /* sized to fit */
		rc = walk(pt, fdt, c, NULL, zc, gic_ph);
		free(zc);
	}
	if (fdt && !rc)
		rc = fdt_end_node(fdt);
	return rc;
}

static int prop_str(void *fdt, const char *name, const char *v)
{
	return fdt_property(fdt, name, v, (int)strlen(v) + 1);
}

int zg_pt_emit(struct zg_pt *pt, void *fdt, uint32_t gic_ph)
{
	unsigned int i;
	int rc = 0;

	for (i = 0; !rc && i < pt->ndev; i++) {
		char zp[256];

		snprintf(zp, sizeof(zp), "/%s",
			 fdt_get_name(pt->src, pt->dev[i].off, NULL));
		rc = walk(pt, fdt, pt->dev[i].off, &pt->dev[i], zp, gic_ph);
	}
	for (i = 0; !rc && i < pt->nstub; i++) {
		const struct zg_pt_stub *s = &pt->stub[i];
		fdt32_t v;

		rc = fdt_begin_node(fdt, s->name);
		if (!s->regulator) {
			if (!rc)
				rc = prop_str(fdt, "compatible", "fixed-clock");
			v = cpu_to_fdt32(0);
			if (!rc)
				rc = fdt_property(fdt, "#clock-cells", &v, 4);
			v = cpu_to_fdt32(s->rate);
			if (!rc)
				rc = fdt_property(fdt, "clock-frequency", &v,
						  4);
		} else {
			if (!rc)
				rc = prop_str(fdt, "compatible",
					      "regulator-fixed");
			if (!rc)
				rc = prop_str(fdt, "regulator-name", s->rname);
			v = cpu_to_fdt32(s->uv);
			if (!rc && s->uv)
				rc = fdt_property(
					fdt, "regulator-min-microvolt", &v, 4);
			if (!rc && s->uv)
				rc = fdt_property(
					fdt, "regulator-max-microvolt", &v, 4);
			if (!rc)
				rc = fdt_property(fdt, "regulator-always-on",
						  NULL, 0);
		}
		v = cpu_to_fdt32(s->phandle);
		if (!rc)
			rc = fdt_property(fdt, "phandle", &v, 4);
		if (!rc)
			rc = fdt_end_node(fdt);
	}
	return rc;
}

int zg_pt_comment(const struct zg_pt *pt, char **dts)
{
	unsigned int i;
	int rc = 0;

	for (i = 0; !rc && i < pt->ncomment; i++)
		rc = zg_dts_comment_node(dts, pt->comment[i].path,
					 pt->comment[i].text);
	return rc;
}

/* ---- vetting ----------------------------------------------------------- */

static int board_dev(const struct board *b, const char *path)
{
	unsigned int i;

	for (i = 0; i < b->ndevs; i++)
		if (!strcmp(b->devs[i].node, path))
			return (int)i;
	return -1;
}

static int under(const char *path, const char *top)
{
	size_t l = strlen(top);

	return top[0] && !strncmp(path, top, l) &&
	       (path[l] == 0 || path[l] == '/');
}

static int passed(const struct zg_request *req, const char *node)
{
	unsigned int i;

	for (i = 0; i < req->num_devices; i++)
		if (!strcmp(req->devices[i], node))
			return 1;
	return 0;
}

/* Every reg entry of the device, CPU-physical: all of them or an error. */
static int get_regs(struct zg_pt *pt, struct zg_pt_dev *d, struct hvc_err *e)
{
	struct dtscan_err de;
	int n, i;

	memset(&de, 0, sizeof(de));
	n = dtscan_node_reg_count(pt->ds, d->off, &de);
	if (n < 0)
		return zg_seterr(e, -ZG_EDT, pt->src_path, d->path, NULL,
				 "reg: %s",
				 de.msg[0] ? de.msg : dtscan_strerror(n));
	if (!n)
		return zg_seterr(e, -ZG_EREQ, pt->src_path, d->path, NULL,
				 "no memory-mapped reg to pass through");
	d->base = calloc((size_t)n, sizeof(*d->base));
	d->size = calloc((size_t)n, sizeof(*d->size));
	if (!d->base || !d->size)
		return -ZG_ENOMEM;
	for (i = 0; i < n; i++) {
		int rc = dtscan_node_reg(pt->ds, d->off, i, &d->base[i],
					 &d->size[i], &de);

		if (rc)
			return zg_seterr(
				e, -ZG_EREQ, pt->src_path, d->path,
				"every reg entry of a passed device must be "
				"CPU-addressable",
				"reg[%d] has no CPU address: %s", i,
				de.msg[0] ? de.msg : dtscan_strerror(rc));
	}
	d->nreg = n;
	return 0;
}

/* The node exists and is a device a zone may have (not the console, the
 * GIC, a CPU or memory). */
static int vet_node(struct zg_pt *pt, const struct board *b,
		    struct zg_pt_dev *d, const char *zone0_path,
		    const struct dtscan *zone0, struct hvc_err *e)
{
	const char *f = pt->src_path, *dt;

	d->off = dtscan_node_by_path(pt->ds, d->path);
	if (d->off < 0) {
		char hint[256];

		if (board_dev(b, d->path) >= 0 && pt->ds == zone0) {
			snprintf(hint, sizeof(hint),
				 "pass the board's source DT with "
				 "--board-dtb%s%s",
				 b->source ? ", board.source = " : "",
				 b->source ? b->source : "");
			return zg_seterr(e, -ZG_EREQ, zone0_path, d->path, hint,
					 "not in zone0.dts (dtscan trimmed "
					 "it)");
		}
		return zg_seterr(e, -ZG_EREQ, f, d->path,
				 "give the full path as in the board DT",
				 "no such node");
	}
	dt = fdt_getprop(pt->src, d->off, "device_type", NULL);
	if (b->has_console && b->console.node &&
	    !strcmp(d->path, b->console.node))
		return zg_seterr(e, -ZG_EREQ, b->path, d->path,
				 "pick another UART for the zone",
				 "is the hypervisor's console (console.node)");
	if (under(d->path, b->gic_node))
		return zg_seterr(e, -ZG_EREQ, b->path, d->path,
				 "the zone gets the GIC from arch_config",
				 "is the GIC (gic.node): the hypervisor owns "
				 "it");
	if (under(d->path, "/cpus") || (dt && !strcmp(dt, "cpu")))
		return zg_seterr(e, -ZG_EREQ, f, d->path, "use --cpus",
				 "is a CPU node");
	if ((dt && !strcmp(dt, "memory")) || under(d->path, "/reserved-memory"))
		return zg_seterr(e, -ZG_EREQ, f, d->path, "use --mem",
				 "is a memory node");
	return 0;
}

/* Its interrupts: SPIs at the GIC, none the root's virtio wake-up, none
 * shared with a device that stays behind. */
static int vet_irqs(struct zg_pt *pt, const struct board *b,
		    const struct zg_request *req, struct zg_pt_dev *d,
		    struct hvc_err *e)
{
	const char *f = pt->src_path;
	struct dtscan_irq t[ZG_PT_MAX_IRQS];
	int n = gic_irqs(pt, d->off, t, ZG_PT_MAX_IRQS), i;
	unsigned int k;

	if (n < 0)
		return zg_seterr(e, -ZG_EREQ, f, d->path,
				 "see board.yaml not_assignable",
				 "interrupts do not end at the GIC: not "
				 "assignable to a zone");
	if (n > ZG_PT_MAX_IRQS)
		return zg_seterr(e, -ZG_EREQ, f, d->path, NULL,
				 "%d interrupts: zonegen passes at most %d", n,
				 ZG_PT_MAX_IRQS);
	for (i = 0; i < n; i++) {
		int id = t[i].intid;

		/* riscv64: a PLIC source 1..ndev (dtscan checked the range) */
		if (b->riscv && id > 0 && id < HVISOR_CONFIG_MAX_INTERRUPTS &&
		    (unsigned int)id <= b->irqchip_ndev) {
			/* the shared-INTID rules below hold for sources too */
		} else if (b->riscv) {
			return zg_seterr(e, -ZG_EREQ, f, d->path,
					 "only PLIC sources can be given to a "
					 "zone",
					 "interrupt %d is not assignable: %s",
					 i,
					 id < 0 ? t[i].why
						: "beyond the PLIC's "
						  "riscv,ndev or the ABI's "
						  "1024");
		} else if (id < HVISOR_GIC_SPI_FIRST ||
			   id > HVISOR_GIC_SPI_LAST)
			return zg_seterr(
				e, -ZG_EREQ, f, d->path,
				"only SPIs can be given to a zone",
				"interrupt %d (type %u, number %u) is not "
				"assignable: %s",
				i, t[i].type, t[i].number,
				id < 0 ? t[i].why
				: id > HVISOR_GIC_SPI_LAST
					? "beyond the ABI's 1024 INTIDs"
					: "a per-CPU PPI");
		if ((unsigned int)id == b->virtio_irq)
			return zg_seterr(e, -ZG_EREQ, b->path, d->path, NULL,
					 "INTID %d is the root zone's "
					 "hvisor_virtio_device interrupt "
					 "(hypervisor.virtio_irq): not "
					 "assignable",
					 id);
		for (k = 0; k < b->ndev_irqs; k++)
			if (b->dev_irqs[k] == (unsigned int)id &&
			    strcmp(b->devs[b->dev_irq_dev[k]].node, d->path) &&
			    !passed(req, b->devs[b->dev_irq_dev[k]].node))
				return zg_seterr(
					e, -ZG_EREQ, b->path, d->path,
					"pass both devices to the zone",
					"INTID %d is shared with %s: not "
					"assignable alone",
					id, b->devs[b->dev_irq_dev[k]].node);
		d->irq[d->nirq++] = (unsigned int)id;
	}
	return 0;
}

/* Its frames: off the console's page, the GIC and the hypervisor. */
static int vet_regs(const struct board *b, const struct zg_pt_dev *d,
		    struct hvc_err *e)
{
	int i;

	for (i = 0; i < d->nreg; i++) {
		uint64_t s = d->base[i] & ~(PAGE - 1);
		uint64_t sz =
			((d->base[i] + d->size[i] + PAGE - 1) & ~(PAGE - 1)) -
			s;

		if (b->has_console &&
		    hvc_overlap(s, sz, b->console.base, b->console.size))
			return zg_seterr(e, -ZG_EREQ, b->path, d->path,
					 "pick another device",
					 "reg 0x%" PRIx64
					 " shares a page with the "
					 "hypervisor's console",
					 d->base[i]);
		if (hvc_overlap(s, sz, b->gicd.base, b->gicd.size) ||
		    hvc_overlap(s, sz, b->gicr.base, b->gicr.size) ||
		    hvc_overlap(s, sz, b->gicc.base, b->gicc.size) ||
		    hvc_overlap(s, sz, b->hv_ram.base, b->hv_ram.size))
			return zg_seterr(e, -ZG_EREQ, b->path, d->path, NULL,
					 "reg 0x%" PRIx64
					 " overlaps the GIC or the "
					 "hypervisor",
					 d->base[i]);
	}
	return 0;
}

/* The DT must be the one board.yaml was made from: the node is in
 * `devices` and each reg inside a frame listed there. */
static int vet_board(struct zg_pt *pt, const struct board *b,
		     const struct zg_pt_dev *d, struct hvc_err *e)
{
	const char *f = pt->src_path;
	int bi = board_dev(b, d->path), i, ok;
	unsigned int k;

	if (bi < 0)
		return zg_seterr(e, -ZG_EREQ, f, d->path,
				 "is the file the DT dtscan read "
				 "(board.source)?",
				 "not in board.yaml devices");
	for (i = 0; i < d->nreg; i++) {
		for (k = 0, ok = 0; k < b->dev_regs.n; k++)
			if (!strcmp(b->dev_regs.r[k].node, b->devs[bi].node) &&
			    d->base[i] >= b->dev_regs.r[k].base &&
			    d->base[i] + d->size[i] <=
				    b->dev_regs.r[k].base +
					    b->dev_regs.r[k].size)
				ok = 1;
		if (!ok)
			return zg_seterr(e, -ZG_EREQ, f, d->path,
					 "is the file the DT dtscan read "
					 "(board.source)?",
					 "reg 0x%" PRIx64 "+0x%" PRIx64
					 " is not the frame board.yaml "
					 "devices gives it",
					 d->base[i], d->size[i]);
	}
	return 0;
}

static int vet(struct zg_pt *pt, const struct board *b,
	       const struct zg_request *req, struct zg_pt_dev *d,
	       const char *zone0_path, const struct dtscan *zone0,
	       struct hvc_err *e)
{
	int rc;

	if ((rc = vet_node(pt, b, d, zone0_path, zone0, e)) ||
	    (rc = vet_irqs(pt, b, req, d, e)) || (rc = get_regs(pt, d, e)) ||
	    (rc = vet_regs(b, d, e)))
		return rc;
	return vet_board(pt, b, d, e);
}

int zg_pt_find(struct zg_pt *pt, const struct board *b,
	       const struct zg_request *req, struct dtscan *src,
	       const char *src_path, struct dtscan *zone0,
	       const char *zone0_path, uint32_t first_phandle,
	       struct hvc_err *e)
{
	unsigned int i, j;
	int rc;

	pt->ds = src;
	pt->src = dtscan_fdt(src);
	pt->src_path = src_path;
	pt->next_phandle = first_phandle;
	pt->src_gic = dtscan_node_by_path(src, b->gic_node);
	pt->riscv = b->riscv;
	if (req->num_devices && pt->src_gic < 0)
		return zg_seterr(e, -ZG_EDT, src_path, b->gic_node,
				 "is it the board's DT (board.source)?",
				 "GIC node of board.yaml not found");
	for (i = 0; i < req->num_devices; i++) {
		struct zg_pt_dev *d = &pt->dev[pt->ndev++];

		memset(d, 0, sizeof(*d));
		d->path = req->devices[i];
		for (j = 0; j < i; j++)
			if (!strcmp(req->devices[j], d->path))
				return zg_seterr(e, -ZG_EREQ, "(command line)",
						 "--device", NULL,
						 "%s given twice", d->path);
		if ((rc = vet(pt, b, req, d, zone0_path, zone0, e)))
			return rc;
	}
	/* Resolve stubs and warnings once, in DT order of each device. */
	for (i = 0; i < pt->ndev; i++) {
		char zp[256];

		snprintf(zp, sizeof(zp), "/%s",
			 fdt_get_name(pt->src, pt->dev[i].off, NULL));
		walk(pt, NULL, pt->dev[i].off, &pt->dev[i], zp, 0);
	}
	return 0;
}

void zg_pt_free(struct zg_pt *pt)
{
	unsigned int i;

	for (i = 0; i < pt->ndev; i++) {
		free(pt->dev[i].base);
		free(pt->dev[i].size);
	}
	free(pt->warn);
	pt->warn = NULL;
}
