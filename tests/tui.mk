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
