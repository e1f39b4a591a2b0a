// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/* Copyright (c) 2026 hvisor-c contributors */
/*
 * All-or-nothing write of several files (docs/zonegen.md, "Writing"):
 * every file goes to a mkstemp() temporary in its own directory first;
 * then each existing target is kept as a hard link (link() never follows
 * or replaces anything), and the temporaries are renamed into place.  A
 * failure at any step puts every target back as it was (its old inode
 * renamed back, or a new file removed), removes the temporaries and the
 * directories this call created, and names the file that failed.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <hvc/commit.h>
#include <hvc/fileio.h>

struct slot {
	char *tmp; /* temporary holding the new contents */
	char *bak; /* hard link to the old target, or NULL if new */
	int placed; /* renamed into place */
};

/* The test hook: HVC_COMMIT_FAIL_AT=N fails the Nth step (0-based). */
static int injected(unsigned int *step)
{
	const char *s = getenv("HVC_COMMIT_FAIL_AT");

	return s && *s && strtoul(s, NULL, 10) == (*step)++;
}

static int make_tmp(const struct hvc_file_out *f, struct slot *s)
{
	int fd, rc;

	s->tmp = hvc_sibling_tmp(f->path, "new");
	if (!s->tmp)
		return -ENOMEM;
	fd = mkstemp(s->tmp);
	if (fd < 0) {
		rc = -errno;
		free(s->tmp);
		s->tmp = NULL;
		return rc;
	}
	return hvc_fill_tmp(fd, f->data, f->len);
}

/* Keep the current target (if any) as a hard link for the rollback. */
static int keep_old(const char *path, struct slot *s)
{
	struct stat st;

	if (lstat(path, &st))
		return errno == ENOENT ? 0 : -errno;
	if (!S_ISREG(st.st_mode))
		return -EISDIR; /* a directory or link in the file's place */
	for (int tries = 0; tries < 100; tries++) {
		int fd;

		s->bak = hvc_sibling_tmp(path, "old");
		if (!s->bak)
			return -ENOMEM;
		/* a unique name: mkstemp, then the link replaces nothing */
		fd = mkstemp(s->bak);
		if (fd < 0)
			return -errno;
		close(fd);
		unlink(s->bak);
		if (!link(path, s->bak))
			return 0;
		if (errno != EEXIST)
			return -errno;
		free(s->bak);
		s->bak = NULL;
	}
	return -EEXIST;
}

int hvc_commit_files(const struct hvc_file_out *f, unsigned int n,
		     struct hvc_err *e)
{
	struct slot *s = calloc(n ? n : 1, sizeof(*s));
	char **made = calloc(n ? n : 1, sizeof(*made)); /* dirs we created */
	size_t *keep_len = calloc(n ? n : 1, sizeof(*keep_len));
	unsigned int nmade = 0, i, step = 0;
	const char *what = "write";
	int rc = 0;

	if (!s || !made || !keep_len) {
		free(s);
		free(made);
		free(keep_len);
		return hvc_seterr(e, -ENOMEM, n ? f[0].path : NULL, NULL, NULL,
				  "out of memory");
	}
	/* 1. directories and temporaries */
	for (i = 0; i < n; i++) {
		char dir[4096];
		struct stat st;

		if ((rc = hvc_dir_of(f[i].path, dir, sizeof(dir))))
			break;
		if (stat(dir, &st)) {
			char *top = strdup(dir);

			if (!top) {
				rc = -ENOMEM;
				break;
			}
			/* cut @dir back to the deepest directory that exists:
			 * the rollback removes only what is below it */
			for (char *sl; (sl = strrchr(dir, '/'));) {
				*sl = 0;
				if (!stat(dir, &st))
					break;
			}
			keep_len[nmade] = stat(dir, &st) ? 0 : strlen(dir);
			made[nmade++] = top;
			if ((rc = hvc_mkdirs(top)))
				break;
		}
		rc = injected(&step) ? -EIO : make_tmp(&f[i], &s[i]);
		if (rc)
			break;
	}
	/* 2. the old targets, kept for the rollback */
	for (unsigned int k = 0; k < n && !rc; k++) {
		what = "keep the previous";
		i = k;
		rc = injected(&step) ? -EIO : keep_old(f[k].path, &s[k]);
	}
	/* 3. into place */
	for (unsigned int k = 0; k < n && !rc; k++) {
		what = "rename into place";
		i = k;
		if (injected(&step))
			rc = -EIO;
		else if (rename(s[k].tmp, f[k].path))
			rc = -errno;
		else
			s[k].placed = 1;
	}
	/* 4. success: drop the kept copies; failure: put everything back */
	for (unsigned int k = 0; k < n; k++) {
		if (rc && s[k].placed) {
			if (s[k].bak)
				rename(s[k].bak, f[k].path);
			else
				unlink(f[k].path);
		} else if (s[k].bak) {
			unlink(s[k].bak);
		}
		if (s[k].tmp && !s[k].placed)
			unlink(s[k].tmp);
		free(s[k].tmp);
		free(s[k].bak);
	}
	while (nmade--) {
		/* rmdir what this call created, deepest first, up to the
		 * directory that existed before */
		for (char *p = made[nmade];
		     rc && strlen(p) > keep_len[nmade];) {
			char *sl = strrchr(p, '/');

			if (rmdir(p) || !sl)
				break;
			*sl = 0;
		}
		free(made[nmade]);
	}
	free(made);
	free(keep_len);
	free(s);
	if (rc)
		return hvc_seterr(e, rc, f[i < n ? i : n - 1].path, NULL,
				  "nothing was changed", "cannot %s file: %s",
				  what, strerror(-rc));
	return 0;
}
