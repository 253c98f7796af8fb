#!/bin/sh
# Typing into boxes as in a spreadsheet: entering a box selects its value,
# so the first character typed replaces it ("66" over "64" is 66, never
# 6466); Backspace and Home edit it in place instead.  A column pasted from
# Excel (CR+LF line ends) fills consecutive boxes, a tab-separated row fills
# boxes across, nothing skipped.  A dialog's suggested answer is selected too.
. "$top_srcdir/tests/tui_lib.sh"

tui_init
tui_start --as "$clerk"
wait_for "代 $clerk"
open_current_return
wait_for "未开始"
fill_staffing
wait_for "已自动保存"

# Back to the first box (编制数 64): typing replaces the selected value.
keys PageUp PageUp PageUp
text 66
keys Tab
# 在岗职工 66: Backspace edits in place.
keys BSpace
text 7
keys Tab
# 执业医师 13: Home edits in place.
keys Home
text 1
keys Tab
screen | grep -Eq '编制数 +\[ *66 *\]' || fail "typing did not replace the value"
screen | grep -Eq '在岗职工 +\[ *67 *\]' || fail "Backspace did not edit in place"
screen | grep -Eq '执业医师 +\[ *113 *\]' || fail "Home did not edit in place"

# A column copied from a spreadsheet: CR+LF after each cell.  paste-buffer
# -r sends the line ends as they are.
tmx set-buffer -b col "$(printf '5\r\n6\r\n7\r\n')" || fail "set-buffer"
tmx paste-buffer -r -b col -t t
# A row: cells separated by tabs, into 中医类别医师 onwards.
tmx set-buffer -b row "$(printf '2\t13\t8')" || fail "set-buffer"
tmx paste-buffer -r -b row -t t
keys Tab
keys F2
wait_for "已保存 "

screen | grep -Eq '执业助理医师 +\[ *5 *\]' || fail "pasted column: first cell"
screen | grep -Eq '全科医生 +\[ *6 *\]' || fail "pasted column: a cell was skipped"
screen | grep -Eq '公共卫生医师 +\[ *7 *\]' || fail "pasted column: third cell"
if have_sql; then
	for kv in authorised_posts=66 staff_on_post=67 licensed_physicians=113 \
		assistant_physicians=5 general_practitioners=6 public_health_physicians=7 \
		tcm_physicians=2 registered_nurses=13 pharmacists=8 technicians=5; do
		got=$(stored "$clerk_org" staffing "$period_num" "${kv%=*}")
		[ "$got" = "${kv#*=}" ] || fail "stored ${kv%=*} is '$got', not ${kv#*=}"
	done
fi
keys Escape
wait_for "报表月份"
keys q
[ "$(wait_exit)" = 0 ] || fail "the clerk's run did not end cleanly"
tmx_stop

# A dialog's suggested answer (the due day, 5) is replaced by typing.
tui_start
wait_for "审核 "
keys i
wait_for "机构管理"
keys D
wait_for "每月报表在次月几日截止"
text 7
keys Enter
wait_for "截止日生效月份"
keys Enter
wait_for "截止日已设为次月 7 日"
keys q
[ "$(wait_exit)" = 0 ] || fail "the admin's run did not end cleanly"
echo "PASS"
