/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/* Copyright (c) 2026 hvisor-c contributors */
/* Internal model shared by the zonegen library files. */
#ifndef ZONEGEN_INTERNAL_H
#define ZONEGEN_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "dtscan.h"
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

/* dts_edit.c: text edits of a DTS source that keep its formatting */
int zg_dts_delete_node(char **text, const char *path);
int zg_dts_set_prop(char **text, const char *path, const char *prop,
		    const char *value);
/* Insert @comment (lines) as // comments before the node at @path. */
int zg_dts_comment_node(char **text, const char *path, const char *comment);

/* yaml_edit.c: rewrite root_zone lines of board.yaml */
int zg_yaml_shrink_root(char **text, const struct board *b, uint64_t new_cpus,
			const struct hvc_range *mem, unsigned int nmem,
			const unsigned int *drop_irqs, unsigned int ndrop,
			struct hvc_err *e);

#endif /* ZONEGEN_INTERNAL_H */
