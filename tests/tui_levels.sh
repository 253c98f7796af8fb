#!/bin/sh
# The review grid at a prefecture (DESIGN §1): its counties are the rows,
# each cell the returns received of those due below it; Enter opens the
# county's own grid of institutions, Enter there a return, and Esc goes back
# up to the counties.  The dashboard's targets open the same way.
[ -f "$top_srcdir/tests/tui_lib.sh" ] || { echo "SKIP: tests/tui_lib.sh missing"; exit 77; }
. "$top_srcdir/tests/tui_lib.sh"

tui_init
county=$("$YIGONG" org list --db "$db" | awk -F '\t' '$3 == "county" { print $2 }')
"$YIGONG" export --db "$db" --period "$(month_from -11)..$(month_from -1)" \
	--bundle "$tmp/bundle" 2>"$tmp/err" || fail "export --bundle: $(cat "$tmp/err")"
"$YIGONG" init --db "$tmp/p.db" --level prefecture --code 5301 --name 昆明市 >/dev/null &&
	"$YIGONG" import --db "$tmp/p.db" --bundle "$tmp/bundle" >/dev/null 2>"$tmp/err" ||
	fail "the prefecture did not take the bundle: $(cat "$tmp/err")"

db=$tmp/p.db

# Last month's staffing returns below the county, as the first cell counts.
period=$(month_from -1)
period_num=$(month_from -1 %Y%m)
received=$(sql "SELECT count(*) FROM submission WHERE form = 'staffing'
	AND period = $period_num AND submitted_at IS NOT NULL")

tui_start
wait_for "审核 $period | 昆明市"
wait_for "单位 (已报/应报)"
selected | grep -q ">$county" || fail "the county is not the first row"
selected | grep -Eq " $received/[0-9]+ " || fail "the county's staffing cell is not $received/N"
hides "城关镇中心卫生院" || fail "an institution is a row at the prefecture"
[ -n "${TUI_SHOW:-}" ] && screen

# Enter: the county's institutions.
keys Enter
wait_for "审核 $period | $county"
wait_for "城关镇中心卫生院"
hides "单位 (已报/应报)" || fail "the county's grid still shows the levels' heading"
[ -n "${TUI_SHOW:-}" ] && screen
# Down to an institution that has a return this month, and into it.
org=$(sql "SELECT o.name FROM submission s JOIN org_unit o ON o.id = s.org_id
	WHERE s.form = 'staffing' AND s.period = $period_num ORDER BY o.code LIMIT 1")
select_row "$org"
keys Enter
wait_for "$org | "
keys Escape
wait_for "审核 $period | $county"
# Esc again: back up to the prefecture's counties.
keys Escape
wait_for "审核 $period | 昆明市"
wait_for "单位 (已报/应报)"

# The dashboard: a target opens by the prefecture's counties, Enter on the
# county by its communities and institutions, Esc back up.
keys d
wait_for "目标看板 $period | 昆明市"
wait_for "完整率 (已收到/应报)"
keys Enter
wait_gone "完整率 (已收到/应报)"
wait_for "$county"
hides "城关镇中心卫生院" || fail "the target at the prefecture lists institutions"
select_row "$county"
keys Enter
wait_for "城关镇中心卫生院"
[ -n "${TUI_SHOW:-}" ] && screen
keys Escape
wait_gone "城关镇中心卫生院"
wait_for "$county"
keys Escape
wait_for "完整率 (已收到/应报)"
keys Escape
wait_for "审核 $period | 昆明市"
keys q
status=$(wait_exit)
[ "$status" = 0 ] || fail "exit status $status"

# The province: the prefecture's bundle goes up.  The dashboard holds of a
# month only the unit opened and its rows (the figures are stored): Enter
# opens the prefecture, then its county; Esc goes back up one level at a
# time, to a unit the month in view did not hold.
"$YIGONG" export --db "$db" --period "$(month_from -11)..$(month_from -1)" \
	--bundle "$tmp/pbundle" 2>"$tmp/err" || fail "prefecture export --bundle: $(cat "$tmp/err")"
"$YIGONG" init --db "$tmp/s.db" --level province --code 53 --name 云南省 >/dev/null &&
	"$YIGONG" import --db "$tmp/s.db" --bundle "$tmp/pbundle" >/dev/null 2>"$tmp/err" ||
	fail "the province did not take the bundle: $(cat "$tmp/err")"
db=$tmp/s.db
tui_start
wait_for "审核 $period | 云南省"
keys d
wait_for "目标看板 $period | 云南省"
wait_for "完整率 (已收到/应报)"
keys Enter
wait_gone "完整率 (已收到/应报)"
wait_for "昆明市"
hides "$county" || fail "the target at the province lists counties"
select_row "昆明市"
keys Enter
wait_for "$county"
select_row "$county"
keys Enter
wait_for "城关镇中心卫生院"
keys Escape
wait_gone "城关镇中心卫生院"
wait_for "$county"
wait_for "昆明市"
keys Escape
wait_gone "$county"
wait_for "昆明市"
keys Escape
wait_for "完整率 (已收到/应报)"
keys Escape
wait_for "审核 $period | 云南省"
keys q
status=$(wait_exit)
[ "$status" = 0 ] || fail "exit status $status"
stored=$(sql "SELECT count(*) FROM figure_memo WHERE period = $period_num AND org_id = 0")
[ "$stored" -gt 0 ] || fail "the province's screens stored no month"

echo "ok: the prefecture's grid has its counties as rows and opens down to a return; the province's dashboard opens down to a county and back"
