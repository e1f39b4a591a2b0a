// SPDX-License-Identifier: GPL-2.0
/* Copyright (c) 2026 hvisor-c contributors */
/*
 * GICv3 at EL2: the distributor and redistributors belong to the
 * hypervisor; every physical IRQ is taken at EL2 (HCR_EL2.IMO/FMO) and
 * injected into the running vCPU through the list registers, linked to the
 * physical INTID (HW bit) for PPIs and SPIs so the guest's EOI deactivates
 * it.  SGIs are injected as pure virtual interrupts.  When the list
 * registers are full the rest waits in a per-CPU bitmap and the
 * maintenance interrupt (underflow) brings the vCPU back to refill them.
 */
#include <hv/bitmap.h>
#include <hv/board.h>
#include <hv/cpu.h>
#include <hv/irq.h>
#include <hv/mmio.h>
#include <hv/printk.h>
#include <hv/zone.h>
#include <asm/irqchip.h>
#include <asm/sysreg.h>
#include <asm/vgic.h>

#define LR_STATE_PENDING (1ULL << 62)
#define LR_STATE_MASK (3ULL << 62)
#define LR_HW (1ULL << 61)
#define LR_GROUP1 (1ULL << 60)
#define LR_PRIO(p) ((u64)(p) << 48)
#define LR_PINTID(n) ((u64)(n) << 32)
#define ICH_HCR_EN BIT(0)
#define ICH_HCR_UIE BIT(1)

static u32 spi_count; /* INTIDs 32..spi_count-1 exist */

#define LR_CASE(n)                                                             \
	case n:                                                                \
		return read_sysreg(ICH_LR##n##_EL2)
static u64 lr_read(u32 i)
{
	switch (i) {
		LR_CASE(0);
		LR_CASE(1);
		LR_CASE(2);
		LR_CASE(3);
		LR_CASE(4);
		LR_CASE(5);
		LR_CASE(6);
		LR_CASE(7);
		LR_CASE(8);
		LR_CASE(9);
		LR_CASE(10);
		LR_CASE(11);
		LR_CASE(12);
		LR_CASE(13);
		LR_CASE(14);
		LR_CASE(15);
	}
	return 0;
}
#undef LR_CASE

#define LR_CASE(n)                                                             \
	case n:                                                                \
		write_sysreg(ICH_LR##n##_EL2, v);                              \
		break
static void lr_write(u32 i, u64 v)
{
	switch (i) {
		LR_CASE(0);
		LR_CASE(1);
		LR_CASE(2);
		LR_CASE(3);
		LR_CASE(4);
		LR_CASE(5);
		LR_CASE(6);
		LR_CASE(7);
		LR_CASE(8);
		LR_CASE(9);
		LR_CASE(10);
		LR_CASE(11);
		LR_CASE(12);
		LR_CASE(13);
		LR_CASE(14);
		LR_CASE(15);
	}
}
#undef LR_CASE

static u64 gicd(void)
{
	return board.gic.gicd.base;
}

static void gicd_wait_rwp(void)
{
	u32 n = 1000000;

	while ((mmio_read(gicd() + GICD_CTLR, 4) & GICD_CTLR_RWP) && --n)
		;
}

u64 gicv3_sgi_affinity(u64 mpidr)
{
	u64 aff0 = mpidr & 0xf; /* TargetList bit: Aff0 < 16 assumed */

	return (((mpidr >> 32) & 0xff) << 48) | (((mpidr >> 16) & 0xff) << 32) |
	       (((mpidr >> 8) & 0xff) << 16) | (1ULL << aff0) |
	       (((mpidr & 0xff) >> 4) << 44); /* RS: Aff0 range */
}

static void gicv3_init(void)
{
	u32 i, lines;

	lines = (u32)(((mmio_read(gicd() + GICD_TYPER, 4) & 0x1f) + 1) * 32);
	spi_count = lines > 1020 ? 1020 : lines;
	mmio_write(gicd() + GICD_CTLR, 4, 0);
	gicd_wait_rwp();
	for (i = 32; i < spi_count; i += 32) {
		mmio_write(gicd() + GICD_IGROUPR + i / 8, 4, ~0U);
		mmio_write(gicd() + GICD_ICENABLER + i / 8, 4, ~0U);
		mmio_write(gicd() + GICD_ICACTIVER + i / 8, 4, ~0U);
		mmio_write(gicd() + GICD_ICPENDR + i / 8, 4, ~0U);
	}
	for (i = 32; i < spi_count; i += 4)
		mmio_write(gicd() + GICD_IPRIORITYR + i, 4, 0xa0a0a0a0U);
	for (i = 32; i < spi_count; i++)
		mmio_write(gicd() + GICD_IROUTER + i * 8, 8,
			   board.cpus[0].mpidr & MPIDR_AFF_MASK);
	gicd_wait_rwp();
	/* ARE, EnableGrp1 (and Grp1A on a secure-aware GIC) */
	mmio_write(gicd() + GICD_CTLR, 4, BIT(4) | BIT(1) | BIT(0));
	gicd_wait_rwp();
}

static u64 find_redist(u64 mpidr)
{
	u64 aff = ((mpidr >> 8) & 0xff000000ULL) | (mpidr & 0xffffffULL);
	u64 rd = board.gic.gicr.base;
	u64 end = rd + board.gic.gicr.size;

	for (; rd < end; rd += board.gic.gicr_stride) {
		u64 typer = mmio_read(rd + GICR_TYPER, 8);

		if ((typer >> 32) == aff)
			return rd;
		if (typer & GICR_TYPER_LAST)
			break;
	}
	return 0;
}

static void gicv3_cpu_init(struct cpu *c)
{
	u64 rd = find_redist(c->mpidr);
	u32 i, n;

	if (!rd)
		panic("CPU %u: no GIC redistributor for MPIDR 0x%llx", c->id,
		      (unsigned long long)c->mpidr);
	c->arch.rd_base = rd;
	/* wake the redistributor */
	mmio_write(rd + GICR_WAKER, 4, mmio_read(rd + GICR_WAKER, 4) & ~2U);
	for (n = 1000000; (mmio_read(rd + GICR_WAKER, 4) & 4) && n; n--)
		;
	mmio_write(rd + GICR_IGROUPR0, 4, ~0U);
	mmio_write(rd + GICR_ICENABLER0, 4, ~0U);
	mmio_write(rd + GICR_ICACTIVER0, 4, ~0U);
	for (i = 0; i < 32; i += 4)
		mmio_write(rd + GICR_IPRIORITYR0 + i, 4, 0xa0a0a0a0U);
	mmio_write(rd + GICR_ISENABLER0, 4,
		   BIT(HV_EVENT_SGI) | BIT(board.gic.maintenance_irq));

	/* CPU interface: system registers, EOImode 1 (drop, then DIR) */
	write_sysreg(ICC_SRE_EL2, 0xfULL);
	isb();
	write_sysreg(ICC_PMR_EL1, 0xffULL);
	write_sysreg(ICC_BPR1_EL1, 0ULL);
	write_sysreg(ICC_CTLR_EL1, 2ULL);
	write_sysreg(ICC_IGRPEN1_EL1, 1ULL);
	isb();

	c->arch.num_lrs = (u32)(read_sysreg(ICH_VTR_EL2) & 0x1f) + 1;
	for (i = 0; i < c->arch.num_lrs; i++)
		lr_write(i, 0);
	write_sysreg(ICH_AP0R0_EL2, 0ULL);
	write_sysreg(ICH_AP1R0_EL2, 0ULL);
	write_sysreg(ICH_VMCR_EL2, (0xffULL << 24) | BIT(1)); /* VPMR, VENG1 */
	write_sysreg(ICH_HCR_EL2, ICH_HCR_EN);
	isb();
}

static void gicv3_send_event_ipi(u32 target)
{
	u64 v = gicv3_sgi_affinity(cpus[target].mpidr) |
		((u64)HV_EVENT_SGI << 24);

	dsb(ishst);
	write_sysreg(ICC_SGI1R_EL1, v);
	isb();
}

/* Put @irq in a free list register; false if none is free. */
static bool lr_inject(struct cpu *c, u32 irq, bool hw, u32 src)
{
	u64 elrsr = read_sysreg(ICH_ELRSR_EL2), lr;
	u32 i, free_lr = c->arch.num_lrs;

	(void)src; /* GICv3 list registers carry no SGI source */
	for (i = 0; i < c->arch.num_lrs; i++) {
		if (elrsr & BIT(i)) {
			if (free_lr == c->arch.num_lrs)
				free_lr = i;
			continue;
		}
		lr = lr_read(i);
		if ((lr & 0xffffffffULL) != irq)
			continue;
		/* already pending there: SGIs coalesce like the real thing */
		if (lr & LR_STATE_PENDING)
			return true;
		/* active, virtual only: pending again in the same LR (one
		 * vINTID in two list registers is UNPREDICTABLE) */
		if (!hw && !(lr & LR_HW)) {
			lr_write(i, lr | LR_STATE_PENDING);
			return true;
		}
	}
	if (free_lr == c->arch.num_lrs)
		return false;
	lr_write(free_lr, irq | LR_GROUP1 | LR_STATE_PENDING |
				  LR_PRIO(DEFAULT_PRIO) |
				  (hw ? LR_HW | LR_PINTID(irq) : 0));
	return true;
}

static void gicv3_underflow(bool on)
{
	write_sysreg(ICH_HCR_EL2, ICH_HCR_EN | (on ? ICH_HCR_UIE : 0));
}

static void gicv3_deactivate(u32 irq)
{
	write_sysreg(ICC_DIR_EL1, irq);
}

static void gicv3_lr_reset(struct cpu *c)
{
	u32 i;

	/* deactivate physical IRQs still linked to a list register */
	for (i = 0; i < c->arch.num_lrs; i++) {
		u64 lr = lr_read(i);

		if ((lr & LR_HW) && (lr & LR_STATE_MASK))
			write_sysreg(ICC_DIR_EL1, (lr >> 32) & 0x1fff);
		lr_write(i, 0);
	}
	write_sysreg(ICH_AP0R0_EL2, 0ULL);
	write_sysreg(ICH_AP1R0_EL2, 0ULL);
	write_sysreg(ICH_VMCR_EL2, (0xffULL << 24) | BIT(1));
	isb();
}

static void gicv3_handle(void)
{
	struct cpu *c = this_cpu();

	for (;;) {
		u32 irq = (u32)(read_sysreg(ICC_IAR1_EL1) & 0xffffff);
		bool running = c->vcpu.state == VCPU_ON;

		if (irq >= 1020 && irq <= 1023)
			break;
		write_sysreg(ICC_EOIR1_EL1, irq); /* priority drop */
		if (irq == HV_EVENT_SGI || irq == board.gic.maintenance_irq) {
			write_sysreg(ICC_DIR_EL1, irq);
			continue; /* events and LR refill run on the way out */
		}
		if (irq < 16) {
			write_sysreg(ICC_DIR_EL1, irq);
			if (running)
				arch_irq_inject(irq, false);
			continue;
		}
		if (running && (irq < 32 || zone_owns_irq(c->vcpu.zone, irq))) {
			/* HW-linked: the guest's deactivation ends it */
			arch_irq_inject(irq, true);
			continue;
		}
		/* a PPI of a parked vCPU (level: it would fire again at
		 * once): off until the next guest on this CPU enables it */
		if (irq >= 16 && irq < 32 && !running)
			mmio_write(c->arch.rd_base + GICR_ICENABLER0, 4,
				   BIT(irq));
		write_sysreg(ICC_DIR_EL1, irq); /* nobody to take it */
	}
}

static u32 gicv3_spi_count(void)
{
	return spi_count;
}

int gicv3_zone_init(struct zone *z);

const struct irqchip_ops gicv3_ops = {
	.init = gicv3_init,
	.cpu_init = gicv3_cpu_init,
	.handle = gicv3_handle,
	.lr_inject = lr_inject,
	.underflow = gicv3_underflow,
	.lr_reset = gicv3_lr_reset,
	.deactivate = gicv3_deactivate,
	.send_event_ipi = gicv3_send_event_ipi,
	.zone_init = gicv3_zone_init,
	.spi_count = gicv3_spi_count,
};
