// SPDX-License-Identifier: GPL-2.0
/* dtscan CLI: options, messages, atomic writes.  The work is in the library. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <dtscan/dtscan.h>

#include <hvc/board.h>

static const char usage[] =
	"usage: dtscan INPUT --board NAME [options]\n"
	"  INPUT             DTB file or /proc/device-tree-style directory\n"
	"  --board NAME      board name: [a-z0-9][a-z0-9._-]*, at most 64\n"
	"  --arch ARCH       aarch64 or riscv64 (default: from the CPUs)\n"
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

/* One line whatever the text holds: control characters as \xNN. */
static void put_line_part(const char *s)
{
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c < 0x20 || c == 0x7f)
			fprintf(stderr, "\\x%02x", c);
		else
			fputc(c, stderr);
	}
}

static int die(const char *file, const char *where, const char *msg,
	       const char *hint)
{
	fputs("dtscan: ", stderr);
	put_line_part(file);
	fputs(": ", stderr);
	put_line_part(where);
	fputs(": ", stderr);
	put_line_part(msg);
	if (hint && *hint) {
		fputs(" (hint: ", stderr);
		put_line_part(hint);
		fputc(')', stderr);
	}
	fputc('\n', stderr);
	return 1;
}

#define MAX_MADE 64

/* Directories this run created, outermost first: removed on failure. */
struct made {
	char *dir[MAX_MADE];
	int n;
};

static void undo_dirs(struct made *m)
{
	while (m->n > 0) {
		m->n--;
		rmdir(m->dir[m->n]);
		free(m->dir[m->n]);
	}
}

static void keep_dirs(struct made *m)
{
	while (m->n > 0)
		free(m->dir[--m->n]);
}

/* mkdir -p, recording what it created; on failure undoes it (errno kept). */
static int mkdirs(const char *dir, struct made *m)
{
	char tmp[4096];
	size_t i, n = strlen(dir);

	if (n >= sizeof(tmp)) {
		errno = ENAMETOOLONG;
		return -1;
	}
	memcpy(tmp, dir, n + 1);
	for (i = 1; i <= n; i++) {
		if (tmp[i] != '/' && tmp[i] != '\0')
			continue;
		tmp[i] = '\0';
		if (!mkdir(tmp, 0777)) {
			if (m->n == MAX_MADE || !(m->dir[m->n] = strdup(tmp))) {
				rmdir(tmp);
				undo_dirs(m);
				errno = ENOMEM;
				return -1;
			}
			m->n++;
		} else if (errno != EEXIST) {
			int e = errno;

			undo_dirs(m);
			errno = e;
			return -1;
		}
		tmp[i] = dir[i];
	}
	return 0;
}

/*
 * Temporary files are ".board.yaml.PID.XXXXXX" and ".zone0.dts.PID.XXXXXX"
 * (mkstemp), the backup of the old board.yaml ".board.yaml.PID.old": a run
 * that is killed leaves them behind, so each run first removes those whose
 * PID is no live process (and the ".NAME.XXXXXX" files of dtscan 0.1 that
 * are older than the run).
 */
static bool stale(int dfd, const char *name, const char *rest, time_t start)
{
	struct stat st;
	char *end;
	long pid;

	if (fstatat(dfd, name, &st, AT_SYMLINK_NOFOLLOW) ||
	    !S_ISREG(st.st_mode))
		return false;
	errno = 0;
	pid = strtol(rest, &end, 10);
	if (end != rest && *end == '.' && !errno && pid > 0 && pid <= INT_MAX)
		return pid == (long)getpid() ||
		       (kill((pid_t)pid, 0) && errno == ESRCH);
	return strlen(rest) == 6 && st.st_mtime < start;
}

static void clean_stale(const char *dir, time_t start)
{
	DIR *d = opendir(dir);
	struct dirent *e;

	if (!d)
		return;
	while ((e = readdir(d))) {
		const char *n = e->d_name, *rest;

		if (!strncmp(n, ".board.yaml.", 12))
			rest = n + 12;
		else if (!strncmp(n, ".zone0.dts.", 11))
			rest = n + 11;
		else
			continue;
		if (stale(dirfd(d), n, rest, start))
			unlinkat(dirfd(d), n, 0);
	}
	closedir(d);
}

static int write_tmp(const char *dir, const char *base, const char *data,
		     char *tmpname, size_t tmpsz)
{
	FILE *f;
	int fd, e;
	size_t n = strlen(data);

	snprintf(tmpname, tmpsz, "%s/.%s.%ld.XXXXXX", dir, base,
		 (long)getpid());
	fd = mkstemp(tmpname);
	if (fd < 0)
		return -1;
	fchmod(fd, 0644);
	f = fdopen(fd, "w");
	if (!f) {
		e = errno;
		close(fd);
		goto fail;
	}
	if (fwrite(data, 1, n, f) != n || fflush(f)) {
		e = errno;
		fclose(f);
		goto fail;
	}
	if (fclose(f)) {
		e = errno;
		goto fail;
	}
	return 0;
fail:
	unlink(tmpname);
	errno = e;
	return -1;
}

/*
 * Both files or neither.  Temporary files first; then board.yaml is
 * renamed into place while a hard link keeps the old one, then zone0.dts;
 * if that fails the old board.yaml comes back (or the new one goes).
 * Directories this run created are removed again on failure.
 */
static int write_board(const char *dir, const char *yaml, const char *dts,
		       int force, time_t start)
{
	char ty[4200], td[4200], fy[4200], fd[4200], bak[4200], msg[400];
	const char *hint = "pick a writable output directory with -o";
	struct made made = { .n = 0 };
	struct stat st;
	bool old;
	int e;

	snprintf(fy, sizeof(fy), "%s/board.yaml", dir);
	snprintf(fd, sizeof(fd), "%s/zone0.dts", dir);
	snprintf(bak, sizeof(bak), "%s/.board.yaml.%ld.old", dir,
		 (long)getpid());
	if (!force && (!lstat(fy, &st) || !lstat(fd, &st)))
		return die(dir, "board.yaml", "board already exists",
			   "use --force to overwrite");
	if (mkdirs(dir, &made)) {
		e = errno;
		return die(dir, "-o", strerror(e), hint);
	}
	clean_stale(dir, start);
	if (write_tmp(dir, "board.yaml", yaml, ty, sizeof(ty))) {
		e = errno;
		undo_dirs(&made);
		return die(dir, "board.yaml", strerror(e), hint);
	}
	if (write_tmp(dir, "zone0.dts", dts, td, sizeof(td))) {
		e = errno;
		unlink(ty);
		undo_dirs(&made);
		return die(dir, "zone0.dts", strerror(e), hint);
	}
	old = !lstat(fy, &st);
	if (old && link(fy, bak)) {
		e = errno;
		unlink(ty);
		unlink(td);
		undo_dirs(&made);
		snprintf(msg, sizeof(msg),
			 "cannot keep the old board.yaml while replacing it: "
			 "%s",
			 strerror(e));
		return die(dir, "board.yaml", msg,
			   "nothing was changed; board.yaml must be a file "
			   "on a file system with hard links");
	}
	if (rename(ty, fy)) {
		e = errno;
		unlink(ty);
		unlink(td);
		if (old)
			unlink(bak);
		undo_dirs(&made);
		snprintf(msg, sizeof(msg),
			 "cannot put the new file in place: %s", strerror(e));
		return die(dir, "board.yaml", msg,
			   "nothing was changed; remove or rename what is "
			   "there");
	}
	if (rename(td, fd)) {
		int restored;

		e = errno;
		unlink(td);
		restored = old ? rename(bak, fy) : unlink(fy);
		undo_dirs(&made);
		snprintf(msg, sizeof(msg),
			 "cannot put the new file in place: %s", strerror(e));
		if (restored)
			return die(dir, "zone0.dts", msg,
				   old ? "and the old board.yaml could not be "
					 "restored: it is .board.yaml.PID.old"
				       : "and the new board.yaml could not be "
					 "removed");
		return die(dir, "zone0.dts", msg,
			   "nothing was changed; remove or rename what is "
			   "there");
	}
	if (old)
		unlink(bak);
	keep_dirs(&made);
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

/*
 * Parse the rendered board.yaml back with the board library (lib/board.c)
 * before anything is written: every tool reads boards with it, so a board
 * it refuses must never reach the disk.
 */
static int check_yaml(const char *input, const char *outdir, const char *yaml)
{
	char file[PATH_MAX + 16], msg[1200];
	struct hvc_err e;
	struct board b;
	int rc;

	snprintf(file, sizeof(file), "%s/board.yaml", outdir);
	memset(&e, 0, sizeof(e));
	rc = board_load_mem(yaml, strlen(yaml), file, &b, &e);
	if (!rc) {
		/* what the DT gives but the hypervisor cannot run on (a
		 * GICv2 without its virtualization frames): a clean stop,
		 * since every board dtscan writes must build */
		rc = board_check_runnable(&b, &e);
		board_free(&b);
		if (!rc)
			return 0;
		/* the reader's message may say so already */
		snprintf(msg, sizeof(msg), "%s%s", e.msg,
			 strstr(e.msg, "cannot run")
				 ? ""
				 : ": the hypervisor cannot run on this board");
		return die(input, e.key[0] ? e.key : "/", msg,
			   e.hint[0] ? e.hint : NULL);
	}
	snprintf(msg, sizeof(msg),
		 "internal error: the board reader refuses what dtscan "
		 "rendered: %s",
		 e.msg[0] ? e.msg : board_strerror(rc));
	return die(file, e.key[0] ? e.key : "/", msg,
		   "nothing was written; please report this with the input");
}

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
	time_t start = time(NULL);

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
	/* written through the one board reader: what it refuses is a bug */
	if (check_yaml(o.input, outdir, yaml)) {
		free(yaml);
		free(dts);
		dtscan_close(ds);
		return 1;
	}
	rc = write_board(outdir, yaml, dts, force, start);
	free(yaml);
	free(dts);
	if (!rc) {
		for (int i = 0; dtscan_warning(ds, i); i++) {
			fputs("dtscan: ", stderr);
			put_line_part(o.input);
			fputs(": warning: ", stderr);
			put_line_part(dtscan_warning(ds, i));
			fputc('\n', stderr);
		}
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
