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

#endif /* HV_ASM_PLIC_H */
