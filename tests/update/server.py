#!/usr/bin/env python3
"""server.py PORTFILE LOGFILE [FILESDIR]: the local HTTP server of saring update's tests.

Listens on 127.0.0.1 on a free port (written to PORTFILE), logs one line per
request to LOGFILE ("METHOD PATH conditional=0|1 status"), and serves:
  /f/NAME           tests/update/fixtures/NAME, with an ETag and Last-Modified (304 when they match)
  /d/NAME           FILESDIR/NAME (bundles the test wrote), the same way
  /wp/posts         WordPress posts, paged (per_page, page; X-WP-Total, X-WP-TotalPages)
  /komdigi          Komdigi's list, {"data": {"data": [...], "last_page": N}}
  /komdigi-flat     the other shape, {"data": [...], "meta": {"last_page": N}}
  /google           claims:search pages chained by pageToken (403 without key)
  /yudistira        Mafindo's POST form API (key, limit, offset)
  /control?wp=N     from now on the WordPress site has N posts (newest first)
  /control?wpfail=P from now on its page P answers 500 (0: none)
and hostile answers: /redirect?to=URL, /redirect-file, /redirect-ftp, /redirect-loop, /huge, /bomb,
/slow, /retry (503 + Retry-After once), /busy (503 + Retry-After: 5 always), /fail (always 500), /html-as-rss,
/png-as-json.
"""
import email.utils
import gzip
import hashlib
import io
import json
import os
import sys
import threading
import time
import zlib
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURES = os.path.join(HERE, "fixtures")
state = {"wp": 120, "wpfail": 0, "retry": 0}
lock = threading.Lock()

WORDS = ("vaksin bantuan sosial banjir gempa listrik beras minyak goreng pajak sekolah "
         "puskesmas jalan tol bendungan subsidi pupuk nelayan petani pasar kereta bandara").split()


def post_text(i):
    """A distinct, stable text for WordPress post i (1 = the oldest)."""
    w = [WORDS[(i * k + k * k) % len(WORDS)] for k in range(1, 9)]
    return "Rilis nomor %d tentang %s dan %s di kecamatan %d: %s." % (i, w[0], w[1], i % 97, " ".join(w[2:]))


def gzip_bomb(size):
    """gzip of size zero bytes, made in pieces (about 1/1000 of size)."""
    c = zlib.compressobj(9, zlib.DEFLATED, 31)
    out = io.BytesIO()
    block = b"\0" * (1 << 20)
    for _ in range(size >> 20):
        out.write(c.compress(block))
    out.write(c.flush())
    return out.getvalue()


BOMB = gzip_bomb(64 << 20)


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, fmt, *args):
        pass

    def log(self, status):
        cond = int(bool(self.headers.get("If-None-Match") or self.headers.get("If-Modified-Since")))
        with lock, open(sys.argv[2], "a") as f:
            f.write("%s %s conditional=%d %d ua=%s\n" % (self.command, self.path, cond, status,
                                                          self.headers.get("User-Agent", "").replace(" ", "_")))

    def send(self, status, body, ctype="application/json", headers=()):
        if isinstance(body, str):
            body = body.encode()
        self.log(status)   # before the answer, so a client that has it finds it logged
        self.send_response(status)
        if ctype:
            self.send_header("Content-Type", ctype)
        for k, v in headers:
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def static(self, path):
        if not os.path.isfile(path):
            return self.send(404, "not found", "text/plain")
        data = open(path, "rb").read()
        etag = '"%s"' % hashlib.sha1(data).hexdigest()[:16]
        mtime = email.utils.formatdate(os.path.getmtime(path), usegmt=True)
        if self.headers.get("If-None-Match") == etag:
            self.log(304)
            self.send_response(304)
            self.send_header("ETag", etag)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        ext = path.rsplit(".", 1)[-1]
        ctype = {"xml": "application/rss+xml; charset=UTF-8", "html": "text/html; charset=UTF-8",
                 "json": "application/json", "bundle": "application/octet-stream"}.get(ext, "text/plain")
        self.send(200, data, ctype, [("ETag", etag), ("Last-Modified", mtime)])

    def wordpress(self, q):
        per = int(q.get("per_page", ["10"])[0])
        page = int(q.get("page", ["1"])[0])
        total = state["wp"]
        pages = (total + per - 1) // per
        if page == state["wpfail"]:
            return self.send(500, "database down", "text/plain")
        if page > pages:
            return self.send(400, json.dumps({"code": "rest_post_invalid_page_number"}))
        ids = list(range(total, 0, -1))[(page - 1) * per:page * per]
        posts = [{"id": i, "date": "2026-%02d-%02dT10:00:00" % (1 + i % 12, 1 + i % 28),
                  "link": "https://pemkab.example/berita/%d" % i,
                  "title": {"rendered": "Rilis &#8220;%d&#8221; Pemkab Contoh" % i},
                  "content": {"rendered": "<p>%s</p>" % post_text(i)},
                  "excerpt": {"rendered": ""}} for i in ids]
        self.send(200, json.dumps(posts), "application/json; charset=UTF-8",
                  [("X-WP-Total", str(total)), ("X-WP-TotalPages", str(pages))])

    def komdigi(self, q, flat):
        per = int(q.get("perPage", ["10"])[0])
        page = int(q.get("page", ["1"])[0])
        total = 70
        items = [{"id": 5000 + i, "title": "[HOAKS] Kabar Bohong Nomor %d tentang %s" % (i, WORDS[i % len(WORDS)]),
                  "slug": "hoaks-nomor-%d" % i, "published_at": "2026-09-%02d 07:00:00" % (1 + i % 28),
                  "excerpt": "Ringkasan %d" % i,
                  "body_html": "<p>Penjelasan Komdigi untuk kabar bohong nomor %d soal %s di wilayah %d.</p>"
                               % (i, WORDS[(i * 7) % len(WORDS)], i)}
                 for i in range(total, 0, -1)][(page - 1) * per:page * per]
        last = (total + per - 1) // per
        if flat:
            body = {"data": items, "meta": {"last_page": last, "current_page": page}}
        else:
            body = {"data": {"data": items, "last_page": last, "current_page": page}}
        self.send(200, json.dumps(body))

    def google(self, q):
        if not q.get("key"):
            return self.send(403, json.dumps({"error": {"code": 403, "message": "API key missing"}}))
        tok = q.get("pageToken", [""])[0]
        page = int(tok) if tok else 0
        claims = [{"text": "Klaim nomor %d bahwa %s gratis untuk semua warga" % (page * 10 + i, WORDS[i]),
                   "claimant": "Akun anonim", "claimDate": "2026-08-01T00:00:00Z",
                   "claimReview": [{"publisher": {"name": "Cek Fakta Contoh", "site": "cekfakta.example"},
                                    "url": "https://cekfakta.example/g/%d" % (page * 10 + i),
                                    "title": "Tidak benar %s gratis (%d)" % (WORDS[i], page * 10 + i),
                                    "reviewDate": "2026-08-02T00:00:00Z", "textualRating": "Salah",
                                    "languageCode": "id"}]} for i in range(10)]
        body = {"claims": claims}
        if page < 1:
            body["nextPageToken"] = str(page + 1)
        self.send(200, json.dumps(body))

    def yudistira(self):
        n = int(self.headers.get("Content-Length", "0"))
        form = parse_qs(self.rfile.read(n).decode())
        if form.get("key", [""])[0] != "rahasia":
            return self.send(200, json.dumps({"error": "invalid key"}))
        limit, offset = int(form["limit"][0]), int(form["offset"][0])
        recs = [{"id": str(7000 + i), "status": "2", "classification": "Fabricated Content",
                 "title": "[SALAH] Rekaman Suara Pejabat Nomor %d" % i,
                 "content": "Rekaman suara pejabat nomor %d yang beredar di grup" % i,
                 "fact": "Hasil penelusuran: rekaman nomor %d adalah suara buatan." % i,
                 "conclusion": "Rekaman itu palsu.", "tanggal": "2026-07-%02d" % (1 + i % 28),
                 "source_link": "https://archive.example/%d" % i, "references": "", "tags": "cekfakta"}
                for i in range(60)][offset:offset + limit]
        self.send(200, json.dumps(recs))

    def do_POST(self):
        p = urlparse(self.path).path
        if p == "/yudistira":
            return self.yudistira()
        self.rfile.read(int(self.headers.get("Content-Length", "0")))
        if p.startswith("/d/") and len(sys.argv) > 3:   # a sample of a POST API's answer
            return self.static(os.path.join(sys.argv[3], os.path.basename(p)))
        self.send(404, "not found", "text/plain")

    def do_GET(self):
        u = urlparse(self.path)
        q = parse_qs(u.query)
        p = u.path
        if p.startswith("/f/"):
            return self.static(os.path.join(FIXTURES, os.path.basename(p)))
        if p.startswith("/d/") and len(sys.argv) > 3:
            return self.static(os.path.join(sys.argv[3], os.path.basename(p)))
        if p == "/control":
            for k in ("wp", "wpfail"):
                if k in q:
                    state[k] = int(q[k][0])
            return self.send(200, "ok", "text/plain")
        if p == "/wp/posts":
            return self.wordpress(q)
        if p in ("/komdigi", "/komdigi-flat"):
            return self.komdigi(q, p == "/komdigi-flat")
        if p == "/google":
            return self.google(q)
        if p == "/redirect-file":
            return self.send(302, "", "text/plain", [("Location", "file:///etc/passwd")])
        if p == "/redirect-ftp":
            return self.send(301, "", "text/plain", [("Location", "ftp://127.0.0.1/feed.xml")])
        if p == "/redirect":
            return self.send(302, "", "text/plain", [("Location", q["to"][0])])
        if p == "/busy":
            return self.send(503, "busy", "text/plain", [("Retry-After", "5")])
        if p == "/redirect-loop":
            return self.send(302, "", "text/plain", [("Location", "/redirect-loop")])
        if p == "/html-as-rss":
            return self.send(200, "<html><body>Berita</body></html>", "text/html")
        if p == "/png-as-json":
            return self.send(200, b"\x89PNG\r\n\x1a\n" + b"\0" * 64, "image/png")
        if p == "/fail":
            return self.send(500, "internal error", "text/plain")
        if p == "/retry":
            with lock:
                state["retry"] += 1
                first = state["retry"] % 2 == 1
            if first:
                return self.send(503, "busy", "text/plain", [("Retry-After", "1")])
            return self.static(os.path.join(FIXTURES, "atom.xml"))
        if p == "/huge":   # endless, without a length: only the client's bound stops it
            self.send_response(200)
            self.send_header("Content-Type", "application/rss+xml")
            self.end_headers()
            self.log(200)
            chunk = b"<item><title>" + b"x" * 65000 + b"</title></item>\n"
            try:
                self.wfile.write(b'<?xml version="1.0"?><rss version="2.0"><channel>')
                for _ in range(200000):
                    self.wfile.write(chunk)
            except OSError:
                pass
            self.close_connection = True
            return
        if p == "/bomb":   # 64 MiB of zeros in 64 KB of gzip
            return self.send(200, BOMB, "application/json", [("Content-Encoding", "gzip")])
        if p == "/slow":   # a byte every half second, for ever
            self.send_response(200)
            self.send_header("Content-Type", "application/rss+xml")
            self.send_header("Content-Length", "1000000")
            self.end_headers()
            self.log(200)
            try:
                for _ in range(100000):
                    self.wfile.write(b" ")
                    self.wfile.flush()
                    time.sleep(0.5)
            except OSError:
                pass
            self.close_connection = True
            return
        self.send(404, "not found", "text/plain")


class Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        pass   # a client that hangs up on a hostile answer is what the tests want


def main():
    srv = Server(("127.0.0.1", 0), Handler)
    tmp = sys.argv[1] + ".tmp"
    with open(tmp, "w") as f:
        f.write(str(srv.server_address[1]))
    os.rename(tmp, sys.argv[1])
    srv.serve_forever()


if __name__ == "__main__":
    main()
