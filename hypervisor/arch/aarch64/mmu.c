// SPDX-License-Identifier: GPL-2.0
/* Copyright (c) 2026 hvisor-c contributors */
/*
 * Translation tables: the EL2 stage-1 table (identity map of the board
 * layout) and the per-zone stage-2 tables, both 4 KiB granule, 39-bit
 * input addresses, walk starting at level 1.
 */
#include <hv/alloc.h>
#include <hv/board.h>
#include <hv/cpu.h>
#include <hv/paging.h>
#include <hv/printk.h>
#include <hv/zone.h>
#include <asm/mmu.h>
#include <asm/sysreg.h>

#define DESC_VALID BIT(0)
#define DESC_TABLE BIT(1) /* table at levels 0-2, page at level 3 */
#define DESC_AF BIT(10)
#define DESC_SH_SHIFT 8 /* SH, bits 9:8: shareability */
#define DESC_SH_INNER (3ULL << DESC_SH_SHIFT)
#define DESC_SH_OUTER (2ULL << DESC_SH_SHIFT)
#define DESC_XN BIT(54)
#define DESC_PA_MASK 0x0000fffffffff000ULL /* output address, bits 47:12 */

/* walks start at level 1 with 39-bit input addresses (4 KiB granule) */
#define MMU_IA_BITS 39

/* EL2 stage 1: AttrIndx, bits 4:2, picks a MAIR_EL2 attribute */
#define DESC_ATTRINDX_SHIFT 2
#define MAIR_IDX_DEVICE 0
#define MAIR_IDX_NORMAL 1
#define MAIR_IDX_NORMAL_NC 2
#define S1_ATTR_DEVICE ((u64)MAIR_IDX_DEVICE << DESC_ATTRINDX_SHIFT)
#define S1_ATTR_NORMAL ((u64)MAIR_IDX_NORMAL << DESC_ATTRINDX_SHIFT)
#define MAIR_EL2_VALUE                                                         \
	(MAIR_ATTR(MAIR_IDX_DEVICE, MAIR_DEVICE_nGnRnE) |                      \
	 MAIR_ATTR(MAIR_IDX_NORMAL, MAIR_NORMAL_WB) |                          \
	 MAIR_ATTR(MAIR_IDX_NORMAL_NC, MAIR_NORMAL_NC))

/* stage 2: MemAttr, bits 5:2 (outer 5:4, inner 3:2), and S2AP */
#define S2_MEMATTR_SHIFT 2
#define S2_ATTR_DEVICE (0x1ULL << S2_MEMATTR_SHIFT) /* Device-nGnRE */
/* Normal, outer and inner write-back */
#define S2_ATTR_NORMAL (0xfULL << S2_MEMATTR_SHIFT)
#define S2_AP_R BIT(6)
#define S2_AP_W BIT(7)

static u64 pt_table(u64 pa)
{
	return (pa & DESC_PA_MASK) | DESC_VALID | DESC_TABLE;
}

static bool pt_is_valid(u64 d)
{
	return d & DESC_VALID;
}

static bool pt_is_table(u64 d, u32 level)
{
	return level < 3 && (d & DESC_TABLE);
}

static u64 pt_pa(u64 d)
{
	return d & DESC_PA_MASK;
}

static u64 leaf_type(u32 level)
{
	return level == 3 ? DESC_VALID | DESC_TABLE : DESC_VALID;
}

static u64 s1_leaf(u64 pa, u32 level, u64 flags)
{
	u64 d = (pa & DESC_PA_MASK) | leaf_type(level) | DESC_AF;

	if (flags & PG_DEVICE)
		d |= S1_ATTR_DEVICE | DESC_SH_OUTER | DESC_XN;
	else
		d |= S1_ATTR_NORMAL | DESC_SH_INNER;
	return d;
}

static u64 s2_leaf(u64 pa, u32 level, u64 flags)
{
	u64 d = (pa & DESC_PA_MASK) | leaf_type(level) | DESC_AF;

	if (flags & PG_READ)
		d |= S2_AP_R;
	if (flags & PG_WRITE)
		d |= S2_AP_W;
	if (flags & PG_DEVICE)
		d |= S2_ATTR_DEVICE | DESC_XN;
	else
		d |= S2_ATTR_NORMAL | DESC_SH_INNER;
	return d;
}

static const struct paging_fmt el2_fmt = {
	.start_level = 1,
	.max_block_level = 1,
	.table = pt_table,
	.leaf = s1_leaf,
	.is_valid = pt_is_valid,
	.is_table = pt_is_table,
	.desc_pa = pt_pa,
};

static const struct paging_fmt s2_fmt = {
	.start_level = 1,
	.max_block_level = 1,
	.table = pt_table,
	.leaf = s2_leaf,
	.is_valid = pt_is_valid,
	.is_table = pt_is_table,
	.desc_pa = pt_pa,
};

static struct paging el2_pt;
static u64 pa_range_bits;

static u32 parange_field(void)
{
	u32 f = (u32)(read_sysreg(ID_AA64MMFR0_EL1) &
		      ID_AA64MMFR0_PARANGE_MASK);

	return f > ID_AA64MMFR0_PARANGE_48 ? ID_AA64MMFR0_PARANGE_48 : f;
}

/*
 * Primary CPU, MMU still off: the page pool is a static area of the image
 * here, because the pool after the image is set up later by hv_main.
 */
static u8 boot_pt_pool[64 * 4096] __attribute__((aligned(4096)));

int arch_mmu_build(void)
{
	static const u32 bits[] = { 32, 36, 40, 42, 44, 48 };
	u32 i;
	int ret;

	page_pool_init((u64)(uintptr_t)boot_pt_pool,
		       sizeof(boot_pt_pool) / PAGE_SIZE);
	pa_range_bits = bits[parange_field()];
	ret = paging_init(&el2_pt, &el2_fmt);
	for (i = 0; !ret && i < board.num_layout; i++) {
		const struct board_layout *l = &board.layout[i];
		u64 base = ALIGN_DOWN(l->base, PAGE_SIZE);
		u64 size = ALIGN_UP(l->base + l->size, PAGE_SIZE) - base;

		ret = paging_map(&el2_pt, base, base, size,
				 PG_READ | PG_WRITE |
					 (l->type == BOARD_MEM_DEVICE
						  ? PG_DEVICE
						  : PG_EXEC));
	}
	return ret;
}

void arch_mmu_enable(void)
{
	u64 tcr = TCR_T0SZ(MMU_IA_BITS) | TCR_IRGN0_WBWA | TCR_ORGN0_WBWA |
		  TCR_SH0_INNER | TCR_TG0_4K |
		  ((u64)parange_field() << TCR_PS_SHIFT) | TCR_EL2_RES1;

	write_sysreg(mair_el2, MAIR_EL2_VALUE);
	write_sysreg(tcr_el2, tcr);
	write_sysreg(ttbr0_el2, el2_pt.root);
	dsb(sy);
	__asm__ volatile("tlbi alle2" ::: "memory");
	dsb(sy);
	isb();
	write_sysreg(sctlr_el2, SCTLR_EL2_RES1 | SCTLR_EL2_M | SCTLR_EL2_C |
					SCTLR_EL2_SA | SCTLR_EL2_I);
	isb();
}

int arch_zone_init(struct zone *z)
{
	struct paging pg;
	int ret = paging_init(&pg, &s2_fmt);

	if (ret)
		return ret;
	z->arch.s2_root = pg.root;
	return 0;
}

int arch_zone_map(struct zone *z, const struct zone_region *r)
{
	struct paging pg = { &s2_fmt, z->arch.s2_root };
	u64 flags = zone_region_pg_flags(r);

	if (!flags)
		return 0;
	if (r->pa + r->size > (1ULL << pa_range_bits))
		return -HVISOR_EINVAL;
	return paging_map(&pg, r->ipa, r->pa, r->size, flags);
}

void arch_zone_destroy(struct zone *z)
{
	struct paging pg = { &s2_fmt, z->arch.s2_root };

	u64 vttbr = read_sysreg(vttbr_el2);

	paging_destroy(&pg);
	z->arch.s2_root = 0;
	/* TLB maintenance by VMID: borrow the dead zone's VMID for a moment */
	write_sysreg(vttbr_el2, (u64)z->arch.vmid << VTTBR_VMID_SHIFT);
	isb();
	__asm__ volatile("dsb ishst; tlbi vmalls12e1is; dsb ish; isb" ::
				 : "memory");
	write_sysreg(vttbr_el2, vttbr);
	isb();
}

u64 arch_vtcr(void)
{
	return TCR_T0SZ(MMU_IA_BITS) | VTCR_EL2_SL0_L1 | TCR_IRGN0_WBWA |
	       TCR_ORGN0_WBWA | TCR_SH0_INNER | TCR_TG0_4K |
	       ((u64)parange_field() << TCR_PS_SHIFT) | VTCR_EL2_RES1;
}
