/* SPDX-License-Identifier: GPL-2.0 */
/* Copyright (c) 2026 hvisor-c contributors */
/* riscv64 per-CPU, per-zone and trap-frame state used by core code. */
#ifndef HV_ASM_ARCH_H
#define HV_ASM_ARCH_H

#include <hv/types.h>

/* Guest registers saved by the HS trap entry (layout used by trap.S). */
struct trap_frame {
	u64 x[32]; /* x[0] unused */
	u64 sepc;
	u64 sstatus;
	u64 hstatus;
	u64 pad;
};

#define VPLIC_WORDS 16 /* 1024 PLIC source ids */

struct arch_cpu {
	u32 plic_ctx; /* this hart's S-mode PLIC context */
	bool sstc; /* vstimecmp usable (henvcfg.STCE sticks) */
	/* virtual PLIC of this vCPU: claimed physically, not yet claimed by
	 * the guest (set by this CPU or, virtual-only ones, by any CPU) */
	u64 vplic_pending[VPLIC_WORDS];
	/* hardware sources the guest claimed: its complete goes to the PLIC */
	u64 vplic_hw[VPLIC_WORDS];
	u64 vplic_hw_active[VPLIC_WORDS];
	u32 vipi; /* a guest IPI (VSSIP) is waiting */
	/* PROBE_*: the next HS exception is expected (a CSR probe, a read of
	 * guest code); trap_hs_fault() skips the 4-byte instruction */
	volatile u32 fault_probe;
};

#define PROBE_IDLE 0
#define PROBE_ACTIVE 1
#define PROBE_FAULTED 2

struct arch_zone {
	u64 gstage_root; /* Sv39x4 root table (16 KiB) */
	u16 vmid;
};

#define HV_STACK_SIZE 0x8000

#endif /* HV_ASM_ARCH_H */
