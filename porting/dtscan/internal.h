/* SPDX-License-Identifier: GPL-2.0 */
/* dtscan internals shared by the library's .c files. */
#ifndef DTSCAN_INTERNAL_H
#define DTSCAN_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <dtscan/dtscan.h>

#define SZ_4K 0x1000ULL
#define SZ_2M 0x200000ULL
#define SZ_64M 0x4000000ULL
#define SZ_96M 0x6000000ULL
#define MAX_CHAIN 16
/*
 * Bounds on every #...-cells value of a tree (checked when it is indexed):
 * #address-cells and #size-cells as libfdt's FDT_MAX_NCELLS (Linux's
 * OF_MAX_ADDR_CELLS), any other (a specifier: #interrupt-cells,
 * #clock-cells, #gpio-cells...) as Linux's MAX_PHANDLE_ARGS.
 */
#define DS_MAX_ADDR_CELLS 4
#define DS_MAX_SPEC_CELLS 16

/* A CPU-physical range with the nodes (indices) it came from. */
struct ds_region {
	uint64_t base, size;
	int type; /* REG_RAM, REG_IO, REG_NORMAL, REG_DEVICE */
	int nnodes;
	int *nodes;
};

enum { REG_RAM, REG_IO, REG_NORMAL, REG_DEVICE };

struct ds_rvec {
	struct ds_region *v;
	int n, cap;
};

/* One resolved interrupt specifier. */
struct ds_irq {
	int node; /* node index the interrupt belongs to */
	int intid; /* -1: not assignable */
	uint32_t flags;
	uint32_t spec[4]; /* specifier as the last controller got it */
	int nspec; /* its cells (at most 4 kept) */
	int chain[MAX_CHAIN]; /* controllers walked (node indices) */
	int nchain;
	const char *why; /* reason when not assignable */
	bool local; /* ends at a hart-local controller (riscv,cpu-intc) */
};

struct ds_ivec {
	struct ds_irq *v;
	int n, cap;
};

struct ds_cpu {
	uint64_t mpidr; /* the CPU's reg: MPIDR (aarch64), hart id (riscv64) */
	int node;
	const char *enable_method;
	const char *isa; /* riscv64: riscv,isa or NULL */
	const char *mmu; /* riscv64: mmu-type or NULL */
};

/* riscv64: one context of a PLIC (interrupts-extended entry). */
struct ds_plic_ctx {
	int hart; /* logical CPU id, -1: a hart dtscan does not know */
	int cause; /* 9: S-level external, 11: M-level, else other */
};

struct dtscan;
struct ye;
struct ds_buf;

/*
 * The architecture hooks of the board model.  ds_model() scans CPUs and RAM
 * (shared), picks the architecture from the CPUs and hands over to its
 * hooks; the rest of the library calls them where an architecture differs.
 * aarch64: model.c (GIC, PSCI, timer, PMU); riscv64: model_riscv.c.
 */
struct ds_arch {
	const char *name; /* board.arch */
	const char *cpu_id; /* what a CPU's reg is, for messages */
	int first_irq; /* lowest interrupt number a device of the root has */
	/* an interrupt ending at a controller the arch does not decode */
	const char *foreign_irq_why;
	/* after CPUs and RAM: interrupt controller, timer, console... */
	int (*scan)(struct dtscan *ds);
	/* trim.c: the nodes the root zone keeps for the architecture */
	void (*keep)(struct dtscan *ds);
	/* zone.c: is @node's reg emulated (not given to the root)? */
	bool (*emulated)(struct dtscan *ds, int node);
	/* zone.c: the hypervisor's RAM; sets hv_base/hv_size, fw_base/size */
	int (*place_hv)(struct dtscan *ds);
	/* zone.c: the device frames the hypervisor maps (layout) */
	int (*frames)(struct dtscan *ds, struct ds_rvec *dev);
	/* zone.c: the root zone's virtio wake-up interrupt */
	int (*virtio_irq)(struct dtscan *ds);
	/* emit_dts.c: interrupt-parent/interrupts of hvisor_virtio_device */
	void (*virtio_dts)(struct dtscan *ds, struct ds_buf *b);
	/* emit_yaml.c: board.cpus and the arch's keys of board: */
	void (*yaml_board)(struct dtscan *ds, struct ye *y);
	/* emit_yaml.c: the top-level interrupt controller sections */
	void (*yaml_irqchip)(struct dtscan *ds, struct ye *y);
	/* summary.c: the cpus line, the interrupt controller line */
	void (*summary_cpus)(struct dtscan *ds, struct ds_buf *b);
	void (*summary_irqchip)(struct dtscan *ds, struct ds_buf *b);
};

/* the aarch64 hooks outside model.c */
bool arm64_emulated(struct dtscan *ds, int node);
int arm64_place_hv(struct dtscan *ds);
int arm64_frames(struct dtscan *ds, struct ds_rvec *dev);
int arm64_virtio_irq(struct dtscan *ds);
void arm64_virtio_dts(struct dtscan *ds, struct ds_buf *b);
void arm64_yaml_board(struct dtscan *ds, struct ye *y);
void arm64_yaml_irqchip(struct dtscan *ds, struct ye *y);
void arm64_summary_cpus(struct dtscan *ds, struct ds_buf *b);
void arm64_summary_irqchip(struct dtscan *ds, struct ds_buf *b);

extern const struct ds_arch ds_arch_aarch64, ds_arch_riscv64;

enum { KEEP_NO, KEEP_FULL, KEEP_ANCESTOR };

struct ds_node {
	int off;
	int parent; /* index, -1 for root */
	int depth;
	uint32_t phandle;
	uint8_t keep;
	bool dropped_explicit;
	bool disabled;
	uint8_t done; /* closure: processed as KEEP_FULL/ANCESTOR */
	const char *why; /* reason kept or dropped */
	int why_from; /* node that pulled it in, or -1 */
	const char *path; /* cached full path */
};

/* One entry of board.yaml `devices`: a node with frames or INTIDs. */
struct ds_dev {
	int node;
	struct ds_rvec regs; /* CPU-physical, page-aligned, merged */
	int *irqs; /* GIC INTIDs in DT order, no duplicates */
	int nirqs;
};

struct ds_gicframe {
	uint64_t base, size;
	bool present;
};

struct dtscan {
	const struct dtscan_opts *opts;
	struct dtscan_err *err;
	void *fdt;
	size_t fdt_size;
	const char *src_name; /* basename of the input */
	const char *arch;

	struct ds_node *nodes;
	int nnodes;
	uint32_t *ph_sorted; /* phandles sorted, parallel ph_node */
	int *ph_node;
	int nph;

	struct ds_cpu *cpus;
	int ncpus;
	int psci, psci_hvc;
	const char *psci_version;
	int timer;
	int timer_ppis[8], ntimer;
	int pmu;
	int pmu_irqs[16], npmu;

	struct ds_rvec mem; /* /memory as found (or --ram) */
	struct ds_rvec
		reserved; /* no-map + memreserve (node -1 = memreserve) */
	struct ds_rvec usable; /* mem - reserved */

	const struct ds_arch *ops; /* NULL until the CPUs name the arch */
	int irqchip; /* the interrupt controller the hypervisor emulates */
	int gic_version;
	const char *gic_compat;
	int gic_maint;
	struct ds_gicframe gicd, gicr, gicc, gich, gicv;
	uint64_t gicr_stride, gicc_alias;
	struct ds_rvec its;

	/* riscv64 (model_riscv.c) */
	long timebase; /* /cpus timebase-frequency, -1 if none */
	const char *rv_irqchip_type; /* "plic" or "aia" */
	uint64_t rv_ic_base, rv_ic_size;
	int rv_ndev; /* riscv,ndev / riscv,num-sources */
	struct ds_plic_ctx *plic_ctx;
	int nplic_ctx;
	int imsic; /* S-level IMSIC node or -1 */
	uint64_t imsic_base, imsic_size;
	int imsic_guest_bits, imsic_hart_bits;
	int clint; /* CLINT/ACLINT MSWI node or -1 */
	uint64_t clint_base, clint_size;
	uint64_t fw_base, fw_size; /* firmware below the hypervisor (OpenSBI) */
	int con_sbi_node; /* console: SBI; the UART the root still gets, or -1
			   */

	int console; /* node index or -1 */
	const char *con_driver, *con_compat, *con_tty;
	int con_tty_idx;
	uint64_t con_base, con_size;
	int con_irq;
	long con_baud;
	uint32_t con_shift, con_width;
	long con_clk;
	const char *con_why; /* how the console was chosen, if not plainly */
	bool con_fallback; /* chosen by dtscan, not stdout-path/--console */
	const char **warn; /* dtscan_warning() lines */
	int nwarn, warn_cap;

	uint64_t hv_base, hv_size;
	int virtio_intid; /* the root's virtio wake-up IRQ (ds_zone) */
	struct ds_rvec root_ram, root_io, layout;
	struct ds_ivec root_irqs, not_assignable;
	uint64_t dtb_load, kernel_load, initrd_load;
	char bootargs[256];
	int mmc; /* first mmc node or -1 */
	int ndropped;
	struct ds_dev *devs; /* every device of the source tree */
	int ndevs;

	struct ds_alloc *arena;
	bool model; /* dtscan_open*(): the board model was built */
	struct dtscan_opts own_opts; /* dtscan_load*(): input name only */
	struct dtscan_err qerr; /* query errors when the caller gives none */
};

/* Arena allocation: everything is freed by dtscan_close(). */
void *ds_alloc(struct dtscan *ds, size_t n);
char *ds_strdup(struct dtscan *ds, const char *s);
char *ds_printf(struct dtscan *ds, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Errors: record and return -code. */
int ds_fail(struct dtscan *ds, int code, int node, const char *hint,
	    const char *fmt, ...) __attribute__((format(printf, 5, 6)));
int ds_fail_key(struct dtscan *ds, int code, const char *key, const char *hint,
		const char *fmt, ...) __attribute__((format(printf, 5, 6)));

/* load.c */
int ds_load_path(struct dtscan *ds, const char *path);
int ds_load_buf(struct dtscan *ds, const void *buf, size_t len);

/* tree.c: node table, paths, phandles, property helpers */
int ds_index_tree(struct dtscan *ds);
int ds_node_of(const struct dtscan *ds, int off);
int ds_by_phandle(const struct dtscan *ds, uint32_t ph);
int ds_by_path(const struct dtscan *ds, const char *path);
const char *ds_path(struct dtscan *ds, int node);
const char *ds_name(const struct dtscan *ds, int node);
const void *ds_prop(const struct dtscan *ds, int node, const char *name,
		    int *len);
bool ds_has(const struct dtscan *ds, int node, const char *name);
int ds_u32(const struct dtscan *ds, int node, const char *name, int dflt);
int ds_cells(const struct dtscan *ds, int node, const char *name, int dflt);
const char *ds_esc(struct dtscan *ds, const char *s, size_t n);
bool ds_compat(const struct dtscan *ds, int node, const char *glob);
const char *ds_compat0(const struct dtscan *ds, int node);
bool ds_streq_prop(const struct dtscan *ds, int node, const char *name,
		   const char *val);
uint64_t ds_cells_read(const uint32_t *be, int n);

/* addr.c */
int ds_reg_count(struct dtscan *ds, int node, int *count);
int ds_reg(struct dtscan *ds, int node, int idx, uint64_t *base,
	   uint64_t *size);

/* irq.c */
int ds_irqs(struct dtscan *ds, int node, struct ds_ivec *out);
int ds_map_irqs(struct dtscan *ds, int node, struct ds_ivec *out);
bool ds_is_gic(const struct dtscan *ds, int node);

/* model.c */
int ds_model(struct dtscan *ds);
int ds_scan_console(struct dtscan *ds);
int ds_first_irqs(struct dtscan *ds, int node, int *out, int max, int *n);
void ds_scan_mmc(struct dtscan *ds);

/* model_riscv.c */
bool ds_riscv_cpu(const struct dtscan *ds, int node);
bool ds_riscv_irqchip(const struct dtscan *ds, int node);
bool ds_riscv_local_intc(const struct dtscan *ds, int node);
/* a line for dtscan_warning(); 0 or -DTSCAN_ENOMEM (recorded) */
int ds_warn(struct dtscan *ds, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* trim.c */
int ds_trim(struct dtscan *ds);
void ds_keep(struct dtscan *ds, int node, const char *why);
bool ds_ref_prop(const char *name, const char **cells_name, int *fixed);
typedef void (*ref_cell_fn)(int pos, int to, void *arg);
bool ds_ref_cells(const struct dtscan *ds, const char *name, const void *val,
		  int len, ref_cell_fn fn, void *arg);

/* zone.c: root zone and layout */
int ds_zone(struct dtscan *ds);

/* devices.c: board.yaml `devices` */
int ds_devices(struct dtscan *ds);

/* regions.c */
int rv_add(struct dtscan *ds, struct ds_rvec *rv, uint64_t base, uint64_t size,
	   int type, int node);
int rv_normalize(struct dtscan *ds, struct ds_rvec *rv, uint64_t align);
int rv_subtract(struct dtscan *ds, struct ds_rvec *rv,
		const struct ds_rvec *minus);
bool rv_overlaps(const struct ds_rvec *rv, uint64_t base, uint64_t size);
int rv_merge_overlaps(struct dtscan *ds, struct ds_rvec *rv);
bool ds_overlap(uint64_t ab, uint64_t as, uint64_t bb, uint64_t bs);

/* A frame the hypervisor itself uses (interrupt controller, console). */
struct ds_frame {
	const char *what;
	int node;
	uint64_t base, size;
};
/* No two of @f[0..n) share an address; else an error on the later one's
 * node with @hint. */
int ds_frames_disjoint(struct dtscan *ds, const struct ds_frame *f, int n,
		       const char *hint);
int iv_add(struct dtscan *ds, struct ds_ivec *iv, const struct ds_irq *irq);

/* emit_yaml.c: libyaml emitter helpers for the arch hooks */
void ye_str(struct ye *y, const char *s);
void ye_qstr(struct ye *y, const char *s);
void ye_hex(struct ye *y, uint64_t v);
void ye_num(struct ye *y, long v);
void ye_null(struct ye *y);
void ye_map(struct ye *y, bool flow);
void ye_map_end(struct ye *y);
void ye_seq(struct ye *y, bool flow);
void ye_seq_end(struct ye *y);
void ye_kv_str(struct ye *y, const char *k, const char *v);
void ye_kv_hex(struct ye *y, const char *k, uint64_t v);
void ye_kv_num(struct ye *y, const char *k, long v);
void ye_kv_numornull(struct ye *y, const char *k, long v);
void ye_region_list(struct dtscan *ds, struct ye *y, const struct ds_rvec *rv,
		    const char *type);

/* emit_yaml.c / emit_dts.c */
int ds_emit_yaml(struct dtscan *ds, char **out);
int ds_emit_dts(struct dtscan *ds, char **out);

/* Growable text buffer (malloc'd: handed to the caller). */
struct ds_buf {
	char *p;
	size_t n, cap;
	bool oom;
};
void buf_printf(struct ds_buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void buf_put(struct ds_buf *b, const char *s, size_t n);

#endif
