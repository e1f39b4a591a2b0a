// SPDX-License-Identifier: GPL-2.0
/* Copyright (c) 2026 hvisor-c contributors */
/* Exceptions taken to EL2: guest traps, physical IRQs, hypervisor faults. */
#include <hv/board.h>
#include <hv/cpu.h>
#include <hv/hypercall.h>
#include <hv/irq.h>
#include <hv/mmio.h>
#include <hv/printk.h>
#include <hv/zone.h>
#include <asm/psci.h>
#include <asm/sysreg.h>
#include <asm/vgic.h>

void trap_guest_sync(struct trap_frame *f);
void trap_guest_irq(struct trap_frame *f);
void trap_guest_other(struct trap_frame *f);
void trap_el2_fault(struct trap_frame *f);

static u32 vcpu_index(const struct cpu *c)
{
	const struct zone *z = c->vcpu.zone;

	return (u32)__builtin_popcountll(z->cpus & (BIT(c->id) - 1));
}

static void unknown_trap(struct trap_frame *f, const char *what)
{
	struct cpu *c = this_cpu();
	struct zone *z = c->vcpu.zone;

	printk("hvisor: zone %u (%s) vcpu %u: %s, esr 0x%llx (EC 0x%llx) "
	       "pc 0x%llx\n",
	       z->id, z->name, vcpu_index(c), what,
	       (unsigned long long)read_sysreg(esr_el2),
	       (unsigned long long)ESR_EC(read_sysreg(esr_el2)),
	       (unsigned long long)f->elr);
	arch_dump_frame(f);
	zone_stop(z, HVISOR_ZONE_STOP_FAULT, what);
}

static void skip_insn(struct trap_frame *f, u64 esr)
{
	f->elr += (esr & ESR_IL) ? 4 : 2;
}

static void handle_dabt(struct trap_frame *f, u64 esr)
{
	struct cpu *c = this_cpu();
	struct zone *z = c->vcpu.zone;
	u64 ipa = ((read_sysreg(hpfar_el2) >> HPFAR_FIPA_SHIFT)
		   << HPFAR_FIPA_IPA_SHIFT) |
		  (read_sysreg(far_el2) & FAR_PAGE_OFFSET_MASK);
	u32 srt = (u32)DABT_SRT(esr);
	struct mmio_access acc = {
		.addr = ipa,
		.size = 1U << DABT_SAS(esr),
		.is_write = (esr & DABT_WNR) != 0,
	};
	const char *node;
	int ret = -HVISOR_ENOENT;

	if (esr & DABT_ISV) {
		if (acc.is_write)
			acc.value = srt == 31 ? 0 : f->x[srt];
		ret = mmio_dispatch(z, &acc);
	}
	if (!ret) {
		if (!acc.is_write && srt != 31) {
			u64 v = acc.value;

			if (acc.size < 8) {
				u32 bits = acc.size * 8;

				v &= (1ULL << bits) - 1;
				if ((esr & DABT_SSE) && (v >> (bits - 1)))
					v |= ~0ULL << bits;
			}
			if (!(esr & DABT_SF)) /* a W register: zero-extended */
				v = (u32)v;
			f->x[srt] = v;
		}
		skip_insn(f, esr);
		return;
	}
	node = board_node_at(ipa);
	if (esr & DABT_ISV)
		printk("hvisor: zone %u (%s) vcpu %u: unhandled %s of %u bytes "
		       "at 0x%llx, pc 0x%llx: %s%s\n",
		       z->id, z->name, vcpu_index(c),
		       acc.is_write ? "write" : "read", acc.size,
		       (unsigned long long)ipa, (unsigned long long)f->elr,
		       node ? "board node " : "no board node at that address",
		       node ? node : "");
	else
		printk("hvisor: zone %u (%s) vcpu %u: unhandled %s (no "
		       "syndrome) "
		       "at 0x%llx, pc 0x%llx: %s%s\n",
		       z->id, z->name, vcpu_index(c),
		       acc.is_write ? "write" : "read", (unsigned long long)ipa,
		       (unsigned long long)f->elr,
		       node ? "board node " : "no board node at that address",
		       node ? node : "");
	zone_stop(z, HVISOR_ZONE_STOP_FAULT, "access outside its regions");
}

static void handle_sysreg(struct trap_frame *f, u64 esr)
{
	u32 iss = (u32)(esr & ESR_ISS_MASK);
	u32 rt = (iss >> ESR_ISS_SYS_RT_SHIFT) & ESR_ISS_SYS_RT_MASK;
	bool read = iss & ESR_ISS_SYS_READ;
	u32 enc = iss & ESR_ISS_SYS_REG_MASK;

	if (enc == ESR_ISS_ICC_SGI1R_EL1 && !read) {
		vgic_send_sgi(rt == 31 ? 0 : f->x[rt]);
		skip_insn(f, esr);
		return;
	}
	unknown_trap(f, "unhandled system register access");
}

void trap_guest_sync(struct trap_frame *f)
{
	u64 esr = read_sysreg(esr_el2);
	struct cpu *c = this_cpu();

	c->vcpu.frame = f;
	switch (ESR_EC(esr)) {
	case EC_HVC64:
		/* SMCCC fast calls have bit 31 set; hvisor codes are small */
		if (f->x[0] & SMCCC_FAST_CALL)
			psci_guest_call(f);
		else
			f->x[0] = (u64)hypercall_handle(c->vcpu.zone, f->x[0],
							f->x[1], f->x[2]);
		break;
	case EC_SMC64:
		psci_guest_call(f);
		skip_insn(f, esr);
		break;
	case EC_SYSREG:
		handle_sysreg(f, esr);
		break;
	case EC_DABT_LOW:
		handle_dabt(f, esr);
		break;
	case EC_WFX:
		skip_insn(f, esr);
		break;
	case EC_IABT_LOW:
		unknown_trap(f, "instruction abort outside its memory");
		break;
	default:
		unknown_trap(f, "unknown trap");
	}
	cpu_handle_events();
	arch_irq_flush();
}

void trap_guest_irq(struct trap_frame *f)
{
	this_cpu()->vcpu.frame = f;
	arch_irq_handle();
	cpu_handle_events();
	arch_irq_flush();
}

void trap_guest_other(struct trap_frame *f)
{
	unknown_trap(f, "SError or AArch32 trap");
	arch_irq_flush();
}

void trap_el2_fault(struct trap_frame *f)
{
	struct cpu *c = this_cpu();

	printk("hvisor: FAULT in the hypervisor on CPU %u\n", c->id);
	arch_dump_frame(f);
	if (c->vcpu.zone && c->vcpu.state == VCPU_ON)
		zone_stop(c->vcpu.zone, HVISOR_ZONE_STOP_FAULT,
			  "hypervisor fault on its CPU");
	panic("EL2 exception, CPU stopped");
}
