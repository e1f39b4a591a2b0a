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
#include <asm/gicv3.h>
#include <asm/irqchip.h>
#include <asm/sysreg.h>
#include <asm/vgic.h>

/* VPMR all open, virtual Group 1 on: the vCPU's interface after reset */
#define ICH_VMCR_RESET                                                         \
	(((u64)GIC_PMR_UNMASKED << ICH_VMCR_VPMR_SHIFT) | ICH_VMCR_VENG1)

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
	/* TargetList bit: Aff0 % 16; RS, the range of 16: Aff0 / 16 */
	u64 target = mpidr & (ICC_SGI1R_RS_SPAN - 1);

	return (((mpidr >> MPIDR_AFF3_SHIFT) & MPIDR_AFFn_MASK)
		<< ICC_SGI1R_AFF3_SHIFT) |
	       (((mpidr >> MPIDR_AFF2_SHIFT) & MPIDR_AFFn_MASK)
		<< ICC_SGI1R_AFF2_SHIFT) |
	       (((mpidr >> MPIDR_AFF1_SHIFT) & MPIDR_AFFn_MASK)
		<< ICC_SGI1R_AFF1_SHIFT) |
	       BIT(target) |
	       ((((mpidr >> MPIDR_AFF0_SHIFT) & MPIDR_AFFn_MASK) /
		 ICC_SGI1R_RS_SPAN)
		<< ICC_SGI1R_RS_SHIFT);
}

static void gicv3_init(void)
{
	u32 i, lines;

	lines = gicd_typer_intids(mmio_read(gicd() + GICD_TYPER, 4));
	spi_count = lines > GIC_INTID_SPECIAL ? GIC_INTID_SPECIAL : lines;
	mmio_write(gicd() + GICD_CTLR, 4, 0);
	gicd_wait_rwp();
	for (i = 32; i < spi_count; i += 32) {
		mmio_write(gicd() + GICD_IGROUPR + i / 8, 4, ~0U);
		mmio_write(gicd() + GICD_ICENABLER + i / 8, 4, ~0U);
		mmio_write(gicd() + GICD_ICACTIVER + i / 8, 4, ~0U);
		mmio_write(gicd() + GICD_ICPENDR + i / 8, 4, ~0U);
	}
	for (i = 32; i < spi_count; i += 4)
		mmio_write(gicd() + GICD_IPRIORITYR + i, 4,
			   GICD_EACH_BYTE(DEFAULT_PRIO));
	for (i = 32; i < spi_count; i++)
		mmio_write(gicd() + GICD_IROUTER + i * 8, 8,
			   board.cpus[0].mpidr & MPIDR_AFF_MASK);
	gicd_wait_rwp();
	mmio_write(gicd() + GICD_CTLR, 4,
		   GICD_CTLR_ARE_NS | GICD_CTLR_ENABLE_GRP1A |
			   GICD_CTLR_ENABLE_GRP1);
	gicd_wait_rwp();
}

static u64 find_redist(u64 mpidr)
{
	/* GICR_TYPER's Affinity_Value: Aff3 moves down next to Aff2 */
	u64 aff = ((mpidr >> (MPIDR_AFF3_SHIFT - GICR_AFFINITY_AFF3_SHIFT)) &
		   (MPIDR_AFFn_MASK << GICR_AFFINITY_AFF3_SHIFT)) |
		  (mpidr & MPIDR_AFF2_AFF0_MASK);
	u64 rd = board.gic.gicr.base;
	u64 end = rd + board.gic.gicr.size;

	for (; rd < end; rd += board.gic.gicr_stride) {
		u64 typer = mmio_read(rd + GICR_TYPER, 8);

		if ((typer >> GICR_TYPER_AFFINITY_SHIFT) == aff)
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
	mmio_write(rd + GICR_WAKER, 4,
		   mmio_read(rd + GICR_WAKER, 4) &
			   ~(u32)GICR_WAKER_PROCESSOR_SLEEP);
	for (n = 1000000;
	     (mmio_read(rd + GICR_WAKER, 4) & GICR_WAKER_CHILDREN_ASLEEP) && n;
	     n--)
		;
	mmio_write(rd + GICR_IGROUPR0, 4, ~0U);
	mmio_write(rd + GICR_ICENABLER0, 4, ~0U);
	mmio_write(rd + GICR_ICACTIVER0, 4, ~0U);
	for (i = 0; i < 32; i += 4)
		mmio_write(rd + GICR_IPRIORITYR0 + i, 4,
			   GICD_EACH_BYTE(DEFAULT_PRIO));
	mmio_write(rd + GICR_ISENABLER0, 4,
		   BIT(HV_EVENT_SGI) | BIT(board.gic.maintenance_irq));

	/* CPU interface: system registers, EOImode 1 (drop, then DIR) */
	write_sysreg(ICC_SRE_EL2, ICC_SRE_EL2_SRE | ICC_SRE_EL2_DFB |
					  ICC_SRE_EL2_DIB | ICC_SRE_EL2_ENABLE);
	isb();
	write_sysreg(ICC_PMR_EL1, GIC_PMR_UNMASKED);
	write_sysreg(ICC_BPR1_EL1, 0ULL);
	write_sysreg(ICC_CTLR_EL1, ICC_CTLR_EOIMODE);
	write_sysreg(ICC_IGRPEN1_EL1, ICC_IGRPEN1_ENABLE);
	isb();

	c->arch.num_lrs =
		(u32)(read_sysreg(ICH_VTR_EL2) & ICH_VTR_LISTREGS_MASK) + 1;
	for (i = 0; i < c->arch.num_lrs; i++)
		lr_write(i, 0);
	write_sysreg(ICH_AP0R0_EL2, 0ULL);
	write_sysreg(ICH_AP1R0_EL2, 0ULL);
	write_sysreg(ICH_VMCR_EL2, ICH_VMCR_RESET);
	write_sysreg(ICH_HCR_EL2, ICH_HCR_EN);
	isb();
}

static void gicv3_send_event_ipi(u32 target)
{
	u64 v = gicv3_sgi_affinity(cpus[target].mpidr) |
		((u64)HV_EVENT_SGI << ICC_SGI1R_INTID_SHIFT);

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
		if ((lr & ICH_LR_VINTID_MASK) != irq)
			continue;
		/* already pending there: SGIs coalesce like the real thing */
		if (lr & ICH_LR_STATE_PENDING)
			return true;
		/* active, virtual only: pending again in the same LR (one
		 * vINTID in two list registers is UNPREDICTABLE) */
		if (!hw && !(lr & ICH_LR_HW)) {
			lr_write(i, lr | ICH_LR_STATE_PENDING);
			return true;
		}
	}
	if (free_lr == c->arch.num_lrs)
		return false;
	lr_write(free_lr, irq | ICH_LR_GROUP1 | ICH_LR_STATE_PENDING |
				  ICH_LR_PRIORITY(DEFAULT_PRIO) |
				  (hw ? ICH_LR_HW | ICH_LR_PINTID(irq) : 0));
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

		if ((lr & ICH_LR_HW) && (lr & ICH_LR_STATE_MASK))
			write_sysreg(ICC_DIR_EL1, ich_lr_pintid(lr));
		lr_write(i, 0);
	}
	write_sysreg(ICH_AP0R0_EL2, 0ULL);
	write_sysreg(ICH_AP1R0_EL2, 0ULL);
	write_sysreg(ICH_VMCR_EL2, ICH_VMCR_RESET);
	isb();
}

static void gicv3_handle(void)
{
	struct cpu *c = this_cpu();

	for (;;) {
		u32 irq = (u32)(read_sysreg(ICC_IAR1_EL1) & ICC_IAR_INTID_MASK);
		bool running = c->vcpu.state == VCPU_ON;

		if (irq >= GIC_INTID_SPECIAL && irq <= GIC_INTID_SPECIAL_LAST)
			break;
		write_sysreg(ICC_EOIR1_EL1, irq); /* priority drop */
		if (irq == HV_EVENT_SGI || irq == board.gic.maintenance_irq) {
			write_sysreg(ICC_DIR_EL1, irq);
			continue; /* events and LR refill run on the way out */
		}
		if (irq < GIC_SGI_COUNT) {
			write_sysreg(ICC_DIR_EL1, irq);
			if (running)
				arch_irq_inject(irq, false);
			continue;
		}
		if (running &&
		    (irq < GIC_SPI_FIRST || zone_owns_irq(c->vcpu.zone, irq))) {
			/* HW-linked: the guest's deactivation ends it */
			arch_irq_inject(irq, true);
			continue;
		}
		/* a PPI of a parked vCPU (level: it would fire again at
		 * once): off until the next guest on this CPU enables it */
		if (irq >= GIC_SGI_COUNT && irq < GIC_SPI_FIRST && !running)
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
