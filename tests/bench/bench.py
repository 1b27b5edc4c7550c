#!/usr/bin/env python3
"""bench.py: saring's speed figures, each beside a baseline measured in
the same run. Called by run.sh, which finds the corpus and builds the C
baselines; see run.sh for the usage.

Prints aligned tables and writes OUT/REPORT.md and OUT/results.json.
"""
import argparse
import datetime
import json
import re
import shutil
import os
import platform
import subprocess
import sys
import time

import lib

HERE = os.path.dirname(os.path.abspath(__file__))
SARING = "./saring"
SEED = 20221013


class Bench:
    def __init__(self, args):
        self.mode = args.mode
        self.full = args.mode == "full"
        self.corpus = args.corpus
        self.queries = args.queries
        self.out = args.out
        self.command = args.command
        self.plain = os.path.join(args.out, "plain_fts")
        self.raw = os.path.join(args.out, "raw_nfkc")
        # Runs per figure: `runs`, more for short ones, fewer past `budget` s (lib.repeat).
        self.runs, self.budget = (5, 60) if self.full else (3, 8)
        self.rows = []       # the main table
        self.scale = []      # the corpus-size table (full mode)
        self.notes = []
        self.results = {"mode": self.mode, "corpus": self.corpus}
        self.started = time.perf_counter()
        self.machine = machine()  # at the start: the binary may be rebuilt later

    def path(self, name):
        return os.path.join(self.out, name)

    def note(self, text):
        self.notes.append(text)
        print("bench: note: " + text, flush=True)

    def row(self, figure, saring, baseline, target, rss=(None, None), runs=("", "")):
        """One line of the main table; ratio is always saring / baseline."""
        self.rows.append([figure, lib.fmt(saring), lib.fmt(baseline), lib.ratio(saring, baseline),
                          target, "%s / %s" % (lib.fmt(rss[0]), lib.fmt(rss[1])) if rss[0] else "-",
                          "%s / %s" % runs if runs[0] else "-"])
        print("  %-40s saring %10s   baseline %10s   %s" % (
            figure, lib.fmt(saring), lib.fmt(baseline), lib.ratio(saring, baseline)), flush=True)

    def timed(self, cmd, before=None, rss=True, **kw):
        """Median seconds, peak RSS MiB and run count of cmd, repeated."""
        runs = lib.repeat(cmd, self.runs, self.budget, before=before, rss=rss, **kw)
        return lib.median_seconds(runs), lib.peak_rss_mb(runs), len(runs)

    # 1. Text pipeline -------------------------------------------------------

    def text_pipeline(self):
        print("bench: text pipeline", flush=True)
        texts = self.path("texts.txt")
        with open(self.corpus, encoding="utf-8") as f, open(texts, "w", encoding="utf-8") as o:
            for line in f:
                if line.strip():
                    o.write((json.loads(line).get("text") or "") + "\n")
        mb = lib.file_mb(texts)
        s, s_rss, s_n = self.timed([SARING, "normalize", "--stem", texts])
        b, b_rss, b_n = self.timed([self.raw, texts])
        self.results["text"] = {"mb": mb, "saring_s": s, "raw_s": b}
        self.row("text pipeline, MB/s (%s MB)" % lib.fmt(mb), mb / s, mb / b, ">= 0.5x",
                 (s_rss, b_rss), (s_n, b_n))

    # 2. Import ----------------------------------------------------------------

    def import_corpus(self, corpus, name):
        """Import corpus with saring and plain FTS5 into fresh databases:
        (saring s, plain s, saring MB, plain MB, RSS pair, run counts)."""
        sdb, pdb = self.path(name + ".db"), self.path(name + "-plain.db")

        def fresh(db):
            return lambda: [os.unlink(p) for p in (db, db + "-wal", db + "-shm", db + "-journal")
                            if os.path.exists(p)]
        one, _, _ = self.timed(["env", "SARING_THREADS=1", SARING, "--db", sdb, "import", corpus],
                               before=fresh(sdb))
        s, s_rss, s_n = self.timed([SARING, "--db", sdb, "import", corpus], before=fresh(sdb))
        b, b_rss, b_n = self.timed([self.plain, "import", pdb, corpus], before=fresh(pdb))
        self.one_thread = one
        return (s, b, lib.file_mb(sdb, sdb + "-wal"), lib.file_mb(pdb, pdb + "-journal"),
                (s_rss, b_rss), (s_n, b_n))

    def import_section(self):
        print("bench: import", flush=True)
        docs = count_lines(self.corpus)
        jsonl = lib.file_mb(self.corpus)
        s, b, s_mb, b_mb, rss, runs = self.import_corpus(self.corpus, "x")
        self.results["import"] = {"docs": docs, "jsonl_mb": jsonl, "saring_s": s, "plain_s": b,
                                  "saring_db_mb": s_mb, "plain_db_mb": b_mb}
        self.results["import"]["saring_one_thread_s"] = self.one_thread
        self.row("import, docs/s (%d docs)" % docs, docs / s, docs / b,
                 ">= 0.33x (time within 3x)", rss, runs)
        self.row("import, docs/s, one thread (SARING_THREADS=1)", docs / self.one_thread, docs / b,
                 ">= 0.33x (time within 3x)")
        self.row("database, MB (JSONL %s MB)" % lib.fmt(jsonl), s_mb, b_mb, "-")
        self.row("database / JSONL size", s_mb / jsonl, b_mb / jsonl, "saring <= 3x")

    # 3. check -----------------------------------------------------------------

    def query_texts(self):
        """The dev query texts or, without a dev file, the first 300 characters
        of 300 documents spread over the corpus."""
        if os.path.exists(self.queries):
            with open(self.queries, encoding="utf-8") as f:
                return [json.loads(l)["text"] for l in f if l.strip()]
        with open(self.corpus, encoding="utf-8") as f:
            docs = [json.loads(l).get("text") or "" for l in f if l.strip()]
        return [d[:300] for d in docs[::max(1, len(docs) // 300)][:300] if d]

    def latency(self, db, pdb, texts, reps, base_texts=None):
        """p50 and p99 in ms of one check per process, saring and baseline,
        interleaved so both see the same machine load."""
        s_ms, b_ms = [], []
        base = set(range(len(texts) if base_texts is None else base_texts))
        for _ in range(reps):
            for i, t in enumerate(texts):
                s_ms.append(lib.run([SARING, "--db", db, "check", "--json", t]).seconds * 1e3)
                if i in base:
                    b_ms.append(lib.run([self.plain, "text", pdb, t]).seconds * 1e3)
        return ([lib.percentile(s_ms, 50), lib.percentile(s_ms, 99)],
                [lib.percentile(b_ms, 50), lib.percentile(b_ms, 99)], len(s_ms), len(b_ms))

    def batch(self, db, pdb, lines, base_lines):
        """Batch msg/s of saring over the first `lines` queries (repeated
        to reach that many), the baseline over the first `base_lines`."""
        texts = self.query_texts()
        batch, base = self.path("batch.jsonl"), self.path("batch-base.jsonl")
        with open(batch, "w", encoding="utf-8") as o, open(base, "w", encoding="utf-8") as ob:
            for i in range(lines):
                rec = json.dumps({"id": "q%d" % i, "text": texts[i % len(texts)]},
                                 ensure_ascii=False) + "\n"
                o.write(rec)
                if i < base_lines:
                    ob.write(rec)
        s, s_rss, s_n = self.timed([SARING, "--db", db, "check", "--jsonl", "--json", "-f", batch])
        b, b_rss, b_n = self.timed([self.plain, "query", pdb, base])
        return lines / s, base_lines / b, (s_rss, b_rss), (s_n, b_n)

    def check_section(self):
        print("bench: check", flush=True)
        texts = self.query_texts()
        step = max(1, len(texts) // 50)
        singles = texts[::step][:50]
        reps = 3 if self.full else 1
        (s50, s99), (b50, b99), ns, nb = self.latency(self.path("x.db"), self.path("x-plain.db"),
                                                      singles, reps)
        self.row("check p50, ms (1 message per process)", s50, b50, "-", runs=(ns, nb))
        self.row("check p99, ms", s99, b99, "-", runs=(ns, nb))
        self.note("check p50/p99: nearest rank over %d samples (%d messages, %d time(s) "
                  "each); with 50 samples p99 is the slowest" % (ns, len(singles), reps))
        lines = 3000 if self.full else len(texts)
        base_lines = min(lines, len(texts))
        s, b, rss, runs = self.batch(self.path("x.db"), self.path("x-plain.db"), lines,
                                     base_lines)
        self.results["check"] = {"p50_ms": s50, "p99_ms": s99, "plain_p50_ms": b50,
                                 "plain_p99_ms": b99, "batch_msgs": s, "plain_batch_msgs": b,
                                 "batch_lines": lines, "plain_batch_lines": base_lines}
        self.row("check --jsonl batch, msg/s (%d lines)" % lines, s, b,
                 ">= 2,000 msg/s, >= 10x", rss, runs)
        if base_lines < lines:
            self.note("the batch baseline ran over the first %d lines (each query once), "
                      "saring over all %d" % (base_lines, lines))

    def instructions_section(self):
        """Instruction counts under callgrind: repeatable whatever the load."""
        if not shutil.which("valgrind"):
            self.note("valgrind is missing, so no instruction counts; install it with: "
                      "apt-get install -y valgrind")
            return
        print("bench: instruction counts (callgrind)", flush=True)
        texts = self.query_texts()
        lines, base_lines = min(300, len(texts)), min(30, len(texts))
        batch, base = self.path("cg-batch.jsonl"), self.path("cg-base.jsonl")
        with open(batch, "w", encoding="utf-8") as o, open(base, "w", encoding="utf-8") as ob:
            for i in range(lines):
                rec = json.dumps({"id": "q%d" % i, "text": texts[i]}, ensure_ascii=False) + "\n"
                o.write(rec)
                if i < base_lines:
                    ob.write(rec)

        def collected(cmd):
            r = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null"] + cmd,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
            m = re.search(r"Collected : (\d+)", r.stderr)
            return int(m.group(1)) if m else float("nan")

        s = collected([SARING, "--db", self.path("x.db"), "check", "--jsonl", "--json", "-f", batch])
        b = collected([self.plain, "query", self.path("x-plain.db"), base])
        self.results["instructions"] = {"check_per_msg": s / lines, "plain_per_msg": b / base_lines}
        self.row("check --jsonl, million instructions per message (callgrind)", s / lines / 1e6,
                 b / base_lines / 1e6, "-")
        self.note("instruction counts: callgrind over the first %d dev queries (saring) and the "
                  "first %d (baseline), whole process, divided by the messages" % (lines, base_lines))

    # 4. scan ------------------------------------------------------------------

    def scan(self, n, sample):
        """Generate an n-message chat and scan it. The baseline queries the
        first `sample` ordinary messages and is scaled to the whole chat.
        Adds two rows; returns saring's msg/s."""
        chat = self.path("chat-%d.txt" % n)
        sidecar = self.path("chat-%d.texts.jsonl" % n)
        subprocess.run([sys.executable, os.path.join(HERE, "genchat.py"), str(n), str(SEED),
                        self.corpus, chat], check=True)
        texts = count_lines(sidecar)
        part = self.path("chat-%d.sample.jsonl" % n)
        with open(sidecar, encoding="utf-8") as f, open(part, "w", encoding="utf-8") as o:
            for i, line in enumerate(f):
                if i >= sample:
                    break
                o.write(line)
        sample = min(sample, texts)
        s, s_rss, s_n = self.timed([SARING, "--db", self.path("x.db"), "scan", "--json", chat])
        b, b_rss, b_n = self.timed([self.plain, "query", self.path("x-plain.db"), part])
        for p in (chat, sidecar, part):
            os.unlink(p)
        base = n / (b * texts / sample)
        self.results["scan-%d" % n] = {"messages": n, "texts": texts, "msgs_per_s": n / s,
                                       "plain_msgs_per_s": base, "rss_mb": s_rss}
        self.row("scan, msg/s (%d messages)" % n, n / s, base, ">= 3,000 msg/s",
                 (s_rss, b_rss), (s_n, b_n))
        self.row("scan peak RSS, MB (%d messages)" % n, s_rss, b_rss, "< 64 MB")
        self.note("scan of %d messages: the baseline queried the first %d of the chat's %d "
                  "ordinary messages, its time scaled to the whole chat; saring scans every "
                  "message (and matches repeated forwards once)" % (n, sample, texts))
        return n / s

    def scan_section(self):
        print("bench: scan", flush=True)
        n = 100000 if self.full else 20000
        sample = 2000 if self.full else 500
        self.scan_rate = self.scan(n, sample)

    def scan_big(self):
        """The 1,000,000-message RSS figure, when the time budget allows."""
        n = 1000000
        rate = self.scan_rate
        elapsed = time.perf_counter() - self.started
        need = n / rate * 1.2 + 60  # the scan, the chat generator and the baseline
        budget = float(os.environ.get("BENCH_BUDGET", "900"))
        if elapsed + need > budget:
            self.note("scan of %d messages skipped: about %.0f s more would pass the %.0f s "
                      "budget (BENCH_BUDGET=SECONDS raises it)" % (n, need, budget))
            return
        print("bench: scan %d messages" % n, flush=True)
        self.runs, keep = 1, self.runs
        self.scan(n, 1000)
        self.runs = keep

    # 5. Corpus size -------------------------------------------------------------

    def scale_section(self, sizes):
        print("bench: corpus sizes %s" % " ".join(map(str, sizes)), flush=True)
        texts = self.query_texts()
        singles = texts[::max(1, len(texts) // 50)][:50]
        base_singles, base_lines = 10, 30
        # One chat, scanned against every size (the baseline samples 30 messages).
        chat_n, scan_sample = 50000, 30
        chat = self.path("scale-chat.txt")
        sidecar = self.path("scale-chat.texts.jsonl")
        part = self.path("scale-chat.sample.jsonl")
        subprocess.run([sys.executable, os.path.join(HERE, "genchat.py"), str(chat_n), str(SEED),
                        self.corpus, chat], check=True)
        chat_texts = count_lines(sidecar)
        with open(sidecar, encoding="utf-8") as f, open(part, "w", encoding="utf-8") as o:
            for i, line in enumerate(f):
                if i >= scan_sample:
                    break
                o.write(line)
        # Imports of minutes: one run each (a second only for short ones).
        keep, self.runs = self.runs, 1
        for n in sizes:
            corpus = self.path("corpus-%d.jsonl" % n)
            subprocess.run([sys.executable, os.path.join(HERE, "gencorpus.py"), str(n),
                            str(SEED), self.corpus, corpus], check=True)
            jsonl = lib.file_mb(corpus)
            name = "scale-%d" % n
            s, b, s_mb, b_mb, rss, _ = self.import_corpus(corpus, name)
            db, pdb = self.path(name + ".db"), self.path(name + "-plain.db")
            (s50, s99), (b50, b99), _, _ = self.latency(db, pdb, singles, 3, base_singles)
            one_rss = max((lib.run([SARING, "--db", db, "check", "--json", t], rss=True).rss_kb or 0)
                          for t in singles[:10]) / 1024
            self.runs = keep   # short enough for the median of several runs
            bs, bb, b_rss, _ = self.batch(db, pdb, len(texts), base_lines)
            self.runs = 1
            verdicts = self.dev_verdicts(db)
            ss, ss_rss, _ = self.timed([SARING, "--db", db, "scan", "--json", chat])
            sb, _, _ = self.timed([self.plain, "query", pdb, part])
            scan_s, scan_b = chat_n / ss, chat_n / (sb * chat_texts / min(scan_sample, chat_texts))
            rec = {"scan_msgs": scan_s, "plain_scan_msgs": scan_b, "scan_rss_mb": ss_rss,
                   "docs": n, "jsonl_mb": jsonl, "import_docs_s": n / s,
                   "plain_import_docs_s": n / b, "db_mb": s_mb, "plain_db_mb": b_mb,
                   "import_one_thread_docs_s": n / self.one_thread,
                   "p50_ms": s50, "p99_ms": s99, "plain_p50_ms": b50, "plain_p99_ms": b99,
                   "batch_msgs": bs, "plain_batch_msgs": bb, "rss_mb": rss[0],
                   "dev_verdicts": verdicts, "check_rss_mb": one_rss, "batch_rss_mb": b_rss[0]}
            self.results.setdefault("scale", []).append(rec)
            pair = lambda a, c: "%s / %s (%s)" % (lib.fmt(a), lib.fmt(c), lib.ratio(a, c))
            self.scale.append(["{:,}".format(n), lib.fmt(jsonl),
                               "%s / %s / %s (%s)" % (lib.fmt(n / s), lib.fmt(n / self.one_thread), lib.fmt(n / b),
                                                       lib.ratio(n / s, n / b)),
                               pair(s_mb, b_mb), pair(s50, b50), pair(s99, b99), pair(bs, bb),
                               "%s / %s" % (lib.fmt(one_rss or None), lib.fmt(b_rss[0])), pair(scan_s, scan_b), lib.fmt(ss_rss),
                               verdicts.get("text", "-")])
            print("  %d docs: import %.0f docs/s (one thread %.0f), p50 %.1f ms, batch %.0f msg/s, "
                  "scan %.0f msg/s" % (n, n / s, n / self.one_thread, s50, bs, scan_s), flush=True)
            for p in (corpus, db, db + "-wal", db + "-shm", pdb):
                if os.path.exists(p):
                    os.unlink(p)
        self.runs = keep
        for p in (chat, sidecar, part):
            if os.path.exists(p):
                os.unlink(p)
        sc = self.results.get("scale", [])
        if len(sc) >= 2:
            a, z = sc[0], sc[-1]
            sizes_s = " / ".join("{:,}".format(r["docs"]) for r in sc)
            self.growth = (
                "Growth with corpus size (%s documents): saring's check p50 %s ms and batch "
                "%s msg/s; from the smallest to the largest (%.0fx the documents) its p50 grew "
                "%.1fx and its batch time per message %.1fx, while the plain FTS5 baseline's "
                "batch time grew %.1fx." % (
                    sizes_s, " / ".join("%.1f" % r["p50_ms"] for r in sc),
                    " / ".join(lib.fmt(r["batch_msgs"]) for r in sc),
                    z["docs"] / a["docs"], z["p50_ms"] / a["p50_ms"],
                    a["batch_msgs"] / z["batch_msgs"],
                    a["plain_batch_msgs"] / z["plain_batch_msgs"]))
            print("  " + self.growth)
        self.notes.append("corpus sizes: per size the plain FTS5 baseline ran %d single checks "
                          "(3 times each) and the first %d batch lines; saring %d and %d (each "
                          "message once: no repeats to warm its caches); import and scan ran "
                          "once per size, batch as in the table above" %
                          (base_singles, base_lines, len(singles), len(texts)))
        self.notes.append("corpus sizes: scan is one %s-message chat against each size; the "
                          "baseline queried its first %d ordinary messages, scaled to all %s"
                          % ("{:,}".format(chat_n), scan_sample, "{:,}".format(chat_texts)))
        if max(sizes) < 300000:
            self.notes.append("corpus sizes: 300,000 documents was left out (BENCH_SIZES=\"%s\")"
                              % " ".join(map(str, sizes)))
        self.notes.append("corpus sizes: dev verdicts is `score.py` over the dev queries "
                          "checked against each corpus (verdict accuracy, missed, false alarms); "
                          "R@1 is not shown there: generated documents keep half the sentences "
                          "of a real one, so they can hold a query's text as fully as its "
                          "true source")

    def dev_verdicts(self, db):
        """score.py's verdict figures for the dev queries checked against db."""
        score = os.path.join(os.path.dirname(os.path.dirname(self.queries)), "eval", "score.py")
        if not (os.path.exists(self.queries) and os.path.exists(score)):
            return {}
        out = self.path("dev-results.jsonl")
        with open(out, "w") as f:
            subprocess.run([SARING, "--db", db, "check", "--jsonl", "--json", "-n", "5",
                            "-f", self.queries], stdout=f)
        got = subprocess.run([sys.executable, score, self.queries, out], capture_output=True,
                             text=True).stdout
        os.unlink(out)
        fig = dict(l.split()[:2] for l in got.splitlines() if len(l.split()) >= 2)
        try:
            r = {k: float(fig[k]) for k in ("verdict_acc", "miss", "false_alarm")}
        except (KeyError, ValueError):
            return {}
        r["text"] = "%.3f, %.1f%%, %.1f%%" % (r["verdict_acc"], 100 * r["miss"],
                                            100 * r["false_alarm"])
        return r

    # Report -------------------------------------------------------------------

    HEADER = ["figure", "saring", "baseline", "saring/baseline", "target",
              "peak RSS MB (saring / base)", "runs (saring / base)"]
    SCALE_HEADER = ["documents", "JSONL MB", "import docs/s (saring / one thread / base)", "DB MB",
                    "check p50 ms",
                    "check p99 ms", "batch msg/s", "check RSS MB (one message / batch, saring)",
                    "scan msg/s", "scan RSS MB (saring)",
                    "dev verdicts: accuracy, missed, false alarms (saring)"]
    BASELINES = [
        "text pipeline: `raw_nfkc.c`, utf8proc_map(STABLE|COMPOSE|COMPAT|CASEFOLD) line by "
        "line over the same bytes, output written like `saring normalize --stem`",
        "import, check, scan: `plain_fts.c`, an FTS5 table (title, text) with "
        "tokenize='unicode61', documents inserted in one transaction; a message is queried "
        "as the OR of its double-quoted words, `bm25 ORDER BY rank LIMIT 5`",
        "every figure is whole processes timed from outside (process start, database open "
        "and output to /dev/null included), the median of the runs shown",
        "import: saring reads, parses and normalizes on a second thread while the first "
        "writes (its default with two or more processors); the one-thread figure is "
        "SARING_THREADS=1, everything else is single-threaded",
    ]

    def report(self):
        table = lib.text_table(self.HEADER, self.rows)
        print("\n" + table)
        if self.scale:
            print("\ncorpus size (saring / plain FTS5 baseline):\n" +
                  lib.text_table(self.SCALE_HEADER, self.scale))
            if getattr(self, "growth", None):
                print(self.growth)
        for n in self.notes:
            print("note: " + n)
        m = self.machine
        m["load average at end"] = loadavg()
        md = ["# saring benchmarks", "",
              "Generated by `%s` on %s. Do not edit these figures by hand: rerun the "
              "command (it rewrites this file)." % (self.command, m["date"]), "",
              "## Machine", ""]
        md += ["- %s: %s" % (k, m[k]) for k in
               ("saring", "cpu", "nproc", "kernel", "sqlite", "utf8proc", "compiler",
                "load average at start", "load average at end")]
        md += ["", "```", m["free -g"], "```", "",
               "## Results (%s mode, corpus `%s`)" % (self.mode, self.corpus), "",
               lib.md_table(self.HEADER, self.rows), "", "Baselines:", ""]
        md += ["- " + b for b in self.BASELINES]
        if self.scale:
            md += ["", "## Corpus size", "", "Each pair is saring / plain FTS5 baseline "
                   "(and saring/baseline); "
                   "corpora from `gencorpus.py` (the real corpus plus generated documents).",
                   "", lib.md_table(self.SCALE_HEADER, self.scale)]
            if getattr(self, "growth", None):
                md += ["", self.growth]
        if self.notes:
            md += ["", "## Notes", ""] + ["- " + n for n in self.notes]
        md += ["", "Total bench time: %.0f s." % (time.perf_counter() - self.started)]
        with open(self.path("REPORT.md"), "w", encoding="utf-8") as f:
            f.write("\n".join(md) + "\n")
        self.results["machine"] = m
        self.results["command"] = self.command
        with open(self.path("results.json"), "w", encoding="utf-8") as f:
            json.dump(self.results, f, indent=1)
        print("bench: wrote %s and %s (%.0f s)" % (self.path("REPORT.md"),
                                                   self.path("results.json"),
                                                   time.perf_counter() - self.started))


def count_lines(path):
    with open(path, encoding="utf-8") as f:
        return sum(1 for l in f if l.strip())


def sh(cmd):
    try:
        return subprocess.run(cmd, shell=True, capture_output=True, text=True).stdout.rstrip()
    except OSError:
        return ""


def loadavg():
    with open("/proc/loadavg") as f:
        return " ".join(f.read().split()[:3])


def machine():
    cpu = ""
    with open("/proc/cpuinfo") as f:
        for line in f:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    rev = sh("git rev-parse --short HEAD")
    if sh("git status --porcelain -- src data Makefile"):
        rev += " with uncommitted changes"
    return {
        "saring": "%s (git %s)" % (sh("./saring --version"), rev),
        "cpu": cpu, "nproc": sh("nproc"), "kernel": platform.platform(),
        "sqlite": sh("pkg-config --modversion sqlite3") + " (libsqlite3, both tools)",
        "utf8proc": sh("pkg-config --modversion libutf8proc"),
        "compiler": sh("cc --version | head -1"),
        "free -g": sh("free -g"),
        "load average at start": loadavg(),  # other work on the machine skews every figure
        "date": datetime.datetime.now().astimezone().isoformat(timespec="seconds"),
    }


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--mode", choices=["quick", "full"], required=True)
    ap.add_argument("--corpus", required=True)
    ap.add_argument("--queries", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--command", required=True)
    b = Bench(ap.parse_args())
    if not lib.HAVE_GNU_TIME:
        b.note("/usr/bin/time is missing, so no peak RSS; install it with: "
               "apt-get install -y time")
    if not os.path.exists(b.queries):
        b.note("no dev queries: check used the first 300 characters of up to 300 corpus documents")
    b.text_pipeline()
    b.import_section()
    b.check_section()
    if b.full:
        b.instructions_section()
    b.scan_section()
    if b.full:
        sizes = [int(s) for s in os.environ.get("BENCH_SIZES", "10000 100000 300000").split()]
        if sizes:
            b.scale_section(sizes)
        b.scan_big()
    b.report()


if __name__ == "__main__":
    main()
