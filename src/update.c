/* update.c: one source of saring update, fetched, checked and written (see update.h). */
#include "update.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bundle.h"
#include "feed.h"
#include "i18n.h"
#include "import.h"

/* The phrase of the error page TurnBackHoax answers with a 200. */
#define ERROR_PAGE "Terjadi kesalahan saat mengambil data"

static void fail(struct update_result *res, const char *fmt, const char *arg)
{
	struct strbuf sb = STRBUF_INIT;
	sb_printf(&sb, fmt, arg);
	free(res->error);
	res->error = sb_detach(&sb);
}

/* The request for page (1-based) of src; the URL in url, a POST body in post (empty: a GET). */
static void page_request(const struct source *src, long page, const char *token, struct strbuf *url,
			 struct strbuf *post)
{
	const struct feed_kind *kind = feed_kinds[src->type];
	sb_reset(url);
	sb_reset(post);
	sb_puts(url, src->url);
	if (kind->request)
		kind->request(src, page, token, url, post);
}

/* Is the content type one this source type may send? NULL, or why not. */
static const char *wrong_type(enum source_type t, const char *ct)
{
	const struct feed_kind *kind = feed_kinds[t];
	return !ct || !*ct || !kind->wrong_type ? NULL : kind->wrong_type(ct);
}

struct known_ctx {
	struct store *st;
	int known;                 /* records already stored */
	int db_error;
};

static int check_known(void *ctx, struct doc *d, long line)
{
	(void)line;
	struct known_ctx *k = ctx;
	char *source = NULL;
	int r = d->id ? store_id_source(k->st, d->id, &source) : 0;
	free(source);
	k->known += r > 0;
	k->db_error |= r < 0;
	doc_clear(d);
	return 0;
}

struct write_ctx {
	struct store *st;
	const struct source *src;
	struct update_result *res;
	int replace;               /* a new version of a document replaces the old (not from a bundle not trusted) */
	int failed;
};

static int write_doc(void *ctx, struct doc *d, long line)
{
	struct write_ctx *w = ctx;
	switch (store_put(w->st, d, w->replace)) {
	case PUT_ADDED: w->res->added++; break;
	case PUT_UPDATED: w->res->updated++; break;
	case PUT_UNCHANGED: w->res->unchanged++; break;
	case PUT_CONFLICT: w->res->skipped++; break;   /* not with replace: a bundle opened with --insecure */
	case PUT_CLASH:
		warnx_(_("%s: record %ld: id '%s' is held by a document of %s, record skipped"), w->src->name, line, d->id,
		       w->st->held_by ? w->st->held_by : "another source");
		w->res->skipped++;
		break;
	case PUT_ERROR:
		warnx_(_("%s:%ld: %s"), w->src->name, line, store_errmsg(w->st));
		w->failed = 1;
		break;
	}
	doc_clear(d);
	return w->failed;
}

static void write_bad(void *ctx, long line, const char *reason)
{
	struct write_ctx *w = ctx;
	warnx_(_("%s: record %ld: %s, record skipped"), w->src->name, line, reason);
	w->res->skipped++;
}

static void now_iso(char out[21])
{
	time_t t = time(NULL);
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(out, 21, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/* Write the records (saring JSON Lines) and the source's validators in one transaction. */
static void write_all(struct store *st, const struct source *src, const struct strbuf *jsonl,
		      const struct bundle_signer *signer, const char *etag, const char *last_modified,
		      struct update_result *res)
{
	char when[21];
	now_iso(when);
	if (store_begin(st) < 0) {
		fail(res, _("cannot start writing: %s"), store_errmsg(st));
		res->db_error = 1;
		return;
	}
	st->fetched_at = when;
	struct write_ctx w = { st, src, res, !feed_kinds[src->type]->unpack || signer->trusted, 0 };
	if (jsonl->len)
		import_read_mem(src->name, jsonl->buf, jsonl->len, FMT_JSONL, src->name, write_doc, write_bad, &w);
	st->fetched_at = NULL;
	char *err = NULL;
	if (!w.failed && bundle_accept(st, src->name, signer, &err) < 0) {
		fail(res, "%s", err);
		free(err);
		store_rollback(st);
		res->added = res->updated = res->unchanged = 0;
		return;
	}
	if (w.failed || store_source_put(st, src->name, etag, last_modified, when) < 0 || store_commit(st) < 0) {
		if (!res->error)
			fail(res, _("database error: %s"), store_errmsg(st));
		store_rollback(st);
		res->db_error = 1;
		res->added = res->updated = res->unchanged = 0;
	}
}

static const char *jget(const json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}

/*
 * A feed record's article page (a kind with item_pages): its ClaimReview's claim,
 * rating, publisher and date, and the page's text over the feed's summary.
 * A page that cannot be read leaves the record as the feed gave it.
 */
static void read_article(const struct source *src, const struct update_opts *o, json_t *rec,
			 struct update_result *res)
{
	const char *url = jget(rec, "url");
	struct fetch_request rq = { url, NULL, NULL, NULL, "text/html" };
	struct fetch_response rs;
	int rc = fetch(&o->lim, &rq, &rs);
	res->requests += rs.requests;
	struct source page = *src;
	page.type = SRC_PAGE;
	struct feed_page pg = { STRBUF_INIT, 0, 0, 0, NULL };
	char *err = NULL;
	const char *why = rc < 0 ? rs.error : rs.status != 200 ? N_("no page") : wrong_type(SRC_PAGE, rs.content_type);
	if (!why && memmem(rs.body.buf ? rs.body.buf : "", rs.body.len, ERROR_PAGE, strlen(ERROR_PAGE)))
		why = N_("its error page");
	if (!why && feed_parse(&page, rs.body.buf ? rs.body.buf : "", rs.body.len, &pg, &err) < 0)
		why = err;
	else if (!why && !pg.records)
		why = N_("no ClaimReview JSON-LD on the page");
	json_t *a = !why ? json_loadb(pg.jsonl.buf, strcspn(pg.jsonl.buf, "\n"), 0, NULL) : NULL;
	if (why) {
		warnx_(_("%s: %s: article page not read (%s); the feed's text kept"), src->name, url, _(why));
	} else {
		static const char *const keys[] = { "claim", "rating", "text", "publisher", "date" };
		for (size_t i = 0; i < sizeof keys / sizeof *keys; i++) {
			json_t *v = json_object_get(a, keys[i]);
			if (v && (strcmp(keys[i], "publisher") || !src->publisher))   /* the source's own publisher stays */
				json_object_set(rec, keys[i], v);
		}
	}
	json_decref(a);
	free(err);
	feed_page_release(&pg);
	fetch_response_release(&rs);
}

/* Read the article pages of the feed's records not stored yet, at most o->max_pages of them. */
static void read_articles(struct store *st, const struct source *src, const struct update_opts *o,
			  struct strbuf *jsonl, struct update_result *res)
{
	struct strbuf out = STRBUF_INIT;
	int read = 0;
	for (const char *p = jsonl->buf; p && *p;) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		json_t *rec = json_loadb(p, len, 0, NULL);
		const char *id = jget(rec, "id");
		char *held = NULL;
		int stored = id ? store_id_source(st, id, &held) : -1;
		free(held);
		if (rec && id && jget(rec, "url") && read < o->max_pages && stored == 0) {
			read++;
			if (o->progress)
				fprintf(stderr, "\rsaring update: %s: article %d\033[K", src->name, read);
			read_article(src, o, rec, res);
		}
		char *line = rec ? json_dumps(rec, JSON_COMPACT) : NULL;
		if (line) {
			sb_puts(&out, line);
			sb_putc(&out, '\n');
			free(line);
		}
		json_decref(rec);
		p = nl ? nl + 1 : NULL;
	}
	sb_release(jsonl);
	*jsonl = out;
}

/* Does this page end the paging? */
static int last_page(const struct source *src, long page, const struct fetch_response *rs,
		     const struct feed_page *pg, int known)
{
	const struct feed_kind *kind = feed_kinds[src->type];
	if (known || pg->records == 0 || !kind->last_page)
		return 1;
	return kind->last_page(page, rs, pg);
}

/* What a run over a source's pages keeps between them. */
struct paging {
	struct strbuf all;              /* the records so far, saring JSON Lines */
	char *token;                    /* owned: the last page's next token, or NULL */
	uint64_t last_hash;             /* of the last page's records: the same page again ends the paging */
	int done;
	struct bundle_signer signer;    /* who signed a bundle source's answer */
};

/* One response's records into pg->all (a bundle's too): 0, or -1 with res->error. */
static int take_page(struct store *st, const struct source *src, const struct update_opts *o,
		     const struct fetch_response *rs, long page, struct paging *pgs, struct update_result *res)
{
	const struct feed_kind *kind = feed_kinds[src->type];
	if (!kind->unpack && memmem(rs->body.buf ? rs->body.buf : "", rs->body.len, ERROR_PAGE, strlen(ERROR_PAGE))) {
		fail(res, _("the server sent its error page (\"%s\")"), ERROR_PAGE);
		return -1;
	}
	const char *why = wrong_type(src->type, rs->content_type);
	if (why) {
		struct strbuf m = STRBUF_INIT;
		sb_printf(&m, _("the server sent %s (%s)"), _(why), rs->content_type);
		fail(res, "%s", m.buf);
		sb_release(&m);
		return -1;
	}
	char *err = NULL;
	if (kind->unpack) {
		struct strbuf jsonl = STRBUF_INIT;
		if (kind->unpack(src, rs->body.buf ? rs->body.buf : "", rs->body.len, o->insecure, &jsonl, &pgs->signer,
				 &err) < 0) {
			fail(res, "%s", err);
			free(err);
			sb_release(&jsonl);
			return -1;
		}
		sb_add(&pgs->all, jsonl.buf ? jsonl.buf : "", jsonl.len);
		sb_release(&jsonl);
		pgs->done = 1;
		return 0;
	}
	struct feed_page pg;
	if (feed_parse(src, rs->body.buf ? rs->body.buf : "", rs->body.len, &pg, &err) < 0) {
		fail(res, "%s", err);
		free(err);
		feed_page_release(&pg);
		return -1;
	}
	struct known_ctx k = { st, 0, 0 };
	if (pg.jsonl.len)
		import_read_mem(src->name, pg.jsonl.buf, pg.jsonl.len, FMT_JSONL, src->name, check_known, NULL, &k);
	if (k.db_error) {
		fail(res, _("database error: %s"), store_errmsg(st));
		res->db_error = 1;
		feed_page_release(&pg);
		return -1;
	}
	if (kind->item_pages)
		read_articles(st, src, o, &pg.jsonl, res);
	/* a server that ignores the page number sends the same page again: the end */
	uint64_t h = pg.jsonl.len ? hash64(pg.jsonl.buf, pg.jsonl.len) : 0;
	int again = page > 1 && h == pgs->last_hash;
	pgs->last_hash = h;
	if (!again)
		sb_add(&pgs->all, pg.jsonl.buf ? pg.jsonl.buf : "", pg.jsonl.len);
	pgs->done = again || last_page(src, page, rs, &pg, k.known);
	if (!pgs->done && pgs->all.len > UPDATE_MAX_RECORD_BYTES) {
		warnx_(_("%s: stopped after %ld pages: %zu bytes of records, the most kept at once"), src->name,
		       page, pgs->all.len);
		pgs->done = 1;
	}
	free(pgs->token);
	pgs->token = pg.next_token;
	pg.next_token = NULL;
	feed_page_release(&pg);
	return 0;
}

void update_source(struct store *st, const struct source *src, const struct update_opts *o,
		   struct update_result *res)
{
	memset(res, 0, sizeof *res);
	char *etag = NULL, *lm = NULL;
	if (store_source_get(st, src->name, &etag, &lm) < 0) {
		fail(res, _("database error: %s"), store_errmsg(st));
		res->db_error = 1;
		return;
	}
	struct fetch_limits lim = o->lim;
	if (feed_kinds[src->type]->max_bytes)
		lim.max_bytes = feed_kinds[src->type]->max_bytes;
	struct strbuf url = STRBUF_INIT, post = STRBUF_INIT;
	struct paging pgs = { STRBUF_INIT, NULL, 0, 0, { .nsources = 0 } };
	char *new_etag = NULL, *new_lm = NULL;
	int ok = 1;
	for (long page = 1; !pgs.done && ok; page++) {
		if (page > o->max_pages) {
			warnx_(_("%s: stopped after %d pages (--max-pages)"), src->name, o->max_pages);
			break;
		}
		page_request(src, page, pgs.token, &url, &post);
		struct fetch_request rq = { url.buf, page == 1 ? etag : NULL, page == 1 ? lm : NULL,
					    post.len ? post.buf : NULL, NULL };
		if (o->progress)
			fprintf(stderr, "\rsaring update: %s: page %ld\033[K", src->name, page);
		struct fetch_response rs;
		int rc = fetch(&lim, &rq, &rs);
		res->requests += rs.requests;
		if (rc < 0) {
			fail(res, "%s", rs.error);
			ok = 0;
		} else if (rs.status == 304) {
			res->not_modified = page == 1;
			new_etag = etag ? xstrdup(etag) : NULL;
			new_lm = lm ? xstrdup(lm) : NULL;
			pgs.done = 1;
		} else {
			if (page == 1) {
				new_etag = rs.etag ? xstrdup(rs.etag) : NULL;
				new_lm = rs.last_modified ? xstrdup(rs.last_modified) : NULL;
			}
			ok = take_page(st, src, o, &rs, page, &pgs, res) == 0;
			res->pages += ok;
		}
		fetch_response_release(&rs);
	}
	if (o->progress)
		fputs("\r\033[K", stderr);
	if (ok)
		write_all(st, src, &pgs.all, &pgs.signer, new_etag, new_lm, res);
	sb_release(&url);
	sb_release(&post);
	sb_release(&pgs.all);
	bundle_signer_release(&pgs.signer);
	free(etag);
	free(lm);
	free(new_etag);
	free(new_lm);
	free(pgs.token);
}

void update_result_release(struct update_result *res)
{
	free(res->error);
	res->error = NULL;
}
