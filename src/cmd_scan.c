/*
 * cmd_scan.c: saring scan: screen exported WhatsApp chats as a stream.
 *
 * Each message with enough words goes through the same matcher as
 * check. Forwards repeat, so messages with the same canonical tokens are
 * matched once and counted (a bounded table: memory stays flat however
 * long the chat). Output flows as messages are read; the summary for
 * people comes at the end.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>

#include "i18n.h"
#include "chat.h"
#include "commands.h"
#include "hmap.h"
#include "match.h"
#include "normalize.h"
#include "out.h"
#include "report.h"
#include "util.h"

#define SEEN_MAX 50000     /* distinct messages remembered for deduplication */
#define EXCERPT 160        /* bytes of text kept for the summary */
#define SENDERS_MAX 64     /* distinct senders counted exactly per message */

/* What one distinct message (or one matched document) looked like. */
struct seen {
	enum verdict verdict;
	double score;
	char *match_id, *label, *title, *url;   /* owned; NULL when no match */
	char *excerpt;      /* owned: the first copy's text, cut */
	char *first, *last; /* owned: ISO times of the first and last copies */
	long copies;
	uint32_t senders[SENDERS_MAX];  /* sender hashes */
	int nsenders;       /* distinct senders (exact up to SENDERS_MAX) */
};

struct scan {
	struct matcher *m;
	enum out_format format;
	unsigned only;      /* bit per verdict printed; 0 = all */
	long min_words;
	int anonymize;
	uint64_t salt;
	struct hmap seen;   /* canonical text hash -> struct seen * */
	struct hmap hoaxes; /* matched hoax/altered document id -> struct seen * */
	long read, screened, skipped_kind[4], short_msgs;
	long verdicts[V_HOAX + 1];
	int status;
	struct hmap days;   /* "YYYY-MM-DD" -> messages flagged hoax or altered that day */
};

struct fingerprint {
	uint64_t h;
	long words;
};

static int fp_token(void *ctx, const struct token *t)
{
	struct fingerprint *f = ctx;
	f->words++;
	if (!(t->flags & TF_STOP)) {
		f->h ^= hash64(t->text, t->len) + 0x9e3779b97f4a7c15ULL + (f->h << 6) + (f->h >> 2);
	}
	return 0;
}

static void seen_free(struct seen *s)
{
	free(s->match_id); free(s->label); free(s->title); free(s->url);
	free(s->excerpt); free(s->first); free(s->last);
	free(s);
}

static void free_all(struct hmap *m)
{
	for (size_t i = 0; i < m->cap; i++)
		if (m->slots[i].key)
			seen_free(m->slots[i].val.ptr);
	hmap_free(m);
}

/* Keep the table bounded: forget messages seen once, or everything if need be. */
static void prune(struct hmap *m)
{
	struct hmap keep = HMAP_INIT;
	for (size_t i = 0; i < m->cap; i++) {
		struct hmap_entry *e = &m->slots[i];
		if (!e->key)
			continue;
		struct seen *s = e->val.ptr;
		if (s->copies > 1 && keep.len < SEEN_MAX / 2)
			hmap_put(&keep, e->key, e->klen, NULL)->val.ptr = s;
		else
			seen_free(s);
	}
	hmap_free(m);
	*m = keep;
}

static void add_sender(struct seen *s, const char *sender, const char *time)
{
	uint32_t h = (uint32_t)hash64(sender, strlen(sender));
	int known = 0;
	for (int i = 0; i < s->nsenders && i < SENDERS_MAX; i++)
		if (s->senders[i] == h)
			known = 1;
	if (!known) {
		if (s->nsenders < SENDERS_MAX)
			s->senders[s->nsenders] = h;
		s->nsenders++;
	}
	s->copies++;
	if (time && *time) {
		if (!s->first || strcmp(time, s->first) < 0) {
			free(s->first);
			s->first = xstrdup(time);
		}
		if (!s->last || strcmp(time, s->last) > 0) {
			free(s->last);
			s->last = xstrdup(time);
		}
	}
}

/* The sender as printed: a keyed hash with --anonymize. */
static void sender_name(const struct scan *sc, const char *sender, char *out, size_t n)
{
	if (!sc->anonymize) {
		snprintf(out, n, "%s", sender);
		return;
	}
	struct strbuf sb = STRBUF_INIT;
	sb_add(&sb, (const char *)&sc->salt, sizeof sc->salt);
	sb_puts(&sb, sender);
	snprintf(out, n, "anon-%08llx", (unsigned long long)(hash64(sb.buf, sb.len) & 0xffffffffULL));
	sb_release(&sb);
}

/* Mask phone numbers and e-mail addresses in text, for --anonymize. */
struct masking {
	struct strbuf *out;
	const char *src;
	size_t done;
};

static int mask_token(void *ctx, const struct token *t)
{
	struct masking *mk = ctx;
	if (!(t->flags & TF_PLACE))
		return 0;
	sb_add(mk->out, mk->src + mk->done, t->start - mk->done);
	sb_puts(mk->out, t->text[1] == 't' ? "[nomor telepon]" : "[email]");
	mk->done = t->end;
	return 0;
}

static char *excerpt_of(const struct scan *sc, const char *text, size_t len)
{
	struct strbuf sb = STRBUF_INIT;
	if (sc->anonymize) {
		struct masking mk = { &sb, text, 0 };
		norm_text(text, len, 0, mask_token, &mk, NULL, NULL);
		sb_add(&sb, text + mk.done, len - mk.done);
	} else {
		sb_add(&sb, text, len);
	}
	if (sb.len > EXCERPT) {
		size_t cut = EXCERPT;
		while (cut > 0 && ((unsigned char)sb.buf[cut] & 0xC0) == 0x80)
			cut--;
		sb.len = cut;
		sb_puts(&sb, "…");
	}
	for (size_t i = 0; i < sb.len; i++)
		if (sb.buf[i] == '\n' || sb.buf[i] == '\t' || sb.buf[i] == '\r')
			sb.buf[i] = ' ';
	return sb_detach(&sb);
}

static void print_line(struct scan *sc, const char *file, const struct chat_msg *msg,
		       const struct seen *s)
{
	if (sc->format == OUT_HUMAN || (sc->only && !(sc->only & (1u << s->verdict))))
		return;
	char sender[64];
	sender_name(sc, msg->sender, sender, sizeof sender);
	if (sc->format == OUT_JSON) {
		json_t *o = json_object();
		json_object_set_new(o, "file", json_string(file));
		json_object_set_new(o, "line", json_integer(msg->line));
		json_object_set_new(o, "time", out_str(msg->time));
		json_object_set_new(o, "sender", out_str(sender));
		json_object_set_new(o, "verdict", json_string(verdict_name(s->verdict)));
		json_object_set_new(o, "score", json_real(s->score));
		json_t *mt = json_null();
		if (s->match_id && s->verdict != V_UNKNOWN)
			mt = json_pack("{s:o,s:o,s:o,s:o}", "id", out_str(s->match_id), "label",
				       out_str(s->label), "title", out_str(s->title), "url", out_str(s->url));
		json_object_set_new(o, "match", mt);
		json_object_set_new(o, "copies", json_integer(s->copies));
		out_json_line(o);
	} else {
		out_tsv_field(stdout, file);
		printf("\t%ld\t", msg->line);
		out_tsv_field(stdout, msg->time);
		putchar('\t');
		out_tsv_field(stdout, sender);
		printf("\t%s\t%.4f\t", verdict_name(s->verdict), s->score);
		int shown = s->match_id && s->verdict != V_UNKNOWN;
		out_tsv_field(stdout, shown ? s->match_id : "");
		putchar('\t');
		out_tsv_field(stdout, shown ? s->title : "");
		printf("\t%ld\n", s->copies);
	}
}

static struct seen *new_seen(const struct result *r)
{
	struct seen *s = xcalloc(1, sizeof *s);
	s->verdict = r->verdict;
	s->score = r->score;
	if (r->nm) {
		const struct match *b = &r->m[0];
		s->match_id = b->id ? xstrdup(b->id) : NULL;
		s->label = b->label ? xstrdup(b->label) : NULL;
		s->title = b->title ? xstrdup(b->title) : NULL;
		s->url = b->url ? xstrdup(b->url) : NULL;
	}
	return s;
}

static void screen(struct scan *sc, const char *file, const struct chat_msg *msg)
{
	struct fingerprint fp = { 1469598103934665603ULL, 0 };
	norm_text(msg->text, msg->text_len, NORM_STEM | NORM_KEEP_STOP, fp_token, &fp, NULL, NULL);
	if (fp.words < sc->min_words) {
		sc->short_msgs++;
		return;
	}
	sc->screened++;
	int isnew;
	struct hmap_entry *e = hmap_put(&sc->seen, (const char *)&fp.h, sizeof fp.h, &isnew);
	struct seen *s = e->val.ptr;
	if (isnew) {
		struct match_opts o = { 1, 0, "", "" };
		struct result r;
		matcher_check(sc->m, msg->text, msg->text_len, &o, &r);
		s = e->val.ptr = new_seen(&r);
		s->excerpt = excerpt_of(sc, msg->text, msg->text_len);
		result_clear(&r);
	}
	add_sender(s, msg->sender, msg->time);
	sc->verdicts[s->verdict]++;
	if (s->verdict == V_HOAX || s->verdict == V_ALTERED) {
		sc->status = EXIT_HOAX;
		struct hmap_entry *h = hmap_put(&sc->hoaxes, s->match_id, strlen(s->match_id), &isnew);
		if (isnew) {
			struct seen *d = xcalloc(1, sizeof *d);
			d->verdict = s->verdict;
			d->score = s->score;
			d->match_id = xstrdup(s->match_id);
			d->title = s->title ? xstrdup(s->title) : NULL;
			d->url = s->url ? xstrdup(s->url) : NULL;
			d->label = s->label ? xstrdup(s->label) : NULL;
			h->val.ptr = d;
		}
		add_sender(h->val.ptr, msg->sender, msg->time);
		if (msg->time && strlen(msg->time) >= 10)
			hmap_put(&sc->days, msg->time, 10, NULL)->val.num++;
	}
	print_line(sc, file, msg, s);
	if (sc->seen.len >= SEEN_MAX)
		prune(&sc->seen);
}

static int by_copies(const void *a, const void *b)
{
	const struct seen *x = *(struct seen *const *)a, *y = *(struct seen *const *)b;
	return (x->copies < y->copies) - (x->copies > y->copies);
}

/* Entries of m matching want (a verdict bit set), most copies first. */
static struct seen **ranked(const struct hmap *m, unsigned want, size_t *n)
{
	struct seen **v = xmalloc((m->len + 1) * sizeof *v);
	*n = 0;
	for (size_t i = 0; i < m->cap; i++) {
		struct seen *s = m->slots[i].val.ptr;
		if (!m->slots[i].key || !(want & (1u << s->verdict)))
			continue;
		if (s->verdict == V_UNKNOWN && s->copies < 2)
			continue;   /* a single unknown message is no lead */
		v[(*n)++] = s;
	}
	qsort(v, *n, sizeof *v, by_copies);
	return v;
}

/* "2 copies" in the reader's language (static buffer: one call per printf argument). */
static const char *copies(long n)
{
	static char buf[64];
	snprintf(buf, sizeof buf, ngettext("%ld copy", "%ld copies", (unsigned long)n), n);
	return buf;
}

static const char *senders(long n)
{
	static char buf[64];
	snprintf(buf, sizeof buf, ngettext("%ld sender", "%ld senders", (unsigned long)n), n);
	return buf;
}

static void summary(const struct scan *sc, int top)
{
	printf(_("Messages read:      %ld\n"), sc->read);
	printf(_("Screened:           %ld (%ld too short, %ld system, %ld media, %ld deleted)\n"),
	       sc->screened, sc->short_msgs, sc->skipped_kind[CHAT_SYSTEM],
	       sc->skipped_kind[CHAT_MEDIA], sc->skipped_kind[CHAT_DELETED]);
	for (int v = V_HOAX; v >= V_UNKNOWN; v--)
		printf("  %-14s %ld\n", verdict_title((enum verdict)v), sc->verdicts[v]);
	size_t n;
	struct seen **h = ranked(&sc->hoaxes, 1u << V_HOAX | 1u << V_ALTERED, &n);
	printf("\n%s\n", n ? _("Known hoaxes in this chat:") : _("Known hoaxes in this chat: none found"));
	for (size_t i = 0; i < n && i < (size_t)top; i++) {
		printf("  %s, %s, %s %s  [%s] %s\n", copies(h[i]->copies), senders(h[i]->nsenders),
		       _("first"), h[i]->first ? h[i]->first : "?", h[i]->match_id, h[i]->title ? h[i]->title : "");
		if (h[i]->url)
			printf("      %s\n", h[i]->url);
	}
	free(h);
	struct seen **u = ranked(&sc->seen, 1u << V_SIMILAR | 1u << V_UNKNOWN, &n);
	printf("\n%s\n", _("Related to known documents, or forwarded more than once (check these next):"));
	if (!n)
		printf("  %s\n", _("none"));
	for (size_t i = 0; i < n && i < (size_t)top; i++)
		printf("  %s, %s, %s %s: %s\n", copies(u[i]->copies), verdict_title(u[i]->verdict),
		       _("first"), u[i]->first ? u[i]->first : "?", u[i]->excerpt);
	free(u);
	printf("\n%s\n", _("UNKNOWN means not in the database, not that a message is true."));
}

static int by_key(const void *a, const void *b)
{
	return strcmp((*(const struct hmap_entry *const *)a)->key, (*(const struct hmap_entry *const *)b)->key);
}

/* An SVG bar chart of flagged messages per day (the days that had any). */
static void html_chart(FILE *f, const struct hmap *days)
{
	const struct hmap_entry **v = xmalloc((days->len + 1) * sizeof *v);
	size_t n = 0;
	long max = 1;
	for (size_t i = 0; i < days->cap; i++)
		if (days->slots[i].key) {
			v[n++] = &days->slots[i];
			if (days->slots[i].val.num > max)
				max = (long)days->slots[i].val.num;
		}
	qsort(v, n, sizeof *v, by_key);
	int bar = n > 60 ? 6 : 18, gap = 4, h = 140;
	int width = (int)n * (bar + gap) + 40;
	fprintf(f, "<svg role=\"img\" aria-label=\"%s\" width=\"%d\" height=\"%d\" "
		   "viewBox=\"0 0 %d %d\">\n", _("flagged messages per day"), width, h + 40, width, h + 40);
	for (size_t i = 0; i < n; i++) {
		int bh = (int)(h * v[i]->val.num / max);
		int x = 20 + (int)i * (bar + gap);
		fprintf(f, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"#c0392b\">"
			   "<title>%s: %lld</title></rect>\n", x, h - bh + 10, bar, bh, v[i]->key,
			(long long)v[i]->val.num);
		if (n <= 31 || i == 0 || i + 1 == n)
			fprintf(f, "<text x=\"%d\" y=\"%d\" font-size=\"9\" transform=\"rotate(45 %d %d)\">%s</text>\n",
				x, h + 22, x, h + 22, v[i]->key + 5);
	}
	fputs("</svg>\n", f);
	free(v);
}

/* The report for the local Diskominfo: one self-contained HTML file, no scripts. */
static int write_html(const struct scan *sc, const char *path, int top)
{
	FILE *f = fopen(path, "w");
	if (!f) {
		warnx_(_("%s: cannot write the report: %s"), path, strerror(errno));
		return -1;
	}
	fprintf(f, "<!DOCTYPE html>\n<html lang=\"%s\"><head><meta charset=\"utf-8\">\n"
		   "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>%s</title>\n",
		i18n_lang(), _("saring: chat screening report"));
	fputs("<style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;"
	      "color:#222;line-height:1.45}h1{font-size:1.5rem}table{border-collapse:collapse;width:100%}"
	      "td,th{border-bottom:1px solid #ddd;padding:.35rem .5rem;text-align:left;vertical-align:top}"
	      ".n{text-align:right;white-space:nowrap}.hoax{color:#c0392b;font-weight:bold}"
	      ".note{background:#fff6dd;padding:.6rem;border-radius:.4rem}</style></head><body>\n", f);
	fprintf(f, "<h1>%s</h1>\n", _("saring: chat screening report"));
	fprintf(f, "<p>%s: %ld &middot; %s: %ld</p>\n", _("Messages read"), sc->read, _("Screened"), sc->screened);
	fprintf(f, "<h2>%s</h2>\n<table>\n", _("Verdicts"));
	for (int v = V_HOAX; v >= V_UNKNOWN; v--)
		fprintf(f, "<tr><td>%s</td><td class=\"n\">%ld</td></tr>\n",
			verdict_title((enum verdict)v), sc->verdicts[v]);
	fprintf(f, "</table>\n<h2>%s</h2>\n", _("Flagged messages per day"));
	if (sc->days.len)
		html_chart(f, &sc->days);
	else
		fprintf(f, "<p>%s</p>\n", _("none"));
	size_t n;
	struct seen **h = ranked(&sc->hoaxes, 1u << V_HOAX | 1u << V_ALTERED, &n);
	fprintf(f, "<h2>%s</h2>\n", _("Known hoaxes in this chat"));
	if (!n)
		fprintf(f, "<p>%s</p>\n", _("none"));
	else
		fprintf(f, "<table><tr><th>%s</th><th class=\"n\">%s</th><th class=\"n\">%s</th><th>%s</th></tr>\n",
			_("Document"), _("Copies"), _("Senders"), _("First seen"));
	for (size_t i = 0; i < n && i < (size_t)top; i++) {
		fprintf(f, "<tr><td><span class=\"hoax\">%s</span> ", verdict_title(h[i]->verdict));
		if (h[i]->url) {
			fputs("<a href=\"", f);
			out_html(f, h[i]->url);
			fputs("\">", f);
		}
		out_html(f, h[i]->title ? h[i]->title : h[i]->match_id);
		fputs(h[i]->url ? "</a>" : "", f);
		fputs(" <small>[", f);
		out_html(f, h[i]->match_id);
		fprintf(f, "]</small></td><td class=\"n\">%ld</td><td class=\"n\">%d</td><td>", h[i]->copies,
			h[i]->nsenders);
		out_html(f, h[i]->first ? h[i]->first : "?");
		fputs("</td></tr>\n", f);
	}
	if (n)
		fputs("</table>\n", f);
	free(h);
	struct seen **u = ranked(&sc->seen, 1u << V_SIMILAR | 1u << V_UNKNOWN, &n);
	fprintf(f, "<h2>%s</h2>\n", _("Related to known documents, or forwarded more than once (check these next):"));
	if (!n)
		fprintf(f, "<p>%s</p>\n", _("none"));
	else
		fprintf(f, "<table><tr><th>%s</th><th class=\"n\">%s</th><th>%s</th></tr>\n",
			_("Message"), _("Copies"), _("First seen"));
	for (size_t i = 0; i < n && i < (size_t)top; i++) {
		fprintf(f, "<tr><td>%s: ", verdict_title(u[i]->verdict));
		out_html(f, u[i]->excerpt);
		fprintf(f, "</td><td class=\"n\">%ld</td><td>", u[i]->copies);
		out_html(f, u[i]->first ? u[i]->first : "?");
		fputs("</td></tr>\n", f);
	}
	if (n)
		fputs("</table>\n", f);
	free(u);
	fprintf(f, "<p class=\"note\">%s</p>\n", _("UNKNOWN means not in the database, not that a message is true."));
	if (sc->anonymize)
		fprintf(f, "<p><small>%s</small></p>\n", _("Anonymized: phone numbers and e-mail addresses are masked."));
	fputs("</body></html>\n", f);
	if (fclose(f) != 0) {
		warnx_(_("%s: cannot write the report: %s"), path, strerror(errno));
		return -1;
	}
	return 0;
}

static int parse_only(const char *list, unsigned *only)
{
	char *dup = xstrdup(list), *save = NULL;
	*only = 0;
	for (char *t = strtok_r(dup, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
		int found = 0;
		for (int v = V_UNKNOWN; v <= V_HOAX; v++)
			if (!strcmp(t, verdict_name((enum verdict)v))) {
				*only |= 1u << v;
				found = 1;
			}
		if (!found) {
			free(dup);
			return -1;
		}
	}
	free(dup);
	return 0;
}

int cmd_scan(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "tsv", no_argument, NULL, 't' },
		{ "only", required_argument, NULL, 'o' },
		{ "min-words", required_argument, NULL, 'w' },
		{ "anonymize", no_argument, NULL, 'a' },
		{ "salt", required_argument, NULL, 's' },
		{ "date-order", required_argument, NULL, 'D' },
		{ "top", required_argument, NULL, 'n' },
		{ "html", required_argument, NULL, 'H' },
		{ "db", required_argument, NULL, 'd' },
		{ NULL, 0, NULL, 0 },
	};
	struct scan sc = { 0 };
	const char *html = NULL;
	sc.format = OUT_HUMAN;
	sc.min_words = 4;
	enum date_order order = DATE_AUTO;
	const char *db = global_db, *salt = NULL;
	int top = 10, c;
	while ((c = getopt_long(argc, argv, "n:", longopts, NULL)) != -1) {
		switch (c) {
		case 'j': sc.format = OUT_JSON; break;
		case 't': sc.format = OUT_TSV; break;
		case 'o':
			if (parse_only(optarg, &sc.only) < 0)
				return usage_error(_("--only wants verdicts (hoax,altered,official,similar,unknown), not '%s'"), optarg);
			break;
		case 'w': {
			char *end;
			sc.min_words = strtol(optarg, &end, 10);
			if (*end || sc.min_words < 1 || sc.min_words > 1000)
				return usage_error(_("--min-words wants a number from 1 to 1000, not '%s'"), optarg);
			break;
		}
		case 'a': sc.anonymize = 1; break;
		case 's': salt = optarg; break;
		case 'D':
			if (chat_parse_date_order(optarg, &order) < 0)
				return usage_error(_("--date-order wants dmy, mdy or ymd, not '%s'"), optarg);
			break;
		case 'n':
			top = atoi(optarg);
			if (top < 1)
				return usage_error(_("--top wants a positive number"));
			break;
		case 'H': html = optarg; break;
		case 'd': db = optarg; break;
		default: return usage_error(_("unknown option"));
		}
	}
	if (optind == argc)
		return usage_error(_("no chat export given (use - for standard input)"));
	if (salt)
		sc.salt = hash64(salt, strlen(salt));
	else if (getrandom(&sc.salt, sizeof sc.salt, 0) != (ssize_t)sizeof sc.salt)
		die(EXIT_SYSTEM, _("cannot get random bytes for --anonymize"));
	struct store *st = store_open(db, STORE_READ);
	sc.m = matcher_new(st);
	int status = EXIT_CLEAN;
	for (int i = optind; i < argc; i++) {
		char *err = NULL;
		const char *file = argv[i];
		struct chat_reader *r = chat_open(file, order, &err);
		if (!r) {
			warnx_(_("%s"), err);
			free(err);
			status = EXIT_USAGE;
			continue;
		}
		struct chat_msg msg;
		int rc;
		while ((rc = chat_next(r, &msg)) > 0) {
			sc.read++;
			const char *caption = msg.kind == CHAT_MEDIA ? memchr(msg.text, '\n', msg.text_len) : NULL;
			if (caption) {   /* a photo's caption can carry the hoax */
				caption++;
				msg.text_len -= (size_t)(caption - msg.text);
				msg.text = caption;
				msg.kind = CHAT_TEXT;
			}
			if (msg.kind != CHAT_TEXT)
				sc.skipped_kind[msg.kind]++;
			else
				screen(&sc, file, &msg);
		}
		if (rc < 0) {
			warnx_(_("%s"), chat_error(r));
			status = EXIT_USAGE;
		}
		chat_close(r);
	}
	if (sc.format == OUT_HUMAN)
		summary(&sc, top);
	if (html && write_html(&sc, html, top) < 0)
		status = EXIT_SYSTEM;
	matcher_free(sc.m);
	store_close(st);
	free_all(&sc.seen);
	free_all(&sc.hoaxes);
	hmap_free(&sc.days);
	return status > sc.status ? status : sc.status;
}
