// SPDX-License-Identifier: GPL-2.0
/* Copyright (c) 2026 hvisor-c contributors */
/* Host unit tests: core code compiled for the build machine. */
#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include <hv/alloc.h>
#include <hv/board.h>
#include <hv/cpu.h>
#include <hv/irq.h>
#include <hv/zone.h>
#include "harness.h"

int test_failed;

static void *pool;

void test_pool_reset(unsigned long pages)
{
	free(pool);
	pool = aligned_alloc(4096, pages * 4096);
	memset(pool, 0xa5, pages * 4096); /* alloc must zero */
	page_pool_init((u64)(uintptr_t)pool, pages);
}

/* --- the environment core code expects: a board and the arch hooks --- */
const struct board_desc board = {
	.name = "unit",
	.num_cpus = 2,
	.cpus = (const struct board_cpu[]){ { 0x0, "/cpus/cpu@0", 0 },
					    { 0x100, "/cpus/cpu@100", 0 } },
	.hv_ram = { 0x40000000, 0x4000000, "/memory@40000000" },
	/* not upstream's 64: the bridge must inject the board's IRQ */
	.virtio_irq = 77,
	.num_nodes = 4,
	.nodes =
		(const struct board_region[]){
			{ 0x9000000, 0x1000, "/pl011@9000000" },
			{ 0x9010000, 0x1000, "/pl031@9010000" },
			{ 0x8000000, 0x2000000, "/soc" },
			{ 0x40000000, 0x80000000, "/memory@40000000" },
		},
};

struct cpu cpus[HV_NCPUS];
int arch_zone_map_calls;

__thread struct cpu *unit_self = &cpus[0];

struct cpu *this_cpu(void)
{
	return unit_self;
}

/* vCPUs waiting at EL2 poll their events: nothing to do here */
void cpu_handle_events(void)
{
}

void arch_cpu_relax(void)
{
	sched_yield();
}

/* arch_irq_queue_virtual() calls, for the virtio tests */
u32 unit_virq_cpu[8], unit_virq_irq[8], unit_virq_count;

void arch_irq_queue_virtual(u32 cpu, u32 irq)
{
	if (unit_virq_count < 8) {
		unit_virq_cpu[unit_virq_count] = cpu;
		unit_virq_irq[unit_virq_count] = irq;
	}
	unit_virq_count++;
}

int arch_zone_init(struct zone *z)
{
	(void)z;
	return 0;
}

int arch_zone_map(struct zone *z, const struct zone_region *r)
{
	(void)z;
	(void)r;
	arch_zone_map_calls++;
	return 0;
}

void arch_zone_destroy(struct zone *z)
{
	(void)z;
}

int arch_irq_zone_init(struct zone *z)
{
	(void)z;
	return 0;
}

void arch_irq_zone_reset(struct zone *z)
{
	(void)z;
}

/* as on aarch64: SGIs/PPIs are never a zone's */
void arch_irq_zone_config_fixup(struct zone *z)
{
	z->irq_bitmap[0] = 0;
}

void arch_vcpu_enter(struct cpu *c)
{
	(void)c;
	abort();
}

void cpu_send_event(u32 target, u32 ev)
{
	(void)target;
	(void)ev;
}

void vcpu_park(void)
{
	abort();
}

int main(void)
{
	RUN(test_paging, "paging: blocks and pages map and translate");
	RUN(test_paging_errors, "paging: misaligned, out of range, overlap, "
				"out of memory");
	RUN(test_alloc, "allocator: zeroed pages, exhaustion, free");
	RUN(test_bitmap, "IRQ bitmap: test/set/clear and register masks");
	RUN(test_region, "region checks: contains/overlaps edge cases");
	RUN(test_zone_regions, "zone regions: alignment, hypervisor RAM, "
			       "overlap, IPA translation, IRQ ownership");
	RUN(test_board_lookup, "board: DT node of an address, CPU by MPIDR");
	RUN(test_printk, "vsnprintf: formats used by the hypervisor");
	RUN(test_virtio_regions, "virtio regions: 0x200 windows, trapped "
				 "pages never mapped, physical == virtual");
	RUN(test_virtio_bridge,
	    "virtio bridge: requests, answers, notify, wake-up, ring full, "
	    "stale answers after shutdown, daemon restart, FINISH_REQ, "
	    "InterruptStatus/ACK from the page extension");
	free(pool);
	return 0;
}
