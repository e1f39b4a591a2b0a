/* SPDX-License-Identifier: GPL-2.0 */
/* Copyright (c) 2026 hvisor-c contributors */
/*
 * HS trap entry (stvec).  While a guest runs, sscratch holds the top of
 * this CPU's stack; in the hypervisor it is 0 (interrupts are masked
 * there, so a trap taken in HS-mode is a hypervisor fault).  A trap from
 * the guest saves its registers in a struct trap_frame at the top of the
 * stack, sets tp to this CPU and calls trap_guest(); vcpu_return restores
 * and srets.
 */
#include <generated/asm-offsets.h>

.macro SAVE_REGS
	sd	x1, 8(sp)
	sd	x3, 24(sp)
	sd	x4, 32(sp)
	sd	x5, 40(sp)
	sd	x6, 48(sp)
	sd	x7, 56(sp)
	sd	x8, 64(sp)
	sd	x9, 72(sp)
	sd	x10, 80(sp)
	sd	x11, 88(sp)
	sd	x12, 96(sp)
	sd	x13, 104(sp)
	sd	x14, 112(sp)
	sd	x15, 120(sp)
	sd	x16, 128(sp)
	sd	x17, 136(sp)
	sd	x18, 144(sp)
	sd	x19, 152(sp)
	sd	x20, 160(sp)
	sd	x21, 168(sp)
	sd	x22, 176(sp)
	sd	x23, 184(sp)
	sd	x24, 192(sp)
	sd	x25, 200(sp)
	sd	x26, 208(sp)
	sd	x27, 216(sp)
	sd	x28, 224(sp)
	sd	x29, 232(sp)
	sd	x30, 240(sp)
	sd	x31, 248(sp)
.endm

	.section .text
	.balign	4
	.global	hv_trap_entry
hv_trap_entry:
	csrrw	sp, sscratch, sp
	beqz	sp, hs_trap
	addi	sp, sp, -FRAME_SIZE
	SAVE_REGS
	csrr	t0, sscratch
	sd	t0, 16(sp)
	csrw	sscratch, zero
	csrr	t0, sepc
	sd	t0, FRAME_SEPC(sp)
	csrr	t0, sstatus
	sd	t0, FRAME_SSTATUS(sp)
	csrr	t0, hstatus
	sd	t0, FRAME_HSTATUS(sp)
	/* tp = this CPU: the stack top minus the stack's end offset */
	addi	tp, sp, FRAME_SIZE
	li	t0, CPU_STACK_END
	sub	tp, tp, t0
	mv	a0, sp
	mv	s0, zero
	call	trap_guest
	/* fall through: sp = the frame */
	.global	vcpu_return
vcpu_return:
	ld	t0, FRAME_SEPC(sp)
	csrw	sepc, t0
	ld	t0, FRAME_SSTATUS(sp)
	csrw	sstatus, t0
	ld	t0, FRAME_HSTATUS(sp)
	csrw	hstatus, t0
	addi	t0, sp, FRAME_SIZE
	csrw	sscratch, t0
	ld	x1, 8(sp)
	ld	x3, 24(sp)
	ld	x4, 32(sp)
	ld	x5, 40(sp)
	ld	x6, 48(sp)
	ld	x7, 56(sp)
	ld	x8, 64(sp)
	ld	x9, 72(sp)
	ld	x10, 80(sp)
	ld	x11, 88(sp)
	ld	x12, 96(sp)
	ld	x13, 104(sp)
	ld	x14, 112(sp)
	ld	x15, 120(sp)
	ld	x16, 128(sp)
	ld	x17, 136(sp)
	ld	x18, 144(sp)
	ld	x19, 152(sp)
	ld	x20, 160(sp)
	ld	x21, 168(sp)
	ld	x22, 176(sp)
	ld	x23, 184(sp)
	ld	x24, 192(sp)
	ld	x25, 200(sp)
	ld	x26, 208(sp)
	ld	x27, 216(sp)
	ld	x28, 224(sp)
	ld	x29, 232(sp)
	ld	x30, 240(sp)
	ld	x31, 248(sp)
	ld	sp, 16(sp)
	sret

/*
 * A trap in HS-mode itself: sscratch was 0, sp is the hypervisor's.
 * trap_hs_fault() panics, or returns after an expected fault (the CSR
 * probe of cpu.c) with sepc moved past the faulting instruction.
 */
hs_trap:
	csrrw	sp, sscratch, sp
	addi	sp, sp, -FRAME_SIZE
	SAVE_REGS
	addi	t0, sp, FRAME_SIZE
	sd	t0, 16(sp)
	csrr	t0, sepc
	sd	t0, FRAME_SEPC(sp)
	csrr	t0, sstatus
	sd	t0, FRAME_SSTATUS(sp)
	csrr	t0, hstatus
	sd	t0, FRAME_HSTATUS(sp)
	mv	a0, sp
	call	trap_hs_fault
	/* returns only for an expected fault (a CSR probe): resume HS */
	ld	t0, FRAME_SEPC(sp)
	csrw	sepc, t0
	ld	t0, FRAME_SSTATUS(sp)
	csrw	sstatus, t0
	ld	x1, 8(sp)
	ld	x3, 24(sp)
	ld	x4, 32(sp)
	ld	x5, 40(sp)
	ld	x6, 48(sp)
	ld	x7, 56(sp)
	ld	x8, 64(sp)
	ld	x9, 72(sp)
	ld	x10, 80(sp)
	ld	x11, 88(sp)
	ld	x12, 96(sp)
	ld	x13, 104(sp)
	ld	x14, 112(sp)
	ld	x15, 120(sp)
	ld	x16, 128(sp)
	ld	x17, 136(sp)
	ld	x18, 144(sp)
	ld	x19, 152(sp)
	ld	x20, 160(sp)
	ld	x21, 168(sp)
	ld	x22, 176(sp)
	ld	x23, 184(sp)
	ld	x24, 192(sp)
	ld	x25, 200(sp)
	ld	x26, 208(sp)
	ld	x27, 216(sp)
	ld	x28, 224(sp)
	ld	x29, 232(sp)
	ld	x30, 240(sp)
	ld	x31, 248(sp)
	addi	sp, sp, FRAME_SIZE
	sret

/*
 * void vcpu_launch(u64 stack_top, u64 entry, u64 a0, u64 a1): enter a vCPU
 * afresh in VS-mode.  Resets sp to the top of this CPU's stack (the C
 * caller's frames are abandoned), clears every general register but a0,
 * a1 and tp, and srets with hstatus.SPV = 1, sstatus.SPP = 1.
 */
	.global	vcpu_launch
vcpu_launch:
	mv	sp, a0
	csrw	sscratch, a0
	csrw	sepc, a1
	li	t0, (1 << 8) | (3 << 13)	/* SPP = S, FS = dirty */
	csrw	sstatus, t0
	li	t0, (1 << 7) | (1 << 8)		/* SPV, SPVP */
	li	t1, 2
	slli	t1, t1, 32			/* VSXL = 64 bit */
	or	t0, t0, t1
	csrw	hstatus, t0
	mv	a0, a2
	mv	a1, a3
	li	x1, 0
	li	x2, 0
	li	x3, 0
	li	x4, 0
	li	x5, 0
	li	x6, 0
	li	x7, 0
	li	x8, 0
	li	x9, 0
	li	x12, 0
	li	x13, 0
	li	x14, 0
	li	x15, 0
	li	x16, 0
	li	x17, 0
	li	x18, 0
	li	x19, 0
	li	x20, 0
	li	x21, 0
	li	x22, 0
	li	x23, 0
	li	x24, 0
	li	x25, 0
	li	x26, 0
	li	x27, 0
	li	x28, 0
	li	x29, 0
	li	x30, 0
	li	x31, 0
	sret
