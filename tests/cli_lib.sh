# cli_lib.sh — shared by the command-line tests (tests/cli_*.sh); sourced.
#
# Each test gets a private directory, removed on exit.  `run` runs yigong
# and keeps its status, stdout and stderr in $rc, $out/$err (files).
# Assertions print what they saw and count failures; `finish` exits 1 if
# any failed, so one run shows every broken promise, not just the first.

set -u
: "${YIGONG:?YIGONG must name the yigong binary}"
command -v sqlite3 >/dev/null || { echo "SKIP: sqlite3 CLI not installed"; exit 77; }
. "${top_srcdir:-.}/tests/now_lib.sh"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/yigong-cli.XXXXXX") || exit 99
cleanup() {
	chmod -R u+w "$tmp" 2>/dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT
out=$tmp/stdout
err=$tmp/stderr
fails=0
me=$(id -un)
unset YIGONG_DB YIGONG_LANG

run() {
	"$YIGONG" "$@" >"$out" 2>"$err"
	rc=$?
}

fail() {
	echo "FAIL: $*"
	echo "  stdout: $(head -c 600 "$out" 2>/dev/null)"
	echo "  stderr: $(head -c 600 "$err" 2>/dev/null)"
	fails=$((fails + 1))
}

ok() {
	echo "ok: $*"
}

# expect_rc N WHAT
expect_rc() {
	if [ "$rc" -eq "$1" ]; then ok "$2 (exit $1)"; else fail "$2: exit $rc, expected $1"; fi
}

# expect_err TEXT WHAT: stderr holds TEXT, and every line starts "yigong: "
# or is the usage/help hint that follows a usage error.
expect_err() {
	if ! grep -qF -- "$1" "$err"; then
		fail "$2: stderr lacks '$1'"
	elif ! head -n 1 "$err" | grep -q '^yigong: '; then
		fail "$2: stderr does not start with 'yigong: '"
	else
		ok "$2: says '$1'"
	fi
}

expect_out() {
	if grep -qF -- "$1" "$out"; then ok "$2: prints '$1'"; else fail "$2: stdout lacks '$1'"; fi
}

# The whole content of a database, to show a refused command left it alone.
fingerprint() {
	sqlite3 "$1" .dump | sha256sum | cut -d' ' -f1
}

expect_same() {
	if [ "$(fingerprint "$1")" = "$2" ]; then ok "$3: database unchanged"
	else fail "$3: database changed"; fi
}

finish() {
	if [ "$fails" -ne 0 ]; then
		echo "$fails check(s) failed"
		exit 1
	fi
	exit 0
}

# A fresh database at $1 with the running login as admin.
new_db() {
	"$YIGONG" init --db "$1" >/dev/null 2>"$err" || { echo "init failed: $(cat "$err")"; exit 99; }
}

# hold_open DB SQL: another program, sqlite3, keeps DB open after running SQL
# (e.g. "BEGIN IMMEDIATE;" to hold the write lock); its pid is $holder.
# release_hold sends "COMMIT;" and waits for it to quit.  Needs poll_lib.sh.
hold_open() {
	rm -f "$tmp/hold" "$tmp/hold.out"
	mkfifo "$tmp/hold" || exit 99
	sqlite3 "$1" <"$tmp/hold" >"$tmp/hold.out" 2>&1 &
	holder=$!
	exec 3>"$tmp/hold"
	echo "$2 SELECT 'held';" >&3
	poll_until grep -q held "$tmp/hold.out" || fail "sqlite3 did not take $1: $(cat "$tmp/hold.out")"
}

release_hold() {
	echo "COMMIT;" >&3
	exec 3>&-
	wait "$holder"
}
