"""Tile lists and a load client for Benchmarks/serve.sh.

usage:
  serve_tiles.py list STYLE W,S,E,N Z0 Z1
      Prints the path /tiles/STYLE/Z/X/Y.png of every tile of the box at zooms Z0..Z1 (the tile
      arithmetic of compare_mapnik.py), one per line, zoom by zoom.
  serve_tiles.py fetch BASE_URL PATHS_FILE CONNECTIONS [SAVE_DIR]
      Requests every path of PATHS_FILE exactly once over CONNECTIONS keep-alive connections
      (one thread each, taking the next path from a shared list) and prints JSON: tiles,
      seconds (first request sent to last answer read), tiles_per_second, p50_ms and p99_ms of
      the per-request latency, bytes, and non-200 answers (the run fails on any). With SAVE_DIR
      every answer is also written as SAVE_DIR/PATH (a static tree nginx can serve).
"""
import http.client
import json
import os
import statistics
import sys
import threading
import time
import urllib.parse

from compare_mapnik import tiles


def percentile(sorted_values, p):
    """Nearest-rank percentile of an ascending list."""
    rank = max(1, round(p / 100 * len(sorted_values)))
    return sorted_values[rank - 1]


def fetch(base, paths, connections, save_dir=None):
    url = urllib.parse.urlsplit(base)
    lock = threading.Lock()
    pending = list(reversed(paths))
    latencies, failures = [], []
    total_bytes = 0

    def worker():
        nonlocal total_bytes
        conn = http.client.HTTPConnection(url.hostname, url.port, timeout=120)
        while True:
            with lock:
                if not pending:
                    break
                path = pending.pop()
            t0 = time.perf_counter()
            conn.request("GET", path)
            answer = conn.getresponse()
            body = answer.read()
            elapsed = time.perf_counter() - t0
            with lock:
                latencies.append(elapsed)
                total_bytes += len(body)
                if answer.status != 200:
                    failures.append(f"{path}: {answer.status} {body[:200]!r}")
            if save_dir and answer.status == 200:
                target = os.path.join(save_dir, path.lstrip("/"))
                os.makedirs(os.path.dirname(target), exist_ok=True)
                with open(target, "wb") as f:
                    f.write(body)
        conn.close()

    threads = [threading.Thread(target=worker) for _ in range(connections)]
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    seconds = time.perf_counter() - t0
    latencies.sort()
    return {"tiles": len(latencies), "seconds": seconds, "tiles_per_second": len(latencies) / seconds,
            "p50_ms": percentile(latencies, 50) * 1e3, "p99_ms": percentile(latencies, 99) * 1e3,
            "mean_ms": statistics.fmean(latencies) * 1e3, "bytes": total_bytes,
            "failures": len(failures), "first_failures": failures[:3]}


def main():
    if sys.argv[1] == "list":
        style, box, z0, z1 = sys.argv[2], [float(v) for v in sys.argv[3].split(",")], int(sys.argv[4]), int(sys.argv[5])
        for z in range(z0, z1 + 1):
            for x, y in tiles(z, box):
                print(f"/tiles/{style}/{z}/{x}/{y}.png")
    elif sys.argv[1] == "fetch":
        paths = [line.strip() for line in open(sys.argv[3]) if line.strip()]
        result = fetch(sys.argv[2], paths, int(sys.argv[4]), sys.argv[5] if len(sys.argv) > 5 else None)
        print(json.dumps(result))
        if result["failures"]:
            sys.exit(f"{result['failures']} requests failed, e.g. {result['first_failures']}")
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
