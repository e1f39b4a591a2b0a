/* SPDX-License-Identifier: GPL-2.0 */
/* Copyright (c) 2026 hvisor-c contributors */
/* aarch64 translation-table set-up (arch/aarch64/mmu.c). */
#ifndef HV_ASM_MMU_H
#define HV_ASM_MMU_H

#include <hv/types.h>

/** arch_mmu_build() - EL2 table of the board layout; MMU off, primary */
int arch_mmu_build(void);
/** arch_mmu_enable() - load the EL2 table and turn the MMU on */
void arch_mmu_enable(void);
/** arch_vtcr() - VTCR_EL2 value matching the stage-2 format */
u64 arch_vtcr(void);

#endif /* HV_ASM_MMU_H */
