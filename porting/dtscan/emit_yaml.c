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

static void scalar(struct ye *y, const char *s, yaml_scalar_style_t st)
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

static void str(struct ye *y, const char *s)
{
	scalar(y, s, YAML_ANY_SCALAR_STYLE);
}

static void qstr(struct ye *y, const char *s)
{
	scalar(y, s, YAML_DOUBLE_QUOTED_SCALAR_STYLE);
}

static void hex(struct ye *y, uint64_t v)
{
	char b[24];

	snprintf(b, sizeof(b), "0x%llx", (unsigned long long)v);
	qstr(y, b);
}

static void num(struct ye *y, long v)
{
	char b[24];

	snprintf(b, sizeof(b), "%ld", v);
	scalar(y, b, YAML_PLAIN_SCALAR_STYLE);
}

static void null(struct ye *y)
{
	scalar(y, "null", YAML_PLAIN_SCALAR_STYLE);
}

static void map(struct ye *y, bool flow)
{
	yaml_event_t ev;

	yaml_mapping_start_event_initialize(&ev, NULL, NULL, 1,
					    flow ? YAML_FLOW_MAPPING_STYLE
						 : YAML_BLOCK_MAPPING_STYLE);
	emit(y, &ev);
}

static void map_end(struct ye *y)
{
	yaml_event_t ev;

	yaml_mapping_end_event_initialize(&ev);
	emit(y, &ev);
}

static void seq(struct ye *y, bool flow)
{
	yaml_event_t ev;

	yaml_sequence_start_event_initialize(&ev, NULL, NULL, 1,
					     flow ? YAML_FLOW_SEQUENCE_STYLE
						  : YAML_BLOCK_SEQUENCE_STYLE);
	emit(y, &ev);
}

static void seq_end(struct ye *y)
{
	yaml_event_t ev;

	yaml_sequence_end_event_initialize(&ev);
	emit(y, &ev);
}

static void kv_str(struct ye *y, const char *k, const char *v)
{
	str(y, k);
	if (v)
		str(y, v);
	else
		null(y);
}

static void kv_hex(struct ye *y, const char *k, uint64_t v)
{
	str(y, k);
	hex(y, v);
}

static void kv_num(struct ye *y, const char *k, long v)
{
	str(y, k);
	num(y, v);
}

static void kv_numornull(struct ye *y, const char *k, long v)
{
	str(y, k);
	if (v < 0)
		null(y);
	else
		num(y, v);
}

static void nodes_kv(struct dtscan *ds, struct ye *y, const struct ds_region *g)
{
	int i;

	if (g->nnodes == 0) {
		kv_str(y, "node", "--ram");
	} else if (g->nnodes == 1) {
		kv_str(y, "node", ds_path(ds, g->nodes[0]));
	} else if (g->nnodes > 1) {
		str(y, "nodes");
		seq(y, true);
		for (i = 0; i < g->nnodes; i++)
			str(y, ds_path(ds, g->nodes[i]));
		seq_end(y);
	}
}

static void region_list(struct dtscan *ds, struct ye *y,
			const struct ds_rvec *rv, const char *type)
{
	int i;

	for (i = 0; i < rv->n; i++) {
		map(y, true);
		if (type)
			kv_str(y, "type", type);
		kv_hex(y, "base", rv->v[i].base);
		kv_hex(y, "size", rv->v[i].size);
		nodes_kv(ds, y, &rv->v[i]);
		map_end(y);
	}
}

static void frame(struct ye *y, const char *k, const struct ds_gicframe *f,
		  bool alias, uint64_t alias_off)
{
	str(y, k);
	if (!f->present) {
		null(y);
		return;
	}
	map(y, true);
	kv_hex(y, "base", f->base);
	kv_hex(y, "size", f->size);
	if (alias)
		kv_hex(y, "alias_offset", alias_off);
	map_end(y);
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
	str(y, "board");
	map(y, false);
	str(y, "name");
	if (yaml_plain_ok(ds->opts->board))
		str(y, ds->opts->board);
	else
		qstr(y, ds->opts->board); /* 012, null, yes: still strings */
	kv_str(y, "arch", ds->arch);
	str(y, "model");
	qstr(y, model ? model : (ds_compat0(ds, 0) ? ds_compat0(ds, 0) : ""));
	str(y, "compatible");
	seq(y, true);
	c = ds_prop(ds, 0, "compatible", &len);
	for (i = 0; c && i < len;) {
		size_t l = strnlen(c + i, (size_t)(len - i));

		if (l == (size_t)(len - i))
			break;
		qstr(y, c + i);
		i += (int)l + 1;
	}
	seq_end(y);
	kv_str(y, "source", ds->src_name);
	str(y, "cpus");
	seq(y, false);
	for (i = 0; i < ds->ncpus; i++) {
		map(y, true);
		kv_num(y, "id", i);
		kv_hex(y, "mpidr", ds->cpus[i].mpidr);
		kv_str(y, "node", ds_path(ds, ds->cpus[i].node));
		kv_str(y, "enable_method", ds->cpus[i].enable_method);
		map_end(y);
	}
	seq_end(y);
	str(y, "psci");
	if (ds->psci >= 0) {
		map(y, true);
		kv_str(y, "method", ds->psci_hvc ? "hvc" : "smc");
		str(y, "version");
		qstr(y, ds->psci_version);
		kv_str(y, "node", ds_path(ds, ds->psci));
		map_end(y);
	} else {
		null(y);
	}
	str(y, "timer");
	if (ds->timer >= 0) {
		map(y, true);
		kv_str(y, "node", ds_path(ds, ds->timer));
		str(y, "ppis");
		seq(y, true);
		for (i = 0; i < ds->ntimer; i++)
			if (ds->timer_ppis[i] < 0)
				null(y);
			else
				num(y, ds->timer_ppis[i]);
		seq_end(y);
		map_end(y);
	} else {
		null(y);
	}
	str(y, "pmu");
	if (ds->pmu >= 0) {
		bool ppi = ds->npmu && ds->pmu_irqs[0] >= 16 &&
			   ds->pmu_irqs[0] < 32;

		map(y, true);
		kv_str(y, "node", ds_path(ds, ds->pmu));
		kv_numornull(y, "ppi", ppi ? ds->pmu_irqs[0] : -1);
		if (!ppi && ds->npmu) {
			str(y, "spis");
			seq(y, true);
			for (i = 0; i < ds->npmu; i++)
				if (ds->pmu_irqs[i] < 0)
					null(y);
				else
					num(y, ds->pmu_irqs[i]);
			seq_end(y);
		}
		map_end(y);
	} else {
		null(y);
	}
	map_end(y);
}

static void emit_gic(struct dtscan *ds, struct ye *y)
{
	str(y, "gic");
	map(y, false);
	kv_num(y, "version", ds->gic_version);
	kv_str(y, "node", ds_path(ds, ds->gic));
	kv_str(y, "compatible", ds->gic_compat);
	kv_numornull(y, "maintenance_irq", ds->gic_maint);
	frame(y, "gicd", &ds->gicd, false, 0);
	if (ds->gic_version == 3) {
		str(y, "gicr");
		map(y, true);
		kv_hex(y, "base", ds->gicr.base);
		kv_hex(y, "size", ds->gicr.size);
		kv_hex(y, "stride", ds->gicr_stride);
		map_end(y);
		str(y, "its");
		seq(y, ds->its.n == 0);
		region_list(ds, y, &ds->its, NULL);
		seq_end(y);
	} else {
		frame(y, "gicc", &ds->gicc, true, ds->gicc_alias);
		frame(y, "gich", &ds->gich, false, 0);
		frame(y, "gicv", &ds->gicv, true,
		      ds->gicv.size == 0x20000 ? 0xf000 : 0);
	}
	map_end(y);
}

static void emit_console(struct dtscan *ds, struct ye *y)
{
	str(y, "console");
	if (ds->console < 0) {
		null(y);
		return;
	}
	map(y, false);
	kv_str(y, "node", ds_path(ds, ds->console));
	kv_str(y, "driver", ds->con_driver);
	kv_str(y, "compatible", ds->con_compat);
	kv_hex(y, "base", ds->con_base);
	kv_hex(y, "size", ds->con_size);
	kv_numornull(y, "irq", ds->con_irq);
	kv_numornull(y, "baud", ds->con_baud);
	kv_num(y, "reg_shift", ds->con_shift);
	kv_num(y, "reg_io_width", ds->con_width);
	kv_numornull(y, "clock_frequency", ds->con_clk);
	if (ds->con_why)
		kv_str(y, "why", ds->con_why);
	map_end(y);
}

static void emit_zone(struct dtscan *ds, struct ye *y)
{
	int i;

	str(y, "root_zone");
	map(y, false);
	kv_str(y, "name", "root-linux");
	str(y, "cpus");
	seq(y, true);
	for (i = 0; i < ds->ncpus; i++)
		num(y, i);
	seq_end(y);
	str(y, "memory");
	seq(y, false);
	region_list(ds, y, &ds->root_ram, "ram");
	region_list(ds, y, &ds->root_io, "io");
	seq_end(y);
	str(y, "irqs");
	seq(y, false);
	for (i = 0; i < ds->root_irqs.n; i++) {
		map(y, true);
		kv_num(y, "intid", ds->root_irqs.v[i].intid);
		kv_str(y, "node",
		       ds->root_irqs.v[i].node < 0
			       ? "/hvisor_virtio_device"
			       : ds_path(ds, ds->root_irqs.v[i].node));
		map_end(y);
	}
	seq_end(y);
	str(y, "kernel");
	map(y, true);
	kv_hex(y, "load", ds->kernel_load);
	kv_hex(y, "entry", ds->kernel_load);
	map_end(y);
	str(y, "dtb");
	map(y, true);
	kv_hex(y, "load", ds->dtb_load);
	map_end(y);
	str(y, "initrd");
	map(y, true);
	kv_hex(y, "load", ds->initrd_load);
	map_end(y);
	str(y, "bootargs");
	qstr(y, ds->bootargs);
	map_end(y);
}

static void emit_na(struct dtscan *ds, struct ye *y)
{
	int i, c;

	str(y, "not_assignable");
	seq(y, ds->not_assignable.n == 0);
	for (i = 0; i < ds->not_assignable.n; i++) {
		const struct ds_irq *q = &ds->not_assignable.v[i];

		map(y, true);
		kv_str(y, "node", ds_path(ds, q->node));
		str(y, "chain");
		seq(y, true);
		for (c = 0; c < q->nchain; c++)
			str(y, ds_path(ds, q->chain[c]));
		seq_end(y);
		kv_str(y, "why", q->why ? q->why : "unknown");
		map_end(y);
	}
	seq_end(y);
}

/* One flow line per device: a reviewer greps it, the hypervisor's fault
 * report and zonegen's allocator read it. */
static void emit_devices(struct dtscan *ds, struct ye *y)
{
	int i, k;

	str(y, "devices");
	seq(y, ds->ndevs == 0);
	for (i = 0; i < ds->ndevs; i++) {
		const struct ds_dev *d = &ds->devs[i];

		map(y, true);
		kv_str(y, "node", ds_path(ds, d->node));
		str(y, "compatible");
		if (ds_compat0(ds, d->node))
			qstr(y, ds_compat0(ds, d->node));
		else
			null(y);
		kv_str(y, "kept",
		       ds->nodes[d->node].keep != KEEP_NO ? "true" : "false");
		str(y, "regs");
		seq(y, true);
		for (k = 0; k < d->regs.n; k++) {
			map(y, true);
			kv_hex(y, "base", d->regs.v[k].base);
			kv_hex(y, "size", d->regs.v[k].size);
			map_end(y);
		}
		seq_end(y);
		str(y, "irqs");
		seq(y, true);
		for (k = 0; k < d->nirqs; k++)
			num(y, d->irqs[k]);
		seq_end(y);
		map_end(y);
	}
	seq_end(y);
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
	map(&y, false);
	kv_num(&y, "version", 1);
	emit_board(ds, &y);
	str(&y, "memory");
	seq(&y, ds->usable.n == 0);
	region_list(ds, &y, &ds->usable, NULL);
	seq_end(&y);
	str(&y, "reserved");
	seq(&y, ds->reserved.n == 0);
	for (int i = 0; i < ds->reserved.n; i++) {
		const struct ds_region *g = &ds->reserved.v[i];

		map(&y, true);
		kv_hex(&y, "base", g->base);
		kv_hex(&y, "size", g->size);
		kv_str(&y, "node",
		       g->nnodes ? ds_path(ds, g->nodes[0]) : "/memreserve/");
		kv_str(&y, "reason", g->nnodes ? "no-map" : "memreserve");
		map_end(&y);
	}
	seq_end(&y);
	str(&y, "hypervisor");
	map(&y, false);
	kv_hex(&y, "load_address", ds->hv_base);
	kv_num(&y, "virtio_irq", ds->virtio_intid);
	str(&y, "ram");
	map(&y, true);
	kv_hex(&y, "base", ds->hv_base);
	kv_hex(&y, "size", ds->hv_size);
	map_end(&y);
	map_end(&y);
	emit_gic(ds, &y);
	emit_console(ds, &y);
	str(&y, "layout");
	seq(&y, false);
	for (int i = 0; i < ds->layout.n; i++) {
		map(&y, true);
		kv_hex(&y, "base", ds->layout.v[i].base);
		kv_hex(&y, "size", ds->layout.v[i].size);
		kv_str(&y, "type",
		       ds->layout.v[i].type == REG_NORMAL ? "normal"
							  : "device");
		map_end(&y);
	}
	seq_end(&y);
	emit_zone(ds, &y);
	emit_na(ds, &y);
	emit_devices(ds, &y);
	map_end(&y);
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
