/*
 * chat.c: the exported chat reader, the same for every format.
 *
 * Bytes come from a plain file, stdin, or the chat .txt inside a .zip
 * (libarchive). They are cut into lines (BOM dropped, CR stripped, NUL made
 * a space, invalid UTF-8 replaced by U+FFFD); each line is a message header
 * or a continuation of the message before it. Finished messages wait in a
 * bounded queue until the day/month order of their date shape is known,
 * then are classified (text, system, media, deleted) and handed out with an
 * ISO 8601 time.
 *
 * What a header line is, and a message's kind, are the chat format's
 * (chat_format.h: the first format of the table that takes a line as a
 * header reads the chat); the date order is chat_date.c's, zip reading
 * chat_zip.c's.
 */
#include "chat.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>

#include "chat_bytes.h"
#include "chat_date.h"
#include "chat_format.h"
#include "chat_zip.h"
#include "i18n.h"
#include "text.h"
#include "util.h"

#define CHUNK_SIZE 65536
#define MAX_PENDING 2000             /* queued messages before the order is forced */
#define MAX_PENDING_BYTES (16u << 20) /* queued text before the order is forced */
#define MAX_TEXT (64u << 20)          /* longest line or message kept */
#define KEEP_CAP (1u << 20)           /* buffers above this are freed on reuse */

/* A message being assembled or waiting in the queue. */
struct pending {
	long line;             /* header line */
	int shape;
	int f[3];
	unsigned dmask;
	int hour, min, sec;
	int has_sender;
	int lrm;               /* the header's mark for classify (WhatsApp: a direction mark, iOS system/media) */
	int bad_utf8;
	int truncated;         /* text hit MAX_TEXT; warned */
	struct strbuf sender;  /* owned */
	struct strbuf text;    /* owned */
};

struct chat_reader {
	char *name;                  /* owned; path for messages, "<stdin>" */
	FILE *fp;                    /* plain-text or stdin-zip input; NULL otherwise */
	int own_fp;                  /* fp is ours to fclose */
	struct chat_zip *zip;        /* owned; zip input, else NULL */
	unsigned char peek[4];       /* bytes read to sniff the format, replayed */
	size_t npeek, peek_off;
	char *chunk;                 /* owned; CHUNK_SIZE bytes of input */
	size_t chunk_len, chunk_off;
	struct strbuf part;          /* a line spanning chunks */
	int part_out;                /* part was handed out: reset before reuse */
	int part_cut;                /* the current long line was cut at MAX_TEXT */
	struct strbuf fixed;         /* a line with bad UTF-8 replaced */
	long lineno;
	int after_cr;                /* the chunk ended in a CR: drop CRs and one LF starting the next */
	int eof;                     /* no more input bytes */
	int done;                    /* all lines read, last message queued */
	int ioerr;
	char *error;                 /* owned; set on read error */
	uint64_t limit;              /* bytes of text to read at most (inflated, for a zip); 0: no limit */
	uint64_t total;              /* bytes of text read so far */
	enum date_order force;
	const struct chat_format *format;   /* the chat's format, once a header line is seen; else NULL */
	struct date_shape *shape;    /* owned; format->nshapes of them */
	struct pending *cur;         /* message still taking continuation lines */
	struct pending **queue;      /* owned; finished messages, oldest at qhead */
	size_t qhead, qlen, qcap;
	size_t qbytes;
	struct pending **spare;      /* owned; recycled records */
	size_t nspare, spare_cap;
	struct pending *out;         /* record behind the last chat_msg */
	int seen_header;
	long skipped;                /* non-blank lines before the first header */
	long first_skipped;
	char *group;                 /* owned; the format's memory across messages (classify's state) */
	char time[32];               /* ISO time of the last chat_msg */
};

/* ---- dates (chat_date.c) ---- */

static void note_date(struct chat_reader *r, const struct chat_header *h)
{
	date_note(&r->shape[h->shape], r->force, h->ypos, h->f, h->dmask, h->ampm);
}

static void decide_all(struct chat_reader *r)
{
	for (int i = 0; r->format && i < r->format->nshapes; i++)
		date_decide(&r->shape[i]);
}

/*
 * Is line s (n bytes) a message's header in the chat's format? Until the
 * chat has one, each format of the table is tried, and the first to take
 * a line reads the chat.
 */
static int header_line(struct chat_reader *r, const char *s, size_t n, struct chat_header *h)
{
	if (r->format)
		return r->format->header(s, n, h);
	for (size_t k = 0; k < chat_nformats; k++) {
		if (chat_formats[k]->header(s, n, h)) {
			r->format = chat_formats[k];
			r->shape = xcalloc((size_t)r->format->nshapes, sizeof *r->shape);
			return 1;
		}
	}
	return 0;
}

/* ---- the message queue ---- */

static struct pending *pending_get(struct chat_reader *r)
{
	if (r->nspare > 0)
		return r->spare[--r->nspare];
	return xcalloc(1, sizeof(struct pending));
}

static void sb_recycle(struct strbuf *sb)
{
	if (sb->cap > KEEP_CAP)
		sb_release(sb);
	else
		sb_reset(sb);
}

static void pending_put(struct chat_reader *r, struct pending *p)
{
	if (!p)
		return;
	sb_recycle(&p->sender);
	sb_recycle(&p->text);
	xgrow((void **)&r->spare, &r->spare_cap, r->nspare + 1, sizeof *r->spare);
	r->spare[r->nspare++] = p;
}

static void pending_free(struct pending *p)
{
	if (!p)
		return;
	sb_release(&p->sender);
	sb_release(&p->text);
	free(p);
}

static void trim_newlines(struct strbuf *sb)
{
	while (sb->len > 0 && sb->buf[sb->len - 1] == '\n')
		sb->buf[--sb->len] = '\0';
}

/* Move the message being assembled to the queue. */
static void push_cur(struct chat_reader *r)
{
	struct pending *p = r->cur;
	if (!p)
		return;
	r->cur = NULL;
	trim_newlines(&p->text);
	if (r->qhead > 0 && r->qhead == r->qlen) {
		r->qhead = r->qlen = 0;
	} else if (r->qhead >= 1024) {
		memmove(r->queue, r->queue + r->qhead, (r->qlen - r->qhead) * sizeof *r->queue);
		r->qlen -= r->qhead;
		r->qhead = 0;
	}
	xgrow((void **)&r->queue, &r->qcap, r->qlen + 1, sizeof *r->queue);
	r->queue[r->qlen++] = p;
	r->qbytes += p->text.len + p->sender.len;
	if (r->qlen - r->qhead >= MAX_PENDING || r->qbytes >= MAX_PENDING_BYTES)
		decide_all(r);
}

/* Append n bytes to a message's text, keeping at most MAX_TEXT bytes. */
static void add_text(struct chat_reader *r, struct pending *p, const char *s, size_t n)
{
	if (p->text.len + n > MAX_TEXT) {
		n = p->text.len < MAX_TEXT ? MAX_TEXT - p->text.len : 0;
		if (!p->truncated)
			warnx_(_("%s:%ld: message longer than %u MiB, truncated"),
			       r->name, p->line, MAX_TEXT >> 20);
		p->truncated = 1;
	}
	sb_add(&p->text, s, n);
}

/* ---- input ---- */

/* Replace the reader's error message with a new one (printf-style). */
static void set_error(struct chat_reader *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void set_error(struct chat_reader *r, const char *fmt, ...)
{
	struct strbuf sb = STRBUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	sb_vprintf(&sb, fmt, ap);
	va_end(ap);
	free(r->error);
	r->error = sb_detach(&sb);
}

/* Up to CHUNK_SIZE input bytes into r->chunk: the count, 0 at the end, -1 on a read error. */
static long src_read_all(struct chat_reader *r)
{
	if (r->zip) {
		long n = chat_zip_read(r->zip, r->chunk, CHUNK_SIZE);
		if (n < 0)
			set_error(r, "%s: %s", r->name, chat_zip_why(r->zip));
		return n;
	}
	size_t n = read_replayed(r->fp, r->peek, r->npeek, &r->peek_off, r->chunk, CHUNK_SIZE);
	if (n == 0 && ferror(r->fp)) {
		set_error(r, _("%s: read error: %s"), r->name, strerror(errno));
		return -1;
	}
	return (long)n;
}

/* Fill r->chunk with the next input bytes; 0 at the end, -1 on a read error or past the limit. */
static long src_read(struct chat_reader *r)
{
	long n = src_read_all(r);
	if (n > 0 && r->limit && (r->total += (uint64_t)n) > r->limit) {
		set_error(r, _("%s: more than %llu MB of text"), r->name, (unsigned long long)(r->limit >> 20));
		return -1;
	}
	return n;
}

/* Append a piece of an overlong line, cutting it at MAX_TEXT on a character boundary. */
static void part_add(struct chat_reader *r, const char *s, size_t n)
{
	if (r->part_cut)
		return;
	if (r->part.len + n > MAX_TEXT) {
		n = MAX_TEXT - r->part.len;
		sb_add(&r->part, s, n);
		while (r->part.len > 0 && ((unsigned char)r->part.buf[r->part.len - 1] & 0xC0) == 0x80)
			r->part.len--;
		if (r->part.len > 0 && (unsigned char)r->part.buf[r->part.len - 1] >= 0xC0)
			r->part.len--;
		r->part.buf[r->part.len] = '\0';
		r->part_cut = 1;
		warnx_(_("%s:%ld: line longer than %u MiB, truncated"), r->name,
		       r->lineno + 1, MAX_TEXT >> 20);
		return;
	}
	sb_add(&r->part, s, n);
}

/*
 * The next raw line (no '\n'), mutable and valid until the next call;
 * returns 0 at the end of input. A last line without '\n' counts.
 */
static int next_line(struct chat_reader *r, char **line, size_t *len)
{
	if (r->part_out) {
		sb_recycle(&r->part);
		r->part_out = 0;
		r->part_cut = 0;
	}
	for (;;) {
		if (r->after_cr && r->chunk_off < r->chunk_len) {
			/* the rest of a line end cut by the chunk's end */
			while (r->chunk_off < r->chunk_len && r->chunk[r->chunk_off] == '\r')
				r->chunk_off++;
			if (r->chunk_off < r->chunk_len) {
				if (r->chunk[r->chunk_off] == '\n')
					r->chunk_off++;
				r->after_cr = 0;
			}
		}
		if (r->chunk_off < r->chunk_len) {
			char *p = r->chunk + r->chunk_off;
			size_t avail = r->chunk_len - r->chunk_off;
			char *nl = memchr(p, '\n', avail);
			char *end = memchr(p, '\r', nl ? (size_t)(nl - p) : avail);
			if (!end)
				end = nl;
			if (end) {
				size_t n = (size_t)(end - p), skip = 1;
				if (*end == '\r') {
					/* CRLF, CR CR LF (a CRLF file converted once more) or a lone CR: one line end */
					while (n + skip < avail && p[n + skip] == '\r')
						skip++;
					if (n + skip < avail && p[n + skip] == '\n')
						skip++;
					else if (n + skip == avail)
						r->after_cr = 1;
				}
				r->chunk_off += n + skip;
				r->lineno++;
				if (r->part.len == 0 && !r->part_cut) {
					*line = p;
					*len = n;
					return 1;
				}
				part_add(r, p, n);
				*line = r->part.buf;
				*len = r->part.len;
				r->part_out = 1;
				return 1;
			}
			part_add(r, p, avail);
			r->chunk_off = r->chunk_len;
		}
		if (r->eof) {
			if (r->part.len == 0 && !r->part_cut)
				return 0;
			r->lineno++;
			sb_add(&r->part, "", 0);
			*line = r->part.buf;
			*len = r->part.len;
			r->part_out = 1;
			return 1;
		}
		long n = src_read(r);
		r->chunk_off = 0;
		r->chunk_len = n > 0 ? (size_t)n : 0;
		if (n <= 0) {
			r->eof = 1;
			if (n < 0)
				r->ioerr = 1;
		}
	}
}

/*
 * Make a raw line usable: drop the CRs before the line end and a leading BOM,
 * turn NUL into a space, replace invalid UTF-8 by U+FFFD (warning once per
 * line). Returns the line, in place or in r->fixed; *bad set on replacement.
 */
static char *clean_line(struct chat_reader *r, char *s, size_t *lenp, int *bad)
{
	size_t n = *lenp, i = 0;
	*bad = 0;
	while (n > 0 && s[n - 1] == '\r')
		n--;
	if (n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0) {
		s += 3;
		n -= 3;
	}
	i = utf8_valid_len(s, n);
	for (size_t j = 0; j < i; j++)
		if (s[j] == '\0')
			s[j] = ' ';
	if (i == n) {
		*lenp = n;
		return s;
	}
	*bad = 1;
	warnx_(_("%s:%ld: invalid UTF-8 (byte 0x%02X), replaced"), r->name, r->lineno,
	       (unsigned char)s[i]);
	sb_reset(&r->fixed);
	sb_add(&r->fixed, s, i);
	utf8_sanitize(s + i, n - i, &r->fixed);
	*lenp = r->fixed.len;
	return r->fixed.buf;
}

static int is_blank(const char *s, size_t n)
{
	const char *e = s + n, *t;
	while (s < e) {
		t = skip_marks(skip_spaces(s, e), e);
		if (t < e && *t == '\t')
			t++;
		if (t == s)
			break;
		s = t;
	}
	return s == e;
}

static void report_skipped(struct chat_reader *r)
{
	if (r->skipped == 0)
		return;
	unsigned long n = (unsigned long)r->skipped;
	if (r->seen_header)
		warnx_(ngettext("%s:%ld: %ld line before the first message header skipped",
				"%s:%ld: %ld lines before the first message header skipped", n),
		       r->name, r->first_skipped, r->skipped);
	else
		warnx_(ngettext("%s:%ld: no message header found, %ld line skipped",
				"%s:%ld: no message header found, %ld lines skipped", n),
		       r->name, r->first_skipped, r->skipped);
}

/* Start a new message from a header line. */
static void start_message(struct chat_reader *r, const struct chat_header *h, int bad)
{
	struct pending *p = pending_get(r);

	p->line = r->lineno;
	p->shape = h->shape;
	memcpy(p->f, h->f, sizeof p->f);
	p->dmask = h->dmask;
	p->hour = h->hour;
	p->min = h->min;
	p->sec = h->sec;
	p->bad_utf8 = bad;
	p->truncated = 0;
	p->has_sender = h->sender != NULL;
	if (p->has_sender)
		sb_add(&p->sender, h->sender, h->sender_len);
	p->lrm = h->mark;
	add_text(r, p, h->text, h->text_len);
	r->cur = p;
}

/*
 * Read lines until a message is finished and queued, or the input ends
 * (then the last message is queued and r->done set).
 */
static void read_more(struct chat_reader *r)
{
	char *raw;
	size_t n;
	int bad;
	struct chat_header h;

	while (next_line(r, &raw, &n)) {
		char *s = clean_line(r, raw, &n, &bad);
		if (header_line(r, s, n, &h)) {
			if (!r->seen_header) {
				r->seen_header = 1;
				report_skipped(r);
			}
			note_date(r, &h);
			int pushed = r->cur != NULL;
			push_cur(r);
			start_message(r, &h, bad);
			if (pushed)
				return;
			continue;
		}
		if (!r->cur) {
			if (!is_blank(s, n)) {
				if (r->skipped++ == 0)
					r->first_skipped = r->lineno;
			}
			continue;
		}
		if (bad)
			r->cur->bad_utf8 = 1;
		if (r->cur->text.len > 0)
			add_text(r, r->cur, "\n", 1);
		add_text(r, r->cur, s, n);
	}
	if (!r->seen_header)
		report_skipped(r);
	push_cur(r);
	r->done = 1;
	decide_all(r);
}

/* Turn a queued record into the caller's chat_msg. */
static void finish(struct chat_reader *r, struct pending *p, struct chat_msg *m)
{
	date_iso(&r->shape[p->shape], p->f, p->dmask, p->hour, p->min, p->sec, r->time, sizeof r->time);
	if (!p->text.buf)
		sb_add(&p->text, "", 0);
	if (!p->sender.buf)
		sb_add(&p->sender, "", 0);
	m->edited = r->format->strip_edited(&p->text);
	m->kind = r->format->classify(p->text.buf, p->text.len, p->sender.buf, p->has_sender, p->lrm, &r->group);
	m->line = p->line;
	m->time = r->time;
	m->sender = p->sender.buf;
	m->text = p->text.buf;
	m->text_len = p->text.len;
	m->bad_utf8 = p->bad_utf8;
}

/* ---- opening ---- */

struct chat_reader *chat_open(const char *path, enum date_order order, char **err)
{
	struct chat_reader *r = xcalloc(1, sizeof *r);
	int use_stdin = !path || strcmp(path, "-") == 0;
	struct stat st;

	*err = NULL;
	r->name = xstrdup(use_stdin ? "<stdin>" : path);
	r->force = order;
	if (use_stdin) {
		r->fp = stdin;
	} else {
		if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
			errno = EISDIR;
			goto fail_errno;
		}
		r->fp = fopen(path, "rb");
		if (!r->fp)
			goto fail_errno;
		r->own_fp = 1;
	}
	r->npeek = fread(r->peek, 1, sizeof r->peek, r->fp);
	if (r->npeek < sizeof r->peek && ferror(r->fp))
		goto fail_errno;
	r->chunk = xmalloc(CHUNK_SIZE + 1);
	if (r->npeek >= 2 && ((r->peek[0] == 0xFF && r->peek[1] == 0xFE) ||
			      (r->peek[0] == 0xFE && r->peek[1] == 0xFF))) {
		struct strbuf sb = STRBUF_INIT;
		sb_printf(&sb, _("%s: UTF-16 text, not a WhatsApp export; convert it to UTF-8"), r->name);
		*err = sb_detach(&sb);
		chat_close(r);
		return NULL;
	}
	if (r->npeek == 4 && memcmp(r->peek, "PK", 2) == 0 &&
	    ((r->peek[2] == 3 && r->peek[3] == 4) || (r->peek[2] == 5 && r->peek[3] == 6))) {
		if (!use_stdin) {
			fclose(r->fp);
			r->fp = NULL;
			r->own_fp = 0;
		}
		r->zip = chat_zip_open(r->name, use_stdin ? NULL : path, r->fp, r->peek, r->npeek, err);
		if (!r->zip) {
			chat_close(r);
			return NULL;
		}
	}
	return r;

fail_errno:;
	struct strbuf sb = STRBUF_INIT;
	sb_printf(&sb, _("cannot open %s: %s"), r->name, strerror(errno));
	*err = sb_detach(&sb);
	chat_close(r);
	return NULL;
}

int chat_next(struct chat_reader *r, struct chat_msg *m)
{
	pending_put(r, r->out);
	r->out = NULL;
	for (;;) {
		if (r->qhead < r->qlen) {
			struct pending *p = r->queue[r->qhead];
			if (r->shape[p->shape].decided) {
				r->qhead++;
				r->qbytes -= p->text.len + p->sender.len;
				finish(r, p, m);
				r->out = p;
				return 1;
			}
		}
		if (r->done) {
			if (r->qhead < r->qlen) {
				decide_all(r);
				continue;
			}
			return r->ioerr ? -1 : 0;
		}
		read_more(r);
	}
}

void chat_limit(struct chat_reader *r, uint64_t bytes)
{
	r->limit = bytes;
}

const char *chat_error(const struct chat_reader *r)
{
	return r && r->error ? r->error : "";
}

long chat_skipped_lines(const struct chat_reader *r)
{
	return r->skipped;
}

void chat_close(struct chat_reader *r)
{
	if (!r)
		return;
	chat_zip_close(r->zip);
	if (r->fp && r->own_fp)
		fclose(r->fp);
	pending_free(r->cur);
	pending_free(r->out);
	for (size_t i = r->qhead; i < r->qlen; i++)
		pending_free(r->queue[i]);
	for (size_t i = 0; i < r->nspare; i++)
		pending_free(r->spare[i]);
	free(r->queue);
	free(r->spare);
	sb_release(&r->part);
	sb_release(&r->fixed);
	free(r->chunk);
	free(r->error);
	free(r->group);
	free(r->shape);
	free(r->name);
	free(r);
}

const char *chat_kind_name(enum chat_kind kind)
{
	switch (kind) {
	case CHAT_TEXT: return "text";
	case CHAT_SYSTEM: return "system";
	case CHAT_MEDIA: return "media";
	case CHAT_DELETED: return "deleted";
	}
	return "text";
}

int chat_parse_date_order(const char *s, enum date_order *order)
{
	static const struct { const char *name; enum date_order order; } names[] = {
		{ "auto", DATE_AUTO }, { "dmy", DATE_DMY }, { "mdy", DATE_MDY }, { "ymd", DATE_YMD },
	};
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
		if (eq_i(s, strlen(s), names[i].name)) {
			*order = names[i].order;
			return 0;
		}
	}
	return -1;
}
