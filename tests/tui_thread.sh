#!/bin/sh
# A return comment wider than the screen is shown in full (wrapped) on the
# clerk's home and the form; resubmitting, the clerk answers it, and the
# reviewer sees the thread: the comment and the reply, both whole.
. "$top_srcdir/tests/tui_lib.sh"

reviewer=chenjing
org_name=城关镇中心卫生院
comment="编制数与人事科备案的数字不一致, 请核对今年的编制批复文件后重新填写, 并说明在岗职工超出编制的原因以及计划何时补齐编制手续"
tail_text="何时补齐编制手续"
reply="已核对编制批复, 超编人员为新院区临时聘用, 预计明年三月前补齐编制手续"

tui_init
run_as() {
	tmx_stop
	tui_start --as "$1"
}
quit() {
	keys q
	[ "$(wait_exit)" = 0 ] || fail "exit status not 0"
}
grid_row() {
	run_as "$reviewer"
	wait_for "审核 "
	keys ']'
	wait_for "审核 $period |"
	keys Down
	poll_until shows ">$org_name" || fail "the clerk's institution is not the second row"
}

run_as "$clerk"
open_current_return
fill_staffing
wait_for "已自动保存"
keys F10
wait_for "需要说明"
text "新院区开诊"
keys Enter
wait_for "确认提交"
keys y
wait_for "已提交"
quit

grid_row
keys r
wait_for "退回意见"
text "$comment"
keys Enter
wait_for "已退回: $org_name"
quit

# The clerk's home: the whole comment, wrapped, under the list.
run_as "$clerk"
wait_for "本月待报"
keys ']'
wait_for "报表月份 $period"
wait_for "$tail_text"
# The form: the whole comment above the fields.
keys Enter
wait_for "人员配备 staffing | "
wait_for "$tail_text"
keys F10
wait_for "请确认或修改说明"
keys Enter
wait_for "回复审核员"
text "$reply"
keys Enter
wait_for "确认提交"
keys y
wait_for "已提交"
quit

# The reviewer's view: the thread, whole.
grid_row
keys Enter
wait_for "人员配备 staffing | $org_name"
i=0
while ! shows "回复: 已核对编制批复" && [ $i -lt 60 ]; do
	keys PageDown
	i=$((i + 1))
done
shows "回复: 已核对编制批复" || fail "the reviewer does not see the reply"
wait_for "预计明年三月前补齐编制"
quit
echo PASS
