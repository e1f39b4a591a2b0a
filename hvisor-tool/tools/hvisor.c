// SPDX-License-Identifier: GPL-2.0
/* Copyright (c) 2026 hvisor-c contributors */
/*
 * `hvisor`: the root zone's command-line tool (upstream hvisor-tool's
 * command set).  Output: `zone list` prints a table; errors are one line
 * on stderr, exit status 1.
 */
#include <stdio.h>
#include <string.h>

#include "cmd.h"

static void usage(FILE *f)
{
	fputs("usage: hvisor zone start <zone.json>\n"
	      "       hvisor zone shutdown -id <zone_id>\n"
	      "       hvisor zone list\n"
	      "       hvisor virtio start <virtio_cfg.json> [--log PATH|-]\n"
	      "       hvisor virtio stop\n",
	      f);
}

int main(int argc, char **argv)
{
	if (argc >= 2 &&
	    (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))) {
		usage(stdout);
		return 0;
	}
	if (argc >= 2 && !strcmp(argv[1], "zone"))
		return cmd_zone(argc - 2, argv + 2);
	if (argc >= 2 && !strcmp(argv[1], "virtio"))
		return cmd_virtio(argc - 2, argv + 2);
	if (argc >= 2)
		fprintf(stderr, "hvisor: %s: unknown command\n", argv[1]);
	usage(stderr);
	return 1;
}
