#!/bin/sh
# Every screen's key bar names every key its F1 help lists (both are drawn
# from the screen's one key table, ui-screen.h): on a terminal wide enough
# that nothing gives way to "? 更多", each key of one character (a, D, /)
# or an F-key that help lists must stand in the key bar as "KEY label"
# (F5, refresh, is every screen's and named in help only).
. "$top_srcdir/tests/tui_lib.sh"

tui_init

wide() {
	tmx resize-window -t t -x 200 -y 60 || fail "tmux cannot resize the window"
	poll_until eval '[ "$(tmx display -p -t t "#{pane_width}")" = 200 ]' ||
		fail "the pane did not grow"
}

# check NAME: F1 on the screen now; every single-character or F-key key of
# its help is in the key bar (the last line).  Help lines are " | KEY  text"
# in the help box; a key may be followed by "或"/"or" and its twin.
check() {
	bar=$(screen | tail -n 1)
	keys F1
	wait_for "Esc 关闭"
	help=$(screen)
	keys Escape
	wait_gone "Esc 关闭"
	listed=$(printf '%s\n' "$help" | sed -n 's/^ | \([!-~]\|F[0-9][0-9]*\)\(  \| 或 \).*/\1/p' |
		sort -u)
	[ -n "$listed" ] || fail "$1: help lists no key: $help"
	for k in $listed; do
		# Refresh is a key of every screen, named in help.
		[ "$k" = F5 ] && continue
		case "  $bar" in
		*"  $k "*) ;;
		*) fail "$1: the key bar lacks $k that help lists; bar: $bar" ;;
		esac
	done
	checked=$((checked + 1))
}
checked=0

# The clerk: home, a return, both rosters.
tui_start --as "$clerk"
wide
wait_for "本月待报"
check home
keys Enter
wait_for "F2 保存"
check form
keys Escape
wait_for "本月待报"
keys p
wait_for "m 月度工作"
check "postings roster"
keys Escape
wait_for "本月待报"
keys r
wait_for "/ 筛选"
check "referral roster"
keys Escape
wait_for "本月待报"
keys q
[ "$(wait_exit)" = 0 ] || fail "the clerk's run did not end cleanly"

# The admin: the grid, one return, the dashboard, institutions, users,
# targets and an editor.
tui_start
wide
wait_for "审核 "
check review
# The first return of the grid's first column that has been started.
i=0
while :; do
	keys Enter
	poll_until eval 'shows "查看报表" || shows "尚未开始" || shows "不填此表"' ||
		fail "Enter on the grid did nothing"
	shows "查看报表" && break
	keys Down
	i=$((i + 1))
	[ $i -lt 30 ] || fail "no started return in the grid's first column"
done
wait_for "滚动"
check "one return"
keys Escape
wait_for "审核 "
keys d
wait_for "目标看板"
wait_for "通报PDF"
# F1 on a target quotes its seed first; the keys follow in the same box.
keys End
check dashboard
keys Escape
wait_for "审核 "
keys i
wait_for "数值范围"
check institutions
keys t
wait_for "合同年起始月"
check targets
keys Escape
wait_for "数值范围"
keys a
wait_for "F2 保存"
check editor
keys Escape
wait_for "数值范围"
keys u
wait_for "角色/范围"
check users
keys Escape
keys Escape
wait_for "审核 "
keys q
[ "$(wait_exit)" = 0 ] || fail "the admin's run did not end cleanly"
[ "$checked" = 11 ] || fail "checked $checked screens, not 11"
echo "PASS"
