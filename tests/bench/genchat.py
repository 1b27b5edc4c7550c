#!/usr/bin/env python3
"""genchat.py: a deterministic WhatsApp group export for the scan benchmark.

usage: genchat.py N SEED CORPUS.jsonl OUT.txt

Writes N messages in the Android Indonesian-locale layout
("13/10/2022 16.25 - Nama: pesan") to OUT.txt, and the text of every
ordinary message (not system notices or media) to OUT.texts.jsonl as
{"text": ...} lines, for the baseline to query. The mix: forwarded
excerpts of corpus documents (1-3 sentences, some with informal
abbreviations, ALL CAPS, a "Diteruskan" header or commentary), repeats
of earlier forwards by other senders, chatter, system lines, media
placeholders and multi-line messages. Same arguments, same bytes.
"""
import datetime
import json
import os
import random
import re
import sys

SENDERS = [
    "Pak Budi", "Bu Sri", "Mas Agus", "Mbak Rina", "Dedi Kurniawan", "Siti Aminah",
    "Pak RT 05", "Bu Lurah", "Joko", "Wati", "Hendra", "Yuni Lestari", "Rudi Hartono",
    "Ibu Nur", "Bang Ucok", "Teh Euis", "Kang Asep", "Om Freddy", "Tante Lina",
    "Fajar", "Dewi", "Eko Prasetyo", "Ayu", "Irfan", "Putri", "Bayu", "Sinta",
    "+62 812-3456-7890", "+62 813-1122-3344", "+62 857-9988-7766", "+62 878-5500-1234",
]
CHATTER = [
    "ok", "oke", "siap pak", "siap bu", "terima kasih infonya", "makasih infonya",
    "wah ngeri", "astagfirullah", "aamiin", "hadir", "mantap", "betul itu",
    "hoax itu bu", "cek dulu kebenarannya", "hati2 semua", "noted", "👍", "🙏🙏",
    "wkwkwk", "iya", "nggak tau juga", "sip", "selamat pagi semua", "met malam",
]
SUBJECTS = ["saya", "kami", "anak saya", "pak RT", "bu guru", "adik", "bapak2", "ibu2 PKK"]
VERBS = ["sudah", "belum", "mau", "lagi", "baru saja", "besok", "nanti"]
OBJECTS = ["berangkat ke kantor", "makan siang", "sampai rumah", "rapat di balai desa",
           "ke pasar", "arisan", "kerja bakti", "jemput anak sekolah", "bayar iuran",
           "nonton bola", "ke puskesmas", "pengajian"]
WHEN = ["", " nanti sore", " besok pagi", " tadi malam", " minggu depan", " hari ini"]
ABBREV = {
    "yang": "yg", "dengan": "dgn", "untuk": "utk", "tidak": "tdk", "sudah": "sdh",
    "karena": "krn", "dari": "dr", "juga": "jg", "bisa": "bs", "saja": "aja",
    "banget": "bgt", "orang": "org", "sekarang": "skrg", "tolong": "tlg",
}
HEADERS = ["Diteruskan", "*PENTING!!* sebarkan ke grup", "Info dari grup sebelah",
           "Copas dari grup alumni", "Forwarded", "Mohon dibaca sampai habis"]
COMMENTS = ["Benar gak ini?", "Waspada ya bapak ibu", "Ngeri bgt", "Tolong dicek",
            "Sebarkan!!", "Hati2 keluarga semua", "Ini hoax bukan ya?"]
SENTENCE = re.compile(r"(?<=[.!?])\s+")


def load_sentences(path):
    """Sentence lists of each corpus document (documents with text only)."""
    docs = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            text = json.loads(line).get("text") or ""
            sents = [s for s in SENTENCE.split(text.replace("\n", " ")) if len(s) > 10]
            if sents:
                docs.append(sents)
    return docs


def excerpt(rng, docs):
    """1-3 consecutive sentences of a random document, sometimes mutated."""
    sents = rng.choice(docs)
    k = rng.randint(1, 3)
    start = rng.randrange(max(1, len(sents) - k + 1))
    text = (rng.choice([" ", " ", "\n"])).join(sents[start:start + k])
    if rng.random() < 0.4:
        text = " ".join(ABBREV.get(w.lower(), w) for w in text.split(" "))
    if rng.random() < 0.15:
        text = text.upper()
    r = rng.random()
    if r < 0.2:
        text = rng.choice(HEADERS) + "\n\n" + text
    elif r < 0.35:
        text = text + "\n\n" + rng.choice(COMMENTS)
    return text


def chatter(rng):
    if rng.random() < 0.6:
        return rng.choice(CHATTER)
    s = "%s %s %s%s" % (rng.choice(SUBJECTS), rng.choice(VERBS), rng.choice(OBJECTS),
                        rng.choice(WHEN))
    if rng.random() < 0.2:  # a multi-line chat message
        s += "\n" + rng.choice(CHATTER)
    return s[0].upper() + s[1:]


def main():
    if len(sys.argv) != 5:
        sys.exit("usage: genchat.py N SEED CORPUS.jsonl OUT.txt")
    n, seed, corpus, out = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3], sys.argv[4]
    rng = random.Random(seed)
    docs = load_sentences(corpus)
    if not docs:
        sys.exit("genchat.py: %s: no document text" % corpus)
    sidecar = os.path.splitext(out)[0] + ".texts.jsonl"
    t = datetime.datetime(2022, 10, 13, 7, 0)
    forwards = []  # recent forwarded texts, repeated by other senders
    kinds = dict.fromkeys(["excerpt", "repeat", "chatter", "media", "system"], 0)
    with open(out, "w", encoding="utf-8") as chat, \
            open(sidecar, "w", encoding="utf-8") as texts:
        stamp = t.strftime("%d/%m/%Y %H.%M")
        chat.write("%s - Pesan dan panggilan terenkripsi secara end-to-end. Tidak seorang pun "
                   "di luar chat ini, termasuk WhatsApp, yang dapat membaca atau "
                   "mendengarkannya.\n" % stamp)
        kinds["system"] += 1
        for _ in range(n - 1):
            t += datetime.timedelta(seconds=rng.randint(0, 240))
            stamp = t.strftime("%d/%m/%Y %H.%M")
            who = rng.choice(SENDERS)
            r = rng.random()
            if r < 0.03:
                kinds["system"] += 1
                if rng.random() < 0.5:
                    chat.write("%s - %s bergabung menggunakan tautan undangan grup ini\n"
                               % (stamp, who))
                else:
                    chat.write("%s - %s keluar\n" % (stamp, who))
                continue
            if r < 0.13:
                kinds["media"] += 1
                chat.write("%s - %s: <Media tidak disertakan>\n" % (stamp, who))
                continue
            if r < 0.38 or (r < 0.55 and len(forwards) < 20):
                kind, text = "excerpt", excerpt(rng, docs)
                forwards.append(text)
                del forwards[:-300]
            elif r < 0.55 and len(forwards) >= 20:
                # Recent forwards travel most: pick from the newest third more often.
                i = len(forwards) - 1 - int(abs(rng.gauss(0, len(forwards) / 3)))
                kind, text = "repeat", forwards[max(0, i)]
            else:
                kind, text = "chatter", chatter(rng)
            kinds[kind] += 1
            chat.write("%s - %s: %s\n" % (stamp, who, text))
            texts.write(json.dumps({"text": text}, ensure_ascii=False) + "\n")
    print("genchat: %s: %d messages (%s)" % (out, n, ", ".join(
        "%s %d" % kv for kv in kinds.items())), file=sys.stderr)


if __name__ == "__main__":
    main()
