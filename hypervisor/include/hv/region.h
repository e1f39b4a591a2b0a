/* SPDX-License-Identifier: GPL-2.0 */
/* Copyright (c) 2026 hvisor-c contributors */
/* Address-range checks shared by zone creation and fault reporting. */
#ifndef HV_REGION_H
#define HV_REGION_H

#include <hv/types.h>

/** region_contains() - true if [a, a+n) lies inside [base, base+size) */
static inline bool region_contains(u64 base, u64 size, u64 a, u64 n)
{
	return a >= base && n <= size && a - base <= size - n;
}

/** region_overlaps() - true if the two ranges share at least one byte */
static inline bool region_overlaps(u64 b1, u64 s1, u64 b2, u64 s2)
{
	return s1 && s2 && b1 < b2 + s2 && b2 < b1 + s1;
}

#endif /* HV_REGION_H */
