// SPDX-License-Identifier: GPL-2.0
/* Copyright (c) 2026 hvisor-c contributors */
/* ARM PL011: polled transmit; the boot firmware or QEMU set the baud rate. */
#include <hv/mmio.h>
#include <hv/uart.h>

#define PL011_DR 0x00
#define PL011_FR 0x18
#define PL011_FR_TXFF (1U << 5)
#define PL011_CR 0x30
#define PL011_CR_UARTEN (1U << 0)
#define PL011_CR_TXE (1U << 8)

static void pl011_init(const struct board_console *c)
{
	u64 cr = mmio_read(c->base + PL011_CR, 4);

	mmio_write(c->base + PL011_CR, 4, cr | PL011_CR_UARTEN | PL011_CR_TXE);
}

static void pl011_putc(const struct board_console *c, char ch)
{
	while (mmio_read(c->base + PL011_FR, 4) & PL011_FR_TXFF)
		;
	mmio_write(c->base + PL011_DR, 4, (u8)ch);
}

const struct uart_ops pl011_ops = {
	.init = pl011_init,
	.putc = pl011_putc,
};
