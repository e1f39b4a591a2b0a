// SPDX-License-Identifier: GPL-2.0
/* Copyright (c) 2026 hvisor-c contributors */
/* arch_irq_* hooks: dispatch to the board's GIC, shared injection queue. */
#include <hv/bitmap.h>
#include <hv/board.h>
#include <hv/cpu.h>
#include <hv/irq.h>
#include <hv/mmio.h>
#include <hv/printk.h>
#include <hv/zone.h>
#include <asm/irqchip.h>
#include <asm/vgic.h>

static const struct irqchip_ops *chip;

void arch_irq_init(void)
{
	if (board.gic.version == 3)
		chip = &gicv3_ops;
	else if (board.gic.version == 2)
		chip = &gicv2_ops;
	else
		panic("GICv%u: no driver", board.gic.version);
	chip->init();
}

void arch_irq_cpu_init(struct cpu *c)
{
	chip->cpu_init(c);
}

void arch_irq_handle(void)
{
	chip->handle();
}

void arch_send_event_ipi(u32 target)
{
	chip->send_event_ipi(target);
}

int arch_irq_zone_init(struct zone *z)
{
	return chip->zone_init(z);
}

void irqchip_inject(u32 irq, bool hw, u32 src)
{
	struct cpu *c = this_cpu();

	if (!chip->lr_inject(c, irq, hw, src))
		bitmap64_set(c->arch.pending, irq);
}

void arch_irq_inject(u32 irq, bool hw)
{
	irqchip_inject(irq, hw, 0);
}

void arch_irq_queue_virtual(u32 cpu, u32 irq)
{
	if (cpu < HV_NCPUS && irq < 64 * ARRAY_SIZE(cpus[cpu].arch.vpending))
		__atomic_fetch_or(&cpus[cpu].arch.vpending[irq / 64],
				  BIT(irq % 64), __ATOMIC_RELEASE);
}

void arch_irq_flush(void)
{
	struct cpu *c = this_cpu();
	bool full = false;
	u32 w;

	for (w = 0; w < ARRAY_SIZE(c->arch.vpending); w++) {
		u64 p = __atomic_exchange_n(&c->arch.vpending[w], 0,
					    __ATOMIC_ACQUIRE);

		while (p) {
			u32 irq = w * 64 + (u32)__builtin_ctzll(p);

			p &= p - 1;
			/* no free list register: keep it for next time */
			if (full || !chip->lr_inject(c, irq, false, 0)) {
				full = true;
				__atomic_fetch_or(&c->arch.vpending[w],
						  BIT(irq % 64),
						  __ATOMIC_RELAXED);
			}
		}
	}
	for (w = 0; !full && w < ARRAY_SIZE(c->arch.pending); w++) {
		while (c->arch.pending[w]) {
			u32 irq = w * 64 +
				  (u32)__builtin_ctzll(c->arch.pending[w]);

			if (!chip->lr_inject(c, irq, irq >= 16, 0)) {
				full = true;
				break;
			}
			bitmap64_clear(c->arch.pending, irq);
		}
	}
	/* maintenance IRQ when the list registers drain */
	chip->underflow(full);
}

void arch_irq_vcpu_reset(void)
{
	struct cpu *c = this_cpu();
	u32 w;

	chip->lr_reset(c);
	for (w = 0; w < ARRAY_SIZE(c->arch.vpending); w++)
		__atomic_store_n(&c->arch.vpending[w], 0, __ATOMIC_RELAXED);
	for (w = 0; w < ARRAY_SIZE(c->arch.pending); w++) {
		u64 p = __atomic_exchange_n(&c->arch.pending[w], 0,
					    __ATOMIC_RELAXED);

		while (p) {
			u32 irq = w * 64 + (u32)__builtin_ctzll(p);

			p &= p - 1;
			if (irq >= 16)
				chip->deactivate(irq);
		}
	}
	chip->underflow(false);
}

void arch_irq_zone_reset(struct zone *z)
{
	u64 gicd = board.gic.gicd.base;
	u32 i;

	for (i = 32; i < chip->spi_count(); i++) {
		if (!zone_owns_irq(z, i))
			continue;
		mmio_write(gicd + GICD_ICENABLER + (i / 32) * 4, 4,
			   BIT(i % 32));
		mmio_write(gicd + GICD_ICACTIVER + (i / 32) * 4, 4,
			   BIT(i % 32));
	}
}

u32 irqchip_spi_count(void);
u32 irqchip_spi_count(void)
{
	return chip->spi_count();
}

void arch_irq_zone_config_fixup(struct zone *z)
{
	z->irq_bitmap[0] = 0; /* SGIs/PPIs are per vCPU, never owned */
}

const char *arch_irq_chip_name(void)
{
	return board.gic.version == 3 ? "GICv3" : "GICv2";
}
