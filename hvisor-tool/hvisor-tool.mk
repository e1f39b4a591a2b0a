# hvisor-tool/hvisor-tool.mk: the root zone's side, cross-built for arm64.
# Included by the top Makefile (non-recursive); outputs under $(O)/arm64/.
#
#   make hvisor-ko    hvisor.ko against Debian's linux-headers (KDIR)
#   make hvisor-cli   the static `hvisor` CLI (cJSON from Debian's source)
#   make hvisor-tool  both
#
# Needs `make deps` (scripts/fetch-arm64.sh puts the headers, the host
# linux-kbuild and the cjson source package into $(CACHE)).

.PHONY: hvisor-tool hvisor-ko hvisor-cli

HT_OUT := $(O)/arm64/hvisor-tool
HT_CROSS ?= aarch64-linux-gnu-
HT_KVER = $(shell cat $(CACHE)/kver 2>/dev/null)
KDIR ?= $(CACHE)/x/usr/src/linux-headers-$(HT_KVER)

# Debian's headers: KDIR (objtree: .config, Module.symvers) has a Makefile
# that includes /usr/src/linux-headers-*-common/Makefile by absolute path;
# from the cache, name the common tree's Makefile (the srctree) with -f.
HT_KSRC = $(abspath $(firstword $(wildcard $(KDIR)/../linux-headers-*-common)))

hvisor-tool: hvisor-ko hvisor-cli
hvisor-ko: $(HT_OUT)/hvisor.ko
hvisor-cli: $(HT_OUT)/hvisor

# Kbuild builds in M=; Kbuild 6.1 has no MO=, so build a copy under $(O).
HT_KO_SRCS := $(wildcard hvisor-tool/driver/*.c hvisor-tool/driver/*.h) \
	hvisor-tool/driver/Kbuild
$(HT_OUT)/hvisor.ko: $(HT_KO_SRCS) $(wildcard $(PUBLIC_INC)/hvisor/*.h)
	@test -d "$(KDIR)" || { echo "hvisor-ko: $(KDIR): missing (hint: make deps)"; exit 1; }
	@mkdir -p $(HT_OUT)/driver
	cp $(HT_KO_SRCS) $(HT_OUT)/driver/
	$(MAKE) -C $(KDIR) -f $(HT_KSRC)/Makefile \
		M=$(abspath $(HT_OUT)/driver) ARCH=arm64 \
		CROSS_COMPILE=$(HT_CROSS) \
		HVISOR_PUBLIC_INC=$(abspath $(PUBLIC_INC)) modules
	cp $(HT_OUT)/driver/hvisor.ko $@

# cJSON: Debian's libcjson-dev has no static library; compile Debian's
# source (with its patches, unpacked by fetch-arm64.sh) for arm64.
HT_CJSON_SRC := $(CACHE)/src/cjson
$(HT_OUT)/cjson/include/cjson/cJSON.h: $(HT_CJSON_SRC)/cJSON.h
	@mkdir -p $(dir $@)
	cp $< $@
$(HT_OUT)/cjson/cJSON.o: $(HT_CJSON_SRC)/cJSON.c $(HT_OUT)/cjson/include/cjson/cJSON.h
	$(HT_CROSS)gcc -std=c89 -O2 -c $< -o $@

# The virtio daemon's core (no /dev/hvisor in it), shared with virtio_test.
HT_VIRTIO_CORE := $(addprefix hvisor-tool/tools/virtio/,virtio_core.c \
	virtio_mmio.c virtqueue.c virtio_blk.c virtio_console.c virtio_net.c \
	config_check.c) \
	$(addprefix $(HVC_DIR)/,virtio_cfg_json.c json_util.c)
HT_CLI_SRCS := hvisor-tool/tools/hvisor.c hvisor-tool/tools/cmd_zone.c \
	hvisor-tool/tools/zone_load.c $(HVC_DIR)/zone_json.c \
	hvisor-tool/tools/cmd_virtio.c hvisor-tool/tools/virtio/daemon.c \
	$(HT_VIRTIO_CORE)
HT_CLI_OBJS := $(patsubst %.c,$(HT_OUT)/obj/%.o,$(HT_CLI_SRCS))
HT_CFLAGS := -std=c11 -D_GNU_SOURCE -O2 -g $(WARN_CFLAGS) -I$(PUBLIC_INC) \
	-I$(HVC_INC) -Ihvisor-tool/tools -Ihvisor-tool/driver \
	-I$(HT_OUT)/cjson/include -MMD -MP

$(HT_OUT)/obj/%.o: %.c $(HT_OUT)/cjson/include/cjson/cJSON.h
	@mkdir -p $(dir $@)
	$(HT_CROSS)gcc $(HT_CFLAGS) -c $< -o $@

$(HT_OUT)/hvisor: $(HT_CLI_OBJS) $(HT_OUT)/cjson/cJSON.o
	$(HT_CROSS)gcc -static -pthread -o $@ $^

-include $(HT_CLI_OBJS:.o=.d)

# Host unit test of the virtio core (hvisor-tool/tests/run.sh): the guest
# driver's side against a fake bridge page and fake guest RAM.  Host gcc and
# Debian's libcjson; VT_SAN=-fsanitize=address,undefined (with its own O=)
# for a sanitizer build.
.PHONY: virtio_test
VT_OBJDIR := $(O)/host/virtio_test
VT_SAN ?=
VT_SRCS := hvisor-tool/tests/virtio_test.c $(HT_VIRTIO_CORE)
VT_OBJS := $(patsubst %.c,$(VT_OBJDIR)/%.o,$(VT_SRCS))
VT_CFLAGS = $(HOST_CFLAGS) $(VT_SAN) -I$(PUBLIC_INC) -I$(HVC_INC) \
	-Ihvisor-tool/tools \
	$(shell pkg-config --cflags libcjson) -MMD -MP

$(VT_OBJDIR)/%.o: %.c
	@mkdir -p $(dir $@)
	$(HOSTCC) $(VT_CFLAGS) -c $< -o $@

$(HOST_BIN)/virtio_test: $(VT_OBJS)
	@mkdir -p $(dir $@)
	$(HOSTCC) $(VT_SAN) -pthread -o $@ $^ $(shell pkg-config --libs libcjson)

virtio_test: $(HOST_BIN)/virtio_test

-include $(VT_OBJS:.o=.d)

# The JSON readers on the host, for hvisor-tool/tests/run.sh and `make
# fuzz`: json_test under ASan+UBSan (the suite and its mutation test run
# it), and one libFuzzer target per reader (clang).  Debian's libcjson.
.PHONY: json_test-san fuzz-json
HT_JSON_SRCS := $(addprefix $(HVC_DIR)/,$(HVC_JSON_SRCS))
HT_JSON_DEPS := $(HT_JSON_SRCS) $(wildcard $(HVC_INC)/hvc/*.h) \
	$(wildcard $(PUBLIC_INC)/hvisor/*.h)
HT_SAN_FLAGS := -fsanitize=address,undefined -fno-sanitize-recover=all \
	-fno-omit-frame-pointer
HT_HOST_CFLAGS = $(filter-out -O2,$(HOST_CFLAGS)) -O1 -I$(PUBLIC_INC) \
	-I$(HVC_INC) -Ihvisor-tool/tools $(shell pkg-config --cflags libcjson)
HT_SAN_TEST := $(O)/host/hvisor-tool-san/json_test
$(HT_SAN_TEST): hvisor-tool/tests/json_test.c $(HT_JSON_DEPS)
	@mkdir -p $(@D)
	$(HOSTCC) $(HT_HOST_CFLAGS) $(HT_SAN_FLAGS) -o $@ $(filter %.c,$^) \
		$(shell pkg-config --libs libcjson)
json_test-san: $(HT_SAN_TEST)

FUZZ_SECONDS ?= 60
HT_FUZZ_DIR := $(O)/host/hvisor-tool-fuzz
$(HT_FUZZ_DIR)/fuzz-%: hvisor-tool/fuzz/fuzz_%.c $(HT_JSON_DEPS)
	@mkdir -p $(@D)
	clang $(HT_HOST_CFLAGS) -fsanitize=fuzzer $(HT_SAN_FLAGS) -o $@ \
		$(filter %.c,$^) $(shell pkg-config --libs libcjson)
fuzz-json: $(HT_FUZZ_DIR)/fuzz-zone_json $(HT_FUZZ_DIR)/fuzz-virtio_cfg
	@O=$(O) hvisor-tool/fuzz/run.sh $(HT_FUZZ_DIR)/fuzz-zone_json zone \
		$(FUZZ_SECONDS)
	@O=$(O) hvisor-tool/fuzz/run.sh $(HT_FUZZ_DIR)/fuzz-virtio_cfg virtio \
		$(FUZZ_SECONDS)
fuzz: fuzz-json
