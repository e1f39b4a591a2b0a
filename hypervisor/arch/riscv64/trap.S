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
	.irp n, 1, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31
	sd	x\n, (\n * 8)(sp)
	.endr
.endm

/* x1, x3-x31 back from the frame at sp (x2, sp itself, is the caller's) */
.macro LOAD_REGS
	.irp n, 1, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31
	ld	x\n, (\n * 8)(sp)
	.endr
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
	LOAD_REGS
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
	LOAD_REGS
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
