#!/bin/sh
# /etc/yigong.conf, through $YIGONG_CONF (honoured when not setgid): the
# settings apply (db, lang, due_day at init), and every kind of mistake
# stops the program with the file's name and the line's number.
set -u
: "${YIGONG:?YIGONG must name the built program}"
T=$(mktemp -d "${TMPDIR:-/tmp}/yg-conf.XXXXXX") || exit 99
trap 'rm -rf "$T"' EXIT
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }
unset YIGONG_DB YIGONG_LANG

conf() { printf '%s\n' "$@" >"$T/c.conf"; }
run() { YIGONG_CONF="$T/c.conf" "$YIGONG" "$@"; }

# --- settings that apply ---
conf '# site settings' '' "db = $T/a.db" '  due_day=12  ' 'lang = en' '   # indented comment'
run init >"$T/out" 2>&1 || fail "init with a configuration: $(cat "$T/out")"
[ -f "$T/a.db" ] || fail "db = did not choose where init creates the database"
grep -q "^created" "$T/out" || fail "lang = en did not apply: $(cat "$T/out")"
run org list >"$T/out" 2>&1 || fail "org list through the configured db: $(cat "$T/out")"
due=$(sqlite3 "$T/a.db" "SELECT value FROM setting WHERE key = 'due_day'" 2>/dev/null)
command -v sqlite3 >/dev/null 2>&1 && [ "$due" != 12 ] &&
	fail "due_day = 12 was not written into the new database (got '$due')"
# --lang and --db still win over the file.
run --lang zh org list --db "$T/a.db" >/dev/null 2>&1 || fail "--db with a configuration"
run --lang zh init --db "$T/b.db" >"$T/out" 2>&1
grep -q "^已创建" "$T/out" || fail "--lang zh did not win over lang = en: $(cat "$T/out")"

# The database's own due day is authoritative: a later file does not move it.
conf "db = $T/a.db" 'due_day = 20'
run org list >/dev/null 2>&1
due=$(sqlite3 "$T/a.db" "SELECT value FROM setting WHERE key = 'due_day'" 2>/dev/null)
command -v sqlite3 >/dev/null 2>&1 && [ "$due" != 12 ] &&
	fail "the file changed an existing database's due day (got '$due')"

# --- mistakes: exit 1, FILE:LINE: and what ---
bad() { # line, message pattern, lines of the file...
	line=$1 pat=$2
	shift 2
	conf "$@"
	YIGONG_CONF="$T/c.conf" YIGONG_LANG=en "$YIGONG" org list --db "$T/a.db" \
		>"$T/out" 2>&1
	rc=$?
	[ $rc = 1 ] || fail "exit $rc for: $*"
	grep -q "$T/c.conf:$line: .*$pat" "$T/out" ||
		fail "no 'c.conf:$line: ...$pat' for: $* — got: $(cat "$T/out")"
}
bad 2 "unknown setting" '# ok' 'colour = red'
bad 3 "set twice" 'lang = en' '' 'lang = zh'
bad 1 'expected "key = value"' 'db /var/lib/yigong/yigong.db'
bad 2 "empty key or value" 'lang = en' 'due_day ='
bad 1 "absolute path" 'db = yigong.db'
bad 1 "1 to 28" 'due_day = 29'
bad 1 "1 to 28" 'due_day = 5x'
bad 1 "1 to 28" 'due_day = -3'
bad 1 "zh or en" 'lang = fr'
bad 4 "unknown setting" '# a' '# b' '' 'DB = /x'
YIGONG_CONF="$T/missing.conf" "$YIGONG" org list --db "$T/a.db" >"$T/out" 2>&1 &&
	fail "a named configuration file that is missing was accepted"
printf 'lang = en\0\n' >"$T/c.conf"
YIGONG_CONF="$T/c.conf" "$YIGONG" org list --db "$T/a.db" >/dev/null 2>&1 &&
	fail "a file with a NUL byte was accepted"

[ $fails = 0 ] && echo PASS
[ $fails = 0 ]
