// SPDX-License-Identifier: GPL-2.0
/* Copyright (c) 2026 hvisor-c contributors */
/* Boot of every CPU after its MMU is on, CPU events, parking. */
#include <hv/alloc.h>
#include <hv/board.h>
#include <hv/cpu.h>
#include <hv/irq.h>
#include <hv/printk.h>
#include <hv/version.h>
#include <hv/zone.h>

struct cpu cpus[HV_NCPUS] __attribute__((aligned(4096)));

static u32 cpus_online;
static volatile u32 init_done;

void cpu_send_event(u32 target, u32 ev)
{
	__atomic_fetch_or(&cpus[target].events, ev, __ATOMIC_RELEASE);
	arch_send_event_ipi(target);
}

void cpu_handle_events(void)
{
	struct cpu *c = this_cpu();
	u32 ev = __atomic_exchange_n(&c->events, 0, __ATOMIC_ACQUIRE);

	if (ev & EV_VCPU_STOP) {
		if (c->vcpu.state != VCPU_OFF) {
			/* a stop also cancels a start not yet entered */
			__atomic_store_n(&c->vcpu.state, VCPU_OFF,
					 __ATOMIC_RELEASE);
			vcpu_park();
		}
	}
	if ((ev & EV_VCPU_START) && c->vcpu.state == VCPU_STARTING)
		arch_vcpu_enter(c);
}

void vcpu_park(void)
{
	struct cpu *c = this_cpu();

	enum vcpu_state running = VCPU_ON;

	arch_vcpu_quiesce();
	arch_irq_vcpu_reset();
	c->vcpu.frame = NULL;
	/*
	 * Only a running vCPU goes off here.  A start may already be pending
	 * (VCPU_STARTING): a secondary that reaches its first park late, after
	 * the root zone has started a zone on it, must not lose that start.
	 */
	__atomic_compare_exchange_n(&c->vcpu.state, &running, VCPU_OFF, false,
				    __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE);
	for (;;) {
		cpu_handle_events();
		arch_cpu_idle();
	}
}

static void banner(void)
{
	const struct board_root_zone *rz = &board.root_zone;
	const char *con = board.console.node ? board.console.node : "none";
	u32 i, n = 0;

	if (board.console.driver == UART_SBI)
		con = "of the firmware (SBI)";

	for (i = 0; i < HV_MAX_ZONES; i++)
		if (zones[i].state != ZONE_FREE)
			n++;
	printk("\nhvisor-c " HV_VERSION " on board %s (%s), %u CPUs online\n",
	       board.name, board.model ? board.model : "?", cpus_online);
	printk("hvisor: memory 0x%llx-0x%llx, %llu free pages, %s, "
	       "console %s\n",
	       (unsigned long long)board.hv_ram.base,
	       (unsigned long long)(board.hv_ram.base + board.hv_ram.size - 1),
	       (unsigned long long)page_pool_free_count(), arch_irq_chip_name(),
	       con);
	printk("hvisor: %u zone(s): zone 0 (%s) cpus 0x%llx, %u regions, "
	       "entry 0x%llx dtb 0x%llx\n",
	       n, rz->name, (unsigned long long)rz->cpus, rz->num_regions,
	       (unsigned long long)rz->entry, (unsigned long long)rz->dtb_load);
}

void hv_main(u32 id, bool primary)
{
	struct cpu *c = &cpus[id];
	int ret;

	c->id = id;
	c->mpidr = board.cpus[id].mpidr;
	if (primary) {
		extern char __hv_end[];
		u64 start = ALIGN_UP((u64)(uintptr_t)__hv_end, PAGE_SIZE);
		u64 end = board.hv_ram.base + board.hv_ram.size;

		console_init();
		page_pool_init(start, (end - start) / PAGE_SIZE);
		page_pool_set_smp(true);
		arch_irq_init();
	}
	arch_cpu_init(c);
	c->online = true;
	__atomic_fetch_add(&cpus_online, 1, __ATOMIC_ACQ_REL);

	if (!primary) {
		while (!init_done)
			;
		vcpu_park();
	}

	arch_cpu_start_secondaries();
	/* wait (bounded) for the other CPUs to check in */
	for (u64 spins = 0; spins < 200000000ULL; spins++)
		if (__atomic_load_n(&cpus_online, __ATOMIC_ACQUIRE) ==
		    board.num_cpus)
			break;
	ret = zone_create_root();
	if (ret)
		panic("root zone from the board table: error %d", ret);
	banner();
	init_done = 1;
	zone_start(&zones[0]);
	vcpu_park();
}

void panic(const char *fmt, ...)
{
	char buf[200];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	printk("hvisor: PANIC on CPU %u: %s\nhvisor: CPU %u stopped\n",
	       this_cpu()->id, buf, this_cpu()->id);
	for (;;)
		arch_cpu_idle();
}
