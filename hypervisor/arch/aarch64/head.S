/* SPDX-License-Identifier: GPL-2.0 */
/* Copyright (c) 2026 hvisor-c contributors */
/*
 * EL2 entry.  _start: the boot CPU, entered at EL2 with the MMU off
 * (QEMU -kernel hvisor.elf, or a bootloader jumping to the load address).
 * secondary_entry: the other CPUs, started by firmware PSCI CPU_ON with
 * x0 = their logical id as context.
 */
#include <generated/asm-offsets.h>

	.section .text.entry, "ax"
	.global _start
_start:
	nop			/* byte 10 of the image must not be zero: */
	nop			/* some U-Boot versions relocate otherwise */
	msr	daifset, #0xf
	/* clear .bss (no stack needed) */
	adrp	x1, __bss_start
	add	x1, x1, :lo12:__bss_start
	adrp	x2, __bss_end
	add	x2, x2, :lo12:__bss_end
1:	cmp	x1, x2
	b.hs	2f
	str	xzr, [x1], #8
	b	1b
2:	adrp	x0, boot_stack
	add	x0, x0, :lo12:boot_stack
	add	x0, x0, #BOOT_STACK_SIZE
	mov	sp, x0
	bl	arch_boot_cpu_id	/* C, MMU off: logical id or -1 */
	tbnz	w0, #31, halt
	mov	w19, w0
	bl	set_cpu_stack
	mov	w0, w19
	bl	arch_primary_boot	/* builds the EL2 table, MMU on, no return */
	b	halt

	.global secondary_entry
secondary_entry:
	msr	daifset, #0xf
	mov	x19, x0
	bl	set_cpu_stack_nocall
	mov	x0, x19
	bl	arch_secondary_boot
	b	halt

/* sp = top of cpus[w19].stack; clobbers x0-x2 */
set_cpu_stack:
set_cpu_stack_nocall:
	adrp	x0, cpus
	add	x0, x0, :lo12:cpus
	ldr	x1, =CPU_SIZE
	madd	x0, x1, x19, x0
	ldr	x2, =CPU_STACK_END
	add	x0, x0, x2
	mov	sp, x0
	ret

	.ltorg

	.global halt
halt:
	wfe
	b	halt

	.section .bss
	.balign 16
boot_stack:
	.space	BOOT_STACK_SIZE
