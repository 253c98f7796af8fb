#!/bin/sh
# Hostile input through the real binary (issue 10): the one rule for text
# admitted, GB18030 files, line numbers for every kind of line end, limits,
# and nothing raw on the terminal.
. "${top_srcdir:-.}/tests/cli_lib.sh"
export YIGONG_NOW=2026-12-10T09:00:00+08:00

db=$tmp/a.db
new_db "$db"
root=$("$YIGONG" --db "$db" org list | head -n 1 | cut -f1)
sum=$(fingerprint "$db")

# expect_line N WHAT: stderr names line N of the file
expect_line() {
	if grep -q ":$1: " "$err"; then ok "$2: line $1 named"; else fail "$2: line $1 not named"; fi
}

# --- text admitted: control, bidi, zero-width, NUL, invalid bytes ---------
hdr='code,name,kind,tier,parent'
for case in "c1:\302\205" "bidi:\342\200\256" "zw:\342\200\213" "esc:\033]0;pwned\007"; do
	what=${case%%:*} bytes=${case#*:}
	printf '%s\nE1,东区%b医共体,community,,%s\n' "$hdr" "$bytes" "$root" >"$tmp/$what.csv"
	run --lang en --db "$db" org import "$tmp/$what.csv"
	expect_rc 1 "org import of a name with $what"
	expect_line 2 "name with $what"
	expect_err "name: character 3" "name with $what names the field and the character"
	expect_same "$db" "$sum" "name with $what"
done
printf '%s\nE1,Good\000Evil,community,,%s\n' "$hdr" "$root" >"$tmp/nul.csv"
run --lang en --db "$db" org import "$tmp/nul.csv"
expect_rc 1 "org import of a name with a NUL"
expect_err "NUL" "a NUL is refused, not cut"
expect_same "$db" "$sum" "name with a NUL"

# --- GB18030: detected from the whole file, or named ----------------------
{
	echo "$hdr"
	i=0
	# 70 KiB of plain ASCII lines first: the tell-tale byte comes late
	while [ $i -lt 1200 ]; do
		printf 'X%04d,%s,community,,%s\n' $i "Community-number-$i-padding-padding-padding" "$root"
		i=$((i + 1))
	done
	printf 'G1,东区医共体,community,,%s\n' "$root"
} | iconv -f UTF-8 -t GB18030 >"$tmp/gb.csv"
run --lang en --db "$db" org import "$tmp/gb.csv"
expect_rc 0 "org import of a GB18030 file whose first 64 KiB are ASCII"
run --db "$db" org list
expect_out "G1	东区医共体	community" "GB18030 name stored as UTF-8"
printf '%s\nG2,西区医共体,community,,%s\n' "$hdr" "$root" | iconv -t GB18030 >"$tmp/gb2.csv"
run --lang en --db "$db" org import --encoding gb18030 - <"$tmp/gb2.csv"
expect_rc 0 "org import --encoding gb18030 from a pipe"
# a file that is neither: refused with the line
{ echo "$hdr"; printf 'G3,\377\377,community,,%s\n' "$root"; } >"$tmp/neither.csv"
run --lang en --db "$db" org import "$tmp/neither.csv"
expect_rc 1 "a file neither UTF-8 nor GB18030"
expect_err "line 2: byte 0xFF is neither UTF-8 nor GB18030" "neither: the line and byte named"
# import (returns) reads GB18030 the same way, storedby included
sum=$(fingerprint "$db")

# --- line numbers: CR, LF, CRLF; an unterminated quote where it opened ----
for eol in lf cr crlf; do
	case $eol in lf) e='\n' ;; cr) e='\r' ;; crlf) e='\r\n' ;; esac
	printf "$hdr${e}K1,甲,community,,$root${e}K2,乙,clinic,,$root${e}" >"$tmp/$eol.csv"
	run --lang en --db "$db" org import "$tmp/$eol.csv"
	expect_rc 1 "bad kind with $eol line ends"
	expect_line 3 "$eol line ends"
done
printf '%s\nK1,甲,community,,%s\nK2,"乙\n\n,community,,%s\n' "$hdr" "$root" "$root" >"$tmp/quote.csv"
run --lang en --db "$db" org import "$tmp/quote.csv"
expect_rc 1 "an unterminated quote"
expect_line 3 "an unterminated quote"
expect_err "opened on line 3" "an unterminated quote: where it opened"

# --- limits: a huge cell refused, /dev/zero refused without eating memory --
{ echo "$hdr"; printf 'K1,'; head -c 100000 /dev/zero | tr '\0' 'a'; printf ',community,,%s\n' "$root"; } >"$tmp/bigcell.csv"
run --lang en --db "$db" org import "$tmp/bigcell.csv"
expect_rc 1 "a 100 kB cell"
expect_err "longer than 65536 bytes" "a 100 kB cell: the limit told"
# max_rss WHAT CMD...: runs CMD (status in $rc), its peak memory under 300 MB
# (/usr/bin/time, not ulimit -v, which the sanitizer build cannot live with)
max_rss() {
	what=$1
	shift
	/usr/bin/time -o "$tmp/rss" -f '%M' "$@" >"$out" 2>"$err"
	rc=$?
	kb=$(tail -n 1 "$tmp/rss")
	[ "$kb" -lt 300000 ] && ok "$what: peak ${kb} kB" || fail "$what: peak ${kb} kB"
}
max_rss "org import /dev/zero" "$YIGONG" --lang en --db "$db" org import /dev/zero
expect_rc 1 "org import /dev/zero"
expect_err "not a CSV file" "org import /dev/zero"
max_rss "import /dev/zero" "$YIGONG" --lang en --db "$db" import /dev/zero
expect_rc 1 "import /dev/zero"
expect_same "$db" "$sum" "hostile files"

# --- nothing raw on a terminal: org list, user list, status, check, messages
evil=$(printf 'E\033]0;pwned\007\342\200\256X')
sqlite3 "$db" "INSERT INTO org_unit(code, name, kind, tier, parent_id)
	SELECT 'H9', '$evil', 'hospital', 'secondary', id FROM org_unit WHERE parent_id IS NULL;
	INSERT INTO app_user(login, role, org_id) SELECT '$evil', 'clerk', id FROM org_unit
	WHERE code = 'H9';" || fail "could not plant the hostile name"
# no_raw WHAT: neither stdout nor stderr holds an ESC or U+202E
no_raw() {
	if grep -q "$(printf '\033')" "$out" "$err" || grep -q "$(printf '\342\200\256')" "$out" "$err"
	then fail "$1: an escape or a bidi override reached the terminal raw"
	else ok "$1: nothing raw"; fi
}
for cmd in "org list" "user list" "status --period 2026-11" "check --period 2026-11"; do
	# shellcheck disable=SC2086
	run --lang en --db "$db" $cmd
	no_raw "$cmd"
done
run --db "$db" org list
expect_out 'E\x1b]0;pwned\x07<U+202E>X' "org list shows the escapes visibly"
run --db "$db" user list
expect_out 'E\x1b]0;pwned\x07<U+202E>X' "user list shows the escapes visibly"
run --db "$db" status --period 2026-11
expect_out 'E\x1b]0;pwned\x07<U+202E>X' "status shows the escapes visibly"
# cells echoed in messages, by both importers
printf '%s\nK1,甲,comm\033[2Junity,,%s\n' "$hdr" "$root" >"$tmp/esc-kind.csv"
run --lang en --db "$db" org import "$tmp/esc-kind.csv"
no_raw "org import message"
expect_err "comm\x1b[2Junity" "org import message escaped"
printf 'dataelement,period,orgunit,value\nstaffing.x\033[2J,202611,%s,1\n' "$root" >"$tmp/esc-imp.csv"
run --lang en --db "$db" import "$tmp/esc-imp.csv"
no_raw "import message"
expect_err 'staffing.x\x1b[2J' "import message escaped"

# --- org import stops after 50 problems
{ printf 'code'; i=0; while [ $i -lt 500 ]; do printf ',bogus%d' $i; i=$((i + 1)); done; echo; } >"$tmp/wide.csv"
run --lang en --db "$db" org import "$tmp/wide.csv"
expect_rc 1 "a hostile header"
[ "$(grep -c ':1: ' "$err")" -eq 50 ] && ok "a hostile header: 50 problems told" ||
	fail "a hostile header: $(grep -c ':1: ' "$err") problems told"
expect_err "stopped after 50 problems" "a hostile header"
{ echo "$hdr"; i=0; while [ $i -lt 300 ]; do echo "Q$i,名,clinic,,$root"; i=$((i + 1)); done; } >"$tmp/many.csv"
run --lang en --db "$db" org import "$tmp/many.csv"
expect_rc 1 "300 bad lines"
[ "$(grep -c 'is unknown' "$err")" -eq 50 ] && ok "300 bad lines: 50 told" || fail "300 bad lines: $(grep -c 'is unknown' "$err") told"

# --- the tree judged whole: a community with children cannot become a township
printf '%s\nE5,东区,community,,%s\nT5,甲镇,township,primary,E5\n' "$hdr" "$root" >"$tmp/tree.csv"
run --lang en --db "$db" org import "$tmp/tree.csv"
expect_rc 0 "a community and its township"
sum=$(fingerprint "$db")
printf '%s\nE5,东区,township,primary,%s\n' "$hdr" "$root" >"$tmp/tree2.csv"
run --lang en --db "$db" org import "$tmp/tree2.csv"
expect_rc 1 "a community with children made a township"
expect_line 2 "the kind change"
expect_err "unit T5 (a township) cannot sit under E5 (a township)" "the child named"
expect_same "$db" "$sum" "a community with children made a township"

# --- files written safely: export (CLI) and backup ------------------------
mkdir "$tmp/out"
echo precious >"$tmp/victim"
ln -s "$tmp/victim" "$tmp/out/x.csv.part"
ln -s "$tmp/victim2" "$tmp/out/x.csv.manifest"
run --lang en --db "$db" export --period 2026-11 -o "$tmp/out/x.csv"
expect_rc 0 "export beside planted symlinks"
[ "$(cat "$tmp/victim")" = precious ] && [ ! -e "$tmp/victim2" ] &&
	ok "export: the symlinks' targets untouched" || fail "export wrote through a symlink"
[ -f "$tmp/out/x.csv.manifest" ] && [ ! -L "$tmp/out/x.csv.manifest" ] && [ -f "$tmp/out/x.csv" ] &&
	ok "export: CSV and manifest in place as files" || fail "export: CSV or manifest missing"
# the manifest cannot go in: the CSV that was there stays, nothing is left
mkdir "$tmp/out2"
echo "old export" >"$tmp/out2/y.csv"
mkdir "$tmp/out2/y.csv.manifest"
run --lang en --db "$db" export --period 2026-11 -o "$tmp/out2/y.csv"
expect_rc 1 "export whose manifest cannot be written"
[ "$(cat "$tmp/out2/y.csv")" = "old export" ] && ok "the old CSV kept" || fail "the old CSV replaced"
[ "$(ls -A "$tmp/out2" | wc -l)" -eq 2 ] && ok "export failure: nothing left behind" ||
	fail "export failure left: $(ls -A "$tmp/out2")"
# a backup that fails half-way leaves neither the file nor its -journal
mkdir "$tmp/bak"
( trap '' XFSZ; ulimit -f 8; "$YIGONG" --lang en --db "$db" backup "$tmp/bak/b.db" >"$out" 2>"$err" ); rc=$?
expect_rc 1 "a backup that runs out of room"
[ -z "$(ls -A "$tmp/bak")" ] && ok "failed backup: nothing left" ||
	fail "failed backup left: $(ls -A "$tmp/bak")"
run --lang en --db "$db" backup "$tmp/bak/b.db"
expect_rc 0 "backup"
[ "$(ls -A "$tmp/bak")" = b.db ] && ok "backup: only the copy" || fail "backup left: $(ls -A "$tmp/bak")"
run --lang en --db "$db" backup "$tmp/bak/b.db"
expect_rc 1 "backup over an existing file"

finish
