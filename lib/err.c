// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/* Copyright (c) 2026 hvisor-c contributors */
#include <stdarg.h>
#include <stdio.h>

#include <hvc/err.h>

int hvc_seterr(struct hvc_err *e, int code, const char *file, const char *key,
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
