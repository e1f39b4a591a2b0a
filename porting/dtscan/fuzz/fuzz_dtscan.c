// SPDX-License-Identifier: GPL-2.0
/* libFuzzer target: any bytes through load, model, trim and both emitters. */
#include <stdint.h>
#include <stdlib.h>
#include <dtscan/dtscan.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct dtscan_opts o = { .input = "fuzz.dtb", .board = "fuzz" };
	struct dtscan_err err;
	struct dtscan *ds;
	char *yaml, *dts, *txt;

	/* without /memory most inputs would stop early: give RAM */
	o.ram_base[0] = 0x40000000;
	o.ram_size[0] = 0x40000000;
	o.nram = size & 1;
	if (dtscan_open_buf(data, size, &o, &ds, &err))
		return 0;
	if (!dtscan_render(ds, &yaml, &dts, &err)) {
		free(yaml);
		free(dts);
	}
	txt = dtscan_report(ds);
	free(txt);
	txt = dtscan_explain(ds);
	free(txt);
	txt = dtscan_summary(ds);
	free(txt);
	dtscan_close(ds);
	return 0;
}
