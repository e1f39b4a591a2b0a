/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/* Copyright (c) 2026 hvisor-c contributors */
/*
 * The zone JSON of upstream hvisor-tool (`hvisor zone start FILE`), read
 * into and written from struct hvisor_zone_config (ABI magic 0x5) plus the
 * image paths the tool loads.  Format and decisions: docs/zone-json.md.
 */
#ifndef HVISOR_TOOL_ZONE_JSON_H
#define HVISOR_TOOL_ZONE_JSON_H

#include <hvisor/zone_config.h>

#include <hvc/json_util.h>

#define ZONE_JSON_PATH_MAX 1024
#define ZONE_JSON_MAX_MODULES 8

/* One `modules[]` entry: a file the tool copies to @load_paddr. */
struct zone_json_module {
	char name[64];
	char filepath[ZONE_JSON_PATH_MAX];
	uint64_t load_paddr;
};

/*
 * A parsed zone JSON.  @cfg holds everything the hypervisor sees
 * (kernel_size/dtb_size stay 0: the tool fills them from the files).
 */
struct zone_json {
	struct hvisor_zone_config cfg;
	char arch[16]; /* optional "arch" key ("arm64"), "" if absent */
	char kernel_filepath[ZONE_JSON_PATH_MAX]; /* "null" = load nothing */
	char dtb_filepath[ZONE_JSON_PATH_MAX];
	unsigned int num_modules;
	struct zone_json_module modules[ZONE_JSON_MAX_MODULES];
	/*
	 * zonegen extension "shared_interrupts": INTIDs this zone shares
	 * with another zone by design (zonegen check allows them).  Same
	 * bitmap layout as cfg.interrupts_bitmap; ignored by hvisor-tool.
	 */
	uint32_t shared_bitmap[HVISOR_CONFIG_INTERRUPTS_WORDS];
	/*
	 * hvisor-c extension "debug_console": guest address of a TX-only
	 * emulated pl011 (docs/zone-json.md), 0 = none.  Not in @cfg: the
	 * hvisor CLI turns it into a HVISOR_MEM_TYPE_DEBUG_CONSOLE region;
	 * upstream hvisor-tool ignores the key.
	 */
	uint64_t debug_console;
	/*
	 * riscv64 arch_config, upstream hvisor-tool's keys (plic_base,
	 * plic_size, aplic_base, aplic_size), read and written instead of
	 * the GIC's when "arch" is "riscv64" (or upstream's "riscv"), or
	 * when arch_config has plic_base and no gic_version.  Not in @cfg:
	 * this hypervisor's riscv64 port emulates the board's PLIC and
	 * ignores them (docs/zone-json.md).
	 */
	int riscv;
	uint64_t plic_base, plic_size, aplic_base, aplic_size;
};

/**
 * zone_json_parse() - parse zone JSON text.
 * @text: NUL-terminated JSON
 * @zj: result, fully overwritten (zeroed first, so memcmp compares)
 * @err: on failure, the key path and message
 * Return: 0 or a negative JSON_E* code (see json_strerror()).
 */
int zone_json_parse(const char *text, struct zone_json *zj,
		    struct json_err *err);

/* zone_json_load() - zone_json_parse() on the contents of @path. */
int zone_json_load(const char *path, struct zone_json *zj,
		   struct json_err *err);

/**
 * zone_json_write() - render @zj as zone JSON (4-space indent, addresses
 * as "0x..." strings, INTIDs and CPU ids as numbers).
 * Return: malloc'd text, or NULL when out of memory.
 */
char *zone_json_write(const struct zone_json *zj);

/* zone_json_save() - zone_json_write() to @path atomically. */
int zone_json_save(const char *path, const struct zone_json *zj,
		   struct json_err *err);

/* Helpers on the interrupt bitmaps of struct hvisor_zone_config. */
static inline int zone_irq_test(const uint32_t *bm, unsigned int irq)
{
	return irq < HVISOR_CONFIG_MAX_INTERRUPTS &&
	       ((bm[irq / 32] >> (irq % 32)) & 1u);
}

static inline void zone_irq_set(uint32_t *bm, unsigned int irq)
{
	if (irq < HVISOR_CONFIG_MAX_INTERRUPTS)
		bm[irq / 32] |= 1u << (irq % 32);
}

#endif /* HVISOR_TOOL_ZONE_JSON_H */
