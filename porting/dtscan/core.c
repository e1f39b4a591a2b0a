// SPDX-License-Identifier: GPL-2.0
/* Context life cycle, arena, errors and small shared helpers. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <libfdt.h>
#include "internal.h"

struct ds_alloc {
	struct ds_alloc *next;
	max_align_t data[];
};

void *ds_alloc(struct dtscan *ds, size_t n)
{
	struct ds_alloc *a = calloc(1, sizeof(*a) + n);

	if (!a)
		return NULL;
	a->next = ds->arena;
	ds->arena = a;
	return a->data;
}

char *ds_strdup(struct dtscan *ds, const char *s)
{
	size_t n = strlen(s) + 1;
	char *p = ds_alloc(ds, n);

	if (p)
		memcpy(p, s, n);
	return p;
}

char *ds_printf(struct dtscan *ds, const char *fmt, ...)
{
	char tmp[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(tmp, sizeof(tmp), fmt, ap);
	va_end(ap);
	return ds_strdup(ds, tmp);
}

static const char *const errs[DTSCAN_NR_ERRORS] = {
	[DTSCAN_OK] = "success",
	[DTSCAN_EIO] = "input/output error",
	[DTSCAN_ENOMEM] = "out of memory",
	[DTSCAN_ENOTDTB] = "not a device tree blob",
	[DTSCAN_EBADDTB] = "corrupt device tree blob",
	[DTSCAN_EBADCELLS] = ("unsupported #address-cells, #size-cells or "
			      "#...-cells value"),
	[DTSCAN_EBADPROP] = "malformed property",
	[DTSCAN_ENOTMAPPED] = "address not CPU-addressable",
	[DTSCAN_ENOCPUS] = "no CPUs found",
	[DTSCAN_ENOGIC] = "no supported GIC found",
	[DTSCAN_ENORAM] = "no usable memory",
	[DTSCAN_ENOCONSOLE] = "no console UART",
	[DTSCAN_EUART] = "unsupported console UART",
	[DTSCAN_EARCH] = "unsupported architecture",
	[DTSCAN_EUSAGE] = "invalid option",
	[DTSCAN_EEXIST] = "board already exists",
	[DTSCAN_ELAYOUT] = "RAM too small",
	[DTSCAN_ELOOP] = "interrupt chain too deep or looping",
	[DTSCAN_ENONODE] = "no such node",
	[DTSCAN_EIRQCLASH] = "IRQ already taken by the hypervisor",
	[DTSCAN_EBADTREE] = "device tree breaks a dtc rule",
	[DTSCAN_EBADRAM] = "RAM overlaps a device or cannot be described",
};

const char *dtscan_strerror(int code)
{
	if (code < 0)
		code = -code;
	if (code >= DTSCAN_NR_ERRORS || !errs[code])
		return "unknown error";
	return errs[code];
}

static int fail_v(struct dtscan *ds, int code, const char *where,
		  const char *hint, const char *fmt, va_list ap)
{
	struct dtscan_err *e = ds->err;

	if (e && !e->code) {
		e->code = code;
		snprintf(e->node, sizeof(e->node), "%s", where);
		if (fmt)
			vsnprintf(e->msg, sizeof(e->msg), fmt, ap);
		else
			snprintf(e->msg, sizeof(e->msg), "%s",
				 dtscan_strerror(code));
		snprintf(e->hint, sizeof(e->hint), "%s", hint ? hint : "");
	}
	return -code;
}

int ds_fail(struct dtscan *ds, int code, int node, const char *hint,
	    const char *fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = fail_v(ds, code, node >= 0 ? ds_path(ds, node) : "/", hint, fmt,
		   ap);
	va_end(ap);
	return r;
}

int ds_fail_key(struct dtscan *ds, int code, const char *key, const char *hint,
		const char *fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = fail_v(ds, code, key, hint, fmt, ap);
	va_end(ap);
	return r;
}

void buf_put(struct ds_buf *b, const char *s, size_t n)
{
	if (b->oom)
		return;
	if (b->n + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 4096;
		char *p;

		while (cap < b->n + n + 1)
			cap *= 2;
		p = realloc(b->p, cap);
		if (!p) {
			b->oom = true;
			return;
		}
		b->p = p;
		b->cap = cap;
	}
	memcpy(b->p + b->n, s, n);
	b->n += n;
	b->p[b->n] = '\0';
}

void buf_printf(struct ds_buf *b, const char *fmt, ...)
{
	char tmp[4096];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(tmp, sizeof(tmp), fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	buf_put(b, tmp, (size_t)n < sizeof(tmp) ? (size_t)n : sizeof(tmp) - 1);
}

static int build(struct dtscan *ds)
{
	int r;

	r = ds_index_tree(ds);
	if (!r)
		r = ds_model(ds);
	if (!r)
		r = ds_trim(ds);
	/* devices first: the zone's virtio wake-up SPI avoids all of them */
	if (!r)
		r = ds_devices(ds);
	if (!r)
		r = ds_zone(ds);
	ds->model = !r;
	return r;
}

/*
 * A board name becomes a directory (boards/ARCH/NAME) and a YAML scalar:
 * lowercase letters, digits, '.', '_', '-', starting with a letter or a
 * digit, at most 64 characters.  No path can come out of it.
 */
static int check_board(struct dtscan *ds, const char *b)
{
	static const char hint[] = "use a plain name like rk3568 "
				   "([a-z0-9][a-z0-9._-]*, at most 64 "
				   "characters); -o DIR picks the directory";
	size_t n = b ? strlen(b) : 0;

	if (!n)
		return ds_fail_key(ds, DTSCAN_EUSAGE, "--board", hint,
				   "no board name");
	if (strchr(b, '/') || strchr(b, '\\'))
		return ds_fail_key(ds, DTSCAN_EUSAGE, "--board", hint,
				   "board name contains a path separator");
	if (n > 64)
		return ds_fail_key(ds, DTSCAN_EUSAGE, "--board", hint,
				   "board name longer than 64 characters");
	if (!((b[0] >= 'a' && b[0] <= 'z') || (b[0] >= '0' && b[0] <= '9')) ||
	    strspn(b, "abcdefghijklmnopqrstuvwxyz0123456789._-") != n)
		return ds_fail_key(ds, DTSCAN_EUSAGE, "--board", hint,
				   "invalid board name \"%s\"",
				   ds_esc(ds, b, n));
	return 0;
}

/*
 * The entry points: @opts NULL means load only (dtscan_load*()), with
 * @name as the input; @buf NULL means read the input path.
 */
static int start(const struct dtscan_opts *opts, const char *name,
		 const void *buf, size_t len, struct dtscan **out,
		 struct dtscan_err *err)
{
	struct dtscan *ds = calloc(1, sizeof(*ds));
	const char *where;
	int r;

	*out = NULL;
	memset(err, 0, sizeof(*err));
	if (!ds) {
		err->code = DTSCAN_ENOMEM;
		snprintf(err->msg, sizeof(err->msg), "out of memory");
		return -DTSCAN_ENOMEM;
	}
	ds->opts = opts ? opts : &ds->own_opts;
	ds->err = err;
	if (!opts && name)
		ds->own_opts.input = ds_strdup(ds, name);
	where = opts ? "-" : "buffer";
	if (ds->opts->input)
		where = ds->opts->input;
	snprintf(err->file, sizeof(err->file), "%s", where);
	if (!opts && name && !ds->own_opts.input)
		r = ds_fail_key(ds, DTSCAN_ENOMEM, "input", NULL, NULL);
	else
		r = opts ? check_board(ds, opts->board) : 0;
	if (!r && buf)
		r = ds_load_buf(ds, buf, len);
	else if (!r)
		r = ds_load_path(ds, ds->opts->input);
	if (!r)
		r = opts ? build(ds) : ds_index_tree(ds);
	if (r) {
		dtscan_close(ds);
		return r;
	}
	*out = ds;
	return 0;
}

int dtscan_open(const struct dtscan_opts *opts, struct dtscan **out,
		struct dtscan_err *err)
{
	return start(opts, NULL, NULL, 0, out, err);
}

int dtscan_open_buf(const void *buf, size_t len, const struct dtscan_opts *opts,
		    struct dtscan **out, struct dtscan_err *err)
{
	return start(opts, NULL, buf ? buf : "", buf ? len : 0, out, err);
}

int dtscan_load(const char *input, struct dtscan **out, struct dtscan_err *err)
{
	return start(NULL, input, NULL, 0, out, err);
}

int dtscan_load_buf(const void *buf, size_t len, const char *name,
		    struct dtscan **out, struct dtscan_err *err)
{
	return start(NULL, name, buf ? buf : "", buf ? len : 0, out, err);
}

const char *dtscan_arch(const struct dtscan *ds)
{
	return ds->arch;
}

void dtscan_close(struct dtscan *ds)
{
	struct ds_alloc *a, *n;

	if (!ds)
		return;
	for (int i = 0; i < ds->ndevs; i++) /* devs is in the arena */
		free(ds->devs[i].regs.v);
	for (a = ds->arena; a; a = n) {
		n = a->next;
		free(a);
	}
	free(ds->fdt);
	free(ds->mem.v);
	free(ds->reserved.v);
	free(ds->usable.v);
	free(ds->its.v);
	free(ds->root_ram.v);
	free(ds->root_io.v);
	free(ds->layout.v);
	free(ds->root_irqs.v);
	free(ds->not_assignable.v);
	free(ds);
}

int dtscan_render(struct dtscan *ds, char **yaml, char **dts,
		  struct dtscan_err *err)
{
	int r;

	ds->err = err;
	*yaml = NULL;
	*dts = NULL;
	if (!ds->model) {
		memset(err, 0, sizeof(*err));
		return ds_fail_key(ds, DTSCAN_EUSAGE, "dtscan_render", NULL,
				   "the DT was loaded without a board model");
	}
	r = ds_emit_yaml(ds, yaml);
	if (!r)
		r = ds_emit_dts(ds, dts);
	if (r) {
		free(*yaml);
		free(*dts);
		*yaml = NULL;
		*dts = NULL;
	}
	return r;
}

static int parse_num(const char *s, char **end, uint64_t *v)
{
	unsigned long long x;

	if (*s == '-' || *s == '+' || *s == ' ' || !*s)
		return -1;
	errno = 0;
	x = strtoull(s, end, 0);
	if (errno || *end == s)
		return -1;
	switch (**end) {
	case 'K':
	case 'k':
		x <<= 10;
		(*end)++;
		break;
	case 'M':
	case 'm':
		x <<= 20;
		(*end)++;
		break;
	case 'G':
	case 'g':
		x <<= 30;
		(*end)++;
		break;
	default:
		break;
	}
	*v = x;
	return 0;
}

int dtscan_parse_range(const char *s, uint64_t *base, uint64_t *size)
{
	char *end;

	if (parse_num(s, &end, base) || *end != '+')
		return -DTSCAN_EUSAGE;
	if (parse_num(end + 1, &end, size) || *end || !*size ||
	    *base + *size < *base)
		return -DTSCAN_EUSAGE;
	return 0;
}
