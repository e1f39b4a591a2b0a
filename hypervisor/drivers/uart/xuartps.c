// SPDX-License-Identifier: GPL-2.0
/* Copyright (c) 2026 hvisor-c contributors */
/* Cadence UART (cdns,uart / xlnx,xuartps): polled transmit. */
#include <hv/mmio.h>
#include <hv/uart.h>

#define XUARTPS_SR 0x2c
#define XUARTPS_SR_TXFULL (1U << 4)
#define XUARTPS_FIFO 0x30

static void xuartps_init(const struct board_console *c)
{
	(void)c;
}

static void xuartps_putc(const struct board_console *c, char ch)
{
	while (mmio_read(c->base + XUARTPS_SR, 4) & XUARTPS_SR_TXFULL)
		;
	mmio_write(c->base + XUARTPS_FIFO, 4, (u8)ch);
}

const struct uart_ops xuartps_ops = {
	.init = xuartps_init,
	.putc = xuartps_putc,
};
