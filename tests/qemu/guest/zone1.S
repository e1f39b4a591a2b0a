/* SPDX-License-Identifier: GPL-2.0 */
/* Copyright (c) 2026 hvisor-c contributors */
/*
 * The non-root zone payload (position independent): prints a line on the
 * PL011 its zone config maps, then misbehaves so that the hypervisor must
 * stop this zone and only this zone.  First run: it reads the PL031 RTC,
 * which the zone does not own.  Later runs (its RAM keeps a run counter):
 * it writes ICC_SGI0R_EL1, which the hypervisor does not emulate (GICv3:
 * trapped to EL2; GICv2: undefined, the exception vector at 0x200 is not
 * in the zone's memory) -> register dump and stop.
 */
	.section .text, "ax"
	.global _start
_start:
	mov	x1, #0x9000000		/* PL011 */
	adr	x2, msg
1:	ldrb	w3, [x2], #1
	cbz	w3, 3f
2:	ldr	w4, [x1, #0x18]		/* FR */
	tbnz	w4, #5, 2b		/* TXFF */
	str	w3, [x1]
	b	1b
3:	adr	x5, runs
	ldr	w6, [x5]
	add	w7, w6, #1
	str	w7, [x5]
	cbnz	w6, 5f
	mov	x1, #0x9010000		/* PL031: not in this zone */
	ldr	w0, [x1]
	b	4f
5:	mov	x0, #0x5a5a
	msr	S3_0_C12_C11_7, x0	/* ICC_SGI0R_EL1 */
4:	wfi
	b	4b
	.balign	4
runs:
	.word	0
msg:
	.asciz	"hctest: zone 1 running on CPU 3\r\n"
