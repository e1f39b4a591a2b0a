/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/* Copyright (c) 2026 hvisor-c contributors */
/*
 * Passthrough devices (`zonegen --device PATH`): find the node in the
 * board's source DT, refuse what cannot leave the root zone, and copy it
 * into the zone DT with CPU-physical reg, GIC interrupts, fixed clock and
 * regulator stubs for its phandles, every other phandle dropped with a
 * warning.  Internal to zonegen (docs/zonegen.md, "Passthrough devices").
 */
#ifndef ZONEGEN_PASSTHROUGH_H
#define ZONEGEN_PASSTHROUGH_H

#include <stdint.h>

#include "zg_internal.h"

#define ZG_PT_MAX_IRQS 16
#define ZG_PT_MAX_STUBS 64
#define ZG_PT_MAX_COMMENTS 64

struct zg_pt_dev {
	const char *path;
	int off; /* node in the source DT */
	int nreg; /* every reg entry: base[], size[] malloc'd */
	uint64_t *base, *size;
	int nirq;
	unsigned int irq[ZG_PT_MAX_IRQS];
};

struct zg_pt_stub {
	int regulator; /* 0: fixed-clock, 1: regulator-fixed */
	uint32_t provider; /* source phandle */
	uint32_t args[4];
	int nargs;
	uint32_t phandle; /* in the zone DT */
	uint32_t rate; /* clock-frequency; 0 = unknown */
	uint32_t uv; /* regulator microvolts when fixed, else 0 */
	char name[96]; /* node name in the zone DT */
	char rname[64]; /* regulator-name */
};

struct zg_pt {
	struct dtscan *ds; /* source DT: zone0.dts or --board-dtb */
	const void *src; /* its blob, for plain libfdt reads */
	const char *src_path;
	int src_gic; /* riscv64: the PLIC (board.irqchip.node) */
	int riscv; /* interrupts are PLIC source ids, one cell */
	unsigned int ndev;
	struct zg_pt_dev dev[ZG_MAX_DEVICES];
	unsigned int nstub;
	struct zg_pt_stub stub[ZG_PT_MAX_STUBS];
	uint32_t next_phandle;
	unsigned int ncomment;
	struct {
		char path[256];
		char text[768];
		int cut; /* text full: said once in the warnings */
	} comment[ZG_PT_MAX_COMMENTS];
	char *warn; /* "zonegen: warning: ..." lines, grown as needed */
	size_t warn_len;
	int warn_oom; /* a warning could not be stored: fail, never drop it */
};

/**
 * zg_pt_find() - look up and vet every --device of @req.
 * @pt: zeroed state; @src/@src_path: the source DT (the caller's zone0
 * context when no --board-dtb); @zone0: zone0.dts (to tell trimmed
 * nodes); @first_phandle: first phandle free for stubs.  reg, interrupts
 * and phandles are resolved by dtscan's query API.
 * Refuses, one error each: unknown or trimmed node, the console, GIC,
 * CPU or memory nodes, IRQs that are not the zone's to take, a node that
 * does not match board.yaml `devices`.  Then resolves the stubs.
 */
int zg_pt_find(struct zg_pt *pt, const struct board *b,
	       const struct zg_request *req, struct dtscan *src,
	       const char *src_path, struct dtscan *zone0,
	       const char *zone0_path, uint32_t first_phandle,
	       struct hvc_err *e);

/* zg_pt_emit() - write the device nodes and stubs with libfdt's
 * sequential-write API at the current (root) node of @fdt. */
int zg_pt_emit(struct zg_pt *pt, void *fdt, uint32_t gic_phandle);

/* zg_pt_comment() - add the recorded comments to the decompiled DTS. */
int zg_pt_comment(const struct zg_pt *pt, char **dts);

/* zg_pt_free() - free what zg_pt_find() allocated (not @pt itself). */
void zg_pt_free(struct zg_pt *pt);

#endif /* ZONEGEN_PASSTHROUGH_H */
