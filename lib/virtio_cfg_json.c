// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/* Copyright (c) 2026 hvisor-c contributors */
/* virtio_cfg.json <-> struct virtio_cfg. */
#include <hvc/virtio_cfg_json.h>

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CTX_MAX 96

static const char *const id_keys[3] = { "clock_ids", "reset_ids", "power_ids" };

static int parse_dev(const cJSON *it, const char *ctx,
		     struct virtio_cfg_device *d, const unsigned int *lim,
		     struct json_err *e)
{
	static const char *const types[] = { "blk", "net", "console", "gpu",
					     "scmi" };
	const cJSON *arr, *x;
	unsigned int k;
	int rc;

	if (!cJSON_IsObject(it))
		return json_seterr(e, -JSON_ETYPE, ctx, NULL,
				   "expected an object");
	if ((rc = json_get_str(it, ctx, "type", d->type, sizeof(d->type), e)))
		return rc;
	for (k = 0; k < 5; k++)
		if (!strcmp(d->type, types[k]))
			break;
	if (k == 5)
		return json_seterr(e, -JSON_EVALUE, ctx, "type",
				   "unknown device type \"%s\" (blk, net, "
				   "console, gpu, scmi)",
				   d->type);
	if ((rc = json_get_u64(it, ctx, "addr", UINT64_MAX, &d->addr, e)) ||
	    (rc = json_get_u64(it, ctx, "len", UINT64_MAX, &d->len, e)) ||
	    (rc = json_check_range(ctx, "len", d->addr, d->len, e)) ||
	    (rc = json_get_u32(it, ctx, "irq", &d->irq, e)) ||
	    (rc = json_get_str(it, ctx, "status", d->status, sizeof(d->status),
			       e)))
		return rc;
	if (d->irq && (d->irq < lim[0] || d->irq > lim[1]))
		return json_seterr(
			e, -JSON_ERANGE, ctx, "irq",
			lim[0] == VIRTIO_CFG_IRQ_FIRST
				? "%u is not a GIC SPI (INTID %u..%u)"
				: "%u is not an interrupt %u..%u",
			d->irq, lim[0], lim[1]);
	if (strcmp(d->type, "blk") &&
	    cJSON_GetObjectItemCaseSensitive(it, "read_only"))
		return json_seterr(e, -JSON_EVALUE, ctx, "read_only",
				   "only blk devices have it");
	if (!d->addr || !d->len || !d->irq)
		return json_seterr(e, -JSON_EVALUE, ctx,
				   !d->addr  ? "addr"
				   : !d->len ? "len"
					     : "irq",
				   "must not be zero");
	if (!strcmp(d->type, "blk")) {
		if ((rc = json_get_str(it, ctx, "img", d->img, sizeof(d->img),
				       e)))
			return rc;
		if (!d->img[0])
			return json_seterr(e, -JSON_EVALUE, ctx, "img",
					   "must not be empty");
		x = cJSON_GetObjectItemCaseSensitive(it, "read_only");
		if (x && !cJSON_IsBool(x))
			return json_seterr(e, -JSON_ETYPE, ctx, "read_only",
					   "expected true or false");
		d->read_only = cJSON_IsTrue(x);
	} else if (!strcmp(d->type, "net")) {
		char k2[CTX_MAX];
		int i = 0;

		if ((rc = json_get_str(it, ctx, "tap", d->tap, sizeof(d->tap),
				       e)))
			return rc;
		if (!d->tap[0])
			return json_seterr(e, -JSON_EVALUE, ctx, "tap",
					   "must not be empty");
		if ((rc = json_get_array(it, ctx, "mac", 6, 0, &arr, e)))
			return rc;
		if (arr) {
			if (cJSON_GetArraySize(arr) != 6)
				return json_seterr(e, -JSON_EVALUE, ctx, "mac",
						   "expected exactly 6 bytes");
			d->has_mac = 1;
			cJSON_ArrayForEach(x, arr)
			{
				uint64_t v;

				snprintf(k2, sizeof(k2), "mac[%d]", i);
				if (json_item_u64(x, 255, &v))
					return json_seterr(e, -JSON_ETYPE, ctx,
							   k2,
							   "expected a byte");
				d->mac[i++] = (uint8_t)v;
			}
		}
	} else if (!strcmp(d->type, "gpu")) {
		if (cJSON_GetObjectItemCaseSensitive(it, "width") ||
		    cJSON_GetObjectItemCaseSensitive(it, "height")) {
			d->has_size = 1;
			if ((rc = json_get_u32(it, ctx, "width", &d->width,
					       e)) ||
			    (rc = json_get_u32(it, ctx, "height", &d->height,
					       e)))
				return rc;
		}
	} else if (!strcmp(d->type, "scmi")) {
		for (k = 0; k < 3; k++) {
			int i = 0;

			if ((rc = json_get_array(it, ctx, id_keys[k],
						 VIRTIO_CFG_MAX_IDS, 0, &arr,
						 e)))
				return rc;
			if (!arr)
				continue;
			cJSON_ArrayForEach(x, arr)
			{
				uint64_t v;
				char k2[CTX_MAX];

				snprintf(k2, sizeof(k2), "%s[%d]", id_keys[k],
					 i);
				if (json_item_u64(x, UINT32_MAX, &v))
					return json_seterr(e, -JSON_ETYPE, ctx,
							   k2,
							   "expected a number");
				d->ids[k][i++] = (uint32_t)v;
			}
			d->n_ids[k] = (unsigned int)i;
		}
	}
	return 0;
}

static int parse_zone(const cJSON *it, const char *ctx,
		      struct virtio_cfg_zone *z, unsigned int *total,
		      const unsigned int *lim, struct json_err *e)
{
	const cJSON *arr, *x;
	char c2[CTX_MAX + 32];
	uint64_t id;
	int rc, i = 0;

	if (!cJSON_IsObject(it))
		return json_seterr(e, -JSON_ETYPE, ctx, NULL,
				   "expected an object");
	if ((rc = json_get_u64(it, ctx, "id", VIRTIO_CFG_MAX_ZONES - 1, &id,
			       e)))
		return rc;
	z->id = (uint32_t)id;
	if ((rc = json_get_array(it, ctx, "memory_region", VIRTIO_CFG_MAX_MEM,
				 1, &arr, e)))
		return rc;
	cJSON_ArrayForEach(x, arr)
	{
		struct virtio_cfg_mem *m = &z->mem[i];

		snprintf(c2, sizeof(c2), "%s.memory_region[%d]", ctx, i);
		if ((rc = json_get_u64(x, c2, "zone0_ipa", UINT64_MAX,
				       &m->zone0_ipa, e)) ||
		    (rc = json_get_u64(x, c2, "zonex_ipa", UINT64_MAX,
				       &m->zonex_ipa, e)) ||
		    (rc = json_get_u64(x, c2, "size", UINT64_MAX, &m->size,
				       e)) ||
		    (rc = json_check_range(c2, "size", m->zone0_ipa, m->size,
					   e)) ||
		    (rc = json_check_range(c2, "size", m->zonex_ipa, m->size,
					   e)))
			return rc;
		if (!m->size)
			return json_seterr(e, -JSON_EVALUE, c2, "size",
					   "must not be zero");
		i++;
	}
	z->num_mem = (unsigned int)i;
	if ((rc = json_get_array(it, ctx, "devices", VIRTIO_CFG_MAX_DEVS, 1,
				 &arr, e)))
		return rc;
	i = 0;
	cJSON_ArrayForEach(x, arr)
	{
		snprintf(c2, sizeof(c2), "%s.devices[%d]", ctx, i);
		if (*total >= VIRTIO_CFG_MAX_DEVS)
			return json_seterr(e, -JSON_ELIMIT, c2, NULL,
					   "more than %d virtio devices in "
					   "all zones (the daemon's limit)",
					   VIRTIO_CFG_MAX_DEVS);
		if ((rc = parse_dev(x, c2, &z->devs[i], lim, e)))
			return rc;
		(*total)++;
		i++;
	}
	z->num_devs = (unsigned int)i;
	return 0;
}

int virtio_cfg_parse(const char *text, struct virtio_cfg *vc,
		     struct json_err *err)
{
	return virtio_cfg_parse_irqs(text, VIRTIO_CFG_IRQ_FIRST,
				     VIRTIO_CFG_IRQ_LAST, vc, err);
}

int virtio_cfg_parse_irqs(const char *text, unsigned int first,
			  unsigned int last, struct virtio_cfg *vc,
			  struct json_err *err)
{
	const unsigned int lim[2] = { first, last };
	const cJSON *arr, *it;
	unsigned int total = 0, j;
	cJSON *root;
	int rc, i = 0;

	memset(vc, 0, sizeof(*vc));
	if ((rc = json_parse_text(text, &root, err)))
		return rc;
	if (!cJSON_IsObject(root)) {
		rc = json_seterr(err, -JSON_ETYPE, "", NULL,
				 "expected a JSON object");
		goto out;
	}
	rc = json_get_array(root, "", "zones", VIRTIO_CFG_MAX_ZONES, 1, &arr,
			    err);
	if (rc)
		goto out;
	cJSON_ArrayForEach(it, arr)
	{
		char ctx[24];

		snprintf(ctx, sizeof(ctx), "zones[%d]", i);
		rc = parse_zone(it, ctx, &vc->zones[i], &total, lim, err);
		if (rc)
			goto out;
		for (j = 0; j < (unsigned int)i; j++)
			if (vc->zones[j].id == vc->zones[i].id) {
				rc = json_seterr(err, -JSON_EVALUE, ctx, "id",
						 "zone %u listed twice",
						 vc->zones[i].id);
				goto out;
			}
		i++;
	}
	vc->num_zones = (unsigned int)i;
out:
	cJSON_Delete(root);
	return rc;
}

int virtio_cfg_load(const char *path, struct virtio_cfg *vc,
		    struct json_err *err)
{
	return virtio_cfg_load_irqs(path, VIRTIO_CFG_IRQ_FIRST,
				    VIRTIO_CFG_IRQ_LAST, vc, err);
}

int virtio_cfg_load_irqs(const char *path, unsigned int first,
			 unsigned int last, struct virtio_cfg *vc,
			 struct json_err *err)
{
	char *text;
	int rc = json_read_file(path, &text, err);

	if (rc)
		return rc;
	rc = virtio_cfg_parse_irqs(text, first, last, vc, err);
	free(text);
	return rc;
}

struct virtio_cfg_zone *virtio_cfg_find_zone(struct virtio_cfg *vc, uint32_t id)
{
	unsigned int i;

	for (i = 0; i < vc->num_zones; i++)
		if (vc->zones[i].id == id)
			return &vc->zones[i];
	return NULL;
}

static void put_dev(struct sbuf *s, const struct virtio_cfg_device *d)
{
	const char *in = "                    ";
	unsigned int k, i;

	sbuf_printf(s, "                {\n%s\"type\": ", in);
	sbuf_json_str(s, d->type, sizeof(d->type));
	sbuf_printf(s,
		    ",\n%s\"addr\": \"0x%" PRIx64 "\",\n%s\"len\": \"0x%" PRIx64
		    "\",\n%s\"irq\": %u,\n",
		    in, d->addr, in, d->len, in, d->irq);
	if (!strcmp(d->type, "blk")) {
		sbuf_printf(s, "%s\"img\": ", in);
		sbuf_json_str(s, d->img, sizeof(d->img));
		sbuf_printf(s, ",\n");
		if (d->read_only)
			sbuf_printf(s, "%s\"read_only\": true,\n", in);
	} else if (!strcmp(d->type, "net")) {
		sbuf_printf(s, "%s\"tap\": ", in);
		sbuf_json_str(s, d->tap, sizeof(d->tap));
		sbuf_printf(s, ",\n");
		if (d->has_mac) {
			sbuf_printf(s, "%s\"mac\": [", in);
			for (i = 0; i < 6; i++)
				sbuf_printf(s, "%s\"0x%02x\"", i ? ", " : "",
					    d->mac[i]);
			sbuf_printf(s, "],\n");
		}
	} else if (!strcmp(d->type, "gpu") && d->has_size) {
		sbuf_printf(s, "%s\"width\": %u,\n%s\"height\": %u,\n", in,
			    d->width, in, d->height);
	} else if (!strcmp(d->type, "scmi")) {
		for (k = 0; k < 3; k++) {
			if (!d->n_ids[k])
				continue;
			sbuf_printf(s, "%s\"%s\": [", in, id_keys[k]);
			for (i = 0; i < d->n_ids[k]; i++)
				sbuf_printf(s, "%s%u", i ? ", " : "",
					    d->ids[k][i]);
			sbuf_printf(s, "],\n");
		}
	}
	sbuf_printf(s, "%s\"status\": ", in);
	sbuf_json_str(s, d->status, sizeof(d->status));
	sbuf_printf(s, "\n                }");
}

char *virtio_cfg_write(const struct virtio_cfg *vc)
{
	struct sbuf s;
	unsigned int i, j;

	sbuf_init(&s);
	sbuf_printf(&s, "{\n    \"zones\": [");
	for (i = 0; i < vc->num_zones; i++) {
		const struct virtio_cfg_zone *z = &vc->zones[i];

		sbuf_printf(&s,
			    "%s\n        {\n            \"id\": %u,\n"
			    "            \"memory_region\": [",
			    i ? "," : "", z->id);
		for (j = 0; j < z->num_mem; j++)
			sbuf_printf(&s,
				    "%s\n                {\n"
				    "                    \"zone0_ipa\": "
				    "\"0x%" PRIx64 "\",\n"
				    "                    \"zonex_ipa\": "
				    "\"0x%" PRIx64 "\",\n"
				    "                    \"size\": \"0x%" PRIx64
				    "\"\n                }",
				    j ? "," : "", z->mem[j].zone0_ipa,
				    z->mem[j].zonex_ipa, z->mem[j].size);
		sbuf_printf(&s, "%s],\n            \"devices\": [",
			    z->num_mem ? "\n            " : "");
		for (j = 0; j < z->num_devs; j++) {
			sbuf_printf(&s, "%s\n", j ? "," : "");
			put_dev(&s, &z->devs[j]);
		}
		sbuf_printf(&s, "%s]\n        }",
			    z->num_devs ? "\n            " : "");
	}
	sbuf_printf(&s, "%s]\n}\n", vc->num_zones ? "\n    " : "");
	return sbuf_take(&s);
}
