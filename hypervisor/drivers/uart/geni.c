// SPDX-License-Identifier: GPL-2.0
/* Copyright (c) 2026 hvisor-c contributors */
/*
 * Qualcomm GENI serial engine in UART mode (qcom,geni-debug-uart, Linux
 * ttyMSM; qcom,geni-uart, ttyHS): polled transmit in FIFO mode, the
 * sequence of Linux's qcom_geni_serial_poll_put_char():
 *   TX watermark 2; TX_TRANS_LEN 1; M_CMD0 = START_TX; wait for
 *   M_IRQ_STATUS.TX_FIFO_WATERMARK (room in the FIFO); write the byte to
 *   TX_FIFOn; clear the watermark; wait for M_CMD_DONE (else abort the
 *   command and wait for the abort); clear what was raised.
 * Every wait is bounded like Linux's (a stuck engine drops the character
 * instead of hanging the hypervisor).  The boot firmware has loaded the
 * UART protocol and set FIFO mode and packing; init checks the protocol
 * and, as earlycon does, cancels whatever command the firmware left.
 */
#include <hv/mmio.h>
#include <hv/uart.h>

#define GENI_FW_REVISION_RO 0x68
#define GENI_FW_REV_PROTOCOL_SHIFT 8
#define GENI_FW_REV_PROTOCOL_MASK 0xffU
#define GENI_SE_UART 2
#define SE_UART_TX_TRANS_LEN 0x270
#define SE_GENI_M_CMD0 0x600
#define GENI_M_OPCODE_SHIFT 27
#define GENI_UART_START_TX 1U
#define SE_GENI_M_CMD_CTRL_REG 0x604
#define GENI_M_CMD_ABORT (1U << 1)
#define SE_GENI_M_IRQ_STATUS 0x610
#define SE_GENI_M_IRQ_CLEAR 0x618
#define GENI_M_CMD_DONE (1U << 0)
#define GENI_M_CMD_ABORT_EN (1U << 5)
#define GENI_M_TX_FIFO_WATERMARK (1U << 30)
#define SE_GENI_TX_FIFOn 0x700
#define SE_GENI_TX_WATERMARK_REG 0x80c
#define GENI_DEF_TX_WM 2

/*
 * Status reads before giving up on a bit: Linux waits 20 ms; at 115200
 * baud a character takes 87 us, and one device read costs well under a
 * microsecond, so this is more than a FIFO's worth of characters.
 */
#define GENI_POLL_READS 200000U

static bool geni_ok; /* the engine runs the UART protocol */

static bool geni_wait(const struct board_console *c, u32 bit)
{
	for (u32 n = 0; n < GENI_POLL_READS; n++)
		if (mmio_read(c->base + SE_GENI_M_IRQ_STATUS, 4) & bit)
			return true;
	return false;
}

static void geni_tx_done(const struct board_console *c)
{
	u32 clear = GENI_M_CMD_DONE;

	if (!geni_wait(c, GENI_M_CMD_DONE)) {
		mmio_write(c->base + SE_GENI_M_CMD_CTRL_REG, 4,
			   GENI_M_CMD_ABORT);
		clear |= GENI_M_CMD_ABORT_EN;
		geni_wait(c, GENI_M_CMD_ABORT_EN);
	}
	mmio_write(c->base + SE_GENI_M_IRQ_CLEAR, 4, clear);
}

static void geni_init(const struct board_console *c)
{
	u64 rev = mmio_read(c->base + GENI_FW_REVISION_RO, 4);

	geni_ok = ((rev >> GENI_FW_REV_PROTOCOL_SHIFT) &
		   GENI_FW_REV_PROTOCOL_MASK) == GENI_SE_UART;
	if (geni_ok)
		geni_tx_done(c);
}

static void geni_putc(const struct board_console *c, char ch)
{
	if (!geni_ok)
		return;
	mmio_write(c->base + SE_GENI_TX_WATERMARK_REG, 4, GENI_DEF_TX_WM);
	mmio_write(c->base + SE_UART_TX_TRANS_LEN, 4, 1);
	mmio_write(c->base + SE_GENI_M_CMD0, 4,
		   GENI_UART_START_TX << GENI_M_OPCODE_SHIFT);
	if (geni_wait(c, GENI_M_TX_FIFO_WATERMARK))
		mmio_write(c->base + SE_GENI_TX_FIFOn, 4, (u8)ch);
	mmio_write(c->base + SE_GENI_M_IRQ_CLEAR, 4, GENI_M_TX_FIFO_WATERMARK);
	geni_tx_done(c);
}

const struct uart_ops geni_uart_ops = {
	.init = geni_init,
	.putc = geni_putc,
};
