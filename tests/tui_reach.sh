#!/bin/sh
# At 80x24 every line of a form can be read while editing: the family-doctor
# form's computed lines after its last box show when that box is reached.
# In the review grid, a on a return nobody opened asks once, with what the
# checks found; the second a approves it.
. "$top_srcdir/tests/tui_lib.sh"

reviewer=chenjing
org_name=城关镇中心卫生院

tui_init
tui_start --as "$clerk"
wait_for "本月待报"
keys ']'
wait_for "报表月份 $period"
keys Down Down Enter
wait_for "familydoc |"
# The last box, then the computed lines below it.
i=0
while ! shows "使用预留资源" && [ $i -lt 40 ]; do
	keys Tab
	i=$((i + 1))
done
wait_for "使用预留资源"
screen | grep -q "医共体内转诊" || fail "a computed line is out of reach"
screen | grep -q "下转" || fail "a computed line is out of reach"
keys Escape
wait_for "报表月份"

# The clerk submits staffing; the reviewer tries a from the grid.
keys Up Up Enter
wait_for "人员配备 staffing | "
fill_staffing
wait_for "已自动保存"
keys F10
wait_for "需要说明"
text "新院区开诊"
keys Enter
wait_for "确认提交"
keys y
wait_for "已提交"
keys q
[ "$(wait_exit)" = 0 ] || fail "the clerk's run did not end cleanly"
tmx_stop

tui_start --as "$reviewer"
wait_for "审核 "
keys ']'
wait_for "审核 $period |"
keys Down
poll_until shows ">$org_name" || fail "the clerk's institution is not the second row"
keys a
wait_for "尚未查看 (错误 0, 警告 1)"
keys n
wait_for "未通过 (Enter 查看)"
keys a
wait_for "已通过: $org_name"
keys q
[ "$(wait_exit)" = 0 ] || fail "the reviewer's run did not end cleanly"
echo PASS
