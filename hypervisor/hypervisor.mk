# hypervisor/hypervisor.mk: the hypervisor, its board table and `make run`.
# Included by the top Makefile (non-recursive); paths are relative to the
# repository root.  Outputs only under $(O)/$(ARCH)/$(BOARD)/.
#
#   make ARCH=aarch64 BOARD=b board   board.yaml + zones/*.yaml -> board.json -> board.c
#   make ARCH=aarch64 BOARD=b         hvisor.elf, hvisor.bin, hvisor.map
#   make ARCH=aarch64 BOARD=b run     boot it in QEMU with the root Linux

.PHONY: hypervisor board run initramfs zone0-dtb

# BOARDS_DIR: where board directories live (the demo uses one under build/)
BOARDS_DIR ?= boards
HV_BOARD_DIR := $(BOARDS_DIR)/$(ARCH)/$(BOARD)
HV_OUT := $(O)/$(ARCH)/$(BOARD)
HV_GOALS := all hypervisor board run initramfs zone0-dtb
HV_ACTIVE := $(filter $(HV_GOALS),$(if $(MAKECMDGOALS),$(MAKECMDGOALS),all))

# A board without board.yaml yet may ship a hand-written board.json of the
# board.json format and its zone0.dts next to its arch port
# (hypervisor/arch/<arch>/boards/); board.yaml, once it exists, wins.
HV_BOARD_JSON := $(if $(wildcard $(HV_BOARD_DIR)/board.yaml),,$(wildcard hypervisor/arch/$(ARCH)/boards/$(BOARD).json))

ifneq ($(HV_ACTIVE),)
ifeq ($(wildcard $(HV_BOARD_DIR)/board.yaml)$(HV_BOARD_JSON),)
HV_OTHER_ARCH := $(patsubst $(BOARDS_DIR)/%/$(BOARD)/board.yaml,%,$(wildcard $(BOARDS_DIR)/*/$(BOARD)/board.yaml))
ifneq ($(HV_OTHER_ARCH),)
$(error BOARD=$(BOARD) is a board of ARCH=$(HV_OTHER_ARCH), not ARCH=$(ARCH) (hint: make ARCH=$(HV_OTHER_ARCH) BOARD=$(BOARD)))
else
$(error no board $(HV_BOARD_DIR)/board.yaml (hint: boards are: $(patsubst $(BOARDS_DIR)/%/board.yaml,%,$(wildcard $(BOARDS_DIR)/*/*/board.yaml)); dtscan creates new ones))
endif
endif
ifeq ($(wildcard hypervisor/arch/$(ARCH)/arch.mk),)
$(error ARCH=$(ARCH): no hypervisor port (hint: ports are: $(patsubst hypervisor/arch/%/arch.mk,%,$(wildcard hypervisor/arch/*/arch.mk))))
endif
endif

# arch.mk: the port's CROSS_COMPILE default, HV_ARCH_CFLAGS/ASFLAGS/LIBS
# and HV_BOOT_SH (the QEMU command line of `make run`)
-include hypervisor/arch/$(ARCH)/arch.mk
HV_CC := $(CROSS_COMPILE)gcc
HV_OBJCOPY := $(CROSS_COMPILE)objcopy
# the guest files (kernel, busybox): CACHE when given, else the port's
HV_CACHE := $(if $(filter command line environment,$(origin CACHE)),$(CACHE),$(or $(HV_ARCH_CACHE),$(CACHE)))

# board.mk is rendered from board.yaml; make rebuilds it, then restarts.
ifneq ($(HV_ACTIVE),)
-include $(HV_OUT)/board.mk
endif

ifeq ($(HV_BOARD_JSON),)
# zonegen derive: board.yaml (read and validated by the one board reader,
# lib/board.c), zone0.dts and the zone requests zones/NAME.yaml become
# board.json (the root zone reduced by its zones), zone0.dtb (edited with
# libfdt), zones/NAME/NAME.{dtb,dts,json} and virtio_cfg.json.  It runs
# zonegen check's cross-checks on them first and writes nothing when one
# fails.  The templates render only board.json.
HV_ZONE_REQS := $(sort $(wildcard $(HV_BOARD_DIR)/zones/*.yaml))
HV_ZONE0_DTS := $(wildcard $(HV_BOARD_DIR)/zone0.dts)
# the list of requests: deleting one derives again too
$(HV_OUT)/zones.list: FORCE
	@mkdir -p $(@D)
	@echo '$(notdir $(HV_ZONE_REQS))' | cmp -s - $@ || \
		echo '$(notdir $(HV_ZONE_REQS))' > $@
.PHONY: FORCE
FORCE:

$(HV_OUT)/board.json: $(HV_BOARD_DIR)/board.yaml $(HV_ZONE0_DTS) \
		$(HV_ZONE_REQS) $(HV_OUT)/zones.list $(HOST_BIN)/zonegen
	@mkdir -p $(HV_OUT)
	$(HOST_BIN)/zonegen derive --board $(BOARD) \
		--boards-dir $(BOARDS_DIR) -o $(HV_OUT)
else
# the hand-written board: board.json as is, zone0.dtb compiled from its dts
HV_ZONE0_DTS := $(wildcard hypervisor/arch/$(ARCH)/boards/$(BOARD)-zone0.dts)
$(HV_OUT)/board.json: $(HV_BOARD_JSON)
	@mkdir -p $(HV_OUT)
	cp $< $@
endif

$(HV_OUT)/board.c $(HV_OUT)/board.mk: $(HV_OUT)/board.json \
		porting/templates/render.py porting/templates/board.c.j2 \
		porting/templates/board.mk.j2
	$(PYTHON) porting/templates/render.py $< $(HV_OUT) \
		--source $(or $(HV_BOARD_JSON),$(HV_BOARD_DIR)/board.yaml)

HV_SRC_C := $(wildcard hypervisor/core/*.c) \
	$(filter-out %/asm-offsets.c,$(wildcard hypervisor/arch/$(ARCH)/*.c)) \
	$(wildcard hypervisor/drivers/uart/*.c)
HV_SRC_S := $(wildcard hypervisor/arch/$(ARCH)/*.S)
HV_OBJS := $(patsubst hypervisor/%.c,$(HV_OUT)/obj/%.o,$(HV_SRC_C)) \
	$(patsubst hypervisor/%.S,$(HV_OUT)/obj/%.o,$(filter-out %.lds.S,$(HV_SRC_S))) \
	$(HV_OUT)/obj/board.o

HV_CPPFLAGS := -Ihypervisor/include -Ihypervisor/arch/$(ARCH)/include \
	-I$(PUBLIC_INC) -I$(HV_OUT)/include -DHV_NCPUS=$(BOARD_NCPUS)
HV_CFLAGS := -std=c11 -O2 -g $(WARN_CFLAGS) -ffreestanding -fno-common \
	-fno-pie -fno-stack-protector -fno-builtin $(HV_ARCH_CFLAGS) -MMD -MP
HV_LDFLAGS := -nostdlib -static -no-pie -Wl,--build-id=none \
	-Wl,--no-warn-rwx-segments

hypervisor: $(HV_OUT)/hvisor.bin
board: $(HV_OUT)/obj/board.o

$(HV_OUT)/obj/board.o: $(HV_OUT)/board.c
	@mkdir -p $(dir $@)
	$(HV_CC) $(HV_CPPFLAGS) $(HV_CFLAGS) -c $< -o $@

$(HV_OUT)/obj/%.o: hypervisor/%.c $(HV_OUT)/board.mk
	@mkdir -p $(dir $@)
	$(HV_CC) $(HV_CPPFLAGS) $(HV_CFLAGS) -c $< -o $@

$(HV_OUT)/obj/%.o: hypervisor/%.S $(HV_OUT)/include/generated/asm-offsets.h
	@mkdir -p $(dir $@)
	$(HV_CC) $(HV_CPPFLAGS) $(HV_ARCH_ASFLAGS) -D__ASSEMBLY__ -MMD -MP \
		-c $< -o $@

# asm offsets: compile to assembly, pick the "->SYM value" markers
$(HV_OUT)/include/generated/asm-offsets.h: hypervisor/arch/$(ARCH)/asm-offsets.c $(HV_OUT)/board.mk
	@mkdir -p $(dir $@)
	$(HV_CC) $(HV_CPPFLAGS) $(HV_CFLAGS) -MT $@ -MF $(HV_OUT)/asm-offsets.d \
		-S $< -o $(HV_OUT)/asm-offsets.s
	sed -n 's/.*->\([A-Za-z_0-9]*\) [#$$]*\([-0-9]*\).*/#define \1 \2/p' \
		$(HV_OUT)/asm-offsets.s > $@.tmp
	mv $@.tmp $@

$(HV_OUT)/hv.lds: hypervisor/arch/$(ARCH)/hv.lds.S $(HV_OUT)/board.mk
	$(HV_CC) -E -P -x c -DHV_LOAD_ADDR=$(BOARD_LOAD_ADDR) \
		-DHV_RAM_BASE=$(BOARD_HV_RAM_BASE) -DHV_RAM_SIZE=$(BOARD_HV_RAM_SIZE) \
		$< -o $@

$(HV_OUT)/hvisor.elf: $(HV_OBJS) $(HV_OUT)/hv.lds
	$(HV_CC) $(HV_LDFLAGS) -T $(HV_OUT)/hv.lds -Wl,-Map=$(HV_OUT)/hvisor.map \
		-o $@ $(HV_OBJS) $(HV_ARCH_LIBS)

$(HV_OUT)/hvisor.bin: $(HV_OUT)/hvisor.elf
	$(HV_OBJCOPY) -O binary $< $@

-include $(HV_OBJS:.o=.d) $(HV_OUT)/asm-offsets.d

# --- running it: root Linux in QEMU (tests/qemu/boot.sh holds the command)
HV_INITRAMFS := $(O)/$(ARCH)/initramfs.cpio.gz

initramfs: $(HV_INITRAMFS)
$(HV_INITRAMFS): scripts/mkinitramfs.sh
	@mkdir -p $(dir $@)
	scripts/mkinitramfs.sh $(HV_CACHE) $@

# zone0.dtb: the root zone's DTB, derived with board.json when the board
# has a zone0.dts.  zone0-run.dtb: the same with /chosen linux,initrd-start
# and -end patched in for QEMU's loader (the hypervisor never edits a DTB).
HV_DTB := $(if $(HV_ZONE0_DTS),$(HV_OUT)/zone0.dtb)
hypervisor: $(HV_DTB)
ifeq ($(HV_BOARD_JSON),)
$(HV_OUT)/zone0.dtb: $(HV_OUT)/board.json
	@test -f $@ || { echo "$@: not derived (hint: does $(HV_BOARD_DIR)/zone0.dts exist?)"; exit 1; }
else
$(HV_OUT)/zone0.dtb: $(HV_ZONE0_DTS)
	@mkdir -p $(HV_OUT)
	dtc -q -I dts -O dtb -o $@.tmp $<
	mv $@.tmp $@
endif

zone0-dtb: $(HV_OUT)/zone0-run.dtb
$(HV_OUT)/zone0-run.dtb: $(HV_OUT)/board.json $(HV_INITRAMFS) $(HV_OUT)/board.mk
	@test -n "$(HV_ZONE0_DTS)" || { echo "no zone0.dts for $(BOARD) (hint: run dtscan)"; exit 1; }
	dtc -q -I dtb -O dtb -p 4096 -o $@.tmp $(HV_OUT)/zone0.dtb
	fdtput -t x $@.tmp /chosen linux,initrd-start 0 $(BOARD_ROOT_INITRD)
	fdtput -t x $@.tmp /chosen linux,initrd-end 0 \
		$$(printf '0x%x' $$(( $(BOARD_ROOT_INITRD) + $$(stat -c %s $(HV_INITRAMFS)) )))
	mv $@.tmp $@

run: $(HV_OUT)/hvisor.bin $(HV_OUT)/zone0-run.dtb $(HV_INITRAMFS)
	$(HV_BOOT_SH) $(HV_OUT) $(HV_INITRAMFS) $(HV_CACHE)/Image
