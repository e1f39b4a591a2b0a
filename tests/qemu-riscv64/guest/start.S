/* SPDX-License-Identifier: GPL-2.0 */
/* Copyright (c) 2026 hvisor-c contributors */
/* Entry of the riscv64 bare-metal root-zone test guest (VS-mode, bare). */
	.section .text.entry, "ax"
	.global _start
_start:
	la	sp, stack_top
	call	hctest_main
1:	wfi
	j	1b

	.section .bss
	.balign	16
	.space	16384
stack_top:
