/* SPDX-License-Identifier: GPL-2.0 */
/* Copyright (c) 2026 hvisor-c contributors */
/* Minimal TAP harness for host unit tests of hypervisor core code. */
#ifndef HV_TESTS_HARNESS_H
#define HV_TESTS_HARNESS_H

#include <stdio.h>

extern int test_failed;

/* CHECK() records a failure with its line; the test prints one TAP line. */
#define CHECK(cond)                                                            \
	do {                                                                   \
		if (!(cond)) {                                                 \
			printf("# %s:%d: check failed: %s\n", __FILE__,        \
			       __LINE__, #cond);                               \
			test_failed = 1;                                       \
		}                                                              \
	} while (0)

#define RUN(fn, name)                                                          \
	do {                                                                   \
		test_failed = 0;                                               \
		fn();                                                          \
		printf("%s - %s\n", test_failed ? "not ok" : "ok", name);      \
	} while (0)

void test_paging(void);
void test_paging_errors(void);
void test_alloc(void);
void test_bitmap(void);
void test_region(void);
void test_zone_regions(void);
void test_board_lookup(void);
void test_printk(void);
void test_virtio_regions(void);
void test_virtio_bridge(void);

/* page pool shared by the tests (aligned, from the host heap) */
void test_pool_reset(unsigned long pages);

#endif
