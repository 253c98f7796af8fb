#!/bin/sh
# The shared-server deployment (doc/deploy.md), for real: as root, install
# yigong setgid to a fresh group into a temporary prefix, put the system
# database in /var/lib/yigong (2770 root:group, file 0660), and show with
# Unix users who are NOT in the group that
#  - their shell cannot read or write the database file (sqlite3, cat, >>);
#  - through the setgid program they can work, and a clerk sees only their
#    own institution;
#  - --db, $YIGONG_DB, $YIGONG_CONF and --as do not point the program
#    elsewhere for a non-admin; init of the system database is refused;
#  - files they name (export -o, backup, import, restore) are opened with
#    their own rights: the database cannot be overwritten or read through
#    them;
#  - an admin's --db is opened with the admin's own rights;
#  - an older system database is upgraded with its copy the group's.
# Needs root, useradd and sqlite3, and no real installation on this host
# (/var/lib/yigong, /etc/yigong.conf): otherwise SKIP (77).
set -u
. "${top_srcdir:-.}/tests/poll_lib.sh"

skip() { echo "SKIP: $*"; exit 77; }
[ "$(id -u)" = 0 ] || skip "needs root (creates a group, users and /var/lib/yigong)"
for c in useradd userdel groupadd groupdel runuser sqlite3 getent make stat; do
	command -v "$c" >/dev/null 2>&1 || skip "$c is missing"
done
[ -e /etc/yigong.conf ] && skip "/etc/yigong.conf exists: a real installation; not touching it"
SYS=/var/lib/yigong
DB=$SYS/yigong.db
# mkdir is the lock: a second run (or a real install) makes this one skip.
mkdir "$SYS" 2>/dev/null || skip "$SYS exists (a real installation or another run of this test)"

G=ygt$$
UA=yga$$    # admin of the county in the database, not in the group
U1=ygc$$    # clerk of a township ($O1)
U2=ygd$$    # clerk of a township in another medical community ($O2)
T=$(mktemp -d /tmp/yigong-priv.XXXXXX)
fails=0

cleanup() {
	for u in "$UA" "$U1" "$U2"; do
		getent passwd "$u" >/dev/null && userdel "$u" 2>/dev/null
	done
	getent group "$G" >/dev/null && groupdel "$G" 2>/dev/null
	rm -rf "$SYS" "$T"
}
trap cleanup EXIT
trap 'exit 1' HUP INT TERM

fail() { echo "FAIL: $*"; fails=$((fails + 1)); }
ok() { echo "ok: $*"; }

groupadd "$G" || { echo "FAIL: groupadd"; exit 1; }
for u in "$UA" "$U1" "$U2"; do
	useradd -M -N -s /bin/sh "$u" || { echo "FAIL: useradd $u"; exit 1; }
done
chmod 755 "$T"
mkdir "$T/ua" "$T/u1"
chown "$UA" "$T/ua"
chown "$U1" "$T/u1"

# --- install through the build's own install-exec-hook ---
env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL make -s -C "$top_builddir" install-exec \
	bindir="$T/bin" YIGONG_GROUP="$G" >"$T/install.log" 2>&1 ||
	{ cat "$T/install.log"; echo "FAIL: make install-exec"; exit 1; }
BIN=$T/bin/yigong
mode=$(stat -c '%A %G' "$BIN")
[ "$mode" = "-rwxr-sr-x $G" ] && ok "installed setgid: $mode" ||
	fail "installed program is '$mode', want setgid $G"

# --- the system database, made the way doc/deploy.md says ---
chgrp "$G" "$SYS"
chmod 2770 "$SYS"
# root makes it (doc/deploy.md), so that none of its files is a user's; the
# group keeps YIGONG_NOW (this test's moment) honoured for the demo.
runuser -u root -g "$G" -- sh -c "umask 007 && exec '$BIN' init --demo --admin '$UA'" \
	>"$T/init.log" 2>&1 || { cat "$T/init.log"; echo "FAIL: init"; exit 1; }
# owners DESC: the database, -wal and -shm must all be "660 root G"
owners() {
	own=$(stat -c '%a %U %G' "$DB" "$DB-wal" "$DB-shm" 2>&1 | sort -u)
	[ "$own" = "660 root $G" ] && ok "$1: database, -wal, -shm all 660 root:$G" ||
		fail "$1: the database's files are '$own', want 660 root $G"
}
owners "after init"
# Two townships of different medical communities.
runuser -u "$UA" -g "$G" -- "$BIN" org list >"$T/orgs"
O1=$(awk -F '\t' '$3 == "township" { print $1; exit }' "$T/orgs")
P1=$(awk -F '\t' -v o="$O1" '$1 == o { print $5 }' "$T/orgs")
O2=$(awk -F '\t' -v p="$P1" '$3 == "township" && $5 != p { print $1; exit }' "$T/orgs")
[ -n "$O1" ] && [ -n "$O2" ] || { echo "FAIL: no two townships in the demo"; exit 1; }
runuser -u "$UA" -g "$G" -- "$BIN" user add "$U1" --role clerk --org "$O1" >/dev/null &&
runuser -u "$UA" -g "$G" -- "$BIN" user add "$U2" --role clerk --org "$O2" >/dev/null ||
	{ echo "FAIL: user add"; exit 1; }
mode=$(stat -c '%a %G' "$DB")
[ "$mode" = "660 $G" ] && ok "database is $mode" || fail "database is '$mode', want 660 $G"
# The demo was built on the tests' moment (init ran with the program's own
# group, so YIGONG_NOW held); last month is full of returns.
P=$(TZ=UTC date -d "$(TZ=Asia/Shanghai date -d "$YIGONG_NOW" +%Y-%m)-15 -1 month" +%Y-%m)
# sqlite3 as the deployment's admin would run it: keeping -wal and -shm
# (the CLI removes them on close otherwise, and the program then refuses
# to run until root puts them back: doc/deploy.md).
sq() {
	runuser -u "$UA" -g "$G" -- sqlite3 -cmd '.output /dev/null' -cmd '.filectrl persist_wal 1' \
		-cmd '.output stdout' "$DB" "$@"
}
count() { sq 'SELECT count(*) FROM audit'; }
audit_rows=$(count)

as_user() { u=$1; shift; runuser -u "$u" -- "$@"; }

# --- 1. the shell of a user not in the group ---
as_user "$U1" sqlite3 "$DB" 'SELECT count(*) FROM submission' >"$T/out" 2>&1 &&
	fail "sqlite3 read the database as $U1: $(cat "$T/out")" || ok "sqlite3 cannot read it"
as_user "$U1" sqlite3 "$DB" "UPDATE value SET num = 0" >"$T/out" 2>&1 &&
	fail "sqlite3 wrote the database as $U1" || ok "sqlite3 cannot write it"
as_user "$U1" sh -c "cat '$DB' >/dev/null" 2>/dev/null &&
	fail "cat read the database" || ok "cat cannot read it"
as_user "$U1" sh -c ": >>'$DB'" 2>/dev/null && fail "the shell opened it for writing" ||
	ok "the shell cannot open it for writing"
as_user "$U1" sh -c ": >'$SYS/new'" 2>/dev/null && fail "the shell created a file in $SYS" ||
	ok "the shell cannot create files in $SYS"

# --- 1b. a clerk cannot date their work: YIGONG_NOW is ignored, and said so.
# (The screens' "today" comes from the system clock under setgid.)
as_user "$U1" env YIGONG_NOW=2020-01-06T09:00:00+08:00 "$BIN" status --period "$P" \
	>"$T/out" 2>"$T/err"
grep -q "YIGONG_NOW" "$T/err" && ok "YIGONG_NOW is ignored with a warning under setgid" ||
	fail "no warning about YIGONG_NOW: $(cat "$T/err")"
grep -q "$O1" "$T/out" && ok "and the command still runs" || fail "status did not run: $(cat "$T/err")"
unset YIGONG_NOW

# --- 2. through the setgid program, and only their own institution ---
if as_user "$U1" "$BIN" status --period "$P" >"$T/out" 2>"$T/err"; then
	grep -q "$O1" "$T/out" && ok "the clerk works through the program" ||
		fail "status shows no own institution: $(cat "$T/out")"
	grep -q "$O2" "$T/out" && fail "the clerk sees another institution" ||
		ok "the clerk does not see another institution's returns"
else
	fail "status through the setgid program: $(cat "$T/err")"
fi
as_user "$U1" "$BIN" check --period "$P" >"$T/out" 2>&1
grep -q "$O2" "$T/out" && fail "check shows another institution" ||
	ok "check shows only the clerk's own institution"

# --- 2b. the screens of a clerk, seen from outside: between database calls
# the process has only the clerk's group (the program's is the saved one),
# and it is not dumpable (its user cannot read its memory or environment).
if command -v tmux >/dev/null 2>&1 && command -v pgrep >/dev/null 2>&1; then
	sock=yg-priv-$$
	tmux -L "$sock" -f /dev/null new-session -d -s t -x 80 -y 24 \
		"runuser -u '$U1' -- env TERM=tmux-256color LC_ALL=C.UTF-8 '$BIN'" ||
		fail "tmux did not start"
	pane_shows_home() {
		tmux -L "$sock" capture-pane -p -t t 2>/dev/null | grep -q "本月待报"
	}
	poll_until pane_shows_home || true # the check below says what went wrong
	pid=$(pgrep -u "$U1" -x yigong | head -1)
	if [ -z "$pid" ]; then
		fail "the clerk's screens did not start: $(tmux -L "$sock" capture-pane -p -t t)"
	else
		gids=$(awk '/^Gid:/ { print $2, $3, $4 }' "/proc/$pid/status")
		want="$(id -g "$U1") $(id -g "$U1") $(getent group "$G" | cut -d: -f3)"
		[ "$gids" = "$want" ] && ok "on screen: real, effective, saved group $gids" ||
			fail "on screen the groups are '$gids', want '$want'"
		as_user "$U1" cat "/proc/$pid/environ" >/dev/null 2>&1 &&
			fail "the clerk can read the process's environment: it is dumpable" ||
			ok "the process is not dumpable"
	fi
	tmux -L "$sock" kill-server 2>/dev/null
fi

owners "after the clerks' runs"

# --- 2c. no path a user names reaches the database's files: not even the
# descriptors the process holds open, through /proc/self/fd.
leaked=0
for n in 3 4 5 6 7 8 9; do
	for cmd in "org import" import; do
		# shellcheck disable=SC2086
		as_user "$U1" "$BIN" --lang en $cmd "/proc/self/fd/$n" >"$T/out" 2>&1
		grep -q "cannot open\|does not exist\|No such" "$T/out" || {
			leaked=1
			fail "$cmd /proc/self/fd/$n was read: $(head -c 200 "$T/out")"
		}
	done
done
[ $leaked = 0 ] && ok "/proc/self/fd/3..9 cannot be opened by org import or import"
as_user "$U1" sh -c "cat '$DB-wal' '$DB-shm' >/dev/null" 2>/dev/null &&
	fail "the clerk's shell read -wal or -shm" || ok "the clerk's shell cannot read -wal or -shm"
# A -wal that became a user's (an older version, a careless root) is refused.
chown "$U1" "$DB-wal"
refused_owner() {
	as_user "$U1" "$BIN" --lang en status --period "$P" >"$T/out" 2>&1 &&
		fail "ran with a user's -wal" || {
		grep -q "wrong owner" "$T/out" && ok "a user's -wal is refused: $(head -1 "$T/out")" ||
			fail "a user's -wal: $(head -2 "$T/out")"
	}
}
refused_owner
chown root "$DB-wal"

# --- 3. nothing points a non-admin elsewhere ---
runuser -u "$UA" -- sh -c "umask 077 && '$BIN' --db '$T/ua/other.db' init --demo" >/dev/null 2>&1
refused() { # what, then the command; must exit 1 and say why
	what=$1; shift
	"$@" >"$T/out" 2>"$T/err"
	rc=$?
	[ $rc = 1 ] && ok "$what refused: $(head -1 "$T/err")" ||
		fail "$what: exit $rc, $(cat "$T/out" "$T/err" | head -3)"
}
refused "--db for a clerk" as_user "$U1" "$BIN" --db "$T/ua/other.db" status --period "$P"
refused "YIGONG_DB for a clerk" as_user "$U1" env YIGONG_DB="$T/ua/other.db" "$BIN" status \
	--period "$P"
refused "--as for a clerk" as_user "$U1" "$BIN" --as "$U2" status --period "$P"
refused "init of the system database" as_user "$U1" "$BIN" init
refused "an unsafe TERM" as_user "$U1" env TERM="$(printf 'x%.0s' $(seq 1 200))" "$BIN" \
	status --period "$P"
printf 'db = %s\n' "$T/ua/other.db" >"$T/evil.conf"
chmod 644 "$T/evil.conf"
as_user "$U1" env YIGONG_CONF="$T/evil.conf" "$BIN" status --period "$P" >"$T/out" 2>&1
grep -q "$O1" "$T/out" && ok "YIGONG_CONF is ignored when setgid" ||
	fail "YIGONG_CONF changed the database: $(head -2 "$T/out")"

# --- 4. files the user names are opened with the user's rights ---
refused "export -o onto the database" as_user "$UA" "$BIN" export --period "$P" \
	-o "$DB"
refused "export -o into the database directory" as_user "$UA" "$BIN" export --period "$P" \
	-o "$SYS/x.csv"
refused "backup into the database directory" as_user "$UA" "$BIN" backup "$SYS/copy.db"
as_user "$U1" "$BIN" import "$DB" >"$T/out" 2>&1
grep -qi "SQLite format" "$T/out" && fail "import leaked the database's bytes"
[ -e "$SYS/x.csv" ] || [ -e "$SYS/x.csv.part" ] || [ -e "$SYS/copy.db" ] &&
	fail "a user-named file appeared in $SYS"
res=$(sq 'PRAGMA integrity_check')
[ "$res" = ok ] && [ "$(count)" = "$audit_rows" ] && ok "the database is untouched" ||
	fail "the database changed: integrity '$res', audit rows $(count) (was $audit_rows)"
if as_user "$UA" "$BIN" export --period "$P" -o "$T/ua/out.csv" >/dev/null 2>"$T/err"; then
	own=$(stat -c '%U %G' "$T/ua/out.csv")
	grp=$(id -gn "$UA")
	[ "$own" = "$UA $grp" ] && ok "export -o writes as the user ($own)" ||
		fail "export file belongs to '$own', want '$UA $grp'"
else
	fail "export -o to the admin's own directory: $(cat "$T/err")"
fi
if as_user "$UA" "$BIN" backup "$T/ua/b.db" >/dev/null 2>"$T/err"; then
	own=$(stat -c '%G' "$T/ua/b.db")
	[ "$own" != "$G" ] && ok "backup is the user's file (group $own)" ||
		fail "backup file has the program's group"
else
	fail "backup to the admin's own directory: $(cat "$T/err")"
fi
# restore (issue 18): FILE read with the admin's rights; the copy of the live
# database beside it with the group's; the live file keeps owner and mode.
was=$(stat -c '%a %U %G' "$DB")
if as_user "$UA" "$BIN" restore "$T/ua/b.db" >/dev/null 2>"$T/err"; then
	ok "restore by the admin"
	[ "$(stat -c '%a %U %G' "$DB")" = "$was" ] && ok "restore keeps the database's $was" ||
		fail "restore made the database $(stat -c '%a %U %G' "$DB"), was $was"
	own=$(stat -c '%a %G' "$DB.before-restore")
	[ "$own" = "660 $G" ] && ok "the copy before the restore is the group's ($own)" ||
		fail "the copy before the restore is $own"
else
	fail "restore by the admin: $(cat "$T/err")"
fi
refused "restore from a file only the group reaches" as_user "$UA" "$BIN" restore \
	"$DB.before-restore"
refused "restore by a clerk" as_user "$U1" "$BIN" restore "$T/ua/b.db"

# --- 5. an admin may name another database: opened with their own rights ---
if as_user "$UA" "$BIN" --db "$T/ua/other.db" status --period "$P" >"$T/out" 2>"$T/err"; then
	ok "--db for an admin"
else
	fail "--db for an admin: $(cat "$T/err")"
fi
chgrp "$G" "$T/ua/other.db"
chmod 600 "$T/ua/other.db"
chown root "$T/ua/other.db"
chmod 060 "$T/ua/other.db"
refused "--db reaching a group-only file, even for an admin" \
	as_user "$UA" "$BIN" --db "$T/ua/other.db" status --period "$P"

# --- 6. an older system database is upgraded by the first program to start
# (issue 18), and the copy made before goes beside it with the group's rights.
# The 0.1 fixture a schema older still, its admin our admin, put in place
# with sqlite3's own backup API so that the file stays the group's.
sqlite3 "$T/old.db" <"$top_srcdir/tests/fixtures/v0.1-demo.sql" &&
sqlite3 "$T/old.db" "UPDATE app_user SET login = '$UA' WHERE login = 'root';
	DROP TABLE community_value; PRAGMA user_version = 2" && chmod 644 "$T/old.db" &&
runuser -u "$UA" -g "$G" -- sqlite3 -cmd '.filectrl persist_wal 1' "$DB" ".restore '$T/old.db'" ||
	fail "could not put an old database in place"
if as_user "$UA" "$BIN" user list >/dev/null 2>"$T/err"; then
	grep -q "$DB.before-upgrade.v2" "$T/err" && ok "upgrade through the setgid program: $(cat "$T/err")" ||
		fail "upgrade did not name its copy: $(cat "$T/err")"
	own=$(stat -c '%a %G' "$DB.before-upgrade.v2" 2>&1)
	[ "$own" = "660 $G" ] && ok "the copy before the upgrade is the group's ($own)" ||
		fail "the copy before the upgrade is $own"
else
	fail "upgrade through the setgid program: $(cat "$T/err")"
fi

[ $fails = 0 ] && echo "privilege: all checks passed" || echo "privilege: $fails failure(s)"
[ $fails = 0 ]
