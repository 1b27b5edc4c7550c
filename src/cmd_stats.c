/* cmd_stats.c: saring stats: what the corpus holds. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "i18n.h"
#include "commands.h"
#include "out.h"
#include "store.h"
#include "store_read.h"
#include "util.h"

/* Where groups() puts its rows: printed, or into a JSON object. */
struct group_out {
	json_t *o;   /* NULL for text */
};

static void group_row(void *ctx, const char *k, long long n)
{
	struct group_out *g = ctx;
	if (g->o) {
		json_object_set_new(g->o, k ? k : "unknown", json_integer(n));
	} else {
		struct strbuf name = STRBUF_INIT;
		k = k ? k : "(none)";
		sb_add_visible(&name, k, strlen(k), 0);
		printf("  %-20s %lld\n", name.buf, n);
		sb_release(&name);
	}
}

/* Print "name count" rows of the documents by g, or add them to a JSON object. */
static void groups(struct store *st, const char *title, enum store_group g, json_t *json)
{
	struct group_out out = { json ? json_object() : NULL };
	if (!json)
		printf("%s:\n", title);
	store_count_by(st, g, group_row, &out);
	if (json)
		json_object_set_new(json, title, out.o);
}

static void fresh_row(void *ctx, const struct source_fresh *f)
{
	struct group_out *g = ctx;
	if (g->o) {
		json_t *e = json_object();
		json_object_set_new(e, "documents", json_integer(f->docs));
		json_object_set_new(e, "newest", out_str(f->newest));
		json_object_set_new(e, "fetched", out_str(f->fetched));
		json_object_set_new(g->o, f->name ? f->name : "unknown", e);
	} else {
		printf("  %-20s %lld", f->name ? f->name : "(none)", f->docs);
		if (f->newest)
			printf(_("  newest %s"), f->newest);
		if (f->fetched)
			printf(_("  fetched %s"), f->fetched);
		putchar('\n');
	}
}

/*
 * Per source: its documents, the newest date among them, and when saring
 * update last heard from it ("how fresh is my corpus").
 */
static void freshness(struct store *st, json_t *json)
{
	struct group_out out = { json ? json_object() : NULL };
	if (!json)
		printf("source:\n");
	store_freshness(st, fresh_row, &out);
	if (json)
		json_object_set_new(json, "sources", out.o);
}

int cmd_stats(int argc, char **argv)
{
	const char *db;
	int json = 0;
	if (parse_db_opts(argc, argv, &db, &json))
		return EXIT_USAGE;
	if (optind != argc)
		return usage_error(_("stats takes no arguments"));
	struct store *st = cmd_store(db);
	long long total = store_doc_count(st);   /* kept by every write: no count of the rows */
	char *newest = store_newest_date(st);
	struct strbuf nb = STRBUF_INIT;
	if (json)
		sb_puts(&nb, newest);
	else
		sb_add_visible(&nb, newest, strlen(newest), 0);
	long long version = st->schema;
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
	groups(st, "label", GROUP_LABEL, o);
	if (json)   /* in text, freshness() shows the same counts */
		groups(st, "source", GROUP_SOURCE, o);
	freshness(st, o);
	groups(st, "year", GROUP_YEAR, o);
	if (json)
		out_json_line(o);
	sb_release(&nb);
	free(newest);
	return EXIT_CLEAN;
}
