# lib/: the host tools' shared library (board.yaml reader and validator,
# ranges, text buffers, atomic file writes, number parsing).  Included by
# the top Makefile.  Users add -I$(HVC_INC) and link $(HVC_LIB) $(HVC_LIBS).
HVC_DIR := lib
HVC_INC := $(HVC_DIR)/include
HVC_SRCS := err.c buf.c range.c fileio.c parse.c board.c board_json.c
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

# Test driver (lib/tests/run.sh).
$(HOST_BIN)/board_test: $(HVC_DIR)/tests/board_test.c $(HVC_LIB) $(HVC_HDRS)
	@mkdir -p $(@D)
	$(HOSTCC) $(HVC_CFLAGS) -o $@ $< $(HVC_LIB) $(HVC_LIBS)
.PHONY: board_test
board_test: $(HOST_BIN)/board_test
