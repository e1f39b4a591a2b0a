// SPDX-License-Identifier: GPL-2.0
/* Copyright (c) 2026 hvisor-c contributors */
/*
 * NXP LPUART, 32-bit register layout of i.MX7ULP/8QXP/8ULP/93
 * (fsl,imx*-lpuart; Linux ttyLP): the registers start 0x10 into the
 * frame (Linux's IMX_REG_OFF).  Polled transmit: DATA takes a byte while
 * STAT.TDRE says the transmit buffer has room.
 */
#include <hv/mmio.h>
#include <hv/uart.h>

#define LPUART_STAT 0x14
#define LPUART_STAT_TDRE (1U << 23)
#define LPUART_DATA 0x1c

static void lpuart_init(const struct board_console *c)
{
	(void)c;
}

static void lpuart_putc(const struct board_console *c, char ch)
{
	while (!(mmio_read(c->base + LPUART_STAT, 4) & LPUART_STAT_TDRE))
		;
	mmio_write(c->base + LPUART_DATA, 4, (u8)ch);
}

const struct uart_ops lpuart_ops = {
	.init = lpuart_init,
	.putc = lpuart_putc,
};
