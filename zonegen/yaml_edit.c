// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/* Copyright (c) 2026 hvisor-c contributors */
/*
 * Shrink root_zone in board.yaml by rewriting only its cpus, memory and
 * irqs lines, so comments and the rest of the reviewed file stay as they
 * are.  Expects dtscan's layout: one flow mapping per list item.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../hvisor-tool/tools/json_util.h"
#include "zg_internal.h"

enum section { S_NONE, S_MEM, S_IRQS };

int zg_yaml_shrink_root(char **text, const struct board *b, uint64_t new_cpus,
			const struct hvc_range *mem, unsigned int nmem,
			const unsigned int *drop_irqs, unsigned int ndrop,
			struct hvc_err *e)
{
	const char *p = *text;
	enum section sec = S_NONE;
	int in_root = 0, done_mem = 0;
	struct sbuf s;
	unsigned int i, lineno = 0;

	sbuf_init(&s);
	while (*p) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) + 1 : strlen(p);
		int keep = 1;

		lineno++;
		if (p[0] != ' ' && p[0] != '#' && p[0] != '\n') {
			in_root = !strncmp(p, "root_zone:", 10);
			sec = S_NONE;
		} else if (in_root && !strncmp(p, "  ", 2) && p[2] != ' ' &&
			   p[2] != '-') {
			sec = S_NONE;
			if (!strncmp(p, "  cpus:", 7)) {
				unsigned int n = 0;

				sbuf_printf(&s, "  cpus: [");
				for (i = 0; i < 64; i++)
					if (new_cpus & (1ULL << i))
						sbuf_printf(&s, "%s%u",
							    n++ ? ", " : "", i);
				sbuf_printf(&s, "]\n");
				keep = 0;
			} else if (!strncmp(p, "  memory:", 9)) {
				sec = S_MEM;
			} else if (!strncmp(p, "  irqs:", 7)) {
				sec = S_IRQS;
			}
		} else if (in_root && sec != S_NONE &&
			   (!strncmp(p, "  - ", 4) || !strncmp(p, "    ", 4))) {
			/* dtscan indents items by 0 or 2 under their key */
			int ind = p[2] == '-' ? 2 : 4;

			if (strncmp(p + ind, "- {", 3)) {
				free(sbuf_take(&s));
				return zg_seterr(
					e, -ZG_EBOARD, b->path,
					sec == S_MEM ? "root_zone.memory"
						     : "root_zone.irqs",
					"keep one {...} mapping per line as "
					"dtscan writes it",
					"line %u: cannot edit this layout",
					lineno);
			}
			keep = 0;
			if (sec == S_MEM && !done_mem) {
				for (i = 0; i < nmem; i++) {
					const char *nd = mem[i].node;
					/* the reader joins nodes: [A, B]
					 * with ", ": write the list back */
					int many = nd && strstr(nd, ", ");

					sbuf_printf(&s,
						    "%*s- {type: %s, base: "
						    "\"0x%" PRIx64
						    "\", size: \"0x%" PRIx64
						    "\"%s%s%s}\n",
						    ind, "", mem[i].type,
						    mem[i].base, mem[i].size,
						    !nd	   ? ""
						    : many ? ", nodes: ["
							   : ", node: ",
						    nd ? nd : "",
						    many ? "]" : "");
				}
				done_mem = 1;
			} else if (sec == S_IRQS) {
				unsigned int irq;

				keep = 1;
				if (sscanf(p + ind, "- {intid: %u", &irq) == 1)
					for (i = 0; i < ndrop; i++)
						if (drop_irqs[i] == irq)
							keep = 0;
			}
		}
		if (keep)
			sbuf_printf(&s, "%.*s", (int)len, p);
		p += len;
	}
	if (!done_mem && nmem) {
		free(sbuf_take(&s));
		return zg_seterr(e, -ZG_EBOARD, b->path, "root_zone.memory",
				 NULL, "no list items found to rewrite");
	}
	free(*text);
	*text = sbuf_take(&s);
	return *text ? 0 : -ZG_ENOMEM;
}
