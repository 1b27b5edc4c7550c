/*
 * chat_whatsapp.c: the WhatsApp format of exported chats (Android and
 * iOS, any locale we know of): its header lines (date, time, sender),
 * the names its exports give the chat file, the attachments its media
 * messages name; its phrases for kinds and the "edited" marker are
 * chat_kind.c's, its date orders chat_date.c's.
 */
#include <ctype.h>
#include <string.h>

#include "chat_bytes.h"
#include "chat_date.h"
#include "chat_format.h"
#include "chat_kind.h"
#include "util.h"

#define SENDER_MAX 256                /* longest "Name" before ": " */

/* How the header ends: " - ", "] ", ": " after the time, or a bare space. */
enum style { STYLE_DASH, STYLE_BRACKET, STYLE_COLON, STYLE_BARE, STYLE_N };

/* A date shape: style x separator (/ . -) x 4-digit year (none, first, last). */
#define NSHAPE (STYLE_N * 3 * 3)

/* What one header line says, as WhatsApp writes it, pointing into the line. */
struct wa_header {
	enum style style;
	int shape;             /* date shape: style x separator x year position */
	int f[3];              /* the three date numbers as written */
	unsigned dmask;        /* orders under which this date is valid */
	int hour, min, sec;    /* hour already on the 24-hour clock */
	int ampm;              /* the time had AM/PM */
	const char *rest;      /* after the header: "Name: text" or a system line */
	size_t rest_len;
};

/* Read 1..max digits at *pp; returns the digit count, 0 if none. */
static int read_num(const char **pp, const char *e, int max, int *val)
{
	const char *p = *pp;
	int n = 0, v = 0;
	while (p < e && isdigit((unsigned char)*p) && n < max) {
		v = v * 10 + (*p - '0');
		p++;
		n++;
	}
	if (n == 0 || (p < e && isdigit((unsigned char)*p)))
		return 0;
	*pp = p;
	*val = v;
	return n;
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
 * The time at *pp: H:MM[:SS] or H.MM[.SS], then maybe AM/PM, into h (the
 * hour on the 24-hour clock); *has_sec says the seconds were written.
 * Returns 1 with *pp after it, 0 if there is none.
 */
static int read_time(const char **pp, const char *e, struct wa_header *h, int *has_sec)
{
	const char *p = *pp, *t;
	int hour, min, sec = 0, tsep;
	if (read_num(&p, e, 2, &hour) == 0 || p >= e || (*p != ':' && *p != '.'))
		return 0;
	tsep = *p++;
	if (read_num(&p, e, 2, &min) != 2)
		return 0;
	if (e - p >= 3 && *p == tsep && isdigit((unsigned char)p[1])) {
		p++;
		if (read_num(&p, e, 2, &sec) != 2)
			return 0;
		*has_sec = 1;
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
	*pp = p;
	return 1;
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
static int parse_header(const char *s, size_t n, struct wa_header *h)
{
	const char *e = s + n, *p = skip_marks(s, e);
	int len[3], bracket = 0, sep = 0;

	if (p < e && *p == '[') {
		bracket = 1;
		p++;
	}
	if (p >= e || !isdigit((unsigned char)*p))
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

	int has_sec = 0;
	if (!read_time(&p, e, h, &has_sec))
		return 0;

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
		    isdigit((unsigned char)q[1]) && isdigit((unsigned char)q[2]))
			return 0;
	}
	h->shape = ((int)h->style * 3 + (sep == '/' ? 0 : sep == '.' ? 1 : 2)) * 3 + ypos;
	return 1;
}

/* A header line of WhatsApp's, its sender (not on a system notice) and text apart. */
static int whatsapp_header(const char *s, size_t n, struct chat_header *h)
{
	struct wa_header w;
	if (n == 0 || !(isdigit((unsigned char)s[0]) || s[0] == '[' || (unsigned char)s[0] == 0xE2) ||
	    !parse_header(s, n, &w))
		return 0;
	h->shape = w.shape;
	h->ypos = w.shape % 3;
	memcpy(h->f, w.f, sizeof h->f);
	h->dmask = w.dmask;
	h->hour = w.hour;
	h->min = w.min;
	h->sec = w.sec;
	h->ampm = w.ampm;
	h->sender = NULL;
	h->sender_len = 0;
	const char *e = w.rest + w.rest_len, *text = w.rest;
	size_t nl, off;
	if (find_sender(w.rest, w.rest_len, &nl, &off) &&
	    !(w.style == STYLE_DASH && chat_name_is_system(w.rest, nl))) {
		const char *a = w.rest, *b = w.rest + nl;
		a = skip_marks(skip_spaces(a, b), b);
		b = trim_end(a, b);
		if (b > a) {
			h->sender = a;
			h->sender_len = (size_t)(b - a);
			text = w.rest + off;
		}
	}
	const char *t = skip_marks(text, e);
	h->mark = t > text;   /* iOS writes a direction mark before system and media lines */
	h->text = t;
	h->text_len = (size_t)(e - t);
	return 1;
}

/* The names WhatsApp gives the chat in an export: "_chat.txt" (iOS), "WhatsApp Chat with X.txt", ... */
static int whatsapp_chat_file(const char *base, size_t n)
{
	return eq_i(base, n, "_chat.txt") || starts_i(base, n, "WhatsApp Chat") ||
	       starts_i(base, n, "Chat WhatsApp") || starts_i(base, n, "WhatsApp-Chat");
}

/*
 * The file a media message names on its first line: Android's
 * "IMG-20230815-WA0001.jpg (file attached)", iOS's "<attached:
 * 00000031-PHOTO-2023-08-15-10-21-33.jpg>", in any language: the first
 * word, less marks and brackets, that wanted accepts.
 */
static int whatsapp_attachment(const char *text, size_t len, int (*wanted)(const char *s, size_t n),
			       struct strbuf *name)
{
	const char *nl = memchr(text, '\n', len);
	const char *p = text, *end = nl ? nl : text + len;
	while (p < end) {
		while (p < end && (*p == ' ' || *p == '\t'))
			p++;
		const char *a = p;
		while (p < end && *p != ' ' && *p != '\t')
			p++;
		const char *b = p;
		/* marks and brackets around the name: U+200E, '<', '>' */
		for (;;) {
			if (b - a >= 3 && !memcmp(a, "\xE2\x80\x8E", 3))
				a += 3;
			else if (b > a && *a == '<')
				a++;
			else if (b > a && b[-1] == '>')
				b--;
			else
				break;
		}
		size_t n = (size_t)(b - a);
		if (wanted(a, n)) {
			sb_add(name, a, n);
			return 1;
		}
	}
	return 0;
}

const struct chat_format chat_whatsapp = {
	.name = "whatsapp",
	.nshapes = NSHAPE,
	.header = whatsapp_header,
	.strip_edited = chat_strip_edited,
	.classify = chat_classify,
	.chat_file = whatsapp_chat_file,
	.attachment = whatsapp_attachment,
};
