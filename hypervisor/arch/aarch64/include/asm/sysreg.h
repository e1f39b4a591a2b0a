/* SPDX-License-Identifier: GPL-2.0 */
/* Copyright (c) 2026 hvisor-c contributors */
/* aarch64 system register access and EL2 register bits. */
#ifndef HV_ASM_SYSREG_H
#define HV_ASM_SYSREG_H

#include <hv/types.h>

#define read_sysreg(r)                                                         \
	({                                                                     \
		u64 __v;                                                       \
		__asm__ volatile("mrs %0, " #r : "=r"(__v));                   \
		__v;                                                           \
	})
#define write_sysreg(r, v)                                                     \
	__asm__ volatile("msr " #r ", %0" : : "r"((u64)(v)) : "memory")

#define isb() __asm__ volatile("isb" ::: "memory")
#define dsb(opt) __asm__ volatile("dsb " #opt ::: "memory")
#define wfi() __asm__ volatile("wfi" ::: "memory")
#define wfe() __asm__ volatile("wfe" ::: "memory")
#define sev() __asm__ volatile("sev" ::: "memory")

/* GICv3 system registers by encoding (older assemblers lack some names) */
#define ICC_IAR1_EL1 S3_0_C12_C12_0
#define ICC_EOIR1_EL1 S3_0_C12_C12_1
#define ICC_DIR_EL1 S3_0_C12_C11_1
#define ICC_SGI1R_EL1 S3_0_C12_C11_5
/* its MSR trap ISS (op0 3, op1 0, CRn 12, CRm 11, op2 5) */
#define ESR_ISS_ICC_SGI1R_EL1 ESR_ISS_SYS_REG(3U, 0U, 12U, 11U, 5U)
#define ICC_PMR_EL1 S3_0_C4_C6_0
#define ICC_CTLR_EL1 S3_0_C12_C12_4
#define ICC_SRE_EL1 S3_0_C12_C12_5
#define ICC_IGRPEN1_EL1 S3_0_C12_C12_7
#define ICC_BPR1_EL1 S3_0_C12_C12_3
#define ICC_SRE_EL2 S3_4_C12_C9_5
#define ICH_HCR_EL2 S3_4_C12_C11_0
#define ICH_VTR_EL2 S3_4_C12_C11_1
#define ICH_MISR_EL2 S3_4_C12_C11_2
#define ICH_ELRSR_EL2 S3_4_C12_C11_5
#define ICH_VMCR_EL2 S3_4_C12_C11_7
#define ICH_AP0R0_EL2 S3_4_C12_C8_0
#define ICH_AP1R0_EL2 S3_4_C12_C9_0
#define ICH_LR0_EL2 S3_4_C12_C12_0
#define ICH_LR1_EL2 S3_4_C12_C12_1
#define ICH_LR2_EL2 S3_4_C12_C12_2
#define ICH_LR3_EL2 S3_4_C12_C12_3
#define ICH_LR4_EL2 S3_4_C12_C12_4
#define ICH_LR5_EL2 S3_4_C12_C12_5
#define ICH_LR6_EL2 S3_4_C12_C12_6
#define ICH_LR7_EL2 S3_4_C12_C12_7
#define ICH_LR8_EL2 S3_4_C12_C13_0
#define ICH_LR9_EL2 S3_4_C12_C13_1
#define ICH_LR10_EL2 S3_4_C12_C13_2
#define ICH_LR11_EL2 S3_4_C12_C13_3
#define ICH_LR12_EL2 S3_4_C12_C13_4
#define ICH_LR13_EL2 S3_4_C12_C13_5
#define ICH_LR14_EL2 S3_4_C12_C13_6
#define ICH_LR15_EL2 S3_4_C12_C13_7

/* HCR_EL2 */
#define HCR_VM BIT(0)
#define HCR_SWIO BIT(1)
#define HCR_FMO BIT(3)
#define HCR_IMO BIT(4)
#define HCR_AMO BIT(5)
#define HCR_TSC BIT(19)
#define HCR_RW BIT(31)
/* pointer authentication: APK (40) lets EL1 write its keys, API (41) run
 * the PAC instructions, without a trap; RES0 on a CPU without FEAT_PAuth.
 * ID_AA64ISAR1_EL1 APA 7:4, API 11:8, GPA 27:24, GPI 31:28;
 * ID_AA64ISAR2_EL1 (S3_0_C0_C6_2) APA3 15:12, GPA3 11:8. */
#define HCR_APK BIT(40)
#define HCR_API BIT(41)
#define ID_AA64ISAR1_PAUTH_MASK 0xff000ff0ULL
#define ID_AA64ISAR2_PAUTH_MASK 0xff00ULL

/*
 * CPTR_EL2 (HCR_EL2.E2H = 0).  RES1: bits 13, 9 and 7:0.  TZ (bit 8) traps
 * SVE and TSM (bit 12) traps SME; both read as RES1 on a CPU without the
 * feature.  TFP (bit 10) left 0: FP/SIMD not trapped.
 */
#define CPTR_EL2_RES1 (BIT(13) | BIT(9) | 0xffULL)
#define CPTR_EL2_TZ BIT(8)
#define CPTR_EL2_TFP BIT(10)
#define CPTR_EL2_TSM BIT(12)

/*
 * SVE and SME: a CPU with them gives them to its vCPU (one vCPU per CPU:
 * nothing to switch), at the full vector length.  ID_AA64PFR0_EL1.SVE
 * bits 35:32, ID_AA64PFR1_EL1.SME bits 27:24 (2 = SME2),
 * ID_AA64SMFR0_EL1 (S3_0_C0_C4_5) FA64 bit 63.  ZCR_EL2 (S3_4_C1_C2_0)
 * and SMCR_EL2 (S3_4_C1_C2_6): LEN, bits 3:0, caps the length EL1 may
 * choose; SMCR_EL2.FA64 (31) and EZT0 (30) let EL1 use full A64 in
 * streaming mode and ZT0.
 */
#define ID_AA64PFR0_SVE_SHIFT 32
#define ID_AA64PFR1_SME_SHIFT 24
#define ID_AA64SMFR0_FA64 BIT(63)
#define ZCR_EL2_LEN_MAX 0xfULL
#define SMCR_EL2_LEN_MAX 0xfULL
#define SMCR_EL2_FA64 BIT(31)
#define SMCR_EL2_EZT0 BIT(30)

/* CNTHCTL_EL2 (E2H = 0): EL1 reads the physical counter, uses its timer */
#define CNTHCTL_EL2_EL1PCTEN BIT(0)
#define CNTHCTL_EL2_EL1PCEN BIT(1)

/* MDCR_EL2: HPMN, event counters EL1 may use; every other field cleared */
#define MDCR_EL2_HPMN_MASK 0x1fULL

/*
 * SCTLR_EL1 RES1 in Armv8.0: bits 29, 28, 23, 22, 20 and 11 (later
 * extensions name them LSMAOE, nTLSMD, SPAN, EIS, TSCXT, EOS; set, they
 * keep the Armv8.0 behaviour).  Everything else 0: MMU and caches off.
 */
#define SCTLR_EL1_RES1                                                         \
	(BIT(29) | BIT(28) | BIT(23) | BIT(22) | BIT(20) | BIT(11))

/*
 * SCTLR_EL2 (E2H = 0) RES1: bits 29, 28, 23, 22, 18, 16, 11, 5 and 4.
 */
#define SCTLR_EL2_RES1                                                         \
	(BIT(29) | BIT(28) | BIT(23) | BIT(22) | BIT(18) | BIT(16) | BIT(11) | \
	 BIT(5) | BIT(4))
#define SCTLR_EL2_M BIT(0) /* stage-1 MMU on */
#define SCTLR_EL2_C BIT(2) /* data cacheable */
#define SCTLR_EL2_SA BIT(3) /* SP alignment check */
#define SCTLR_EL2_I BIT(12) /* instruction cacheable */

/* VTTBR_EL2: VMID in bits 55:48 (8-bit VMIDs), BADDR below */
#define VTTBR_VMID_SHIFT 48

/* HPFAR_EL2: FIPA, bits 43:4, holds IPA bits 47:12 of a stage-2 fault */
#define HPFAR_FIPA_SHIFT 4
#define HPFAR_FIPA_IPA_SHIFT 12
/* FAR_EL2 bits 11:0: the faulting address's offset in its 4 KiB page */
#define FAR_PAGE_OFFSET_MASK 0xfffULL

/* ESR_EL2: EC, bits 31:26, the exception class */
#define ESR_EC_SHIFT 26
#define ESR_EC_MASK 0x3f
#define ESR_EC(esr) (((esr) >> ESR_EC_SHIFT) & ESR_EC_MASK)
#define EC_UNKNOWN 0x00
#define EC_WFX 0x01
#define EC_HVC64 0x16
#define EC_SMC64 0x17
#define EC_SYSREG 0x18
#define EC_IABT_LOW 0x20
#define EC_DABT_LOW 0x24
#define ESR_IL BIT(25) /* 32-bit instruction (else a 16-bit T32 one) */
#define ESR_ISS_MASK 0x1ffffffULL /* ISS, bits 24:0 */

/*
 * ISS of an MSR/MRS trap (EC 0x18): Op0 21:20, Op2 19:17, Op1 16:14,
 * CRn 13:10, Rt 9:5, CRm 4:1, Direction 0 (1: read, MRS).
 */
#define ESR_ISS_SYS_OP0_SHIFT 20
#define ESR_ISS_SYS_OP2_SHIFT 17
#define ESR_ISS_SYS_OP1_SHIFT 14
#define ESR_ISS_SYS_CRN_SHIFT 10
#define ESR_ISS_SYS_RT_SHIFT 5
#define ESR_ISS_SYS_RT_MASK 0x1fU
#define ESR_ISS_SYS_CRM_SHIFT 1
#define ESR_ISS_SYS_READ BIT(0)
/* Op0, Op2, Op1, CRn and CRm: the register, without Rt and Direction */
#define ESR_ISS_SYS_REG_MASK 0x3ffc1eU
#define ESR_ISS_SYS_REG(op0, op1, crn, crm, op2)                               \
	(((op0) << ESR_ISS_SYS_OP0_SHIFT) | ((op2) << ESR_ISS_SYS_OP2_SHIFT) | \
	 ((op1) << ESR_ISS_SYS_OP1_SHIFT) | ((crn) << ESR_ISS_SYS_CRN_SHIFT) | \
	 ((crm) << ESR_ISS_SYS_CRM_SHIFT))

/* data abort ISS */
#define DABT_ISV BIT(24) /* the syndrome fields below are valid */
#define DABT_SAS_SHIFT 22 /* SAS, bits 23:22: log2 of the access size */
#define DABT_SAS_MASK 3
#define DABT_SAS(esr) (((esr) >> DABT_SAS_SHIFT) & DABT_SAS_MASK)
#define DABT_SSE BIT(21) /* sign-extend a load */
#define DABT_SRT_SHIFT 16 /* SRT, bits 20:16: the register transferred */
#define DABT_SRT_MASK 0x1f
#define DABT_SRT(esr) (((esr) >> DABT_SRT_SHIFT) & DABT_SRT_MASK)
#define DABT_SF BIT(15) /* 64-bit register (else W, zero-extended) */
#define DABT_WNR BIT(6) /* write */

/* MPIDR_EL1: the affinity fields Aff3 (39:32) and Aff2..Aff0 (23:0) */
#define MPIDR_AFF_MASK 0xff00ffffffULL

#endif /* HV_ASM_SYSREG_H */
