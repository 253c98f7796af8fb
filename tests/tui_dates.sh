#!/bin/sh
# Dates as people type them (2026/11/1, 2026.11.1, 2026-11-1, 20261101) are
# taken and stored as ISO; a new posting's boxes start with the clerk's own
# institution and today; a licence number too wide for its column ends
# with a visible "..".
. "$top_srcdir/tests/tui_lib.sh"

tui_init
last=$(month_from -1)
y=${last%-*}
m=${last#*-}
typed_start="$y/${m#0}/1"
start_iso="$last-01"
typed_end="$(month_from 4 %Y%m)28"
end_iso="$(month_from 4)-28"

tui_start --as "$clerk"
wait_for "本月待报"
keys p
wait_for "派驻医生名册  "
keys a
wait_for "| 新增"
screen | grep -Eq "派驻机构 +\\[$clerk_org" || fail "the receiving institution is not the clerk's own"
screen | grep -Eq "开始日期 +\\[$now_day" || fail "the start date is not today ($now_day)"
text 赵七
keys Tab
text 11053010005512345
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
keys Tab Tab
text "$typed_start"
keys Tab
text "$typed_end"
keys Tab
keys C-s
wait_for "已保存"
keys /
wait_for "筛选"
text 赵七
keys Enter
wait_for "赵七"
# A licence number wider than its column is marked cut, never cut silently.
screen | grep -Eq '赵七 +1105301000[0-9]*\.\.' || fail "the licence number is cut without a mark"
keys Enter
wait_for "| 修改"
screen | grep -Eq "开始日期 +\[$start_iso" || fail "the start is not stored as $start_iso"
screen | grep -Eq "计划结束日期 +\[$end_iso" || fail "the planned end is not stored as $end_iso"
keys Escape
wait_for "派驻医生名册  "
keys q
[ "$(wait_exit)" = 0 ] || fail "exit status not 0"
echo PASS
