// SPDX-License-Identifier: GPL-2.0
/* Copyright (c) 2026 hvisor-c contributors */
/*
 * Emulated GICv3 distributor and redistributors.  Guests see the frames at
 * their physical addresses, but the frames are not in stage 2: every access
 * traps and is filtered by the zone's IRQ ownership (SPIs) or CPU ownership
 * (a redistributor belongs to the zone of its CPU).  LPIs and the ITS are
 * hidden (GICD_TYPER.LPIS = 0, ITS frame reads as zero).
 */
#include <hv/bitmap.h>
#include <hv/board.h>
#include <hv/cpu.h>
#include <hv/irq.h>
#include <hv/mmio.h>
#include <hv/spinlock.h>
#include <hv/zone.h>
#include <asm/sysreg.h>
#include <asm/vgic.h>

u32 irqchip_spi_count(void);
int gicv3_zone_init(struct zone *z);

static spinlock_t gicd_lock;

/* Registers with one field of @bits per INTID starting at @base. */
struct field_reg {
	u32 base;
	u32 bits;
	bool rmw; /* read-modify-write; else write-1-to-set/clear */
};

static const struct field_reg field_regs[] = {
	{ GICD_IGROUPR, 1, true },    { GICD_ISENABLER, 1, false },
	{ GICD_ICENABLER, 1, false }, { GICD_ISPENDR, 1, false },
	{ GICD_ICPENDR, 1, false },   { GICD_ISACTIVER, 1, false },
	{ GICD_ICACTIVER, 1, false }, { GICD_IPRIORITYR, 8, true },
	{ GICD_ICFGR, 2, true },
};

static int gicd_field(struct zone *z, struct mmio_access *acc,
		      const struct field_reg *r)
{
	u64 addr = board.gic.gicd.base + acc->offset;
	u32 first = (u32)((acc->offset - r->base) * 8 / r->bits);
	u64 mask = bitmap32_field_mask(z->irq_bitmap, first, r->bits,
				       acc->size * 8, irqchip_spi_count());

	if (first < 32)
		mask = 0; /* SGIs/PPIs live in the redistributor (ARE) */
	if (!acc->is_write) {
		acc->value = mmio_read(addr, acc->size) & mask;
		return 0;
	}
	if (!mask)
		return 0;
	if (r->rmw) {
		spin_lock(&gicd_lock);
		mmio_write(addr, acc->size,
			   (mmio_read(addr, acc->size) & ~mask) |
				   (acc->value & mask));
		spin_unlock(&gicd_lock);
	} else {
		mmio_write(addr, acc->size, acc->value & mask);
	}
	return 0;
}

static int vgicd_access(struct zone *z, struct mmio_access *acc, void *arg)
{
	u64 off = acc->offset;
	u64 addr = board.gic.gicd.base + off;
	u32 i;

	(void)arg;
	for (i = 0; i < ARRAY_SIZE(field_regs); i++) {
		const struct field_reg *r = &field_regs[i];
		u64 len = (u64)1024 * r->bits / 8;

		if (off >= r->base && off < r->base + len)
			return gicd_field(z, acc, r);
	}
	if (off >= GICD_IROUTER + 32 * 8 && off < GICD_IROUTER + 1020 * 8) {
		u32 irq = (u32)((off - GICD_IROUTER) / 8);

		if (!zone_owns_irq(z, irq)) {
			acc->value = 0;
		} else if (acc->is_write) {
			mmio_write(addr, acc->size, acc->value);
		} else {
			acc->value = mmio_read(addr, acc->size);
		}
		return 0;
	}
	if (acc->is_write) /* CTLR and the rest belong to the hypervisor */
		return 0;
	switch (off) {
	case GICD_CTLR:
	case GICD_IIDR:
	case GICD_TYPER2:
		acc->value = mmio_read(addr, acc->size);
		return 0;
	case GICD_TYPER:
		acc->value = mmio_read(addr, acc->size) &
			     ~(GICD_TYPER_LPIS | GICD_TYPER_MBIS);
		return 0;
	}
	acc->value = off >= GICD_ID_START ? mmio_read(addr, acc->size) : 0;
	return 0;
}

/* The CPU whose redistributor frame holds @off, or NULL. */
static struct cpu *redist_cpu(u64 off)
{
	u64 frame =
		board.gic.gicr.base + ALIGN_DOWN(off, board.gic.gicr_stride);
	u32 i;

	for (i = 0; i < board.num_cpus; i++)
		if (cpus[i].arch.rd_base == frame)
			return &cpus[i];
	return NULL;
}

static int vgicr_access(struct zone *z, struct mmio_access *acc, void *arg)
{
	struct cpu *c = redist_cpu(acc->offset);
	u64 reg = acc->offset % board.gic.gicr_stride;
	u64 addr = board.gic.gicr.base + acc->offset;
	bool own = c && c->vcpu.zone == z;
	u64 v;

	(void)arg;
	if (!c) { /* a frame without a CPU of this board */
		acc->value = 0;
		return 0;
	}
	if (!acc->is_write) {
		if (reg == GICR_TYPER || reg == GICR_TYPER + 4) {
			v = mmio_read(addr, acc->size);
			if (reg == GICR_TYPER)
				v &= ~(GICR_TYPER_PLPIS | GICR_TYPER_VLPIS);
			acc->value = v;
		} else if ((reg >= 0xffd0 && reg < 0x10000) ||
			   reg == GICR_IIDR) {
			acc->value = mmio_read(addr, acc->size);
		} else if (own &&
			   (reg == GICR_CTLR || reg == GICR_WAKER ||
			    (reg >= GICR_IGROUPR0 && reg < GICR_ICFGR1 + 4))) {
			acc->value = mmio_read(addr, acc->size);
		} else {
			acc->value = 0;
		}
		return 0;
	}
	if (!own)
		return 0;
	v = acc->value;
	switch (reg) {
	case GICR_ICENABLER0:
	case GICR_ICACTIVER0:
	case GICR_ICPENDR0:
		/* the hypervisor's SGI and maintenance PPI stay enabled */
		v &= ~(BIT(HV_EVENT_SGI) | BIT(board.gic.maintenance_irq));
		break;
	case GICR_ISENABLER0:
	case GICR_ISPENDR0:
	case GICR_ISACTIVER0:
	case GICR_ICFGR1:
		break;
	default:
		if (reg >= GICR_IPRIORITYR0 && reg < GICR_IPRIORITYR0 + 32)
			break;
		return 0; /* group, WAKER, CTLR, LPI registers: ignored */
	}
	mmio_write(addr, acc->size, v);
	return 0;
}

static int vits_access(struct zone *z, struct mmio_access *acc, void *arg)
{
	(void)z;
	(void)arg;
	acc->value = 0; /* no ITS for guests: Linux says "no ITS detected" */
	return 0;
}

int gicv3_zone_init(struct zone *z)
{
	int ret;
	u32 i;

	ret = mmio_register(z, board.gic.gicd.base, board.gic.gicd.size,
			    vgicd_access, NULL);
	if (!ret)
		ret = mmio_register(z, board.gic.gicr.base, board.gic.gicr.size,
				    vgicr_access, NULL);
	for (i = 0; !ret && i < board.gic.num_its; i++)
		ret = mmio_register(z, board.gic.its[i].base,
				    board.gic.its[i].size, vits_access, NULL);
	return ret;
}

void vgic_send_sgi(u64 sgi1r)
{
	struct cpu *self = this_cpu();
	struct zone *z = self->vcpu.zone;
	u32 sgi = (u32)((sgi1r >> 24) & 0xf);
	bool all = sgi1r & BIT(40);
	u32 i;

	if (sgi == HV_EVENT_SGI)
		return;
	for (i = 0; i < board.num_cpus; i++) {
		u64 m = cpus[i].mpidr;
		u32 aff0 = (u32)(m & 0xff);

		if (!(z->cpus & BIT(i)))
			continue;
		if (all) {
			if (&cpus[i] == self)
				continue;
		} else {
			if (((sgi1r >> 16) & 0xff) != ((m >> 8) & 0xff) ||
			    ((sgi1r >> 32) & 0xff) != ((m >> 16) & 0xff) ||
			    ((sgi1r >> 48) & 0xff) != ((m >> 32) & 0xff) ||
			    ((sgi1r >> 44) & 0xf) != aff0 >> 4 ||
			    !(sgi1r & BIT(aff0 & 0xf)))
				continue;
		}
		if (&cpus[i] == self) {
			arch_irq_inject(sgi, false);
		} else {
			dsb(ishst);
			write_sysreg(ICC_SGI1R_EL1,
				     gicv3_sgi_affinity(m) | ((u64)sgi << 24));
		}
	}
	isb();
}
