// SPDX-License-Identifier: GPL-2.0
/*
 * Driver of the query API for tests/run.sh: loads a DT with dtscan_load()
 * and prints, for each PATH argument, one line per reg entry and per
 * interrupt:
 *   PATH reg IDX BASE SIZE            (hex)
 *   PATH reg IDX error CODE-TEXT
 *   PATH irq IDX INTID TYPE NUMBER FLAGS CONTROLLER-PATH
 *   PATH irq IDX -1 WHY CONTROLLER-PATH
 * or "PATH error CODE-TEXT" when the node does not exist.
 */
#include <inttypes.h>
#include <libfdt.h>
#include <stdio.h>

#include <dtscan/dtscan.h>

static void ctrl_path(const void *fdt, int off, char *buf, int len)
{
	if (off < 0 || fdt_get_path(fdt, off, buf, len))
		snprintf(buf, (size_t)len, "-");
}

static void node(struct dtscan *ds, const char *path)
{
	struct dtscan_irq irq[16];
	struct dtscan_err err;
	int off = dtscan_node_by_path(ds, path), n, i;
	char cp[256];

	if (off < 0) {
		printf("%s error %s\n", path, dtscan_strerror(off));
		return;
	}
	n = dtscan_node_reg_count(ds, off, &err);
	for (i = 0; i < n; i++) {
		uint64_t base, size;
		int r = dtscan_node_reg(ds, off, i, &base, &size, &err);

		if (r)
			printf("%s reg %d error %s\n", path, i,
			       dtscan_strerror(r));
		else
			printf("%s reg %d 0x%" PRIx64 " 0x%" PRIx64 "\n", path,
			       i, base, size);
	}
	n = dtscan_node_irqs(ds, off, irq, 16, &err);
	if (n < 0)
		printf("%s irqs error %s\n", path, dtscan_strerror(n));
	for (i = 0; i < n && i < 16; i++) {
		ctrl_path(dtscan_fdt(ds), irq[i].controller, cp, sizeof(cp));
		if (irq[i].intid < 0)
			printf("%s irq %d -1 %s %s\n", path, i, irq[i].why, cp);
		else
			printf("%s irq %d %d %u %u %u %s\n", path, i,
			       irq[i].intid, irq[i].type, irq[i].number,
			       irq[i].flags, cp);
	}
}

int main(int argc, char **argv)
{
	struct dtscan_err err;
	struct dtscan *ds;
	int i, r;

	if (argc < 2) {
		fprintf(stderr, "usage: %s DTB [PATH...]\n", argv[0]);
		return 2;
	}
	r = dtscan_load(argv[1], &ds, &err);
	if (r) {
		printf("load error %s: %s: %s\n", dtscan_strerror(r), err.node,
		       err.msg);
		return 1;
	}
	for (i = 2; i < argc; i++)
		node(ds, argv[i]);
	dtscan_close(ds);
	return 0;
}
