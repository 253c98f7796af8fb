#!/bin/sh
# Stored findings (what the grid, the dashboard and the bulletin read) are
# what the rules find: stored with every change, refilled after a broad one,
# and `check` reports any difference as an integrity finding (rule DB).
. "$top_srcdir/tests/cli_lib.sh"

db=$tmp/f.db
run init --db "$db" --demo
expect_rc 0 "init --demo"
span=2026-01..2026-11

n=$(sqlite3 "$db" "SELECT count(*) FROM submission")
judged=$(sqlite3 "$db" "SELECT count(*) FROM finding_count")
[ "$n" -gt 0 ] && [ "$n" = "$judged" ] && ok "every return's findings stored ($n)" ||
	fail "$judged of $n returns have stored findings"

run --db "$db" check --period "$span"
expect_rc 0 "check"
grep -q '	DB	' "$out" && fail "a clean database has DB findings"
ok "no stored finding differs"

# A target's stored figure tampered with: check names that return.
target=$(sqlite3 -separator ' ' "$db" "SELECT f.submission_id, f.seq, o.code, s.form, s.period
	FROM finding f JOIN submission s ON s.id = f.submission_id JOIN org_unit o ON o.id = s.org_id
	WHERE f.severity = 'target' AND s.period BETWEEN 202601 AND 202611 ORDER BY 1, 2 LIMIT 1")
set -- $target
cp "$db" "$tmp/t.db"
sqlite3 "$tmp/t.db" "UPDATE finding SET num = num + 1 WHERE submission_id = $1 AND seq = $2"
run --db "$tmp/t.db" check --period "$span"
expect_rc 0 "check of a tampered table"
p=$(echo "$5" | sed 's/^\(....\)/\1-/')
if grep -q "^$p	$3	$4	DB	error	" "$out"; then ok "a tampered figure is reported"
else fail "a tampered figure ($p $3 $4) is not reported"; fi
[ "$(grep -c '	DB	' "$out")" = 1 ] && ok "only that return" || fail "other returns reported"

# A stored message, a count, a finding taken away: each reported.
for change in "UPDATE finding SET zh = zh || '!' WHERE submission_id = $1 AND seq = $2" \
	"UPDATE finding_count SET warnings = warnings + 1 WHERE submission_id = $1" \
	"DELETE FROM finding WHERE submission_id = $1 AND seq = $2"; do
	cp "$db" "$tmp/t.db"
	sqlite3 "$tmp/t.db" "$change"
	run --db "$tmp/t.db" check --period "$span"
	grep -q "^$p	$3	$4	DB	error	" "$out" && ok "reported: $change" ||
		fail "not reported: $change"
done

# A broad change (a threshold) leaves returns unjudged; the dashboard judges
# its month once, and what it stores is again what check finds.
cp "$db" "$tmp/b.db"
sqlite3 "$tmp/b.db" "UPDATE target SET threshold = threshold + 1 WHERE id = 'T8'"
left=$(sqlite3 "$tmp/b.db" "SELECT count(*) FROM finding_count")
[ "$left" = 0 ] && ok "a threshold change unjudges every return" ||
	fail "$left returns still judged after a threshold change"
run --db "$tmp/b.db" dashboard --period 2026-11
expect_rc 0 "dashboard"
unjudged=$(sqlite3 "$tmp/b.db" "SELECT count(*) FROM submission s WHERE period = 202611
	AND NOT EXISTS (SELECT 1 FROM finding_count c WHERE c.submission_id = s.id)")
[ "$unjudged" = 0 ] && ok "the dashboard judged its month" ||
	fail "$unjudged returns of its month left unjudged"
run --db "$tmp/b.db" check --period 2026-11
grep -q '	DB	' "$out" && fail "findings judged by the dashboard differ from check's"
ok "judged again: as check finds"

finish
