#!/bin/sh
# Units open in a stated month (DESIGN §1): an institution added today opens
# this month by default, so no past month counts it missing, and its new
# clerk's home lists no overdue returns.
. "$top_srcdir/tests/tui_lib.sh"

tui_init
last=$(month_from -1)
expected() {
	# The summary goes to standard error, the rows to standard output.
	"$YIGONG" status --db "$db" --period "$1" 2>&1 >/dev/null |
		sed -n 's/.*应报 \([0-9]*\):.*/\1/p' | tail -1
}
before_last=$(expected "$last")
before_now=$(expected "$period")
[ -n "$before_last" ] || fail "no count from yigong status"

tui_start
wait_for "审核 $last | 全部"
keys i
wait_for "机构管理"
keys a
wait_for "新增机构"
text 530199107000
keys Tab
text 新开镇卫生院
# The opening month is asked, this month by default.
screen | grep -Eq "开办月份.*\\[$period" || fail "the opening month is not this month"
keys F2
wait_for "新开镇卫生院"
keys Escape
wait_for "审核 $last |"
keys q
[ "$(wait_exit)" = 0 ] || fail "the admin's run did not end cleanly"

[ "$(expected "$last")" = "$before_last" ] ||
	fail "last month now expects $(expected "$last") returns, not $before_last"
[ "$(expected "$period")" -gt "$before_now" ] ||
	fail "this month does not expect the new institution's returns"

"$YIGONG" user add --db "$db" newclerk --role clerk --org 530199107000 >/dev/null ||
	fail "user add"
tmx_stop
tui_start --as newclerk
wait_for "代 newclerk"
wait_for "本机构该月不需报送"
screen | grep -q "逾期" && fail "the new institution's clerk sees overdue returns"
wait_for "没有需要本机构填报的报表"
keys ']'
wait_for "报表月份 $period"
wait_for "人员配备 staffing"
keys q
[ "$(wait_exit)" = 0 ] || fail "the clerk's run did not end cleanly"
echo PASS
