// SPDX-License-Identifier: GPL-2.0
/* Copyright (c) 2026 hvisor-c contributors */
/*
 * riscv64 root-zone test guest: exercises the hypercall ABI of
 * <hvisor/hypercall.h> through upstream hvisor's SBI convention (ecall,
 * a7 = 0x114514, a0 = code, a1/a2 = arguments, result in a1) and the zone
 * lifecycle without Linux.  Prints one "hctest: ok|FAIL <what>" line per
 * check, then powers off with SBI SRST.
 */
#include <stdint.h>
#include <hvisor/hypercall.h>
#include <hvisor/zone_config.h>

#include "guest.h"

#define ZONE1_BASE 0xc0000000UL /* loaded there by QEMU */
#define EID_SRST 0x53525354UL

void hctest_main(void);

static void check(int ok, const char *what, int64_t got)
{
	puts_(ok ? "hctest: ok " : "hctest: FAIL ");
	puts_(what);
	puts_(" (got ");
	putn(got);
	puts_(")\n");
}

static struct hvisor_zone_config cfg;
static struct hvisor_zone_info info[4];
static volatile uint64_t magic;

static void zone1_config(uint64_t cpus)
{
	uint8_t *p = (uint8_t *)&cfg;
	unsigned i;

	for (i = 0; i < sizeof(cfg); i++)
		p[i] = 0;
	cfg.zone_id = 1;
	cfg.cpus = cpus;
	cfg.num_memory_regions = 2;
	cfg.memory_regions[0] = (struct hvisor_memory_region){
		HVISOR_MEM_TYPE_RAM, 0, ZONE1_BASE, ZONE1_BASE, 0x200000
	};
	cfg.memory_regions[1] =
		(struct hvisor_memory_region){ HVISOR_MEM_TYPE_IO, 0, UART,
					       UART, 0x1000 };
	cfg.entry_point = ZONE1_BASE;
	cfg.kernel_load_paddr = ZONE1_BASE;
	cfg.kernel_size = HVISOR_SIZE_UNKNOWN;
	cfg.dtb_load_paddr = ZONE1_BASE;
	cfg.dtb_size = HVISOR_SIZE_UNKNOWN;
	cfg.name[0] = 'z';
	cfg.name[1] = '1';
}

static int64_t zone_count(void)
{
	return hvc(HVISOR_HC_ZONE_LIST, (uint64_t)(uintptr_t)info, 4);
}

static void wait_zone1_stopped(void)
{
	uint64_t spins;

	for (spins = 0; spins < 200000000ULL; spins++)
		if (zone_count() == 2 && info[1].is_err)
			return;
}

void hctest_main(void)
{
	int64_t r, r2, r3, r4;

	puts_("hctest: root-zone test guest running\n");
	r = hvc(HVISOR_HC_CONFIG_CHECK, (uint64_t)(uintptr_t)&magic, 0);
	check(r == 0 && magic == HVISOR_CONFIG_MAGIC_VERSION,
	      "CONFIG_CHECK writes the config magic", (int64_t)magic);
	r = hvc(HVISOR_HC_CONFIG_CHECK, 0x80000000UL, 0); /* OpenSBI's */
	check(r == -HVISOR_EFAULT, "CONFIG_CHECK outside the zone's RAM", r);
	r = hvc(99, 0, 0);
	check(r == -HVISOR_ENOSYS, "unknown hypercall", r);
	r = zone_count();
	check(r == 1 && info[0].zone_id == 0 && info[0].name[0] == 'r',
	      "ZONE_LIST shows the root zone", r);

	zone1_config(1ULL << 0); /* hart 0 runs this guest */
	r = hvc(HVISOR_HC_ZONE_START, (uint64_t)(uintptr_t)&cfg, sizeof(cfg));
	check(r == -HVISOR_EBUSY, "ZONE_START on a running root hart", r);
	zone1_config(1ULL << 3);
	r = hvc(HVISOR_HC_ZONE_START, (uint64_t)(uintptr_t)&cfg, 100);
	check(r == -HVISOR_EINVAL, "ZONE_START with a wrong config size", r);
	r = hvc(HVISOR_HC_ZONE_SHUTDOWN, 0, 0);
	check(r == -HVISOR_EINVAL, "ZONE_SHUTDOWN of the root zone", r);

	/*
	 * Hart 3 was never started by this guest: zone 1 may take it.
	 * Zone 1 prints on the same UART, so this guest stays quiet until
	 * zone 1 has stopped (it faults on purpose: only it must stop).
	 */
	r = hvc(HVISOR_HC_ZONE_START, (uint64_t)(uintptr_t)&cfg, sizeof(cfg));
	r2 = zone_count();
	r3 = info[1].zone_id == 1 && info[1].cpus == 8;
	r4 = hvc(HVISOR_HC_ZONE_START, (uint64_t)(uintptr_t)&cfg, sizeof(cfg));
	wait_zone1_stopped();
	check(r == 0, "ZONE_START zone 1 on hart 3", r);
	check(r2 == 2 && r3, "ZONE_LIST shows zone 1", r2);
	check(r4 == -HVISOR_EEXIST, "ZONE_START of an existing zone id", r4);
	check(info[1].is_err, "zone 1 stopped after its fault, root runs on",
	      info[1].is_err);
	r = hvc(HVISOR_HC_ZONE_SHUTDOWN, 1, 0);
	check(r == 0, "ZONE_SHUTDOWN zone 1", r);
	r = zone_count();
	check(r == 1, "ZONE_LIST after shutdown", r);
	r = hvc(HVISOR_HC_ZONE_START, (uint64_t)(uintptr_t)&cfg, sizeof(cfg));
	wait_zone1_stopped();
	check(r == 0 && info[1].is_err,
	      "zone 1 starts again on the returned hart and stops again", r);
	puts_("hctest: done\n");
	/* SBI SRST: shutdown */
	{
		register uint64_t r0 __asm__("a0") = 0;
		register uint64_t r1 __asm__("a1") = 0;
		register uint64_t r6 __asm__("a6") = 0;
		register uint64_t r7 __asm__("a7") = EID_SRST;

		__asm__ volatile("ecall"
				 : "+r"(r0), "+r"(r1)
				 : "r"(r6), "r"(r7)
				 : "memory");
	}
}
