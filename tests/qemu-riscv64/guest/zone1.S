/* SPDX-License-Identifier: GPL-2.0 */
/* Copyright (c) 2026 hvisor-c contributors */
/*
 * The riscv64 non-root zone payload (position independent): prints a line
 * on the ns16550 its zone config maps, then misbehaves so that the
 * hypervisor must stop this zone and only this zone.  First run: it reads
 * the goldfish RTC, which the zone does not own.  Later runs (its RAM
 * keeps a run counter): it reads hgatp, a hypervisor CSR, from VS-mode ->
 * virtual-instruction trap -> register dump (a0 = 0x5a5a) and stop.
 */
	.section .text, "ax"
	.global _start
_start:
	li	t1, 0x10000000		/* ns16550 */
	lla	t2, msg
1:	lbu	t3, 0(t2)
	beqz	t3, 3f
2:	lbu	t4, 5(t1)		/* LSR */
	andi	t4, t4, 0x20		/* THRE */
	beqz	t4, 2b
	sb	t3, 0(t1)
	addi	t2, t2, 1
	j	1b
3:	lla	t5, runs
	lw	t6, 0(t5)
	addiw	a1, t6, 1
	sw	a1, 0(t5)
	bnez	t6, 5f
	li	t1, 0x101000		/* goldfish RTC: not in this zone */
	lw	a0, 0(t1)
	j	4f
5:	li	a0, 0x5a5a
	csrr	a1, 0x680		/* hgatp */
4:	wfi
	j	4b
	.balign	4
runs:
	.word	0
msg:
	.asciz	"hctest: zone 1 running on hart 3\r\n"
