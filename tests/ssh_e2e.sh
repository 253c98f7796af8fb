#!/bin/sh
# A clerk over a real SSH connection: a private sshd on 127.0.0.1 (its own
# host key and configuration, ForceCommand yigong), a Unix user made for the
# test with a key, ssh -tt inside tmux.  The clerk types into a box and the
# connection drops before the box is left — once by killing the ssh client,
# once by killing the session's sshd — and each time the value is saved
# (SIGHUP) and is there at the next login.
# Needs root, sshd, ssh, ssh-keygen, tmux and sqlite3: otherwise SKIP (77).
set -u

skip() { echo "SKIP: $*"; exit 77; }
[ "$(id -u)" = 0 ] || skip "needs root (runs sshd and creates a user)"
SSHD=/usr/sbin/sshd
[ -x "$SSHD" ] || skip "no $SSHD (apt-get install openssh-server)"
for c in ssh ssh-keygen useradd userdel usermod sqlite3 tmux; do
	command -v "$c" >/dev/null 2>&1 || skip "$c is missing"
done

. "$top_srcdir/tests/tui_lib.sh"

U=ygs$$
sshd_pid=
made_run=
cleanup_all() {
	tmx kill-server >/dev/null 2>&1
	[ -n "$sshd_pid" ] && kill "$sshd_pid" 2>/dev/null
	if getent passwd "$U" >/dev/null; then
		# The test user's own processes (its sessions), by id.
		for p in $(pgrep -u "$U"); do kill -KILL "$p" 2>/dev/null; done
		userdel "$U" 2>/dev/null
	fi
	[ -n "$made_run" ] && rmdir /run/sshd 2>/dev/null
	rm -rf "$tmp"
}
trap cleanup_all EXIT
trap 'exit 1' HUP INT TERM

# --- the clerk, the database and the program, reachable by the clerk ---
chmod 755 "$tmp"
tui_init
useradd -M -N -d "$tmp" -s /bin/sh "$U" || { echo "FAIL: useradd"; exit 1; }
# '!' (useradd's default) is a locked account to sshd without PAM; '*' only
# means no password.
usermod -p '*' "$U"
"$YIGONG" --db "$db" user add "$U" --role clerk --org "$clerk_org" >/dev/null ||
	{ echo "FAIL: user add"; exit 1; }
chown "$U" "$db" "$db"-wal "$db"-shm 2>/dev/null
chown "$U" "$db"
chown "$U" "$tmp"
mkdir "$tmp/bin" "$tmp/keys"
cp "$YIGONG" "$tmp/bin/yigong"
chmod 755 "$tmp/bin" "$tmp/bin/yigong"

ssh-keygen -q -t ed25519 -N '' -f "$tmp/hostkey" || { echo "FAIL: host key"; exit 1; }
ssh-keygen -q -t ed25519 -N '' -f "$tmp/clientkey" || { echo "FAIL: client key"; exit 1; }
cp "$tmp/clientkey.pub" "$tmp/keys/$U"
chmod 644 "$tmp/keys/$U"

# Privilege separation needs /run/sshd; without systemd nobody made it.
if [ ! -d /run/sshd ]; then
	mkdir -p /run/sshd && chmod 755 /run/sshd && made_run=1
fi

# --- sshd on a free high port: wait for it to say it listens ---
start_sshd() {
	port=$1
	cat >"$tmp/sshd_config" <<EOF
Port $port
ListenAddress 127.0.0.1
HostKey $tmp/hostkey
PidFile $tmp/sshd.pid
AuthorizedKeysFile $tmp/keys/%u
StrictModes no
UsePAM no
PasswordAuthentication no
KbdInteractiveAuthentication no
PubkeyAuthentication yes
AllowUsers $U
PermitTTY yes
ForceCommand $tmp/bin/yigong --db $db
SetEnv YIGONG_NOW=$YIGONG_NOW
LogLevel VERBOSE
EOF
	: >"$tmp/sshd.log"
	"$SSHD" -f "$tmp/sshd_config" -D -e 2>"$tmp/sshd.log" &
	sshd_pid=$!
	listening() {
		grep -q "Server listening on 127.0.0.1 port $port" "$tmp/sshd.log" ||
			! kill -0 "$sshd_pid" 2>/dev/null
	}
	poll_until listening
	kill -0 "$sshd_pid" 2>/dev/null && return 0
	sshd_pid=
	return 1
}
port=
for try in 1 2 3 4 5; do
	p=$(( 20000 + ($$ * 7 + try * 1031) % 40000 ))
	if start_sshd "$p"; then
		port=$p
		break
	fi
done
[ -n "$port" ] || { cat "$tmp/sshd.log"; echo "FAIL: sshd did not start"; exit 1; }

login() {
	tmx kill-server >/dev/null 2>&1
	tmx start-server \; set -g remain-on-exit on \; \
		set -g default-terminal tmux-256color \; \
		new-session -d -s t -x 80 -y 24 -e LC_ALL=C.UTF-8 \
		"exec ssh -tt -F /dev/null -i '$tmp/clientkey' -p $port \
			-o IdentitiesOnly=yes -o BatchMode=yes -o StrictHostKeyChecking=no \
			-o UserKnownHostsFile=/dev/null -o LogLevel=ERROR $U@127.0.0.1" ||
		fail "tmux did not start"
	open_current_return
}

no_program() {
	[ -z "$(pgrep -u "$U" -x yigong)" ]
}

value_is() { # key value
	[ "$(stored "$clerk_org" staffing "$period_num" "$1")" = "$2" ]
}

# --- 1. type, drop the client before leaving the box ---
login
wait_for "未开始"
text 42
keys Tab
wait_for "已自动保存"
text 45
wait_for "[45 "
client=$(tmx display -p -t t '#{pane_pid}')
kill -KILL "$client"
poll_until no_program || fail "yigong still runs after the ssh client died"
poll_until value_is staff_on_post 45 ||
	fail "the box being edited was not saved when the client died: '$(stored \
		"$clerk_org" staffing "$period_num" staff_on_post)'"
echo "ok: client killed mid-edit, the value was saved"

# --- 2. log in again: the value is there; drop the server side this time ---
login
wait_for "草稿"
screen | grep -Eq '在岗职工 +\[ *45 *\]' || fail "the saved value is not shown after login"
echo "ok: the value is there at the next login"
keys Tab Tab
text 9
wait_for "[9 "
# The session's own sshd processes: the listener's child (the monitor) and
# its child that holds the terminal.
for p in $(pgrep -P "$sshd_pid"); do
	kill -KILL $(pgrep -P "$p") "$p" 2>/dev/null
done
poll_until no_program || fail "yigong still runs after its sshd died"
poll_until value_is licensed_physicians 9 ||
	fail "the box being edited was not saved when sshd died"
echo "ok: sshd killed mid-edit, the value was saved"

login
screen | grep -Eq '执业医师 +\[ *9 *\]' || fail "the second value is not shown after login"
res=$(sql 'PRAGMA integrity_check')
[ "$res" = ok ] || fail "integrity: $res"
grep -q "Accepted publickey for $U" "$tmp/sshd.log" || fail "sshd did not log the key login"
echo PASS
