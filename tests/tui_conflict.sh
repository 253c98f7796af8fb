#!/bin/sh
# Two people on one return: when someone else saved first, the autosave is
# refused, the screen says so and keeps the input; reloading shows theirs.
. "$top_srcdir/tests/tui_lib.sh"

have_sql || { echo "SKIP: sqlite3 is needed to play the other user"; exit 77; }
tui_init
tui_start --as "$clerk"
open_current_return
wait_for "未开始"
text 42
keys Tab
wait_for "已自动保存"

# Someone else saves the same return (as the core would: a new version).
sql "UPDATE value SET num = 50 WHERE key = 'authorised_posts' AND submission_id =
	(SELECT s.id FROM submission s JOIN org_unit o ON o.id = s.org_id
	 WHERE o.code = '$clerk_org' AND s.form = 'staffing' AND s.period = $period_num);
	UPDATE submission SET version = version + 1 WHERE id IN
	(SELECT s.id FROM submission s JOIN org_unit o ON o.id = s.org_id
	 WHERE o.code = '$clerk_org' AND s.form = 'staffing' AND s.period = $period_num)"

text 45
keys Tab
wait_for "保存冲突"
screen | grep -Eq '在岗职工 +\[ *45 *\]' || fail "the input was not kept"
[ -z "$(stored "$clerk_org" staffing "$period_num" staff_on_post)" ] ||
	fail "the losing save was stored"
[ "$(stored "$clerk_org" staffing "$period_num" authorised_posts)" = 50 ] ||
	fail "the other user's value was overwritten"
keys F2
wait_for "未保存"
keys Enter
wait_gone "未保存 "

# Reloading drops the local input (after asking) and shows theirs.
keys F5
wait_for "重新载入"
keys y
wait_gone "保存冲突"
screen | grep -Eq '编制数 +\[ *50 *\]' || fail "the other user's value is not shown"
keys Escape
wait_for "报表月份 $period"
keys q
[ "$(wait_exit)" = 0 ] || fail "exit status not 0"
echo PASS
