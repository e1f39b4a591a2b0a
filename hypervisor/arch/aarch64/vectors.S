/* SPDX-License-Identifier: GPL-2.0 */
/* Copyright (c) 2026 hvisor-c contributors */
/*
 * EL2 exception vectors.  A trap from the guest saves its registers in a
 * struct trap_frame at the top of this CPU's stack (SP_EL2 is the stack top
 * while a guest runs) and calls the C handler; vcpu_return restores and
 * erets.  Exceptions taken at EL2 itself are hypervisor faults.
 */
#include <generated/asm-offsets.h>

#define KIND_SYNC 0
#define KIND_IRQ 1
#define KIND_FIQ 2
#define KIND_SERROR 3

.macro ventry kind, handler
	.balign	0x80
	sub	sp, sp, #FRAME_SIZE
	stp	x0, x1, [sp, #0]
	mov	x1, #\kind
	adr	x0, \handler
	b	save_frame
.endm

	.section .text
	.balign	0x800
	.global	hv_vectors
hv_vectors:
	/* current EL with SP_EL0: never used */
	ventry KIND_SYNC, trap_el2_fault
	ventry KIND_IRQ, trap_el2_fault
	ventry KIND_FIQ, trap_el2_fault
	ventry KIND_SERROR, trap_el2_fault
	/* current EL with SP_ELx: a fault in the hypervisor */
	ventry KIND_SYNC, trap_el2_fault
	ventry KIND_IRQ, trap_el2_fault
	ventry KIND_FIQ, trap_el2_fault
	ventry KIND_SERROR, trap_el2_fault
	/* lower EL, AArch64: the guest */
	ventry KIND_SYNC, trap_guest_sync
	ventry KIND_IRQ, trap_guest_irq
	ventry KIND_FIQ, trap_guest_irq
	ventry KIND_SERROR, trap_guest_other
	/* lower EL, AArch32: not supported, treated as unknown traps */
	ventry KIND_SYNC, trap_guest_other
	ventry KIND_IRQ, trap_guest_irq
	ventry KIND_FIQ, trap_guest_irq
	ventry KIND_SERROR, trap_guest_other

/* x0 = C handler, x1 = kind; guest x0/x1 already saved */
save_frame:
	stp	x2, x3, [sp, #16]
	stp	x4, x5, [sp, #32]
	stp	x6, x7, [sp, #48]
	stp	x8, x9, [sp, #64]
	stp	x10, x11, [sp, #80]
	stp	x12, x13, [sp, #96]
	stp	x14, x15, [sp, #112]
	stp	x16, x17, [sp, #128]
	stp	x18, x19, [sp, #144]
	stp	x20, x21, [sp, #160]
	stp	x22, x23, [sp, #176]
	stp	x24, x25, [sp, #192]
	stp	x26, x27, [sp, #208]
	stp	x28, x29, [sp, #224]
	str	x30, [sp, #240]
	mrs	x2, elr_el2
	mrs	x3, spsr_el2
	stp	x2, x3, [sp, #FRAME_ELR]
	mov	x9, x0
	mov	x0, sp
	mov	x29, #0
	mov	x30, #0
	blr	x9
	/* fall through */
	.global	vcpu_return
vcpu_return:
	ldp	x2, x3, [sp, #FRAME_ELR]
	msr	elr_el2, x2
	msr	spsr_el2, x3
	ldp	x2, x3, [sp, #16]
	ldp	x4, x5, [sp, #32]
	ldp	x6, x7, [sp, #48]
	ldp	x8, x9, [sp, #64]
	ldp	x10, x11, [sp, #80]
	ldp	x12, x13, [sp, #96]
	ldp	x14, x15, [sp, #112]
	ldp	x16, x17, [sp, #128]
	ldp	x18, x19, [sp, #144]
	ldp	x20, x21, [sp, #160]
	ldp	x22, x23, [sp, #176]
	ldp	x24, x25, [sp, #192]
	ldp	x26, x27, [sp, #208]
	ldp	x28, x29, [sp, #224]
	ldr	x30, [sp, #240]
	ldp	x0, x1, [sp, #0]
	add	sp, sp, #FRAME_SIZE
	eret

/*
 * void vcpu_launch(u64 stack_top, u64 entry, u64 x0): enter a vCPU afresh.
 * Resets SP_EL2 to the top of this CPU's stack (the C caller's frames are
 * abandoned), clears every general register but x0 and erets to EL1h with
 * DAIF masked.
 */
	.global	vcpu_launch
vcpu_launch:
	mov	sp, x0
	msr	elr_el2, x1
	mov	x0, #0x3c5
	msr	spsr_el2, x0
	mov	x0, x2
	mov	x1, xzr
	mov	x2, xzr
	mov	x3, xzr
	mov	x4, xzr
	mov	x5, xzr
	mov	x6, xzr
	mov	x7, xzr
	mov	x8, xzr
	mov	x9, xzr
	mov	x10, xzr
	mov	x11, xzr
	mov	x12, xzr
	mov	x13, xzr
	mov	x14, xzr
	mov	x15, xzr
	mov	x16, xzr
	mov	x17, xzr
	mov	x18, xzr
	mov	x19, xzr
	mov	x20, xzr
	mov	x21, xzr
	mov	x22, xzr
	mov	x23, xzr
	mov	x24, xzr
	mov	x25, xzr
	mov	x26, xzr
	mov	x27, xzr
	mov	x28, xzr
	mov	x29, xzr
	mov	x30, xzr
	eret
