#!/bin/sh
# The core's files call one another only downward (core/internal.h lists the
# layers): no file may reach itself through the functions it calls.  Read
# from the library's symbols, so a new call is judged whatever header it
# came through.
b="${top_builddir:-.}"
lib="$b/core/libyigong.a"
[ -f "$lib" ] || { echo "no $lib"; exit 99; }
# And between the directories: the core calls nothing of forms/ or of the
# program (cli/, tui/, pdf/), forms/ nothing of the program.
defs() { nm "$@" 2>/dev/null | awk '$2 ~ /^[TDBR]$/ { print $3 }' | sort -u; }
undef() { nm "$@" 2>/dev/null | awk '$1 == "U" { print $2 }' | sort -u; }
t=$(mktemp -d) || exit 99
trap 'rm -rf "$t"' EXIT
defs "$b/forms/libforms.a" >"$t/forms"
defs "$b"/cli/yigong-*.o "$b"/tui/yigong-*.o "$b"/pdf/yigong-*.o >"$t/tui"
undef "$lib" >"$t/core.u"
undef "$b/forms/libforms.a" >"$t/forms.u"
up=$(cat "$t/core.u" "$t/forms.u" | sort -u | comm -12 - "$t/tui"; comm -12 "$t/core.u" "$t/forms")
if [ -n "$up" ]; then
	echo "FAIL: called upward (core → forms/ or the program, forms/ → the program):" $up
	exit 1
fi
nm -A "$lib" 2>/dev/null | awk '
{
	n = split($1, p, ":"); f = p[2]
	sub(/^libyigong_a-/, "", f); sub(/\.o$/, "", f)
	if ($2 == "U") { use[f, $3] = 1; files[f] = 1 }
	else if ($2 ~ /^[TDBR]$/) { def[$3] = f; files[f] = 1 }
}
END {
	for (k in use) {
		split(k, q, SUBSEP); g = def[q[2]]
		if (g != "" && g != q[1]) { to[q[1], g] = q[2]; out[q[1]]++ }
	}
	# Peel off files that call nothing left; what stays is in a cycle or
	# calls into one.
	do {
		changed = 0
		for (f in files) if (!gone[f] && !left(f)) { gone[f] = 1; changed = 1 }
	} while (changed)
	bad = 0
	for (k in to) {
		split(k, q, SUBSEP)
		if (!gone[q[1]] && !gone[q[2]]) {
			printf "core/%s.c calls %s (core/%s.c)\n", q[1], to[k], q[2]; bad = 1
		}
	}
	if (bad) print "FAIL: the calls above are in a cycle among the core files, or lead into one"
	else print "ok: no cycle among the core files"
	exit bad
}
function left(f,   k, q) {
	for (k in to) { split(k, q, SUBSEP); if (q[1] == f && !gone[q[2]]) return 1 }
	return 0
}'
