// SPDX-License-Identifier: GPL-2.0
/* Copyright (c) 2026 hvisor-c contributors */
/*
 * Emulated GICv3 distributor and redistributors.  Guests see the frames at
 * their physical addresses, but the frames are not in stage 2: every access
 * traps and is filtered by the zone's IRQ ownership (SPIs) or CPU ownership
 * (a redistributor belongs to the zone of its CPU); the per-INTID GICD
 * registers go through vgic_gicd.c.  LPIs and the ITS are hidden
 * (GICD_TYPER.LPIS = 0, ITS frame reads as zero).
 */
#include <hv/board.h>
#include <hv/cpu.h>
#include <hv/irq.h>
#include <hv/mmio.h>
#include <hv/zone.h>
#include <asm/sysreg.h>
#include <asm/vgic.h>

int gicv3_zone_init(struct zone *z);

static int vgicd_access(struct zone *z, struct mmio_access *acc, void *arg)
{
	u64 off = acc->offset;
	u64 addr = board.gic.gicd.base + off;

	(void)arg;
	if (vgic_gicd_field_access(z, acc, false))
		return 0;
	if (off >= GICD_IROUTER + GIC_SPI_FIRST * GICD_IROUTER_SIZE &&
	    off < GICD_IROUTER + GIC_INTID_SPECIAL * GICD_IROUTER_SIZE) {
		u32 irq = (u32)((off - GICD_IROUTER) / GICD_IROUTER_SIZE);

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
		} else if ((reg >= GICR_ID_START && reg < GICR_FRAME_SIZE) ||
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

/* ICC_SGI1R_EL1 value @sgi1r names the CPU of MPIDR @m in its list. */
static bool sgi1r_targets(u64 sgi1r, u64 m, u32 aff0)
{
	return ((sgi1r >> ICC_SGI1R_AFF1_SHIFT) & ICC_SGI1R_AFF_MASK) ==
		       ((m >> MPIDR_AFF1_SHIFT) & MPIDR_AFFn_MASK) &&
	       ((sgi1r >> ICC_SGI1R_AFF2_SHIFT) & ICC_SGI1R_AFF_MASK) ==
		       ((m >> MPIDR_AFF2_SHIFT) & MPIDR_AFFn_MASK) &&
	       ((sgi1r >> ICC_SGI1R_AFF3_SHIFT) & ICC_SGI1R_AFF_MASK) ==
		       ((m >> MPIDR_AFF3_SHIFT) & MPIDR_AFFn_MASK) &&
	       ((sgi1r >> ICC_SGI1R_RS_SHIFT) & ICC_SGI1R_RS_MASK) ==
		       aff0 / ICC_SGI1R_RS_SPAN &&
	       (sgi1r & ICC_SGI1R_TARGETS_MASK & BIT(aff0 % ICC_SGI1R_RS_SPAN));
}

void vgic_send_sgi(u64 sgi1r)
{
	struct cpu *self = this_cpu();
	struct zone *z = self->vcpu.zone;
	u32 sgi =
		(u32)((sgi1r >> ICC_SGI1R_INTID_SHIFT) & ICC_SGI1R_INTID_MASK);
	bool all = sgi1r & ICC_SGI1R_IRM;
	u32 i;

	if (sgi == HV_EVENT_SGI)
		return;
	for (i = 0; i < board.num_cpus; i++) {
		u64 m = cpus[i].mpidr;
		u32 aff0 = (u32)((m >> MPIDR_AFF0_SHIFT) & MPIDR_AFFn_MASK);

		if (!(z->cpus & BIT(i)))
			continue;
		if (all) {
			if (&cpus[i] == self)
				continue;
		} else {
			if (!sgi1r_targets(sgi1r, m, aff0))
				continue;
		}
		if (&cpus[i] == self) {
			arch_irq_inject(sgi, false);
		} else {
			dsb(ishst);
			write_sysreg(
				ICC_SGI1R_EL1,
				gicv3_sgi_affinity(m) |
					((u64)sgi << ICC_SGI1R_INTID_SHIFT));
		}
	}
	isb();
}
