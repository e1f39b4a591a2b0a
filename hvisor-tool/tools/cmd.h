/* SPDX-License-Identifier: GPL-2.0 */
/* Copyright (c) 2026 hvisor-c contributors */
/* Command groups of the `hvisor` CLI; each returns the process exit code. */
#ifndef HVISOR_TOOL_CMD_H
#define HVISOR_TOOL_CMD_H

#include <stdint.h>

/* cmd_zone() - `hvisor zone start|shutdown|list ...` (argv after "zone") */
int cmd_zone(int argc, char **argv);

/* cmd_virtio() - `hvisor virtio start|stop ...` (argv after "virtio") */
int cmd_virtio(int argc, char **argv);

/* hvisor_open() - open /dev/hvisor; prints the error line, -1 on failure */
int hvisor_open(void);

/**
 * path_beside() - @path as seen from the directory of file @json (a
 * relative path in a JSON file names a file next to it); absolute paths
 * are kept.  Return: malloc'd string, NULL without memory.
 */
char *path_beside(const char *json, const char *path);

/**
 * zone_load_file() - copy @file (relative to @json's directory unless
 * absolute) to physical @paddr in the zone's RAM through /dev/hvisor
 * (HVISOR_LOAD_IMAGE).
 * @size: set to the page-rounded size loaded
 * Prints one error line naming @json and @key on failure.
 * Return: 0 or -1.
 */
int zone_load_file(int fd, const char *json, const char *key, const char *file,
		   uint64_t paddr, uint64_t *size);

#endif /* HVISOR_TOOL_CMD_H */
