# porting/dtscan/corpus.mk: `make corpus` (not in `make test`, slow: 23
# minutes on two shared cores).  Included by the top Makefile.
#
# dtscan every DTB of Debian's arm64 kernel (.cache/arm64/dtbs) as a porter
# would (porting/dtscan/tests/corpus.sh: --ram from pickram.py when the DT
# has no RAM), boards in $(O)/corpus/boards, then build the hypervisor of
# every board made (buildboards.sh, SHARE=1: objects shared between boards
# with as many CPUs), into $(O)/corpus/build.  Prints
# "boards N/577, built M/N", every dtscan stop and every failed build;
# $(O)/corpus/dtscan.txt and built.txt keep one line per DTB and board.

.PHONY: corpus

CORPUS_OUT := $(O)/corpus

corpus: $(HOST_BIN)/dtscan
	@rm -rf $(CORPUS_OUT) && mkdir -p $(CORPUS_OUT)
	@DTBS=$(abspath $(CACHE))/dtbs porting/dtscan/tests/corpus.sh \
		$(abspath $(HOST_BIN))/dtscan $(CORPUS_OUT)/boards \
		>$(CORPUS_OUT)/dtscan.txt
	@$(MAKE) -s O=$(CORPUS_OUT)/build $(CORPUS_OUT)/build/host/bin/zonegen
	@sed -n 's/^board \([^ ]*\) .*/\1/p' $(CORPUS_OUT)/dtscan.txt | \
		SHARE=1 JOBS=1 xargs -P2 -n 25 porting/dtscan/tests/buildboards.sh \
		$(CORPUS_OUT)/boards $(CORPUS_OUT)/build | sort >$(CORPUS_OUT)/built.txt
	@grep -v '^board ' $(CORPUS_OUT)/dtscan.txt || true
	@grep -v '^built ' $(CORPUS_OUT)/built.txt || true
	@n=$$(wc -l <$(CORPUS_OUT)/dtscan.txt); \
	 b=$$(grep -c '^board ' $(CORPUS_OUT)/dtscan.txt); \
	 m=$$(grep -c '^built ' $(CORPUS_OUT)/built.txt); \
	 echo "boards $$b/$$n, built $$m/$$b"; [ "$$m" -eq "$$b" ]
