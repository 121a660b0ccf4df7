#!/usr/bin/env bash
# usce next to its peers, in one run, on the same generated national list:
#   - CSV import:   usce import FILE (fresh database)  vs  sqlite3 .import
#   - fuzzy search: usce list --search QUERY           vs  fzf --filter QUERY
#   - memory:       usce list (headless) and the TUI in tmux, resident set
#   - IMAP sync:    usce sync  vs  mbsync, 10,000 messages then 5 new, on a
#                   local Dovecot (scripts/bench-imap.sh)
# and prints each ratio. Works offline; the only network use is apt-get
# installing a missing tool (hyperfine, sqlite3, fzf, tmux, time).
#
#   scripts/bench-peers.sh [PROGRAMS] [INTERACTIONS]     (default 15000 100000)
#
# Environment: QUERY (default intmed), RUNS (default 20), KEEP=1 keeps the
# work directory. The in-process figures (per keystroke, per frame) come
# from `cargo bench`; see README.md, "Performance".
set -euo pipefail
cd "$(dirname "$0")/.."

programs=${1:-15000}
interactions=${2:-100000}
query=${QUERY:-intmed}
runs=${RUNS:-20}
seed=1

say() { printf '\n== %s\n' "$*"; }

# Installs a Debian package when its command is missing; never fails the run.
need() {
    local cmd=$1 pkg=${2:-$1}
    command -v "$cmd" >/dev/null 2>&1 && return 0
    if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
        echo "installing $pkg (apt-get)"
        if ! apt-get install -y -qq "$pkg" >/dev/null 2>&1; then
            apt-get update -qq >/dev/null 2>&1 || true
            apt-get install -y -qq "$pkg" >/dev/null 2>&1 || true
        fi
    fi
    command -v "$cmd" >/dev/null 2>&1
}

need sqlite3 || { echo "sqlite3 is required and could not be installed" >&2; exit 1; }
have_hyperfine=0; need hyperfine && have_hyperfine=1
have_fzf=0; need fzf && have_fzf=1
have_tmux=0; need tmux && have_tmux=1
have_time=0; [ -x /usr/bin/time ] || need time; [ -x /usr/bin/time ] && have_time=1

say "machine"
echo "cores: $(nproc)"
echo "cpu:   $(lscpu | sed -n 's/^Model name:[[:space:]]*//p' | head -1)"
echo "load:  $(cut -d' ' -f1-3 /proc/loadavg) (1, 5, 15 min; other work on the machine skews wall times)"

say "build"
cargo build --release --quiet
usce=$PWD/target/release/usce
echo "binary: $usce, $(stat -c %s "$usce") bytes"

work=$(mktemp -d "${TMPDIR:-/tmp}/usce-peers.XXXXXX")
if [ "${KEEP:-0}" = 1 ]; then
    echo "keeping $work"
else
    trap 'tmux kill-session -t usce-peers-rss 2>/dev/null || true; rm -rf "$work"' EXIT
fi
csv=$work/programs.csv
db=$work/generated.db

say "data: $programs programs, $interactions log entries (seed $seed)"
"$usce" sample --generate "$programs" --interactions "$interactions" --seed "$seed" \
    --out "$csv" --db-out "$db"
# The text usce searches (name, institution, city, specialty, tags, state),
# one program a line, for fzf.
sqlite3 "$db" "SELECT name || ' ' || institution || ' ' || city || ' ' || specialty || ' ' ||
    coalesce((SELECT group_concat(value, ' ') FROM json_each(tags)), '') || ' ' || state
    FROM programs" >"$work/names.txt"

# mean_ms NAME COMMAND [PREPARE]: prints the mean wall time in ms (and
# records min and CPU time); hyperfine when present, else a bash loop.
declare -A MEAN MIN CPU
measure() {
    local name=$1 cmd=$2 prepare=${3:-true}
    if [ "$have_hyperfine" = 1 ]; then
        # A plain command runs without a shell (-N): hyperfine otherwise
        # subtracts an estimate of the shell's own start, a few ms of noise
        # on a 40 ms peer. Redirections and && need the shell.
        local shell=()
        case "$cmd" in *[\<\>\|\&]*) ;; *) shell=(-N) ;; esac
        hyperfine "${shell[@]}" --warmup 2 --runs "$runs" --style none --prepare "$prepare" \
            --export-csv "$work/$name.csv" "$cmd" >/dev/null
        # command,mean,stddev,median,user,system,min,max (seconds)
        IFS=, read -r _ mean _ _ user system min _ < <(tail -n 1 "$work/$name.csv")
        MEAN[$name]=$(awk -v v="$mean" 'BEGIN { printf "%.1f", v * 1000 }')
        MIN[$name]=$(awk -v v="$min" 'BEGIN { printf "%.1f", v * 1000 }')
        CPU[$name]=$(awk -v u="$user" -v s="$system" 'BEGIN { printf "%.1f", (u + s) * 1000 }')
    else
        local total=0 best= start end ms i
        for ((i = 0; i < runs; i++)); do
            bash -c "$prepare"
            start=$(date +%s%N)
            bash -c "$cmd" >/dev/null
            end=$(date +%s%N)
            ms=$(((end - start) / 1000))
            total=$((total + ms))
            if [ -z "$best" ] || [ "$ms" -lt "$best" ]; then best=$ms; fi
        done
        MEAN[$name]=$(awk -v t="$total" -v n="$runs" 'BEGIN { printf "%.1f", t / n / 1000 }')
        MIN[$name]=$(awk -v b="$best" 'BEGIN { printf "%.1f", b / 1000 }')
        CPU[$name]="-"
    fi
    printf '%-16s mean %8s ms   min %8s ms   cpu %8s ms   %s\n' \
        "$name" "${MEAN[$name]}" "${MIN[$name]}" "${CPU[$name]}" "$cmd"
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "-" }'; }

say "CSV import of $programs rows ($runs runs each)"
fresh="rm -f $work/import.db $work/import.db-wal $work/import.db-shm $work/file.db"
measure usce_import "$usce --db $work/import.db import $csv" "$fresh"
measure sqlite_memory "sqlite3 :memory: '.import --csv $csv t'"
measure sqlite_file "sqlite3 $work/file.db '.import --csv $csv t'" "$fresh"
echo "usce import / sqlite3 .import into :memory:  = $(ratio "${MEAN[usce_import]}" "${MEAN[sqlite_memory]}")x (target <= 2)"
echo "usce import / sqlite3 .import into a file    = $(ratio "${MEAN[usce_import]}" "${MEAN[sqlite_file]}")x"

# The scrape-shaped list of benches/usce/fixture.rs (contacts_csv): a main
# phone, two numbered coordinators and a program director on every row.
contacts_csv() {
    awk -v n="$1" 'BEGIN {
        split("Internal Medicine,Family Medicine,Pediatrics,Psychiatry,Neurology,General Surgery,Emergency Medicine,Pathology", sp, ",")
        split("KY,OH,TX,CA,NY,IL,FL,WA", st, ",")
        print "program_id,program_name,institution,specialty,city,state,phone,website," \
              "coordinator_name_1,coordinator_email_1,coordinator_phone_1," \
              "coordinator_name_2,coordinator_email_2,coordinator_phone_2," \
              "program_director_name,program_director_email,program_director_phone"
        for (i = 0; i < n; i++) {
            s = sp[i % 8 + 1]
            printf "%d,Program %d %s,Institution %d,%s,City %d,%s,(555) 555-%04d,https://p%d.example.org,", \
                1400000000 + i, i, s, i % 700, s, i % 97, st[int(i / 8) % 8 + 1], i % 10000, i
            printf "Dana Coordinator%d,c1.%d@example.org,(555) 555-%04d,", i, i, (i + 1) % 10000
            printf "Sam Assistant%d,c2.%d@example.org,,", i, i
            printf "Dr. Lee Director%d,pd%d@example.org,(555) 555-%04d\n", i, i, (i + 2) % 10000
        }
    }'
}
contacts=$work/contacts.csv
contacts_csv "$programs" >"$contacts"

say "CSV import with contact columns: $programs rows, 3 people each ($runs runs each)"
measure usce_contacts "$usce --db $work/import.db import $contacts" "$fresh"
measure sqlite_contacts "sqlite3 :memory: '.import --csv $contacts t'"
echo "usce import / sqlite3 .import into :memory:  = $(ratio "${MEAN[usce_contacts]}" "${MEAN[sqlite_contacts]}")x (target <= 2)"
# usce import leaves copying its pages from the write-ahead log into the
# database file to the next usce (src/store/checkpoint.rs); this is the
# import with that copy made at once, its whole cost.
measure usce_contacts_ckpt "$usce --db $work/import.db import $contacts >/dev/null && sqlite3 $work/import.db 'PRAGMA wal_checkpoint(TRUNCATE)'" "$fresh"
echo "usce import + the checkpoint / sqlite3 .import = $(ratio "${MEAN[usce_contacts_ckpt]}" "${MEAN[sqlite_contacts]}")x"

say "fuzzy search for \"$query\" over the same $programs programs"
echo "matches: usce $("$usce" --db "$db" list --search "$query" --format csv | tail -n +2 | wc -l)," \
    "fzf $( [ "$have_fzf" = 1 ] && fzf --filter "$query" <"$work/names.txt" | wc -l || echo -)"
measure usce_search "$usce --db $db list --search $query --format csv"
if [ "$have_fzf" = 1 ]; then
    measure fzf_filter "fzf --filter $query < $work/names.txt"
    echo "usce list --search / fzf --filter = $(ratio "${MEAN[usce_search]}" "${MEAN[fzf_filter]}")x" \
        "(whole processes: usce also opens the database and loads every program)"
else
    echo "fzf could not be installed: skipping the fzf comparison"
fi

say "resident memory with $programs programs loaded"
if [ "$have_time" = 1 ]; then
    /usr/bin/time -v "$usce" --db "$db" list --format csv 2>"$work/time.txt" >/dev/null
    echo "usce list --format csv: $(sed -n 's/.*Maximum resident set size (kbytes): //p' "$work/time.txt") KB peak (target <= 30720)"
fi
if [ "$have_tmux" = 1 ]; then
    cp "$db" "$work/tui.db"
    tmux kill-session -t usce-peers-rss 2>/dev/null || true
    # Its own config (none: defaults) keeps the user's config folder and
    # templates out of the measurement.
    tmux new-session -d -s usce-peers-rss -x 120 -y 36 "exec $usce --db $work/tui.db --config $work/config/config.toml"
    shown=0
    for _ in $(seq 1 100); do
        if tmux capture-pane -t usce-peers-rss -p | grep -q "programs in"; then shown=1; break; fi
        sleep 0.1
    done
    # The start-up loads (each program's next step) run just after the
    # first frame; give them time to finish before reading.
    sleep 1
    pid=$(tmux list-panes -t usce-peers-rss -F '#{pane_pid}')
    if [ "$shown" = 1 ] && [ -r "/proc/$pid/status" ]; then
        echo "usce TUI 120x36 ($(cat "/proc/$pid/comm")): $(awk '/VmRSS/ { print $2 }' "/proc/$pid/status") KB resident," \
            "$(awk '/VmHWM/ { print $2 }' "/proc/$pid/status") KB peak (target <= 30720)"
    else
        echo "the TUI did not draw within 10 s; no reading"
    fi
    tmux send-keys -t usce-peers-rss q
    tmux kill-session -t usce-peers-rss 2>/dev/null || true
fi

say "IMAP sync against a local Dovecot"
scripts/bench-imap.sh "$usce" "${MESSAGES:-10000}" || echo "IMAP figures not measured"

say "in-process figures"
echo "cargo bench   (import, start-up, each keystroke, frames, log loading; ~2 min)"
