/* SPDX-License-Identifier: GPL-2.0 */
/* Copyright (c) 2026 hvisor-c contributors */
/*
 * Interrupt controller hooks.  Core code never names a GIC version: the
 * arch picks the implementation (GICv2 or GICv3 on aarch64) behind these
 * functions.
 */
#ifndef HV_IRQ_H
#define HV_IRQ_H

#include <hv/types.h>

struct zone;
struct cpu;

/** arch_irq_init() - distributor setup, once, on the primary CPU */
void arch_irq_init(void);
/** arch_irq_cpu_init() - this CPU's interface and redistributor */
void arch_irq_cpu_init(struct cpu *c);
/** arch_irq_handle() - take every pending physical IRQ of this CPU */
void arch_irq_handle(void);
/** arch_irq_inject() - make virtual INTID @irq pending on this vCPU */
void arch_irq_inject(u32 irq, bool hw);
/**
 * arch_irq_queue_virtual() - queue virtual-only INTID @irq (no physical
 * interrupt behind it) for CPU @cpu's vCPU; it reaches the list registers
 * at that CPU's next exit (send it EV_VIRQ).  Safe from any CPU.
 */
void arch_irq_queue_virtual(u32 cpu, u32 irq);
/** arch_irq_flush() - move queued virtual IRQs into free list registers */
void arch_irq_flush(void);
/** arch_irq_vcpu_reset() - drop this vCPU's virtual IRQ state */
void arch_irq_vcpu_reset(void);
/** arch_irq_zone_init() - register the zone's emulated controller frames */
int arch_irq_zone_init(struct zone *z);
/** arch_irq_zone_reset() - disable and deactivate the zone's SPIs */
void arch_irq_zone_reset(struct zone *z);
/**
 * arch_irq_zone_config_fixup() - drop from a zone config's interrupt
 * bitmap what no zone may own (per-CPU INTIDs on a GIC, source 0 on a PLIC)
 */
void arch_irq_zone_config_fixup(struct zone *z);
/** arch_irq_chip_name() - Return: the controller's name for the banner */
const char *arch_irq_chip_name(void);

#endif /* HV_IRQ_H */
