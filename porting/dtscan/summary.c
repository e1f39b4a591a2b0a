// SPDX-License-Identifier: GPL-2.0
/* The short summary the CLI prints after a successful scan. */
#include <stdlib.h>
#include "internal.h"

/* aarch64: the cpus line */
void arm64_summary_cpus(struct dtscan *ds, struct ds_buf *b)
{
	buf_printf(b, "  cpus:      %d (mpidr 0x%llx..0x%llx), psci %s\n",
		   ds->ncpus, (unsigned long long)ds->cpus[0].mpidr,
		   (unsigned long long)ds->cpus[ds->ncpus - 1].mpidr,
		   ds->psci < 0	  ? "none"
		   : ds->psci_hvc ? "hvc"
				  : "smc");
}

/* aarch64: the gic line */
void arm64_summary_irqchip(struct dtscan *ds, struct ds_buf *b)
{
	buf_printf(b, "  gic:       v%d gicd 0x%llx %s 0x%llx\n",
		   ds->gic_version, (unsigned long long)ds->gicd.base,
		   ds->gic_version == 3 ? "gicr" : "gicc",
		   (unsigned long long)(ds->gic_version == 3 ? ds->gicr.base
							     : ds->gicc.base));
}

char *dtscan_summary(struct dtscan *ds)
{
	struct ds_buf b = { 0 };
	int i, kept = 0;
	uint64_t ram = 0;
	if (!ds->model) /* dtscan_load*(): nothing to tell */
		return NULL;

	for (i = 0; i < ds->usable.n; i++)
		ram += ds->usable.v[i].size;
	for (i = 0; i < ds->nnodes; i++)
		kept += ds->nodes[i].keep != KEEP_NO;
	buf_printf(&b, "dtscan: %s (%s) from %s\n", ds->opts->board, ds->arch,
		   ds->src_name);
	ds->ops->summary_cpus(ds, &b);
	buf_printf(&b,
		   "  ram:       %llu MiB in %d range(s), first 0x%llx; "
		   "hypervisor 0x%llx+0x%llx\n",
		   (unsigned long long)(ram >> 20), ds->usable.n,
		   (unsigned long long)ds->usable.v[0].base,
		   (unsigned long long)ds->hv_base,
		   (unsigned long long)ds->hv_size);
	ds->ops->summary_irqchip(ds, &b);
	if (ds->console >= 0)
		buf_printf(&b, "  console:   %s %s 0x%llx irq %d (%s%d)\n",
			   ds->con_driver, ds_path(ds, ds->console),
			   (unsigned long long)ds->con_base, ds->con_irq,
			   ds->con_tty, ds->con_tty_idx);
	else if (ds->con_driver)
		buf_printf(&b, "  console:   %s\n", ds->con_driver);
	else
		buf_printf(&b, "  console:   none\n");
	buf_printf(&b,
		   "  root zone: %d io regions, %d irqs (%d not assignable), "
		   "%d of %d nodes kept, %d subtrees dropped (--report)\n",
		   ds->root_io.n, ds->root_irqs.n, ds->not_assignable.n, kept,
		   ds->nnodes, ds->ndropped);
	return b.p;
}
