// SPDX-License-Identifier: GPL-2.0
/*
 * zone0.dts: the trimmed tree in dtc's source style, with /memory = the root
 * zone's RAM, /chosen bootargs, and the hvisor_virtio_device node.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <libfdt.h>
#include <hvisor/hypercall.h>
#include <hvisor/zone_config.h>
#include "internal.h"

static bool printable_strings(const char *p, int len)
{
	int i;

	if (len <= 0 || p[len - 1] || !p[0])
		return false;
	for (i = 0; i < len - 1; i++) {
		unsigned char c = (unsigned char)p[i];

		if (!c) {
			if (!p[i + 1])
				return false; /* empty string inside */
			continue;
		}
		if (!isprint(c) && !strchr("\a\b\t\n\v\f\r", c))
			return false;
	}
	return true;
}

static void put_string(struct ds_buf *b, const char *p, int len)
{
	int i;

	buf_put(b, "\"", 1);
	for (i = 0; i < len - 1; i++) {
		char c = p[i];

		switch (c) {
		case '\0':
			buf_put(b, "\\0", 2);
			break;
		case '"':
			buf_put(b, "\\\"", 2);
			break;
		case '\\':
			buf_put(b, "\\\\", 2);
			break;
		case '\t':
			buf_put(b, "\\t", 2);
			break;
		case '\n':
			buf_put(b, "\\n", 2);
			break;
		default:
			if (isprint((unsigned char)c))
				buf_put(b, &c, 1);
			else
				buf_printf(b, "\\x%02x", (unsigned char)c);
		}
	}
	buf_put(b, "\"", 1);
}

static void indent(struct ds_buf *b, int depth)
{
	for (int i = 0; i < depth; i++)
		buf_put(b, "\t", 1);
}

static void put_prop(struct dtscan *ds, struct ds_buf *b, int depth,
		     const char *name, const void *val, int len,
		     const int *refs)
{
	const unsigned char *u = val;
	int i;

	indent(b, depth);
	buf_printf(b, "%s", name);
	if (len == 0) {
		buf_put(b, ";\n", 2);
		return;
	}
	buf_put(b, " = ", 3);
	if (printable_strings(val, len)) {
		put_string(b, val, len);
	} else if (len % 4 == 0) {
		buf_put(b, "<", 1);
		for (i = 0; i < len; i += 4) {
			/* phandles as path references: dtc checks them */
			if (refs && refs[i / 4] >= 0)
				buf_printf(b, "%s&{%s}", i ? " " : "",
					   ds_path(ds, refs[i / 4]));
			else
				buf_printf(b, "%s0x%02x", i ? " " : "",
					   fdt32_to_cpu(
						   *(const fdt32_t *)(u + i)));
		}
		buf_put(b, ">", 1);
	} else {
		buf_put(b, "[", 1);
		for (i = 0; i < len; i++)
			buf_printf(b, "%s%02x", i ? " " : "", u[i]);
		buf_put(b, "]", 1);
	}
	buf_put(b, ";\n", 2);
}

struct refmap {
	struct dtscan *ds;
	int *to; /* per cell: referenced node, -2 = not a phandle */
	int n;
	bool bad; /* references a dropped or missing node */
};

static void mark_ref(int pos, int to, void *arg)
{
	struct refmap *m = arg;

	if (pos < m->n)
		m->to[pos] = to;
	if (to < 0 || m->ds->nodes[to].keep == KEEP_NO)
		m->bad = true;
}

static bool has_kept_child(const struct dtscan *ds, int node)
{
	int i;

	for (i = node + 1;
	     i < ds->nnodes && ds->nodes[i].depth > ds->nodes[node].depth; i++)
		if (ds->nodes[i].keep != KEEP_NO && ds_has(ds, i, "reg"))
			return true;
	return false;
}

static bool alias_ok(struct dtscan *ds, const char *v, int len)
{
	int n;

	if (len < 2 || v[0] != '/' ||
	    strnlen(v, (size_t)len) != (size_t)len - 1)
		return false;
	n = ds_by_path(ds, v);
	return n >= 0 && ds->nodes[n].keep != KEEP_NO;
}

static void put_cells(struct ds_buf *b, uint64_t v, int cells, bool first)
{
	const char *sp = first ? "" : " ";

	if (cells == 2)
		buf_printf(b, "%s0x%02x 0x%02x", sp, (unsigned)(v >> 32),
			   (unsigned)(v & 0xffffffffu));
	else
		buf_printf(b, "%s0x%02x", sp, (unsigned)v);
}

static void put_memory(struct dtscan *ds, struct ds_buf *b)
{
	int ac = ds_u32(ds, 0, "#address-cells", 2);
	int sc = ds_u32(ds, 0, "#size-cells", 1);
	int i;
	bool first = true;

	buf_printf(b,
		   "\n\tmemory@%llx {\n\t\tdevice_type = \"memory\";\n"
		   "\t\treg = <",
		   (unsigned long long)ds->root_ram.v[0].base);
	for (i = 0; i < ds->root_ram.n; i++) {
		uint64_t base = ds->root_ram.v[i].base;
		uint64_t left = ds->root_ram.v[i].size;

		/* one size cell: split into chunks below 4 GiB */
		while (left) {
			uint64_t chunk = left;

			if (sc == 1 && chunk > 0x80000000ULL)
				chunk = 0x80000000ULL;
			put_cells(b, base, ac, first);
			put_cells(b, chunk, sc, false);
			first = false;
			base += chunk;
			left -= chunk;
		}
	}
	buf_put(b, ">;\n\t};\n", 7);
}

static bool chosen_skip(const char *name)
{
	static const char *const skip[] = {
		"rng-seed",
		"kaslr-seed",
		"linux,initrd-start",
		"linux,initrd-end",
		"bootargs",
		"linux,elfcorehdr",
		"linux,usable-memory-range",
	};

	for (size_t i = 0; i < sizeof(skip) / sizeof(*skip); i++)
		if (!strcmp(name, skip[i]))
			return true;
	return false;
}

/* aarch64: an SPI of the GIC, edge-triggered */
void arm64_virtio_dts(struct dtscan *ds, struct ds_buf *b)
{
	int ic = ds_u32(ds, ds->irqchip, "#interrupt-cells", 3);

	if (ds->nodes[ds->irqchip].phandle)
		buf_printf(b, "\t\tinterrupt-parent = <0x%02x>;\n",
			   ds->nodes[ds->irqchip].phandle);
	buf_printf(b, "\t\tinterrupts = <0x00 0x%02x 0x01%s>;\n",
		   ds->virtio_intid - HVISOR_GIC_SPI_FIRST,
		   ic == 4 ? " 0x00" : "");
}

static void put_virtio(struct dtscan *ds, struct ds_buf *b)
{
	buf_printf(b, "\n\thvisor_virtio_device {\n"
		      "\t\tcompatible = \"hvisor\";\n");
	ds->ops->virtio_dts(ds, b);
	buf_printf(b, "\t};\n");
}

/* /memreserve/ entries of the source, as they are. */
static void put_memreserve(struct dtscan *ds, struct ds_buf *b)
{
	int i, n = fdt_num_mem_rsv(ds->fdt);

	for (i = 0; i < n; i++) {
		uint64_t a, s;

		if (!fdt_get_mem_rsv(ds->fdt, i, &a, &s))
			buf_printf(b, "/memreserve/ 0x%016llx 0x%016llx;\n",
				   (unsigned long long)a,
				   (unsigned long long)s);
	}
	if (n > 0)
		buf_put(b, "\n", 1);
}

/* Does the root zone's DT keep property @name of node @i as it is? */
static bool prop_kept(struct dtscan *ds, int i, int chosen, int aliases,
		      const char *name, const void *v, int len)
{
	if (i == chosen && chosen_skip(name))
		return false;
	/* stdout-path: rewritten when dtscan chose the console itself */
	if (i == chosen &&
	    (!strcmp(name, "stdout-path") ||
	     !strcmp(name, "linux,stdout-path")) &&
	    (ds->console < 0 || ds->opts->console || ds->con_fallback))
		return false;
	return i != aliases || alias_ok(ds, v, len);
}

/*
 * The kept properties of node @i, phandle cells written as references.
 * A property whose references point at a trimmed node is left out.
 * Return: whether anything was written.
 */
static bool put_props(struct dtscan *ds, struct ds_buf *b, int i, int chosen,
		      int aliases)
{
	static int refbuf[16384];
	const struct ds_node *nd = &ds->nodes[i];
	bool wrote = false;
	int off;

	fdt_for_each_property_offset (off, ds->fdt, nd->off) {
		const char *name;
		int len;
		const void *v = fdt_getprop_by_offset(ds->fdt, off, &name,
						      &len);

		if (!v || !prop_kept(ds, i, chosen, aliases, name, v, len))
			continue;
		if (len % 4 == 0 &&
		    len / 4 <= (int)(sizeof(refbuf) / sizeof(*refbuf))) {
			struct refmap m = { ds, refbuf, len / 4, false };

			for (int k = 0; k < m.n; k++)
				refbuf[k] = -2;
			if (ds_ref_cells(ds, name, v, len, mark_ref, &m) &&
			    m.bad)
				continue;
			put_prop(ds, b, nd->depth + 1, name, v, len, refbuf);
		} else {
			put_prop(ds, b, nd->depth + 1, name, v, len, NULL);
		}
		wrote = true;
	}
	return wrote;
}

/* After the source's properties: what dtscan adds to node @i. */
static bool put_added(struct dtscan *ds, struct ds_buf *b, int i, int chosen)
{
	int depth = ds->nodes[i].depth;
	bool wrote = false;

	if (i && ds_has(ds, i, "interrupt-controller") &&
	    !ds_has(ds, i, "#address-cells") && !has_kept_child(ds, i)) {
		/* what Linux assumes anyway; keeps dtc's
		 * interrupt_provider check quiet */
		indent(b, depth + 1);
		buf_put(b, "#address-cells = <0x00>;\n", 25);
		wrote = true;
	}
	if (i == chosen) {
		if (ds->console >= 0 &&
		    (ds->opts->console || ds->con_fallback)) {
			indent(b, depth + 1);
			buf_printf(b, "stdout-path = \"%s\";\n",
				   ds_path(ds, ds->console));
		}
		indent(b, depth + 1);
		buf_put(b, "bootargs = ", 11);
		put_string(b, ds->bootargs, (int)strlen(ds->bootargs) + 1);
		buf_put(b, ";\n", 2);
		wrote = true;
	}
	return wrote;
}

/* The root's last words: /memory if no node gave it, /chosen if the
 * source has none, the virtio wake-up node. */
static void put_root_end(struct dtscan *ds, struct ds_buf *b, bool mem_done,
			 int chosen)
{
	if (!mem_done)
		put_memory(ds, b);
	if (chosen < 0) {
		buf_printf(b, "\n\tchosen {\n");
		if (ds->console >= 0)
			buf_printf(b, "\t\tstdout-path = \"%s\";\n",
				   ds_path(ds, ds->console));
		buf_printf(b, "\t\tbootargs = ");
		put_string(b, ds->bootargs, (int)strlen(ds->bootargs) + 1);
		buf_printf(b, ";\n\t};\n");
	}
	put_virtio(ds, b);
}

int ds_emit_dts(struct dtscan *ds, char **out)
{
	struct ds_buf b = { 0 };
	int i, depth = -1, chosen = ds_by_path(ds, "/chosen");
	int aliases = ds_by_path(ds, "/aliases");
	bool mem_done = false, just_opened = false;

	buf_printf(&b,
		   "// Generated by dtscan %s from %s: root zone (zone0) "
		   "device tree.\n/dts-v1/;\n\n",
		   DTSCAN_VERSION, ds->src_name);
	put_memreserve(ds, &b);
	for (i = 0; i < ds->nnodes; i++) {
		const struct ds_node *nd = &ds->nodes[i];

		if (nd->keep == KEEP_NO)
			continue;
		while (depth >= nd->depth) {
			indent(&b, depth);
			buf_put(&b, "};\n", 3);
			depth--;
			just_opened = false;
		}
		/* every /memory node becomes the one put_memory() writes */
		if (nd->depth == 1 &&
		    ds_streq_prop(ds, i, "device_type", "memory")) {
			if (!mem_done)
				put_memory(ds, &b);
			mem_done = true;
			just_opened = false;
			continue;
		}
		if (i) {
			if (!just_opened)
				buf_put(&b, "\n", 1);
			indent(&b, nd->depth);
			buf_printf(&b, "%s {\n", ds_name(ds, i));
		} else {
			buf_put(&b, "/ {\n", 4);
		}
		depth = nd->depth;
		just_opened = !put_props(ds, &b, i, chosen, aliases);
		if (put_added(ds, &b, i, chosen))
			just_opened = false;
	}
	while (depth >= 0) {
		if (depth == 0)
			put_root_end(ds, &b, mem_done, chosen);
		indent(&b, depth);
		buf_put(&b, "};\n", 3);
		depth--;
	}
	if (b.oom) {
		free(b.p);
		return ds_fail_key(ds, DTSCAN_ENOMEM, "zone0.dts", NULL, NULL);
	}
	*out = b.p;
	return 0;
}
