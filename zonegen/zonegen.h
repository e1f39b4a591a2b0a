/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/* Copyright (c) 2026 hvisor-c contributors */
/*
 * zonegen library core: board.yaml + a zone request -> zone DTS/DTB, zone
 * JSON, virtio_cfg.json and the shrunk root zone; and the cross-check of
 * every artifact of a board.  Never prints, never exits: functions return
 * a negative ZG_E* code and fill struct hvc_err.  Reference: docs/zonegen.md.
 */
#ifndef ZONEGEN_H
#define ZONEGEN_H

#include <stddef.h>
#include <stdint.h>

enum zg_errno {
	ZG_OK = 0,
	ZG_ENOMEM = 1,
	ZG_EIO = 2, /* file cannot be read/written */
	ZG_EBOARD = 3, /* board.yaml malformed */
	ZG_EDT = 4, /* device tree problem */
	ZG_EJSON = 5, /* zone JSON / virtio_cfg.json malformed */
	ZG_EREQ = 6, /* the zone request is impossible */
	ZG_EDTC = 7, /* dtc failed */
	ZG_ECHECK = 8, /* zonegen check found errors */
};

/* Error context (lib/include/hvc/err.h): file, key or node, message, hint. */
#include <hvc/err.h>

struct board;

/**
 * zonegen_board_load() - find board @board under @boards_dir
 * (<boards_dir>/<arch>/<board>/board.yaml) and read it with the board
 * library (lib/include/hvc/board.h); board_free() it.
 * Return: 0 or a negative ZG_E* code with @err filled.
 */
int zonegen_board_load(const char *boards_dir, const char *board,
		       struct board *b, struct hvc_err *err);

/* zonegen_strerror() - text for a negative ZG_E* code. */
const char *zonegen_strerror(int err);

#define ZG_MAX_VIRTIO 8
#define ZG_MAX_DEVICES 16

/* One --virtio request. */
struct zg_virtio_req {
	char type[16]; /* blk, console, net */
	char arg[256]; /* blk image / net tap ("" for console) */
	int read_only; /* blk:IMG:ro */
};

/* A zone request: what `zonegen NAME --board B ...` asks for. */
struct zg_request {
	const char *name;
	const char *board;
	const char *boards_dir; /* default "boards" */
	uint64_t cpus; /* bitmask of logical CPU ids */
	uint64_t mem_base, mem_size;
	unsigned int num_virtio;
	struct zg_virtio_req virtio[ZG_MAX_VIRTIO];
	unsigned int num_devices;
	const char *devices[ZG_MAX_DEVICES]; /* DT paths in the board DT */
	/* the board's source DT (DTB or DTS) the devices are copied from;
	 * NULL = zone0.dts, which lacks the nodes dtscan trimmed */
	const char *board_dtb;
	const char *kernel; /* kernel_filepath, default "./Image" */
	const char *initrd; /* file; its size goes into the DT */
	const char *bootargs; /* NULL = defaults from the virtio devices */
	/* 0 = default: kernel at the first 2 MiB boundary >= RAM base +
	 * 2 MiB (docs/zonegen.md), entry = kernel load address */
	uint64_t kernel_load, entry;
	/* guest address of the hypervisor debug console (zone JSON
	 * "debug_console", docs/hvisor-tool.md); 0 = none */
	uint64_t debug_console;
};

/* One file the generator produces, rendered in memory. */
struct zg_file {
	char path[512];
	char *data; /* NULL = file unchanged */
	size_t len;
	char *old; /* previous contents, NULL if new */
	size_t old_len;
};

#define ZG_MAX_FILES 8
struct zg_output {
	unsigned int num_files;
	struct zg_file files[ZG_MAX_FILES];
	char *notes; /* "zonegen: warning: ..." lines (dropped properties
		      ...), NULL if none; freed by zonegen_output_free() */
};

/**
 * zonegen_generate() - render every file of a new zone in memory.
 * @req: the request; @out: the files (zonegen_output_free() them)
 * @err: error context on failure
 * Nothing is written: see zonegen_commit().
 */
int zonegen_generate(const struct zg_request *req, struct zg_output *out,
		     struct hvc_err *err);

/**
 * zonegen_commit() - write @out's files, each through a temporary file
 * and rename(); directories are created as needed.
 */
int zonegen_commit(const struct zg_output *out, struct hvc_err *err);

void zonegen_output_free(struct zg_output *out);

/* One finding of zonegen_check(), a complete line without the tool name. */
struct zg_findings {
	unsigned int n;
	char **lines;
};

/**
 * zonegen_check() - cross-check board.yaml, zone0.dts, every zone's
 * DTS and JSON and virtio_cfg.json of board @board.
 * Return: 0 if consistent, -ZG_ECHECK with @f filled, or another error
 * (e.g. a file that does not parse) in @err.
 */
int zonegen_check(const char *boards_dir, const char *board,
		  struct zg_findings *f, struct hvc_err *err);

void zonegen_findings_free(struct zg_findings *f);

#endif /* ZONEGEN_H */
