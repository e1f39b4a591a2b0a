/* SPDX-License-Identifier: GPL-2.0 */
/* Copyright (c) 2026 hvisor-c contributors */
/* Entry of the bare-metal root-zone test guest (EL1, MMU off). */
	.section .text.entry, "ax"
	.global _start
_start:
	adrp	x1, stack_top
	add	x1, x1, :lo12:stack_top
	mov	sp, x1
	bl	hctest_main
1:	wfi
	b	1b

	.section .bss
	.balign	16
	.space	16384
stack_top:
