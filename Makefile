# assetopt — plain make, out-of-tree objects in $(B).
PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
DATADIR ?= $(PREFIX)/share/assetopt
MANDIR ?= $(PREFIX)/share/man
PKG_CONFIG ?= pkg-config
# Debian's python3 sees the python3-* packages the tests use
PYTHON ?= $(shell test -x /usr/bin/python3 && echo /usr/bin/python3 || echo python3)
DEPS = libpng libjpeg libwebp libbrotlienc libbrotlidec zlib libdeflate libcurl openssl libcjson imagequant
B ?= build
CC ?= cc
CFLAGS ?= -O2 -g
WERROR ?= -Werror
WARN = -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes -Wvla $(WERROR)
AO_CFLAGS = -std=c11 -D_POSIX_C_SOURCE=200809L -fvisibility=hidden $(WARN) -Iinclude -Isrc \
  $(shell $(PKG_CONFIG) --cflags $(DEPS)) -MMD -MP \
  -DAO_DATADIR='"$(DATADIR)"'
# libcurl is loaded by publish when it starts (src/publish/curl_dl.c): its
# headers are used, its library is not linked
LDLIBS += $(shell $(PKG_CONFIG) --libs $(filter-out libcurl,$(DEPS))) -ldl -lpthread -lm

LIB_SRC := $(sort $(shell find src -name '*.c'))
CMD_SRC := $(sort $(wildcard cmd/assetopt/*.c))
UNIT_SRC := $(sort $(shell find tests/unit -name '*.c'))
FUZZ_SRC := $(sort $(wildcard tests/fuzz/*_fuzz.c))
FUZZ_NAMES := $(patsubst tests/fuzz/%_fuzz.c,%,$(FUZZ_SRC))

LIB_OBJ := $(LIB_SRC:%.c=$(B)/%.o)
CMD_OBJ := $(CMD_SRC:%.c=$(B)/%.o)
UNIT_OBJ := $(UNIT_SRC:%.c=$(B)/%.o)
REPLAYS := $(FUZZ_NAMES:%=$(B)/fuzz/%_replay)

.PHONY: all test check unit fuzz-replay integration asan fuzz bench demo \
        install clean test-deps

all: $(B)/assetopt $(B)/libassetopt.a

$(B)/%.o: %.c
	@mkdir -p $(@D)
	$(CC) $(AO_CFLAGS) $(CPPFLAGS) $(CFLAGS) -c $< -o $@

$(B)/libassetopt.a: $(LIB_OBJ)
	@rm -f $@
	$(AR) rcs $@ $^

$(B)/assetopt: $(CMD_OBJ) $(B)/libassetopt.a
	$(CC) $(LDFLAGS) -o $@ $(CMD_OBJ) $(B)/libassetopt.a $(LDLIBS)

$(B)/unit: $(UNIT_OBJ) $(B)/libassetopt.a
	$(CC) $(LDFLAGS) -o $@ $(UNIT_OBJ) $(B)/libassetopt.a $(LDLIBS)

$(B)/fuzz/%_replay: $(B)/tests/fuzz/%_fuzz.o $(B)/tests/fuzz/replay.o $(B)/libassetopt.a
	@mkdir -p $(@D)
	$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

# ---- tests ------------------------------------------------------------------
# `make test` runs every suite; each prints "N passed, N failed" and the last
# line sums them. TESTS_ARGS narrows the unit tests by name.
test: all $(B)/unit $(REPLAYS) test-deps
	@B=$(B) PYTHON=$(PYTHON) sh tests/run-all.sh

check: $(B)/unit
	$(B)/unit $(TESTS_ARGS)

unit: $(B)/unit
	$(B)/unit $(TESTS_ARGS)

fuzz-replay: $(REPLAYS)
	@for n in $(FUZZ_NAMES); do \
	  $(B)/fuzz/$${n}_replay $$(ls -d tests/fuzz/corpus/$$n 2>/dev/null) \
	    $$(cat tests/fuzz/$$n.seeds 2>/dev/null) || exit 1; \
	done

integration: all
	AO_BIN=$(B)/assetopt $(PYTHON) tests/integration/run.py $(TESTS_ARGS)

# npm packages used only by tests and benchmarks (oracles, peers, s3rver,
# the browser driver); installed under tests/node_modules.
test-deps:
	@sh tests/node-deps.sh

asan:
	$(MAKE) B=build-asan CC=clang CPPFLAGS=-DAO_ARENA_DEBUG \
	  CFLAGS="-O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=all" \
	  LDFLAGS="-fsanitize=address,undefined" test

# libFuzzer: one binary per tests/fuzz/NAME_fuzz.c, run FUZZ_TIME seconds each
# from the committed seeds: tests/fuzz/corpus/NAME and the test data folders
# listed in tests/fuzz/NAME.seeds (FUZZ_SEED fixes libFuzzer's random seed).
FUZZ_TIME ?= 60
FUZZ_SEED ?= 1
FUZZ_CFLAGS = -O1 -g -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all
fuzz:
	$(MAKE) B=build-fuzz CC=clang CFLAGS="$(FUZZ_CFLAGS)" build-fuzz/libassetopt.a
	@mkdir -p build-fuzz/fuzz
	@for n in $(FUZZ_NAMES); do \
	  clang $(AO_CFLAGS) -O1 -g -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
	    tests/fuzz/$${n}_fuzz.c build-fuzz/libassetopt.a $(LDLIBS) \
	    -o build-fuzz/fuzz/$$n || exit 1; \
	  mkdir -p build-fuzz/corpus/$$n; \
	  dict=; [ -f tests/fuzz/$$n.dict ] && dict=-dict=tests/fuzz/$$n.dict; \
	  build-fuzz/fuzz/$$n -max_total_time=$(FUZZ_TIME) -seed=$(FUZZ_SEED) $$dict \
	    build-fuzz/corpus/$$n $$(ls -d tests/fuzz/corpus/$$n 2>/dev/null) \
	    $$(cat tests/fuzz/$$n.seeds 2>/dev/null) || exit 1; \
	done

bench: all test-deps
	@B=$(B) sh tests/bench/run.sh $(BENCH)

# make bench-js, bench-css, bench-html, bench-svg, bench-image, bench-build,
# bench-check, bench-publish: one benchmark (tests/bench/bench_NAME*.sh)
bench-%: all test-deps
	@B=$(B) sh tests/bench/run.sh $*

# The main job on a site shipped in testdata/: build it, show sizes.
demo: all
	rm -rf $(B)/demo-out
	$(B)/assetopt build testdata/sites/plain -o $(B)/demo-out --no-cache
	$(B)/assetopt report $(B)/demo-out

install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(DATADIR)/presets $(DESTDIR)$(MANDIR)/man1
	install -m 755 $(B)/assetopt $(DESTDIR)$(BINDIR)/
	install -m 644 presets/*.json $(DESTDIR)$(DATADIR)/presets/
	install -m 644 man/assetopt.1 $(DESTDIR)$(MANDIR)/man1/

clean:
	rm -rf $(B) build-asan build-fuzz

-include $(shell find $(B) -name '*.d' 2>/dev/null)
