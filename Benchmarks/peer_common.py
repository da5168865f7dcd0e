"""Shared by the peer benchmark scripts: median timing and the fixed inputs."""
import statistics
import time

POINTS = 1_000_000


def median_seconds(fn, repeats):
    """Median wall time of `repeats` calls of fn, in seconds."""
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)
