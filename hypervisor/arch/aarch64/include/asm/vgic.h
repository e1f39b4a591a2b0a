/* SPDX-License-Identifier: GPL-2.0 */
/* Copyright (c) 2026 hvisor-c contributors */
/* GICv3 virtualisation internals shared by gicv3.c, vgicv3.c, traps.c. */
#ifndef HV_ASM_VGIC_H
#define HV_ASM_VGIC_H

#include <hv/types.h>
#include <asm/irqchip.h>

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
#define GICD_ID_START 0xffd0

#define GICD_CTLR_RWP BIT(31)
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

/** vgic_send_sgi() - a guest wrote ICC_SGI1R_EL1: deliver within its zone */
void vgic_send_sgi(u64 sgi1r);

/** gicv3_sgi_affinity() - ICC_SGI1R_EL1 target bits for one CPU */
u64 gicv3_sgi_affinity(u64 mpidr);

#endif /* HV_ASM_VGIC_H */
