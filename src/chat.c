/*
 * chat.c: the WhatsApp export reader.
 *
 * Bytes come from a plain file, stdin, or the chat .txt inside a .zip
 * (libarchive). They are cut into lines (BOM dropped, CR stripped, NUL made
 * a space, invalid UTF-8 replaced by U+FFFD); each line is a message header
 * or a continuation of the message before it. Finished messages wait in a
 * bounded queue until the day/month order of their date shape is known,
 * then are classified (text, system, media, deleted) and handed out with an
 * ISO 8601 time.
 *
 * Date order. A header's date is three numbers; which is the day, the month
 * and the year is decided per date shape (header style, separator, place of
 * a 4-digit year), which for a real export is the whole file:
 *   1. a 4-digit field is the year (2-digit years are 20YY);
 *   2. every order under which some date of the shape is impossible (a month
 *      above 12, 31 February) is ruled out; once one order is left it is
 *      used, so a day above 12 decides it;
 *   3. otherwise, after 2,000 queued messages, 16 MiB of queued text, or at
 *      the end of input, the order whose day field changes most often and
 *      whose year field changes least often between headers wins: a chat
 *      moves through days faster than through months and years;
 *   4. on a tie, day first (DMY, what Indonesian phones write), or month
 *      first (MDY) when the shape has an AM/PM clock (en_US phones), then
 *      YMD, then YDM.
 * A date impossible under the chosen order (a file mixing locales) is read
 * under the first order that makes it valid. An order given by the caller
 * replaces steps 2-4; a 4-digit year still marks the year, and a date
 * impossible under the given order gets time "".
 */
#include "chat.h"
#include "util.h"

#include <archive.h>
#include <archive_entry.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <utf8proc.h>

#define CHUNK_SIZE 65536
#define MAX_PENDING 2000             /* queued messages before the order is forced */
#define MAX_PENDING_BYTES (16u << 20) /* queued text before the order is forced */
#define MAX_TEXT (64u << 20)          /* longest line or message kept */
#define SENDER_MAX 256                /* longest "Name" before ": " */
#define KEEP_CAP (1u << 20)           /* buffers above this are freed on reuse */

/* Day/month/year orders; YDM exists because some tools write %y-%d-%m. */
enum order { ORD_DMY, ORD_MDY, ORD_YMD, ORD_YDM, ORD_N };
#define ORD_ALL 0xFu

/* Index of the day, month and year field under each order. */
static const unsigned char ord_field[ORD_N][3] = {
	[ORD_DMY] = { 0, 1, 2 },
	[ORD_MDY] = { 1, 0, 2 },
	[ORD_YMD] = { 2, 1, 0 },
	[ORD_YDM] = { 1, 2, 0 },
};

/* How the header ends: " - ", "] ", ": " after the time, or a bare space. */
enum style { STYLE_DASH, STYLE_BRACKET, STYLE_COLON, STYLE_BARE, STYLE_N };

/* A date shape: style x separator (/ . -) x 4-digit year (none, first, last). */
#define NFAMILY (STYLE_N * 3 * 3)

/* What one header line says, pointing into the line. */
struct header {
	enum style style;
	int family;            /* date shape, index into chat_reader.family */
	int f[3];              /* the three date numbers as written */
	unsigned dmask;        /* orders under which this date is valid */
	int hour, min, sec;    /* hour already on the 24-hour clock */
	int ampm;              /* the time had AM/PM */
	const char *rest;      /* after the header: "Name: text" or a system line */
	size_t rest_len;
};

/* Evidence about the date order of one date shape. */
struct family {
	long seen;             /* headers of this shape so far */
	unsigned mask;         /* orders consistent with every date seen */
	int decided;           /* order is fixed */
	int by_caller;         /* order came from the caller: no repair */
	enum order order;
	int ampm;              /* a 12-hour clock was seen */
	int last[3];           /* previous date of this shape */
	long changes[3];       /* how often each field changed between headers */
};

/* A message being assembled or waiting in the queue. */
struct pending {
	long line;             /* header line */
	int family;
	int f[3];
	unsigned dmask;
	int hour, min, sec;
	int has_sender;
	int lrm;               /* text began with a direction mark (iOS system/media) */
	int bad_utf8;
	int truncated;         /* text hit MAX_TEXT; warned */
	struct strbuf sender;  /* owned */
	struct strbuf text;    /* owned */
};

struct chat_reader {
	char *name;                  /* owned; path for messages, "<stdin>" */
	FILE *fp;                    /* plain-text or stdin-zip input; NULL otherwise */
	int own_fp;                  /* fp is ours to fclose */
	struct archive *ar;          /* zip input, positioned at the chat entry */
	unsigned char peek[4];       /* bytes read to sniff the format, replayed */
	size_t npeek, peek_off;
	char *chunk;                 /* owned; CHUNK_SIZE bytes of input */
	size_t chunk_len, chunk_off;
	char *zbuf;                  /* owned; libarchive read-callback buffer */
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
	struct family family[NFAMILY];
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
	char *group;                 /* owned; iOS group name seen on a system notice */
	char time[32];               /* ISO time of the last chat_msg */
};

/* ---- small byte helpers ---- */

static int is_digit(int c)
{
	return c >= '0' && c <= '9';
}

static int lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

/* ASCII case-insensitive comparison of n bytes. */
static int mem_ieq(const char *a, const char *b, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (lower((unsigned char)a[i]) != lower((unsigned char)b[i]))
			return 0;
	return 1;
}

static int eq_i(const char *s, size_t n, const char *lit)
{
	size_t k = strlen(lit);
	return n == k && mem_ieq(s, lit, k);
}

static int starts_i(const char *s, size_t n, const char *lit)
{
	size_t k = strlen(lit);
	return n >= k && mem_ieq(s, lit, k);
}

static int ends_i(const char *s, size_t n, const char *lit)
{
	size_t k = strlen(lit);
	return n >= k && mem_ieq(s + n - k, lit, k);
}

static int contains_i(const char *s, size_t n, const char *lit)
{
	size_t k = strlen(lit);
	for (size_t i = 0; i + k <= n; i++)
		if (mem_ieq(s + i, lit, k))
			return 1;
	return 0;
}

/*
 * Length of the invisible mark at p, or 0: the direction marks U+200E/F,
 * U+202A-E, U+2066-9 that exports put around names and before iOS lines,
 * and a BOM.
 */
static size_t mark_len(const char *p, const char *e)
{
	const unsigned char *u = (const unsigned char *)p;
	if (e - p < 3)
		return 0;
	if (u[0] == 0xE2 && u[1] == 0x80 &&
	    (u[2] == 0x8E || u[2] == 0x8F || (u[2] >= 0xAA && u[2] <= 0xAE)))
		return 3;
	if (u[0] == 0xE2 && u[1] == 0x81 && u[2] >= 0xA6 && u[2] <= 0xA9)
		return 3;
	if (u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF)
		return 3;
	return 0;
}

static const char *skip_marks(const char *p, const char *e)
{
	size_t k;
	while ((k = mark_len(p, e)) > 0)
		p += k;
	return p;
}

/* Length of the space at p: ASCII space, NBSP or narrow NBSP (U+202F). */
static size_t space_len(const char *p, const char *e)
{
	const unsigned char *u = (const unsigned char *)p;
	if (p >= e)
		return 0;
	if (u[0] == ' ')
		return 1;
	if (e - p >= 2 && u[0] == 0xC2 && u[1] == 0xA0)
		return 2;
	if (e - p >= 3 && u[0] == 0xE2 && u[1] == 0x80 && u[2] == 0xAF)
		return 3;
	return 0;
}

static const char *skip_spaces(const char *p, const char *e)
{
	size_t k;
	while ((k = space_len(p, e)) > 0)
		p += k;
	return p;
}

/* End of [a, b) without trailing spaces, newlines and direction marks. */
static const char *trim_end(const char *a, const char *b)
{
	for (;;) {
		if (b > a && (b[-1] == ' ' || b[-1] == '\n'))
			b--;
		else if (b - a >= 3 && mark_len(b - 3, b) == 3)
			b -= 3;
		else
			return b;
	}
}

/* Read 1..max digits at *pp; returns the digit count, 0 if none. */
static int read_num(const char **pp, const char *e, int max, int *val)
{
	const char *p = *pp;
	int n = 0, v = 0;
	while (p < e && is_digit((unsigned char)*p) && n < max) {
		v = v * 10 + (*p - '0');
		p++;
		n++;
	}
	if (n == 0 || (p < e && is_digit((unsigned char)*p)))
		return 0;
	*pp = p;
	*val = v;
	return n;
}

/* ---- dates ---- */

static int days_in_month(int y, int m)
{
	static const int mdays[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return mdays[m - 1];
}

/* A year field: written with four digits (YEAR4 added, see parse_header()) as it is, else 20YY. */
#define YEAR4 10000
static int year_of(int v)
{
	return v >= YEAR4 ? v - YEAR4 : v < 100 ? 2000 + v : v;
}

/* Day, month and year of date f under order o; 0 if that is no date. */
static int date_under(const int f[3], enum order o, int *y, int *m, int *d)
{
	*d = f[ord_field[o][0]];
	*m = f[ord_field[o][1]];
	*y = year_of(f[ord_field[o][2]]);
	return *m >= 1 && *m <= 12 && *d >= 1 && *d <= days_in_month(*y, *m);
}

/* Orders under which date f is valid; ypos: 0 no 4-digit year, 1 first, 2 last. */
static unsigned date_mask(const int f[3], int ypos)
{
	unsigned allowed = ypos == 1 ? (1u << ORD_YMD | 1u << ORD_YDM) :
			   ypos == 2 ? (1u << ORD_DMY | 1u << ORD_MDY) : ORD_ALL;
	unsigned mask = 0;
	int y, m, d;
	for (int o = 0; o < ORD_N; o++)
		if ((allowed & 1u << o) && date_under(f, o, &y, &m, &d))
			mask |= 1u << o;
	return mask;
}

/* Orders to try, best first, when the evidence does not decide. */
static const enum order *preference(int ampm)
{
	static const enum order dmy_first[ORD_N] = { ORD_DMY, ORD_MDY, ORD_YMD, ORD_YDM };
	static const enum order mdy_first[ORD_N] = { ORD_MDY, ORD_DMY, ORD_YMD, ORD_YDM };
	return ampm ? mdy_first : dmy_first;
}

/* Fix the order of a shape whose dates were not decisive (steps 3-4). */
static void decide_family(struct family *fam)
{
	const enum order *pref = preference(fam->ampm);
	long best_score = 0;
	int best = -1;
	for (int i = 0; i < ORD_N; i++) {
		enum order o = pref[i];
		if (!(fam->mask & 1u << o))
			continue;
		long score = fam->changes[ord_field[o][0]] - fam->changes[ord_field[o][2]];
		if (best < 0 || score > best_score) {
			best = o;
			best_score = score;
		}
	}
	fam->order = best < 0 ? pref[0] : (enum order)best;
	fam->decided = 1;
}

/* The caller's order for a shape whose 4-digit year sits at ypos. */
static void force_family(struct family *fam, enum date_order force, int ypos)
{
	if (ypos == 1) {
		fam->order = ORD_YMD;
	} else if (force == DATE_YMD) {
		if (ypos == 2)
			return;        /* year last: the caller's order cannot apply */
		fam->order = ORD_YMD;
	} else {
		fam->order = force == DATE_MDY ? ORD_MDY : ORD_DMY;
	}
	fam->decided = 1;
	fam->by_caller = 1;
}

/* Record one header's date as evidence for its shape. */
static void note_date(struct chat_reader *r, const struct header *h)
{
	struct family *fam = &r->family[h->family];
	if (fam->seen == 0) {
		fam->mask = ORD_ALL;
		if (r->force != DATE_AUTO)
			force_family(fam, r->force, h->family % 3);
	}
	if (h->ampm)
		fam->ampm = 1;
	if (fam->decided) {
		fam->seen++;
		return;
	}
	for (int k = 0; k < 3; k++) {
		if (fam->seen > 0 && h->f[k] != fam->last[k])
			fam->changes[k]++;
		fam->last[k] = h->f[k];
	}
	fam->seen++;
	unsigned m = fam->mask & h->dmask;
	if (m)
		fam->mask = m;
	if ((fam->mask & (fam->mask - 1)) == 0) {
		for (int o = 0; o < ORD_N; o++)
			if (fam->mask == 1u << o)
				fam->order = o;
		fam->decided = 1;
	}
}

static void decide_all(struct chat_reader *r)
{
	for (int i = 0; i < NFAMILY; i++)
		if (r->family[i].seen > 0 && !r->family[i].decided)
			decide_family(&r->family[i]);
}

/* Write the ISO 8601 time of p into r->time ("" if the date is impossible). */
static void format_time(struct chat_reader *r, const struct pending *p)
{
	const struct family *fam = &r->family[p->family];
	int y, m, d, ok = date_under(p->f, fam->order, &y, &m, &d);
	if (!ok && !fam->by_caller) {
		const enum order *pref = preference(fam->ampm);
		for (int i = 0; i < ORD_N && !ok; i++)
			if (p->dmask & 1u << pref[i])
				ok = date_under(p->f, pref[i], &y, &m, &d);
	}
	if (!ok) {
		r->time[0] = '\0';
		return;
	}
	snprintf(r->time, sizeof r->time, "%04d-%02d-%02dT%02d:%02d:%02d",
		 y, m, d, p->hour, p->min, p->sec);
}

/* ---- header lines ---- */

/* Match AM/PM at *pp: "AM", "pm", "a.m.", "p. m."; sets *pm. */
static int read_ampm(const char **pp, const char *e, int *pm)
{
	const char *p = *pp;
	if (p >= e || (lower((unsigned char)*p) != 'a' && lower((unsigned char)*p) != 'p'))
		return 0;
	*pm = lower((unsigned char)*p) == 'p';
	p++;
	if (p < e && *p == '.')
		p++;
	p += space_len(p, e);   /* "p. m.", with a space, NBSP or narrow NBSP */
	if (p >= e || lower((unsigned char)*p) != 'm')
		return 0;
	p++;
	if (p < e && *p == '.')
		p++;
	if (p < e && *p != ' ' && *p != ']' && *p != ':' && *p != '-' &&
	    !((unsigned char)*p & 0x80))
		return 0;
	*pp = p;
	return 1;
}

/*
 * Find "Name: " at the start of s: the first colon followed by a space or
 * the end of the line, within SENDER_MAX bytes. Returns 1 and the name's
 * length and the offset of the text after it.
 */
static int find_sender(const char *s, size_t n, size_t *name_len, size_t *text_off)
{
	size_t lim = n < SENDER_MAX ? n : SENDER_MAX;
	for (size_t i = 0; i < lim; i++) {
		if (s[i] != ':')
			continue;
		if (i + 1 < n && s[i + 1] != ' ')
			continue;
		if (i == 0)
			return 0;
		*name_len = i;
		*text_off = i + 1 < n ? i + 2 : i + 1;
		return 1;
	}
	return 0;
}

/*
 * An Android system line with a colon in it, such as
 * Budi changed the subject from "A" to "B: C", must not yield a sender.
 */
static int name_is_system(const char *s, size_t n)
{
	static const char *const verbs[] = {
		" created group", " changed the subject", " changed the group",
		" membuat grup", " mengubah subjek", " mengubah nama grup",
		" mengubah deskripsi grup", " changed this group",
	};
	if (!memchr(s, '"', n) && !contains_i(s, n, "\xE2\x80\x9C"))
		return 0;
	for (size_t i = 0; i < sizeof verbs / sizeof verbs[0]; i++)
		if (contains_i(s, n, verbs[i]))
			return 1;
	return 0;
}

/*
 * Parse a message header at the start of line s, filling *h. Shapes:
 *   DATE[,] TIME[ AM] - rest        Android, any locale
 *   [DATE[,] TIME[ AM]] rest        iOS
 *   DATE[,] TIME:SS[ AM] Name: ...  iOS without brackets (seconds required)
 *   DATE TIME:SS: Name: ...         (seconds required)
 * DATE is N/N/N, N.N.N (also "N. N. N."), N-N-N with at most one 4-digit
 * field, first or last; TIME is H:MM[:SS] or H.MM[.SS]. A line that looks
 * like a date but has neither shape is no header.
 */
static int parse_header(const char *s, size_t n, struct header *h)
{
	const char *e = s + n, *p = skip_marks(s, e);
	int len[3], bracket = 0, sep = 0;

	if (p < e && *p == '[') {
		bracket = 1;
		p++;
	}
	if (p >= e || !is_digit((unsigned char)*p))
		return 0;
	for (int k = 0; k < 3; k++) {
		if (k > 0) {
			if (p >= e || *p != sep)
				return 0;
			p++;
			if (sep == '.' && p < e && *p == ' ')
				p++;
		}
		len[k] = read_num(&p, e, 4, &h->f[k]);
		if (len[k] == 0 || len[k] == 3)
			return 0;
		if (k == 0) {
			if (p >= e || (*p != '/' && *p != '.' && *p != '-'))
				return 0;
			sep = *p;
		}
	}
	if (len[1] == 4 || (len[0] == 4 && len[2] == 4))
		return 0;
	if (sep == '.' && p < e && *p == '.')
		p++;
	int ypos = len[0] == 4 ? 1 : len[2] == 4 ? 2 : 0;
	if (ypos)   /* "0000" is the year 0, not 2000 */
		h->f[ypos == 1 ? 0 : 2] += YEAR4;
	h->dmask = date_mask(h->f, ypos);
	if (!h->dmask)
		return 0;

	if (p < e && *p == ',')
		p++;
	const char *t = skip_spaces(p, e);
	if (t == p)
		return 0;
	p = t;
	if (e - p >= 4 && memcmp(p, "klo ", 4) == 0)
		p += 4;

	int hour, min, sec = 0, has_sec = 0, tsep;
	if (read_num(&p, e, 2, &hour) == 0 || p >= e || (*p != ':' && *p != '.'))
		return 0;
	tsep = *p++;
	if (read_num(&p, e, 2, &min) != 2)
		return 0;
	if (e - p >= 3 && *p == tsep && is_digit((unsigned char)p[1])) {
		p++;
		if (read_num(&p, e, 2, &sec) != 2)
			return 0;
		has_sec = 1;
	}
	int pm = 0;
	t = skip_spaces(p, e);
	h->ampm = read_ampm(&t, e, &pm);
	if (h->ampm)
		p = t;
	if (min > 59 || sec > 59)
		return 0;
	if (h->ampm && hour > 12)
		h->ampm = 0;   /* "13:00 PM": the clock was 24-hour after all */
	if (h->ampm) {
		if (hour == 12)
			hour = 0;
		if (pm)
			hour += 12;
	} else if (hour > 23) {
		return 0;
	}
	h->hour = hour;
	h->min = min;
	h->sec = sec;

	if (bracket) {
		p = skip_spaces(p, e);
		if (p >= e || *p != ']')
			return 0;
		p = skip_marks(skip_spaces(p + 1, e), e);
		h->style = STYLE_BRACKET;
	} else {
		t = skip_spaces(p, e);
		if (t > p && t < e && *t == '-' && (t + 1 == e || t[1] == ' ')) {
			p = t + 1 < e ? t + 2 : t + 1;
			h->style = STYLE_DASH;
		} else if (t > p && e - t >= 3 && memcmp(t, "\xE2\x80\x93", 3) == 0 &&
			   (t + 3 == e || t[3] == ' ')) {
			p = t + 3 < e ? t + 4 : t + 3;
			h->style = STYLE_DASH;
		} else if (has_sec && t == p && p < e && *p == ':') {
			p = skip_spaces(p + 1, e);
			h->style = STYLE_COLON;
		} else if (has_sec && t > p) {
			p = t;
			h->style = STYLE_BARE;
		} else {
			return 0;
		}
	}
	h->rest = p;
	h->rest_len = (size_t)(e - p);
	size_t nl, off;
	if (h->style == STYLE_COLON || h->style == STYLE_BARE) {
		if (!find_sender(h->rest, h->rest_len, &nl, &off))
			return 0;
	} else if (h->style == STYLE_DASH) {
		/* "08.00 - 10.00 rapat" in a message body is a time range */
		const char *q = h->rest;
		int v;
		if (read_num(&q, e, 2, &v) > 0 && e - q >= 3 && (*q == '.' || *q == ':') &&
		    is_digit((unsigned char)q[1]) && is_digit((unsigned char)q[2]))
			return 0;
	}
	h->family = ((int)h->style * 3 + (sep == '/' ? 0 : sep == '.' ? 1 : 2)) * 3 + ypos;
	return 1;
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
			warnx_("%s:%ld: message longer than %u MiB, truncated",
			       r->name, p->line, MAX_TEXT >> 20);
		p->truncated = 1;
	}
	sb_add(&p->text, s, n);
}

/* ---- input ---- */

static long src_read_all(struct chat_reader *r);

/* Fill r->chunk with the next input bytes; 0 at the end, -1 on a read error or past the limit. */
static long src_read(struct chat_reader *r)
{
	long n = src_read_all(r);
	if (n > 0 && r->limit && (r->total += (uint64_t)n) > r->limit) {
		struct strbuf sb = STRBUF_INIT;
		sb_printf(&sb, "%s: more than %llu MB of text", r->name, (unsigned long long)(r->limit >> 20));
		free(r->error);
		r->error = sb_detach(&sb);
		return -1;
	}
	return n;
}

static long src_read_all(struct chat_reader *r)
{
	if (r->ar) {
		la_ssize_t n = archive_read_data(r->ar, r->chunk, CHUNK_SIZE);
		if (n < 0) {
			struct strbuf sb = STRBUF_INIT;
			sb_printf(&sb, "%s: %s", r->name, archive_error_string(r->ar) ?
				  archive_error_string(r->ar) : "zip read error");
			free(r->error);
			r->error = sb_detach(&sb);
			return -1;
		}
		return (long)n;
	}
	size_t n = 0;
	if (r->peek_off < r->npeek) {
		n = r->npeek - r->peek_off;
		memcpy(r->chunk, r->peek + r->peek_off, n);
		r->peek_off = r->npeek;
	}
	n += fread(r->chunk + n, 1, CHUNK_SIZE - n, r->fp);
	if (n == 0 && ferror(r->fp)) {
		struct strbuf sb = STRBUF_INIT;
		sb_printf(&sb, "%s: read error: %s", r->name, strerror(errno));
		free(r->error);
		r->error = sb_detach(&sb);
		return -1;
	}
	return (long)n;
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
		warnx_("%s:%ld: line longer than %u MiB, truncated", r->name,
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
	utf8proc_int32_t cp;
	while (i < n) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x80) {
			if (c == 0)
				s[i] = ' ';
			i++;
			continue;
		}
		utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
						      (utf8proc_ssize_t)(n - i), &cp);
		if (k < 0)
			break;
		i += (size_t)k;
	}
	if (i == n) {
		*lenp = n;
		return s;
	}
	*bad = 1;
	warnx_("%s:%ld: invalid UTF-8 (byte 0x%02X), replaced", r->name, r->lineno,
	       (unsigned char)s[i]);
	sb_reset(&r->fixed);
	sb_add(&r->fixed, s, i);
	while (i < n) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x80) {
			sb_putc(&r->fixed, c ? (char)c : ' ');
			i++;
			continue;
		}
		utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
						      (utf8proc_ssize_t)(n - i), &cp);
		if (k < 0) {
			sb_add(&r->fixed, "\xEF\xBF\xBD", 3);
			i++;
		} else {
			sb_add(&r->fixed, s + i, (size_t)k);
			i += (size_t)k;
		}
	}
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
	if (r->seen_header)
		warnx_("%s:%ld: %ld line%s before the first message header skipped",
		       r->name, r->first_skipped, r->skipped, r->skipped == 1 ? "" : "s");
	else
		warnx_("%s:%ld: no message header found, %ld line%s skipped",
		       r->name, r->first_skipped, r->skipped, r->skipped == 1 ? "" : "s");
}

/* Start a new message from a header line. */
static void start_message(struct chat_reader *r, const struct header *h, int bad)
{
	struct pending *p = pending_get(r);
	const char *e = h->rest + h->rest_len, *text = h->rest;
	size_t nl, off;

	p->line = r->lineno;
	p->family = h->family;
	memcpy(p->f, h->f, sizeof p->f);
	p->dmask = h->dmask;
	p->hour = h->hour;
	p->min = h->min;
	p->sec = h->sec;
	p->bad_utf8 = bad;
	p->truncated = 0;
	p->has_sender = 0;
	if (find_sender(h->rest, h->rest_len, &nl, &off) &&
	    !(h->style == STYLE_DASH && name_is_system(h->rest, nl))) {
		const char *a = h->rest, *b = h->rest + nl;
		a = skip_marks(skip_spaces(a, b), b);
		b = trim_end(a, b);
		if (b > a) {
			p->has_sender = 1;
			sb_add(&p->sender, a, (size_t)(b - a));
			text = h->rest + off;
		}
	}
	const char *t = skip_marks(text, e);
	p->lrm = t > text;
	add_text(r, p, t, (size_t)(e - t));
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
	struct header h;

	while (next_line(r, &raw, &n)) {
		char *s = clean_line(r, raw, &n, &bad);
		if (n > 0 && (is_digit((unsigned char)s[0]) || s[0] == '[' ||
			      (unsigned char)s[0] == 0xE2) && parse_header(s, n, &h)) {
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

/* ---- classification ---- */

/* Strip "<This message was edited>" at the end of the text; 1 if it was there. */
static int strip_edited(struct strbuf *t)
{
	static const char *const marks[] = {
		"<This message was edited>", "<Pesan ini diedit>", "<Pesan ini telah diedit>",
	};
	size_t n = t->len;
	while (n > 0 && (t->buf[n - 1] == ' ' || t->buf[n - 1] == '\n'))
		n--;
	for (size_t i = 0; i < sizeof marks / sizeof marks[0]; i++) {
		if (!ends_i(t->buf, n, marks[i]))
			continue;
		n -= strlen(marks[i]);
		n = (size_t)(trim_end(t->buf, t->buf + n) - t->buf);
		t->len = n;
		t->buf[n] = '\0';
		return 1;
	}
	return 0;
}

static int is_deleted(const char *s, size_t n)
{
	static const char *const exact[] = {
		"Pesan ini telah dihapus", "Pesan ini dihapus", "Anda menghapus pesan ini",
		"This message was deleted", "You deleted this message",
	};
	static const char *const prefix[] = {
		"This message was deleted by admin", "Pesan ini dihapus oleh admin",
		"Pesan ini telah dihapus oleh admin",
	};
	if (n > 0 && s[n - 1] == '.')
		n--;
	for (size_t i = 0; i < sizeof exact / sizeof exact[0]; i++)
		if (eq_i(s, n, exact[i]))
			return 1;
	for (size_t i = 0; i < sizeof prefix / sizeof prefix[0]; i++)
		if (starts_i(s, n, prefix[i]) && !memchr(s, '\n', n))
			return 1;
	return 0;
}

/* A media placeholder on the first line of the text (a caption may follow). */
static int is_media(const char *s, size_t n)
{
	static const char *const exact[] = {
		"<Media omitted>", "<Media tidak disertakan>", "<Media tidak dilampirkan>",
		"image omitted", "video omitted", "audio omitted", "sticker omitted",
		"GIF omitted", "document omitted", "Contact card omitted",
		"gambar tidak disertakan", "video tidak disertakan",
		"audio tidak disertakan", "stiker tidak disertakan", "GIF tidak disertakan",
		"dokumen tidak disertakan", "kartu kontak tidak disertakan", "null",
		/* content the export leaves out */
		"Pesan tidak didukung", "Pesan ini tidak didukung", "Unsupported message",
		/* Android in other locales */
		"<Multimedia omitido>", "<Medien ausgeschlossen>", "<Mídia oculta>",
		"<Media omessi>", "<Médias omis>", "<Media weggelaten>",
		/* iOS in other locales */
		"imagen omitida", "video omitido", "audio omitido", "sticker omitido",
		"Bild weggelassen", "Video weggelassen", "Audio weggelassen", "Sticker weggelassen",
		"imagem ocultada", "vídeo ocultado", "áudio ocultado",
	};
	static const char *const suffix[] = {
		"(file attached)", "(file terlampir)", "document omitted",
		"dokumen tidak disertakan",
		"(Datei angehängt)", "(archivo adjunto)", "(arquivo anexado)",
		"(file allegato)", "(fichier joint)", "(bestand bijgevoegd)",
		"documento omitido", "Dokument weggelassen",
	};
	/* old iOS: "<attached: 00000012-PHOTO-2020-01-01-10-00-00.jpg>", and in other locales */
	static const char *const attached[] = {
		"attached: ", "terlampir: ", "adjunto: ", "Anhang: ", "anexo: ",
		"allegato: ", "pièce jointe : ", "bijlage: ",
	};
	const char *nl = memchr(s, '\n', n);
	if (nl)
		n = (size_t)(nl - s);
	while (n > 0 && s[n - 1] == ' ')
		n--;
	for (size_t i = 0; i < sizeof exact / sizeof exact[0]; i++)
		if (eq_i(s, n, exact[i]))
			return 1;
	for (size_t i = 0; i < sizeof suffix / sizeof suffix[0]; i++) {
		size_t k = strlen(suffix[i]);
		if (n > k && ends_i(s, n, suffix[i]) &&
		    (s[n - k - 1] == ' ' || (n >= k + 3 && mark_len(s + n - k - 3, s + n) == 3)))
			return 1;
	}
	if (n > 2 && *s == '<' && s[n - 1] == '>') {   /* maybe a direction mark after the '<' */
		const char *a = skip_marks(s + 1, s + n);
		for (size_t i = 0; i < sizeof attached / sizeof attached[0]; i++)
			if (starts_i(a, (size_t)(s + n - a), attached[i]))
				return 1;
	}
	return 0;
}

/* System notices that cannot be an ordinary message. */
static int is_system_strong(const char *s, size_t n)
{
	static const char *const prefix[] = {
		"Messages and calls are end-to-end encrypted",
		"Messages to this group are now secured with end-to-end encryption",
		"Messages you send to this group are now secured",
		"Messages you send to this chat and calls are now secured",
		"Pesan dan panggilan terenkripsi secara end-to-end",
		"Pesan yang Anda kirim ke grup ini kini diamankan",
		"Pesan yang dikirim ke grup ini sekarang diamankan",
		"Your security code with ", "Kode keamanan Anda dengan ",
		"You're now an admin", "You\xE2\x80\x99re now an admin", "You are now an admin",
		"Anda sekarang admin", "Anda kini admin", "Anda membuat grup",
		"You created group", "You created this group",
	};
	if (memchr(s, '\n', n))
		return 0;
	for (size_t i = 0; i < sizeof prefix / sizeof prefix[0]; i++)
		if (starts_i(s, n, prefix[i]))
			return 1;
	return 0;
}

/* System notices that need context (iOS marks, the group as sender). */
static int is_system_weak(const char *s, size_t n)
{
	static const char *const infix[] = {
		" joined using this group's invite link",
		" joined using this group\xE2\x80\x99s invite link",
		" bergabung menggunakan tautan undangan", " created group",
		" membuat grup", " changed the subject", " mengubah subjek",
		" changed this group's icon", " changed this group\xE2\x80\x99s icon",
		" changed the group icon", " mengubah ikon grup",
		" changed the group description", " mengubah deskripsi grup",
		" added ", " menambahkan ", " removed ", " mengeluarkan ",
		" changed their phone number", " changed to ", " mengganti nomor",
		" telah berubah", " is now an admin", " sekarang admin",
		" deleted this group's icon", " menghapus ikon grup",
	};
	static const char *const suffix[] = { " left", " keluar", " joined", " bergabung" };
	if (memchr(s, '\n', n))
		return 0;
	if (n > 0 && s[n - 1] == '.')
		n--;
	for (size_t i = 0; i < sizeof infix / sizeof infix[0]; i++)
		if (contains_i(s, n, infix[i]))
			return 1;
	for (size_t i = 0; i < sizeof suffix / sizeof suffix[0]; i++)
		if (ends_i(s, n, suffix[i]))
			return 1;
	return 0;
}

static enum chat_kind classify(struct chat_reader *r, struct pending *p)
{
	const char *s = p->text.buf ? p->text.buf : "";
	size_t n = p->text.len;

	if (!p->has_sender)
		return CHAT_SYSTEM;
	if (is_deleted(s, n))
		return CHAT_DELETED;
	if (is_media(s, n))
		return CHAT_MEDIA;
	if (is_system_strong(s, n)) {
		if (!r->group)
			r->group = xstrdup(p->sender.buf);
		return CHAT_SYSTEM;
	}
	if ((p->lrm || (r->group && strcmp(r->group, p->sender.buf) == 0)) &&
	    is_system_weak(s, n))
		return CHAT_SYSTEM;
	return CHAT_TEXT;
}

/* Turn a queued record into the caller's chat_msg. */
static void finish(struct chat_reader *r, struct pending *p, struct chat_msg *m)
{
	format_time(r, p);
	if (!p->text.buf)
		sb_add(&p->text, "", 0);
	if (!p->sender.buf)
		sb_add(&p->sender, "", 0);
	m->edited = strip_edited(&p->text);
	m->kind = classify(r, p);
	m->line = p->line;
	m->time = r->time;
	m->sender = p->sender.buf;
	m->text = p->text.buf;
	m->text_len = p->text.len;
	m->bad_utf8 = p->bad_utf8;
}

/* ---- opening ---- */

/* How likely a zip entry is the chat: 3 WhatsApp's names, 1 any .txt, 0 not text. */
static int zip_rank(const char *path)
{
	if (!path)
		return 0;
	const char *base = strrchr(path, '/');
	base = base ? base + 1 : path;
	size_t n = strlen(base);
	if (starts_i(path, strlen(path), "__MACOSX/") || base[0] == '.' || !ends_i(base, n, ".txt"))
		return 0;
	if (eq_i(base, n, "_chat.txt") || starts_i(base, n, "WhatsApp Chat") ||
	    starts_i(base, n, "Chat WhatsApp") || starts_i(base, n, "WhatsApp-Chat"))
		return 3;
	if (contains_i(base, n, "chat"))
		return 2;
	return 1;
}

static la_ssize_t zip_read_cb(struct archive *a, void *data, const void **buf)
{
	struct chat_reader *r = data;
	size_t n = 0;
	if (r->peek_off < r->npeek) {
		n = r->npeek - r->peek_off;
		memcpy(r->zbuf, r->peek + r->peek_off, n);
		r->peek_off = r->npeek;
	}
	n += fread(r->zbuf + n, 1, CHUNK_SIZE - n, r->fp);
	if (n == 0 && ferror(r->fp)) {
		archive_set_error(a, errno, "read error: %s", strerror(errno));
		return -1;
	}
	*buf = r->zbuf;
	return (la_ssize_t)n;
}

static struct archive *zip_new(void)
{
	struct archive *a = archive_read_new();
	if (!a) {
		fputs("saring: out of memory\n", stderr);
		exit(EXIT_SYSTEM);
	}
	archive_read_support_format_zip(a);
	return a;
}

static char *zip_error(const char *name, struct archive *a, const char *what)
{
	struct strbuf sb = STRBUF_INIT;
	const char *msg = a ? archive_error_string(a) : NULL;
	sb_printf(&sb, "%s: %s%s%s", name, what, msg ? ": " : "", msg ? msg : "");
	return sb_detach(&sb);
}

/*
 * Open a zip: position r->ar at the chat .txt. A file is read twice (list,
 * then open the best entry); stdin, which cannot be rewound, gives its
 * first .txt entry.
 */
static int zip_open(struct chat_reader *r, const char *path, char **err)
{
	struct archive *a;
	struct archive_entry *e;
	long idx = 0, best = -1;
	int rc, best_rank = 0, chats = 0;
	struct strbuf best_name = STRBUF_INIT;

	if (path) {
		a = zip_new();
		if (archive_read_open_filename(a, path, CHUNK_SIZE) != ARCHIVE_OK) {
			*err = zip_error(r->name, a, "cannot open zip");
			archive_read_free(a);
			return -1;
		}
		while ((rc = archive_read_next_header(a, &e)) == ARCHIVE_OK || rc == ARCHIVE_WARN) {
			if (archive_entry_filetype(e) == AE_IFREG) {
				const char *name = archive_entry_pathname_utf8(e);
				name = name ? name : archive_entry_pathname(e);
				int rank = zip_rank(name);
				chats += rank >= 2;
				if (rank > best_rank) {
					best_rank = rank;
					best = idx;
					sb_reset(&best_name);
					sb_puts(&best_name, name ? name : "");
				}
			}
			idx++;
		}
		if (rc != ARCHIVE_EOF && best < 0) {
			*err = zip_error(r->name, a, "bad zip");
			archive_read_free(a);
			sb_release(&best_name);
			return -1;
		}
		archive_read_free(a);
		if (chats > 1)   /* two exports zipped together: say which one is read */
			warnx_("%s: holds %d chat exports; screening only '%s' (unzip it to screen the others)",
			       r->name, chats, best_name.buf);
		sb_release(&best_name);
		if (best < 0) {
			*err = zip_error(r->name, NULL, "no chat .txt file in the zip");
			return -1;
		}
		a = zip_new();
		if (archive_read_open_filename(a, path, CHUNK_SIZE) != ARCHIVE_OK) {
			*err = zip_error(r->name, a, "cannot open zip");
			archive_read_free(a);
			return -1;
		}
	} else {
		r->zbuf = xmalloc(CHUNK_SIZE);
		a = zip_new();
		if (archive_read_open(a, r, NULL, zip_read_cb, NULL) != ARCHIVE_OK) {
			*err = zip_error(r->name, a, "cannot open zip");
			archive_read_free(a);
			return -1;
		}
	}
	for (idx = 0;; idx++) {
		rc = archive_read_next_header(a, &e);
		if (rc != ARCHIVE_OK && rc != ARCHIVE_WARN) {
			*err = rc == ARCHIVE_EOF ?
			       zip_error(r->name, NULL, "no chat .txt file in the zip") :
			       zip_error(r->name, a, "bad zip");
			archive_read_free(a);
			return -1;
		}
		if (path ? idx == best : (archive_entry_filetype(e) == AE_IFREG &&
					  zip_rank(archive_entry_pathname_utf8(e) ?
						   archive_entry_pathname_utf8(e) :
						   archive_entry_pathname(e)) > 0))
			break;
	}
	r->ar = a;
	return 0;
}

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
		sb_printf(&sb, "%s: UTF-16 text, not a WhatsApp export; convert it to UTF-8", r->name);
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
		if (zip_open(r, use_stdin ? NULL : path, err) < 0) {
			chat_close(r);
			return NULL;
		}
	}
	return r;

fail_errno:;
	struct strbuf sb = STRBUF_INIT;
	sb_printf(&sb, "cannot open %s: %s", r->name, strerror(errno));
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
			if (r->family[p->family].decided) {
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
	if (r->ar)
		archive_read_free(r->ar);
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
	free(r->zbuf);
	free(r->error);
	free(r->group);
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

/* For a folder export (media.c): the same ranking as a zip's entries. */
int chat_file_rank(const char *path)
{
	return zip_rank(path);
}
