/*
 * plain_fts.c: the baseline saring's import and matching are measured
 * against: a plain SQLite FTS5 table with the stock unicode61 tokenizer,
 * no normalisation, no stemming, no re-ranking.
 *
 *   plain_fts import DB CORPUS.jsonl    one transaction of INSERTs (title, text)
 *   plain_fts query DB QUERIES.jsonl    for each {"text"}: top 5 by bm25
 *   plain_fts text DB TEXT              the same for one message
 *
 * A query is the OR of the message's words, each double-quoted. Results go
 * to stdout (rowid and bm25 per hit) so the work cannot be skipped; the
 * bench sends them to /dev/null. Exit status 0, or 1 on any error.
 */
#include <jansson.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static sqlite3 *db;

static void die(const char *what)
{
	fprintf(stderr, "plain_fts: %s: %s\n", what, db ? sqlite3_errmsg(db) : "error");
	exit(1);
}

static void exec(const char *sql)
{
	if (sqlite3_exec(db, sql, NULL, NULL, NULL) != SQLITE_OK)
		die(sql);
}

/* Bytes that end a word: ASCII that is neither letter nor digit. */
static int is_sep(unsigned char c)
{
	return c < 0x80 && !((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'));
}

/* Build "w1" OR "w2" OR ... into *q (grown with realloc); 0 when no word. */
static size_t or_query(const char *s, size_t n, char **q, size_t *cap)
{
	size_t len = 0;
	for (size_t i = 0; i < n;) {
		while (i < n && is_sep((unsigned char)s[i]))
			i++;
		size_t start = i;
		while (i < n && !is_sep((unsigned char)s[i]))
			i++;
		if (i == start)
			continue;
		size_t need = len + (i - start) + 8;
		if (need > *cap) {
			*cap = need * 2;
			if (!(*q = realloc(*q, *cap)))
				die("out of memory");
		}
		if (len)
			len += (size_t)sprintf(*q + len, " OR ");
		(*q)[len++] = '"';
		memcpy(*q + len, s + start, i - start);
		len += i - start;
		(*q)[len++] = '"';
	}
	return len;
}

static void query_one(sqlite3_stmt *st, const char *text, size_t n, char **q, size_t *cap)
{
	size_t len = or_query(text, n, q, cap);
	if (!len)
		return;
	sqlite3_bind_text(st, 1, *q, (int)len, SQLITE_STATIC);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		printf("%lld\t%.4f\n", sqlite3_column_int64(st, 0), sqlite3_column_double(st, 1));
	if (rc != SQLITE_DONE)
		die("query");
	sqlite3_reset(st);
}

/* Call fn on each JSON Lines record of path that has a "text" string. */
static long each_record(const char *path, void (*fn)(json_t *, void *), void *ctx)
{
	FILE *f = fopen(path, "r");
	if (!f) {
		perror(path);
		exit(1);
	}
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	long count = 0;
	while ((n = getline(&line, &cap, f)) > 0) {
		json_t *o = json_loadb(line, (size_t)n, 0, NULL);
		if (o && json_is_string(json_object_get(o, "text"))) {
			fn(o, ctx);
			count++;
		}
		json_decref(o);
	}
	free(line);
	fclose(f);
	return count;
}

static void insert_doc(json_t *o, void *ctx)
{
	sqlite3_stmt *st = ctx;
	json_t *title = json_object_get(o, "title"), *text = json_object_get(o, "text");
	sqlite3_bind_text(st, 1, json_is_string(title) ? json_string_value(title) : "", -1,
			  SQLITE_STATIC);
	sqlite3_bind_text(st, 2, json_string_value(text), (int)json_string_length(text),
			  SQLITE_STATIC);
	if (sqlite3_step(st) != SQLITE_DONE)
		die("insert");
	sqlite3_reset(st);
}

struct querier {
	sqlite3_stmt *st;
	char *q;
	size_t cap;
};

static void query_record(json_t *o, void *ctx)
{
	struct querier *qr = ctx;
	json_t *text = json_object_get(o, "text");
	query_one(qr->st, json_string_value(text), json_string_length(text), &qr->q, &qr->cap);
}

int main(int argc, char **argv)
{
	if (argc != 4) {
		fprintf(stderr, "usage: plain_fts import|query|text DB FILE|TEXT\n");
		return 1;
	}
	const char *mode = argv[1];
	if (sqlite3_open(argv[2], &db) != SQLITE_OK)
		die(argv[2]);
	sqlite3_stmt *st;
	if (!strcmp(mode, "import")) {
		exec("CREATE VIRTUAL TABLE docs USING fts5(title, text, tokenize='unicode61')");
		exec("BEGIN");
		if (sqlite3_prepare_v2(db, "INSERT INTO docs(title, text) VALUES (?, ?)", -1, &st,
				       NULL) != SQLITE_OK)
			die("prepare");
		long n = each_record(argv[3], insert_doc, st);
		sqlite3_finalize(st);
		exec("COMMIT");
		fprintf(stderr, "plain_fts: imported %ld documents\n", n);
	} else if (!strcmp(mode, "query") || !strcmp(mode, "text")) {
		if (sqlite3_prepare_v2(db, "SELECT rowid, bm25(docs) FROM docs WHERE docs MATCH ?"
				       " ORDER BY rank LIMIT 5", -1, &st, NULL) != SQLITE_OK)
			die("prepare");
		struct querier qr = { st, NULL, 0 };
		if (!strcmp(mode, "text"))
			query_one(st, argv[3], strlen(argv[3]), &qr.q, &qr.cap);
		else
			each_record(argv[3], query_record, &qr);
		free(qr.q);
		sqlite3_finalize(st);
	} else {
		fprintf(stderr, "plain_fts: unknown mode '%s'\n", mode);
		return 1;
	}
	sqlite3_close(db);
	if (fclose(stdout) != 0) {
		perror("plain_fts: stdout");
		return 1;
	}
	return 0;
}
