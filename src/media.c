/*
 * media.c: attachments of an exported chat, found and read. The export is
 * read once, in its own order (a zip is a stream); each image not seen
 * before (by a hash of its bytes: a forward saved twice is read once) is
 * queued for a pool of threads, one Tesseract engine each. The queue is
 * short, so at most a few images are held in memory at a time.
 */
#include "media.h"

#include <archive.h>
#include <archive_entry.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "chat_format.h"
#include "hmap.h"
#include "i18n.h"
#include "image.h"
#include "ocr.h"
#include "util.h"

static int has_image_ext(const char *s, size_t n)
{
	static const char *const exts[] = { ".jpg", ".jpeg", ".png", ".webp", ".gif" };
	for (size_t i = 0; i < sizeof exts / sizeof *exts; i++) {
		size_t k = strlen(exts[i]);
		if (n > k && !strncasecmp(s + n - k, exts[i], k))
			return 1;
	}
	return 0;
}

/* An image's name, not a path: nothing outside the export is opened. */
static int image_file(const char *s, size_t n)
{
	return has_image_ext(s, n) && !memchr(s, '/', n) && !memchr(s, '\\', n) && *s != '.';
}

int media_image_name(const char *text, size_t len, struct strbuf *name)
{
	return chat_attachment(text, len, image_file, name);
}

int media_folder_chat(const char *dir, char **chat, char **err)
{
	DIR *d = opendir(dir);
	struct strbuf sb = STRBUF_INIT;
	if (!d) {
		sb_printf(&sb, _("cannot open %s: %s"), dir, strerror(errno));
		*err = sb_detach(&sb);
		return -1;
	}
	char *best = NULL;
	int best_rank = 0;
	struct dirent *e;
	while ((e = readdir(d))) {
		int rank = chat_file_rank(e->d_name);
		if (rank > best_rank || (rank && rank == best_rank && strcmp(e->d_name, best) < 0)) {
			free(best);
			best = xstrdup(e->d_name);
			best_rank = rank;
		}
	}
	closedir(d);
	if (!best) {
		sb_printf(&sb, _("%s: no chat .txt file in the folder"), dir);
		*err = sb_detach(&sb);
		return -1;
	}
	sb_printf(&sb, "%s/%s", dir, best);
	free(best);
	*chat = sb_detach(&sb);
	return 0;
}

void media_add(struct media_set *s, const char *name, const char *sender, const char *time, long line)
{
	xgrow((void **)&s->v, &s->cap, s->n + 1, sizeof *s->v);
	struct media *m = &s->v[s->n++];
	memset(m, 0, sizeof *m);
	m->name = xstrdup(name);
	m->sender = xstrdup(sender);
	snprintf(m->time, sizeof m->time, "%s", time ? time : "");
	m->line = line;
	m->status = MEDIA_MISSING;
}

void media_free(struct media_set *s)
{
	for (size_t i = 0; i < s->n; i++) {
		free(s->v[i].name);
		free(s->v[i].sender);
		free(s->v[i].text);
		free(s->v[i].err);
	}
	free(s->v);
	memset(s, 0, sizeof *s);
}

/* ---- the pool ---- */

#define QUEUE 4   /* images waiting for a thread */

struct job {
	struct media *m;   /* where the result goes */
	char *bytes;       /* owned */
	size_t n;
};

struct pool {
	pthread_mutex_t lock;
	pthread_cond_t more, room;   /* a job was queued / taken or finished */
	struct job queue[QUEUE];
	size_t head, len;
	int closing;
	size_t queued, finished;   /* jobs queued, and read by a thread */
};

static void *worker(void *arg)
{
	struct pool *p = arg;
	struct ocr *engine = NULL;
	char *engine_err = NULL;   /* the engine could not be made: every job fails with this */
	for (;;) {
		pthread_mutex_lock(&p->lock);
		while (!p->len && !p->closing)
			pthread_cond_wait(&p->more, &p->lock);
		if (!p->len) {
			pthread_mutex_unlock(&p->lock);
			break;
		}
		struct job j = p->queue[p->head];
		p->head = (p->head + 1) % QUEUE;
		p->len--;
		pthread_cond_broadcast(&p->room);
		pthread_mutex_unlock(&p->lock);

		if (!engine && !engine_err)
			engine = ocr_new(&engine_err);
		struct ocr_text t;
		char *err = NULL;
		if (!engine) {
			j.m->status = MEDIA_FAILED;
			j.m->err = xstrdup(engine_err);
		} else if (ocr_read(engine, j.bytes, j.n, &t, &err) < 0) {
			j.m->status = MEDIA_FAILED;
			j.m->err = err;
		} else {
			j.m->status = MEDIA_READ;
			j.m->text = t.text;
			j.m->confidence = t.confidence;
			t.text = NULL;
			ocr_text_clear(&t);
		}
		free(j.bytes);
		pthread_mutex_lock(&p->lock);
		p->finished++;
		pthread_cond_broadcast(&p->room);
		pthread_mutex_unlock(&p->lock);
	}
	ocr_free(engine);
	free(engine_err);
	return NULL;
}

struct reading {
	struct media_set *s;
	struct pool pool;
	struct hmap names;   /* file name -> index of its first attachment + 1; 0 once found */
	struct hmap hashes;  /* bytes hash -> index of the attachment read + 1 */
	size_t unique;       /* distinct names */
	size_t settled;      /* attachments settled without a thread: failed, copies */
	void (*progress)(void *, size_t, size_t);
	void *ctx;
};

/* Call progress with the attachments done so far (with the pool's lock held: it is let go meanwhile). */
static void progress_locked(struct reading *r)
{
	size_t done = r->pool.finished + r->settled;
	pthread_mutex_unlock(&r->pool.lock);
	r->progress(r->ctx, done, r->unique);
	pthread_mutex_lock(&r->pool.lock);
}

/* Wait until the queue has room (room = 1) or every job queued is read (room = 0), saying how far it got. */
static void wait_for(struct reading *r, int room)
{
	pthread_mutex_lock(&r->pool.lock);
	while (room ? r->pool.len == QUEUE : r->pool.finished < r->pool.queued) {
		size_t before = r->pool.finished;
		pthread_cond_wait(&r->pool.room, &r->pool.lock);
		if (r->progress && r->pool.finished != before)
			progress_locked(r);
	}
	pthread_mutex_unlock(&r->pool.lock);
}

/* One more attachment settled on this thread (no engine needed). */
static void settled(struct reading *r)
{
	r->settled++;
	if (r->progress) {
		pthread_mutex_lock(&r->pool.lock);
		progress_locked(r);
		pthread_mutex_unlock(&r->pool.lock);
	}
}

/* Is name attached and not found yet? Its first attachment's index, or SIZE_MAX. */
static size_t wanted(struct reading *r, const char *name)
{
	struct hmap_entry *e = hmap_get(&r->names, name, strlen(name));
	if (!e || !e->val.num)
		return SIZE_MAX;
	size_t first = (size_t)e->val.num - 1;
	e->val.num = 0;   /* a second file of the same name is ignored */
	return first;
}

/* Attachment i's bytes were found (taken here), or it failed with why. */
static void found(struct reading *r, size_t i, char *bytes, size_t n, const char *why)
{
	struct media *m = &r->s->v[i];
	if (why) {
		free(bytes);
		m->status = MEDIA_FAILED;
		m->err = xstrdup(why);
		settled(r);
		return;
	}
	m->hash = hash64(bytes, n);
	int isnew;
	struct hmap_entry *h = hmap_put(&r->hashes, (const char *)&m->hash, sizeof m->hash, &isnew);
	if (!isnew) {   /* a forward saved under another name */
		free(bytes);
		m->status = MEDIA_COPY;
		m->origin = (size_t)h->val.num - 1;
		settled(r);
		return;
	}
	h->val.num = (int64_t)i + 1;
	wait_for(r, 1);
	pthread_mutex_lock(&r->pool.lock);
	r->pool.queue[(r->pool.head + r->pool.len) % QUEUE] = (struct job){ m, bytes, n };
	r->pool.len++;
	r->pool.queued++;
	pthread_cond_signal(&r->pool.more);
	pthread_mutex_unlock(&r->pool.lock);
}

static const char *too_big(void)
{
	return _("image file too big (over 40 MB)");
}

/* Every wanted entry of a zip, read in the zip's order. */
static int read_zip(struct reading *r, const char *path, char **err)
{
	struct archive *a = archive_read_new();
	archive_read_support_format_zip(a);
	if (archive_read_open_filename(a, path, 1 << 16) != ARCHIVE_OK) {
		struct strbuf sb = STRBUF_INIT;
		sb_printf(&sb, "%s: %s", path, archive_error_string(a) ? archive_error_string(a) : "cannot open zip");
		*err = sb_detach(&sb);
		archive_read_free(a);
		return -1;
	}
	struct archive_entry *e;
	int rc;
	char chunk[1 << 16];
	while ((rc = archive_read_next_header(a, &e)) == ARCHIVE_OK || rc == ARCHIVE_WARN) {
		if (archive_entry_filetype(e) != AE_IFREG)
			continue;
		const char *path_in = archive_entry_pathname_utf8(e);
		if (!path_in)
			path_in = archive_entry_pathname(e);
		if (!path_in)
			continue;
		const char *base = strrchr(path_in, '/');
		size_t i = wanted(r, base ? base + 1 : path_in);
		if (i == SIZE_MAX)
			continue;
		struct strbuf sb = STRBUF_INIT;
		la_ssize_t got;
		const char *why = NULL;
		while ((got = archive_read_data(a, chunk, sizeof chunk)) > 0) {
			if (sb.len + (size_t)got > IMAGE_BYTES_MAX) {
				why = too_big();
				break;
			}
			sb_add(&sb, chunk, (size_t)got);
		}
		if (got < 0)
			why = _("damaged zip entry");
		size_t n = sb.len;
		found(r, i, why ? NULL : sb_detach(&sb), n, why);
		sb_release(&sb);
	}
	archive_read_free(a);
	return 0;
}

/* Each attachment from the folder the chat is in. */
static void read_folder(struct reading *r, const char *dir)
{
	for (size_t i = 0; i < r->s->n; i++) {
		const char *name = r->s->v[i].name;
		struct hmap_entry *e = hmap_get(&r->names, name, strlen(name));
		if (!e || (size_t)e->val.num != i + 1)
			continue;   /* a later attachment of the same name */
		struct strbuf path = STRBUF_INIT, bytes = STRBUF_INIT;
		sb_printf(&path, "%s/%s", dir, name);
		struct stat st;
		if (stat(path.buf, &st) == 0 && S_ISREG(st.st_mode)) {
			wanted(r, name);
			if ((unsigned long long)st.st_size > IMAGE_BYTES_MAX)
				found(r, i, NULL, 0, too_big());
			else if (read_file(path.buf, &bytes) < 0)
				found(r, i, NULL, 0, strerror(errno));
			else
				found(r, i, sb_detach(&bytes), (size_t)st.st_size, NULL);
		}
		sb_release(&path);
		sb_release(&bytes);
	}
}

static int is_zip(const char *path)
{
	unsigned char magic[4];
	FILE *f = fopen(path, "rb");
	if (!f)
		return 0;
	size_t n = fread(magic, 1, sizeof magic, f);
	fclose(f);
	return n == 4 && !memcmp(magic, "PK\3\4", 4);
}

int media_read_all(struct media_set *s, const char *path, int threads,
		   void (*progress)(void *ctx, size_t done, size_t total), void *ctx, char **err)
{
	*err = NULL;
	if (!s->n || !strcmp(path, "-"))
		goto count;
	if (ocr_lib_error()) {
		*err = xstrdup(ocr_lib_error());
		return -1;
	}
	struct reading r = { .s = s, .progress = progress, .ctx = ctx };
	for (size_t i = 0; i < s->n; i++) {
		int isnew;
		struct hmap_entry *e = hmap_put(&r.names, s->v[i].name, strlen(s->v[i].name), &isnew);
		s->v[i].origin = i;
		if (isnew) {
			e->val.num = (int64_t)i + 1;
			r.unique++;
		} else {
			s->v[i].origin = (size_t)e->val.num - 1;   /* the same file named twice */
		}
	}
	pthread_mutex_init(&r.pool.lock, NULL);
	pthread_cond_init(&r.pool.more, NULL);
	pthread_cond_init(&r.pool.room, NULL);
	if (threads < 1)
		threads = 1;
	if ((size_t)threads > r.unique)
		threads = (int)r.unique;
	pthread_t *tids = xcalloc((size_t)threads, sizeof *tids);
	int started = 0;
	for (; started < threads; started++)
		if (pthread_create(&tids[started], NULL, worker, &r.pool) != 0)
			break;
	if (!started)
		die(EXIT_SYSTEM, _("cannot start a thread to read images"));
	int rc = 0;
	if (is_zip(path)) {
		rc = read_zip(&r, path, err);
	} else {
		char *dir = xstrdup(path), *slash = strrchr(dir, '/');
		if (slash)
			*slash = '\0';
		read_folder(&r, slash ? dir : ".");
		free(dir);
	}
	pthread_mutex_lock(&r.pool.lock);
	r.pool.closing = 1;
	pthread_cond_broadcast(&r.pool.more);
	pthread_mutex_unlock(&r.pool.lock);
	wait_for(&r, 0);
	for (int i = 0; i < started; i++)
		pthread_join(tids[i], NULL);
	free(tids);
	pthread_mutex_destroy(&r.pool.lock);
	pthread_cond_destroy(&r.pool.more);
	pthread_cond_destroy(&r.pool.room);
	hmap_free(&r.names);
	hmap_free(&r.hashes);
	/* copies take their origin's text (or its failure) */
	for (size_t i = 0; i < s->n; i++) {
		struct media *m = &s->v[i], *o = &s->v[m->origin];
		if (m->origin == i)
			continue;
		if (m->status == MEDIA_MISSING && o->status != MEDIA_MISSING)
			m->status = MEDIA_COPY;   /* named twice */
		if (m->status == MEDIA_COPY && o->text)
			m->text = xstrdup(o->text);
		m->confidence = o->confidence;
		if (m->status == MEDIA_COPY && o->status == MEDIA_FAILED) {
			m->status = MEDIA_FAILED;
			m->err = xstrdup(o->err);
		}
	}
	if (rc < 0)
		return rc;
count:
	for (size_t i = 0; i < s->n; i++) {
		switch (s->v[i].status) {
		case MEDIA_READ: s->read++; break;
		case MEDIA_COPY: s->copies++; break;
		case MEDIA_MISSING: s->missing++; break;
		case MEDIA_FAILED: s->failed++; break;
		}
	}
	return 0;
}
