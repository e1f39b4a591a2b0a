// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/* Copyright (c) 2026 hvisor-c contributors */
/*
 * Comments in a zone's DTS: the readable copy of the zone DT that derive
 * writes beside the DTB (which libfdt built) is `dtc -O dts` of it, and
 * the passthrough step explains its choices (stubs, dropped phandles) as
 * // lines above the nodes.  Only zonegen's own output is annotated; no
 * file a person reviews is edited.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "zg_internal.h"

struct query {
	const char *path; /* node wanted */
	const char *prop; /* property wanted in it, or NULL */
	int found;
	size_t node_start, node_open, node_end; /* stmt, '{', after "};" */
	int prop_found;
	size_t prop_start, prop_end;
};

static size_t skip_ws(const char *t, size_t p)
{
	for (;;) {
		while (t[p] == ' ' || t[p] == '\t' || t[p] == '\n' ||
		       t[p] == '\r')
			p++;
		if (t[p] == '/' && t[p + 1] == '/') {
			while (t[p] && t[p] != '\n')
				p++;
		} else if (t[p] == '/' && t[p + 1] == '*') {
			const char *e = strstr(t + p + 2, "*/");

			p = e ? (size_t)(e - t) + 2 : strlen(t);
		} else {
			return p;
		}
	}
}

/* Find the end of a statement: the position of its ';' or '{'. */
static size_t stmt_end(const char *t, size_t p)
{
	while (t[p] && t[p] != ';' && t[p] != '{') {
		if (t[p] == '&' && t[p + 1] == '{') {
			/* path reference <&{/a/b}>: its braces are no block */
			while (t[p] && t[p] != '}')
				p++;
		} else if (t[p] == '"') {
			for (p++; t[p] && t[p] != '"'; p++)
				if (t[p] == '\\' && t[p + 1])
					p++;
		} else if (t[p] == '/' &&
			   (t[p + 1] == '/' || t[p + 1] == '*')) {
			size_t q = skip_ws(t, p);

			p = q - 1;
		}
		if (t[p])
			p++;
	}
	return p;
}

/* Node name of the header text [s, e): last word, labels stripped. */
static void node_name(const char *t, size_t s, size_t e, char *out, size_t size)
{
	size_t b;

	while (e > s &&
	       (t[e - 1] == ' ' || t[e - 1] == '\t' || t[e - 1] == '\n'))
		e--;
	b = e;
	while (b > s && t[b - 1] != ' ' && t[b - 1] != '\t' &&
	       t[b - 1] != '\n' && t[b - 1] != ':')
		b--;
	snprintf(out, size, "%.*s", (int)(e - b), t + b);
}

static size_t scan(const char *t, size_t p, const char *path, int top,
		   struct query *q)
{
	for (;;) {
		size_t s = skip_ws(t, p), e;

		if (!t[s])
			return s;
		if (t[s] == '}') {
			e = s + 1;
			while (t[e] == ' ' || t[e] == '\t')
				e++;
			return t[e] == ';' ? e + 1 : e;
		}
		e = stmt_end(t, s);
		if (!t[e])
			return e;
		if (t[e] == ';') {
			if (q->prop && !q->prop_found &&
			    !strcmp(path, q->path)) {
				size_t n = strlen(q->prop);

				if (!strncmp(t + s, q->prop, n) &&
				    (t[s + n] == ' ' || t[s + n] == '=' ||
				     t[s + n] == ';' || t[s + n] == '\t')) {
					q->prop_found = 1;
					q->prop_start = s;
					q->prop_end = e + 1;
				}
			}
			p = e + 1;
		} else {
			char name[256], child[512];
			size_t end;

			node_name(t, s, e, name, sizeof(name));
			if (top && !strcmp(name, "/"))
				snprintf(child, sizeof(child), "/");
			else if (!strcmp(path, "/"))
				snprintf(child, sizeof(child), "/%s", name);
			else
				snprintf(child, sizeof(child), "%s/%s", path,
					 name);
			end = scan(t, e + 1, top && name[0] == '&' ? "" : child,
				   0, q);
			if (!q->found && !strcmp(child, q->path)) {
				q->found = 1;
				q->node_start = s;
				q->node_open = e;
				q->node_end = end;
			}
			p = end;
		}
		(void)top;
	}
}

static int splice(char **text, size_t s, size_t e, const char *ins)
{
	size_t len = strlen(*text), il = strlen(ins);
	char *n = malloc(len - (e - s) + il + 1);

	if (!n)
		return -ZG_ENOMEM;
	memcpy(n, *text, s);
	memcpy(n + s, ins, il);
	memcpy(n + s + il, *text + e, len - e + 1);
	free(*text);
	*text = n;
	return 0;
}


int zg_dts_comment_node(char **text, const char *path, const char *comment)
{
	struct query q = { .path = path };
	const char *t = *text, *c = comment;
	size_t s, ind, il = 0, cap;
	char *ins;
	int rc;

	scan(t, 0, "", 1, &q);
	if (!q.found)
		return -ZG_EDT;
	s = q.node_start;
	ind = s;
	while (ind > 0 && t[ind - 1] != '\n')
		ind--;
	cap = strlen(comment) + 1;
	for (c = comment; *c; c++)
		cap += *c == '\n';
	cap = strlen(comment) + (cap + 1) * (s - ind + 4) + 1;
	c = comment;
	ins = malloc(cap);
	if (!ins)
		return -ZG_ENOMEM;
	/* one "// " line per comment line, indented like the node */
	while (*c) {
		const char *nl = strchr(c, '\n');
		size_t l = nl ? (size_t)(nl - c) : strlen(c);

		il += (size_t)snprintf(ins + il, cap - il, "%.*s// %.*s\n",
				       (int)(s - ind), t + ind, (int)l, c);
		c += l + (nl ? 1 : 0);
	}
	rc = splice(text, ind, ind, ins);
	free(ins);
	return rc;
}
