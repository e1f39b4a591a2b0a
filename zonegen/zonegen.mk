# zonegen.  Host tool: objects under $(O)/host/zonegen/; the zone JSON
# readers and writers it shares with the hvisor CLI are lib/'s
# (libhvc-json.a).
ZG_OBJDIR := $(O)/host/zonegen
ZG_PKGS := yaml-0.1 libcjson
# Debian's libfdt-dev ships no .pc file: fall back to -lfdt.
ZG_CFLAGS := $(HOST_CFLAGS) -I$(PUBLIC_INC) -I$(HVC_INC) -I$(DTSCAN_INC) \
	$(shell pkg-config --cflags $(ZG_PKGS) libfdt 2>/dev/null || \
		pkg-config --cflags $(ZG_PKGS))
ZG_LIBS := $(shell pkg-config --libs libfdt 2>/dev/null || echo -lfdt) \
	$(shell pkg-config --libs $(ZG_PKGS))

ZG_SRCS := zonegen/board.c zonegen/dt.c zonegen/request.c zonegen/state.c \
	zonegen/dts_comment.c \
	zonegen/derive.c zonegen/passthrough.c zonegen/generate.c \
	zonegen/arch_aarch64.c zonegen/arch_riscv64.c zonegen/check.c \
	zonegen/check_zone.c
ZG_OBJS := $(patsubst %.c,$(ZG_OBJDIR)/%.o,$(ZG_SRCS))

$(ZG_OBJDIR)/%.o: %.c
	@mkdir -p $(dir $@)
	$(HOSTCC) $(ZG_CFLAGS) -MMD -MP -c $< -o $@

# Every reg/interrupt/phandle question goes to dtscan's query API:
# zonegen links libdtscan.a (dtscan.mk, included before this file).
$(HOST_BIN)/zonegen: $(ZG_OBJDIR)/zonegen/zonegen.o $(ZG_OBJS) \
		$(DTSCAN_LIB) $(HVC_JSON_LIB) $(HVC_LIB)
	@mkdir -p $(dir $@)
	$(HOSTCC) -o $@ $^ $(ZG_LIBS) $(DTSCAN_LIBS) $(HVC_LIBS) \
		$(HVC_JSON_LIBS)

# Test driver of the JSON libraries (hvisor-tool/tests/run.sh).
$(HOST_BIN)/json_test: $(ZG_OBJDIR)/hvisor-tool/tests/json_test.o \
		$(HVC_JSON_LIB)
	@mkdir -p $(dir $@)
	$(HOSTCC) -o $@ $^ $(ZG_LIBS)

# Sanitizer build for zonegen/tests/run.sh: every source (zonegen,
# libdtscan, libhvc and its JSON part) under ASan+UBSan in one link.
ZG_ASAN := $(O)/host/zonegen-asan/zonegen
ZG_SAN_FLAGS := -fsanitize=address,undefined -fno-sanitize-recover=all \
	-fno-omit-frame-pointer
$(ZG_ASAN): zonegen/zonegen.c $(ZG_SRCS) \
		$(addprefix $(DTSCAN_DIR)/,$(DTSCAN_LIB_SRCS)) \
		$(addprefix $(HVC_DIR)/,$(HVC_SRCS) $(HVC_JSON_SRCS)) \
		$(wildcard zonegen/*.h) \
		$(DTSCAN_HDRS) $(HVC_HDRS)
	@mkdir -p $(@D)
	$(HOSTCC) $(filter-out -O2,$(ZG_CFLAGS)) -O1 $(ZG_SAN_FLAGS) \
		$(DTSCAN_PKG_CFLAGS) -o $@ $(filter %.c,$^) $(ZG_LIBS) \
		$(DTSCAN_LIBS) $(HVC_LIBS)

.PHONY: zonegen json_test zonegen-asan
zonegen: $(HOST_BIN)/zonegen
zonegen-asan: $(ZG_ASAN)
json_test: $(HOST_BIN)/json_test
TOOLS += $(HOST_BIN)/zonegen

-include $(ZG_OBJDIR)/*/*.d $(ZG_OBJDIR)/*/*/*.d
