// SPDX-License-Identifier: GPL-2.0
/* Copyright (c) 2026 hvisor-c contributors */
/*
 * Amlogic Meson UART (amlogic,meson*-uart; Linux ttyAML): polled transmit.
 * 32-bit registers; the TX FIFO takes a byte while STATUS.TX_FULL is clear.
 */
#include <hv/mmio.h>
#include <hv/uart.h>

#define AML_UART_WFIFO 0x00
#define AML_UART_CONTROL 0x08
#define AML_UART_CONTROL_TX_EN (1U << 12)
#define AML_UART_STATUS 0x0c
#define AML_UART_STATUS_TX_FULL (1U << 21)

/* as Linux's earlycon: make sure the transmitter is on */
static void meson_init(const struct board_console *c)
{
	u64 v = mmio_read(c->base + AML_UART_CONTROL, 4);

	if (!(v & AML_UART_CONTROL_TX_EN))
		mmio_write(c->base + AML_UART_CONTROL, 4,
			   v | AML_UART_CONTROL_TX_EN);
}

static void meson_putc(const struct board_console *c, char ch)
{
	while (mmio_read(c->base + AML_UART_STATUS, 4) &
	       AML_UART_STATUS_TX_FULL)
		;
	mmio_write(c->base + AML_UART_WFIFO, 4, (u8)ch);
}

const struct uart_ops meson_uart_ops = {
	.init = meson_init,
	.putc = meson_putc,
};
