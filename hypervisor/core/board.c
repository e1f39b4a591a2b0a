// SPDX-License-Identifier: GPL-2.0
/* Copyright (c) 2026 hvisor-c contributors */
/* Look-ups in the generated board table. */
#include <hv/board.h>
#include <hv/region.h>

const char *board_node_at(u64 addr)
{
	const char *best = NULL;
	u64 best_size = ~0ULL;
	u32 i;

	/* the smallest region wins: a device inside a wider bus window */
	for (i = 0; i < board.num_nodes; i++) {
		const struct board_region *r = &board.nodes[i];

		if (region_contains(r->base, r->size, addr, 1) &&
		    r->size < best_size) {
			best = r->node;
			best_size = r->size;
		}
	}
	return best;
}

int board_cpu_by_mpidr(u64 mpidr)
{
	u32 i;

	for (i = 0; i < board.num_cpus; i++)
		if ((board.cpus[i].mpidr & 0xff00ffffffULL) ==
		    (mpidr & 0xff00ffffffULL))
			return (int)i;
	return -1;
}

int board_cpu_by_hartid(u64 hartid)
{
	u32 i;

	for (i = 0; i < board.num_cpus; i++)
		if (board.cpus[i].hartid == hartid)
			return (int)i;
	return -1;
}
