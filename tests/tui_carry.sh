#!/bin/sh
# A snapshot form (staffing) starts from last month's approved figures,
# marked carried forward and not stored until the clerk confirms them:
# leaving a box confirms it, F6 confirms all; the flows of the month (hires,
# departures) are never carried.  Every field shows last month's figure.
. "$top_srcdir/tests/tui_lib.sh"

have_sql || { echo "SKIP: sqlite3 is needed to read last month's figures"; exit 77; }
tui_init
clerk_with_approved_last staffing
last_of() {
	sql "SELECT v.num FROM value v JOIN submission s ON s.id = v.submission_id
		JOIN org_unit o ON o.id = s.org_id WHERE o.code = '$clerk_org'
		AND s.form = 'staffing' AND s.period = $last_period_num AND v.key = '$1'"
}
state=$(sql "SELECT s.state FROM submission s JOIN org_unit o ON o.id = s.org_id
	WHERE o.code = '$clerk_org' AND s.form = 'staffing' AND s.period = $last_period_num")
[ "$state" = approved ] || fail "the demo's last month is '$state', not approved"
posts=$(last_of authorised_posts)
staff=$(last_of staff_on_post)
stored_n() {
	sql "SELECT count(*) FROM value v JOIN submission s ON s.id = v.submission_id
		JOIN org_unit o ON o.id = s.org_id WHERE o.code = '$clerk_org'
		AND s.form = 'staffing' AND s.period = $period_num"
}

tui_start --as "$clerk"
open_current_return
wait_for "上月结转, 待确认"
screen | grep -Eq "编制数 +\\[ *$posts *\\] 人 +上月结转, 待确认" ||
	fail "authorised posts do not start from last month's $posts"
wait_for "F6 全部确认结转"
# Carried figures are not values yet: nothing is stored.
[ "$(stored_n)" = 0 ] || fail "carried figures were stored before being confirmed"
# Leaving the first box confirms it.
keys Tab
wait_for "已自动保存"
[ "$(stored "$clerk_org" staffing "$period_num" authorised_posts)" = "$posts" ] ||
	fail "the confirmed authorised posts were not stored"
[ "$(stored_n)" = 1 ] || fail "more than the confirmed figure was stored"
screen | grep -Eq "编制数 +\\[ *$posts *\\] 人 +上月 $posts" ||
	fail "last month's figure is not shown beside the confirmed field"
# F6 confirms the rest, but not the month's flows.
keys F6
wait_gone "上月结转, 待确认"
[ "$(stored "$clerk_org" staffing "$period_num" staff_on_post)" = "$staff" ] ||
	fail "staff on post was not confirmed"
[ "$(stored_n)" = 14 ] || fail "$(stored_n) figures stored, not 14 (16 less hires, departures)"
[ -z "$(stored "$clerk_org" staffing "$period_num" hires)" ] || fail "hires were carried"
keys Escape
wait_for "报表月份"
keys q
[ "$(wait_exit)" = 0 ] || fail "the clerk's run did not end cleanly"
echo PASS
