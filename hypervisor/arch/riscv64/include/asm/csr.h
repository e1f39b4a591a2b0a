/* SPDX-License-Identifier: GPL-2.0 */
/* Copyright (c) 2026 hvisor-c contributors */
/*
 * RISC-V CSRs and bits of the privileged spec (H extension) used by the
 * HS-mode hypervisor.  CSRs are named by number and the H instructions are
 * emitted with .insn, so no assembler extension flag is needed.
 */
#ifndef HV_ASM_CSR_H
#define HV_ASM_CSR_H

#define CSR_SSTATUS 0x100
#define CSR_SIE 0x104
#define CSR_STVEC 0x105
#define CSR_SSCRATCH 0x140
#define CSR_SEPC 0x141
#define CSR_SCAUSE 0x142
#define CSR_STVAL 0x143
#define CSR_SIP 0x144
#define CSR_STIMECMP 0x14d
#define CSR_SATP 0x180

#define CSR_VSSTATUS 0x200
#define CSR_VSIE 0x204
#define CSR_VSTVEC 0x205
#define CSR_VSSCRATCH 0x240
#define CSR_VSEPC 0x241
#define CSR_VSCAUSE 0x242
#define CSR_VSTVAL 0x243
#define CSR_VSIP 0x244
#define CSR_VSTIMECMP 0x24d
#define CSR_VSATP 0x280

#define CSR_HSTATUS 0x600
#define CSR_HEDELEG 0x602
#define CSR_HIDELEG 0x603
#define CSR_HIE 0x604
#define CSR_HTIMEDELTA 0x605
#define CSR_HCOUNTEREN 0x606
#define CSR_HGEIE 0x607
#define CSR_HENVCFG 0x60a
#define CSR_HTVAL 0x643
#define CSR_HIP 0x644
#define CSR_HVIP 0x645
#define CSR_HTINST 0x64a
#define CSR_HGATP 0x680
#define CSR_TIME 0xc01

/* sstatus */
#define SSTATUS_SIE (1UL << 1)
#define SSTATUS_SPIE (1UL << 5)
#define SSTATUS_SPP (1UL << 8)
#define SSTATUS_FS_DIRTY (3UL << 13)
#define SSTATUS_UXL_64 (2UL << 32)

/* hstatus */
#define HSTATUS_SPV (1UL << 7)
#define HSTATUS_SPVP (1UL << 8)
#define HSTATUS_VSXL_64 (2UL << 32)

/* henvcfg */
#define HENVCFG_STCE (1UL << 63)
#define HENVCFG_PBMTE (1UL << 62)

/* hgatp */
#define HGATP_MODE_SV39X4 (8UL << 60)
#define HGATP_VMID_SHIFT 44

/* interrupt bits of sip/sie/hvip/hideleg, and scause codes */
#define IRQ_S_SOFT 1
#define IRQ_VS_SOFT 2
#define IRQ_S_TIMER 5
#define IRQ_VS_TIMER 6
#define IRQ_S_EXT 9
#define IRQ_VS_EXT 10
#define SCAUSE_IRQ (1UL << 63)

#define EXC_INST_MISALIGNED 0
#define EXC_ILLEGAL_INST 2
#define EXC_BREAKPOINT 3
#define EXC_ECALL_U 8
#define EXC_ECALL_VS 10
#define EXC_INST_PAGE_FAULT 12
#define EXC_LOAD_PAGE_FAULT 13
#define EXC_STORE_PAGE_FAULT 15
#define EXC_INST_GUEST_PAGE_FAULT 20
#define EXC_LOAD_GUEST_PAGE_FAULT 21
#define EXC_VIRTUAL_INST 22
#define EXC_STORE_GUEST_PAGE_FAULT 23

#ifndef __ASSEMBLY__
#include <hv/types.h>

#define __csr_str(x) #x
#define csr_str(x) __csr_str(x)

#define csr_read(csr)                                                          \
	({                                                                     \
		u64 __v;                                                       \
		__asm__ volatile("csrr %0, " csr_str(csr)                      \
				 : "=r"(__v)                                   \
				 :                                             \
				 : "memory");                                  \
		__v;                                                           \
	})

#define csr_write(csr, val)                                                    \
	({                                                                     \
		u64 __v = (u64)(val);                                          \
		__asm__ volatile("csrw " csr_str(csr) ", %0"                   \
				 :                                             \
				 : "rK"(__v)                                   \
				 : "memory");                                  \
	})

#define csr_set(csr, val)                                                      \
	({                                                                     \
		u64 __v = (u64)(val);                                          \
		__asm__ volatile("csrs " csr_str(csr) ", %0"                   \
				 :                                             \
				 : "rK"(__v)                                   \
				 : "memory");                                  \
	})

#define csr_clear(csr, val)                                                    \
	({                                                                     \
		u64 __v = (u64)(val);                                          \
		__asm__ volatile("csrc " csr_str(csr) ", %0"                   \
				 :                                             \
				 : "rK"(__v)                                   \
				 : "memory");                                  \
	})

/* hfence.gvma x0, x0: every guest-physical translation of every VMID */
static inline void hfence_gvma_all(void)
{
	__asm__ volatile(".insn r 0x73, 0, 0x31, x0, x0, x0" ::: "memory");
}

/* hfence.vvma x0, x0: every VS-stage translation of the current VMID */
static inline void hfence_vvma_all(void)
{
	__asm__ volatile(".insn r 0x73, 0, 0x11, x0, x0, x0" ::: "memory");
}

/*
 * hlvx.hu: read a halfword of guest code at guest virtual address @va as
 * the guest sees it (VS-stage then G-stage, execute permission).
 */
static inline u16 hlvx_hu(u64 va)
{
	u64 v;

	__asm__ volatile(".insn r 0x73, 0x4, 0x32, %0, %1, x3"
			 : "=r"(v)
			 : "r"(va)
			 : "memory");
	return (u16)v;
}

#endif /* __ASSEMBLY__ */
#endif /* HV_ASM_CSR_H */
