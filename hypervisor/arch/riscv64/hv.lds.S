/* SPDX-License-Identifier: GPL-2.0 */
/* Copyright (c) 2026 hvisor-c contributors */
/* Linker script; HV_LOAD_ADDR and HV_RAM_* come from board.yaml. */
OUTPUT_ARCH(riscv)
ENTRY(_start)

SECTIONS
{
	. = HV_LOAD_ADDR;
	__hv_start = .;
	.text : {
		KEEP(*(.text.entry))
		*(.text .text.*)
	}
	. = ALIGN(4096);
	.rodata : { *(.rodata .rodata.*) *(.srodata .srodata.*) }
	.data : { *(.data .data.*) *(.sdata .sdata.*) }
	. = ALIGN(16);
	__bss_start = .;
	.bss (NOLOAD) : { *(.sbss .sbss.*) *(.bss .bss.*) *(COMMON) }
	. = ALIGN(16);
	__bss_end = .;
	. = ALIGN(4096);
	__hv_end = .;
	/DISCARD/ : { *(.comment) *(.note*) *(.eh_frame*) *(.riscv.attributes) }
	ASSERT(__hv_end <= HV_RAM_BASE + HV_RAM_SIZE,
	       "hypervisor image larger than hypervisor.ram in board.yaml")
	ASSERT(HV_LOAD_ADDR >= HV_RAM_BASE, "load address below hypervisor.ram")
}
