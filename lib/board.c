// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/* Copyright (c) 2026 hvisor-c contributors */
/*
 * board.yaml -> struct board, read with libyaml, with every rule of the
 * schema (docs/board-yaml.md, "What the board reader refuses").  The YAML
 * is first scanned as events (one document, a bounded number of aliases),
 * then loaded as a document and walked key by key: every mapping is
 * checked for duplicate and unknown keys, every number for its range.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include <hvisor/board_limits.h>
#include <hvisor/hypercall.h>
#include <hvisor/zone_config.h>

#include <hvc/board.h>
#include <hvc/fileio.h>
#include <hvc/parse.h>
#include <hvc/yamldoc.h>

#define PAGE HVISOR_BOARD_PAGE_SIZE

/* board.console.driver: hv/board.h's enum board_uart_driver, lower case */
static const char *const uart_drivers[] = { "pl011",   "ns16550", "imx",
					    "xuartps", "meson",	  "msm",
					    "geni",    "mvebu",	  "scif",
					    "lpuart",  NULL };

struct ctx {
	struct hvc_yaml y; /* the document (lib/yamldoc.c) */
	const char *file;
	struct hvc_err *e;
	struct board *b;
};

const char *board_strerror(int err)
{
	static const char *const s[] = {
		"success",
		"out of memory",
		"cannot read the file",
		"not a YAML file the schema accepts",
		"invalid board.yaml",
	};

	if (err <= 0 && -err < (int)(sizeof(s) / sizeof(s[0])))
		return s[-err];
	return "unknown error";
}

static int fail(struct ctx *c, const char *key, const char *hint,
		const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static int fail(struct ctx *c, const char *key, const char *hint,
		const char *fmt, ...)
{
	char msg[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	return hvc_seterr(c->e, -BOARD_EINVAL, c->file, key, hint, "%s", msg);
}

static int oom(struct ctx *c)
{
	return hvc_seterr(c->e, -BOARD_ENOMEM, c->file, NULL, NULL,
			  "out of memory");
}

/* A copy of @s owned by the board. */
static const char *keep(struct ctx *c, const char *s, size_t n)
{
	struct board *b = c->b;
	char *d;

	if (b->npool_ == b->cappool_) {
		unsigned int cap = b->cappool_ ? 2 * b->cappool_ : 64;
		char **p = realloc(b->pool_, cap * sizeof(*p));

		if (!p)
			return NULL;
		b->pool_ = p;
		b->cappool_ = cap;
	}
	d = malloc(n + 1);
	if (!d)
		return NULL;
	memcpy(d, s, n);
	d[n] = 0;
	b->pool_[b->npool_++] = d;
	return d;
}

/* Growing arrays: capacity doubles at powers of two. */
static int grow(void *pp, size_t elem, unsigned int n)
{
	void **p = pp;
	void *np;

	if (n && (n & (n - 1)))
		return 0;
	if (n > (1u << 24))
		return -1;
	np = realloc(*p, elem * (n ? 2 * n : 8));
	if (!np)
		return -1;
	*p = np;
	return 0;
}

/* ---- YAML nodes: lib/yamldoc.c, its errors as BOARD_E* -------------- */

static int yrc(struct ctx *c, int rc)
{
	return rc == -2 ? oom(c) : rc ? -BOARD_EINVAL : 0;
}

static yaml_node_t *ynode(struct ctx *c, int id)
{
	return hvc_yaml_node(&c->y, id);
}

static const char *sval(const yaml_node_t *n)
{
	return (const char *)n->data.scalar.value;
}

/*
 * A mapping at @key: every key a plain string, none twice, every one in
 * @known (NULL-terminated).  Unknown keys are refused (a typo would
 * otherwise be a silently ignored setting).
 */
static int check_map(struct ctx *c, yaml_node_t *m, const char *key,
		     const char *const *known)
{
	return yrc(c, hvc_yaml_map(&c->y, m, key, known));
}

static yaml_node_t *get(struct ctx *c, yaml_node_t *m, const char *key)
{
	return hvc_yaml_get(&c->y, m, key);
}

static void path(char *buf, size_t size, const char *base, const char *key)
{
	snprintf(buf, size, "%s%s%s", base, base[0] ? "." : "", key);
}

/* A string, kept by the board; NULL when null/absent and not @required. */
static int str_node(struct ctx *c, yaml_node_t *n, const char *k,
		    const char **out, int required)
{
	int rc = yrc(c, hvc_yaml_str(&c->y, n, k, out, required));

	if (rc || !*out)
		return rc;
	*out = keep(c, *out, strlen(*out));
	return *out ? 0 : oom(c);
}

static int str(struct ctx *c, yaml_node_t *m, const char *base, const char *key,
	       const char **out, int required)
{
	char k[1024];

	path(k, sizeof(k), base, key);
	return str_node(c, get(c, m, key), k, out, required);
}

/*
 * A number: a plain integer or a string, "0x..." hex or decimal, that fits
 * @max.  Booleans, signs, floats and octal-looking "012" are refused.
 */
static int num_node(struct ctx *c, yaml_node_t *n, const char *k, uint64_t max,
		    uint64_t *out)
{
	return yrc(c, hvc_yaml_num(&c->y, n, k, max, out));
}

static int num(struct ctx *c, yaml_node_t *m, const char *base, const char *key,
	       uint64_t max, uint64_t *out)
{
	char k[1024];

	path(k, sizeof(k), base, key);
	return num_node(c, get(c, m, key), k, max, out);
}

static int u32(struct ctx *c, yaml_node_t *m, const char *base, const char *key,
	       unsigned int *out)
{
	uint64_t v;
	int rc = num(c, m, base, key, UINT32_MAX, &v);

	*out = (unsigned int)v;
	return rc;
}

/* Optional number: @def when absent or null. */
static int num_opt(struct ctx *c, yaml_node_t *m, const char *base,
		   const char *key, uint64_t max, uint64_t def, uint64_t *out)
{
	if (hvc_yaml_is_null(get(c, m, key))) {
		*out = def;
		return 0;
	}
	return num(c, m, base, key, max, out);
}

static int u32_opt(struct ctx *c, yaml_node_t *m, const char *base,
		   const char *key, unsigned int def, unsigned int *out)
{
	uint64_t v;
	int rc = num_opt(c, m, base, key, UINT32_MAX, def, &v);

	*out = (unsigned int)v;
	return rc;
}

/* A list at @key (absent or null = empty unless @required). */
static int seq(struct ctx *c, yaml_node_t *m, const char *base, const char *key,
	       int required, yaml_node_item_t **it, yaml_node_item_t **top)
{
	unsigned int n;
	char k[1024];
	int rc;

	path(k, sizeof(k), base, key);
	rc = yrc(c, hvc_yaml_seq(&c->y, get(c, m, key), k, required, it, &n));
	*top = *it ? *it + n : NULL;
	return rc;
}

/* node: PATH or nodes: [PATH, ...] (joined with ", "); optional. */
static int node_names(struct ctx *c, yaml_node_t *m, const char *k,
		      const char **out)
{
	yaml_node_item_t *it, *top;
	struct hvc_buf buf = { 0 };
	const char *one;
	int rc;

	if ((rc = str(c, m, k, "node", out, 0)))
		return rc;
	if ((rc = seq(c, m, k, "nodes", 0, &it, &top)) || !it)
		return rc;
	if (*out)
		return fail(c, k, "keep one of them", "both node and nodes");
	for (unsigned int i = 0; it < top; it++, i++) {
		char kk[1100];

		snprintf(kk, sizeof(kk), "%s.nodes[%u]", k, i);
		if ((rc = str_node(c, ynode(c, *it), kk, &one, 1))) {
			hvc_buf_free(&buf);
			return rc;
		}
		hvc_buf_printf(&buf, "%s%s", buf.len ? ", " : "", one);
	}
	if (buf.oom || !buf.s) {
		hvc_buf_free(&buf);
		return buf.oom ? oom(c) : 0;
	}
	*out = keep(c, buf.s, buf.len);
	hvc_buf_free(&buf);
	return *out ? 0 : oom(c);
}

/* {base, size[, node|nodes]}: size > 0, no wrap past 2^64. */
static int range(struct ctx *c, yaml_node_t *m, const char *k,
		 const char *const *known, struct hvc_range *r)
{
	int rc;

	memset(r, 0, sizeof(*r));
	if ((rc = check_map(c, m, k, known)) ||
	    (rc = num(c, m, k, "base", UINT64_MAX, &r->base)) ||
	    (rc = num(c, m, k, "size", UINT64_MAX, &r->size)) ||
	    (rc = node_names(c, m, k, &r->node)))
		return rc;
	if (!r->size)
		return fail(c, k, NULL, "size 0");
	if (hvc_wraps(r->base, r->size))
		return fail(c, k, NULL,
			    "0x%" PRIx64 "+0x%" PRIx64 " wraps past 2^64",
			    r->base, r->size);
	return 0;
}

static int one_of(struct ctx *c, const char *k, const char *v,
		  const char *const *words, const char *hint)
{
	unsigned int i;

	for (i = 0; words[i]; i++)
		if (!strcmp(v, words[i]))
			return 0;
	return fail(c, k, hint, "unknown value \"%s\"", v);
}

/* A list of ranges at @key; @types (NULL-terminated) when they have one. */
static int ranges(struct ctx *c, yaml_node_t *m, const char *base,
		  const char *key, int required, const char *const *known,
		  const char *const *types, const char *hint,
		  struct hvc_ranges *out)
{
	yaml_node_item_t *it, *top;
	struct hvc_range r;
	char k[1024], kb[512];
	int rc;

	if ((rc = seq(c, m, base, key, required, &it, &top)))
		return rc;
	path(kb, sizeof(kb), base, key);
	for (; it && it < top; it++) {
		yaml_node_t *n = ynode(c, *it);

		snprintf(k, sizeof(k), "%s[%u]", kb, out->n);
		if ((rc = range(c, n, k, known, &r)))
			return rc;
		if (types) {
			char kt[1100];

			snprintf(kt, sizeof(kt), "%s.type", k);
			if ((rc = str_node(c, get(c, n, "type"), kt, &r.type,
					   1)) ||
			    (rc = one_of(c, kt, r.type, types, hint)))
				return rc;
		}
		if (hvc_ranges_add(out, &r))
			return oom(c);
	}
	return 0;
}

/* ---- sections --------------------------------------------------------- */

static int parse_cpus(struct ctx *c, yaml_node_t *bd)
{
	static const char *const known[] = { "id", "mpidr", "node",
					     "enable_method", NULL };
	static const char *const krv[] = { "id",  "hartid", "node",
					   "isa", "mmu",    NULL };
	struct board *b = c->b;
	yaml_node_item_t *it, *top;
	unsigned int i;
	char k[64];
	int rc;

	if ((rc = seq(c, bd, "board", "cpus", 1, &it, &top)))
		return rc;
	if (it == top)
		return fail(c, "board.cpus", NULL, "no CPUs");
	if (top - it > HVISOR_BOARD_MAX_CPUS)
		return fail(c, "board.cpus", NULL,
			    "%u CPUs, the hypervisor handles at most %d",
			    (unsigned int)(top - it), HVISOR_BOARD_MAX_CPUS);
	b->cpus = calloc((size_t)(top - it), sizeof(*b->cpus));
	if (!b->cpus)
		return oom(c);
	for (; it < top; it++) {
		yaml_node_t *n = ynode(c, *it);
		struct board_cpu *cpu = &b->cpus[b->ncpus];

		snprintf(k, sizeof(k), "board.cpus[%u]", b->ncpus);
		if (b->riscv) {
			if ((rc = check_map(c, n, k, krv)) ||
			    (rc = u32(c, n, k, "id", &cpu->id)) ||
			    (rc = num(c, n, k, "hartid", UINT64_MAX,
				      &cpu->hartid)) ||
			    (rc = str(c, n, k, "node", &cpu->node, 1)) ||
			    (rc = str(c, n, k, "isa", &cpu->isa, 0)) ||
			    (rc = str(c, n, k, "mmu", &cpu->mmu, 0)))
				return rc;
			/* the CPU node's reg, which tools compare */
			cpu->mpidr = cpu->hartid;
		} else if ((rc = check_map(c, n, k, known)) ||
			   (rc = u32(c, n, k, "id", &cpu->id)) ||
			   (rc = num(c, n, k, "mpidr", UINT64_MAX,
				     &cpu->mpidr)) ||
			   (rc = str(c, n, k, "node", &cpu->node, 1))) {
			return rc;
		}
		if (cpu->id != b->ncpus)
			return fail(c, k, NULL,
				    "id %u: ids must be 0, 1, 2, ... in order",
				    cpu->id);
		for (i = 0; i < b->ncpus; i++) {
			if (!b->riscv && b->cpus[i].mpidr == cpu->mpidr)
				return fail(c, k, NULL,
					    "mpidr 0x%" PRIx64
					    " is also board.cpus[%u]'s",
					    cpu->mpidr, i);
			if (b->riscv && b->cpus[i].hartid == cpu->hartid)
				return fail(c, k, NULL,
					    "hartid 0x%" PRIx64
					    " is also board.cpus[%u]'s",
					    cpu->hartid, i);
		}
		b->ncpus++;
	}
	return 0;
}

static int parse_board(struct ctx *c, yaml_node_t *root)
{
	static const char *const known[] = { "name",	   "arch",   "model",
					     "compatible", "source", "cpus",
					     "psci",	   "timer",  "pmu",
					     NULL };
	static const char *const krv[] = { "name",
					   "arch",
					   "model",
					   "compatible",
					   "source",
					   "cpus",
					   "timebase_frequency",
					   NULL };
	static const char *const arches[] = { "aarch64", "riscv64", NULL };
	static const char *const kpsci[] = { "method", "version", "node",
					     NULL };
	static const char *const ktimer[] = { "node", "ppis", NULL };
	static const char *const kpmu[] = { "node", "ppi", "spis", NULL };
	static const char *const methods[] = { "smc", "hvc", NULL };
	struct board *b = c->b;
	yaml_node_t *bd = get(c, root, "board"), *n;
	yaml_node_item_t *it, *top;
	unsigned int i;
	uint64_t v;
	int rc;

	if (!bd)
		return fail(c, "board", NULL, "required key missing");
	if ((rc = str(c, bd, "board", "arch", &b->arch, 1)) ||
	    (rc = one_of(c, "board.arch", b->arch, arches,
			 "aarch64 or riscv64")))
		return rc;
	b->riscv = !strcmp(b->arch, "riscv64");
	if (b->riscv) {
		if ((rc = check_map(c, bd, "board", krv)) ||
		    (rc = str(c, bd, "board", "name", &b->name, 1)) ||
		    (rc = str(c, bd, "board", "model", &b->model, 0)) ||
		    (rc = str(c, bd, "board", "source", &b->source, 0)) ||
		    (rc = parse_cpus(c, bd)) ||
		    (rc = num(c, bd, "board", "timebase_frequency", UINT32_MAX,
			      &b->timebase)))
			return rc;
		if (!b->timebase)
			return fail(c, "board.timebase_frequency",
				    "/cpus/timebase-frequency of the DT",
				    "must not be 0");
		return 0;
	}
	if ((rc = check_map(c, bd, "board", known)) ||
	    (rc = str(c, bd, "board", "name", &b->name, 1)) ||
	    (rc = str(c, bd, "board", "model", &b->model, 0)) ||
	    (rc = str(c, bd, "board", "source", &b->source, 0)) ||
	    (rc = parse_cpus(c, bd)))
		return rc;
	n = get(c, bd, "psci");
	if (!hvc_yaml_is_null(n)) {
		b->has_psci = 1;
		if ((rc = check_map(c, n, "board.psci", kpsci)) ||
		    (rc = str(c, n, "board.psci", "method", &b->psci_method,
			      1)) ||
		    (rc = one_of(c, "board.psci.method", b->psci_method,
				 methods,
				 "smc or hvc; psci: null for no PSCI")) ||
		    (rc = str(c, n, "board.psci", "version", &b->psci_version,
			      0)))
			return rc;
	}
	n = get(c, bd, "timer");
	if (!hvc_yaml_is_null(n)) {
		b->has_timer = 1;
		if ((rc = check_map(c, n, "board.timer", ktimer)) ||
		    (rc = str(c, n, "board.timer", "node", &b->timer_node,
			      0)) ||
		    (rc = seq(c, n, "board.timer", "ppis", 1, &it, &top)))
			return rc;
		if (top - it != 4)
			return fail(c, "board.timer.ppis",
				    "secure phys, non-secure phys, virt, hyp",
				    "expected 4 PPIs");
		for (i = 0; it < top; it++, i++) {
			if ((rc = num_node(c, ynode(c, *it), "board.timer.ppis",
					   HVISOR_BOARD_FIRST_SPI - 1, &v)))
				return rc;
			if (v < HVISOR_BOARD_FIRST_PPI)
				return fail(c, "board.timer.ppis",
					    "INTIDs 16..31",
					    "%" PRIu64 " is not a PPI", v);
			b->timer_ppis[i] = (unsigned int)v;
		}
	}
	n = get(c, bd, "pmu");
	if (!hvc_yaml_is_null(n)) {
		const char *s;

		if ((rc = check_map(c, n, "board.pmu", kpmu)) ||
		    (rc = str(c, n, "board.pmu", "node", &s, 0)) ||
		    (rc = num_opt(c, n, "board.pmu", "ppi",
				  HVISOR_BOARD_FIRST_SPI - 1, 0, &v)) ||
		    (rc = seq(c, n, "board.pmu", "spis", 0, &it, &top)))
			return rc;
		/* null: an interrupt that does not end at the GIC (dtscan
		 * writes what the DT gives; nothing reads these INTIDs) */
		for (; it && it < top; it++)
			if (!hvc_yaml_is_null(ynode(c, *it)) &&
			    (rc = num_node(c, ynode(c, *it), "board.pmu.spis",
					   HVISOR_CONFIG_MAX_INTERRUPTS - 1,
					   &v)))
				return rc;
	}
	return 0;
}

/* A GIC frame; absent = size 0 (board_check_runnable() decides). */
static int gic_frame(struct ctx *c, yaml_node_t *g, const char *name,
		     int required, const char *const *known,
		     struct hvc_range *r, uint64_t *alias)
{
	yaml_node_t *n = get(c, g, name);
	char k[64];
	int rc;

	snprintf(k, sizeof(k), "gic.%s", name);
	memset(r, 0, sizeof(*r));
	if (hvc_yaml_is_null(n)) {
		if (required)
			return fail(c, k, NULL, "required key missing");
		return 0;
	}
	if ((rc = range(c, n, k, known, r)))
		return rc;
	if (!r->node)
		r->node = c->b->gic_node;
	if (alias) {
		if ((rc = num_opt(c, n, k, "alias_offset", UINT64_MAX, 0,
				  alias)))
			return rc;
		if (*alias && (*alias & (PAGE - 1) || *alias >= r->size))
			return fail(c, k, NULL,
				    "alias_offset 0x%" PRIx64
				    " is not a page inside the frame",
				    *alias);
	}
	return 0;
}

static int parse_gic(struct ctx *c, yaml_node_t *root)
{
	static const char *const known[] = {
		"version", "node", "compatible", "maintenance_irq",
		"gicd",	   "gicr", "its",	 "gicc",
		"gich",	   "gicv", NULL
	};
	static const char *const kframe[] = { "base", "size", "node", NULL };
	static const char *const kalias[] = { "base", "size", "node",
					      "alias_offset", NULL };
	static const char *const kgicr[] = { "base", "size", "node", "stride",
					     NULL };
	struct board *b = c->b;
	yaml_node_t *g = get(c, root, "gic");
	yaml_node_item_t *it, *top;
	uint64_t v;
	int rc;

	if (c->b->riscv) {
		if (g)
			return fail(c, "gic", "riscv64 boards have irqchip",
				    "not a riscv64 key");
		return 0;
	}
	if (!g)
		return fail(c, "gic", NULL, "required key missing");
	if ((rc = check_map(c, g, "gic", known)) ||
	    (rc = num(c, g, "gic", "version", 3, &v)))
		return rc;
	if (v != 2 && v != 3)
		return fail(c, "gic.version", NULL, "must be 2 or 3");
	b->gic_version = (int)v;
	if ((rc = str(c, g, "gic", "node", &b->gic_node, 1)) ||
	    (rc = str(c, g, "gic", "compatible", &b->gic_compat, 1)))
		return rc;
	/* null: the DT gives none (dtscan writes what it found); a board
	 * without one is refused by board_check_runnable() */
	if (!hvc_yaml_is_null(get(c, g, "maintenance_irq"))) {
		if ((rc = num(c, g, "gic", "maintenance_irq",
			      HVISOR_BOARD_FIRST_SPI - 1, &v)))
			return rc;
		if (v < HVISOR_BOARD_FIRST_PPI)
			return fail(c, "gic.maintenance_irq", NULL,
				    "must be a PPI (16..31)");
		b->gic_maint = (unsigned int)v;
	}
	if ((rc = gic_frame(c, g, "gicd", 1, kframe, &b->gicd, NULL)) ||
	    (rc = gic_frame(c, g, "gicr", 0, kgicr, &b->gicr, NULL)) ||
	    (rc = gic_frame(c, g, "gicc", 0, kalias, &b->gicc,
			    &b->gicc_alias)) ||
	    (rc = gic_frame(c, g, "gich", 0, kframe, &b->gich, NULL)) ||
	    (rc = gic_frame(c, g, "gicv", 0, kalias, &b->gicv, &b->gicv_alias)))
		return rc;
	/* 0x20000 (GICv3's two 64 KiB frames) unless gicr says otherwise */
	b->gicr_stride = 0x20000;
	if (b->gicr.size &&
	    (rc = num_opt(c, get(c, g, "gicr"), "gic.gicr", "stride",
			  UINT64_MAX, 0x20000, &b->gicr_stride)))
		return rc;
	if (b->gicr.size && (!b->gicr_stride || b->gicr_stride & (PAGE - 1)))
		return fail(c, "gic.gicr.stride", "0x20000 (GICv3)",
			    "0x%" PRIx64 " is not a non-zero page multiple",
			    b->gicr_stride);
	if ((rc = seq(c, g, "gic", "its", 0, &it, &top)))
		return rc;
	if (it && top - it > HVISOR_BOARD_MAX_ITS)
		return fail(c, "gic.its", NULL,
			    "%u frames, the hypervisor keeps at most %d",
			    (unsigned int)(top - it), HVISOR_BOARD_MAX_ITS);
	if (it && it < top) {
		b->its = calloc((size_t)(top - it), sizeof(*b->its));
		if (!b->its)
			return oom(c);
	}
	for (; it && it < top; it++) {
		char k[32];

		snprintf(k, sizeof(k), "gic.its[%u]", b->nits);
		if ((rc = range(c, ynode(c, *it), k, kframe, &b->its[b->nits])))
			return rc;
		b->nits++;
	}
	return 0;
}

/* riscv64: irqchip.contexts (PLIC): {id, hart, mode}, ids ascending */
static int parse_contexts(struct ctx *c, yaml_node_t *ic)
{
	static const char *const known[] = { "id", "hart", "mode", NULL };
	static const char *const modes[] = { "s", "m", NULL };
	struct board *b = c->b;
	yaml_node_item_t *it, *top;
	const char *mode;
	char k[64];
	uint64_t v;
	int rc;

	if ((rc = seq(c, ic, "irqchip", "contexts", 0, &it, &top)))
		return rc;
	if (it && it < top) {
		b->ctx = calloc((size_t)(top - it), sizeof(*b->ctx));
		if (!b->ctx)
			return oom(c);
	}
	for (; it && it < top; it++) {
		yaml_node_t *n = ynode(c, *it);
		struct board_plic_ctx *x = &b->ctx[b->nctx];

		snprintf(k, sizeof(k), "irqchip.contexts[%u]", b->nctx);
		/* the PLIC spec: at most 15872 contexts */
		if ((rc = check_map(c, n, k, known)) ||
		    (rc = num(c, n, k, "id", 15871, &v)))
			return rc;
		x->id = (unsigned int)v;
		if (b->nctx && x->id <= b->ctx[b->nctx - 1].id)
			return fail(c, k,
				    "one entry per context, ids ascending",
				    "id %u after id %u", x->id,
				    b->ctx[b->nctx - 1].id);
		if ((rc = num(c, n, k, "hart", UINT32_MAX, &v)))
			return rc;
		if (v >= b->ncpus)
			return fail(c, k, "a logical CPU id of board.cpus",
				    "hart %" PRIu64
				    " is not a CPU of the board",
				    v);
		x->hart = (unsigned int)v;
		if ((rc = str(c, n, k, "mode", &mode, 1)))
			return rc;
		snprintf(k + strlen(k), sizeof(k) - strlen(k), ".mode");
		if ((rc = one_of(c, k, mode, modes,
				 "s (cause 9, supervisor) or m (cause 11, "
				 "machine)")))
			return rc;
		x->mode = mode[0];
		b->nctx++;
	}
	return 0;
}

/* riscv64: irqchip (PLIC or S-level APLIC domain + IMSIC) and clint */
static int parse_irqchip(struct ctx *c, yaml_node_t *root)
{
	static const char *const known[] = { "type",	 "node",  "compatible",
					     "base",	 "size",  "ndev",
					     "contexts", "imsic", NULL };
	static const char *const kimsic[] = {
		"node", "base", "size", "guest_index_bits", "hart_index_bits",
		NULL
	};
	static const char *const kclint[] = { "node", "base", "size", NULL };
	static const char *const types[] = { "plic", "aia", NULL };
	struct board *b = c->b;
	yaml_node_t *ic = get(c, root, "irqchip"), *n;
	uint64_t v;
	int rc;

	if (!b->riscv) {
		if (ic)
			return fail(c, "irqchip", "aarch64 boards have gic",
				    "not an aarch64 key");
		if (get(c, root, "clint"))
			return fail(c, "clint", NULL, "not an aarch64 key");
		return 0;
	}
	if (!ic)
		return fail(c, "irqchip", NULL, "required key missing");
	if ((rc = check_map(c, ic, "irqchip", known)) ||
	    (rc = str(c, ic, "irqchip", "type", &b->irqchip_type, 1)) ||
	    (rc = one_of(c, "irqchip.type", b->irqchip_type, types,
			 "plic or aia")) ||
	    (rc = str(c, ic, "irqchip", "node", &b->irqchip.node, 1)) ||
	    (rc = str(c, ic, "irqchip", "compatible", &b->irqchip_compat, 1)) ||
	    (rc = num(c, ic, "irqchip", "base", UINT64_MAX,
		      &b->irqchip.base)) ||
	    (rc = num(c, ic, "irqchip", "size", UINT64_MAX,
		      &b->irqchip.size)) ||
	    (rc = num(c, ic, "irqchip", "ndev",
		      HVISOR_CONFIG_MAX_INTERRUPTS - 1, &v)))
		return rc;
	if (!b->irqchip.size || hvc_wraps(b->irqchip.base, b->irqchip.size))
		return fail(c, "irqchip.size", NULL, "size 0 or wraps");
	if (!v)
		return fail(c, "irqchip.ndev", "riscv,ndev of the DT, 1..1023",
			    "must not be 0");
	b->irqchip_ndev = (unsigned int)v;
	/* gic_node names the controller the hypervisor emulates for the
	 * tools that look for it (zonegen's checks skip its frames) */
	b->gic_node = b->irqchip.node;
	if ((rc = parse_contexts(c, ic)))
		return rc;
	if (b->nctx && strcmp(b->irqchip_type, "plic"))
		return fail(c, "irqchip.contexts", "only a PLIC has contexts",
			    "given for type %s", b->irqchip_type);
	n = get(c, ic, "imsic");
	if (!hvc_yaml_is_null(n)) {
		if (strcmp(b->irqchip_type, "aia"))
			return fail(c, "irqchip.imsic", "imsic: null",
				    "a PLIC has no IMSIC");
		if ((rc = range(c, n, "irqchip.imsic", kimsic, &b->imsic)) ||
		    (rc = num(c, n, "irqchip.imsic", "guest_index_bits", 7,
			      &v)))
			return rc;
		b->imsic_guest_bits = (unsigned int)v;
		if ((rc = num(c, n, "irqchip.imsic", "hart_index_bits", 15,
			      &v)))
			return rc;
		b->imsic_hart_bits = (unsigned int)v;
	}
	n = get(c, root, "clint");
	if (!hvc_yaml_is_null(n) && (rc = range(c, n, "clint", kclint, &b->clint)))
		return rc;
	return 0;
}

static int parse_console(struct ctx *c, yaml_node_t *root)
{
	static const char *const known[] = { "node",	     "driver",
					     "compatible",   "base",
					     "size",	     "irq",
					     "baud",	     "reg_shift",
					     "reg_io_width", "clock_frequency",
					     "why",	     NULL };
	struct board_console *u = &c->b->console;
	yaml_node_t *n = get(c, root, "console");
	uint64_t v;
	int rc;

	if (hvc_yaml_is_null(n))
		return 0;
	c->b->has_console = 1;
	/* riscv64: the hypervisor prints through SBI, no UART of its own */
	if (c->b->riscv && get(c, n, "driver") &&
	    get(c, n, "driver")->type == YAML_SCALAR_NODE &&
	    !strcmp(sval(get(c, n, "driver")), "sbi")) {
		static const char *const ksbi[] = { "driver", "why", NULL };

		u->driver = "sbi";
		u->reg_io_width = 1;
		if ((rc = check_map(c, n, "console", ksbi)))
			return rc;
		return str(c, n, "console", "why", &u->why, 0);
	}
	if ((rc = check_map(c, n, "console", known)) ||
	    (rc = str(c, n, "console", "node", &u->node, 0)) ||
	    (rc = str(c, n, "console", "driver", &u->driver, 1)) ||
	    (rc = one_of(c, "console.driver", u->driver, uart_drivers,
			 "one of pl011, ns16550, imx, xuartps, meson, msm, "
			 "geni, mvebu, scif, lpuart")) ||
	    (rc = str(c, n, "console", "compatible", &u->compatible, 0)) ||
	    (rc = str(c, n, "console", "why", &u->why, 0)) ||
	    (rc = num(c, n, "console", "base", UINT64_MAX, &u->base)) ||
	    (rc = num_opt(c, n, "console", "size", UINT64_MAX, PAGE,
			  &u->size)) ||
	    (rc = u32_opt(c, n, "console", "baud", 0, &u->baud)) ||
	    (rc = u32_opt(c, n, "console", "reg_shift", 0, &u->reg_shift)) ||
	    (rc = u32_opt(c, n, "console", "reg_io_width", 1,
			  &u->reg_io_width)) ||
	    (rc = u32_opt(c, n, "console", "clock_frequency", 0, &u->clock)))
		return rc;
	if (!u->size || hvc_wraps(u->base, u->size))
		return fail(c, "console.size", NULL, "size 0 or wraps");
	if (u->reg_shift > 3)
		return fail(c, "console.reg_shift", "0, 1, 2 or 3",
			    "%u is not a register shift", u->reg_shift);
	if (u->reg_io_width != 1 && u->reg_io_width != 2 &&
	    u->reg_io_width != 4)
		return fail(c, "console.reg_io_width", "1, 2 or 4",
			    "%u bytes is not a register width",
			    u->reg_io_width);
	if (!hvc_yaml_is_null(get(c, n, "irq"))) {
		if ((rc = num(c, n, "console", "irq",
			      HVISOR_CONFIG_MAX_INTERRUPTS - 1, &v)))
			return rc;
		u->has_irq = 1;
		u->irq = (unsigned int)v;
	}
	return 0;
}

static int parse_hv(struct ctx *c, yaml_node_t *root)
{
	static const char *const known[] = { "load_address", "ram",
					     "virtio_irq", NULL };
	static const char *const kram[] = { "base", "size", "node", NULL };
	struct board *b = c->b;
	yaml_node_t *h = get(c, root, "hypervisor");
	uint64_t v;
	int rc;

	if (!h)
		return fail(c, "hypervisor", NULL, "required key missing");
	if ((rc = check_map(c, h, "hypervisor", known)) ||
	    (rc = num(c, h, "hypervisor", "load_address", UINT64_MAX,
		      &b->load_address)))
		return rc;
	if (b->riscv) {
		/* a source id; irqchip.ndev bounds it (cross_rules) */
		if ((rc = num(c, h, "hypervisor", "virtio_irq",
			      HVISOR_CONFIG_MAX_INTERRUPTS - 1, &v)))
			return rc;
		if (!v)
			return fail(c, "hypervisor.virtio_irq",
				    "a PLIC/APLIC source id, 1..irqchip.ndev",
				    "0 is no interrupt source");
	} else if ((rc = num_opt(c, h, "hypervisor", "virtio_irq",
				 HVISOR_GIC_SPI_LAST, HVISOR_VIRTIO_IRQ_INTID,
				 &v))) {
		return rc;
	}
	if (!b->riscv && v < HVISOR_GIC_SPI_FIRST)
		return fail(c, "hypervisor.virtio_irq",
			    "an SPI, INTID 32..1019",
			    "%" PRIu64 " is not an SPI", v);
	b->virtio_irq = (unsigned int)v;
	if (!get(c, h, "ram"))
		return fail(c, "hypervisor.ram", NULL, "required key missing");
	if ((rc = range(c, get(c, h, "ram"), "hypervisor.ram", kram,
			&b->hv_ram)))
		return rc;
	if (b->load_address & (PAGE - 1))
		return fail(c, "hypervisor.load_address", NULL,
			    "0x%" PRIx64 " is not 4 KiB aligned",
			    b->load_address);
	if (!hvc_inside(b->load_address, 1, b->hv_ram.base, b->hv_ram.size))
		return fail(c, "hypervisor.load_address", NULL,
			    "0x%" PRIx64 " is outside hypervisor.ram",
			    b->load_address);
	return 0;
}

static int parse_root_irqs(struct ctx *c, yaml_node_t *r)
{
	static const char *const known[] = { "intid", "node", NULL };
	struct board *b = c->b;
	yaml_node_item_t *it, *top;
	unsigned int i;
	uint64_t v;
	char k[64];
	int rc;

	if ((rc = seq(c, r, "root_zone", "irqs", 0, &it, &top)))
		return rc;
	if (it && it < top) {
		b->root_irqs =
			calloc((size_t)(top - it), sizeof(*b->root_irqs));
		if (!b->root_irqs)
			return oom(c);
	}
	for (; it && it < top; it++) {
		yaml_node_t *n = ynode(c, *it);
		struct board_irq *q = &b->root_irqs[b->root_nirqs];

		snprintf(k, sizeof(k), "root_zone.irqs[%u]", b->root_nirqs);
		if ((rc = check_map(c, n, k, known)) ||
		    (rc = num(c, n, k, "intid",
			      HVISOR_CONFIG_MAX_INTERRUPTS - 1, &v)) ||
		    (rc = str(c, n, k, "node", &q->node, 0)))
			return rc;
		q->intid = (unsigned int)v;
		for (i = 0; i < b->root_nirqs; i++)
			if (b->root_irqs[i].intid == q->intid)
				return fail(c, k, NULL,
					    "INTID %u is also root_zone.irqs"
					    "[%u]",
					    q->intid, i);
		b->root_nirqs++;
	}
	return 0;
}

static int load_addr(struct ctx *c, yaml_node_t *r, const char *key,
		     const char *const *known, int required, uint64_t *load,
		     uint64_t *entry)
{
	yaml_node_t *n = get(c, r, key);
	char k[64];
	int rc;

	snprintf(k, sizeof(k), "root_zone.%s", key);
	if (hvc_yaml_is_null(n)) {
		if (required)
			return fail(c, k, NULL, "required key missing");
		return 1;
	}
	if ((rc = check_map(c, n, k, known)) ||
	    (rc = num(c, n, k, "load", UINT64_MAX, load)))
		return rc;
	if (entry)
		return num_opt(c, n, k, "entry", UINT64_MAX, *load, entry);
	return 0;
}

static int parse_root(struct ctx *c, yaml_node_t *root)
{
	static const char *const known[] = { "name",   "cpus",	   "memory",
					     "irqs",   "kernel",   "dtb",
					     "initrd", "bootargs", NULL };
	static const char *const kmem[] = { "type", "base",  "size",
					    "node", "nodes", NULL };
	static const char *const types[] = { "ram", "loader", "io", "virtio",
					     NULL };
	static const char *const kkern[] = { "load", "entry", NULL };
	static const char *const kload[] = { "load", NULL };
	struct board *b = c->b;
	yaml_node_t *r = get(c, root, "root_zone");
	yaml_node_item_t *it, *top;
	unsigned int i;
	uint64_t v;
	int rc;

	if (!r)
		return fail(c, "root_zone", NULL, "required key missing");
	if ((rc = check_map(c, r, "root_zone", known)) ||
	    (rc = str(c, r, "root_zone", "name", &b->root_name, 1)) ||
	    (rc = str(c, r, "root_zone", "bootargs", &b->root_bootargs, 0)))
		return rc;
	if (!b->root_bootargs)
		b->root_bootargs = "";
	if (strlen(b->root_name) >= HVISOR_CONFIG_NAME_MAXLEN)
		return fail(c, "root_zone.name", NULL,
			    "longer than %d characters",
			    HVISOR_CONFIG_NAME_MAXLEN - 1);
	if ((rc = seq(c, r, "root_zone", "cpus", 1, &it, &top)))
		return rc;
	for (; it && it < top; it++) {
		if ((rc = num_node(c, ynode(c, *it), "root_zone.cpus",
				   UINT32_MAX, &v)))
			return rc;
		if (v >= b->ncpus)
			return fail(c, "root_zone.cpus", NULL,
				    "CPU %" PRIu64 " is not in board.cpus", v);
		if (b->root_cpus >> v & 1)
			return fail(c, "root_zone.cpus", NULL,
				    "CPU %" PRIu64 " given twice", v);
		b->root_cpus |= 1ULL << v;
	}
	if (!b->root_cpus)
		return fail(c, "root_zone.cpus", NULL, "no CPUs");
	if ((rc = ranges(c, r, "root_zone", "memory", 1, kmem, types,
			 "one of ram, loader, io, virtio", &b->root_mem)))
		return rc;
	if (b->root_mem.n > HVISOR_CONFIG_MAX_MEMORY_REGIONS)
		return fail(c, "root_zone.memory", NULL,
			    "%u regions, the hypervisor allows %d",
			    b->root_mem.n, HVISOR_CONFIG_MAX_MEMORY_REGIONS);
	for (i = 0; i < b->root_mem.n; i++) {
		const struct hvc_range *m = &b->root_mem.r[i];
		char k[64];

		snprintf(k, sizeof(k), "root_zone.memory[%u]", i);
		if ((m->base | m->size) & (PAGE - 1))
			return fail(c, k, NULL,
				    "0x%" PRIx64 "+0x%" PRIx64
				    " is not 4 KiB aligned",
				    m->base, m->size);
	}
	if ((rc = parse_root_irqs(c, r)) ||
	    (rc = load_addr(c, r, "kernel", kkern, 1, &b->root_kernel,
			    &b->root_entry)) ||
	    (rc = load_addr(c, r, "dtb", kload, 1, &b->root_dtb, NULL)))
		return rc;
	rc = load_addr(c, r, "initrd", kload, 0, &b->root_initrd, NULL);
	if (rc < 0)
		return rc;
	b->has_initrd = !rc;
	return 0;
}

static int parse_devices(struct ctx *c, yaml_node_t *root)
{
	static const char *const known[] = { "node", "compatible", "kept",
					     "regs", "irqs",	   NULL };
	static const char *const kreg[] = { "base", "size", NULL };
	struct board *b = c->b;
	yaml_node_item_t *it, *top, *ri, *rt;
	char k[64], rk[96];
	int rc;

	if (!get(c, root, "devices"))
		return fail(c, "devices", "regenerate board.yaml with dtscan",
			    "required key missing (zonegen allocates around "
			    "every device of the board)");
	if ((rc = seq(c, root, "", "devices", 1, &it, &top)))
		return rc;
	if (it && it < top) {
		b->devs = calloc((size_t)(top - it), sizeof(*b->devs));
		if (!b->devs)
			return oom(c);
	}
	for (; it && it < top; it++) {
		yaml_node_t *n = ynode(c, *it), *kept;
		struct board_dev *d = &b->devs[b->ndevs];
		unsigned int di = b->ndevs++;

		snprintf(k, sizeof(k), "devices[%u]", di);
		if ((rc = check_map(c, n, k, known)) ||
		    (rc = str(c, n, k, "node", &d->node, 1)) ||
		    (rc = str(c, n, k, "compatible", &d->compatible, 0)))
			return rc;
		kept = get(c, n, "kept");
		if (kept && (kept->type != YAML_SCALAR_NODE ||
			     (strcmp(sval(kept), "true") &&
			      strcmp(sval(kept), "false"))))
			return fail(c, k, NULL, "kept: true or false");
		d->kept = kept && !strcmp(sval(kept), "true");
		if ((rc = seq(c, n, k, "regs", 0, &ri, &rt)))
			return rc;
		if (ri && ri < rt) {
			d->regs = calloc((size_t)(rt - ri), sizeof(*d->regs));
			if (!d->regs)
				return oom(c);
		}
		for (; ri && ri < rt; ri++) {
			struct hvc_range *g = &d->regs[d->nregs];

			snprintf(rk, sizeof(rk), "%s.regs[%u]", k, d->nregs);
			if ((rc = range(c, ynode(c, *ri), rk, kreg, g)))
				return rc;
			g->node = d->node;
			d->nregs++;
			if (hvc_ranges_add(&b->dev_regs, g))
				return oom(c);
		}
		if ((rc = seq(c, n, k, "irqs", 0, &ri, &rt)))
			return rc;
		if (ri && ri < rt) {
			d->irqs = calloc((size_t)(rt - ri), sizeof(*d->irqs));
			if (!d->irqs)
				return oom(c);
		}
		for (; ri && ri < rt; ri++) {
			uint64_t v;

			snprintf(rk, sizeof(rk), "%s.irqs[%u]", k, d->nirqs);
			if ((rc = num_node(c, ynode(c, *ri), rk,
					   HVISOR_CONFIG_MAX_INTERRUPTS - 1,
					   &v)))
				return rc;
			d->irqs[d->nirqs++] = (unsigned int)v;
			if (grow(&b->dev_irqs, sizeof(*b->dev_irqs),
				 b->ndev_irqs) ||
			    grow(&b->dev_irq_dev, sizeof(*b->dev_irq_dev),
				 b->ndev_irqs))
				return oom(c);
			b->dev_irq_dev[b->ndev_irqs] = di;
			b->dev_irqs[b->ndev_irqs++] = (unsigned int)v;
		}
	}
	return 0;
}

static int parse_na(struct ctx *c, yaml_node_t *root)
{
	static const char *const known[] = { "node", "chain", "why", NULL };
	yaml_node_item_t *it, *top, *ci, *ct;
	const char *s;
	char k[64];
	int rc;

	if ((rc = seq(c, root, "", "not_assignable", 0, &it, &top)))
		return rc;
	for (unsigned int i = 0; it && it < top; it++, i++) {
		yaml_node_t *n = ynode(c, *it);

		snprintf(k, sizeof(k), "not_assignable[%u]", i);
		if ((rc = check_map(c, n, k, known)) ||
		    (rc = str(c, n, k, "node", &s, 1)) ||
		    (rc = str(c, n, k, "why", &s, 0)) ||
		    (rc = seq(c, n, k, "chain", 0, &ci, &ct)))
			return rc;
		for (; ci && ci < ct; ci++)
			if ((rc = str_node(c, ynode(c, *ci), k, &s, 1)))
				return rc;
	}
	return 0;
}

/* ---- rules across sections ------------------------------------------- */

/* Is [base, base+size) inside the union of @l (adjacent entries join)? */
static int covered(const struct hvc_ranges *l, uint64_t base, uint64_t size)
{
	uint64_t at = base, last = base + (size - 1);
	unsigned int i;
	int moved = 1;

	while (moved) {
		moved = 0;
		for (i = 0; i < l->n; i++) {
			const struct hvc_range *r = &l->r[i];
			uint64_t rl = r->base + (r->size - 1);

			if (r->base <= at && at <= rl) {
				if (rl >= last)
					return 1;
				at = rl + 1;
				moved = 1;
			}
		}
	}
	return 0;
}

static int cross_rules(struct ctx *c)
{
	struct board *b = c->b;
	const struct hvc_range *fr[5] = { &b->gicd, &b->gicr, &b->gicc,
					  &b->gich, &b->gicv };
	static const char *const fn[5] = { "gicd", "gicr", "gicc", "gich",
					   "gicv" };
	unsigned int i, k;
	char key[64];

	if (!covered(&b->mem, b->hv_ram.base, b->hv_ram.size))
		return fail(c, "hypervisor.ram", "a range inside memory",
			    "0x%" PRIx64 "+0x%" PRIx64
			    " is not inside the board's memory",
			    b->hv_ram.base, b->hv_ram.size);
	for (i = 0; i < b->mem.n; i++) {
		const struct hvc_range *m = &b->mem.r[i];

		snprintf(key, sizeof(key), "memory[%u]", i);
		for (k = 0; k < 5; k++)
			if (hvc_overlap(m->base, m->size, fr[k]->base,
					fr[k]->size))
				return fail(c, key, NULL,
					    "RAM 0x%" PRIx64 "+0x%" PRIx64
					    " overlaps the GIC's %s at "
					    "0x%" PRIx64,
					    m->base, m->size, fn[k],
					    fr[k]->base);
		for (k = 0; k < b->nits; k++)
			if (hvc_overlap(m->base, m->size, b->its[k].base,
					b->its[k].size))
				return fail(c, key, NULL,
					    "RAM overlaps gic.its[%u]", k);
		if (b->has_console &&
		    hvc_overlap(m->base, m->size, b->console.base,
				b->console.size))
			return fail(c, key, NULL, "RAM overlaps the console");
		if (b->riscv && (hvc_overlap(m->base, m->size, b->irqchip.base,
					     b->irqchip.size) ||
				 hvc_overlap(m->base, m->size, b->imsic.base,
					     b->imsic.size) ||
				 hvc_overlap(m->base, m->size, b->clint.base,
					     b->clint.size)))
			return fail(c, key, NULL,
				    "RAM overlaps the irqchip, its IMSIC or "
				    "the CLINT");
	}
	for (i = 0; i < b->root_mem.n; i++) {
		const struct hvc_range *m = &b->root_mem.r[i];

		snprintf(key, sizeof(key), "root_zone.memory[%u]", i);
		if ((!strcmp(m->type, "ram") || !strcmp(m->type, "loader")) &&
		    !covered(&b->mem, m->base, m->size))
			return fail(c, key, "root RAM comes from memory",
				    "%s 0x%" PRIx64 "+0x%" PRIx64
				    " is beyond the board's memory",
				    m->type, m->base, m->size);
		if (hvc_overlap(m->base, m->size, b->hv_ram.base,
				b->hv_ram.size))
			return fail(c, key, NULL,
				    "0x%" PRIx64 "+0x%" PRIx64
				    " overlaps hypervisor.ram",
				    m->base, m->size);
		for (k = 0; k < i; k++)
			if (hvc_overlap(m->base, m->size, b->root_mem.r[k].base,
					b->root_mem.r[k].size))
				return fail(c, key, NULL,
					    "overlaps root_zone.memory[%u]", k);
	}
	/* riscv64: interrupts are source ids 1..irqchip.ndev */
	if (b->riscv && b->virtio_irq > b->irqchip_ndev)
		return fail(c, "hypervisor.virtio_irq", "1..irqchip.ndev",
			    "source %u, the irqchip has %u", b->virtio_irq,
			    b->irqchip_ndev);
	for (k = 0; b->riscv && k < b->root_nirqs; k++)
		if (!b->root_irqs[k].intid ||
		    b->root_irqs[k].intid > b->irqchip_ndev) {
			snprintf(key, sizeof(key), "root_zone.irqs[%u]", k);
			return fail(c, key, "a source id, 1..irqchip.ndev",
				    "source %u, the irqchip has %u",
				    b->root_irqs[k].intid, b->irqchip_ndev);
		}
	/* the wake-up IRQ is the root's, and no kept device's: a device on
	 * the line would share it with the hypervisor's injection (a trimmed
	 * one may: zonegen refuses to pass it to a zone) */
	for (k = 0; k < b->root_nirqs; k++)
		if (b->root_irqs[k].intid == b->virtio_irq)
			break;
	if (k == b->root_nirqs)
		return fail(c, "hypervisor.virtio_irq",
			    "root_zone.irqs lists it (node "
			    "/hvisor_virtio_device)",
			    "INTID %u is not a root zone IRQ", b->virtio_irq);
	for (k = 0; k < b->ndev_irqs; k++)
		if (b->dev_irqs[k] == b->virtio_irq &&
		    b->devs[b->dev_irq_dev[k]].kept)
			return fail(c, "hypervisor.virtio_irq",
				    "dtscan picks a free SPI",
				    "INTID %u is used by %s", b->virtio_irq,
				    b->devs[b->dev_irq_dev[k]].node);
	for (i = 0; i < b->layout.n; i++)
		if ((b->layout.r[i].base | b->layout.r[i].size) & (PAGE - 1)) {
			snprintf(key, sizeof(key), "layout[%u]", i);
			return fail(c, key, NULL, "not 4 KiB aligned");
		}
	return 0;
}

static int parse_doc(struct ctx *c)
{
	static const char *const known[] = {
		"version", "board",   "memory", "reserved",  "hypervisor",
		"gic",	   "console", "layout", "root_zone", "not_assignable",
		"devices", "irqchip", "clint",	NULL
	};
	static const char *const kmem[] = { "base", "size", "node", "nodes",
					    NULL };
	static const char *const kres[] = { "base",  "size",   "node",
					    "nodes", "reason", NULL };
	static const char *const klay[] = { "base", "size",  "type",
					    "node", "nodes", NULL };
	static const char *const ltypes[] = { "normal", "device", NULL };
	yaml_node_t *root = hvc_yaml_root(&c->y);
	struct board *b = c->b;
	uint64_t v;
	int rc;

	if (!root)
		return fail(c, NULL, NULL, "empty file");
	if ((rc = check_map(c, root, "", known)) ||
	    (rc = num(c, root, "", "version", UINT32_MAX, &v)))
		return rc;
	if (v != 1)
		return fail(c, "version", "this reader knows schema version 1",
			    "unsupported schema version %" PRIu64, v);
	if ((rc = parse_board(c, root)) ||
	    (rc = ranges(c, root, "", "memory", 1, kmem, NULL, NULL,
			 &b->mem)) ||
	    (rc = ranges(c, root, "", "reserved", 0, kres, NULL, NULL,
			 &b->res)) ||
	    (rc = parse_hv(c, root)) || (rc = parse_gic(c, root)) ||
	    (rc = parse_irqchip(c, root)) || (rc = parse_console(c, root)) ||
	    (rc = ranges(c, root, "", "layout", 1, klay, ltypes,
			 "normal or device", &b->layout)) ||
	    (rc = parse_root(c, root)) || (rc = parse_na(c, root)) ||
	    (rc = parse_devices(c, root)))
		return rc;
	if (!b->mem.n)
		return fail(c, "memory", NULL, "no RAM");
	if (!b->layout.n)
		return fail(c, "layout", NULL, "empty");
	return cross_rules(c);
}

/* One document, at most BOARD_MAX_ALIASES anchors and aliases (the
 * document loader would expand an alias bomb): lib/yamldoc.c. */
static int load(struct ctx *c, const char *text, size_t len)
{
	int rc = hvc_yaml_load(&c->y, text, len, c->file, c->e);

	if (rc)
		return rc == -2 ? oom(c) : -BOARD_EYAML;
	rc = parse_doc(c);
	hvc_yaml_free(&c->y);
	return rc;
}

/*
 * riscv64: the hypervisor emulates a PLIC with an S-level context on every
 * hart, or an APLIC in MSI mode (an IMSIC).
 */
static int riscv_runnable(const struct board *b, struct hvc_err *e)
{
	unsigned int h, k;

	if (!strcmp(b->irqchip_type, "aia")) {
		if (!b->imsic.size)
			return hvc_seterr(e, -BOARD_EINVAL, b->path,
					  "irqchip.imsic",
					  "the hypervisor drives the APLIC in "
					  "MSI mode, through the S-level IMSIC",
					  "missing; the hypervisor cannot run "
					  "without it");
		return 0;
	}
	for (h = 0; h < b->ncpus; h++) {
		for (k = 0; k < b->nctx; k++)
			if (b->ctx[k].hart == h && b->ctx[k].mode == 's')
				break;
		if (k == b->nctx)
			return hvc_seterr(
				e, -BOARD_EINVAL, b->path, "irqchip.contexts",
				"the PLIC's interrupts-extended names "
				"<&intc 9> for each hart",
				"no S-level context for hart %u; the "
				"hypervisor cannot run without it",
				h);
	}
	return 0;
}

int board_check_runnable(const struct board *b, struct hvc_err *e)
{
	static const char *const why =
		"the hypervisor needs the CPU interface (gicc), its control "
		"(gich) and virtual (gicv) frames of a GICv2, the "
		"redistributors (gicr) of a GICv3";
	const struct hvc_range *fr[] = { &b->gicc, &b->gich, &b->gicv };
	static const char *const fn[] = { "gic.gicc", "gic.gich", "gic.gicv" };
	unsigned int i;

	if (b->riscv)
		return riscv_runnable(b, e);
	if (!b->gic_maint)
		return hvc_seterr(e, -BOARD_EINVAL, b->path,
				  "gic.maintenance_irq",
				  "the PPI of the GIC node's interrupts (25 on "
				  "most boards): write it in by hand",
				  "missing; the hypervisor cannot run "
				  "without it");
	if (b->gic_version == 3 && !b->gicr.size)
		return hvc_seterr(e, -BOARD_EINVAL, b->path, "gic.gicr", why,
				  "missing for a GICv3");
	for (i = 0; b->gic_version == 2 && i < 3; i++)
		if (!fr[i]->size)
			return hvc_seterr(e, -BOARD_EINVAL, b->path, fn[i], why,
					  "missing for a GICv2");
	return 0;
}

void board_free(struct board *b)
{
	unsigned int i;

	for (i = 0; i < b->npool_; i++)
		free(b->pool_[i]);
	free(b->pool_);
	for (i = 0; i < b->ndevs; i++) {
		free(b->devs[i].regs);
		free(b->devs[i].irqs);
	}
	free(b->devs);
	free(b->path);
	free(b->dir);
	free(b->cpus);
	free(b->ctx);
	free(b->its);
	free(b->root_irqs);
	free(b->dev_irqs);
	free(b->dev_irq_dev);
	hvc_ranges_free(&b->mem);
	hvc_ranges_free(&b->res);
	hvc_ranges_free(&b->layout);
	hvc_ranges_free(&b->root_mem);
	hvc_ranges_free(&b->dev_regs);
	memset(b, 0, sizeof(*b));
}

static int load_named(const char *text, size_t len, const char *name,
		      const char *dir, struct board *b, struct hvc_err *e)
{
	struct ctx c;
	int rc;

	memset(b, 0, sizeof(*b));
	memset(&c, 0, sizeof(c));
	c.b = b;
	c.e = e;
	c.file = name;
	b->path = strdup(name);
	b->dir = strdup(dir);
	if (!b->path || !b->dir)
		rc = oom(&c);
	else
		rc = load(&c, text, len);
	if (rc)
		board_free(b);
	return rc;
}

int board_load_mem(const char *text, size_t len, const char *name,
		   struct board *b, struct hvc_err *e)
{
	return load_named(text, len, name, ".", b, e);
}

/* The last component of @p before @skip components, into @out. */
static void component(const char *p, unsigned int skip, char *out, size_t n)
{
	const char *end = p + strlen(p), *s;

	while (end > p && end[-1] == '/')
		end--;
	for (;;) {
		for (s = end; s > p && s[-1] != '/'; s--)
			;
		if (!skip--)
			break;
		end = s;
		while (end > p && end[-1] == '/')
			end--;
	}
	snprintf(out, n, "%.*s", (int)(end - s), s);
}

int board_load(const char *file, struct board *b, struct hvc_err *e)
{
	char dir[4096], dname[256], aname[256];
	size_t len;
	char *text;
	int rc;

	memset(b, 0, sizeof(*b));
	if (hvc_dir_of(file, dir, sizeof(dir)))
		return hvc_seterr(e, -BOARD_EIO, file, NULL, NULL,
				  "path too long");
	rc = hvc_read_file(file, &text, &len);
	if (rc)
		return hvc_seterr(e, rc == -ENOMEM ? -BOARD_ENOMEM : -BOARD_EIO,
				  file, NULL, NULL, "cannot read: %s",
				  strerror(-rc));
	rc = load_named(text, len, file, dir, b, e);
	free(text);
	if (rc)
		return rc;
	/* boards/<arch>/<name>/board.yaml: the path says what it is */
	component(file, 1, dname, sizeof(dname));
	component(file, 2, aname, sizeof(aname));
	if (strcmp(dname, b->name) || strcmp(aname, b->arch)) {
		rc = hvc_seterr(e, -BOARD_EINVAL, file,
				strcmp(dname, b->name) ? "board.name"
						       : "board.arch",
				"a board lives in boards/<arch>/<name>/",
				"\"%s\" on \"%s\" but the file is in %s/%s/",
				b->name, b->arch, aname, dname);
		board_free(b);
	}
	return rc;
}
