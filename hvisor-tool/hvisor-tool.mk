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

HT_CLI_SRCS := hvisor-tool/tools/hvisor.c hvisor-tool/tools/cmd_zone.c \
	hvisor-tool/tools/zone_load.c \
	hvisor-tool/tools/zone_json.c hvisor-tool/tools/json_util.c
HT_CLI_OBJS := $(patsubst hvisor-tool/tools/%.c,$(HT_OUT)/obj/%.o,$(HT_CLI_SRCS))
HT_CFLAGS := -std=c11 -D_GNU_SOURCE -O2 -g $(WARN_CFLAGS) -I$(PUBLIC_INC) \
	-Ihvisor-tool/tools -Ihvisor-tool/driver -I$(HT_OUT)/cjson/include -MMD -MP

$(HT_OUT)/obj/%.o: hvisor-tool/tools/%.c $(HT_OUT)/cjson/include/cjson/cJSON.h
	@mkdir -p $(dir $@)
	$(HT_CROSS)gcc $(HT_CFLAGS) -c $< -o $@

$(HT_OUT)/hvisor: $(HT_CLI_OBJS) $(HT_OUT)/cjson/cJSON.o
	$(HT_CROSS)gcc -static -o $@ $^

-include $(HT_CLI_OBJS:.o=.d)
