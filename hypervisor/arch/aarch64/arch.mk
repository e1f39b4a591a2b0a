# hypervisor/arch/aarch64/arch.mk: compiler and flags of the aarch64 port
# (included by hypervisor/hypervisor.mk).
CROSS_COMPILE ?= aarch64-linux-gnu-
HV_ARCH_CFLAGS := -mgeneral-regs-only -mstrict-align -mno-outline-atomics
HV_ARCH_ASFLAGS :=
HV_ARCH_LIBS := -lgcc
# guest files of `make run` and the initramfs (CACHE overrides)
HV_ARCH_CACHE := .cache/arm64
HV_BOOT_SH := tests/qemu/boot.sh
