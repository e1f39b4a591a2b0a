// SPDX-License-Identifier: GPL-2.0
/* Copyright (c) 2026 hvisor-c contributors */
/*
 * arch_irq_* hooks on the PLIC, and the PLIC each zone sees.
 *
 * The guest's PLIC accesses all trap (the PLIC is never mapped in a
 * G-stage).  Priorities and enables of sources the zone owns, and the
 * thresholds of the S-mode contexts of its harts, go to the physical PLIC;
 * everything else reads 0 and ignores writes.  A physical interrupt
 * reaches HS-mode as SEI: the hart claims it, marks the source pending in
 * its vCPU's virtual PLIC and raises VSEIP through hvip.  The guest's claim
 * is answered from the virtual pending set; its complete goes to the
 * physical PLIC (hardware sources only).
 */
#include <hv/bitmap.h>
#include <hv/board.h>
#include <hv/cpu.h>
#include <hv/irq.h>
#include <hv/mmio.h>
#include <hv/printk.h>
#include <hv/zone.h>
#include <asm/csr.h>
#include <asm/plic.h>
#include <asm/sbi.h>

static u64 plic_base(void)
{
	return board.irqchip.base;
}

const char *arch_irq_chip_name(void)
{
	return "PLIC";
}

void arch_irq_init(void)
{
	u32 i, w;

	if (board.irqchip.type != BOARD_IRQCHIP_PLIC)
		panic("irqchip %s (%s): only the PLIC is supported so far "
		      "(hint: AIA boards such as qemu-aia are not)",
		      board.irqchip.type == BOARD_IRQCHIP_AIA ? "aia" : "none",
		      board.irqchip.node ? board.irqchip.node : "no node");
	/* every S-mode context: nothing enabled, threshold 0 */
	for (i = 0; i < board.irqchip.num_contexts; i++) {
		const struct board_plic_context *x = &board.irqchip.contexts[i];

		if (x->mode != BOARD_PLIC_MODE_S)
			continue;
		for (w = 0; w <= board.irqchip.ndev / 32; w++)
			mmio_write(plic_base() + PLIC_ENABLE(x->id, w), 4, 0);
		mmio_write(plic_base() + PLIC_THRESHOLD(x->id), 4, 0);
	}
}

void arch_irq_cpu_init(struct cpu *c)
{
	c->arch.plic_ctx = plic_ctx_of(c->id);
	if (c->arch.plic_ctx == PLIC_NO_CONTEXT)
		printk("hvisor: CPU %u (%s): no S-mode PLIC context in the "
		       "board table: it gets no device interrupts\n",
		       c->id, board.cpus[c->id].node);
}

static void vplic_set_pending(struct cpu *c, u32 irq, bool hw)
{
	if (hw)
		bitmap64_set(c->arch.vplic_hw, irq);
	bitmap64_set(c->arch.vplic_pending, irq);
}

/* Claim every physical interrupt of this hart's context. */
static void plic_handle(struct cpu *c)
{
	struct zone *z = c->vcpu.zone;
	u64 claim = plic_base() + PLIC_CLAIM(c->arch.plic_ctx);
	u64 enable;
	u32 irq;

	if (c->arch.plic_ctx == PLIC_NO_CONTEXT)
		return;
	while ((irq = (u32)mmio_read(claim, 4)) != 0) {
		if (irq < 64 * VPLIC_WORDS && z && zone_owns_irq(z, irq) &&
		    c->vcpu.state == VCPU_ON) {
			vplic_set_pending(c, irq, true);
			continue;
		}
		/* nobody to take it here: silence it on this context */
		enable = plic_base() + PLIC_ENABLE(c->arch.plic_ctx, irq / 32);
		mmio_write(enable, 4,
			   mmio_read(enable, 4) & ~(1U << (irq % 32)));
		mmio_write(claim, 4, irq);
	}
}

void arch_irq_handle(void)
{
	struct cpu *c = this_cpu();
	u64 sip = csr_read(CSR_SIP);

	if (sip & BIT(IRQ_S_SOFT))
		csr_clear(CSR_SIP, BIT(IRQ_S_SOFT)); /* events: the caller */
	if ((sip & BIT(IRQ_S_TIMER)) &&
	    (csr_read(CSR_SIE) & BIT(IRQ_S_TIMER))) {
		/* the guest's timer without Sstc: fired */
		csr_set(CSR_HVIP, BIT(IRQ_VS_TIMER));
		csr_clear(CSR_SIE, BIT(IRQ_S_TIMER));
	}
	if (sip & BIT(IRQ_S_EXT))
		plic_handle(c);
}

void arch_send_event_ipi(u32 target)
{
	sbi_call(SBI_EXT_IPI, 0, 1, board.cpus[target].hartid, 0, 0, 0);
}

void arch_irq_inject(u32 irq, bool hw)
{
	if (irq < 64 * VPLIC_WORDS)
		vplic_set_pending(this_cpu(), irq, hw);
}

void arch_irq_queue_virtual(u32 cpu, u32 irq)
{
	if (cpu < HV_NCPUS && irq < 64 * VPLIC_WORDS)
		bitmap64_set(cpus[cpu].arch.vplic_pending, irq);
}

void arch_irq_flush(void)
{
	struct cpu *c = this_cpu();
	bool any = false;
	u32 w;

	if (__atomic_exchange_n(&c->arch.vipi, 0, __ATOMIC_ACQ_REL))
		csr_set(CSR_HVIP, BIT(IRQ_VS_SOFT));
	for (w = 0; w < VPLIC_WORDS; w++)
		if (__atomic_load_n(&c->arch.vplic_pending[w],
				    __ATOMIC_RELAXED))
			any = true;
	if (any)
		csr_set(CSR_HVIP, BIT(IRQ_VS_EXT));
	else
		csr_clear(CSR_HVIP, BIT(IRQ_VS_EXT));
}

void arch_irq_vcpu_reset(void)
{
	struct cpu *c = this_cpu();
	u32 w;

	for (w = 0; w < VPLIC_WORDS; w++) {
		u64 active = c->arch.vplic_hw_active[w] |
			     (c->arch.vplic_pending[w] & c->arch.vplic_hw[w]);

		/* complete what the guest will never complete */
		while (active && c->arch.plic_ctx != PLIC_NO_CONTEXT) {
			u32 irq = w * 64 + (u32)__builtin_ctzll(active);

			active &= active - 1;
			mmio_write(plic_base() + PLIC_CLAIM(c->arch.plic_ctx),
				   4, irq);
		}
		c->arch.vplic_pending[w] = 0;
		c->arch.vplic_hw[w] = 0;
		c->arch.vplic_hw_active[w] = 0;
	}
	c->arch.vipi = 0;
	csr_write(CSR_HVIP, 0);
}

/* --- the zone's PLIC --- */

static u32 vplic_claim(struct cpu *c)
{
	u32 w;

	for (w = 0; w < VPLIC_WORDS; w++) {
		u64 p = __atomic_load_n(&c->arch.vplic_pending[w],
					__ATOMIC_ACQUIRE);

		if (p) {
			u32 irq = w * 64 + (u32)__builtin_ctzll(p);

			bitmap64_clear(c->arch.vplic_pending, irq);
			if (bitmap64_test(c->arch.vplic_hw, irq)) {
				bitmap64_clear(c->arch.vplic_hw, irq);
				bitmap64_set(c->arch.vplic_hw_active, irq);
			}
			return irq;
		}
	}
	return 0;
}

static void vplic_complete(struct cpu *c, u32 irq)
{
	if (irq >= 64 * VPLIC_WORDS ||
	    !bitmap64_test(c->arch.vplic_hw_active, irq))
		return;
	bitmap64_clear(c->arch.vplic_hw_active, irq);
	mmio_write(plic_base() + PLIC_CLAIM(c->arch.plic_ctx), 4, irq);
}

static int vplic_access(struct zone *z, struct mmio_access *acc, void *arg)
{
	struct cpu *c = this_cpu();
	u64 off = acc->offset & ~3ULL;
	u64 pa = plic_base() + off;
	u64 v = 0;

	(void)arg;
	if (off < PLIC_PENDING_BASE) {
		u32 irq = (u32)(off / 4);
		bool mine = irq >= 1 && irq <= board.irqchip.ndev &&
			    zone_owns_irq(z, irq);

		if (mine && acc->is_write)
			mmio_write(pa, 4, acc->value);
		else if (mine)
			v = mmio_read(pa, 4);
	} else if (off < PLIC_ENABLE_BASE) {
		if (!acc->is_write)
			v = mmio_read(pa, 4) &
			    plic_owned_mask(
				    z, (u32)((off - PLIC_PENDING_BASE) / 4));
	} else if (off < PLIC_CONTEXT_BASE) {
		u32 ctx = (u32)((off - PLIC_ENABLE_BASE) / PLIC_ENABLE_STRIDE);
		u32 w = (u32)((off % PLIC_ENABLE_STRIDE) / 4);

		if (plic_zone_ctx_hart(z, ctx) >= 0 &&
		    w * 32 <= board.irqchip.ndev) {
			if (acc->is_write)
				mmio_write(pa, 4,
					   acc->value & plic_owned_mask(z, w));
			else
				v = mmio_read(pa, 4) & plic_owned_mask(z, w);
		}
	} else {
		u32 ctx =
			(u32)((off - PLIC_CONTEXT_BASE) / PLIC_CONTEXT_STRIDE);
		u64 reg = off % PLIC_CONTEXT_STRIDE;

		if (plic_zone_ctx_hart(z, ctx) < 0) {
			/* not the zone's: reads 0 */
		} else if (reg == 0) {
			if (acc->is_write)
				mmio_write(pa, 4, acc->value);
			else
				v = mmio_read(pa, 4);
		} else if (reg == 4 && ctx == c->arch.plic_ctx) {
			if (acc->is_write)
				vplic_complete(c, (u32)acc->value);
			else
				v = vplic_claim(c);
		}
	}
	if (!acc->is_write)
		acc->value = v;
	return 0;
}

int arch_irq_zone_init(struct zone *z)
{
	return mmio_register(z, board.irqchip.base, board.irqchip.size,
			     vplic_access, NULL);
}

void arch_irq_zone_reset(struct zone *z)
{
	u32 i, w;

	/* the zone's sources: disabled on every S-mode context, priority 0 */
	for (i = 0; i < board.irqchip.num_contexts; i++) {
		const struct board_plic_context *x = &board.irqchip.contexts[i];

		if (x->mode != BOARD_PLIC_MODE_S)
			continue;
		for (w = 0; w <= board.irqchip.ndev / 32; w++) {
			u64 e = plic_base() + PLIC_ENABLE(x->id, w);

			mmio_write(e, 4,
				   mmio_read(e, 4) & ~plic_owned_mask(z, w));
		}
	}
	for (i = 1; i <= board.irqchip.ndev; i++)
		if (zone_owns_irq(z, i))
			mmio_write(plic_base() + 4ULL * i, 4, 0);
}

void arch_irq_zone_config_fixup(struct zone *z)
{
	bitmap32_clear(z->irq_bitmap, 0); /* PLIC source 0 does not exist */
}
