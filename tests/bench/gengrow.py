#!/usr/bin/env python3
"""gengrow.py: a corpus grown as real ones grow, for the score invariance bench.

usage: gengrow.py N SEED CORPUS.jsonl OUT.jsonl

Writes N documents: every document of CORPUS first, then new ones up to N.
A real corpus that grows 36-fold does not hold each of its sentences 36
times (gencorpus.py's recombined documents do, which is right for speed,
wrong for evidence): its common words grow with it and new documents
bring new names. So each new document takes a real document of a label
drawn with the corpus's label mix as its template, keeps its length and
its share of common words (words in at least COMMON documents), draws
those from the corpus's own frequencies and the rest from a vocabulary
that grows as documents are added (made-up words, a new one with
probability NEW, else one drawn before): Heaps' law, roughly. Same
arguments, same bytes. New ids are "grow-<n>".
"""
import bisect
import itertools
import json
import random
import re
import sys

WORD = re.compile(r"\w+", re.UNICODE)
COMMON = 3     # documents a word must be in to be drawn from the corpus
NEW = 0.3      # chance that a rare position brings a word never seen
SENTENCE = 14  # words per sentence, on average


def made_up(rng):
    """A pronounceable word of two to four syllables, not Indonesian in any likelihood."""
    cons, vows = "bcdfghjklmnprstvwyz", "aeiou"
    return "".join(rng.choice(cons) + rng.choice(vows) for _ in range(rng.randint(2, 4))) + rng.choice("kqxz")


def main():
    if len(sys.argv) != 5:
        sys.exit("usage: gengrow.py N SEED CORPUS.jsonl OUT.jsonl")
    n, seed, corpus, out = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3], sys.argv[4]
    rng = random.Random(seed)
    docs, df, count = [], {}, {}
    with open(corpus, encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            d = json.loads(line)
            words = [w.lower() for w in WORD.findall(d.get("text") or "")]
            if not words:
                continue
            docs.append((d, words))
            for w in set(words):
                df[w] = df.get(w, 0) + 1
            for w in words:
                count[w] = count.get(w, 0) + 1
    if not docs:
        sys.exit("gengrow.py: %s: no document text" % corpus)
    common = sorted(w for w in count if df[w] >= COMMON)
    cum = list(itertools.accumulate(count[w] for w in common))
    rare = []   # the growing vocabulary of new words
    with open(out, "w", encoding="utf-8") as o:
        for d, _ in docs[:n]:
            o.write(json.dumps(d, ensure_ascii=False) + "\n")
        made = min(n, len(docs))
        while made < n:
            tpl, words = rng.choice(docs)
            share = sum(df[w] >= COMMON for w in words) / len(words)
            text = []
            for i in range(len(words)):
                if rng.random() < share:
                    w = common[bisect.bisect_right(cum, rng.random() * cum[-1])]
                elif rare and rng.random() >= NEW:
                    w = rare[int(len(rare) * rng.random() ** 2)]   # the older, the more used
                else:
                    w = made_up(rng)
                    rare.append(w)
                text.append(w)
                if rng.random() < 1 / SENTENCE:
                    text[-1] += "."
            made += 1
            doc = {"id": "grow-%d" % made, "label": tpl.get("label"),
                   "title": " ".join(text[:8]).rstrip(".").capitalize(),
                   "text": " ".join(text).capitalize(), "url": "",
                   "date": tpl.get("date") or "", "source": "gengrow"}
            o.write(json.dumps(doc, ensure_ascii=False) + "\n")
    print("gengrow: %s: %d documents" % (out, n), file=sys.stderr)


if __name__ == "__main__":
    main()
