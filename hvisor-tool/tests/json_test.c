// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/* Copyright (c) 2026 hvisor-c contributors */
/*
 * Test driver for the zone JSON and virtio_cfg.json libraries.
 *   json_test zone FILE        parse; print the error as FILE: KEY: MSG
 *   json_test zone-rt FILE     parse -> write -> parse, compare
 *   json_test zone-write FILE  parse and print what the writer makes
 *   json_test virtio FILE | virtio-rt FILE | virtio-write FILE
 *   json_test abi              print the ABI offsets checked by run.sh
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "virtio_cfg_json.h"
#include "zone_json.h"

static int fail(const char *file, const struct json_err *e, int rc)
{
	fprintf(stderr, "json_test: %s: %s: %s (%s)\n", file, e->key, e->msg,
		json_strerror(rc));
	return 1;
}

static int zone(const char *mode, const char *file)
{
	struct zone_json *a = calloc(1, sizeof(*a));
	struct zone_json *b = calloc(1, sizeof(*b));
	struct json_err e = { "", "" };
	char *t1 = NULL, *t2 = NULL;
	int rc, ret = 1;

	if (!a || !b)
		goto out;
	rc = zone_json_load(file, a, &e);
	if (rc) {
		ret = fail(file, &e, rc);
		goto out;
	}
	t1 = zone_json_write(a);
	if (!t1)
		goto out;
	if (!strcmp(mode, "zone-write")) {
		fputs(t1, stdout);
		ret = 0;
		goto out;
	}
	if (!strcmp(mode, "zone")) {
		ret = 0;
		goto out;
	}
	rc = zone_json_parse(t1, b, &e);
	if (rc) {
		ret = fail("(written)", &e, rc);
		goto out;
	}
	t2 = zone_json_write(b);
	if (memcmp(a, b, sizeof(*a)) || !t2 || strcmp(t1, t2)) {
		fprintf(stderr, "json_test: %s: round trip differs\n", file);
		goto out;
	}
	ret = 0;
out:
	free(t1);
	free(t2);
	free(a);
	free(b);
	return ret;
}

static int virtio(const char *mode, const char *file)
{
	struct virtio_cfg *a = calloc(1, sizeof(*a));
	struct virtio_cfg *b = calloc(1, sizeof(*b));
	struct json_err e = { "", "" };
	char *t1 = NULL, *t2 = NULL;
	int rc, ret = 1;

	if (!a || !b)
		goto out;
	rc = virtio_cfg_load(file, a, &e);
	if (rc) {
		ret = fail(file, &e, rc);
		goto out;
	}
	t1 = virtio_cfg_write(a);
	if (!t1)
		goto out;
	if (!strcmp(mode, "virtio-write")) {
		fputs(t1, stdout);
		ret = 0;
		goto out;
	}
	if (!strcmp(mode, "virtio")) {
		ret = 0;
		goto out;
	}
	rc = virtio_cfg_parse(t1, b, &e);
	if (rc) {
		ret = fail("(written)", &e, rc);
		goto out;
	}
	t2 = virtio_cfg_write(b);
	if (memcmp(a, b, sizeof(*a)) || !t2 || strcmp(t1, t2)) {
		fprintf(stderr, "json_test: %s: round trip differs\n", file);
		goto out;
	}
	ret = 0;
out:
	free(t1);
	free(t2);
	free(a);
	free(b);
	return ret;
}

int main(int argc, char **argv)
{
	if (argc == 2 && !strcmp(argv[1], "abi")) {
		printf("size %zu interrupts_bitmap %zu entry_point %zu "
		       "name %zu arch_config %zu num_pci_bus %zu\n",
		       sizeof(struct hvisor_zone_config),
		       offsetof(struct hvisor_zone_config, interrupts_bitmap),
		       offsetof(struct hvisor_zone_config, entry_point),
		       offsetof(struct hvisor_zone_config, name),
		       offsetof(struct hvisor_zone_config, arch_config),
		       offsetof(struct hvisor_zone_config, num_pci_bus));
		return 0;
	}
	if (argc != 3) {
		fprintf(stderr, "usage: json_test MODE FILE\n");
		return 2;
	}
	if (!strncmp(argv[1], "zone", 4))
		return zone(argv[1], argv[2]);
	if (!strncmp(argv[1], "virtio", 6))
		return virtio(argv[1], argv[2]);
	fprintf(stderr, "json_test: unknown mode %s\n", argv[1]);
	return 2;
}
