/* SPDX-License-Identifier: GPL-2.0 */
/*
 * dtscan: device tree -> board model -> board.yaml + zone0.dts.
 *
 * The library never prints and never exits: every entry point returns 0 or
 * a negative DTSCAN_E* code and fills struct dtscan_err with the node and a
 * hint.  The CLI (dtscan.c) is the only place that talks to the user.
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
	DTSCAN_EBADCELLS, /* #address-cells / #size-cells out of range */
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
 */
char *dtscan_summary(struct dtscan *ds);

/**
 * dtscan_explain() - every kept node and why (malloc'd, caller frees).
 * @ds: scanned context.
 */
char *dtscan_explain(struct dtscan *ds);

/**
 * dtscan_report() - every dropped node or property and why (malloc'd).
 * @ds: scanned context.
 */
char *dtscan_report(struct dtscan *ds);

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
 * dtscan_load_buf() - check a DTB held in memory (for the fuzzer).
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

#endif /* DTSCAN_H */
