/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/* Copyright (c) 2026 hvisor-c contributors */
/* Address ranges: overlap, containment, carving; lists grow as needed. */
#ifndef HVC_RANGE_H
#define HVC_RANGE_H

#include <stdint.h>

/* One range; @type and @node point at strings someone else owns. */
struct hvc_range {
	uint64_t base, size;
	const char
		*type; /* e.g. ram|loader|io|virtio, normal|device; or NULL */
	const char *node; /* the DT node(s) it came from, or NULL */
};

/* A list of ranges that grows (free with hvc_ranges_free()). */
struct hvc_ranges {
	unsigned int n, cap;
	struct hvc_range *r;
};

/* hvc_overlap() - 1 if [a, a+as) and [b, b+bs) share a byte. */
int hvc_overlap(uint64_t a, uint64_t as, uint64_t b, uint64_t bs);

/* hvc_inside() - 1 if [a, a+as) lies within [b, b+bs). */
int hvc_inside(uint64_t a, uint64_t as, uint64_t b, uint64_t bs);

/* hvc_wraps() - 1 if base + size overflows 64 bits. */
int hvc_wraps(uint64_t base, uint64_t size);

/**
 * hvc_ranges_add() - append a copy of @r.
 * Return: 0 or -1 when memory ran out (the list is unchanged).
 */
int hvc_ranges_add(struct hvc_ranges *l, const struct hvc_range *r);

/**
 * hvc_ranges_insert() - insert a copy of @r at index @at (0..n).
 * Return: 0 or -1 (out of memory).
 */
int hvc_ranges_insert(struct hvc_ranges *l, unsigned int at,
		      const struct hvc_range *r);

/**
 * hvc_ranges_carve() - subtract [base, base+size) from every range of
 * @l; a range split in two keeps its type and node in both pieces, and the
 * pieces stay in the list's order.  Return: 0 or -1 (out of memory).
 */
int hvc_ranges_carve(struct hvc_ranges *l, uint64_t base, uint64_t size);

void hvc_ranges_free(struct hvc_ranges *l);

#endif /* HVC_RANGE_H */
