"""Invalidation latency for Benchmarks/serve.sh: how long after `POST /incidents` a tile that
draws incidents is served changed, by the server that took the POST (A) and by a second server
process on the same SQLite file (B), which learns of the write only through its data-version poll.

usage: serve_invalidation.py BASE_A BASE_B TOKEN STYLE Z LON LAT TRIALS

Each trial: wait until A and B report the same data_version (/health), fetch the tile of
(LON, LAT) at zoom Z from both (the "before" ETag and bytes), wait 0-0.6 s at random (so the POST
lands at a random phase of B's poll), POST one incident (CSV `date,lat,lon,category`) at a
fresh point inside that tile to A, then poll the tile on A and on B every 20 ms (from when the
POST returned) until its ETag differs. Latency runs from sending
the POST to reading the first changed answer. Prints JSON with the latencies of each trial, the
POST durations and whether the PNG bytes changed too (not just the ETag).
"""
import http.client
import json
import math
import random
import statistics
import sys
import threading
import time
import urllib.parse

POLL_SECONDS = 0.02
GIVE_UP_SECONDS = 15.0


def tile_of(lon, lat, z):
    n = 2 ** z
    r = math.radians(lat)
    return int((lon + 180) / 360 * n), int((1 - math.log(math.tan(r) + 1 / math.cos(r)) / math.pi) / 2 * n)


def tile_bounds(z, x, y):
    n = 2 ** z
    lat = lambda t: math.degrees(math.atan(math.sinh(math.pi * (1 - 2 * t / n))))
    return x / n * 360 - 180, lat(y + 1), (x + 1) / n * 360 - 180, lat(y)


class Client:
    def __init__(self, base):
        url = urllib.parse.urlsplit(base)
        self.conn = http.client.HTTPConnection(url.hostname, url.port, timeout=60)

    def get(self, path):
        self.conn.request("GET", path)
        answer = self.conn.getresponse()
        body = answer.read()
        if answer.status != 200:
            raise RuntimeError(f"GET {path}: {answer.status} {body[:200]!r}")
        return answer.getheader("ETag"), body

    def post(self, path, body, headers):
        self.conn.request("POST", path, body=body, headers=headers)
        answer = self.conn.getresponse()
        return answer.status, answer.read()


def data_version(client):
    return json.loads(client.get("/health")[1])["data_version"]


def poll_until_changed(client, path, etag, t0, out):
    """Polls `path` every POLL_SECONDS until its ETag differs from `etag`; stores the seconds since t0."""
    polls = 0
    while True:
        started = time.perf_counter()
        new_etag, body = client.get(path)
        polls += 1
        if new_etag != etag:
            out.update(seconds=time.perf_counter() - t0, body=body, etag=new_etag, polls=polls)
            return
        if started - t0 > GIVE_UP_SECONDS:
            out.update(seconds=None, polls=polls)
            return
        time.sleep(max(0.0, started + POLL_SECONDS - time.perf_counter()))


def main():
    base_a, base_b, token, style = sys.argv[1:5]
    z, lon, lat, trials = int(sys.argv[5]), float(sys.argv[6]), float(sys.argv[7]), int(sys.argv[8])
    x, y = tile_of(lon, lat, z)
    w, s, e, n = tile_bounds(z, x, y)
    path = f"/tiles/{style}/{z}/{x}/{y}.png"
    rng = random.Random(5)
    a, b = Client(base_a), Client(base_b)
    poll_a, poll_b, control = Client(base_a), Client(base_b), Client(base_a)
    results = []
    for trial in range(trials):
        deadline = time.time() + GIVE_UP_SECONDS
        while data_version(a) != data_version(b):
            if time.time() > deadline:
                sys.exit("server B never caught up with A's data version")
            time.sleep(0.05)
        before = {"a": a.get(path), "b": b.get(path)}
        # Catching up just happened at B's poll; a random pause puts the POST at a random
        # phase of B's poll cycle, as a real write would be.
        time.sleep(rng.uniform(0, 0.6))
        # A fresh point in the middle 80 % of the tile, a fresh date: never a duplicate.
        p_lon = w + (e - w) * rng.uniform(0.1, 0.9)
        p_lat = s + (n - s) * rng.uniform(0.1, 0.9)
        csv = f"date,lat,lon,category\n2026-11-{1 + trial % 28:02d},{p_lat:.6f},{p_lon:.6f},seizure\n"
        t0 = time.perf_counter()
        status, answer = control.post("/incidents", csv.encode(), {
            "Authorization": f"Bearer {token}", "Content-Type": "text/csv"})
        post_seconds = time.perf_counter() - t0
        stored = json.loads(answer).get("stored") if status == 201 else None
        if stored != 1:
            sys.exit(f"POST /incidents did not store the incident: {status} {answer[:300]!r}")
        outcome = {"a": {}, "b": {}}
        pollers = [threading.Thread(target=poll_until_changed, args=(poll_a, path, before["a"][0], t0, outcome["a"])),
                   threading.Thread(target=poll_until_changed, args=(poll_b, path, before["b"][0], t0, outcome["b"]))]
        for t in pollers:
            t.start()
        for t in pollers:
            t.join()
        row = {"post_seconds": post_seconds}
        for side in ("a", "b"):
            o = outcome[side]
            if o.get("seconds") is None:
                sys.exit(f"server {side.upper()} did not change {path} within {GIVE_UP_SECONDS} s")
            row[side] = o["seconds"]
            row[side + "_polls"] = o["polls"]
            row[side + "_bytes_changed"] = o["body"] != before[side][1]
        results.append(row)
    summary = {"tile": path, "trials": len(results)}
    for side in ("a", "b"):
        values = [r[side] for r in results]
        summary[side] = {"median_seconds": statistics.median(values), "max_seconds": max(values),
                         "min_seconds": min(values),
                         "bytes_changed": sum(r[side + "_bytes_changed"] for r in results)}
    summary["post_median_seconds"] = statistics.median(r["post_seconds"] for r in results)
    summary["rows"] = results
    print(json.dumps(summary))


if __name__ == "__main__":
    main()
