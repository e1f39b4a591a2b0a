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
#include <hvisor/hypercall.h>
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

/*
 * Virtio daemon (docs/hvisor-tool.md).  INIT_VIRTIO registers this file's
 * bridge page with the hypervisor (mmap offset 0 maps it); closing the file
 * unregisters it.  SET_EVENTFD: the eventfd (by value) signalled on each
 * virtio wake-up IRQ.  FINISH_REQ: inject the IRQs queued in res_list.
 */
#define HVISOR_INIT_VIRTIO _IO(1, 0)
#define HVISOR_FINISH_REQ _IO(1, 2)
#define HVISOR_SET_EVENTFD _IOW(1, 7, int)

/* argument: struct hvisor_zone_config * (upstream sizes the pointer) */
#define HVISOR_ZONE_START _IOW(1, 3, void *)
/* argument: the zone id, by value */
#define HVISOR_ZONE_SHUTDOWN _IOW(1, 4, hvisor_u64)
/* argument: struct hvisor_zone_list_args *; returns the number of rows */
#define HVISOR_ZONE_LIST _IOR(1, 5, void *)
/* argument: hvisor_u64 * that receives the hypervisor's config magic */
#define HVISOR_CONFIG_CHECK _IOR(1, 6, hvisor_u64 *)
#define HVISOR_LOAD_IMAGE _IOW(1, 8, struct hvisor_load_image_args)

/* hvisor-c extension: why the hypervisor refused the last zone start. */
struct hvisor_last_error {
	char msg[HVISOR_LAST_ERROR_MAX];
};
#define HVISOR_LAST_ERROR _IOR(1, 64, struct hvisor_last_error)

#endif /* HVISOR_IOCTL_H */
