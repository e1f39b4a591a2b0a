/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/* Copyright (c) 2026 hvisor-c contributors */
/*
 * Zone configuration passed from the root zone (hvisor-tool) to the
 * hypervisor with HVISOR_HC_ZONE_START.  Layout and limits follow upstream
 * hvisor's HvZoneConfig at CONFIG_MAGIC_VERSION 0x5 (3136 bytes on aarch64);
 * every field is naturally aligned, padding is explicit.
 *
 * This header is self-contained: it is included by the hypervisor
 * (freestanding), the Linux kernel module and the host tools.
 */
#ifndef HVISOR_PUBLIC_ZONE_CONFIG_H
#define HVISOR_PUBLIC_ZONE_CONFIG_H

#ifdef __KERNEL__
#include <linux/types.h>
typedef __u8 hvisor_u8;
typedef __u16 hvisor_u16;
typedef __u32 hvisor_u32;
typedef __u64 hvisor_u64;
#else
#include <stdint.h>
typedef uint8_t hvisor_u8;
typedef uint16_t hvisor_u16;
typedef uint32_t hvisor_u32;
typedef uint64_t hvisor_u64;
#endif

#define HVISOR_CONFIG_MAGIC_VERSION 0x5ULL

#define HVISOR_CONFIG_MAX_MEMORY_REGIONS 64
#define HVISOR_CONFIG_MAX_INTERRUPTS 1024
#define HVISOR_CONFIG_INTERRUPTS_WORDS (HVISOR_CONFIG_MAX_INTERRUPTS / 32)
#define HVISOR_CONFIG_NAME_MAXLEN 32
#define HVISOR_CONFIG_MAX_IVC_CONFIGS 2
#define HVISOR_CONFIG_PCI_BUS_MAXNUM 4
#define HVISOR_CONFIG_MAX_PCI_DEV 32
#define HVISOR_CONFIG_MAX_ZONES 32

/*
 * GIC INTIDs (aarch64): SGIs 0-15, PPIs 16-31, SPIs 32-1019 (1020-1023 are
 * special).  A device interrupt a zone owns, such as a virtio device's
 * "irq" in virtio_cfg.json, is an SPI.
 */
#define HVISOR_GIC_SPI_FIRST 32
#define HVISOR_GIC_SPI_LAST 1019

/* memory_regions[].mem_type */
#define HVISOR_MEM_TYPE_RAM 0
#define HVISOR_MEM_TYPE_IO 1
#define HVISOR_MEM_TYPE_VIRTIO 2
/*
 * hvisor-c extension (not upstream): a TX-only emulated pl011 at
 * virtual_start (size 0x1000, physical_start ignored) whose output goes to
 * the hypervisor console, each line prefixed with the zone name.  The zone
 * JSON key "debug_console" asks for it (docs/zone-json.md).
 */
#define HVISOR_MEM_TYPE_DEBUG_CONSOLE 3
/* The size of a HVISOR_MEM_TYPE_DEBUG_CONSOLE region (one pl011 page). */
#define HVISOR_DEBUG_CONSOLE_SIZE 0x1000

/* arch_config.gic_config.gic_version_tag */
#define HVISOR_GIC_V2 0
#define HVISOR_GIC_V3 1

/* Size passed as kernel_size/dtb_size when the image is already in place. */
#define HVISOR_SIZE_UNKNOWN (~0ULL)

struct hvisor_memory_region {
	hvisor_u32 mem_type;
	hvisor_u32 pad;
	hvisor_u64 physical_start;
	hvisor_u64 virtual_start;
	hvisor_u64 size;
};

struct hvisor_ivc_config {
	hvisor_u32 ivc_id;
	hvisor_u32 peer_id;
	hvisor_u64 control_table_ipa;
	hvisor_u64 shared_mem_ipa;
	hvisor_u32 rw_sec_size;
	hvisor_u32 out_sec_size;
	hvisor_u32 interrupt_num;
	hvisor_u32 max_peers;
};

struct hvisor_gicv2_config {
	hvisor_u64 gicd_base;
	hvisor_u64 gicd_size;
	hvisor_u64 gicc_base;
	hvisor_u64 gicc_size;
	hvisor_u64 gicc_offset;
	hvisor_u64 gich_base;
	hvisor_u64 gich_size;
	hvisor_u64 gicv_base;
	hvisor_u64 gicv_size;
};

struct hvisor_gicv3_config {
	hvisor_u64 gicd_base;
	hvisor_u64 gicd_size;
	hvisor_u64 gicr_base;
	hvisor_u64 gicr_size;
	hvisor_u64 gits_base;
	hvisor_u64 gits_size;
};

/* aarch64 arch_config: a tagged union, tag 0 = GICv2, 1 = GICv3. */
struct hvisor_arch_zone_config {
	hvisor_u8 is_aarch32;
	hvisor_u8 pad[7];
	hvisor_u64 gic_version_tag;
	union {
		struct hvisor_gicv2_config v2;
		struct hvisor_gicv3_config v3;
	} gic;
};

struct hvisor_pci_config {
	hvisor_u64 ecam_base;
	hvisor_u64 ecam_size;
	hvisor_u64 io_base;
	hvisor_u64 io_size;
	hvisor_u64 pci_io_base;
	hvisor_u64 mem32_base;
	hvisor_u64 mem32_size;
	hvisor_u64 pci_mem32_base;
	hvisor_u64 mem64_base;
	hvisor_u64 mem64_size;
	hvisor_u64 pci_mem64_base;
	hvisor_u32 bus_range_begin;
	hvisor_u32 bus_range_end;
	hvisor_u8 domain;
	hvisor_u8 pad[7];
};

/* dev_type */
#define HVISOR_PCI_DEV_PHYSICAL 0
#define HVISOR_PCI_DEV_STANDARD_VDEV 1

struct hvisor_pci_dev_config {
	hvisor_u8 domain;
	hvisor_u8 bus;
	hvisor_u8 device;
	hvisor_u8 function;
	hvisor_u32 dev_type;
};

struct hvisor_zone_config {
	hvisor_u32 zone_id;
	hvisor_u32 pad0;
	hvisor_u64 cpus; /* bit i = logical CPU i */
	hvisor_u32 num_memory_regions;
	hvisor_u32 pad1;
	struct hvisor_memory_region
		memory_regions[HVISOR_CONFIG_MAX_MEMORY_REGIONS];
	/* bit (n % 32) of word (n / 32) set: the zone owns INTID n */
	hvisor_u32 interrupts_bitmap[HVISOR_CONFIG_INTERRUPTS_WORDS];
	hvisor_u32 num_ivc_configs;
	hvisor_u32 pad2;
	struct hvisor_ivc_config ivc_configs[HVISOR_CONFIG_MAX_IVC_CONFIGS];
	hvisor_u64 entry_point;
	hvisor_u64 kernel_load_paddr;
	hvisor_u64 kernel_size;
	hvisor_u64 dtb_load_paddr;
	hvisor_u64 dtb_size;
	char name[HVISOR_CONFIG_NAME_MAXLEN];
	struct hvisor_arch_zone_config arch_config;
	hvisor_u64 num_pci_bus;
	struct hvisor_pci_config pci_config[HVISOR_CONFIG_PCI_BUS_MAXNUM];
	hvisor_u64 num_pci_devs;
	struct hvisor_pci_dev_config alloc_pci_devs[HVISOR_CONFIG_MAX_PCI_DEV];
};

/* hvisor_zone_info.stop_reason (hvisor-c extension, 0 in upstream) */
#define HVISOR_ZONE_RUNNING 0
#define HVISOR_ZONE_STOP_FAULT 1 /* trap it cannot continue from */
#define HVISOR_ZONE_STOP_POWEROFF 2 /* PSCI SYSTEM_OFF */
#define HVISOR_ZONE_STOP_RESET 3 /* PSCI SYSTEM_RESET */
#define HVISOR_ZONE_STOP_SHUTDOWN 4 /* HVISOR_HC_ZONE_SHUTDOWN */

/* One row of HVISOR_HC_ZONE_LIST. */
struct hvisor_zone_info {
	hvisor_u32 zone_id;
	hvisor_u32 pad0;
	hvisor_u64 cpus;
	char name[HVISOR_CONFIG_NAME_MAXLEN];
	hvisor_u8 is_err; /* the zone stopped (upstream: in error) */
	hvisor_u8 stop_reason; /* HVISOR_ZONE_STOP_* when is_err */
	hvisor_u8 pad1[6];
};

_Static_assert(sizeof(struct hvisor_memory_region) == 32, "ABI");
_Static_assert(sizeof(struct hvisor_ivc_config) == 40, "ABI");
_Static_assert(sizeof(struct hvisor_arch_zone_config) == 88, "ABI");
_Static_assert(sizeof(struct hvisor_pci_config) == 104, "ABI");
_Static_assert(sizeof(struct hvisor_pci_dev_config) == 8, "ABI");
_Static_assert(sizeof(struct hvisor_zone_config) == 3136, "ABI");
_Static_assert(sizeof(struct hvisor_zone_info) == 56, "ABI");

#endif /* HVISOR_PUBLIC_ZONE_CONFIG_H */
