#!/bin/sh
# Submitting: errors block; a warning (staff above authorised posts) needs
# an explanation, typed in Chinese; then the return is submitted and locked.
. "$top_srcdir/tests/tui_lib.sh"

tui_init
tui_start --as "$clerk"
open_current_return
wait_for "未开始"

# Nothing filled: the required fields are errors and block.
keys F10
wait_for "有错误, 不能提交"
keys Enter
wait_gone "有错误, 不能提交"

fill_staffing
wait_for "S5"
keys C-x
wait_for "需要说明"
wait_for "S5"
# Enter on an empty explanation is refused.
keys Enter
wait_for "不能为空"
text "新院区开诊,临时聘用3人"
wait_for "新院区开诊"
keys Enter
wait_for "确认提交"
keys y
wait_for "已提交"
wait_for "只读"
wait_for "说明: 新院区开诊,临时聘用3人"

if have_sql; then
	st=$(sql "SELECT s.state FROM submission s JOIN org_unit o ON o.id = s.org_id
		WHERE o.code = '$clerk_org' AND s.form = 'staffing' AND s.period = $period_num")
	[ "$st" = submitted ] || fail "state is '$st', not submitted"
	ex=$(sql "SELECT e.txt FROM explanation e JOIN submission s ON s.id = e.submission_id
		JOIN org_unit o ON o.id = s.org_id WHERE o.code = '$clerk_org'
		AND s.form = 'staffing' AND s.period = $period_num AND e.rule = 'S5'")
	[ "$ex" = "新院区开诊,临时聘用3人" ] || fail "explanation stored as '$ex'"
fi

# Read-only now: typing changes nothing, F10 says it cannot be submitted.
keys F10
wait_for "不能提交"
keys Escape
wait_for "报表月份 $period"
screen | grep -q '人员配备 staffing.*已提交' || fail "home does not show it submitted"
keys q
[ "$(wait_exit)" = 0 ] || fail "exit status not 0"
echo PASS
