# Unit tests (Check) and end-to-end tests (shell + tmux), one fragment each.
TEST_EXTENSIONS = .sh
SH_LOG_COMPILER = $(SHELL)
AM_TESTS_ENVIRONMENT = top_srcdir='$(top_srcdir)' top_builddir='$(top_builddir)' \
	YIGONG='$(abs_top_builddir)/yigong' LC_ALL=C.UTF-8; export top_srcdir top_builddir YIGONG LC_ALL;
CHECK_TEST_LIBS = forms/libforms.a core/libyigong.a @CHECK_LIBS@ $(SQLITE_LIBS)
include tests/core.mk
include tests/forms.mk
include tests/cli.mk
include tests/tui.mk
include tests/csv.mk
EXTRA_DIST += tests/lsan.supp
include tests/review.mk
include tests/multi.mk
include tests/hostile.mk
