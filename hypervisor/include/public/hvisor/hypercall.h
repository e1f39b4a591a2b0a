/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/* Copyright (c) 2026 hvisor-c contributors */
/*
 * Hypercall interface (upstream hvisor numbers).  aarch64: `hvc #0x4856`,
 * code in x0, arguments in x1 and x2, result in x0: >= 0 on success, a
 * negative errno on failure.
 */
#ifndef HVISOR_PUBLIC_HYPERCALL_H
#define HVISOR_PUBLIC_HYPERCALL_H

#define HVISOR_HVC_IMM 0x4856

#define HVISOR_HC_INIT_VIRTIO 0
#define HVISOR_HC_FINISH_REQ 1
#define HVISOR_HC_ZONE_START 2
#define HVISOR_HC_ZONE_SHUTDOWN 3
#define HVISOR_HC_ZONE_LIST 4
#define HVISOR_HC_IVC_INFO 5
#define HVISOR_HC_CONFIG_CHECK 6
#define HVISOR_HC_CLEAR_INJECT_IRQ 20
#define HVISOR_HC_GET_VIRTIO_IRQ 86
/*
 * hvisor-c extension: copy the one-line reason of the calling zone's last
 * refused hypercall (e.g. which field of a zone config broke which rule)
 * as a NUL-terminated string to the buffer at IPA arg0 of arg1 bytes.
 * Return: the string length, 0 if there is none.
 */
#define HVISOR_HC_LAST_ERROR 0x100
#define HVISOR_LAST_ERROR_MAX 160

/*
 * Default virtio wake-up IRQ of the root zone, upstream's GIC SPI 0x20,
 * INTID 64.  A board where a device uses it gets another free SPI from
 * dtscan (board.yaml hypervisor.virtio_irq); HVISOR_HC_GET_VIRTIO_IRQ
 * answers the board's.
 */
#define HVISOR_VIRTIO_IRQ_SPI 0x20
#define HVISOR_VIRTIO_IRQ_INTID (32 + HVISOR_VIRTIO_IRQ_SPI)

/* errno values returned (negated) by hypercalls */
#define HVISOR_EPERM 1
#define HVISOR_ENOENT 2
#define HVISOR_EIO 5
#define HVISOR_E2BIG 7
#define HVISOR_ENOMEM 12
#define HVISOR_EFAULT 14
#define HVISOR_EBUSY 16
#define HVISOR_EEXIST 17
#define HVISOR_ENODEV 19
#define HVISOR_EINVAL 22
#define HVISOR_ERANGE 34
#define HVISOR_ENOSYS 38

#endif /* HVISOR_PUBLIC_HYPERCALL_H */
