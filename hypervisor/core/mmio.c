// SPDX-License-Identifier: GPL-2.0
/* Copyright (c) 2026 hvisor-c contributors */
/* Emulated MMIO regions of a zone. */
#include <hv/mmio.h>
#include <hv/region.h>
#include <hv/zone.h>

int mmio_register(struct zone *z, u64 base, u64 size, mmio_handler_t h,
		  void *arg)
{
	if (z->num_mmio >= ZONE_MAX_MMIO)
		return -HVISOR_ENOMEM;
	z->mmio[z->num_mmio++] = (struct mmio_region){ base, size, h, arg };
	return 0;
}

int mmio_dispatch(struct zone *z, struct mmio_access *acc)
{
	u32 i;

	for (i = 0; i < z->num_mmio; i++) {
		struct mmio_region *r = &z->mmio[i];

		if (region_contains(r->base, r->size, acc->addr, acc->size)) {
			acc->offset = acc->addr - r->base;
			return r->handler(z, acc, r->arg);
		}
	}
	return -HVISOR_ENOENT;
}

u64 mmio_read(u64 addr, u32 size)
{
	volatile void *p = (volatile void *)(uintptr_t)addr;

	switch (size) {
	case 1:
		return *(volatile u8 *)p;
	case 2:
		return *(volatile u16 *)p;
	case 4:
		return *(volatile u32 *)p;
	default:
		return *(volatile u64 *)p;
	}
}

void mmio_write(u64 addr, u32 size, u64 value)
{
	volatile void *p = (volatile void *)(uintptr_t)addr;

	switch (size) {
	case 1:
		*(volatile u8 *)p = (u8)value;
		break;
	case 2:
		*(volatile u16 *)p = (u16)value;
		break;
	case 4:
		*(volatile u32 *)p = (u32)value;
		break;
	default:
		*(volatile u64 *)p = value;
	}
}
