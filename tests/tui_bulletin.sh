#!/bin/sh
# The dashboard writes the month's bulletin (p): the screen says where, and
# the file is a PDF of that month in the user's home directory.
[ -f "$top_srcdir/tests/tui_lib.sh" ] || { echo "SKIP: tests/tui_lib.sh missing"; exit 77; }
. "$top_srcdir/tests/tui_lib.sh"
command -v pdfinfo >/dev/null || { echo "SKIP: pdfinfo (poppler-utils) not installed"; exit 77; }

tui_init
last=$(month_from -1)
mkdir "$tmp/home"
export HOME="$tmp/home"
file=$HOME/bulletin-530199000000-$last.pdf

tui_start
wait_for "审核 $last |"
keys d
wait_for "目标看板 $last"
shows "p 通报PDF" || fail "the key line does not list p"
keys p
wait_for "已写出月度通报"
shows "$HOME/bulletin-" || fail "the path is not on the screen: $(screen | tail -n 3)"
[ -s "$file" ] || fail "no bulletin at $file"
pdfinfo "$file" | grep -q "^Title: *青山县 $(month_from -1 '%Y年%-m月')" ||
	fail "the file is not last month's bulletin: $(pdfinfo "$file" 2>&1 | head -3)"
# The month changes with [ and the next bulletin is of that month.
keys '['
wait_for "目标看板 $(month_from -2)"
keys p
wait_for "bulletin-530199000000-$(month_from -2).pdf"
keys q
[ "$(wait_exit)" = 0 ] || fail "the run did not end cleanly"
echo PASS
