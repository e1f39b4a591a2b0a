/* SPDX-License-Identifier: GPL-2.0 */
/* Copyright (c) 2026 hvisor-c contributors */
/* Bitmaps of u32 words (the zone config's IRQ bitmap format) and u64. */
#ifndef HV_BITMAP_H
#define HV_BITMAP_H

#include <hv/types.h>

static inline bool bitmap32_test(const u32 *map, u32 n)
{
	return (map[n / 32] >> (n % 32)) & 1U;
}

static inline void bitmap32_set(u32 *map, u32 n)
{
	map[n / 32] |= 1U << (n % 32);
}

static inline void bitmap32_clear(u32 *map, u32 n)
{
	map[n / 32] &= ~(1U << (n % 32));
}

/**
 * bitmap32_field_mask() - mask of owned fields in a GIC register
 * @map: ownership bitmap (bit n = INTID n owned)
 * @first: INTID of the register's lowest field
 * @bits: field width per INTID (1, 2 or 8)
 * @width: register access width in bits (8..64)
 * @limit: number of INTIDs @map describes
 *
 * Return: a mask with all bits of every field whose INTID is set in @map.
 */
u64 bitmap32_field_mask(const u32 *map, u32 first, u32 bits, u32 width,
			u32 limit);

static inline bool bitmap64_test(const u64 *map, u32 n)
{
	return (map[n / 64] >> (n % 64)) & 1ULL;
}

static inline void bitmap64_set(u64 *map, u32 n)
{
	__atomic_fetch_or(&map[n / 64], 1ULL << (n % 64), __ATOMIC_RELAXED);
}

static inline void bitmap64_clear(u64 *map, u32 n)
{
	__atomic_fetch_and(&map[n / 64], ~(1ULL << (n % 64)), __ATOMIC_RELAXED);
}

#endif /* HV_BITMAP_H */
