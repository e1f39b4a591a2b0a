// SPDX-License-Identifier: GPL-2.0
/* Copyright (c) 2026 hvisor-c contributors */
/*
 * Host test of the GICD ownership filter (arch/aarch64/vgic_gicd.c) for
 * GICv2 and GICv3: the distributor is a host array; every expected value
 * below is worked out by hand from the GIC architecture's register layout
 * (one bit per INTID in I[SC]ENABLER, one byte in IPRIORITYR/ITARGETSR).
 * Prints TAP lines.
 */
#include <stdio.h>
#include <string.h>
#include <hv/board.h>
#include <hv/mmio.h>
#include <hv/zone.h>
#include <asm/vgic.h>
#include "harness.h"

int test_failed;

static u8 gicd[0x10000] __attribute__((aligned(8)));
static unsigned int writes;
static u32 spi_count = 256;

const struct board_desc board = {
	.name = "vgic-unit",
	.gic = { .version = 3,
		 .maintenance_irq = 25,
		 .gicd = { 0, sizeof(gicd), "/gicd" } },
};

u32 irqchip_spi_count(void);
u32 irqchip_spi_count(void)
{
	return spi_count;
}

/* The fake device: board.gic.gicd.base is 0, so addr is the offset. */
u64 mmio_read(u64 addr, u32 size)
{
	u64 v = 0;

	memcpy(&v, gicd + addr, size);
	return v;
}

void mmio_write(u64 addr, u32 size, u64 value)
{
	writes++;
	memcpy(gicd + addr, &value, size);
}

static u64 hw32(u32 off)
{
	return mmio_read(off, 4);
}

/* One access of @z at GICD offset @off; returns what the zone reads. */
static u64 acc(struct zone *z, bool v2, u32 off, bool wr, u64 val,
	       bool *handled)
{
	struct mmio_access a = { off, off, 4, wr, val };

	*handled = vgic_gicd_field_access(z, &a, v2);
	return a.value;
}

static struct zone zone40; /* owns SPI 40 only */

static void reset(void)
{
	memset(gicd, 0, sizeof(gicd));
	writes = 0;
	spi_count = 256;
	memset(&zone40, 0, sizeof(zone40));
	zone40.irq_bitmap[40 / 32] = 1u << (40 % 32);
}

static void test_spi_filter(void)
{
	bool h;
	int v2;

	for (v2 = 0; v2 <= 1; v2++) {
		reset();
		/* ISENABLER1 (0x104) covers INTIDs 32..63: 40 is bit 8 */
		memset(gicd + 0x104, 0xff, 4);
		CHECK(acc(&zone40, v2, 0x104, false, 0, &h) == 0x100 && h);
		memset(gicd + 0x104, 0, 4);
		acc(&zone40, v2, 0x104, true, 0xffffffff, &h);
		CHECK(hw32(0x104) == 0x100 && h);
		/* IPRIORITYR 0x428 = INTIDs 40..43, one byte each: RMW */
		memcpy(gicd + 0x428, "\x44\x33\x22\x11", 4);
		acc(&zone40, v2, 0x428, true, 0xaabbccdd, &h);
		CHECK(hw32(0x428) == 0x112233dd && h);
		CHECK(acc(&zone40, v2, 0x428, false, 0, &h) == 0xdd);
		/* ICFGR 0xc08 = INTIDs 32..47, 2 bits each: 40 is bits 17:16 */
		memset(gicd + 0xc08, 0xff, 4);
		CHECK(acc(&zone40, v2, 0xc08, false, 0, &h) == 0x30000);
		/* an INTID the distributor does not have is nobody's */
		spi_count = 40;
		writes = 0;
		acc(&zone40, v2, 0x104, true, 0xffffffff, &h);
		CHECK(writes == 0 && h);
		/* GICD_CTLR is not a field register: the caller's */
		acc(&zone40, v2, 0x0, false, 0, &h);
		CHECK(!h);
	}
}

static void test_banked_v2(void)
{
	bool h;

	reset();
	/* ISENABLER0 (0x100): SGIs/PPIs banked, all but SGI 15 and PPI 25 */
	acc(&zone40, true, 0x100, true, 0xffffffff, &h);
	CHECK(hw32(0x100) == 0xfdff7fff && h);
	/* ITARGETSR0 (0x800): read as is (this CPU), writes ignored */
	memcpy(gicd + 0x800, "\x01\x01\x01\x01", 4);
	writes = 0;
	CHECK(acc(&zone40, true, 0x800, false, 0, &h) == 0x01010101 && h);
	acc(&zone40, true, 0x800, true, 0x02020202, &h);
	CHECK(writes == 0 && hw32(0x800) == 0x01010101);
	/* ITARGETSR 0x828 = INTIDs 40..43: the zone sets 40's targets */
	acc(&zone40, true, 0x828, true, 0x0f0f0f0f, &h);
	CHECK(hw32(0x828) == 0x0f && h);
}

static void test_redist_v3(void)
{
	bool h;

	reset();
	/* affinity routing: SGI/PPI fields of GICD are RAZ/WI */
	memset(gicd + 0x100, 0xff, 4);
	CHECK(acc(&zone40, false, 0x100, false, 0, &h) == 0 && h);
	writes = 0;
	acc(&zone40, false, 0x180, true, 0xffffffff, &h);
	CHECK(writes == 0 && h);
	/* GICv3 has no ITARGETSR to emulate: left to the caller */
	acc(&zone40, false, 0x828, false, 0, &h);
	CHECK(!h);
}

int main(void)
{
	RUN(test_spi_filter, "vgic_gicd: SPI fields pass for owned INTIDs "
			     "only (GICv2 and GICv3)");
	RUN(test_banked_v2, "vgic_gicd: GICv2 banked SGI/PPI fields, the "
			    "hypervisor's SGI and maintenance PPI kept, "
			    "ITARGETSR");
	RUN(test_redist_v3, "vgic_gicd: GICv3 SGI/PPI fields RAZ/WI, no "
			    "ITARGETSR");
	return 0;
}
