// SPDX-License-Identifier: GPL-2.0
/* Copyright (c) 2026 hvisor-c contributors */
/* `hvisor zone start|shutdown|list`. */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <hvc/zone_json.h>

#include "cmd.h"
#include "hvisor_ioctl.h"

static int zone_start(const char *path)
{
	static struct zone_json zj;
	struct hvisor_zone_config *c = &zj.cfg;
	struct json_err err = { "", "" };
	uint64_t magic = 0, size;
	unsigned int i;
	int fd, rc;

	rc = zone_json_load(path, &zj, &err);
	if (rc) {
		fprintf(stderr, "hvisor: %s: %s%s%s\n", path, err.key,
			err.key[0] ? ": " : "",
			err.msg[0] ? err.msg : json_strerror(rc));
		return 1;
	}
	if (zj.debug_console) {
		struct hvisor_memory_region *r;

		if (c->num_memory_regions >= HVISOR_CONFIG_MAX_MEMORY_REGIONS) {
			fprintf(stderr,
				"hvisor: %s: debug_console: no room for one "
				"more memory region (ABI limit %d)\n",
				path, HVISOR_CONFIG_MAX_MEMORY_REGIONS);
			return 1;
		}
		r = &c->memory_regions[c->num_memory_regions++];
		r->mem_type = HVISOR_MEM_TYPE_DEBUG_CONSOLE;
		r->physical_start = zj.debug_console;
		r->virtual_start = zj.debug_console;
		r->size = HVISOR_DEBUG_CONSOLE_SIZE;
	}
	fd = hvisor_open();
	if (fd < 0)
		return 1;
	if (ioctl(fd, HVISOR_CONFIG_CHECK, &magic)) {
		fprintf(stderr, "hvisor: %s: config check: %s\n", HVISOR_DEVICE,
			strerror(errno));
		goto fail;
	}
	if (magic != HVISOR_CONFIG_MAGIC_VERSION) {
		fprintf(stderr,
			"hvisor: %s: zone config magic 0x%llx, the hypervisor "
			"wants 0x%" PRIx64 " (hint: rebuild hvisor-tool and "
			"the hypervisor from one tree)\n",
			path, HVISOR_CONFIG_MAGIC_VERSION, magic);
		goto fail;
	}
	if (strcmp(zj.kernel_filepath, "null")) {
		if (zone_load_file(fd, path, "kernel_filepath",
				   zj.kernel_filepath, c->kernel_load_paddr,
				   &size))
			goto fail;
		c->kernel_size = size;
	}
	if (strcmp(zj.dtb_filepath, "null")) {
		if (zone_load_file(fd, path, "dtb_filepath", zj.dtb_filepath,
				   c->dtb_load_paddr, &size))
			goto fail;
		c->dtb_size = size;
	}
	for (i = 0; i < zj.num_modules; i++) {
		char key[48];

		snprintf(key, sizeof(key), "modules[%u].filepath", i);
		if (zone_load_file(fd, path, key, zj.modules[i].filepath,
				   zj.modules[i].load_paddr, &size))
			goto fail;
	}
	if (ioctl(fd, HVISOR_ZONE_START, c)) {
		int e = errno;
		struct hvisor_last_error why;

		memset(&why, 0, sizeof(why));
		if (e == EEXIST)
			fprintf(stderr,
				"hvisor: %s: zone %u is already running "
				"(hint: hvisor zone shutdown -id %u)\n",
				path, c->zone_id, c->zone_id);
		else if (!ioctl(fd, HVISOR_LAST_ERROR, &why) && why.msg[0])
			fprintf(stderr,
				"hvisor: %s: zone %u (%.32s): start refused: "
				"%.*s\n",
				path, c->zone_id, c->name, (int)sizeof(why.msg),
				why.msg);
		else
			fprintf(stderr,
				"hvisor: %s: zone %u (%.32s): start refused: "
				"%s\n",
				path, c->zone_id, c->name, strerror(e));
		goto fail;
	}
	close(fd);
	return 0;
fail:
	close(fd);
	return 1;
}

static int zone_shutdown(int argc, char **argv)
{
	unsigned long long id;
	char *end;
	int fd;

	if (argc != 2 || strcmp(argv[0], "-id")) {
		fputs("hvisor: zone shutdown: usage: hvisor zone shutdown -id "
		      "<zone_id>\n",
		      stderr);
		return 1;
	}
	errno = 0;
	id = strtoull(argv[1], &end, 0);
	if (errno || end == argv[1] || *end || argv[1][0] == '-' ||
	    id >= HVISOR_CONFIG_MAX_ZONES) {
		fprintf(stderr,
			"hvisor: zone shutdown: -id %s: not a zone id "
			"(0..%d)\n",
			argv[1], HVISOR_CONFIG_MAX_ZONES - 1);
		return 1;
	}
	fd = hvisor_open();
	if (fd < 0)
		return 1;
	if (ioctl(fd, HVISOR_ZONE_SHUTDOWN, (unsigned long)id)) {
		fprintf(stderr, "hvisor: zone shutdown: zone %llu: %s%s\n", id,
			strerror(errno),
			errno == EINVAL
				? " (hint: no such zone, or the root zone)"
				: "");
		close(fd);
		return 1;
	}
	close(fd);
	return 0;
}

static void cpu_list(uint64_t cpus, char *buf, size_t size)
{
	size_t n = 0;
	int i;

	buf[0] = '\0';
	for (i = 0; i < 64 && n < size; i++)
		if (cpus & (1ULL << i))
			n += (size_t)snprintf(buf + n, size - n, "%s%d",
					      n ? ", " : "", i);
	if (!n)
		snprintf(buf, size, "none");
}

/* "running", or "stopped" with why (hvisor-c's stop_reason) */
static const char *zone_status(const struct hvisor_zone_info *z)
{
	switch (z->is_err ? z->stop_reason : HVISOR_ZONE_RUNNING) {
	case HVISOR_ZONE_RUNNING:
		return z->is_err ? "stopped" : "running";
	case HVISOR_ZONE_STOP_FAULT:
		return "stopped (fault)";
	case HVISOR_ZONE_STOP_POWEROFF:
		return "stopped (poweroff)";
	case HVISOR_ZONE_STOP_RESET:
		return "stopped (reset)";
	case HVISOR_ZONE_STOP_SHUTDOWN:
		return "stopped (shutdown)";
	default:
		return "stopped";
	}
}

static int zone_list(void)
{
	static struct hvisor_zone_info rows[HVISOR_CONFIG_MAX_ZONES];
	struct hvisor_zone_list_args a = { HVISOR_CONFIG_MAX_ZONES,
					   (uint64_t)(uintptr_t)rows };
	char cpus[160], name[HVISOR_CONFIG_NAME_MAXLEN + 1];
	int fd, n, i;

	fd = hvisor_open();
	if (fd < 0)
		return 1;
	n = ioctl(fd, HVISOR_ZONE_LIST, &a);
	if (n < 0) {
		fprintf(stderr, "hvisor: zone list: %s\n", strerror(errno));
		close(fd);
		return 1;
	}
	close(fd);
	/* upstream hvisor-tool's table, column for column */
	printf("| %11s     | %10s        | %9s       | %10s |\n", "zone_id",
	       "cpus", "name", "status");
	for (i = 0; i < n; i++) {
		cpu_list(rows[i].cpus, cpus, sizeof(cpus));
		memcpy(name, rows[i].name, HVISOR_CONFIG_NAME_MAXLEN);
		name[HVISOR_CONFIG_NAME_MAXLEN] = '\0';
		printf("| %15u | %17s | %15s | %10s |\n", rows[i].zone_id, cpus,
		       name, zone_status(&rows[i]));
	}
	return 0;
}

int cmd_zone(int argc, char **argv)
{
	if (argc == 2 && !strcmp(argv[0], "start"))
		return zone_start(argv[1]);
	if (argc >= 1 && !strcmp(argv[0], "shutdown"))
		return zone_shutdown(argc - 1, argv + 1);
	if (argc == 1 && !strcmp(argv[0], "list"))
		return zone_list();
	fputs("usage: hvisor zone start <zone.json>\n"
	      "       hvisor zone shutdown -id <zone_id>\n"
	      "       hvisor zone list\n",
	      stderr);
	return 1;
}
