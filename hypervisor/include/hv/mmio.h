/* SPDX-License-Identifier: GPL-2.0 */
/* Copyright (c) 2026 hvisor-c contributors */
/* Trapped MMIO: emulated regions of a zone and the access descriptor. */
#ifndef HV_MMIO_H
#define HV_MMIO_H

#include <hv/types.h>

struct zone;

struct mmio_access {
	u64 addr; /* guest physical address */
	u64 offset; /* addr - region base, filled in by the dispatcher */
	u32 size; /* 1, 2, 4 or 8 */
	bool is_write;
	u64 value; /* write: data; read: result */
};

typedef int (*mmio_handler_t)(struct zone *z, struct mmio_access *acc,
			      void *arg);

struct mmio_region {
	u64 base;
	u64 size;
	mmio_handler_t handler;
	void *arg;
};

#define ZONE_MAX_MMIO 16

/** mmio_register() - add an emulated region; Return: 0 or -HVISOR_ENOMEM */
int mmio_register(struct zone *z, u64 base, u64 size, mmio_handler_t h,
		  void *arg);

/**
 * mmio_dispatch() - run the handler of the region holding @acc
 * Return: 0 if handled, -HVISOR_ENOENT if no region covers the access,
 * or the handler's error.
 */
int mmio_dispatch(struct zone *z, struct mmio_access *acc);

/** mmio_read()/mmio_write() - real device access (identity mapped) */
u64 mmio_read(u64 addr, u32 size);
void mmio_write(u64 addr, u32 size, u64 value);

#endif /* HV_MMIO_H */
