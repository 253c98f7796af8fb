#!/bin/sh
# Starting the screens (yigong with no command): under a non-UTF-8 locale
# the program switches to C.UTF-8 rather than garble Chinese; an unknown
# login is refused before any screen is drawn.
. "${top_srcdir:-.}/tests/cli_lib.sh"
command -v tmux >/dev/null || { echo "SKIP: tmux not installed"; exit 77; }
locale -a 2>/dev/null | grep -qi '^c\.utf-\?8$' || { echo "SKIP: no C.UTF-8 locale"; exit 77; }

sock=yigong-cli-ui-$$
tm() { tmux -L "$sock" -f /dev/null "$@"; }
trap 'tm kill-server 2>/dev/null; cleanup' EXIT

# wait_for TEXT: polls the pane every 50 ms for TEXT, for ten seconds at most.
wait_for() {
	timeout 10 sh -c 'until tmux -L "$1" -f /dev/null capture-pane -p -t S >"$2" 2>/dev/null &&
		grep -qF -- "$3" "$2"; do sleep 0.05; done  # a poll under timeout, not a wait
	' sh "$sock" "$tmp/pane" "$1"
}

db=$tmp/a.db
new_db "$db"

tm new-session -d -s S -x 80 -y 24 -e LC_ALL=C -e LANG= "$YIGONG --db $db"
if wait_for "医共"; then ok "the screens draw Chinese under LC_ALL=C"
else fail "no Chinese title under LC_ALL=C:"; cat "$tmp/pane"; fi
tm kill-server 2>/dev/null

cp "$db" "$tmp/other.db"
sqlite3 "$tmp/other.db" "UPDATE app_user SET login = 'somebody' WHERE login = '$me'"
tm new-session -d -s S -x 80 -y 24 -e LC_ALL=C.UTF-8 \
	"$YIGONG --lang en --db $tmp/other.db; echo EXIT=\$?; exec cat"
if wait_for "EXIT=1"; then
	grep -qF "$me" "$tmp/pane" && ok "an unknown login is refused by name" \
		|| fail "the refusal does not name $me"
else
	fail "an unknown login was not refused:"; cat "$tmp/pane"
fi
tm kill-server 2>/dev/null

finish
