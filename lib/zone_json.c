// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/* Copyright (c) 2026 hvisor-c contributors */
/* Zone JSON (hvisor-tool's `zone start` format) <-> struct zone_json. */
#include <hvc/zone_json.h>

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CTX_MAX 64

static int parse_regions(const cJSON *root, struct zone_json *zj,
			 struct json_err *e)
{
	static const char *const types[] = { "ram", "io", "virtio" };
	const cJSON *arr, *it;
	int rc, i = 0;

	rc = json_get_array(root, "", "memory_regions",
			    HVISOR_CONFIG_MAX_MEMORY_REGIONS, 1, &arr, e);
	if (rc)
		return rc;
	cJSON_ArrayForEach(it, arr)
	{
		struct hvisor_memory_region *r = &zj->cfg.memory_regions[i];
		char ctx[CTX_MAX];
		const cJSON *t;
		uint32_t k;

		snprintf(ctx, sizeof(ctx), "memory_regions[%d]", i);
		if (!cJSON_IsObject(it))
			return json_seterr(e, -JSON_ETYPE, ctx, NULL,
					   "expected an object");
		t = cJSON_GetObjectItemCaseSensitive(it, "type");
		if (!t)
			return json_seterr(e, -JSON_EMISSING, ctx, "type",
					   "required key missing");
		if (!cJSON_IsString(t))
			return json_seterr(e, -JSON_ETYPE, ctx, "type",
					   "expected a string");
		for (k = 0; k < 3; k++)
			if (!strcmp(t->valuestring, types[k]))
				break;
		if (k == 3)
			return json_seterr(
				e, -JSON_EVALUE, ctx, "type",
				"\"%s\" is not one of ram, io, virtio",
				t->valuestring);
		r->mem_type = k;
		rc = json_get_u64(it, ctx, "physical_start", UINT64_MAX,
				  &r->physical_start, e);
		if (!rc)
			rc = json_get_u64(it, ctx, "virtual_start", UINT64_MAX,
					  &r->virtual_start, e);
		if (!rc)
			rc = json_get_u64(it, ctx, "size", UINT64_MAX, &r->size,
					  e);
		if (!rc)
			rc = json_check_range(ctx, "size", r->physical_start,
					      r->size, e);
		if (!rc)
			rc = json_check_range(ctx, "size", r->virtual_start,
					      r->size, e);
		if (rc)
			return rc;
		if (!r->size)
			return json_seterr(e, -JSON_EVALUE, ctx, "size",
					   "must not be zero");
		i++;
	}
	zj->cfg.num_memory_regions = (uint32_t)i;
	return 0;
}

static int parse_irq_list(const cJSON *root, const char *key, int required,
			  uint32_t *bm, struct json_err *e)
{
	const cJSON *arr, *it;
	int rc, i = 0;

	rc = json_get_array(root, "", key, HVISOR_CONFIG_MAX_INTERRUPTS,
			    required, &arr, e);
	if (rc || !arr)
		return rc;
	cJSON_ArrayForEach(it, arr)
	{
		uint64_t v;
		char k[CTX_MAX];

		snprintf(k, sizeof(k), "%s[%d]", key, i++);
		rc = json_item_u64(it, HVISOR_CONFIG_MAX_INTERRUPTS - 1, &v);
		if (rc == -JSON_ERANGE)
			return json_seterr(e, rc, "", k,
					   "interrupt number out of range "
					   "(the ABI bitmap holds 0..%d)",
					   HVISOR_CONFIG_MAX_INTERRUPTS - 1);
		if (rc)
			return json_seterr(e, rc, "", k, "expected a number");
		zone_irq_set(bm, (unsigned int)v);
	}
	return 0;
}

static int parse_cpus(const cJSON *root, struct zone_json *zj,
		      struct json_err *e)
{
	const cJSON *arr, *it;
	int rc, i = 0;

	rc = json_get_array(root, "", "cpus", 64, 1, &arr, e);
	if (rc)
		return rc;
	cJSON_ArrayForEach(it, arr)
	{
		uint64_t v;
		char k[CTX_MAX];

		snprintf(k, sizeof(k), "cpus[%d]", i++);
		rc = json_item_u64(it, 63, &v);
		if (rc)
			return json_seterr(
				e, rc, "", k,
				rc == -JSON_ERANGE
					? "CPU id out of range (0..63)"
					: "expected a number");
		zj->cfg.cpus |= 1ULL << v;
	}
	return 0;
}

static int parse_ivc(const cJSON *root, struct zone_json *zj,
		     struct json_err *e)
{
	const cJSON *arr, *it;
	int rc, i = 0;

	rc = json_get_array(root, "", "ivc_configs",
			    HVISOR_CONFIG_MAX_IVC_CONFIGS, 1, &arr, e);
	if (rc)
		return rc;
	cJSON_ArrayForEach(it, arr)
	{
		struct hvisor_ivc_config *c = &zj->cfg.ivc_configs[i];
		char ctx[CTX_MAX];

		snprintf(ctx, sizeof(ctx), "ivc_configs[%d]", i);
		if ((rc = json_get_u32(it, ctx, "ivc_id", &c->ivc_id, e)) ||
		    (rc = json_get_u32(it, ctx, "peer_id", &c->peer_id, e)) ||
		    (rc = json_get_u64(it, ctx, "control_table_ipa", UINT64_MAX,
				       &c->control_table_ipa, e)) ||
		    (rc = json_get_u64(it, ctx, "shared_mem_ipa", UINT64_MAX,
				       &c->shared_mem_ipa, e)) ||
		    (rc = json_get_u32(it, ctx, "rw_sec_size", &c->rw_sec_size,
				       e)) ||
		    (rc = json_get_u32(it, ctx, "out_sec_size",
				       &c->out_sec_size, e)) ||
		    (rc = json_get_u32(it, ctx, "interrupt_num",
				       &c->interrupt_num, e)) ||
		    (rc = json_get_u32(it, ctx, "max_peers", &c->max_peers, e)))
			return rc;
		i++;
	}
	zj->cfg.num_ivc_configs = (uint32_t)i;
	return 0;
}

static int parse_modules(const cJSON *root, struct zone_json *zj,
			 struct json_err *e)
{
	const cJSON *arr, *it;
	int rc, i = 0;

	rc = json_get_array(root, "", "modules", ZONE_JSON_MAX_MODULES, 0, &arr,
			    e);
	if (rc || !arr)
		return rc;
	cJSON_ArrayForEach(it, arr)
	{
		struct zone_json_module *m = &zj->modules[i];
		char ctx[CTX_MAX];

		snprintf(ctx, sizeof(ctx), "modules[%d]", i);
		if ((rc = json_get_str(it, ctx, "name", m->name,
				       sizeof(m->name), e)) ||
		    (rc = json_get_str(it, ctx, "filepath", m->filepath,
				       sizeof(m->filepath), e)) ||
		    (rc = json_get_u64(it, ctx, "load_paddr", UINT64_MAX,
				       &m->load_paddr, e)))
			return rc;
		i++;
	}
	zj->num_modules = (unsigned int)i;
	return 0;
}

static int parse_arch(const cJSON *root, struct zone_json *zj,
		      struct json_err *e)
{
	struct hvisor_arch_zone_config *a = &zj->cfg.arch_config;
	const cJSON *ac = cJSON_GetObjectItemCaseSensitive(root, "arch_config");
	const cJSON *v, *b;
	const char *c = "arch_config";
	int rc;

	if (!ac)
		return json_seterr(e, -JSON_EMISSING, "", "arch_config",
				   "required key missing");
	if (!cJSON_IsObject(ac))
		return json_seterr(e, -JSON_ETYPE, "", "arch_config",
				   "expected an object");
	v = cJSON_GetObjectItemCaseSensitive(ac, "gic_version");
	if (!strcmp(zj->arch, "riscv64") || !strcmp(zj->arch, "riscv") ||
	    (!v && cJSON_GetObjectItemCaseSensitive(ac, "plic_base"))) {
		zj->riscv = 1;
		if ((rc = json_get_u64(ac, c, "plic_base", UINT64_MAX,
				       &zj->plic_base, e)) ||
		    (rc = json_get_u64(ac, c, "plic_size", UINT64_MAX,
				       &zj->plic_size, e)) ||
		    (rc = json_get_u64(ac, c, "aplic_base", UINT64_MAX,
				       &zj->aplic_base, e)) ||
		    (rc = json_get_u64(ac, c, "aplic_size", UINT64_MAX,
				       &zj->aplic_size, e)))
			return rc;
		return 0;
	}
	if (!v) {
		/* Other architectures' arch_config: not in this ABI. */
		if (cJSON_GetObjectItemCaseSensitive(ac, "ioapic_base"))
			return json_seterr(e, -JSON_EMISSING, c, "gic_version",
					   "required key missing (this is an "
					   "x86_64 arch_config; the zone ABI "
					   "here is aarch64 only)");
		return json_seterr(e, -JSON_EMISSING, c, "gic_version",
				   "required key missing");
	}
	if (cJSON_GetObjectItemCaseSensitive(ac, "memory_map_addr"))
		return json_seterr(
			e, -JSON_EVALUE, c, "memory_map_addr",
			"UEFI configuration needs ABI magic 0x6; "
			"this ABI is 0x%llx",
			(unsigned long long)HVISOR_CONFIG_MAGIC_VERSION);
	if (cJSON_IsString(v) && !strcmp(v->valuestring, "v3")) {
		struct hvisor_gicv3_config *g = &a->gic.v3;

		a->gic_version_tag = HVISOR_GIC_V3;
		if ((rc = json_get_u64(ac, c, "gicd_base", UINT64_MAX,
				       &g->gicd_base, e)) ||
		    (rc = json_get_u64(ac, c, "gicd_size", UINT64_MAX,
				       &g->gicd_size, e)) ||
		    (rc = json_get_u64(ac, c, "gicr_base", UINT64_MAX,
				       &g->gicr_base, e)) ||
		    (rc = json_get_u64(ac, c, "gicr_size", UINT64_MAX,
				       &g->gicr_size, e)) ||
		    (rc = json_opt_u64(ac, c, "gits_base", UINT64_MAX, 0,
				       &g->gits_base, e)) ||
		    (rc = json_opt_u64(ac, c, "gits_size", UINT64_MAX, 0,
				       &g->gits_size, e)))
			return rc;
	} else if (cJSON_IsString(v) && !strcmp(v->valuestring, "v2")) {
		struct hvisor_gicv2_config *g = &a->gic.v2;

		a->gic_version_tag = HVISOR_GIC_V2;
		if ((rc = json_get_u64(ac, c, "gicd_base", UINT64_MAX,
				       &g->gicd_base, e)) ||
		    (rc = json_get_u64(ac, c, "gicd_size", UINT64_MAX,
				       &g->gicd_size, e)) ||
		    (rc = json_get_u64(ac, c, "gicc_base", UINT64_MAX,
				       &g->gicc_base, e)) ||
		    (rc = json_get_u64(ac, c, "gicc_size", UINT64_MAX,
				       &g->gicc_size, e)) ||
		    (rc = json_get_u64(ac, c, "gicc_offset", UINT64_MAX,
				       &g->gicc_offset, e)) ||
		    (rc = json_get_u64(ac, c, "gich_base", UINT64_MAX,
				       &g->gich_base, e)) ||
		    (rc = json_get_u64(ac, c, "gich_size", UINT64_MAX,
				       &g->gich_size, e)) ||
		    (rc = json_get_u64(ac, c, "gicv_base", UINT64_MAX,
				       &g->gicv_base, e)) ||
		    (rc = json_get_u64(ac, c, "gicv_size", UINT64_MAX,
				       &g->gicv_size, e)))
			return rc;
	} else {
		return json_seterr(e, -JSON_EVALUE, c, "gic_version",
				   "expected \"v2\" or \"v3\"");
	}
	b = cJSON_GetObjectItemCaseSensitive(ac, "is_aarch32");
	if (b) {
		uint64_t n;

		if (cJSON_IsBool(b))
			a->is_aarch32 = cJSON_IsTrue(b) ? 1 : 0;
		else if (!json_item_u64(b, 1, &n))
			a->is_aarch32 = (uint8_t)n;
		else
			return json_seterr(e, -JSON_ETYPE, c, "is_aarch32",
					   "expected true, false, 0 or 1");
	}
	return 0;
}

static int parse_pci(const cJSON *root, struct zone_json *zj,
		     struct json_err *e)
{
	static const char *const u64keys[] = {
		"ecam_base",   "ecam_size",  "io_base",	       "io_size",
		"pci_io_base", "mem32_base", "mem32_size",     "pci_mem32_base",
		"mem64_base",  "mem64_size", "pci_mem64_base",
	};
	const cJSON *arr, *it;
	int rc, i = 0;

	/* Optional: older upstream examples have no pci_config. */
	rc = json_get_array(root, "", "pci_config",
			    HVISOR_CONFIG_PCI_BUS_MAXNUM, 0, &arr, e);
	if (rc || !arr)
		goto devs;
	cJSON_ArrayForEach(it, arr)
	{
		struct hvisor_pci_config *p = &zj->cfg.pci_config[i];
		uint64_t *f = &p->ecam_base;
		char ctx[CTX_MAX];
		size_t k;

		snprintf(ctx, sizeof(ctx), "pci_config[%d]", i);
		/* The 11 u64 fields are consecutive in the ABI struct. */
		for (k = 0; k < 11; k++)
			if ((rc = json_get_u64(it, ctx, u64keys[k], UINT64_MAX,
					       &f[k], e)))
				return rc;
		if ((rc = json_check_range(ctx, "ecam_size", p->ecam_base,
					   p->ecam_size, e)) ||
		    (rc = json_check_range(ctx, "io_size", p->io_base,
					   p->io_size, e)) ||
		    (rc = json_check_range(ctx, "mem32_size", p->mem32_base,
					   p->mem32_size, e)) ||
		    (rc = json_check_range(ctx, "mem64_size", p->mem64_base,
					   p->mem64_size, e)))
			return rc;
		if ((rc = json_get_u32(it, ctx, "bus_range_begin",
				       &p->bus_range_begin, e)) ||
		    (rc = json_get_u32(it, ctx, "bus_range_end",
				       &p->bus_range_end, e)) ||
		    (rc = json_get_u8(it, ctx, "domain", &p->domain, e)))
			return rc;
		i++;
	}
	zj->cfg.num_pci_bus = (uint64_t)i;
devs:
	if (rc)
		return rc;
	rc = json_get_array(root, "", "alloc_pci_devs",
			    HVISOR_CONFIG_MAX_PCI_DEV, 0, &arr, e);
	if (rc || !arr)
		return rc;
	i = 0;
	cJSON_ArrayForEach(it, arr)
	{
		static const char *const vk[] = { "v_bus", "v_device",
						  "v_function" };
		struct hvisor_pci_dev_config *d = &zj->cfg.alloc_pci_devs[i];
		char ctx[CTX_MAX];
		uint8_t v, *phys[3];
		int k;

		snprintf(ctx, sizeof(ctx), "alloc_pci_devs[%d]", i);
		if ((rc = json_get_u8(it, ctx, "domain", &d->domain, e)) ||
		    (rc = json_get_u8(it, ctx, "bus", &d->bus, e)) ||
		    (rc = json_get_u8(it, ctx, "device", &d->device, e)) ||
		    (rc = json_get_u8(it, ctx, "function", &d->function, e)) ||
		    (rc = json_get_u32(it, ctx, "dev_type", &d->dev_type, e)))
			return rc;
		/* ABI 0x5 has no virtual BDF: accept only the identity. */
		phys[0] = &d->bus;
		phys[1] = &d->device;
		phys[2] = &d->function;
		for (k = 0; k < 3; k++) {
			if (!cJSON_GetObjectItemCaseSensitive(it, vk[k]))
				continue;
			if ((rc = json_get_u8(it, ctx, vk[k], &v, e)))
				return rc;
			if (v != *phys[k])
				return json_seterr(e, -JSON_EVALUE, ctx, vk[k],
						   "virtual BDF remapping "
						   "needs a newer ABI than "
						   "magic 0x5");
		}
		i++;
	}
	zj->cfg.num_pci_devs = (uint64_t)i;
	return 0;
}

static int parse_root(const cJSON *root, struct zone_json *zj,
		      struct json_err *e)
{
	char name[HVISOR_CONFIG_NAME_MAXLEN + 1];
	const cJSON *a;
	uint64_t v;
	int rc, w;

	if (!cJSON_IsObject(root))
		return json_seterr(e, -JSON_ETYPE, "", NULL,
				   "expected a JSON object");
	if ((rc = json_get_u32(root, "", "zone_id", &zj->cfg.zone_id, e)))
		return rc;
	if ((rc = parse_cpus(root, zj, e)))
		return rc;
	rc = json_get_str(root, "", "name", name, sizeof(name), e);
	if (rc)
		return rc;
	/* strncpy on purpose: a 32-byte name fills the field, no NUL. */
	memcpy(zj->cfg.name, name, strlen(name));
	a = cJSON_GetObjectItemCaseSensitive(root, "arch");
	if (a && (rc = json_get_str(root, "", "arch", zj->arch,
				    sizeof(zj->arch), e)))
		return rc;
	if ((rc = parse_regions(root, zj, e)) ||
	    (rc = parse_irq_list(root, "interrupts", 1,
				 zj->cfg.interrupts_bitmap, e)) ||
	    (rc = parse_irq_list(root, "shared_interrupts", 0,
				 zj->shared_bitmap, e)) ||
	    (rc = parse_ivc(root, zj, e)) ||
	    (rc = json_get_str(root, "", "kernel_filepath", zj->kernel_filepath,
			       sizeof(zj->kernel_filepath), e)) ||
	    (rc = json_get_str(root, "", "dtb_filepath", zj->dtb_filepath,
			       sizeof(zj->dtb_filepath), e)) ||
	    (rc = json_get_u64(root, "", "kernel_load_paddr", UINT64_MAX,
			       &zj->cfg.kernel_load_paddr, e)) ||
	    (rc = json_get_u64(root, "", "dtb_load_paddr", UINT64_MAX,
			       &zj->cfg.dtb_load_paddr, e)) ||
	    (rc = json_get_u64(root, "", "entry_point", UINT64_MAX,
			       &zj->cfg.entry_point, e)) ||
	    (rc = parse_modules(root, zj, e)) ||
	    (rc = parse_arch(root, zj, e)) || (rc = parse_pci(root, zj, e)) ||
	    (rc = json_opt_u64(root, "", "debug_console", UINT64_MAX, 0,
			       &zj->debug_console, e)))
		return rc;
	if (zj->debug_console & (HVISOR_DEBUG_CONSOLE_SIZE - 1))
		return json_seterr(e, -JSON_EVALUE, "", "debug_console",
				   "0x%" PRIx64 " is not 0x%x aligned",
				   zj->debug_console,
				   HVISOR_DEBUG_CONSOLE_SIZE);
	if ((rc = json_check_range("", "debug_console", zj->debug_console,
				   HVISOR_DEBUG_CONSOLE_SIZE, e)))
		return rc;
	for (w = 0; w < HVISOR_CONFIG_INTERRUPTS_WORDS; w++) {
		uint32_t extra =
			zj->shared_bitmap[w] & ~zj->cfg.interrupts_bitmap[w];

		if (extra) {
			v = (uint64_t)w * 32 + (uint64_t)__builtin_ctz(extra);
			return json_seterr(
				e, -JSON_EVALUE, "", "shared_interrupts",
				"%" PRIu64 " is not in \"interrupts\"", v);
		}
	}
	return 0;
}

int zone_json_parse(const char *text, struct zone_json *zj,
		    struct json_err *err)
{
	cJSON *root;
	int rc;

	memset(zj, 0, sizeof(*zj));
	rc = json_parse_text(text, &root, err);
	if (rc)
		return rc;
	rc = parse_root(root, zj, err);
	cJSON_Delete(root);
	if (rc) {
		struct json_err keep;

		/* Leave no half-filled result behind. */
		if (err)
			keep = *err;
		memset(zj, 0, sizeof(*zj));
		if (err)
			*err = keep;
	}
	return rc;
}

int zone_json_load(const char *path, struct zone_json *zj, struct json_err *err)
{
	char *text;
	int rc = json_read_file(path, &text, err);

	if (rc)
		return rc;
	rc = zone_json_parse(text, zj, err);
	free(text);
	return rc;
}

static void put_hex(struct sbuf *s, const char *ind, const char *key,
		    uint64_t v, int last)
{
	sbuf_printf(s, "%s\"%s\": \"0x%" PRIx64 "\"%s\n", ind, key, v,
		    last ? "" : ",");
}

static void put_irqs(struct sbuf *s, const char *key, const uint32_t *bm)
{
	unsigned int i, n = 0;

	sbuf_printf(s, "    \"%s\": [", key);
	for (i = 0; i < HVISOR_CONFIG_MAX_INTERRUPTS; i++)
		if (zone_irq_test(bm, i))
			sbuf_printf(s, "%s%u", n++ ? ", " : "", i);
	sbuf_printf(s, "],\n");
}

static void put_arch(struct sbuf *s, const struct zone_json *zj)
{
	const struct hvisor_arch_zone_config *a = &zj->cfg.arch_config;
	const char *in = "        ";

	sbuf_printf(s, "    \"arch_config\": {\n");
	if (zj->riscv) {
		put_hex(s, in, "plic_base", zj->plic_base, 0);
		put_hex(s, in, "plic_size", zj->plic_size, 0);
		put_hex(s, in, "aplic_base", zj->aplic_base, 0);
		put_hex(s, in, "aplic_size", zj->aplic_size, 1);
		sbuf_printf(s, "    },\n");
		return;
	}
	if (a->gic_version_tag == HVISOR_GIC_V2) {
		const struct hvisor_gicv2_config *g = &a->gic.v2;

		sbuf_printf(s, "%s\"gic_version\": \"v2\",\n", in);
		put_hex(s, in, "gicd_base", g->gicd_base, 0);
		put_hex(s, in, "gicd_size", g->gicd_size, 0);
		put_hex(s, in, "gicc_base", g->gicc_base, 0);
		put_hex(s, in, "gicc_size", g->gicc_size, 0);
		put_hex(s, in, "gicc_offset", g->gicc_offset, 0);
		put_hex(s, in, "gich_base", g->gich_base, 0);
		put_hex(s, in, "gich_size", g->gich_size, 0);
		put_hex(s, in, "gicv_base", g->gicv_base, 0);
		put_hex(s, in, "gicv_size", g->gicv_size, 0);
	} else {
		const struct hvisor_gicv3_config *g = &a->gic.v3;

		sbuf_printf(s, "%s\"gic_version\": \"v3\",\n", in);
		put_hex(s, in, "gicd_base", g->gicd_base, 0);
		put_hex(s, in, "gicd_size", g->gicd_size, 0);
		put_hex(s, in, "gicr_base", g->gicr_base, 0);
		put_hex(s, in, "gicr_size", g->gicr_size, 0);
		put_hex(s, in, "gits_base", g->gits_base, 0);
		put_hex(s, in, "gits_size", g->gits_size, 0);
	}
	sbuf_printf(s, "%s\"is_aarch32\": %s\n    },\n", in,
		    a->is_aarch32 ? "true" : "false");
}

static void put_pci(struct sbuf *s, const struct hvisor_zone_config *c)
{
	static const char *const u64keys[] = {
		"ecam_base",   "ecam_size",  "io_base",	       "io_size",
		"pci_io_base", "mem32_base", "mem32_size",     "pci_mem32_base",
		"mem64_base",  "mem64_size", "pci_mem64_base",
	};
	const char *in = "            ";
	uint64_t i;
	size_t k;

	sbuf_printf(s, "    \"pci_config\": [");
	for (i = 0; i < c->num_pci_bus; i++) {
		const struct hvisor_pci_config *p = &c->pci_config[i];
		const uint64_t *f = &p->ecam_base;

		sbuf_printf(s, "%s\n        {\n", i ? "," : "");
		for (k = 0; k < 11; k++)
			put_hex(s, in, u64keys[k], f[k], 0);
		put_hex(s, in, "bus_range_begin", p->bus_range_begin, 0);
		put_hex(s, in, "bus_range_end", p->bus_range_end, 0);
		put_hex(s, in, "domain", p->domain, 1);
		sbuf_printf(s, "        }");
	}
	sbuf_printf(s, "%s]", c->num_pci_bus ? "\n    " : "");
	if (!c->num_pci_devs) {
		sbuf_printf(s, "\n");
		return;
	}
	sbuf_printf(s, ",\n    \"alloc_pci_devs\": [");
	for (i = 0; i < c->num_pci_devs; i++) {
		const struct hvisor_pci_dev_config *d = &c->alloc_pci_devs[i];

		sbuf_printf(s, "%s\n        {\n", i ? "," : "");
		put_hex(s, in, "domain", d->domain, 0);
		put_hex(s, in, "bus", d->bus, 0);
		put_hex(s, in, "device", d->device, 0);
		put_hex(s, in, "function", d->function, 0);
		put_hex(s, in, "dev_type", d->dev_type, 1);
		sbuf_printf(s, "        }");
	}
	sbuf_printf(s, "\n    ]\n");
}

char *zone_json_write(const struct zone_json *zj)
{
	static const char *const types[] = { "ram", "io", "virtio" };
	const struct hvisor_zone_config *c = &zj->cfg;
	const char *in = "            ";
	struct sbuf s;
	unsigned int i, n = 0, w;

	sbuf_init(&s);
	sbuf_printf(&s, "{\n");
	if (zj->arch[0]) {
		sbuf_printf(&s, "    \"arch\": ");
		sbuf_json_str(&s, zj->arch, sizeof(zj->arch));
		sbuf_printf(&s, ",\n");
	}
	sbuf_printf(&s, "    \"name\": ");
	sbuf_json_str(&s, c->name, sizeof(c->name));
	sbuf_printf(&s, ",\n    \"zone_id\": %u,\n    \"cpus\": [", c->zone_id);
	for (i = 0; i < 64; i++)
		if (c->cpus & (1ULL << i))
			sbuf_printf(&s, "%s%u", n++ ? ", " : "", i);
	sbuf_printf(&s, "],\n    \"memory_regions\": [");
	for (i = 0; i < c->num_memory_regions; i++) {
		const struct hvisor_memory_region *r = &c->memory_regions[i];

		sbuf_printf(&s, "%s\n        {\n%s\"type\": \"%s\",\n",
			    i ? "," : "", in,
			    r->mem_type < 3 ? types[r->mem_type] : "?");
		put_hex(&s, in, "physical_start", r->physical_start, 0);
		put_hex(&s, in, "virtual_start", r->virtual_start, 0);
		put_hex(&s, in, "size", r->size, 1);
		sbuf_printf(&s, "        }");
	}
	sbuf_printf(&s, "%s],\n", c->num_memory_regions ? "\n    " : "");
	put_irqs(&s, "interrupts", c->interrupts_bitmap);
	for (w = 0; w < HVISOR_CONFIG_INTERRUPTS_WORDS; w++)
		if (zj->shared_bitmap[w])
			break;
	if (w < HVISOR_CONFIG_INTERRUPTS_WORDS)
		put_irqs(&s, "shared_interrupts", zj->shared_bitmap);
	sbuf_printf(&s, "    \"ivc_configs\": [");
	for (i = 0; i < c->num_ivc_configs; i++) {
		const struct hvisor_ivc_config *v = &c->ivc_configs[i];

		sbuf_printf(&s, "%s\n        {\n", i ? "," : "");
		sbuf_printf(&s, "%s\"ivc_id\": %u,\n%s\"peer_id\": %u,\n", in,
			    v->ivc_id, in, v->peer_id);
		put_hex(&s, in, "control_table_ipa", v->control_table_ipa, 0);
		put_hex(&s, in, "shared_mem_ipa", v->shared_mem_ipa, 0);
		put_hex(&s, in, "rw_sec_size", v->rw_sec_size, 0);
		put_hex(&s, in, "out_sec_size", v->out_sec_size, 0);
		sbuf_printf(&s, "%s\"interrupt_num\": %u,\n", in,
			    v->interrupt_num);
		sbuf_printf(&s, "%s\"max_peers\": %u\n        }", in,
			    v->max_peers);
	}
	sbuf_printf(&s, "%s],\n", c->num_ivc_configs ? "\n    " : "");
	sbuf_printf(&s, "    \"kernel_filepath\": ");
	sbuf_json_str(&s, zj->kernel_filepath, sizeof(zj->kernel_filepath));
	sbuf_printf(&s, ",\n    \"dtb_filepath\": ");
	sbuf_json_str(&s, zj->dtb_filepath, sizeof(zj->dtb_filepath));
	sbuf_printf(&s, ",\n");
	put_hex(&s, "    ", "kernel_load_paddr", c->kernel_load_paddr, 0);
	put_hex(&s, "    ", "dtb_load_paddr", c->dtb_load_paddr, 0);
	put_hex(&s, "    ", "entry_point", c->entry_point, 0);
	if (zj->debug_console)
		put_hex(&s, "    ", "debug_console", zj->debug_console, 0);
	if (zj->num_modules) {
		sbuf_printf(&s, "    \"modules\": [");
		for (i = 0; i < zj->num_modules; i++) {
			const struct zone_json_module *m = &zj->modules[i];

			sbuf_printf(&s,
				    "%s\n        {\n%s\"name\": ", i ? "," : "",
				    in);
			sbuf_json_str(&s, m->name, sizeof(m->name));
			sbuf_printf(&s, ",\n%s\"filepath\": ", in);
			sbuf_json_str(&s, m->filepath, sizeof(m->filepath));
			sbuf_printf(&s, ",\n");
			put_hex(&s, in, "load_paddr", m->load_paddr, 1);
			sbuf_printf(&s, "        }");
		}
		sbuf_printf(&s, "\n    ],\n");
	}
	put_arch(&s, zj);
	put_pci(&s, c);
	sbuf_printf(&s, "}\n");
	return sbuf_take(&s);
}

int zone_json_save(const char *path, const struct zone_json *zj,
		   struct json_err *err)
{
	char *text = zone_json_write(zj);
	int rc;

	if (!text)
		return json_seterr(err, -JSON_ENOMEM, "", NULL,
				   "out of memory");
	rc = json_write_file_atomic(path, text, err);
	free(text);
	return rc;
}
