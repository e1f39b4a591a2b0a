/* SPDX-License-Identifier: GPL-2.0 */
/* Copyright (c) 2026 hvisor-c contributors */
/*
 * Per-CPU data.  vCPUs are pinned 1:1 to physical CPUs (static
 * partitioning), so the vCPU lives inside the physical CPU's struct.
 */
#ifndef HV_CPU_H
#define HV_CPU_H

#include <hv/types.h>
#include <asm/arch.h>

#ifndef HV_NCPUS
#define HV_NCPUS 8
#endif

struct zone;

enum vcpu_state {
	VCPU_OFF,
	VCPU_STARTING, /* CPU_ON or zone start sent, not yet entered */
	VCPU_ON,
};

/* events sent between CPUs with the hypervisor SGI */
#define EV_VCPU_START BIT(0)
#define EV_VCPU_STOP BIT(1)
#define EV_VIRQ BIT(2) /* virtual IRQs queued: flush on the way out */

struct vcpu {
	struct zone *zone;
	enum vcpu_state state;
	u64 entry;
	u64 arg; /* x0 at entry: DTB or PSCI context id */
	struct trap_frame *frame; /* guest registers while trapped */
};

struct cpu {
	u32 id;
	u64 mpidr;
	bool online;
	u32 events;
	struct vcpu vcpu;
	struct arch_cpu arch;
	u8 stack[HV_STACK_SIZE] __attribute__((aligned(16)));
};

extern struct cpu cpus[HV_NCPUS];

/** this_cpu() - Return: the calling CPU's data */
struct cpu *this_cpu(void);

/** cpu_send_event() - set @ev for @target and kick it with the HV SGI */
void cpu_send_event(u32 target, u32 ev);

/** cpu_handle_events() - act on pending events; called from IRQ paths */
void cpu_handle_events(void);

/** vcpu_park() - this vCPU is off: idle at EL2 until an event starts it */
__attribute__((noreturn)) void vcpu_park(void);

/** hv_main() - C entry of every CPU once its MMU is on */
__attribute__((noreturn)) void hv_main(u32 id, bool primary);

/* --- Implemented by hypervisor/arch/<arch>/ --- */
/** arch_cpu_init() - per-CPU EL2 setup (traps, IRQ chip CPU interface) */
void arch_cpu_init(struct cpu *c);
/** arch_cpu_start_secondaries() - power on the other CPUs (firmware) */
void arch_cpu_start_secondaries(void);
/** arch_vcpu_enter() - reset the guest state and enter it; no return */
__attribute__((noreturn)) void arch_vcpu_enter(struct cpu *c);
/**
 * arch_vcpu_quiesce() - this CPU's vCPU is going off: silence what its
 * guest state can still raise (timers), or a level interrupt nobody takes
 * would keep the parked CPU busy forever.
 */
void arch_vcpu_quiesce(void);
/** arch_cpu_relax() - a short pause in a polling loop */
void arch_cpu_relax(void);
/** arch_cpu_idle() - wait for an interrupt and handle it at EL2 */
void arch_cpu_idle(void);
/** arch_send_event_ipi() - raise the hypervisor SGI on @target */
void arch_send_event_ipi(u32 target);
/** arch_system_off()/arch_system_reset() - whole machine, via firmware */
__attribute__((noreturn)) void arch_system_off(void);
__attribute__((noreturn)) void arch_system_reset(void);
/** arch_dump_frame() - print a guest register frame */
void arch_dump_frame(const struct trap_frame *f);

#endif /* HV_CPU_H */
