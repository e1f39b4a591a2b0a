# dtscan as a static arm64 executable, to run on the board itself
# (`dtscan /proc/device-tree`): `make dtscan-arm64` ->
# $(O)/arm64/dtscan.  Debian's aarch64 cross compiler; libfdt.a and
# libyaml.a (and their headers) from Debian's arm64 libfdt-dev and
# libyaml-dev, which scripts/fetch-arm64.sh unpacks into $(CACHE)/x.
# Included by the top Makefile after dtscan.mk (it reuses DTSCAN_SRCS).

DTSCAN_ARM64 := $(O)/arm64/dtscan
DTSCAN_ARM64_CROSS ?= aarch64-linux-gnu-
DTSCAN_ARM64_SYS := $(CACHE)/x/usr
DTSCAN_ARM64_LIBDIR := $(DTSCAN_ARM64_SYS)/lib/aarch64-linux-gnu

# dtscan reads back what it writes through lib/'s board reader (libhvc):
# its sources are compiled in as well.
$(DTSCAN_ARM64): $(addprefix $(DTSCAN_DIR)/,$(DTSCAN_SRCS)) $(DTSCAN_HDRS) \
		$(addprefix $(HVC_DIR)/,$(HVC_SRCS)) $(HVC_HDRS)
	@test -f $(DTSCAN_ARM64_LIBDIR)/libfdt.a || \
		{ echo "dtscan-arm64: no $(DTSCAN_ARM64_LIBDIR)/libfdt.a (hint: make deps)"; exit 1; }
	@mkdir -p $(@D)
	$(DTSCAN_ARM64_CROSS)gcc $(HOST_CFLAGS) -I$(PUBLIC_INC) -I$(HVC_INC) \
		-I$(DTSCAN_INC) \
		-isystem $(DTSCAN_ARM64_SYS)/include -static -o $@ $(filter %.c,$^) \
		$(DTSCAN_ARM64_LIBDIR)/libfdt.a $(DTSCAN_ARM64_LIBDIR)/libyaml.a

.PHONY: dtscan-arm64
dtscan-arm64: $(DTSCAN_ARM64)
