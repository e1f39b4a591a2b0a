// SPDX-License-Identifier: GPL-2.0
/* Copyright (c) 2026 hvisor-c contributors */
/*
 * Marvell Armada 3700 UART (marvell,armada-3700-uart, the standard port;
 * Linux ttyMV): polled transmit, 32-bit registers.  TSH takes a byte
 * while STAT.TX_FIFO_FUL is clear.
 */
#include <hv/mmio.h>
#include <hv/uart.h>

#define MVEBU_UART_TSH 0x04
#define MVEBU_UART_STAT 0x0c
#define MVEBU_STAT_TX_FIFO_FUL (1U << 11)

static void mvebu_init(const struct board_console *c)
{
	(void)c;
}

static void mvebu_putc(const struct board_console *c, char ch)
{
	while (mmio_read(c->base + MVEBU_UART_STAT, 4) & MVEBU_STAT_TX_FIFO_FUL)
		;
	mmio_write(c->base + MVEBU_UART_TSH, 4, (u8)ch);
}

const struct uart_ops mvebu_uart_ops = {
	.init = mvebu_init,
	.putc = mvebu_putc,
};
