# cli tests add to TESTS and check_PROGRAMS here.
CLI_TESTS = tests/cli_usage.sh tests/cli_init.sh tests/cli_org.sh tests/cli_status_check.sh \
	tests/cli_bulletin.sh \
	tests/cli_ui_start.sh
TESTS += $(CLI_TESTS)
EXTRA_DIST += $(CLI_TESTS) tests/cli_lib.sh
# The listing commands' output conventions (issue 15): --header, --quiet, plurals.
TESTS += tests/cli_output.sh
EXTRA_DIST += tests/cli_output.sh
