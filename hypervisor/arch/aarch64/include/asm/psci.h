/* SPDX-License-Identifier: GPL-2.0 */
/* Copyright (c) 2026 hvisor-c contributors */
/* PSCI and SMCCC function ids; firmware calls and guest emulation. */
#ifndef HV_ASM_PSCI_H
#define HV_ASM_PSCI_H

#include <hv/types.h>
#include <asm/arch.h>

/* SMCCC function id: bit 31 set for a fast call (PSCI, Arm arch calls) */
#define SMCCC_FAST_CALL BIT(31)
#define SMCCC_VERSION 0x80000000U
#define SMCCC_ARCH_FEATURES 0x80000001U
#define PSCI_VERSION 0x84000000U
#define PSCI_CPU_SUSPEND_32 0x84000001U
#define PSCI_CPU_SUSPEND_64 0xc4000001U
#define PSCI_CPU_OFF 0x84000002U
#define PSCI_CPU_ON_32 0x84000003U
#define PSCI_CPU_ON_64 0xc4000003U
#define PSCI_AFFINITY_INFO_32 0x84000004U
#define PSCI_AFFINITY_INFO_64 0xc4000004U
#define PSCI_MIGRATE_INFO_TYPE 0x84000006U
#define PSCI_SYSTEM_OFF 0x84000008U
#define PSCI_SYSTEM_RESET 0x84000009U
#define PSCI_FEATURES 0x8400000aU

/* version numbers PSCI_VERSION and SMCCC_VERSION return: major.minor */
#define PSCI_VERSION_MAJOR_SHIFT 16
#define PSCI_VERSION_NUM(major, minor)                                         \
	(((major) << PSCI_VERSION_MAJOR_SHIFT) | (minor))
#define PSCI_VERSION_1_0 PSCI_VERSION_NUM(1, 0)
#define SMCCC_VERSION_1_1 PSCI_VERSION_NUM(1, 1) /* same format */

#define PSCI_SUCCESS 0
#define PSCI_NOT_SUPPORTED (-1)
#define PSCI_INVALID_PARAMETERS (-2)
#define PSCI_DENIED (-3)
#define PSCI_ALREADY_ON (-4)
#define PSCI_ON_PENDING (-5)

/** smc_call() - call firmware at EL3 with SMC (or the emulated one) */
u64 smc_call(u64 fid, u64 a1, u64 a2, u64 a3);

/**
 * psci_guest_call() - emulate an SMCCC/PSCI call of the running vCPU
 * @f: trap frame; x0 = function id, x1..x3 = arguments; x0 gets the result
 */
void psci_guest_call(struct trap_frame *f);

#endif /* HV_ASM_PSCI_H */
