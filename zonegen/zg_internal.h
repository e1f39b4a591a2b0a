/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/* Copyright (c) 2026 hvisor-c contributors */
/* Internal model shared by the zonegen library files. */
#ifndef ZONEGEN_INTERNAL_H
#define ZONEGEN_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include <dtscan/dtscan.h>
#include "zonegen.h"

#include <hvc/board.h>
#include <hvc/buf.h>
#include <hvc/fileio.h>
#include <hvc/range.h>

#define zg_seterr hvc_seterr

/* board.c: boards/<arch>/<board>/board.yaml through lib/board.c */
int zg_board_find(const char *boards_dir, const char *board, char *dir,
		  size_t size, struct hvc_err *e);
int zg_board_load(const char *dir, struct board *b, struct hvc_err *e);

/* dt.c: device-tree helpers.  reg, interrupts and phandles are dtscan's
 * query API (dtscan.h) on the context zg_dt_open() returns. */
int zg_dtc(const char *in, const char *in_fmt, const char *out,
	   const char *out_fmt, struct hvc_err *e);
int zg_read_file(const char *path, char **data, size_t *len);
/* Load @path for dtscan queries: a DTB as is, anything else through dtc
 * as DTS.  dtscan's errors come back as ZG_EDT/ZG_EIO with node and hint. */
int zg_dt_open(const char *path, struct dtscan **ds, struct hvc_err *e);
/* GIC INTIDs of node @off (interrupts that end elsewhere are skipped),
 * all of them, in a malloc'd *@irqs (free() it; NULL when none).
 * Return: how many, or -ZG_ENOMEM. */
int zg_dt_intids(struct dtscan *ds, int off, unsigned int **irqs);
int zg_dt_enabled(const void *fdt, int off);
/* @n ranges as `reg` cells for a parent with @ac/@sc cells (1 or 2); a
 * value that does not fit is an error naming @file and @node. */
int zg_reg_encode(const struct hvc_range *r, unsigned int n, int ac, int sc,
		  uint32_t **cells, unsigned int *ncells, const char *file,
		  const char *node, struct hvc_err *e);

/* Properties with libfdt's sequential-write API (dt.c): a string, @n
 * 64-bit values as two cells each, @n cells. */
int zg_prop_str(void *fdt, const char *name, const char *s);
int zg_prop_cells(void *fdt, const char *name, const uint64_t *v,
		  unsigned int n);
int zg_prop_u32s(void *fdt, const char *name, const uint32_t *v,
		 unsigned int n);

/* Stop at the first libfdt error: sequential writes cannot continue. */
#define ZG_T(x)                                                                \
	do {                                                                   \
		int rc_ = (x);                                                 \
		if (rc_)                                                       \
			return rc_;                                            \
	} while (0)

/* dts_comment.c: insert @comment (lines) as // comments before the node
 * at @path of a DTS zonegen rendered. */
int zg_dts_comment_node(char **text, const char *path, const char *comment);

/* request.c: zone request files (docs/zonegen.md, "Zone requests") */
int zg_request_load(const char *path, struct zg_request *r, struct hvc_err *e);
int zg_request_load_mem(const char *text, size_t len, const char *path,
			struct zg_request *r, struct hvc_err *e);
void zg_request_free(struct zg_request *r);
/* Append @r as a request file of board @board to @b. */
int zg_request_write(const struct zg_request *r, const char *board,
		     struct hvc_buf *b);

struct virtio_cfg;
struct zone_json;

/* One zone of a derived board: its request and the files made from it. */
struct zg_zone {
	struct zg_request req; /* a loaded request, or the command line's */
	int loaded; /* req owns its strings: zg_request_free() */
	struct zone_json *zj;
	char *dts, *dtb; /* the zone DT, as text and compiled */
	size_t dts_len, dtb_len;
};

/*
 * state.c: a board with its zones applied in memory.  The root zone's
 * fields of @b are reduced zone by zone (CPUs, RAM -> loader regions,
 * passthrough frames and INTIDs); zone0's DT is edited only when rendered,
 * with libfdt, from what the zones took.
 */
struct zg_state {
	char dir[4096]; /* boards/<arch>/<board> */
	struct board b;
	char zone0_path[4200]; /* "" when the board has no zone0.dts */
	struct dtscan *ds; /* zone0 as dtscan wrote it, for queries */
	const void *fdt; /* its blob */
	int gic_off;
	struct virtio_cfg *vc;
	unsigned int nzones, cap_zones;
	struct zg_zone *zones;
	struct hvc_ranges carved; /* zone RAM, out of zone0's /memory */
	uint64_t gone_cpus; /* CPUs the zones took */
	unsigned int ndisabled;
	const char **disabled; /* passthrough nodes, disabled in zone0 */
	unsigned int nowned;
	char **owned; /* strings root ranges of @b point at */
	struct hvc_buf info; /* what the root zone gives up, per zone */
	struct hvc_buf notes; /* warnings */
};

int zg_state_open(struct zg_state *s, const char *boards_dir,
		  const char *board, struct hvc_err *e);
/* Apply the board's request files (zones/NAME.yaml) in zone id order. */
int zg_state_replay(struct zg_state *s, struct hvc_err *e);
/* Render every derived file (paths relative to the output directory). */
int zg_state_render(struct zg_state *s, struct zg_output *out,
		    struct hvc_err *e);
void zg_state_close(struct zg_state *s);
/* Keep @str (malloc'd) until zg_state_close().  Return: @str or NULL. */
char *zg_state_keep(struct zg_state *s, char *str);

/*
 * generate.c: apply zone request @r to @s: validate it, pick what it
 * leaves open (zone id, virtio windows and INTIDs, kernel address) into
 * @r, render the zone's DT and JSON, add its virtio_cfg entry and reduce
 * the root zone.  On success the zone is appended to @s->zones (with a
 * copy of @r; @loaded: the copy owns r's strings).
 */
int zg_zone_apply(struct zg_state *s, struct zg_request *r, int loaded,
		  struct hvc_err *e);

/*
 * What differs between architectures when zonegen makes a zone
 * (arch_aarch64.c, arch_riscv64.c), chosen by board.arch: the zone DT's
 * CPUs, platform nodes and interrupt controller, a virtio device's
 * interrupt, the zone JSON's arch and arch_config, and the root zone's DT
 * edits beyond the generic ones (CPU nodes, /memory, passthrough nodes).
 */
struct zg_zone_view {
	const struct board *b;
	const struct zg_request *req; /* req->cpus: the zone's CPUs */
	struct dtscan *ds; /* zone0, for queries */
};

struct zg_arch {
	const char *json_arch; /* the zone JSON's "arch" */
	/* virtio interrupts: the lowest free in [irq_first, irq_last]
	 * (aarch64: SPIs; riscv64: PLIC sources 1..ndev) */
	unsigned int (*irq_first)(const struct board *b);
	unsigned int (*irq_last)(const struct board *b);
	/* a passthrough interrupt below this stays out of the zone's
	 * interrupts (aarch64: SGIs/PPIs are per CPU) */
	unsigned int pt_irq_min;
	uint32_t irqchip_phandle; /* of the zone DT's interrupt controller */
	/* 0, or an error naming board.yaml's key when no zone can be made */
	int (*board_ok)(const struct board *b, struct hvc_err *e);
	/* the first phandle passthrough stubs may use */
	uint32_t (*first_free_phandle)(const struct board *b);
	/* the root's interrupt-parent (before model), compatible (after) */
	int (*fdt_root_parent)(const struct zg_zone_view *z, void *fdt);
	int (*fdt_root_compatible)(const struct zg_zone_view *z, void *fdt);
	int (*fdt_cpus)(const struct zg_zone_view *z, void *fdt);
	/* nodes before /memory (aarch64: psci, timer); may be NULL */
	int (*fdt_firmware)(const struct zg_zone_view *z, void *fdt);
	int (*fdt_irqchip)(const struct zg_zone_view *z, void *fdt);
	/* a virtio_mmio node's interrupts (and interrupt-parent) */
	int (*fdt_virtio_irq)(void *fdt, unsigned int irq);
	void (*arch_config)(const struct board *b, struct zone_json *zj);
	/* zone0 edits after the generic ones; 0, 1 (grow the blob and
	 * redo) or a negative ZG_E* code; may be NULL */
	int (*edit_zone0)(struct zg_state *s, void *fdt, struct hvc_err *e);
};

extern const struct zg_arch zg_arch_aarch64, zg_arch_riscv64;
/* Board @b's, or NULL (no zones on that architecture). */
const struct zg_arch *zg_arch_of(const struct board *b);
/* state.c: libfdt's answer as ours (1: the blob is full) */
int zg_fdt_rc(struct zg_state *s, struct hvc_err *e, int rc, const char *node);

/* check.c: cross-check the derived files in @dir against board @b (the
 * derived board: its root zone reduced).  -ZG_ECHECK with @f filled. */
int zg_check_dir(const struct board *b, const char *dir,
		 struct zg_findings *f, struct hvc_err *e);

/* state.c: a growing list of rendered files */
int zg_output_add(struct zg_output *out, const char *path, char *data,
		  size_t len);

#endif /* ZONEGEN_INTERNAL_H */
