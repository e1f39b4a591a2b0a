// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/* Copyright (c) 2026 hvisor-c contributors */
/*
 * libFuzzer target: the zone JSON reader.  Whatever it accepts must be
 * within the ABI's limits and must round-trip (write -> parse -> the same
 * struct); anything else aborts, as does a sanitizer report.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <hvc/zone_json.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_limits(const struct zone_json *zj)
{
	const struct hvisor_zone_config *c = &zj->cfg;
	uint32_t i;

	if (c->num_memory_regions > HVISOR_CONFIG_MAX_MEMORY_REGIONS ||
	    c->num_ivc_configs > HVISOR_CONFIG_MAX_IVC_CONFIGS ||
	    c->num_pci_bus > HVISOR_CONFIG_PCI_BUS_MAXNUM ||
	    c->num_pci_devs > HVISOR_CONFIG_MAX_PCI_DEV ||
	    zj->num_modules > ZONE_JSON_MAX_MODULES)
		abort();
	for (i = 0; i < c->num_memory_regions; i++) {
		const struct hvisor_memory_region *r = &c->memory_regions[i];

		if (!r->size || r->mem_type > HVISOR_MEM_TYPE_VIRTIO ||
		    r->physical_start > UINT64_MAX - r->size ||
		    r->virtual_start > UINT64_MAX - r->size)
			abort();
	}
	if (!memchr(zj->kernel_filepath, 0, sizeof(zj->kernel_filepath)) ||
	    !memchr(zj->dtb_filepath, 0, sizeof(zj->dtb_filepath)) ||
	    zj->debug_console % HVISOR_DEBUG_CONSOLE_SIZE)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct zone_json a, b;
	char *text = malloc(size + 1), *out;

	if (!text)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	if (!zone_json_parse(text, &a, NULL)) {
		check_limits(&a);
		out = zone_json_write(&a);
		if (!out || zone_json_parse(out, &b, NULL) ||
		    memcmp(&a, &b, sizeof(a)))
			abort();
		free(out);
	}
	free(text);
	return 0;
}
