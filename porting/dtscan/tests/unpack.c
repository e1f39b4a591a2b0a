// SPDX-License-Identifier: GPL-2.0
/*
 * Test helper: unpack a DTB into a /proc/device-tree-style directory (a
 * folder per node, a file per property with the raw bytes, plus the
 * kernel's "name" files).  Usage: unpack FILE.dtb DIR
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <libfdt.h>

static int put(const char *path, const void *data, size_t len)
{
	FILE *f = fopen(path, "wb");

	if (!f || fwrite(data, 1, len, f) != len) {
		perror(path);
		return -1;
	}
	return fclose(f);
}

static int unpack(const void *fdt, int node, const char *dir)
{
	char path[4096];
	const char *name = fdt_get_name(fdt, node, NULL);
	int off, child;
	size_t l = strcspn(name, "@");
	char nm[256];

	if (mkdir(dir, 0755)) {
		perror(dir);
		return -1;
	}
	snprintf(nm, sizeof(nm), "%.*s", (int)l, name);
	snprintf(path, sizeof(path), "%s/name", dir);
	if (put(path, nm, l + 1))
		return -1;
	fdt_for_each_property_offset (off, fdt, node) {
		const char *pn;
		int len;
		const void *v = fdt_getprop_by_offset(fdt, off, &pn, &len);

		snprintf(path, sizeof(path), "%s/%s", dir, pn);
		if (put(path, v, (size_t)len))
			return -1;
	}
	fdt_for_each_subnode (child, fdt, node) {
		snprintf(path, sizeof(path), "%s/%s", dir,
			 fdt_get_name(fdt, child, NULL));
		if (unpack(fdt, child, path))
			return -1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	static char buf[4 << 20];
	FILE *f;
	size_t n;

	if (argc != 3)
		return 2;
	f = fopen(argv[1], "rb");
	if (!f)
		return 1;
	n = fread(buf, 1, sizeof(buf), f);
	fclose(f);
	if (fdt_check_full(buf, n))
		return 1;
	return unpack(buf, 0, argv[2]) ? 1 : 0;
}
