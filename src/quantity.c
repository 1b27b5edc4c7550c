/*
 * quantity.c: numbers, dates, times and counts in words, read from the
 * scanner's words (text.c) and the bytes between them.
 *
 * The scanner gives each run of digits as a number word ("(28/5)" is the
 * numbers 28 and 5 with a '/' between); the patterns below join such words
 * with their neighbours (a month name, "pukul", "WIB", "ribu") into one
 * quantity, and what no pattern claims stays a plain number.
 */
#include "quantity.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "text.h"
#include "util.h"

struct qword {
	char text[24];       /* folded, cut to fit (a longer word is no quantity word) */
	size_t start, end;
	int number;          /* a number word */
	double value;        /* its value */
};

struct words {
	struct qword *v;
	size_t n, cap;
};

static int collect(void *ctx, const struct word *w)
{
	struct words *ws = ctx;
	xgrow((void **)&ws->v, &ws->cap, ws->n + 1, sizeof *ws->v);
	struct qword *q = &ws->v[ws->n++];
	size_t len = w->len < sizeof q->text - 1 ? w->len : sizeof q->text - 1;
	memcpy(q->text, w->text, len);
	q->text[len] = '\0';
	q->start = w->start;
	q->end = w->end;
	q->number = w->kind == WORD_NUMBER;
	q->value = q->number ? strtod(q->text, NULL) : 0;
	return 0;
}

static const char *const months[12][3] = {
	{ "januari", "jan", NULL }, { "februari", "feb", "pebruari" }, { "maret", "mar", NULL },
	{ "april", "apr", NULL }, { "mei", NULL, NULL }, { "juni", "jun", NULL },
	{ "juli", "jul", NULL }, { "agustus", "agu", "agt" }, { "september", "sep", "sept" },
	{ "oktober", "okt", NULL }, { "november", "nov", "nop" }, { "desember", "des", NULL },
};

/* The month (1-12) a word names, or 0. */
static int month_of(const char *w)
{
	if (!strchr("jfmasondp", w[0]) || strlen(w) > 9)
		return 0;   /* most words: at once */
	for (int m = 0; m < 12; m++)
		for (int k = 0; k < 3; k++)
			if (months[m][k] && !strcmp(w, months[m][k]))
				return m + 1;
	return 0;
}

/* Is the text between two words only spaces (at most a few)? */
static int spaced(const char *text, size_t from, size_t to)
{
	if (to < from || to - from > 3)
		return 0;
	for (size_t i = from; i < to; i++)
		if (text[i] != ' ' && text[i] != '\t')
			return 0;
	return 1;
}

/* Is the text between two words exactly sep? */
static int joined(const char *text, size_t from, size_t to, char sep)
{
	return to == from + 1 && text[from] == sep;
}

/* The digits of a number word as written, without separators: its length, or 0 when not all digits. */
static size_t digits(const char *text, const struct qword *w)
{
	for (size_t i = w->start; i < w->end; i++)
		if (text[i] < '0' || text[i] > '9')
			return 0;
	return w->end - w->start;
}

/* A new quantity from words[i] on, spanning text[start, end). */
static struct quantity *add(struct quantities *qs, const struct words *ws, size_t i,
			    enum quantity_kind kind, size_t start, size_t end)
{
	xgrow((void **)&qs->q, &qs->cap, qs->n + 1, sizeof *qs->q);
	struct quantity *q = &qs->q[qs->n++];
	memset(q, 0, sizeof *q);
	q->kind = kind;
	q->start = start;
	q->end = end;
	if (i > 0)
		memcpy(q->before, ws->v[i - 1].text, sizeof q->before);
	return q;
}

/* Number words: units, the teens' and tens' and hundreds' markers, and the big multipliers. */
static const struct { const char *w; int unit; double mul; } numwords[] = {
	{ "satu", 1, 0 }, { "dua", 2, 0 }, { "tiga", 3, 0 }, { "empat", 4, 0 }, { "lima", 5, 0 },
	{ "enam", 6, 0 }, { "tujuh", 7, 0 }, { "delapan", 8, 0 }, { "sembilan", 9, 0 },
	{ "sepuluh", 10, 0 }, { "sebelas", 11, 0 }, { "seratus", 100, 0 },
	{ "belas", -1, 0 }, { "puluh", -10, 0 }, { "ratus", -100, 0 },
	{ "seribu", 1, 1e3 }, { "sejuta", 1, 1e6 },
	{ "ribu", 0, 1e3 }, { "juta", 0, 1e6 }, { "miliar", 0, 1e9 }, { "milyar", 0, 1e9 },
	{ "triliun", 0, 1e12 },
};

static int numword(const char *w)
{
	if (!strchr("sdtelbprjm", w[0]) || strlen(w) > 8)
		return -1;   /* most words: at once */
	for (size_t i = 0; i < sizeof numwords / sizeof *numwords; i++)
		if (!strcmp(w, numwords[i].w))
			return (int)i;
	return -1;
}

/*
 * A count in words from word i ("dua ribu", "seratus lima puluh", "tiga
 * juta"): the words it takes (0 when none, or when it names no marker:
 * "dua" alone is not recorded), its value in *value.
 */
static size_t count_in_words(const char *text, const struct words *ws, size_t i, double *value)
{
	double total = 0, group = 0, pending = 0;
	int marker = 0;
	size_t k = i;
	for (; k < ws->n; k++) {
		if (k > i && !spaced(text, ws->v[k - 1].end, ws->v[k].start))
			break;
		int j = numword(ws->v[k].text);
		if (j < 0)
			break;
		if (numwords[j].mul > 0) {
			double g = group + pending + numwords[j].unit;
			total += (g > 0 ? g : 1) * numwords[j].mul;
			group = pending = 0;
			marker = 1;
		} else if (numwords[j].unit == -1) {
			group += 10 + pending, pending = 0, marker = 1;
		} else if (numwords[j].unit < 0) {
			group += (pending > 0 ? pending : 1) * -numwords[j].unit, pending = 0, marker = 1;
		} else if (numwords[j].unit >= 10) {   /* sepuluh, sebelas, seratus */
			group += numwords[j].unit, marker = 1;
		} else {
			pending += numwords[j].unit;
		}
	}
	*value = total + group + pending;
	return marker ? k - i : 0;
}

/* A big multiplier word after a number ("2 juta", "1,5 miliar"): its factor, or 0. */
static double multiplier(const char *w)
{
	int j = numword(w);
	return j >= 0 && numwords[j].unit == 0 ? numwords[j].mul : 0;
}

static int is_time_word(const char *w)
{
	return !strcmp(w, "pukul") || !strcmp(w, "pkl") || !strcmp(w, "jam");
}

static int is_zone(const char *w)
{
	return !strcmp(w, "wib") || !strcmp(w, "wita") || !strcmp(w, "wit");
}

/*
 * A time "H:MM" the scanner gave as two numbers, at words i and i + 1:
 * hour and minute, or 0.
 */
static int colon_clock(const char *text, const struct words *ws, size_t i, int *h, int *m)
{
	const struct qword *a = &ws->v[i], *b = i + 1 < ws->n ? &ws->v[i + 1] : NULL;
	if (!b || !a->number || !b->number || !joined(text, a->end, b->start, ':') ||
	    !digits(text, a) || digits(text, a) > 2 || digits(text, b) != 2 || a->value >= 24 || b->value >= 60)
		return 0;
	*h = (int)a->value;
	*m = (int)b->value;
	return 1;
}

/* A number word written "H.MM" or "H:MM": hour and minute, or 0. */
static int clock(const char *text, const struct qword *w, int *h, int *m)
{
	const char *s = text + w->start, *e = text + w->end;
	const char *sep = s;
	while (sep < e && *sep >= '0' && *sep <= '9')
		sep++;
	if (sep == s || sep - s > 2 || sep >= e || (*sep != '.' && *sep != ':') || e - sep < 3)
		return 0;
	/* "09.00–15.00", "09.00-15.00": a range, read from its start */
	if (e - sep > 3 && sep[3] != '-' && strncmp(sep + 3, "\xe2\x80\x93", 3))
		return 0;
	if (sep[1] < '0' || sep[1] > '5' || sep[2] < '0' || sep[2] > '9')
		return 0;
	*h = atoi(s);
	*m = (sep[1] - '0') * 10 + sep[2] - '0';
	return *h < 24;
}

/* Where an amount as written starts: "Rp150.000", "Rp 150.000", "Rp. 150.000" widened to the "Rp". */
static size_t amount_start(const char *text, size_t s)
{
	if (s >= 2 && !strncasecmp(text + s - 2, "rp", 2))
		return s - 2;
	if (s >= 3 && (!strncasecmp(text + s - 3, "rp ", 3) || !strncasecmp(text + s - 3, "rp.", 3)))
		return s - 3;
	return s;
}

void quantities_of(const char *text, size_t len, struct quantities *qs)
{
	struct words ws = { NULL, 0, 0 };
	text_scan(text, len, collect, &ws, NULL, NULL);
	struct qword *v = ws.v;
	size_t n = ws.n;
	for (size_t i = 0; i < n; i++) {
		int mo, h, mi;
		double value;
		size_t took;
		/* "10 Maret 2019", "10 Mar" */
		if (v[i].number && digits(text, &v[i]) && v[i].value >= 1 && v[i].value <= 31 &&
		    i + 1 < n && (mo = month_of(v[i + 1].text)) && spaced(text, v[i].end, v[i + 1].start)) {
			struct quantity *q = add(qs, &ws, i, Q_DATE, v[i].start, v[i + 1].end);
			q->day = (int)v[i].value;
			q->month = mo;
			i++;
			if (i + 1 < n && v[i + 1].number && digits(text, &v[i + 1]) == 4 &&
			    spaced(text, v[i].end, v[i + 1].start)) {
				q->year = (int)v[++i].value;
				q->end = v[i].end;
			}
			continue;
		}
		/* "Maret 2019" */
		if ((mo = month_of(v[i].text)) && strlen(v[i].text) > 3 && i + 1 < n && v[i + 1].number &&
		    digits(text, &v[i + 1]) == 4 && spaced(text, v[i].end, v[i + 1].start)) {
			struct quantity *q = add(qs, &ws, i, Q_DATE, v[i].start, v[i + 1].end);
			q->month = mo;
			q->year = (int)v[++i].value;
			continue;
		}
		/* "(28/5)", "5/5/2019" */
		if (v[i].number && digits(text, &v[i]) && digits(text, &v[i]) <= 2 && v[i].value >= 1 &&
		    v[i].value <= 31 && i + 1 < n && v[i + 1].number && digits(text, &v[i + 1]) &&
		    v[i + 1].value >= 1 && v[i + 1].value <= 12 && joined(text, v[i].end, v[i + 1].start, '/')) {
			struct quantity *q = add(qs, &ws, i, Q_DATE, v[i].start, v[i + 1].end);
			q->day = (int)v[i].value;
			q->month = (int)v[i + 1].value;
			i++;
			size_t yd;
			if (i + 1 < n && v[i + 1].number && ((yd = digits(text, &v[i + 1])) == 4 || yd == 2) &&
			    joined(text, v[i].end, v[i + 1].start, '/')) {
				q->year = (int)v[++i].value + (yd == 2 ? 2000 : 0);
				q->end = v[i].end;
			}
			continue;
		}
		/* "tanggal 12" (with a month, the date above takes it at the number) */
		if ((!strcmp(v[i].text, "tanggal") || !strcmp(v[i].text, "tgl")) && i + 1 < n &&
		    v[i + 1].number && digits(text, &v[i + 1]) && v[i + 1].value >= 1 && v[i + 1].value <= 31 &&
		    !(i + 2 < n && month_of(v[i + 2].text)) && !(i + 2 < n && joined(text, v[i + 1].end, v[i + 2].start, '/'))) {
			struct quantity *q = add(qs, &ws, i, Q_DAY, v[i].start, v[i + 1].end);
			q->day = (int)v[++i].value;
			continue;
		}
		/* "pukul 09.00", "jam 7", "09.00 WIB" */
		if (is_time_word(v[i].text) && i + 1 < n && v[i + 1].number && !colon_clock(text, &ws, i + 1, &h, &mi) &&
		    (clock(text, &v[i + 1], &h, &mi) || (digits(text, &v[i + 1]) && v[i + 1].value < 24 &&
							  (h = (int)v[i + 1].value, mi = 0, 1)))) {
			struct quantity *q = add(qs, &ws, i, Q_TIME, v[i].start, v[i + 1].end);
			q->hour = h;
			q->minute = mi;
			i++;
			if (i + 1 < n && is_zone(v[i + 1].text))
				q->end = v[++i].end;
			continue;
		}
		/* "13:30 WITA", "pukul 13:30" */
		if (colon_clock(text, &ws, i, &h, &mi) && ((i + 2 < n && is_zone(v[i + 2].text)) ||
							 (i > 0 && is_time_word(v[i - 1].text)))) {
			int zone = i + 2 < n && is_zone(v[i + 2].text);
			struct quantity *q = add(qs, &ws, i, Q_TIME, v[i].start, v[i + 1 + zone].end);
			q->hour = h;
			q->minute = mi;
			i += 1 + zone;
			continue;
		}
		if (v[i].number && clock(text, &v[i], &h, &mi) && i + 1 < n && is_zone(v[i + 1].text)) {
			struct quantity *q = add(qs, &ws, i, Q_TIME, v[i].start, v[i + 1].end);
			q->hour = h;
			q->minute = mi;
			i++;
			continue;
		}
		/* "dua ribu", "seratus lima puluh" */
		if (!v[i].number && (took = count_in_words(text, &ws, i, &value))) {
			struct quantity *q = add(qs, &ws, i, Q_NUMBER, v[i].start, v[i + took - 1].end);
			q->value = value;
			i += took - 1;
			continue;
		}
		if (v[i].number) {
			struct quantity *q = add(qs, &ws, i, Q_NUMBER, amount_start(text, v[i].start), v[i].end);
			q->value = v[i].value;
			double mul;
			/* "2 juta", "1,5 miliar" */
			if (i + 1 < n && (mul = multiplier(v[i + 1].text)) && spaced(text, v[i].end, v[i + 1].start)) {
				q->value *= mul;
				q->end = v[++i].end;
			}
		}
	}
	free(ws.v);
}

void quantities_release(struct quantities *qs)
{
	free(qs->q);
	memset(qs, 0, sizeof *qs);
}

static int same_number(double a, double b)
{
	double d = a > b ? a - b : b - a;
	return d <= 1e-9 * (a > 0 ? a : -a) + 1e-12;
}

/* Does quantity o state what q does? A missing day or year agrees with any. */
static int agrees(const struct quantity *q, const struct quantity *o)
{
	switch (q->kind) {
	case Q_NUMBER:
		if (o->kind == Q_NUMBER)
			return same_number(q->value, o->value);
		/* a bare number may be a date's or a time's part quoted alone */
		return (o->kind == Q_DATE || o->kind == Q_DAY) ? same_number(q->value, o->day) ||
				same_number(q->value, o->year) || same_number(q->value, o->month)
			: o->kind == Q_TIME && (same_number(q->value, o->hour) ||
						same_number(q->value, o->hour + o->minute / 100.0));
	case Q_DATE:
		if (o->kind == Q_DAY)
			return q->day && q->day == o->day;
		return o->kind == Q_DATE && q->month == o->month && (!q->day || !o->day || q->day == o->day) &&
		       (!q->year || !o->year || q->year == o->year);
	case Q_DAY:
		return (o->kind == Q_DATE || o->kind == Q_DAY) && o->day == q->day;
	case Q_TIME:
		return o->kind == Q_TIME && o->hour == q->hour && o->minute == q->minute;
	}
	return 0;
}

static int sort_of(enum quantity_kind k);

int quantity_stated(const struct quantity *q, const struct quantities *all)
{
	int anywhere = 0, here = 0, other_here = 0;
	for (size_t i = 0; i < all->n; i++) {
		const struct quantity *o = &all->q[i];
		int same_place = q->before[0] && !strcmp(q->before, o->before) && sort_of(q->kind) == sort_of(o->kind);
		if (agrees(q, o)) {
			anywhere = 1;
			here |= same_place;
		} else {
			other_here |= same_place;
		}
	}
	/* "Senin (12/8)" where the release says "Senin (13/8)", and 12/8 only elsewhere */
	return anywhere && (here || !other_here);
}

/* Numbers, dates (and days), times: the sorts a note tells apart. */
static int sort_of(enum quantity_kind k)
{
	return k == Q_DAY ? Q_DATE : (int)k;
}

int quantity_likeness(const struct quantity *a, const struct quantity *b)
{
	if (sort_of(a->kind) != sort_of(b->kind))
		return 0;
	int like = 1 + (a->kind == b->kind) + 3 * (a->before[0] && !strcmp(a->before, b->before));
	if (sort_of(a->kind) == Q_DATE)
		like += 2 * (a->day && a->day == b->day) + 2 * (a->month && a->month == b->month) +
			(a->year && a->year == b->year);
	else if (a->kind == Q_TIME)
		like += (a->hour == b->hour) + (a->minute == b->minute);
	return like;
}
