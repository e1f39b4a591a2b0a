/* SPDX-License-Identifier: GPL-2.0 */
/* Copyright (c) 2026 hvisor-c contributors */
/* hvisor.ko internals shared by main.c (zones) and virtio.c (daemon). */
#ifndef HVISOR_DRV_H
#define HVISOR_DRV_H

#include <linux/fs.h>
#include <linux/mm_types.h>
#include <linux/types.h>

/* hvisor_call() - one hypercall; Return: the hypervisor's x0 (-errno) */
long hvisor_call(u64 code, u64 arg0, u64 arg1);

/* hvisor_ram_is_free() - true if [pa, +len) has no byte of this kernel's
 * System RAM (zone RAM, or a device): what we may write or map */
bool hvisor_ram_is_free(phys_addr_t pa, size_t len);

int hvisor_virtio_init(void);
void hvisor_virtio_exit(void);
long hvisor_virtio_ioctl(struct file *file, unsigned int cmd,
			 unsigned long arg);
int hvisor_virtio_mmap(struct file *file, struct vm_area_struct *vma);
void hvisor_virtio_release(struct file *file);

#endif /* HVISOR_DRV_H */
