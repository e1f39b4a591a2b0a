// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/* Copyright (c) 2026 hvisor-c contributors */
/* board.yaml (docs/board-yaml.md) -> struct zg_board, read with libyaml. */
#include <errno.h>
#include <glob.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "zg_internal.h"

int zg_seterr(struct zg_err *e, int code, const char *file, const char *key,
	      const char *hint, const char *fmt, ...)
{
	va_list ap;

	if (!e)
		return code;
	snprintf(e->file, sizeof(e->file), "%s", file ? file : "");
	snprintf(e->key, sizeof(e->key), "%s", key ? key : "");
	snprintf(e->hint, sizeof(e->hint), "%s", hint ? hint : "");
	va_start(ap, fmt);
	vsnprintf(e->msg, sizeof(e->msg), fmt, ap);
	va_end(ap);
	return code;
}

const char *zonegen_strerror(int err)
{
	static const char *const s[] = {
		"success",
		"out of memory",
		"input/output error",
		"malformed board.yaml",
		"device tree error",
		"malformed JSON",
		"impossible request",
		"dtc failed",
		"check failed",
	};

	if (-err >= 0 && -err < (int)(sizeof(s) / sizeof(s[0])))
		return s[-err];
	return "unknown error";
}

int zg_board_find(const char *boards_dir, const char *board, char *dir,
		  size_t size, struct zg_err *e)
{
	char pat[1024];
	glob_t g;
	int rc;

	snprintf(pat, sizeof(pat), "%s/*/%s/board.yaml", boards_dir, board);
	rc = glob(pat, 0, NULL, &g);
	if (rc || g.gl_pathc != 1) {
		if (!rc)
			globfree(&g);
		return zg_seterr(e, -ZG_EIO, pat, NULL,
				 "pass --boards-dir or run dtscan first",
				 rc ? "no such board"
				    : "board name found under several arches");
	}
	snprintf(dir, size, "%.*s", (int)(strlen(g.gl_pathv[0]) - 11),
		 g.gl_pathv[0]);
	globfree(&g);
	return 0;
}

struct yctx {
	yaml_document_t doc;
	const char *file;
	struct zg_err *e;
};

static yaml_node_t *yget(struct yctx *y, yaml_node_t *map, const char *key)
{
	yaml_node_pair_t *p;

	if (!map || map->type != YAML_MAPPING_NODE)
		return NULL;
	for (p = map->data.mapping.pairs.start; p < map->data.mapping.pairs.top;
	     p++) {
		yaml_node_t *k = yaml_document_get_node(&y->doc, p->key);

		if (k && k->type == YAML_SCALAR_NODE &&
		    !strcmp((char *)k->data.scalar.value, key))
			return yaml_document_get_node(&y->doc, p->value);
	}
	return NULL;
}

static int ynull(yaml_node_t *n)
{
	const char *v;

	if (!n)
		return 1;
	if (n->type != YAML_SCALAR_NODE)
		return 0;
	v = (const char *)n->data.scalar.value;
	return n->data.scalar.style == YAML_PLAIN_SCALAR_STYLE &&
	       (!strcmp(v, "null") || !strcmp(v, "~") || !v[0]);
}

static int ystr(struct yctx *y, yaml_node_t *map, const char *key,
		const char *path, char *buf, size_t size, int required)
{
	yaml_node_t *n = yget(y, map, key);
	char k[256];

	snprintf(k, sizeof(k), "%s%s", path, key);
	if (ynull(n)) {
		buf[0] = 0;
		if (required)
			return zg_seterr(y->e, -ZG_EBOARD, y->file, k, NULL,
					 "required key missing");
		return 0;
	}
	if (n->type != YAML_SCALAR_NODE ||
	    strlen((char *)n->data.scalar.value) >= size)
		return zg_seterr(y->e, -ZG_EBOARD, y->file, k, NULL,
				 "expected a short string");
	strcpy(buf, (char *)n->data.scalar.value);
	return 0;
}

static int ynum_node(struct yctx *y, yaml_node_t *n, const char *k,
		     uint64_t *out)
{
	const char *s;
	char *end;

	if (!n || n->type != YAML_SCALAR_NODE)
		return zg_seterr(y->e, -ZG_EBOARD, y->file, k, NULL,
				 n ? "expected a number"
				   : "required key missing");
	s = (const char *)n->data.scalar.value;
	errno = 0;
	*out = strtoull(s, &end, 0);
	if (!s[0] || *end || errno || s[0] == '-')
		return zg_seterr(y->e, -ZG_EBOARD, y->file, k, NULL,
				 "expected a number, got \"%s\"", s);
	return 0;
}

static int ynum(struct yctx *y, yaml_node_t *map, const char *key,
		const char *path, uint64_t *out)
{
	char k[256];

	snprintf(k, sizeof(k), "%s%s", path, key);
	return ynum_node(y, yget(y, map, key), k, out);
}

static int yu32(struct yctx *y, yaml_node_t *map, const char *key,
		const char *path, unsigned int *out)
{
	uint64_t v;
	int rc = ynum(y, map, key, path, &v);

	if (!rc)
		*out = (unsigned int)v;
	return rc;
}

/* A {base, size} mapping; node/type copied when present. */
static int yrange(struct yctx *y, yaml_node_t *n, const char *path,
		  struct zg_range *r)
{
	int rc;

	memset(r, 0, sizeof(*r));
	if ((rc = ynum(y, n, "base", path, &r->base)) ||
	    (rc = ynum(y, n, "size", path, &r->size)) ||
	    (rc = ystr(y, n, "type", path, r->type, sizeof(r->type), 0)) ||
	    (rc = ystr(y, n, "node", path, r->node, sizeof(r->node), 0)))
		return rc;
	return 0;
}

static int yseq(struct yctx *y, yaml_node_t *map, const char *key,
		const char *path, yaml_node_item_t **start,
		yaml_node_item_t **top)
{
	yaml_node_t *n = yget(y, map, key);
	char k[256];

	*start = *top = NULL;
	if (ynull(n))
		return 0;
	snprintf(k, sizeof(k), "%s%s", path, key);
	if (n->type != YAML_SEQUENCE_NODE)
		return zg_seterr(y->e, -ZG_EBOARD, y->file, k, NULL,
				 "expected a list");
	*start = n->data.sequence.items.start;
	*top = n->data.sequence.items.top;
	return 0;
}

static int yranges(struct yctx *y, yaml_node_t *map, const char *key,
		   const char *path, struct zg_range *r, unsigned int *n)
{
	yaml_node_item_t *it, *top;
	char k[256];
	int rc;

	*n = 0;
	if ((rc = yseq(y, map, key, path, &it, &top)))
		return rc;
	for (; it && it < top; it++) {
		if (*n >= ZG_MAX_RANGES)
			return zg_seterr(y->e, -ZG_EBOARD, y->file, key, NULL,
					 "more than %d entries", ZG_MAX_RANGES);
		snprintf(k, sizeof(k), "%s%s[%u].", path, key, *n);
		rc = yrange(y, yaml_document_get_node(&y->doc, *it), k, &r[*n]);
		if (rc)
			return rc;
		(*n)++;
	}
	return 0;
}

static int parse_cpus(struct yctx *y, yaml_node_t *bd, struct zg_board *b)
{
	yaml_node_item_t *it, *top;
	char k[64];
	int rc;

	if ((rc = yseq(y, bd, "cpus", "board.", &it, &top)))
		return rc;
	for (; it && it < top; it++) {
		yaml_node_t *c = yaml_document_get_node(&y->doc, *it);

		if (b->ncpus >= ZG_MAX_CPUS)
			return zg_seterr(y->e, -ZG_EBOARD, y->file,
					 "board.cpus", NULL, "too many CPUs");
		snprintf(k, sizeof(k), "board.cpus[%u].", b->ncpus);
		if ((rc = yu32(y, c, "id", k, &b->cpus[b->ncpus].id)) ||
		    (rc = ynum(y, c, "mpidr", k, &b->cpus[b->ncpus].mpidr)) ||
		    (rc = ystr(y, c, "node", k, b->cpus[b->ncpus].node,
			       ZG_NODE_MAX, 1)))
			return rc;
		if (b->cpus[b->ncpus].id != b->ncpus)
			return zg_seterr(y->e, -ZG_EBOARD, y->file, k, NULL,
					 "ids must be 0, 1, 2, ... in order");
		b->ncpus++;
	}
	return 0;
}

static int parse_gic(struct yctx *y, yaml_node_t *g, struct zg_board *b)
{
	yaml_node_item_t *it, *top;
	uint64_t v;
	int rc;

	if (!g || g->type != YAML_MAPPING_NODE)
		return zg_seterr(y->e, -ZG_EBOARD, y->file, "gic", NULL,
				 "required key missing");
	if ((rc = ynum(y, g, "version", "gic.", &v)))
		return rc;
	b->gic_version = (int)v;
	if (v != 2 && v != 3)
		return zg_seterr(y->e, -ZG_EBOARD, y->file, "gic.version", NULL,
				 "must be 2 or 3");
	if ((rc = ystr(y, g, "node", "gic.", b->gic_node, ZG_NODE_MAX, 1)) ||
	    (rc = ystr(y, g, "compatible", "gic.", b->gic_compat,
		       sizeof(b->gic_compat), 1)) ||
	    (rc = yu32(y, g, "maintenance_irq", "gic.", &b->gic_maint)) ||
	    (rc = yrange(y, yget(y, g, "gicd"), "gic.gicd.", &b->gicd)))
		return rc;
	if (v == 3) {
		if ((rc = yrange(y, yget(y, g, "gicr"), "gic.gicr.", &b->gicr)))
			return rc;
		if ((rc = yseq(y, g, "its", "gic.", &it, &top)))
			return rc;
		if (it && it < top &&
		    (rc = yrange(y, yaml_document_get_node(&y->doc, *it),
				 "gic.its[0].", &b->its)))
			return rc;
	} else {
		if ((rc = yrange(y, yget(y, g, "gicc"), "gic.gicc.",
				 &b->gicc)) ||
		    (rc = yrange(y, yget(y, g, "gich"), "gic.gich.",
				 &b->gich)) ||
		    (rc = yrange(y, yget(y, g, "gicv"), "gic.gicv.", &b->gicv)))
			return rc;
	}
	return 0;
}

static int parse_root(struct yctx *y, yaml_node_t *r, struct zg_board *b)
{
	yaml_node_item_t *it, *top;
	char k[64];
	int rc;

	if (!r || r->type != YAML_MAPPING_NODE)
		return zg_seterr(y->e, -ZG_EBOARD, y->file, "root_zone", NULL,
				 "required key missing");
	if ((rc = ystr(y, r, "name", "root_zone.", b->root_name,
		       sizeof(b->root_name), 1)) ||
	    (rc = yseq(y, r, "cpus", "root_zone.", &it, &top)))
		return rc;
	for (; it && it < top; it++) {
		uint64_t v;

		rc = ynum_node(y, yaml_document_get_node(&y->doc, *it),
			       "root_zone.cpus", &v);
		if (rc)
			return rc;
		if (v >= b->ncpus)
			return zg_seterr(y->e, -ZG_EBOARD, y->file,
					 "root_zone.cpus", NULL,
					 "CPU %" PRIu64 " is not in board.cpus",
					 v);
		b->root_cpus |= 1ULL << v;
	}
	if ((rc = yranges(y, r, "memory", "root_zone.", b->root_mem,
			  &b->root_nmem)) ||
	    (rc = yseq(y, r, "irqs", "root_zone.", &it, &top)))
		return rc;
	/* the types render.py accepts: anything else is a typo, not RAM */
	for (unsigned int i = 0; i < b->root_nmem; i++) {
		const char *t = b->root_mem[i].type;

		if (strcmp(t, "ram") && strcmp(t, "loader") &&
		    strcmp(t, "io") && strcmp(t, "virtio")) {
			snprintf(k, sizeof(k), "root_zone.memory[%u].type", i);
			return zg_seterr(y->e, -ZG_EBOARD, y->file, k,
					 "one of ram, loader, io, virtio",
					 "unknown region type \"%s\"", t);
		}
	}
	for (; it && it < top; it++) {
		yaml_node_t *n = yaml_document_get_node(&y->doc, *it);

		if (b->root_nirqs >= 256)
			return zg_seterr(y->e, -ZG_EBOARD, y->file,
					 "root_zone.irqs", NULL,
					 "too many IRQs");
		snprintf(k, sizeof(k), "root_zone.irqs[%u].", b->root_nirqs);
		if ((rc = yu32(y, n, "intid", k,
			       &b->root_irqs[b->root_nirqs].intid)) ||
		    (rc = ystr(y, n, "node", k,
			       b->root_irqs[b->root_nirqs].node, ZG_NODE_MAX,
			       0)))
			return rc;
		b->root_nirqs++;
	}
	if ((rc = ynum(y, yget(y, r, "kernel"), "load", "root_zone.kernel.",
		       &b->root_kernel)) ||
	    (rc = ynum(y, yget(y, r, "dtb"), "load", "root_zone.dtb.",
		       &b->root_dtb)))
		return rc;
	if (!ynull(yget(y, r, "initrd")) &&
	    (rc = ynum(y, yget(y, r, "initrd"), "load", "root_zone.initrd.",
		       &b->root_initrd)))
		return rc;
	return 0;
}

static int grow(void *pp, size_t elem, unsigned int n)
{
	void **p = pp;
	void *np;

	if (n & (n - 1)) /* capacity doubles at powers of two */
		return 0;
	np = realloc(*p, elem * (n ? 2 * n : 16));
	if (!np)
		return -ZG_ENOMEM;
	*p = np;
	return 0;
}

/* devices: [{node, compatible, kept, regs: [{base, size}], irqs: [...]}] */
static int parse_devices(struct yctx *y, yaml_node_t *root, struct zg_board *b)
{
	yaml_node_item_t *it, *top, *ri, *rt;
	char k[96];
	int rc;

	if (!yget(y, root, "devices"))
		return zg_seterr(y->e, -ZG_EBOARD, y->file, "devices",
				 "regenerate board.yaml with dtscan",
				 "required key missing (zonegen allocates "
				 "around every device of the board)");
	if ((rc = yseq(y, root, "devices", "", &it, &top)))
		return rc;
	for (; it && it < top; it++) {
		yaml_node_t *d = yaml_document_get_node(&y->doc, *it);
		yaml_node_t *n = yget(y, d, "node");
		unsigned int di = b->ndevs;

		snprintf(k, sizeof(k), "devices[%u].", di);
		if (!n || n->type != YAML_SCALAR_NODE)
			return zg_seterr(y->e, -ZG_EBOARD, y->file, k, NULL,
					 "node: required key missing");
		if (grow(&b->dev_node, sizeof(*b->dev_node), b->ndevs))
			return -ZG_ENOMEM;
		/* long paths are only names in messages: truncate */
		snprintf(b->dev_node[di], ZG_NODE_MAX, "%s",
			 (const char *)n->data.scalar.value);
		b->ndevs++;
		if ((rc = yseq(y, d, "regs", k, &ri, &rt)))
			return rc;
		for (unsigned int j = 0; ri && ri < rt; ri++, j++) {
			char rk[128];
			struct zg_range *r;

			if (grow(&b->dev_regs, sizeof(*b->dev_regs),
				 b->ndev_regs))
				return -ZG_ENOMEM;
			r = &b->dev_regs[b->ndev_regs];
			snprintf(rk, sizeof(rk), "%sregs[%u].", k, j);
			memset(r, 0, sizeof(*r));
			if ((rc = ynum(y, yaml_document_get_node(&y->doc, *ri),
				       "base", rk, &r->base)) ||
			    (rc = ynum(y, yaml_document_get_node(&y->doc, *ri),
				       "size", rk, &r->size)))
				return rc;
			snprintf(r->node, sizeof(r->node), "%s",
				 b->dev_node[di]);
			b->ndev_regs++;
		}
		if ((rc = yseq(y, d, "irqs", k, &ri, &rt)))
			return rc;
		for (; ri && ri < rt; ri++) {
			uint64_t v;

			snprintf(k, sizeof(k), "devices[%u].irqs", di);
			if ((rc = ynum_node(
				     y, yaml_document_get_node(&y->doc, *ri), k,
				     &v)))
				return rc;
			if (grow(&b->dev_irqs, sizeof(*b->dev_irqs),
				 b->ndev_irqs) ||
			    grow(&b->dev_irq_dev, sizeof(*b->dev_irq_dev),
				 b->ndev_irqs))
				return -ZG_ENOMEM;
			b->dev_irq_dev[b->ndev_irqs] = di;
			b->dev_irqs[b->ndev_irqs++] = (unsigned int)v;
		}
	}
	return 0;
}

void zg_board_free(struct zg_board *b)
{
	free(b->dev_node);
	free(b->dev_irq_dev);
	free(b->dev_regs);
	free(b->dev_irqs);
	b->dev_node = NULL;
	b->dev_irq_dev = NULL;
	b->dev_regs = NULL;
	b->dev_irqs = NULL;
	b->ndevs = b->ndev_regs = b->ndev_irqs = 0;
}

static int parse_doc(struct yctx *y, struct zg_board *b)
{
	yaml_node_t *root = yaml_document_get_root_node(&y->doc);
	yaml_node_t *bd, *n;
	uint64_t v;
	int rc;

	if (!root || root->type != YAML_MAPPING_NODE)
		return zg_seterr(y->e, -ZG_EBOARD, y->file, NULL, NULL,
				 "not a YAML mapping");
	if ((rc = ynum(y, root, "version", "", &v)))
		return rc;
	if (v != 1)
		return zg_seterr(y->e, -ZG_EBOARD, y->file, "version",
				 "this zonegen reads schema version 1",
				 "unsupported schema version %" PRIu64, v);
	bd = yget(y, root, "board");
	if ((rc = ystr(y, bd, "name", "board.", b->name, sizeof(b->name), 1)) ||
	    (rc = ystr(y, bd, "arch", "board.", b->arch, sizeof(b->arch), 1)) ||
	    (rc = ystr(y, bd, "source", "board.", b->source, sizeof(b->source),
		       0)) ||
	    (rc = ystr(y, bd, "model", "board.", b->model, sizeof(b->model),
		       0)) ||
	    (rc = parse_cpus(y, bd, b)))
		return rc;
	n = yget(y, bd, "psci");
	if (!ynull(n)) {
		b->has_psci = 1;
		if ((rc = ystr(y, n, "method", "board.psci.", b->psci_method,
			       sizeof(b->psci_method), 1)) ||
		    (rc = ystr(y, n, "version", "board.psci.", b->psci_version,
			       sizeof(b->psci_version), 0)))
			return rc;
	}
	n = yget(y, bd, "timer");
	if (!ynull(n)) {
		yaml_node_item_t *it, *top;
		unsigned int i = 0;

		b->has_timer = 1;
		if ((rc = ystr(y, n, "node", "board.timer.", b->timer_node,
			       ZG_NODE_MAX, 0)) ||
		    (rc = yseq(y, n, "ppis", "board.timer.", &it, &top)))
			return rc;
		for (; it && it < top && i < 4; it++, i++) {
			if ((rc = ynum_node(
				     y, yaml_document_get_node(&y->doc, *it),
				     "board.timer.ppis", &v)))
				return rc;
			b->timer_ppis[i] = (unsigned int)v;
		}
		if (i != 4)
			return zg_seterr(y->e, -ZG_EBOARD, y->file,
					 "board.timer.ppis", NULL,
					 "expected 4 PPIs");
	}
	if ((rc = yranges(y, root, "memory", "", b->mem, &b->nmem)) ||
	    (rc = yranges(y, root, "reserved", "", b->res, &b->nres)) ||
	    (rc = yranges(y, root, "layout", "", b->layout, &b->nlayout)) ||
	    (rc = yrange(y, yget(y, yget(y, root, "hypervisor"), "ram"),
			 "hypervisor.ram.", &b->hv_ram)) ||
	    (rc = parse_gic(y, yget(y, root, "gic"), b)))
		return rc;
	n = yget(y, root, "console");
	if (!ynull(n)) {
		b->has_console = 1;
		if ((rc = yrange(y, n, "console.", &b->console)))
			return rc;
		if (!ynull(yget(y, n, "irq")) &&
		    (rc = yu32(y, n, "irq", "console.", &b->console_irq)))
			return rc;
	}
	if ((rc = parse_root(y, yget(y, root, "root_zone"), b)))
		return rc;
	return parse_devices(y, root, b);
}

int zg_board_load(const char *dir, struct zg_board *b, struct zg_err *e)
{
	yaml_parser_t parser;
	struct yctx y;
	FILE *f;
	int rc;

	memset(b, 0, sizeof(*b));
	snprintf(b->dir, sizeof(b->dir), "%s", dir);
	snprintf(b->path, sizeof(b->path), "%s/board.yaml", dir);
	y.file = b->path;
	y.e = e;
	f = fopen(b->path, "rb");
	if (!f)
		return zg_seterr(e, -ZG_EIO, b->path, NULL, NULL,
				 "cannot open: %s", strerror(errno));
	yaml_parser_initialize(&parser);
	yaml_parser_set_input_file(&parser, f);
	if (!yaml_parser_load(&parser, &y.doc)) {
		rc = zg_seterr(e, -ZG_EBOARD, b->path, NULL, NULL,
			       "YAML error at line %zu: %s",
			       parser.problem_mark.line + 1,
			       parser.problem ? parser.problem : "?");
		yaml_parser_delete(&parser);
		fclose(f);
		return rc;
	}
	rc = parse_doc(&y, b);
	if (rc)
		zg_board_free(b);
	yaml_document_delete(&y.doc);
	yaml_parser_delete(&parser);
	fclose(f);
	return rc;
}
