// SPDX-License-Identifier: GPL-2.0
/* Copyright (c) 2026 hvisor-c contributors */
/* IRQ ownership masks for emulated interrupt-controller registers. */
#include <hv/bitmap.h>

u64 bitmap32_field_mask(const u32 *map, u32 first, u32 bits, u32 width,
			u32 limit)
{
	u64 mask = 0, field = bits >= 64 ? ~0ULL : (1ULL << bits) - 1;
	u32 i;

	for (i = 0; i * bits < width; i++) {
		u32 irq = first + i;

		if (irq < limit && bitmap32_test(map, irq))
			mask |= field << (i * bits);
	}
	return mask;
}
