// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/* Copyright (c) 2026 hvisor-c contributors */
/*
 * libFuzzer target of the board.yaml reader (make fuzz-board): any bytes
 * as a board.yaml.  A board the reader accepts must also give its JSON
 * (board_write_json) and pass or fail board_check_runnable() cleanly.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <hvc/board.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct hvc_buf out = { 0 };
	struct hvc_err e;
	struct board b;

	memset(&e, 0, sizeof(e));
	if (board_load_mem((const char *)data, size,
			   "boards/aarch64/qemu-gicv3/board.yaml", &b, &e))
		return 0;
	if (board_check_runnable(&b, &e) == 0 && board_write_json(&b, &out))
		abort(); /* a valid board must always render */
	free(out.s);
	board_free(&b);
	return 0;
}
