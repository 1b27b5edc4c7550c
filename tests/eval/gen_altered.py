#!/usr/bin/env python3
"""gen_altered.py CORPUS SEED N: official releases with a date, time or count changed.

saring's own `altered` set for `make eval`: for N official documents of
CORPUS that hold a date ("10 Maret 2019", "Senin (28/5)", "tanggal 12"), a
time ("pukul 09.00") or a count written in words ("dua ribu"), the
sentences around it as a forwarded excerpt, once with that one thing
changed (expect_label "altered", and "said"/"release": the changed and the
original text, which saring's note must name) and once unchanged
(expect_label "official": the control). Kinds: month, daymonth, tanggal,
pukul, words, and "control". Deterministic for a given seed.

"expect" is built as in the shared dev set (EVAL.md): the source document
first, then any corpus document holding at least half of the unchanged
excerpt's word trigrams (the corpus holds some releases twice, under two ids).
"""
import json, random, re, sys

MONTHS = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
          "September", "Oktober", "November", "Desember"]
COUNTS = ["satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan", "sepuluh"]
PATTERNS = [
    ("month", re.compile(r"\b(\d{1,2}) (%s)\b" % "|".join(MONTHS), re.I)),
    ("daymonth", re.compile(r"\((\d{1,2})/(\d{1,2})\)")),
    ("pukul", re.compile(r"\bpukul (\d{1,2})[.:](\d\d)\b", re.I)),
    ("tanggal", re.compile(r"\btanggal (\d{1,2})\b", re.I)),
    ("words", re.compile(r"\b(%s) (ribu|juta|miliar|ratus)\b" % "|".join(COUNTS), re.I)),
]

def change(kind, m, rnd):
    """The changed text for match m, never equal to the original."""
    g = m.group(0)
    if kind == "month":
        cur = next(i for i, x in enumerate(MONTHS) if x.lower() == m.group(2).lower())
        new = rnd.choice([x for i, x in enumerate(MONTHS) if i != cur])
        return f"{m.group(1)} {new}"
    if kind == "daymonth":
        d = int(m.group(1))
        return f"({rnd.choice([x for x in range(1, 29) if x != d])}/{m.group(2)})"
    if kind == "pukul":
        h = int(m.group(1))
        return f"pukul {rnd.choice([x for x in range(6, 22) if x != h]):02d}.{m.group(2)}"
    if kind == "tanggal":
        d = int(m.group(1))
        return f"tanggal {rnd.choice([x for x in range(1, 29) if x != d])}"
    cur = m.group(1).lower()
    return f"{rnd.choice([x for x in COUNTS if x != cur])} {m.group(2)}"

def trigrams(text):
    w = re.findall(r"\w+", text.lower())
    return {tuple(w[i:i + 3]) for i in range(len(w) - 2)}

def twins(excerpt, source, index):
    """The other documents holding at least half of excerpt's word trigrams, by id."""
    tri = trigrams(excerpt)
    held = {}
    for t in tri:
        for i in index.get(t, ()):
            held[i] = held.get(i, 0) + 1
    return sorted(i for i, k in held.items() if i != source and 2 * k >= len(tri))

def sentences(text):
    return [s for s in re.split(r"(?<=[.!?])\s+", text) if s.strip()]

def main():
    rnd = random.Random(int(sys.argv[2]))
    want = int(sys.argv[3])
    corpus = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8") if l.strip()]
    index = {}
    for d in corpus:
        for t in trigrams(" ".join(d.get(f) or "" for f in ("title", "claim", "text"))):
            index.setdefault(t, set()).add(d["id"])
    docs = [d for d in corpus if d["label"] == "official"]
    rnd.shuffle(docs)
    n = 0
    for d in docs:
        if n >= want:
            break
        ss = sentences(d["text"])
        found = None
        for kind, pat in rnd.sample(PATTERNS, len(PATTERNS)):
            for i, s in enumerate(ss):
                m = pat.search(s)
                if m:
                    found = (kind, i, m)
                    break
            if found:
                break
        if not found:
            continue
        kind, i, m = found
        lo = max(0, i - rnd.randint(0, 1))
        excerpt = ss[lo:i + 2]
        k = i - lo
        if len(" ".join(excerpt).split()) < 15:
            continue
        new = change(kind, m, rnd)
        changed = list(excerpt)
        changed[k] = excerpt[k][:m.start()] + new + excerpt[k][m.end():]
        n += 1
        base = {"expect": [d["id"]] + twins(" ".join(excerpt), d["id"], index)}
        print(json.dumps(dict(base, id=f"alt-{n:04d}", text=" ".join(changed), expect_label="altered",
                              kind=kind, said=new, release=m.group(0)), ensure_ascii=False))
        print(json.dumps(dict(base, id=f"ctl-{n:04d}", text=" ".join(excerpt), expect_label="official",
                              kind="control"), ensure_ascii=False))

if __name__ == "__main__":
    main()
