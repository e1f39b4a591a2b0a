// SPDX-License-Identifier: GPL-2.0
/* Copyright (c) 2026 hvisor-c contributors */
/*
 * Per-zone G-stage tables.  The hypervisor itself runs with satp = 0
 * (HS-mode, bare): it reaches RAM and devices by physical address.
 */
#include <hv/string.h>
#include <hv/zone.h>
#include <asm/csr.h>
#include <asm/gstage.h>

/* one 16 KiB-aligned root per zone slot: the page pool hands out 4 KiB */
static u64 gstage_roots[HV_MAX_ZONES][GSTAGE_ROOT_SIZE / 8]
	__attribute__((aligned(GSTAGE_ROOT_SIZE)));

int arch_zone_init(struct zone *z)
{
	u64 *root = gstage_roots[z - zones];

	memset(root, 0, GSTAGE_ROOT_SIZE);
	z->arch.gstage_root = (u64)(uintptr_t)root;
	return 0;
}

int arch_zone_map(struct zone *z, const struct zone_region *r)
{
	struct paging pg = { &gstage_fmt, z->arch.gstage_root };
	u64 flags = zone_region_pg_flags(r);

	if (!flags)
		return 0;
	return paging_map(&pg, r->ipa, r->pa, r->size, flags);
}

void arch_zone_destroy(struct zone *z)
{
	struct paging pg = { &gstage_fmt, z->arch.gstage_root };

	/* the root lies outside the page pool: paging_destroy skips it */
	paging_destroy(&pg);
	z->arch.gstage_root = 0;
	hfence_gvma_all();
}
