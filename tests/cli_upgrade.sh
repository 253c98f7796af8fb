#!/bin/sh
# A county's 0.1 database opens in this version with nothing lost (issue 18).
#
# The fixture is the demo county written by 0.1 itself (tests/fixtures/,
# made by make-v0.1-demo.sh), with what 0.1 said of its months.  Here:
#  - the fixture, and the same one a schema older (migration 003's table
#    taken out, as a 0.1 database of schema 2 had it), open: upgraded in
#    place after a copy beside it that the message names; every row and
#    value of every table the old one had is still there, compared field by
#    field; status and check of the old months say what 0.1 said;
#  - a migration that fails half-way leaves the database exactly as it was,
#    says so, and leaves no copy behind;
#  - two programs starting at once on an old database upgrade it once;
#  - a database newer than the program is refused with the message 0.1
#    already has.
# The mechanism is generic: whatever migrations this build has after the
# fixture's version are applied, so the test keeps its meaning as they come.
. "$top_srcdir/tests/cli_lib.sh"
. "$top_srcdir/tests/poll_lib.sh"

fixtures=$top_srcdir/tests/fixtures
# Figures of months whose due dates have passed do not depend on "now", as
# long as it is after them: this one, whatever moment tests/local.mk picks.
YIGONG_NOW=2026-12-10T09:00:00+08:00
export YIGONG_NOW
latest=$(ls "$top_srcdir"/data/schema/[0-9][0-9][0-9]-*.sql | wc -l)
# Tables 0.2 rebuilds on purpose, listed in README.md's upgrade notes: their
# old rows are not expected to survive unchanged.  None so far.
rebuilt=""
# Tables a migration adds rows to on purpose (values 0.1 implied, written
# out), also in the upgrade notes: every old row must still be there, and
# more are allowed.  Postings' mode and profession (005); the due day's
# history and the new obligations' first month (004, 006).
grown="record_value setting"

# The fixture as a database file; its admin becomes whoever runs the test.
sqlite3 "$tmp/v3.db" <"$fixtures/v0.1-demo.sql" || exit 99
[ "$me" = root ] || sqlite3 "$tmp/v3.db" "UPDATE app_user SET login = '$me' WHERE login = 'root'"
fixture_version=$(sqlite3 "$tmp/v3.db" 'PRAGMA user_version')
# Schema 2 had everything but migration 003's table (empty in the demo).
cp "$tmp/v3.db" "$tmp/v2.db"
sqlite3 "$tmp/v2.db" 'DROP TABLE community_value; PRAGMA user_version = 2' || exit 99

version() { sqlite3 "$1" 'PRAGMA user_version'; }

# same_content OLD NEW WHAT: every table of OLD is in NEW with the same rows,
# each column OLD has compared by value and by type (quote()), and no more
# rows (but in the $grown tables); columns NEW added are not OLD's business.
same_content() {
	tables=$(sqlite3 "$1" "SELECT name FROM sqlite_master WHERE type = 'table'
		AND name NOT LIKE 'sqlite_%' ORDER BY name")
	bad=0 rows=0 values=0
	for t in $tables; do
		case " $rebuilt " in *" $t "*) continue ;; esac
		cols=$(sqlite3 "$1" "SELECT group_concat('quote(\"' || name || '\")', ', ')
			FROM pragma_table_info('$t')")
		ncols=$(sqlite3 "$1" "SELECT count(*) FROM pragma_table_info('$t')")
		diff=$(sqlite3 "$2" "ATTACH '$1' AS o;
			SELECT (SELECT count(*) FROM (SELECT $cols FROM o.\"$t\"
				EXCEPT SELECT $cols FROM main.\"$t\"))
			|| ' ' || (SELECT count(*) FROM (SELECT $cols FROM main.\"$t\"
				EXCEPT SELECT $cols FROM o.\"$t\"))
			|| ' ' || (SELECT count(*) FROM o.\"$t\")
			|| ' ' || (SELECT count(*) FROM main.\"$t\")" 2>&1)
		set -- "$1" "$2" "$3" $diff
		case " $grown " in
		*" $t "*) [ $# -eq 7 ] && [ "$4" = 0 ] && [ "$7" -ge "$6" ] && set -- "$1" "$2" "$3" 0 0 "$6" "$6" ;;
		esac
		if [ $# -ne 7 ] || [ "$4" != 0 ] || [ "$5" != 0 ] || [ "$6" != "$7" ]; then
			echo "  table $t: $diff (old rows missing, new rows extra, old count, new count)"
			bad=$((bad + 1))
		fi
		rows=$((rows + ${6:-0}))
		values=$((values + ${6:-0} * ncols))
	done
	if [ "$bad" -eq 0 ]; then
		ok "$3: $(echo $tables | wc -w) tables, $rows rows, $values values as they were"
	else
		fail "$3: $bad table(s) differ"
	fi
}

# as_0_1_said NAME FILE WHAT: FILE is what 0.1 printed (v0.1-demo.NAME.txt),
# apart from what 0.2 deliberately computes differently: those changes, as
# diff(1) shows them, are v0.2-changes.NAME.diff beside it, each listed in
# README.md's upgrade notes.
as_0_1_said() {
	changes=$fixtures/v0.2-changes.$1.diff
	diff "$fixtures/v0.1-demo.$1.txt" "$2" >"$tmp/diff"
	if [ -f "$changes" ] && cmp -s "$tmp/diff" "$changes"; then
		ok "$3: as 0.1 said, but for the upgrade notes' changes"
	elif [ ! -f "$changes" ] && [ ! -s "$tmp/diff" ]; then
		ok "$3: as 0.1 said"
	else
		fail "$3: differs from what 0.1 said"
		head -n 10 "$tmp/diff"
	fi
}

# same_figures DB WHAT: status of each old month and check of both.
same_figures() {
	for m in 2026-09 2026-10; do
		run --db "$1" --lang zh status --period $m
		expect_rc 0 "$2: status $m"
		as_0_1_said status-$m "$out" "$2: status $m"
	done
	run --db "$1" --lang zh check --period 2026-09..2026-10
	expect_rc 0 "$2: check"
	as_0_1_said check "$out" "$2: check"
}

# upgrades OLD WHAT: a copy of OLD opens, is upgraded with a copy beside it
# (when this build has migrations after OLD's version), and keeps it all.
upgrades() {
	db=$tmp/county-$(version "$1").db
	from=$(version "$1")
	cp "$1" "$db"
	run --db "$db" user list --quiet
	expect_rc 0 "$2: opens"
	if [ "$from" -lt "$latest" ]; then
		expect_err "从第 $from 版升级到第 $latest 版" "$2: says it upgraded"
		expect_err "$db.before-upgrade.v$from" "$2: names the copy"
		if [ "$(fingerprint "$db.before-upgrade.v$from")" = "$(fingerprint "$1")" ] &&
		   [ "$(version "$db.before-upgrade.v$from")" = "$from" ]; then
			ok "$2: the copy is the database as it was"
		else
			fail "$2: the copy is not the database as it was"
		fi
	elif [ -s "$err" ]; then
		fail "$2: nothing to upgrade, yet it said something"
	fi
	[ "$(version "$db")" = "$latest" ] && ok "$2: now schema $latest" ||
		fail "$2: schema $(version "$db"), expected $latest"
	run --db "$db" check --period 2026-09..2026-10
	expect_rc 0 "$2: check runs"
	if grep -q '数据库完整性\|引用不存在' "$out"; then fail "$2: integrity findings"
	else ok "$2: integrity and foreign keys clean"; fi
	# The upgrade judged every old return and stored what its rules find,
	# exactly what check finds now (a difference is a DB finding).
	unjudged=$(sqlite3 "$db" "SELECT count(*) FROM submission s WHERE NOT EXISTS
		(SELECT 1 FROM finding_count c WHERE c.submission_id = s.id)")
	[ "$unjudged" = 0 ] && ok "$2: every return's findings stored" ||
		fail "$2: $unjudged returns without stored findings"
	if grep -q '	DB	' "$out"; then fail "$2: stored findings differ from check's"
	else ok "$2: stored findings are check's"; fi
	same_content "$1" "$db" "$2"
	same_figures "$db" "$2"
	# Opened again: nothing more to do, nothing said, no second copy.
	run --db "$db" user list --quiet
	if [ "$rc" -eq 0 ] && [ ! -s "$err" ] && [ ! -e "$db.before-upgrade.v$latest" ]; then
		ok "$2: the second opening finds nothing to do"
	else
		fail "$2: the second opening did something"
	fi
}

upgrades "$tmp/v3.db" "the 0.1 fixture (schema $fixture_version)"
upgrades "$tmp/v2.db" "the fixture at schema 2"

# Schema 8 as 0.2 wrote it before the stored figures (migration 009): the
# upgraded fixture without the memo table and its triggers.  Upgraded, the
# screens' figures are stored once read, and check finds them true.
cp "$tmp/v3.db" "$tmp/v8.db"
run --db "$tmp/v8.db" user list --quiet
sqlite3 "$tmp/v8.db" "SELECT 'DROP TRIGGER ' || name || ';' FROM sqlite_master
	WHERE type = 'trigger' AND name LIKE '%\\_memo\\_%' ESCAPE '\\'" >"$tmp/v8.sql" || exit 99
[ -s "$tmp/v8.sql" ] || exit 99
echo 'DROP TABLE figure_memo; PRAGMA user_version = 8;' >>"$tmp/v8.sql"
sqlite3 "$tmp/v8.db" <"$tmp/v8.sql" || exit 99
upgrades "$tmp/v8.db" "a schema 8 database"
run --db "$tmp/v8.db" dashboard --period 2026-10
expect_rc 0 "schema 8, upgraded: the dashboard runs"
stored=$(sqlite3 "$tmp/v8.db" "SELECT count(*) FROM figure_memo WHERE period = 202610")
[ "$stored" -gt 0 ] && ok "schema 8, upgraded: the dashboard stored its figures" ||
	fail "schema 8, upgraded: nothing stored"
run --db "$tmp/v8.db" check --period 2026-09..2026-10
if grep -q '	DB	' "$out"; then fail "schema 8, upgraded: stored figures differ from check's"
else ok "schema 8, upgraded: the stored figures are check's"; fi

# A migration failing half-way: schema 1 look-alike whose 003 table is still
# there, so 002 applies and 003 then fails ("already exists").
cp "$tmp/v3.db" "$tmp/half.db"
sqlite3 "$tmp/half.db" 'DROP INDEX audit_at; PRAGMA user_version = 1' || exit 99
before=$(fingerprint "$tmp/half.db")
run --db "$tmp/half.db" user list
expect_rc 1 "failed upgrade"
expect_err "未能从第 1 版升级到第 $latest 版" "failed upgrade"
expect_err "数据库保持原样" "failed upgrade: says the database is as it was"
expect_same "$tmp/half.db" "$before" "failed upgrade"
[ "$(version "$tmp/half.db")" = 1 ] && ok "failed upgrade: still schema 1" ||
	fail "failed upgrade: schema $(version "$tmp/half.db")"
if sqlite3 "$tmp/half.db" "SELECT 1 FROM sqlite_master WHERE name = 'audit_at'" | grep -q 1; then
	fail "failed upgrade: migration 002's index stayed"
else
	ok "failed upgrade: migration 002's work rolled back with the rest"
fi
if ls "$tmp"/half.db.before-upgrade* >/dev/null 2>&1; then
	fail "failed upgrade: a copy was left behind"
else
	ok "failed upgrade: no copy left behind"
fi
run --lang en --db "$tmp/half.db" user list
expect_err "could not be upgraded from schema 1 to $latest" "failed upgrade, in English"
expect_err "The database is left as it was." "failed upgrade, in English"

# Two programs at once.  A third connection holds the write lock while both
# start, so both find the old version and queue for the lock; when it goes,
# one upgrades and the other, let in next, finds it done.
cp "$tmp/v2.db" "$tmp/race.db"
sqlite3 "$tmp/race.db" 'PRAGMA journal_mode = WAL' >/dev/null
hold_open "$tmp/race.db" "BEGIN IMMEDIATE;"
"$YIGONG" --db "$tmp/race.db" --lang zh status --period 2026-09 >"$tmp/a.out" 2>"$tmp/a.err" &
a=$!
"$YIGONG" --db "$tmp/race.db" --lang zh status --period 2026-09 >"$tmp/b.out" 2>"$tmp/b.err" &
b=$!
# Connected: each holds SQLite's lock on the -shm file (it lives in /proc/locks).
connected() { grep -q "POSIX .* $a " /proc/locks && grep -q "POSIX .* $b " /proc/locks; }
poll_until connected || fail "race: the two programs did not connect"
release_hold
wait "$a"; ra=$?
wait "$b"; rb=$?
[ "$ra" -eq 0 ] && [ "$rb" -eq 0 ] && ok "race: both programs ran" ||
	fail "race: exit $ra and $rb; $(cat "$tmp/a.err" "$tmp/b.err")"
n=$(cat "$tmp/a.err" "$tmp/b.err" | grep -c '升级到第')
[ "$n" -eq 1 ] && ok "race: upgraded once" || fail "race: $n upgrade messages"
n=$(ls "$tmp"/race.db.before-upgrade* 2>/dev/null | wc -l)
[ "$n" -eq 1 ] && ok "race: one copy" || fail "race: $n copies"
as_0_1_said status-2026-09 "$tmp/a.out" "race: the first program's figures"
as_0_1_said status-2026-09 "$tmp/b.out" "race: the second program's figures"
[ "$(version "$tmp/race.db")" = "$latest" ] && ok "race: now schema $latest" ||
	fail "race: schema $(version "$tmp/race.db")"

# Newer than the program: refused with the message 0.1 has too, untouched.
cp "$tmp/county-2.db" "$tmp/newer.db"
sqlite3 "$tmp/newer.db" "PRAGMA user_version = $((latest + 1))"
before=$(fingerprint "$tmp/newer.db")
run --db "$tmp/newer.db" user list
expect_rc 1 "newer database"
expect_err "的版本($((latest + 1)))比本程序新($latest),请升级 yigong" "newer database"
expect_same "$tmp/newer.db" "$before" "newer database"

finish
