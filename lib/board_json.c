// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/* Copyright (c) 2026 hvisor-c contributors */
/*
 * board_write_json(): the validated board as the JSON the hypervisor's
 * templates render (docs/board-yaml.md, "board.json").  Every number is a
 * JSON integer; every default is filled in; nothing is checked here (the
 * reader did).
 */
#include <inttypes.h>
#include <string.h>

#include <hvc/board.h>

static void kstr(struct hvc_buf *o, const char *k, const char *v)
{
	hvc_buf_printf(o, "\"%s\": ", k);
	hvc_buf_json_str(o, v);
}

static void kint(struct hvc_buf *o, const char *k, uint64_t v)
{
	hvc_buf_printf(o, "\"%s\": %" PRIu64, k, v);
}

/* {"base": N, "size": N[, "type": T], "node": S}, or null if size 0 */
static void region(struct hvc_buf *o, const struct hvc_range *r, int type)
{
	if (!r->size) {
		hvc_buf_printf(o, "null");
		return;
	}
	hvc_buf_printf(o, "{");
	kint(o, "base", r->base);
	hvc_buf_printf(o, ", ");
	kint(o, "size", r->size);
	if (type) {
		hvc_buf_printf(o, ", ");
		kstr(o, "type", r->type);
	}
	hvc_buf_printf(o, ", ");
	kstr(o, "node", r->node);
	hvc_buf_printf(o, "}");
}

static void regions(struct hvc_buf *o, const char *k, const struct hvc_range *r,
		    unsigned int n, int type, const char *indent)
{
	unsigned int i;

	hvc_buf_printf(o, "%s\"%s\": [", indent, k);
	for (i = 0; i < n; i++) {
		hvc_buf_printf(o, "%s\n%s  ", i ? "," : "", indent);
		region(o, &r[i], type);
	}
	hvc_buf_printf(o, "%s]", n ? "\n" : "");
	if (n)
		hvc_buf_printf(o, "%s", "");
}

static void gic(struct hvc_buf *o, const struct board *b)
{
	static const char *const fn[] = { "gicd", "gicr", "gicc", "gich",
					  "gicv" };
	const struct hvc_range *fr[] = { &b->gicd, &b->gicr, &b->gicc, &b->gich,
					 &b->gicv };
	unsigned int i;

	hvc_buf_printf(o, "  \"gic\": {\n    ");
	kint(o, "version", (uint64_t)b->gic_version);
	hvc_buf_printf(o, ",\n    ");
	kint(o, "maint", b->gic_maint);
	hvc_buf_printf(o, ",\n    ");
	kstr(o, "node", b->gic_node);
	hvc_buf_printf(o, ",\n    ");
	kstr(o, "compatible", b->gic_compat);
	for (i = 0; i < 5; i++) {
		hvc_buf_printf(o, ",\n    \"%s\": ", fn[i]);
		region(o, fr[i], 0);
	}
	hvc_buf_printf(o, ",\n    ");
	kint(o, "gicc_alias", b->gicc_alias);
	hvc_buf_printf(o, ",\n    ");
	kint(o, "gicv_alias", b->gicv_alias);
	hvc_buf_printf(o, ",\n    ");
	kint(o, "stride", b->gicr_stride);
	hvc_buf_printf(o, ",\n");
	regions(o, "its", b->its, b->nits, 0, "    ");
	hvc_buf_printf(o, "\n  }");
}

/* riscv64: "irqchip" and "clint" (docs/board-yaml.md, "board.json") */
static void irqchip(struct hvc_buf *o, const struct board *b)
{
	unsigned int i;

	hvc_buf_printf(o, "  \"irqchip\": {\n    ");
	kstr(o, "type", b->irqchip_type);
	hvc_buf_printf(o, ",\n    ");
	kstr(o, "node", b->irqchip.node);
	hvc_buf_printf(o, ",\n    ");
	kstr(o, "compatible", b->irqchip_compat);
	hvc_buf_printf(o, ",\n    ");
	kint(o, "base", b->irqchip.base);
	hvc_buf_printf(o, ",\n    ");
	kint(o, "size", b->irqchip.size);
	hvc_buf_printf(o, ",\n    ");
	kint(o, "ndev", b->irqchip_ndev);
	hvc_buf_printf(o, ",\n    \"contexts\": [");
	for (i = 0; i < b->nctx; i++) {
		hvc_buf_printf(o, "%s\n      {", i ? "," : "");
		kint(o, "id", b->ctx[i].id);
		hvc_buf_printf(o, ", ");
		kint(o, "hart", b->ctx[i].hart);
		hvc_buf_printf(o, ", \"mode\": \"%c\"}", b->ctx[i].mode);
	}
	hvc_buf_printf(o, "%s],\n    \"imsic\": ", b->nctx ? "\n    " : "");
	if (b->imsic.size) {
		hvc_buf_printf(o, "{");
		kint(o, "base", b->imsic.base);
		hvc_buf_printf(o, ", ");
		kint(o, "size", b->imsic.size);
		hvc_buf_printf(o, ", ");
		kstr(o, "node", b->imsic.node);
		hvc_buf_printf(o, ", ");
		kint(o, "guest_index_bits", b->imsic_guest_bits);
		hvc_buf_printf(o, ", ");
		kint(o, "hart_index_bits", b->imsic_hart_bits);
		hvc_buf_printf(o, "}");
	} else {
		hvc_buf_printf(o, "null");
	}
	hvc_buf_printf(o, "\n  },\n  \"clint\": ");
	region(o, &b->clint, 0);
}

static void console(struct hvc_buf *o, const struct board *b)
{
	const struct board_console *u = &b->console;

	if (!b->has_console) {
		hvc_buf_printf(o, "  \"console\": null");
		return;
	}
	hvc_buf_printf(o, "  \"console\": {");
	kstr(o, "driver", u->driver);
	hvc_buf_printf(o, ", ");
	kint(o, "base", u->base);
	hvc_buf_printf(o, ", ");
	kint(o, "size", u->size);
	hvc_buf_printf(o, ", ");
	kint(o, "irq", u->has_irq ? u->irq : 0);
	hvc_buf_printf(o, ", ");
	kint(o, "baud", u->baud);
	hvc_buf_printf(o, ", ");
	kint(o, "reg_shift", u->reg_shift);
	hvc_buf_printf(o, ", ");
	kint(o, "reg_io_width", u->reg_io_width);
	hvc_buf_printf(o, ", ");
	kint(o, "clock", u->clock);
	hvc_buf_printf(o, ", ");
	kstr(o, "node", u->node);
	hvc_buf_printf(o, "}");
}

/* A node line of "nodes" if the range names one. */
static void named(struct hvc_buf *o, unsigned int *n, const struct hvc_range *r)
{
	if (!r->size || !r->node)
		return;
	hvc_buf_printf(o, "%s\n    ", (*n)++ ? "," : "");
	region(o, r, 0);
}

/* Every named range of the board, so a fault can name the DT node. */
static void nodes(struct hvc_buf *o, const struct board *b)
{
	const struct hvc_range *fr[] = { &b->gicd, &b->gicr, &b->gicc, &b->gich,
					 &b->gicv };
	struct hvc_range con;
	unsigned int i, n = 0;

	hvc_buf_printf(o, "  \"nodes\": [");
	for (i = 0; i < b->dev_regs.n; i++)
		named(o, &n, &b->dev_regs.r[i]);
	for (i = 0; i < b->mem.n; i++)
		named(o, &n, &b->mem.r[i]);
	for (i = 0; i < b->res.n; i++)
		named(o, &n, &b->res.r[i]);
	for (i = 0; i < 5; i++)
		named(o, &n, fr[i]);
	for (i = 0; i < b->nits; i++)
		named(o, &n, &b->its[i]);
	named(o, &n, &b->irqchip);
	named(o, &n, &b->imsic);
	named(o, &n, &b->clint);
	if (b->has_console) {
		memset(&con, 0, sizeof(con));
		con.base = b->console.base;
		con.size = b->console.size;
		con.node = b->console.node;
		named(o, &n, &con);
	}
	for (i = 0; i < b->root_mem.n; i++)
		named(o, &n, &b->root_mem.r[i]);
	hvc_buf_printf(o, "%s]", n ? "\n  " : "");
}

static void root(struct hvc_buf *o, const struct board *b)
{
	unsigned int i;

	hvc_buf_printf(o, "  \"root\": {\n    ");
	kstr(o, "name", b->root_name);
	hvc_buf_printf(o, ",\n    ");
	kint(o, "cpus", b->root_cpus);
	hvc_buf_printf(o, ",\n");
	regions(o, "regions", b->root_mem.r, b->root_mem.n, 1, "    ");
	hvc_buf_printf(o, ",\n    \"irqs\": [");
	for (i = 0; i < b->root_nirqs; i++) {
		hvc_buf_printf(o, "%s\n      {", i ? "," : "");
		kint(o, "intid", b->root_irqs[i].intid);
		hvc_buf_printf(o, ", ");
		kstr(o, "node", b->root_irqs[i].node);
		hvc_buf_printf(o, "}");
	}
	hvc_buf_printf(o, "%s],\n    ", b->root_nirqs ? "\n    " : "");
	kint(o, "kernel", b->root_kernel);
	hvc_buf_printf(o, ",\n    ");
	kint(o, "entry", b->root_entry);
	hvc_buf_printf(o, ",\n    ");
	kint(o, "dtb", b->root_dtb);
	hvc_buf_printf(o, ",\n    ");
	kint(o, "initrd", b->has_initrd ? b->root_initrd : 0);
	hvc_buf_printf(o, ",\n    ");
	kstr(o, "bootargs", b->root_bootargs);
	hvc_buf_printf(o, "\n  }");
}

int board_write_json(const struct board *b, struct hvc_buf *o)
{
	unsigned int i;

	hvc_buf_printf(o, "{\n  ");
	kstr(o, "name", b->name);
	hvc_buf_printf(o, ",\n  ");
	kstr(o, "arch", b->arch);
	hvc_buf_printf(o, ",\n  ");
	kstr(o, "model", b->model);
	hvc_buf_printf(o, ",\n  \"cpus\": [");
	for (i = 0; i < b->ncpus; i++) {
		hvc_buf_printf(o, "%s\n    {", i ? "," : "");
		if (b->riscv)
			kint(o, "hartid", b->cpus[i].hartid);
		else
			kint(o, "mpidr", b->cpus[i].mpidr);
		hvc_buf_printf(o, ", ");
		kstr(o, "node", b->cpus[i].node);
		hvc_buf_printf(o, "}");
	}
	hvc_buf_printf(o, "\n  ],\n  ");
	kstr(o, "psci", b->has_psci ? b->psci_method : "none");
	hvc_buf_printf(o, ",\n  ");
	kint(o, "load", b->load_address);
	hvc_buf_printf(o, ",\n  ");
	kint(o, "virtio_irq", b->virtio_irq);
	hvc_buf_printf(o, ",\n  \"hv_ram\": ");
	region(o, &b->hv_ram, 0);
	hvc_buf_printf(o, ",\n");
	if (b->riscv) {
		hvc_buf_printf(o, "  ");
		kint(o, "timebase", b->timebase);
		hvc_buf_printf(o, ",\n  \"gic\": null,\n");
		irqchip(o, b);
	} else {
		gic(o, b);
	}
	hvc_buf_printf(o, ",\n");
	console(o, b);
	hvc_buf_printf(o, ",\n");
	regions(o, "layout", b->layout.r, b->layout.n, 1, "  ");
	hvc_buf_printf(o, ",\n");
	nodes(o, b);
	hvc_buf_printf(o, ",\n");
	root(o, b);
	hvc_buf_printf(o, "\n}\n");
	return o->oom ? -BOARD_ENOMEM : 0;
}
