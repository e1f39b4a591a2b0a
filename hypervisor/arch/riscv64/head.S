/* SPDX-License-Identifier: GPL-2.0 */
/* Copyright (c) 2026 hvisor-c contributors */
/*
 * HS-mode entry.  _start: the boot hart, entered from OpenSBI (fw_dynamic's
 * next stage) in S-mode with the H extension, satp = 0, a0 = hart id,
 * a1 = the firmware's DTB (unused: the board table describes the machine).
 * secondary_entry: the other harts, started with SBI HSM hart_start,
 * a0 = hart id, a1 = their logical id (the opaque argument).
 * tp holds this CPU's struct cpu in the hypervisor.
 */
#include <generated/asm-offsets.h>

	.section .text.entry, "ax"
	.global _start
_start:
	csrw	sie, zero
	csrw	sscratch, zero
	mv	s0, a0
	/* clear .bss (no stack needed) */
	la	t0, __bss_start
	la	t1, __bss_end
1:	bgeu	t0, t1, 2f
	sd	zero, 0(t0)
	addi	t0, t0, 8
	j	1b
2:	la	sp, boot_stack
	li	t0, BOOT_STACK_SIZE
	add	sp, sp, t0
	mv	a0, s0
	call	arch_boot_cpu_id	/* hart id -> logical id or -1 */
	bltz	a0, halt
	mv	s1, a0
	call	set_cpu_stack
	mv	a0, s1
	call	arch_primary_boot	/* no return */
	j	halt

	.global secondary_entry
secondary_entry:
	csrw	sie, zero
	csrw	sscratch, zero
	mv	s1, a1
	call	set_cpu_stack
	mv	a0, s1
	call	arch_secondary_boot
	j	halt

/* tp = &cpus[s1], sp = top of its stack; clobbers t0, t1 */
set_cpu_stack:
	la	t0, cpus
	li	t1, CPU_SIZE
	mul	t1, t1, s1
	add	tp, t0, t1
	li	t1, CPU_STACK_END
	add	sp, tp, t1
	ret

	.global halt
halt:
	wfi
	j	halt

	.section .bss
	.balign 16
boot_stack:
	.space	BOOT_STACK_SIZE
