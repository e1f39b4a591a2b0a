// SPDX-License-Identifier: GPL-2.0
/* Copyright (c) 2026 hvisor-c contributors */
/*
 * Virtio bridge, hypervisor side.  A vCPU that touches a virtio window
 * pushes a request and, unless it was a QueueNotify write, waits for the
 * daemon's answer: cfg_flags[cpu] reaching the number of answered requests
 * this CPU has pushed since the page was registered.  Counting (instead of
 * upstream's "flag changed") makes a late answer to a request of a zone
 * that was shut down harmless: it is absorbed, never taken for the answer
 * of the zone's next run.
 */
#include <hv/board.h>
#include <hv/cpu.h>
#include <hv/irq.h>
#include <hv/printk.h>
#include <hv/region.h>
#include <hv/spinlock.h>
#include <hv/string.h>
#include <hv/virtio.h>
#include <hv/zone.h>
#include <hvisor/hypercall.h>
#include <hvisor/virtio_bridge.h>

#define RING_MASK (HVISOR_VIRTIO_MAX_REQ - 1)
/* bounded waits of the root zone's hypercalls (the daemon may be dead) */
#define PUSH_SPINS_HC 20000000ULL

static spinlock_t bridge_lock;
static struct hvisor_virtio_bridge *bridge; /* NULL: no daemon */
static u32 bridge_epoch; /* changes on every (un)registration */
static u64 pushed[HV_NCPUS]; /* answered requests pushed, per CPU */
static bool warned_no_daemon[HV_NCPUS];

_Static_assert(HV_NCPUS <= HVISOR_VIRTIO_MAX_CPUS, "cfg_flags per CPU");
_Static_assert(HVISOR_VIRTIO_BRIDGE_SIZE <= PAGE_SIZE, "one page");

u32 virtio_wakeup_irq(void)
{
	return board.virtio_irq;
}

static u32 load_u32(const u32 *p)
{
	return __atomic_load_n(p, __ATOMIC_ACQUIRE);
}

/* Raise the wake-up IRQ on a running vCPU of the root zone. */
static void wake_daemon(void)
{
	struct zone *root = zone_by_id(0);
	u32 i;

	if (!root)
		return;
	for (i = 0; i < board.num_cpus; i++) {
		if (!(root->cpus & BIT(i)) ||
		    __atomic_load_n(&cpus[i].vcpu.state, __ATOMIC_ACQUIRE) !=
			    VCPU_ON)
			continue;
		arch_irq_queue_virtual(i, virtio_wakeup_irq());
		cpu_send_event(i, EV_VIRQ);
		return;
	}
}

/*
 * Push one request with the lock held; false if the ring is full.  Sets
 * *target to the cfg_flags value that answers it (answered requests).
 */
static bool push_locked(const struct hvisor_virtio_req *req, u64 *target)
{
	struct hvisor_virtio_bridge *b = bridge;
	u32 rear = b->req_rear & RING_MASK;

	if (((rear + 1) & RING_MASK) == (load_u32(&b->req_front) & RING_MASK))
		return false;
	b->req_list[rear] = *req;
	if (!req->need_interrupt)
		*target = ++pushed[req->src_cpu];
	__atomic_store_n(&b->req_rear, (rear + 1) & RING_MASK,
			 __ATOMIC_RELEASE);
	/* the daemon sets need_wakeup, then re-reads req_rear (Dekker) */
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	if (__atomic_load_n(&b->need_wakeup, __ATOMIC_RELAXED))
		wake_daemon();
	return true;
}

/*
 * The vCPU waits at EL2.  A stop of its zone (shutdown) parks it from
 * here, so a dead daemon never keeps a zone from being shut down.
 */
static void wait_a_moment(void)
{
	cpu_handle_events();
	arch_cpu_relax();
}

static struct hvisor_virtio_bridge_ext *
bridge_ext(struct hvisor_virtio_bridge *b)
{
	return (struct hvisor_virtio_bridge_ext *)((u8 *)b +
						   HVISOR_VIRTIO_EXT_OFFSET);
}

/*
 * InterruptStatus read or InterruptACK write of a device whose status the
 * daemon publishes (<hvisor/virtio_bridge.h>): answered here, with the
 * lock held; false if this access is not one of those.
 */
static bool answer_interrupt_locked(struct zone *z, struct mmio_access *acc)
{
	u64 off = acc->offset % HVISOR_VIRTIO_MMIO_WINDOW;
	struct hvisor_virtio_bridge_ext *ext;
	u64 window = acc->addr - off;
	u32 i, n;

	if (acc->size != 4 ||
	    off != (acc->is_write ? HVISOR_VIRTIO_MMIO_INTERRUPT_ACK
				  : HVISOR_VIRTIO_MMIO_INTERRUPT_STATUS))
		return false;
	ext = bridge_ext(bridge);
	if (__atomic_load_n(&ext->magic, __ATOMIC_ACQUIRE) !=
	    HVISOR_VIRTIO_EXT_MAGIC)
		return false;
	n = __atomic_load_n(&ext->num_devs, __ATOMIC_RELAXED);
	if (n > HVISOR_VIRTIO_MAX_DEVS)
		n = HVISOR_VIRTIO_MAX_DEVS; /* the slots that exist */
	for (i = 0; i < n; i++) {
		struct hvisor_virtio_ext_dev *d = &ext->devs[i];

		if (__atomic_load_n(&d->address, __ATOMIC_RELAXED) != window ||
		    __atomic_load_n(&d->zone, __ATOMIC_RELAXED) != z->id)
			continue;
		if (acc->is_write)
			__atomic_fetch_and(&d->int_status, ~(u32)acc->value,
					   __ATOMIC_SEQ_CST);
		else
			acc->value = __atomic_load_n(&d->int_status,
						     __ATOMIC_SEQ_CST);
		return true;
	}
	return false;
}

static int zone_request(struct zone *z, struct mmio_access *acc)
{
	u32 cpu = this_cpu()->id;
	struct hvisor_virtio_req req = {
		.src_cpu = cpu,
		.address = acc->addr,
		.size = acc->size,
		.value = acc->is_write ? acc->value : 0,
		.src_zone = z->id,
		.is_write = acc->is_write,
		.need_interrupt = acc->is_write &&
				  acc->offset % HVISOR_VIRTIO_MMIO_WINDOW ==
					  HVISOR_VIRTIO_MMIO_QUEUE_NOTIFY,
	};
	struct hvisor_virtio_bridge *b;
	u64 target = 0;
	u32 epoch;

retry:
	for (;;) {
		spin_lock(&bridge_lock);
		if (!bridge) {
			spin_unlock(&bridge_lock);
			if (!warned_no_daemon[cpu]) {
				warned_no_daemon[cpu] = true;
				printk("hvisor: zone %u (%s): virtio access at "
				       "0x%llx but no virtio daemon runs: "
				       "reads "
				       "as 0 (hint: hvisor virtio start)\n",
				       z->id, z->name,
				       (unsigned long long)acc->addr);
			}
			acc->value = 0;
			return 0;
		}
		if (answer_interrupt_locked(z, acc)) {
			spin_unlock(&bridge_lock);
			warned_no_daemon[cpu] = false;
			return 0;
		}
		if (push_locked(&req, &target))
			break;
		spin_unlock(&bridge_lock);
		wait_a_moment();
	}
	b = bridge;
	epoch = bridge_epoch;
	spin_unlock(&bridge_lock);
	warned_no_daemon[cpu] = false;
	if (req.need_interrupt)
		return 0;

	for (;;) {
		u64 flags, value;

		if (__atomic_load_n(&bridge_epoch, __ATOMIC_ACQUIRE) != epoch)
			goto retry; /* the daemon went or came: ask again */
		flags = __atomic_load_n(&b->cfg_flags[cpu], __ATOMIC_ACQUIRE);
		value = __atomic_load_n(&b->cfg_values[cpu], __ATOMIC_RELAXED);
		__atomic_thread_fence(__ATOMIC_ACQUIRE);
		/* the page stays valid while the epoch has not moved */
		if (__atomic_load_n(&bridge_epoch, __ATOMIC_ACQUIRE) != epoch)
			goto retry;
		if (flags >= target) {
			acc->value = value;
			return 0;
		}
		wait_a_moment();
	}
}

static int virtio_mmio_handler(struct zone *z, struct mmio_access *acc,
			       void *arg)
{
	(void)arg;
	return zone_request(z, acc);
}

int virtio_register_region(struct zone *z, u64 ipa, u64 size)
{
	return mmio_register(z, ipa, size, virtio_mmio_handler, NULL);
}

int virtio_bridge_init(struct zone *root, u64 ipa)
{
	struct hvisor_virtio_bridge *b = NULL;
	u64 pa;
	u32 i;

	if (ipa) {
		if (!IS_ALIGNED(ipa, PAGE_SIZE) ||
		    zone_ipa_to_pa(root, ipa, PAGE_SIZE, &pa))
			return -HVISOR_EINVAL;
		b = (struct hvisor_virtio_bridge *)(uintptr_t)pa;
		/* the whole page: no extension until this daemon sets it */
		memset(b, 0, HVISOR_VIRTIO_BRIDGE_SIZE);
	}
	spin_lock(&bridge_lock);
	bridge = b;
	for (i = 0; i < HV_NCPUS; i++)
		pushed[i] = 0;
	__atomic_fetch_add(&bridge_epoch, 1, __ATOMIC_ACQ_REL);
	spin_unlock(&bridge_lock);
	printk("hvisor: virtio daemon %s\n",
	       b ? "registered its bridge page" : "gone");
	return 0;
}

static s64 inject(const struct hvisor_virtio_res *res)
{
	struct zone *z = zone_by_id(res->target_zone);
	u32 i;

	if (!z || z->id == 0 || z->state != ZONE_RUNNING || res->irq_id < 32 ||
	    !zone_owns_irq(z, res->irq_id))
		return 0; /* gone, stopped, or not its IRQ: dropped */
	for (i = 0; i < board.num_cpus; i++) {
		if (!(z->cpus & BIT(i)) ||
		    __atomic_load_n(&cpus[i].vcpu.state, __ATOMIC_ACQUIRE) !=
			    VCPU_ON)
			continue;
		arch_irq_queue_virtual(i, res->irq_id);
		cpu_send_event(i, EV_VIRQ);
		return 1;
	}
	return 0;
}

s64 virtio_finish_req(void)
{
	struct hvisor_virtio_bridge *b;
	s64 n = 0;
	u32 front;

	spin_lock(&bridge_lock);
	b = bridge;
	if (!b) {
		spin_unlock(&bridge_lock);
		return -HVISOR_ENODEV;
	}
	front = b->res_front & RING_MASK;
	while (front != (load_u32(&b->res_rear) & RING_MASK)) {
		struct hvisor_virtio_res res = b->res_list[front];

		n += inject(&res);
		front = (front + 1) & RING_MASK;
		__atomic_store_n(&b->res_front, front, __ATOMIC_RELEASE);
	}
	spin_unlock(&bridge_lock);
	return n;
}

void virtio_zone_reset(struct zone *z)
{
	u32 i;

	for (i = 0; i < z->num_regions; i++) {
		const struct zone_region *r = &z->regions[i];
		u64 a;

		if (r->type != HVISOR_MEM_TYPE_VIRTIO)
			continue;
		for (a = r->ipa; a < r->ipa + r->size;
		     a += HVISOR_VIRTIO_MMIO_WINDOW) {
			struct hvisor_virtio_req req = {
				.src_cpu = z->boot_cpu,
				.address = a + 0x70, /* virtio-mmio Status */
				.size = 4,
				.src_zone = z->id,
				.is_write = 1,
			};
			u64 spins = 0, target;
			bool done = false;

			while (!done && spins++ < PUSH_SPINS_HC) {
				spin_lock(&bridge_lock);
				done = !bridge || push_locked(&req, &target);
				spin_unlock(&bridge_lock);
			}
			if (!done)
				printk("hvisor: zone %u (%s): virtio reset of "
				       "0x%llx not delivered: the daemon's "
				       "ring stays full\n",
				       z->id, z->name, (unsigned long long)a);
		}
	}
}
