/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/* Copyright (c) 2026 hvisor-c contributors */
/*
 * A strict reader of small YAML documents (libyaml's document API): one
 * document, at most HVC_YAML_MAX_ALIASES anchors and aliases (an alias bomb
 * is refused, never expanded), mappings whose keys are checked against a
 * list, numbers as "0x..." or decimal.  Every error names the file and the
 * key path ("virtio[1].irq") and returns -1 (-2: out of memory) with the
 * error context filled.  Strings point into the document: they live until
 * hvc_yaml_free().
 */
#ifndef HVC_YAMLDOC_H
#define HVC_YAMLDOC_H

#include <stddef.h>
#include <stdint.h>

#include <yaml.h>

#include <hvc/err.h>

#define HVC_YAML_MAX_ALIASES 16

struct hvc_yaml {
	yaml_document_t doc;
	const char *file; /* for messages */
	struct hvc_err *e;
	int loaded;
};

/**
 * hvc_yaml_load() - parse @len bytes of @text as one YAML document.
 * @file: named in every error; @e: error context (may be NULL)
 * Return: 0, -1 (not YAML, several documents, too many aliases) or -2.
 */
int hvc_yaml_load(struct hvc_yaml *y, const char *text, size_t len,
		  const char *file, struct hvc_err *e);

/* hvc_yaml_root() - the document's top node (NULL if empty). */
yaml_node_t *hvc_yaml_root(struct hvc_yaml *y);

/**
 * hvc_yaml_map() - @n is a mapping with string keys, none twice, each in
 * @known (NULL-terminated); @key is its path for messages ("" at the
 * top), an offending key is named with it ("gic.foo").
 */
int hvc_yaml_map(struct hvc_yaml *y, yaml_node_t *n, const char *key,
		 const char *const *known);

/* hvc_yaml_get() - the value of @key in mapping @m, NULL if absent. */
yaml_node_t *hvc_yaml_get(struct hvc_yaml *y, yaml_node_t *m, const char *key);

/* hvc_yaml_is_null() - absent, empty, ~ or null (plain). */
int hvc_yaml_is_null(const yaml_node_t *n);

/**
 * hvc_yaml_str() - a string at @n (path @key); *@out NULL when null or
 * absent and not @required.  A NUL byte inside is an error.
 */
int hvc_yaml_str(struct hvc_yaml *y, yaml_node_t *n, const char *key,
		 const char **out, int required);

/**
 * hvc_yaml_num() - a number at @n: plain or quoted, "0x..." or decimal,
 * at most @max.  Booleans, signs, floats and "012" are refused.
 */
int hvc_yaml_num(struct hvc_yaml *y, yaml_node_t *n, const char *key,
		 uint64_t max, uint64_t *out);

/* hvc_yaml_bool() - true or false (plain). */
int hvc_yaml_bool(struct hvc_yaml *y, yaml_node_t *n, const char *key,
		  int *out);

/**
 * hvc_yaml_seq() - the items of the list at @n; null or absent is the
 * empty list unless @required.  *@count items in *@items.
 */
int hvc_yaml_seq(struct hvc_yaml *y, yaml_node_t *n, const char *key,
		 int required, yaml_node_item_t **items, unsigned int *count);

/* hvc_yaml_node() - the node of a list item or pair id. */
yaml_node_t *hvc_yaml_node(struct hvc_yaml *y, int id);

void hvc_yaml_free(struct hvc_yaml *y);

#endif /* HVC_YAMLDOC_H */
