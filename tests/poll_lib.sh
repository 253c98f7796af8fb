# poll_lib.sh — the one way tests wait: poll a condition with a deadline,
# never a fixed sleep.  Sourced by tui_lib.sh and the scripts that drive
# tmux or a daemon without it.
#
#   poll_until CMD ARGS...   until CMD succeeds (1 when $deadline s pass)

deadline=${TUI_DEADLINE:-15}
poll=0.05

now_ms() {
	date +%s%3N
}

poll_until() {
	end_ms=$(( $(now_ms) + deadline * 1000 ))
	while ! "$@"; do
		[ "$(now_ms)" -gt "$end_ms" ] && return 1
		sleep "$poll"
	done
	return 0
}
