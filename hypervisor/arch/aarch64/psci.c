// SPDX-License-Identifier: GPL-2.0
/* Copyright (c) 2026 hvisor-c contributors */
/*
 * PSCI for guests: CPU_ON/OFF/AFFINITY_INFO limited to the caller's zone,
 * SYSTEM_OFF/RESET stop the zone (the whole machine for the root zone).
 */
#include <hv/board.h>
#include <hv/cpu.h>
#include <hv/printk.h>
#include <hv/zone.h>
#include <asm/psci.h>

u64 smc_call(u64 fid, u64 a1, u64 a2, u64 a3)
{
	register u64 x0 __asm__("x0") = fid;
	register u64 x1 __asm__("x1") = a1;
	register u64 x2 __asm__("x2") = a2;
	register u64 x3 __asm__("x3") = a3;

	__asm__ volatile("smc #0"
			 : "+r"(x0), "+r"(x1), "+r"(x2), "+r"(x3)
			 :
			 : "x4", "x5", "x6", "x7", "x8", "x9", "x10", "x11",
			   "x12", "x13", "x14", "x15", "x16", "x17", "memory");
	return x0;
}

/* logical CPU of @mpidr if it belongs to @z, else -1 */
static int zone_cpu(const struct zone *z, u64 mpidr)
{
	int id = board_cpu_by_mpidr(mpidr);

	if (id < 0 || !(z->cpus & BIT(id)))
		return -1;
	return id;
}

static s64 psci_cpu_on(struct zone *z, u64 mpidr, u64 entry, u64 ctx)
{
	int id = zone_cpu(z, mpidr);
	struct vcpu *v;
	u32 expect = VCPU_OFF;

	if (id < 0)
		return PSCI_INVALID_PARAMETERS;
	v = &cpus[id].vcpu;
	if (v->state == VCPU_ON)
		return PSCI_ALREADY_ON;
	v->entry = entry;
	v->arg = ctx;
	if (!__atomic_compare_exchange_n(&v->state, &expect, VCPU_STARTING,
					 false, __ATOMIC_ACQ_REL,
					 __ATOMIC_ACQUIRE))
		return expect == VCPU_ON ? PSCI_ALREADY_ON : PSCI_ON_PENDING;
	cpu_send_event((u32)id, EV_VCPU_START);
	return PSCI_SUCCESS;
}

static s64 psci_affinity_info(struct zone *z, u64 mpidr, u64 level)
{
	int id = zone_cpu(z, mpidr);

	if (id < 0 || level)
		return PSCI_INVALID_PARAMETERS;
	switch (cpus[id].vcpu.state) {
	case VCPU_ON:
		return 0;
	case VCPU_STARTING:
		return 2; /* ON_PENDING */
	default:
		return 1;
	}
}

static s64 psci_features(u32 fid)
{
	switch (fid) {
	case PSCI_VERSION:
	case PSCI_CPU_SUSPEND_32:
	case PSCI_CPU_SUSPEND_64:
	case PSCI_CPU_OFF:
	case PSCI_CPU_ON_32:
	case PSCI_CPU_ON_64:
	case PSCI_AFFINITY_INFO_32:
	case PSCI_AFFINITY_INFO_64:
	case PSCI_MIGRATE_INFO_TYPE:
	case PSCI_SYSTEM_OFF:
	case PSCI_SYSTEM_RESET:
	case PSCI_FEATURES:
	case SMCCC_VERSION:
		return PSCI_SUCCESS;
	default:
		return PSCI_NOT_SUPPORTED;
	}
}

void psci_guest_call(struct trap_frame *f)
{
	struct cpu *c = this_cpu();
	struct zone *z = c->vcpu.zone;
	u32 fid = (u32)f->x[0];
	s64 ret;

	switch (fid) {
	case SMCCC_VERSION:
		ret = SMCCC_VERSION_1_1;
		break;
	case PSCI_VERSION:
		ret = PSCI_VERSION_1_0;
		break;
	case PSCI_CPU_SUSPEND_32:
	case PSCI_CPU_SUSPEND_64:
		ret = PSCI_SUCCESS; /* standby: return at once */
		break;
	case PSCI_CPU_OFF:
		vcpu_park(); /* no return */
	case PSCI_CPU_ON_32:
	case PSCI_CPU_ON_64:
		ret = psci_cpu_on(z, f->x[1], f->x[2], f->x[3]);
		break;
	case PSCI_AFFINITY_INFO_32:
	case PSCI_AFFINITY_INFO_64:
		ret = psci_affinity_info(z, f->x[1], f->x[2]);
		break;
	case PSCI_MIGRATE_INFO_TYPE:
		ret = 2; /* no trusted OS to migrate */
		break;
	case PSCI_SYSTEM_OFF:
		if (z->id == 0) {
			printk("hvisor: root zone: PSCI SYSTEM_OFF\n");
			arch_system_off();
		}
		zone_stop(z, HVISOR_ZONE_STOP_POWEROFF, "PSCI SYSTEM_OFF");
		ret = PSCI_SUCCESS;
		break;
	case PSCI_SYSTEM_RESET:
		if (z->id == 0) {
			printk("hvisor: root zone: PSCI SYSTEM_RESET\n");
			arch_system_reset();
		}
		zone_stop(z, HVISOR_ZONE_STOP_RESET, "PSCI SYSTEM_RESET");
		ret = PSCI_SUCCESS;
		break;
	case PSCI_FEATURES:
		ret = psci_features((u32)f->x[1]);
		break;
	default:
		ret = PSCI_NOT_SUPPORTED;
	}
	f->x[0] = (u64)ret;
}
