/* SPDX-License-Identifier: GPL-2.0 */
/* Copyright (c) 2026 hvisor-c contributors */
/* Zones: static partitions of CPUs, memory and interrupts. */
#ifndef HV_ZONE_H
#define HV_ZONE_H

#include <hv/types.h>
#include <hv/mmio.h>
#include <hv/spinlock.h>
#include <asm/arch.h>
#include <hvisor/zone_config.h>

#define HV_MAX_ZONES 4
#define ZONE_MAX_REGIONS HVISOR_CONFIG_MAX_MEMORY_REGIONS
#define ZONE_IRQ_WORDS HVISOR_CONFIG_INTERRUPTS_WORDS
#define ZONE_MAX_IRQS HVISOR_CONFIG_MAX_INTERRUPTS

enum zone_state {
	ZONE_FREE,
	ZONE_RUNNING,
	ZONE_STOPPING,
	ZONE_STOPPED,
};

struct zone_region {
	u32 type; /* HVISOR_MEM_TYPE_* */
	u64 pa;
	u64 ipa;
	u64 size;
};

struct zone {
	u32 id;
	enum zone_state state;
	u8 stop_reason; /* HVISOR_ZONE_STOP_* once stopped */
	char name[HVISOR_CONFIG_NAME_MAXLEN];
	u64 cpus; /* bit i = logical CPU i */
	u32 boot_cpu;
	u64 entry;
	u64 dtb_ipa;
	u32 num_regions;
	struct zone_region regions[ZONE_MAX_REGIONS];
	u32 irq_bitmap[ZONE_IRQ_WORDS];
	u32 num_mmio;
	struct mmio_region mmio[ZONE_MAX_MMIO];
	struct arch_zone arch;
};

extern struct zone zones[HV_MAX_ZONES];

/** zone_create_root() - build zone 0 from the board table; Return: 0/-err */
int zone_create_root(void);

/**
 * zone_create() - build a zone from an ABI config (hypercall ZONE_START)
 * @why: receives, on failure, one line naming the config field and the
 * rule it broke (@n bytes)
 * Return: the zone, or NULL with *err set (-HVISOR_EINVAL, -HVISOR_EBUSY, ...).
 */
struct zone *zone_create(const struct hvisor_zone_config *cfg, int *err,
			 char *why, u32 n);

/** zone_by_id() - Return: the live zone with @id, or NULL */
struct zone *zone_by_id(u32 id);

/**
 * zone_check_region() - validate a memory region for zone @z
 * Return: 0, or -HVISOR_EINVAL (misaligned, empty, overlaps the hypervisor,
 * overlaps another region of the zone; see zone_check_region_why()).
 */
int zone_check_region(const struct zone *z, const struct zone_region *r);

/**
 * zone_check_region_why() - zone_check_region() that also says why
 * Virtio regions are trapped, not mapped: start and size multiples of
 * HVISOR_VIRTIO_MMIO_WINDOW, physical_start == virtual_start, overlapping
 * no other region (ram and io are whole pages, so no page a virtio window
 * lies in is mapped).
 */
int zone_check_region_why(const struct zone *z, const struct zone_region *r,
			  char *why, u32 n);

/** zone_owns_irq() - true if INTID @irq is assigned to @z */
bool zone_owns_irq(const struct zone *z, u32 irq);

/** zone_ipa_to_pa() - translate through the zone's RAM regions */
int zone_ipa_to_pa(const struct zone *z, u64 ipa, u64 size, u64 *pa);

/**
 * zone_stop() - stop every vCPU of @z (called from one of its vCPUs or
 * from another zone); the caller's own vCPU parks if it belongs to @z.
 * @reason: HVISOR_ZONE_STOP_*, shown by zone list; @why: console line
 */
void zone_stop(struct zone *z, u8 reason, const char *why);

/** zone_start() - wake the boot vCPU of a created zone */
int zone_start(struct zone *z);

/** zone_destroy() - release a stopped zone (non-root); Return: 0/-err */
int zone_destroy(struct zone *z);

/* --- Implemented by hypervisor/arch/<arch>/ --- */
/** arch_zone_init() - stage-2 tables, emulated IRQ chip regions */
int arch_zone_init(struct zone *z);
/**
 * zone_region_pg_flags() - how a zone region is mapped in its stage 2:
 * RAM read/write/execute, io as device memory, virtio windows not at all
 * (trapped).  Return: PG_* flags, 0 for "do not map".
 */
u64 zone_region_pg_flags(const struct zone_region *r);
/** arch_zone_map() - map one region in the zone's stage-2 */
int arch_zone_map(struct zone *z, const struct zone_region *r);
/** arch_zone_destroy() - free stage-2 tables, reset the zone's IRQs */
void arch_zone_destroy(struct zone *z);

#endif /* HV_ZONE_H */
