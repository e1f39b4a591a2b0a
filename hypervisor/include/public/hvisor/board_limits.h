/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/* Copyright (c) 2026 hvisor-c contributors */
/*
 * Limits of the board table (hv/board.h) that board.yaml's reader
 * (lib/board.c, used by dtscan, zonegen and the render step) enforces.
 * Self-contained (virtio_bridge.h gives the per-CPU answer slots).
 */
#ifndef HVISOR_PUBLIC_BOARD_LIMITS_H
#define HVISOR_PUBLIC_BOARD_LIMITS_H

#include <hvisor/virtio_bridge.h>

/* gic.its[]: ITS frames the board table holds */
#define HVISOR_BOARD_MAX_ITS 4
/*
 * board.cpus[]: logical CPUs.  CPU sets are 64-bit masks, but the virtio
 * bridge page (upstream's layout) answers at most HVISOR_VIRTIO_MAX_CPUS
 * (32) CPUs, one cfg_flags slot each: a board with more does not build.
 */
#define HVISOR_BOARD_MAX_CPUS HVISOR_VIRTIO_MAX_CPUS
/* GIC INTIDs: SGIs 0-15, PPIs 16-31 */
#define HVISOR_BOARD_FIRST_PPI 16
#define HVISOR_BOARD_FIRST_SPI 32
/* the page size of every stage-2 and EL2 mapping */
#define HVISOR_BOARD_PAGE_SIZE 0x1000

#endif /* HVISOR_PUBLIC_BOARD_LIMITS_H */
