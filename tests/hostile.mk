# Issue 10: access and hostile input.
check_PROGRAMS += tests/check_access
TESTS += tests/check_access
tests_check_access_SOURCES = tests/check_access.c tests/testlib.c tests/testlib.h
tests_check_access_CFLAGS = $(AM_CFLAGS) @CHECK_CFLAGS@ $(SQLITE_CFLAGS)
tests_check_access_LDADD = core/libyigong.a @CHECK_LIBS@ $(SQLITE_LIBS) $(LIBS)
