# saring: screen Indonesian messages for known hoaxes, offline.
#
#   make            build ./saring (says which Debian packages are missing; never installs)
#   make deps       install the missing Debian packages (as root; check and demo do it too)
#   make check      run every test suite (SANITIZE=address,undefined, VALGRIND=1)
#   make demo       build and screen sample messages against the starter corpus
#   make eval       score matching quality on ../shared/data dev queries
#   make bench      speed figures beside plain-FTS5 baselines (bench-update: saring update's alone)
#   make install    PREFIX=/usr/local DESTDIR=

PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
DATADIR ?= $(PREFIX)/share/saring
LOCALEDIR ?= $(PREFIX)/share/locale
MANDIR ?= $(PREFIX)/share/man
COMPDIR ?= $(PREFIX)/share/bash-completion/completions
SHARED ?= ../shared/data
FUZZ_SECONDS ?= 10
VERSION = 0.1.0

CC ?= cc
CFLAGS ?= -O2 -g
PKGS = sqlite3 libutf8proc jansson libarchive libmicrohttpd
STEMMER_LIBS ?= -lstemmer
CSV_LIBS ?= -lcsv
override CFLAGS += -std=c11 -D_GNU_SOURCE -pthread -Wall -Wextra -Wshadow -Wconversion -Wno-sign-conversion \
	-MMD -MP -DSARING_VERSION='"$(VERSION)"' -DSARING_DATADIR='"$(DATADIR)"' \
	-DSARING_LOCALEDIR='"$(LOCALEDIR)"' \
	$(shell pkg-config --cflags $(PKGS) 2>/dev/null)
# libarchive and libmicrohttpd are opened when first used (src/lazylib.c), by their sonames
LAZY_PKGS = libarchive libmicrohttpd
soname = $(or $(shell objdump -p "$$($(CC) -print-file-name=lib$(1).so)" 2>/dev/null | awk '/SONAME/ { print $$2 }'),lib$(1).so)
override CFLAGS += -DARCHIVE_SO='"$(call soname,archive)"' -DMHD_SO='"$(call soname,microhttpd)"'
# ... and so are libcurl, libxml2 and libsodium (saring update, bundles): headers only here
override CFLAGS += $(shell pkg-config --cflags libcurl libxml-2.0 libsodium 2>/dev/null) \
	-DCURL_SO='"$(call soname,curl)"' -DXML2_SO='"$(call soname,xml2)"' -DSODIUM_SO='"$(call soname,sodium)"'
# Tesseract and Leptonica read the text in images (src/ocr.c); opened when first used as well
override CFLAGS += -DTESS_SO='"$(call soname,tesseract)"' -DLEPT_SO='"$(call soname,lept)"'
LDLIBS += $(shell pkg-config --libs $(filter-out $(LAZY_PKGS),$(PKGS)) 2>/dev/null) $(STEMMER_LIBS) $(CSV_LIBS) -lm -ldl -pthread
# the unit tests also write zips, with libarchive itself
TEST_LDLIBS = $(shell pkg-config --libs libarchive 2>/dev/null)

ifdef SANITIZE
override CFLAGS += -fsanitize=$(SANITIZE) -fno-omit-frame-pointer -fno-sanitize-recover=all
override LDFLAGS += -fsanitize=$(SANITIZE)
BUILD = build/san
else
BUILD = build/rel
endif
ifdef WERROR
override CFLAGS += -Werror
endif

SRCS = $(wildcard src/*.c)
LIB_OBJS = $(patsubst src/%.c,$(BUILD)/%.o,$(filter-out src/main.c src/cmd_%.c,$(SRCS))) $(BUILD)/tables_data.o
CMD_OBJS = $(patsubst src/%.c,$(BUILD)/%.o,$(filter src/main.c src/cmd_%.c,$(SRCS)))
TABLES = data_slang=data/slang.tsv data_stopwords=data/stopwords.txt \
	data_stopwords_en=data/stopwords-en.txt \
	data_stem_exceptions=data/stem-exceptions.tsv data_keep_in=data/keep-in.txt \
	data_schema=data/schema.sql data_everyday=data/everyday.txt
UNIT_SRCS = $(wildcard tests/unit/test_*.c)
PO_FILES = $(wildcard data/po/*.po)
MO_FILES = $(patsubst data/po/%.po,build/locale/%/LC_MESSAGES/saring.mo,$(PO_FILES))
UNIT_BINS = $(patsubst tests/unit/%.c,$(BUILD)/%,$(UNIT_SRCS))

# Debian packages saring builds against; `make deps` installs what is missing.
DEB_DEPS = build-essential pkg-config gettext libsqlite3-dev libutf8proc-dev libstemmer-dev \
	libjansson-dev libcsv-dev libarchive-dev libmicrohttpd-dev libcurl4-openssl-dev libxml2-dev \
	libsodium-dev sqlite3 python3 mandoc
# ... Tesseract, its Indonesian and English data, for text in images (check --image, scan)
DEB_DEPS += libtesseract-dev libleptonica-dev tesseract-ocr-ind tesseract-ocr-eng
# ... and what only the tests need: a real browser for the web page's end-to-end test.
TEST_DEPS = chromium chromium-driver
# ... test images rendered from texts (tests/image/, make eval, make bench)
TEST_DEPS += pango1.0-tools imagemagick webp

.PHONY: all deps test-deps po check unit cli demo eval bench bench-quick bench-update bench-invariance bench-images fuzz install uninstall clean

all: deps saring build/starter.db $(MO_FILES)

# Only `make deps`, `make check` and `make demo` install packages; any other
# goal (plain `make`) names what is missing and fails.
INSTALL_GOALS = deps check demo
deps:
	@sh tests/deps.sh $(if $(filter $(INSTALL_GOALS),$(MAKECMDGOALS)),,--check) $(DEB_DEPS)

test-deps:
	@sh tests/deps.sh $(TEST_DEPS)
	@command -v node >/dev/null 2>&1 || sh tests/deps.sh nodejs npm

saring: $(BUILD)/saring FORCE
	@cmp -s $< $@ || { cp $< $@.tmp && mv -f $@.tmp $@; }

FORCE:

$(BUILD)/saring: $(CMD_OBJS) $(LIB_OBJS)
	$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(BUILD)/tables_data.c: src/embed.sh $(foreach t,$(TABLES),$(lastword $(subst =, ,$(t)))) | $(BUILD)
	sh src/embed.sh $(TABLES) > $@.tmp && mv $@.tmp $@

$(BUILD)/tables_data.o: $(BUILD)/tables_data.c
	$(CC) $(CFLAGS) -c -o $@ $<

$(BUILD)/%.o: src/%.c | $(BUILD)
	$(CC) $(CFLAGS) -c -o $@ $<

# lazylib.c itself, under sonames that do not exist
$(BUILD)/test_lazylib: tests/unit/test_lazylib.c src/lazylib.c $(BUILD)/util.o | $(BUILD)
	$(CC) $(CFLAGS) -Isrc $(LDFLAGS) -o $@ $< $(BUILD)/util.o -ldl -pthread

$(BUILD)/test_%: tests/unit/test_%.c $(LIB_OBJS) | $(BUILD)
	$(CC) $(CFLAGS) -Isrc $(LDFLAGS) -o $@ $< $(LIB_OBJS) $(LDLIBS) $(TEST_LDLIBS)

$(BUILD):
	mkdir -p $@

# Message catalogs (gettext); `make po` refreshes them from the sources.
build/locale/%/LC_MESSAGES/saring.mo: data/po/%.po
	mkdir -p $(dir $@)
	msgfmt --check -o $@ $<

po:
	xgettext --from-code=UTF-8 -k_ -kN_ -kngettext:1,2 --add-comments=TRANSLATORS \
		--package-name=saring --package-version=$(VERSION) -o data/po/saring.pot src/*.c
	for po in $(PO_FILES); do msgmerge -q --update --backup=none $$po data/po/saring.pot; done

# The bundled starter corpus, read-only until the user imports their own.
build/starter.db: $(BUILD)/saring $(wildcard data/corpus/*.jsonl)
	rm -f $@.tmp $@.tmp-wal $@.tmp-shm
	$(BUILD)/saring --db $@.tmp import data/corpus/*.jsonl >/dev/null
	sqlite3 $@.tmp 'PRAGMA journal_mode=DELETE' >/dev/null
	mv -f $@.tmp $@

check: deps test-deps saring build/starter.db $(MO_FILES) $(UNIT_BINS)
	@sh tests/run-all.sh "$(BUILD)" "$(SHARED)" "$(VALGRIND)"

demo: deps saring build/starter.db $(MO_FILES)
	@sh tests/demo.sh

eval: saring
	@sh tests/eval.sh "$(SHARED)"

bench: saring
	@sh tests/bench/run.sh "$(SHARED)" full && cp build/bench/REPORT.md tests/bench/README.md
	@sh tests/bench/import-stream.sh "$(SHARED)"
	@sh tests/bench/previous.sh "$(SHARED)"
	@sh tests/bench/invariance.sh "$(SHARED)" && cp build/bench/INVARIANCE.md tests/bench/INVARIANCE.md
	@sh tests/bench/update.sh && cp build/bench/UPDATE.md tests/bench/UPDATE.md
	@$(MAKE) --no-print-directory bench-images

# saring update's figures alone (a minute): tests/bench/UPDATE.md
bench-update: saring
	@sh tests/bench/update.sh && cp build/bench/UPDATE.md tests/bench/UPDATE.md

# does a score mean the same at 8k and 300k documents: tests/bench/INVARIANCE.md
bench-invariance: saring
	@sh tests/bench/invariance.sh "$(SHARED)" && cp build/bench/INVARIANCE.md tests/bench/INVARIANCE.md

# reading images: one image on one core, a chat with 200 images, text check start-up
bench-images: saring build/starter.db
	@python3 tests/bench/images.py

fuzz: saring
	@sh tests/fuzz/run.sh $(FUZZ_SECONDS)

bench-quick: saring
	@sh tests/bench/run.sh "$(SHARED)" quick

install: saring build/starter.db
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(DATADIR)/corpus $(DESTDIR)$(MANDIR)/man1 \
		$(DESTDIR)$(MANDIR)/man5 $(DESTDIR)$(COMPDIR)
	install -m 755 saring $(DESTDIR)$(BINDIR)/saring
	install -m 644 build/starter.db $(DESTDIR)$(DATADIR)/starter.db
	install -m 644 data/corpus/*.jsonl $(DESTDIR)$(DATADIR)/corpus/
	install -m 644 man/*.1 $(DESTDIR)$(MANDIR)/man1/
	install -m 644 man/*.5 $(DESTDIR)$(MANDIR)/man5/
	install -m 644 data/completion.bash $(DESTDIR)$(COMPDIR)/saring
	for mo in $(MO_FILES); do \
		lang=$$(echo $$mo | cut -d/ -f3); \
		install -d $(DESTDIR)$(LOCALEDIR)/$$lang/LC_MESSAGES; \
		install -m 644 $$mo $(DESTDIR)$(LOCALEDIR)/$$lang/LC_MESSAGES/saring.mo; \
	done

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/saring $(DESTDIR)$(MANDIR)/man1/saring*.1 $(DESTDIR)$(MANDIR)/man5/saring*.5
	rm -f $(DESTDIR)$(COMPDIR)/saring $(DESTDIR)$(LOCALEDIR)/*/LC_MESSAGES/saring.mo
	rm -rf $(DESTDIR)$(DATADIR)

clean:
	rm -rf build saring

-include $(wildcard $(BUILD)/*.d)
