#!/usr/bin/env bash
# A million incidents on the wall display (issue 11): every cold tile z0-z14 of both shipped
# styles from a server on 1,000,000 demo incidents against one on the 20,000 of the demo store,
# side by side in one run (tile by tile, alternating), and the 1M server's peak memory.
# usage: bash Benchmarks/scale.sh [COUNT]   (default 1,000,000; goal: each tile at most 2x the
# 20k time, peak memory under 1 GB)
set -euo pipefail
cd "$(dirname "$0")/.."
count="${1:-1000000}"
swift build -c release --scratch-path .build-release --product bordermap >/dev/null
bin=.build-release/release/bordermap
work=Benchmarks/work/scale
mkdir -p "$work"
for n in 20000 "$count"; do
    [ -f "$work/demo-$n.sqlite" ] || { echo "generating $n synthetic incidents"; "$bin" demo-data --count "$n" --seed 42 --out "$work/demo-$n.sqlite" >/dev/null; }
done
pids=()
trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true' EXIT
start() {  # start DB OUTFILE -> url in $url, pid in $pid
    "$bin" serve --port 0 --db "$1" --no-request-log --memory-cache 512 >"$2" 2>"$2.log" &
    pid=$!; pids+=("$pid")
    for _ in $(seq 1 600); do grep -q http "$2" && break; sleep 0.1; done
    url=$(awk '{print $NF}' "$2")
}
start "$work/demo-20000.sqlite" "$work/small.out"; small=$url
start "$work/demo-$count.sqlite" "$work/big.out"; big=$url big_pid=$pid
python3 - "$small" "$big" "$big_pid" "$count" <<'PY'
import math, statistics, sys, time, urllib.request
small, big, big_pid, count = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
def tile(lon, lat, z):
    n = 2 ** z
    return int((lon + 180) / 360 * n), int((1 - math.asinh(math.tan(math.radians(lat))) / math.pi) / 2 * n)
def get(base, path):
    t0 = time.perf_counter()
    with urllib.request.urlopen(base.rstrip("/") + path) as r:
        r.read()
        status = r.status
    if status != 200:
        sys.exit(f"{path}: {status}")
    return time.perf_counter() - t0
rows = []
for style in ("situation-room", "report"):
    for z in range(0, 15):
        cx, cy = tile(72.80, 40.53, z)  # Osh, in the Fergana valley: the densest incidents
        n = 2 ** z
        for dx in (-1, 0, 1):
            for dy in (-1, 0, 1):
                x, y = (cx + dx) % n, min(n - 1, max(0, cy + dy))
                path = f"/tiles/{style}/{z}/{x}/{y}.png"
                a = get(small, path); b = get(big, path)
                rows.append((style, z, path, a, b))
print(f"{'style':15} {'zoom':>4} {'20k median':>11} {'1M median':>10} {'worst ratio':>12}")
worst = (0, None)
for style in ("situation-room", "report"):
    for z in range(0, 15):
        r = [row for row in rows if row[0] == style and row[1] == z]
        ratio = max(row[4] / row[3] for row in r)
        if ratio > worst[0]:
            worst = (ratio, max(r, key=lambda row: row[4] / row[3]))
        print(f"{style:15} {z:>4} {statistics.median(x[3] for x in r)*1000:9.1f} ms {statistics.median(x[4] for x in r)*1000:8.1f} ms {ratio:11.2f}x")
over = [row for row in rows if row[4] > 2 * row[3]]
print(f"tiles: {len(rows)}; over 2x the 20k time: {len(over)}; worst {worst[0]:.2f}x at {worst[1][2]} "
      f"({worst[1][3]*1000:.1f} ms vs {worst[1][4]*1000:.1f} ms)")
for line in open(f"/proc/{big_pid}/status"):
    if line.startswith("VmHWM"):
        kb = int(line.split()[1])
        print(f"peak memory of the {count:,}-incident server: {kb / 1024:.0f} MB (goal < 1024 MB)")
PY
