/* SPDX-License-Identifier: GPL-2.0 */
/* Copyright (c) 2026 hvisor-c contributors */
/* aarch64 per-CPU, per-zone and trap-frame state used by core code. */
#ifndef HV_ASM_ARCH_H
#define HV_ASM_ARCH_H

#include <hv/types.h>

/* Guest registers saved by the EL2 vectors (layout used by vectors.S). */
struct trap_frame {
	u64 x[31];
	u64 elr;
	u64 spsr;
	u64 pad;
};

struct arch_cpu {
	u64 rd_base; /* this CPU's GIC redistributor (v3) */
	u32 num_lrs;
	u32 gic_if; /* GICv2: this CPU's CPU-interface bit (GICD_ITARGETSR) */
	u64 pending[16]; /* virtual INTIDs waiting for a free list register */
	u64 vpending[16]; /* the same, virtual-only (set by any CPU) */
};

struct arch_zone {
	u64 s2_root; /* stage-2 level-1 table */
	u16 vmid;
};

#define HV_STACK_SIZE 0x8000

#endif /* HV_ASM_ARCH_H */
