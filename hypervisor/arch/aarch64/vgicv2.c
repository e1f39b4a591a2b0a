// SPDX-License-Identifier: GPL-2.0
/* Copyright (c) 2026 hvisor-c contributors */
/*
 * Emulated GICv2 distributor: trapped, filtered by the zone's SPIs; the
 * banked SGI/PPI registers pass through for the calling CPU (the hypervisor
 * SGI and the maintenance PPI protected): vgic_gicd.c; GICD_SGIR limited to
 * the zone's CPUs.  The zone's GICC address is mapped onto the physical GICV
 * frame.
 */
#include <hv/board.h>
#include <hv/cpu.h>
#include <hv/irq.h>
#include <hv/mmio.h>
#include <hv/zone.h>
#include <asm/gicv2.h>
#include <asm/irqchip.h>
#include <asm/sysreg.h>
#include <asm/vgic.h>

int gicv2_zone_init(struct zone *z);

static void vgicv2_sgir(struct zone *z, u32 v)
{
	struct cpu *self = this_cpu();
	u32 sgi = v & GICD_SGIR_INTID_MASK;
	u32 filter = (v >> GICD_SGIR_FILTER_SHIFT) & GICD_SGIR_FILTER_MASK;
	u32 list = 0, allowed = 0, i;

	if (sgi == HV_EVENT_SGI)
		return;
	for (i = 0; i < board.num_cpus; i++)
		if ((z->cpus & BIT(i)) && cpus[i].vcpu.zone == z)
			allowed |= cpus[i].arch.gic_if;
	if (filter == GICD_SGIR_FILTER_LIST)
		list = (v >> GICD_SGIR_TARGETS_SHIFT) & GICD_SGIR_TARGETS_MASK;
	else if (filter == GICD_SGIR_FILTER_OTHERS)
		list = allowed & ~self->arch.gic_if;
	else if (filter == GICD_SGIR_FILTER_SELF)
		list = self->arch.gic_if;
	list &= allowed;
	if (list & self->arch.gic_if) {
		/* source: this CPU's interface number (8 if it has no bit) */
		irqchip_inject(sgi, false,
			       (u32)__builtin_ctz(self->arch.gic_if |
						  (1U << GICV2_MAX_CPU_IFS)));
		list &= ~self->arch.gic_if;
	}
	if (list) {
		dsb(ishst);
		mmio_write(board.gic.gicd.base + GICD_SGIR, 4,
			   (list << GICD_SGIR_TARGETS_SHIFT) | sgi);
	}
}

static int vgicv2_access(struct zone *z, struct mmio_access *acc, void *arg)
{
	u64 off = acc->offset;
	u64 addr = board.gic.gicd.base + off;

	(void)arg;
	if (vgic_gicd_field_access(z, acc, true))
		return 0;
	if (off == GICD_SGIR) {
		if (acc->is_write)
			vgicv2_sgir(z, (u32)acc->value);
		else
			acc->value = 0;
		return 0;
	}
	if (acc->is_write)
		return 0; /* CTLR, pending-SGI registers: hypervisor's */
	if (off == GICD_CTLR || off == GICD_TYPER || off == GICD_IIDR ||
	    off >= GICD_V2_ID_START)
		acc->value = mmio_read(addr, acc->size);
	else
		acc->value = 0;
	return 0;
}

int gicv2_zone_init(struct zone *z)
{
	struct zone_region r = {
		HVISOR_MEM_TYPE_IO, board.gic.gicv.base, board.gic.gicc.base,
		MIN(board.gic.gicc.size, board.gic.gicv.size)
	};
	int ret;

	ret = mmio_register(z, board.gic.gicd.base, board.gic.gicd.size,
			    vgicv2_access, NULL);
	if (!ret)
		ret = arch_zone_map(z, &r);
	return ret;
}
