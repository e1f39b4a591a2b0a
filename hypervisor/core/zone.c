// SPDX-License-Identifier: GPL-2.0
/* Copyright (c) 2026 hvisor-c contributors */
/* The zone table: zone 0 from the board, others from hypercalls. */
#include <hv/alloc.h>
#include <hv/bitmap.h>
#include <hv/board.h>
#include <hv/cpu.h>
#include <hv/dbgcon.h>
#include <hv/irq.h>
#include <hv/paging.h>
#include <hv/printk.h>
#include <hv/region.h>
#include <hv/string.h>
#include <hv/virtio.h>
#include <hv/zone.h>
#include <hvisor/hypercall.h>
#include <hvisor/virtio_bridge.h>

struct zone zones[HV_MAX_ZONES];
static spinlock_t zones_lock;

struct zone *zone_by_id(u32 id)
{
	u32 i;

	for (i = 0; i < HV_MAX_ZONES; i++)
		if (zones[i].state != ZONE_FREE && zones[i].id == id)
			return &zones[i];
	return NULL;
}

bool zone_owns_irq(const struct zone *z, u32 irq)
{
	return irq < ZONE_MAX_IRQS && bitmap32_test(z->irq_bitmap, irq);
}

static const char *const region_type_name[] = { "ram", "io", "virtio" };

int zone_check_region_why(const struct zone *z, const struct zone_region *r,
			  char *why, u32 n)
{
	bool virtio = r->type == HVISOR_MEM_TYPE_VIRTIO;
	u64 align = virtio ? HVISOR_VIRTIO_MMIO_WINDOW : PAGE_SIZE;
	u32 i;

	if (r->type > HVISOR_MEM_TYPE_VIRTIO) {
		snprintf(why, n, "mem_type %u: unknown (0 ram, 1 io, 2 virtio)",
			 r->type);
		return -HVISOR_EINVAL;
	}
	if (!r->size || !IS_ALIGNED(r->ipa | r->size, align) ||
	    (!virtio && !IS_ALIGNED(r->pa, align))) {
		snprintf(why, n,
			 "%s region 0x%llx+0x%llx: start and size must be "
			 "non-zero multiples of 0x%llx",
			 region_type_name[r->type], (unsigned long long)r->ipa,
			 (unsigned long long)r->size,
			 (unsigned long long)align);
		return -HVISOR_EINVAL;
	}
	if (r->pa + r->size < r->pa || r->ipa + r->size < r->ipa) {
		snprintf(why, n, "%s region 0x%llx+0x%llx: wraps around",
			 region_type_name[r->type], (unsigned long long)r->ipa,
			 (unsigned long long)r->size);
		return -HVISOR_EINVAL;
	}
	/* upstream traps a virtio window at physical_start: both must agree */
	if (virtio && r->pa != r->ipa) {
		snprintf(why, n,
			 "virtio region 0x%llx: physical_start 0x%llx must "
			 "equal virtual_start",
			 (unsigned long long)r->ipa, (unsigned long long)r->pa);
		return -HVISOR_EINVAL;
	}
	if (!virtio && region_overlaps(r->pa, r->size, board.hv_ram.base,
				       board.hv_ram.size)) {
		snprintf(why, n,
			 "%s region 0x%llx+0x%llx: overlaps the hypervisor's "
			 "RAM 0x%llx+0x%llx",
			 region_type_name[r->type], (unsigned long long)r->pa,
			 (unsigned long long)r->size,
			 (unsigned long long)board.hv_ram.base,
			 (unsigned long long)board.hv_ram.size);
		return -HVISOR_EINVAL;
	}
	for (i = 0; i < z->num_regions; i++) {
		const struct zone_region *o = &z->regions[i];

		/* ram and io are whole pages: a virtio window that overlaps
		 * none shares no page stage 2 maps */
		if (region_overlaps(r->ipa, r->size, o->ipa, o->size)) {
			snprintf(why, n,
				 "%s region 0x%llx+0x%llx: overlaps %s region "
				 "0x%llx+0x%llx%s",
				 region_type_name[r->type],
				 (unsigned long long)r->ipa,
				 (unsigned long long)r->size,
				 region_type_name[o->type],
				 (unsigned long long)o->ipa,
				 (unsigned long long)o->size,
				 virtio || o->type == HVISOR_MEM_TYPE_VIRTIO
					 ? " (a virtio window may not share a "
					   "4 KiB page with mapped memory)"
					 : "");
			return -HVISOR_EINVAL;
		}
	}
	return 0;
}

int zone_check_region(const struct zone *z, const struct zone_region *r)
{
	char why[HVISOR_LAST_ERROR_MAX];

	return zone_check_region_why(z, r, why, sizeof(why));
}

int zone_ipa_to_pa(const struct zone *z, u64 ipa, u64 size, u64 *pa)
{
	u32 i;

	for (i = 0; i < z->num_regions; i++) {
		const struct zone_region *r = &z->regions[i];

		if (r->type == HVISOR_MEM_TYPE_RAM &&
		    region_contains(r->ipa, r->size, ipa, size)) {
			*pa = r->pa + (ipa - r->ipa);
			return 0;
		}
	}
	return -HVISOR_EFAULT;
}

static struct zone *zone_alloc(u32 id, int *err)
{
	struct zone *z = NULL;
	u32 i;

	spin_lock(&zones_lock);
	if (zone_by_id(id)) {
		*err = -HVISOR_EEXIST;
		goto out;
	}
	for (i = 0; i < HV_MAX_ZONES; i++) {
		if (zones[i].state == ZONE_FREE) {
			z = &zones[i];
			memset(z, 0, sizeof(*z));
			z->id = id;
			z->state = ZONE_STOPPED;
			z->arch.vmid = (u16)(i + 1);
			break;
		}
	}
	if (!z)
		*err = -HVISOR_ENOMEM;
out:
	spin_unlock(&zones_lock);
	return z;
}

static int zone_add_region(struct zone *z, const struct zone_region *r,
			   char *why, u32 n)
{
	int ret;

	if (z->num_regions >= ZONE_MAX_REGIONS) {
		snprintf(why, n, "more than %u memory regions",
			 ZONE_MAX_REGIONS);
		return -HVISOR_ENOMEM;
	}
	ret = zone_check_region_why(z, r, why, n);
	if (ret)
		return ret;
	z->regions[z->num_regions++] = *r;
	if (r->type == HVISOR_MEM_TYPE_VIRTIO) {
		ret = virtio_register_region(z, r->ipa, r->size);
		if (ret)
			snprintf(why, n,
				 "virtio region 0x%llx: more than %u trapped "
				 "regions in one zone",
				 (unsigned long long)r->ipa, ZONE_MAX_MMIO);
		return ret;
	}
	ret = arch_zone_map(z, r);
	if (ret)
		snprintf(why, n,
			 "%s region 0x%llx+0x%llx: cannot be mapped (beyond "
			 "the CPU's physical address range, or no memory for "
			 "page tables)",
			 region_type_name[r->type], (unsigned long long)r->pa,
			 (unsigned long long)r->size);
	return ret;
}

/*
 * A CPU can join a zone if it is free, or if the root zone has it but has
 * switched it off (PSCI CPU_OFF, i.e. Linux CPU hotplug): the root zone
 * gives it up until the zone is destroyed (the Jailhouse model).
 */
static int zone_claim_cpus(struct zone *z, u64 set)
{
	struct zone *root = zone_by_id(0);
	u32 i;

	if (!set || (board.num_cpus < 64 && set >> board.num_cpus))
		return -HVISOR_EINVAL;
	for (i = 0; i < board.num_cpus; i++) {
		struct zone *owner = cpus[i].vcpu.zone;

		if (!(set & BIT(i)) || !owner || owner == z)
			continue;
		if (owner != root || z == root ||
		    __atomic_load_n(&cpus[i].vcpu.state, __ATOMIC_ACQUIRE) !=
			    VCPU_OFF)
			return -HVISOR_EBUSY;
	}
	for (i = 0; i < board.num_cpus; i++) {
		if (!(set & BIT(i)))
			continue;
		if (root && root != z)
			root->cpus &= ~BIT(i);
		cpus[i].vcpu.zone = z;
	}
	z->cpus = set;
	z->boot_cpu = (u32)__builtin_ctzll(set);
	return 0;
}

/*
 * RAM of a new zone must not be RAM of another non-root zone.  It may lie
 * in the root zone's RAM: the root zone is the trusted loader (hvisor.ko
 * writes the images there; its Linux leaves that RAM out of its DT), as in
 * upstream hvisor, where the root zone maps all RAM.
 */
static int zone_check_exclusive(const struct zone *z)
{
	u32 i, j, k;

	for (i = 0; i < HV_MAX_ZONES; i++) {
		const struct zone *o = &zones[i];

		if (o == z || o->state == ZONE_FREE || o->id == 0)
			continue;
		for (j = 0; j < z->num_regions; j++)
			for (k = 0; k < o->num_regions; k++)
				if (z->regions[j].type == HVISOR_MEM_TYPE_RAM &&
				    o->regions[k].type == HVISOR_MEM_TYPE_RAM &&
				    region_overlaps(z->regions[j].pa,
						    z->regions[j].size,
						    o->regions[k].pa,
						    o->regions[k].size))
					return -HVISOR_EBUSY;
	}
	return 0;
}

static void zone_free(struct zone *z)
{
	struct zone *root = z->id ? zone_by_id(0) : NULL;
	u32 i;

	/* CPUs go back to the root zone (switched off) or become free */
	for (i = 0; i < board.num_cpus; i++) {
		if (cpus[i].vcpu.zone != z)
			continue;
		cpus[i].vcpu.zone = root;
		if (root)
			root->cpus |= BIT(i);
	}
	arch_zone_destroy(z);
	z->state = ZONE_FREE;
}

int zone_create_root(void)
{
	const struct board_root_zone *rz = &board.root_zone;
	struct zone *z;
	int ret = 0;
	u32 i;

	z = zone_alloc(0, &ret);
	if (!z)
		return ret;
	strncpy(z->name, rz->name, sizeof(z->name) - 1);
	ret = arch_zone_init(z);
	for (i = 0; !ret && i < rz->num_regions; i++) {
		const struct board_zone_region *br = &rz->regions[i];
		struct zone_region r = { (u32)br->type, br->base, br->base,
					 br->size };

		char why[HVISOR_LAST_ERROR_MAX];

		ret = zone_add_region(z, &r, why, sizeof(why));
		if (ret)
			printk("hvisor: root zone region %u: %s\n", i, why);
	}
	for (i = 0; !ret && i < rz->num_irqs; i++) {
		if (rz->irqs[i].intid >= ZONE_MAX_IRQS)
			ret = -HVISOR_EINVAL;
		else
			bitmap32_set(z->irq_bitmap, rz->irqs[i].intid);
	}
	if (!ret)
		ret = zone_claim_cpus(z, rz->cpus);
	if (!ret)
		ret = arch_irq_zone_init(z);
	if (ret) {
		zone_free(z);
		return ret;
	}
	z->entry = rz->entry;
	z->dtb_ipa = rz->dtb_load;
	return 0;
}

/* Prefix the reason with the config field it is about. */
static void why_field(char *why, u32 n, const char *field, u32 idx)
{
	char tail[HVISOR_LAST_ERROR_MAX];

	memcpy(tail, why, sizeof(tail));
	tail[sizeof(tail) - 1] = '\0';
	snprintf(why, n, "%s[%u]: %s", field, idx, tail);
}

struct zone *zone_create(const struct hvisor_zone_config *cfg, int *err,
			 char *why, u32 n)
{
	struct zone *z;
	u32 i;
	int ret = 0;

	why[0] = '\0';
	if (cfg->zone_id == 0 || cfg->zone_id >= HVISOR_CONFIG_MAX_ZONES) {
		snprintf(why, n, "zone_id %u: must be 1..%u", cfg->zone_id,
			 HVISOR_CONFIG_MAX_ZONES - 1);
		*err = -HVISOR_EINVAL;
		return NULL;
	}
	if (cfg->num_memory_regions > HVISOR_CONFIG_MAX_MEMORY_REGIONS) {
		snprintf(why, n, "num_memory_regions %u: more than %u",
			 cfg->num_memory_regions,
			 HVISOR_CONFIG_MAX_MEMORY_REGIONS);
		*err = -HVISOR_EINVAL;
		return NULL;
	}
	z = zone_alloc(cfg->zone_id, err);
	if (!z) {
		if (*err == -HVISOR_EEXIST)
			snprintf(why, n, "zone_id %u: zone %u exists already",
				 cfg->zone_id, cfg->zone_id);
		else
			snprintf(why, n, "no free zone slot (at most %u zones)",
				 HV_MAX_ZONES);
		return NULL;
	}
	memcpy(z->name, cfg->name, sizeof(z->name));
	z->name[sizeof(z->name) - 1] = '\0';
	ret = arch_zone_init(z);
	if (ret)
		snprintf(why, n, "no memory for the zone's page tables");
	for (i = 0; !ret && i < cfg->num_memory_regions; i++) {
		const struct hvisor_memory_region *m = &cfg->memory_regions[i];
		struct zone_region r = { m->mem_type, m->physical_start,
					 m->virtual_start, m->size };

		/* an emulated device, not memory: never mapped */
		if (r.type == HVISOR_MEM_TYPE_DEBUG_CONSOLE) {
			ret = r.size == DBGCON_SIZE ? dbgcon_register(z, r.ipa)
						    : -HVISOR_EINVAL;
			if (ret)
				snprintf(why, n,
					 "debug console 0x%llx+0x%llx: size "
					 "must be 0x%x, page aligned, not "
					 "overlapping another region",
					 (unsigned long long)r.ipa,
					 (unsigned long long)r.size,
					 DBGCON_SIZE);
		} else {
			ret = zone_add_region(z, &r, why, n);
		}
		if (ret)
			why_field(why, n, "memory_regions", i);
	}
	if (!ret) {
		ret = zone_check_exclusive(z);
		if (ret)
			snprintf(why, n,
				 "memory_regions: RAM of another "
				 "running zone");
	}
	memcpy(z->irq_bitmap, cfg->interrupts_bitmap, sizeof(z->irq_bitmap));
	arch_irq_zone_config_fixup(z);
	if (!ret) {
		ret = zone_claim_cpus(z, cfg->cpus);
		if (ret)
			snprintf(why, n, "cpus 0x%llx: %s",
				 (unsigned long long)cfg->cpus,
				 ret == -HVISOR_EBUSY
					 ? "a CPU is in use (the root zone "
					   "must switch it off first)"
					 : "empty or beyond the board's CPUs");
	}
	if (!ret) {
		ret = arch_irq_zone_init(z);
		if (ret)
			snprintf(why, n, "interrupt controller set-up failed");
	}
	if (!ret) {
		z->entry = cfg->entry_point;
		z->dtb_ipa = ~0ULL;
		for (i = 0; i < z->num_regions; i++) {
			const struct zone_region *r = &z->regions[i];

			if (r->type == HVISOR_MEM_TYPE_RAM &&
			    region_contains(r->pa, r->size, cfg->dtb_load_paddr,
					    1))
				z->dtb_ipa =
					r->ipa + (cfg->dtb_load_paddr - r->pa);
		}
		if (z->dtb_ipa == ~0ULL) {
			snprintf(why, n,
				 "dtb_load_paddr 0x%llx: in no ram region of "
				 "the zone",
				 (unsigned long long)cfg->dtb_load_paddr);
			ret = -HVISOR_EINVAL;
		}
	}
	if (ret) {
		zone_free(z);
		*err = ret;
		return NULL;
	}
	return z;
}

int zone_start(struct zone *z)
{
	struct cpu *c = &cpus[z->boot_cpu];

	if (c->vcpu.state != VCPU_OFF)
		return -HVISOR_EBUSY;
	z->state = ZONE_RUNNING;
	c->vcpu.entry = z->entry;
	c->vcpu.arg = z->dtb_ipa;
	c->vcpu.state = VCPU_STARTING;
	if (c == this_cpu())
		arch_vcpu_enter(c);
	cpu_send_event(z->boot_cpu, EV_VCPU_START);
	return 0;
}

void zone_stop(struct zone *z, u8 reason, const char *why)
{
	struct cpu *self = this_cpu();
	enum zone_state expect = ZONE_RUNNING;
	u32 i;

	/* one caller wins; the state says STOPPED once the report is out */
	if (__atomic_compare_exchange_n(&z->state, &expect, ZONE_STOPPING,
					false, __ATOMIC_ACQ_REL,
					__ATOMIC_ACQUIRE)) {
		z->stop_reason = reason;
		printk("hvisor: zone %u (%s) stopped: %s\n", z->id, z->name,
		       why);
		for (i = 0; i < board.num_cpus; i++)
			if ((z->cpus & BIT(i)) && &cpus[i] != self)
				cpu_send_event(i, EV_VCPU_STOP);
		__atomic_store_n(&z->state, ZONE_STOPPED, __ATOMIC_RELEASE);
	}
	if (self->vcpu.zone == z)
		vcpu_park();
}

int zone_destroy(struct zone *z)
{
	u32 i;

	if (z->id == 0)
		return -HVISOR_EINVAL;
	zone_stop(z, HVISOR_ZONE_STOP_SHUTDOWN, "shutdown requested");
	/* wait (bounded) for its CPUs to park */
	for (i = 0; i < board.num_cpus; i++) {
		u64 spins = 0;

		if (!(z->cpus & BIT(i)))
			continue;
		while (__atomic_load_n(&cpus[i].vcpu.state, __ATOMIC_ACQUIRE) !=
			       VCPU_OFF &&
		       ++spins < 100000000ULL)
			;
		if (cpus[i].vcpu.state != VCPU_OFF)
			return -HVISOR_EBUSY;
	}
	/* after every request its vCPUs made: the daemon resets its devices */
	virtio_zone_reset(z);
	arch_irq_zone_reset(z);
	zone_free(z);
	printk("hvisor: zone %u (%s) destroyed, %llu free pages\n", z->id,
	       z->name, (unsigned long long)page_pool_free_count());
	return 0;
}

u64 zone_region_pg_flags(const struct zone_region *r)
{
	if (r->type == HVISOR_MEM_TYPE_VIRTIO)
		return 0; /* trapped, never mapped */
	return PG_READ | PG_WRITE |
	       (r->type == HVISOR_MEM_TYPE_IO ? PG_DEVICE : PG_EXEC);
}
