/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/* Copyright (c) 2026 hvisor-c contributors */
/*
 * Error context shared by the host tools' libraries (lib/, zonegen): which
 * file, which key or node, what went wrong, and a hint.  Library code never
 * prints: it fills one of these and returns a negative code; the CLI prints
 * "TOOL: FILE: KEY: MSG (hint: HINT)".
 */
#ifndef HVC_ERR_H
#define HVC_ERR_H

struct hvc_err {
	char file[1024];
	char key[1024];
	char msg[1024];
	char hint[512];
};

/**
 * hvc_seterr() - fill @e (if not NULL) and return @code.
 * @e: error context, may be NULL; @code: the (negative) code to return
 * @file, @key, @hint: may be NULL; @fmt: printf format of the message
 */
int hvc_seterr(struct hvc_err *e, int code, const char *file, const char *key,
	       const char *hint, const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));

#endif /* HVC_ERR_H */
