// SPDX-License-Identifier: GPL-2.0
/* Copyright (c) 2026 hvisor-c contributors */
/* board.console.driver -> driver ops. */
#include <hv/uart.h>

static const struct uart_ops *const drivers[] = {
	[UART_PL011] = &pl011_ops,	    [UART_NS16550] = &ns16550_ops,
	[UART_IMX] = &imx_uart_ops,	    [UART_XUARTPS] = &xuartps_ops,
	[UART_MESON] = &meson_uart_ops,	    [UART_MSM] = &msm_uart_ops,
	[UART_GENI] = &geni_uart_ops,	    [UART_MVEBU] = &mvebu_uart_ops,
	[UART_SCIF] = &scif_uart_ops,	    [UART_LPUART] = &lpuart_ops,
	[UART_SBI] = &firmware_console_ops,
};

const struct uart_ops *uart_ops_of(enum board_uart_driver driver)
{
	if ((u32)driver >= ARRAY_SIZE(drivers))
		return NULL;
	return drivers[driver];
}
