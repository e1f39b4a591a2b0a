// SPDX-License-Identifier: GPL-2.0
/* Copyright (c) 2026 hvisor-c contributors */
/* The zone table: zone 0 from the board, others from hypercalls. */
#include <hv/bitmap.h>
#include <hv/board.h>
#include <hv/cpu.h>
#include <hv/dbgcon.h>
#include <hv/irq.h>
#include <hv/printk.h>
#include <hv/region.h>
#include <hv/string.h>
#include <hv/zone.h>

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

int zone_check_region(const struct zone *z, const struct zone_region *r)
{
	u32 i;

	if (!r->size || !IS_ALIGNED(r->pa | r->ipa | r->size, PAGE_SIZE))
		return -HV_EINVAL;
	if (r->pa + r->size < r->pa || r->ipa + r->size < r->ipa)
		return -HV_EINVAL;
	if (r->type > HVISOR_MEM_TYPE_VIRTIO)
		return -HV_EINVAL;
	if (region_overlaps(r->pa, r->size, board.hv_ram.base,
			    board.hv_ram.size))
		return -HV_EINVAL;
	for (i = 0; i < z->num_regions; i++)
		if (region_overlaps(r->ipa, r->size, z->regions[i].ipa,
				    z->regions[i].size))
			return -HV_EINVAL;
	return 0;
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
	return -HV_EFAULT;
}

static struct zone *zone_alloc(u32 id, int *err)
{
	struct zone *z = NULL;
	u32 i;

	spin_lock(&zones_lock);
	if (zone_by_id(id)) {
		*err = -HV_EEXIST;
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
		*err = -HV_ENOMEM;
out:
	spin_unlock(&zones_lock);
	return z;
}

/* Until the virtio bridge exists, a virtio access stops the zone clearly. */
static int zone_virtio_stub(struct zone *z, struct mmio_access *acc, void *arg)
{
	(void)arg;
	printk("hvisor: zone %u (%s): virtio access at 0x%llx: the virtio "
	       "bridge is not implemented yet\n",
	       z->id, z->name, (unsigned long long)acc->addr);
	return -HV_ENOSYS;
}

static int zone_add_region(struct zone *z, const struct zone_region *r)
{
	int ret;

	if (z->num_regions >= ZONE_MAX_REGIONS)
		return -HV_ENOMEM;
	ret = zone_check_region(z, r);
	if (ret)
		return ret;
	z->regions[z->num_regions++] = *r;
	return arch_zone_map(z, r);
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
		return -HV_EINVAL;
	for (i = 0; i < board.num_cpus; i++) {
		struct zone *owner = cpus[i].vcpu.zone;

		if (!(set & BIT(i)) || !owner || owner == z)
			continue;
		if (owner != root || z == root ||
		    __atomic_load_n(&cpus[i].vcpu.state, __ATOMIC_ACQUIRE) !=
			    VCPU_OFF)
			return -HV_EBUSY;
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
					return -HV_EBUSY;
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

		ret = zone_add_region(z, &r);
	}
	for (i = 0; !ret && i < rz->num_irqs; i++) {
		if (rz->irqs[i].intid >= ZONE_MAX_IRQS)
			ret = -HV_EINVAL;
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

struct zone *zone_create(const struct hvisor_zone_config *cfg, int *err)
{
	struct zone *z;
	u32 i;
	int ret = 0;

	if (cfg->num_memory_regions > HVISOR_CONFIG_MAX_MEMORY_REGIONS ||
	    cfg->zone_id == 0) {
		*err = -HV_EINVAL;
		return NULL;
	}
	z = zone_alloc(cfg->zone_id, err);
	if (!z)
		return NULL;
	memcpy(z->name, cfg->name, sizeof(z->name));
	z->name[sizeof(z->name) - 1] = '\0';
	ret = arch_zone_init(z);
	for (i = 0; !ret && i < cfg->num_memory_regions; i++) {
		const struct hvisor_memory_region *m = &cfg->memory_regions[i];
		struct zone_region r = { m->mem_type, m->physical_start,
					 m->virtual_start, m->size };

		/* an emulated device, not memory: never mapped */
		if (r.type == HVISOR_MEM_TYPE_DEBUG_CONSOLE) {
			ret = r.size == DBGCON_SIZE ? dbgcon_register(z, r.ipa)
						    : -HV_EINVAL;
			continue;
		}
		ret = zone_add_region(z, &r);
		if (!ret && r.type == HVISOR_MEM_TYPE_VIRTIO)
			ret = mmio_register(z, r.ipa, r.size, zone_virtio_stub,
					    NULL);
	}
	if (!ret)
		ret = zone_check_exclusive(z);
	memcpy(z->irq_bitmap, cfg->interrupts_bitmap, sizeof(z->irq_bitmap));
	z->irq_bitmap[0] = 0; /* SGIs/PPIs are per vCPU, never owned */
	if (!ret)
		ret = zone_claim_cpus(z, cfg->cpus);
	if (!ret)
		ret = arch_irq_zone_init(z);
	if (!ret) {
		z->entry = cfg->entry_point;
		z->dtb_ipa = ~0ULL;
		for (i = 0; i < z->num_regions; i++) {
			const struct zone_region *r = &z->regions[i];

			if (region_contains(r->pa, r->size, cfg->dtb_load_paddr,
					    1))
				z->dtb_ipa =
					r->ipa + (cfg->dtb_load_paddr - r->pa);
		}
		if (z->dtb_ipa == ~0ULL)
			ret = -HV_EINVAL;
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
		return -HV_EBUSY;
	z->state = ZONE_RUNNING;
	c->vcpu.entry = z->entry;
	c->vcpu.arg = z->dtb_ipa;
	c->vcpu.state = VCPU_STARTING;
	if (c == this_cpu())
		arch_vcpu_enter(c);
	cpu_send_event(z->boot_cpu, EV_VCPU_START);
	return 0;
}

void zone_stop(struct zone *z, const char *why)
{
	struct cpu *self = this_cpu();
	enum zone_state expect = ZONE_RUNNING;
	u32 i;

	/* one caller wins; the state says STOPPED once the report is out */
	if (__atomic_compare_exchange_n(&z->state, &expect, ZONE_STOPPING,
					false, __ATOMIC_ACQ_REL,
					__ATOMIC_ACQUIRE)) {
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
		return -HV_EINVAL;
	zone_stop(z, "shutdown requested");
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
			return -HV_EBUSY;
	}
	arch_irq_zone_reset(z);
	zone_free(z);
	return 0;
}
