/* SPDX-License-Identifier: GPL-2.0 */
/* Copyright (c) 2026 hvisor-c contributors */
/* aarch64 translation-table set-up (arch/aarch64/mmu.c). */
#ifndef HV_ASM_MMU_H
#define HV_ASM_MMU_H

#include <hv/types.h>

/* ID_AA64MMFR0_EL1.PARange, bits 3:0; 5 = 48 bits, the largest used here */
#define ID_AA64MMFR0_PARANGE_MASK 0xfULL
#define ID_AA64MMFR0_PARANGE_48 5U

/*
 * Translation control fields TCR_EL2 (E2H = 0) and VTCR_EL2 share: T0SZ
 * 5:0 (input size 2^(64-T0SZ)), IRGN0 9:8 and ORGN0 11:10 (table walk
 * cacheability, 1 = write-back read/write-allocate), SH0 13:12 (3 = inner
 * shareable), TG0 15:14 (0 = 4 KiB granule), PS 18:16 (PARange encoding).
 */
#define TCR_T0SZ(ia_bits) (64 - (ia_bits))
#define TCR_IRGN0_WBWA (1ULL << 8)
#define TCR_ORGN0_WBWA (1ULL << 10)
#define TCR_SH0_INNER (3ULL << 12)
#define TCR_TG0_4K (0ULL << 14)
#define TCR_PS_SHIFT 16
/* TCR_EL2 (E2H = 0) RES1: bits 31 and 23 */
#define TCR_EL2_RES1 (BIT(31) | BIT(23))
/* VTCR_EL2: SL0, bits 7:6, the level a 4 KiB-granule walk starts at */
#define VTCR_EL2_SL0_L1 (1ULL << 6)
/* VTCR_EL2 RES1: bit 31 */
#define VTCR_EL2_RES1 BIT(31)

/* MAIR_EL2: one 8-bit attribute per index */
#define MAIR_ATTR(idx, attr) ((u64)(attr) << ((idx)*8))
#define MAIR_DEVICE_nGnRnE 0x00ULL
#define MAIR_NORMAL_WB 0xffULL /* inner/outer write-back, R/W-allocate */
#define MAIR_NORMAL_NC 0x44ULL /* inner/outer non-cacheable */

/** arch_mmu_build() - EL2 table of the board layout; MMU off, primary */
int arch_mmu_build(void);
/** arch_mmu_enable() - load the EL2 table and turn the MMU on */
void arch_mmu_enable(void);
/** arch_vtcr() - VTCR_EL2 value matching the stage-2 format */
u64 arch_vtcr(void);

#endif /* HV_ASM_MMU_H */
