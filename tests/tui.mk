# Terminal screens: the line editor (Check, no terminal) and end-to-end
# scripts driving the real program in a private tmux server.
check_PROGRAMS += tests/check_lineedit
TESTS += tests/check_lineedit
tests_check_lineedit_SOURCES = tests/check_lineedit.c tui/ui-lineedit.c tui/ui-lineedit.h
tests_check_lineedit_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/tui
tests_check_lineedit_CFLAGS = $(AM_CFLAGS) @CHECK_CFLAGS@
tests_check_lineedit_LDADD = @CHECK_LIBS@
