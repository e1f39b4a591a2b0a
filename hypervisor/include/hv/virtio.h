/* SPDX-License-Identifier: GPL-2.0 */
/* Copyright (c) 2026 hvisor-c contributors */
/*
 * The virtio bridge (<hvisor/virtio_bridge.h>): a non-root zone's access
 * to one of its virtio regions becomes a request to the root zone's
 * daemon; the daemon's answers come back through the same page.
 */
#ifndef HV_VIRTIO_H
#define HV_VIRTIO_H

#include <hv/mmio.h>
#include <hv/types.h>

struct zone;

/**
 * virtio_register_region() - trap [@ipa, +@size) of @z as virtio windows.
 * Return: 0, -HVISOR_EINVAL if the rules of zone_check_region() for virtio
 * regions fail, -HVISOR_ENOMEM if the zone has no free trap slot.
 */
int virtio_register_region(struct zone *z, u64 ipa, u64 size);

/**
 * virtio_bridge_init() - HVISOR_HC_INIT_VIRTIO: use the page at root-zone
 * IPA @ipa (0: unregister).  The page is zeroed; vCPUs waiting on the old
 * page re-send their request to the new one (or read 0 if none).
 * Return: 0, -HVISOR_EINVAL (not page aligned, not root RAM).
 */
int virtio_bridge_init(struct zone *root, u64 ipa);

/**
 * virtio_finish_req() - HVISOR_HC_FINISH_REQ: inject every IRQ the daemon
 * queued in res_list into its zone (only INTIDs the zone owns).
 * Return: the number of IRQs injected, or -HVISOR_ENODEV without a bridge.
 */
s64 virtio_finish_req(void);

/**
 * virtio_zone_reset() - @z is being destroyed: tell the daemon to reset
 * each of its devices (a Status = 0 write per window, queued after every
 * request the zone made), so no stale work reaches its next run.
 */
void virtio_zone_reset(struct zone *z);

/** virtio_wakeup_irq() - Return: the root zone's virtio wake-up INTID */
u32 virtio_wakeup_irq(void);

#endif /* HV_VIRTIO_H */
