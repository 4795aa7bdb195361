#!/usr/bin/env bash
# Times the whole `bantin bulletin` process (release build) on a 40-event and a
# 10,000-event events file made by examples/gen_events.rs: medians over several
# runs (hyperfine when installed, else a loop), peak memory from /usr/bin/time -v,
# and the output sizes.
#
#   bench/cli.sh            # 15 runs each
#   RUNS=30 bench/cli.sh
#
# Targets on the 2-core reference machine: PDF only ≤ 8 ms (40) and ≤ 60 ms (10,000);
# PDF+DOCX ≤ 15 ms (40); peak memory ≤ 20 MiB (40); 40-event PDF ≤ 45 KB.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-15}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
export SOURCE_DATE_EPOCH=1593561600

cargo build --release --quiet --bin bantin --example gen_events
BIN=target/release/bantin
for n in 40 10000; do
  target/release/examples/gen_events "$n" "$WORK/events-$n.json"
done

median_ms() { # command... → median wall time in ms over $RUNS runs
  local times=()
  for _ in $(seq "$RUNS"); do
    local s e
    s=$(date +%s%N); "$@" >/dev/null; e=$(date +%s%N)
    times+=($(( (e - s) / 1000 )))
  done
  printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "%.2f", m/1000}'
}

peak_mib() { # command... → peak resident memory in MiB
  /usr/bin/time -v "$@" 2>&1 >/dev/null | awk -F: '/Maximum resident set size/ {printf "%.1f", $2/1024}'
}

printf '%-8s %-9s %12s %10s %10s\n' events formats "median ms" "peak MiB" "PDF bytes"
for n in 40 10000; do
  for fmt in pdf pdf,docx; do
    out="$WORK/out-$n-${fmt/,/-}"
    cmd=("$BIN" bulletin "$WORK/events-$n.json" --period 2020-Q2 --grid 63 --format "$fmt" -o "$out")
    "${cmd[@]}" >/dev/null
    if command -v hyperfine >/dev/null; then
      hyperfine -N --warmup 3 --runs "$RUNS" --export-json "$WORK/h.json" "${cmd[*]}" >/dev/null 2>&1
      ms=$(python3 -c "import json;print('%.2f'%(json.load(open('$WORK/h.json'))['results'][0]['median']*1000))")
    else
      ms=$(median_ms "${cmd[@]}")
    fi
    printf '%-8s %-9s %12s %10s %10s\n' "$n" "$fmt" "$ms" "$(peak_mib "${cmd[@]}")" "$(stat -c %s "$out/ban-tin-2020-Q2.pdf")"
  done
done
