#!/bin/sh
# init and user add: who creates a database, who may add people, and that
# every refusal names what was wrong and leaves the database as it was.
. "${top_srcdir:-.}/tests/cli_lib.sh"

db=$tmp/a.db
run --lang en init --db "$db"
expect_rc 0 "init"
expect_out "$me" "init names the admin"
run --db "$db" org list
printf '000000000000\t本县\tcounty\t\t\t\t\n' >"$tmp/want"
cmp -s "$out" "$tmp/want" && ok "init makes the placeholder root" || fail "org list after init"
run --db "$db" user list
grep -q "^$me	admin	000000000000	active\$" "$out" && ok "the login running init is admin" \
	|| fail "user list after init"

sum=$(fingerprint "$db")
run --lang en init --db "$db"
expect_rc 1 "init twice"
expect_err "already exists" "init twice"
expect_same "$db" "$sum" "init twice"

run --lang en init --db "$tmp/b.db" --county-code 530100000000 --county-name 测试县
expect_rc 0 "init with a county"
run --db "$tmp/b.db" org list
expect_out "530100000000	测试县	county" "init --county-code/--county-name"
run --lang en init --demo --county-code 1 --db "$tmp/c.db"
expect_rc 2 "--demo with --county-code"
[ -e "$tmp/c.db" ] && fail "a refused init left a file"
run --lang en init --db "$tmp/c.db" stray
expect_rc 2 "init with a stray argument"
run --lang en init --db "$tmp/c.db" --as "$me"
expect_rc 2 "init --as"

# Where a database cannot be made: a directory that is a file, /proc.
: >"$tmp/plain"
run --lang en init --db "$tmp/plain/x.db"
expect_rc 1 "init under a plain file"
[ -e "$tmp/plain/x.db" ] && fail "init under a plain file made something"
run --lang en init --db /proc/yigong-test.db
expect_rc 1 "init in /proc"
mkdir "$tmp/ro" && chmod 555 "$tmp/ro"
if [ "$(id -u)" -eq 0 ]; then
	echo "SKIP (part): running as root, chmod cannot make a file unwritable for root"
	# A directory still refuses another user: try as nobody.
	nobody="setpriv --reuid=65534 --regid=65534 --clear-groups"
	if command -v setpriv >/dev/null && chmod 755 "$tmp" &&
	   $nobody "$YIGONG" --version >/dev/null 2>&1; then
		$nobody "$YIGONG" --lang en \
			init --db "$tmp/ro/x.db" >"$out" 2>"$err"
		rc=$?
		expect_rc 1 "init in a read-only directory (as nobody)"
		[ -e "$tmp/ro/x.db" ] && fail "init in a read-only directory made a file"
	else
		echo "SKIP (part): cannot run the program as nobody"
	fi
else
	run --lang en init --db "$tmp/ro/x.db"
	expect_rc 1 "init in a read-only directory"
	[ -e "$tmp/ro/x.db" ] && fail "init in a read-only directory made a file"
	cp "$db" "$tmp/ro.db" && chmod 444 "$tmp/ro.db"
	printf 'code,name,kind,tier,parent\nE1,东区,community,,000000000000\n' >"$tmp/ro.csv"
	rsum=$(fingerprint "$tmp/ro.db")
	run --lang en --db "$tmp/ro.db" org import "$tmp/ro.csv"
	expect_rc 1 "org import into a read-only database"
	expect_same "$tmp/ro.db" "$rsum" "read-only database"
fi

# user add: a township to put people in, then good and bad requests.
printf 'code,name,kind,tier,parent\nE1,东区医共体,community,,000000000000\nT1,甲镇卫生院,township,primary,E1\n' \
	>"$tmp/units.csv"
run --db "$db" org import "$tmp/units.csv"
expect_rc 0 "org import of two units"
run --lang en --db "$db" user add wangfang --role clerk --org T1
expect_rc 0 "user add"
expect_out "added user wangfang" "user add"
run --lang en --db "$db" user add wangfang --role reviewer --org E1
expect_rc 0 "user add changes a user"
expect_out "changed user wangfang" "user add changes"
run --db "$db" user list
grep -q '^wangfang	reviewer	E1	active$' "$out" && ok "the change is stored" || fail "user list"
run --db "$db" user add wangfang --role clerk --org T1

sum=$(fingerprint "$db")
run --lang en --db "$db" user add lihua --role boss --org T1
expect_rc 1 "unknown role"
expect_err "role 'boss'" "unknown role"
run --lang en --db "$db" user add lihua --role clerk --org NOPE
expect_rc 1 "unknown org code"
expect_err "'NOPE'" "unknown org code"
run --lang en --db "$db" user add 'li hua' --role clerk --org T1
expect_rc 1 "login with a space"
expect_err "login 'li hua'" "login with a space"
run --lang en --db "$db" user add --role clerk --org T1 -- -lihua
expect_rc 1 "login starting with '-'"
run --lang en --db "$db" user add lihua --org T1
expect_rc 2 "user add without --role"
expect_err "--role" "user add without --role"
run --lang en --db "$db" user add lihua --role clerk
expect_rc 2 "user add without --org"
run --lang en --db "$db" user add --role clerk --org T1
expect_rc 2 "user add without a login"
run --lang en --db "$db" user add lihua --role clerk --org T1 --colour
expect_rc 2 "user add with an unknown option"
expect_err "--colour" "unknown option named"
expect_same "$db" "$sum" "refused user adds"

# --as is for admins, and only for logins the database knows.
run --lang en --db "$db" --as ghost org list
expect_rc 1 "--as an unknown login"
expect_err "ghost" "--as an unknown login"
run --lang en --db "$db" --as wangfang user add lihua --role clerk --org T1
expect_rc 1 "user add acting as a clerk"
expect_same "$db" "$sum" "user add acting as a clerk"
run --db "$db" --as wangfang org list
expect_rc 0 "a clerk may list units"

run --db "$db" user add chenjing --role reviewer --org E1
run --lang en --db "$db" --as chenjing user add lihua --role clerk --org T1
expect_rc 1 "user add acting as a reviewer"
sum=$(fingerprint "$db")
run --lang en --db "$db" user add "$me" --role clerk --org T1
expect_rc 1 "an admin cannot demote itself"
expect_same "$db" "$sum" "self-demotion"

# The running login a clerk (set behind the program's back, as the core
# rightly refuses an admin's self-demotion): no longer allowed to add anyone.
cp "$db" "$tmp/clerk.db"
sqlite3 "$tmp/clerk.db" "UPDATE app_user SET role = 'clerk',
	org_id = (SELECT id FROM org_unit WHERE code = 'T1') WHERE login = '$me'"
csum=$(fingerprint "$tmp/clerk.db")
run --lang en --db "$tmp/clerk.db" user add lihua --role clerk --org T1
expect_rc 1 "user add by a clerk"
expect_same "$tmp/clerk.db" "$csum" "user add by a clerk"
run --lang en --db "$tmp/clerk.db" --as wangfang org list
expect_rc 1 "--as by a clerk"

# A login the database does not know is refused by name, with the fix.
cp "$db" "$tmp/other.db"
sqlite3 "$tmp/other.db" "UPDATE app_user SET login = 'somebody' WHERE login = '$me'"
osum=$(fingerprint "$tmp/other.db")
run --lang en --db "$tmp/other.db" org list
expect_rc 1 "unknown login"
expect_err "$me" "unknown login named"
expect_err "user add $me" "unknown login: how to add it"
expect_same "$tmp/other.db" "$osum" "unknown login"

finish
