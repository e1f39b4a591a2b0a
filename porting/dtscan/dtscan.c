// SPDX-License-Identifier: GPL-2.0
/* dtscan CLI: options, messages, atomic writes.  The work is in the library. */
#include <errno.h>
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "dtscan.h"

static const char usage[] =
	"usage: dtscan INPUT --board NAME [options]\n"
	"  INPUT             DTB file or /proc/device-tree-style directory\n"
	"  --board NAME      board name (no path separators)\n"
	"  --arch ARCH       architecture (default: from the CPUs; aarch64)\n"
	"  -o DIR            output directory (default boards/ARCH/NAME)\n"
	"  --ram BASE+SIZE   RAM instead of /memory (repeatable)\n"
	"  --console PATH|none  console UART node or alias (default:\n"
	"                    /chosen/stdout-path)\n"
	"  --keep PAT        keep nodes: /path glob, compatible or name glob\n"
	"  --drop PAT        drop nodes (same patterns); both repeatable\n"
	"  --explain         print every kept node and why\n"
	"  --report          print everything dropped and why\n"
	"  --force           overwrite an existing board\n"
	"  -h, --help        this text\n";

static int die(const char *file, const char *where, const char *msg,
	       const char *hint)
{
	fprintf(stderr, "dtscan: %s: %s: %s", file, where, msg);
	if (hint && *hint)
		fprintf(stderr, " (hint: %s)", hint);
	fputc('\n', stderr);
	return 1;
}

static int mkdirs(const char *dir)
{
	char tmp[4096];
	size_t i, n = strlen(dir);

	if (n >= sizeof(tmp))
		return -1;
	memcpy(tmp, dir, n + 1);
	for (i = 1; i <= n; i++) {
		if (tmp[i] != '/' && tmp[i] != '\0')
			continue;
		tmp[i] = '\0';
		if (mkdir(tmp, 0777) && errno != EEXIST)
			return -1;
		tmp[i] = dir[i];
	}
	return 0;
}

static int write_tmp(const char *dir, const char *base, const char *data,
		     char *tmpname, size_t tmpsz)
{
	FILE *f;
	int fd;
	size_t n = strlen(data);

	snprintf(tmpname, tmpsz, "%s/.%s.XXXXXX", dir, base);
	fd = mkstemp(tmpname);
	if (fd < 0)
		return -1;
	fchmod(fd, 0644);
	f = fdopen(fd, "w");
	if (!f) {
		close(fd);
		unlink(tmpname);
		return -1;
	}
	if (fwrite(data, 1, n, f) != n || fflush(f)) {
		fclose(f);
		unlink(tmpname);
		return -1;
	}
	if (fclose(f)) {
		unlink(tmpname);
		return -1;
	}
	return 0;
}

/* Both files or neither: temp files first, then two renames. */
static int write_board(const char *dir, const char *yaml, const char *dts,
		       int force)
{
	char ty[4200], td[4200], fy[4200], fd[4200];
	struct stat st;
	bool made;

	snprintf(fy, sizeof(fy), "%s/board.yaml", dir);
	snprintf(fd, sizeof(fd), "%s/zone0.dts", dir);
	if (!force && (!stat(fy, &st) || !stat(fd, &st)))
		return die(dir, "board.yaml", "board already exists",
			   "use --force to overwrite");
	made = stat(dir, &st) != 0;
	if (made && mkdirs(dir)) {
		int e = errno;

		return die(dir, "-o", strerror(e),
			   "pick a writable output directory with -o");
	}
	if (write_tmp(dir, "board.yaml", yaml, ty, sizeof(ty))) {
		int e = errno;

		if (made)
			rmdir(dir);
		return die(dir, "board.yaml", strerror(e),
			   "pick a writable output directory with -o");
	}
	if (write_tmp(dir, "zone0.dts", dts, td, sizeof(td))) {
		int e = errno;

		unlink(ty);
		if (made)
			rmdir(dir);
		return die(dir, "zone0.dts", strerror(e),
			   "pick a writable output directory with -o");
	}
	if (rename(ty, fy) || rename(td, fd)) {
		int e = errno;

		unlink(ty);
		unlink(td);
		return die(dir, "board.yaml", strerror(e), NULL);
	}
	return 0;
}

enum {
	OPT_BOARD = 256,
	OPT_ARCH,
	OPT_RAM,
	OPT_CONSOLE,
	OPT_KEEP,
	OPT_DROP,
	OPT_EXPLAIN,
	OPT_REPORT,
	OPT_FORCE
};

int main(int argc, char **argv)
{
	static const struct option lopts[] = {
		{ "board", required_argument, NULL, OPT_BOARD },
		{ "arch", required_argument, NULL, OPT_ARCH },
		{ "ram", required_argument, NULL, OPT_RAM },
		{ "console", required_argument, NULL, OPT_CONSOLE },
		{ "keep", required_argument, NULL, OPT_KEEP },
		{ "drop", required_argument, NULL, OPT_DROP },
		{ "explain", no_argument, NULL, OPT_EXPLAIN },
		{ "report", no_argument, NULL, OPT_REPORT },
		{ "force", no_argument, NULL, OPT_FORCE },
		{ "help", no_argument, NULL, 'h' },
		{ 0 },
	};
	struct dtscan_opts o = { 0 };
	struct dtscan_err err;
	struct dtscan *ds;
	const char *outdir = NULL;
	char dirbuf[4096], *yaml, *dts, *txt;
	int c, explain = 0, report = 0, force = 0, rc;

	while ((c = getopt_long(argc, argv, "ho:", lopts, NULL)) != -1) {
		switch (c) {
		case 'h':
			fputs(usage, stdout);
			return 0;
		case 'o':
			outdir = optarg;
			break;
		case OPT_BOARD:
			o.board = optarg;
			break;
		case OPT_ARCH:
			o.arch = optarg;
			break;
		case OPT_CONSOLE:
			o.console = optarg;
			break;
		case OPT_RAM:
			if (o.nram == DTSCAN_MAX_RAM ||
			    dtscan_parse_range(optarg, &o.ram_base[o.nram],
					       &o.ram_size[o.nram]))
				return die("-", "--ram", "invalid RAM range",
					   "write BASE+SIZE, e.g. "
					   "0x40000000+0x80000000 or "
					   "0x40000000+2G");
			o.nram++;
			break;
		case OPT_KEEP:
		case OPT_DROP:
			if ((c == OPT_KEEP ? o.nkeep : o.ndrop) ==
			    DTSCAN_MAX_PATTERNS)
				return die("-",
					   c == OPT_KEEP ? "--keep" : "--drop",
					   "too many patterns", NULL);
			if (c == OPT_KEEP)
				o.keep[o.nkeep++] = optarg;
			else
				o.drop[o.ndrop++] = optarg;
			break;
		case OPT_EXPLAIN:
			explain = 1;
			break;
		case OPT_REPORT:
			report = 1;
			break;
		case OPT_FORCE:
			force = 1;
			break;
		default:
			fputs(usage, stderr);
			return 1;
		}
	}
	if (optind != argc - 1)
		return die("-", "INPUT", "give exactly one input",
			   "dtscan FILE.dtb --board NAME");
	o.input = argv[optind];
	if (!o.board || !*o.board)
		return die(o.input, "--board", "no board name",
			   "add --board NAME");
	if (strchr(o.board, '/') || strchr(o.board, '\\') ||
	    !strcmp(o.board, ".") || !strcmp(o.board, ".."))
		return die(o.input, "--board",
			   "board name contains a path separator",
			   "use a plain name like rk3568; -o DIR picks the "
			   "directory");
	if (o.arch && (strchr(o.arch, '/') || !*o.arch))
		return die(o.input, "--arch", "invalid architecture name",
			   "aarch64");

	rc = dtscan_open(&o, &ds, &err);
	if (rc)
		return die(err.file, err.node, err.msg, err.hint);
	rc = dtscan_render(ds, &yaml, &dts, &err);
	if (rc) {
		dtscan_close(ds);
		return die(err.file, err.node, err.msg, err.hint);
	}
	if (!outdir) {
		snprintf(dirbuf, sizeof(dirbuf), "boards/%s/%s",
			 dtscan_arch(ds), o.board);
		outdir = dirbuf;
	}
	rc = write_board(outdir, yaml, dts, force);
	free(yaml);
	free(dts);
	if (!rc) {
		txt = dtscan_summary(ds);
		if (txt)
			printf("%s", txt);
		free(txt);
		printf("  wrote %s/board.yaml and %s/zone0.dts\n", outdir,
		       outdir);
		if (explain) {
			txt = dtscan_explain(ds);
			printf("kept nodes:\n%s", txt ? txt : "");
			free(txt);
		}
		if (report) {
			txt = dtscan_report(ds);
			printf("%s", txt ? txt : "");
			free(txt);
		}
	}
	dtscan_close(ds);
	return rc;
}
