// SPDX-License-Identifier: GPL-2.0
/* Copyright (c) 2026 hvisor-c contributors */
/* Generic radix page-table builder (see <hv/paging.h>). */
#include <hv/alloc.h>
#include <hv/paging.h>

#define ENTRIES 512

static u64 level_shift(u32 level)
{
	return 12 + 9 * (3 - (u64)level);
}

static u64 *table_at(u64 pa)
{
	return (u64 *)(uintptr_t)pa;
}

int paging_init(struct paging *pg, const struct paging_fmt *fmt)
{
	pg->fmt = fmt;
	pg->root = page_alloc();
	return pg->root ? 0 : -HVISOR_ENOMEM;
}

static int map_level(struct paging *pg, u64 table, u32 level, u64 va, u64 pa,
		     u64 size, u64 flags)
{
	const struct paging_fmt *f = pg->fmt;
	u64 shift = level_shift(level);
	u64 block = 1ULL << shift;

	while (size) {
		u64 *e = &table_at(table)[(va >> shift) % ENTRIES];
		u64 chunk = block - (va & (block - 1));
		int ret;

		if (chunk > size)
			chunk = size;
		if (level == 3 ||
		    (level >= f->max_block_level && chunk == block &&
		     IS_ALIGNED(va, block) && IS_ALIGNED(pa, block))) {
			if (f->is_valid(*e))
				return -HVISOR_EINVAL;
			*e = f->leaf(pa, level, flags);
		} else {
			u64 next;

			if (!f->is_valid(*e)) {
				next = page_alloc();
				if (!next)
					return -HVISOR_ENOMEM;
				*e = f->table(next);
			} else if (!f->is_table(*e, level)) {
				return -HVISOR_EINVAL;
			}
			next = f->desc_pa(*e);
			ret = map_level(pg, next, level + 1, va, pa, chunk,
					flags);
			if (ret)
				return ret;
		}
		va += chunk;
		pa += chunk;
		size -= chunk;
	}
	return 0;
}

int paging_map(struct paging *pg, u64 va, u64 pa, u64 size, u64 flags)
{
	u64 top = 1ULL << (level_shift(pg->fmt->start_level) + 9);

	if (!IS_ALIGNED(va | pa | size, PAGE_SIZE) || !size)
		return -HVISOR_EINVAL;
	if (va >= top || size > top - va)
		return -HVISOR_EINVAL;
	return map_level(pg, pg->root, pg->fmt->start_level, va, pa, size,
			 flags);
}

int paging_translate(const struct paging *pg, u64 va, u64 *pa)
{
	const struct paging_fmt *f = pg->fmt;
	u64 table = pg->root;
	u32 level;

	for (level = f->start_level; level <= 3; level++) {
		u64 shift = level_shift(level);
		u64 e = table_at(table)[(va >> shift) % ENTRIES];

		if (!f->is_valid(e))
			return -HVISOR_ENOENT;
		if (level < 3 && f->is_table(e, level)) {
			table = f->desc_pa(e);
			continue;
		}
		*pa = f->desc_pa(e) + (va & ((1ULL << shift) - 1));
		return 0;
	}
	return -HVISOR_ENOENT;
}

static void destroy_level(const struct paging_fmt *f, u64 table, u32 level)
{
	u32 i;

	if (level < 3) {
		for (i = 0; i < ENTRIES; i++) {
			u64 e = table_at(table)[i];

			if (f->is_valid(e) && f->is_table(e, level))
				destroy_level(f, f->desc_pa(e), level + 1);
		}
	}
	page_free(table);
}

void paging_destroy(struct paging *pg)
{
	if (pg->root)
		destroy_level(pg->fmt, pg->root, pg->fmt->start_level);
	pg->root = 0;
}
