#!/usr/bin/env python3
"""gen_wrapped.py QUERIES SEED: forwards wrapped in group-chat chatter.

saring's own positives for `make eval`: each positive query of QUERIES (the
shared dev set) as it arrives in a real group, with chatter before, after
or both (forward headers, a line of Javanese or Sundanese, English "just
sharing", emoji lines, links, a greeting), and pairs of forwards pasted
into one message with chatter between (expect: either document). Kinds:
"before", "after", "around", "pair". Deterministic for a given seed.
"""
import json, random, sys

HEADERS = ["Diteruskan", "_Diteruskan_", "Forwarded", "Forwarded many times", "*PENTING!!*",
           "Dari grup sebelah", "Copas dari grup alumni", "Kiriman dari teman"]
CHATTER = [
    "Ini beneran gak sih? 🤔", "Tolong dicek ya bapak ibu", "Mohon pencerahannya 🙏",
    "Just sharing, not sure if true", "FYI guys", "sorry if repost", "Share aja ya, semoga bermanfaat",
    "Lur, iki bener ora? 🙏", "Monggo dipun waos", "Iki tenan po hoaks yo?", "Aku oleh soko grup sebelah",
    "Punten, ieu leres henteu?", "Mangga dibaca heula", "Ieu ti grup tatangga",
    "Aya nu terang ieu bener?", "Waduh serem juga ya", "Astaghfirullah 😱😱", "😱😱😱", "🙏🙏🙏",
    "👇👇👇", "Hati-hati ya semua", "Selamat pagi, izin share", "Bagaimana menurut bapak ibu?",
    "Kalau hoaks mohon maaf ya", "Cek dulu sebelum sebar", "Wkwk ada2 aja", "Beneran nih?",
    "https://bit.ly/3xYz9Qw", "Sumber: grup WA keluarga", "Monggo, mugi manfaat", "Ati-ati lur",
]

def chatter(rnd, k):
    return [rnd.choice(CHATTER) for _ in range(k)]

def main():
    rnd = random.Random(int(sys.argv[2]))
    qs = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8") if l.strip()]
    pos = [q for q in qs if q["expect"]]
    n = 0
    def emit(text, expect, label, kind, parts=None):
        nonlocal n
        n += 1
        q = {"id": f"wrap-{n:04d}", "text": text, "expect": expect, "expect_label": label, "kind": kind}
        if parts:
            q["parts"] = parts   # each forward's own expected documents
        print(json.dumps(q, ensure_ascii=False))
    for q in pos:
        kind = rnd.choice(["before", "after", "around"])
        lines = []
        if kind in ("before", "around"):
            if rnd.random() < 0.5:
                lines.append(rnd.choice(HEADERS))
            lines += chatter(rnd, rnd.randint(1, 3))
        lines.append(q["text"])
        if kind in ("after", "around"):
            lines += chatter(rnd, rnd.randint(1, 3))
        emit("\n".join(lines), q["expect"], q["expect_label"], kind)
    # pairs: two forwards of the same kind of verdict in one message
    for label in ("hoax", "official"):
        group = [q for q in pos if ("hoax" if q["expect_label"] == "factcheck" else q["expect_label"]) == label]
        rnd.shuffle(group)
        for a, b in zip(group[0::2][:20], group[1::2][:20]):
            text = "\n".join([a["text"]] + chatter(rnd, rnd.randint(1, 2)) + [b["text"]])
            emit(text, a["expect"] + b["expect"], label, "pair", [a["expect"], b["expect"]])

if __name__ == "__main__":
    main()
