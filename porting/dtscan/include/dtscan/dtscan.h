/* SPDX-License-Identifier: GPL-2.0 */
/*
 * dtscan: device tree -> board model -> board.yaml + zone0.dts.
 *
 * The library never prints and never exits: every entry point returns 0 or
 * a negative DTSCAN_E* code and fills struct dtscan_err with the node and a
 * hint.  The CLI (dtscan.c) is the only place that talks to the user.
 *
 * Built as $(O)/host/lib/libdtscan.a (everything but the CLI).  Besides the
 * board model, it answers DT questions for other tools (zonegen) with the
 * same rules the model uses: the query API at the end of this file.
 */
#ifndef DTSCAN_H
#define DTSCAN_H

#include <stddef.h>
#include <stdint.h>

#define DTSCAN_VERSION "0.1"

enum dtscan_errno {
	DTSCAN_OK = 0,
	DTSCAN_EIO = 1, /* cannot read input / write output */
	DTSCAN_ENOMEM, /* out of memory */
	DTSCAN_ENOTDTB, /* not a device tree blob (bad magic) */
	DTSCAN_EBADDTB, /* structure check failed (truncated...) */
	DTSCAN_EBADCELLS, /* a #...-cells value out of range */
	DTSCAN_EBADPROP, /* property has the wrong length */
	DTSCAN_ENOTMAPPED, /* reg not CPU-addressable */
	DTSCAN_ENOCPUS, /* no CPU nodes */
	DTSCAN_ENOGIC, /* no supported interrupt controller */
	DTSCAN_ENORAM, /* no usable memory and no --ram */
	DTSCAN_ENOCONSOLE, /* stdout-path missing or dangling */
	DTSCAN_EUART, /* console UART of unknown type */
	DTSCAN_EARCH, /* architecture unknown or unsupported */
	DTSCAN_EUSAGE, /* bad option value */
	DTSCAN_EEXIST, /* board exists and no --force */
	DTSCAN_ELAYOUT, /* RAM too small for hypervisor + root zone */
	DTSCAN_ELOOP, /* interrupt chain too deep */
	DTSCAN_ENONODE, /* no such node (query API) */
	DTSCAN_EIRQCLASH, /* kept device uses the hvisor_virtio_device IRQ */
	DTSCAN_EBADTREE, /* breaks a dtc rule (names, duplicates, phandles) */
	DTSCAN_EBADRAM, /* RAM overlaps a device or does not fit the root */
	DTSCAN_NR_ERRORS,
};

/**
 * struct dtscan_err - what went wrong and where.
 * @code: a DTSCAN_E* value (positive).
 * @file: input or output file concerned.
 * @node: DT node path, option name or "header".
 * @msg: message with details (empty: use dtscan_strerror(@code)).
 * @hint: what the user can do about it (may be empty).
 */
struct dtscan_err {
	int code;
	char file[256];
	char node[512];
	char msg[256];
	char hint[256];
};

#define DTSCAN_MAX_PATTERNS 64
#define DTSCAN_MAX_RAM 16

/**
 * struct dtscan_opts - everything the CLI can set.
 */
struct dtscan_opts {
	const char *input; /* DTB file or /proc/device-tree-style dir */
	const char *board; /* board name (no '/') */
	const char *arch; /* NULL: from the DT */
	const char *console; /* NULL: stdout-path; "none"; or a path */
	const char *keep[DTSCAN_MAX_PATTERNS];
	int nkeep;
	const char *drop[DTSCAN_MAX_PATTERNS];
	int ndrop;
	uint64_t ram_base[DTSCAN_MAX_RAM], ram_size[DTSCAN_MAX_RAM];
	int nram;
};

struct dtscan;

/**
 * dtscan_strerror() - the fixed text for an error code.
 * @code: DTSCAN_E* value, positive or negative.
 */
const char *dtscan_strerror(int code);

/**
 * dtscan_open() - load a DTB or directory tree and build the model.
 * @opts: options; must stay valid until dtscan_close().
 * @out: receives the new context on success.
 * @err: filled on failure.
 *
 * Return: 0 or a negative DTSCAN_E* code.
 */
int dtscan_open(const struct dtscan_opts *opts, struct dtscan **out,
		struct dtscan_err *err);

/**
 * dtscan_render() - render board.yaml and zone0.dts into memory.
 * @ds: scanned context.
 * @yaml: receives a malloc'd NUL-terminated buffer (caller frees).
 * @dts: likewise for zone0.dts.
 * @err: filled on failure.
 *
 * Return: 0 or a negative DTSCAN_E* code.
 */
int dtscan_render(struct dtscan *ds, char **yaml, char **dts,
		  struct dtscan_err *err);

/**
 * dtscan_summary() - short human summary (malloc'd, caller frees).
 * @ds: scanned context.
 *
 * Return: the text, or NULL (out of memory, or a dtscan_load*() context).
 */
char *dtscan_summary(struct dtscan *ds);

/**
 * dtscan_explain() - every kept node and why (malloc'd, caller frees).
 * @ds: scanned context.
 *
 * Return: the text, or NULL (out of memory, or a dtscan_load*() context).
 */
char *dtscan_explain(struct dtscan *ds);

/**
 * dtscan_report() - every dropped node or property and why (malloc'd).
 * @ds: scanned context.
 *
 * Return: the text, or NULL (out of memory, or a dtscan_load*() context).
 */
char *dtscan_report(struct dtscan *ds);

/**
 * dtscan_warning() - the @i-th warning of the scan, or NULL past the last.
 * @ds: scanned context.
 * @i: index from 0.
 *
 * Warnings are choices dtscan made that a person should check: a console
 * taken from the serial0 alias or the first usable UART because stdout-path
 * is missing or names a framebuffer, a baud rate assumed, a --keep/--drop
 * pattern that matched no node.  The CLI prints them after a successful
 * run; the console ones are also in board.yaml as console.why.
 *
 * Return: the text (valid until dtscan_close()) or NULL.
 */
const char *dtscan_warning(const struct dtscan *ds, int i);

/**
 * dtscan_arch() - the architecture the model was built for ("aarch64").
 * @ds: scanned context.
 */
const char *dtscan_arch(const struct dtscan *ds);

/**
 * dtscan_close() - free everything.
 * @ds: context (NULL is fine).
 */
void dtscan_close(struct dtscan *ds);

/**
 * dtscan_open_buf() - dtscan_open() on a DTB held in memory (the fuzzer).
 * @buf: bytes; @len: their number; @opts: options (input name for messages).
 * @out: receives the context on success; @err: filled on failure.
 *
 * Return: 0 or a negative DTSCAN_E* code.
 */
int dtscan_open_buf(const void *buf, size_t len, const struct dtscan_opts *opts,
		    struct dtscan **out, struct dtscan_err *err);

/**
 * dtscan_parse_range() - parse "BASE+SIZE" (0x, decimal, K/M/G suffixes).
 * @s: text; @base: @size: results.
 *
 * Return: 0 or -DTSCAN_EUSAGE.
 */
int dtscan_parse_range(const char *s, uint64_t *base, uint64_t *size);

/* ---- query API: one DT's addresses and interrupts ----------------------
 *
 * A node is named by its libfdt offset in dtscan_fdt(@ds) (the context's own
 * copy of the blob: offsets are those of the input blob too, the bytes are
 * the same).  Queries that can fail take an optional @err (NULL: the
 * details are dropped, the code is still returned).
 */

/**
 * dtscan_load() - load, check and index a DT without building a board model.
 * @input: DTB file or /proc/device-tree-style directory.
 * @out: receives the new context on success.
 * @err: filled on failure.
 *
 * The blob passes fdt_check_full() and its nodes and phandles are indexed;
 * nothing else is required (no CPUs, GIC, RAM or console), so any valid DT
 * loads, a zone DT included.  Only the query functions, dtscan_strerror()
 * and dtscan_close() may be used on the result; dtscan_render(),
 * dtscan_summary(), dtscan_explain() and dtscan_report() refuse it.
 *
 * Return: 0 or a negative DTSCAN_E* code.
 */
int dtscan_load(const char *input, struct dtscan **out, struct dtscan_err *err);

/**
 * dtscan_load_buf() - dtscan_load() on a blob held in memory.
 * @buf: the blob (copied; the caller keeps it); @len: its size in bytes.
 * @name: input name for error messages (NULL: "buffer").
 * @out: receives the new context on success; @err: filled on failure.
 *
 * Return: 0 or a negative DTSCAN_E* code.
 */
int dtscan_load_buf(const void *buf, size_t len, const char *name,
		    struct dtscan **out, struct dtscan_err *err);

/**
 * dtscan_fdt() - the context's blob, for libfdt reads of plain properties.
 * @ds: context from dtscan_open*() or dtscan_load*().
 *
 * Return: the blob; valid until dtscan_close().
 */
const void *dtscan_fdt(const struct dtscan *ds);

/**
 * dtscan_node_by_path() - the node at @path ("/soc/serial@1000").
 * @ds: context; @path: full path (aliases are not expanded).
 *
 * Return: the node's offset, or -DTSCAN_ENONODE.
 */
int dtscan_node_by_path(const struct dtscan *ds, const char *path);

/**
 * dtscan_node_by_phandle() - the node whose phandle is @phandle.
 * @ds: context; @phandle: value (0 and 0xffffffff name no node).
 *
 * Return: the node's offset, or -DTSCAN_ENONODE.
 */
int dtscan_node_by_phandle(const struct dtscan *ds, uint32_t phandle);

/**
 * dtscan_node_reg_count() - number of entries of @node's reg.
 * @ds: context; @node: offset; @err: optional details.
 *
 * The cell counts come from the parent (defaults 2/1, never inherited).
 *
 * Return: the count (0: no reg), or a negative code: -DTSCAN_ENONODE,
 * -DTSCAN_EBADCELLS, -DTSCAN_EBADPROP (length no multiple of an entry).
 */
int dtscan_node_reg_count(struct dtscan *ds, int node, struct dtscan_err *err);

/**
 * dtscan_node_reg() - CPU-physical base and size of reg entry @idx.
 * @ds: context; @node: offset; @idx: entry, from 0.
 * @base: @size: results (untouched on failure).
 * @err: optional details.
 *
 * The address goes through every parent bus's ranges (empty ranges:
 * identity; PCI buses match on the space code only).
 *
 * Return: 0, or a negative code: -DTSCAN_ENOTMAPPED (behind a bus without
 * ranges, or outside them: not CPU-addressable), -DTSCAN_EBADPROP (no entry
 * @idx, malformed reg or ranges), -DTSCAN_EBADCELLS, -DTSCAN_ENONODE.
 */
int dtscan_node_reg(struct dtscan *ds, int node, int idx, uint64_t *base,
		    uint64_t *size, struct dtscan_err *err);

/**
 * struct dtscan_irq - one interrupt of a node, resolved to its controller.
 * @intid: GIC INTID (SPI n: 32 + n, PPI n: 16 + n, extended SPI n:
 *	4096 + n, extended PPI n: 1056 + n), or -1 if the interrupt does not
 *	end at a GIC or is out of range (@why says which).
 * @controller: offset of the last node of the chain (the GIC, another
 *	controller, or the nexus whose interrupt-map had no match); -1 if
 *	no interrupt parent was found.
 * @type: @number: @flags: the GIC specifier as the GIC receives it (after
 *	interrupt-map translation): type 0 SPI, 1 PPI, 2 ESPI, 3 EPPI;
 *	number within the type; trigger flags.  A 4th cell (GICv3 PPI
 *	partition) is not kept.  Meaningful when @at_gic.
 * @at_gic: the chain ends at a GIC (even if the specifier is out of range).
 * @why: static text when @intid is -1, else NULL.
 */
struct dtscan_irq {
	int intid;
	int controller;
	uint32_t type, number, flags;
	int at_gic;
	const char *why;
};

/**
 * dtscan_node_irqs() - every interrupt of @node, in DT order.
 * @ds: context; @node: offset.
 * @irqs: array of @max entries (may be NULL when @max is 0).
 * @max: its size; only the first @max interrupts are stored.
 * @err: optional details.
 *
 * Resolution as Linux does it: interrupts-extended, else interrupts with
 * the interrupt parent (interrupt-parent, inherited from ancestors); the
 * controller's #interrupt-cells (GIC: 3 or 4); interrupt-map nexus nodes
 * (with interrupt-map-mask) are followed.  A malformed specifier list
 * yields one entry with @intid -1 and @why.
 *
 * Return: the number of interrupts (may exceed @max), or a negative code:
 * -DTSCAN_ELOOP (chain too deep), -DTSCAN_ENONODE, -DTSCAN_ENOMEM.
 */
int dtscan_node_irqs(struct dtscan *ds, int node, struct dtscan_irq *irqs,
		     int max, struct dtscan_err *err);

#endif /* DTSCAN_H */
