"""The box search shared by incidents_bbox.py (SQLite) and incidents_bbox_postgres.py: a square
in degrees centred on (cx, cy) whose half-width is bisected until count(box) is within 2 % of
target. Returns the box (W, S, E, N) and its count."""


def find_box(count, cx, cy, target):
    def box(h):
        return (round(cx - h, 4), round(cy - h, 4), round(cx + h, 4), round(cy + h, 4))

    lo, hi = 0.0, 40.0
    best = box(hi)
    for _ in range(60):
        mid = (lo + hi) / 2
        best = box(mid)
        c = count(best)
        if abs(c - target) <= 0.02 * target:
            break
        if c < target:
            lo = mid
        else:
            hi = mid
    return best, count(best)


def print_box(best, n):
    print(",".join(f"{v:g}" for v in best), n)
