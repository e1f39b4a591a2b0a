/* SPDX-License-Identifier: GPL-2.0 */
/* Copyright (c) 2026 hvisor-c contributors */
/* Page allocator over the hypervisor's RAM after its image. */
#ifndef HV_ALLOC_H
#define HV_ALLOC_H

#include <hv/types.h>

#define ALLOC_MAX_PAGES 16384 /* 64 MiB of 4 KiB pages */

/**
 * page_pool_init() - hand a page-aligned range to the allocator
 * @base: first byte (identity mapped), page aligned
 * @npages: number of pages, at most ALLOC_MAX_PAGES are used
 */
void page_pool_init(u64 base, u64 npages);

/** page_pool_set_smp() - serialise allocations between CPUs (MMU on) */
void page_pool_set_smp(bool on);

/** page_alloc() - one zeroed page; Return: its address or 0 if none left */
u64 page_alloc(void);

/** page_free() - give a page back; addresses outside the pool are ignored */
void page_free(u64 page);

/** page_pool_free_count() - Return: number of free pages */
u64 page_pool_free_count(void);

#endif /* HV_ALLOC_H */
