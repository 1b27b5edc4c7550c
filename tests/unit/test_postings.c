/*
 * test_postings.c: posting lists and their pending changes (src/postings.c)
 * against a plain model, and termdf kept right by the store when the
 * changes are merged mid-transaction (a small postings_limit) as well as
 * at commit. Run from the project root.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "t.h"
#include "postings.h"
#include "store_int.h"   /* the test reads the tables itself */
#include "util.h"

#define TERMS 40
#define ROWS 300

static uint64_t seed = 42;

static uint32_t rnd(void)
{
	seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
	return (uint32_t)(seed >> 33);
}

static void roundtrip(void)
{
	uint32_t in[] = { 1, 2, 127, 128, 129, 16384, 16385, 1u << 28, UINT32_MAX - 1, UINT32_MAX };
	size_t n = sizeof in / sizeof *in;
	struct strbuf b = STRBUF_INIT;
	postings_encode(in, n, &b);
	uint32_t *out = NULL;
	size_t got = 0, cap = 0;
	CHECK_INT(postings_decode((const unsigned char *)b.buf, b.len, &out, &got, &cap), 0);
	CHECK_INT(got, n);
	CHECK(got == n && !memcmp(in, out, sizeof in));
	/* a list cut inside a varint, and a varint of more than 32 bits */
	const unsigned char cut[] = { 0x05, 0x80 };
	CHECK_INT(postings_decode(cut, sizeof cut, &out, &got, &cap), -1);
	const unsigned char huge[] = { 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01 };
	CHECK_INT(postings_decode(huge, sizeof huge, &out, &got, &cap), -1);
	free(out);
	sb_release(&b);
}

/*
 * Random toggles of (term, row) against a model: old lists, then changes
 * that each add a row a term lacks or remove one it has, some of the same
 * row several times, merged per term.
 */
static void model(void)
{
	static unsigned char had[TERMS][ROWS + 1], now[TERMS][ROWS + 1];
	uint32_t hs[TERMS];
	for (int t = 0; t < TERMS; t++) {
		hs[t] = t == 0 ? 0 : t == 1 ? UINT32_MAX : rnd();   /* the ends of the term space too */
		for (int r = 1; r <= ROWS; r++)
			had[t][r] = now[t][r] = rnd() % 3 == 0;
	}
	struct postings pp = { 0 };   /* one transaction's changes, as a connection keeps them */
	postings_clear(&pp);
	for (int i = 0; i < 20000; i++) {
		int t = (int)(rnd() % TERMS), r = (int)(rnd() % ROWS) + 1;
		if (t == 5)
			continue;   /* a term without changes */
		if (now[t][r])
			postings_remove(&pp, hs[t], r);
		else
			postings_add(&pp, hs[t], r);
		now[t][r] ^= 1;
	}
	CHECK(postings_pending(&pp) > 0);
	postings_sort(&pp);
	struct postings_iter it = { 0, 0 };
	struct term_change c;
	struct strbuf old = STRBUF_INIT, out = STRBUF_INIT;
	int seen = 0, ordered = 1, right = 1, five = 0;
	uint32_t prev = 0;
	uint32_t *rows = malloc((ROWS + 1) * sizeof *rows);
	while (postings_next(&pp, &it, &c)) {
		if (seen && c.h <= prev)
			ordered = 0;
		prev = c.h;
		seen++;
		int t = 0;
		while (t < TERMS && hs[t] != c.h)
			t++;
		if (t == TERMS || t == 5) {
			five += t == 5;
			right = 0;
			continue;
		}
		size_t n = 0;
		for (int r = 1; r <= ROWS; r++)
			if (had[t][r])
				rows[n++] = (uint32_t)r;
		postings_encode(rows, n, &old);
		size_t len = 99;
		if (postings_merge((const unsigned char *)old.buf, old.len, &c, &out, &len) < 0) {
			right = 0;
			continue;
		}
		n = 0;
		for (int r = 1; r <= ROWS; r++)
			if (now[t][r])
				rows[n++] = (uint32_t)r;
		postings_encode(rows, n, &old);
		if (len != n || out.len != old.len || memcmp(out.buf, old.buf, out.len))
			right = 0;
	}
	CHECK_INT(seen, TERMS - 1);
	CHECK(ordered);
	CHECK(right);
	CHECK_INT(five, 0);

	/* changes that do not fit the old list */
	uint32_t one[] = { 7 };
	postings_encode(one, 1, &old);
	const struct { int add, row; } bad[] = { { 1, 7 }, { 0, 8 }, { 1, 0 } };
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		postings_clear(&pp);
		(bad[i].add ? postings_add : postings_remove)(&pp, 3, bad[i].row);
		postings_sort(&pp);
		struct postings_iter i2 = { 0, 0 };
		size_t len;
		CHECK(postings_next(&pp, &i2, &c) && c.h == 3);
		CHECK_INT(postings_merge((const unsigned char *)old.buf, old.len, &c, &out, &len), -1);
		CHECK(!postings_next(&pp, &i2, &c));
	}
	postings_clear(&pp);
	postings_add(&pp, 3, (int64_t)UINT32_MAX + 1);   /* a row out of range is never kept */
	postings_sort(&pp);
	struct postings_iter i3 = { 0, 0 };
	size_t len;
	CHECK(postings_next(&pp, &i3, &c));
	CHECK_INT(postings_merge(NULL, 0, &c, &out, &len), -1);
	postings_clear(&pp);
	free(rows);
	sb_release(&old);
	sb_release(&out);
}

/* A dump of termdf, documents and their terms. */
static void dump(struct store *st, struct strbuf *out)
{
	sqlite3_stmt *s = store_prepare(st,
		"SELECT 'T', h, df, hex(docs) FROM termdf UNION ALL SELECT 'D', n, NULL, hex(terms) FROM doc_terms "
		"UNION ALL SELECT 'I', n, NULL, id FROM doc ORDER BY 1, 2");
	sb_reset(out);
	while (sqlite3_step(s) == SQLITE_ROW)
		sb_printf(out, "%s %lld %lld %s\n", sqlite3_column_text(s, 0), sqlite3_column_int64(s, 1),
			  sqlite3_column_int64(s, 2), sqlite3_column_text(s, 3) ? (const char *)sqlite3_column_text(s, 3) : "-");
	sqlite3_finalize(s);
}

static const char *words[] = {
	"vaksin", "bansos", "banjir", "gempa", "listrik", "subsidi", "pajak", "sekolah",
	"rumah", "sakit", "jalan", "tol", "kereta", "bandara", "pasar", "harga",
};

/* The same writes, merged once at commit or every few pairs: the same database, which doctor finds right. */
static void flushes(void)
{
	char dir[] = "/tmp/saring-postings-XXXXXX";
	if (!mkdtemp(dir)) {
		T_SKIP("no temporary directory");
		return;
	}
	struct strbuf path = STRBUF_INIT, want = STRBUF_INIT, got = STRBUF_INIT;
	size_t limits[] = { (size_t)1 << 22, 1, 7, 50 };
	for (size_t l = 0; l < sizeof limits / sizeof *limits; l++) {
		postings_limit = limits[l];
		sb_reset(&path);
		sb_printf(&path, "%s/%zu.db", dir, l);
		struct store *st = store_open(path.buf, STORE_WRITE);
		seed = 7;
		int ok = 1;
		for (int round = 0; round < 3; round++) {
			ok &= store_exec(st, "BEGIN IMMEDIATE") == 0;
			for (int i = 0; i < 60; i++) {
				struct doc d = { 0 };
				struct strbuf body = STRBUF_INIT;
				for (int w = 0; w < 6; w++)
					sb_printf(&body, "%s ", words[rnd() % (sizeof words / sizeof *words)]);
				d.id = xstrdup((char[]){ 'd', (char)('a' + rnd() % 26), (char)('a' + rnd() % 26), 0 });
				d.label = xstrdup("hoax");
				d.body = sb_detach(&body);
				ok &= store_put(st, &d, 1) != PUT_ERROR;
				doc_clear(&d);
				if (rnd() % 7 == 0) {
					char id[] = { 'd', (char)('a' + rnd() % 26), (char)('a' + rnd() % 26), 0 };
					ok &= store_remove(st, id) >= 0;
				}
			}
			ok &= store_commit(st) == 0;
		}
		CHECK(ok);
		CHECK_INT(store_check_terms(st), 0);
		/* every term is in few documents: every list is kept */
		sqlite3_stmt *s = store_prepare(st, "SELECT count(*), sum(docs IS NULL) FROM termdf");
		CHECK(sqlite3_step(s) == SQLITE_ROW && sqlite3_column_int(s, 0) == 16 && sqlite3_column_int(s, 1) == 0);
		sqlite3_finalize(s);
		dump(st, l == 0 ? &want : &got);
		if (l > 0)
			CHECK(got.len == want.len && !memcmp(got.buf, want.buf, got.len));
		store_close(st);
	}
	/* doctor in parts of the term space: the same finding, and a damaged row found */
	struct store *st = store_open(path.buf, STORE_WRITE);
	CHECK_INT(store_check_terms(st), 0);
	CHECK(store_exec(st, "UPDATE termdf SET df = df + 1 WHERE h = (SELECT min(h) FROM termdf)") == 0);
	postings_limit = 1 << 22;
	CHECK_INT(store_check_terms(st), 1);
	postings_limit = 3;
	CHECK_INT(store_check_terms(st), 1);
	store_close(st);
	postings_limit = (size_t)1 << 22;
	sb_reset(&path);
	sb_printf(&path, "rm -rf '%s'", dir);
	CHECK_INT(system(path.buf), 0);
	sb_release(&path);
	sb_release(&want);
	sb_release(&got);
}

static int cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	return (x > y) - (x < y);
}

/* sort_u32 (util.c) against qsort: random, few distinct values, sorted, reversed, equal. */
static void sorting(void)
{
	size_t sizes[] = { 0, 1, 2, 15, 16, 17, 100, 1000, 20000 };
	int right = 1;
	for (size_t s = 0; s < sizeof sizes / sizeof *sizes; s++)
		for (int shape = 0; shape < 5; shape++) {
			size_t n = sizes[s];
			uint32_t *v = malloc((n + 1) * sizeof *v), *w = malloc((n + 1) * sizeof *w);
			for (size_t i = 0; i < n; i++)
				v[i] = shape == 0 ? rnd() : shape == 1 ? rnd() % 3 : shape == 2 ? (uint32_t)i
				     : shape == 3 ? (uint32_t)(n - i) : 7;
			if (n)
				v[n / 2] = shape == 0 ? UINT32_MAX : v[n / 2];
			memcpy(w, v, n * sizeof *v);
			sort_u32(v, n);
			qsort(w, n, sizeof *w, cmp_u32);
			if (n && memcmp(v, w, n * sizeof *v))
				right = 0;
			free(v);
			free(w);
		}
	CHECK(right);
}

int main(void)
{
	RUN(sorting);
	RUN(roundtrip);
	RUN(model);
	RUN(flushes);
	return T_DONE("test_postings");
}
