// SPDX-License-Identifier: GPL-2.0
/* Copyright (c) 2026 hvisor-c contributors */
/*
 * Emulated GICv2 distributor: trapped, filtered by the zone's SPIs; the
 * banked SGI/PPI registers pass through for the calling CPU (the hypervisor
 * SGI and the maintenance PPI protected); GICD_SGIR limited to the zone's
 * CPUs.  The zone's GICC address is mapped onto the physical GICV frame.
 */
#include <hv/bitmap.h>
#include <hv/board.h>
#include <hv/cpu.h>
#include <hv/irq.h>
#include <hv/mmio.h>
#include <hv/spinlock.h>
#include <hv/zone.h>
#include <asm/irqchip.h>
#include <asm/sysreg.h>
#include <asm/vgic.h>

int gicv2_zone_init(struct zone *z);
u32 irqchip_spi_count(void);

static spinlock_t gicd2_lock;

struct field_reg2 {
	u32 base;
	u32 bits;
	bool rmw;
};

static const struct field_reg2 regs2[] = {
	{ GICD_IGROUPR, 1, true },    { GICD_ISENABLER, 1, false },
	{ GICD_ICENABLER, 1, false }, { GICD_ISPENDR, 1, false },
	{ GICD_ICPENDR, 1, false },   { GICD_ISACTIVER, 1, false },
	{ GICD_ICACTIVER, 1, false }, { GICD_IPRIORITYR, 8, true },
	{ GICD_ITARGETSR, 8, true },  { GICD_ICFGR, 2, true },
};

/* Mask of fields the zone may touch; SGIs/PPIs are banked per CPU. */
static u64 owned_mask(struct zone *z, const struct field_reg2 *r, u32 first,
		      u32 width)
{
	u64 mask = 0, field = (1ULL << r->bits) - 1;
	u32 i;

	for (i = 0; i * r->bits < width; i++) {
		u32 irq = first + i;
		bool ok;

		if (irq < 32)
			ok = irq != HV_EVENT_SGI &&
			     irq != board.gic.maintenance_irq;
		else
			ok = irq < irqchip_spi_count() && zone_owns_irq(z, irq);
		if (ok)
			mask |= field << (i * r->bits);
	}
	return mask;
}

static void vgicv2_sgir(struct zone *z, u32 v)
{
	struct cpu *self = this_cpu();
	u32 sgi = v & 0xf, filter = (v >> 24) & 3, list = 0, allowed = 0, i;

	if (sgi == HV_EVENT_SGI)
		return;
	for (i = 0; i < board.num_cpus; i++)
		if ((z->cpus & BIT(i)) && cpus[i].vcpu.zone == z)
			allowed |= cpus[i].arch.gic_if;
	if (filter == 0)
		list = (v >> 16) & 0xff;
	else if (filter == 1)
		list = allowed & ~self->arch.gic_if;
	else if (filter == 2)
		list = self->arch.gic_if;
	list &= allowed;
	if (list & self->arch.gic_if) {
		irqchip_inject(sgi, false,
			       (u32)__builtin_ctz(self->arch.gic_if | 0x100));
		list &= ~self->arch.gic_if;
	}
	if (list) {
		dsb(ishst);
		mmio_write(board.gic.gicd.base + GICD_SGIR, 4,
			   (list << 16) | sgi);
	}
}

static int vgicv2_access(struct zone *z, struct mmio_access *acc, void *arg)
{
	u64 off = acc->offset;
	u64 addr = board.gic.gicd.base + off;
	u32 i;

	(void)arg;
	for (i = 0; i < ARRAY_SIZE(regs2); i++) {
		const struct field_reg2 *r = &regs2[i];
		u64 len = (u64)1024 * r->bits / 8, mask;
		u32 first;

		if (off < r->base || off >= r->base + len)
			continue;
		first = (u32)((off - r->base) * 8 / r->bits);
		mask = owned_mask(z, r, first, acc->size * 8);
		if (r->base == GICD_ITARGETSR && first < 32)
			mask = 0; /* read-only for SGIs/PPIs */
		if (!acc->is_write) {
			u64 v = mmio_read(addr, acc->size);

			/* SGI/PPI targets read as this CPU, like hardware */
			acc->value = (r->base == GICD_ITARGETSR && first < 32)
					     ? v
					     : v & owned_mask(z, r, first,
							      acc->size * 8);
			return 0;
		}
		if (!mask)
			return 0;
		if (r->rmw) {
			spin_lock(&gicd2_lock);
			mmio_write(addr, acc->size,
				   (mmio_read(addr, acc->size) & ~mask) |
					   (acc->value & mask));
			spin_unlock(&gicd2_lock);
		} else {
			mmio_write(addr, acc->size, acc->value & mask);
		}
		return 0;
	}
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
	    off >= 0xfd0)
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
