/* SPDX-License-Identifier: GPL-2.0 */
/* Copyright (c) 2026 hvisor-c contributors */
/*
 * Debug console of a non-root zone (HVISOR_MEM_TYPE_DEBUG_CONSOLE): a
 * TX-only emulated pl011, enough for Linux `earlycon=pl011,mmio32,ADDR`.
 */
#ifndef HV_DBGCON_H
#define HV_DBGCON_H

#include <hv/types.h>
#include <hvisor/zone_config.h>

struct zone;

#define DBGCON_SIZE HVISOR_DEBUG_CONSOLE_SIZE

/**
 * dbgcon_register() - trap [@ipa, +DBGCON_SIZE) of @z as its debug console;
 * each line the zone writes goes to the hypervisor console as
 * "[NAME] line".
 * Return: 0, -HVISOR_EINVAL (misaligned or overlapping a region of @z) or
 * -HVISOR_ENOMEM (no free trap region).
 */
int dbgcon_register(struct zone *z, u64 ipa);

#endif /* HV_DBGCON_H */
