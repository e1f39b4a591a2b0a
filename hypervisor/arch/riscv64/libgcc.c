// SPDX-License-Identifier: GPL-2.0
/* Copyright (c) 2026 hvisor-c contributors */
/*
 * The libgcc helpers GCC calls for __builtin_ctzll/__builtin_popcountll on
 * a hart without Zbb.  Debian's riscv64 libgcc is built for the lp64d ABI
 * and cannot be linked into this soft-float (lp64) image.
 */
int __ctzdi2(unsigned long x);
int __popcountdi2(unsigned long x);

int __ctzdi2(unsigned long x)
{
	int n = 0;

	if (!x)
		return 64;
	while (!(x & 1)) {
		x >>= 1;
		n++;
	}
	return n;
}

int __popcountdi2(unsigned long x)
{
	int n = 0;

	while (x) {
		x &= x - 1;
		n++;
	}
	return n;
}
