/* SPDX-License-Identifier: GPL-2.0 */
/* Copyright (c) 2026 hvisor-c contributors */
/* GICv2 CPU interface registers (ARM IHI 0048B, 4.4) and where they are. */
#ifndef HV_ASM_GICV2_H
#define HV_ASM_GICV2_H

#include <hv/board.h>

#define GICC_CTLR 0x0000
#define GICC_PMR 0x0004
#define GICC_BPR 0x0008
#define GICC_IAR 0x000c
#define GICC_EOIR 0x0010
#define GICC_DIR 0x1000 /* in the interface's second 4 KiB page */
#define GICC_CTLR_EN_GRP0 BIT(0)
#define GICC_CTLR_EOIMODE BIT(9)

/**
 * gicv2_cpu_if() - physical address of the CPU interface's first page
 * On a GIC-400 wired with the 64 KiB alias layout (128 KiB GICC frame),
 * the 4 KiB pages repeat across each 64 KiB: the first usable page is at
 * base + alias_offset (0xf000), so GICC_DIR lands at base + 0x10000.
 */
static inline u64 gicv2_cpu_if(const struct board_gic *g)
{
	return g->gicc.base + g->gicc_alias;
}

#endif /* HV_ASM_GICV2_H */
