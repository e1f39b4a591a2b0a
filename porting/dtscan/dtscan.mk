# dtscan: DT -> board.yaml + zone0.dts (host tool).  Included by the top
# Makefile; paths are relative to the repository root.

DTSCAN_DIR := porting/dtscan
# the library's public header, <dtscan/dtscan.h>: all a user may include
DTSCAN_INC := $(DTSCAN_DIR)/include
DTSCAN_LIB_SRCS := core.c tree.c load.c addr.c irq.c regions.c model.c model_riscv.c \
	trim.c zone.c devices.c summary.c emit_yaml.c emit_dts.c query.c
DTSCAN_SRCS := $(DTSCAN_LIB_SRCS) dtscan.c
# Debian 12's libfdt-dev ships no .pc file: fall back to -lfdt.
DTSCAN_PKG_CFLAGS := -I$(PUBLIC_INC) -I$(DTSCAN_INC) $(shell pkg-config --cflags yaml-0.1 2>/dev/null) \
	$(shell pkg-config --cflags libfdt 2>/dev/null)
DTSCAN_LIBS := $(shell pkg-config --libs libfdt 2>/dev/null || echo -lfdt) \
	$(shell pkg-config --libs yaml-0.1 2>/dev/null || echo -lyaml)

DTSCAN_OBJ := $(O)/host/dtscan
DTSCAN_LIB_OBJS := $(addprefix $(DTSCAN_OBJ)/,$(DTSCAN_LIB_SRCS:.c=.o))
DTSCAN_HDRS := $(wildcard $(DTSCAN_DIR)/*.h $(DTSCAN_INC)/dtscan/*.h)
# The library (no CLI): zonegen links it too.  Users add -I$(DTSCAN_INC),
# include <dtscan/dtscan.h> only, and link $(DTSCAN_LIB) $(DTSCAN_LIBS).
DTSCAN_LIB := $(O)/host/lib/libdtscan.a

TOOLS += $(HOST_BIN)/dtscan

$(DTSCAN_OBJ)/%.o: $(DTSCAN_DIR)/%.c $(DTSCAN_HDRS)
	@mkdir -p $(@D)
	$(HOSTCC) $(HOST_CFLAGS) $(DTSCAN_PKG_CFLAGS) -c -o $@ $<

# The CLI writes through the board library (lib/lib.mk).
$(DTSCAN_OBJ)/dtscan.o: DTSCAN_PKG_CFLAGS += -I$(HVC_INC)

$(DTSCAN_LIB): $(DTSCAN_LIB_OBJS)
	@mkdir -p $(@D)
	@rm -f $@
	$(AR) rcs $@ $^

$(HOST_BIN)/dtscan: $(DTSCAN_OBJ)/dtscan.o $(DTSCAN_LIB) $(HVC_LIB)
	@mkdir -p $(@D)
	$(HOSTCC) $(HOST_CFLAGS) -o $@ $^ $(DTSCAN_LIBS) $(HVC_LIBS)

# Test driver of the query API (porting/dtscan/tests/run.sh).
$(HOST_BIN)/dtscan_query_test: $(DTSCAN_DIR)/tests/query_test.c \
		$(DTSCAN_HDRS) $(DTSCAN_LIB)
	@mkdir -p $(@D)
	$(HOSTCC) $(HOST_CFLAGS) -I$(DTSCAN_INC) -o $@ $< $(DTSCAN_LIB) \
		$(DTSCAN_LIBS)

# Sanitizer build: used by the corpus test.
DTSCAN_ASAN := $(O)/host/dtscan-asan/dtscan
DTSCAN_SAN_FLAGS := -fsanitize=address,undefined -fno-sanitize-recover=all \
	-fno-omit-frame-pointer
$(DTSCAN_ASAN): $(addprefix $(DTSCAN_DIR)/,$(DTSCAN_SRCS)) $(DTSCAN_HDRS) \
		$(addprefix $(HVC_DIR)/,$(HVC_SRCS)) $(HVC_HDRS)
	@mkdir -p $(@D)
	$(HOSTCC) $(HOST_CFLAGS) -O1 $(DTSCAN_SAN_FLAGS) $(DTSCAN_PKG_CFLAGS) \
		-I$(HVC_INC) -o $@ $(filter %.c,$^) $(DTSCAN_LIBS) $(HVC_LIBS)

# libFuzzer target (clang).  `make fuzz FUZZ_SECONDS=60`.
FUZZ_SECONDS ?= 60
DTSCAN_FUZZ := $(O)/host/dtscan-fuzz/fuzz-dtscan
$(DTSCAN_FUZZ): $(DTSCAN_DIR)/fuzz/fuzz_dtscan.c \
		$(addprefix $(DTSCAN_DIR)/,$(DTSCAN_LIB_SRCS)) $(DTSCAN_HDRS)
	@mkdir -p $(@D)
	clang $(filter-out -O2,$(HOST_CFLAGS)) -O1 -I$(DTSCAN_DIR) -I$(DTSCAN_INC) \
		-fsanitize=fuzzer,address,undefined \
		-fno-sanitize-recover=all $(DTSCAN_PKG_CFLAGS) \
		-o $@ $(filter %.c,$^) $(DTSCAN_LIBS)

.PHONY: dtscan libdtscan dtscan-asan fuzz-dtscan
dtscan: $(HOST_BIN)/dtscan
libdtscan: $(DTSCAN_LIB)
dtscan-asan: $(DTSCAN_ASAN)
fuzz-dtscan: $(DTSCAN_FUZZ)
	@$(DTSCAN_DIR)/fuzz/run.sh $(DTSCAN_FUZZ) $(FUZZ_SECONDS)
fuzz: fuzz-dtscan
