// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/* Copyright (c) 2026 hvisor-c contributors */
#include <stddef.h>
#include <string.h>

#include <hvc/parse.h>

/* Digits of @s (hex after "0x", else decimal) up to a non-digit. */
static int digits(const char *s, const char **end, uint64_t *v)
{
	unsigned int base = 10, d;
	uint64_t x = 0;
	const char *p = s;

	if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X')) {
		base = 16;
		p += 2;
	}
	if (!*p)
		return -1;
	for (; *p; p++) {
		if (*p >= '0' && *p <= '9')
			d = (unsigned int)(*p - '0');
		else if (base == 16 && *p >= 'a' && *p <= 'f')
			d = (unsigned int)(*p - 'a' + 10);
		else if (base == 16 && *p >= 'A' && *p <= 'F')
			d = (unsigned int)(*p - 'A' + 10);
		else
			break;
		if (x > (UINT64_MAX - d) / base)
			return -1;
		x = x * base + d;
	}
	if (p == s || (base == 16 && p == s + 2))
		return -1;
	*end = p;
	*v = x;
	return 0;
}

int hvc_parse_u64(const char *s, uint64_t *v)
{
	const char *end;

	if (!s || digits(s, &end, v) || *end)
		return -1;
	return 0;
}

static int size_at(const char *s, const char **end, uint64_t *v)
{
	unsigned int shift = 0;

	if (digits(s, end, v))
		return -1;
	switch (**end) {
	case 'k':
	case 'K':
		shift = 10;
		break;
	case 'm':
	case 'M':
		shift = 20;
		break;
	case 'g':
	case 'G':
		shift = 30;
		break;
	default:
		return 0;
	}
	if (*v > UINT64_MAX >> shift)
		return -1;
	*v <<= shift;
	(*end)++;
	return 0;
}

int hvc_parse_size(const char *s, uint64_t *v)
{
	const char *end;

	if (!s || size_at(s, &end, v) || *end)
		return -1;
	return 0;
}

int hvc_parse_range(const char *s, uint64_t *base, uint64_t *size)
{
	const char *end;

	if (!s || size_at(s, &end, base) || *end != '+' ||
	    size_at(end + 1, &end, size) || *end || !*size ||
	    *base + (*size - 1) < *base)
		return -1;
	return 0;
}
