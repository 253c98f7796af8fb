# forms tests add to TESTS and check_PROGRAMS here.
check_PROGRAMS += tests/check_forms
TESTS += tests/check_forms
tests_check_forms_SOURCES = tests/check_forms.c tests/testlib.c tests/testlib.h
tests_check_forms_CFLAGS = $(AM_CFLAGS) @CHECK_CFLAGS@ $(SQLITE_CFLAGS)
tests_check_forms_LDADD = $(CHECK_TEST_LIBS) $(LIBS)
# No screen or command names a form: they read its spec.
TESTS += tests/forms_not_in_tui.sh
EXTRA_DIST += tests/forms_not_in_tui.sh
