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
# The admin's targets screen and a community's supporting hospital (issue 12).
TESTS += tests/tui_targets.sh
EXTRA_DIST += tests/tui_targets.sh
