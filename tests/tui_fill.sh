#!/bin/sh
# A clerk fills a whole staffing return from the keyboard, saves, leaves,
# opens it again and sees the values, which are in the database.
. "$top_srcdir/tests/tui_lib.sh"

tui_init
tui_start --as "$clerk"
wait_for "代 $clerk"
open_current_return
wait_for "未开始"
fill_staffing
wait_for "已自动保存"
# F2 as PuTTY sends it by default (ESC [ 1 2 ~), which no terminfo entry
# for tmux knows.
text "$(printf '\033[12~')"
wait_for "已保存 "
keys Escape
wait_for "报表月份 $period"
screen | grep -q '人员配备 staffing.*草稿' || fail "home does not show the draft"

keys Enter
wait_for "人员配备 staffing | "
screen | grep -Eq '编制数 +\[ *64 *\]' || fail "authorised posts not shown"
screen | grep -Eq '在岗职工 +\[ +66 \]' || fail "staff on post not shown"
keys PageDown PageDown
wait_for "企业职工养老保险"
screen | grep -Eq '企业职工养老保险 +\[ *23 *\]' || fail "last field not shown"

if have_sql; then
	for kv in authorised_posts=64 staff_on_post=66 public_health_physicians=2 \
		village_doctors=28 village_doctors_pension=23 departures=0; do
		got=$(stored "$clerk_org" staffing "$period_num" "${kv%=*}")
		[ "$got" = "${kv#*=}" ] || fail "stored ${kv%=*} is '$got', not ${kv#*=}"
	done
	n=$(sql "SELECT count(*) FROM value v JOIN submission s ON s.id = v.submission_id
		JOIN org_unit o ON o.id = s.org_id WHERE o.code = '$clerk_org'
		AND s.form = 'staffing' AND s.period = $period_num")
	[ "$n" = 16 ] || fail "$n values stored, not 16"
fi

keys Escape
wait_for "报表月份"
keys q
status=$(wait_exit)
[ "$status" = 0 ] || fail "exit status $status"
echo "PASS"
