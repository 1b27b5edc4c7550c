#!/usr/bin/env python3
"""images.py: the speed of reading images (make bench; never pass/fail).

  1. one image, `check --image`, process start included, pinned to one core
     (taskset): the median of 7 runs, wall time and CPU time (user + sys,
     which other work on a shared machine moves less), for a poster, a
     phone screenshot and a poster shrunk to 40%;
  2. `scan` of a .zip export with 200 attached images (the committed test
     pictures made distinct by a chunk of their own): wall and CPU time
     (CPU / wall = cores used) and peak RSS;
  3. `check` of a text message with and without Tesseract installed in the
     process's reach: its start-up must not change, so the libraries must
     not be loaded (LD_DEBUG=files counts them) and the median time is shown.
Writes build/bench/images.md and prints it.
"""
import os
import resource
import statistics
import struct
import subprocess
import sys
import time
import zipfile
import zlib

OUT = "build/bench"
DB = "build/starter.db"


def timed(cmd, env=None):
    t = time.perf_counter()
    r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.perf_counter() - t, (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime), r1.ru_maxrss


def peak_rss(cmd):
    """Peak RSS in MiB of one run, from GNU time."""
    p = subprocess.run(["/usr/bin/time", "-f", "%M"] + cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    return int(p.stderr.strip().splitlines()[-1]) / 1024


def distinct_png(data, i):
    """The same picture, other bytes: a tEXt chunk before IEND."""
    body = b"tEXt" + b"saring\0%d" % i
    chunk = struct.pack(">I", len(body) - 4) + body + struct.pack(">I", zlib.crc32(body))
    return data[:-12] + chunk + data[-12:]


def main():
    os.makedirs(OUT, exist_ok=True)
    pin = ["taskset", "-c", "0"] if subprocess.run(["which", "taskset"], capture_output=True).returncode == 0 else []
    lines = ["# Images (tests/bench/images.py)", "", "Machine: %d cores, load %.1f at start." % (os.cpu_count(), os.getloadavg()[0]), ""]
    lines += ["| one image, check --image, one core | median of 7 (s) | min (s) | CPU, median (s) | peak RSS (MiB) |",
              "|---|---|---|---|---|"]
    for img in ["tests/image/hoax-poster.png", "tests/image/official-screenshot.png", "tests/image/hoax-small.png"]:
        cmd = pin + ["./saring", "--db", DB, "check", "--image", img]
        runs = [timed(cmd) for _ in range(7)]
        times = [r[0] for r in runs]
        lines.append("| %s | %.2f | %.2f | %.2f | %.0f |" % (os.path.basename(img), statistics.median(times), min(times),
                     statistics.median(r[1] for r in runs), peak_rss(cmd)))
    # a chat with 200 images
    pics = [open("tests/image/" + f, "rb").read() for f in ("hoax-poster.png", "official-screenshot.png", "hoax-small.png", "wedding-letter.png")]
    chat = []
    zpath = OUT + "/images-200.zip"
    with zipfile.ZipFile(zpath, "w") as z:
        for i in range(200):
            name = "IMG-20231013-WA%04d.jpg" % i
            z.writestr(name, distinct_png(pics[i % len(pics)], i))
            chat.append("13/10/2023 %02d.%02d - Warga %d: %s (file terlampir)" % (8 + i // 60, i % 60, i % 7, name))
        z.writestr("WhatsApp Chat dengan Warga.txt", "\n".join(chat) + "\n")
    cmd = ["./saring", "--db", DB, "scan", zpath]
    wall, cpu, _ = timed(cmd)
    rss = peak_rss(cmd)
    lines += ["", "| scan of a zip with 200 images | wall (s) | CPU (s) | cores used | s per image | peak RSS (MiB) |",
              "|---|---|---|---|---|---|",
              "| %d threads | %.1f | %.1f | %.2f | %.2f | %.0f |" % (os.cpu_count(), wall, cpu, cpu / wall, wall / 200, rss)]
    # check of text: no image library loaded
    text = ["./saring", "--db", DB, "check", "Info penting vaksin covid ada microchip nya sebarkan"]
    env = dict(os.environ, LD_DEBUG="files")
    p = subprocess.run(text, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=env)
    loaded = sum(1 for l in p.stderr.splitlines() if "calling init" in l and ("tesseract" in l or "lept" in l))
    times = [timed(text)[0] for _ in range(21)]
    img = subprocess.run(["./saring", "--db", DB, "check", "--image", "tests/image/tiny.gif"], stdout=subprocess.DEVNULL,
                         stderr=subprocess.PIPE, text=True, env=env).stderr
    loaded_img = sum(1 for l in img.splitlines() if "calling init" in l and ("tesseract" in l or "lept" in l))
    lines += ["", "| check of a text message | median of 21 (ms) | Tesseract/Leptonica loaded |", "|---|---|---|",
              "| text | %.1f | %d libraries |" % (1000 * statistics.median(times), loaded),
              "| (an image, for comparison) | | %d libraries |" % loaded_img]
    lines += ["", "Load average at the end: %.1f." % os.getloadavg()[0]]
    report = "\n".join(lines) + "\n"
    open(OUT + "/images.md", "w").write(report)
    print(report)


if __name__ == "__main__":
    sys.exit(main())
