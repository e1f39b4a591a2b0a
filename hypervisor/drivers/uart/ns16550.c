// SPDX-License-Identifier: GPL-2.0
/* Copyright (c) 2026 hvisor-c contributors */
/*
 * NS16550-compatible UARTs (ns16550a, snps,dw-apb-uart, TI's 8250_omap
 * family, nvidia,tegra*-uart): registers spaced by 1 << reg_shift,
 * accessed reg_io_width bytes wide (1, 2 or 4).  Polled transmit.
 */
#include <hv/mmio.h>
#include <hv/uart.h>

#define UART_THR 0
#define UART_LSR 5
#define UART_LSR_THRE (1U << 5)

static u64 reg(const struct board_console *c, u32 r)
{
	return c->base + ((u64)r << c->reg_shift);
}

static u32 width(const struct board_console *c)
{
	return c->reg_io_width == 4 || c->reg_io_width == 2 ? c->reg_io_width
							    : 1;
}

static void ns16550_init(const struct board_console *c)
{
	(void)c; /* firmware has programmed divisor and line settings */
}

static void ns16550_putc(const struct board_console *c, char ch)
{
	while (!(mmio_read(reg(c, UART_LSR), width(c)) & UART_LSR_THRE))
		;
	mmio_write(reg(c, UART_THR), width(c), (u8)ch);
}

const struct uart_ops ns16550_ops = {
	.init = ns16550_init,
	.putc = ns16550_putc,
};
