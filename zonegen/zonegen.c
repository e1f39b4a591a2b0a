// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/* Copyright (c) 2026 hvisor-c contributors */
/*
 * zonegen CLI.  Usage:
 *   zonegen NAME --board B --cpus 2,3 --mem BASE+SIZE [--virtio blk:IMG|
 *           console|net:TAP]... [--device DTPATH]... [--board-dtb F]
 *           [--kernel F]
 *           [--kernel-load ADDR] [--entry ADDR] [--initrd F]
 *           [--bootargs S] [--debug-console ADDR] [--dry-run]
 *           [--boards-dir D]
 *   zonegen check --board B [--boards-dir D] [--files DIR]
 *   zonegen derive --board B [--boards-dir D] -o DIR
 *   zonegen board-json --board B [--boards-dir D] [-o FILE]
 * A new zone is a request file, boards/<arch>/<b>/zones/NAME.yaml; derive
 * (what make runs) turns the board and its requests into the files the
 * build and the hvisor CLI use.  docs/zonegen.md.
 */
#include <errno.h>
#include <glob.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <hvc/board.h>
#include <hvc/fileio.h>
#include <hvc/parse.h>

#include "zonegen.h"

static void usage(void)
{
	fprintf(stderr,
		"usage: zonegen NAME --board B --cpus LIST --mem BASE+SIZE\n"
		"               [--virtio blk:IMG[:ro]|console|net:TAP]... "
		"[--device DTPATH]...\n"
		"               [--board-dtb DTB-or-DTS] "
		"(the DT the devices are copied from)\n"
		"               [--kernel F] [--kernel-load ADDR] "
		"[--entry ADDR] [--initrd F]\n"
		"               [--bootargs S] [--debug-console ADDR] "
		"[--dry-run] [--boards-dir D]\n"
		"       zonegen check --board B [--boards-dir D] "
		"[--files DIR]\n"
		"       zonegen derive --board B [--boards-dir D] -o DIR\n"
		"       zonegen board-json --board B [--boards-dir D] "
		"[-o FILE]\n");
}

static int report(const struct hvc_err *e, int rc)
{
	fprintf(stderr, "zonegen: %s: %s%s%s", e->file[0] ? e->file : "?",
		e->key, e->key[0] ? ": " : "",
		e->msg[0] ? e->msg : zonegen_strerror(rc));
	if (e->hint[0])
		fprintf(stderr, " (hint: %s)", e->hint);
	fprintf(stderr, "\n");
	return 1;
}

static int missing(const char *opt, const char *hint)
{
	fprintf(stderr, "zonegen: (command line): missing %s", opt);
	if (hint)
		fprintf(stderr, " (hint: %s)", hint);
	fprintf(stderr, "\n");
	return 1;
}

/* DIR/ARCH/NAME/board.yaml -> NAME in @name; nonzero if it does not fit. */
static int board_of(const char *p, char *name, size_t size)
{
	const char *e = strrchr(p, '/'), *b = e;

	while (b > p && b[-1] != '/')
		b--;
	if ((size_t)(e - b) >= size) {
		fprintf(stderr, "zonegen: %s: board name longer than %zu bytes\n",
			p, size - 1);
		return -1;
	}
	memcpy(name, b, (size_t)(e - b));
	name[e - b] = 0;
	return 0;
}

/* The board.yaml modified last, or -1 when two share the newest time. */
static int newest_board(const glob_t *g)
{
	struct timespec best = { 0, 0 };
	int at = -1, tie = 0;
	size_t i;

	for (i = 0; i < g->gl_pathc; i++) {
		struct stat st;

		if (stat(g->gl_pathv[i], &st))
			continue;
		if (at < 0 || st.st_mtim.tv_sec > best.tv_sec ||
		    (st.st_mtim.tv_sec == best.tv_sec &&
		     st.st_mtim.tv_nsec > best.tv_nsec)) {
			best = st.st_mtim;
			at = (int)i;
			tie = 0;
		} else if (st.st_mtim.tv_sec == best.tv_sec &&
			   st.st_mtim.tv_nsec == best.tv_nsec) {
			tie = 1;
		}
	}
	return tie ? -1 : at;
}

/*
 * No --board: $BOARD, else the only board under @dir (any arch), else the
 * board whose board.yaml was written last (dtscan's latest), else an
 * error listing the boards.  Which one is said in one line on stderr.
 * Return: the board name (static or from the environment), NULL after an
 * error line.
 */
static const char *default_board(const char *dir)
{
	static char name[256];
	const char *env = getenv("BOARD");
	size_t n = strlen(dir) + 32, i;
	char *pat = malloc(n);
	int rc, newest;
	glob_t g;

	if (env && *env) {
		fprintf(stderr, "zonegen: board %s (from $BOARD)\n", env);
		free(pat);
		return env;
	}
	if (!pat) {
		fprintf(stderr, "zonegen: out of memory\n");
		return NULL;
	}
	snprintf(pat, n, "%s/*/*/board.yaml", dir);
	rc = glob(pat, GLOB_NOESCAPE, NULL, &g);
	free(pat);
	if (rc == GLOB_NOMATCH || (!rc && !g.gl_pathc)) {
		if (!rc)
			globfree(&g);
		fprintf(stderr,
			"zonegen: %s: missing --board, and no board under it "
			"(hint: run dtscan first, or pass --boards-dir)\n",
			dir);
		return NULL;
	}
	if (rc) {
		fprintf(stderr, "zonegen: %s: cannot list boards\n", dir);
		return NULL;
	}
	if (g.gl_pathc == 1) {
		rc = board_of(g.gl_pathv[0], name, sizeof(name));
		if (!rc)
			fprintf(stderr,
				"zonegen: board %s (the only board under "
				"%s)\n",
				name, dir);
		globfree(&g);
		return rc ? NULL : name;
	}
	/* the one dtscan wrote last: the newest board.yaml, if one is */
	newest = newest_board(&g);
	if (newest >= 0 &&
	    !board_of(g.gl_pathv[newest], name, sizeof(name))) {
		fprintf(stderr,
			"zonegen: board %s (its board.yaml is the one written "
			"last under %s)\n",
			name, dir);
		globfree(&g);
		return name;
	}
	fprintf(stderr,
		"zonegen: (command line): missing --board; boards under "
		"%s:",
		dir);
	for (i = 0; i < g.gl_pathc; i++) {
		char *p = g.gl_pathv[i], *e = strrchr(p, '/'), *b = e;

		while (b > p && b[-1] != '/')
			b--;
		fprintf(stderr, "%s %.*s", i ? "," : "", (int)(e - b), b);
	}
	fprintf(stderr, " (hint: pass --board B or set BOARD=B)\n");
	globfree(&g);
	return NULL;
}

/* A value longer than the field it goes into: refused, never cut. */
static int too_long(const char *opt, const char *what, size_t len, size_t max,
		    const char *limit)
{
	fprintf(stderr,
		"zonegen: (command line): %s: %s of %zu bytes; zonegen takes "
		"at most %zu (%s)\n",
		opt, what, len, max, limit);
	return 1;
}

static int bad_arg(const char *opt, const char *val, const char *hint)
{
	fprintf(stderr, "zonegen: (command line): %s: bad value \"%s\"", opt,
		val ? val : "");
	if (hint)
		fprintf(stderr, " (hint: %s)", hint);
	fprintf(stderr, "\n");
	return 1;
}

static int parse_u64(const char *s, uint64_t *v)
{
	char *end;

	errno = 0;
	if (!s || !*s || *s == '-')
		return -1;
	*v = strtoull(s, &end, 0);
	return errno || *end ? -1 : 0;
}

static int parse_cpus(const char *s, uint64_t *mask)
{
	char *buf = strdup(s), *tok, *save;
	int rc = 0;

	if (!buf)
		return -1;
	*mask = 0;
	for (tok = strtok_r(buf, ",", &save); tok && !rc;
	     tok = strtok_r(NULL, ",", &save)) {
		uint64_t v;

		if (parse_u64(tok, &v) || v > 63)
			rc = -1;
		else
			*mask |= 1ULL << v;
	}
	free(buf);
	return !rc && *mask ? 0 : -1;
}

static int parse_virtio(const char *s, struct zg_virtio_req *v)
{
	const char *colon = strchr(s, ':');
	size_t tl = colon ? (size_t)(colon - s) : strlen(s);

	if (tl >= sizeof(v->type))
		return -1;
	memcpy(v->type, s, tl);
	v->type[tl] = 0;
	/* a path that does not fit is an error, never cut */
	if (colon && strlen(colon + 1) >= sizeof(v->arg))
		return -1;
	snprintf(v->arg, sizeof(v->arg), "%s", colon ? colon + 1 : "");
	if (!strcmp(v->type, "console"))
		return colon ? -1 : 0;
	if (!strcmp(v->type, "blk")) {
		size_t n = strlen(v->arg);

		/* blk:IMG:ro = a read-only disk */
		if (n > 3 && !strcmp(v->arg + n - 3, ":ro")) {
			v->arg[n - 3] = 0;
			v->read_only = 1;
		}
	}
	if (!strcmp(v->type, "blk") || !strcmp(v->type, "net"))
		return v->arg[0] ? 0 : -1;
	return -1;
}

static void print_findings(struct zg_findings *f)
{
	unsigned int i;

	for (i = 0; i < f->n; i++)
		fprintf(stderr, "zonegen: %s\n", f->lines[i]);
	zonegen_findings_free(f);
}

/* The options of check, derive and board-json: --board, --boards-dir,
 * and -o or --files where @out_opt / @files_ok allow them. */
struct sub_opts {
	const char *board, *dir, *out, *files;
};

static int sub_opts(int argc, char **argv, const char *out_opt, int files_ok,
		    struct sub_opts *o)
{
	int i;

	o->board = o->out = o->files = NULL;
	o->dir = "boards";
	for (i = 2; i < argc; i++) {
		const char *v = i + 1 < argc ? argv[i + 1] : NULL;

		if (!v)
			return -1;
		if (!strcmp(argv[i], "--board"))
			o->board = v;
		else if (!strcmp(argv[i], "--boards-dir"))
			o->dir = v;
		else if (out_opt && !strcmp(argv[i], out_opt))
			o->out = v;
		else if (files_ok && !strcmp(argv[i], "--files"))
			o->files = v;
		else
			return -1;
		i++;
	}
	return 0;
}

/* check: derive into a temporary directory and cross-check; derive: the
 * same, then keep the files in -o DIR (what make runs). */
static int cmd_check(int argc, char **argv, int keep)
{
	struct zg_findings f = { 0, NULL };
	const char *board, *dir, *outdir, *files;
	struct zg_output out;
	struct sub_opts o;
	struct hvc_err e;
	int rc;

	if (sub_opts(argc, argv, keep ? "-o" : NULL, !keep, &o))
		return usage(), 2;
	board = o.board;
	dir = o.dir;
	outdir = o.out;
	files = o.files;
	if (keep && !outdir)
		return missing("-o", "the output directory, e.g. "
				     "-o build/aarch64/qemu-gicv3");
	if (!board && !(board = default_board(dir)))
		return 1;
	memset(&e, 0, sizeof(e));
	rc = zonegen_check(dir, board, outdir, files, &f, &out, &e);
	print_findings(&f);
	if (out.notes && !rc)
		fprintf(stderr, "%s", out.notes);
	if (out.info && !rc && keep)
		printf("%s", out.info);
	if (rc == -ZG_ECHECK) {
		fprintf(stderr, "zonegen: check of %s failed%s\n", board,
			keep ? "; nothing written" : "");
		zonegen_output_free(&out);
		return 1;
	}
	if (rc) {
		zonegen_output_free(&out);
		return report(&e, rc);
	}
	if (keep)
		printf("zonegen: derived %u files of %s into %s\n",
		       out.num_files, board, outdir);
	else
		printf("zonegen: check of %s: ok\n", board);
	zonegen_output_free(&out);
	return 0;
}

/*
 * board-json: the board as lib/board.c validated it, as the JSON the
 * hypervisor's templates render (make runs this; render.py reads only it).
 */
static int cmd_board_json(int argc, char **argv)
{
	struct hvc_buf j = { 0 };
	const char *board, *dirs, *out;
	struct sub_opts o;
	struct board b;
	struct hvc_err e;
	int rc;

	if (sub_opts(argc, argv, "-o", 0, &o))
		return usage(), 2;
	board = o.board;
	dirs = o.dir;
	out = o.out;
	if (!board)
		return missing("--board", "zonegen board-json --board B");
	memset(&e, 0, sizeof(e));
	rc = zonegen_board_load(dirs, board, &b, &e);
	if (rc)
		return report(&e, rc);
	rc = board_write_json(&b, &j);
	board_free(&b);
	if (rc) {
		hvc_buf_free(&j);
		fprintf(stderr, "zonegen: out of memory\n");
		return 1;
	}
	if (!out) {
		rc = fputs(j.s, stdout) < 0 || fflush(stdout) ? -EIO : 0;
	} else {
		rc = hvc_write_atomic(out, j.s, j.len, 0);
	}
	hvc_buf_free(&j);
	if (rc) {
		fprintf(stderr, "zonegen: %s: cannot write: %s\n",
			out ? out : "(stdout)", strerror(-rc));
		return 1;
	}
	return 0;
}

/* The request file, created (never replaced) with its zones/ directory. */
static int write_request(const struct zg_file *f, struct hvc_err *e)
{
	char dir[4400];
	int rc;

	if (hvc_dir_of(f->path, dir, sizeof(dir)) || (rc = hvc_mkdirs(dir)))
		return hvc_seterr(e, -ZG_EIO, f->path, NULL, NULL,
				 "cannot make its directory");
	rc = hvc_write_atomic(f->path, f->data, f->len, HVC_WRITE_EXCL);
	if (rc)
		return hvc_seterr(e, -ZG_EIO, f->path, NULL, NULL,
				 "cannot write: %s", strerror(-rc));
	return 0;
}

int main(int argc, char **argv)
{
	struct zg_request req;
	struct zg_output out;
	struct hvc_err e;
	int i, rc, dry = 0, have_mem = 0;

	if (argc < 2 || !strcmp(argv[1], "-h") || !strcmp(argv[1], "--help"))
		return usage(), argc < 2 ? 2 : 0;
	if (!strcmp(argv[1], "check"))
		return cmd_check(argc, argv, 0);
	if (!strcmp(argv[1], "derive"))
		return cmd_check(argc, argv, 1);
	if (!strcmp(argv[1], "board-json"))
		return cmd_board_json(argc, argv);
	memset(&req, 0, sizeof(req));
	memset(&e, 0, sizeof(e));
	req.name = argv[1];
	req.boards_dir = "boards";
	for (i = 2; i < argc; i++) {
		const char *o = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;

		if (!strcmp(o, "--dry-run")) {
			dry = 1;
			continue;
		}
		if (!v) {
			fprintf(stderr,
				"zonegen: (command line): %s needs a value\n",
				o);
			return 1;
		}
		i++;
		if (!strcmp(o, "--board")) {
			req.board = v;
		} else if (!strcmp(o, "--boards-dir")) {
			req.boards_dir = v;
		} else if (!strcmp(o, "--cpus")) {
			if (parse_cpus(v, &req.cpus))
				return bad_arg(o, v, "e.g. --cpus 2,3");
		} else if (!strcmp(o, "--mem")) {
			if (hvc_parse_range(v, &req.mem_base, &req.mem_size))
				return bad_arg(o, v,
					       "BASE+SIZE, e.g. --mem "
					       "0x50000000+512M");
			have_mem = 1;
		} else if (!strcmp(o, "--virtio")) {
			const char *c = strchr(v, ':');

			if (req.num_virtio >= ZG_MAX_VIRTIO) {
				fprintf(stderr,
					"zonegen: (command line): --virtio: "
					"more than %d virtio devices in one "
					"zone (ZG_MAX_VIRTIO)\n",
					ZG_MAX_VIRTIO);
				return 1;
			}
			if (c && strlen(c + 1) >= sizeof(req.virtio[0].arg))
				return too_long(o, "IMAGE or TAP",
						strlen(c + 1),
						sizeof(req.virtio[0].arg) - 1,
						"struct zg_virtio_req");
			if (parse_virtio(v, &req.virtio[req.num_virtio++]))
				return bad_arg(
					o, v,
					"blk:IMAGE[:ro], console or net:TAP");
		} else if (!strcmp(o, "--device")) {
			if (req.num_devices >= ZG_MAX_DEVICES) {
				fprintf(stderr,
					"zonegen: (command line): --device "
					"%s: more than %d devices in one zone "
					"(ZG_MAX_DEVICES)\n",
					v, ZG_MAX_DEVICES);
				return 1;
			}
			req.devices[req.num_devices++] = v;
		} else if (!strcmp(o, "--board-dtb")) {
			req.board_dtb = v;
		} else if (!strcmp(o, "--kernel")) {
			req.kernel = v;
		} else if (!strcmp(o, "--kernel-load")) {
			if (parse_u64(v, &req.kernel_load) || !req.kernel_load)
				return bad_arg(o, v,
					       "e.g. --kernel-load "
					       "0x50200000");
		} else if (!strcmp(o, "--entry")) {
			if (parse_u64(v, &req.entry) || !req.entry)
				return bad_arg(o, v, "e.g. --entry 0x50200000");
		} else if (!strcmp(o, "--debug-console")) {
			if (parse_u64(v, &req.debug_console) ||
			    !req.debug_console)
				return bad_arg(
					o, v, "e.g. --debug-console 0x9000000");
		} else if (!strcmp(o, "--initrd")) {
			req.initrd = v;
		} else if (!strcmp(o, "--bootargs")) {
			req.bootargs = v;
		} else {
			usage();
			return 2;
		}
	}
	if (!req.cpus)
		return missing("--cpus", "the zone's CPUs, e.g. --cpus 2,3");
	if (!have_mem)
		return missing("--mem",
			       "the zone's RAM, e.g. --mem 0x50000000+512M");
	if (!req.board && !(req.board = default_board(req.boards_dir)))
		return 1;
	rc = zonegen_request(&req, &out, &e);
	if (rc)
		return report(&e, rc);
	if (out.notes)
		fprintf(stderr, "%s", out.notes);
	if (out.info)
		fprintf(dry ? stderr : stdout, "%s", out.info);
	if (dry) {
		rc = fputs(out.files[0].data, stdout) < 0 || fflush(stdout);
		zonegen_output_free(&out);
		return rc;
	}
	rc = write_request(&out.files[0], &e);
	if (!rc) {
		printf("zonegen: wrote %s\n", out.files[0].path);
		printf("zonegen: the build derives zone %s from it: make "
		       "BOARD=%s (files in $O/<arch>/%s/zones/%s/), or "
		       "zonegen derive --board %s -o DIR\n",
		       req.name, req.board, req.board, req.name, req.board);
	}
	zonegen_output_free(&out);
	return rc ? report(&e, rc) : 0;
}
