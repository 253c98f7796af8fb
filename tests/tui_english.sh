#!/bin/sh
# --lang en speaks English on every screen; NO_COLOR leaves attributes
# (reverse, bold) and no colours; without it the screens use colour.
. "$top_srcdir/tests/tui_lib.sh"

has_colour() {
	tmx capture-pane -p -e -t t | grep -Eq '\[([0-9;]*;)?(3[0-7]|4[0-7])(;[0-9;]*)?m'
}

tui_init
no_color=1
tui_start --lang en --as "$clerk"
wait_for "Due now"
wait_for "as $clerk"
keys '?'
wait_for "Clerk home"
keys Escape
wait_gone "Clerk home"
keys Enter
wait_for "Esc back  F1 help"
wait_for "Authorised posts"
! has_colour || fail "colours with NO_COLOR set"
tmx capture-pane -p -e -t t | grep -q '\[7m' || fail "no reverse video for the selection"
keys Escape
wait_for "Due now"
keys q
[ "$(wait_exit)" = 0 ] || fail "exit status not 0"

no_color=
tui_start --as "$clerk"
wait_for "本月待报"
has_colour || fail "no colours without NO_COLOR"
keys q
[ "$(wait_exit)" = 0 ] || fail "exit status not 0"
echo PASS
