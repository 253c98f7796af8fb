# tui_lib.sh — sourced by tests/tui_*.sh: drive the real program in a
# private tmux server and poll its screen.  Never sleep as synchronisation:
# every step waits, with a deadline, for what the user would see.
#
#   tui_init                 a fresh demo database in $db, or SKIP
#   tui_start ARGS...        start "$YIGONG --db $db ARGS" in an 80x24 pane
#                            (NO_COLOR=$no_color in its environment)
#   keys KEY...              tmux key names (Tab Enter Escape F2 C-s ...)
#   text TEXT                literal text, as an input method commits it
#   wait_for TEXT            until the screen shows TEXT (fails after $deadline s)
#   wait_gone TEXT           until it no longer does
#   wait_exit                until the program has ended; prints its status
#   screen                   the screen now
#   fail MESSAGE             print the message and the screen, exit 1

if ! command -v tmux >/dev/null 2>&1; then
	echo "SKIP: tmux is not installed (apt-get install tmux)"
	exit 77
fi
: "${YIGONG:?YIGONG must name the built program}"

. "${top_srcdir:-.}/tests/poll_lib.sh"
. "${top_srcdir:-.}/tests/now_lib.sh"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/yg-tui.XXXXXX") || exit 99
db=$tmp/db
sock=yg-tui-$$-$(basename "$0" .sh)

tmx() {
	tmux -L "$sock" -f /dev/null "$@"
}

# Stops this test's tmux server and waits until nothing listens on its
# socket any more: a server started at once on the socket of one still
# exiting can die with "server exited unexpectedly" (PITFALLS.md).  tmux
# leaves the socket file behind, so ask it: "no server running".
tmx_gone() {
	tmx has-session 2>&1 | grep -qE "no server running|error connecting"
}
tmx_stop() {
	tmx kill-server >/dev/null 2>&1
	poll_until tmx_gone || true
}

tui_cleanup() {
	tmx kill-server >/dev/null 2>&1
	rm -rf "$tmp"
}
trap tui_cleanup EXIT

screen() {
	tmx capture-pane -p -t t 2>/dev/null
}

fail() {
	echo "FAIL: $*"
	echo "pane (dead:status:signal): $(pane_state)"
	echo "---- screen ----"
	screen
	echo "----------------"
	exit 1
}

# The demo county of "yigong init --demo"; the test's own login is its admin.
# $clerk is a clerk of the county's first township health centre
# ($clerk_org), which files every monthly form and holds postings
# (tests/tui_review.sh relies on the choice being stable).
tui_init() {
	"$YIGONG" init --db "$db" --demo >"$tmp/init.out" 2>&1 ||
		{ cat "$tmp/init.out"; echo "FAIL: yigong init --demo"; exit 1; }
	"$YIGONG" org list --db "$db" | awk -F '\t' '$3 == "township" { print $1 }' \
		>"$tmp/townships"
	"$YIGONG" user list --db "$db" | awk -F '\t' '$2 == "clerk" { print $1, $3 }' \
		>"$tmp/clerks"
	# The first township in the county's order that has a clerk.
	while read -r org; do
		clerk=$(awk -v o="$org" '$2 == o { print $1; exit }' "$tmp/clerks")
		if [ -n "$clerk" ]; then
			clerk_org=$org
			break
		fi
	done <"$tmp/townships"
	[ -n "$clerk" ] || { echo "FAIL: the demo has no clerk of a township"; exit 1; }
}

tui_start() {
	tmx_stop
	rm -f "$tmp/status" "$tmp/pid"
	# The program runs under a shell that writes its exit status to a file:
	# tmux 3.3a now and then leaves the dead pane's status unknown.
	# remain-on-exit before it starts, so that a crash leaves the screen.
	tmx start-server \; set -g remain-on-exit on \; \
		set -g default-terminal tmux-256color \; \
		new-session -d -s t -x 80 -y 24 -e LC_ALL=C.UTF-8 -e YIGONG_LANG= \
		-e "NO_COLOR=${no_color-}" \
		"sh -c 'echo \$\$ > \"$tmp/pid\"; exec \"\$0\" \"\$@\"' \"$YIGONG\" \\
		--db \"$db\" $*; echo \$? > \"$tmp/status\"" ||
		fail "tmux did not start"
}

# The program's process id (the inner shell wrote it, then became it).
tui_pid() {
	[ -s "$tmp/pid" ] && cat "$tmp/pid"
}

keys() {
	tmx send-keys -t t "$@"
}

text() {
	tmx send-keys -t t -l -- "$1"
}

shows() {
	screen | grep -qF -- "$1"
}

hides() {
	! screen | grep -qF -- "$1"
}

wait_for() {
	poll_until shows "$1" || fail "the screen never showed: $1"
}

wait_gone() {
	poll_until hides "$1" || fail "the screen still shows: $1"
}

# tmux marks the pane dead when the terminal closes, and learns the exit
# status a moment later: wait for the status (or the signal).
pane_state() {
	tmx display -p -t t '#{pane_dead}:#{pane_dead_status}:#{pane_dead_signal}' 2>/dev/null
}

has_status() {
	[ -s "$tmp/status" ]
}

# Prints the program's exit status (128 + N when signal N ended it).
wait_exit() {
	poll_until has_status || fail "the program did not end"
	cat "$tmp/status"
}

# sqlite3 reads the test's database behind the program's back; without it
# those checks are skipped (the screens are then the only witness).
have_sql() {
	command -v sqlite3 >/dev/null 2>&1
}

sql() {
	sqlite3 -cmd ".timeout 5000" "$db" "$1"
}

# The selected row of a list screen (its '>' mark), and select_row PATTERN:
# Down until the selected row matches the grep PATTERN (at most 40 rows).
selected() {
	screen | grep '^>' | head -1
}
row_moved() {
	[ "$(selected)" != "$was" ]
}
select_row() {
	i=0
	while ! selected | grep -q -- "$1"; do
		was=$(selected)
		keys Down
		poll_until row_moved || fail "cannot move to the row of $1"
		i=$((i + 1))
		[ $i -lt 40 ] || fail "no row of $1 in the list"
	done
}

# clerk_with_approved_last FORM [REVIEWER]: a township (in REVIEWER's
# community when given) whose FORM of last month the demo approved, and its
# clerk: sets $clerk, $clerk_org and $clerk_org_name.  The demo's months are
# random; a test that needs an approved last month goes where there is one.
clerk_with_approved_last() {
	pick=$(sql "SELECT u.login || '|' || o.code || '|' || o.name FROM app_user u
		JOIN org_unit o ON o.id = u.org_id JOIN submission s ON s.org_id = o.id
		WHERE u.role = 'clerk' AND o.kind = 'township' AND s.form = '$1'
		AND s.period = $last_period_num AND s.state = 'approved'
		AND ('${2-}' = '' OR o.parent_id =
			(SELECT org_id FROM app_user WHERE login = '${2-}'))
		ORDER BY o.code LIMIT 1")
	[ -n "$pick" ] || fail "no township's $1 of last month is approved in the demo"
	clerk=${pick%%|*}
	pick=${pick#*|}
	clerk_org=${pick%%|*}
	clerk_org_name=${pick#*|}
}

# The value of key in the return of org code, form and period (YYYYMM).
stored() {
	sql "SELECT coalesce(v.num, v.txt) FROM value v JOIN submission s ON s.id = v.submission_id
		JOIN org_unit o ON o.id = s.org_id
		WHERE o.code = '$1' AND s.form = '$2' AND s.period = $3 AND v.key = '$4'"
}

# Fills every staffing field from the keyboard, starting in the first box;
# staff on post above authorised posts (S5, a warning).
fill_staffing() {
	# The institution's usual figures (the demo's), so that only S5 warns:
	# far from its own history would be an outlier (O1) too.
	# (Under-45s are counted among the licensed village doctors: 4 of 8.)
	for v in 64 66 13 3 5 2 2 19 2 5 0 0 28 8 4 23; do
		text "$v"
		keys Tab
	done
}

# The demo fills the twelve months before this one; this month's returns
# are not started.  The clerk home opens on last month: ] moves here.
period=$(month_from 0)
period_num=$(month_from 0 %Y%m)
last_period_num=$(month_from -1 %Y%m)
clerk=
clerk_org=

# From the clerk's home, opens the first form of the current month's return
# (not yet due, so the demo has not started it).
open_current_return() {
	wait_for "本月待报"
	keys ']'
	wait_for "报表月份 $period"
	keys Enter
	wait_for "人员配备 staffing | "
}
