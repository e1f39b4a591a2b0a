/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/* Copyright (c) 2026 hvisor-c contributors */
/*
 * Helpers shared by the zone JSON and virtio_cfg.json readers/writers:
 * error reporting that names the key, hvisor-tool's number rules
 * (JSON numbers or strings with 0x/0/decimal prefixes) and a growable
 * text buffer for the writers.
 */
#ifndef HVISOR_TOOL_JSON_UTIL_H
#define HVISOR_TOOL_JSON_UTIL_H

#include <stddef.h>
#include <stdint.h>
#include <cjson/cJSON.h>

/* Error codes returned (negated) by the JSON libraries. */
enum json_errno {
	JSON_OK = 0,
	JSON_ENOMEM = 1, /* out of memory */
	JSON_EIO = 2, /* cannot read or write a file */
	JSON_ESYNTAX = 3, /* not JSON */
	JSON_EMISSING = 4, /* required key missing */
	JSON_ETYPE = 5, /* wrong JSON type or malformed number */
	JSON_ERANGE = 6, /* number out of range */
	JSON_EVALUE = 7, /* value not allowed */
	JSON_ELIMIT = 8, /* more entries than the ABI allows */
};

/* Where an error happened: the key path and a message. */
struct json_err {
	char key[160]; /* e.g. "memory_regions[2].size" */
	char msg[256]; /* e.g. "expected a number" */
};

/**
 * json_strerror() - describe an error code of the JSON libraries.
 * @err: a negative value returned by a json/zone_json/virtio_cfg function.
 */
const char *json_strerror(int err);

/**
 * json_seterr() - record an error; returns @code (negative) for chaining.
 * @e: error context (may be NULL)
 * @code: negative JSON_E* code
 * @ctx: key path of the enclosing object ("" for the top level)
 * @key: key inside @ctx (may be NULL)
 */
int json_seterr(struct json_err *e, int code, const char *ctx, const char *key,
		const char *fmt, ...) __attribute__((format(printf, 5, 6)));

/**
 * json_item_u64() - read a JSON number or a 0x/0/decimal string, exactly.
 * @it: the item; @max: largest accepted value; @out: result.
 *
 * A JSON number of a tree from json_parse_text() is read from its text
 * (cJSON's double would turn 9007199254740993 into 2^53): digits only, no
 * sign, fraction or exponent.  Anything above @max or 2^64 - 1 is refused.
 *
 * Return: 0, -JSON_ETYPE or -JSON_ERANGE.
 */
int json_item_u64(const cJSON *it, uint64_t max, uint64_t *out);

/**
 * json_get_u64() - read the required numeric key @key of object @obj.
 * Errors name "@ctx.@key".
 */
int json_get_u64(const cJSON *obj, const char *ctx, const char *key,
		 uint64_t max, uint64_t *out, struct json_err *e);

/* As json_get_u64(), but a missing key leaves *@out = @def. */
int json_opt_u64(const cJSON *obj, const char *ctx, const char *key,
		 uint64_t max, uint64_t def, uint64_t *out, struct json_err *e);

/* Narrow helpers for u32 and u8 fields. */
int json_get_u32(const cJSON *obj, const char *ctx, const char *key,
		 uint32_t *out, struct json_err *e);
int json_get_u8(const cJSON *obj, const char *ctx, const char *key,
		uint8_t *out, struct json_err *e);

/**
 * json_check_range() - refuse a window @base + @size that reaches 2^64.
 * The hypervisor refuses a region whose end wraps around; so do the
 * readers, naming "@ctx.@key".
 * Return: 0 or -JSON_ERANGE.
 */
int json_check_range(const char *ctx, const char *key, uint64_t base,
		     uint64_t size, struct json_err *e);

/**
 * json_get_str() - copy the required string key @key into @buf.
 * As json_set_str(): control characters and strings that do not fit are
 * refused, never cut.
 */
int json_get_str(const cJSON *obj, const char *ctx, const char *key, char *buf,
		 size_t size, struct json_err *e);

/**
 * json_set_str() - copy @src into the fixed-size field @buf of @size bytes.
 * @ctx, @key: the key path the error names (the field, or an option)
 * Return: 0; -JSON_ELIMIT if @src has @size bytes or more (nothing is
 * written, nothing cut); -JSON_EVALUE for a control character in @src.
 */
int json_set_str(char *buf, size_t size, const char *src, const char *ctx,
		 const char *key, struct json_err *e);

/**
 * json_get_array() - fetch the array @key; @max bounds its length.
 * @required: if 0, a missing key yields *@arr = NULL and 0.
 */
int json_get_array(const cJSON *obj, const char *ctx, const char *key, int max,
		   int required, const cJSON **arr, struct json_err *e);

/**
 * json_parse_text() - parse @text into a cJSON tree (*@root).
 *
 * A syntax error names the line and column.  Also refused, naming the key
 * path: a string or key with \u0000 (cJSON would cut it there) and an
 * object with a key twice.  Each number item keeps its text in
 * valuestring, which json_item_u64() reads exactly.
 */
int json_parse_text(const char *text, cJSON **root, struct json_err *e);

/**
 * json_read_file() - read a whole file into a NUL-terminated buffer.
 * A NUL byte in the file is an error.  The caller frees *@text.
 */
int json_read_file(const char *path, char **text, struct json_err *e);

/**
 * json_write_file_atomic() - write @text to @path via a temporary file
 * and rename(), so readers never see a partial file.
 */
int json_write_file_atomic(const char *path, const char *text,
			   struct json_err *e);

/* A growable string used by the writers. */
struct sbuf {
	char *buf;
	size_t len;
	size_t cap;
	int oom; /* set once an allocation failed */
};

void sbuf_init(struct sbuf *s);
void sbuf_printf(struct sbuf *s, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Append @str as a JSON string literal (quoted and escaped). */
void sbuf_json_str(struct sbuf *s, const char *str, size_t maxlen);
/* Hand the buffer to the caller (NULL if an allocation failed). */
char *sbuf_take(struct sbuf *s);

#endif /* HVISOR_TOOL_JSON_UTIL_H */
