// SPDX-License-Identifier: GPL-2.0
/* Copyright (c) 2026 hvisor-c contributors */
/*
 * Renesas SCIF (renesas,scif and renesas,rcar-gen*-scif; Linux ttySC):
 * polled transmit as Linux's sci_poll_put_char(): wait for SCFSR.TDFE
 * (room in the TX FIFO), write the byte to SCFTDR, then clear TDFE and
 * TEND by writing 0 to them (1 to every other flag; the SCIF error
 * counts in bits 8-15 written as 0).  SCFSR and SCSCR are 16 bits wide,
 * SCFTDR 8.
 */
#include <hv/mmio.h>
#include <hv/uart.h>

#define SCIF_SCSCR 0x08
#define SCIF_SCSCR_TE (1U << 5)
#define SCIF_SCFTDR 0x0c
#define SCIF_SCFSR 0x10
#define SCIF_SCFSR_TDFE (1U << 5)
#define SCIF_SCFSR_TEND (1U << 6)
#define SCIF_SCFSR_COUNTS 0xff00U
#define SCIF_TX_CLEAR                                                          \
	(0xffffU & ~(SCIF_SCFSR_TDFE | SCIF_SCFSR_TEND | SCIF_SCFSR_COUNTS))

/* the transmitter on, as Linux's console write keeps it */
static void scif_init(const struct board_console *c)
{
	u64 v = mmio_read(c->base + SCIF_SCSCR, 2);

	if (!(v & SCIF_SCSCR_TE))
		mmio_write(c->base + SCIF_SCSCR, 2, v | SCIF_SCSCR_TE);
}

static void scif_putc(const struct board_console *c, char ch)
{
	while (!(mmio_read(c->base + SCIF_SCFSR, 2) & SCIF_SCFSR_TDFE))
		;
	mmio_write(c->base + SCIF_SCFTDR, 1, (u8)ch);
	mmio_write(c->base + SCIF_SCFSR, 2, SCIF_TX_CLEAR);
}

const struct uart_ops scif_uart_ops = {
	.init = scif_init,
	.putc = scif_putc,
};
