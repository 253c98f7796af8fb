#!/bin/sh
# The admin names a community's supporting hospital on the unit editor, then
# on the targets screen gives T4 a new threshold from next month (the months
# before keep theirs, both changes audited) and sets the contract year's
# first month; `check` follows each change.  F1 on the dashboard quotes a
# target's seed.
[ -f "$top_srcdir/tests/tui_lib.sh" ] || { echo "SKIP: tests/tui_lib.sh missing"; exit 77; }
. "$top_srcdir/tests/tui_lib.sh"

tui_init
last=$(month_from -1)
next=$(month_from 1)
west=530199200000
city=530199900001

tui_start
wait_for "审核 $last |"
keys i
wait_for "机构管理"

# Walk down to the west community and open it.
select_row '西区医共体'
keys Enter
wait_for "修改机构: 西区医共体"
wait_for "青山县中医医院"          # the lead named, by name beside the code
# Name, kind, tier, parent, key central, closed, opened, lead, supporting.
keys Tab Tab Tab Tab Tab Tab Tab Tab
text 530199101000                   # a township is refused, the input kept
keys F2
wait_for "不是医院"
screen | grep -q '\[530199101000' || fail "the refused code was not kept"
keys C-u
text $city
keys F2
wait_for "机构管理"
"$YIGONG" org list --db "$db" | grep -q "^$west	西区医共体	community		530199000000	530199200001	$city\$" ||
	fail "the supporting hospital is not stored"
have_sql && [ "$(sql "SELECT count(*) FROM audit WHERE key = '$west.supporting'
	AND new_value = '$city'")" = 1 ] || { have_sql && fail "the naming was not audited"; }

# Targets: T4 gets 4 from next month; this month keeps 3.
keys t
rows=$(($(wc -l <"$top_srcdir/data/targets.csv") - 1))   # every row of the reference table
wait_for "目标阈值  $rows"
select_row '^>T4 '
keys n
wait_for "自某月起的新阈值 T4"
keys C-u
text 4
keys Tab C-u
text 2026-13                        # not a month: refused, kept
keys F2
wait_for "不是月份"
keys C-u
text "$next"
keys F2
wait_for "已保存 (已记入审计)"
wait_for "目标阈值  $((rows + 1))"
shows "2025-09..$(month_from 0)" || fail "the old T4 row does not end this month"
"$YIGONG" check --db "$db" --explain T4 >"$tmp/explain" || fail "check --explain failed"
grep -q "^阈值	T4	-	3 count	2025-09..$(month_from 0)\$" "$tmp/explain" ||
	fail "T4's old row: $(cat "$tmp/explain")"
grep -q "^阈值	T4	-	4 count	$next..\$" "$tmp/explain" || fail "T4's new row: $(cat "$tmp/explain")"
have_sql && [ "$(sql "SELECT count(*) FROM audit WHERE entity = 'target' AND key = 'T4'")" = 2 ] ||
	{ have_sql && fail "the T4 changes were not audited twice"; }

# The contract year: 13 refused, 7 set.
keys C
wait_for "集采合同年从几月开始"
keys C-u
text 13
keys Enter
wait_for "请填 1 到 12 之间的整数"
keys Enter
wait_for "集采合同年从几月开始"
keys C-u
text 7
keys Enter
wait_for "合同年自 7 月起"
wait_for "合同年起始: 7 月"
have_sql && [ "$(sql "SELECT value FROM setting WHERE key = 'contract_start_month'")" = 7 ] ||
	{ have_sql && fail "the contract year is not stored"; }

keys Escape
wait_for "机构管理"

# F1 on a target of the dashboard quotes its seed, file and section.
keys Escape
wait_for "审核 $last |"
keys d
wait_for "目标看板"
keys Down Down Down
wait_for ">T4 "
keys F1
wait_for "原文:"
shows "开展帮扶的城市公立三级医院" || fail "T4's help does not quote seed 004"
shows "seeds/004_4c65f41c6f8b148d.txt" || fail "T4's help does not name the seed file"
shows "西藏 二(二)" || fail "T4's help does not name the section"
keys Escape
wait_gone "原文:"
keys q
[ "$(wait_exit)" = 0 ] || fail "the admin's run did not end cleanly"
echo "PASS"
