/* SPDX-License-Identifier: GPL-2.0 */
/* Copyright (c) 2026 hvisor-c contributors */
/*
 * The non-root zone payload (position independent): prints a line on the
 * PL011 its zone config maps, then reads the PL031 RTC, which the zone does
 * not own, so the hypervisor must stop this zone and only this zone.
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
3:	mov	x1, #0x9010000		/* PL031: not in this zone */
	ldr	w0, [x1]
4:	wfi
	b	4b
msg:
	.asciz	"hctest: zone 1 running on CPU 3\r\n"
