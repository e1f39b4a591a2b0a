// SPDX-License-Identifier: GPL-2.0
/* Copyright (c) 2026 hvisor-c contributors */
/*
 * Traps taken to HS-mode: guest ecalls (SBI), guest-page faults (MMIO
 * emulation or an out-of-zone access), interrupts, hypervisor faults.
 */
#include <hv/board.h>
#include <hv/cpu.h>
#include <hv/irq.h>
#include <hv/mmio.h>
#include <hv/printk.h>
#include <hv/zone.h>
#include <asm/csr.h>
#include <asm/insn.h>
#include <asm/sbi.h>

void trap_guest(struct trap_frame *f);
/* returns only after an expected fault (a CSR probe), else panics */
void trap_hs_fault(struct trap_frame *f);

static u32 vcpu_index(const struct cpu *c)
{
	const struct zone *z = c->vcpu.zone;

	return (u32)__builtin_popcountll(z->cpus & (BIT(c->id) - 1));
}

static void unknown_trap(struct trap_frame *f, const char *what, u64 cause)
{
	struct cpu *c = this_cpu();
	struct zone *z = c->vcpu.zone;

	printk("hvisor: zone %u (%s) vcpu %u: %s, scause 0x%llx pc 0x%llx\n",
	       z->id, z->name, vcpu_index(c), what, (unsigned long long)cause,
	       (unsigned long long)f->sepc);
	arch_dump_frame(f);
	zone_stop(z, HVISOR_ZONE_STOP_FAULT, what);
}

/* A halfword of guest code, or false if the guest cannot execute it. */
static bool guest_code_read(struct cpu *c, u64 va, u32 *half)
{
	bool ok;

	c->arch.fault_probe = PROBE_ACTIVE;
	*half = hlvx_hu(va);
	ok = c->arch.fault_probe != PROBE_FAULTED;
	c->arch.fault_probe = PROBE_IDLE;
	return ok;
}

/*
 * The faulting load/store: htinst when the hart reports it (a transformed
 * instruction, bit 1 clear if the original was compressed), else read from
 * guest memory with hlvx.  Return: the instruction, 0 if unreadable.
 */
static u32 fetch_insn(const struct trap_frame *f, u32 *len)
{
	struct cpu *c = this_cpu();
	u64 ti = csr_read(CSR_HTINST);
	u32 lo, hi;

	if (ti & 1) {
		*len = (ti & 2) ? 4 : 2;
		return (u32)ti | 2;
	}
	if (!guest_code_read(c, f->sepc, &lo))
		return 0;
	if ((lo & 3) != 3) {
		*len = 2;
		return lo;
	}
	*len = 4;
	if (!guest_code_read(c, f->sepc + 2, &hi))
		return 0;
	return lo | hi << 16;
}

static void handle_guest_page_fault(struct trap_frame *f, u64 cause)
{
	struct cpu *c = this_cpu();
	struct zone *z = c->vcpu.zone;
	u64 gpa = (csr_read(CSR_HTVAL) << 2) | (csr_read(CSR_STVAL) & 3);
	bool is_write = cause == EXC_STORE_GUEST_PAGE_FAULT;
	struct mmio_access acc = { .addr = gpa, .is_write = is_write };
	struct insn_mem m;
	const char *node;
	u32 len, insn;
	int ret = -HVISOR_ENOENT;

	insn = fetch_insn(f, &len);
	if (!insn_decode_mem(insn, &m) || m.is_store != is_write) {
		unknown_trap(f, "guest-page fault, not a load or store", cause);
		return;
	}
	acc.size = m.size;
	if (is_write)
		acc.value = m.reg ? f->x[m.reg] : 0;
	ret = mmio_dispatch(z, &acc);
	if (!ret) {
		if (!is_write && m.reg)
			f->x[m.reg] = insn_load_extend(acc.value, &m);
		f->sepc += len;
		return;
	}
	node = board_node_at(gpa);
	printk("hvisor: zone %u (%s) vcpu %u: unhandled %s of %u bytes at "
	       "0x%llx, pc 0x%llx: %s%s\n",
	       z->id, z->name, vcpu_index(c), is_write ? "write" : "read",
	       acc.size, (unsigned long long)gpa, (unsigned long long)f->sepc,
	       node ? "board node " : "no board node at that address",
	       node ? node : "");
	zone_stop(z, HVISOR_ZONE_STOP_FAULT, "access outside its regions");
}

void trap_guest(struct trap_frame *f)
{
	struct cpu *c = this_cpu();
	u64 cause = csr_read(CSR_SCAUSE);

	c->vcpu.frame = f;
	if (cause & SCAUSE_IRQ) {
		arch_irq_handle();
	} else {
		switch (cause) {
		case EXC_ECALL_VS:
			sbi_guest_call(f);
			break;
		case EXC_LOAD_GUEST_PAGE_FAULT:
		case EXC_STORE_GUEST_PAGE_FAULT:
			handle_guest_page_fault(f, cause);
			break;
		case EXC_INST_GUEST_PAGE_FAULT:
			unknown_trap(f, "instruction fetch outside its memory",
				     cause);
			break;
		case EXC_VIRTUAL_INST:
			unknown_trap(f, "virtual instruction", cause);
			break;
		default:
			unknown_trap(f, "unknown trap", cause);
		}
	}
	cpu_handle_events();
	arch_irq_flush();
}

void trap_hs_fault(struct trap_frame *f)
{
	struct cpu *c = this_cpu();

	/* an expected fault: a CSR probe (cpu.c), a read of guest code */
	if (c->arch.fault_probe == PROBE_ACTIVE &&
	    !(csr_read(CSR_SCAUSE) & SCAUSE_IRQ)) {
		c->arch.fault_probe = PROBE_FAULTED;
		f->sepc += 4; /* csrr and hlvx: 32-bit encodings */
		return;
	}

	printk("hvisor: FAULT in the hypervisor on CPU %u\n", c->id);
	arch_dump_frame(f);
	if (c->vcpu.zone && c->vcpu.state == VCPU_ON)
		zone_stop(c->vcpu.zone, HVISOR_ZONE_STOP_FAULT,
			  "hypervisor fault on its CPU");
	panic("HS exception, CPU stopped");
}
