#!/bin/sh
# yigong restore FILE (issue 18): the counterpart of backup.
#  - backup, change, restore: the database dump is the backup's again, and
#    the database as it was before the restore is kept beside it;
#  - refused, the live database unchanged and FILE never touched: while
#    another program has the database open (naming it), for a missing file,
#    text, another program's SQLite file, a newer version, a damaged file,
#    and for anyone but an admin;
#  - a database of an older schema is restored and upgraded.
. "$top_srcdir/tests/cli_lib.sh"
. "$top_srcdir/tests/poll_lib.sh"

YIGONG_NOW=2026-12-10T09:00:00+08:00
export YIGONG_NOW
latest=$(ls "$top_srcdir"/data/schema/[0-9][0-9][0-9]-*.sql | wc -l)
db=$tmp/yigong.db

# The 0.1 demo county (tests/fixtures), its admin whoever runs the test.
sqlite3 "$tmp/v3.db" <"$top_srcdir/tests/fixtures/v0.1-demo.sql" || exit 99
[ "$me" = root ] || sqlite3 "$tmp/v3.db" "UPDATE app_user SET login = '$me' WHERE login = 'root'"
cp "$tmp/v3.db" "$db"
run --db "$db" user list
expect_rc 0 "the live database opens"
rm -f "$db".before-upgrade*

run --db "$db" backup "$tmp/b.db"
expect_rc 0 "backup"
backed=$(fingerprint "$tmp/b.db")
run --db "$db" user add zhangsan --role clerk --org 530199101000
expect_rc 0 "a change after the backup"
changed=$(fingerprint "$db")

run --db "$db" restore "$tmp/b.db"
expect_rc 0 "restore"
expect_err "$db.before-restore" "restore names the copy of what it replaced"
if [ "$(fingerprint "$db")" = "$backed" ]; then ok "restore: the dump is the backup's"
else fail "restore: the dump differs from the backup's"; fi
[ "$(sqlite3 "$db" 'PRAGMA user_version')" = "$latest" ] && ok "restore: schema $latest" ||
	fail "restore: schema $(sqlite3 "$db" 'PRAGMA user_version')"
[ "$(sqlite3 "$db" 'PRAGMA journal_mode')" = wal ] && ok "restore: still WAL" ||
	fail "restore: journal mode $(sqlite3 "$db" 'PRAGMA journal_mode')"
expect_same "$tmp/b.db" "$backed" "restore: the backup file"
if [ "$(fingerprint "$db.before-restore")" = "$changed" ]; then
	ok "restore: the copy beside it is the database as it was"
else
	fail "restore: the copy beside it is not the database as it was"
fi
run --db "$db" user list
if grep -q zhangsan "$out"; then fail "restore: the later change survived"
else ok "restore: the later change is gone, the backup's users are back"; fi
run --db "$db" check --period 2026-09..2026-10
if grep -q '数据库完整性\|引用不存在' "$out"; then fail "restore: integrity findings"
else ok "restore: integrity and foreign keys clean"; fi

# Another program has the database open: refused, and it says who.
hold_open "$db" "SELECT count(*) FROM app_user;"
before=$(fingerprint "$db")
run --db "$db" restore "$tmp/b.db"
expect_rc 1 "restore while another program has it open"
expect_err "还有 1 个程序在使用数据库:$me (pid $holder)" "restore while open: says who"
expect_err "数据库没有改动" "restore while open: says nothing changed"
expect_same "$db" "$before" "restore while open"
run --lang en --db "$db" restore "$tmp/b.db"
expect_err "1 other program(s) have the database open: $me (pid $holder)" \
	"restore while open, in English"
release_hold

# Files that are not for restoring.
before=$(fingerprint "$db")
bytes() { if [ -e "$1" ]; then sha256sum <"$1"; else echo none; fi; }
refused() { # FILE TEXT WHAT
	fp=$(bytes "$1")
	run --db "$db" restore "$1"
	expect_rc 1 "$3"
	expect_err "$2" "$3"
	expect_same "$db" "$before" "$3"
	[ "$(bytes "$1")" = "$fp" ] &&
		ok "$3: the file is untouched" || fail "$3: the file changed"
}
refused "$tmp/none.db" "找不到 $tmp/none.db" "a missing file"
echo "machine,beds" >"$tmp/text.db"
refused "$tmp/text.db" "不是 Yigong 数据库" "a text file"
sqlite3 "$tmp/other.db" 'CREATE TABLE t(a); PRAGMA application_id = 42; PRAGMA user_version = 3'
refused "$tmp/other.db" "不是 Yigong 数据库" "another program's SQLite file"
cp "$tmp/b.db" "$tmp/newer.db"
sqlite3 "$tmp/newer.db" "PRAGMA user_version = $((latest + 1))"
refused "$tmp/newer.db" "比本程序新" "a newer version's database"
# Damage: the audit table's root page loses its cell pointers.
cp "$tmp/b.db" "$tmp/damaged.db"
page=$(sqlite3 "$tmp/damaged.db" "SELECT rootpage FROM sqlite_master WHERE name = 'audit'")
size=$(sqlite3 "$tmp/damaged.db" 'PRAGMA page_size')
printf '\377\377\377\377\377\377\377\377\377\377\377\377\377\377\377\377' |
	dd of="$tmp/damaged.db" bs=1 seek=$(( (page - 1) * size + 12 )) conv=notrunc 2>/dev/null
refused "$tmp/damaged.db" "未通过完整性检查" "a damaged file"
# Only an admin restores.
run --db "$db" --as wangfang restore "$tmp/b.db"
expect_rc 1 "a clerk's restore"
expect_same "$db" "$before" "a clerk's restore"

# An older version's database: restored, then upgraded in the live file.
cp "$tmp/v3.db" "$tmp/v2.db"
sqlite3 "$tmp/v2.db" 'DROP TABLE community_value; PRAGMA user_version = 2'
v2=$(fingerprint "$tmp/v2.db")
run --db "$db" restore "$tmp/v2.db"
expect_rc 0 "restore of a schema 2 database"
expect_err "是第 2 版的数据库,已升级到第 $latest 版" "restore of a schema 2 database"
expect_err "$db.before-restore-2" "restore of a schema 2 database: the next free name"
expect_same "$tmp/v2.db" "$v2" "restore of a schema 2 database: the file"
[ "$(sqlite3 "$db" 'PRAGMA user_version')" = "$latest" ] &&
	ok "restore of a schema 2 database: now schema $latest" ||
	fail "restore of a schema 2 database: schema $(sqlite3 "$db" 'PRAGMA user_version')"
n=$(sqlite3 "$db" "ATTACH '$tmp/v2.db' AS o;
	SELECT count(*) FROM (SELECT * FROM o.audit EXCEPT SELECT * FROM main.audit)")
[ "$n" = 0 ] && ok "restore of a schema 2 database: its audit trail is all there" ||
	fail "restore of a schema 2 database: $n audit rows missing"

finish
