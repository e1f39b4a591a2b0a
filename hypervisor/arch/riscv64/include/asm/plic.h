/* SPDX-License-Identifier: GPL-2.0 */
/* Copyright (c) 2026 hvisor-c contributors */
/* PLIC register map (RISC-V PLIC specification 1.0.0). */
#ifndef HV_ASM_PLIC_H
#define HV_ASM_PLIC_H

#define PLIC_PENDING_BASE 0x1000ULL
#define PLIC_ENABLE_BASE 0x2000ULL
#define PLIC_ENABLE_STRIDE 0x80ULL
#define PLIC_CONTEXT_BASE 0x200000ULL
#define PLIC_CONTEXT_STRIDE 0x1000ULL

/* enable word @w (sources 32w..32w+31) of context @ctx */
#define PLIC_ENABLE(ctx, w)                                                    \
	(PLIC_ENABLE_BASE + (u64)(ctx)*PLIC_ENABLE_STRIDE + 4ULL * (w))
#define PLIC_THRESHOLD(ctx) (PLIC_CONTEXT_BASE + (u64)(ctx)*PLIC_CONTEXT_STRIDE)
#define PLIC_CLAIM(ctx) (PLIC_THRESHOLD(ctx) + 4)

#define PLIC_NO_CONTEXT 0xffffffffU

#ifndef __ASSEMBLY__
#include <hv/types.h>

struct zone;

/** plic_ctx_of() - Return: the S-mode context of logical CPU @cpu, or
 * PLIC_NO_CONTEXT */
u32 plic_ctx_of(u32 cpu);

/** plic_zone_ctx_hart() - Return: the hart of context @ctx if it is an
 * S-mode context of a hart of @z, else -1 */
int plic_zone_ctx_hart(const struct zone *z, u32 ctx);

/** plic_owned_mask() - Return: the bits of enable/pending word @w (sources
 * 32w..32w+31) that @z owns; source 0 and those above ndev never */
u32 plic_owned_mask(const struct zone *z, u32 w);
#endif

#endif /* HV_ASM_PLIC_H */
