#!/bin/sh
# The life of one return across three people, through the screens:
# the clerk submits; the community's reviewer returns it with a comment; the
# clerk sees the comment, corrects and submits again; the reviewer approves;
# the clerk can no longer change it; the dashboard counts it (T1); the admin
# reopens it with a reason; the clerk can change it again.
[ -f "$top_srcdir/tests/tui_lib.sh" ] || { echo "SKIP: tests/tui_lib.sh missing"; exit 77; }
. "$top_srcdir/tests/tui_lib.sh"

reviewer=chenjing     # 东区医共体, which holds the clerk's 城关镇中心卫生院
org_name=城关镇中心卫生院

tui_init

# Starts the program afresh (a new private server) as login, or as the
# admin running the test when no login is given.
run_as() {
	tmx kill-server >/dev/null 2>&1
	if [ -n "$1" ]; then
		tui_start --as "$1"
	else
		tui_start
	fi
}

quit() {
	keys q
	status=$(wait_exit)
	[ "$status" = 0 ] || fail "exit status $status"
}

# The clerk's staffing return of this month, opened from the home screen.
clerk_open() {
	run_as "$clerk"
	open_current_return
}

# The reviewer grid on this month with the clerk's row and staffing chosen.
grid_this_month() {
	run_as "$1"
	wait_for "审核 "
	keys ']'
	wait_for "审核 $period |"
	keys Down
	# The cursor's mark moves when the screen has taken the key: poll for it.
	poll_until shows ">$org_name" || fail "the clerk's institution is not the second row"
}

state_is() {
	[ "$(sql "SELECT s.state FROM submission s JOIN org_unit o ON o.id = s.org_id
		WHERE o.code = '$clerk_org' AND s.form = 'staffing'
		AND s.period = $period_num")" = "$1" ]
}

# 1. The clerk fills and submits, explaining the warning (staff above posts).
clerk_open
fill_staffing
wait_for "已自动保存"
keys F10
wait_for "需要说明"
text "新招聘待编"
keys Enter
wait_for "确认提交"
keys y
wait_for "已提交"
quit
! have_sql || state_is submitted || fail "not submitted in the database"

# 2. The reviewer sees it waiting and returns it with a comment.
grid_this_month "$reviewer"
screen | grep -q ">$org_name *>待审" || fail "the grid does not show the return as submitted"
keys r
wait_for "退回意见"
keys Enter
wait_for "不能为空"
text "编制数有误"
keys Enter
wait_for "已退回: $org_name"
screen | grep -q ">$org_name *<退回" || fail "the grid does not show the return as returned"
quit
! have_sql || state_is returned || fail "not returned in the database"

# 3. The clerk sees the comment, corrects the authorised posts, submits.
run_as "$clerk"
wait_for "本月待报"
keys ']'
wait_for "审核员: 编制数有误"
keys Enter
wait_for "退回意见: 编制数有误"
keys C-u
text 45
keys Tab
wait_for "已自动保存"
keys F10
wait_for "确认提交"
keys y
wait_for "已提交"
quit
if have_sql; then
	state_is submitted || fail "not submitted again in the database"
	[ "$(stored "$clerk_org" staffing "$period_num" authorised_posts)" = 45 ] ||
		fail "the correction is not stored"
fi

# 4. The reviewer opens it (findings and the value's history), approves.
grid_this_month "$reviewer"
keys Enter
wait_for "人员配备 staffing | $org_name"
wait_for "检查结果: 0 错误"
wait_for "编制数"
keys a
wait_for "已通过: $org_name"
wait_for "+已审核"
keys Escape
wait_for "审核 $period |"
screen | grep -q ">$org_name *+通过" || fail "the grid does not show the return as approved"
quit
! have_sql || state_is approved || fail "not approved in the database"

# 5. The clerk can no longer change it.
clerk_open
wait_for "只读"
keys F10
wait_for "此报表不能提交"
quit

# 6. The dashboard counts the approved return: T1 (one public-health
# physician) is met by the one institution that filed this month.
grid_this_month ""
keys d
wait_for "目标看板 $period |"
wait_for "T13"
screen | grep -Eq 'T1 +公共卫生医师 >= 1 +1/1 +达标' || fail "T1 is not 1/1 met"
keys Enter
wait_for "单位"
screen | grep -Eq "$org_name +1 +达标" || fail "the institution's T1 figure is not 1, met"
keys Escape
wait_for "完整率"
keys Escape
wait_for "审核 $period |"

# 7. The admin reopens it; a reason is required.
keys o
wait_for "重开原因"
text "数据需更正"
keys Enter
wait_for "已重开: $org_name"
quit
! have_sql || state_is reopened || fail "not reopened in the database"

# 8. The clerk can change it again.
clerk_open
wait_for "重开原因: 数据需更正"
hides "只读" || fail "the reopened return is still read-only"
keys C-u
text 46
keys Tab
wait_for "已自动保存"
keys Escape
wait_for "报表月份 $period"
quit
if have_sql; then
	[ "$(stored "$clerk_org" staffing "$period_num" authorised_posts)" = 46 ] ||
		fail "the clerk's change after reopening is not stored"
fi
echo "PASS"
