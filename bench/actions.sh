#!/usr/bin/env bash
# bench/actions.sh: the lifecycle benchmark of issue 3, on one fresh database, in one run:
#   1. GET /api/v1/dossiers/{code} of random dossiers (the bench GET, ~4 events each)
#   2. the same GET of dossiers with 20 events (the action targets of seed-bench)
#   3. POST /api/v1/dossiers/{code}/actions {"action": "assign"} on those dossiers (durable)
# Usage: bench/actions.sh [--dossiers N] [--duration S] [--connections C] [--bin PATH]; needs
# wrk and a release build (make build), or the binary to measure. Prints one line per phase and the ratio of 2 to 1.
set -euo pipefail
cd "$(dirname "$0")/.."

dossiers=100000 duration=10 warmup=2 connections=64 bin=.build/release/motcua
while (( $# )); do
    case $1 in
        --bin) bin=$2; shift 2 ;;
        --dossiers) dossiers=$2; shift 2 ;;
        --duration) duration=$2; shift 2 ;;
        --connections) connections=$2; shift 2 ;;
        *) echo "unknown option $1" >&2; exit 2 ;;
    esac
done
command -v wrk >/dev/null || { echo "wrk is needed (apt-get install wrk)" >&2; exit 2; }
[[ -x $bin ]] || { echo "no release build: run make build first" >&2; exit 2; }

work=$(mktemp -d "${TMPDIR:-/var/tmp}/motcua-bench-actions.XXXXXX")
db=$work/bench.sqlite
server=
cleanup() {
    [[ -n $server ]] && kill "$server" 2>/dev/null && wait "$server" 2>/dev/null
    rm -rf "$work"
}
trap cleanup EXIT

"$bin" seed-bench --db "$db" --dossiers "$dossiers" --write-bench-files --action-targets 2000
port=$(( 20000 + RANDOM % 20000 ))
"$bin" serve --port "$port" --db "$db" --public Public --access-log off >"$work/server.log" 2>&1 &
server=$!
for _ in $(seq 100); do curl -fs "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done

# phase NAME MODE FILE: warm up, then print the measured RESULT line
phase() {
    local name=$1 mode=$2 file=$3
    run() {
        BENCH_MODE=$mode BENCH_FILE=$file BENCH_TOKEN=$(tr -d '\n' <"$db.token") \
            wrk --threads 2 --connections "$connections" --duration "${1}s" --timeout 30s \
                --script bench/actions.lua "http://127.0.0.1:$port" | grep '^RESULT'
    }
    run "$warmup" >/dev/null
    printf '%-34s %s\n' "$name" "$(run "$duration")"
}

echo "$(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, $dossiers dossiers, wrk -t2 -c$connections -d${duration}s, commit $(git rev-parse --short HEAD 2>/dev/null || echo '?')"
cut -d' ' -f1 "$db.actions" >"$work/targets"
get=$(phase "GET dossier (random)" get "$db.codes")
echo "$get"
get20=$(phase "GET dossier (20 events)" get "$work/targets")
echo "$get20"
phase "POST action assign (durable)" assign "$db.actions"
rps() { sed -n 's/.* rps=\([0-9.]*\).*/\1/p' <<<"$1"; }
awk -v a="$(rps "$get20")" -v b="$(rps "$get")" 'BEGIN { printf "GET with 20 events / GET: %.2fx\n", a / b }'
