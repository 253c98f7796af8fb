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
HOSTILE_TESTS = tests/cli_hostile.sh
TESTS += $(HOSTILE_TESTS)
EXTRA_DIST += $(HOSTILE_TESTS)
