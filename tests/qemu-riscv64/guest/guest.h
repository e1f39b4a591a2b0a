/* SPDX-License-Identifier: GPL-2.0 */
/* Copyright (c) 2026 hvisor-c contributors */
/*
 * What the riscv64 bare-metal test guests (hctest.c, zone1linux.c) share:
 * the polled ns16550 console and upstream hvisor's hypercall convention
 * (ecall, a7 = 0x114514, a0 = code, a1/a2 = arguments, result in a1).
 */
#ifndef GUEST_H
#define GUEST_H

#include <stdint.h>

#define UART 0x10000000UL /* ns16550 */
#define EID_HVISOR 0x114514UL

static inline void putc_(char c)
{
	volatile uint8_t *u = (volatile uint8_t *)UART;

	while (!(u[5] & 0x20)) /* LSR.THRE */
		;
	u[0] = (uint8_t)c;
}

static inline void puts_(const char *s)
{
	for (; *s; s++) {
		if (*s == '\n')
			putc_('\r');
		putc_(*s);
	}
}

static inline void putn(int64_t v)
{
	char b[24];
	int n = 0;
	uint64_t u = v < 0 ? (uint64_t)-v : (uint64_t)v;

	if (v < 0)
		putc_('-');
	do {
		b[n++] = (char)('0' + u % 10);
		u /= 10;
	} while (u);
	while (n)
		putc_(b[--n]);
}

static inline int64_t hvc(uint64_t code, uint64_t a0, uint64_t a1)
{
	register uint64_t r0 __asm__("a0") = code;
	register uint64_t r1 __asm__("a1") = a0;
	register uint64_t r2 __asm__("a2") = a1;
	register uint64_t r7 __asm__("a7") = EID_HVISOR;

	__asm__ volatile("ecall"
			 : "+r"(r0), "+r"(r1)
			 : "r"(r2), "r"(r7)
			 : "memory");
	/* a0: 0 or SBI_ERR_FAILED; a1: the value or the negative errno */
	if ((int64_t)r0 != 0 && (int64_t)r1 >= 0)
		return -1000; /* an SBI error without an errno: unexpected */
	return (int64_t)r1;
}

#endif /* GUEST_H */
