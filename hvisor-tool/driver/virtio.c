// SPDX-License-Identifier: GPL-2.0
/* Copyright (c) 2026 hvisor-c contributors */
/*
 * hvisor.ko, the virtio daemon's side: one bridge page registered with the
 * hypervisor (HVISOR_INIT_VIRTIO) by one open file at a time; the wake-up
 * IRQ of the DT node /hvisor_virtio_device signals the daemon's eventfd;
 * mmap offset 0 is the bridge page, other offsets map zone RAM (never RAM
 * of this kernel).  Closing the daemon's file unregisters the page, so a
 * killed daemon leaves nothing behind in the hypervisor.
 */
#include <linux/eventfd.h>
#include <linux/gfp.h>
#include <linux/interrupt.h>
#include <linux/mm.h>
#include <linux/mutex.h>
#include <linux/of.h>
#include <linux/of_irq.h>

#include <hvisor/hypercall.h>
#include <hvisor/virtio_bridge.h>

#include "hvisor_drv.h"
#include "hvisor_ioctl.h"

static DEFINE_MUTEX(virtio_lock);
static struct page *bridge_page;
static struct file *daemon_file; /* the file that registered the page */
static struct eventfd_ctx *daemon_event;
static int virtio_irq;

static irqreturn_t hvisor_virtio_irq(int irq, void *dev)
{
	struct eventfd_ctx *ctx = READ_ONCE(daemon_event);

	if (ctx)
		eventfd_signal(ctx, 1);
	return IRQ_HANDLED;
}

int hvisor_virtio_init(void)
{
	struct device_node *node =
		of_find_node_by_path("/hvisor_virtio_device");
	int ret;

	if (!node) {
		pr_warn("hvisor: no /hvisor_virtio_device node in the device "
			"tree: virtio back-ends unavailable (hint: dtscan "
			"writes it into zone0.dts)\n");
		return 0;
	}
	virtio_irq = of_irq_get(node, 0);
	of_node_put(node);
	if (virtio_irq <= 0) {
		pr_warn("hvisor: /hvisor_virtio_device: no usable interrupt "
			"(%d): virtio back-ends unavailable\n",
			virtio_irq);
		virtio_irq = 0;
		return 0;
	}
	bridge_page = alloc_page(GFP_KERNEL | __GFP_ZERO);
	if (!bridge_page)
		return -ENOMEM;
	ret = request_irq(virtio_irq, hvisor_virtio_irq, 0,
			  "hvisor_virtio_device", &virtio_lock);
	if (ret) {
		pr_err("hvisor: virtio IRQ %d: request_irq: %d\n", virtio_irq,
		       ret);
		__free_page(bridge_page);
		bridge_page = NULL;
		virtio_irq = 0;
		return ret;
	}
	return 0;
}

static void virtio_unregister_locked(void)
{
	if (!daemon_file)
		return;
	hvisor_call(HVISOR_HC_INIT_VIRTIO, 0, 0);
	daemon_file = NULL;
	if (daemon_event) {
		struct eventfd_ctx *ctx = daemon_event;

		WRITE_ONCE(daemon_event, NULL);
		synchronize_irq(virtio_irq);
		eventfd_ctx_put(ctx);
	}
}

void hvisor_virtio_exit(void)
{
	mutex_lock(&virtio_lock);
	virtio_unregister_locked();
	mutex_unlock(&virtio_lock);
	if (virtio_irq)
		free_irq(virtio_irq, &virtio_lock);
	if (bridge_page)
		__free_page(bridge_page);
}

void hvisor_virtio_release(struct file *file)
{
	mutex_lock(&virtio_lock);
	if (daemon_file == file)
		virtio_unregister_locked();
	mutex_unlock(&virtio_lock);
}

static long virtio_register(struct file *file)
{
	long ret;

	if (!bridge_page)
		return -ENODEV;
	if (daemon_file)
		return daemon_file == file ? 0 : -EBUSY;
	/* the hypervisor zeroes the page itself */
	ret = hvisor_call(HVISOR_HC_INIT_VIRTIO, page_to_phys(bridge_page), 0);
	if (ret)
		return ret;
	daemon_file = file;
	return 0;
}

static long virtio_set_eventfd(struct file *file, int fd)
{
	struct eventfd_ctx *ctx, *old;

	if (daemon_file != file)
		return -EPERM;
	ctx = eventfd_ctx_fdget(fd);
	if (IS_ERR(ctx))
		return PTR_ERR(ctx);
	old = daemon_event;
	WRITE_ONCE(daemon_event, ctx);
	if (old) {
		synchronize_irq(virtio_irq);
		eventfd_ctx_put(old);
	}
	return 0;
}

long hvisor_virtio_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	long ret;

	mutex_lock(&virtio_lock);
	switch (cmd) {
	case HVISOR_INIT_VIRTIO:
		ret = virtio_register(file);
		break;
	case HVISOR_SET_EVENTFD:
		ret = virtio_set_eventfd(file, (int)arg);
		break;
	case HVISOR_FINISH_REQ:
		ret = daemon_file == file
			      ? hvisor_call(HVISOR_HC_FINISH_REQ, 0, 0)
			      : -EPERM;
		/* the number of IRQs injected is not the caller's business */
		if (ret > 0)
			ret = 0;
		break;
	default:
		ret = -ENOTTY;
	}
	mutex_unlock(&virtio_lock);
	return ret;
}

int hvisor_virtio_mmap(struct file *file, struct vm_area_struct *vma)
{
	size_t len = vma->vm_end - vma->vm_start;
	phys_addr_t pa = (phys_addr_t)vma->vm_pgoff << PAGE_SHIFT;
	int ret = -EPERM;

	mutex_lock(&virtio_lock);
	if (daemon_file != file)
		goto out; /* HVISOR_INIT_VIRTIO first */
	if (!vma->vm_pgoff) {
		ret = len > PAGE_SIZE
			      ? -EINVAL
			      : remap_pfn_range(vma, vma->vm_start,
						page_to_pfn(bridge_page), len,
						vma->vm_page_prot);
		goto out;
	}
	/* zone RAM: the root kernel's own RAM is never handed out */
	if (pa + len < pa || !hvisor_ram_is_free(pa, len)) {
		pr_err("hvisor: mmap 0x%llx+0x%zx: the root Linux owns that "
		       "RAM (hint: virtio_cfg.json zone0_ipa must be zone "
		       "RAM)\n",
		       (unsigned long long)pa, len);
		goto out;
	}
	ret = remap_pfn_range(vma, vma->vm_start, vma->vm_pgoff, len,
			      vma->vm_page_prot);
out:
	mutex_unlock(&virtio_lock);
	return ret;
}
