#!/bin/sh
# The program's surface: help, version, global options anywhere, usage
# errors (exit 2), a missing database (exit 1, never created).
. "${top_srcdir:-.}/tests/cli_lib.sh"

run --version
expect_rc 0 "--version"
if head -n 1 "$out" | grep -Eq '^yigong [0-9]+\.[0-9]+\.[0-9]+$'; then ok "--version first line"
else fail "--version first line is not 'yigong X.Y.Z'"; fi
grep -q 'Copyright' "$out" && ok "--version copyright" || fail "--version has no copyright line"

run --help
expect_rc 0 "--help"
for c in init "user add" "org list" "org import" status check; do
	grep -q "^  $c " "$out" && ok "--help lists $c" || fail "--help does not list '$c'"
done
expect_out "命令" "help is Chinese by default"
expect_out "--db PATH" "help names --db"
run --lang en --help
expect_out "Commands:" "--lang en"
YIGONG_LANG=en "$YIGONG" --help >"$out" 2>"$err"; rc=$?
expect_out "Commands:" "YIGONG_LANG=en"
run init --help
expect_rc 0 "init --help"
expect_out "--county-code" "init --help explains its options"
run --lang en check --help
expect_out "YYYY-MM..YYYY-MM" "check --help"

# Usage errors: exit 2, a message on stderr, nothing on stdout.
run --lang fr --help
expect_rc 2 "--lang fr"
expect_err "fr" "--lang fr"
YIGONG_LANG=xx "$YIGONG" --version >"$out" 2>"$err"; rc=$?
expect_rc 2 "YIGONG_LANG=xx"
run --lang en frobnicate
expect_rc 2 "unknown command"
expect_err "unknown command 'frobnicate'" "unknown command"
run --lang en user
expect_rc 2 "'user' alone"
expect_err "add, list" "'user' alone"
run --lang en org bogus
expect_rc 2 "'org bogus'"
run --lang en --db
expect_rc 2 "--db without a path"
expect_err "--db" "--db without a path"
run --lang en --db= org list
expect_rc 2 "--db= empty"

db=$tmp/a.db
new_db "$db"
sum=$(fingerprint "$db")
for args in "status --period 2026-13" "status --period 2026/10" "status --period 202610x" \
	"status --period" "check --period 2026-00" "check --period 2026-10..2026-09" \
	"org list --bogus" "org list extra" "status --frob" "user add" "org import"; do
	# shellcheck disable=SC2086
	run --lang en --db "$db" $args
	expect_rc 2 "$args"
	[ -s "$out" ] && fail "$args printed on stdout"
	grep -q '^yigong: ' "$err" || fail "$args: no 'yigong: ' message"
done
run --lang en --db "$db" status --period 2026-13
expect_err "2026-13" "malformed period named"
expect_same "$db" "$sum" "usage errors"

# Global options before or after the subcommand, --db=PATH, $YIGONG_DB.
run org list --db "$db"
expect_rc 0 "--db after the subcommand"
expect_out "000000000000" "org list"
run --db="$db" org list
expect_rc 0 "--db=PATH"
YIGONG_DB=$db "$YIGONG" org list >"$out" 2>"$err"; rc=$?
expect_rc 0 "\$YIGONG_DB"
expect_out "000000000000" "\$YIGONG_DB"
YIGONG_DB=$tmp/none.db "$YIGONG" --db "$db" org list >"$out" 2>"$err"; rc=$?
expect_rc 0 "--db wins over \$YIGONG_DB"

# A database that is not there is never created, except by init.
for args in "org list" "status" "check" "user add x --role clerk --org 1" ""; do
	# shellcheck disable=SC2086
	run --lang en --db "$tmp/missing.db" $args </dev/null
	expect_rc 1 "missing database: '$args'"
	expect_err "does not exist" "missing database: '$args'"
	expect_err "yigong init" "missing database: '$args' tells how to create one"
	[ -e "$tmp/missing.db" ] && { fail "'$args' created the database"; rm -f "$tmp/missing.db"; }
done

# No subcommand and no terminal: the screens refuse rather than draw junk.
run --lang en --db "$db" </dev/null
expect_rc 1 "screens without a terminal"
expect_err "terminal" "screens without a terminal"

finish
