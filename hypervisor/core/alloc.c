// SPDX-License-Identifier: GPL-2.0
/* Copyright (c) 2026 hvisor-c contributors */
/* Page allocator: one bit per page, first fit, pages zeroed on alloc. */
#include <hv/alloc.h>
#include <hv/spinlock.h>
#include <hv/string.h>

static u64 pool_base;
static u64 pool_pages;
static u64 used[ALLOC_MAX_PAGES / 64];
static u64 next_hint;
static u64 free_count;
static spinlock_t pool_lock;
/*
 * The boot CPU builds the EL2 table with the MMU off, where exclusive
 * loads/stores (the spinlock) are not guaranteed to work on Device memory;
 * the lock is used once the pool serves more than one CPU.
 */
static bool pool_smp;

void page_pool_set_smp(bool on)
{
	pool_smp = on;
}

static void pool_acquire(void)
{
	if (pool_smp)
		spin_lock(&pool_lock);
}

static void pool_release(void)
{
	if (pool_smp)
		spin_unlock(&pool_lock);
}

void page_pool_init(u64 base, u64 npages)
{
	pool_base = base;
	pool_pages = npages > ALLOC_MAX_PAGES ? ALLOC_MAX_PAGES : npages;
	memset(used, 0, sizeof(used));
	next_hint = 0;
	free_count = pool_pages;
}

u64 page_alloc(void)
{
	u64 i, n, page = 0;

	pool_acquire();
	for (n = 0; n < pool_pages; n++) {
		i = (next_hint + n) % pool_pages;
		if (!((used[i / 64] >> (i % 64)) & 1)) {
			used[i / 64] |= 1ULL << (i % 64);
			next_hint = i + 1;
			free_count--;
			page = pool_base + i * PAGE_SIZE;
			break;
		}
	}
	pool_release();
	if (page)
		memset((void *)(uintptr_t)page, 0, PAGE_SIZE);
	return page;
}

void page_free(u64 page)
{
	u64 i;

	if (page < pool_base || !IS_ALIGNED(page, PAGE_SIZE))
		return;
	i = (page - pool_base) / PAGE_SIZE;
	if (i >= pool_pages)
		return;
	pool_acquire();
	if ((used[i / 64] >> (i % 64)) & 1) {
		used[i / 64] &= ~(1ULL << (i % 64));
		free_count++;
	}
	pool_release();
}

u64 page_pool_free_count(void)
{
	return free_count;
}
