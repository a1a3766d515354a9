#!/usr/bin/env bash
# fuzz/run.sh request|multipart|domain [SECONDS]: builds one libFuzzer target (Sources/HTTP for
# request and multipart, Sources/Domain for domain) and runs it for SECONDS (default 300) on both
# cores. A trap, a split that changes the outcome or a broken round trip stops a job and leaves
# the input in .build/fuzz/<target>/crash-*; the run then exits 1 naming it. Replay one with
#   SWIFT_BACKTRACE=enable=no .build/fuzz/<target>/fuzzer .build/fuzz/<target>/crash-...
# Not part of `make test`: a fuzzing run takes minutes and finds different inputs each time.
set -euo pipefail
cd "$(dirname "$0")/.."
target=${1:-request}
seconds=${2:-300}
out=.build/fuzz/$target
mkdir -p "$out/corpus"
build() { swiftc -O -sanitize=fuzzer,address -parse-as-library "$@" -o "$out/fuzzer" 2> >(grep -v "Cannot export local symbol" >&2); }
case $target in
    request|multipart)
        harness=fuzz/RequestParserFuzz.swift
        [[ $target == multipart ]] && harness=fuzz/MultipartParserFuzz.swift
        build -module-name HTTP -I Sources/CEpoll -Xcc -fmodule-map-file=Sources/CEpoll/module.modulemap \
            Sources/HTTP/*.swift fuzz/SplitCheck.swift "$harness" ;;
    domain)
        build -module-name Domain Sources/Domain/*.swift Sources/Domain/QR/*.swift Sources/Hashing/Hex.swift \
            fuzz/DomainFuzz.swift ;;
    *) echo "usage: fuzz/run.sh request|multipart|domain [SECONDS]" >&2; exit 2 ;;
esac

# Seed inputs. For request and multipart, bytes 0 and 1 are the split point and the limits
# switch (see the harnesses); domain takes the text as it is.
seed() { printf '\x05\x00%b' "$2" >"$out/corpus/$1"; }
case $target in
    request)
        seed get 'GET /api/v1/dossiers/QNG%2D1?a=1&b=%C3%A1 HTTP/1.1\r\nHost: t\r\nCookie: s=1; t=2\r\n\r\n'
        seed post 'POST /x HTTP/1.1\r\nHost: t\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 7\r\n\r\na=1&b=2'
        seed chunked 'POST /x HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n4;e=1\r\nabcd\r\n0\r\nT: v\r\n\r\n'
        seed pipelined 'GET /healthz HTTP/1.1\r\nHost: t\r\n\r\nHEAD / HTTP/1.0\r\n\r\nOPTIONS * HTTP/1.1\r\nHost: t\r\n\r\n'
        seed static 'GET /static/css/app.css HTTP/1.1\r\nHost: t\r\nIf-None-Match: W/"x"\r\n\r\nGET /static/link.txt HTTP/1.1\r\nHost: t\r\n\r\n' ;;
    multipart)
        seed form '--b0undary\r\nContent-Disposition: form-data; name="dossier"\r\n\r\n{"a":1}\r\n--b0undary\r\nContent-Disposition: form-data; name="documents"; filename="a.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4\r\n--b0undary--\r\n' ;;
    domain)
        printf '000.00.50.H55-261207-0001' >"$out/corpus/code"
        printf '051190001234' >"$out/corpus/id"
        printf 'ma,ten\r\n"a,b","Đăng ký ""x"""\r\n' >"$out/corpus/csv"
        printf '2026-12-07T08:30:00+07:00' >"$out/corpus/time"
        printf 'a\x1fb\x1ec\x1f"d"\x1e\x1f' >"$out/corpus/fields" ;;
esac
jobs=$(nproc)
# Swift's crash backtracer would catch the trap first and leave libFuzzer's fork mode without a
# crash to report; libFuzzer prints its own stack and keeps the input.
export SWIFT_BACKTRACE=enable=no
touch "$out/.started"
status=0
"$out/fuzzer" "$out/corpus" -dict=fuzz/http.dict -max_len=2048 -max_total_time="$seconds" \
    -artifact_prefix="$out/" -fork="$jobs" -print_final_stats=1 || status=$?
rm -rf "${TMPDIR:-/tmp}"/motcua-fuzz-uploads-*  # the multipart target's per-process upload folders
# Fork mode can go on (and exit 0) after a job found a failing input: judge by the files it left.
found=$(find "$out" -maxdepth 1 \( -name 'crash-*' -o -name 'leak-*' -o -name 'timeout-*' -o -name 'oom-*' \) -newer "$out/.started")
if [[ -n $found ]]; then
    echo "fuzz: failing inputs (replay with SWIFT_BACKTRACE=enable=no $out/fuzzer FILE):" >&2
    echo "$found" >&2
    exit 1
fi
exit "$status"
