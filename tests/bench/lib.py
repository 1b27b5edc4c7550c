"""lib.py: timing, statistics and table helpers shared by the benchmarks.

Every figure is a whole process timed from outside with time.perf_counter()
(process start included), optionally under /usr/bin/time -v for the peak
resident set size. Nothing here decides pass or fail.
"""
import math
import os
import subprocess
import tempfile
import time

GNU_TIME = "/usr/bin/time"
HAVE_GNU_TIME = os.access(GNU_TIME, os.X_OK)


class Run:
    """One timed process: wall seconds and peak RSS in KiB (None if unknown)."""

    def __init__(self, seconds, rss_kb):
        self.seconds = seconds
        self.rss_kb = rss_kb


def run(cmd, stdout=subprocess.DEVNULL, rss=False, ok=(0, 1)):
    """Run cmd (a list) once and time it; exit codes outside ok are an error.

    With rss and /usr/bin/time present, the process runs under `time -v`
    (a fork and exec more, well under a millisecond)."""
    report = None
    if rss and HAVE_GNU_TIME:
        fd, report = tempfile.mkstemp(prefix="bench-time-")
        os.close(fd)
        cmd = [GNU_TIME, "-v", "-o", report] + list(cmd)
    start = time.perf_counter()
    p = subprocess.run(cmd, stdout=stdout, stderr=subprocess.PIPE)
    seconds = time.perf_counter() - start
    rss_kb = None
    if report:
        with open(report) as f:
            for line in f:
                if "Maximum resident set size" in line:
                    rss_kb = int(line.rsplit(":", 1)[1])
        os.unlink(report)
    if p.returncode not in ok:
        raise RuntimeError("%s: exit %d\n%s" % (" ".join(cmd), p.returncode,
                                                p.stderr.decode(errors="replace")[-2000:]))
    return Run(seconds, rss_kb)


def repeat(cmd, runs, budget, before=None, **kw):
    """`runs` runs of cmd; fewer when another would push the total past
    `budget` seconds (always one), more (up to 3x) while the total stays
    under a quarter of it, since short runs are the noisiest. before()
    runs untimed before each run (say, to remove the database an import
    writes)."""
    done = []
    while len(done) < 3 * runs:
        total = sum(r.seconds for r in done)
        if done and (total + done[-1].seconds > budget or
                     (len(done) >= runs and total >= budget / 4)):
            break
        if before:
            before()
        done.append(run(cmd, **kw))
    return done


def median(xs):
    xs = sorted(xs)
    n = len(xs)
    return (xs[n // 2] + xs[(n - 1) // 2]) / 2 if n else float("nan")


def percentile(xs, p):
    """Nearest-rank percentile (p in 0..100) of a non-empty list."""
    xs = sorted(xs)
    return xs[max(0, math.ceil(p / 100 * len(xs)) - 1)]


def median_seconds(runs):
    return median([r.seconds for r in runs])


def peak_rss_mb(runs):
    """Largest peak RSS over the runs in MiB, or None without /usr/bin/time."""
    vals = [r.rss_kb for r in runs if r.rss_kb is not None]
    return max(vals) / 1024 if vals else None


def file_mb(*paths):
    """Total size in MB (10^6 bytes) of the paths that exist."""
    return sum(os.path.getsize(p) for p in paths if os.path.exists(p)) / 1e6


def fmt(x, digits=None):
    """A figure for a table: '-' for None, thousands separators for big ones."""
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "-"
    if isinstance(x, str):
        return x
    if digits is None:
        digits = 0 if abs(x) >= 100 else 1 if abs(x) >= 10 else 2
    return "{:,.{}f}".format(x, digits)


def ratio(a, b):
    return "-" if a is None or b is None or not b else "%.2fx" % (a / b)


def text_table(header, rows):
    """Aligned plain text: the first column left, the others right."""
    cells = [header] + [[str(c) for c in r] for r in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(header))]

    def line(r):
        return "  ".join(c.ljust(w) if i == 0 else c.rjust(w)
                         for i, (c, w) in enumerate(zip(r, widths))).rstrip()
    return "\n".join([line(header), line(["-" * w for w in widths])] +
                     [line(r) for r in cells[1:]])


def md_table(header, rows):
    out = ["| " + " | ".join(header) + " |",
           "|" + "|".join(["---"] + ["---:"] * (len(header) - 1)) + "|"]
    out += ["| " + " | ".join(str(c) for c in r) + " |" for r in rows]
    return "\n".join(out)
