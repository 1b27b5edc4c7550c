/*
 * fts_tok.c: the "saring" FTS5 tokenizer, which runs saring's text
 * pipeline (norm_text(..., NORM_STEM)) over what FTS5 indexes and over
 * every query, and the terms blobs made of the same tokens.
 *
 * A document's columns are normalized once, before its writes
 * (store_prep_tokens(), on the import's reading thread when there is one):
 * the tokens make its terms blob and are replayed to FTS5 when it indexes
 * the columns (fts_tok_writing()). Other texts (the old version of a
 * replaced document, a reindex, a query) are normalized where they are
 * needed, the last few kept. That state is each connection's: an fts_tok,
 * the tokenizer's context, with the store's own text pipeline, used by
 * the connection's one thread at a time.
 *
 * A query string that starts with \x1f is one canonical token already
 * (store_fts_expr() and the store's reads build those), passed through
 * untouched.
 */
#include "store_terms.h"
#include "store_int.h"

#include <stdlib.h>
#include <string.h>

#include "hmap.h"
#include "normalize.h"
#include "util.h"

#define TOKCACHE 4

struct fts_tok {
	struct pipeline *pl;              /* owned: the store's text pipeline */
	struct toklist cache[TOKCACHE];   /* the last texts tokenized, by hash */
	int next;                         /* the slot to fill next */
	const struct store_prep *writing; /* borrowed: the document being indexed, or NULL */
};

static int toklist_add(void *ctx, const struct token *t)
{
	struct toklist *c = ctx;
	xgrow((void **)&c->v, &c->cap, c->n + 1, sizeof *c->v);
	c->v[c->n++] = (struct tokrec){ c->arena.len, t->len, t->start, t->end, t->flags };
	sb_add(&c->arena, t->text, t->len);
	return 0;
}

/* Normalize text into c. */
static void toklist_fill(struct pipeline *pl, struct toklist *c, uint64_t h, const char *text, size_t len)
{
	c->hash = h;
	c->len = len;
	c->n = 0;
	sb_reset(&c->arena);
	norm_text(pl, text, len, NORM_STEM, toklist_add, c, NULL, NULL);
}

static void toklist_replay(const struct toklist *c, token_fn fn, void *ctx)
{
	for (size_t i = 0; i < c->n; i++) {
		const struct tokrec *r = &c->v[i];
		struct token t = { c->arena.buf + r->text, r->len, c->arena.buf + r->text, r->len,
				   r->start, r->end, r->flags };
		if (fn(ctx, &t))
			break;
	}
}

static void toklist_release(struct toklist *c)
{
	free(c->v);
	sb_release(&c->arena);
	memset(c, 0, sizeof *c);
}

static uint64_t text_hash(const char *text, size_t len)
{
	return hash64(text, len) | 1;
}

/* norm_text(..., NORM_STEM, ...), replayed when the text is the document being written or was seen last. */
static void tokenize(struct fts_tok *k, const char *text, size_t len, token_fn fn, void *ctx)
{
	const struct store_prep *w = k->writing;
	for (int i = 0; w && i < 3; i++)
		if (w->text[i] && w->col[i].len == len && !memcmp(w->text[i], text, len)) {
			toklist_replay(&w->col[i], fn, ctx);
			return;
		}
	uint64_t h = len > TOKCACHE_MAX ? 0 : text_hash(text, len);
	if (!h) {
		norm_text(k->pl, text, len, NORM_STEM, fn, ctx, NULL, NULL);
		return;
	}
	struct toklist *c = NULL;
	for (int i = 0; i < TOKCACHE && !c; i++)
		if (k->cache[i].hash == h && k->cache[i].len == len)
			c = &k->cache[i];
	if (!c) {
		c = &k->cache[k->next];
		k->next = (k->next + 1) % TOKCACHE;
		toklist_fill(k->pl, c, h, text, len);
	}
	toklist_replay(c, fn, ctx);
}

struct fts_tok *fts_tok_new(void)
{
	struct fts_tok *k = xcalloc(1, sizeof *k);
	k->pl = pipeline_new();
	return k;
}

struct pipeline *fts_tok_pipeline(struct fts_tok *k)
{
	return k->pl;
}

void fts_tok_free(struct fts_tok *k)
{
	if (!k)
		return;
	for (int i = 0; i < TOKCACHE; i++)
		toklist_release(&k->cache[i]);
	pipeline_free(k->pl);
	free(k);
}

void fts_tok_writing(struct fts_tok *k, const struct store_prep *p)
{
	k->writing = p;
}

/* ---- the FTS5 tokenizer ---- */

struct fts_call {
	void *pctx;
	int (*xtoken)(void *, int, const char *, int, int, int);
	int rc;
};

static int fts_emit(void *ctx, const struct token *t)
{
	struct fts_call *c = ctx;
	c->rc = c->xtoken(c->pctx, 0, t->text, (int)t->len, (int)t->start, (int)t->end);
	return c->rc != SQLITE_OK;
}

/* The tokenizer's instance is the connection's context (xCreateTokenizer's pContext). */
static int fts_create(void *ud, const char **argv, int argc, Fts5Tokenizer **out)
{
	(void)argv; (void)argc;
	*out = (Fts5Tokenizer *)ud;
	return SQLITE_OK;
}

static void fts_delete(Fts5Tokenizer *t)
{
	(void)t;
}

static int fts_tokenize(Fts5Tokenizer *t, void *pctx, int flags, const char *text, int n,
		int (*xtoken)(void *, int, const char *, int, int, int))
{
	if ((flags & FTS5_TOKENIZE_QUERY) && n > 1 && text[0] == '\x1f')
		return xtoken(pctx, 0, text + 1, n - 1, 0, n);
	struct fts_call c = { pctx, xtoken, SQLITE_OK };
	tokenize((struct fts_tok *)t, text, n > 0 ? (size_t)n : 0, fts_emit, &c);
	return c.rc;
}

int fts_tok_register(sqlite3 *db, struct fts_tok *k)
{
	fts5_api *api = NULL;
	sqlite3_stmt *s;
	if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &s, NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_pointer(s, 1, &api, "fts5_api_ptr", NULL);
	sqlite3_step(s);
	sqlite3_finalize(s);
	if (!api)
		return -1;
	fts5_tokenizer tok = { fts_create, fts_delete, fts_tokenize };   /* FTS5 keeps a copy */
	return api->xCreateTokenizer(api, "saring", k, &tok, NULL) == SQLITE_OK ? 0 : -1;
}

/* ---- terms ---- */

uint32_t term_hash(const char *t, size_t len)
{
	uint64_t h = hash64(t, len);
	uint32_t v = (uint32_t)(h ^ (h >> 32));
	return v ? v : 1;   /* 0 separates fields */
}

struct termvec {
	uint32_t **v;
	size_t *n, *cap;
};

static int add_term(void *ctx, const struct token *t)
{
	struct termvec *tv = ctx;
	xgrow((void **)tv->v, tv->cap, *tv->n + 1, sizeof **tv->v);
	(*tv->v)[(*tv->n)++] = term_hash(t->text, t->len);
	return 0;
}

size_t distinct_terms(const unsigned char *blob, size_t nb, uint32_t **v, size_t *cap)
{
	size_t n = 0, k = 0;
	xgrow((void **)v, cap, nb / 4 + 1, sizeof **v);
	for (size_t i = 0; i < nb / 4; i++)
		if (terms_at(blob, i))
			(*v)[n++] = terms_at(blob, i);
	sort_u32(*v, n);
	for (size_t i = 0; i < n; i++)
		if (k == 0 || (*v)[i] != (*v)[k - 1])
			(*v)[k++] = (*v)[i];
	return k;
}

static void blob_of(const uint32_t *v, size_t n, struct strbuf *blob)
{
	sb_reset(blob);
	for (size_t i = 0; i < n; i++) {
		unsigned char b[4] = { (unsigned char)v[i], (unsigned char)(v[i] >> 8),
				       (unsigned char)(v[i] >> 16), (unsigned char)(v[i] >> 24) };
		sb_add(blob, (const char *)b, 4);
	}
}

struct store_prep *store_prep_new(void)
{
	return xcalloc(1, sizeof(struct store_prep));
}

void store_prep_tokens(struct store_prep *p, const struct doc *d, struct pipeline *pl)
{
	if (p->ready)
		return;
	const char *cols[3] = { d->title, d->claim, d->body };
	uint32_t *v = NULL;
	size_t n = 0, cap = 0;
	struct termvec tv = { &v, &n, &cap };
	for (int i = 0; i < 3; i++) {
		size_t len = cols[i] ? strlen(cols[i]) : 0;
		if (len > TOKCACHE_MAX) {
			norm_text(pl, cols[i], len, NORM_STEM, add_term, &tv, NULL, NULL);
		} else if (len) {
			struct toklist *c = &p->col[i];
			toklist_fill(pl, c, 0, cols[i], len);
			p->text[i] = cols[i];
			xgrow((void **)&v, &cap, n + c->n, sizeof *v);
			for (size_t j = 0; j < c->n; j++)
				v[n++] = term_hash(c->arena.buf + c->v[j].text, c->v[j].len);
		}
		xgrow((void **)&v, &cap, n + 1, sizeof *v);
		v[n++] = 0;
	}
	blob_of(v, n, &p->blob);
	free(v);
	p->ready = 1;
}

void store_prep_free(struct store_prep *p)
{
	if (!p)
		return;
	for (int i = 0; i < 3; i++)
		toklist_release(&p->col[i]);
	sb_release(&p->blob);
	free(p);
}

struct exprctx {
	struct strbuf *out;
	struct hmap seen;
	const char *join;
};

static int add_expr_token(void *ctx, const struct token *t)
{
	struct exprctx *e = ctx;
	int isnew;
	hmap_put(&e->seen, t->text, t->len, &isnew);
	if (!isnew)
		return 0;
	if (e->out->len)
		sb_puts(e->out, e->join);
	sb_puts(e->out, "\"\x1f");
	for (size_t i = 0; i < t->len; i++) {
		if (t->text[i] == '"')
			sb_putc(e->out, '"');
		sb_putc(e->out, t->text[i]);
	}
	sb_putc(e->out, '"');
	return 0;
}

void store_fts_expr(const char *text, size_t len, int any, struct strbuf *out)
{
	struct exprctx e = { out, HMAP_INIT, any ? " OR " : " " };
	sb_reset(out);
	struct pipeline *pl = pipeline_new();   /* its own: a search has no matcher */
	norm_text(pl, text, len, NORM_STEM, add_expr_token, &e, NULL, NULL);
	pipeline_free(pl);
	hmap_free(&e.seen);
}
