// SPDX-License-Identifier: GPL-2.0
/*
 * The riscv64 board model: harts (hart id, ISA, the H extension), the
 * timebase, the interrupt controller the hypervisor emulates (a PLIC with
 * its contexts, or the S-level domain of an APLIC with its IMSIC), the
 * CLINT, the console (a UART dtscan knows, else SBI), and where OpenSBI
 * puts the hypervisor.  The arch hooks of struct ds_arch (internal.h).
 */
#include <stdlib.h>
#include <string.h>
#include <libfdt.h>
#include <hvisor/board_limits.h>
#include <hvisor/zone_config.h>
#include "internal.h"

/* Generic PLIC compatibles; every vendor string comes with one of them. */
static const char *const plic_compats[] = {
	"sifive,plic-1.0.0",
	"riscv,plic0",
	"thead,c900-plic",
	"andestech,nceplic100",
};

static const char *const clint_compats[] = {
	"sifive,clint0",
	"riscv,clint0",
	"thead,c900-clint",
	"riscv,aclint-mswi",
};

/* Interrupt causes of a hart's interrupt-controller (scause codes). */
#define CAUSE_S_EXT 9
#define CAUSE_M_EXT 11

/* OpenSBI (fw_dynamic, QEMU's -bios default) runs at the RAM base and
 * jumps to the next stage this far above it (FW_JUMP_ADDR's default). */
#define OPENSBI_SIZE SZ_2M

/* riscv,ndev is at most 1023 (PLIC sources 1..1023), the zone config's
 * interrupt bitmap has HVISOR_CONFIG_MAX_INTERRUPTS bits */
#define MAX_SOURCE (HVISOR_CONFIG_MAX_INTERRUPTS - 1)

static bool has_compat(const struct dtscan *ds, int node,
		       const char *const *list, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (ds_compat(ds, node, list[i]))
			return true;
	return false;
}

bool ds_riscv_cpu(const struct dtscan *ds, int node)
{
	return ds_compat(ds, node, "riscv") || ds_has(ds, node, "riscv,isa") ||
	       ds_has(ds, node, "riscv,isa-extensions");
}

static bool is_plic(const struct dtscan *ds, int node)
{
	return has_compat(ds, node, plic_compats,
			  sizeof(plic_compats) / sizeof(*plic_compats));
}

static bool is_aplic(const struct dtscan *ds, int node)
{
	return ds_compat(ds, node, "riscv,aplic");
}

bool ds_riscv_irqchip(const struct dtscan *ds, int node)
{
	return ds_has(ds, node, "interrupt-controller") &&
	       (is_plic(ds, node) || is_aplic(ds, node));
}

bool ds_riscv_local_intc(const struct dtscan *ds, int node)
{
	return ds_compat(ds, node, "riscv,cpu-intc");
}

/* A NUL-terminated string property, or NULL. */
static const char *str_prop(const struct dtscan *ds, int node, const char *name)
{
	int len;
	const char *s = ds_prop(ds, node, name, &len);

	if (!s || len < 1 || strnlen(s, (size_t)len) == (size_t)len)
		return NULL;
	return s;
}

/*
 * The H extension: riscv,isa-extensions lists "h", or riscv,isa has the
 * letter h among its single-letter extensions (after rv32/rv64, before
 * the first '_' or multi-letter extension).
 */
static bool hart_has_h(const struct dtscan *ds, int node)
{
	const char *isa = str_prop(ds, node, "riscv,isa"), *p;
	int len, i = 0;
	const char *ext = ds_prop(ds, node, "riscv,isa-extensions", &len);

	while (ext && i < len) {
		size_t l = strnlen(ext + i, (size_t)(len - i));

		if (l == (size_t)(len - i))
			break;
		if (!strcmp(ext + i, "h"))
			return true;
		i += (int)l + 1;
	}
	if (!isa || (strncmp(isa, "rv64", 4) && strncmp(isa, "rv32", 4)))
		return false;
	for (p = isa + 4;
	     *p && *p != '_' && *p != 's' && *p != 'z' && *p != 'x'; p++)
		if (*p == 'h')
			return true;
	return false;
}

static int scan_harts(struct dtscan *ds)
{
	int cpus = ds_by_path(ds, "/cpus"), len;
	const fdt32_t *tb = ds_prop(ds, cpus, "timebase-frequency", &len);

	for (int i = 0; i < ds->ncpus; i++) {
		ds->cpus[i].isa = str_prop(ds, ds->cpus[i].node, "riscv,isa");
		ds->cpus[i].mmu = str_prop(ds, ds->cpus[i].node, "mmu-type");
	}
	if (!tb || (len != 4 && len != 8))
		return ds_fail(ds, DTSCAN_EBADPROP, cpus,
			       "the binding: /cpus/timebase-frequency, the "
			       "rate of the time CSR",
			       "no timebase-frequency of 1 or 2 cells");
	ds->timebase = (long)ds_cells_read((const uint32_t *)tb, len / 4);
	if (ds->timebase <= 0)
		return ds_fail(ds, DTSCAN_EBADPROP, cpus, NULL,
			       "timebase-frequency is 0");
	return 0;
}

/* Every hart must have H: the hypervisor runs in HS-mode. */
static int check_h(struct dtscan *ds)
{
	for (int i = 0; i < ds->ncpus; i++) {
		int node = ds->cpus[i].node;
		const char *isa = ds->cpus[i].isa;

		if (!hart_has_h(ds, node))
			return ds_fail(
				ds, DTSCAN_EARCH, node,
				"the hypervisor runs in HS-mode: every hart "
				"needs the H extension (QEMU: -cpu "
				"rv64,h=true)",
				"hart 0x%llx has no H extension (riscv,isa "
				"\"%s\"); cannot run the hypervisor",
				(unsigned long long)ds->cpus[i].mpidr,
				isa ? ds_esc(ds, isa, strlen(isa))
				    : "(riscv,isa-extensions)");
	}
	return 0;
}

/* The logical CPU whose interrupt-controller child is @intc, or -1. */
static int hart_of_intc(const struct dtscan *ds, int intc)
{
	int cpu = intc >= 0 ? ds->nodes[intc].parent : -1;

	for (int i = 0; cpu >= 0 && i < ds->ncpus; i++)
		if (ds->cpus[i].node == cpu)
			return i;
	return -1;
}

/*
 * interrupts-extended of a PLIC, IMSIC or APLIC in direct mode: one entry
 * per context, a hart's interrupt-controller and the cause.  Fills @ctx
 * (may be NULL) and returns the number of entries, or a negative code.
 */
static int hart_contexts(struct dtscan *ds, int node, struct ds_plic_ctx **ctx)
{
	int len, pos = 0, n = 0, total;
	const fdt32_t *p = ds_prop(ds, node, "interrupts-extended", &len);
	struct ds_plic_ctx *v;

	if (ctx)
		*ctx = NULL;
	if (!p)
		return 0;
	total = len / 4;
	v = ds_alloc(ds, sizeof(*v) * (size_t)(total + 1));
	if (!v)
		return ds_fail(ds, DTSCAN_ENOMEM, node, NULL, NULL);
	while (pos < total) {
		int intc = ds_by_phandle(ds, fdt32_to_cpu(p[pos]));
		int ic = intc < 0 ? -1
				  : ds_u32(ds, intc, "#interrupt-cells", -1);

		if (ic < 0 || ic > DS_MAX_SPEC_CELLS || pos + 1 + ic > total)
			return ds_fail(ds, DTSCAN_EBADPROP, node,
				       "each entry: a hart's "
				       "interrupt-controller and the cause",
				       "interrupts-extended entry %d is "
				       "malformed",
				       n);
		v[n].hart = ds_riscv_local_intc(ds, intc)
				    ? hart_of_intc(ds, intc)
				    : -1;
		v[n].cause = ic ? (int)fdt32_to_cpu(p[pos + 1]) : -1;
		n++;
		pos += 1 + ic;
	}
	if (ctx)
		*ctx = v;
	return n;
}

/* Every context of @node targets S-level external interrupts. */
static bool s_level(struct dtscan *ds, int node)
{
	struct ds_plic_ctx *c;
	int n = hart_contexts(ds, node, &c);

	if (n <= 0) {
		if (ds->err)
			ds->err->code = 0;
		return false;
	}
	for (int i = 0; i < n; i++)
		if (c[i].cause != CAUSE_S_EXT)
			return false;
	return true;
}

static int reg0(struct dtscan *ds, int node, uint64_t *base, uint64_t *size,
		const char *what)
{
	int n, r = ds_reg_count(ds, node, &n);

	if (!r && !n)
		return ds_fail(ds, DTSCAN_EBADPROP, node, NULL, "%s has no reg",
			       what);
	if (!r)
		r = ds_reg(ds, node, 0, base, size);
	if (!r && !*size)
		return ds_fail(ds, DTSCAN_EBADPROP, node, NULL,
			       "%s reg has size 0", what);
	return r;
}

static int num_sources(struct dtscan *ds, int node, const char *prop)
{
	int len;
	const fdt32_t *p = ds_prop(ds, node, prop, &len);
	uint32_t v = p && len == 4 ? fdt32_to_cpu(*p) : 0;

	if (!v || v > MAX_SOURCE)
		return ds_fail(ds, DTSCAN_EBADPROP, node,
			       "the number of interrupt sources, 1..1023",
			       "%s is not one cell of 1..%d", prop, MAX_SOURCE);
	ds->rv_ndev = (int)v;
	return 0;
}

static int scan_plic(struct dtscan *ds, int node)
{
	int r, n;

	ds->irqchip = node;
	ds->rv_irqchip_type = "plic";
	r = reg0(ds, node, &ds->rv_ic_base, &ds->rv_ic_size, "PLIC");
	if (!r)
		r = num_sources(ds, node, "riscv,ndev");
	if (r)
		return r;
	n = hart_contexts(ds, node, &ds->plic_ctx);
	if (n < 0)
		return n;
	ds->nplic_ctx = n;
	for (int i = 0; i < n; i++)
		if (ds->plic_ctx[i].cause == CAUSE_S_EXT &&
		    ds->plic_ctx[i].hart >= 0)
			return 0;
	return ds_fail(ds, DTSCAN_EBADPROP, node,
		       "interrupts-extended: <&cpuN_intc 9> for each hart's "
		       "S-level context",
		       "no PLIC context targets a hart's S-level external "
		       "interrupt (cause 9)");
}

/* log2 rounded up: the IMSIC's default hart index bits */
static int bits_for(int n)
{
	int b = 0;

	while ((1 << b) < n)
		b++;
	return b;
}

static int scan_imsic(struct dtscan *ds, int node)
{
	int r, n = hart_contexts(ds, node, NULL);

	if (n < 0)
		return n;
	ds->imsic = node;
	r = reg0(ds, node, &ds->imsic_base, &ds->imsic_size, "IMSIC");
	if (r)
		return r;
	ds->imsic_guest_bits = ds_u32(ds, node, "riscv,guest-index-bits", 0);
	ds->imsic_hart_bits =
		ds_u32(ds, node, "riscv,hart-index-bits", bits_for(n));
	if (ds->imsic_guest_bits < 0 || ds->imsic_guest_bits > 7 ||
	    ds->imsic_hart_bits < 0 || ds->imsic_hart_bits > 15)
		return ds_fail(ds, DTSCAN_EBADPROP, node,
			       "the binding: guest index bits 0..7, hart "
			       "index bits 0..15",
			       "riscv,guest-index-bits = <%d>, "
			       "riscv,hart-index-bits = <%d>",
			       ds->imsic_guest_bits, ds->imsic_hart_bits);
	return 0;
}

/*
 * AIA: the APLIC domain that delivers to S-level, by its own
 * interrupts-extended (direct mode) or its msi-parent's (an S-level IMSIC).
 */
static int scan_aplic(struct dtscan *ds)
{
	int node = -1, imsic = -1, r, len;

	for (int i = 1; i < ds->nnodes && node < 0; i++) {
		const fdt32_t *mp;

		if (!is_aplic(ds, i) || ds->nodes[i].disabled ||
		    !ds_has(ds, i, "interrupt-controller"))
			continue;
		mp = ds_prop(ds, i, "msi-parent", &len);
		if (mp && len >= 4) {
			int m = ds_by_phandle(ds, fdt32_to_cpu(*mp));

			if (m >= 0 && ds_compat(ds, m, "riscv,imsics") &&
			    s_level(ds, m)) {
				node = i;
				imsic = m;
			}
		} else if (s_level(ds, i)) {
			node = i;
		}
	}
	if (node < 0)
		return ds_fail_key(ds, DTSCAN_ENOGIC, "/",
				   "the hypervisor emulates the APLIC domain "
				   "of S-level (msi-parent an S-level IMSIC, "
				   "or interrupts-extended cause 9)",
				   "no S-level APLIC domain");
	ds->irqchip = node;
	ds->rv_irqchip_type = "aia";
	r = reg0(ds, node, &ds->rv_ic_base, &ds->rv_ic_size, "APLIC");
	if (!r)
		r = num_sources(ds, node, "riscv,num-sources");
	if (!r && imsic >= 0)
		r = scan_imsic(ds, imsic);
	return r;
}

static int scan_irqchip(struct dtscan *ds)
{
	int i, len;
	const fdt32_t *ip = ds_prop(ds, 0, "interrupt-parent", &len);

	ds->irqchip = -1;
	/* the root's interrupt parent first, as for the GIC */
	if (ip && len == 4) {
		int p = ds_by_phandle(ds, fdt32_to_cpu(*ip));

		if (p >= 0 && is_plic(ds, p) && !ds->nodes[p].disabled &&
		    ds_has(ds, p, "interrupt-controller"))
			return scan_plic(ds, p);
	}
	for (i = 1; i < ds->nnodes; i++)
		if (is_plic(ds, i) && !ds->nodes[i].disabled &&
		    ds_has(ds, i, "interrupt-controller"))
			return scan_plic(ds, i);
	for (i = 1; i < ds->nnodes; i++)
		if (is_aplic(ds, i) && !ds->nodes[i].disabled)
			return scan_aplic(ds);
	return ds_fail_key(ds, DTSCAN_ENOGIC, "/",
			   "dtscan supports the PLIC (sifive,plic-1.0.0, "
			   "riscv,plic0, thead,c900-plic) and AIA "
			   "(riscv,aplic + riscv,imsics)",
			   "no PLIC or APLIC interrupt controller");
}

static void scan_clint(struct dtscan *ds)
{
	ds->clint = -1;
	for (int i = 1; i < ds->nnodes; i++) {
		if (ds->nodes[i].disabled ||
		    !has_compat(ds, i, clint_compats,
				sizeof(clint_compats) / sizeof(*clint_compats)))
			continue;
		if (reg0(ds, i, &ds->clint_base, &ds->clint_size, "CLINT")) {
			if (ds->err) /* not the hypervisor's: ignore */
				ds->err->code = 0;
			continue;
		}
		ds->clint = i;
		return;
	}
}

/*
 * The console: a UART dtscan has a driver for, as on aarch64; a missing or
 * unsupported one makes the hypervisor print through SBI (console.driver
 * sbi, console.why), and the root zone keeps its UART.
 */
static int scan_console(struct dtscan *ds)
{
	struct dtscan_err *e = ds->err;
	int r = ds_scan_console(ds);
	const char *why;

	if (r != -DTSCAN_EUART && r != -DTSCAN_ENOCONSOLE)
		return r;
	if (!e || ds->opts->console)
		return r;
	ds->con_sbi_node = r == -DTSCAN_EUART ? ds_by_path(ds, e->node) : -1;
	why = ds_printf(ds, "%s%s%s: the hypervisor prints through SBI", e->msg,
			r == -DTSCAN_EUART ? " at " : "",
			r == -DTSCAN_EUART ? e->node : "");
	e->code = 0;
	if (!why)
		return ds_fail_key(ds, DTSCAN_ENOMEM, "console", NULL, NULL);
	ds->console = -1;
	ds->con_driver = "sbi";
	ds->con_why = why;
	return ds_warn(ds, "console: %s", why);
}

/* irqchip, IMSIC, CLINT and the console UART: no two share an address */
static int check_frames(struct dtscan *ds)
{
	struct ds_frame f[4];
	int n = 0;

	f[n++] = (struct ds_frame){ ds->rv_irqchip_type[0] == 'p' ? "PLIC"
							       : "APLIC",
				 ds->irqchip, ds->rv_ic_base, ds->rv_ic_size };
	if (ds->imsic >= 0)
		f[n++] = (struct ds_frame){ "IMSIC", ds->imsic, ds->imsic_base,
					 ds->imsic_size };
	if (ds->clint >= 0)
		f[n++] = (struct ds_frame){ "CLINT", ds->clint, ds->clint_base,
					 ds->clint_size };
	if (ds->console >= 0)
		f[n++] = (struct ds_frame){ "console UART", ds->console,
					 ds->con_base, ds->con_size };
	return ds_frames_disjoint(ds, f, n, "fix the reg of one of them");
}

static int rv_scan(struct dtscan *ds)
{
	int r = scan_harts(ds);

	if (!r)
		r = scan_irqchip(ds);
	if (r)
		return r;
	scan_clint(ds);
	r = scan_console(ds);
	if (!r)
		r = check_frames(ds);
	/* last: a board without H is refused after everything else was
	 * checked, so one run tells a porter all that is wrong first */
	if (!r)
		r = check_h(ds);
	return r;
}

static void rv_keep(struct dtscan *ds)
{
	ds_keep(ds, ds->irqchip,
		ds->imsic >= 0 || !strcmp(ds->rv_irqchip_type, "aia")
			? "interrupt controller (APLIC, S-level domain)"
			: "interrupt controller (PLIC)");
	if (ds->imsic >= 0)
		ds_keep(ds, ds->imsic, "S-level IMSIC");
	if (ds->con_sbi_node >= 0)
		ds_keep(ds, ds->con_sbi_node,
			"console UART (the root's; the hypervisor prints "
			"through SBI)");
}

/* The irqchip's subtree and the S-level IMSIC are the hypervisor's. */
static bool rv_emulated(struct dtscan *ds, int node)
{
	if (node == ds->imsic)
		return true;
	for (int i = node; i >= 0; i = ds->nodes[i].parent)
		if (i == ds->irqchip)
			return true;
	return false;
}

/*
 * OpenSBI sits at the lowest RAM address and jumps OPENSBI_SIZE above it:
 * the hypervisor's 64 MiB start there.  Neither belongs to the root zone.
 */
static int rv_place_hv(struct dtscan *ds)
{
	uint64_t base = ds->mem.v[0].base;
	int i;

	for (i = 1; i < ds->mem.n; i++)
		if (ds->mem.v[i].base < base)
			base = ds->mem.v[i].base;
	ds->fw_base = base;
	ds->fw_size = OPENSBI_SIZE;
	ds->hv_base = base + OPENSBI_SIZE;
	ds->hv_size = SZ_64M;
	for (i = 0; i < ds->usable.n; i++) {
		const struct ds_region *g = &ds->usable.v[i];

		if (g->base <= ds->hv_base &&
		    ds->hv_base + ds->hv_size <= g->base + g->size)
			return 0;
	}
	return ds_fail_key(ds, DTSCAN_ELAYOUT, "/memory",
			   "give --ram with the board's real RAM, or free "
			   "the reserved memory there",
			   "RAM base + 2 MiB (0x%llx), where OpenSBI jumps to "
			   "the hypervisor, is not 64 MiB of usable RAM",
			   (unsigned long long)ds->hv_base);
}

static int add_regs(struct dtscan *ds, int node, struct ds_rvec *dev)
{
	int n, r = ds_reg_count(ds, node, &n);

	for (int k = 0; !r && k < n; k++) {
		uint64_t b, s;

		r = ds_reg(ds, node, k, &b, &s);
		if (!r && s)
			r = rv_add(ds, dev, b, s, REG_DEVICE, node);
	}
	return r;
}

/* The hypervisor maps the irqchip (S-level domain) and the S-level IMSIC;
 * the CLINT is M-mode's (OpenSBI's). */
static int rv_frames(struct dtscan *ds, struct ds_rvec *dev)
{
	int r = add_regs(ds, ds->irqchip, dev);

	if (!r && ds->imsic >= 0)
		r = add_regs(ds, ds->imsic, dev);
	return r;
}

/* The lowest source id no device of the DT uses, kept or trimmed. */
static int rv_virtio_irq(struct dtscan *ds)
{
	unsigned char used[MAX_SOURCE + 1] = { 0 };
	int i, k;

	for (i = 0; i < ds->ndevs; i++)
		for (k = 0; k < ds->devs[i].nirqs; k++)
			if (ds->devs[i].irqs[k] >= 0 &&
			    ds->devs[i].irqs[k] <= MAX_SOURCE)
				used[ds->devs[i].irqs[k]] = 1;
	for (i = 0; i < ds->root_irqs.n; i++)
		if (ds->root_irqs.v[i].intid >= 0 &&
		    ds->root_irqs.v[i].intid <= MAX_SOURCE)
			used[ds->root_irqs.v[i].intid] = 1;
	for (i = 1; i <= ds->rv_ndev; i++)
		if (!used[i]) {
			ds->virtio_intid = i;
			return 0;
		}
	return ds_fail(ds, DTSCAN_EIRQCLASH, ds->irqchip,
		       "the interrupt controller has no spare source",
		       "no free source id of 1..%d for the virtio wake-up "
		       "interrupt",
		       ds->rv_ndev);
}

/* Level-high when the controller has a trigger cell (APLIC). */
static void rv_virtio_dts(struct dtscan *ds, struct ds_buf *b)
{
	int ic = ds_u32(ds, ds->irqchip, "#interrupt-cells", 1);

	if (ds->nodes[ds->irqchip].phandle)
		buf_printf(b, "\t\tinterrupt-parent = <0x%02x>;\n",
			   ds->nodes[ds->irqchip].phandle);
	buf_printf(b, "\t\tinterrupts = <0x%02x%s>;\n", ds->virtio_intid,
		   ic >= 2 ? " 0x04" : "");
}

static void rv_yaml_board(struct dtscan *ds, struct ye *y)
{
	ye_str(y, "cpus");
	ye_seq(y, false);
	for (int i = 0; i < ds->ncpus; i++) {
		ye_map(y, true);
		ye_kv_num(y, "id", i);
		ye_kv_hex(y, "hartid", ds->cpus[i].mpidr);
		ye_kv_str(y, "node", ds_path(ds, ds->cpus[i].node));
		ye_str(y, "isa");
		if (ds->cpus[i].isa)
			ye_qstr(y, ds->cpus[i].isa);
		else
			ye_null(y);
		ye_str(y, "mmu");
		if (ds->cpus[i].mmu)
			ye_qstr(y, ds->cpus[i].mmu);
		else
			ye_null(y);
		ye_map_end(y);
	}
	ye_seq_end(y);
	ye_kv_num(y, "timebase_frequency", ds->timebase);
}

static const char *mode_name(int cause)
{
	return cause == CAUSE_S_EXT ? "s" : "m";
}

static void rv_yaml_irqchip(struct dtscan *ds, struct ye *y)
{
	ye_str(y, "irqchip");
	ye_map(y, false);
	ye_kv_str(y, "type", ds->rv_irqchip_type);
	ye_kv_str(y, "node", ds_path(ds, ds->irqchip));
	ye_str(y, "compatible");
	ye_qstr(y, ds_compat0(ds, ds->irqchip));
	ye_kv_hex(y, "base", ds->rv_ic_base);
	ye_kv_hex(y, "size", ds->rv_ic_size);
	ye_kv_num(y, "ndev", ds->rv_ndev);
	ye_str(y, "contexts");
	/* the contexts of harts dtscan knows, for M- or S-level */
	{
		int n = 0;

		for (int i = 0; i < ds->nplic_ctx; i++)
			n += ds->plic_ctx[i].hart >= 0 &&
			     (ds->plic_ctx[i].cause == CAUSE_S_EXT ||
			      ds->plic_ctx[i].cause == CAUSE_M_EXT);
		ye_seq(y, n == 0);
	}
	for (int i = 0; i < ds->nplic_ctx; i++) {
		const struct ds_plic_ctx *c = &ds->plic_ctx[i];

		if (c->hart < 0 ||
		    (c->cause != CAUSE_S_EXT && c->cause != CAUSE_M_EXT))
			continue;
		ye_map(y, true);
		ye_kv_num(y, "id", i);
		ye_kv_num(y, "hart", c->hart);
		ye_kv_str(y, "mode", mode_name(c->cause));
		ye_map_end(y);
	}
	ye_seq_end(y);
	ye_str(y, "imsic");
	if (ds->imsic >= 0) {
		ye_map(y, true);
		ye_kv_str(y, "node", ds_path(ds, ds->imsic));
		ye_kv_hex(y, "base", ds->imsic_base);
		ye_kv_hex(y, "size", ds->imsic_size);
		ye_kv_num(y, "guest_index_bits", ds->imsic_guest_bits);
		ye_kv_num(y, "hart_index_bits", ds->imsic_hart_bits);
		ye_map_end(y);
	} else {
		ye_null(y);
	}
	ye_map_end(y);
	ye_str(y, "clint");
	if (ds->clint >= 0) {
		ye_map(y, true);
		ye_kv_str(y, "node", ds_path(ds, ds->clint));
		ye_kv_hex(y, "base", ds->clint_base);
		ye_kv_hex(y, "size", ds->clint_size);
		ye_map_end(y);
	} else {
		ye_null(y);
	}
}

static void rv_summary_cpus(struct dtscan *ds, struct ds_buf *b)
{
	buf_printf(b,
		   "  cpus:      %d harts (hart id 0x%llx..0x%llx), "
		   "timebase %ld Hz\n",
		   ds->ncpus, (unsigned long long)ds->cpus[0].mpidr,
		   (unsigned long long)ds->cpus[ds->ncpus - 1].mpidr,
		   ds->timebase);
}

static void rv_summary_irqchip(struct dtscan *ds, struct ds_buf *b)
{
	buf_printf(b, "  irqchip:   %s %s 0x%llx, %d sources%s%s\n",
		   ds->rv_irqchip_type, ds_path(ds, ds->irqchip),
		   (unsigned long long)ds->rv_ic_base, ds->rv_ndev,
		   ds->imsic >= 0 ? ", IMSIC " : "",
		   ds->imsic >= 0 ? ds_path(ds, ds->imsic) : "");
}

const struct ds_arch ds_arch_riscv64 = {
	.name = "riscv64",
	.cpu_id = "hart id",
	.first_irq = 1,
	.foreign_irq_why = "ends at a controller other than the PLIC or "
			   "APLIC",
	.scan = rv_scan,
	.keep = rv_keep,
	.emulated = rv_emulated,
	.place_hv = rv_place_hv,
	.frames = rv_frames,
	.virtio_irq = rv_virtio_irq,
	.virtio_dts = rv_virtio_dts,
	.yaml_board = rv_yaml_board,
	.yaml_irqchip = rv_yaml_irqchip,
	.summary_cpus = rv_summary_cpus,
	.summary_irqchip = rv_summary_irqchip,
};
