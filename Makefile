# hvisor-c: top-level dispatcher.  Non-recursive: each component contributes
# a *.mk fragment with its own rules; this file holds the shared variables.
#
#   make deps                      install Debian packages, fetch arm64 + riscv64 kernels/DTBs
#   make tools                     host tools: dtscan, zonegen
#   make dtscan-arm64              static arm64 dtscan for the board (/proc/device-tree)
#   make hvisor-tool               arm64 hvisor.ko + static hvisor CLI (root zone)
#   make ARCH=aarch64 BOARD=b      the hypervisor for board b (default qemu-gicv3)
#   make ARCH=aarch64 BOARD=b board  render and compile only the board table
#   make ARCH=aarch64 BOARD=b deploy the boot medium's files + U-Boot boot.scr
#   make run                       boot the hypervisor + root Linux in QEMU
#   make demo                      fresh machine: deps, dtscan QEMU's DTB, build, boot
#   make demo-zones                root Linux with zone 1 (virtio disk, console, net) ready
#   make test                      every test; ends with "N passed, N failed"
#   make bench                     benchmarks against a peer in the same run
#   make fuzz                      libFuzzer targets (clang)
#   make corpus                    dtscan + build every Debian DTB (slow)

ARCH ?= aarch64
BOARD ?= qemu-gicv3
O ?= build
CACHE ?= .cache/arm64
# make deps fills both guest caches, whatever ARCH is
ARM64_CACHE ?= .cache/arm64
RISCV_CACHE ?= .cache/riscv64
PYTHON ?= /usr/bin/python3
HOSTCC ?= gcc

ifeq ($(O),.)
$(error O=. would build in the source tree; pick another directory)
endif

# One strict warning set for all C in the tree (style-anchors section 10).
WARN_CFLAGS := -Wall -Wextra -Werror -Wshadow -Wmissing-prototypes \
	-Wstrict-prototypes -Wvla -Wconversion
HOST_CFLAGS ?= -std=c11 -D_GNU_SOURCE -O2 -g $(WARN_CFLAGS)
HOST_BIN := $(O)/host/bin
PUBLIC_INC := hypervisor/include/public

.DEFAULT_GOAL := all
.PHONY: all deps tools test bench fuzz demo demo-zones run clean help
all: hypervisor

help:
	@sed -n '4,17p' Makefile

deps:
	@scripts/deps.sh $(ARM64_CACHE) $(RISCV_CACHE)

-include lib/lib.mk
-include porting/dtscan/dtscan.mk
-include porting/dtscan/dtscan-arm64.mk
-include zonegen/zonegen.mk
-include hypervisor/hypervisor.mk
-include hvisor-tool/hvisor-tool.mk
-include hypervisor/deploy.mk
-include porting/dtscan/corpus.mk

tools: $(TOOLS)

test:
	@scripts/run-tests.sh

bench:
	@scripts/bench.sh

demo:
	@scripts/demo.sh

demo-zones:
	@scripts/demo-zones.sh

clean:
	rm -rf $(O)
