// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/* Copyright (c) 2026 hvisor-c contributors */
/*
 * Test driver of lib/ (lib/tests/run.sh):
 *   board_test FILE          board_load(), JSON on stdout, or the error
 *   board_test --mem FILE    board_load_mem() of the file's text
 *   board_test --range S     hvc_parse_range(): "BASE SIZE" in hex
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <hvc/board.h>
#include <hvc/fileio.h>
#include <hvc/parse.h>

int main(int argc, char **argv)
{
	struct hvc_buf out = { 0 };
	struct hvc_err e;
	struct board b;
	uint64_t base, size;
	char *text;
	size_t len;
	int rc;

	if (argc == 3 && !strcmp(argv[1], "--range")) {
		if (hvc_parse_range(argv[2], &base, &size))
			return fprintf(stderr, "bad range\n"), 1;
		printf("0x%" PRIx64 " 0x%" PRIx64 "\n", base, size);
		return 0;
	}
	memset(&e, 0, sizeof(e));
	if (argc == 3 && !strcmp(argv[1], "--mem")) {
		if (hvc_read_file(argv[2], &text, &len))
			return fprintf(stderr, "cannot read\n"), 1;
		rc = board_load_mem(text, len, argv[2], &b, &e);
		free(text);
	} else if (argc == 2) {
		rc = board_load(argv[1], &b, &e);
	} else {
		fprintf(stderr, "usage: board_test [--mem] FILE\n");
		return 2;
	}
	if (rc) {
		fprintf(stderr, "board_test: %s: %s%s%s", e.file, e.key,
			e.key[0] ? ": " : "",
			e.msg[0] ? e.msg : board_strerror(rc));
		if (e.hint[0])
			fprintf(stderr, " (hint: %s)", e.hint);
		fprintf(stderr, "\n");
		return 1;
	}
	rc = board_write_json(&b, &out);
	board_free(&b);
	if (rc)
		return 1;
	fputs(out.s, stdout);
	hvc_buf_free(&out);
	return 0;
}
