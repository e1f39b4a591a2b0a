// SPDX-License-Identifier: GPL-2.0
/* Copyright (c) 2026 hvisor-c contributors */
/*
 * Host unit tests of the riscv64 port's pure parts: the G-stage (Sv39x4)
 * page-table format built by core/paging.c, the load/store decoder of MMIO
 * emulation, and the PLIC context/ownership map.  Expected values are
 * written from the privileged spec (PTE layout), from the cross assembler's
 * encodings (riscv64-linux-gnu-as) and from `dtc -O dts` of QEMU virt's DTB
 * (the PLIC's interrupts-extended), not from the code under test.
 */
#include <stdlib.h>
#include <string.h>
#include <hv/alloc.h>
#include <hv/bitmap.h>
#include <hv/board.h>
#include <hv/zone.h>
#include <asm/gstage.h>
#include <asm/insn.h>
#include <asm/plic.h>
#include "harness.h"

int test_failed;

/* QEMU 7.2 virt, -smp 4: interrupts-extended = <&cpu0_intc 11 &cpu0_intc 9
 * &cpu1_intc 11 &cpu1_intc 9 ...>: context 2h is hart h's M-mode, 2h+1 its
 * S-mode; riscv,ndev = 96 */
const struct board_desc board = {
	.name = "unit-riscv64",
	.num_cpus = 4,
	.irqchip = {
		.type = BOARD_IRQCHIP_PLIC,
		.base = 0xc000000,
		.size = 0x600000,
		.ndev = 96,
		.num_contexts = 8,
		.contexts = (const struct board_plic_context[]){
			{ 0, 0, BOARD_PLIC_MODE_M }, { 1, 0, BOARD_PLIC_MODE_S },
			{ 2, 1, BOARD_PLIC_MODE_M }, { 3, 1, BOARD_PLIC_MODE_S },
			{ 4, 2, BOARD_PLIC_MODE_M }, { 5, 2, BOARD_PLIC_MODE_S },
			{ 6, 3, BOARD_PLIC_MODE_M }, { 7, 3, BOARD_PLIC_MODE_S },
		},
	},
};

/* the one core function plic-map.c uses (core/zone.c has the same) */
bool zone_owns_irq(const struct zone *z, u32 irq)
{
	return irq < ZONE_MAX_IRQS && bitmap32_test(z->irq_bitmap, irq);
}

static u64 *table(u64 pa)
{
	return (u64 *)(uintptr_t)pa;
}

/* a 16 KiB-aligned Sv39x4 root, as mmu.c keeps them */
static u64 root[2048] __attribute__((aligned(16384)));

static void test_gstage_format(void)
{
	void *mem = aligned_alloc(4096, 64 * 4096);
	struct paging pg = { &gstage_fmt, (u64)(uintptr_t)root };
	u64 pa = 0, e, l2;

	memset(root, 0, sizeof(root));
	page_pool_init((u64)(uintptr_t)mem, 64);
	/* RAM: V R W X U A D = 0xdf; PPN at bit 10 */
	CHECK(paging_map(&pg, 0x80000000, 0x80000000, 0x40000000,
			 PG_READ | PG_WRITE | PG_EXEC) == 0);
	/* a 1 GiB leaf in root entry 2 (GPA bits 40:30) */
	CHECK(root[2] == ((0x80000000ULL >> 12) << 10 | 0xdf));
	/* I/O page: V R W U A D, no X = 0xd7 */
	CHECK(paging_map(&pg, 0x10000000, 0x10000000, 0x1000,
			 PG_READ | PG_WRITE | PG_DEVICE) == 0);
	e = root[0];
	/* a pointer to the next level: V only (R = W = X = 0), U/A/D clear */
	CHECK((e & 0x3ff) == 0x1);
	l2 = table((e >> 10) << 12)[0x10000000 >> 21 & 511];
	CHECK((l2 & 0x3ff) == 0x1);
	CHECK(table((l2 >> 10) << 12)[0] ==
	      ((0x10000000ULL >> 12) << 10 | 0xd7));
	/* a 2 MiB block at level 2, guest 0xc0200000 -> host 0x90200000 */
	CHECK(paging_map(&pg, 0xc0200000, 0x90200000, 0x200000,
			 PG_READ | PG_WRITE | PG_EXEC) == 0);
	e = root[3];
	CHECK((e & 0xf) == 0x1);
	CHECK(table((e >> 10) << 12)[1] ==
	      ((0x90200000ULL >> 12) << 10 | 0xdf));
	CHECK(paging_translate(&pg, 0xc0212345, &pa) == 0 && pa == 0x90212345);
	CHECK(paging_translate(&pg, 0x80001234, &pa) == 0 && pa == 0x80001234);
	CHECK(paging_translate(&pg, 0x20000000, &pa) == -HVISOR_ENOENT);
	/* the walker indexes 512 root entries: guest addresses < 512 GiB;
	 * the x4 root's other three quarters stay invalid */
	CHECK(paging_map(&pg, 1ULL << 39, 0x80000000, 0x1000, PG_READ) ==
	      -HVISOR_EINVAL);
	for (u32 i = 512; i < 2048; i++)
		CHECK(root[i] == 0);
	paging_destroy(&pg);
	CHECK(page_pool_free_count() == 64);
	free(mem);
}

static void test_insn_decode(void)
{
	struct insn_mem m;

	/* lw a0, 0(a1) */
	CHECK(insn_decode_mem(0x0005a503, &m) && !m.is_store && m.size == 4 &&
	      m.reg == 10 && m.is_signed);
	/* sw a0, 0(a1) */
	CHECK(insn_decode_mem(0x00a5a023, &m) && m.is_store && m.size == 4 &&
	      m.reg == 10);
	/* lbu a5, 0(a4); lh t1, 2(s0); lwu a3, 4(a0) */
	CHECK(insn_decode_mem(0x00074783, &m) && m.size == 1 && m.reg == 15 &&
	      !m.is_signed);
	CHECK(insn_decode_mem(0x00241303, &m) && m.size == 2 && m.reg == 6 &&
	      m.is_signed);
	CHECK(insn_decode_mem(0x00456683, &m) && m.size == 4 && m.reg == 13 &&
	      !m.is_signed);
	/* ld s1, 8(a2); sd a5, 8(a4); sb zero, 0(a0) */
	CHECK(insn_decode_mem(0x00863483, &m) && m.size == 8 && m.reg == 9);
	CHECK(insn_decode_mem(0x00f73423, &m) && m.is_store && m.size == 8 &&
	      m.reg == 15);
	CHECK(insn_decode_mem(0x00050023, &m) && m.is_store && m.size == 1 &&
	      m.reg == 0);
	/* c.lw a0, 0(a1); c.sw a0, 0(a1); c.ld a5, 8(a4); c.sd s1, 8(a2) */
	CHECK(insn_decode_mem(0x4188, &m) && !m.is_store && m.size == 4 &&
	      m.reg == 10);
	CHECK(insn_decode_mem(0xc188, &m) && m.is_store && m.size == 4 &&
	      m.reg == 10);
	CHECK(insn_decode_mem(0x671c, &m) && !m.is_store && m.size == 8 &&
	      m.reg == 15);
	CHECK(insn_decode_mem(0xe604, &m) && m.is_store && m.size == 8 &&
	      m.reg == 9);
	/* c.lwsp a2, 12(sp); c.sdsp ra, 8(sp) */
	CHECK(insn_decode_mem(0x4632, &m) && !m.is_store && m.reg == 12);
	CHECK(insn_decode_mem(0xe406, &m) && m.is_store && m.size == 8 &&
	      m.reg == 1);
	/* not memory accesses: addi a0, a0, 1 and c.addi a0, 1 */
	CHECK(!insn_decode_mem(0x00150513, &m));
	CHECK(!insn_decode_mem(0x0505, &m));
	/* sign and zero extension of loaded values */
	m = (struct insn_mem){ false, true, 1, 10 };
	CHECK(insn_load_extend(0x80, &m) == 0xffffffffffffff80ULL);
	m.is_signed = false;
	CHECK(insn_load_extend(0x180, &m) == 0x80);
	m = (struct insn_mem){ false, true, 4, 10 };
	CHECK(insn_load_extend(0x80000000, &m) == 0xffffffff80000000ULL);
}

static void test_plic_map(void)
{
	struct zone z;

	memset(&z, 0, sizeof(z));
	z.cpus = BIT(2) | BIT(3);
	bitmap32_set(z.irq_bitmap, 10);
	bitmap32_set(z.irq_bitmap, 33);
	bitmap32_set(z.irq_bitmap, 0);
	bitmap32_set(z.irq_bitmap, 97); /* above riscv,ndev */
	/* each hart's S-mode context */
	CHECK(plic_ctx_of(0) == 1 && plic_ctx_of(1) == 3);
	CHECK(plic_ctx_of(2) == 5 && plic_ctx_of(3) == 7);
	CHECK(plic_ctx_of(4) == PLIC_NO_CONTEXT);
	/* a zone on harts 2, 3 programs contexts 5 and 7, nothing else */
	CHECK(plic_zone_ctx_hart(&z, 5) == 2 && plic_zone_ctx_hart(&z, 7) == 3);
	CHECK(plic_zone_ctx_hart(&z, 4) == -1); /* hart 2's M-mode */
	CHECK(plic_zone_ctx_hart(&z, 1) == -1); /* hart 0: not the zone's */
	CHECK(plic_zone_ctx_hart(&z, 8) == -1); /* no such context */
	/* owned sources: 10 and 33; never source 0 or beyond ndev */
	CHECK(plic_owned_mask(&z, 0) == 1U << 10);
	CHECK(plic_owned_mask(&z, 1) == 1U << 1);
	CHECK(plic_owned_mask(&z, 3) == 0);
}

int main(void)
{
	RUN(test_gstage_format, "riscv64 G-stage: Sv39x4 PTE bits, levels, "
				"1 GiB/2 MiB/4 KiB leaves, the x4 root");
	RUN(test_insn_decode, "riscv64 MMIO: load/store decode (RV64I, RVC), "
			      "sign extension");
	RUN(test_plic_map, "riscv64 PLIC: hart contexts from "
			   "interrupts-extended, zone contexts and sources");
	return 0;
}
