#!/bin/sh
# yigong dashboard: the dashboard's table, T1-T18 and the outcome indicators,
# as tab-separated lines (id, level, unit, value, threshold, verdict) and a
# summary line;
# --org narrows to a unit; scope, bad input and an empty county.
: "${YIGONG_NOW:=2026-12-10T09:00:00+08:00}"
export YIGONG_NOW
. "${top_srcdir:-.}/tests/cli_lib.sh"

db=$tmp/demo.db
run init --demo --db "$db"
expect_rc 0 "init --demo"
shown=$(month_from -2)
county=530199000000
west=530199200000

run --lang en --db "$db" dashboard --period "$shown"
expect_rc 0 "dashboard"
lines=$(wc -l <"$out")
head -n $((lines - 1)) "$out" >"$tmp/table"
tail -n 1 "$out" >"$tmp/summary"
if awk -F '\t' 'NF != 6 { bad = 1 } END { exit bad }' "$tmp/table"; then
	ok "every line has six fields"
else
	fail "a line without six tab-separated fields"
fi
if awk -F '\t' '$2 !~ /^(county|community|institution)$/ ||
	$6 !~ /^(met|missed|missed:shared|missed:own|n\/a|-)$/ { bad = 1 } END { exit bad }' \
	"$tmp/table"; then
	ok "levels and verdicts are the documented words"
else
	fail "an unknown level or verdict"
fi
for id in primary_visit_rate township_village_share inpatient_in_county fund_in_county \
	fund_primary_share ehr_rate hypertension_managed_rate diabetes_managed_rate \
	followed_up_rate outpatient_cost inpatient_cost drug_share cost_growth \
	T1 T2 T3 T4 T5 T6 T7 T8 T9 T10 T11 T12 T13 T14 T15 T16 T17 T18; do
	grep -q "^$id	county	$county	" "$tmp/table" || fail "no county line for $id"
done
ok "the county has every indicator and target"
# Indicators have no verdict; targets always one.
awk -F '\t' '$1 !~ /^T/ && $6 != "-" { bad = 1 } $1 ~ /^T/ && $6 == "-" { bad = 1 }
	END { exit bad }' "$tmp/table" && ok "verdicts only on targets" ||
	fail "a verdict on an indicator, or a target without one"
# Shares of a whole and the fund are not an institution's.
grep -Eq '^(primary_visit_rate|fund_in_county|T17)	institution' "$tmp/table" &&
	fail "an institution line for a share of the whole"
grep -q "^T18	institution	" "$tmp/table" || fail "no institution line for T18"
grep -Eq '^T17	community	530199[12]00000	-?[0-9]+\.[0-9]+%	<=5\.0%	' "$tmp/table" ||
	fail "T17 of a community lacks its figure and threshold"
grep -Eq '^T15	county	[0-9]+	[0-9.]+%	>=[0-9.]+%	(met|missed)$' "$tmp/table" ||
	fail "T15 does not compare with the year before"
targets=$(grep -c '^T' "$tmp/table")
grep -Eq "^$shown indicator lines $((lines - 1 - targets)), target lines $targets: met [0-9]+, missed [0-9]+, n/a [0-9]+\$" \
	"$tmp/summary" && ok "summary line" || fail "summary: $(cat "$tmp/summary")"

# The demo's fund falls in each of T17's bands in a year.
: >"$tmp/bands"
for n in -13 -12 -11 -10 -9 -8 -7 -6 -5 -4 -3 -2; do
	"$YIGONG" --db "$db" dashboard --period "$(month_from "$n")" --org "$west" |
		awk -F '\t' '$1 == "T17" && $2 == "community" { print $6 }' >>"$tmp/bands"
done
for v in met missed:shared missed:own; do
	grep -qx "$v" "$tmp/bands" && ok "T17 $v in some month" || fail "T17 never $v"
done

# T1-T13 come first for each unit, as on the screen.
[ "$(head -n 1 "$tmp/table" | cut -f1-3)" = "T1	county	$county" ] ||
	fail "the table does not open with the county's T1"
grep -Eq "^T6	county	$county	[0-9.]+%/[0-9.]+%	>=30%/60%	(met|missed)\$" "$tmp/table" ||
	fail "T6 lacks its two parts and thresholds"

# --org: the unit and what is below it.
run --db "$db" dashboard --period "$shown" --org "$west"
expect_rc 0 "--org a community"
grep -q "	county	" "$out" && fail "--org community printed the county"
grep -q "^ehr_rate	community	$west	" "$out" || fail "--org community lacks its own lines"
grep -q "^ehr_rate	institution	530199201000	" "$out" ||
	fail "--org community lacks its institutions"
grep -q "	530199101000	" "$out" && fail "--org community printed the other community"

# A clerk sees its institution only; another unit is refused.
run --db "$db" --as wangfang dashboard --period "$shown"
expect_rc 0 "a clerk"
cut -f3 "$out" | sed '$d' | sort -u | grep -qvx 530199101000 &&
	fail "a clerk saw another unit"
run --lang en --db "$db" --as wangfang dashboard --period "$shown" --org "$west"
expect_rc 1 "a clerk asking for another unit"
expect_err "outside your scope" "scope refusal"
run --lang en --db "$db" dashboard --period "$shown" --org NOPE
expect_rc 1 "an unknown unit"
run --db "$db" dashboard --period 2026-13
expect_rc 2 "a bad period"
run --db "$db" dashboard stray
expect_rc 2 "a stray argument"

# An empty county: every figure not applicable, never a division error.
new_db "$tmp/empty.db"
run --lang en --db "$tmp/empty.db" dashboard --period "$shown"
expect_rc 0 "an empty county"
sed '$d' "$out" | awk -F '\t' '$4 != "-" || ($6 != "-" && $6 != "n/a") { bad = 1 }
	END { exit bad }' && ok "an empty county is all not applicable" ||
	fail "an empty county has a figure"
expect_out "met 0, missed 0" "nothing met or missed"

finish
