#!/usr/bin/env bash
# bench/cold.sh: one endpoint of our server on the `make bench` database, as the disk serves it:
# the file paged out first or not, N readers, optionally a slow fsync. The measurements of
# BENCHMARKS.md on 2026-12-07 (the dossier GET with the file paged out, 2 readers against 8; the
# durable POST with the database file's fsync made slower) were taken this way.
#
# Usage: bench/cold.sh [--endpoint dossier|create] [--readers N] [--evict yes|half|no] [--seconds S]
#                      [--bin PATH] [--slow-db-fsync-us N] [--slow-wal-fsync-us N]
# MOTCUA_ROOT (default: this checkout) names the Migrations folder the server applies; set it to
# the checkout an older --bin was built from, so that it does not apply newer migrations.
# Needs a finished `make bench` (its target database in $BENCH_WORKDIR, default
# /var/tmp/dossier-bench), wrk and python3. `create` adds dossiers to that database, as
# `make bench` does. Prints one line: requests/s, p50 µs, p99 µs, MiB the server read from disk
# during the run, MiB of the file in the page cache afterwards (fincore, if installed).
#   --evict yes            page the whole file out first (posix_fadvise POSIX_FADV_DONTNEED)
#   --evict half           page out every other 4 MiB of the file (read it all first to start
#                          from the whole file cached), like a file the host paged out in part
#   --slow-*-fsync-us N    preload bench/slowsync.c (built with cc on first use): each fsync or
#                          fdatasync of the database file or of its WAL waits N µs first
set -euo pipefail
cd "$(dirname "$0")/.."

endpoint=dossier readers=2 evict=yes seconds=10 warmup=2 bin=.build/release/motcua slow_db=0 slow_wal=0
while (( $# )); do
    case $1 in
        --endpoint) endpoint=$2; shift 2 ;;
        --readers) readers=$2; shift 2 ;;
        --evict) evict=$2; shift 2 ;;
        --seconds) seconds=$2; shift 2 ;;
        --bin) bin=$2; shift 2 ;;
        --slow-db-fsync-us) slow_db=$2; shift 2 ;;
        --slow-wal-fsync-us) slow_wal=$2; shift 2 ;;
        *) echo "unknown option $1" >&2; exit 2 ;;
    esac
done
case $endpoint in dossier) mode=dossier ;; create) mode=create ;; *) echo "--endpoint is dossier or create" >&2; exit 2 ;; esac

kit=${BENCH_KIT:-../shared/bench}
workdir=${BENCH_WORKDIR:-/var/tmp/dossier-bench}
db=$workdir/run/target.sqlite
for need in "$kit/wrk/bench.lua" "$db" "$db.codes" "$db.token" "$db.procedure" "$bin"; do
    [[ -e $need ]] || { echo "missing $need: run make bench first" >&2; exit 2; }
done
command -v wrk >/dev/null || { echo "wrk is needed (apt-get install wrk)" >&2; exit 2; }

preload=()
if (( slow_db > 0 || slow_wal > 0 )); then
    library=.build/slowsync.so
    [[ $library -nt bench/slowsync.c ]] || cc -shared -fPIC -O2 -o "$library" bench/slowsync.c -ldl
    preload=(LD_PRELOAD="$PWD/$library" SLOW_DB_FSYNC_US="$slow_db" SLOW_WAL_FSYNC_US="$slow_wal")
fi
case $evict in
    yes) python3 -c 'import os, sys
fd = os.open(sys.argv[1], os.O_RDONLY); os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED); os.close(fd)' "$db" ;;
    half) python3 -c 'import os, sys
fd = os.open(sys.argv[1], os.O_RDONLY); size = os.fstat(fd).st_size; chunk = 4 << 20
for offset in range(0, size, 2 * chunk): os.posix_fadvise(fd, offset, chunk, os.POSIX_FADV_DONTNEED)
os.close(fd)' "$db" ;;
    no) ;;
    *) echo "--evict is yes, half or no" >&2; exit 2 ;;
esac

port=$(( 30000 + RANDOM % 10000 ))
log=$(mktemp "${TMPDIR:-/tmp}/motcua-cold.XXXXXX")
env "${preload[@]}" MOTCUA_ROOT="${MOTCUA_ROOT:-$PWD}" setsid "$bin" serve --port "$port" --db "$db" --public "$workdir/static" \
    --access-log off --readers "$readers" >"$log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null; wait "$server" 2>/dev/null; rm -f "$log"' EXIT
for _ in $(seq 100); do curl -fs "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done

run() {
    env BENCH_MODE=$mode BENCH_ROWS=0 BENCH_API=motcua BENCH_CODES_FILE="$db.codes" \
        BENCH_TOKEN="$(tr -d '\n' <"$db.token")" BENCH_PROCEDURE="$(tr -d '\n' <"$db.procedure")" \
        wrk --threads 2 --connections 64 --duration "${1}s" --timeout 30s --script "$kit/wrk/bench.lua" \
        "http://127.0.0.1:$port/" | sed -n 's/^RESULT .*rps=\([0-9.]*\) p50_us=\([0-9]*\) p99_us=\([0-9]*\).*/\1 \2 \3/p'
}
read_bytes() { awk '/^read_bytes/ { print $2 }' "/proc/$server/io"; }
before=$(read_bytes)
run "$warmup" >/dev/null
result=$(run "$seconds")
read_mib=$(( ($(read_bytes) - before) / 1048576 ))
cached=$(command -v fincore >/dev/null && fincore -b -n -o RES "$db" | awk '{ printf "%d", $1 / 1048576 }' || echo -)
echo "$endpoint readers=$readers evict=$evict: $result µs, read ${read_mib} MiB, cached ${cached} MiB"
