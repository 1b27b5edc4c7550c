/* cmd_stats.c: saring stats: what the corpus holds. */
#include <getopt.h>
#include <stdio.h>
#include <sys/stat.h>

#include "i18n.h"
#include "commands.h"
#include "out.h"
#include "store.h"
#include "util.h"

/* Print "name count" rows of a two-column query, or add them to a JSON object. */
static void groups(struct store *st, const char *title, const char *sql, json_t *json)
{
	sqlite3_stmt *s = store_prepare(st, sql);
	json_t *o = json ? json_object() : NULL;
	if (!json)
		printf("%s:\n", title);
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		const char *k = (const char *)sqlite3_column_text(s, 0);
		long long n = sqlite3_column_int64(s, 1);
		if (json) {
			json_object_set_new(o, k ? k : "unknown", json_integer(n));
		} else {
			struct strbuf name = STRBUF_INIT;
			k = k ? k : "(none)";
			sb_add_visible(&name, k, strlen(k), 0);
			printf("  %-20s %lld\n", name.buf, n);
			sb_release(&name);
		}
	}
	if (rc != SQLITE_DONE)
		store_die(st, "cannot read the database");
	sqlite3_finalize(s);
	if (json)
		json_object_set_new(json, title, o);
}

static long long one(struct store *st, const char *sql, const char **text)
{
	sqlite3_stmt *s = store_prepare(st, sql);
	long long v = 0;
	static char buf[64];
	if (sqlite3_step(s) == SQLITE_ROW) {
		v = sqlite3_column_int64(s, 0);
		if (text) {
			const unsigned char *t = sqlite3_column_text(s, 0);
			snprintf(buf, sizeof buf, "%s", t ? (const char *)t : "");
			*text = buf;
		}
	} else {
		store_die(st, "cannot read the database");
	}
	sqlite3_finalize(s);
	return v;
}

/*
 * Per source: its documents, the newest date among them, and when saring
 * update last heard from it ("how fresh is my corpus").
 */
static void freshness(struct store *st, json_t *json)
{
	sqlite3_stmt *s = store_prepare(st, st->schema >= 4
		? "SELECT source, count(*), max(date), (SELECT fetched_at FROM source_state WHERE name = doc.source) "
		  "FROM doc GROUP BY 1 ORDER BY 2 DESC, 1"
		: "SELECT source, count(*), max(date), NULL FROM doc GROUP BY 1 ORDER BY 2 DESC, 1");
	json_t *o = json ? json_object() : NULL;
	if (!json)
		printf("source:\n");
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		const char *name = (const char *)sqlite3_column_text(s, 0);
		long long n = sqlite3_column_int64(s, 1);
		const char *newest = (const char *)sqlite3_column_text(s, 2);
		const char *fetched = (const char *)sqlite3_column_text(s, 3);
		if (json) {
			json_t *e = json_object();
			json_object_set_new(e, "documents", json_integer(n));
			json_object_set_new(e, "newest", out_str(newest));
			json_object_set_new(e, "fetched", out_str(fetched));
			json_object_set_new(o, name ? name : "unknown", e);
		} else {
			printf("  %-20s %lld", name ? name : "(none)", n);
			if (newest)
				printf(_("  newest %s"), newest);
			if (fetched)
				printf(_("  fetched %s"), fetched);
			putchar('\n');
		}
	}
	if (rc != SQLITE_DONE)
		store_die(st, "cannot read the database");
	sqlite3_finalize(s);
	if (json)
		json_object_set_new(json, "sources", o);
}

int cmd_stats(int argc, char **argv)
{
	const char *db;
	int json = 0;
	if (parse_db_opts(argc, argv, &db, &json))
		return EXIT_USAGE;
	if (optind != argc)
		return usage_error(_("stats takes no arguments"));
	struct store *st = store_open(db, STORE_READ);
	long long total = one(st, "SELECT count(*) FROM doc", NULL);
	const char *newest = NULL;
	one(st, "SELECT coalesce(max(date), '') FROM doc", &newest);
	struct strbuf nb = STRBUF_INIT;
	if (json)
		sb_puts(&nb, newest);
	else
		sb_add_visible(&nb, newest, strlen(newest), 0);
	long long version = one(st, "PRAGMA user_version", NULL);
	struct stat sb;
	long long size = stat(st->path, &sb) == 0 ? (long long)sb.st_size : -1;
	json_t *o = json ? json_object() : NULL;
	if (json) {
		json_object_set_new(o, "database", json_string(st->path));
		json_object_set_new(o, "starter", json_boolean(st->starter));
		json_object_set_new(o, "bytes", json_integer(size));
		json_object_set_new(o, "schema", json_integer(version));
		json_object_set_new(o, "documents", json_integer(total));
		json_object_set_new(o, "newest", out_str(nb.buf));
	} else {
		printf("database   %s%s\n", st->path, st->starter ? " (bundled starter corpus)" : "");
		printf("size       %.1f MB\n", (double)size / 1e6);
		printf("schema     %lld\n", version);
		printf("documents  %lld\n", total);
		printf("newest     %s\n", *nb.buf ? nb.buf : "(no dates)");
	}
	groups(st, "label", "SELECT label, count(*) FROM doc GROUP BY 1 ORDER BY 1", o);
	if (json)   /* in text, freshness() shows the same counts */
		groups(st, "source", "SELECT source, count(*) FROM doc GROUP BY 1 ORDER BY 2 DESC, 1", o);
	freshness(st, o);
	groups(st, "year", "SELECT substr(date, 1, 4), count(*) FROM doc GROUP BY 1 ORDER BY 1", o);
	if (json)
		out_json_line(o);
	sb_release(&nb);
	store_close(st);
	return EXIT_CLEAN;
}
