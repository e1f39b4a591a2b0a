/* SPDX-License-Identifier: GPL-2.0 */
/* Copyright (c) 2026 hvisor-c contributors */
/*
 * GICv3 CPU interface system register fields (ARM IHI 0069, chapter 12):
 * the ICC_* registers of the hypervisor's own interface and the ICH_*
 * registers of the virtual interface.  The registers' encodings are in
 * sysreg.h, ICC_SGI1R_EL1's fields in vgic.h.
 */
#ifndef HV_ASM_GICV3_H
#define HV_ASM_GICV3_H

#include <hv/types.h>

/* ICH_LR<n>_EL2 */
#define ICH_LR_VINTID_MASK 0xffffffffULL /* vINTID, bits 31:0 */
#define ICH_LR_PINTID_SHIFT 32 /* pINTID, bits 44:32 (HW = 1) */
#define ICH_LR_PINTID_MASK 0x1fffULL
#define ICH_LR_PRIORITY_SHIFT 48 /* Priority, bits 55:48 */
#define ICH_LR_GROUP1 BIT(60)
#define ICH_LR_HW BIT(61) /* the guest's deactivation reaches pINTID */
#define ICH_LR_STATE_SHIFT 62 /* State, bits 63:62 */
#define ICH_LR_STATE_PENDING (1ULL << ICH_LR_STATE_SHIFT)
#define ICH_LR_STATE_MASK (3ULL << ICH_LR_STATE_SHIFT) /* 0: invalid */
#define ICH_LR_PRIORITY(p) ((u64)(p) << ICH_LR_PRIORITY_SHIFT)
#define ICH_LR_PINTID(intid) ((u64)(intid) << ICH_LR_PINTID_SHIFT)

/** ich_lr_pintid() - the physical INTID of a HW list register value */
static inline u64 ich_lr_pintid(u64 lr)
{
	return (lr >> ICH_LR_PINTID_SHIFT) & ICH_LR_PINTID_MASK;
}

/* ICH_HCR_EL2 */
#define ICH_HCR_EN BIT(0)
#define ICH_HCR_UIE BIT(1) /* maintenance IRQ when at most one LR valid */

/* ICH_VTR_EL2: ListRegs, bits 4:0, the number of list registers - 1 */
#define ICH_VTR_LISTREGS_MASK 0x1fULL

/* ICH_VMCR_EL2 (the vCPU's view of ICC_PMR, ICC_IGRPEN1 ...) */
#define ICH_VMCR_VENG1 BIT(1) /* virtual Group 1 enabled */
#define ICH_VMCR_VPMR_SHIFT 24 /* VPMR, bits 31:24: priority mask */

/* ICC_SRE_EL2 */
#define ICC_SRE_EL2_SRE BIT(0) /* system register interface at EL2 */
#define ICC_SRE_EL2_DFB BIT(1) /* FIQ bypass disabled */
#define ICC_SRE_EL2_DIB BIT(2) /* IRQ bypass disabled */
#define ICC_SRE_EL2_ENABLE BIT(3) /* EL1 may use ICC_SRE_EL1 */

/* ICC_CTLR_EL1: EOImode 1, EOIR drops priority, DIR deactivates */
#define ICC_CTLR_EOIMODE BIT(1)

/* ICC_IGRPEN1_EL1 */
#define ICC_IGRPEN1_ENABLE BIT(0)

/* ICC_IAR1_EL1: INTID, bits 23:0 */
#define ICC_IAR_INTID_MASK 0xffffffULL

#endif /* HV_ASM_GICV3_H */
