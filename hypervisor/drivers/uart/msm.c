// SPDX-License-Identifier: GPL-2.0
/* Copyright (c) 2026 hvisor-c contributors */
/*
 * Qualcomm UARTDM (qcom,msm-uartdm-v1.x; Linux ttyMSM): polled transmit,
 * one character per transfer as Linux's msm_poll_put_char() does it:
 * wait for the previous transfer (SR.TX_EMPTY or ISR.TX_READY), ack
 * TX_READY, announce one character in NCF_TX, wait for SR.TX_READY, put
 * the character into the 32-bit TX FIFO word.
 */
#include <hv/mmio.h>
#include <hv/uart.h>

#define MSM_SR 0x08
#define MSM_SR_TX_READY (1U << 2)
#define MSM_SR_TX_EMPTY (1U << 3)
#define MSM_CR 0x10
#define MSM_CR_CMD_RESET_TX_READY (3U << 8)
#define MSM_ISR 0x14
#define MSM_ISR_TX_READY (1U << 7)
#define MSM_DM_NCF_TX 0x40
#define MSM_DM_TF 0x70

static void msm_init(const struct board_console *c)
{
	(void)c; /* the boot firmware has the UART running, as earlycon */
}

static void msm_putc(const struct board_console *c, char ch)
{
	/* the last transfer is over: FIFO empty or TX_READY raised */
	while (!(mmio_read(c->base + MSM_SR, 4) & MSM_SR_TX_EMPTY))
		if (mmio_read(c->base + MSM_ISR, 4) & MSM_ISR_TX_READY)
			break;
	mmio_write(c->base + MSM_CR, 4, MSM_CR_CMD_RESET_TX_READY);
	mmio_write(c->base + MSM_DM_NCF_TX, 4, 1);
	(void)mmio_read(c->base + MSM_DM_NCF_TX, 4);
	while (!(mmio_read(c->base + MSM_SR, 4) & MSM_SR_TX_READY))
		;
	mmio_write(c->base + MSM_DM_TF, 4, (u8)ch);
}

const struct uart_ops msm_uart_ops = {
	.init = msm_init,
	.putc = msm_putc,
};
