/* SPDX-License-Identifier: GPL-2.0 */
/* Copyright (c) 2026 hvisor-c contributors */
/* riscv64 G-stage (Sv39x4) page-table format (arch/riscv64/gstage.c). */
#ifndef HV_ASM_GSTAGE_H
#define HV_ASM_GSTAGE_H

#include <hv/paging.h>

/* PTE bits of the privileged spec (Sv39/Sv39x4) */
#define PTE_V (1ULL << 0)
#define PTE_R (1ULL << 1)
#define PTE_W (1ULL << 2)
#define PTE_X (1ULL << 3)
#define PTE_U (1ULL << 4) /* G-stage leaves must have U */
#define PTE_A (1ULL << 6)
#define PTE_D (1ULL << 7)
#define PTE_PPN_SHIFT 10
#define PTE_PPN_MASK 0x003ffffffffffc00ULL

/* Sv39x4: 41-bit guest physical addresses, a 2048-entry (16 KiB) root */
#define GSTAGE_ROOT_SIZE 0x4000
#define GSTAGE_GPA_BITS 41

extern const struct paging_fmt gstage_fmt;

#endif /* HV_ASM_GSTAGE_H */
