# lib/: the host tools' shared library (board.yaml reader and validator,
# ranges, text buffers, atomic file writes, number parsing).  Included by
# the top Makefile.  Users add -I$(HVC_INC) and link $(HVC_LIB) $(HVC_LIBS).
HVC_DIR := lib
HVC_INC := $(HVC_DIR)/include
HVC_SRCS := err.c buf.c range.c fileio.c commit.c parse.c yamldoc.c board.c \
	board_json.c
HVC_OBJ := $(O)/host/hvc
HVC_LIB := $(O)/host/lib/libhvc.a
HVC_HDRS := $(wildcard $(HVC_INC)/hvc/*.h) $(wildcard $(PUBLIC_INC)/hvisor/*.h)
HVC_CFLAGS := $(HOST_CFLAGS) -I$(HVC_INC) -I$(PUBLIC_INC) \
	$(shell pkg-config --cflags yaml-0.1 2>/dev/null)
HVC_LIBS := $(shell pkg-config --libs yaml-0.1 2>/dev/null || echo -lyaml)
HVC_OBJS := $(addprefix $(HVC_OBJ)/,$(HVC_SRCS:.c=.o))

$(HVC_OBJ)/%.o: $(HVC_DIR)/%.c $(HVC_HDRS)
	@mkdir -p $(@D)
	$(HOSTCC) $(HVC_CFLAGS) -c -o $@ $<

$(HVC_LIB): $(HVC_OBJS)
	@mkdir -p $(@D)
	@rm -f $@
	$(AR) rcs $@ $^

.PHONY: libhvc
libhvc: $(HVC_LIB)

# The zone JSON and virtio_cfg.json readers and writers (cJSON), in their
# own archive so that dtscan needs no cJSON: zonegen and the host tests link
# it; hvisor-tool.mk compiles the same files for the arm64 hvisor CLI.
HVC_JSON_SRCS := json_util.c zone_json.c virtio_cfg_json.c
HVC_JSON_LIB := $(O)/host/lib/libhvc-json.a
HVC_JSON_CFLAGS := $(HVC_CFLAGS) $(shell pkg-config --cflags libcjson)
HVC_JSON_LIBS := $(shell pkg-config --libs libcjson)
HVC_JSON_OBJS := $(addprefix $(HVC_OBJ)/,$(HVC_JSON_SRCS:.c=.o))
$(HVC_JSON_OBJS): HVC_CFLAGS := $(HVC_JSON_CFLAGS)
$(HVC_JSON_LIB): $(HVC_JSON_OBJS)
	@mkdir -p $(@D)
	@rm -f $@
	$(AR) rcs $@ $^

# Test driver (lib/tests/run.sh).
$(HOST_BIN)/board_test: $(HVC_DIR)/tests/board_test.c $(HVC_LIB) $(HVC_HDRS)
	@mkdir -p $(@D)
	$(HOSTCC) $(HVC_CFLAGS) -o $@ $< $(HVC_LIB) $(HVC_LIBS)
.PHONY: board_test
board_test: $(HOST_BIN)/board_test

# board_test under ASan+UBSan (lib/tests/board_mutate.py runs it on
# mutated board.yaml files) and the reader's libFuzzer target (clang):
# `make fuzz-board FUZZ_SECONDS=60`, part of `make fuzz`.
HVC_SAN_FLAGS := -fsanitize=address,undefined -fno-sanitize-recover=all \
	-fno-omit-frame-pointer
HVC_SAN_CFLAGS = $(filter-out -O2,$(HVC_CFLAGS)) -O1 $(HVC_SAN_FLAGS)
HVC_SAN_TEST := $(O)/host/hvc-san/board_test
$(HVC_SAN_TEST): $(HVC_DIR)/tests/board_test.c \
		$(addprefix $(HVC_DIR)/,$(HVC_SRCS)) $(HVC_HDRS)
	@mkdir -p $(@D)
	$(HOSTCC) $(HVC_SAN_CFLAGS) -o $@ $(filter %.c,$^) $(HVC_LIBS)
HVC_FUZZ := $(O)/host/hvc-fuzz/fuzz-board
$(HVC_FUZZ): $(HVC_DIR)/fuzz/fuzz_board.c \
		$(addprefix $(HVC_DIR)/,$(HVC_SRCS)) $(HVC_HDRS)
	@mkdir -p $(@D)
	clang $(HVC_SAN_CFLAGS) -fsanitize=fuzzer -o $@ $(filter %.c,$^) \
		$(HVC_LIBS)
.PHONY: board_test-san fuzz-board
board_test-san: $(HVC_SAN_TEST)
fuzz-board: $(HVC_FUZZ)
	@mkdir -p $(O)/fuzz-corpus/board
	@for f in boards/aarch64/*/board.yaml; do \
			cp $$f $(O)/fuzz-corpus/board/$$(echo $$f | tr / _); done
	$(HVC_FUZZ) -max_total_time=$(FUZZ_SECONDS) -max_len=65536 \
		-timeout=10 -rss_limit_mb=2048 $(O)/fuzz-corpus/board
fuzz: fuzz-board
