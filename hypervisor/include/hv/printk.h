/* SPDX-License-Identifier: GPL-2.0 */
/* Copyright (c) 2026 hvisor-c contributors */
/* Console output: printk on the board UART, a tiny vsnprintf. */
#ifndef HV_PRINTK_H
#define HV_PRINTK_H

#include <stdarg.h>
#include <hv/types.h>

/**
 * vsnprintf() - format into a buffer
 * Supports %s %c %d %i %u %x %p %% with l/ll/z, width, '0' flag and a
 * precision for %s (%.31s: at most 31 characters read).
 * Return: the length the full output would have had.
 */
int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
int snprintf(char *buf, size_t size, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/** printk() - print to the console, serialised between CPUs */
void printk(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/** console_init() - set up the board console UART (before any printk) */
void console_init(void);

/** panic() - print a message and stop this CPU for good */
void panic(const char *fmt, ...)
	__attribute__((format(printf, 1, 2), noreturn));

#endif /* HV_PRINTK_H */
