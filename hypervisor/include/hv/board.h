/* SPDX-License-Identifier: GPL-2.0 */
/* Copyright (c) 2026 hvisor-c contributors */
/*
 * The board table: everything the hypervisor knows about the machine.
 * Generated from boards/<arch>/<board>/board.yaml by porting/templates
 * into $(O)/<arch>/<board>/board.c as `const struct board_desc board`.
 * Every region carries the DT node it came from, so faults can name it.
 */
#ifndef HV_BOARD_H
#define HV_BOARD_H

#include <hv/types.h>
#include <hvisor/board_limits.h>

/* layout[].type: how the hypervisor maps a range in its own table */
enum board_mem_kind {
	BOARD_MEM_NORMAL,
	BOARD_MEM_DEVICE,
};

/* root_zone.memory[].type; same values as HVISOR_MEM_TYPE_* */
enum board_zone_mem_type {
	BOARD_ZONE_RAM = 0,
	BOARD_ZONE_IO = 1,
	BOARD_ZONE_VIRTIO = 2,
};

enum board_uart_driver {
	UART_NONE,
	UART_PL011,
	UART_NS16550,
	UART_IMX,
	UART_XUARTPS,
	UART_MESON,
	UART_MSM,
	UART_GENI,
	UART_MVEBU,
	UART_SCIF,
	UART_LPUART,
	UART_SBI, /* no UART driver fits: the firmware's console (riscv64) */
};

enum board_psci_method {
	BOARD_PSCI_NONE,
	BOARD_PSCI_SMC,
	BOARD_PSCI_HVC,
};

struct board_region {
	u64 base;
	u64 size;
	const char *node;
};

struct board_layout {
	u64 base;
	u64 size;
	enum board_mem_kind type;
};

struct board_zone_region {
	enum board_zone_mem_type type;
	u64 base;
	u64 size;
	const char *node;
};

struct board_irq {
	u32 intid;
	const char *node;
};

struct board_cpu {
	u64 mpidr; /* aarch64: MPIDR_EL1 affinity */
	const char *node;
	u64 hartid; /* riscv64: the hart id (DT reg, SBI hart id) */
};

struct board_console {
	enum board_uart_driver driver;
	u64 base;
	u64 size;
	u32 irq;
	u32 baud;
	u32 reg_shift;
	u32 reg_io_width;
	u32 clock;
	const char *node;
};

#define BOARD_MAX_ITS HVISOR_BOARD_MAX_ITS

struct board_gic {
	u32 version; /* 2 or 3 */
	u32 maintenance_irq;
	const char *node;
	struct board_region gicd, gicr, gicc, gich, gicv;
	/* GICv2: the CPU interface's first 4 KiB page is at gicc.base +
	 * gicc_alias (GIC-400's 64 KiB alias layout; 0 otherwise) */
	u64 gicc_alias;
	u64 gicr_stride;
	u32 num_its;
	struct board_region its[BOARD_MAX_ITS];
};

/* riscv64: the platform-level interrupt controller (PLIC or AIA) */
enum board_irqchip_type {
	BOARD_IRQCHIP_NONE,
	BOARD_IRQCHIP_PLIC,
	BOARD_IRQCHIP_AIA,
};

/* a PLIC context: hart (logical CPU id) and the privilege it interrupts */
enum board_plic_mode {
	BOARD_PLIC_MODE_M,
	BOARD_PLIC_MODE_S,
};

struct board_plic_context {
	u32 id;
	u32 hart;
	enum board_plic_mode mode;
};

struct board_irqchip {
	enum board_irqchip_type type;
	const char *node;
	u64 base;
	u64 size;
	u32 ndev; /* source ids 1..ndev */
	u32 num_contexts;
	const struct board_plic_context *contexts;
	struct board_region imsic; /* aia: the S-level IMSIC, else size 0 */
	u32 imsic_guest_index_bits;
	u32 imsic_hart_index_bits;
};

struct board_root_zone {
	const char *name;
	u64 cpus; /* bit i = logical CPU i */
	u32 num_regions;
	const struct board_zone_region *regions;
	u32 num_irqs;
	const struct board_irq *irqs;
	u64 entry;
	u64 kernel_load;
	u64 dtb_load;
	u64 initrd_load;
	const char *bootargs;
};

struct board_desc {
	const char *name;
	const char *arch;
	const char *model;
	u32 num_cpus;
	const struct board_cpu *cpus;
	enum board_psci_method psci;
	u64 load_address;
	u32 virtio_irq; /* the root zone's virtio wake-up INTID */
	struct board_region hv_ram;
	struct board_gic gic; /* aarch64 */
	u64 timebase; /* riscv64: timebase-frequency in Hz */
	struct board_irqchip irqchip; /* riscv64 */
	struct board_region clint; /* riscv64: size 0 if none */
	struct board_console console;
	u32 num_layout;
	const struct board_layout *layout;
	u32 num_nodes;
	const struct board_region *nodes;
	struct board_root_zone root_zone;
};

extern const struct board_desc board;

/**
 * board_node_at() - name the DT node whose region holds an address
 * @addr: physical address
 *
 * Return: the node path from the board table, or NULL if no node of the
 * board covers @addr.
 */
const char *board_node_at(u64 addr);

/**
 * board_cpu_by_mpidr() - logical CPU id of an MPIDR (affinity fields only)
 * @mpidr: MPIDR_EL1 value
 *
 * Return: the logical id, or -1 if the board has no such CPU.
 */
int board_cpu_by_mpidr(u64 mpidr);

/**
 * board_cpu_by_hartid() - logical CPU id of a RISC-V hart id
 * Return: the logical id, or -1 if the board has no such hart.
 */
int board_cpu_by_hartid(u64 hartid);

#endif /* HV_BOARD_H */
