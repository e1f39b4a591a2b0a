/* SPDX-License-Identifier: GPL-2.0 */
/* Copyright (c) 2026 hvisor-c contributors */
/* UART drivers: polled output only, selected by the board console. */
#ifndef HV_UART_H
#define HV_UART_H

#include <hv/board.h>

struct uart_ops {
	void (*init)(const struct board_console *c);
	void (*putc)(const struct board_console *c, char ch);
};

extern const struct uart_ops pl011_ops;
extern const struct uart_ops ns16550_ops;
extern const struct uart_ops imx_uart_ops;
extern const struct uart_ops xuartps_ops;

#endif /* HV_UART_H */
