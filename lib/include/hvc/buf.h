/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/* Copyright (c) 2026 hvisor-c contributors */
/* A growing text buffer: never cuts, remembers an allocation failure. */
#ifndef HVC_BUF_H
#define HVC_BUF_H

#include <stddef.h>

struct hvc_buf {
	char *s; /* NUL-terminated once anything was added */
	size_t len, cap;
	int oom; /* an allocation failed: the text is incomplete */
};

/* hvc_buf_init() - an empty buffer (all zero is one too). */
void hvc_buf_init(struct hvc_buf *b);

/**
 * hvc_buf_printf() - append formatted text, growing the buffer.
 * Return: 0, or -1 (and @b->oom set) when memory ran out.
 */
int hvc_buf_printf(struct hvc_buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* hvc_buf_add() - append @n bytes of @s.  Return: 0 or -1 (oom). */
int hvc_buf_add(struct hvc_buf *b, const char *s, size_t n);

/**
 * hvc_buf_json_str() - append @s as a JSON string literal (quotes, escapes;
 * NULL is written as null).  Return: 0 or -1 (oom).
 */
int hvc_buf_json_str(struct hvc_buf *b, const char *s);

/**
 * hvc_buf_take() - the text (caller frees), or NULL if any append failed
 * (then the buffer is freed).  The buffer is empty afterwards.
 */
char *hvc_buf_take(struct hvc_buf *b);

void hvc_buf_free(struct hvc_buf *b);

#endif /* HVC_BUF_H */
