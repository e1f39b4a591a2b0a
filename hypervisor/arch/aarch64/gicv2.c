// SPDX-License-Identifier: GPL-2.0
/* Copyright (c) 2026 hvisor-c contributors */
/*
 * GICv2 at EL2: the same model as GICv3 (physical IRQs taken at EL2 and
 * injected through list registers, HW-linked for PPIs and owned SPIs), with
 * the memory-mapped interfaces: GICC for the hypervisor's own acknowledge
 * and deactivate, GICH for the list registers, and GICV mapped into each
 * zone's stage 2 at the GICC address its DT names.
 */
#include <hv/board.h>
#include <hv/cpu.h>
#include <hv/irq.h>
#include <hv/mmio.h>
#include <hv/printk.h>
#include <hv/zone.h>
#include <asm/gicv2.h>
#include <asm/irqchip.h>
#include <asm/sysreg.h>
#include <asm/vgic.h>

static u32 spi_count;

static u64 gicc(void)
{
	return gicv2_cpu_if(&board.gic);
}

static u64 gich(void)
{
	return board.gic.gich.base;
}

static u64 gicd(void)
{
	return board.gic.gicd.base;
}

static void gicv2_init(void)
{
	u32 i, lines;

	if (!board.gic.gicc.size || !board.gic.gich.size ||
	    !board.gic.gicv.size)
		panic("GICv2 board without GICC/GICH/GICV frames");
	lines = gicd_typer_intids(mmio_read(gicd() + GICD_TYPER, 4));
	spi_count = lines > GIC_INTID_SPECIAL ? GIC_INTID_SPECIAL : lines;
	mmio_write(gicd() + GICD_CTLR, 4, 0);
	for (i = 32; i < spi_count; i += 32) {
		mmio_write(gicd() + GICD_IGROUPR + i / 8, 4, 0);
		mmio_write(gicd() + GICD_ICENABLER + i / 8, 4, ~0U);
		mmio_write(gicd() + GICD_ICACTIVER + i / 8, 4, ~0U);
		mmio_write(gicd() + GICD_ICPENDR + i / 8, 4, ~0U);
	}
	for (i = 32; i < spi_count; i += 4) {
		mmio_write(gicd() + GICD_IPRIORITYR + i, 4,
			   GICD_EACH_BYTE(DEFAULT_PRIO));
		mmio_write(gicd() + GICD_ITARGETSR + i, 4,
			   GICD_EACH_BYTE(GICD_ITARGETSR_CPU(0)));
	}
	mmio_write(gicd() + GICD_CTLR, 4, GICD_V2_CTLR_ENABLE);
}

static void gicv2_cpu_init(struct cpu *c)
{
	u64 vtr;
	u32 i;

	/* banked ITARGETSR0: this CPU's interface bit */
	c->arch.gic_if = (u32)mmio_read(gicd() + GICD_ITARGETSR, 4) &
			 GICD_ITARGETSR_TARGETS_MASK;
	mmio_write(gicd() + GICD_IGROUPR, 4, 0);
	mmio_write(gicd() + GICD_ICENABLER, 4, ~0U);
	mmio_write(gicd() + GICD_ICACTIVER, 4, ~0U);
	for (i = 0; i < 32; i += 4)
		mmio_write(gicd() + GICD_IPRIORITYR + i, 4,
			   GICD_EACH_BYTE(DEFAULT_PRIO));
	mmio_write(gicd() + GICD_ISENABLER, 4,
		   BIT(HV_EVENT_SGI) | BIT(board.gic.maintenance_irq));
	mmio_write(gicc() + GICC_PMR, 4, GIC_PMR_UNMASKED);
	mmio_write(gicc() + GICC_BPR, 4, 0);
	mmio_write(gicc() + GICC_CTLR, 4,
		   GICC_CTLR_EN_GRP0 | GICC_CTLR_EOIMODE);

	vtr = mmio_read(gich() + GICH_VTR, 4);
	c->arch.num_lrs = (u32)(vtr & GICH_VTR_LISTREGS_MASK) + 1;
	if (c->arch.num_lrs > GICH_LR_MAX)
		c->arch.num_lrs = GICH_LR_MAX;
	for (i = 0; i < c->arch.num_lrs; i++)
		mmio_write(gich() + GICH_LR(i), 4, 0);
	mmio_write(gich() + GICH_APR, 4, 0);
	mmio_write(gich() + GICH_VMCR, 4, 0);
	mmio_write(gich() + GICH_HCR, 4, GICH_HCR_EN);
}

static void gicv2_send_event_ipi(u32 target)
{
	dsb(ishst);
	mmio_write(gicd() + GICD_SGIR, 4,
		   (cpus[target].arch.gic_if << GICD_SGIR_TARGETS_SHIFT) |
			   HV_EVENT_SGI);
}

static u64 elrsr(void)
{
	return mmio_read(gich() + GICH_ELRSR0, 4) |
	       (mmio_read(gich() + GICH_ELRSR1, 4) << GICH_ELRSR_LRS);
}

static bool gicv2_lr_inject(struct cpu *c, u32 irq, bool hw, u32 src)
{
	u64 free_map = elrsr();
	u32 i, free_lr = c->arch.num_lrs;

	for (i = 0; i < c->arch.num_lrs; i++) {
		u32 lr;

		if (free_map & BIT(i)) {
			if (free_lr == c->arch.num_lrs)
				free_lr = i;
			continue;
		}
		lr = (u32)mmio_read(gich() + GICH_LR(i), 4);
		if ((lr & GICH_LR_VIRTUALID_MASK) != irq)
			continue;
		if (lr & GICH_LR_STATE_PENDING)
			return true;
		/* active, virtual-only SPI: pending again in the same LR */
		if (!hw && irq >= GIC_SGI_COUNT && !(lr & GICH_LR_HW)) {
			mmio_write(gich() + GICH_LR(i), 4,
				   lr | GICH_LR_STATE_PENDING);
			return true;
		}
	}
	if (free_lr == c->arch.num_lrs)
		return false;
	/* HW-linked: the physical INTID; an SGI: its source CPU */
	mmio_write(
		gich() + GICH_LR(free_lr), 4,
		irq | GICH_LR_STATE_PENDING | GICH_LR_PRIORITY(DEFAULT_PRIO) |
			(hw ? GICH_LR_HW | GICH_LR_PHYSICALID(irq)
			    : (irq < GIC_SGI_COUNT ? GICH_LR_CPUID(src) : 0)));
	return true;
}

static void gicv2_underflow(bool on)
{
	mmio_write(gich() + GICH_HCR, 4, GICH_HCR_EN | (on ? GICH_HCR_UIE : 0));
}

static void gicv2_deactivate(u32 irq)
{
	mmio_write(gicc() + GICC_DIR, 4, irq);
}

static void gicv2_lr_reset(struct cpu *c)
{
	u32 i;

	for (i = 0; i < c->arch.num_lrs; i++) {
		u32 lr = (u32)mmio_read(gich() + GICH_LR(i), 4);

		if ((lr & GICH_LR_HW) && (lr & GICH_LR_STATE_MASK))
			gicv2_deactivate(gich_lr_physicalid(lr));
		mmio_write(gich() + GICH_LR(i), 4, 0);
	}
	mmio_write(gich() + GICH_APR, 4, 0);
	mmio_write(gich() + GICH_VMCR, 4, 0);
}

static void gicv2_handle(void)
{
	struct cpu *c = this_cpu();

	for (;;) {
		u32 iar = (u32)mmio_read(gicc() + GICC_IAR, 4);
		u32 irq = iar & GICC_IAR_INTID_MASK;
		bool running = c->vcpu.state == VCPU_ON;

		if (irq >= GIC_INTID_SPECIAL)
			break;
		mmio_write(gicc() + GICC_EOIR, 4, iar); /* priority drop */
		if (irq == HV_EVENT_SGI || irq == board.gic.maintenance_irq) {
			mmio_write(gicc() + GICC_DIR, 4, iar);
			continue;
		}
		if (irq < GIC_SGI_COUNT) {
			mmio_write(gicc() + GICC_DIR, 4, iar);
			if (running)
				irqchip_inject(irq, false,
					       (iar >> GICC_IAR_CPUID_SHIFT) &
						       GICC_IAR_CPUID_MASK);
			continue;
		}
		if (running &&
		    (irq < GIC_SPI_FIRST || zone_owns_irq(c->vcpu.zone, irq))) {
			irqchip_inject(irq, true, 0);
			continue;
		}
		/* a PPI of a parked vCPU: off (banked per CPU) until the next
		 * guest on this CPU enables it, or it would fire forever */
		if (irq >= GIC_SGI_COUNT && irq < GIC_SPI_FIRST && !running)
			mmio_write(board.gic.gicd.base + GICD_ICENABLER, 4,
				   BIT(irq));
		mmio_write(gicc() + GICC_DIR, 4, iar);
	}
}

static u32 gicv2_spi_count(void)
{
	return spi_count;
}

int gicv2_zone_init(struct zone *z);

const struct irqchip_ops gicv2_ops = {
	.init = gicv2_init,
	.cpu_init = gicv2_cpu_init,
	.handle = gicv2_handle,
	.lr_inject = gicv2_lr_inject,
	.underflow = gicv2_underflow,
	.lr_reset = gicv2_lr_reset,
	.deactivate = gicv2_deactivate,
	.send_event_ipi = gicv2_send_event_ipi,
	.zone_init = gicv2_zone_init,
	.spi_count = gicv2_spi_count,
};
