#!/bin/sh
# A posting's monthly activity stays within the posting: days on site at
# most the days it is active that month, no activity in a month before it
# starts; each refusal says why and stores nothing.
# One stated moment: the posting's dates below are computed from it.
YIGONG_NOW=2026-12-10T09:00:00+08:00
export YIGONG_NOW
. "$top_srcdir/tests/tui_lib.sh"

tui_init
last=$(echo "$last_period_num" | sed 's/^\(....\)\(..\)$/\1-\2/')
before=$(month_from -2)
start=$last-16
end=$(TZ=UTC date -d "$last-16 +5 months" +%F)
# Active from the 16th to the month's last day.
active=$(( $(TZ=UTC date -d "$last-01 +1 month -1 day" +%d) - 15 ))

tui_start --as "$clerk"
wait_for "本月待报"
keys p
wait_for "派驻医生名册  "
keys a
wait_for "| 新增"
text 王六
keys Tab
text 110530100077
keys Tab
text 530199100001
keys Tab
text 主治医师
keys Tab
text 派驻
keys Tab
text 医疗
keys Tab
text 内科
keys Tab
text "$clerk_org"
keys Tab
text "$start"
keys Tab
text "$end"
keys Tab
keys C-s
wait_for "已保存"
keys /
wait_for "筛选"
text 王六
keys Enter
wait_for "王六"

# One day more than the posting is active in the month: refused.
keys m
wait_for "在岗天数"
text $((active + 1))
keys Tab
keys C-s
wait_for "最多 $active 天"
# Wider than the message line, the refusal comes whole in a dialog.
if shows "未保存"; then
	keys Enter
	wait_gone "未保存"
fi
keys Up
text "$active"
keys Tab
keys C-s
wait_for "已保存"
if have_sql; then
	d=$(sql "SELECT a.num FROM activity a JOIN record_value v ON v.record_id = a.record_id
		WHERE v.key = 'doctor_name' AND v.txt = '王六' AND a.key = 'days_on_site'
		AND a.period = $last_period_num")
	[ "$d" = "$active" ] || fail "days on site stored as '$d', not $active"
fi

# The month's return approved (as a reviewer would): a change that would
# move its figures is refused, saying who can reopen it.
if have_sql; then
	org=$(sql "SELECT id FROM org_unit WHERE code = '$clerk_org'")
	sql "INSERT INTO submission(org_id, form, period, state, created_at, updated_at, updated_by)
		VALUES($org, 'sentdown', $last_period_num, 'approved', '2026-01-01T00:00:00+08:00',
		'2026-01-01T00:00:00+08:00', 'test')
		ON CONFLICT DO UPDATE SET state = 'approved'"
	keys m
	wait_for "在岗天数"
	text $((active - 1))
	keys Tab
	keys C-s
	wait_for "此修改会改变其中的"
	wait_for "未保存"
	shows "已审核" || fail "the refusal does not say the return is approved"
	keys Enter
	wait_gone "未保存"
	keys Escape
	wait_for "放弃修改"
	keys y
	wait_for "派驻医生名册  "
	d=$(sql "SELECT a.num FROM activity a JOIN record_value v ON v.record_id = a.record_id
		WHERE v.key = 'doctor_name' AND v.txt = '王六' AND a.key = 'days_on_site'
		AND a.period = $last_period_num")
	[ "$d" = "$active" ] || fail "the approved month's activity changed to '$d'"
fi

# The month before it starts: no activity at all.
keys '['
wait_for "$before"
keys m
wait_for "在岗天数"
text 1
keys Tab
keys C-s
wait_for "不能填工作量"
if shows "未保存"; then
	keys Enter
	wait_gone "未保存"
fi
keys Escape
wait_for "放弃修改"
keys y
wait_for "派驻医生名册  "
if have_sql; then
	n=$(sql "SELECT count(*) FROM activity a JOIN record_value v ON v.record_id = a.record_id
		WHERE v.key = 'doctor_name' AND v.txt = '王六' AND a.period <> $last_period_num")
	[ "$n" = 0 ] || fail "activity outside the posting was stored"
fi
keys q
[ "$(wait_exit)" = 0 ] || fail "exit status not 0"
echo PASS
