#!/bin/sh
# The postings roster: a posting whose planned end is before its start is
# refused with the reason and the input kept; corrected, it is saved.  Then
# filter, sort, the month's activity, and delete with confirmation.
. "$top_srcdir/tests/tui_lib.sh"

tui_init
tui_start --as "$clerk"
wait_for "本月待报"
keys p
wait_for "派驻医生名册  "
# How many postings the demo gave this clerk: one more after the save.
postings=$(screen | sed -n 's/^ 派驻医生名册  \([0-9]*\)\/.*/\1/p')
[ -n "$postings" ] || fail "no count of postings on the roster"
keys a
wait_for "| 新增"
text 王五
keys Tab
text 110530100099
keys Tab
# The sending hospital is picked by name from the county's list (Space):
# a clerk need not know its code.
keys Space
wait_for "选择机构"
text 县人民
wait_for "青山县人民医院  (医院, 530199100001)"
keys Enter
wait_for "530199100001"
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
# From the first of last month: the months before are submitted or approved,
# and a new posting would move their figures (refused, tests/tui_activity.sh).
text "$(month_from -1)-01"
keys Tab
text "$(month_from -2)-01"
keys Tab
keys F2
wait_for "早于开始日期"
wait_for "| 新增"
screen | grep -Eq '医生姓名 +\[王五 ' || fail "the input was not kept"
if have_sql; then
	n=$(sql "SELECT count(*) FROM record_value WHERE key = 'doctor_name' AND txt = '王五'")
	[ "$n" = 0 ] || fail "the refused posting was stored"
fi

keys Up C-u
text "$(month_from 4)-28"
# Ctrl-S saves where F2 does not reach the program.
keys C-s
wait_for "已保存"
wait_for "$((postings + 1))/$((postings + 1))"
wait_for "王五"
if have_sql; then
	n=$(sql "SELECT count(*) FROM record_value WHERE key = 'doctor_name' AND txt = '王五'")
	[ "$n" = 1 ] || fail "the posting was not stored"
fi

# Filter down to it; sort by the first column.
keys /
wait_for "筛选"
text 王五
keys Enter
wait_for "1/$((postings + 1))"
keys s
wait_for "排序: 医生姓名"

# The activity of the month the home screen was on (the one due now).
keys m
wait_for "在岗天数"
text 20
keys Tab
keys F2
wait_for "已保存"
if have_sql; then
	d=$(sql "SELECT a.num FROM activity a JOIN record_value v ON v.record_id = a.record_id
		WHERE v.key = 'doctor_name' AND v.txt = '王五' AND a.key = 'days_on_site'
		AND a.period = $last_period_num")
	[ "$d" = 20 ] || fail "days on site stored as '$d'"
fi

# Delete asks first; no keeps it, yes removes it.
keys d
wait_for "删除"
keys n
wait_for "1/$((postings + 1))"
keys d
wait_for "[y]"
keys y
wait_for "已删除"
wait_for "0/$postings"
if have_sql; then
	n=$(sql "SELECT count(*) FROM record_value WHERE key = 'doctor_name' AND txt = '王五'")
	[ "$n" = 0 ] || fail "the posting was not deleted"
fi
keys Escape
wait_for "本月待报"

# The family-doctor return opens its referral register with F4 (Ctrl-R).
keys j j Enter
wait_for "familydoc |"
wait_for "F4 名册"
keys C-r
wait_for "转诊登记  "
keys Escape
wait_for "familydoc |"
keys Escape
wait_for "本月待报"
keys q
[ "$(wait_exit)" = 0 ] || fail "exit status not 0"
echo PASS
