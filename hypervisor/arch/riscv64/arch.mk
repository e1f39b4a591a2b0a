# hypervisor/arch/riscv64/arch.mk: compiler and flags of the riscv64 port
# (included by hypervisor/hypervisor.mk).  RV64IMAC: no floating point
# in the hypervisor (the guest's F/D state is never touched), medany so the
# image links at any address, no linker relaxation (no gp).  The H
# extension's instructions are emitted as .insn words (asm/csr.h), so the
# Debian 12 assembler needs no extension flag for them.
CROSS_COMPILE ?= riscv64-linux-gnu-
HV_ARCH_CFLAGS := -march=rv64imac_zicsr_zifencei -mabi=lp64 -mcmodel=medany \
	-mno-relax -mstrict-align -fno-omit-frame-pointer
HV_ARCH_ASFLAGS := -march=rv64imac_zicsr_zifencei -mabi=lp64 -mno-relax
# libgcc.c replaces -lgcc (lp64d in Debian, this image is lp64)
HV_ARCH_LIBS :=
# guest files of `make run` and the initramfs (CACHE overrides)
HV_ARCH_CACHE := .cache/riscv64
HV_BOOT_SH := tests/qemu-riscv64/boot.sh
