// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/* Copyright (c) 2026 hvisor-c contributors */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <hvc/buf.h>

void hvc_buf_init(struct hvc_buf *b)
{
	memset(b, 0, sizeof(*b));
}

static int reserve(struct hvc_buf *b, size_t more)
{
	size_t cap;
	char *n;

	if (b->oom)
		return -1;
	if (b->len + more + 1 <= b->cap)
		return 0;
	cap = b->cap ? b->cap : 256;
	while (cap < b->len + more + 1) {
		if (cap > (size_t)-1 / 2)
			goto fail;
		cap *= 2;
	}
	n = realloc(b->s, cap);
	if (!n)
		goto fail;
	b->s = n;
	b->cap = cap;
	return 0;
fail:
	b->oom = 1;
	return -1;
}

int hvc_buf_add(struct hvc_buf *b, const char *s, size_t n)
{
	if (reserve(b, n))
		return -1;
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = 0;
	return 0;
}

int hvc_buf_printf(struct hvc_buf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0) {
		b->oom = 1;
		return -1;
	}
	if (reserve(b, (size_t)n))
		return -1;
	va_start(ap, fmt);
	vsnprintf(b->s + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
	return 0;
}

int hvc_buf_json_str(struct hvc_buf *b, const char *s)
{
	const unsigned char *p;

	if (!s)
		return hvc_buf_add(b, "null", 4);
	if (hvc_buf_add(b, "\"", 1))
		return -1;
	for (p = (const unsigned char *)s; *p; p++) {
		if (*p == '"' || *p == '\\')
			hvc_buf_printf(b, "\\%c", *p);
		else if (*p < 0x20)
			hvc_buf_printf(b, "\\u%04x", *p);
		else
			hvc_buf_add(b, (const char *)p, 1);
	}
	return hvc_buf_add(b, "\"", 1);
}

char *hvc_buf_take(struct hvc_buf *b)
{
	char *s = b->s;

	if (b->oom) {
		free(s);
		s = NULL;
	} else if (!s) {
		s = calloc(1, 1);
	}
	hvc_buf_init(b);
	return s;
}

void hvc_buf_free(struct hvc_buf *b)
{
	free(b->s);
	hvc_buf_init(b);
}
