// SPDX-License-Identifier: GPL-2.0
/* Copyright (c) 2026 hvisor-c contributors */
/* Hypercalls of <hvisor/hypercall.h>; addresses are root-zone IPAs. */
#include <hv/hypercall.h>
#include <hv/printk.h>
#include <hv/spinlock.h>
#include <hv/string.h>
#include <hv/virtio.h>
#include <hv/zone.h>
#include <hvisor/hypercall.h>

/* A pointer into the caller's RAM, or NULL if it does not own [ipa, +n). */
static void *guest_ptr(struct zone *z, u64 ipa, u64 n)
{
	u64 pa;

	if (!n || zone_ipa_to_pa(z, ipa, n, &pa))
		return NULL;
	return (void *)(uintptr_t)pa;
}

static s64 hc_zone_list(struct zone *z, u64 ipa, u64 count)
{
	struct hvisor_zone_info *out;
	u64 n = 0;
	u32 i;

	if (count > HV_MAX_ZONES)
		count = HV_MAX_ZONES;
	out = guest_ptr(z, ipa, count * sizeof(*out));
	if (!out)
		return -HVISOR_EFAULT;
	for (i = 0; i < HV_MAX_ZONES && n < count; i++) {
		struct zone *zi = &zones[i];

		if (zi->state == ZONE_FREE)
			continue;
		memset(&out[n], 0, sizeof(out[n]));
		out[n].zone_id = zi->id;
		out[n].cpus = zi->cpus;
		memcpy(out[n].name, zi->name, sizeof(out[n].name));
		out[n].is_err = zi->state == ZONE_STOPPED;
		out[n].stop_reason = out[n].is_err ? zi->stop_reason : 0;
		n++;
	}
	return (s64)n;
}

/* the root zone may change its copy while we read it: work on our own */
static struct hvisor_zone_config cfg_copy;
static spinlock_t cfg_lock;
/* why the root zone's last hypercall was refused (HVISOR_HC_LAST_ERROR) */
static char last_error[HVISOR_LAST_ERROR_MAX];

static s64 hc_zone_start(struct zone *z, u64 ipa, u64 size)
{
	const struct hvisor_zone_config *cfg;
	struct zone *nz;
	int err = 0;

	spin_lock(&cfg_lock);
	last_error[0] = '\0';
	if (size != sizeof(*cfg)) {
		snprintf(last_error, sizeof(last_error),
			 "zone config of %llu bytes, the hypervisor's ABI has "
			 "%u (hint: rebuild hvisor-tool from this tree)",
			 (unsigned long long)size, (unsigned)sizeof(*cfg));
		err = -HVISOR_EINVAL;
		goto out;
	}
	cfg = guest_ptr(z, ipa, size);
	if (!cfg) {
		err = -HVISOR_EFAULT;
		goto out;
	}
	memcpy(&cfg_copy, cfg, sizeof(cfg_copy));
	nz = zone_create(&cfg_copy, &err, last_error, sizeof(last_error));
	if (!nz) {
		printk("hvisor: zone %u (%.31s) refused: %s\n",
		       cfg_copy.zone_id, cfg_copy.name, last_error);
		goto out;
	}
	printk("hvisor: zone %u (%s) created, cpus 0x%llx\n", nz->id, nz->name,
	       (unsigned long long)nz->cpus);
	err = zone_start(nz);
out:
	spin_unlock(&cfg_lock);
	return err;
}

static s64 hc_last_error(struct zone *z, u64 ipa, u64 size)
{
	char *out = guest_ptr(z, ipa, size);
	u64 n;

	if (!out)
		return -HVISOR_EFAULT;
	spin_lock(&cfg_lock);
	n = strlen(last_error);
	if (n >= size)
		n = size - 1;
	memcpy(out, last_error, n);
	out[n] = '\0';
	spin_unlock(&cfg_lock);
	return (s64)n;
}

s64 hypercall_handle(struct zone *z, u64 code, u64 arg0, u64 arg1)
{
	u64 *magic;
	u32 *irq;

	switch (code) {
	case HVISOR_HC_CONFIG_CHECK:
		magic = guest_ptr(z, arg0, sizeof(*magic));
		if (!magic)
			return -HVISOR_EFAULT;
		*magic = HVISOR_CONFIG_MAGIC_VERSION;
		return 0;
	case HVISOR_HC_ZONE_LIST:
		return hc_zone_list(z, arg0, arg1);
	case HVISOR_HC_LAST_ERROR:
		if (z->id != 0)
			return -HVISOR_EPERM;
		return hc_last_error(z, arg0, arg1);
	case HVISOR_HC_GET_VIRTIO_IRQ:
		/* x86 form: the INTID is also written to arg0 if given */
		if (arg0) {
			irq = guest_ptr(z, arg0, sizeof(*irq));
			if (!irq)
				return -HVISOR_EFAULT;
			*irq = virtio_wakeup_irq();
		}
		return virtio_wakeup_irq();
	case HVISOR_HC_CLEAR_INJECT_IRQ:
		return 0; /* LoongArch's line re-arm: nothing to do on a GIC */
	default:
		break;
	}
	/* the rest manage zones and the daemon: the root zone's business */
	if (z->id != 0)
		return -HVISOR_EPERM;
	switch (code) {
	case HVISOR_HC_INIT_VIRTIO:
		return virtio_bridge_init(z, arg0);
	case HVISOR_HC_FINISH_REQ:
		return virtio_finish_req();
	case HVISOR_HC_ZONE_START:
		return hc_zone_start(z, arg0, arg1);
	case HVISOR_HC_ZONE_SHUTDOWN: {
		struct zone *t;

		t = arg0 ? zone_by_id((u32)arg0) : NULL;
		if (!t)
			return -HVISOR_EINVAL;
		return zone_destroy(t);
	}
	default:
		return -HVISOR_ENOSYS;
	}
}
