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
	/* the device's window and INTID; 0 = pick free ones (a new zone),
	 * a request file records what was picked */
	uint64_t base;
	unsigned int irq;
};

struct hvc_yaml;

/*
 * A zone request: what `zonegen NAME --board B ...` asks for, or what a
 * request file boards/<arch>/<b>/zones/NAME.yaml records
 * (docs/zonegen.md).  Loaded requests own their strings
 * (zg_request_free()).
 */
struct zg_request {
	const char *name;
	const char *board;
	const char *boards_dir; /* default "boards" */
	const char *file; /* the request file, NULL = the command line */
	unsigned int zone_id; /* 0 = the smallest free id */
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
	uint64_t initrd_size; /* recorded; the command line stat()s it */
	const char *bootargs; /* NULL = defaults from the virtio devices */
	/* 0 = default: kernel at the first 2 MiB boundary >= RAM base +
	 * 2 MiB (docs/zonegen.md), entry = kernel load address */
	uint64_t kernel_load, entry;
	/* guest address of the hypervisor debug console (zone JSON
	 * "debug_console", docs/hvisor-tool.md); 0 = none */
	uint64_t debug_console;
	struct hvc_yaml *doc_; /* private: a loaded request's strings */
};

/* One file rendered in memory; @path is relative to the output
 * directory (derive) or a full path (a new request). */
struct zg_file {
	char *path;
	char *data;
	size_t len;
};

/* Files rendered in memory, and warning lines. */
struct zg_output {
	unsigned int num_files, cap_files;
	struct zg_file *files;
	char *info; /* "zonegen: ..." lines: what the root zone gives up */
	char *notes; /* "zonegen: warning: ..." lines (dropped properties
		      ...), NULL if none */
};

void zonegen_output_free(struct zg_output *out);

/**
 * zonegen_request() - a new zone: derive the board with its zone requests
 * and @req on top, and render the request file that records @req and
 * what was picked for it (zone id, virtio windows and INTIDs).
 * @out: one file, boards/<arch>/<b>/zones/NAME.yaml; its notes say what
 * the root zone gives up.  Nothing is written.
 */
int zonegen_request(struct zg_request *req, struct zg_output *out,
		    struct hvc_err *err);

/**
 * zonegen_derive() - what the build uses, derived from board.yaml,
 * zone0.dts and the zone requests: board.json (the root zone reduced),
 * zone0.dtb, zones/NAME/NAME.{dts,dtb,json}, virtio_cfg.json, with paths
 * relative to the output directory.  Nothing is written.
 */
int zonegen_derive(const char *boards_dir, const char *board,
		   struct zg_output *out, struct hvc_err *err);

/* One finding of zonegen_check(), a complete line without the tool name. */
struct zg_findings {
	unsigned int n;
	char **lines;
};

/**
 * zonegen_check() - derive board @board and cross-check what came out:
 * board.json's root zone, zone0.dtb, every zone's DTB and JSON, and
 * virtio_cfg.json (each file is read back from disk, as the hypervisor
 * and the hvisor CLI will).  @outdir NULL: a temporary directory,
 * removed afterwards.  Otherwise the files are committed to @outdir (all
 * or nothing, after the check passed; zone directories of requests that
 * are gone are removed): this is `zonegen derive`, what make runs.
 * @files: not NULL: check the files in that directory (laid out as
 * derive writes them, e.g. copies someone edited) against the derived
 * board instead of freshly derived ones; @outdir is then ignored.
 * @out: the derived files (for their names and the notes); free it with
 * zonegen_output_free() whatever the result.
 * Return: 0 if consistent, -ZG_ECHECK with @f filled, or another error
 * (e.g. a request file that does not parse) in @err.
 */
int zonegen_check(const char *boards_dir, const char *board,
		  const char *outdir, const char *files, struct zg_findings *f,
		  struct zg_output *out, struct hvc_err *err);

void zonegen_findings_free(struct zg_findings *f);

#endif /* ZONEGEN_H */
