/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/* Copyright (c) 2026 hvisor-c contributors */
/* Internal model shared by the zonegen library files. */
#ifndef ZONEGEN_INTERNAL_H
#define ZONEGEN_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "dtscan.h"
#include "zonegen.h"

#define ZG_NODE_MAX 160
#define ZG_MAX_CPUS 64
#define ZG_MAX_RANGES 64

int zg_seterr(struct zg_err *e, int code, const char *file, const char *key,
	      const char *hint, const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));

struct zg_range {
	uint64_t base, size;
	char type[8]; /* ram|io|loader (root zone), normal|device (layout) */
	char node[ZG_NODE_MAX];
};

struct zg_board {
	char path[512]; /* board.yaml */
	char dir[512]; /* boards/<arch>/<board> */
	char name[64];
	char arch[16];
	char model[128];
	char source[128]; /* board.source: the DT dtscan read */
	unsigned int ncpus;
	struct {
		unsigned int id;
		uint64_t mpidr;
		char node[ZG_NODE_MAX];
	} cpus[ZG_MAX_CPUS];
	int has_psci;
	char psci_method[8];
	char psci_version[8];
	int has_timer;
	unsigned int timer_ppis[4];
	char timer_node[ZG_NODE_MAX];
	unsigned int nmem, nres, nlayout;
	struct zg_range mem[ZG_MAX_RANGES], res[ZG_MAX_RANGES];
	struct zg_range layout[ZG_MAX_RANGES];
	struct zg_range hv_ram;
	int gic_version;
	char gic_node[ZG_NODE_MAX];
	char gic_compat[64];
	unsigned int gic_maint;
	struct zg_range gicd, gicr, gicc, gich, gicv, its;
	int has_console;
	struct zg_range console;
	unsigned int console_irq;
	/* root zone */
	char root_name[64];
	uint64_t root_cpus;
	unsigned int root_nmem;
	struct zg_range root_mem[ZG_MAX_RANGES];
	unsigned int root_nirqs;
	struct {
		unsigned int intid;
		char node[ZG_NODE_MAX];
	} root_irqs[256];
	uint64_t root_kernel, root_dtb, root_initrd;
	/* devices: every device frame and INTID of the board, kept or
	 * trimmed (malloc'd: zg_board_free()) */
	unsigned int ndevs, ndev_regs, ndev_irqs;
	char (*dev_node)[ZG_NODE_MAX];
	struct zg_range *dev_regs; /* node = the owning device */
	unsigned int *dev_irqs;
	unsigned int *dev_irq_dev; /* index into dev_node per dev_irqs */
};

/* board.c */
int zg_board_find(const char *boards_dir, const char *board, char *dir,
		  size_t size, struct zg_err *e);
int zg_board_load(const char *dir, struct zg_board *b, struct zg_err *e);
void zg_board_free(struct zg_board *b);

/* dt.c: device-tree helpers.  reg, interrupts and phandles are dtscan's
 * query API (dtscan.h) on the context zg_dt_open() returns. */
int zg_dtc(const char *in, const char *in_fmt, const char *out,
	   const char *out_fmt, struct zg_err *e);
int zg_read_file(const char *path, char **data, size_t *len);
/* Load @path for dtscan queries: a DTB as is, anything else through dtc
 * as DTS.  dtscan's errors come back as ZG_EDT/ZG_EIO with node and hint. */
int zg_dt_open(const char *path, struct dtscan **ds, struct zg_err *e);
/* GIC INTIDs of node @off (interrupts that end elsewhere are skipped);
 * Return: how many were stored (at most @max). */
int zg_dt_intids(struct dtscan *ds, int off, unsigned int *irqs, int max);
int zg_dt_enabled(const void *fdt, int off);

/* ranges */
int zg_overlap(uint64_t a, uint64_t as, uint64_t b, uint64_t bs);
/* Subtract [cb, cb+cs) from the list; pieces stay sorted. */
unsigned int zg_carve(struct zg_range *r, unsigned int n, unsigned int max,
		      uint64_t cb, uint64_t cs);

/* dts_edit.c: text edits of a DTS source that keep its formatting */
int zg_dts_delete_node(char **text, const char *path);
int zg_dts_set_prop(char **text, const char *path, const char *prop,
		    const char *value);
/* Insert @comment (lines) as // comments before the node at @path. */
int zg_dts_comment_node(char **text, const char *path, const char *comment);

/* yaml_edit.c: rewrite root_zone lines of board.yaml */
int zg_yaml_shrink_root(char **text, const struct zg_board *b,
			uint64_t new_cpus, const struct zg_range *mem,
			unsigned int nmem, const unsigned int *drop_irqs,
			unsigned int ndrop, struct zg_err *e);

#endif /* ZONEGEN_INTERNAL_H */
