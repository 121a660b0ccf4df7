#!/usr/bin/env bash
# `usce sync` next to mbsync (isync), on the same local Dovecot mailbox:
#   - first sync of an INBOX of MESSAGES messages (default 10000)
#   - an incremental sync with 5 new messages
# Dovecot runs on 127.0.0.1 with a throwaway config in a temp folder, as
# in the tests (tests/support/dovecot.rs). Run by scripts/bench-peers.sh,
# or alone:
#
#   scripts/bench-imap.sh [USCE_BINARY] [MESSAGES]
#
# Installs dovecot-imapd and isync with apt-get when missing (as root).
set -euo pipefail
cd "$(dirname "$0")/.."

usce=${1:-$PWD/target/release/usce}
messages=${2:-10000}
[ -x "$usce" ] || { echo "no usce binary at $usce (cargo build --release)" >&2; exit 1; }

need() {
    local cmd=$1 pkg=$2
    command -v "$cmd" >/dev/null 2>&1 && return 0
    if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
        apt-get install -y -qq "$pkg" >/dev/null 2>&1 || true
    fi
    command -v "$cmd" >/dev/null 2>&1
}
need /usr/sbin/dovecot dovecot-imapd || { echo "dovecot-imapd is required" >&2; exit 1; }
have_mbsync=0; need mbsync isync && have_mbsync=1

work=$(mktemp -d "${TMPDIR:-/tmp}/usce-imap.XXXXXX")
chmod 755 "$work"
dovecot_pid=
cleanup() { [ -n "$dovecot_pid" ] && kill "$dovecot_pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
if [ "$(id -u)" -eq 0 ]; then
    login_user=dovenull; internal_user=dovecot
    uid=$(id -u dovecot); gid=$(id -g dovecot)
else
    login_user=$(id -un); internal_user=$login_user; uid=$(id -u); gid=$(id -g)
fi
home=$work/home
mkdir -p "$home/Maildir/new" "$home/Maildir/cur" "$home/Maildir/tmp" "$work/run" "$work/state"
echo "me@example.org:{PLAIN}bench:$uid:$gid::$home::" >"$work/passwd"
cat >"$work/dovecot.conf" <<EOF
protocols = imap
listen = 127.0.0.1
base_dir = $work/run
state_dir = $work/state
log_path = $work/dovecot.log
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
default_internal_user = $internal_user
default_internal_group = $internal_user
default_login_user = $login_user
first_valid_uid = 0
first_valid_gid = 0
mail_location = maildir:~/Maildir
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u $work/passwd
}
userdb {
  driver = passwd-file
  args = username_format=%u $work/passwd
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = $port
  }
}
service anvil {
  chroot =
}
service imap-login {
  chroot =
}
EOF

# deliver FROM COUNT: COUNT messages into Maildir/new, a few of them from
# a contact of the generated list, the rest from strangers.
deliver() {
    awk -v dir="$home/Maildir" -v from="$1" -v n="$2" -v contact="$3" 'BEGIN {
        for (i = from; i < from + n; i++) {
            f = dir "/tmp/" i ".bench"
            sender = (i % 50 == 0) ? contact : ("someone" i "@elsewhere.example")
            printf "From: <%s>\r\nTo: me@example.org\r\nSubject: Message %d\r\n", sender, i > f
            printf "Date: Tue, 01 Dec 2026 10:00:00 +0000\r\nMessage-ID: <bench-%d@example.org>\r\n", i > f
            printf "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n" > f
            for (l = 0; l < 20; l++) printf "Line %d of message %d, about a rotation in June.\r\n", l, i > f
            close(f)
        }
    }'
    for f in "$home/Maildir/tmp/"*.bench; do mv "$f" "$home/Maildir/new/"; done
    chown -R "$uid:$gid" "$home"
}

db=$work/usce.db
"$usce" sample --generate 200 --seed 1 --db-out "$db" >/dev/null
contact=$(sqlite3 "$db" "SELECT email FROM contacts WHERE email <> '' LIMIT 1" 2>/dev/null || echo nobody@example.edu)
mkdir -p "$work/config"
cat >"$work/config/config.toml" <<EOF
[imap]
host = "127.0.0.1"
port = $port
security = "none"
username = "me@example.org"
password_env = "USCE_BENCH_IMAP_PASSWORD"
interval_minutes = 0
EOF
export USCE_BENCH_IMAP_PASSWORD=bench

deliver 0 "$messages" "$contact"
/usr/sbin/dovecot -F -c "$work/dovecot.conf" &
dovecot_pid=$!
for _ in $(seq 1 100); do (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.1; done

ms() { echo $(( ($2 - $1) / 1000000 )); }
run() { local s e; s=$(date +%s%N); "$@" >"$work/out.txt" 2>&1; e=$(date +%s%N); ms "$s" "$e"; }

echo "== IMAP: $messages messages in INBOX, local Dovecot on 127.0.0.1:$port"
usce_sync() { run "$usce" --db "$db" --config "$work/config/config.toml" sync; }
mbsync_pull() { run mbsync -c "$work/mbsyncrc" bench; }
if [ "$have_mbsync" = 1 ]; then
    mkdir -p "$work/mbsync/INBOX"
    cat >"$work/mbsyncrc" <<EOF
IMAPAccount bench
Host 127.0.0.1
Port $port
User me@example.org
Pass bench
SSLType None
AuthMechs LOGIN

IMAPStore far
Account bench

MaildirStore near
Path $work/mbsync/
Inbox $work/mbsync/INBOX

Channel bench
Far :far:INBOX
Near :near:INBOX
Sync Pull
Create Near
SyncState *
EOF
fi
# Dovecot builds its index and size cache on first access: one read-only
# pass first, so neither tool pays for it.
python3 - "$port" <<'PY'
import imaplib, sys
m = imaplib.IMAP4("127.0.0.1", int(sys.argv[1]))
m.login("me@example.org", "bench")
m.select("INBOX", readonly=True)
m.fetch("1:*", "(RFC822.SIZE)")
m.logout()
PY
usce_first=$(usce_sync)
echo "usce sync, first ($messages):    $usce_first ms   ($(head -1 "$work/out.txt"))"
if [ "$have_mbsync" = 1 ]; then
    mb_first=$(mbsync_pull)
    echo "mbsync, first ($messages):       $mb_first ms"
fi
deliver "$messages" 5 "$contact"
usce_next=$(usce_sync)
echo "usce sync, 5 new:              $usce_next ms   ($(head -1 "$work/out.txt"))"
if [ "$have_mbsync" = 1 ]; then
    mb_next=$(mbsync_pull)
    echo "mbsync, 5 new:                 $mb_next ms"
else
    echo "isync (mbsync) could not be installed: no peer figures"
fi
