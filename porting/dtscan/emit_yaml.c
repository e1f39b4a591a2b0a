// SPDX-License-Identifier: GPL-2.0
/* board.yaml through libyaml's emitter (schema: docs/board-yaml.md). */
#include <stdlib.h>
#include <string.h>
#include <yaml.h>
#include "internal.h"

struct ye {
	yaml_emitter_t em;
	struct ds_buf out;
	bool failed;
};

static int write_cb(void *data, unsigned char *buffer, size_t size)
{
	struct ye *y = data;

	buf_put(&y->out, (const char *)buffer, size);
	return !y->out.oom;
}

static void emit(struct ye *y, yaml_event_t *ev)
{
	if (y->failed) {
		yaml_event_delete(ev);
		return;
	}
	if (!yaml_emitter_emit(&y->em, ev))
		y->failed = true;
}

static void ye_scalar(struct ye *y, const char *s, yaml_scalar_style_t st)
{
	yaml_event_t ev;

	if (!yaml_scalar_event_initialize(&ev, NULL, NULL,
					  (yaml_char_t *)(uintptr_t)s,
					  (int)strlen(s), 1, 1, st)) {
		y->failed = true;
		return;
	}
	emit(y, &ev);
}

void ye_str(struct ye *y, const char *s)
{
	ye_scalar(y, s, YAML_ANY_SCALAR_STYLE);
}

void ye_qstr(struct ye *y, const char *s)
{
	ye_scalar(y, s, YAML_DOUBLE_QUOTED_SCALAR_STYLE);
}

void ye_hex(struct ye *y, uint64_t v)
{
	char b[24];

	snprintf(b, sizeof(b), "0x%llx", (unsigned long long)v);
	ye_qstr(y, b);
}

void ye_num(struct ye *y, long v)
{
	char b[24];

	snprintf(b, sizeof(b), "%ld", v);
	ye_scalar(y, b, YAML_PLAIN_SCALAR_STYLE);
}

void ye_null(struct ye *y)
{
	ye_scalar(y, "null", YAML_PLAIN_SCALAR_STYLE);
}

void ye_map(struct ye *y, bool flow)
{
	yaml_event_t ev;

	yaml_mapping_start_event_initialize(&ev, NULL, NULL, 1,
					    flow ? YAML_FLOW_MAPPING_STYLE
						 : YAML_BLOCK_MAPPING_STYLE);
	emit(y, &ev);
}

void ye_map_end(struct ye *y)
{
	yaml_event_t ev;

	yaml_mapping_end_event_initialize(&ev);
	emit(y, &ev);
}

void ye_seq(struct ye *y, bool flow)
{
	yaml_event_t ev;

	yaml_sequence_start_event_initialize(&ev, NULL, NULL, 1,
					     flow ? YAML_FLOW_SEQUENCE_STYLE
						  : YAML_BLOCK_SEQUENCE_STYLE);
	emit(y, &ev);
}

void ye_seq_end(struct ye *y)
{
	yaml_event_t ev;

	yaml_sequence_end_event_initialize(&ev);
	emit(y, &ev);
}

void ye_kv_str(struct ye *y, const char *k, const char *v)
{
	ye_str(y, k);
	if (v)
		ye_str(y, v);
	else
		ye_null(y);
}

void ye_kv_hex(struct ye *y, const char *k, uint64_t v)
{
	ye_str(y, k);
	ye_hex(y, v);
}

void ye_kv_num(struct ye *y, const char *k, long v)
{
	ye_str(y, k);
	ye_num(y, v);
}

void ye_kv_numornull(struct ye *y, const char *k, long v)
{
	ye_str(y, k);
	if (v < 0)
		ye_null(y);
	else
		ye_num(y, v);
}

static void ye_nodes_kv(struct dtscan *ds, struct ye *y,
			const struct ds_region *g)
{
	int i;

	if (g->nnodes == 0) {
		ye_kv_str(y, "node", "--ram");
	} else if (g->nnodes == 1) {
		ye_kv_str(y, "node", ds_path(ds, g->nodes[0]));
	} else if (g->nnodes > 1) {
		ye_str(y, "nodes");
		ye_seq(y, true);
		for (i = 0; i < g->nnodes; i++)
			ye_str(y, ds_path(ds, g->nodes[i]));
		ye_seq_end(y);
	}
}

void ye_region_list(struct dtscan *ds, struct ye *y, const struct ds_rvec *rv,
		    const char *type)
{
	int i;

	for (i = 0; i < rv->n; i++) {
		ye_map(y, true);
		if (type)
			ye_kv_str(y, "type", type);
		ye_kv_hex(y, "base", rv->v[i].base);
		ye_kv_hex(y, "size", rv->v[i].size);
		ye_nodes_kv(ds, y, &rv->v[i]);
		ye_map_end(y);
	}
}

static void frame(struct ye *y, const char *k, const struct ds_gicframe *f,
		  bool alias, uint64_t alias_off)
{
	ye_str(y, k);
	if (!f->present) {
		ye_null(y);
		return;
	}
	ye_map(y, true);
	ye_kv_hex(y, "base", f->base);
	ye_kv_hex(y, "size", f->size);
	if (alias)
		ye_kv_hex(y, "alias_offset", alias_off);
	ye_map_end(y);
}

/*
 * A board name ([a-z0-9][a-z0-9._-]*) a YAML reader takes as a string when
 * plain: not a number or date (digit first), not a YAML 1.1 boolean or null.
 */
static bool yaml_plain_ok(const char *s)
{
	static const char *const words[] = { "y",    "n",     "yes",
					     "no",   "on",    "off",
					     "true", "false", "null" };

	if (*s < 'a' || *s > 'z')
		return false;
	for (size_t i = 0; i < sizeof(words) / sizeof(*words); i++)
		if (!strcmp(s, words[i]))
			return false;
	return true;
}

static void emit_board(struct dtscan *ds, struct ye *y)
{
	int i, len;
	const char *model = ds_prop(ds, 0, "model", &len), *c;

	if (model && strnlen(model, (size_t)len) == (size_t)len)
		model = NULL;
	ye_str(y, "board");
	ye_map(y, false);
	ye_str(y, "name");
	if (yaml_plain_ok(ds->opts->board))
		ye_str(y, ds->opts->board);
	else
		ye_qstr(y, ds->opts->board); /* 012, null, yes: still strings */
	ye_kv_str(y, "arch", ds->arch);
	ye_str(y, "model");
	ye_qstr(y,
		model ? model : (ds_compat0(ds, 0) ? ds_compat0(ds, 0) : ""));
	ye_str(y, "compatible");
	ye_seq(y, true);
	c = ds_prop(ds, 0, "compatible", &len);
	for (i = 0; c && i < len;) {
		size_t l = strnlen(c + i, (size_t)(len - i));

		if (l == (size_t)(len - i))
			break;
		ye_qstr(y, c + i);
		i += (int)l + 1;
	}
	ye_seq_end(y);
	ye_kv_str(y, "source", ds->src_name);
	ds->ops->yaml_board(ds, y);
	ye_map_end(y);
}

/* aarch64: board.cpus (MPIDRs), psci, timer, pmu */
void arm64_yaml_board(struct dtscan *ds, struct ye *y)
{
	int i;

	ye_str(y, "cpus");
	ye_seq(y, false);
	for (i = 0; i < ds->ncpus; i++) {
		ye_map(y, true);
		ye_kv_num(y, "id", i);
		ye_kv_hex(y, "mpidr", ds->cpus[i].mpidr);
		ye_kv_str(y, "node", ds_path(ds, ds->cpus[i].node));
		ye_kv_str(y, "enable_method", ds->cpus[i].enable_method);
		ye_map_end(y);
	}
	ye_seq_end(y);
	ye_str(y, "psci");
	if (ds->psci >= 0) {
		ye_map(y, true);
		ye_kv_str(y, "method", ds->psci_hvc ? "hvc" : "smc");
		ye_str(y, "version");
		ye_qstr(y, ds->psci_version);
		ye_kv_str(y, "node", ds_path(ds, ds->psci));
		ye_map_end(y);
	} else {
		ye_null(y);
	}
	ye_str(y, "timer");
	if (ds->timer >= 0) {
		ye_map(y, true);
		ye_kv_str(y, "node", ds_path(ds, ds->timer));
		ye_str(y, "ppis");
		ye_seq(y, true);
		for (i = 0; i < ds->ntimer; i++)
			if (ds->timer_ppis[i] < 0)
				ye_null(y);
			else
				ye_num(y, ds->timer_ppis[i]);
		ye_seq_end(y);
		ye_map_end(y);
	} else {
		ye_null(y);
	}
	ye_str(y, "pmu");
	if (ds->pmu >= 0) {
		bool ppi = ds->npmu && ds->pmu_irqs[0] >= 16 &&
			   ds->pmu_irqs[0] < 32;

		ye_map(y, true);
		ye_kv_str(y, "node", ds_path(ds, ds->pmu));
		ye_kv_numornull(y, "ppi", ppi ? ds->pmu_irqs[0] : -1);
		if (!ppi && ds->npmu) {
			ye_str(y, "spis");
			ye_seq(y, true);
			for (i = 0; i < ds->npmu; i++)
				if (ds->pmu_irqs[i] < 0)
					ye_null(y);
				else
					ye_num(y, ds->pmu_irqs[i]);
			ye_seq_end(y);
		}
		ye_map_end(y);
	} else {
		ye_null(y);
	}
}

/* aarch64: the gic section */
void arm64_yaml_irqchip(struct dtscan *ds, struct ye *y)
{
	ye_str(y, "gic");
	ye_map(y, false);
	ye_kv_num(y, "version", ds->gic_version);
	ye_kv_str(y, "node", ds_path(ds, ds->irqchip));
	ye_kv_str(y, "compatible", ds->gic_compat);
	ye_kv_numornull(y, "maintenance_irq", ds->gic_maint);
	frame(y, "gicd", &ds->gicd, false, 0);
	if (ds->gic_version == 3) {
		ye_str(y, "gicr");
		ye_map(y, true);
		ye_kv_hex(y, "base", ds->gicr.base);
		ye_kv_hex(y, "size", ds->gicr.size);
		ye_kv_hex(y, "stride", ds->gicr_stride);
		ye_map_end(y);
		ye_str(y, "its");
		ye_seq(y, ds->its.n == 0);
		ye_region_list(ds, y, &ds->its, NULL);
		ye_seq_end(y);
	} else {
		frame(y, "gicc", &ds->gicc, true, ds->gicc_alias);
		frame(y, "gich", &ds->gich, false, 0);
		frame(y, "gicv", &ds->gicv, true,
		      ds->gicv.size == 0x20000 ? 0xf000 : 0);
	}
	ye_map_end(y);
}

static void emit_console(struct dtscan *ds, struct ye *y)
{
	ye_str(y, "console");
	if (ds->console < 0 && ds->con_driver) { /* riscv64: SBI */
		ye_map(y, false);
		ye_kv_str(y, "driver", ds->con_driver);
		if (ds->con_why)
			ye_kv_str(y, "why", ds->con_why);
		ye_map_end(y);
		return;
	}
	if (ds->console < 0) {
		ye_null(y);
		return;
	}
	ye_map(y, false);
	ye_kv_str(y, "node", ds_path(ds, ds->console));
	ye_kv_str(y, "driver", ds->con_driver);
	ye_kv_str(y, "compatible", ds->con_compat);
	ye_kv_hex(y, "base", ds->con_base);
	ye_kv_hex(y, "size", ds->con_size);
	ye_kv_numornull(y, "irq", ds->con_irq);
	ye_kv_numornull(y, "baud", ds->con_baud);
	ye_kv_num(y, "reg_shift", ds->con_shift);
	ye_kv_num(y, "reg_io_width", ds->con_width);
	ye_kv_numornull(y, "clock_frequency", ds->con_clk);
	if (ds->con_why)
		ye_kv_str(y, "why", ds->con_why);
	ye_map_end(y);
}

static void emit_zone(struct dtscan *ds, struct ye *y)
{
	int i;

	ye_str(y, "root_zone");
	ye_map(y, false);
	ye_kv_str(y, "name", "root-linux");
	ye_str(y, "cpus");
	ye_seq(y, true);
	for (i = 0; i < ds->ncpus; i++)
		ye_num(y, i);
	ye_seq_end(y);
	ye_str(y, "memory");
	ye_seq(y, false);
	ye_region_list(ds, y, &ds->root_ram, "ram");
	ye_region_list(ds, y, &ds->root_io, "io");
	ye_seq_end(y);
	ye_str(y, "irqs");
	ye_seq(y, false);
	for (i = 0; i < ds->root_irqs.n; i++) {
		ye_map(y, true);
		ye_kv_num(y, "intid", ds->root_irqs.v[i].intid);
		ye_kv_str(y, "node",
			  ds->root_irqs.v[i].node < 0
				  ? "/hvisor_virtio_device"
				  : ds_path(ds, ds->root_irqs.v[i].node));
		ye_map_end(y);
	}
	ye_seq_end(y);
	ye_str(y, "kernel");
	ye_map(y, true);
	ye_kv_hex(y, "load", ds->kernel_load);
	ye_kv_hex(y, "entry", ds->kernel_load);
	ye_map_end(y);
	ye_str(y, "dtb");
	ye_map(y, true);
	ye_kv_hex(y, "load", ds->dtb_load);
	ye_map_end(y);
	ye_str(y, "initrd");
	ye_map(y, true);
	ye_kv_hex(y, "load", ds->initrd_load);
	ye_map_end(y);
	ye_str(y, "bootargs");
	ye_qstr(y, ds->bootargs);
	ye_map_end(y);
}

static void emit_na(struct dtscan *ds, struct ye *y)
{
	int i, c;

	ye_str(y, "not_assignable");
	ye_seq(y, ds->not_assignable.n == 0);
	for (i = 0; i < ds->not_assignable.n; i++) {
		const struct ds_irq *q = &ds->not_assignable.v[i];

		ye_map(y, true);
		ye_kv_str(y, "node", ds_path(ds, q->node));
		ye_str(y, "chain");
		ye_seq(y, true);
		for (c = 0; c < q->nchain; c++)
			ye_str(y, ds_path(ds, q->chain[c]));
		ye_seq_end(y);
		ye_kv_str(y, "why", q->why ? q->why : "unknown");
		ye_map_end(y);
	}
	ye_seq_end(y);
}

/* One flow line per device: a reviewer greps it, the hypervisor's fault
 * report and zonegen's allocator read it. */
static void emit_devices(struct dtscan *ds, struct ye *y)
{
	int i, k;

	ye_str(y, "devices");
	ye_seq(y, ds->ndevs == 0);
	for (i = 0; i < ds->ndevs; i++) {
		const struct ds_dev *d = &ds->devs[i];

		ye_map(y, true);
		ye_kv_str(y, "node", ds_path(ds, d->node));
		ye_str(y, "compatible");
		if (ds_compat0(ds, d->node))
			ye_qstr(y, ds_compat0(ds, d->node));
		else
			ye_null(y);
		ye_kv_str(y, "kept",
			  ds->nodes[d->node].keep != KEEP_NO ? "true"
							     : "false");
		ye_str(y, "regs");
		ye_seq(y, true);
		for (k = 0; k < d->regs.n; k++) {
			ye_map(y, true);
			ye_kv_hex(y, "base", d->regs.v[k].base);
			ye_kv_hex(y, "size", d->regs.v[k].size);
			ye_map_end(y);
		}
		ye_seq_end(y);
		ye_str(y, "irqs");
		ye_seq(y, true);
		for (k = 0; k < d->nirqs; k++)
			ye_num(y, d->irqs[k]);
		ye_seq_end(y);
		ye_map_end(y);
	}
	ye_seq_end(y);
}

int ds_emit_yaml(struct dtscan *ds, char **out)
{
	struct ye y = { 0 };
	yaml_event_t ev;

	buf_printf(&y.out,
		   "# Generated by dtscan %s from %s; reviewed by hand before "
		   "use.\n",
		   DTSCAN_VERSION, ds->src_name);
	if (!yaml_emitter_initialize(&y.em))
		return ds_fail_key(ds, DTSCAN_ENOMEM, "board.yaml", NULL, NULL);
	yaml_emitter_set_output(&y.em, write_cb, &y);
	yaml_emitter_set_width(&y.em, -1);
	yaml_emitter_set_unicode(&y.em, 1);
	yaml_stream_start_event_initialize(&ev, YAML_UTF8_ENCODING);
	emit(&y, &ev);
	yaml_document_start_event_initialize(&ev, NULL, NULL, NULL, 1);
	emit(&y, &ev);
	ye_map(&y, false);
	ye_kv_num(&y, "version", 1);
	emit_board(ds, &y);
	ye_str(&y, "memory");
	ye_seq(&y, ds->usable.n == 0);
	ye_region_list(ds, &y, &ds->usable, NULL);
	ye_seq_end(&y);
	ye_str(&y, "reserved");
	ye_seq(&y, ds->reserved.n == 0);
	for (int i = 0; i < ds->reserved.n; i++) {
		const struct ds_region *g = &ds->reserved.v[i];

		ye_map(&y, true);
		ye_kv_hex(&y, "base", g->base);
		ye_kv_hex(&y, "size", g->size);
		ye_kv_str(&y, "node",
			  g->nnodes ? ds_path(ds, g->nodes[0])
				    : "/memreserve/");
		ye_kv_str(&y, "reason", g->nnodes ? "no-map" : "memreserve");
		ye_map_end(&y);
	}
	ye_seq_end(&y);
	ye_str(&y, "hypervisor");
	ye_map(&y, false);
	ye_kv_hex(&y, "load_address", ds->hv_base);
	ye_kv_num(&y, "virtio_irq", ds->virtio_intid);
	ye_str(&y, "ram");
	ye_map(&y, true);
	ye_kv_hex(&y, "base", ds->hv_base);
	ye_kv_hex(&y, "size", ds->hv_size);
	ye_map_end(&y);
	ye_map_end(&y);
	ds->ops->yaml_irqchip(ds, &y);
	emit_console(ds, &y);
	ye_str(&y, "layout");
	ye_seq(&y, false);
	for (int i = 0; i < ds->layout.n; i++) {
		ye_map(&y, true);
		ye_kv_hex(&y, "base", ds->layout.v[i].base);
		ye_kv_hex(&y, "size", ds->layout.v[i].size);
		ye_kv_str(&y, "type",
			  ds->layout.v[i].type == REG_NORMAL ? "normal"
							     : "device");
		ye_map_end(&y);
	}
	ye_seq_end(&y);
	emit_zone(ds, &y);
	emit_na(ds, &y);
	emit_devices(ds, &y);
	ye_map_end(&y);
	yaml_document_end_event_initialize(&ev, 1);
	emit(&y, &ev);
	yaml_stream_end_event_initialize(&ev);
	emit(&y, &ev);
	if (!y.failed && !yaml_emitter_flush(&y.em))
		y.failed = true;
	yaml_emitter_delete(&y.em);
	if (y.failed || y.out.oom) {
		free(y.out.p);
		return ds_fail_key(ds, DTSCAN_ENOMEM, "board.yaml", NULL,
				   "YAML emitter failed");
	}
	*out = y.out.p;
	return 0;
}
