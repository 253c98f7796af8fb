#!/bin/sh
# init --demo, status and check: the demo county has a year of returns in
# every state, and the two reports keep their tab-separated shape.
. "${top_srcdir:-.}/tests/cli_lib.sh"

db=$tmp/demo.db
run --lang en init --demo --db "$db"
expect_rc 0 "init --demo"
expect_out "青山县" "init --demo names the county"

# The demo fills the twelve months before now's.  Last month's returns fall
# due on the 5th of this one (the demo's due day): until that day ends a
# return not in is pending, from the next day it is missing.
last=$(month_from -1)
first=$(month_from -12)
after=$(month_from 0)
if [ "$now_dom" -gt 5 ]; then due_passed=$last; else due_passed=$(month_from -2); fi

run --db "$db" org list
[ "$(awk -F'\t' '$3 == "community"' "$out" | wc -l)" -ge 2 ] && ok "two medical communities" \
	|| fail "fewer than two communities"
[ "$(awk -F'\t' '$3 == "hospital" || $3 == "township" || $3 == "community_centre"' "$out" |
	wc -l)" -ge 12 ] && ok "at least twelve institutions" || fail "fewer than 12 institutions"
for t in primary secondary tertiary; do
	awk -F'\t' -v t=$t '$4 == t { f = 1 } END { exit !f }' "$out" && ok "a $t institution" \
		|| fail "no $t institution"
done
run --db "$db" user list
for r in admin reviewer clerk; do
	awk -F'\t' -v r=$r '$2 == r { f = 1 } END { exit !f }' "$out" && ok "a user with role $r" \
		|| fail "no $r"
done
grep -q "^$me	admin	" "$out" && ok "the login running init is admin" || fail "$me is not admin"

# status: nine columns a line, then one summary line.
run --lang en --db "$db" status --period "$last"
expect_rc 0 "status"
head -n -1 "$out" >"$tmp/lines"
tail -n 1 "$out" >"$tmp/summary"
[ -s "$tmp/lines" ] && ok "status has lines" || fail "status printed no lines"
awk -F'\t' -v p="$last" 'NF != 9 || $1 != p { bad = 1 } END { exit bad }' "$tmp/lines" \
	&& ok "status: nine columns, the period first" || fail "status: a line is malformed"
grep -q '	' "$tmp/summary" && fail "the summary line has tabs"
grep -q "completeness" "$tmp/summary" && grep -q "timeliness" "$tmp/summary" \
	&& ok "status summary" || fail "status summary: $(cat "$tmp/summary")"
for s in draft submitted returned approved empty; do
	cut -f5 "$tmp/lines" | grep -qx "$s" && ok "a return in state $s" || fail "no return is $s"
done
if [ "$due_passed" != "$last" ]; then
	cut -f7 "$tmp/lines" | grep -qx pending && ok "last month's unsent returns are pending ($now_day)" ||
		fail "no pending return in $last on $now_day"
	cut -f7 "$tmp/lines" | grep -Eqx 'missing|late' && fail "a return of $last is late on $now_day" ||
		ok "nothing in $last is late or missing before its due day ends"
fi
"$YIGONG" --lang en --db "$db" status --period "$due_passed" | head -n -1 >"$tmp/passed"
for s in on-time late missing; do
	cut -f7 "$tmp/passed" | grep -qx "$s" && ok "a return of $due_passed $s" || fail "no return is $s"
done
cut -f7 "$tmp/passed" | grep -qx pending && fail "a return of $due_passed is pending after its due day"
awk -F'\t' '$5 == "empty" && $6 != "" { bad = 1 } END { exit bad }' "$tmp/lines" \
	&& ok "an empty return has no submission time" || fail "an empty return has a time"
run --lang en --db "$db" status --period "$first"
expect_rc 0 "status of the first month"
tail -n 1 "$out" | grep -q "approved [1-9]" && ok "the oldest month is mostly approved" \
	|| fail "first month: $(tail -n 1 "$out")"
run --lang en --db "$db" status --period "$after"
tail -n 1 "$out" | grep -q "submitted 0, approved 0" && ok "no data for the current month" \
	|| fail "the current month has data: $(tail -n 1 "$out")"

# A clerk sees only their own institution.
run --db "$db" --as wangfang status --period "$last"
expect_rc 0 "status as a clerk"
[ "$(head -n -1 "$out" | cut -f2 | sort -u | wc -l)" -eq 1 ] && ok "a clerk sees one institution" \
	|| fail "a clerk sees other institutions"

# check: six columns a finding, the rule ids of §4, then a summary line.
sum=$(fingerprint "$db")
run --lang en --db "$db" check
expect_rc 0 "check"
head -n -1 "$out" >"$tmp/findings"
awk -F'\t' 'NF != 6 { bad = 1 } END { exit bad }' "$tmp/findings" \
	&& ok "check: six columns a line" || fail "check: a line without six columns"
awk -F'\t' '$5 != "error" && $5 != "warning" && $5 != "target" { bad = 1 } END { exit bad }' \
	"$tmp/findings" && ok "check: severities" || fail "check: an unknown severity"
for r in T1 T2 T3 T4 T5 T6 T7 T8 T9 T10 T11 T12 T13; do
	cut -f4 "$tmp/findings" | grep -qx "$r" && ok "check reports $r" || fail "check lacks $r"
done
cut -f5 "$tmp/findings" | grep -qx warning && ok "check reports a warning" || fail "no warning"
tail -n 1 "$out" | grep -q "^checked 13 months" && ok "check summary" \
	|| fail "check summary: $(tail -n 1 "$out")"
tail -n 1 "$out" | grep -Eq "missed [1-9]" && ok "some targets missed" || fail "no target missed"
expect_same "$db" "$sum" "check"

run --lang en --db "$db" check --period "$last"
expect_rc 0 "check of one month"
head -n -1 "$out" | cut -f1 | sort -u | grep -vx -- "$last" | grep -qv -- '^-$' \
	&& fail "check --period reported other months" || ok "check --period keeps to the month"
tail -n 1 "$out" | grep -q "^checked 1 months" && ok "one month checked" \
	|| fail "check --period summary: $(tail -n 1 "$out")"
run --lang en --db "$db" check --period "$first..$last"
tail -n 1 "$out" | grep -q "^checked 12 months" && ok "check --period A..B" \
	|| fail "check span summary: $(tail -n 1 "$out")"
run --lang en --db "$db" check --period 2026-13
expect_rc 2 "check with a malformed period"

# A broken reference is an integrity finding; check still exits 0.
cp "$db" "$tmp/broken.db"
sqlite3 "$tmp/broken.db" "PRAGMA foreign_keys = OFF; INSERT INTO submission(org_id, form, period,
	state, created_at, updated_at, updated_by) VALUES (99999, 'staffing', 202601, 'draft',
	'2026-01-01T00:00:00+00:00', '2026-01-01T00:00:00+00:00', 'test')"
run --lang en --db "$tmp/broken.db" check --period "$last"
expect_rc 0 "check of a database with a broken reference"
grep -q '^-	-	-	DB	error	' "$out" && ok "the integrity finding comes first, as rule DB" \
	|| fail "no integrity finding"

# The same county every time (timestamps aside, which follow the clock).
run init --demo --db "$tmp/again.db"
"$YIGONG" --db "$db" status --period "$last" | cut -f1-5,7- >"$tmp/one"
"$YIGONG" --db "$db" check >>"$tmp/one"
"$YIGONG" --db "$tmp/again.db" status --period "$last" | cut -f1-5,7- >"$tmp/two"
"$YIGONG" --db "$tmp/again.db" check >>"$tmp/two"
cmp -s "$tmp/one" "$tmp/two" && ok "init --demo is deterministic" || fail "two demo counties differ"

finish
