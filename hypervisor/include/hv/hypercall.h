/* SPDX-License-Identifier: GPL-2.0 */
/* Copyright (c) 2026 hvisor-c contributors */
/* Hypercall dispatch (codes in <hvisor/hypercall.h>). */
#ifndef HV_HYPERCALL_H
#define HV_HYPERCALL_H

#include <hv/types.h>

struct zone;

/**
 * hypercall_handle() - run hypercall @code for the calling zone
 * Return: the value for the guest's x0: >= 0 or a negative errno.
 */
s64 hypercall_handle(struct zone *z, u64 code, u64 arg0, u64 arg1);

#endif /* HV_HYPERCALL_H */
