// SPDX-License-Identifier: GPL-2.0
/* Copyright (c) 2026 hvisor-c contributors */
/*
 * The GICD ownership filter shared by the GICv2 and GICv3 distributor
 * emulations: registers with one field per INTID pass through for the
 * fields of INTIDs the zone owns, and only for those.
 */
#include <hv/bitmap.h>
#include <hv/board.h>
#include <hv/mmio.h>
#include <hv/spinlock.h>
#include <hv/zone.h>
#include <asm/vgic.h>

u32 irqchip_spi_count(void);

/* read-modify-write of shared registers by several vCPUs */
static spinlock_t gicd_lock;

/* A GICD register array with one field of @bits per INTID from @base. */
struct gicd_field_reg {
	u32 base;
	u32 bits;
	bool rmw; /* read-modify-write; else write-1-to-set/clear */
	bool v2_only; /* GICv3 with affinity routing: RES0 */
};

static const struct gicd_field_reg gicd_field_regs[] = {
	{ GICD_IGROUPR, 1, true, false },
	{ GICD_ISENABLER, 1, false, false },
	{ GICD_ICENABLER, 1, false, false },
	{ GICD_ISPENDR, 1, false, false },
	{ GICD_ICPENDR, 1, false, false },
	{ GICD_ISACTIVER, 1, false, false },
	{ GICD_ICACTIVER, 1, false, false },
	{ GICD_IPRIORITYR, 8, true, false },
	{ GICD_ITARGETSR, 8, true, true },
	{ GICD_ICFGR, 2, true, false },
};

/* The SGI/PPI @irq is the zone's to use through the GICv2 GICD. */
static bool banked_irq_usable(u32 irq)
{
	return irq != HV_EVENT_SGI && irq != board.gic.maintenance_irq;
}

/*
 * Masks of the fields in an access of @width bits from INTID @first: @rd
 * what a read shows, @wr what a write changes.
 */
static void gicd_masks(struct zone *z, const struct gicd_field_reg *r,
		       u32 first, u32 width, bool v2, u64 *rd, u64 *wr)
{
	u64 field = (1ULL << r->bits) - 1, own;
	u32 i;

	own = bitmap32_field_mask(z->irq_bitmap, first, r->bits, width,
				  irqchip_spi_count());
	*rd = own;
	*wr = own;
	for (i = 0; i * r->bits < width && first + i < GIC_SPI_FIRST; i++) {
		u64 f = field << (i * r->bits);

		*rd &= ~f;
		*wr &= ~f;
		if (!v2)
			continue; /* ARE: in the redistributor */
		if (r->base == GICD_ITARGETSR) {
			*rd |= f; /* reads as this CPU, like hardware */
		} else if (banked_irq_usable(first + i)) {
			*rd |= f;
			*wr |= f;
		}
	}
}

bool vgic_gicd_field_access(struct zone *z, struct mmio_access *acc, bool v2)
{
	u64 addr = board.gic.gicd.base + acc->offset, rd, wr;
	const struct gicd_field_reg *r = NULL;
	u32 i, first;

	for (i = 0; i < ARRAY_SIZE(gicd_field_regs); i++) {
		const struct gicd_field_reg *c = &gicd_field_regs[i];
		u64 len = (u64)GICD_FIELD_INTIDS * c->bits / 8;

		if ((v2 || !c->v2_only) && acc->offset >= c->base &&
		    acc->offset < c->base + len)
			r = c;
	}
	if (!r)
		return false;
	first = (u32)((acc->offset - r->base) * 8 / r->bits);
	gicd_masks(z, r, first, acc->size * 8, v2, &rd, &wr);
	if (!acc->is_write) {
		acc->value = mmio_read(addr, acc->size) & rd;
		return true;
	}
	if (!wr)
		return true;
	if (r->rmw) {
		spin_lock(&gicd_lock);
		mmio_write(addr, acc->size,
			   (mmio_read(addr, acc->size) & ~wr) |
				   (acc->value & wr));
		spin_unlock(&gicd_lock);
	} else {
		mmio_write(addr, acc->size, acc->value & wr);
	}
	return true;
}
