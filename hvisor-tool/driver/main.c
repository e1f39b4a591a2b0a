// SPDX-License-Identifier: GPL-2.0
/* Copyright (c) 2026 hvisor-c contributors */
/*
 * hvisor.ko: /dev/hvisor for the root zone's Linux.  Each ioctl becomes one
 * hypercall (`hvc #0x4856`, code in x0, arguments in x1/x2, result in x0);
 * pointer arguments are physical addresses of kernel copies, because the
 * hypervisor reads root-zone IPAs (= PAs, the root zone is identity mapped).
 * HVISOR_LOAD_IMAGE writes zone images into RAM the root's Linux does not
 * own (its DT leaves the zone RAM out), so no /dev/mem is needed.
 */
#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/io.h>
#include <linux/ioport.h>
#include <linux/miscdevice.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <asm/cacheflush.h>
#include <asm/sysreg.h>

#include <hvisor/hypercall.h>
#include <hvisor/zone_config.h>

#include "hvisor_drv.h"
#include "hvisor_ioctl.h"

bool hvisor_ram_is_free(phys_addr_t pa, size_t len)
{
	return region_intersects(pa, len, IORESOURCE_SYSTEM_RAM,
				 IORES_DESC_NONE) == REGION_DISJOINT;
}

long hvisor_call(u64 code, u64 arg0, u64 arg1)
{
	register u64 x0 asm("x0") = code;
	register u64 x1 asm("x1") = arg0;
	register u64 x2 asm("x2") = arg1;

	asm volatile("hvc #" __stringify(HVISOR_HVC_IMM)
		     : "+r"(x0), "+r"(x1), "+r"(x2)
		     :
		     : "memory");
	/* the hypervisor returns -errno with Linux's errno numbers */
	return (long)x0;
}

static long hvisor_zone_start(void __user *arg)
{
	struct hvisor_zone_config *cfg;
	long ret;

	cfg = kmalloc(sizeof(*cfg), GFP_KERNEL);
	if (!cfg)
		return -ENOMEM;
	if (copy_from_user(cfg, arg, sizeof(*cfg))) {
		kfree(cfg);
		return -EFAULT;
	}
	ret = hvisor_call(HVISOR_HC_ZONE_START, __pa(cfg), sizeof(*cfg));
	kfree(cfg);
	return ret;
}

static long hvisor_zone_list(void __user *arg)
{
	struct hvisor_zone_list_args args;
	struct hvisor_zone_info *rows;
	long ret;

	if (copy_from_user(&args, arg, sizeof(args)))
		return -EFAULT;
	if (!args.cnt)
		return -EINVAL;
	if (args.cnt > HVISOR_CONFIG_MAX_ZONES)
		args.cnt = HVISOR_CONFIG_MAX_ZONES;
	rows = kcalloc(args.cnt, sizeof(*rows), GFP_KERNEL);
	if (!rows)
		return -ENOMEM;
	ret = hvisor_call(HVISOR_HC_ZONE_LIST, __pa(rows), args.cnt);
	if (ret > 0 && copy_to_user(u64_to_user_ptr(args.zones), rows,
				    (size_t)ret * sizeof(*rows)))
		ret = -EFAULT;
	kfree(rows);
	return ret;
}

static long hvisor_config_check(void __user *arg)
{
	u64 *magic;
	long ret;

	magic = kzalloc(sizeof(*magic), GFP_KERNEL);
	if (!magic)
		return -ENOMEM;
	ret = hvisor_call(HVISOR_HC_CONFIG_CHECK, __pa(magic), 0);
	if (!ret && copy_to_user(arg, magic, sizeof(*magic)))
		ret = -EFAULT;
	kfree(magic);
	return ret;
}

/* The zone starts with its MMU off: its images must be in memory (PoC). */
static void hvisor_clean_dcache_poc(void *va, size_t len)
{
	u64 line = 4UL << ((read_sysreg(ctr_el0) >> 16) & 0xf);
	unsigned long p = (unsigned long)va & ~(line - 1);
	unsigned long end = (unsigned long)va + len;

	for (; p < end; p += line)
		asm volatile("dc civac, %0" : : "r"(p) : "memory");
	dsb(sy);
}

static long hvisor_load_image(void __user *arg)
{
	struct hvisor_load_image_args a;
	phys_addr_t base;
	size_t off, len;
	void *va;
	long ret = 0;

	if (copy_from_user(&a, arg, sizeof(a)))
		return -EFAULT;
	if (!a.user_buffer || !a.size || a.load_paddr + a.size < a.load_paddr)
		return -EINVAL;
	/* never write over memory this kernel uses */
	if (!hvisor_ram_is_free(a.load_paddr, a.size)) {
		pr_err("hvisor: load at 0x%llx+0x%llx: the root Linux owns "
		       "that RAM (hint: leave zone RAM out of the root DT's "
		       "/memory)\n",
		       a.load_paddr, a.size);
		return -EPERM;
	}
	base = a.load_paddr & PAGE_MASK;
	off = a.load_paddr - base;
	len = PAGE_ALIGN(off + a.size);
	va = memremap(base, len, MEMREMAP_WB);
	if (!va)
		return -ENOMEM;
	if (copy_from_user(va + off, u64_to_user_ptr(a.user_buffer), a.size))
		ret = -EFAULT;
	hvisor_clean_dcache_poc(va, len);
	caches_clean_inval_pou((unsigned long)va, (unsigned long)va + len);
	memunmap(va);
	return ret;
}

static long hvisor_last_error(void __user *arg)
{
	struct hvisor_last_error *e;
	long ret;

	e = kzalloc(sizeof(*e), GFP_KERNEL);
	if (!e)
		return -ENOMEM;
	ret = hvisor_call(HVISOR_HC_LAST_ERROR, __pa(e), sizeof(e->msg));
	if (ret >= 0 && copy_to_user(arg, e, sizeof(*e)))
		ret = -EFAULT;
	kfree(e);
	return ret < 0 ? ret : 0;
}

static long hvisor_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	void __user *uarg = (void __user *)arg;

	if (!capable(CAP_SYS_ADMIN))
		return -EPERM;
	switch (cmd) {
	case HVISOR_INIT_VIRTIO:
	case HVISOR_SET_EVENTFD:
	case HVISOR_FINISH_REQ:
		return hvisor_virtio_ioctl(file, cmd, arg);
	case HVISOR_LAST_ERROR:
		return hvisor_last_error(uarg);
	case HVISOR_ZONE_START:
		return hvisor_zone_start(uarg);
	case HVISOR_ZONE_SHUTDOWN:
		return hvisor_call(HVISOR_HC_ZONE_SHUTDOWN, arg, 0);
	case HVISOR_ZONE_LIST:
		return hvisor_zone_list(uarg);
	case HVISOR_CONFIG_CHECK:
		return hvisor_config_check(uarg);
	case HVISOR_LOAD_IMAGE:
		return hvisor_load_image(uarg);
	default:
		return -ENOTTY;
	}
}

static int hvisor_mmap(struct file *file, struct vm_area_struct *vma)
{
	if (!capable(CAP_SYS_ADMIN))
		return -EPERM;
	return hvisor_virtio_mmap(file, vma);
}

static int hvisor_release(struct inode *inode, struct file *file)
{
	hvisor_virtio_release(file);
	return 0;
}

static const struct file_operations hvisor_fops = {
	.owner = THIS_MODULE,
	.unlocked_ioctl = hvisor_ioctl,
	.compat_ioctl = hvisor_ioctl,
	.mmap = hvisor_mmap,
	.release = hvisor_release,
};

static struct miscdevice hvisor_misc = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = "hvisor",
	.fops = &hvisor_fops,
	.mode = 0600, /* root only */
};

static int __init hvisor_init(void)
{
	int ret = hvisor_virtio_init();

	if (ret)
		return ret;
	ret = misc_register(&hvisor_misc);
	if (ret) {
		hvisor_virtio_exit();
		return ret;
	}
	pr_info("hvisor: /dev/hvisor ready\n");
	return 0;
}

static void __exit hvisor_exit(void)
{
	misc_deregister(&hvisor_misc);
	hvisor_virtio_exit();
}

module_init(hvisor_init);
module_exit(hvisor_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("hvisor-c root zone interface (/dev/hvisor)");
