// SPDX-License-Identifier: GPL-2.0
/* Copyright (c) 2026 hvisor-c contributors */
/* riscv64 hart bring-up, HS configuration, guest entry and idle. */
#include <hv/board.h>
#include <hv/cpu.h>
#include <hv/irq.h>
#include <hv/printk.h>
#include <hv/zone.h>
#include <asm/csr.h>
#include <asm/sbi.h>

extern char hv_trap_entry[];
extern char secondary_entry[];
void vcpu_launch(u64 stack_top, u64 entry, u64 a0, u64 a1)
	__attribute__((noreturn));
int arch_boot_cpu_id(u64 hartid);
void arch_primary_boot(u32 id) __attribute__((noreturn));
void arch_secondary_boot(u32 id) __attribute__((noreturn));

/* exceptions the guest handles itself (KVM's default set plus illegal) */
#define HEDELEG_GUEST                                                          \
	(BIT(EXC_INST_MISALIGNED) | BIT(EXC_ILLEGAL_INST) |                    \
	 BIT(EXC_BREAKPOINT) | BIT(EXC_ECALL_U) | BIT(EXC_INST_PAGE_FAULT) |   \
	 BIT(EXC_LOAD_PAGE_FAULT) | BIT(EXC_STORE_PAGE_FAULT))
#define HIDELEG_GUEST (BIT(IRQ_VS_SOFT) | BIT(IRQ_VS_TIMER) | BIT(IRQ_VS_EXT))

int arch_boot_cpu_id(u64 hartid)
{
	return board_cpu_by_hartid(hartid);
}

struct cpu *this_cpu(void)
{
	struct cpu *c;

	__asm__("mv %0, tp" : "=r"(c));
	return c;
}

void arch_primary_boot(u32 id)
{
	hv_main(id, true);
}

void arch_secondary_boot(u32 id)
{
	hv_main(id, false);
}

/*
 * Sstc: read stimecmp and see whether it faults (trap_hs_fault() skips
 * the instruction during the probe).  henvcfg.STCE is no test: QEMU 7.2
 * keeps the bit on a hart without Sstc.
 */
static bool stimecmp_usable(struct cpu *c)
{
	c->arch.fault_probe = PROBE_ACTIVE;
	(void)csr_read(CSR_STIMECMP);
	if (c->arch.fault_probe == PROBE_FAULTED) {
		c->arch.fault_probe = PROBE_IDLE;
		return false;
	}
	c->arch.fault_probe = PROBE_IDLE;
	return true;
}

void arch_cpu_init(struct cpu *c)
{
	csr_write(CSR_STVEC, (u64)(uintptr_t)hv_trap_entry);
	csr_write(CSR_HEDELEG, HEDELEG_GUEST);
	csr_write(CSR_HIDELEG, HIDELEG_GUEST);
	csr_write(CSR_HCOUNTEREN, 0xffffffffULL);
	csr_write(CSR_HVIP, 0);
	csr_write(CSR_HIE, 0);
	csr_write(CSR_HGEIE, 0);
	csr_write(CSR_HTIMEDELTA, 0);
	csr_write(CSR_HGATP, 0);
	/* Sstc for the guest if the hart has it and the firmware enabled it
	 * (stimecmp readable in HS); PBMT if henvcfg keeps the bit */
	c->arch.sstc = stimecmp_usable(c);
	csr_write(CSR_HENVCFG,
		  (c->arch.sstc ? HENVCFG_STCE : 0) | HENVCFG_PBMTE);
	if (c->arch.sstc) {
		csr_write(CSR_STIMECMP, ~0ULL);
		csr_write(CSR_VSTIMECMP, ~0ULL);
	}
	if (c->id == 0)
		printk("hvisor: CPU %u: guest timer %s\n", c->id,
		       c->arch.sstc ? "in vstimecmp (Sstc)"
				    : "via SBI set_timer, VSTIP through hvip");
	/* HS takes the PLIC (SEI) and hypervisor IPIs (SSI); STI only for a
	 * guest timer without Sstc (enabled when the guest sets one) */
	csr_write(CSR_SIE, BIT(IRQ_S_EXT) | BIT(IRQ_S_SOFT));
	arch_irq_cpu_init(c);
}

void arch_cpu_start_secondaries(void)
{
	struct cpu *self = this_cpu();
	u32 i;

	for (i = 0; i < board.num_cpus; i++) {
		struct sbiret r;

		if (i == self->id)
			continue;
		r = sbi_call(SBI_EXT_HSM, SBI_HSM_HART_START,
			     board.cpus[i].hartid,
			     (u64)(uintptr_t)secondary_entry, i, 0, 0);
		if (r.error && r.error != SBI_ERR_ALREADY_AVAILABLE)
			printk("hvisor: CPU %u (%s): SBI hart_start: %lld\n", i,
			       board.cpus[i].node, (long long)r.error);
	}
}

/* VS-level state a vCPU starts with: translation off, nothing pending. */
static void reset_vs(struct cpu *c)
{
	csr_write(CSR_VSSTATUS, SSTATUS_UXL_64 | SSTATUS_FS_DIRTY);
	csr_write(CSR_VSIE, 0);
	csr_write(CSR_VSTVEC, 0);
	csr_write(CSR_VSSCRATCH, 0);
	csr_write(CSR_VSEPC, 0);
	csr_write(CSR_VSCAUSE, 0);
	csr_write(CSR_VSTVAL, 0);
	csr_write(CSR_VSATP, 0);
	csr_write(CSR_HVIP, 0);
	if (c->arch.sstc)
		csr_write(CSR_VSTIMECMP, ~0ULL);
}

void arch_vcpu_enter(struct cpu *c)
{
	struct zone *z = c->vcpu.zone;

	csr_write(CSR_HGATP, HGATP_MODE_SV39X4 |
				     ((u64)z->arch.vmid << HGATP_VMID_SHIFT) |
				     (z->arch.gstage_root >> 12));
	hfence_gvma_all();
	hfence_vvma_all();
	reset_vs(c);
	arch_irq_vcpu_reset();
	c->vcpu.frame = NULL;
	__atomic_store_n(&c->vcpu.state, VCPU_ON, __ATOMIC_RELEASE);
	/* the stack is reset: nothing below this line may use it */
	vcpu_launch((u64)(uintptr_t)c->stack + HV_STACK_SIZE, c->vcpu.entry,
		    board.cpus[c->id].hartid, c->vcpu.arg);
}

void arch_vcpu_quiesce(void)
{
	struct cpu *c = this_cpu();

	if (c->arch.sstc)
		csr_write(CSR_VSTIMECMP, ~0ULL);
	csr_clear(CSR_SIE, BIT(IRQ_S_TIMER));
	csr_write(CSR_HVIP, 0);
}

void arch_cpu_relax(void)
{
	__asm__ volatile("nop" ::: "memory");
}

void arch_cpu_idle(void)
{
	/* sstatus.SIE is 0 in HS: wfi wakes on any interrupt enabled in sie
	 * without taking it; arch_irq_handle polls sip */
	__asm__ volatile("wfi" ::: "memory");
	arch_irq_handle();
}

void arch_system_off(void)
{
	sbi_call(SBI_EXT_SRST, 0, SBI_SRST_SHUTDOWN, 0, 0, 0, 0);
	panic("SBI system_reset (shutdown) returned");
}

void arch_system_reset(void)
{
	sbi_call(SBI_EXT_SRST, 0, SBI_SRST_COLD_REBOOT, 0, 0, 0, 0);
	panic("SBI system_reset (reboot) returned");
}

void arch_dump_frame(const struct trap_frame *f)
{
	static const char *const names[32] = {
		"zero", "ra", "sp",  "gp",  "tp", "t0", "t1", "t2",
		"s0",	"s1", "a0",  "a1",  "a2", "a3", "a4", "a5",
		"a6",	"a7", "s2",  "s3",  "s4", "s5", "s6", "s7",
		"s8",	"s9", "s10", "s11", "t3", "t4", "t5", "t6",
	};
	u32 i;

	for (i = 1; i < 32; i += 2) {
		if (i == 31)
			printk("  %s %016llx\n", names[i],
			       (unsigned long long)f->x[i]);
		else
			printk("  %s %016llx  %s %016llx\n", names[i],
			       (unsigned long long)f->x[i], names[i + 1],
			       (unsigned long long)f->x[i + 1]);
	}
	printk("  sepc %016llx sstatus %016llx hstatus %016llx\n",
	       (unsigned long long)f->sepc, (unsigned long long)f->sstatus,
	       (unsigned long long)f->hstatus);
	printk("  scause %016llx stval %016llx htval %016llx htinst %016llx\n",
	       (unsigned long long)csr_read(CSR_SCAUSE),
	       (unsigned long long)csr_read(CSR_STVAL),
	       (unsigned long long)csr_read(CSR_HTVAL),
	       (unsigned long long)csr_read(CSR_HTINST));
}
