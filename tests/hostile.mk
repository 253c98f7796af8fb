# Issue 10: access and hostile input.
check_PROGRAMS += tests/check_access
TESTS += tests/check_access
tests_check_access_SOURCES = tests/check_access.c tests/testlib.c tests/testlib.h
tests_check_access_CFLAGS = $(AM_CFLAGS) @CHECK_CFLAGS@ $(SQLITE_CFLAGS)
tests_check_access_LDADD = core/libyigong.a @CHECK_LIBS@ $(SQLITE_LIBS) $(LIBS)
check_PROGRAMS += tests/check_text
TESTS += tests/check_text
tests_check_text_SOURCES = tests/check_text.c tests/testlib.c tests/testlib.h
tests_check_text_CFLAGS = $(AM_CFLAGS) @CHECK_CFLAGS@ $(SQLITE_CFLAGS)
tests_check_text_LDADD = core/libyigong.a @CHECK_LIBS@ $(SQLITE_LIBS) $(LIBS)
HOSTILE_TESTS = tests/cli_hostile.sh tests/cli_org_big.sh
TESTS += $(HOSTILE_TESTS)
EXTRA_DIST += $(HOSTILE_TESTS)
check_PROGRAMS += tests/check_tree
TESTS += tests/check_tree
tests_check_tree_SOURCES = tests/check_tree.c tests/testlib.c tests/testlib.h
tests_check_tree_CFLAGS = $(AM_CFLAGS) @CHECK_CFLAGS@ $(SQLITE_CFLAGS)
tests_check_tree_LDADD = core/libyigong.a @CHECK_LIBS@ $(SQLITE_LIBS) $(LIBS)

# libFuzzer harness of org import, beside the import's (tests/csv.mk):
# ./configure --enable-fuzzing CC=clang && make fuzz-org
if ENABLE_FUZZING
EXTRA_PROGRAMS += tests/fuzz/org_import_fuzzer
tests_fuzz_org_import_fuzzer_SOURCES = tests/fuzz/org_import_fuzzer.c tui/cmd-org.c tui/cmd.c \
	core/csv_read.c core/text.c core/org.c
tests_fuzz_org_import_fuzzer_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/tui
tests_fuzz_org_import_fuzzer_CFLAGS = $(AM_CFLAGS) $(SQLITE_CFLAGS) \
	-fsanitize=fuzzer,address,undefined
tests_fuzz_org_import_fuzzer_LDFLAGS = -fsanitize=fuzzer,address,undefined
tests_fuzz_org_import_fuzzer_LDADD = core/libyigong.a $(SQLITE_LIBS)
CLEANFILES += tests/fuzz/org_import_fuzzer$(EXEEXT)

fuzz-org: tests/fuzz/org_import_fuzzer$(EXEEXT)
	$(MKDIR_P) tests/fuzz/org-corpus
	cp -n $(top_srcdir)/tests/fuzz/org-seeds/* tests/fuzz/org-corpus/ 2>/dev/null || true
	tests/fuzz/org_import_fuzzer$(EXEEXT) -max_total_time=$(FUZZ_SECONDS) -max_len=65536 \
		-close_fd_mask=2 tests/fuzz/org-corpus
else
fuzz-org:
	@echo "make fuzz-org needs: ./configure --enable-fuzzing CC=clang" >&2; exit 1
endif
EXTRA_DIST += tests/fuzz/org_import_fuzzer.c tests/fuzz/org-seeds
.PHONY: fuzz-org
