# Many users on one database (issue 6): concurrency and kill -9 through the
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
