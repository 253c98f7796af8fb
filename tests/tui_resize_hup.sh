#!/bin/sh
# The screens survive resizing (down to "terminal too small" and back) with
# the text being typed intact, and a hang-up saves the box being edited:
# by SIGHUP to the program, and by the terminal going away (tmux dies).
. "$top_srcdir/tests/tui_lib.sh"

resize() {
	tmx resize-window -t t -x "$1" -y "$2" || fail "tmux resize-window $1x$2"
}

tui_init
tui_start --as "$clerk"
open_current_return
wait_for "未开始"
text 42
keys Tab
wait_for "已自动保存"
text 4

resize 60 20
wait_for "F2 保存"
poll_until [ "$(screen | wc -l)" -eq 20 ] || fail "the pane is not 20 lines"
screen | tail -n 1 | grep -q "F2 保存" || fail "no key bar on the last line at 60x20"
screen | grep -Eq '^>在岗职工 .*\[4 ' || fail "the box lost its text at 60x20"

resize 40 10
wait_for "终端窗口太小"
# Keys are not acted on while the screen is too small.
keys F2
resize 80 24
wait_for "F10 提交"
wait_gone "终端窗口太小"
screen | grep -Eq '^>在岗职工 .*\[4 ' || fail "the box lost its text after resizing back"

# The second digit, and the line drops before the box is left.
text 5
wait_for "[45 "
pid=$(tui_pid) || fail "no program to signal"
kill -HUP "$pid"
st=$(wait_exit)
[ "$st" = 129 ] || fail "exit status $st after SIGHUP, not 129"
if have_sql; then
	got=$(stored "$clerk_org" staffing "$period_num" staff_on_post)
	[ "$got" = 45 ] || fail "the box being edited was not saved: '$got'"
fi

# Again, with the terminal itself going away.
tmx_stop
tui_start --as "$clerk"
wait_for "本月待报"
keys ']'
wait_for "报表月份 $period"
keys Enter
wait_for "草稿"
screen | grep -Eq '在岗职工 +\[ *45 *\]' || fail "the saved value is not shown"
keys Tab Tab
text 9
wait_for "[9 "
tmx_stop
if have_sql; then
	saved() {
		[ "$(stored "$clerk_org" staffing "$period_num" licensed_physicians)" = 9 ]
	}
	poll_until saved || fail "the box being edited was not saved when the terminal died"
fi

# A posting's monthly activity being typed is saved on SIGHUP too.
tui_start --as "$clerk"
wait_for "本月待报"
keys p
wait_for "派驻医生名册  "
keys m
wait_for "在岗天数"
doctor=$(screen | sed -n 's/^ 派驻医生月度工作 | \(.*\) | [0-9-]*$/\1/p')
[ -n "$doctor" ] || fail "no posting to enter activity for"
keys C-u
text 17
wait_for "[17 "
kill -HUP "$(tui_pid)"
[ "$(wait_exit)" = 129 ] || fail "exit status after SIGHUP in the activity editor"
if have_sql; then
	d=$(sql "SELECT a.num FROM activity a JOIN record_value v ON v.record_id = a.record_id
		WHERE v.key = 'doctor_name' AND v.txt = '$doctor' AND a.key = 'days_on_site'
		AND a.period = $last_period_num")
	[ "$d" = 17 ] || fail "the activity being typed was not saved: '$d'"
fi
echo PASS
