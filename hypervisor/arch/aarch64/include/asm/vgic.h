/* SPDX-License-Identifier: GPL-2.0 */
/* Copyright (c) 2026 hvisor-c contributors */
/*
 * GIC virtualisation internals shared by gicv2.c, gicv3.c, vgic_gicd.c,
 * vgicv2.c, vgicv3.c and traps.c.
 */
#ifndef HV_ASM_VGIC_H
#define HV_ASM_VGIC_H

#include <hv/types.h>
#include <asm/irqchip.h>

struct mmio_access;
struct zone;

/* INTID ranges (the ABI's HVISOR_GIC_SPI_* for SPIs) */
#define GIC_SGI_COUNT 16
#define GIC_SPI_FIRST 32 /* SGIs and PPIs below */
#define GIC_INTID_SPECIAL 1020 /* 1020..1023: special INTIDs */
#define GIC_INTID_SPECIAL_LAST 1023
#define GICD_FIELD_INTIDS 1024 /* INTIDs a per-INTID GICD register covers */

/* GICD registers */
#define GICD_CTLR 0x0000
#define GICD_TYPER 0x0004
#define GICD_IIDR 0x0008
#define GICD_TYPER2 0x000c
#define GICD_IGROUPR 0x0080
#define GICD_ISENABLER 0x0100
#define GICD_ICENABLER 0x0180
#define GICD_ISPENDR 0x0200
#define GICD_ICPENDR 0x0280
#define GICD_ISACTIVER 0x0300
#define GICD_ICACTIVER 0x0380
#define GICD_IPRIORITYR 0x0400
#define GICD_ITARGETSR 0x0800
#define GICD_ICFGR 0x0c00
#define GICD_SGIR 0x0f00
#define GICD_IROUTER 0x6000
#define GICD_IROUTER_SIZE 8 /* one 64-bit register per SPI */
#define GICD_ID_START 0xffd0 /* GICv3 identification registers */
#define GICD_V2_ID_START 0x0fd0 /* GICv2 identification registers */

/* GICD_SGIR (GICv2) */
#define GICD_SGIR_INTID_MASK 0xfu
#define GICD_SGIR_TARGETS_SHIFT 16 /* CPUTargetList, 8 bits */
#define GICD_SGIR_TARGETS_MASK 0xffu
#define GICD_SGIR_FILTER_SHIFT 24 /* TargetListFilter, 2 bits */
#define GICD_SGIR_FILTER_MASK 0x3u
#define GICD_SGIR_FILTER_LIST 0 /* the CPUs in CPUTargetList */
#define GICD_SGIR_FILTER_OTHERS 1 /* every CPU but the writer */
#define GICD_SGIR_FILTER_SELF 2 /* the writer only */

/*
 * @b in each of the four byte fields of a 32-bit IPRIORITYR or ITARGETSR
 * register: one write sets four INTIDs
 */
#define GICD_EACH_BYTE(b) (0x01010101U * (u32)(b))

/*
 * GICD_CTLR with affinity routing, as the hypervisor sees it (Non-secure,
 * or a GIC with one security state, where bit 0 is EnableGrp0 and bit 1
 * EnableGrp1): ARE_NS, EnableGrp1A, EnableGrp1.
 */
#define GICD_CTLR_ENABLE_GRP1 BIT(0)
#define GICD_CTLR_ENABLE_GRP1A BIT(1)
#define GICD_CTLR_ARE_NS BIT(4)
#define GICD_CTLR_RWP BIT(31)
/* GICD_TYPER: ITLinesNumber, bits 4:0: INTIDs = 32 * (ITLinesNumber + 1) */
#define GICD_TYPER_ITLINES_MASK 0x1fULL
#define GICD_TYPER_LPIS BIT(17)
#define GICD_TYPER_MBIS BIT(16)

/* GICR: RD frame then SGI frame, 64 KiB each */
#define GICR_CTLR 0x0000
#define GICR_IIDR 0x0004
#define GICR_TYPER 0x0008
#define GICR_WAKER 0x0014
#define GICR_SGI_BASE 0x10000
#define GICR_IGROUPR0 (GICR_SGI_BASE + 0x0080)
#define GICR_ISENABLER0 (GICR_SGI_BASE + 0x0100)
#define GICR_ICENABLER0 (GICR_SGI_BASE + 0x0180)
#define GICR_ISPENDR0 (GICR_SGI_BASE + 0x0200)
#define GICR_ICPENDR0 (GICR_SGI_BASE + 0x0280)
#define GICR_ISACTIVER0 (GICR_SGI_BASE + 0x0300)
#define GICR_ICACTIVER0 (GICR_SGI_BASE + 0x0380)
#define GICR_IPRIORITYR0 (GICR_SGI_BASE + 0x0400)
#define GICR_ICFGR0 (GICR_SGI_BASE + 0x0c00)
#define GICR_ICFGR1 (GICR_SGI_BASE + 0x0c04)

#define GICR_TYPER_PLPIS BIT(0)
#define GICR_TYPER_VLPIS BIT(1)
#define GICR_TYPER_LAST BIT(4)
/* Affinity_Value, bits 63:32: Aff3 in 31:24, Aff2 23:16, Aff1 15:8, Aff0 */
#define GICR_TYPER_AFFINITY_SHIFT 32
#define GICR_AFFINITY_AFF3_SHIFT 24 /* Aff3 in Affinity_Value */
#define GICR_WAKER_PROCESSOR_SLEEP BIT(1)
#define GICR_WAKER_CHILDREN_ASLEEP BIT(2)
#define GICR_FRAME_SIZE 0x10000 /* RD_base and SGI_base frames: 64 KiB */
#define GICR_ID_START 0xffd0 /* identification registers of RD_base */

/* ICC_SGI1R_EL1 */
#define ICC_SGI1R_TARGETS_MASK 0xffffULL /* TargetList: Aff0 = RS*16+bit */
#define ICC_SGI1R_AFF1_SHIFT 16
#define ICC_SGI1R_INTID_SHIFT 24
#define ICC_SGI1R_INTID_MASK 0xfULL
#define ICC_SGI1R_AFF2_SHIFT 32
#define ICC_SGI1R_IRM BIT(40) /* to every PE but the writer */
#define ICC_SGI1R_RS_SHIFT 44
#define ICC_SGI1R_RS_MASK 0xfULL
#define ICC_SGI1R_RS_SPAN 16 /* Aff0 values one RS covers (TargetList) */
#define ICC_SGI1R_AFF3_SHIFT 48
#define ICC_SGI1R_AFF_MASK 0xffULL

/* MPIDR_EL1 affinity fields */
#define MPIDR_AFF0_SHIFT 0
#define MPIDR_AFF1_SHIFT 8
#define MPIDR_AFF2_SHIFT 16
#define MPIDR_AFF3_SHIFT 32
#define MPIDR_AFFn_MASK 0xffULL /* one affinity level */
#define MPIDR_AFF2_AFF0_MASK 0xffffffULL /* Aff2, Aff1, Aff0 */

/** gicd_typer_intids() - INTIDs below 1024 a GICD_TYPER value says exist */
static inline u32 gicd_typer_intids(u64 typer)
{
	return (u32)(((typer & GICD_TYPER_ITLINES_MASK) + 1) * 32);
}

/**
 * vgic_gicd_field_access() - a zone's access to a per-INTID GICD register
 * (IGROUPR, I[SC]ENABLER, I[SC]PENDR, I[SC]ACTIVER, IPRIORITYR, ICFGR and,
 * on GICv2, ITARGETSR), filtered by the zone's IRQ ownership: reads see
 * only the fields of INTIDs it owns, writes change only those.
 * @z: the accessing zone
 * @acc: the access; @acc->offset is the offset in the GICD frame
 * @v2: GICv2: SGI/PPI fields are banked per CPU in the GICD and the zone
 *      may use them, except the hypervisor's SGI and the maintenance PPI;
 *      ITARGETSR reads the banked targets and ignores writes for them.
 *      GICv3 (affinity routing): SGIs/PPIs live in the redistributor, so
 *      their GICD fields read as zero; ITARGETSR is not emulated.
 *
 * Return: true if @acc->offset is in one of those registers (the access
 * is done), false if the caller must handle the offset.
 */
bool vgic_gicd_field_access(struct zone *z, struct mmio_access *acc, bool v2);

/** vgic_send_sgi() - a guest wrote ICC_SGI1R_EL1: deliver within its zone */
void vgic_send_sgi(u64 sgi1r);

/** gicv3_sgi_affinity() - ICC_SGI1R_EL1 target bits for one CPU */
u64 gicv3_sgi_affinity(u64 mpidr);

#endif /* HV_ASM_VGIC_H */
