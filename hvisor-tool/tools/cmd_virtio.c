// SPDX-License-Identifier: GPL-2.0
/* Copyright (c) 2026 hvisor-c contributors */
/* `hvisor virtio start FILE [--log PATH]` and `hvisor virtio stop`. */
#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "virtio/virtio.h"

static int usage(void)
{
	fputs("hvisor: virtio: usage: hvisor virtio start <virtio_cfg.json> "
	      "[--log PATH|-]\n"
	      "                       hvisor virtio stop\n",
	      stderr);
	return 1;
}

int cmd_virtio(int argc, char **argv)
{
	const char *file = NULL, *log = VD_LOG_FILE;
	int i;

	if (argc == 1 && !strcmp(argv[0], "stop"))
		return vd_daemon_stop();
	if (argc < 2 || strcmp(argv[0], "start"))
		return usage();
	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--log") && i + 1 < argc)
			log = argv[++i];
		else if (argv[i][0] == '-' && argv[i][1])
			return usage();
		else if (!file)
			file = argv[i];
		else
			return usage();
	}
	if (!file)
		return usage();
	return vd_daemon_start(file, log);
}
