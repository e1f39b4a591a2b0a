/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/* Copyright (c) 2026 hvisor-c contributors */
/*
 * /dev/hvisor ioctls shared by hvisor.ko and the `hvisor` CLI.  Numbers are
 * upstream hvisor-tool's (type 1); the argument types are ours, from
 * <hvisor/zone_config.h>.
 */
#ifndef HVISOR_IOCTL_H
#define HVISOR_IOCTL_H

#ifdef __KERNEL__
#include <linux/ioctl.h>
#include <linux/types.h>
#else
#include <sys/ioctl.h>
#include <stdint.h>
#endif
#include <hvisor/zone_config.h>

#define HVISOR_DEVICE "/dev/hvisor"

/* HVISOR_ZONE_LIST argument: room for @cnt rows at user pointer @zones. */
struct hvisor_zone_list_args {
	hvisor_u64 cnt;
	hvisor_u64 zones; /* struct hvisor_zone_info * */
};

/* HVISOR_LOAD_IMAGE argument: copy @size bytes to physical @load_paddr. */
struct hvisor_load_image_args {
	hvisor_u64 user_buffer;
	hvisor_u64 size;
	hvisor_u64 load_paddr;
};

/* argument: struct hvisor_zone_config * (upstream sizes the pointer) */
#define HVISOR_ZONE_START _IOW(1, 3, void *)
/* argument: the zone id, by value */
#define HVISOR_ZONE_SHUTDOWN _IOW(1, 4, hvisor_u64)
/* argument: struct hvisor_zone_list_args *; returns the number of rows */
#define HVISOR_ZONE_LIST _IOR(1, 5, void *)
/* argument: hvisor_u64 * that receives the hypervisor's config magic */
#define HVISOR_CONFIG_CHECK _IOR(1, 6, hvisor_u64 *)
#define HVISOR_LOAD_IMAGE _IOW(1, 8, struct hvisor_load_image_args)

#endif /* HVISOR_IOCTL_H */
