/* SPDX-License-Identifier: GPL-2.0 */
/* Copyright (c) 2026 hvisor-c contributors */
/*
 * Generic radix page-table builder: 4 KiB granule, 512 entries per table,
 * up to 4 levels.  The descriptor format comes from the arch through
 * struct paging_fmt, so the same walker builds the EL2 table and the
 * stage-2 tables (and Sv39/48 on riscv64 later).
 */
#ifndef HV_PAGING_H
#define HV_PAGING_H

#include <hv/types.h>

/* mapping flags understood by every format */
#define PG_READ BIT(0)
#define PG_WRITE BIT(1)
#define PG_EXEC BIT(2)
#define PG_DEVICE BIT(3) /* device memory; else normal cacheable */

struct paging_fmt {
	u32 start_level; /* 0 = 512 GiB per entry ... 3 = 4 KiB */
	u32 max_block_level; /* lowest level number allowing blocks: 1 */
	u64 (*table)(u64 pa);
	u64 (*leaf)(u64 pa, u32 level, u64 flags);
	bool (*is_valid)(u64 desc);
	bool (*is_table)(u64 desc, u32 level);
	u64 (*desc_pa)(u64 desc);
};

struct paging {
	const struct paging_fmt *fmt;
	u64 root; /* address of the root table */
};

/** paging_init() - allocate an empty root table; Return: 0 or -HVISOR_ENOMEM */
int paging_init(struct paging *pg, const struct paging_fmt *fmt);

/**
 * paging_map() - map [va, va+size) to pa with the largest blocks alignment
 * allows
 * @pg: table
 * @va: input address, page aligned
 * @pa: output address, page aligned
 * @size: bytes, page multiple
 * @flags: PG_* flags
 *
 * Return: 0, -HVISOR_EINVAL on misaligned input or on an existing mapping,
 * -HVISOR_ENOMEM if a table could not be allocated.
 */
int paging_map(struct paging *pg, u64 va, u64 pa, u64 size, u64 flags);

/**
 * paging_translate() - walk the table
 * @pg: table
 * @va: input address
 * @pa: output address on success
 *
 * Return: 0, or -HVISOR_ENOENT if @va is not mapped.
 */
int paging_translate(const struct paging *pg, u64 va, u64 *pa);

/** paging_destroy() - free every table page of @pg */
void paging_destroy(struct paging *pg);

#endif /* HV_PAGING_H */
