/*
 * test_update.c: what saring update makes of what sources send
 * (src/feed.c), the sources file (src/sources.c) and signed bundles
 * (src/bundle.c), without the network: table-driven, each case a body of
 * one source type and the records expected from it (as the JSON Lines
 * feed.c writes), or the error. tests/suites/update.sh runs the whole
 * command against a local server.
 */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "t.h"
#include "bundle.h"
#include "feed.h"
#include "sources.h"
#include "util.h"

/* The field of record i (0-based) of the page, or NULL. */
static const char *field(const struct feed_page *pg, long i, const char *key, json_t **keep)
{
	const char *line = pg->jsonl.buf;
	for (long k = 0; line && k < i; k++) {
		line = strchr(line, '\n');
		line = line ? line + 1 : NULL;
	}
	if (!line)
		return NULL;
	json_decref(*keep);
	*keep = json_loadb(line, strcspn(line, "\n"), 0, NULL);
	const json_t *v = json_object_get(*keep, key);
	return json_is_string(v) ? json_string_value(v) : NULL;
}

struct want {
	long record;
	const char *key, *value;   /* value NULL: the field is absent */
};

struct parse_case {
	const char *name;
	enum source_type type;
	const char *body;
	long records;              /* -1: an error, whose message holds err */
	const char *err;
	struct want want[8];
};

static const struct parse_case cases[] = {
	{ "rss 2.0", SRC_RSS,
	  "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>T</title>"
	  "<item><title>[SALAH] Judul &amp; Lain</title><link>https://a.example/1</link><guid>g1</guid>"
	  "<pubDate>Tue, 03 Nov 2026 10:00:00 +0700</pubDate>"
	  "<description>&lt;p&gt;Isi &lt;b&gt;tebal&lt;/b&gt;&lt;/p&gt;&lt;script&gt;x()&lt;/script&gt;</description></item>"
	  "<item><title>Kedua</title><link>https://a.example/2</link></item></channel></rss>",
	  2, NULL,
	  { { 0, "id", "s:g1" }, { 0, "title", "[SALAH] Judul & Lain" }, { 0, "rating", "SALAH" },
	    { 0, "text", "Isi tebal" }, { 0, "date", "Tue, 03 Nov 2026 10:00:00 +0700" },
	    { 1, "id", "s:https://a.example/2" }, { 1, "rating", NULL }, { 0, "source", "s" } } },
	{ "atom", SRC_RSS,
	  "<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry><title type=\"html\">A &amp;amp; B</title>"
	  "<link rel=\"self\" href=\"https://a.example/self\"/><link href=\"https://a.example/alt\"/>"
	  "<id>urn:1</id><published>2026-01-02T00:00:00Z</published><content type=\"html\">&lt;p&gt;isi&lt;/p&gt;</content>"
	  "</entry></feed>",
	  1, NULL,
	  { { 0, "id", "s:urn:1" }, { 0, "title", "A & B" }, { 0, "url", "https://a.example/alt" },
	    { 0, "text", "isi" }, { 0, "date", "2026-01-02T00:00:00Z" } } },
	{ "rss 1.0 (rdf)", SRC_RSS,
	  "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" xmlns=\"http://purl.org/rss/1.0/\">"
	  "<item><title>R</title><link>http://a.example/r</link><description>d</description></item></rdf:RDF>",
	  1, NULL, { { 0, "url", "http://a.example/r" }, { 0, "text", "d" } } },
	{ "rss: a javascript: link dropped", SRC_RSS,
	  "<rss><channel><item><title>x</title><link>javascript:alert(1)</link><guid>1</guid></item></channel></rss>",
	  1, NULL, { { 0, "url", NULL }, { 0, "id", "s:1" } } },
	{ "articles: read as a feed", SRC_ARTICLES,
	  "<rss><channel><item><title>[HOAKS] A</title><link>https://a.example/a</link><guid>7</guid></item></channel></rss>",
	  1, NULL, { { 0, "id", "s:7" }, { 0, "url", "https://a.example/a" }, { 0, "rating", "HOAKS" } } },
	{ "rss: not a feed", SRC_RSS, "<html><body>x</body></html>", -1, "not an RSS or Atom feed", { { 0 } } },
	{ "rss: malformed", SRC_RSS, "<rss><channel><item><title>x</channel>", -1, "malformed XML", { { 0 } } },
	{ "rss: no entity from a file", SRC_RSS,
	  "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/hostname\">]>"
	  "<rss><channel><item><title>a&x;b</title><guid>1</guid></item></channel></rss>",
	  1, NULL, { { 0, "title", "ab" } } },
	{ "wordpress", SRC_WORDPRESS,
	  "[{\"id\": 12, \"date\": \"2026-03-04T05:06:07\", \"link\": \"https://kab.example/?p=12\","
	  " \"title\": {\"rendered\": \"Rilis &#8220;Air&#8221;\"}, \"content\": {\"rendered\": \"<p>Satu</p><p>Dua</p>\"},"
	  " \"excerpt\": {\"rendered\": \"<p>ringkas</p>\"}},"
	  " {\"id\": 13, \"title\": {\"rendered\": \"T\"}, \"content\": {\"rendered\": \"\"}, \"excerpt\": {\"rendered\": \"<p>ringkas</p>\"}}]",
	  2, NULL,
	  { { 0, "id", "s:12" }, { 0, "title", "Rilis \xE2\x80\x9C" "Air\xE2\x80\x9D" }, { 0, "text", "Satu\nDua" },
	    { 0, "url", "https://kab.example/?p=12" }, { 1, "text", "ringkas" }, { 0, "publisher", "Pub" } } },
	{ "komdigi data.data", SRC_KOMDIGI,
	  "{\"data\": {\"current_page\": 1, \"last_page\": 7, \"data\": [{\"title\": \"[HOAKS] K\", \"slug\": \"k-1\","
	  " \"published_at\": \"2026-05-06 07:08:09\", \"excerpt\": \"e\", \"body_html\": \"<p>b <i>i</i></p>\"}]}}",
	  1, NULL,
	  { { 0, "id", "s:k-1" }, { 0, "rating", "HOAKS" }, { 0, "text", "b i" },
	    { 0, "url", "https://www.komdigi.go.id/berita/berita-hoaks/detail/k-1" } } },
	{ "komdigi data[] with body_text", SRC_KOMDIGI,
	  "{\"data\": [{\"id\": 5, \"title\": \"K\", \"slug\": \"k\", \"body_text\": \"teks\", \"body_html\": \"<p>html</p>\"}],"
	  " \"meta\": {\"last_page\": 2}}",
	  1, NULL, { { 0, "id", "s:5" }, { 0, "text", "teks" } } },
	{ "komdigi: no list", SRC_KOMDIGI, "{\"message\": \"ok\"}", -1, "no list of records", { { 0 } } },
	{ "json: malformed", SRC_KOMDIGI, "{\"data\": [", -1, "malformed JSON", { { 0 } } },
	{ "yudistira", SRC_YUDISTIRA,
	  "[{\"id\": \"6897\", \"status\": \"2\", \"classification\": \"False Context\", \"title\": \"[SALAH] Video\","
	  " \"content\": \"klaim\", \"fact\": \"fakta\", \"conclusion\": \"simpulan\", \"tanggal\": \"2021-05-09\"},"
	  " {\"id\": \"7\", \"status\": \"1\", \"title\": \"Benar\", \"content\": \"c\", \"classification\": \"Benar\"}]",
	  2, NULL,
	  { { 0, "id", "s:6897" }, { 0, "rating", "SALAH" }, { 0, "claim", "klaim" }, { 0, "text", "fakta\n\nsimpulan" },
	    { 0, "label", "hoax" }, { 1, "label", "factcheck" }, { 1, "rating", "Benar" }, { 0, "date", "2021-05-09" } } },
	{ "google", SRC_GOOGLE,
	  "{\"claims\": [{\"text\": \"Klaim\", \"claimDate\": \"2026-01-01T00:00:00Z\", \"claimReview\": ["
	  "{\"publisher\": {\"site\": \"en.example\"}, \"url\": \"https://en.example/1\", \"languageCode\": \"en\"},"
	  "{\"publisher\": {\"name\": \"Cek\", \"site\": \"id.example\"}, \"url\": \"https://id.example/1\","
	  " \"title\": \"Salah\", \"textualRating\": \"Hoaks\", \"reviewDate\": \"2026-01-02T00:00:00Z\", \"languageCode\": \"id\"}]}],"
	  " \"nextPageToken\": \"abc\"}",
	  1, NULL,
	  { { 0, "id", "s:https://id.example/1" }, { 0, "claim", "Klaim" }, { 0, "rating", "Hoaks" },
	    { 0, "publisher", "Cek" }, { 0, "date", "2026-01-02T00:00:00Z" } } },
	{ "google: {} is no claims", SRC_GOOGLE, "{}", 0, NULL, { { 0 } } },
	{ "google: an error", SRC_GOOGLE, "{\"error\": {\"code\": 400}}", -1, "the API answered with an error", { { 0 } } },
	{ "page: ClaimReview array, body from the article", SRC_PAGE,
	  "<html><head><script type=\"application/ld+json\">[{\"@type\": \"ClaimReview\", \"url\": \"https://p.example/a\","
	  " \"claimReviewed\": \"Klaim A\", \"reviewRating\": {\"alternateName\": \"Salah\"}},"
	  " {\"@type\": \"ClaimReview\", \"url\": \"https://p.example/b\", \"claimReviewed\": \"Klaim B\", \"reviewBody\": \"Ulasan B\"}]"
	  "</script></head><body><nav>menu</nav><article><h1>Judul</h1><p>Narasi satu.</p><script>x()</script></article></body></html>",
	  2, NULL,
	  { { 0, "id", "s:https://p.example/a" }, { 0, "rating", "Salah" }, { 0, "text", "Judul\nNarasi satu." },
	    { 0, "label", "hoax" }, { 1, "text", "Ulasan B" }, { 0, "title", "Klaim A" } } },
	{ "page: several blocks, one not a ClaimReview", SRC_PAGE,
	  "<script type=\"application/ld+json\">{\"@type\": \"WebSite\", \"name\": \"w\"}</script>"
	  "<script type=\"application/ld+json\">{\"@type\": \"ClaimReview\", \"url\": \"https://p.example/c\", \"claimReviewed\": \"C\"}</script>"
	  "<script type=\"application/ld+json\">{\"@type\": \"ClaimReview\", \"url\": \"https://p.example/d\", \"claimReviewed\": \"D\"}</script>",
	  2, NULL, { { 1, "url", "https://p.example/d" } } },
	{ "page: no ClaimReview", SRC_PAGE, "<html><body><p>biasa</p></body></html>", -1, "no ClaimReview", { { 0 } } },
};

static void parse_cases(void)
{
	struct source src = { (char *)"s", SRC_RSS, (char *)"http://x", (char *)"hoax", (char *)"Pub", NULL };
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		const struct parse_case *c = &cases[i];
		src.type = c->type;
		struct feed_page pg;
		char *err = NULL;
		int rc = feed_parse(&src, c->body, strlen(c->body), &pg, &err);
		if (c->records < 0) {
			CHECK_INT(rc, -1);
			if (!err || !strstr(err, c->err))
				fprintf(stderr, "%s: error \"%s\"\n", c->name, err ? err : "(none)");
			CHECK(err && strstr(err, c->err));
		} else {
			if (rc != 0 || pg.records != c->records)
				fprintf(stderr, "%s: rc %d, %ld records, error %s\n", c->name, rc, pg.records, err ? err : "-");
			CHECK_INT(rc, 0);
			CHECK_INT(pg.records, c->records);
			json_t *keep = NULL;
			for (size_t k = 0; k < 8 && c->want[k].key; k++) {
				const char *got = field(&pg, c->want[k].record, c->want[k].key, &keep);
				if (c->want[k].value) {
					if (!got || strcmp(got, c->want[k].value))
						fprintf(stderr, "%s: record %ld %s\n", c->name, c->want[k].record, c->want[k].key);
					CHECK_STR(got, c->want[k].value);
				} else {
					CHECK(got == NULL);
				}
			}
			json_decref(keep);
		}
		free(err);
		feed_page_release(&pg);
	}
}

/* Paging facts the update loop reads: Komdigi's last_page in either shape, Google's token. */
static void paging(void)
{
	struct source src = { (char *)"s", SRC_KOMDIGI, (char *)"http://x", (char *)"hoax", NULL, NULL };
	struct feed_page pg;
	char *err = NULL;
	const char *a = "{\"data\": {\"data\": [], \"last_page\": 7}}", *b = "{\"data\": [], \"meta\": {\"last_page\": 3}}";
	CHECK_INT(feed_parse(&src, a, strlen(a), &pg, &err), 0);
	CHECK_INT(pg.last_page, 7);
	feed_page_release(&pg);
	CHECK_INT(feed_parse(&src, b, strlen(b), &pg, &err), 0);
	CHECK_INT(pg.last_page, 3);
	feed_page_release(&pg);
	src.type = SRC_GOOGLE;
	const char *g = "{\"claims\": [], \"nextPageToken\": \"t2\"}";
	CHECK_INT(feed_parse(&src, g, strlen(g), &pg, &err), 0);
	CHECK_STR(pg.next_token, "t2");
	feed_page_release(&pg);
}

static void html_text(void)
{
	static const struct { const char *html, *text; } t[] = {
		{ "<p>a</p><p>b</p>", "a\nb" },
		{ "a &amp; b &#8211; c", "a & b \xE2\x80\x93 c" },
		{ "<div>x<script>bad()</script><style>p{}</style>y</div>", "xy" },
		{ "  lots   of\n\n spaces ", "lots of spaces" },
		{ "plain text", "plain text" },
		{ "<b>\xff\xfe</b>ok", "\xEF\xBF\xBD\xEF\xBF\xBDok" },
	};
	for (size_t i = 0; i < sizeof t / sizeof *t; i++) {
		char *s = feed_html_text(t[i].html, strlen(t[i].html), 0);
		CHECK_STR(s, t[i].text);
		free(s);
	}
	CHECK(feed_html_text("", 0, 0) == NULL);
}

static void keep_message(void *ctx, const char *msg)
{
	sb_puts(ctx, msg);
}

static void sources_file(void)
{
	char dir[] = "/tmp/saring-test-update-XXXXXX";
	CHECK(mkdtemp(dir) != NULL);
	setenv("XDG_CONFIG_HOME", dir, 1);
	unsetenv("SARING_GOOGLE_KEY");
	unsetenv("SARING_MAFINDO_KEY");
	struct source_list l;
	CHECK_INT(sources_load(&l), 0);
	CHECK(!l.from_file);
	CHECK(sources_find(&l, "turnbackhoax") && sources_find(&l, "komdigi") && !sources_find(&l, "google"));
	CHECK(sources_find(&l, "turnbackhoax")->type == SRC_ARTICLES);
	CHECK_INT(source_type_parse("articles"), SRC_ARTICLES);
	CHECK_STR(source_type_name(SRC_ARTICLES), "articles");
	struct source s = { (char *)"kab", SRC_WORDPRESS, (char *)"https://kab.example/wp-json/wp/v2/posts",
			    (char *)"official", (char *)"Diskominfo Kab", NULL };
	CHECK(source_check(&s) == NULL);
	sources_add(&l, &s);
	CHECK_INT(sources_save(&l), 0);
	sources_free(&l);
	CHECK_INT(sources_load(&l), 0);
	CHECK(l.from_file);
	struct source *k = sources_find(&l, "kab");
	CHECK(k && k->type == SRC_WORDPRESS && !strcmp(k->publisher, "Diskominfo Kab") && !k->key);
	sources_free(&l);
	setenv("SARING_GOOGLE_KEY", "kunci", 1);
	struct strbuf path = STRBUF_INIT;
	sb_printf(&path, "%s/saring/sources", dir);
	unlink(path.buf);
	CHECK_INT(sources_load(&l), 0);
	k = sources_find(&l, "google");
	CHECK(k && k->key && !strcmp(k->key, "kunci"));
	sources_free(&l);
	unsetenv("SARING_GOOGLE_KEY");
	static const struct { struct source s; const char *why; } bad[] = {
		{ { (char *)"A b", SRC_RSS, (char *)"https://x", (char *)"hoax", NULL, NULL }, "only a-z" },
		{ { (char *)"a", SRC_RSS, (char *)"file:///etc/passwd", (char *)"hoax", NULL, NULL }, "http://" },
		{ { (char *)"a", SRC_RSS, (char *)"https://x", (char *)"rumour", NULL, NULL }, "label" },
		{ { (char *)"a", SRC_GOOGLE, (char *)"https://x", (char *)"factcheck", NULL, NULL }, "--key" },
		{ { (char *)"a", SRC_RSS, (char *)"https://x y", (char *)"hoax", NULL, NULL }, "no spaces" },
	};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		const char *why = source_check(&bad[i].s);
		CHECK(why && strstr(why, bad[i].why));
	}
	FILE *f = fopen(path.buf, "w");
	fputs("# comment\nok\trss\thttps://x\thoax\t-\t-\nok\trss\thttps://y\thoax\t-\t-\n", f);
	fclose(f);
	struct strbuf said = STRBUF_INIT;
	warn_sink(keep_message, &said);
	CHECK_INT(sources_load(&l), -1);
	warn_sink(NULL, NULL);
	CHECK(said.buf && strstr(said.buf, "sources:3: a second source of that name"));
	sb_release(&said);
	sources_free(&l);
	unlink(path.buf);
	sb_release(&path);
	struct strbuf sub = STRBUF_INIT;
	sb_printf(&sub, "%s/saring", dir);
	rmdir(sub.buf);
	sb_release(&sub);
	rmdir(dir);
}

static void bundles(void)
{
	char dir[] = "/tmp/saring-test-bundle-XXXXXX";
	CHECK(mkdtemp(dir) != NULL);
	setenv("XDG_CONFIG_HOME", dir, 1);
	struct strbuf key = STRBUF_INIT, pub = STRBUF_INIT, file = STRBUF_INIT;
	sb_printf(&key, "%s/k", dir);
	char *err = NULL, *id = NULL;
	CHECK_INT(trust_keygen(key.buf, &err), 0);
	CHECK_INT(trust_keygen(key.buf, &err), -1);   /* never overwrites a secret key */
	free(err);
	err = NULL;
	sb_printf(&pub, "%s.pub", key.buf);
	sb_puts(&key, ".key");
	struct stat sb;
	CHECK(stat(key.buf, &sb) == 0 && (sb.st_mode & 077) == 0);
	sb_printf(&file, "%s/c.bundle", dir);
	const char *jsonl = "{\"id\":\"a\",\"label\":\"hoax\",\"title\":\"t\",\"source\":\"kab\"}\n";
	CHECK_INT(bundle_write(file.buf, jsonl, strlen(jsonl), 1, key.buf, &err), 0);
	struct strbuf raw = STRBUF_INIT, out = STRBUF_INIT;
	struct bundle_signer signer;
	CHECK_INT(read_file(file.buf, &raw), 0);
	CHECK(bundle_is(raw.buf, raw.len));
	CHECK_INT(bundle_open("c", raw.buf, raw.len, 0, &out, &signer, &err), -1);   /* not trusted yet */
	CHECK(err && strstr(err, "which you do not trust"));
	free(err);
	err = NULL;
	CHECK_INT(trust_add(pub.buf, "other", &id, &err), 0);   /* trusted, but for another source */
	free(id);
	CHECK_INT(bundle_open("c", raw.buf, raw.len, 0, &out, &signer, &err), -1);
	CHECK(err && strstr(err, "source 'kab' is not one that key"));
	free(err);
	err = NULL;
	bundle_signer_release(&signer);
	sb_reset(&out);
	CHECK(trust_sources_check(NULL) && trust_sources_check("a,,b") && trust_sources_check(",a") &&
	      trust_sources_check("a b") && !trust_sources_check("kab,kota.x"));
	CHECK_INT(trust_add(pub.buf, "kota,kab", &id, &err), 0);
	CHECK(id && strlen(id) == 16);
	CHECK_INT(bundle_open("c", raw.buf, raw.len, 0, &out, &signer, &err), 0);
	CHECK_STR(out.buf, jsonl);
	CHECK(signer.trusted && signer.nsources == 1 && !strcmp(signer.sources[0], "kab"));
	bundle_signer_release(&signer);
	/* every single flipped byte is refused, whatever it hits */
	int refused = 0;
	for (size_t i = strlen(BUNDLE_MAGIC); i < raw.len; i++) {
		raw.buf[i] ^= 0x20;
		sb_reset(&out);
		if (bundle_open("c", raw.buf, raw.len, 1, &out, &signer, &err) < 0)
			refused++;
		free(err);
		err = NULL;
		raw.buf[i] ^= 0x20;
	}
	CHECK_INT(refused, (long long)(raw.len - strlen(BUNDLE_MAGIC)));
	sb_reset(&out);
	CHECK_INT(bundle_open("c", raw.buf, raw.len - 1, 1, &out, &signer, &err), -1);   /* cut short */
	free(err);
	err = NULL;
	CHECK_INT(trust_remove(id, &err), 1);
	CHECK_INT(trust_remove(id, &err), 0);
	free(id);
	/* unsigned: only with insecure */
	CHECK_INT(bundle_write(file.buf, jsonl, strlen(jsonl), 1, NULL, &err), 0);
	sb_reset(&raw);
	CHECK_INT(read_file(file.buf, &raw), 0);
	sb_reset(&out);
	CHECK_INT(bundle_open("u", raw.buf, raw.len, 0, &out, &signer, &err), -1);
	CHECK(err && strstr(err, "not signed"));
	free(err);
	err = NULL;
	CHECK_INT(bundle_open("u", raw.buf, raw.len, 1, &out, &signer, &err), 0);
	CHECK_STR(out.buf, jsonl);
	CHECK(!bundle_is("saring-bundle 2\n", 16));
	bundle_signer_release(&signer);
	sb_release(&raw);
	sb_release(&out);
	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
	CHECK_INT(system(cmd), 0);
	sb_release(&key);
	sb_release(&pub);
	sb_release(&file);
}

int main(void)
{
	RUN(parse_cases);
	RUN(paging);
	RUN(html_text);
	RUN(sources_file);
	RUN(bundles);
	return T_DONE("unit-update");
}
