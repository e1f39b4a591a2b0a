// SPDX-License-Identifier: GPL-2.0
/* Copyright (c) 2026 hvisor-c contributors */
/* i.MX UART (fsl,imx*-uart): polled transmit. */
#include <hv/mmio.h>
#include <hv/uart.h>

#define IMX_UTXD 0x40
#define IMX_UTS 0xb4
#define IMX_UTS_TXFULL (1U << 4)

static void imx_init(const struct board_console *c)
{
	(void)c;
}

static void imx_putc(const struct board_console *c, char ch)
{
	while (mmio_read(c->base + IMX_UTS, 4) & IMX_UTS_TXFULL)
		;
	mmio_write(c->base + IMX_UTXD, 4, (u8)ch);
}

const struct uart_ops imx_uart_ops = {
	.init = imx_init,
	.putc = imx_putc,
};
