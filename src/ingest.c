/*
 * ingest.c: import files into the store (ingest.h), one transaction per
 * file, so that an error or Ctrl-C mid-file leaves the database exactly
 * as it was before that file; the file is read on a second thread while
 * this one writes.
 */
#include "ingest.h"

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bundle.h"
#include "i18n.h"
#include "normalize.h"
#include "store.h"
#include "util.h"

/* Set on the reading thread (where the signal lands), read on this one: atomic, not just sig_atomic_t. */
static atomic_int interrupted;

static void on_signal(int sig)
{
	int saved = errno;
	atomic_store(&interrupted, sig);
	errno = saved;
}

struct run {
	struct store **st;    /* opened at the first good document (so a failed import creates nothing) */
	const char *db;       /* --db, for that; borrowed */
	int in_tx;            /* this file's transaction has begun */
	const char *file;     /* name for messages; borrowed */
	int replace, strict;
	int failed;           /* this file must be rolled back */
	int db_error;         /* ... because the database failed */
	int progress;         /* print progress on stderr */
	struct ingest_counts c;      /* this file's counts */
};

static int valid_label(const char *l)
{
	return l && (!strcmp(l, "hoax") || !strcmp(l, "factcheck") || !strcmp(l, "official"));
}

static void on_bad(void *ctx, long line, const char *reason)
{
	struct run *r = ctx;
	warnx_(_("%s:%ld: %s, record skipped"), r->file, line, reason);
	r->c.skipped++;
	if (r->strict)
		r->failed = 1;
}

/* The database, opened (and this file's transaction begun) when the first good document comes. */
static struct store *writable(struct run *r)
{
	if (!*r->st)
		*r->st = store_open(r->db, STORE_WRITE);
	if (!r->in_tx) {
		if (store_begin(*r->st) < 0)
			store_die(*r->st, "cannot start the import");
		r->in_tx = 1;
	}
	return *r->st;
}

/*
 * Write d, minding where its id comes from (saring-corpus(5), IDS): a
 * record's SOURCE:ID may be held under its bare ID by an older saring's
 * import of the same source; a record's own id held by another source's
 * document is stored as SOURCE:ID beside it, never over it.
 */
static enum put_result put_scoped(struct run *r, struct doc *d, struct store_prep *p, long line)
{
	struct store *st = writable(r);
	size_t ns = strlen(d->source);
	if (d->id_scope == DOC_ID_SOURCE && strncmp(d->id, d->source, ns) == 0 && d->id[ns] == ':') {
		char *held = NULL;
		const char *bare = d->id + ns + 1;
		if (store_id_source(st, bare, &held) == 1 && held && strcmp(held, d->source) == 0)
			memmove(d->id, bare, strlen(bare) + 1);
		free(held);
	}
	enum put_result res = p ? store_put_prep(st, d, p, r->replace) : store_put(st, d, r->replace);
	if (res != PUT_CLASH || d->id_scope != DOC_ID_OWN)
		return res;
	struct strbuf id = STRBUF_INIT;
	sb_printf(&id, "%s:%s", d->source, d->id);
	char *own = d->id, *held = xstrdup(st->held_by);
	d->id = sb_detach(&id);
	d->id_scope = DOC_ID_SOURCE;
	res = p ? store_put_prep(st, d, p, r->replace) : store_put(st, d, r->replace);
	if (res == PUT_ADDED)
		warnx_(_("%s:%ld: id '%s' belongs to a document of source '%s'; this record is stored as '%s'"),
		       r->file, line, own, held, d->id);
	free(own);
	free(held);
	return res;
}

/* Write one document (prepared with p, or here when p is NULL); 1 to stop reading. */
static int put_doc(struct run *r, struct doc *d, struct store_prep *p, long line)
{
	if (interrupted || r->failed)
		return 1;
	if (!valid_label(d->label)) {
		on_bad(r, line, d->label ? _("unknown label") : _("no label; use --label"));
	} else {
		enum put_result res = put_scoped(r, d, p, line);
		struct strbuf msg = STRBUF_INIT;
		switch (res) {
		case PUT_ADDED: r->c.added++; break;
		case PUT_UPDATED: r->c.updated++; break;
		case PUT_UNCHANGED: r->c.unchanged++; break;
		case PUT_CONFLICT:
			sb_printf(&msg, _("id '%s' already holds another version of this record "
					  "(--replace overwrites that version with this one)"), d->id);
			on_bad(r, line, msg.buf);
			break;
		case PUT_CLASH:
			sb_printf(&msg, _("id '%s' belongs to a document of source '%s', which is never replaced"),
				  d->id, (*r->st)->held_by);
			on_bad(r, line, msg.buf);
			break;
		case PUT_ERROR:
			warnx_(_("%s:%ld: %s"), r->file, line, store_errmsg(*r->st));
			r->failed = r->db_error = 1;
			break;
		}
		sb_release(&msg);
	}
	long done = r->c.added + r->c.updated + r->c.unchanged;
	if (r->progress && done % 2000 == 0)
		fprintf(stderr, "\rsaring import: %s: %ld documents", r->file, done);
	return r->failed || interrupted;
}

static int on_doc(void *ctx, struct doc *d, long line)
{
	int stop = put_doc(ctx, d, NULL, line);
	doc_clear(d);
	return stop;
}

/*
 * Reading on a second thread: with two or more processors, the file is
 * read, parsed and put through the text pipeline on a reader thread while
 * this one writes the database. Records, bad records and the reader's
 * messages pass through a bounded queue in file order and are handled
 * here as on one thread, so the output is the same. A thread that waits
 * is woken for a batch of items, not each one (a wake-up costs about as
 * much as an item); an item is handled in its slot and freed by the
 * reader when it reuses the slot, so memory goes back to the thread that
 * took it (freeing on the other thread made them contend for malloc's
 * lock).
 */
enum item_kind { ITEM_DOC, ITEM_BAD, ITEM_WARN };

struct item {
	enum item_kind kind;
	long line;
	char *text;               /* ITEM_BAD: the reason; ITEM_WARN: the message (owned) */
	struct doc d;             /* ITEM_DOC (owned) */
	struct store_prep *p;     /* ITEM_DOC, when its label is valid */
};

#define QUEUE 64
#define BATCH 16

struct queue {
	pthread_mutex_t mu;
	pthread_cond_t can_put, can_take;
	struct item v[QUEUE];
	size_t head, n;
	int putting, taking;      /* the reader, the writer waits */
	int done;                 /* the reader has finished */
	int stop;                 /* the writer takes no more */
	const char *path;         /* the reader's file, options and result */
	const struct import_opts *o;
	int rc;
	char *err;
	struct pipeline *pl;      /* the reader's own text pipeline, for the documents' tokens */
};

static void item_clear(struct item *it)
{
	free(it->text);
	doc_clear(&it->d);
	store_prep_free(it->p);
	memset(it, 0, sizeof *it);
}

static void push(struct queue *q, struct item *it)
{
	pthread_mutex_lock(&q->mu);
	if (q->n == QUEUE && !q->stop) {
		q->putting = 1;
		while (q->n > QUEUE - BATCH && !q->stop)
			pthread_cond_wait(&q->can_put, &q->mu);
		q->putting = 0;
	}
	int stop = q->stop;
	size_t slot = (q->head + q->n) % QUEUE;   /* the writer is done with it, and head + n stays */
	pthread_mutex_unlock(&q->mu);
	if (stop) {
		item_clear(it);
		return;
	}
	item_clear(&q->v[slot]);
	q->v[slot] = *it;
	pthread_mutex_lock(&q->mu);
	if (++q->n >= BATCH && q->taking)
		pthread_cond_signal(&q->can_take);
	pthread_mutex_unlock(&q->mu);
}

/* The next item, left in its slot until taken() (NULL: the reader has finished). */
static struct item *take(struct queue *q)
{
	pthread_mutex_lock(&q->mu);
	if (!q->n && !q->done) {
		q->taking = 1;
		while (q->n < BATCH && !q->done)
			pthread_cond_wait(&q->can_take, &q->mu);
		q->taking = 0;
	}
	struct item *it = q->n ? &q->v[q->head] : NULL;
	pthread_mutex_unlock(&q->mu);
	return it;
}

static void taken(struct queue *q)
{
	pthread_mutex_lock(&q->mu);
	q->head = (q->head + 1) % QUEUE;
	if (--q->n <= QUEUE - BATCH && q->putting)
		pthread_cond_signal(&q->can_put);
	pthread_mutex_unlock(&q->mu);
}

static int read_doc(void *ctx, struct doc *d, long line)
{
	struct queue *q = ctx;
	struct item it = { ITEM_DOC, line, NULL, *d, NULL };
	memset(d, 0, sizeof *d);   /* the item owns the fields now */
	if (valid_label(it.d.label)) {
		it.p = store_prep_new();
		store_prep_tokens(it.p, &it.d, q->pl);
	}
	push(q, &it);
	pthread_mutex_lock(&q->mu);
	int stop = q->stop;
	pthread_mutex_unlock(&q->mu);
	return stop || interrupted;
}

static void read_bad(void *ctx, long line, const char *reason)
{
	struct item it = { ITEM_BAD, line, xstrdup(reason), { 0 }, NULL };
	push(ctx, &it);
}

static void read_warn(void *ctx, const char *msg)
{
	struct item it = { ITEM_WARN, 0, xstrdup(msg), { 0 }, NULL };
	push(ctx, &it);
}

static void *reader(void *arg)
{
	struct queue *q = arg;
	sigset_t sigs;   /* Ctrl-C lands here, where a read from a pipe may be waiting */
	sigemptyset(&sigs);
	sigaddset(&sigs, SIGINT);
	sigaddset(&sigs, SIGTERM);
	pthread_sigmask(SIG_UNBLOCK, &sigs, NULL);
	warn_sink(read_warn, q);
	q->pl = pipeline_new();
	q->rc = import_read(q->path, q->o, read_doc, read_bad, q, &q->err);
	warn_sink(NULL, NULL);
	pipeline_free(q->pl);
	pthread_mutex_lock(&q->mu);
	q->done = 1;
	pthread_cond_signal(&q->can_take);
	pthread_mutex_unlock(&q->mu);
	return NULL;
}

/* import_read() on a reader thread, the records written here; its result, *err as import_read's. */
static int read_threaded(struct run *r, const char *path, const struct import_opts *o, char **err)
{
	struct queue q = { .path = path, .o = o };
	pthread_mutex_init(&q.mu, NULL);
	pthread_cond_init(&q.can_put, NULL);
	pthread_cond_init(&q.can_take, NULL);
	sigset_t sigs, old;
	sigemptyset(&sigs);
	sigaddset(&sigs, SIGINT);
	sigaddset(&sigs, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &sigs, &old);
	pthread_t tid;
	if (pthread_create(&tid, NULL, reader, &q) != 0) {
		pthread_sigmask(SIG_SETMASK, &old, NULL);
		return import_read(path, o, on_doc, on_bad, r, err);
	}
	struct item *it;
	int stopped = 0;
	while (!stopped && (it = take(&q))) {
		switch (it->kind) {
		case ITEM_WARN: warnx_("%s", it->text); break;
		case ITEM_BAD: on_bad(r, it->line, it->text); break;
		case ITEM_DOC: stopped = put_doc(r, &it->d, it->p, it->line); break;
		}
		taken(&q);
		if (stopped || interrupted) {
			stopped = 1;
			pthread_mutex_lock(&q.mu);
			q.stop = 1;   /* the reader stops at its next record; the rest is dropped */
			pthread_cond_signal(&q.can_put);
			pthread_mutex_unlock(&q.mu);
		}
	}
	pthread_join(tid, NULL);
	for (size_t i = 0; i < QUEUE; i++)
		item_clear(&q.v[i]);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	pthread_mutex_destroy(&q.mu);
	pthread_cond_destroy(&q.can_put);
	pthread_cond_destroy(&q.can_take);
	*err = q.err;
	return q.rc;
}

static int threaded(void)
{
	const char *env = getenv("SARING_THREADS");
	if (env && *env)
		return atoi(env) > 1;
	return sysconf(_SC_NPROCESSORS_ONLN) > 1;
}

/*
 * A signed bundle (saring export --bundle): its JSON Lines, checked against
 * the trusted keys, in *text; 1 when path is a bundle, 0 when it is not,
 * -1 when it is one that cannot be opened (said on stderr).
 */
static int open_bundle(const char *path, int insecure, struct strbuf *text, struct bundle_signer *signer)
{
	char head[sizeof BUNDLE_MAGIC];
	struct stat sb;
	if (stat(path, &sb) != 0 || !S_ISREG(sb.st_mode))   /* a FIFO would block here; import_read() says what it is */
		return 0;
	FILE *f = fopen(path, "rb");
	size_t got = f ? fread(head, 1, sizeof head - 1, f) : 0;
	if (f)
		fclose(f);
	if (!bundle_is(head, got))
		return 0;
	struct strbuf raw = STRBUF_INIT;
	char *err = NULL;
	int rc = read_file(path, &raw) == 0 ? bundle_open(path, raw.buf, raw.len, insecure, text, signer, &err) : -1;
	if (rc < 0)
		warnx_("%s", err ? err : strerror(errno));
	free(err);
	sb_release(&raw);
	return rc < 0 ? -1 : 1;
}

/* Import one file (or a bundle's text and signer, when text is not NULL) in one transaction; returns an exit status. */
static int import_one(struct store **st, const char *db, const char *path, const struct strbuf *text,
		const struct bundle_signer *signer, const struct import_opts *o, int replace, int strict,
		struct ingest_counts *total)
{
	struct run r = { st, db, 0, path, replace, strict, 0, 0, 0, { 0 } };
	struct stat sb;
	r.progress = isatty(2) && stat(path, &sb) == 0 && sb.st_size > (1 << 20);
	char *err = NULL;
	int rc = 0;
	if (text)
		import_read_mem(path, text->buf ? text->buf : "", text->len, FMT_JSONL,
				o->source ? o->source : "bundle", on_doc, on_bad, &r);
	else
		rc = threaded() ? read_threaded(&r, path, o, &err) : import_read(path, o, on_doc, on_bad, &r, &err);
	if (r.progress)
		fputs("\r\033[K", stderr);
	total->skipped += r.c.skipped;
	long docs = r.c.added + r.c.updated + r.c.unchanged;
	if (rc < 0 || r.failed || interrupted || !docs) {
		if (r.in_tx)
			store_rollback(*st);
		if (err)
			warnx_(_("%s"), err);
		free(err);
		if (interrupted)
			warnx_(_("%s: interrupted; nothing from this file was imported"), path);
		else if (r.db_error)
			warnx_(_("%s: database error; nothing from this file was imported"), path);
		else if (rc >= 0 && r.failed)
			warnx_(_("%s: bad record with --strict; nothing from this file was imported"), path);
		else if (rc >= 0 && r.c.skipped)
			warnx_(_("%s: nothing imported: every record in it was skipped"), path);
		else if (rc >= 0)
			warnx_(_("%s: nothing imported: no record in it"), path);
		return r.db_error ? EXIT_SYSTEM : EXIT_USAGE;
	}
	free(err);
	err = NULL;
	if (signer && bundle_accept(*st, path, signer, &err) < 0) {
		warnx_("%s", err);
		free(err);
		store_rollback(*st);
		return EXIT_USAGE;
	}
	if (store_commit(*st) < 0) {
		warnx_(_("%s: cannot commit: %s"), path, store_errmsg(*st));
		store_rollback(*st);
		return EXIT_SYSTEM;
	}
	total->added += r.c.added;
	total->updated += r.c.updated;
	total->unchanged += r.c.unchanged;
	return EXIT_CLEAN;
}

void ingest_catch_signals(void)
{
	struct sigaction sa = { 0 };
	sa.sa_handler = on_signal;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
}

int ingest_interrupted(void)
{
	return interrupted;
}

int ingest_file(struct ingest *g, const char *path)
{
	struct strbuf text = STRBUF_INIT;
	struct bundle_signer signer = { .nsources = 0 };
	int bundle = open_bundle(path, g->insecure, &text, &signer);
	int s = bundle < 0 ? EXIT_USAGE
		: import_one(&g->st, g->db, path, bundle ? &text : NULL, bundle ? &signer : NULL, g->o,
			     g->replace && (!bundle || signer.trusted),
			     g->strict, &g->total);
	sb_release(&text);
	bundle_signer_release(&signer);
	return s;
}

void ingest_close(struct ingest *g)
{
	store_close(g->st);
	g->st = NULL;
}
