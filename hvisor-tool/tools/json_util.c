// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/* Copyright (c) 2026 hvisor-c contributors */
/* Shared helpers of the zone JSON and virtio_cfg.json libraries. */
#include "json_util.h"

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
	return code;
}

int json_item_u64(const cJSON *it, uint64_t max, uint64_t *out)
{
	uint64_t v;

	if (cJSON_IsNumber(it)) {
		double d = it->valuedouble;

		/* Exact integers only; 2^53 is where doubles stop being exact.
		 */
		if (d < 0 || d > 9007199254740992.0)
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
			   "expected a number (JSON number or string "
			   "\"0x..\", \"0..\" octal, decimal)");
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
	if (strlen(it->valuestring) >= size)
		return json_seterr(e, -JSON_ELIMIT, ctx, key,
				   "string longer than %zu bytes", size - 1);
	strcpy(buf, it->valuestring);
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

int json_parse_text(const char *text, cJSON **root, struct json_err *e)
{
	const char *end = NULL;
	int line = 1, col = 1;
	const char *p;

	*root = cJSON_ParseWithOpts(text, &end, 1);
	if (*root)
		return 0;
	if (!end)
		end = cJSON_GetErrorPtr();
	if (!end)
		return json_seterr(e, -JSON_ENOMEM, "", NULL, "out of memory");
	for (p = text; p < end && *p; p++) {
		if (*p == '\n') {
			line++;
			col = 1;
		} else {
			col++;
		}
	}
	return json_seterr(e, -JSON_ESYNTAX, "", NULL,
			   "not valid JSON at line %d, column %d", line, col);
}

int json_read_file(const char *path, char **text, struct json_err *e)
{
	FILE *f = fopen(path, "rb");
	struct sbuf s;
	char chunk[4096];
	size_t n;

	if (!f)
		return json_seterr(e, -JSON_EIO, "", NULL, "cannot open: %s",
				   strerror(errno));
	sbuf_init(&s);
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		sbuf_printf(&s, "%.*s", (int)n, chunk);
	if (ferror(f)) {
		fclose(f);
		free(sbuf_take(&s));
		return json_seterr(e, -JSON_EIO, "", NULL, "read error");
	}
	fclose(f);
	if (s.len && memchr(s.buf, 0, s.len)) {
		free(sbuf_take(&s));
		return json_seterr(e, -JSON_ESYNTAX, "", NULL,
				   "file contains a NUL byte");
	}
	*text = sbuf_take(&s);
	if (!*text)
		return json_seterr(e, -JSON_ENOMEM, "", NULL, "out of memory");
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
