// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/* Copyright (c) 2026 hvisor-c contributors */
/* Shared helpers of the zone JSON and virtio_cfg.json libraries. */
#include <hvc/json_util.h>

#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

const char *json_strerror(int err)
{
	switch (-err) {
	case JSON_OK:
		return "success";
	case JSON_ENOMEM:
		return "out of memory";
	case JSON_EIO:
		return "input/output error";
	case JSON_ESYNTAX:
		return "not valid JSON";
	case JSON_EMISSING:
		return "required key missing";
	case JSON_ETYPE:
		return "wrong type";
	case JSON_ERANGE:
		return "number out of range";
	case JSON_EVALUE:
		return "value not allowed";
	case JSON_ELIMIT:
		return "more entries than the ABI allows";
	default:
		return "unknown error";
	}
}

/* Replace control characters by '?' so an error stays on one line. */
static void one_line(char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			*s = '?';
}

int json_seterr(struct json_err *e, int code, const char *ctx, const char *key,
		const char *fmt, ...)
{
	va_list ap;

	if (!e)
		return code;
	if (ctx && *ctx && key)
		snprintf(e->key, sizeof(e->key), "%s.%s", ctx, key);
	else
		snprintf(e->key, sizeof(e->key), "%s",
			 key ? key : (ctx && *ctx ? ctx : "(top level)"));
	va_start(ap, fmt);
	vsnprintf(e->msg, sizeof(e->msg), fmt, ap);
	va_end(ap);
	/* Keys and values quoted in errors come from the input: one line. */
	one_line(e->key);
	one_line(e->msg);
	return code;
}

/* The digits of a JSON number, read exactly: 0 or [1-9][0-9]*. */
static int exact_u64(const char *s, uint64_t *out)
{
	uint64_t v = 0;

	if (*s == '-')
		return -JSON_ERANGE;
	if (!*s || (s[0] == '0' && s[1]))
		return -JSON_ETYPE;
	for (; *s; s++) {
		unsigned int d = (unsigned int)(*s - '0');

		if (d > 9)
			return -JSON_ETYPE; /* fraction or exponent */
		if (v > (UINT64_MAX - d) / 10)
			return -JSON_ERANGE;
		v = v * 10 + d;
	}
	*out = v;
	return 0;
}

int json_item_u64(const cJSON *it, uint64_t max, uint64_t *out)
{
	uint64_t v;
	int rc;

	if (cJSON_IsNumber(it) && it->valuestring) {
		/* json_parse_text() kept the number's text: no double. */
		rc = exact_u64(it->valuestring, &v);
		if (rc)
			return rc;
	} else if (cJSON_IsNumber(it)) {
		double d = it->valuedouble;

		/*
		 * A tree not made by json_parse_text(): beyond 2^53 a double
		 * may be a rounded neighbour of what was meant.
		 */
		if (d < 0 || d >= 9007199254740992.0)
			return -JSON_ERANGE;
		v = (uint64_t)d;
		if ((double)v != d)
			return -JSON_ETYPE;
	} else if (cJSON_IsString(it)) {
		const char *s = it->valuestring;
		char *end;
		uintmax_t u;

		/* strtoumax would accept " 1" and "-1"; hvisor-tool must not.
		 */
		if (!s[0] || !(s[0] >= '0' && s[0] <= '9'))
			return -JSON_ETYPE;
		errno = 0;
		u = strtoumax(s, &end, 0);
		if (*end)
			return -JSON_ETYPE;
		if (errno == ERANGE || u > UINT64_MAX)
			return -JSON_ERANGE;
		v = (uint64_t)u;
	} else {
		return -JSON_ETYPE;
	}
	if (v > max)
		return -JSON_ERANGE;
	*out = v;
	return 0;
}

static int num_err(struct json_err *e, int rc, const char *ctx, const char *key,
		   uint64_t max)
{
	if (rc == -JSON_ERANGE)
		return json_seterr(
			e, rc, ctx, key,
			"number out of range (maximum 0x%" PRIx64 ")", max);
	return json_seterr(e, rc, ctx, key,
			   "expected a non-negative integer (JSON number, or "
			   "string \"0x..\", \"0..\" octal, decimal)");
}

int json_get_u64(const cJSON *obj, const char *ctx, const char *key,
		 uint64_t max, uint64_t *out, struct json_err *e)
{
	const cJSON *it = cJSON_GetObjectItemCaseSensitive(obj, key);
	int rc;

	if (!it)
		return json_seterr(e, -JSON_EMISSING, ctx, key,
				   "required key missing");
	rc = json_item_u64(it, max, out);
	if (rc)
		return num_err(e, rc, ctx, key, max);
	return 0;
}

int json_opt_u64(const cJSON *obj, const char *ctx, const char *key,
		 uint64_t max, uint64_t def, uint64_t *out, struct json_err *e)
{
	if (!cJSON_GetObjectItemCaseSensitive(obj, key)) {
		*out = def;
		return 0;
	}
	return json_get_u64(obj, ctx, key, max, out, e);
}

int json_get_u32(const cJSON *obj, const char *ctx, const char *key,
		 uint32_t *out, struct json_err *e)
{
	uint64_t v;
	int rc = json_get_u64(obj, ctx, key, UINT32_MAX, &v, e);

	if (!rc)
		*out = (uint32_t)v;
	return rc;
}

int json_get_u8(const cJSON *obj, const char *ctx, const char *key,
		uint8_t *out, struct json_err *e)
{
	uint64_t v;
	int rc = json_get_u64(obj, ctx, key, UINT8_MAX, &v, e);

	if (!rc)
		*out = (uint8_t)v;
	return rc;
}

int json_check_range(const char *ctx, const char *key, uint64_t base,
		     uint64_t size, struct json_err *e)
{
	if (base > UINT64_MAX - size)
		return json_seterr(e, -JSON_ERANGE, ctx, key,
				   "0x%" PRIx64 "+0x%" PRIx64
				   " wraps around 2^64",
				   base, size);
	return 0;
}

int json_get_str(const cJSON *obj, const char *ctx, const char *key, char *buf,
		 size_t size, struct json_err *e)
{
	const cJSON *it = cJSON_GetObjectItemCaseSensitive(obj, key);

	if (!it)
		return json_seterr(e, -JSON_EMISSING, ctx, key,
				   "required key missing");
	if (!cJSON_IsString(it))
		return json_seterr(e, -JSON_ETYPE, ctx, key,
				   "expected a string");
	return json_set_str(buf, size, it->valuestring, ctx, key, e);
}

int json_set_str(char *buf, size_t size, const char *src, const char *ctx,
		 const char *key, struct json_err *e)
{
	size_t i, len = strlen(src);

	for (i = 0; i < len; i++)
		if ((unsigned char)src[i] < 0x20 || src[i] == 0x7f)
			return json_seterr(e, -JSON_EVALUE, ctx, key,
					   "control character 0x%02x at "
					   "offset %zu",
					   (unsigned char)src[i], i);
	if (len >= size)
		return json_seterr(e, -JSON_ELIMIT, ctx, key,
				   "%zu bytes, longer than the limit of %zu "
				   "(nothing is cut)",
				   len, size - 1);
	memcpy(buf, src, len + 1);
	return 0;
}

int json_get_array(const cJSON *obj, const char *ctx, const char *key, int max,
		   int required, const cJSON **arr, struct json_err *e)
{
	const cJSON *it = cJSON_GetObjectItemCaseSensitive(obj, key);
	int n;

	*arr = NULL;
	if (!it) {
		if (required)
			return json_seterr(e, -JSON_EMISSING, ctx, key,
					   "required key missing");
		return 0;
	}
	if (!cJSON_IsArray(it))
		return json_seterr(e, -JSON_ETYPE, ctx, key,
				   "expected an array");
	n = cJSON_GetArraySize(it);
	if (n > max)
		return json_seterr(e, -JSON_ELIMIT, ctx, key,
				   "%d entries, the ABI allows at most %d", n,
				   max);
	*arr = it;
	return 0;
}

/*
 * cJSON keeps numbers only as doubles and decodes "\u0000" into a NUL that
 * ends the C string.  A second, lexical pass over the text fixes both: the
 * tokens (strings, keys and numbers) come in the order of a pre-order walk
 * of the tree cJSON built, so each number item gets its own text in
 * valuestring (freed by cJSON_Delete) and each string is checked for an
 * escaped NUL.  The same walk refuses an object with a key twice (cJSON
 * would silently take the first).
 */
enum tok_kind { TOK_END, TOK_STR, TOK_NUM };

struct tok {
	enum tok_kind kind;
	const char *start; /* first byte after the quote, or of the number */
	size_t len;
	int has_nul; /* a string with a \u0000 escape */
	int bad_u; /* a \u not followed by 4 hex digits (cJSON: NUL) */
};

/* A key path built on the stack during the walk, rendered on error. */
struct jpath {
	const struct jpath *up;
	const char *key; /* NULL: array element @idx */
	int idx;
};

/* The lexer's place in the text and the first stray byte it skipped. */
struct lexer {
	const char *p;
	const char *stray; /* a control character outside strings */
};

static int is_num_char(char c)
{
	return (c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.' ||
	       c == 'e' || c == 'E';
}

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/*
 * RFC 8259's number: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?.
 * cJSON also takes "01", "1." and "1.e5" (strtod's grammar).
 */
static int json_number_ok(const char *s, size_t len)
{
	const char *e = s + len;

	if (s < e && *s == '-')
		s++;
	if (s < e && *s == '0')
		s++;
	else if (s < e && *s >= '1' && *s <= '9')
		while (s < e && is_digit(*s))
			s++;
	else
		return 0;
	if (s < e && *s == '.') {
		if (++s == e || !is_digit(*s))
			return 0;
		while (s < e && is_digit(*s))
			s++;
	}
	if (s < e && (*s == 'e' || *s == 'E')) {
		if (++s < e && (*s == '+' || *s == '-'))
			s++;
		if (s == e || !is_digit(*s))
			return 0;
		while (s < e && is_digit(*s))
			s++;
	}
	return s == e;
}

static int hex4(const char *p)
{
	int i;

	for (i = 0; i < 4; i++)
		if (!is_digit(p[i]) && !(p[i] >= 'a' && p[i] <= 'f') &&
		    !(p[i] >= 'A' && p[i] <= 'F'))
			return 0;
	return 1;
}

static void lex_next(struct lexer *lx, struct tok *t)
{
	const char *p = lx->p;

	memset(t, 0, sizeof(*t));
	while (*p && *p != '"' && *p != '-' && !is_digit(*p)) {
		/* cJSON skips every byte <= 0x20 as whitespace; JSON has 4 */
		if ((unsigned char)*p < 0x20 && *p != ' ' && *p != '\t' &&
		    *p != '\n' && *p != '\r' && !lx->stray)
			lx->stray = p;
		p++; /* whitespace, structure, true/false/null, a BOM */
	}
	if (!*p) {
		lx->p = p;
		return;
	}
	if (*p == '"') {
		t->kind = TOK_STR;
		t->start = ++p;
		while (*p && *p != '"') {
			if (*p == '\\' && p[1]) {
				if (p[1] == 'u' && !strncmp(p + 2, "0000", 4))
					t->has_nul = 1;
				if (p[1] == 'u' && !hex4(p + 2))
					t->bad_u = 1;
				p++;
			}
			p++;
		}
		t->len = (size_t)(p - t->start);
		if (*p)
			p++;
	} else {
		t->kind = TOK_NUM;
		t->start = p;
		while (is_num_char(*p))
			p++;
		t->len = (size_t)(p - t->start);
	}
	lx->p = p;
}

static void path_render(const struct jpath *p, char *buf, size_t size)
{
	size_t n;

	buf[0] = '\0';
	if (!p)
		return;
	path_render(p->up, buf, size);
	n = strlen(buf);
	if (p->key)
		snprintf(buf + n, size - n, "%s%s", n ? "." : "", p->key);
	else
		snprintf(buf + n, size - n, "[%d]", p->idx);
}

static int walk_err(struct json_err *e, int code, const struct jpath *p,
		    const char *msg)
{
	char key[sizeof(e->key)];

	path_render(p, key, sizeof(key));
	return json_seterr(e, code, "", key[0] ? key : "(top level)", "%s",
			   msg);
}

static int key_cmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Refuse an object that names a key twice. */
static int check_dup_keys(const cJSON *obj, const struct jpath *p,
			  struct json_err *e)
{
	const char **keys;
	const cJSON *c;
	size_t n = 0, i;
	int rc = 0;

	cJSON_ArrayForEach(c, obj) n++;
	if (n < 2)
		return 0;
	keys = malloc(n * sizeof(*keys));
	if (!keys)
		return json_seterr(e, -JSON_ENOMEM, "", NULL, "out of memory");
	n = 0;
	cJSON_ArrayForEach(c, obj) keys[n++] = c->string;
	qsort(keys, n, sizeof(*keys), key_cmp);
	for (i = 1; i < n; i++)
		if (!strcmp(keys[i - 1], keys[i])) {
			struct jpath kp = { p, keys[i], 0 };

			rc = walk_err(e, -JSON_EVALUE, &kp,
				      "key appears twice in one object "
				      "(hint: keep one)");
			break;
		}
	free(keys);
	return rc;
}

static int walk(cJSON *it, struct lexer *lex, const struct jpath *p,
		struct json_err *e)
{
	struct tok t;
	cJSON *c;
	int rc, i = 0;

	if (cJSON_IsObject(it)) {
		cJSON_ArrayForEach(c, it)
		{
			struct jpath cp = { p, c->string, 0 };

			lex_next(lex, &t);
			if (t.kind != TOK_STR)
				return walk_err(e, -JSON_ESYNTAX, p,
						"lexer lost its place (a bug)");
			if (t.bad_u)
				return walk_err(e, -JSON_ESYNTAX, &cp,
						"a key with a \\u escape "
						"without 4 hex digits");
			if (t.has_nul)
				return walk_err(e, -JSON_EVALUE, &cp,
						"a key with \\u0000 (NUL) "
						"is refused");
			rc = walk(c, lex, &cp, e);
			if (rc)
				return rc;
		}
		return check_dup_keys(it, p, e);
	}
	if (cJSON_IsArray(it)) {
		cJSON_ArrayForEach(c, it)
		{
			struct jpath cp = { p, NULL, i++ };

			rc = walk(c, lex, &cp, e);
			if (rc)
				return rc;
		}
		return 0;
	}
	if (!cJSON_IsString(it) && !cJSON_IsNumber(it))
		return 0; /* true, false, null: not tokens of the lexer */
	lex_next(lex, &t);
	if (t.kind != (cJSON_IsString(it) ? TOK_STR : TOK_NUM))
		return walk_err(e, -JSON_ESYNTAX, p,
				"lexer lost its place (a bug)");
	if (t.bad_u)
		return walk_err(e, -JSON_ESYNTAX, p,
				"a \\u escape without 4 hex digits");
	if (t.has_nul)
		return walk_err(e, -JSON_EVALUE, p,
				"a string with \\u0000 (NUL) is refused, not "
				"cut there");
	if (t.kind == TOK_NUM && !json_number_ok(t.start, t.len))
		return walk_err(e, -JSON_ESYNTAX, p,
				"not a JSON number (e.g. a leading zero or "
				"a bare \".\"; hint: \"0x..\" strings for "
				"hex)");
	if (cJSON_IsNumber(it) && !it->valuestring) {
		it->valuestring = cJSON_malloc(t.len + 1);
		if (!it->valuestring)
			return json_seterr(e, -JSON_ENOMEM, "", NULL,
					   "out of memory");
		memcpy(it->valuestring, t.start, t.len);
		it->valuestring[t.len] = '\0';
	}
	return 0;
}

/* 1-based line and column of @at in @text. */
static void line_col(const char *text, const char *at, int *line, int *col)
{
	const char *p;

	*line = 1;
	*col = 1;
	for (p = text; p < at && *p; p++) {
		if (*p == '\n') {
			(*line)++;
			*col = 1;
		} else {
			(*col)++;
		}
	}
}

/* The lexical pass over a text cJSON accepted (see above). */
static int annotate(const char *text, cJSON *root, struct json_err *e)
{
	struct lexer lex = { text, NULL };
	int line, col, rc;
	struct tok t;

	rc = walk(root, &lex, NULL, e);
	if (rc)
		return rc;
	lex_next(&lex, &t);
	if (t.kind != TOK_END)
		return json_seterr(e, -JSON_ESYNTAX, "", NULL,
				   "lexer lost its place (a bug)");
	if (!lex.stray)
		return 0;
	line_col(text, lex.stray, &line, &col);
	return json_seterr(e, -JSON_ESYNTAX, "", NULL,
			   "control character 0x%02x outside a string at "
			   "line %d, column %d (not JSON whitespace)",
			   (unsigned char)*lex.stray, line, col);
}

int json_parse_text(const char *text, cJSON **root, struct json_err *e)
{
	const char *end = NULL;
	int line, col, rc;

	*root = cJSON_ParseWithOpts(text, &end, 1);
	if (*root) {
		rc = annotate(text, *root, e);
		if (rc) {
			cJSON_Delete(*root);
			*root = NULL;
		}
		return rc;
	}
	if (!end)
		end = cJSON_GetErrorPtr();
	if (!end)
		return json_seterr(e, -JSON_ENOMEM, "", NULL, "out of memory");
	line_col(text, end, &line, &col);
	return json_seterr(e, -JSON_ESYNTAX, "", NULL,
			   "not valid JSON at line %d, column %d", line, col);
}

int json_read_file(const char *path, char **text, struct json_err *e)
{
	FILE *f = fopen(path, "rb");
	size_t len = 0, cap = 0, n;
	char *buf = NULL;

	if (!f)
		return json_seterr(e, -JSON_EIO, "", NULL, "cannot open: %s",
				   strerror(errno));
	do {
		if (cap - len < 4096 + 1) {
			size_t ncap = cap ? cap * 2 : 8192;
			char *nb = ncap > cap ? realloc(buf, ncap) : NULL;

			if (!nb) {
				fclose(f);
				free(buf);
				return json_seterr(e, -JSON_ENOMEM, "", NULL,
						   "out of memory");
			}
			buf = nb;
			cap = ncap;
		}
		n = fread(buf + len, 1, cap - len - 1, f);
		len += n;
	} while (n > 0);
	if (ferror(f)) {
		fclose(f);
		free(buf);
		return json_seterr(e, -JSON_EIO, "", NULL, "read error");
	}
	fclose(f);
	buf[len] = '\0';
	if (memchr(buf, 0, len)) {
		size_t at = (size_t)((char *)memchr(buf, 0, len) - buf);

		free(buf);
		return json_seterr(e, -JSON_ESYNTAX, "", NULL,
				   "a NUL byte at offset %zu (not a text "
				   "file)",
				   at);
	}
	*text = buf;
	return 0;
}

int json_write_file_atomic(const char *path, const char *text,
			   struct json_err *e)
{
	size_t plen = strlen(path) + 16;
	char *tmp = malloc(plen);
	FILE *f;
	size_t len = strlen(text);
	int ok;

	if (!tmp)
		return json_seterr(e, -JSON_ENOMEM, "", NULL, "out of memory");
	snprintf(tmp, plen, "%s.tmp%ld", path, (long)getpid());
	f = fopen(tmp, "wb");
	if (!f) {
		free(tmp);
		return json_seterr(e, -JSON_EIO, "", NULL, "cannot create: %s",
				   strerror(errno));
	}
	ok = fwrite(text, 1, len, f) == len;
	ok = (fclose(f) == 0) && ok;
	if (!ok || rename(tmp, path)) {
		unlink(tmp);
		free(tmp);
		return json_seterr(e, -JSON_EIO, "", NULL, "cannot write: %s",
				   strerror(errno));
	}
	free(tmp);
	return 0;
}

void sbuf_init(struct sbuf *s)
{
	memset(s, 0, sizeof(*s));
}

void sbuf_printf(struct sbuf *s, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (s->oom)
		return;
	for (;;) {
		size_t room = s->cap - s->len;

		va_start(ap, fmt);
		n = vsnprintf(s->buf ? s->buf + s->len : NULL, room, fmt, ap);
		va_end(ap);
		if (n < 0) {
			s->oom = 1;
			return;
		}
		if ((size_t)n < room) {
			s->len += (size_t)n;
			return;
		}
		{
			size_t ncap = (s->cap ? s->cap * 2 : 1024) + (size_t)n;
			char *nb = realloc(s->buf, ncap);

			if (!nb) {
				s->oom = 1;
				return;
			}
			s->buf = nb;
			s->cap = ncap;
		}
	}
}

void sbuf_json_str(struct sbuf *s, const char *str, size_t maxlen)
{
	size_t i;

	sbuf_printf(s, "\"");
	for (i = 0; i < maxlen && str[i]; i++) {
		unsigned char c = (unsigned char)str[i];

		if (c == '"' || c == '\\')
			sbuf_printf(s, "\\%c", c);
		else if (c < 0x20)
			sbuf_printf(s, "\\u%04x", c);
		else
			sbuf_printf(s, "%c", c);
	}
	sbuf_printf(s, "\"");
}

char *sbuf_take(struct sbuf *s)
{
	char *b = s->buf;

	if (s->oom || !b) {
		free(b);
		b = s->oom ? NULL : strdup("");
	}
	sbuf_init(s);
	return b;
}
