#!/bin/sh
# The listing commands' output conventions (status, check, org list, user
# list): stdout as scripts read it today, --header puts the columns' names
# (those --help lists) first, the summary line goes to stderr and --quiet
# drops it, and English counts take the right number ("1 month").
. "${top_srcdir:-.}/tests/cli_lib.sh"

db=$tmp/demo.db
"$YIGONG" init --demo --db "$db" >/dev/null 2>"$err" || { echo "init: $(cat "$err")"; exit 99; }
last=$(month_from -1)

# listing NAME ARGS...: the conventions for one command.
listing() {
	name=$1
	shift
	run --lang en --db "$db" "$@"
	expect_rc 0 "$name"
	cp "$out" "$tmp/plain"
	[ -s "$tmp/plain" ] && ok "$name: lines on stdout" || fail "$name: no lines"
	[ "$(wc -l <"$err")" -eq 1 ] && grep -q '^yigong: ' "$err" &&
		ok "$name: one summary line, on stderr: $(cat "$err")" || fail "$name: summary on stderr"
	grep -q '	' "$err" && fail "$name: the summary has tabs"

	run --lang en --db "$db" "$@" --quiet
	expect_rc 0 "$name --quiet"
	[ ! -s "$err" ] && ok "$name --quiet: nothing on stderr" || fail "$name --quiet: stderr"
	cmp -s "$out" "$tmp/plain" && ok "$name --quiet: the same lines" || fail "$name --quiet: lines differ"

	run --lang en --db "$db" "$@" --header --quiet
	expect_rc 0 "$name --header"
	tail -n +2 "$out" >"$tmp/rest"
	cmp -s "$tmp/rest" "$tmp/plain" && ok "$name --header: then the same lines" ||
		fail "$name --header: lines differ"
	head -n 1 "$out" >"$tmp/header"
	grep -q '^[a-z_]*\(	[a-z_]*\)*$' "$tmp/header" && ok "$name --header: $(cat "$tmp/header")" ||
		fail "$name --header: not a line of column names"
	fields=$(awk -F'\t' '{ print NF; exit }' "$tmp/header")
	awk -F'\t' -v n="$fields" 'NF != n { bad = 1 } END { exit bad }' "$out" &&
		ok "$name: every line has the header's $fields columns" || fail "$name: column count"

	# --help lists the same columns.
	"$YIGONG" --lang en "$@" --help >"$tmp/help" 2>&1
	want=$(tr '\t' ' ' <"$tmp/header")
	grep -qx "Output columns (tab-separated): $want" "$tmp/help" &&
		ok "$name --help lists its columns" || fail "$name --help: $(grep -i column "$tmp/help")"
	grep -q -- '--header' "$tmp/help" && grep -q -- '--quiet' "$tmp/help" &&
		ok "$name --help names --header and --quiet" || fail "$name --help options"
}

listing status status --period "$last"
listing check check --period "$last"
listing "org list" org list
listing "user list" user list

# Counts in English take their number; Chinese has none to take.
run --lang en --db "$db" check --period "$last"
grep -q '^yigong: checked 1 month: [0-9]* returns, 2 communities, ' "$err" &&
	ok "check: 1 month, n returns" || fail "check plural: $(cat "$err")"
run --lang en --db "$db" org list
grep -qx 'yigong: [0-9]* units' "$err" && ok "org list: n units" || fail "org list: $(cat "$err")"
run --db "$db" org list
grep -qx 'yigong: [0-9]* 个单位' "$err" && ok "org list in Chinese" || fail "org list zh: $(cat "$err")"
new_db "$tmp/one.db"
run --lang en --db "$tmp/one.db" org list
grep -qx 'yigong: 1 unit' "$err" && ok "org list: 1 unit" || fail "org list one: $(cat "$err")"
run --lang en --db "$tmp/one.db" user list
grep -qx 'yigong: 1 user' "$err" && ok "user list: 1 user" || fail "user list one: $(cat "$err")"
run --lang en --db "$db" export --period "$last" --format wide --form staffing \
	--include-unapproved -o "$tmp/one.csv"
grep -q '([0-9]* institutions, 1 month; ' "$err" && ok "export: 1 month" ||
	fail "export plural: $(cat "$err")"

# An unknown option is still a usage error.
run --db "$db" org list --headers
expect_rc 2 "org list --headers"

finish
