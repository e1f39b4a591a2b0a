// SPDX-License-Identifier: GPL-2.0
/* Copyright (c) 2026 hvisor-c contributors */
/* Tests of core/paging.c, alloc.c, bitmap.c, zone.c, board.c, printk.c. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <hv/alloc.h>
#include <hv/bitmap.h>
#include <hv/board.h>
#include <hv/paging.h>
#include <hv/printk.h>
#include <hv/region.h>
#include <hv/zone.h>
#include "harness.h"

/* A descriptor format shaped like ARMv8 (bit 0 valid, bit 1 table/page). */
static u64 f_table(u64 pa)
{
	return pa | 3;
}

static u64 f_leaf(u64 pa, u32 level, u64 flags)
{
	return pa | (level == 3 ? 3 : 1) | (flags << 50);
}

static bool f_valid(u64 d)
{
	return d & 1;
}

static bool f_is_table(u64 d, u32 level)
{
	return level < 3 && (d & 2);
}

static u64 f_pa(u64 d)
{
	return d & 0x0000fffffffff000ULL;
}

static const struct paging_fmt fmt = {
	.start_level = 1,
	.max_block_level = 1,
	.table = f_table,
	.leaf = f_leaf,
	.is_valid = f_valid,
	.is_table = f_is_table,
	.desc_pa = f_pa,
};

static u64 root_entry(const struct paging *pg, u64 va)
{
	return ((u64 *)(uintptr_t)pg->root)[(va >> 30) & 511];
}

void test_paging(void)
{
	struct paging pg;
	u64 pa = 0, free0;

	test_pool_reset(64);
	free0 = page_pool_free_count();
	CHECK(paging_init(&pg, &fmt) == 0);
	/* 1 GiB aligned: a single level-1 block, no new table */
	CHECK(paging_map(&pg, 0x40000000, 0x40000000, 0x40000000, PG_READ) ==
	      0);
	CHECK(page_pool_free_count() == free0 - 1);
	CHECK((root_entry(&pg, 0x40000000) & 3) == 1);
	CHECK(paging_translate(&pg, 0x40001234, &pa) == 0 && pa == 0x40001234);
	/* 2 MiB blocks + 4 KiB pages with an offset between va and pa */
	CHECK(paging_map(&pg, 0x9000000, 0x19000000, 0x201000, PG_DEVICE) == 0);
	CHECK(paging_translate(&pg, 0x9000010, &pa) == 0 && pa == 0x19000010);
	CHECK(paging_translate(&pg, 0x9200ff0, &pa) == 0 && pa == 0x19200ff0);
	CHECK(paging_translate(&pg, 0x9201000, &pa) == -HVISOR_ENOENT);
	CHECK(paging_translate(&pg, 0x80000000, &pa) == -HVISOR_ENOENT);
	/* unaligned start: pages up to the next 2 MiB boundary */
	CHECK(paging_map(&pg, 0x1ff000, 0x1ff000, 0x2000, PG_READ) == 0);
	CHECK(paging_translate(&pg, 0x200800, &pa) == 0 && pa == 0x200800);
	paging_destroy(&pg);
	CHECK(page_pool_free_count() == free0);
}

void test_paging_errors(void)
{
	struct paging pg;

	test_pool_reset(3);
	CHECK(paging_init(&pg, &fmt) == 0);
	CHECK(paging_map(&pg, 0x1000, 0x1001, 0x1000, 0) == -HVISOR_EINVAL);
	CHECK(paging_map(&pg, 0x1000, 0x1000, 0x800, 0) == -HVISOR_EINVAL);
	CHECK(paging_map(&pg, 0x1000, 0x1000, 0, 0) == -HVISOR_EINVAL);
	/* 39-bit input space */
	CHECK(paging_map(&pg, 1ULL << 39, 0, 0x1000, 0) == -HVISOR_EINVAL);
	CHECK(paging_map(&pg, (1ULL << 39) - 0x1000, 0, 0x2000, 0) ==
	      -HVISOR_EINVAL);
	CHECK(paging_map(&pg, 0x1000, 0x1000, 0x1000, 0) == 0);
	CHECK(paging_map(&pg, 0x1000, 0x5000, 0x1000, 0) == -HVISOR_EINVAL);
	/* pool of 3: root + L2 + L3 used; another L2 cannot be made */
	CHECK(paging_map(&pg, 0x80000000, 0, 0x1000, 0) == -HVISOR_ENOMEM);
	paging_destroy(&pg);
	CHECK(page_pool_free_count() == 3);
}

void test_alloc(void)
{
	u64 p[8], q;
	int i;

	test_pool_reset(8);
	for (i = 0; i < 8; i++) {
		p[i] = page_alloc();
		CHECK(p[i] && (p[i] & 0xfff) == 0);
		CHECK(((u8 *)(uintptr_t)p[i])[100] == 0);
		CHECK(((u8 *)(uintptr_t)p[i])[4095] == 0);
	}
	CHECK(p[1] != p[0]);
	CHECK(page_alloc() == 0);
	CHECK(page_pool_free_count() == 0);
	page_free(p[3]);
	page_free(p[3]); /* double free is ignored */
	page_free(p[0] + 8 * 4096); /* outside the pool: ignored */
	CHECK(page_pool_free_count() == 1);
	q = page_alloc();
	CHECK(q == p[3]);
}

void test_bitmap(void)
{
	u32 map[32] = { 0 };
	u64 m64[2] = { 0 };

	bitmap32_set(map, 33);
	bitmap32_set(map, 64);
	bitmap32_set(map, 1023);
	CHECK(bitmap32_test(map, 33) && bitmap32_test(map, 64));
	CHECK(!bitmap32_test(map, 32) && !bitmap32_test(map, 65));
	CHECK(map[1] == 0x2 && map[2] == 0x1 && map[31] == 0x80000000U);
	bitmap32_clear(map, 64);
	CHECK(!bitmap32_test(map, 64));
	/* ISENABLER-style: 1 bit per IRQ, 32-bit register at INTID 32 */
	CHECK(bitmap32_field_mask(map, 32, 1, 32, 1020) == 0x2);
	/* IPRIORITYR: 8 bits per IRQ, INTIDs 32..35 */
	CHECK(bitmap32_field_mask(map, 32, 8, 32, 1020) == 0xff00);
	/* ICFGR: 2 bits per IRQ, INTIDs 32..47 */
	CHECK(bitmap32_field_mask(map, 32, 2, 32, 1020) == 0xc);
	/* IROUTER-like 64-bit field */
	CHECK(bitmap32_field_mask(map, 33, 64, 64, 1020) == ~0ULL);
	/* INTIDs at or beyond the limit are never owned */
	CHECK(bitmap32_field_mask(map, 1023, 1, 32, 1020) == 0);
	bitmap64_set(m64, 70);
	CHECK(bitmap64_test(m64, 70) && m64[1] == 0x40);
	bitmap64_clear(m64, 70);
	CHECK(m64[1] == 0);
}

void test_region(void)
{
	CHECK(region_contains(0x1000, 0x1000, 0x1000, 0x1000));
	CHECK(region_contains(0x1000, 0x1000, 0x1ffc, 4));
	CHECK(!region_contains(0x1000, 0x1000, 0x1ffd, 4));
	CHECK(!region_contains(0x1000, 0x1000, 0xfff, 1));
	CHECK(!region_contains(0x1000, 0x1000, 0x1000, 0x1001));
	/* no wrap-around at the top of the address space */
	CHECK(!region_contains(0xfffffffffffff000ULL, 0x1000,
			       0xfffffffffffffff0ULL, 0x20));
	CHECK(region_overlaps(0x1000, 0x1000, 0x1fff, 1));
	CHECK(!region_overlaps(0x1000, 0x1000, 0x2000, 1));
	CHECK(!region_overlaps(0x1000, 0x1000, 0x0, 0x1000));
	CHECK(!region_overlaps(0x1000, 0, 0x1000, 0x1000));
}

void test_zone_regions(void)
{
	struct zone z;
	struct zone_region ram = { HVISOR_MEM_TYPE_RAM, 0x50000000, 0x50000000,
				   0x10000000 };
	struct zone_region r;
	u64 pa = 0;

	memset(&z, 0, sizeof(z));
	CHECK(zone_check_region(&z, &ram) == 0);
	z.regions[z.num_regions++] = ram;
	r = ram;
	r.pa = r.ipa = 0x5fff0000; /* overlaps the first region */
	CHECK(zone_check_region(&z, &r) == -HVISOR_EINVAL);
	r = (struct zone_region){ HVISOR_MEM_TYPE_RAM, 0x43000000, 0x43000000,
				  0x2000000 }; /* hypervisor RAM */
	CHECK(zone_check_region(&z, &r) == -HVISOR_EINVAL);
	r = (struct zone_region){ HVISOR_MEM_TYPE_IO, 0x9000000, 0x9000000,
				  0x800 }; /* not page sized */
	CHECK(zone_check_region(&z, &r) == -HVISOR_EINVAL);
	r = (struct zone_region){ 7, 0x9000000, 0x9000000, 0x1000 };
	CHECK(zone_check_region(&z, &r) == -HVISOR_EINVAL);
	r = (struct zone_region){ HVISOR_MEM_TYPE_IO, 0x9000000, 0x9000000,
				  0x1000 };
	CHECK(zone_check_region(&z, &r) == 0);
	CHECK(zone_ipa_to_pa(&z, 0x50001000, 8, &pa) == 0 && pa == 0x50001000);
	CHECK(zone_ipa_to_pa(&z, 0x5ffffffc, 8, &pa) == -HVISOR_EFAULT);
	CHECK(zone_ipa_to_pa(&z, 0x9000000, 4, &pa) == -HVISOR_EFAULT);
	bitmap32_set(z.irq_bitmap, 33);
	CHECK(zone_owns_irq(&z, 33) && !zone_owns_irq(&z, 34));
	CHECK(!zone_owns_irq(&z, 5000));
}

void test_board_lookup(void)
{
	CHECK(strcmp(board_node_at(0x9010004), "/pl031@9010000") == 0);
	CHECK(strcmp(board_node_at(0x9000000), "/pl011@9000000") == 0);
	CHECK(strcmp(board_node_at(0x9100000), "/soc") == 0);
	CHECK(strcmp(board_node_at(0x40000000), "/memory@40000000") == 0);
	CHECK(board_node_at(0x7000000) == NULL);
	CHECK(board_cpu_by_mpidr(0x80000100ULL) == 1); /* MPIDR.U/MT ignored */
	CHECK(board_cpu_by_mpidr(0x0) == 0);
	CHECK(board_cpu_by_mpidr(0x2) == -1);
}

static int sfmt(char *buf, size_t n, const char *f, ...)
{
	va_list ap;
	int r;

	va_start(ap, f);
	r = vsnprintf(buf, n, f, ap);
	va_end(ap);
	return r;
}

void test_printk(void)
{
	char b[64];

	sfmt(b, sizeof(b), "%s %d %u %x", "zone", -5, 7U, 0xbeefU);
	CHECK(strcmp(b, "zone -5 7 beef") == 0);
	sfmt(b, sizeof(b), "0x%llx %016llx", 0x9010000ULL, 0x1234ULL);
	CHECK(strcmp(b, "0x9010000 0000000000001234") == 0);
	sfmt(b, sizeof(b), "%5d|%05d|%c|%%", 42, -42, 'x');
	CHECK(strcmp(b, "   42|-0042|x|%") == 0);
	CHECK(sfmt(b, 4, "abcdef") == 6 && strcmp(b, "abc") == 0);
	sfmt(b, sizeof(b), "%s", (const char *)NULL);
	CHECK(strcmp(b, "(null)") == 0);
	/* precision: the zone-refused line prints a config name with %.31s */
	sfmt(b, sizeof(b), "(%.31s) %.3s|%5.2s|%.0s.", "z1", "abcdef", "xyz",
	     "q");
	CHECK(strcmp(b, "(z1) abc|   xy|.") == 0);
	{
		const char name[4] = { 'a', 'b', 'c', 'd' }; /* no NUL */

		sfmt(b, sizeof(b), "%.4s", name);
		CHECK(strcmp(b, "abcd") == 0);
	}
}
