#!/usr/bin/env python3
"""gencorpus.py: a deterministic larger corpus for the scale benchmark.

usage: gencorpus.py N SEED CORPUS.jsonl OUT.jsonl

Writes N documents: every document of CORPUS first (so the dev queries
still have their true matches), then new ones up to N. Each new document
takes a real document of a label drawn with the corpus's label mix as its
template: the same number of sentences (so lengths follow the real
distribution), about half of them replaced by sentences of about the
same length from other documents with that label, in shuffled order; a
text that already exists is drawn again from the same template. New ids
are "gen-<n>". Same arguments, same bytes.
"""
import json
import random
import re
import sys

SENTENCE = re.compile(r"(?<=[.!?])\s+")


def similar(rng, pool, sentence):
    """The closest in length of a few random sentences of the pool."""
    return min((rng.choice(pool) for _ in range(4)), key=lambda s: abs(len(s) - len(sentence)))


def variant(rng, sentences, pool):
    """The sentences with about half (at least one) replaced, shuffled."""
    out = list(sentences)
    swap = [i for i in range(len(out)) if rng.random() < 0.5] or [rng.randrange(len(out))]
    for i in swap:
        out[i] = similar(rng, pool, out[i])
    rng.shuffle(out)
    return " ".join(out)


def main():
    if len(sys.argv) != 5:
        sys.exit("usage: gencorpus.py N SEED CORPUS.jsonl OUT.jsonl")
    n, seed, corpus, out = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3], sys.argv[4]
    rng = random.Random(seed)
    docs, pool = [], {}  # pool: label -> every sentence of that label's documents
    with open(corpus, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                d = json.loads(line)
                d["sentences"] = [s for s in SENTENCE.split(d.get("text") or "") if s]
                if d["sentences"]:
                    docs.append(d)
                    pool.setdefault(d.get("label"), []).extend(d["sentences"])
    if not docs:
        sys.exit("gencorpus.py: %s: no document text" % corpus)
    seen = set()
    with open(out, "w", encoding="utf-8") as o:
        for d in docs[:n]:
            seen.add(d["text"])
            o.write(json.dumps({k: v for k, v in d.items() if k != "sentences"},
                               ensure_ascii=False) + "\n")
        made = min(n, len(docs))
        while made < n:
            tpl = rng.choice(docs)  # choosing a document draws its label by the mix
            text = variant(rng, tpl["sentences"], pool[tpl.get("label")])
            tries = 0
            while text in seen:  # small corpora run out of variants: grow the text
                tries += 1
                text = variant(rng, tpl["sentences"], pool[tpl.get("label")])
                if tries > 10:
                    text += " " + " ".join(rng.choice(pool[tpl.get("label")])
                                           for _ in range(tries - 10))
            seen.add(text)
            made += 1
            title = rng.choice(docs)["title"] if rng.random() < 0.5 else tpl.get("title")
            doc = {"id": "gen-%d" % made, "label": tpl.get("label"), "title": title or "",
                   "text": text, "url": "", "date": tpl.get("date") or "",
                   "source": "gencorpus"}
            o.write(json.dumps(doc, ensure_ascii=False) + "\n")
    print("gencorpus: %s: %d documents" % (out, n), file=sys.stderr)


if __name__ == "__main__":
    main()
