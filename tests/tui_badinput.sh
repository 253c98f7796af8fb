#!/bin/sh
# Wrong input is refused with the field's own message beside the box, the
# text stays there to be corrected, and nothing wrong is stored: letters and
# a negative number in a count, a 20-digit number, an over-long name.
. "$top_srcdir/tests/tui_lib.sh"

tui_init
tui_start --as "$clerk"
open_current_return
wait_for "未开始"

# A good value first, so that the draft exists and is autosaved.
text 42
keys Tab
wait_for "已自动保存"

text abc
keys Tab
wait_for "x 在岗职工:"
screen | grep -Eq '在岗职工 +\[ *abc *\]' || fail "the refused text left the box"
text '-5'
keys Tab
wait_for "x 执业医师:"
screen | grep -Eq '执业医师 +\[ *-5 *\]' || fail "the refused -5 left the box"
text 12345678901234567890
keys Tab
wait_for "x 执业助理医师:"
# Full-width digits from an input method are read or refused, never garbled.
text '１２'
keys Tab
wait_for "全科医生"

# Saving stores what is good and says what was not stored.
keys F2
wait_for "未存入"
if have_sql; then
	[ "$(stored "$clerk_org" staffing "$period_num" authorised_posts)" = 42 ] ||
		fail "the good value was not stored"
	for k in staff_on_post licensed_physicians assistant_physicians; do
		got=$(stored "$clerk_org" staffing "$period_num" $k)
		[ -z "$got" ] || fail "$k stored as '$got'"
	done
fi

# Saving put the focus on the first refused box; correcting the text
# clears the message and stores the value.
screen | grep -q '^>在岗职工' || fail "focus is not on the first refused box"
keys C-u
text 45
keys Tab
wait_gone "x 在岗职工:"
if have_sql; then
	poll_until [ "$(stored "$clerk_org" staffing "$period_num" staff_on_post)" = 45 ] ||
		fail "the corrected value was not stored"
fi

# An over-long name in a roster record: refused by its own check.
keys Escape
wait_for "未保存的修改"
keys d
wait_for "报表月份 $period"
keys p
wait_for "派驻医生"
keys a
wait_for "医生姓名"
long=; i=0
while [ $i -lt 41 ]; do long="${long}张"; i=$((i + 1)); done
text "$long"
keys Tab
wait_for "x 医生姓名:"
keys F2
wait_for "请先改正"
keys Escape
wait_for "放弃"
keys y
wait_gone "| 新增"
if have_sql; then
	n=$(sql "SELECT count(*) FROM record_value WHERE key = 'doctor_name' AND txt LIKE '张张张%'")
	[ "$n" = 0 ] || fail "the over-long name was stored"
fi
keys Escape
wait_for "报表月份"
keys q
[ "$(wait_exit)" = 0 ] || fail "exit status not 0"
echo PASS
