// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/* Copyright (c) 2026 hvisor-c contributors */
/*
 * Zone request files, boards/<arch>/<board>/zones/NAME.yaml: what
 * `zonegen NAME ...` asked for plus what it picked (zone id, virtio
 * windows and INTIDs, the initrd's size), so that every later derive
 * gives the same zone.  A person may edit them; only zonegen writes a new
 * one.  Format: docs/zonegen.md ("Zone requests").
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <hvc/yamldoc.h>
#include <hvisor/zone_config.h>

#include "zg_internal.h"

static int yerr(int rc)
{
	return rc == -2 ? -ZG_ENOMEM : -ZG_EREQ;
}

static int copy(struct hvc_yaml *y, const char *key, const char *s, char *dst,
		size_t size)
{
	if (strlen(s) >= size)
		return hvc_seterr(y->e, -1, y->file, key, NULL,
				  "%zu bytes; at most %zu fit", strlen(s),
				  size - 1);
	memcpy(dst, s, strlen(s) + 1);
	return 0;
}

static int parse_virtio(struct hvc_yaml *y, yaml_node_t *n, unsigned int i,
			struct zg_virtio_req *v)
{
	static const char *const known[] = { "type", "image", "read_only",
					     "tap",  "base",  "irq",
					     NULL };
	const char *type, *arg = NULL;
	char k[64], kk[80];
	uint64_t u;
	int rc;

	snprintf(k, sizeof(k), "virtio[%u]", i);
	if ((rc = hvc_yaml_map(y, n, k, known)))
		return rc;
	snprintf(kk, sizeof(kk), "%s.type", k);
	if ((rc = hvc_yaml_str(y, hvc_yaml_get(y, n, "type"), kk, &type, 1)))
		return rc;
	if (strcmp(type, "blk") && strcmp(type, "console") &&
	    strcmp(type, "net"))
		return hvc_seterr(y->e, -1, y->file, kk, "blk, console or net",
				  "unknown virtio type \"%s\"", type);
	snprintf(v->type, sizeof(v->type), "%s", type);
	snprintf(kk, sizeof(kk), "%s.%s", k,
		 !strcmp(type, "net") ? "tap" : "image");
	if (strcmp(type, "console") &&
	    (rc = hvc_yaml_str(y, hvc_yaml_get(y, n, strrchr(kk, '.') + 1), kk,
			       &arg, 1)))
		return rc;
	if (!strcmp(type, "console") &&
	    (hvc_yaml_get(y, n, "image") || hvc_yaml_get(y, n, "tap")))
		return hvc_seterr(y->e, -1, y->file, k, NULL,
				  "a console takes no image or tap");
	if (arg && (rc = copy(y, kk, arg, v->arg, sizeof(v->arg))))
		return rc;
	snprintf(kk, sizeof(kk), "%s.read_only", k);
	if (hvc_yaml_get(y, n, "read_only") &&
	    (rc = hvc_yaml_bool(y, hvc_yaml_get(y, n, "read_only"), kk,
				&v->read_only)))
		return rc;
	if (v->read_only && strcmp(type, "blk"))
		return hvc_seterr(y->e, -1, y->file, kk, NULL,
				  "only a blk device is read-only");
	/* absent: zonegen picks a free one at each derive */
	snprintf(kk, sizeof(kk), "%s.base", k);
	if (!hvc_yaml_is_null(hvc_yaml_get(y, n, "base")) &&
	    (rc = hvc_yaml_num(y, hvc_yaml_get(y, n, "base"), kk, UINT64_MAX,
			       &v->base)))
		return rc;
	if (hvc_yaml_get(y, n, "base") && !v->base)
		return hvc_seterr(y->e, -1, y->file, kk,
				  "delete the key to have a window picked",
				  "0 is no window");
	snprintf(kk, sizeof(kk), "%s.irq", k);
	if (hvc_yaml_is_null(hvc_yaml_get(y, n, "irq")))
		return 0;
	if ((rc = hvc_yaml_num(y, hvc_yaml_get(y, n, "irq"), kk,
			       HVISOR_CONFIG_MAX_INTERRUPTS - 1, &u)))
		return rc;
	v->irq = (unsigned int)u;
	return v->irq ? 0
		      : hvc_seterr(y->e, -1, y->file, kk,
				   "delete the key to have an SPI picked",
				   "0 is no SPI");
}

static int parse_cpus(struct hvc_yaml *y, yaml_node_t *top,
		      struct zg_request *r)
{
	yaml_node_item_t *it;
	unsigned int n, i;
	char k[32];
	uint64_t v;
	int rc;

	if ((rc = hvc_yaml_seq(y, hvc_yaml_get(y, top, "cpus"), "cpus", 1, &it,
			       &n)))
		return rc;
	if (!n)
		return hvc_seterr(y->e, -1, y->file, "cpus", NULL,
				  "a zone needs at least one CPU");
	for (i = 0; i < n; i++) {
		snprintf(k, sizeof(k), "cpus[%u]", i);
		if ((rc = hvc_yaml_num(y, hvc_yaml_node(y, it[i]), k, 63, &v)))
			return rc;
		if (r->cpus >> v & 1)
			return hvc_seterr(y->e, -1, y->file, k, NULL,
					  "CPU %" PRIu64 " listed twice", v);
		r->cpus |= 1ULL << v;
	}
	return 0;
}

static int parse_range(struct hvc_yaml *y, yaml_node_t *m, const char *key,
		       uint64_t *base, uint64_t *size)
{
	static const char *const known[] = { "base", "size", NULL };
	char k[64];
	int rc;

	if ((rc = hvc_yaml_map(y, m, key, known)))
		return rc;
	snprintf(k, sizeof(k), "%s.base", key);
	if ((rc = hvc_yaml_num(y, hvc_yaml_get(y, m, "base"), k, UINT64_MAX,
			       base)))
		return rc;
	snprintf(k, sizeof(k), "%s.size", key);
	return hvc_yaml_num(y, hvc_yaml_get(y, m, "size"), k, UINT64_MAX, size);
}

static int parse_images(struct hvc_yaml *y, yaml_node_t *top,
			struct zg_request *r)
{
	static const char *const kknown[] = { "file", "load", "entry", NULL };
	static const char *const iknown[] = { "file", "size", NULL };
	yaml_node_t *k = hvc_yaml_get(y, top, "kernel");
	yaml_node_t *i = hvc_yaml_get(y, top, "initrd");
	int rc;

	if ((rc = hvc_yaml_map(y, k, "kernel", kknown)) ||
	    (rc = hvc_yaml_str(y, hvc_yaml_get(y, k, "file"), "kernel.file",
			       &r->kernel, 1)) ||
	    (rc = hvc_yaml_num(y, hvc_yaml_get(y, k, "load"), "kernel.load",
			       UINT64_MAX, &r->kernel_load)) ||
	    (rc = hvc_yaml_num(y, hvc_yaml_get(y, k, "entry"), "kernel.entry",
			       UINT64_MAX, &r->entry)))
		return rc;
	if (hvc_yaml_is_null(i))
		return 0;
	if ((rc = hvc_yaml_map(y, i, "initrd", iknown)) ||
	    (rc = hvc_yaml_str(y, hvc_yaml_get(y, i, "file"), "initrd.file",
			       &r->initrd, 1)))
		return rc;
	return hvc_yaml_num(y, hvc_yaml_get(y, i, "size"), "initrd.size",
			    UINT64_MAX, &r->initrd_size);
}

static int parse_lists(struct hvc_yaml *y, yaml_node_t *top,
		       struct zg_request *r)
{
	yaml_node_item_t *it;
	unsigned int n, i;
	char k[32];
	int rc;

	if ((rc = hvc_yaml_seq(y, hvc_yaml_get(y, top, "devices"), "devices", 0,
			       &it, &n)))
		return rc;
	if (n > ZG_MAX_DEVICES)
		return hvc_seterr(y->e, -1, y->file, "devices", NULL,
				  "%u devices; a zone takes at most %d "
				  "(ZG_MAX_DEVICES)",
				  n, ZG_MAX_DEVICES);
	for (i = 0; i < n; i++) {
		snprintf(k, sizeof(k), "devices[%u]", i);
		if ((rc = hvc_yaml_str(y, hvc_yaml_node(y, it[i]), k,
				       &r->devices[i], 1)))
			return rc;
	}
	r->num_devices = n;
	if ((rc = hvc_yaml_seq(y, hvc_yaml_get(y, top, "virtio"), "virtio", 0,
			       &it, &n)))
		return rc;
	if (n > ZG_MAX_VIRTIO)
		return hvc_seterr(y->e, -1, y->file, "virtio", NULL,
				  "%u devices; a zone takes at most %d "
				  "(ZG_MAX_VIRTIO)",
				  n, ZG_MAX_VIRTIO);
	for (i = 0; i < n; i++)
		if ((rc = parse_virtio(y, hvc_yaml_node(y, it[i]), i,
				       &r->virtio[i])))
			return rc;
	r->num_virtio = n;
	return 0;
}

static int parse(struct hvc_yaml *y, struct zg_request *r, const char *stem)
{
	static const char *const known[] = {
		"version", "name",	    "zone_id",	"cpus",	   "memory",
		"kernel",  "initrd",	    "bootargs", "devices", "board_dtb",
		"virtio",  "debug_console", NULL
	};
	yaml_node_t *top = hvc_yaml_root(y), *n;
	uint64_t v;
	int rc;

	if ((rc = hvc_yaml_map(y, top, "", known)) ||
	    (rc = hvc_yaml_num(y, hvc_yaml_get(y, top, "version"), "version",
			       UINT32_MAX, &v)))
		return rc;
	if (v != 1)
		return hvc_seterr(y->e, -1, y->file, "version", NULL,
				  "version %" PRIu64 "; this zonegen reads 1",
				  v);
	if ((rc = hvc_yaml_str(y, hvc_yaml_get(y, top, "name"), "name",
			       &r->name, 1)))
		return rc;
	if (strcmp(r->name, stem))
		return hvc_seterr(y->e, -1, y->file, "name",
				  "a request is named after its zone",
				  "\"%s\" but the file is %s.yaml", r->name,
				  stem);
	if ((rc = hvc_yaml_num(y, hvc_yaml_get(y, top, "zone_id"), "zone_id",
			       HVISOR_CONFIG_MAX_ZONES - 1, &v)))
		return rc;
	if (!v)
		return hvc_seterr(y->e, -1, y->file, "zone_id", NULL,
				  "0 is the root zone's");
	r->zone_id = (unsigned int)v;
	if ((rc = parse_cpus(y, top, r)) ||
	    (rc = parse_range(y, hvc_yaml_get(y, top, "memory"), "memory",
			      &r->mem_base, &r->mem_size)) ||
	    (rc = parse_images(y, top, r)) ||
	    (rc = hvc_yaml_str(y, hvc_yaml_get(y, top, "bootargs"), "bootargs",
			       &r->bootargs, 0)) ||
	    (rc = hvc_yaml_str(y, hvc_yaml_get(y, top, "board_dtb"),
			       "board_dtb", &r->board_dtb, 0)) ||
	    (rc = parse_lists(y, top, r)))
		return rc;
	n = hvc_yaml_get(y, top, "debug_console");
	return hvc_yaml_is_null(n)
		       ? 0
		       : hvc_yaml_num(y, n, "debug_console", UINT64_MAX,
				      &r->debug_console);
}

int zg_request_load_mem(const char *text, size_t len, const char *path,
			struct zg_request *r, struct hvc_err *e)
{
	struct hvc_yaml *y = calloc(1, sizeof(*y));
	char *file, *stem, *dot;
	const char *base;
	int rc;

	memset(r, 0, sizeof(*r));
	file = strdup(path);
	if (!y || !file) {
		free(y);
		free(file);
		return -ZG_ENOMEM;
	}
	/* messages name the file: a copy the request owns */
	r->doc_ = y;
	r->file = file;
	if ((rc = hvc_yaml_load(y, text, len, file, e))) {
		zg_request_free(r);
		return yerr(rc);
	}
	base = strrchr(file, '/');
	stem = strdup(base ? base + 1 : file);
	if (!stem) {
		zg_request_free(r);
		return -ZG_ENOMEM;
	}
	dot = strrchr(stem, '.');
	if (dot)
		*dot = 0;
	rc = parse(y, r, stem);
	free(stem);
	if (rc)
		zg_request_free(r);
	return rc ? yerr(rc) : 0;
}

int zg_request_load(const char *path, struct zg_request *r, struct hvc_err *e)
{
	char *text;
	size_t len;
	int rc;

	memset(r, 0, sizeof(*r));
	if (hvc_read_file(path, &text, &len))
		return zg_seterr(e, -ZG_EIO, path, NULL, NULL, "cannot read");
	rc = zg_request_load_mem(text, len, path, r, e);
	free(text);
	return rc;
}

void zg_request_free(struct zg_request *r)
{
	if (!r->doc_)
		return;
	hvc_yaml_free(r->doc_);
	free(r->doc_);
	free((char *)r->file);
	r->doc_ = NULL;
	r->file = NULL;
}

static void put_str(struct hvc_buf *b, const char *key, const char *s)
{
	hvc_buf_printf(b, "%s: ", key);
	if (s)
		hvc_buf_json_str(b, s);
	else
		hvc_buf_printf(b, "null");
	hvc_buf_printf(b, "\n");
}

int zg_request_write(const struct zg_request *r, const char *board,
		     struct hvc_buf *b)
{
	unsigned int i, n = 0;

	hvc_buf_printf(b,
		       "# Zone %s of board %s, asked for with zonegen "
		       "(docs/zonegen.md).\n"
		       "# The build derives the zone's DTB and JSON, "
		       "virtio_cfg.json and the root\n"
		       "# zone's reduced CPUs, RAM and DT from this file "
		       "into build/; edit it\n"
		       "# freely, `zonegen check` and `make` read it back.\n"
		       "version: 1\nname: %s\nzone_id: %u\ncpus: [",
		       r->name, board, r->name, r->zone_id);
	for (i = 0; i < 64; i++)
		if (r->cpus >> i & 1)
			hvc_buf_printf(b, "%s%u", n++ ? ", " : "", i);
	hvc_buf_printf(b,
		       "]\nmemory: {base: \"0x%" PRIx64 "\", size: \"0x%" PRIx64
		       "\"}\nkernel: {file: ",
		       r->mem_base, r->mem_size);
	hvc_buf_json_str(b, r->kernel);
	hvc_buf_printf(b,
		       ", load: \"0x%" PRIx64 "\", entry: \"0x%" PRIx64 "\"}\n",
		       r->kernel_load, r->entry);
	if (r->initrd) {
		hvc_buf_printf(b, "initrd: {file: ");
		hvc_buf_json_str(b, r->initrd);
		hvc_buf_printf(b, ", size: %" PRIu64 "}\n", r->initrd_size);
	} else {
		hvc_buf_printf(b, "initrd: null\n");
	}
	put_str(b, "bootargs", r->bootargs);
	if (r->debug_console)
		hvc_buf_printf(b, "debug_console: \"0x%" PRIx64 "\"\n",
			       r->debug_console);
	else
		hvc_buf_printf(b, "debug_console: null\n");
	put_str(b, "board_dtb", r->board_dtb);
	hvc_buf_printf(b, "devices:%s\n", r->num_devices ? "" : " []");
	for (i = 0; i < r->num_devices; i++) {
		hvc_buf_printf(b, "- ");
		hvc_buf_json_str(b, r->devices[i]);
		hvc_buf_printf(b, "\n");
	}
	hvc_buf_printf(b, "virtio:%s\n", r->num_virtio ? "" : " []");
	for (i = 0; i < r->num_virtio; i++) {
		const struct zg_virtio_req *v = &r->virtio[i];

		hvc_buf_printf(b, "- {type: %s", v->type);
		if (strcmp(v->type, "console")) {
			hvc_buf_printf(b, ", %s: ",
				       !strcmp(v->type, "net") ? "tap"
							       : "image");
			hvc_buf_json_str(b, v->arg);
		}
		if (!strcmp(v->type, "blk"))
			hvc_buf_printf(b, ", read_only: %s",
				       v->read_only ? "true" : "false");
		hvc_buf_printf(b, ", base: \"0x%" PRIx64 "\", irq: %u}\n",
			       v->base, v->irq);
	}
	return b->oom ? -ZG_ENOMEM : 0;
}
