/* SPDX-License-Identifier: GPL-2.0 */
/* Copyright (c) 2026 hvisor-c contributors */
/*
 * The interrupt controller behind the arch_irq_* hooks: GICv2 or GICv3,
 * chosen at boot from board.gic.version.  irqchip.c keeps what both share
 * (the queue of virtual IRQs waiting for a list register).
 */
#ifndef HV_ASM_IRQCHIP_H
#define HV_ASM_IRQCHIP_H

#include <hv/types.h>

struct cpu;
struct zone;

/* SGI the hypervisor keeps for its own CPU events; guests never see it */
#define HV_EVENT_SGI 15
#define DEFAULT_PRIO 0xa0
/* priority mask (GICC_PMR, ICC_PMR_EL1, VPMR) letting every priority pass */
#define GIC_PMR_UNMASKED 0xffU

struct irqchip_ops {
	void (*init)(void);
	void (*cpu_init)(struct cpu *c);
	void (*handle)(void);
	/* put a virtual IRQ in a free list register; false if none free */
	bool (*lr_inject)(struct cpu *c, u32 irq, bool hw, u32 src);
	/* ask for the maintenance IRQ when list registers drain */
	void (*underflow)(bool on);
	/* clear list registers, deactivating HW-linked physical IRQs */
	void (*lr_reset)(struct cpu *c);
	void (*deactivate)(u32 irq);
	void (*send_event_ipi)(u32 target);
	int (*zone_init)(struct zone *z);
	u32 (*spi_count)(void);
};

extern const struct irqchip_ops gicv2_ops;
extern const struct irqchip_ops gicv3_ops;

/** irqchip_inject() - inject with a known SGI source CPU (GICv2) */
void irqchip_inject(u32 irq, bool hw, u32 src);

#endif /* HV_ASM_IRQCHIP_H */
