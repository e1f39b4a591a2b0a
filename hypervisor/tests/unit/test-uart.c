// SPDX-License-Identifier: GPL-2.0
/* Copyright (c) 2026 hvisor-c contributors */
/*
 * Console UART drivers against a fake register file.  mmio_read() and
 * mmio_write() are this file's: every access goes to a small model of the
 * device that reports "no room" for the first FULL_READS polls of its
 * status and "room" after that, and logs each access.  The oracle is the
 * register interface of each family as Linux's earlycon driver uses it
 * (offsets, bits, widths written out below, not taken from the driver):
 * the byte must reach the transmit register exactly once, with the right
 * access width, and only after the status said there is room.
 */
#include <stdio.h>
#include <string.h>
#include <hv/mmio.h>
#include <hv/uart.h>
#include "harness.h"

#define BASE 0x10000000ULL
#define FULL_READS 3
#define MAX_LOG 64

struct access {
	bool write;
	u32 off, size;
	u64 value; /* written, or returned */
};

struct model;
typedef u64 (*read_fn)(struct model *m, u32 off, u32 size);
typedef void (*write_fn)(struct model *m, u32 off, u32 size, u64 v);

struct model {
	read_fn rd;
	write_fn wr;
	u32 status_reads; /* of the register that gates the transmit */
	u64 regs[0x1000 / 8]; /* plain storage for everything else */
	struct access log[MAX_LOG];
	u32 nlog;
	bool overflow;
};

static struct model *dev;

static void log_access(bool write, u64 addr, u32 size, u64 v)
{
	if (dev->nlog == MAX_LOG) {
		dev->overflow = true;
		return;
	}
	dev->log[dev->nlog++] =
		(struct access){ write, (u32)(addr - BASE), size, v };
}

u64 mmio_read(u64 addr, u32 size)
{
	u64 v = dev->rd(dev, (u32)(addr - BASE), size);

	log_access(false, addr, size, v);
	return v;
}

void mmio_write(u64 addr, u32 size, u64 value)
{
	log_access(true, addr, size, value);
	dev->wr(dev, (u32)(addr - BASE), size, value);
}

static u64 plain_read(struct model *m, u32 off)
{
	return m->regs[off / 8 % ARRAY_SIZE(m->regs)];
}

static void plain_write(struct model *m, u32 off, u64 v)
{
	m->regs[off / 8 % ARRAY_SIZE(m->regs)] = v;
}

/* "room" from the (FULL_READS + 1)th read of the gating status on */
static bool room(struct model *m)
{
	return ++m->status_reads > FULL_READS;
}

/*
 * The checks every driver must pass: one write of @ch to @tx_off, @width
 * bytes wide; before it, the last read of @st_off returned "room"
 * (@room_bit set, or clear when @room_is_clear) and FULL_READS reads said
 * "no room".
 */
static void check_tx(struct model *m, u32 tx_off, u32 width, u32 st_off,
		     u64 bit, bool room_is_clear, char ch)
{
	int tx = -1, ntx = 0, full = 0, last_room = -1;

	CHECK(!m->overflow);
	for (u32 i = 0; i < m->nlog; i++) {
		struct access *a = &m->log[i];

		if (a->write && a->off == tx_off) {
			ntx++;
			if (tx < 0)
				tx = (int)i;
			continue;
		}
		if (!a->write && a->off == st_off && tx < 0) {
			bool r = room_is_clear ? !(a->value & bit)
					       : !!(a->value & bit);

			if (r)
				last_room = (int)i;
			else
				full++;
		}
	}
	CHECK(ntx == 1);
	if (tx < 0)
		return;
	CHECK(m->log[tx].value == (u8)ch);
	CHECK(m->log[tx].size == width);
	CHECK(full == FULL_READS);
	CHECK(last_room >= 0);
	/* no "full" status read between the last "room" and the write */
	for (int i = last_room + 1; i < tx; i++)
		CHECK(!(m->log[i].off == st_off && !m->log[i].write));
}

static const struct board_console con = { .base = BASE, .reg_io_width = 1 };

static void run(struct model *m, const struct uart_ops *ops,
		const struct board_console *c, char ch, bool init)
{
	dev = m;
	if (init)
		ops->init(c);
	m->nlog = 0;
	m->status_reads = 0;
	ops->putc(c, ch);
}

/* --- Amlogic Meson: STATUS 0x0c bit 21 TX_FULL, WFIFO 0x00, 32-bit --- */
static u64 meson_rd(struct model *m, u32 off, u32 size)
{
	(void)size;
	if (off == 0x0c)
		return room(m) ? 0 : 1U << 21;
	return plain_read(m, off);
}

static void any_wr(struct model *m, u32 off, u32 size, u64 v)
{
	(void)size;
	plain_write(m, off, v);
}

static void test_meson(void)
{
	static struct model m = { .rd = meson_rd, .wr = any_wr };

	run(&m, &meson_uart_ops, &con, 'A', true);
	CHECK((plain_read(&m, 0x08) & (1U << 12)) != 0); /* TX_EN set */
	check_tx(&m, 0x00, 4, 0x0c, 1U << 21, true, 'A');
}

/* --- Armada 3700: STAT 0x0c bit 11 TX_FIFO_FUL, TSH 0x04, 32-bit --- */
static u64 mvebu_rd(struct model *m, u32 off, u32 size)
{
	(void)size;
	if (off == 0x0c)
		return room(m) ? 0 : 1U << 11;
	return plain_read(m, off);
}

static void test_mvebu(void)
{
	static struct model m = { .rd = mvebu_rd, .wr = any_wr };

	run(&m, &mvebu_uart_ops, &con, 'm', true);
	check_tx(&m, 0x04, 4, 0x0c, 1U << 11, true, 'm');
}

/* --- LPUART (i.MX 32-bit): STAT 0x14 bit 23 TDRE, DATA 0x1c --- */
static u64 lpuart_rd(struct model *m, u32 off, u32 size)
{
	(void)size;
	if (off == 0x14)
		return room(m) ? 1U << 23 : 0;
	return plain_read(m, off);
}

static void test_lpuart(void)
{
	static struct model m = { .rd = lpuart_rd, .wr = any_wr };

	run(&m, &lpuart_ops, &con, 'L', true);
	check_tx(&m, 0x1c, 4, 0x14, 1U << 23, false, 'L');
}

/*
 * --- Renesas SCIF: SCFSR 0x10 (16-bit) bit 5 TDFE, SCFTDR 0x0c (8-bit);
 * after the byte TDFE and TEND (bit 6) are cleared by writing 0 to them:
 * 0x009f (the error counts in bits 8-15 written 0) ---
 */
static u64 scif_rd(struct model *m, u32 off, u32 size)
{
	if (off == 0x10) {
		CHECK(size == 2);
		return room(m) ? (1U << 5) | (1U << 6) : 0;
	}
	return plain_read(m, off);
}

static void test_scif(void)
{
	static struct model m = { .rd = scif_rd, .wr = any_wr };
	int clr = 0;

	run(&m, &scif_uart_ops, &con, 'S', true);
	check_tx(&m, 0x0c, 1, 0x10, 1U << 5, false, 'S');
	for (u32 i = 0; i < m.nlog; i++)
		if (m.log[i].write && m.log[i].off == 0x10) {
			clr++;
			CHECK(m.log[i].value == 0x9f && m.log[i].size == 2);
			CHECK(i > 0 && m.log[i - 1].write &&
			      m.log[i - 1].off == 0x0c);
		}
	CHECK(clr == 1);
	m.nlog = 0;
	plain_write(&m, 0x08, 0);
	dev = &m;
	scif_uart_ops.init(&con);
	CHECK(plain_read(&m, 0x08) == 1U << 5); /* SCSCR.TE */
}

/*
 * --- Qualcomm UARTDM: SR 0x08 bit 2 TX_READY (bit 3 TX_EMPTY), CR 0x10
 * RESET_TX_READY = 0x300, ISR 0x14, NCF_TX 0x40 = 1, TF 0x70, 32-bit ---
 */
static u64 msm_rd(struct model *m, u32 off, u32 size)
{
	(void)size;
	if (off == 0x08) /* TX_EMPTY at once: the gate is TX_READY */
		return (1U << 3) | (room(m) ? 1U << 2 : 0);
	return plain_read(m, off);
}

static void test_msm(void)
{
	static struct model m = { .rd = msm_rd, .wr = any_wr };
	int cr = -1, ncf = -1, tf = -1;

	run(&m, &msm_uart_ops, &con, 'Q', true);
	check_tx(&m, 0x70, 4, 0x08, 1U << 2, false, 'Q');
	for (u32 i = 0; i < m.nlog; i++) {
		if (!m.log[i].write)
			continue;
		if (m.log[i].off == 0x10 && m.log[i].value == 0x300)
			cr = (int)i;
		if (m.log[i].off == 0x40 && m.log[i].value == 1)
			ncf = (int)i;
		if (m.log[i].off == 0x70)
			tf = (int)i;
	}
	/* TX_READY acked, then one character announced, then the write */
	CHECK(cr >= 0 && ncf > cr && tf > ncf);
}

/*
 * --- Qualcomm GENI: FW_REVISION_RO 0x68 protocol (bits 15:8) 2 = UART;
 * TX_WATERMARK 0x80c = 2, UART_TX_TRANS_LEN 0x270 = 1, M_CMD0 0x600 =
 * 1 << 27 (START_TX), then M_IRQ_STATUS 0x610 bit 30 TX_FIFO_WATERMARK
 * says room, TX_FIFOn 0x700 takes the byte; M_IRQ_CLEAR 0x618; bit 0
 * M_CMD_DONE is raised once the byte went ---
 */
struct geni_state {
	bool started, sent;
};
static struct geni_state gs;

static u64 geni_rd(struct model *m, u32 off, u32 size)
{
	(void)size;
	if (off == 0x68)
		return 2U << 8;
	if (off == 0x610) {
		u64 v = gs.sent ? 1U : 0;

		if (gs.started && !gs.sent && room(m))
			v |= 1U << 30;
		return v;
	}
	return plain_read(m, off);
}

static void geni_wr(struct model *m, u32 off, u32 size, u64 v)
{
	(void)size;
	if (off == 0x600 && v == 1U << 27 && plain_read(m, 0x270) == 1)
		gs.started = true;
	if (off == 0x700)
		gs.sent = true;
	plain_write(m, off, v);
}

static void test_geni(void)
{
	static struct model m = { .rd = geni_rd, .wr = geni_wr };
	int wm = -1, cmd = -1, clr = -1;

	gs = (struct geni_state){ false, true }; /* init: a command done */
	dev = &m;
	geni_uart_ops.init(&con);
	gs = (struct geni_state){ false, false };
	run(&m, &geni_uart_ops, &con, 'G', false);
	check_tx(&m, 0x700, 4, 0x610, 1U << 30, false, 'G');
	CHECK(gs.started);
	for (u32 i = 0; i < m.nlog; i++) {
		if (!m.log[i].write)
			continue;
		if (m.log[i].off == 0x80c && m.log[i].value == 2)
			wm = (int)i;
		if (m.log[i].off == 0x600)
			cmd = (int)i;
		if (m.log[i].off == 0x618 && m.log[i].value == 1)
			clr = (int)i; /* M_CMD_DONE cleared at the end */
	}
	CHECK(wm >= 0 && cmd > wm && clr > cmd);
	/* no abort: the command finished */
	for (u32 i = 0; i < m.nlog; i++)
		CHECK(!(m.log[i].write && m.log[i].off == 0x604));
}

/* --- 16550 with reg-shift 2, reg-io-width 4 (TI K3, Tegra): LSR at
 * 5 << 2 bit 5 THRE, THR at 0 --- */
static u64 ns_rd(struct model *m, u32 off, u32 size)
{
	(void)size;
	if (off == 5 << 2)
		return room(m) ? 1U << 5 : 0;
	return plain_read(m, off);
}

static void test_ns16550_shift2(void)
{
	static struct model m = { .rd = ns_rd, .wr = any_wr };
	const struct board_console c = { .base = BASE,
					 .reg_shift = 2,
					 .reg_io_width = 4 };

	run(&m, &ns16550_ops, &c, 'T', true);
	check_tx(&m, 0, 4, 5 << 2, 1U << 5, false, 'T');
}

int test_failed;

int main(void)
{
	RUN(test_meson, "uart: meson writes WFIFO only after TX_FULL clears");
	RUN(test_msm, "uart: msm (UARTDM) writes TF only after SR.TX_READY");
	RUN(test_geni, "uart: geni writes TX_FIFOn only after the TX "
		       "watermark, inside a START_TX command");
	RUN(test_mvebu, "uart: mvebu writes TSH only after TX_FIFO_FUL "
			"clears");
	RUN(test_scif, "uart: scif writes SCFTDR only after TDFE, then "
		       "clears TDFE/TEND");
	RUN(test_lpuart, "uart: lpuart writes DATA only after STAT.TDRE");
	RUN(test_ns16550_shift2, "uart: ns16550 with reg-shift 2, "
				 "reg-io-width 4 (TI K3, Tegra)");
	return 0;
}
