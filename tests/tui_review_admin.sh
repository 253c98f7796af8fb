#!/bin/sh
# The reviewer grid's filter, bulk approval, resizing and export, and the
# admin screens: a refused institution keeps what was typed, then is added;
# a user is added and disabled; the due day is refused out of range, then
# set, and the grid shows the new due date.  A reviewer gets no admin screen.
[ -f "$top_srcdir/tests/tui_lib.sh" ] || { echo "SKIP: tests/tui_lib.sh missing"; exit 77; }
. "$top_srcdir/tests/tui_lib.sh"

tui_init
last=$(month_from -1)

approved_in_m1() {
	sql "SELECT count(*) FROM submission s JOIN org_unit o ON o.id = s.org_id
		JOIN org_unit c ON c.id = o.parent_id
		WHERE c.code = '530199100000' AND s.period = $last_period_num AND s.state = 'approved'"
}

# A reviewer has no admin screens.
tui_start --as chenjing
wait_for "审核 $last |"
keys i
wait_for "只有管理员可以管理机构和用户"
keys q
[ "$(wait_exit)" = 0 ] || fail "the reviewer's run did not end cleanly"
tmx_stop

tui_start
wait_for "审核 $last | 全部"

# The grid's totals are those of `yigong status` (one function counts both; its
# summary line is on stderr).
wait_for "完整率"
rates=$(screen | sed -n 's/.*完整率 \([0-9.]*%\)  及时率 \([0-9.]*%\).*/\1 \2/p')
cli=$("$YIGONG" status --db "$db" --period "$last" 2>&1 >/dev/null |
	sed -n 's/.*完整率 \([0-9.]*%\), 及时率 \([0-9.]*%\).*/\1 \2/p')
[ -n "$rates" ] && [ "$rates" = "$cli" ] || fail "grid rates '$rates', yigong status '$cli'"
for what in 已提交 已审核 已退回; do
	g=$(screen | sed -n "s/.* $what \([0-9]*\) .*/\1/p" | head -1)
	c=$("$YIGONG" status --db "$db" --period "$last" 2>&1 >/dev/null | sed -n "s/.*$what \([0-9]*\),.*/\1/p")
	[ -n "$g" ] && [ "$g" = "$c" ] || fail "grid $what '$g', yigong status '$c'"
done

# The community filter, picked from a list by name: the east community's
# six units, totals follow.
keys c
wait_for "按医共体筛选"
text 东区
keys Enter
wait_for "审核 $last | 东区医共体 (6 机构)"
hides "龙潭镇中心卫生院" || fail "the filter shows a unit of the west community"

# Approve every clean submitted return shown, after one confirmation.
have_sql && before=$(approved_in_m1)
keys A
wait_for "没有错误且警告都已说明的将一并通过"
keys y
wait_for "份, 跳过"
n=$(screen | sed -n 's/.*已通过 \([0-9]*\) 份, 跳过.*/\1/p')
[ -n "$n" ] || fail "no count of approved returns"
if have_sql; then
	[ "$(approved_in_m1)" = $((before + n)) ] || fail "$n approved on screen, not in the database"
fi

# Resizing: smaller, too small, and back; the grid is whole again.
tmx resize-window -t t -x 60 -y 18
wait_for "完整率"
tmx resize-window -t t -x 40 -y 10
wait_for "终端窗口太小"
tmx resize-window -t t -x 80 -y 24
wait_for "完整率"
wait_for "Enter 查看"
wait_for "审核 $last | 东区医共体"

# Export what is shown this month, with a progress bar and a manifest.
keys e
wait_for "导出 CSV"
keys Tab Tab Tab Tab Tab Tab C-u
text "$tmp/out.csv"
keys F2
wait_for "已导出"
[ -s "$tmp/out.csv" ] || fail "the export file is empty or missing"
[ -s "$tmp/out.csv.manifest" ] || fail "no manifest"
ls -A "$tmp" | grep -q '^\.out\.csv' && fail "a temporary was left"
head -1 "$tmp/out.csv" | grep -q '^dataelement,period,orgunit' || fail "not the long format"
keys Enter
wait_gone "已导出 ---"

# The same as a workbook: Space steps the format to xlsx; the .csv name
# offered becomes .xlsx.
keys e
wait_for "导出 CSV"
keys Tab Tab Space Space
wait_for "xlsx 工作簿"
keys Tab Tab Tab Tab C-u
text "$tmp/book.csv"
keys F2
wait_for "已导出"
head -c 4 "$tmp/book.xlsx" 2>/dev/null | grep -q '^PK' || fail "no workbook at book.xlsx"
grep -q '^format: xlsx$' "$tmp/book.xlsx.manifest" 2>/dev/null || fail "no xlsx manifest"
[ ! -e "$tmp/book.csv" ] && [ ! -e "$tmp/book.xlsx.part" ] || fail "a .csv or partial file was left"
keys Enter
wait_gone "已导出 ---"

# A long export (the whole year, unapproved too: more rows than one
# progress step) is cancelled by Esc typed right behind F2: no file is left.
first=$(month_from -12)
keys e
wait_for "导出 CSV"
keys C-u
text "$first"
keys Tab
text "$last"
keys Tab Tab Tab Tab Space Tab C-u
text "$tmp/cancel.csv"
keys F2 Escape
wait_for "导出已取消"
[ ! -e "$tmp/cancel.csv" ] || fail "a cancelled export left its file"
ls -A "$tmp" | grep -q '^\.cancel\.csv' && fail "a cancelled export left a temporary"
[ ! -e "$tmp/cancel.csv.manifest" ] || fail "a cancelled export left a manifest"
keys Escape
wait_for "放弃这里的修改"
keys y
wait_for "Enter 查看"

# Institutions: a code already in use is refused and the input kept.
keys i
wait_for "机构管理"
keys a
wait_for "新增机构"
text 530199101000
keys Tab
text 新镇卫生院
keys F2
wait_for "已有单位使用"
screen | grep -q '\[新镇卫生院' || fail "the name typed was not kept"
keys Up C-u
text 530199106000
keys F2
wait_for "新镇卫生院"
wait_for "530199106000"
"$YIGONG" org list --db "$db" | grep -q "^530199106000	新镇卫生院	township	primary	530199000000" ||
	fail "the institution is not in the database as added"

# Users: add a clerk for it, then disable them.
keys u
wait_for "用户管理"
keys a
wait_for "新增用户"
text newclerk
keys Tab Tab
text 530199106000
keys F2
wait_for "newclerk"
# The list is sorted by login: walk down to the new user.
select_row '^>newclerk'
keys x
wait_for "停用用户 newclerk"
keys y
wait_for "已停用"
"$YIGONG" user list --db "$db" | grep -q "^newclerk	clerk	530199106000	disabled" ||
	fail "the user is not disabled in the database"

# The due day: out of range is refused with the text kept, then set.
keys D
wait_for "每月报表在次月几日截止"
keys C-u
text 31
keys Enter
wait_for "请填 1 到 28 之间的整数"
keys Enter
wait_for "每月报表在次月几日截止"
screen | grep -q '31' || fail "the refused due day was not kept"
keys C-u
text 9
keys Enter
# Effective-dated: from this month, the first not yet due; a month already
# due keeps its due day (and its timeliness).
wait_for "截止日生效月份"
text "$last"
keys Enter
wait_for "已过截止日"
keys Enter
wait_for "每月报表在次月几日截止"
keys Enter
wait_for "截止日生效月份"
keys Enter
wait_for "截止日已设为次月 9 日 (自 $(month_from 0) 起)"
keys Escape
wait_for "机构管理"
keys Escape
wait_for "审核 $last |"
wait_for "截止 $(month_from 0)-05"
keys ']'
wait_for "截止 $(month_from 1)-09"

keys q
[ "$(wait_exit)" = 0 ] || fail "the admin's run did not end cleanly"
echo "PASS"
