/* SPDX-License-Identifier: GPL-2.0 */
/* Copyright (c) 2026 hvisor-c contributors */
/*
 * UART drivers: polled output only, selected by the board console.
 * One file per family in drivers/uart/; uart_ops_of() maps the board's
 * console.driver to its ops (drivers/uart/uart.c).  The boot firmware has
 * set the line up (clock, baud, framing); a driver only transmits.
 */
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
extern const struct uart_ops meson_uart_ops;
extern const struct uart_ops msm_uart_ops;
extern const struct uart_ops geni_uart_ops;
extern const struct uart_ops mvebu_uart_ops;
extern const struct uart_ops scif_uart_ops;
extern const struct uart_ops lpuart_ops;
/*
 * The firmware's console (console.driver sbi): defined by an arch that
 * has one (riscv64: SBI); a weak reference, NULL elsewhere.
 */
extern const struct uart_ops firmware_console_ops __attribute__((weak));

/**
 * uart_ops_of() - the driver of a board console
 * @driver: board.console.driver
 *
 * Return: the driver's ops, or NULL for UART_NONE or an unknown value.
 */
const struct uart_ops *uart_ops_of(enum board_uart_driver driver);

#endif /* HV_UART_H */
