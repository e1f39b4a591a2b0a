/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/* Copyright (c) 2026 hvisor-c contributors */
/*
 * board.yaml (docs/board-yaml.md): the ONE reader and validator.  dtscan
 * parses what it writes back through it, zonegen reads boards with it, and
 * the hypervisor's render step gets board_write_json()'s output, so every
 * rule and limit of the schema lives here.  Limits come from
 * hypervisor/include/public/hvisor.  Never prints; errors name the file,
 * the key (e.g. "gic.gicc.base") and a hint.
 */
#ifndef HVC_BOARD_H
#define HVC_BOARD_H

#include <stddef.h>
#include <stdint.h>

#include <hvc/buf.h>
#include <hvc/err.h>
#include <hvc/range.h>
#include <hvc/yamldoc.h>

enum board_errno {
	BOARD_OK = 0,
	BOARD_ENOMEM = 1,
	BOARD_EIO = 2, /* the file cannot be read */
	BOARD_EYAML = 3, /* not YAML, or YAML the schema forbids */
	BOARD_EINVAL = 4, /* a key missing, of the wrong kind or value */
};

/* YAML anchors + aliases a board.yaml may use in all (an alias bomb is
 * refused, not expanded): lib/yamldoc.c's bound. */
#define BOARD_MAX_ALIASES HVC_YAML_MAX_ALIASES

struct board_cpu {
	unsigned int id;
	uint64_t mpidr; /* the CPU node's reg: MPIDR; riscv64: = hartid */
	uint64_t hartid; /* riscv64 */
	const char *node;
	const char *isa, *mmu; /* riscv64: riscv,isa, mmu-type; NULL if null */
};

/* riscv64: a PLIC context (irqchip.contexts[]) */
struct board_plic_ctx {
	unsigned int id; /* context index: position in interrupts-extended */
	unsigned int hart; /* logical CPU id */
	char mode; /* 's' (cause 9) or 'm' (cause 11) */
};

struct board_irq {
	unsigned int intid;
	const char *node; /* NULL if none */
};

struct board_dev {
	const char *node;
	const char *compatible; /* NULL if none */
	int kept;
	unsigned int nregs, nirqs;
	struct hvc_range *regs; /* node = the device's */
	unsigned int *irqs;
};

struct board_console {
	const char *node, *driver, *compatible, *why;
	uint64_t base, size;
	int has_irq;
	unsigned int irq, baud, reg_shift, reg_io_width, clock;
};

/*
 * A validated board.  Strings are NUL-terminated, never cut, owned by the
 * board (board_free()); optional ones are NULL when absent or null.  A
 * region's node is its `node`, or its `nodes` joined with ", ".
 * Range types are the schema's words ("ram", "io", "normal", ...).
 */
struct board {
	char *path; /* the file read ("" from memory) */
	char *dir; /* its directory */
	const char *name, *arch, *model, *source;
	unsigned int ncpus;
	struct board_cpu *cpus;
	int has_psci;
	const char *psci_method; /* smc | hvc */
	const char *psci_version; /* NULL if not given */
	int has_timer;
	unsigned int timer_ppis[4];
	const char *timer_node;
	struct hvc_ranges mem, res, layout;
	uint64_t load_address;
	struct hvc_range hv_ram;
	/* hypervisor.virtio_irq: the root zone's virtio wake-up INTID
	 * (default HVISOR_VIRTIO_IRQ_INTID, upstream's SPI 0x20) */
	unsigned int virtio_irq;
	int gic_version; /* 0 on riscv64 */
	/* the interrupt controller's node; riscv64: irqchip.node */
	const char *gic_node, *gic_compat;
	unsigned int gic_maint; /* 0: null in board.yaml */
	/* absent frames have size 0 (gicr on v2; gicc/gich/gicv on v3) */
	struct hvc_range gicd, gicr, gicc, gich, gicv;
	uint64_t gicc_alias, gicv_alias, gicr_stride;
	unsigned int nits;
	struct hvc_range *its;
	int has_console;
	struct board_console console; /* riscv64: driver "sbi", no frame */
	/* riscv64 (board.arch riscv64): timebase, irqchip, clint */
	int riscv;
	uint64_t timebase;
	const char *irqchip_type; /* "plic" | "aia" */
	const char *irqchip_compat;
	struct hvc_range irqchip; /* the PLIC or S-level APLIC, node set */
	unsigned int irqchip_ndev; /* source ids 1..ndev */
	unsigned int nctx;
	struct board_plic_ctx *ctx;
	struct hvc_range imsic; /* size 0: none */
	unsigned int imsic_guest_bits, imsic_hart_bits;
	struct hvc_range clint; /* size 0: none */
	/* root zone */
	const char *root_name;
	uint64_t root_cpus; /* bit i = logical CPU i */
	struct hvc_ranges root_mem; /* type ram | loader | io | virtio */
	unsigned int root_nirqs;
	struct board_irq *root_irqs;
	uint64_t root_kernel, root_entry, root_dtb;
	int has_initrd;
	uint64_t root_initrd;
	const char *root_bootargs; /* "" if not given */
	/* devices: every device of the source DT, kept or trimmed */
	unsigned int ndevs;
	struct board_dev *devs;
	/* the same, flat: every frame (node = its device) and every INTID
	 * with the index of its device in devs */
	struct hvc_ranges dev_regs;
	unsigned int ndev_irqs;
	unsigned int *dev_irqs, *dev_irq_dev;
	/* private */
	char **pool_;
	unsigned int npool_, cappool_;
};

/**
 * board_load() - read and validate @path.
 * @path: a board.yaml; its directory's name must equal board.name and the
 *        directory above it board.arch (boards/<arch>/<name>/board.yaml)
 * @b: filled on success (board_free() it); zeroed on failure
 * @e: error context on failure
 * Return: 0 or a negative BOARD_E* code.
 */
int board_load(const char *path, struct board *b, struct hvc_err *e);

/**
 * board_load_mem() - validate board.yaml text (no directory rules).
 * @text, @len: the YAML; @name: the file name for messages
 * Return: 0 or a negative BOARD_E* code.
 */
int board_load_mem(const char *text, size_t len, const char *name,
		   struct board *b, struct hvc_err *e);

/**
 * board_check_runnable() - the rules a board must also meet for the
 * hypervisor to run on it, beyond what board.yaml may say (dtscan writes
 * what the DT gives, e.g. a null gic.maintenance_irq, for a person to
 * complete): a maintenance PPI, GICv3 redistributors, GICv2 gicc, gich
 * and gicv.  zonegen and the build (board-json, derive) call it.
 * Return: 0 or -BOARD_EINVAL with @e filled.
 */
int board_check_runnable(const struct board *b, struct hvc_err *e);

void board_free(struct board *b);

/* board_strerror() - text for a negative BOARD_E* code. */
const char *board_strerror(int err);

/**
 * board_write_json() - append @b as normalized JSON (every number an
 * integer, every default filled in, key order fixed) to @out: what the
 * hypervisor's board templates render (porting/templates/render.py).
 * The format is in docs/board-yaml.md ("board.json").
 * Return: 0 or -BOARD_ENOMEM.
 */
int board_write_json(const struct board *b, struct hvc_buf *out);

#endif /* HVC_BOARD_H */
