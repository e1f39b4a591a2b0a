// SPDX-License-Identifier: GPL-2.0
/* Copyright (c) 2026 hvisor-c contributors */
/* aarch64 CPU bring-up, EL2 configuration, guest entry and idle. */
#include <hv/board.h>
#include <hv/cpu.h>
#include <hv/irq.h>
#include <hv/printk.h>
#include <hv/string.h>
#include <hv/zone.h>
#include <asm/mmu.h>
#include <asm/psci.h>
#include <asm/sysreg.h>

extern char hv_vectors[];
extern char secondary_entry[];
void vcpu_launch(u64 stack_top, u64 entry, u64 x0) __attribute__((noreturn));
int arch_boot_cpu_id(void);
void arch_primary_boot(u32 id) __attribute__((noreturn));
void arch_secondary_boot(u32 id) __attribute__((noreturn));

/* MMU off: look our MPIDR up in the board table */
int arch_boot_cpu_id(void)
{
	return board_cpu_by_mpidr(read_sysreg(mpidr_el1));
}

struct cpu *this_cpu(void)
{
	return (struct cpu *)(uintptr_t)read_sysreg(tpidr_el2);
}

static void early_fail(void)
{
	for (;;)
		wfe();
}

void arch_primary_boot(u32 id)
{
	write_sysreg(tpidr_el2, (u64)(uintptr_t)&cpus[id]);
	if (arch_mmu_build())
		early_fail(); /* no console yet: nothing to print with */
	arch_mmu_enable();
	hv_main(id, true);
}

void arch_secondary_boot(u32 id)
{
	write_sysreg(tpidr_el2, (u64)(uintptr_t)&cpus[id]);
	arch_mmu_enable();
	hv_main(id, false);
}

/*
 * FP/SIMD are never trapped; SVE and SME neither where the CPU has them
 * (a trap would stop the zone: Debian's Linux uses SVE at boot when the
 * ID registers show it).  Where it does not, TZ and TSM are RES1.
 */
static void cpu_fp_traps(void)
{
	u64 sve = (read_sysreg(id_aa64pfr0_el1) >> ID_AA64PFR0_SVE_SHIFT) & 0xf;
	u64 sme = (read_sysreg(id_aa64pfr1_el1) >> ID_AA64PFR1_SME_SHIFT) & 0xf;
	u64 cptr = CPTR_EL2_RES1, smcr = SMCR_EL2_LEN_MAX;

	if (!sve)
		cptr |= CPTR_EL2_TZ;
	if (!sme)
		cptr |= CPTR_EL2_TSM;
	write_sysreg(cptr_el2, cptr);
	isb();
	if (sve)
		write_sysreg(S3_4_C1_C2_0, ZCR_EL2_LEN_MAX); /* ZCR_EL2 */
	if (!sme)
		return;
	if (read_sysreg(S3_0_C0_C4_5) & ID_AA64SMFR0_FA64) /* ID_AA64SMFR0 */
		smcr |= SMCR_EL2_FA64;
	if (sme >= 2)
		smcr |= SMCR_EL2_EZT0;
	write_sysreg(S3_4_C1_C2_6, smcr); /* SMCR_EL2 */
}

/* A CPU with pointer authentication lets its vCPU use it untrapped (its
 * keys are the vCPU's own: one vCPU per CPU). */
static u64 cpu_pauth_hcr(void)
{
	if ((read_sysreg(id_aa64isar1_el1) & ID_AA64ISAR1_PAUTH_MASK) ||
	    (read_sysreg(S3_0_C0_C6_2) & ID_AA64ISAR2_PAUTH_MASK))
		return HCR_APK | HCR_API;
	return 0;
}

void arch_cpu_init(struct cpu *c)
{
	write_sysreg(vbar_el2, (u64)(uintptr_t)hv_vectors);
	write_sysreg(tpidr_el2, (u64)(uintptr_t)c);
	write_sysreg(hcr_el2, HCR_RW | HCR_TSC | HCR_VM | HCR_IMO | HCR_FMO |
				      HCR_AMO | HCR_SWIO | cpu_pauth_hcr());
	write_sysreg(vtcr_el2, arch_vtcr());
	cpu_fp_traps();
	write_sysreg(cnthctl_el2, CNTHCTL_EL2_EL1PCTEN | CNTHCTL_EL2_EL1PCEN);
	write_sysreg(cntvoff_el2, 0ULL);
	write_sysreg(vpidr_el2, read_sysreg(midr_el1));
	write_sysreg(vmpidr_el2, read_sysreg(mpidr_el1));
	write_sysreg(mdcr_el2, read_sysreg(mdcr_el2) & MDCR_EL2_HPMN_MASK);
	isb();
	arch_irq_cpu_init(c);
}

void arch_cpu_start_secondaries(void)
{
	struct cpu *self = this_cpu();
	u32 i;

	if (board.psci == BOARD_PSCI_NONE) {
		printk("hvisor: board has no PSCI: secondary CPUs stay off\n");
		return;
	}
	for (i = 0; i < board.num_cpus; i++) {
		s64 ret;

		if (i == self->id)
			continue;
		ret = (s64)smc_call(PSCI_CPU_ON_64, board.cpus[i].mpidr,
				    (u64)(uintptr_t)secondary_entry, i);
		if (ret && ret != PSCI_ALREADY_ON)
			printk("hvisor: CPU %u (%s): PSCI CPU_ON failed: "
			       "%lld\n",
			       i, board.cpus[i].node, (long long)ret);
	}
}

/* EL1 state a vCPU starts with: MMU and caches off, nothing pending. */
static void reset_el1(void)
{
	write_sysreg(sctlr_el1, SCTLR_EL1_RES1);
	write_sysreg(cpacr_el1, 0ULL);
	write_sysreg(vbar_el1, 0ULL);
	write_sysreg(tcr_el1, 0ULL);
	write_sysreg(ttbr0_el1, 0ULL);
	write_sysreg(ttbr1_el1, 0ULL);
	write_sysreg(mair_el1, 0ULL);
	write_sysreg(contextidr_el1, 0ULL);
	write_sysreg(tpidr_el1, 0ULL);
	write_sysreg(tpidr_el0, 0ULL);
	write_sysreg(tpidrro_el0, 0ULL);
	write_sysreg(sp_el0, 0ULL);
	write_sysreg(sp_el1, 0ULL);
	write_sysreg(cntv_ctl_el0, 0ULL);
	write_sysreg(cntp_ctl_el0, 0ULL);
	write_sysreg(cntkctl_el1, 0ULL);
	isb();
}

void arch_vcpu_enter(struct cpu *c)
{
	struct zone *z = c->vcpu.zone;

	reset_el1();
	arch_irq_vcpu_reset();
	write_sysreg(vttbr_el2,
		     z->arch.s2_root | ((u64)z->arch.vmid << VTTBR_VMID_SHIFT));
	isb();
	__asm__ volatile("tlbi vmalls12e1; dsb nsh; isb" ::: "memory");
	c->vcpu.frame = NULL;
	__atomic_store_n(&c->vcpu.state, VCPU_ON, __ATOMIC_RELEASE);
	/* the stack is reset: nothing below this line may use it */
	vcpu_launch((u64)(uintptr_t)c->stack + HV_STACK_SIZE, c->vcpu.entry,
		    c->vcpu.arg);
}

void arch_vcpu_quiesce(void)
{
	write_sysreg(cntv_ctl_el0, 0ULL);
	write_sysreg(cntp_ctl_el0, 0ULL);
	isb();
}

void arch_cpu_relax(void)
{
	__asm__ volatile("yield" ::: "memory");
}

void arch_cpu_idle(void)
{
	wfi();
	arch_irq_handle();
}

void arch_system_off(void)
{
	smc_call(PSCI_SYSTEM_OFF, 0, 0, 0);
	panic("PSCI SYSTEM_OFF returned");
}

void arch_system_reset(void)
{
	smc_call(PSCI_SYSTEM_RESET, 0, 0, 0);
	panic("PSCI SYSTEM_RESET returned");
}

void arch_dump_frame(const struct trap_frame *f)
{
	u32 i;

	for (i = 0; i < 31; i += 2) {
		if (i == 30)
			printk("  x30 %016llx\n", (unsigned long long)f->x[30]);
		else
			printk("  x%u %016llx  x%u %016llx\n", i,
			       (unsigned long long)f->x[i], i + 1,
			       (unsigned long long)f->x[i + 1]);
	}
	printk("  elr %016llx spsr %016llx\n", (unsigned long long)f->elr,
	       (unsigned long long)f->spsr);
	printk("  esr %016llx far %016llx hpfar %016llx\n",
	       (unsigned long long)read_sysreg(esr_el2),
	       (unsigned long long)read_sysreg(far_el2),
	       (unsigned long long)read_sysreg(hpfar_el2));
}
