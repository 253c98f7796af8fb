# Unit tests (Check) and end-to-end tests (shell + tmux), one fragment each.
TEST_EXTENSIONS = .sh
SH_LOG_COMPILER = $(SHELL)
# Every test lives on one stated moment (tests/now_lib.sh); check-dates tries others.
TESTS_NOW = 2026-12-10T09:00:00+08:00
AM_TESTS_ENVIRONMENT = top_srcdir='$(top_srcdir)' top_builddir='$(top_builddir)' \
	YIGONG='$(abs_top_builddir)/yigong' LC_ALL=C.UTF-8 \
	YIGONG_NOW="$${YIGONG_NOW:-$(TESTS_NOW)}"; \
	export top_srcdir top_builddir YIGONG LC_ALL YIGONG_NOW;
CHECK_TEST_LIBS = forms/libforms.a core/libyigong.a @CHECK_LIBS@ $(SQLITE_LIBS)
include tests/core.mk
include tests/forms.mk
include tests/cli.mk
include tests/tui.mk
include tests/csv.mk
EXTRA_DIST += tests/lsan.supp
include tests/review.mk
include tests/multi.mk

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
