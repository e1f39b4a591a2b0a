// SPDX-License-Identifier: GPL-2.0
/* Copyright (c) 2026 hvisor-c contributors */
/*
 * Root-zone launcher guest: starts zone 1 with Debian's Linux on harts 2
 * and 3 (kernel, DTB and initramfs loaded into zone 1's RAM by QEMU) and
 * its UART and PLIC source 10, then lists the zones and stays quiet, so
 * the console is zone 1's.  Prints "zone1linux: ..." lines.
 */
#include <stdint.h>
#include <hvisor/hypercall.h>
#include <hvisor/zone_config.h>

#include "guest.h"

#define UART_IRQ 10
#define ZONE1_RAM 0xc0000000UL
#define ZONE1_RAM_SIZE 0x10000000UL
/* where zonegen places them and tests/qemu-riscv64/run.sh loads them */
#define ZONE1_DTB ZONE1_RAM
#define ZONE1_KERNEL (ZONE1_RAM + 0x200000UL)

void hctest_main(void);

static struct hvisor_zone_config cfg;
static struct hvisor_zone_info info[4];

void hctest_main(void)
{
	uint8_t *p = (uint8_t *)&cfg;
	int64_t r;
	unsigned i;

	for (i = 0; i < sizeof(cfg); i++)
		p[i] = 0;
	cfg.zone_id = 1;
	cfg.cpus = (1ULL << 2) | (1ULL << 3);
	cfg.num_memory_regions = 2;
	cfg.memory_regions[0] = (struct hvisor_memory_region){
		HVISOR_MEM_TYPE_RAM, 0, ZONE1_RAM, ZONE1_RAM, ZONE1_RAM_SIZE
	};
	cfg.memory_regions[1] =
		(struct hvisor_memory_region){ HVISOR_MEM_TYPE_IO, 0, UART,
					       UART, 0x1000 };
	cfg.interrupts_bitmap[UART_IRQ / 32] = 1U << (UART_IRQ % 32);
	cfg.entry_point = ZONE1_KERNEL;
	cfg.kernel_load_paddr = ZONE1_KERNEL;
	cfg.kernel_size = HVISOR_SIZE_UNKNOWN;
	cfg.dtb_load_paddr = ZONE1_DTB;
	cfg.dtb_size = HVISOR_SIZE_UNKNOWN;
	cfg.name[0] = 'l';
	cfg.name[1] = 'i';
	cfg.name[2] = 'n';
	cfg.name[3] = 'u';
	cfg.name[4] = 'x';
	cfg.name[5] = '1';
	puts_("zone1linux: starting zone 1 (Linux) on harts 2, 3\n");
	r = hvc(HVISOR_HC_ZONE_START, (uint64_t)(uintptr_t)&cfg, sizeof(cfg));
	puts_("zone1linux: ZONE_START returned ");
	putn(r);
	puts_("\n");
	r = hvc(HVISOR_HC_ZONE_LIST, (uint64_t)(uintptr_t)info, 4);
	puts_("zone1linux: ZONE_LIST: ");
	putn(r);
	puts_(" zones, zone 1 cpus ");
	putn(r == 2 ? (int64_t)info[1].cpus : -1);
	puts_("\n");
}
