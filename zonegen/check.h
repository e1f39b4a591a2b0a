/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/* Copyright (c) 2026 hvisor-c contributors */
/* zonegen check's model of the files it reads back (check.c, check_zone.c). */
#ifndef ZONEGEN_CHECK_H
#define ZONEGEN_CHECK_H

#include <stdint.h>

#include <hvisor/zone_config.h>

#include "zg_internal.h"

#define MAXZ (HVISOR_CONFIG_MAX_ZONES + 1) /* root + zone JSONs */
#define PAGE 0x1000ULL

struct creg {
	uint32_t type; /* HVISOR_MEM_TYPE_* */
	uint64_t pa, ipa, size;
	char key[96];
	/* root zone: RAM it maps only to load other zones' images */
	int loader;
};

struct czone {
	char name[64];
	char cfg[4200]; /* zone JSON, or board.json for the root */
	char dts[4200]; /* the zone DT read: the DTB the JSON names (what the
			   hvisor CLI loads), or zone0.dtb for the root */
	int root;
	uint32_t id;
	uint64_t cpus;
	unsigned int nreg;
	struct creg reg[HVISOR_CONFIG_MAX_MEMORY_REGIONS + 8];
	uint32_t irqs[HVISOR_CONFIG_INTERRUPTS_WORDS];
	uint32_t shared[HVISOR_CONFIG_INTERRUPTS_WORDS];
	struct zone_json *zj; /* a zone's JSON as read; NULL for the root */
	struct dtscan *ds; /* the zone DT, for dtscan queries */
	const void *fdt; /* its blob, for plain libfdt reads */
	int gic_off;
};

struct chk {
	struct zg_findings *f;
	const struct board *b;
	const char *dir;
	unsigned int nz;
	struct czone *z[MAXZ];
	int oom; /* a finding could not be stored: fail, never drop it */
};

/* chk_find() - record one finding (a whole line without the tool name). */
void chk_find(struct chk *c, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/*
 * check_zone.c: the rules of one zone's JSON on its own and against the
 * board (CPUs, image addresses in its RAM, RAM in board memory, GIC
 * frames, the debug console), and its DT's CPUs and GIC against both.
 */
void chk_zone_json(struct chk *c, struct czone *z);
void chk_zone_dt(struct chk *c, struct czone *z);
/* The DTB the JSON names against a DTS beside the JSON: the same tree? */
void chk_zone_stale(struct chk *c, struct czone *z, const char *dts);

#endif /* ZONEGEN_CHECK_H */
