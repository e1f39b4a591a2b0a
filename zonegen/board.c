// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/* Copyright (c) 2026 hvisor-c contributors */
/*
 * Finding a board and reading its board.yaml: the reading and every rule
 * are lib/board.c's (the one board.yaml reader); this maps its errors.
 */
#include <errno.h>
#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "zg_internal.h"

const char *zonegen_strerror(int err)
{
	static const char *const s[] = {
		"success",
		"out of memory",
		"input/output error",
		"malformed board.yaml",
		"device tree error",
		"malformed JSON",
		"impossible request",
		"dtc failed",
		"check failed",
	};

	if (-err >= 0 && -err < (int)(sizeof(s) / sizeof(s[0])))
		return s[-err];
	return "unknown error";
}

/* A board name is one path component of letters, digits, - _ . */
static int bad_name(const char *s)
{
	const char *p;

	if (!s[0] || s[0] == '.')
		return 1;
	for (p = s; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		      (*p >= '0' && *p <= '9') || *p == '-' || *p == '_' ||
		      *p == '.'))
			return 1;
	return 0;
}

int zg_board_find(const char *boards_dir, const char *board, char *dir,
		  size_t size, struct hvc_err *e)
{
	char *pat;
	glob_t g;
	size_t n;
	int rc;

	if (bad_name(board))
		return zg_seterr(e, -ZG_EREQ, "(command line)", "--board",
				 "a board name: letters, digits, - _ and . "
				 "(not first)",
				 "bad board name \"%s\"", board);
	n = strlen(boards_dir) + strlen(board) + 32;
	pat = malloc(n);
	if (!pat)
		return -ZG_ENOMEM;
	snprintf(pat, n, "%s/*/%s/board.yaml", boards_dir, board);
	rc = glob(pat, GLOB_NOESCAPE, NULL, &g);
	if (rc || g.gl_pathc != 1) {
		if (!rc)
			globfree(&g);
		rc = zg_seterr(e, -ZG_EIO, pat, NULL,
			       "pass --boards-dir or run dtscan first",
			       rc ? "no such board"
				  : "board name found under several arches");
		free(pat);
		return rc;
	}
	free(pat);
	n = strlen(g.gl_pathv[0]) - strlen("/board.yaml");
	if (n >= size) {
		globfree(&g);
		return zg_seterr(e, -ZG_EIO, boards_dir, NULL, NULL,
				 "path longer than %zu bytes", size - 1);
	}
	memcpy(dir, g.gl_pathv[0], n);
	dir[n] = 0;
	globfree(&g);
	return 0;
}

int zg_board_load(const char *dir, struct board *b, struct hvc_err *e)
{
	size_t n = strlen(dir) + sizeof("/board.yaml");
	char *path = malloc(n);
	int rc;

	if (!path)
		return -ZG_ENOMEM;
	snprintf(path, n, "%s/board.yaml", dir);
	rc = board_load(path, b, e);
	free(path);
	if (!rc && (rc = board_check_runnable(b, e)))
		board_free(b);
	switch (rc) {
	case 0:
		return 0;
	case -BOARD_ENOMEM:
		return -ZG_ENOMEM;
	case -BOARD_EIO:
		return -ZG_EIO;
	default:
		return -ZG_EBOARD;
	}
}

int zonegen_board_load(const char *boards_dir, const char *board,
		       struct board *b, struct hvc_err *err)
{
	char dir[4096];
	int rc = zg_board_find(boards_dir, board, dir, sizeof(dir), err);

	return rc ? rc : zg_board_load(dir, b, err);
}
