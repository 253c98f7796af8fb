# cli tests add to TESTS and check_PROGRAMS here.
CLI_TESTS = tests/cli_usage.sh tests/cli_init.sh tests/cli_org.sh tests/cli_status_check.sh \
	tests/cli_ui_start.sh tests/cli_records.sh
TESTS += $(CLI_TESTS)
EXTRA_DIST += $(CLI_TESTS) tests/cli_lib.sh
