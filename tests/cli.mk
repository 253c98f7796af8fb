# cli tests add to TESTS and check_PROGRAMS here.
CLI_TESTS = tests/cli_usage.sh tests/cli_init.sh tests/cli_org.sh tests/cli_status_check.sh \
	tests/cli_dashboard.sh \
	tests/cli_findings.sh \
	tests/cli_bulletin.sh \
	tests/cli_ui_start.sh tests/cli_records.sh tests/cli_upgrade.sh tests/cli_restore.sh \
	tests/cli_levels.sh
TESTS += $(CLI_TESTS)
EXTRA_DIST += $(CLI_TESTS) tests/cli_lib.sh tests/fixtures/make-v0.1-demo.sh \
	tests/fixtures/v0.1-demo.sql tests/fixtures/v0.1-demo.status-2026-09.txt \
	tests/fixtures/v0.1-demo.status-2026-10.txt tests/fixtures/v0.1-demo.check.txt \
	tests/fixtures/v0.2-changes.status-2026-09.diff tests/fixtures/v0.2-changes.status-2026-10.diff \
	tests/fixtures/v0.2-changes.check.diff
# The listing commands' output conventions (issue 15): --header, --quiet, plurals.
TESTS += tests/cli_output.sh
EXTRA_DIST += tests/cli_output.sh
