// SPDX-License-Identifier: GPL-2.0
/* Copyright (c) 2026 hvisor-c contributors */
/*
 * The virtio bridge (core/virtio.c) against a daemon written here from the
 * protocol of <hvisor/virtio_bridge.h>: a host thread that consumes
 * requests and answers through cfg_values/cfg_flags, as the real daemon
 * does.  vCPUs are host threads too (unit_self picks this_cpu()).
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <hv/board.h>
#include <hv/cpu.h>
#include <hv/mmio.h>
#include <hv/virtio.h>
#include <hv/zone.h>
#include <hvisor/hypercall.h>
#include <hvisor/virtio_bridge.h>
#include "harness.h"

extern __thread struct cpu *unit_self;
extern u32 unit_virq_cpu[8], unit_virq_irq[8], unit_virq_count;

#define WIN 0x10000000ULL
#define ANSWER(addr) ((addr) ^ 0xabcULL)
#define RESET_ANSWER 0xdeadULL

static struct hvisor_virtio_bridge *pages; /* two pages of "root RAM" */
static struct hvisor_virtio_bridge *daemon_page;
static volatile int daemon_paused, daemon_stop;
static struct hvisor_virtio_req seen[64];
static volatile u32 nseen;

static void *daemon_main(void *arg)
{
	(void)arg;
	while (!daemon_stop) {
		struct hvisor_virtio_bridge *b = daemon_page;
		struct hvisor_virtio_req *r;
		u32 front;

		if (daemon_paused || !b ||
		    b->req_front ==
			    __atomic_load_n(&b->req_rear, __ATOMIC_ACQUIRE)) {
			usleep(100);
			continue;
		}
		front = b->req_front;
		r = &b->req_list[front];
		if (nseen < 64)
			seen[nseen] = *r;
		nseen++;
		if (!r->need_interrupt) {
			u64 v = r->is_write ? (r->address % 0x200 == 0x70 &&
							       !r->value
						       ? RESET_ANSWER
						       : 0)
					    : ANSWER(r->address);

			b->cfg_values[r->src_cpu] = v;
			__atomic_fetch_add(&b->cfg_flags[r->src_cpu], 1,
					   __ATOMIC_RELEASE);
		}
		__atomic_store_n(&b->req_front,
				 (front + 1) % HVISOR_VIRTIO_MAX_REQ,
				 __ATOMIC_RELEASE);
	}
	return NULL;
}

struct vcpu_job {
	struct mmio_access acc;
	int ret;
	volatile int done;
};

/* zone 1's vCPU (CPU 1) accesses its virtio window */
static void *vcpu_main(void *arg)
{
	struct vcpu_job *j = arg;

	unit_self = &cpus[1];
	j->ret = mmio_dispatch(&zones[1], &j->acc);
	j->done = 1;
	return NULL;
}

static int wait_done(struct vcpu_job *j)
{
	int i;

	for (i = 0; i < 20000 && !j->done; i++)
		usleep(100);
	return j->done;
}

static void run(struct vcpu_job *j, pthread_t *t);

/*
 * Run @j with the daemon paused: 1 if it completed without the daemon
 * (within 200 ms); if it waits, the daemon is let go to release it.
 */
static int done_without_daemon(struct vcpu_job *j)
{
	pthread_t t;
	int i;

	run(j, &t);
	for (i = 0; i < 2000 && !j->done; i++)
		usleep(100);
	i = j->done;
	if (!i) {
		daemon_paused = 0;
		wait_done(j);
		daemon_paused = 1;
	}
	pthread_join(t, NULL);
	return i;
}

static struct mmio_access rd(u64 off)
{
	return (struct mmio_access){ .addr = WIN + off, .size = 4 };
}

static struct mmio_access wr(u64 off, u64 v)
{
	return (struct mmio_access){
		.addr = WIN + off, .size = 4, .is_write = true, .value = v
	};
}

static void set_up_zones(void)
{
	struct zone *root = &zones[0], *z = &zones[1];

	memset(zones, 0, sizeof(struct zone) * 2);
	root->state = ZONE_RUNNING;
	root->cpus = BIT(0);
	root->num_regions = 1;
	root->regions[0] =
		(struct zone_region){ HVISOR_MEM_TYPE_RAM,
				      (u64)(uintptr_t)pages,
				      (u64)(uintptr_t)pages, 2 * PAGE_SIZE };
	z->id = 1;
	z->state = ZONE_RUNNING;
	z->cpus = BIT(1);
	z->boot_cpu = 1;
	strcpy(z->name, "z1");
	z->num_regions = 1;
	z->regions[0] =
		(struct zone_region){ HVISOR_MEM_TYPE_VIRTIO, WIN, WIN, 0x400 };
	z->irq_bitmap[78 / 32] |= BIT(78 % 32);
	cpus[0].id = 0;
	cpus[1].id = 1;
	cpus[0].vcpu.zone = root;
	cpus[0].vcpu.state = VCPU_ON;
	cpus[1].vcpu.zone = z;
	cpus[1].vcpu.state = VCPU_ON;
}

static void run(struct vcpu_job *j, pthread_t *t)
{
	j->done = 0;
	pthread_create(t, NULL, vcpu_main, j);
}

void test_virtio_bridge(void)
{
	struct zone *root = &zones[0];
	struct vcpu_job j = { 0 };
	pthread_t daemon, t;
	u32 i, n;

	pages = aligned_alloc(PAGE_SIZE, 2 * PAGE_SIZE);
	set_up_zones();
	CHECK(virtio_register_region(&zones[1], WIN, 0x400) == 0);

	/* no daemon: reads are 0, nothing waits */
	j.acc = rd(0);
	j.acc.value = 77;
	CHECK(mmio_dispatch(&zones[1], &j.acc) == 0 && j.acc.value == 0);

	/* registration: aligned root RAM only; the page is zeroed */
	CHECK(virtio_bridge_init(root, (u64)(uintptr_t)pages + 8) ==
	      -HVISOR_EINVAL);
	CHECK(virtio_bridge_init(root, 0x1000) == -HVISOR_EINVAL);
	memset(pages, 0xff, PAGE_SIZE);
	CHECK(virtio_bridge_init(root, (u64)(uintptr_t)pages) == 0);
	CHECK(pages->req_rear == 0 && pages->cfg_flags[1] == 0 &&
	      pages->need_wakeup == 0);
	/* the tail too: no extension until the daemon writes one */
	CHECK(((u8 *)pages)[HVISOR_VIRTIO_EXT_OFFSET] == 0 &&
	      ((u8 *)pages)[PAGE_SIZE - 1] == 0);

	daemon_page = pages;
	pthread_create(&daemon, NULL, daemon_main, NULL);

	/* a read waits for its answer; the request says who and what */
	j.acc = rd(0x204);
	run(&j, &t);
	CHECK(wait_done(&j) && j.ret == 0 &&
	      j.acc.value == ANSWER(WIN + 0x204));
	pthread_join(t, NULL);
	CHECK(nseen == 1);
	CHECK(seen[0].src_cpu == 1 && seen[0].src_zone == 1 &&
	      seen[0].address == WIN + 0x204 && seen[0].size == 4 &&
	      !seen[0].is_write && !seen[0].need_interrupt);

	/* QueueNotify (of either window) does not wait for the daemon */
	daemon_paused = 1;
	j.acc = wr(0x250, 3);
	run(&j, &t);
	CHECK(wait_done(&j) && j.ret == 0);
	pthread_join(t, NULL);
	CHECK(pages->req_rear == 2);

	/* wake-up IRQ to the root's running CPU when the daemon sleeps */
	unit_virq_count = 0;
	pages->need_wakeup = 1;
	j.acc = wr(0x50, 0);
	run(&j, &t);
	CHECK(wait_done(&j));
	pthread_join(t, NULL);
	CHECK(unit_virq_count == 1 && unit_virq_cpu[0] == 0 &&
	      unit_virq_irq[0] == board.virtio_irq && board.virtio_irq == 77);
	pages->need_wakeup = 0;

	/*
	 * Shutdown with answers outstanding: the resets the hypervisor queues
	 * are answered after the next run's first read was pushed; that read
	 * must get its own answer, not a reset's.
	 */
	virtio_zone_reset(&zones[1]);
	CHECK(pages->req_rear == 5);
	CHECK(pages->req_list[3].address == WIN + 0x70 &&
	      pages->req_list[3].is_write && pages->req_list[3].value == 0 &&
	      pages->req_list[4].address == WIN + 0x270);
	j.acc = rd(0x8);
	run(&j, &t);
	usleep(20000);
	CHECK(!j.done); /* waiting */
	daemon_paused = 0;
	CHECK(wait_done(&j) && j.acc.value == ANSWER(WIN + 0x8));
	pthread_join(t, NULL);

	/* ring full: the 32nd request waits for room, none is lost */
	daemon_paused = 1;
	usleep(2000);
	n = nseen;
	for (i = 0; i < HVISOR_VIRTIO_MAX_REQ - 1; i++) {
		j.acc = wr(0x50, i);
		unit_self = &cpus[1];
		CHECK(mmio_dispatch(&zones[1], &j.acc) == 0);
	}
	j.acc = wr(0x50, 31);
	run(&j, &t);
	usleep(20000);
	CHECK(!j.done);
	daemon_paused = 0;
	CHECK(wait_done(&j));
	pthread_join(t, NULL);
	usleep(20000);
	CHECK(nseen == n + 32);
	for (i = 0; i < 32 && n + i < 64; i++)
		CHECK(seen[n + i].value == i);

	/* the daemon goes and a new one comes while a read waits: the read
	 * is asked again on the new page */
	daemon_paused = 1;
	usleep(2000);
	j.acc = rd(0x10);
	run(&j, &t);
	usleep(20000);
	CHECK(!j.done);
	struct hvisor_virtio_bridge *page2 =
		(void *)((char *)pages + PAGE_SIZE);
	CHECK(virtio_bridge_init(root, (u64)(uintptr_t)page2) == 0);
	daemon_page = page2;
	daemon_paused = 0;
	CHECK(wait_done(&j) && j.acc.value == ANSWER(WIN + 0x10));
	pthread_join(t, NULL);

	/* ... or reads 0 when none comes back */
	daemon_paused = 1;
	usleep(2000);
	j.acc = rd(0x14);
	run(&j, &t);
	usleep(20000);
	CHECK(!j.done);
	CHECK(virtio_bridge_init(root, 0) == 0);
	CHECK(wait_done(&j) && j.acc.value == 0);
	pthread_join(t, NULL);

	/* FINISH_REQ: only IRQs a running zone owns are injected */
	CHECK(virtio_finish_req() == -HVISOR_ENODEV);
	CHECK(virtio_bridge_init(root, (u64)(uintptr_t)pages) == 0);
	pages->res_list[0] = (struct hvisor_virtio_res){ 1, 78 };
	pages->res_list[1] = (struct hvisor_virtio_res){ 1, 79 };
	pages->res_list[2] = (struct hvisor_virtio_res){ 9, 78 };
	pages->res_list[3] = (struct hvisor_virtio_res){ 1, 78 };
	pages->res_rear = 4;
	unit_virq_count = 0;
	CHECK(virtio_finish_req() == 2);
	CHECK(unit_virq_count == 2 && unit_virq_cpu[0] == 1 &&
	      unit_virq_irq[0] == 78);
	CHECK(pages->res_front == 4);
	zones[1].state = ZONE_STOPPED;
	pages->res_list[4] = (struct hvisor_virtio_res){ 1, 78 };
	pages->res_rear = 5;
	CHECK(virtio_finish_req() == 0 && pages->res_front == 5);

	/*
	 * The extension: InterruptStatus/ACK of a window with a slot of its
	 * zone are answered here, without a request; anything else, or
	 * without the magic, is a request as before
	 */
	zones[1].state = ZONE_RUNNING;
	daemon_page = pages;
	daemon_paused = 0;
	{
		struct hvisor_virtio_bridge_ext *ext =
			(void *)((char *)pages + HVISOR_VIRTIO_EXT_OFFSET);

		ext->devs[0] = (struct hvisor_virtio_ext_dev){ WIN, 1, 1 };
		/* the second window's slot is another zone's */
		ext->devs[1] =
			(struct hvisor_virtio_ext_dev){ WIN + 0x200, 2, 1 };
		ext->num_devs = 2;
		n = nseen;
		j.acc = rd(0x60);
		run(&j, &t);
		CHECK(wait_done(&j) && j.acc.value == ANSWER(WIN + 0x60));
		pthread_join(t, NULL);
		CHECK(nseen == n + 1); /* no magic: a request */

		ext->magic = HVISOR_VIRTIO_EXT_MAGIC;
		daemon_paused = 1;
		usleep(2000);
		n = nseen;
		j.acc = rd(0x60);
		CHECK(done_without_daemon(&j) && j.ret == 0 &&
		      j.acc.value == 1);
		j.acc = wr(0x64, 1);
		CHECK(done_without_daemon(&j) && j.ret == 0 &&
		      ext->devs[0].int_status == 0);
		j.acc = rd(0x60);
		CHECK(done_without_daemon(&j) && j.acc.value == 0);
		CHECK(nseen == n && pages->req_rear == pages->req_front);

		daemon_paused = 0;
		j.acc = rd(0x260); /* a slot of zone 2 only */
		run(&j, &t);
		CHECK(wait_done(&j) && j.acc.value == ANSWER(WIN + 0x260));
		pthread_join(t, NULL);
		j.acc = rd(0x60);
		j.acc.size = 2; /* not the 4-byte register access */
		run(&j, &t);
		CHECK(wait_done(&j) && j.acc.value == ANSWER(WIN + 0x60));
		pthread_join(t, NULL);
		CHECK(nseen == n + 2 && ext->devs[1].int_status == 1);
	}

	daemon_stop = 1;
	pthread_join(daemon, NULL);
	CHECK(virtio_bridge_init(root, 0) == 0);
	memset(zones, 0, sizeof(struct zone) * 2);
	unit_self = &cpus[0];
	free(pages);
}

void test_virtio_regions(void)
{
	struct zone z;
	struct zone_region ram = { HVISOR_MEM_TYPE_RAM, 0x50000000, 0x50000000,
				   0x10000000 };
	struct zone_region v = { HVISOR_MEM_TYPE_VIRTIO, 0x10000000, 0x10000000,
				 0x200 };
	char why[160];

	memset(&z, 0, sizeof(z));
	z.regions[z.num_regions++] = ram;
	CHECK(zone_check_region_why(&z, &v, why, sizeof(why)) == 0);
	z.regions[z.num_regions++] = v;
	v.pa = v.ipa = 0x10000200; /* the next window, same page: fine */
	CHECK(zone_check_region_why(&z, &v, why, sizeof(why)) == 0);
	v.pa = v.ipa = 0x10000100; /* overlaps the first window */
	CHECK(zone_check_region_why(&z, &v, why, sizeof(why)) ==
	      -HVISOR_EINVAL);
	v.pa = v.ipa = 0x10000300; /* not a multiple of 0x200 */
	CHECK(zone_check_region_why(&z, &v, why, sizeof(why)) ==
		      -HVISOR_EINVAL &&
	      strstr(why, "multiples of 0x200"));
	v.pa = 0x20000000; /* physical_start != virtual_start */
	v.ipa = 0x10000400;
	CHECK(zone_check_region_why(&z, &v, why, sizeof(why)) ==
		      -HVISOR_EINVAL &&
	      strstr(why, "physical_start"));
	/* a window in a page that RAM maps would never trap */
	v.pa = v.ipa = 0x5ffffe00; /* inside RAM */
	CHECK(zone_check_region_why(&z, &v, why, sizeof(why)) ==
	      -HVISOR_EINVAL);
	ram.pa = ram.ipa = 0x10001000;
	ram.size = 0x1000;
	CHECK(zone_check_region_why(&z, &ram, why, sizeof(why)) == 0);
	ram.pa = ram.ipa = 0x10000000; /* RAM over the windows' page */
	CHECK(zone_check_region_why(&z, &ram, why, sizeof(why)) ==
		      -HVISOR_EINVAL &&
	      strstr(why, "share a 4 KiB page"));
	v.pa = v.ipa = 0x60000000; /* page after RAM, own page: fine */
	CHECK(zone_check_region_why(&z, &v, why, sizeof(why)) == 0);
}
