# Unit tests (Check) and end-to-end tests (shell + tmux), by area: the core,
# the forms, the command line, the screens, CSV and the benchmarks, review,
# many users, hostile input.
TEST_EXTENSIONS = .sh
SH_LOG_COMPILER = $(SHELL)
# Every test lives on one stated moment (tests/now_lib.sh); check-dates tries others.
TESTS_NOW = 2026-12-10T09:00:00+08:00
AM_TESTS_ENVIRONMENT = top_srcdir='$(top_srcdir)' top_builddir='$(top_builddir)' \
	YIGONG='$(abs_top_builddir)/yigong' LC_ALL=C.UTF-8 \
	YIGONG_NOW="$${YIGONG_NOW:-$(TESTS_NOW)}"; \
	export top_srcdir top_builddir YIGONG LC_ALL YIGONG_NOW;
CHECK_TEST_LIBS = forms/libforms.a core/libyigong.a @CHECK_LIBS@ $(SQLITE_LIBS)
check_PROGRAMS += tests/check_core
TESTS += tests/check_core
tests_check_core_SOURCES = tests/check_core.c tests/testlib.c tests/testlib.h
tests_check_core_CFLAGS = $(AM_CFLAGS) @CHECK_CFLAGS@ $(SQLITE_CFLAGS)
tests_check_core_LDADD = core/libyigong.a @CHECK_LIBS@ $(SQLITE_LIBS) $(LIBS)
# The core files call only downward (core/internal.h).
TESTS += tests/core_layers.sh
EXTRA_DIST += tests/core_layers.sh
check_PROGRAMS += tests/check_forms
TESTS += tests/check_forms
tests_check_forms_SOURCES = tests/check_forms.c tests/testlib.c tests/testlib.h
tests_check_forms_CFLAGS = $(AM_CFLAGS) @CHECK_CFLAGS@ $(SQLITE_CFLAGS)
tests_check_forms_LDADD = $(CHECK_TEST_LIBS) $(LIBS)
# No screen or command names a form: they read its spec.
TESTS += tests/forms_not_in_tui.sh
EXTRA_DIST += tests/forms_not_in_tui.sh
CLI_TESTS = tests/cli_usage.sh tests/cli_init.sh tests/cli_org.sh tests/cli_status_check.sh \
	tests/cli_dashboard.sh \
	tests/cli_findings.sh \
	tests/cli_bulletin.sh \
	tests/cli_ui_start.sh tests/cli_records.sh tests/cli_upgrade.sh tests/cli_restore.sh \
	tests/cli_levels.sh
TESTS += $(CLI_TESTS)
EXTRA_DIST += $(CLI_TESTS) tests/cli_lib.sh tests/fixtures/make-v0.1-demo.sh \
	tests/fixtures/v0.1-demo.sql tests/fixtures/v0.1-demo.status-2026-09.txt \
	tests/fixtures/v0.1-demo.status-2026-10.txt tests/fixtures/v0.1-demo.check.txt \
	tests/fixtures/v0.2-changes.status-2026-09.diff tests/fixtures/v0.2-changes.status-2026-10.diff \
	tests/fixtures/v0.2-changes.check.diff
# The listing commands' output conventions: --header, --quiet, plurals.
TESTS += tests/cli_output.sh
EXTRA_DIST += tests/cli_output.sh
# Terminal screens: the line editor (Check, no terminal) and end-to-end
# scripts driving the real program in a private tmux server.
check_PROGRAMS += tests/check_lineedit
TESTS += tests/check_lineedit
tests_check_lineedit_SOURCES = tests/check_lineedit.c tui/ui-lineedit.c tui/ui-lineedit.h \
	tui/ui-keys.c
tests_check_lineedit_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/tui
tests_check_lineedit_CFLAGS = $(AM_CFLAGS) @CHECK_CFLAGS@ $(NCURSES_CFLAGS)
tests_check_lineedit_LDADD = @CHECK_LIBS@ $(NCURSES_LIBS)
# End-to-end: tmux drives the program on a demo database (tests/tui_lib.sh).
TUI_TESTS = tests/tui_fill.sh tests/tui_submit.sh tests/tui_badinput.sh \
	tests/tui_roster.sh tests/tui_resize_hup.sh tests/tui_conflict.sh tests/tui_english.sh \
	tests/tui_bulletin.sh \
	tests/tui_entry.sh tests/tui_activity.sh tests/tui_units.sh tests/tui_outlier.sh \
	tests/tui_carry.sh tests/tui_thread.sh tests/tui_reach.sh tests/tui_dates.sh \
	tests/tui_export_dest.sh tests/tui_levels.sh
# Every screen's key bar names every key its help lists (one key table).
TUI_TESTS += tests/tui_keys.sh
TESTS += $(TUI_TESTS)
EXTRA_DIST += tests/tui_lib.sh tests/poll_lib.sh $(TUI_TESTS)
# CSV export and import: unit tests, end-to-end tests, the benchmarks (make
# bench, bench-tui, bench-bulletin; make check runs them only at a tiny size)
# and the fuzz harness (make fuzz, out of make check).
check_PROGRAMS += tests/check_csv
TESTS += tests/check_csv
tests_check_csv_SOURCES = tests/check_csv.c tests/testlib.c tests/testlib.h
tests_check_csv_CFLAGS = $(AM_CFLAGS) @CHECK_CFLAGS@ $(SQLITE_CFLAGS)
tests_check_csv_LDADD = $(CHECK_TEST_LIBS)

CSV_TESTS = tests/csv_roundtrip.sh tests/csv_malformed.sh tests/bench_small.sh
TESTS += $(CSV_TESTS)
EXTRA_DIST += $(CSV_TESTS) tests/csv_lib.sh

# bench/gen builds a province-size database; bench/run.sh times export and
# import against sqlite3 on it.
EXTRA_PROGRAMS =
# Built by make check: tests/bench_small.sh runs every benchmark at a tiny size.
check_PROGRAMS += bench/gen
bench_gen_SOURCES = bench/gen.c
bench_gen_CFLAGS = $(AM_CFLAGS) $(SQLITE_CFLAGS)
bench_gen_LDADD = forms/libforms.a core/libyigong.a $(SQLITE_LIBS)
EXTRA_DIST += bench/run.sh bench/README.md bench/bulletin.sh
CLEANFILES += bench/gen$(EXEEXT)
BENCH_ARGS ?=

bench: bench/gen$(EXEEXT) yigong$(EXEEXT)
	YIGONG='$(abs_top_builddir)/yigong' GEN='$(abs_top_builddir)/bench/gen' \
		$(SHELL) $(top_srcdir)/bench/run.sh $(BENCH_ARGS)

# bench/tui drives the real screens through a pseudo-terminal (bench/tui.sh).
check_PROGRAMS += bench/tui
bench_tui_SOURCES = bench/tui.c
bench_tui_LDADD = -lutil
CLEANFILES += bench/tui$(EXEEXT)
EXTRA_DIST += bench/tui.sh

bench-tui: bench/gen$(EXEEXT) bench/tui$(EXEEXT) yigong$(EXEEXT)
	YIGONG='$(abs_top_builddir)/yigong' GEN='$(abs_top_builddir)/bench/gen' \
		TUI='$(abs_top_builddir)/bench/tui' $(SHELL) $(top_srcdir)/bench/tui.sh $(BENCH_ARGS)

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

# The xlsx export: read back with openpyxl, compared with the wide CSV.
TESTS += tests/xlsx_export.sh
EXTRA_DIST += tests/xlsx_export.sh tests/xlsx_compare.py
EXTRA_DIST += tests/lsan.supp
# Review screens and the targets dashboard: the figures (Check, no terminal)
# and end-to-end scripts driving the program in a private tmux server.
check_PROGRAMS += tests/check_dashboard
TESTS += tests/check_dashboard
tests_check_dashboard_SOURCES = tests/check_dashboard.c tests/testlib.c tests/testlib.h
tests_check_dashboard_CFLAGS = $(AM_CFLAGS) @CHECK_CFLAGS@ $(SQLITE_CFLAGS)
tests_check_dashboard_LDADD = $(CHECK_TEST_LIBS) $(LIBS)
TESTS += tests/tui_review.sh
EXTRA_DIST += tests/tui_review.sh
TESTS += tests/tui_review_admin.sh
EXTRA_DIST += tests/tui_review_admin.sh
check_PROGRAMS += tests/check_outcomes
TESTS += tests/check_outcomes
tests_check_outcomes_SOURCES = tests/check_outcomes.c tests/testlib.c tests/testlib.h
tests_check_outcomes_CFLAGS = $(AM_CFLAGS) @CHECK_CFLAGS@ $(SQLITE_CFLAGS)
tests_check_outcomes_LDADD = $(CHECK_TEST_LIBS) $(LIBS)
TESTS += tests/tui_outcomes.sh
EXTRA_DIST += tests/tui_outcomes.sh
# The admin's targets screen and a community's supporting hospital.
TESTS += tests/tui_targets.sh
EXTRA_DIST += tests/tui_targets.sh
# Many users on one database: concurrency and kill -9 through the
# core (tests/stress.c), and the deployment tests that need root, sshd and
# Unix users (they print SKIP and exit 77 elsewhere).
check_PROGRAMS += tests/stress
tests_stress_SOURCES = tests/stress.c
tests_stress_CFLAGS = $(AM_CFLAGS) $(SQLITE_CFLAGS)
tests_stress_LDADD = forms/libforms.a core/libyigong.a $(SQLITE_LIBS) $(LIBS)
TESTS += tests/stress_small.sh tests/crash_kill.sh tests/privilege_config.sh \
	tests/privilege_setgid.sh \
	tests/ssh_e2e.sh
EXTRA_DIST += tests/stress_small.sh tests/crash_kill.sh tests/privilege_config.sh \
	tests/privilege_setgid.sh \
	tests/ssh_e2e.sh

# The long run: more processes, more operations, several seeds.
stress: tests/stress$(EXEEXT)
	@for s in 1 2 3; do \
		tests/stress$(EXEEXT) -n 15 -m 300 -s $$s || exit 1; \
	done
	tests/stress$(EXEEXT) --crash 200 -s 7
.PHONY: stress
# Access and hostile input.
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

# libFuzzer harness of org import, beside the import's (above):
# ./configure --enable-fuzzing CC=clang && make fuzz-org
if ENABLE_FUZZING
EXTRA_PROGRAMS += tests/fuzz/org_import_fuzzer
tests_fuzz_org_import_fuzzer_SOURCES = tests/fuzz/org_import_fuzzer.c cli/cmd-org.c cli/cmd.c \
	core/csv_read.c core/text.c core/org.c core/org_import.c
tests_fuzz_org_import_fuzzer_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/cli
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

# The date-sensitive tests at the awkward moments (tests/run_dates.sh);
# check-year tries every day of a leap year.  Both run the plain build.
DATE_TESTS = tests/cli_status_check.sh tests/tui_submit.sh tests/tui_review.sh
check-dates: all
	@$(AM_TESTS_ENVIRONMENT) $(SHELL) $(top_srcdir)/tests/run_dates.sh $(DATE_TESTS)
check-year: all
	@$(AM_TESTS_ENVIRONMENT) $(SHELL) $(top_srcdir)/tests/run_dates.sh --year 2028 \
		tests/cli_status_check.sh
.PHONY: check-dates check-year
EXTRA_DIST += tests/run_dates.sh tests/now_lib.sh
