// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/* Copyright (c) 2026 hvisor-c contributors */
/*
 * Test driver for the zone JSON and virtio_cfg.json libraries.
 *   json_test zone FILE        parse; print the error as FILE: KEY: MSG
 *   json_test zone-rt FILE     parse -> write -> parse, compare
 *   json_test zone-write FILE  parse and print what the writer makes
 *   json_test virtio FILE | virtio-rt FILE | virtio-write FILE
 *   json_test abi              print the ABI offsets checked by run.sh
 *   json_test batch zone|virtio FILE...
 *                              parse each file in this process; print one
 *                              JSON line per file: {"file", "rc" (0 or 1),
 *                              "err" (KEY: MSG) or "text" (the writer's
 *                              output)}, for the mutation test
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <hvc/virtio_cfg_json.h>
#include <hvc/zone_json.h>

static int fail(const char *file, const struct json_err *e, int rc)
{
	fprintf(stderr, "json_test: %s: %s: %s (%s)\n", file, e->key, e->msg,
		json_strerror(rc));
	return 1;
}

/* One JSON format under test: its struct size and library entry points. */
struct format {
	const char *name; /* mode prefix: "zone" or "virtio" */
	size_t size;
	int (*load)(const char *path, void *obj, struct json_err *e);
	int (*parse)(const char *text, void *obj, struct json_err *e);
	char *(*write)(const void *obj);
};

static int zone_load(const char *p, void *o, struct json_err *e)
{
	return zone_json_load(p, o, e);
}

static int zone_parse(const char *t, void *o, struct json_err *e)
{
	return zone_json_parse(t, o, e);
}

static char *zone_write(const void *o)
{
	return zone_json_write(o);
}

static int virtio_load(const char *p, void *o, struct json_err *e)
{
	return virtio_cfg_load(p, o, e);
}

static int virtio_parse(const char *t, void *o, struct json_err *e)
{
	return virtio_cfg_parse(t, o, e);
}

static char *virtio_write(const void *o)
{
	return virtio_cfg_write(o);
}

static const struct format formats[] = {
	{ "zone", sizeof(struct zone_json), zone_load, zone_parse, zone_write },
	{ "virtio", sizeof(struct virtio_cfg), virtio_load, virtio_parse,
	  virtio_write },
};

/* MODE is NAME (parse), NAME-write (print) or NAME-rt (round trip). */
static int run(const struct format *f, const char *suffix, const char *file)
{
	void *a = calloc(1, f->size), *b = calloc(1, f->size);
	struct json_err e = { "", "" };
	char *t1 = NULL, *t2 = NULL;
	int rc, ret = 1;

	if (!a || !b)
		goto out;
	rc = f->load(file, a, &e);
	if (rc) {
		ret = fail(file, &e, rc);
		goto out;
	}
	t1 = f->write(a);
	if (!t1)
		goto out;
	if (!strcmp(suffix, "-write")) {
		fputs(t1, stdout);
		ret = 0;
		goto out;
	}
	if (!*suffix) {
		ret = 0;
		goto out;
	}
	rc = f->parse(t1, b, &e);
	if (rc) {
		ret = fail("(written)", &e, rc);
		goto out;
	}
	t2 = f->write(b);
	if (memcmp(a, b, f->size) || !t2 || strcmp(t1, t2)) {
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

/* One line of the batch mode for @file. */
static int batch_one(const struct format *f, const char *file)
{
	void *a = calloc(1, f->size);
	struct json_err e = { "", "" };
	struct sbuf s;
	char *text, *line;
	int rc;

	if (!a)
		return -1;
	sbuf_init(&s);
	sbuf_printf(&s, "{\"file\": ");
	sbuf_json_str(&s, file, strlen(file));
	rc = f->load(file, a, &e);
	if (rc) {
		char msg[sizeof(e.key) + sizeof(e.msg) + 2];

		snprintf(msg, sizeof(msg), "%s: %s", e.key, e.msg);
		sbuf_printf(&s, ", \"rc\": 1, \"err\": ");
		sbuf_json_str(&s, msg, sizeof(msg));
	} else {
		text = f->write(a);
		if (!text) {
			free(a);
			free(sbuf_take(&s));
			return -1;
		}
		sbuf_printf(&s, ", \"rc\": 0, \"text\": ");
		sbuf_json_str(&s, text, strlen(text));
		free(text);
	}
	sbuf_printf(&s, "}\n");
	free(a);
	line = sbuf_take(&s);
	if (!line)
		return -1;
	fputs(line, stdout);
	fflush(stdout); /* a crash on the next file keeps this line */
	free(line);
	return 0;
}

static int batch(const char *mode, int n, char **files)
{
	const struct format *f = NULL;
	int i;

	for (i = 0; i < (int)(sizeof(formats) / sizeof(formats[0])); i++)
		if (!strcmp(mode, formats[i].name))
			f = &formats[i];
	if (!f) {
		fprintf(stderr, "json_test: batch: unknown format %s\n", mode);
		return 2;
	}
	for (i = 0; i < n; i++)
		if (batch_one(f, files[i])) {
			fprintf(stderr, "json_test: out of memory\n");
			return 2;
		}
	return 0;
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
	if (argc >= 3 && !strcmp(argv[1], "batch"))
		return batch(argv[2], argc - 3, argv + 3);
	if (argc != 3) {
		fprintf(stderr, "usage: json_test MODE FILE\n");
		return 2;
	}
	for (size_t i = 0; i < sizeof(formats) / sizeof(formats[0]); i++) {
		size_t n = strlen(formats[i].name);

		const char *sfx = argv[1] + n;

		if (!strncmp(argv[1], formats[i].name, n) &&
		    (!*sfx || !strcmp(sfx, "-write") || !strcmp(sfx, "-rt")))
			return run(&formats[i], sfx, argv[2]);
	}
	fprintf(stderr, "json_test: unknown mode %s\n", argv[1]);
	return 2;
}
