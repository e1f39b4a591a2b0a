// SPDX-License-Identifier: GPL-2.0
/* Copyright (c) 2026 hvisor-c contributors */
/*
 * The daemon's rules for a virtio_cfg.json that parsed: what this daemon
 * serves and what the hypervisor and /dev/hvisor can map.  Devices with
 * status "disable" are not checked (the daemon skips them).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "virtio.h"

#define PAGE_MASK 0xfffULL
#define MIN_WINDOW 0x100ULL /* the virtio-mmio registers */

struct ck {
	char *key;
	size_t keylen;
	char *msg;
	size_t msglen;
};

static int bad(struct ck *ck, const char *key, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int bad(struct ck *ck, const char *key, const char *fmt, ...)
{
	va_list ap;

	snprintf(ck->key, ck->keylen, "%s", key);
	va_start(ap, fmt);
	vsnprintf(ck->msg, ck->msglen, fmt, ap);
	va_end(ap);
	return -1;
}

static int dev_enabled(const struct virtio_cfg_device *d)
{
	return strcmp(d->status, "disable") != 0;
}

static int check_mem(struct ck *ck, const struct virtio_cfg_zone *z,
		     unsigned int i)
{
	char key[96];
	unsigned int k;

	for (k = 0; k < z->num_mem; k++) {
		const struct virtio_cfg_mem *m = &z->mem[k];

		snprintf(key, sizeof(key), "zones[%u].memory_region[%u]", i, k);
		if (!m->zone0_ipa)
			return bad(ck, key,
				   "zone0_ipa 0 cannot be mapped through "
				   "/dev/hvisor (offset 0 is the bridge page)");
		if ((m->zone0_ipa | m->zonex_ipa | m->size) & PAGE_MASK)
			return bad(ck, key,
				   "zone0_ipa 0x%llx, zonex_ipa 0x%llx and "
				   "size 0x%llx must be 4 KiB aligned",
				   (unsigned long long)m->zone0_ipa,
				   (unsigned long long)m->zonex_ipa,
				   (unsigned long long)m->size);
		if (m->zone0_ipa + m->size < m->zone0_ipa ||
		    m->zonex_ipa + m->size < m->zonex_ipa)
			return bad(ck, key, "window wraps around");
	}
	return 0;
}

static int check_dev(struct ck *ck, const struct virtio_cfg_zone *z,
		     unsigned int i, unsigned int j)
{
	const struct virtio_cfg_device *d = &z->devs[j];
	char key[96];
	unsigned int k;

	snprintf(key, sizeof(key), "zones[%u].devices[%u].type", i, j);
	if (strcmp(d->type, "blk") && strcmp(d->type, "console") &&
	    strcmp(d->type, "net"))
		return bad(ck, key, "%s is not supported by this daemon",
			   d->type);
	snprintf(key, sizeof(key), "zones[%u].devices[%u].len", i, j);
	if (d->len < MIN_WINDOW)
		return bad(ck, key,
			   "0x%llx is less than 0x%llx (the virtio-mmio "
			   "registers)",
			   (unsigned long long)d->len, MIN_WINDOW);
	if (d->addr + d->len < d->addr)
		return bad(ck, key, "window wraps around");
	snprintf(key, sizeof(key), "zones[%u].devices[%u].irq", i, j);
	if (d->irq < HVISOR_GIC_SPI_FIRST || d->irq > HVISOR_GIC_SPI_LAST)
		return bad(ck, key, "%u is not an SPI INTID (%d..%d)", d->irq,
			   HVISOR_GIC_SPI_FIRST, HVISOR_GIC_SPI_LAST);
	if (!z->num_mem) {
		snprintf(key, sizeof(key), "zones[%u].memory_region", i);
		return bad(ck, key,
			   "empty, but zones[%u].devices[%u] needs the "
			   "zone's RAM",
			   i, j);
	}
	for (k = 0; k < j; k++) {
		const struct virtio_cfg_device *o = &z->devs[k];

		if (!dev_enabled(o))
			continue;
		if (d->addr < o->addr + o->len && o->addr < d->addr + d->len) {
			snprintf(key, sizeof(key), "zones[%u].devices[%u].addr",
				 i, j);
			return bad(ck, key,
				   "window 0x%llx+0x%llx overlaps "
				   "zones[%u].devices[%u] (0x%llx+0x%llx)",
				   (unsigned long long)d->addr,
				   (unsigned long long)d->len, i, k,
				   (unsigned long long)o->addr,
				   (unsigned long long)o->len);
		}
	}
	return 0;
}

int vd_cfg_check(const struct virtio_cfg *vc, char *key, size_t keylen,
		 char *msg, size_t msglen)
{
	struct ck ck = { key, keylen, msg, msglen };
	unsigned int i, j, n = 0;

	for (i = 0; i < vc->num_zones; i++) {
		const struct virtio_cfg_zone *z = &vc->zones[i];

		if (check_mem(&ck, z, i))
			return -1;
		for (j = 0; j < z->num_devs; j++) {
			char k2[64];

			if (!dev_enabled(&z->devs[j]))
				continue;
			if (check_dev(&ck, z, i, j))
				return -1;
			if (++n > HVISOR_VIRTIO_MAX_DEVS) {
				snprintf(k2, sizeof(k2),
					 "zones[%u].devices[%u]", i, j);
				return bad(&ck, k2,
					   "more than %d devices (the "
					   "daemon's limit)",
					   HVISOR_VIRTIO_MAX_DEVS);
			}
		}
	}
	if (!n)
		return bad(&ck, "zones", "no enabled device to serve");
	return 0;
}

char *vd_path_beside(const char *file, const char *path)
{
	const char *slash = strrchr(file, '/');
	size_t dir = slash ? (size_t)(slash - file) + 1 : 0;
	char *full;

	if (path[0] == '/' || !dir)
		return strdup(path);
	full = malloc(dir + strlen(path) + 1);
	if (full) {
		memcpy(full, file, dir);
		strcpy(full + dir, path);
	}
	return full;
}
