// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/* Copyright (c) 2026 hvisor-c contributors */
#include <stdlib.h>
#include <string.h>

#include <hvc/range.h>

int hvc_wraps(uint64_t base, uint64_t size)
{
	return size && base + size - 1 < base;
}

int hvc_overlap(uint64_t a, uint64_t as, uint64_t b, uint64_t bs)
{
	/* inclusive ends: a range that reaches 2^64 does not wrap to 0 */
	if (!as || !bs)
		return 0;
	return a <= b + (bs - 1) && b <= a + (as - 1);
}

int hvc_inside(uint64_t a, uint64_t as, uint64_t b, uint64_t bs)
{
	if (!as)
		return a >= b && a - b <= bs;
	return bs && a >= b && a + (as - 1) <= b + (bs - 1);
}

static int grow(struct hvc_ranges *l)
{
	unsigned int cap;
	struct hvc_range *n;

	if (l->n < l->cap)
		return 0;
	cap = l->cap ? 2 * l->cap : 16;
	if (cap < l->cap)
		return -1;
	n = realloc(l->r, cap * sizeof(*n));
	if (!n)
		return -1;
	l->r = n;
	l->cap = cap;
	return 0;
}

int hvc_ranges_insert(struct hvc_ranges *l, unsigned int at,
		      const struct hvc_range *r)
{
	if (at > l->n || grow(l))
		return -1;
	memmove(&l->r[at + 1], &l->r[at], (l->n - at) * sizeof(*r));
	l->r[at] = *r;
	l->n++;
	return 0;
}

int hvc_ranges_add(struct hvc_ranges *l, const struct hvc_range *r)
{
	return hvc_ranges_insert(l, l->n, r);
}

int hvc_ranges_carve(struct hvc_ranges *l, uint64_t base, uint64_t size)
{
	uint64_t last = base + (size - 1);
	unsigned int i;

	if (!size)
		return 0;
	for (i = 0; i < l->n; i++) {
		struct hvc_range *r = &l->r[i];
		uint64_t rl = r->base + (r->size - 1);

		if (!hvc_overlap(r->base, r->size, base, size))
			continue;
		if (r->base < base && rl > last) { /* split in two */
			struct hvc_range hi = *r;

			hi.base = last + 1;
			hi.size = rl - last;
			if (hvc_ranges_insert(l, i + 1, &hi))
				return -1;
			r = &l->r[i];
			r->size = base - r->base;
			i++;
		} else if (r->base < base) { /* keep the low part */
			r->size = base - r->base;
		} else if (rl > last) { /* keep the high part */
			r->size = rl - last;
			r->base = last + 1;
		} else { /* all of it goes */
			memmove(r, r + 1, (l->n - i - 1) * sizeof(*r));
			l->n--;
			i--;
		}
	}
	return 0;
}

void hvc_ranges_free(struct hvc_ranges *l)
{
	free(l->r);
	memset(l, 0, sizeof(*l));
}
