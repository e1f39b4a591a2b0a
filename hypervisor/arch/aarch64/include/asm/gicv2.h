/* SPDX-License-Identifier: GPL-2.0 */
/* Copyright (c) 2026 hvisor-c contributors */
/*
 * GICv2 CPU interface (ARM IHI 0048B, 4.4) and virtual interface control
 * (GICH, 5.3) registers and fields, and where the interface is.
 */
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
/* GICC_IAR: InterruptID, bits 9:0; CPUID, bits 12:10, an SGI's source */
#define GICC_IAR_INTID_MASK 0x3ffU
#define GICC_IAR_CPUID_SHIFT 10
#define GICC_IAR_CPUID_MASK 0x7U

/* GICD_CTLR: bit 0, Enable (EnableGrp0 in the Secure view) */
#define GICD_V2_CTLR_ENABLE BIT(0)
/* GICD_ITARGETSR: one 8-bit CPU-interface mask per INTID */
#define GICD_ITARGETSR_TARGETS_MASK 0xffU
#define GICD_ITARGETSR_CPU(n) (1U << (n))
#define GICV2_MAX_CPU_IFS 8 /* CPU interfaces a GICv2 can have */

/* GICH: the virtual interface control registers of this CPU */
#define GICH_HCR 0x0000
#define GICH_VTR 0x0004
#define GICH_VMCR 0x0008
#define GICH_ELRSR0 0x0030 /* LRs 0..31 empty */
#define GICH_ELRSR1 0x0034 /* LRs 32..63 empty */
#define GICH_ELRSR_LRS 32 /* list registers one ELRSR covers */
#define GICH_APR 0x00f0
#define GICH_LR(n) (0x0100 + 4 * (n))
#define GICH_HCR_EN BIT(0)
#define GICH_HCR_UIE BIT(1) /* maintenance IRQ when at most one LR valid */
/* GICH_VTR: ListRegs, bits 5:0, the number of list registers - 1 */
#define GICH_VTR_LISTREGS_MASK 0x3fULL
#define GICH_LR_MAX 64

/*
 * GICH_LRn: VirtualID 9:0; PhysicalID 19:10 when HW = 1, else CPUID 12:10
 * (an SGI's source CPU); Priority 27:23 (the top 5 bits of an 8-bit
 * priority); State 29:28; Grp1 30; HW 31.
 */
#define GICH_LR_VIRTUALID_MASK 0x3ffU
#define GICH_LR_PHYSICALID_SHIFT 10
#define GICH_LR_PHYSICALID_MASK 0x3ffU
#define GICH_LR_CPUID_SHIFT 10
#define GICH_LR_CPUID_MASK 0x7U
#define GICH_LR_PRIORITY_SHIFT 23
#define GICH_LR_PRIORITY_DROP 3 /* low priority bits the field lacks */
#define GICH_LR_STATE_SHIFT 28
#define GICH_LR_STATE_PENDING (1U << GICH_LR_STATE_SHIFT)
#define GICH_LR_STATE_MASK (3U << GICH_LR_STATE_SHIFT) /* 0: invalid */
#define GICH_LR_HW BIT(31)
#define GICH_LR_PRIORITY(p)                                                    \
	((u32)((p) >> GICH_LR_PRIORITY_DROP) << GICH_LR_PRIORITY_SHIFT)
#define GICH_LR_PHYSICALID(intid) ((u32)(intid) << GICH_LR_PHYSICALID_SHIFT)
#define GICH_LR_CPUID(cpu)                                                     \
	((GICH_LR_CPUID_MASK & (u32)(cpu)) << GICH_LR_CPUID_SHIFT)

/** gich_lr_physicalid() - the physical INTID of a HW list register value */
static inline u32 gich_lr_physicalid(u32 lr)
{
	return (lr >> GICH_LR_PHYSICALID_SHIFT) & GICH_LR_PHYSICALID_MASK;
}

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
