#!/bin/sh
# The dashboard's 医共体成效 section at 80x24: each outcome with its month,
# verdict, year-before figure and a twelve-month ASCII chart; a missed T17
# names its band; Enter lists the figure of every unit.
[ -f "$top_srcdir/tests/tui_lib.sh" ] || { echo "SKIP: tests/tui_lib.sh missing"; exit 77; }
. "$top_srcdir/tests/tui_lib.sh"

tui_init
shown=$(month_from -2)

tui_start
wait_for "审核 "
keys d
wait_for "目标看板"
keys '['
wait_for "目标看板 $shown |"
wait_for "医共体成效"
# The section is below the targets: the last row is T18.
keys End
wait_for "T18 费用增长 <= GDP 增幅"
screen | grep -Eq 'T17 医保基金超支 <= 5% +-?[0-9]+\.[0-9]+% +(达标|分担|自担) +-?[0-9]+\.[0-9]+%' ||
	fail "T17 shows no figure, band and year-before figure"
screen | grep -Eq '乡村诊疗量占比 +[0-9]+\.[0-9]% +[0-9]+\.[0-9]%' ||
	fail "the township and village share lacks its year-before figure"
screen | grep -Eq '次均门诊费用 +[0-9]+\.[0-9]{2} ' || fail "revenue per visit is not in yuan"
# Twelve months, ASCII only (PITFALLS: block characters are ambiguous width).
screen | grep -E '^ *(T1[4-8] |    )' | grep -Ev '[ .:=+*#%@-]{12}$' | grep -q . &&
	fail "a trend is not twelve ASCII marks at the right edge"
# Every line fits the 80 columns: the right edge is the chart, never cut.
screen | grep -q 'T17' || fail "T17 scrolled away"

keys Up Enter
wait_for "依据 003"
shows "东区医共体" || fail "T17 by unit does not list the communities"
keys Escape
wait_gone "依据 003"
# The admin sets the county's GDP growth, T18's ceiling.
keys g
wait_for "GDP 增幅"
keys C-u
text "7.5"
keys Enter
wait_for "GDP 增幅已设为 7.5%"
if have_sql; then
	[ "$(sql "SELECT value FROM setting WHERE key = 'gdp_growth_x10'")" = 75 ] ||
		fail "the GDP growth is not stored"
fi
keys q
echo "PASS"
