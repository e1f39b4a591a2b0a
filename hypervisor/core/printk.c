// SPDX-License-Identifier: GPL-2.0
/* Copyright (c) 2026 hvisor-c contributors */
/* vsnprintf and the console. */
#include <hv/board.h>
#include <hv/printk.h>
#include <hv/spinlock.h>
#include <hv/string.h>
#include <hv/uart.h>

static const struct uart_ops *console_ops;
static spinlock_t console_lock;

static void put(char *buf, size_t size, size_t *pos, char c)
{
	if (*pos + 1 < size)
		buf[*pos] = c;
	(*pos)++;
}

static void put_num(char *buf, size_t size, size_t *pos, u64 v, u32 base,
		    int width, char pad, bool neg)
{
	char tmp[24];
	int n = 0;

	do {
		u32 d = (u32)(v % base);

		tmp[n++] = (char)(d < 10 ? '0' + d : 'a' + d - 10);
		v /= base;
	} while (v);
	if (neg)
		width--;
	if (neg && pad == '0')
		put(buf, size, pos, '-');
	for (; width > n; width--)
		put(buf, size, pos, pad);
	if (neg && pad != '0')
		put(buf, size, pos, '-');
	while (n)
		put(buf, size, pos, tmp[--n]);
}

int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	size_t pos = 0;

	for (; *fmt; fmt++) {
		int width = 0, lng = 0, prec = -1;
		char pad = ' ';

		if (*fmt != '%') {
			put(buf, size, &pos, *fmt);
			continue;
		}
		fmt++;
		if (*fmt == '0') {
			pad = '0';
			fmt++;
		}
		while (*fmt >= '0' && *fmt <= '9')
			width = width * 10 + (*fmt++ - '0');
		if (*fmt == '.') {
			prec = 0;
			fmt++;
			while (*fmt >= '0' && *fmt <= '9')
				prec = prec * 10 + (*fmt++ - '0');
		}
		while (*fmt == 'l' || *fmt == 'z') {
			lng++;
			fmt++;
		}
		switch (*fmt) {
		case 'c':
			put(buf, size, &pos, (char)va_arg(ap, int));
			break;
		case 's': {
			const char *s = va_arg(ap, const char *);
			int len;

			if (!s)
				s = "(null)";
			/* a precision bounds what is read: names that may
			 * lack their NUL (a zone config's name[32]) */
			len = (int)strnlen(s, prec >= 0 ? (size_t)prec : 4096);
			for (; width > len; width--)
				put(buf, size, &pos, ' ');
			while (len-- > 0)
				put(buf, size, &pos, *s++);
			break;
		}
		case 'd':
		case 'i': {
			s64 v = lng ? va_arg(ap, s64) : va_arg(ap, int);

			put_num(buf, size, &pos, v < 0 ? (u64)-v : (u64)v, 10,
				width, pad, v < 0);
			break;
		}
		case 'u':
		case 'x': {
			u64 v = lng ? va_arg(ap, u64)
				    : va_arg(ap, unsigned int);

			put_num(buf, size, &pos, v, *fmt == 'x' ? 16 : 10,
				width, pad, false);
			break;
		}
		case 'p':
			put(buf, size, &pos, '0');
			put(buf, size, &pos, 'x');
			put_num(buf, size, &pos,
				(u64)(uintptr_t)va_arg(ap, void *), 16, width,
				pad, false);
			break;
		case '%':
			put(buf, size, &pos, '%');
			break;
		default:
			put(buf, size, &pos, '%');
			if (!*fmt)
				fmt--;
			else
				put(buf, size, &pos, *fmt);
		}
	}
	if (size)
		buf[pos < size ? pos : size - 1] = '\0';
	return (int)pos;
}

int snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}

void console_init(void)
{
	console_ops = uart_ops_of(board.console.driver);
	if (console_ops)
		console_ops->init(&board.console);
}

static void console_write(const char *s)
{
	if (!console_ops)
		return;
	for (; *s; s++) {
		if (*s == '\n')
			console_ops->putc(&board.console, '\r');
		console_ops->putc(&board.console, *s);
	}
}

void printk(const char *fmt, ...)
{
	char buf[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	spin_lock(&console_lock);
	console_write(buf);
	spin_unlock(&console_lock);
}
