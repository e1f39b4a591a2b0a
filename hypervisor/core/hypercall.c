// SPDX-License-Identifier: GPL-2.0
/* Copyright (c) 2026 hvisor-c contributors */
/* Hypercalls of <hvisor/hypercall.h>; addresses are root-zone IPAs. */
#include <hv/hypercall.h>
#include <hv/printk.h>
#include <hv/spinlock.h>
#include <hv/string.h>
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
		n++;
	}
	return (s64)n;
}

/* the root zone may change its copy while we read it: work on our own */
static struct hvisor_zone_config cfg_copy;
static spinlock_t cfg_lock;

static s64 hc_zone_start(struct zone *z, u64 ipa, u64 size)
{
	const struct hvisor_zone_config *cfg;
	struct zone *nz;
	int err = 0;

	if (size != sizeof(*cfg))
		return -HVISOR_EINVAL;
	cfg = guest_ptr(z, ipa, size);
	if (!cfg)
		return -HVISOR_EFAULT;
	spin_lock(&cfg_lock);
	memcpy(&cfg_copy, cfg, sizeof(cfg_copy));
	nz = zone_create(&cfg_copy, &err);
	spin_unlock(&cfg_lock);
	if (!nz)
		return err;
	printk("hvisor: zone %u (%s) created, cpus 0x%llx\n", nz->id, nz->name,
	       (unsigned long long)nz->cpus);
	return zone_start(nz);
}

s64 hypercall_handle(struct zone *z, u64 code, u64 arg0, u64 arg1)
{
	u64 *magic;

	switch (code) {
	case HVISOR_HC_CONFIG_CHECK:
		magic = guest_ptr(z, arg0, sizeof(*magic));
		if (!magic)
			return -HVISOR_EFAULT;
		*magic = HVISOR_CONFIG_MAGIC_VERSION;
		return 0;
	case HVISOR_HC_ZONE_LIST:
		return hc_zone_list(z, arg0, arg1);
	case HVISOR_HC_ZONE_START:
		if (z->id != 0)
			return -HVISOR_EPERM;
		return hc_zone_start(z, arg0, arg1);
	case HVISOR_HC_ZONE_SHUTDOWN: {
		struct zone *t;

		if (z->id != 0)
			return -HVISOR_EPERM;
		t = arg0 ? zone_by_id((u32)arg0) : NULL;
		if (!t)
			return -HVISOR_EINVAL;
		return zone_destroy(t);
	}
	default:
		return -HVISOR_ENOSYS;
	}
}
