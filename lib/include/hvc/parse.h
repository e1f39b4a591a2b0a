/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/* Copyright (c) 2026 hvisor-c contributors */
/*
 * Numbers as people type them on command lines: "0x..." hexadecimal or
 * decimal, optionally with a K/M/G suffix (x 2^10/2^20/2^30) for sizes and
 * addresses; BASE+SIZE ranges.  Nothing is accepted that does not fit.
 */
#ifndef HVC_PARSE_H
#define HVC_PARSE_H

#include <stdint.h>

/**
 * hvc_parse_u64() - a whole string as "0x" hex or decimal, no sign, no
 * spaces, no suffix; values above 2^64-1 are refused.
 * Return: 0 or -1.
 */
int hvc_parse_u64(const char *s, uint64_t *v);

/**
 * hvc_parse_size() - as hvc_parse_u64() with an optional K, M or G
 * (either case) suffix; the product must fit 64 bits.
 * Return: 0 or -1.
 */
int hvc_parse_size(const char *s, uint64_t *v);

/**
 * hvc_parse_range() - "BASE+SIZE" (each as hvc_parse_size()), size not
 * zero, base + size not beyond 2^64.  Return: 0 or -1.
 */
int hvc_parse_range(const char *s, uint64_t *base, uint64_t *size);

#endif /* HVC_PARSE_H */
