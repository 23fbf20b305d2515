"""Benchmark helper (never used at run time or in tests): times scipy.fft.rfftn + irfftn round trips
of an n³ float64 grid with 2 workers and prints one JSON line: seconds per round trip and peak RSS."""
import json
import resource
import statistics
import sys
import time

import numpy as np
import scipy.fft

n = int(sys.argv[1])
reps = int(sys.argv[2]) if len(sys.argv) > 2 else 3
workers = int(sys.argv[3]) if len(sys.argv) > 3 else 2
grid = np.random.default_rng(1).random((n, n, n)) - 0.5
back = scipy.fft.irfftn(scipy.fft.rfftn(grid, workers=workers), grid.shape, workers=workers)  # warm-up, plan caches
times = []
for _ in range(reps):
    t0 = time.perf_counter()
    spectrum = scipy.fft.rfftn(grid, workers=workers)
    back = scipy.fft.irfftn(spectrum, grid.shape, workers=workers)
    times.append(time.perf_counter() - t0)
    del spectrum
error = float(np.max(np.abs(back - grid)))
print(json.dumps({
    "n": n,
    "median": statistics.median(times),
    "min": min(times),
    "peakRssMb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    "maxError": error,
    "version": scipy.__version__,
}))
