// SPDX-License-Identifier: GPL-2.0
/* Copyright (c) 2026 hvisor-c contributors */
/*
 * The G-stage page-table format, Sv39x4: 4 KiB pages, three levels, the
 * root widened to 2048 entries (16 KiB, 16 KiB aligned) for 41-bit guest
 * physical addresses.  The generic walker (core/paging.c) indexes 512
 * entries per level, so zones map guest addresses below 512 GiB (the first
 * quarter of the root); the rest of the root stays invalid.
 */
#include <asm/gstage.h>

static u64 gs_table(u64 pa)
{
	return ((pa >> 12) << PTE_PPN_SHIFT) | PTE_V;
}

static u64 gs_leaf(u64 pa, u32 level, u64 flags)
{
	u64 d = ((pa >> 12) << PTE_PPN_SHIFT) | PTE_V | PTE_U | PTE_A;

	(void)level;
	if (flags & PG_READ)
		d |= PTE_R;
	if (flags & PG_WRITE)
		d |= PTE_W | PTE_D;
	if (flags & PG_EXEC)
		d |= PTE_X;
	return d;
}

static bool gs_is_valid(u64 d)
{
	return d & PTE_V;
}

static bool gs_is_table(u64 d, u32 level)
{
	return level < 3 && !(d & (PTE_R | PTE_W | PTE_X));
}

static u64 gs_pa(u64 d)
{
	return ((d & PTE_PPN_MASK) >> PTE_PPN_SHIFT) << 12;
}

const struct paging_fmt gstage_fmt = {
	.start_level = 1, /* 1 GiB per root entry */
	.max_block_level = 1,
	.table = gs_table,
	.leaf = gs_leaf,
	.is_valid = gs_is_valid,
	.is_table = gs_is_table,
	.desc_pa = gs_pa,
};
