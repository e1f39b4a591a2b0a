// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/* Copyright (c) 2026 hvisor-c contributors */
/*
 * libFuzzer target: the virtio_cfg.json reader.  Whatever it accepts must
 * be within the limits (devices, SPI range, no wrap-around) and must
 * round-trip; anything else aborts, as does a sanitizer report.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <hvc/virtio_cfg_json.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_limits(const struct virtio_cfg *vc)
{
	unsigned int i, j, devs = 0;

	if (vc->num_zones > VIRTIO_CFG_MAX_ZONES)
		abort();
	for (i = 0; i < vc->num_zones; i++) {
		const struct virtio_cfg_zone *z = &vc->zones[i];

		if (z->num_mem > VIRTIO_CFG_MAX_MEM)
			abort();
		for (j = 0; j < z->num_mem; j++)
			if (!z->mem[j].size ||
			    z->mem[j].zone0_ipa > UINT64_MAX - z->mem[j].size ||
			    z->mem[j].zonex_ipa > UINT64_MAX - z->mem[j].size)
				abort();
		for (j = 0; j < z->num_devs; j++) {
			const struct virtio_cfg_device *d = &z->devs[j];

			if (d->irq < VIRTIO_CFG_IRQ_FIRST ||
			    d->irq > VIRTIO_CFG_IRQ_LAST ||
			    d->addr > UINT64_MAX - d->len)
				abort();
		}
		devs += z->num_devs;
	}
	if (devs > VIRTIO_CFG_MAX_DEVS)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct virtio_cfg a, b;
	char *text = malloc(size + 1), *out;

	if (!text)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	if (!virtio_cfg_parse(text, &a, NULL)) {
		check_limits(&a);
		out = virtio_cfg_write(&a);
		if (!out || virtio_cfg_parse(out, &b, NULL) ||
		    memcmp(&a, &b, sizeof(a)))
			abort();
		free(out);
	}
	free(text);
	return 0;
}
