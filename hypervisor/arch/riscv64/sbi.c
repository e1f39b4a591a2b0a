// SPDX-License-Identifier: GPL-2.0
/* Copyright (c) 2026 hvisor-c contributors */
/*
 * SBI: calls to the M-mode firmware, and the SBI a guest sees.  A zone's
 * harts are named by their physical hart ids (the root zone's DT keeps
 * them); IPI, remote fences and HSM act only on harts of the caller's
 * zone.  Timer: vstimecmp (Sstc) when the hart has it, else the firmware's
 * timer with VSTIP injected through hvip.  SRST ends the zone, or the
 * machine for the root zone.  EID 0x114514 is upstream hvisor's hypercall.
 */
#include <hv/board.h>
#include <hv/cpu.h>
#include <hv/hypercall.h>
#include <hv/irq.h>
#include <hv/printk.h>
#include <hv/uart.h>
#include <hv/zone.h>
#include <asm/csr.h>
#include <asm/sbi.h>

struct sbiret sbi_call(u64 ext, u64 fid, u64 a0, u64 a1, u64 a2, u64 a3, u64 a4)
{
	register u64 r0 __asm__("a0") = a0;
	register u64 r1 __asm__("a1") = a1;
	register u64 r2 __asm__("a2") = a2;
	register u64 r3 __asm__("a3") = a3;
	register u64 r4 __asm__("a4") = a4;
	register u64 r6 __asm__("a6") = fid;
	register u64 r7 __asm__("a7") = ext;

	__asm__ volatile("ecall"
			 : "+r"(r0), "+r"(r1)
			 : "r"(r2), "r"(r3), "r"(r4), "r"(r6), "r"(r7)
			 : "memory");
	return (struct sbiret){ (s64)r0, r1 };
}

/* console.driver sbi: DBCN write_byte, or the legacy putchar (SBI < 2.0) */
static void sbi_console_init(const struct board_console *c)
{
	(void)c;
}

static void sbi_console_putc(const struct board_console *c, char ch)
{
	(void)c;
	if (sbi_call(SBI_EXT_DBCN, SBI_DBCN_WRITE_BYTE, (u8)ch, 0, 0, 0, 0)
		    .error)
		sbi_call(SBI_EXT_LEGACY_PUTCHAR, 0, (u8)ch, 0, 0, 0, 0);
}

const struct uart_ops firmware_console_ops = {
	.init = sbi_console_init,
	.putc = sbi_console_putc,
};

/*
 * The zone's harts in an SBI hart mask: bit i of @mask is hart id
 * @base + i, @base == -1 means every hart.  Return: a bitmap of logical
 * CPU ids, or ~0 if the mask names a hart outside the zone.
 */
static u64 zone_cpus_of_mask(const struct zone *z, u64 mask, u64 base)
{
	u64 set = 0;
	u32 i;

	if (base == ~0ULL)
		return z->cpus;
	for (i = 0; i < 64; i++) {
		int cpu;

		if (!(mask & BIT(i)))
			continue;
		cpu = board_cpu_by_hartid(base + i);
		if (cpu < 0 || !(z->cpus & BIT(cpu)))
			return ~0ULL;
		set |= BIT(cpu);
	}
	return set;
}

/* Firmware hart mask of logical CPU set @set (hart ids below 64). */
static bool hart_mask_of(u64 set, u64 *mask)
{
	u32 i;

	*mask = 0;
	for (i = 0; i < board.num_cpus; i++) {
		if (!(set & BIT(i)))
			continue;
		if (board.cpus[i].hartid >= 64)
			return false;
		*mask |= BIT(board.cpus[i].hartid);
	}
	return true;
}

static void guest_set_timer(u64 when)
{
	struct cpu *c = this_cpu();

	if (c->arch.sstc) {
		csr_write(CSR_VSTIMECMP, when);
		return;
	}
	csr_clear(CSR_HVIP, BIT(IRQ_VS_TIMER));
	sbi_call(SBI_EXT_TIME, 0, when, 0, 0, 0, 0);
	csr_set(CSR_SIE, BIT(IRQ_S_TIMER));
}

static s64 guest_send_ipi(struct zone *z, u64 mask, u64 base)
{
	struct cpu *self = this_cpu();
	u64 set = zone_cpus_of_mask(z, mask, base);
	u32 i;

	if (set == ~0ULL)
		return SBI_ERR_INVALID_PARAM;
	for (i = 0; i < board.num_cpus; i++) {
		if (!(set & BIT(i)))
			continue;
		__atomic_store_n(&cpus[i].arch.vipi, 1, __ATOMIC_RELEASE);
		if (&cpus[i] == self)
			csr_set(CSR_HVIP, BIT(IRQ_VS_SOFT));
		else
			cpu_send_event(i, EV_VIRQ);
	}
	return SBI_SUCCESS;
}

static s64 guest_rfence(struct zone *z, u64 fid, const struct trap_frame *f)
{
	u64 set = zone_cpus_of_mask(z, f->x[10], f->x[11]);
	u64 mask;
	struct sbiret r;

	if (set == ~0ULL || !hart_mask_of(set, &mask))
		return SBI_ERR_INVALID_PARAM;
	if (!set)
		return SBI_SUCCESS;
	switch (fid) {
	case SBI_RFENCE_FENCE_I:
		r = sbi_call(SBI_EXT_RFENCE, SBI_RFENCE_FENCE_I, mask, 0, 0, 0,
			     0);
		break;
	case SBI_RFENCE_SFENCE_VMA:
		/* the guest's sfence.vma is an hfence.vvma of its VMID */
		r = sbi_call(SBI_EXT_RFENCE, SBI_RFENCE_HFENCE_VVMA, mask, 0,
			     f->x[12], f->x[13], 0);
		break;
	case SBI_RFENCE_SFENCE_VMA_ASID:
		r = sbi_call(SBI_EXT_RFENCE, SBI_RFENCE_HFENCE_VVMA_ASID, mask,
			     0, f->x[12], f->x[13], f->x[14]);
		break;
	default:
		return SBI_ERR_NOT_SUPPORTED;
	}
	return r.error;
}

static s64 guest_hart_start(struct zone *z, u64 hartid, u64 entry, u64 arg)
{
	int cpu = board_cpu_by_hartid(hartid);
	struct cpu *c;
	enum vcpu_state off = VCPU_OFF;

	if (cpu < 0 || !(z->cpus & BIT(cpu)))
		return SBI_ERR_INVALID_PARAM;
	c = &cpus[cpu];
	/* one caller wins the hart; it enters on EV_VCPU_START, which is
	 * sent (release) after entry and arg are written */
	if (!__atomic_compare_exchange_n(&c->vcpu.state, &off, VCPU_STARTING,
					 false, __ATOMIC_ACQ_REL,
					 __ATOMIC_ACQUIRE))
		return SBI_ERR_ALREADY_AVAILABLE;
	c->vcpu.entry = entry;
	c->vcpu.arg = arg;
	cpu_send_event((u32)cpu, EV_VCPU_START);
	return SBI_SUCCESS;
}

static struct sbiret guest_hart_status(struct zone *z, u64 hartid)
{
	int cpu = board_cpu_by_hartid(hartid);

	if (cpu < 0 || !(z->cpus & BIT(cpu)))
		return (struct sbiret){ SBI_ERR_INVALID_PARAM, 0 };
	switch (__atomic_load_n(&cpus[cpu].vcpu.state, __ATOMIC_ACQUIRE)) {
	case VCPU_ON:
		return (struct sbiret){ SBI_SUCCESS, SBI_HSM_STARTED };
	case VCPU_STARTING:
		return (struct sbiret){ SBI_SUCCESS, SBI_HSM_START_PENDING };
	default:
		return (struct sbiret){ SBI_SUCCESS, SBI_HSM_STOPPED };
	}
}

/* DBCN write: @n bytes of the guest's RAM at @gpa to the console. */
static struct sbiret guest_dbcn_write(struct zone *z, u64 n, u64 gpa)
{
	char buf[128];
	u64 pa, done = 0;

	while (done < n) {
		u64 chunk = MIN(n - done, (u64)sizeof(buf) - 1);
		const char *src;
		u64 i;

		if (zone_ipa_to_pa(z, gpa + done, chunk, &pa))
			return (struct sbiret){ done ? SBI_SUCCESS
						     : SBI_ERR_INVALID_PARAM,
						done };
		src = (const char *)(uintptr_t)pa;
		for (i = 0; i < chunk; i++)
			buf[i] = src[i];
		buf[chunk] = '\0';
		printk("%s", buf);
		done += chunk;
	}
	return (struct sbiret){ SBI_SUCCESS, done };
}

static bool ext_known(u64 ext)
{
	switch (ext) {
	case SBI_EXT_BASE:
	case SBI_EXT_TIME:
	case SBI_EXT_IPI:
	case SBI_EXT_RFENCE:
	case SBI_EXT_HSM:
	case SBI_EXT_SRST:
	case SBI_EXT_DBCN:
	case SBI_EXT_HVISOR:
		return true;
	default:
		return false;
	}
}

static void guest_srst(struct zone *z, u64 type)
{
	if (z->id == 0) {
		printk("hvisor: root zone requests system %s\n",
		       type == SBI_SRST_SHUTDOWN ? "shutdown" : "reset");
		if (type == SBI_SRST_SHUTDOWN)
			arch_system_off();
		arch_system_reset();
	}
	zone_stop(z, HVISOR_ZONE_STOP_SHUTDOWN, "SBI system reset");
}

void sbi_guest_call(struct trap_frame *f)
{
	struct cpu *c = this_cpu();
	struct zone *z = c->vcpu.zone;
	u64 ext = f->x[17], fid = f->x[16];
	struct sbiret r = { SBI_ERR_NOT_SUPPORTED, 0 };

	/* the guest's ecall returns to the next instruction */
	f->sepc += 4;
	switch (ext) {
	case SBI_EXT_LEGACY_SET_TIMER:
		guest_set_timer(f->x[10]);
		f->x[10] = 0;
		return;
	case SBI_EXT_LEGACY_PUTCHAR:
		printk("%c", (char)f->x[10]);
		f->x[10] = 0;
		return;
	case SBI_EXT_LEGACY_GETCHAR:
		f->x[10] = ~0ULL;
		return;
	case SBI_EXT_LEGACY_SHUTDOWN:
		guest_srst(z, SBI_SRST_SHUTDOWN);
		return;
	case SBI_EXT_BASE:
		r.error = SBI_SUCCESS;
		switch (fid) {
		case SBI_BASE_GET_SPEC_VERSION:
			r.value = 2ULL << 24; /* v2.0 */
			break;
		case SBI_BASE_GET_IMPL_ID:
			r.value = 0x48; /* not a registered id: hvisor-c */
			break;
		case SBI_BASE_GET_IMPL_VERSION:
			r.value = 1;
			break;
		case SBI_BASE_PROBE_EXT:
			r.value = ext_known(f->x[10]);
			break;
		case SBI_BASE_GET_MVENDORID:
		case SBI_BASE_GET_MARCHID:
		case SBI_BASE_GET_MIMPID:
			r = sbi_call(SBI_EXT_BASE, fid, 0, 0, 0, 0, 0);
			break;
		default:
			r.error = SBI_ERR_NOT_SUPPORTED;
		}
		break;
	case SBI_EXT_TIME:
		if (fid == 0) {
			guest_set_timer(f->x[10]);
			r.error = SBI_SUCCESS;
		}
		break;
	case SBI_EXT_IPI:
		if (fid == 0)
			r.error = guest_send_ipi(z, f->x[10], f->x[11]);
		break;
	case SBI_EXT_RFENCE:
		r.error = guest_rfence(z, fid, f);
		break;
	case SBI_EXT_HSM:
		if (fid == SBI_HSM_HART_START) {
			r.error = guest_hart_start(z, f->x[10], f->x[11],
						   f->x[12]);
		} else if (fid == SBI_HSM_HART_STOP) {
			vcpu_park(); /* no return */
		} else if (fid == SBI_HSM_HART_STATUS) {
			r = guest_hart_status(z, f->x[10]);
		}
		break;
	case SBI_EXT_SRST:
		if (fid == 0 && f->x[10] <= SBI_SRST_WARM_REBOOT)
			guest_srst(z, f->x[10]);
		else
			r.error = SBI_ERR_INVALID_PARAM;
		break;
	case SBI_EXT_DBCN:
		if (fid == SBI_DBCN_WRITE && !f->x[12]) {
			r = guest_dbcn_write(z, f->x[10], f->x[11]);
		} else if (fid == SBI_DBCN_WRITE_BYTE) {
			printk("%c", (char)f->x[10]);
			r.error = SBI_SUCCESS;
		} else if (fid == SBI_DBCN_READ) {
			r = (struct sbiret){ SBI_SUCCESS, 0 };
		} else {
			r.error = SBI_ERR_INVALID_PARAM;
		}
		break;
	case SBI_EXT_HVISOR: {
		/* upstream hvisor: a0 = hypercall code, a1/a2 its arguments;
		 * SBI-style result: a0 = 0 or SBI_ERR_FAILED, a1 = the value
		 * (>= 0 or a negative errno, what hvisor-tool returns) */
		s64 ret = hypercall_handle(z, f->x[10], f->x[11], f->x[12]);

		r.error = ret < 0 ? SBI_ERR_FAILED : SBI_SUCCESS;
		r.value = (u64)ret;
		break;
	}
	default:
		break;
	}
	f->x[10] = (u64)r.error;
	f->x[11] = r.value;
}
