# hypervisor/deploy.mk: `make ARCH=aarch64 BOARD=b deploy`, what goes on the
# board's boot medium, gathered into $(O)/$(ARCH)/$(BOARD)/deploy/ with a
# U-Boot boot script (boot.cmd, boot.scr) by scripts/deploy.sh.  Included by
# the top Makefile after hypervisor.mk, whose variables and rules it uses.
#
#   make ARCH=aarch64 BOARD=b deploy   hvisor.bin, zone0.dtb (with the
#       initrd range), Image, initramfs.cpio.gz, hvisor.ko and the hvisor
#       CLI when `make hvisor-tool` built them, zone files, boot.scr

.PHONY: deploy

ifneq ($(filter deploy,$(MAKECMDGOALS)),)
ifeq ($(wildcard $(HV_BOARD_DIR)/board.yaml),)
$(error no board $(HV_BOARD_DIR)/board.yaml (hint: boards are: $(patsubst $(BOARDS_DIR)/%/board.yaml,%,$(wildcard $(BOARDS_DIR)/*/*/board.yaml)); dtscan creates new ones))
endif
endif

# hypervisor.mk reads board.mk (BOARD_NCPUS, the link addresses) only for
# its own goals: build through them in a sub-make, then gather.
deploy:
	$(MAKE) --no-print-directory hypervisor zone0-dtb
	scripts/deploy.sh $(HV_OUT) $(HV_BOARD_DIR) $(CACHE)/Image \
		$(HV_INITRAMFS) $(HT_OUT)
