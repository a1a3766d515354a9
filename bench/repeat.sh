#!/usr/bin/env bash
# bench/repeat.sh: one GET endpoint of `make bench`, measured again and again, alternating our
# server and the Hummingbird peer, and the median of each. One run of the kit is a single
# sample on a shared machine: requests/s and p99 move by 15-20 % from run to run, so a p99
# a few percent either side of the peer's says little. The medians of alternated runs do.
#
# Usage: bench/repeat.sh [--endpoint healthz|css|dossier] [--rounds N] [--duration S]
#                        [--wire] [--peer-codes]
#   --wire        also time each response on the loopback interface with tcpdump: from the
#                 request's packet to the response's, per connection. That is the servers'
#                 own latency, without the time the client takes to write and to read.
#   --peer-codes  give the peer's wrk a codes file too (its N contract codes, written out),
#                 so that both clients run the same Lua work per request. Without it only our
#                 client loads a codes file (N lines) and the peer's computes its codes.
# Needs a finished `make bench` first: it reuses the kit's built peer, its contract database
# and the target database seed-bench wrote (in $BENCH_WORKDIR, default /var/tmp/dossier-bench).
# Same load as the kit: wrk -t2 -c64, 2 s of warm-up before each measured run.
set -euo pipefail
cd "$(dirname "$0")/.."

endpoint=dossier rounds=5 duration=8 warmup=2 wire=no peer_codes=no
while (( $# )); do
    case $1 in
        --endpoint) endpoint=$2; shift 2 ;;
        --rounds) rounds=$2; shift 2 ;;
        --duration) duration=$2; shift 2 ;;
        --wire) wire=yes; shift ;;
        --peer-codes) peer_codes=yes; shift ;;
        *) echo "unknown option $1" >&2; exit 2 ;;
    esac
done
case $endpoint in healthz|css|dossier) ;; *) echo "--endpoint is healthz, css or dossier" >&2; exit 2 ;; esac

kit=${BENCH_KIT:-../shared/bench}
workdir=${BENCH_WORKDIR:-/var/tmp/dossier-bench}
peer=$workdir/build/peers/release/HummingbirdPeer
target_db=$workdir/run/target.sqlite
contract_db=$(ls -S "$workdir"/data/contract-*.sqlite 2>/dev/null | head -n 1 || true)
bin=.build/release/motcua
for need in "$kit/wrk/bench.lua" "$peer" "$target_db" "$target_db.codes" "$target_db.token" "$contract_db" "$bin"; do
    [[ -e $need ]] || { echo "missing $need: run make bench first" >&2; exit 2; }
done
command -v wrk >/dev/null || { echo "wrk is needed (apt-get install wrk)" >&2; exit 2; }
if [[ $wire == yes ]]; then
    command -v tcpdump >/dev/null || { echo "--wire needs tcpdump (apt-get install tcpdump)" >&2; exit 2; }
fi
rows=$(sed -n 's/.*contract-\([0-9]*\)\.sqlite$/\1/p' <<<"$contract_db")

work=$(mktemp -d "${TMPDIR:-/var/tmp}/motcua-bench-repeat.XXXXXX")
servers=()
cleanup() {
    for pid in "${servers[@]}"; do kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null; done
    rm -rf "$work"
}
trap cleanup EXIT

# The peer gets its own copy of the contract database, as in the kit; ours reads the target
# database in place (these are GET endpoints: nothing is written).
cp "$contract_db" "$work/peer.sqlite"
if [[ $peer_codes == yes ]]; then
    # The contract's codes (bench.lua: row i is QNG-<1 + i % 20>-<i>).
    awk -v n="$rows" 'BEGIN { for (i = 1; i <= n; i++) printf "QNG-%d-%d\n", 1 + i % 20, i }' >"$work/peer.codes"
fi
peer_port=$(( 20000 + RANDOM % 10000 ))
PORT=$peer_port DB=$work/peer.sqlite STATIC_DIR=$workdir/static setsid "$peer" >"$work/peer.log" 2>&1 &
servers+=($!)

# measure NAME PORT API SECONDS: print "rps p50_us p99_us" of one wrk run
measure() {
    local name=$1 port=$2 api=$3 seconds=$4 path=/healthz mode=fixed
    case $endpoint in
        css) path=/static/app.css ;;
        dossier) path=/ mode=dossier ;;
    esac
    local env=(BENCH_MODE=$mode BENCH_ROWS=$rows BENCH_API=$api BENCH_PROCEDURE=unused)
    [[ $api == motcua ]] && env+=(BENCH_CODES_FILE=$target_db.codes "BENCH_TOKEN=$(tr -d '\n' <"$target_db.token")")
    [[ $api == contract && $mode == dossier && $peer_codes == yes ]] && env+=(BENCH_CODES_FILE=$work/peer.codes)
    local capture=""
    if [[ $wire == yes && $seconds == "$duration" ]]; then
        timeout $(( seconds + 5 )) tcpdump -i lo -nn -s 96 -B 65536 -w "$work/wire.pcap" \
            "tcp port $port and (tcp[tcpflags] & tcp-push != 0)" 2>/dev/null &
        capture=$!
        sleep 0.5
    fi
    local result
    result=$(env "${env[@]}" wrk --threads 2 --connections 64 --duration "${seconds}s" --timeout 30s \
        --script "$kit/wrk/bench.lua" "http://127.0.0.1:$port$path" \
        | sed -n 's/^RESULT .*rps=\([0-9.]*\) p50_us=\([0-9]*\) p99_us=\([0-9]*\).*/\1 \2 \3/p')
    if [[ -n $capture ]]; then
        kill "$capture" 2>/dev/null; wait "$capture" 2>/dev/null || true
        result="$result $(wire_latency "$port")"
    fi
    echo "$result"
}

# wire_latency PORT: "p50_us p99_us" from the capture, the time from the last packet a client
# sent on its connection to the first packet of the answer (one request in flight per
# connection under wrk, and each response leaves in one packet on loopback).
wire_latency() {
    tcpdump -r "$work/wire.pcap" -nn -tt 2>/dev/null | awk -v server="$1" '
        { split($3, from, "."); split($5, to, "."); sub(":", "", to[5])
          if (to[5] == server) { asked[from[5]] = $1 }
          else if (from[5] == server && (to[5] in asked)) { print int(($1 - asked[to[5]]) * 1e6); delete asked[to[5]] } }' \
        | sort -n | awk '{ v[NR] = $1 } END { if (NR) print v[int(NR * 0.5)], v[int(NR * 0.99)]; else print "- -" }'
}

wait_for() { for _ in $(seq 100); do curl -fs "http://127.0.0.1:$1/healthz" >/dev/null && return 0; sleep 0.1; done; return 1; }
wait_for "$peer_port" || { echo "the peer did not start (log: $work/peer.log)" >&2; exit 1; }

results=$work/results
for round in $(seq "$rounds"); do
    measure hummingbird "$peer_port" contract "$warmup" >/dev/null
    echo "hummingbird $(measure hummingbird "$peer_port" contract "$duration")" | tee -a "$results"
    port=$(( 30000 + RANDOM % 10000 ))
    setsid "$bin" serve --port "$port" --db "$target_db" --public Public --access-log off >"$work/target.log" 2>&1 &
    target=$!
    wait_for "$port" || { echo "our server did not start (log: $work/target.log)" >&2; exit 1; }
    measure motcua "$port" motcua "$warmup" >/dev/null
    echo "motcua      $(measure motcua "$port" motcua "$duration")" | tee -a "$results"
    kill "$target"; wait "$target" 2>/dev/null || true
done

# median NAME COLUMN: the median of one column of one server's runs
median() { awk -v n="$1" -v c="$2" '$1 == n { print $c }' "$results" | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
columns="requests/s, p50 µs, p99 µs"
[[ $wire == yes ]] && columns+=", on the wire p50 µs, p99 µs"
echo "medians of $rounds alternated runs, GET $endpoint ($columns):"
for name in hummingbird motcua; do
    line=$(printf '  %-12s %10s %8s %8s' "$name" "$(median "$name" 2)" "$(median "$name" 3)" "$(median "$name" 4)")
    [[ $wire == yes ]] && line+=$(printf ' %8s %8s' "$(median "$name" 5)" "$(median "$name" 6)")
    echo "$line"
done
