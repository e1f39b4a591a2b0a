// SPDX-License-Identifier: GPL-2.0
/* Copyright (c) 2026 hvisor-c contributors */
/*
 * Where the hypervisor writes GICC_DIR on a board: linked with the board
 * table the build rendered (build/aarch64/<board>/board.c).
 *   gicc_dir EXPECTED_ADDRESS   exit 0 if equal, else prints both
 */
#include <stdio.h>
#include <stdlib.h>
#include <asm/gicv2.h>

int main(int argc, char **argv)
{
	unsigned long long want, got;

	if (argc != 2)
		return 2;
	want = strtoull(argv[1], NULL, 0);
	got = gicv2_cpu_if(&board.gic) + GICC_DIR;
	if (got != want) {
		printf("# %s: GICC_DIR at 0x%llx, expected 0x%llx\n",
		       board.name, got, want);
		return 1;
	}
	return 0;
}
