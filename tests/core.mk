check_PROGRAMS += tests/check_core
TESTS += tests/check_core
tests_check_core_SOURCES = tests/check_core.c tests/testlib.c tests/testlib.h
tests_check_core_CFLAGS = $(AM_CFLAGS) @CHECK_CFLAGS@ $(SQLITE_CFLAGS)
tests_check_core_LDADD = core/libyigong.a @CHECK_LIBS@ $(SQLITE_LIBS) $(LIBS)
# The core files call only downward (core/internal.h).
TESTS += tests/core_layers.sh
EXTRA_DIST += tests/core_layers.sh
