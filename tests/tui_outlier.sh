#!/bin/sh
# Outliers (DHIS2's min-max and outlier detection): an admin sets the usual
# range of one figure of an institution; its clerk's 编制数 18000, far from
# the institution's own approved months and a jump from last month, and
# nurses outside the range are warnings beside the fields that need an
# explanation; the reviewer sees which values tripped.
. "$top_srcdir/tests/tui_lib.sh"

reviewer=liuqiang   # the county's: every institution

tui_init
# O2 compares with last month's approved figure: a township whose last
# month is approved.
clerk_with_approved_last staffing
org_name=$clerk_org_name
tui_start
wait_for "审核 "
keys i
wait_for "机构管理"
# Down to the clerk's institution.
select_row "$org_name"
keys m
wait_for "数值范围: 选择报表"
text 人员
keys Enter
wait_for "数值范围: 选择字段"
text 注册护士
keys Enter
wait_for "本机构此项的合理范围"
text 10-15
keys Enter
wait_for "已保存数值范围"
keys q
[ "$(wait_exit)" = 0 ] || fail "the admin's run did not end cleanly"
tmx_stop

tui_start --as "$clerk"
open_current_return
fill_staffing
wait_for "O3 注册护士 19"
keys PageUp PageUp PageUp
text 18000
keys Tab
wait_for "O1 编制数 18000"
keys F10
# One explanation per rule (no S5 now: posts are above staff).
for r in O1 O2 O3; do
	wait_for "| $r "
	text "核实无误 $r"
	keys Enter
done
wait_for "确认提交"
keys y
wait_for "已提交"
keys q
[ "$(wait_exit)" = 0 ] || fail "the clerk's run did not end cleanly"
tmx_stop

# The reviewer's view names the values that tripped.
tui_start --as "$reviewer"
wait_for "审核 "
keys ']'
wait_for "审核 $period |"
select_row "$org_name"
keys Enter
wait_for "人员配备 staffing | $org_name"
wait_for "O1"
screen | grep -q "编制数 18000" || fail "the reviewer does not see the value that tripped"
keys q
[ "$(wait_exit)" = 0 ] || fail "the reviewer's run did not end cleanly"
echo PASS
