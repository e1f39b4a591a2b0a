// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/* Copyright (c) 2026 hvisor-c contributors */
/* Strict YAML document reader: lib/include/hvc/yamldoc.h. */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include <hvc/parse.h>
#include <hvc/yamldoc.h>

static int oom(struct hvc_yaml *y)
{
	hvc_seterr(y->e, -2, y->file, NULL, NULL, "out of memory");
	return -2;
}

/* Count documents and anchors/aliases before the loader expands them. */
static int scan(struct hvc_yaml *y, const char *text, size_t len)
{
	unsigned int docs = 0, aliases = 0;
	int rc = 0, done = 0;
	yaml_parser_t p;
	yaml_event_t ev;

	if (!yaml_parser_initialize(&p))
		return oom(y);
	yaml_parser_set_input_string(&p, (const unsigned char *)text, len);
	while (!done && !rc) {
		if (!yaml_parser_parse(&p, &ev)) {
			rc = hvc_seterr(y->e, -1, y->file, NULL, NULL,
					"YAML error at line %zu: %s",
					p.problem_mark.line + 1,
					p.problem ? p.problem : "?");
			break;
		}
		if (ev.type == YAML_DOCUMENT_START_EVENT && ++docs > 1)
			rc = hvc_seterr(y->e, -1, y->file, NULL,
					"one document per file",
					"a second YAML document at line %zu",
					ev.start_mark.line + 1);
		aliases += ev.type == YAML_ALIAS_EVENT ||
			   (ev.type == YAML_SCALAR_EVENT &&
			    ev.data.scalar.anchor) ||
			   (ev.type == YAML_MAPPING_START_EVENT &&
			    ev.data.mapping_start.anchor) ||
			   (ev.type == YAML_SEQUENCE_START_EVENT &&
			    ev.data.sequence_start.anchor);
		if (!rc && aliases > HVC_YAML_MAX_ALIASES)
			rc = hvc_seterr(
				y->e, -1, y->file, NULL, "write the values out",
				"more than %d YAML anchors and aliases "
				"(line %zu)",
				HVC_YAML_MAX_ALIASES, ev.start_mark.line + 1);
		done = ev.type == YAML_STREAM_END_EVENT;
		yaml_event_delete(&ev);
	}
	yaml_parser_delete(&p);
	return rc;
}

int hvc_yaml_load(struct hvc_yaml *y, const char *text, size_t len,
		  const char *file, struct hvc_err *e)
{
	yaml_parser_t p;
	int rc;

	memset(y, 0, sizeof(*y));
	y->file = file;
	y->e = e;
	if ((rc = scan(y, text, len)))
		return rc;
	if (!yaml_parser_initialize(&p))
		return oom(y);
	yaml_parser_set_input_string(&p, (const unsigned char *)text, len);
	if (!yaml_parser_load(&p, &y->doc)) {
		rc = hvc_seterr(
			e, -1, file, NULL, NULL, "YAML error at line %zu: %s",
			p.problem_mark.line + 1, p.problem ? p.problem : "?");
		yaml_parser_delete(&p);
		return rc;
	}
	yaml_parser_delete(&p);
	y->loaded = 1;
	return 0;
}

yaml_node_t *hvc_yaml_root(struct hvc_yaml *y)
{
	return y->loaded ? yaml_document_get_root_node(&y->doc) : NULL;
}

yaml_node_t *hvc_yaml_node(struct hvc_yaml *y, int id)
{
	return yaml_document_get_node(&y->doc, id);
}

static const char *sval(const yaml_node_t *n)
{
	return (const char *)n->data.scalar.value;
}

int hvc_yaml_is_null(const yaml_node_t *n)
{
	const char *v;

	if (!n)
		return 1;
	if (n->type != YAML_SCALAR_NODE ||
	    n->data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
		return 0;
	v = sval(n);
	return !v[0] || !strcmp(v, "null") || !strcmp(v, "~") ||
	       !strcmp(v, "Null") || !strcmp(v, "NULL");
}

static const char *kind(const yaml_node_t *n)
{
	if (!n)
		return "nothing";
	if (n->type == YAML_MAPPING_NODE)
		return "a mapping";
	if (n->type == YAML_SEQUENCE_NODE)
		return "a list";
	return hvc_yaml_is_null(n) ? "null" : "a scalar";
}

int hvc_yaml_map(struct hvc_yaml *y, yaml_node_t *m, const char *key,
		 const char *const *known)
{
	yaml_node_pair_t *p, *q;
	char k[1024], list[512];
	size_t ll;
	unsigned int i;

	if (!m || m->type != YAML_MAPPING_NODE)
		return hvc_seterr(y->e, -1, y->file, key, NULL,
				  "expected a mapping, got %s", kind(m));
	for (p = m->data.mapping.pairs.start; p < m->data.mapping.pairs.top;
	     p++) {
		yaml_node_t *kn = hvc_yaml_node(y, p->key);

		if (!kn || kn->type != YAML_SCALAR_NODE)
			return hvc_seterr(y->e, -1, y->file, key, NULL,
					  "a key is not a string");
		snprintf(k, sizeof(k), "%s%s%s", key, key[0] ? "." : "",
			 sval(kn));
		for (q = m->data.mapping.pairs.start; q < p; q++)
			if (!strcmp(sval(hvc_yaml_node(y, q->key)), sval(kn)))
				return hvc_seterr(y->e, -1, y->file, k,
						  "remove one of them",
						  "key given twice");
		for (i = 0; known[i] && strcmp(known[i], sval(kn)); i++)
			;
		if (known[i])
			continue;
		for (i = 0, ll = 0, list[0] = 0; known[i] && ll < sizeof(list);
		     i++)
			ll += (size_t)snprintf(list + ll, sizeof(list) - ll,
					       "%s%s", i ? ", " : "", known[i]);
		return hvc_seterr(y->e, -1, y->file, k, list,
				  "unknown key (known keys follow)");
	}
	return 0;
}

yaml_node_t *hvc_yaml_get(struct hvc_yaml *y, yaml_node_t *m, const char *key)
{
	yaml_node_pair_t *p;

	if (!m || m->type != YAML_MAPPING_NODE)
		return NULL;
	for (p = m->data.mapping.pairs.start; p < m->data.mapping.pairs.top;
	     p++)
		if (!strcmp(sval(hvc_yaml_node(y, p->key)), key))
			return hvc_yaml_node(y, p->value);
	return NULL;
}

int hvc_yaml_str(struct hvc_yaml *y, yaml_node_t *n, const char *key,
		 const char **out, int required)
{
	*out = NULL;
	if (hvc_yaml_is_null(n))
		return required ? hvc_seterr(y->e, -1, y->file, key, NULL,
					     n ? "must not be null"
					       : "required key missing")
				: 0;
	if (n->type != YAML_SCALAR_NODE)
		return hvc_seterr(y->e, -1, y->file, key, NULL,
				  "expected a string, got %s", kind(n));
	if (strlen(sval(n)) != n->data.scalar.length)
		return hvc_seterr(y->e, -1, y->file, key, NULL,
				  "a NUL character in a string");
	*out = sval(n);
	return 0;
}

int hvc_yaml_num(struct hvc_yaml *y, yaml_node_t *n, const char *key,
		 uint64_t max, uint64_t *out)
{
	const char *s;

	if (!n)
		return hvc_seterr(y->e, -1, y->file, key, NULL,
				  "required key missing");
	if (n->type != YAML_SCALAR_NODE || hvc_yaml_is_null(n))
		return hvc_seterr(y->e, -1, y->file, key, NULL,
				  "expected a number, got %s", kind(n));
	s = sval(n);
	if ((s[0] == '0' && s[1] >= '0' && s[1] <= '9') ||
	    hvc_parse_u64(s, out))
		return hvc_seterr(y->e, -1, y->file, key,
				  "\"0x...\" or decimal digits",
				  "not a number: \"%s\"", s);
	if (*out > max)
		return hvc_seterr(y->e, -1, y->file, key, NULL,
				  "%s does not fit: at most %" PRIu64
				  " (0x%" PRIx64 ")",
				  s, max, max);
	return 0;
}

int hvc_yaml_bool(struct hvc_yaml *y, yaml_node_t *n, const char *key, int *out)
{
	if (n && n->type == YAML_SCALAR_NODE &&
	    n->data.scalar.style == YAML_PLAIN_SCALAR_STYLE &&
	    (!strcmp(sval(n), "true") || !strcmp(sval(n), "false"))) {
		*out = !strcmp(sval(n), "true");
		return 0;
	}
	return hvc_seterr(y->e, -1, y->file, key, "true or false",
			  n ? "expected true or false, got %s"
			    : "required key missing%s",
			  n ? kind(n) : "");
}

int hvc_yaml_seq(struct hvc_yaml *y, yaml_node_t *n, const char *key,
		 int required, yaml_node_item_t **items, unsigned int *count)
{
	*items = NULL;
	*count = 0;
	if (!n && required)
		return hvc_seterr(y->e, -1, y->file, key, NULL,
				  "required key missing");
	if (hvc_yaml_is_null(n))
		return 0;
	if (n->type != YAML_SEQUENCE_NODE)
		return hvc_seterr(y->e, -1, y->file, key, NULL,
				  "expected a list, got %s", kind(n));
	*items = n->data.sequence.items.start;
	*count = (unsigned int)(n->data.sequence.items.top -
				n->data.sequence.items.start);
	return 0;
}

void hvc_yaml_free(struct hvc_yaml *y)
{
	if (y->loaded)
		yaml_document_delete(&y->doc);
	y->loaded = 0;
}
