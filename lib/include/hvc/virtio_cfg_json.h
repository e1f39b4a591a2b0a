/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/* Copyright (c) 2026 hvisor-c contributors */
/*
 * virtio_cfg.json of upstream hvisor-tool (`hvisor virtio start FILE`):
 * one file for all zones, read and written by zonegen and the daemon.
 * Format and decisions: docs/zone-json.md.
 */
#ifndef HVISOR_TOOL_VIRTIO_CFG_JSON_H
#define HVISOR_TOOL_VIRTIO_CFG_JSON_H

#include <stdint.h>
#include <hvisor/virtio_bridge.h>
#include <hvisor/zone_config.h>

#include <hvc/json_util.h>

/* Limits: the ABI's (hypervisor/include/public/hvisor) where it has one. */
#define VIRTIO_CFG_MAX_ZONES HVISOR_CONFIG_MAX_ZONES
/* memory_region entries per zone: at most the zone's memory regions */
#define VIRTIO_CFG_MAX_MEM HVISOR_CONFIG_MAX_MEMORY_REGIONS
/* devices in all zones together (upstream MAX_DEVS) */
#define VIRTIO_CFG_MAX_DEVS HVISOR_VIRTIO_MAX_DEVS
/* a device's irq: a GIC SPI the ABI's interrupt bitmap can hold */
#define VIRTIO_CFG_IRQ_FIRST HVISOR_GIC_SPI_FIRST
#define VIRTIO_CFG_IRQ_LAST                                                    \
	(HVISOR_GIC_SPI_LAST < HVISOR_CONFIG_MAX_INTERRUPTS - 1                \
		 ? HVISOR_GIC_SPI_LAST                                         \
		 : HVISOR_CONFIG_MAX_INTERRUPTS - 1)
#define VIRTIO_CFG_MAX_IDS 64 /* scmi clock/reset/power ids per list */
#define VIRTIO_CFG_STR_MAX 256

/* One `zones[].memory_region[]` entry. */
struct virtio_cfg_mem {
	uint64_t zone0_ipa; /* as the root zone sees it (= host PA) */
	uint64_t zonex_ipa; /* as the guest sees it */
	uint64_t size;
};

/* One `zones[].devices[]` entry; per-type keys are valid by @type. */
struct virtio_cfg_device {
	char type[16]; /* blk, net, console, gpu, scmi */
	uint64_t addr;
	uint64_t len;
	uint32_t irq; /* GIC INTID (an SPI) on aarch64 */
	char status[16]; /* "disable" disables, anything else enables */
	char img[VIRTIO_CFG_STR_MAX]; /* blk */
	int read_only; /* blk, hvisor-c's extension: "read_only": true */
	char tap[64]; /* net */
	int has_mac;
	uint8_t mac[6]; /* net */
	int has_size;
	uint32_t width, height; /* gpu */
	unsigned int n_ids[3]; /* scmi: clock_ids, reset_ids, power_ids */
	uint32_t ids[3][VIRTIO_CFG_MAX_IDS];
};

struct virtio_cfg_zone {
	uint32_t id;
	unsigned int num_mem;
	struct virtio_cfg_mem mem[VIRTIO_CFG_MAX_MEM];
	unsigned int num_devs;
	struct virtio_cfg_device devs[VIRTIO_CFG_MAX_DEVS];
};

struct virtio_cfg {
	unsigned int num_zones;
	struct virtio_cfg_zone zones[VIRTIO_CFG_MAX_ZONES];
};

/**
 * virtio_cfg_parse() - parse virtio_cfg.json text into @vc (zeroed first).
 * Errors name the key, e.g. "zones[0].devices[1].irq".  Refused besides
 * what json_parse_text() refuses: an irq outside VIRTIO_CFG_IRQ_FIRST..
 * VIRTIO_CFG_IRQ_LAST, a region or device window that wraps around 2^64,
 * a zero size, more entries than the limits above, a zone listed twice.
 * Return: 0 or a negative JSON_E* code.
 */
int virtio_cfg_parse(const char *text, struct virtio_cfg *vc,
		     struct json_err *err);

/* virtio_cfg_load() - virtio_cfg_parse() on the contents of @path. */
int virtio_cfg_load(const char *path, struct virtio_cfg *vc,
		    struct json_err *err);

/* The same with irqs in @first..@last instead of the GIC's SPIs (riscv64:
 * PLIC sources 1..riscv,ndev). */
int virtio_cfg_parse_irqs(const char *text, unsigned int first,
			  unsigned int last, struct virtio_cfg *vc,
			  struct json_err *err);
int virtio_cfg_load_irqs(const char *path, unsigned int first,
			 unsigned int last, struct virtio_cfg *vc,
			 struct json_err *err);

/* virtio_cfg_write() - render @vc; malloc'd text or NULL (no memory). */
char *virtio_cfg_write(const struct virtio_cfg *vc);

/* virtio_cfg_find_zone() - the entry for zone @id, or NULL. */
struct virtio_cfg_zone *virtio_cfg_find_zone(struct virtio_cfg *vc,
					     uint32_t id);

#endif /* HVISOR_TOOL_VIRTIO_CFG_JSON_H */
