// SPDX-License-Identifier: GPL-2.0
/* Copyright (c) 2026 hvisor-c contributors */
/* Structure offsets for assembly; compiled to .s and turned into a header. */
#include <stddef.h>
#include <hv/cpu.h>

#define DEFINE(sym, val)                                                       \
	__asm__ volatile("\n.ascii \"->" #sym " %0\"" : : "i"(val))

void asm_offsets(void);

void asm_offsets(void)
{
	DEFINE(FRAME_SIZE, sizeof(struct trap_frame));
	DEFINE(FRAME_SEPC, offsetof(struct trap_frame, sepc));
	DEFINE(FRAME_SSTATUS, offsetof(struct trap_frame, sstatus));
	DEFINE(FRAME_HSTATUS, offsetof(struct trap_frame, hstatus));
	DEFINE(CPU_SIZE, sizeof(struct cpu));
	DEFINE(CPU_STACK_END, offsetof(struct cpu, stack) + HV_STACK_SIZE);
	DEFINE(BOOT_STACK_SIZE, 4096);
}
