/*
 * chrome.c: a line is the phone's when every word on it is a clock, a
 * percentage, a network or carrier name, an app's label or an icon read
 * as a letter or two, and at least one of them is unmistakable (or no
 * word on the line is a word at all). The contact bar is the line saying
 * "online" (or typing, or last seen) and the name just above it; the time
 * a bubble ends with is cut off its line.
 */
#include "chrome.h"

#include <ctype.h>
#include <string.h>

#include "util.h"

enum word_kind {
	W_WORD,     /* part of a message */
	W_NOISE,    /* an icon read as one or two characters, punctuation */
	W_WEAK,     /* could be chrome: a network or carrier name */
	W_NUMBER,   /* digits: chrome on the status bar, a price or a date elsewhere */
	W_CHROME,   /* a clock, a battery percentage, an app's label */
};

static int lower_eq(const char *s, size_t n, const char *lit)
{
	if (strlen(lit) != n)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (tolower((unsigned char)s[i]) != lit[i])
			return 0;
	return 1;
}

static int in_list(const char *s, size_t n, const char *const *list)
{
	for (; *list; list++)
		if (lower_eq(s, n, *list))
			return 1;
	return 0;
}

/* 9:41, 09.41, 21:05 (a clock on the status bar or under a bubble). */
static int is_clock(const char *s, size_t n)
{
	size_t i = 0;
	while (i < n && i < 2 && isdigit((unsigned char)s[i]))
		i++;
	if (i == 0 || i + 3 != n || (s[i] != ':' && s[i] != '.'))
		return 0;
	return isdigit((unsigned char)s[i + 1]) && isdigit((unsigned char)s[i + 2]);
}

/* 87%, 100% (battery). */
static int is_percent(const char *s, size_t n)
{
	if (n < 2 || n > 4 || s[n - 1] != '%')
		return 0;
	for (size_t i = 0; i + 1 < n; i++)
		if (!isdigit((unsigned char)s[i]))
			return 0;
	return 1;
}

static enum word_kind classify(const char *s, size_t n)
{
	static const char *const app[] = {
		"whatsapp", "online", "mengetik...", "mengetik..", "mengetik", "typing...", "typing",
		"ketik", "pesan", "message", NULL,
	};
	static const char *const weak[] = {
		"4g", "5g", "3g", "4g+", "lte", "volte", "vo", "h+", "wi-fi", "wifi", "telkomsel",
		"indosat", "xl", "axis", "tri", "smartfren", "im3", "ooredoo", "by.u", "nfc", "am", "pm",
		"terakhir", "dilihat", "last", "seen", "ull", "all", "atl", "iil", NULL,
	};
	while (n > 1 && strchr(",;:|", s[n - 1]))   /* a trailing comma does not change a word */
		n--;
	if (is_clock(s, n) || is_percent(s, n) || in_list(s, n, app))
		return W_CHROME;
	if (in_list(s, n, weak))
		return W_WEAK;
	size_t letters = 0, digits = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (isalpha(c) || c >= 0x80)
			letters++;
		else if (isdigit(c))
			digits++;
	}
	if (digits && !letters)
		return W_NUMBER;
	return letters >= 3 || (letters >= 2 && digits) ? W_WORD : W_NOISE;
}

/* Does the line say someone's presence ("online", "mengetik...", "terakhir dilihat")? */
static int is_presence(const char *s, size_t n)
{
	static const char *const marks[] = { "online", "mengetik", "typing", "terakhir dilihat", "last seen", NULL };
	for (const char *const *m = marks; *m; m++) {
		size_t k = strlen(*m);
		for (size_t i = 0; i + k <= n; i++)
			if (lower_eq(s + i, k, *m))
				return 1;
	}
	return 0;
}

struct line_words {
	size_t count[W_CHROME + 1];   /* words of each kind */
	size_t tail;   /* where a trailing clock (and the ticks after it) starts, or the line's length */
};

static void count_words(const char *s, size_t n, struct line_words *lw)
{
	memset(lw, 0, sizeof *lw);
	lw->tail = n;
	/* "pukul 09.00" on a poster is the message's time, not a bubble's */
	static const char *const time_cues[] = { "pukul", "jam", "pkl", "pk", "at", "s.d.", "s/d", "-", "sampai", NULL };
	int cue = 0;
	size_t i = 0;
	while (i < n) {
		while (i < n && isspace((unsigned char)s[i]))
			i++;
		if (i >= n)
			break;
		size_t a = i;
		while (i < n && !isspace((unsigned char)s[i]))
			i++;
		enum word_kind k = classify(s + a, i - a);
		lw->count[k]++;
		if (k == W_CHROME && is_clock(s + a, i - a) && !cue) {
			if (lw->tail == n)
				lw->tail = a;   /* maybe the bubble's time */
		} else if (k != W_NOISE) {
			lw->tail = n;
		}
		cue = in_list(s + a, i - a, time_cues);
	}
}

/* Append s[0..n), trimmed, as a line of sb. */
static void add_line(struct strbuf *sb, const char *s, size_t n)
{
	while (n > 0 && isspace((unsigned char)s[n - 1]))
		n--;
	while (n > 0 && isspace((unsigned char)*s)) {
		s++;
		n--;
	}
	if (!n)
		return;
	if (sb->len)
		sb_putc(sb, '\n');
	sb_add(sb, s, n);
}

int chrome_split(const char *text, size_t len, struct strbuf *kept, struct strbuf *dropped)
{
	int ndropped = 0;
	size_t line_no = 0;
	size_t name_at = (size_t)-1;   /* where in kept a short line that may be a contact's name starts */
	const char *p = text, *end = text + len;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
		const char *s = p;
		p += n + 1;
		struct line_words lw;
		count_words(s, n, &lw);
		size_t words = lw.count[W_WORD], all = words + lw.count[W_NOISE] + lw.count[W_WEAK] +
			       lw.count[W_NUMBER] + lw.count[W_CHROME];
		if (!all)
			continue;   /* blank */
		line_no++;
		int presence = is_presence(s, n) && words <= 3;
		if (presence && name_at != (size_t)-1) {   /* the contact's name, on the line above */
			size_t from = name_at ? name_at + 1 : 0;
			add_line(dropped, kept->buf + from, kept->len - from);
			ndropped++;
			kept->len = name_at;
			kept->buf[kept->len] = '\0';
		}
		name_at = (size_t)-1;
		if (presence || (!words && (lw.count[W_CHROME] || !lw.count[W_NUMBER] || line_no <= 2))) {
			add_line(dropped, s, n);
			ndropped++;
			continue;
		}
		size_t keep = n;
		if (lw.tail < n && words) {   /* "... 10:21 //": the bubble's time */
			add_line(dropped, s + lw.tail, n - lw.tail);
			keep = lw.tail;
		}
		size_t before = kept->len;
		add_line(kept, s, keep);
		if (line_no <= 4 && words <= 4 && kept->len > before)
			name_at = before;
	}
	return ndropped;
}
