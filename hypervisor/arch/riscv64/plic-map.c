// SPDX-License-Identifier: GPL-2.0
/* Copyright (c) 2026 hvisor-c contributors */
/*
 * PLIC contexts and source ownership from the board table: which context
 * a hart takes its interrupts on, which contexts and sources a zone may
 * program.  No register access: host-testable (hypervisor/tests).
 */
#include <hv/board.h>
#include <hv/zone.h>
#include <asm/plic.h>

u32 plic_ctx_of(u32 cpu)
{
	u32 i;

	for (i = 0; i < board.irqchip.num_contexts; i++) {
		const struct board_plic_context *x = &board.irqchip.contexts[i];

		if (x->hart == cpu && x->mode == BOARD_PLIC_MODE_S)
			return x->id;
	}
	return PLIC_NO_CONTEXT;
}

int plic_zone_ctx_hart(const struct zone *z, u32 ctx)
{
	u32 i;

	for (i = 0; i < board.irqchip.num_contexts; i++) {
		const struct board_plic_context *x = &board.irqchip.contexts[i];

		if (x->id == ctx)
			return x->mode == BOARD_PLIC_MODE_S &&
					       (z->cpus & BIT(x->hart))
				       ? (int)x->hart
				       : -1;
	}
	return -1;
}

u32 plic_owned_mask(const struct zone *z, u32 w)
{
	u32 m = 0, b;

	for (b = 0; b < 32; b++) {
		u32 irq = w * 32 + b;

		if (irq >= 1 && irq <= board.irqchip.ndev &&
		    zone_owns_irq(z, irq))
			m |= 1U << b;
	}
	return m;
}
