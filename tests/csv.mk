# CSV export and import (issue 5): unit tests, end-to-end tests, the
# benchmark (make bench) and the fuzz harness (make fuzz); the last two stay
# out of make check.
check_PROGRAMS += tests/check_csv
TESTS += tests/check_csv
tests_check_csv_SOURCES = tests/check_csv.c tests/testlib.c tests/testlib.h
tests_check_csv_CFLAGS = $(AM_CFLAGS) @CHECK_CFLAGS@ $(SQLITE_CFLAGS)
tests_check_csv_LDADD = $(CHECK_TEST_LIBS)

CSV_TESTS = tests/csv_roundtrip.sh tests/csv_malformed.sh
TESTS += $(CSV_TESTS)
EXTRA_DIST += $(CSV_TESTS) tests/csv_lib.sh

# bench/gen builds a province-size database; bench/run.sh times export and
# import against sqlite3 on it.
EXTRA_PROGRAMS = bench/gen
bench_gen_SOURCES = bench/gen.c
bench_gen_CFLAGS = $(AM_CFLAGS) $(SQLITE_CFLAGS)
bench_gen_LDADD = forms/libforms.a core/libyigong.a $(SQLITE_LIBS)
EXTRA_DIST += bench/run.sh bench/README.md bench/bulletin.sh
CLEANFILES += bench/gen$(EXEEXT)
BENCH_ARGS ?=

bench: bench/gen$(EXEEXT) yigong$(EXEEXT)
	YIGONG='$(abs_top_builddir)/yigong' GEN='$(abs_top_builddir)/bench/gen' \
		$(SHELL) $(top_srcdir)/bench/run.sh $(BENCH_ARGS)

bench-bulletin: bench/gen$(EXEEXT) yigong$(EXEEXT)
	YIGONG='$(abs_top_builddir)/yigong' GEN='$(abs_top_builddir)/bench/gen' \
		$(SHELL) $(top_srcdir)/bench/bulletin.sh $(BENCH_ARGS)

# libFuzzer harness of the import parser: ./configure --enable-fuzzing CC=clang
if ENABLE_FUZZING
EXTRA_PROGRAMS += tests/fuzz/import_fuzzer
tests_fuzz_import_fuzzer_SOURCES = tests/fuzz/import_fuzzer.c core/csv_import.c \
	core/csv_fields.c core/csv_out.c core/sha256.c
tests_fuzz_import_fuzzer_CFLAGS = $(AM_CFLAGS) $(SQLITE_CFLAGS) -fsanitize=fuzzer,address,undefined
tests_fuzz_import_fuzzer_LDFLAGS = -fsanitize=fuzzer,address,undefined
tests_fuzz_import_fuzzer_LDADD = forms/libforms.a core/libyigong.a $(SQLITE_LIBS)
CLEANFILES += tests/fuzz/import_fuzzer$(EXEEXT)
FUZZ_SECONDS ?= 60

fuzz: tests/fuzz/import_fuzzer$(EXEEXT)
	$(MKDIR_P) tests/fuzz/corpus
	cp -n $(top_srcdir)/tests/fuzz/seeds/* tests/fuzz/corpus/ 2>/dev/null || true
	tests/fuzz/import_fuzzer$(EXEEXT) -max_total_time=$(FUZZ_SECONDS) -max_len=65536 \
		tests/fuzz/corpus
else
fuzz:
	@echo "make fuzz needs: ./configure --enable-fuzzing CC=clang" >&2; exit 1
endif
EXTRA_DIST += tests/fuzz/import_fuzzer.c tests/fuzz/seeds
.PHONY: bench fuzz
