// SPDX-License-Identifier: GPL-2.0
/* Copyright (c) 2026 hvisor-c contributors */
/*
 * Debug console for non-root zones: the board has one UART and the root
 * zone drives it, so a zone that asks for a debug console gets a trapped
 * page that looks like a pl011 transmitter.  Reads of FR say "TX empty,
 * not busy"; bytes written to DR collect into a line that is printed
 * whole, prefixed with the zone name, so it does not interleave with the
 * hypervisor's own lines.  Every other register reads 0, writes are ignored.
 */
#include <hv/dbgcon.h>
#include <hv/printk.h>
#include <hv/region.h>
#include <hv/spinlock.h>
#include <hv/zone.h>

#define PL011_DR 0x00
#define PL011_FR 0x18
#define PL011_FR_RXFE BIT(4)
#define PL011_FR_TXFE BIT(7)

struct dbgcon {
	spinlock_t lock;
	u32 len;
	char line[160];
};

/* one per zone slot: zones[i] uses dbgcons[i] */
static struct dbgcon dbgcons[HV_MAX_ZONES];

static void dbgcon_flush(struct zone *z, struct dbgcon *d)
{
	d->line[d->len] = '\0';
	printk("[%s] %s\n", z->name, d->line);
	d->len = 0;
}

static int dbgcon_access(struct zone *z, struct mmio_access *acc, void *arg)
{
	struct dbgcon *d = arg;
	char ch;

	if (!acc->is_write) {
		acc->value = acc->offset == PL011_FR
				     ? PL011_FR_TXFE | PL011_FR_RXFE
				     : 0;
		return 0;
	}
	if (acc->offset != PL011_DR)
		return 0;
	ch = (char)(acc->value & 0xff);
	spin_lock(&d->lock);
	if (ch == '\n')
		dbgcon_flush(z, d);
	else if (ch != '\r' && ch != '\0') {
		d->line[d->len++] = ch;
		if (d->len == sizeof(d->line) - 1)
			dbgcon_flush(z, d);
	}
	spin_unlock(&d->lock);
	return 0;
}

int dbgcon_register(struct zone *z, u64 ipa)
{
	struct dbgcon *d = &dbgcons[z - zones];
	u32 i;

	if (!IS_ALIGNED(ipa, DBGCON_SIZE) || ipa + DBGCON_SIZE < ipa)
		return -HVISOR_EINVAL;
	for (i = 0; i < z->num_regions; i++)
		if (region_overlaps(ipa, DBGCON_SIZE, z->regions[i].ipa,
				    z->regions[i].size))
			return -HVISOR_EINVAL;
	d->len = 0;
	return mmio_register(z, ipa, DBGCON_SIZE, dbgcon_access, d);
}
