/*
 * report_scan.c: the scan summary for people, on the terminal and as an
 * HTML file, and the line per message of scan --json and --tsv.
 */
#include "report_scan.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "hmap.h"
#include "i18n.h"
#include "note.h"
#include "out.h"
#include "report.h"
#include "util.h"

const struct scan_section scan_sections[SCAN_SECTIONS] = {
	{ 1, 1u << V_HOAX, N_("Known hoaxes in this chat:"), N_("Known hoaxes in this chat: none found"),
	  N_("Known hoaxes in this chat"), 0, "hoaxes" },
	{ 1, 1u << V_ALTERED, N_("Official releases passed on with numbers or dates changed:"), NULL,
	  N_("Official releases passed on with numbers or dates changed"), 1, "altered" },
	{ 0, 1u << V_SIMILAR | 1u << V_UNKNOWN,
	  N_("Related to known documents, or forwarded more than once (check these next):"), NULL,
	  N_("Related to known documents, or forwarded more than once (check these next):"), 0, NULL },
};

const char *scan_heading(const struct scan_section *s, size_t n, int file, int *none)
{
	*none = 0;
	if (!n && s->omit_empty)
		return NULL;
	if (!n && !file && s->none_heading)
		return _(s->none_heading);
	*none = !n;
	return _(file ? s->file_heading : s->heading);
}

void scan_line(void *lines, const struct scan *sc, const char *file, const struct chat_msg *msg,
	       const struct sighting *s, const char *image)
{
	const struct scan_lines *l = lines;
	if (l->format == OUT_HUMAN || (l->only && !(l->only & (1u << s->verdict))))
		return;
	/* the sender and the export as printed, whole: pseudonyms with --anonymize */
	struct strbuf name = STRBUF_INIT, path = STRBUF_INIT;
	if (sc->sc.anonymize) {
		anon_name(&sc->anon, msg->sender, &name);
		anon_file(&sc->anon, file, &path);
	} else {
		sb_puts(&name, msg->sender);
		sb_puts(&path, file);
	}
	const char *sender = name.buf;
	file = path.buf;
	if (l->format == OUT_JSON) {
		json_t *o = json_object();
		json_object_set_new(o, "file", json_string(file));
		json_object_set_new(o, "line", json_integer(msg->line));
		json_object_set_new(o, "time", out_str(msg->time));
		json_object_set_new(o, "sender", out_str(sender));
		if (image)
			json_object_set_new(o, "image", out_str(image));
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
	sb_release(&name);
	sb_release(&path);
}

/* ---- the terminal ---- */

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

/* A matched document: copies, senders, first sighting, id, title, then its link and what was changed. */
static void term_document(const struct sighting *d)
{
	printf("  %s, %s, %s ", copies(d->copies), senders(d->nsenders), _("first"));
	out_term(stdout, *d->first ? d->first : "?", 0);
	fputs("  [", stdout);
	out_term(stdout, d->match_id, 0);
	fputs("] ", stdout);
	out_term(stdout, d->title, 0);
	putchar('\n');
	char *change = notes_joined(d->change, d->nchange, 1);
	const char *more[] = { d->url, change };
	for (int k = 0; k < 2; k++)
		if (more[k]) {
			fputs("      ", stdout);
			out_term(stdout, more[k], 0);
			putchar('\n');
		}
	free(change);
}

/* A message to check next: copies, verdict, first sighting, excerpt. */
static void term_message(const struct sighting *u)
{
	printf("  %s, %s, %s ", copies(u->copies), verdict_title(u->verdict), _("first"));
	out_term(stdout, *u->first ? u->first : "?", 0);
	fputs(": ", stdout);
	out_term(stdout, u->excerpt, 0);
	putchar('\n');
}

void scan_summary(const struct scan *sc, int top)
{
	const struct scan_images *im = &sc->images;
	printf(_("Messages read:      %ld\n"), sc->sc.read);
	printf(_("Screened:           %ld (%ld too short, %ld system, %ld media, %ld deleted)\n"),
	       sc->sc.screened, sc->sc.short_msgs, sc->sc.skipped_kind[CHAT_SYSTEM],
	       sc->sc.skipped_kind[CHAT_MEDIA], sc->sc.skipped_kind[CHAT_DELETED]);
	if (im->attached)
		printf(_("Images attached:    %ld (%ld read, %ld copies of one already read, "
			 "%ld not in the export, %ld unreadable)\n"), im->attached, im->read,
		       im->copies, im->missing, im->failed);
	for (int v = V_HOAX; v >= V_UNKNOWN; v--)
		printf("  %-14s %ld\n", verdict_title((enum verdict)v), sc->sc.verdicts[v]);
	for (int k = 0; k < SCAN_SECTIONS; k++) {
		const struct scan_section *s = &scan_sections[k];
		size_t n;
		int none;
		struct sighting **h = screening_ranked(&sc->sc, s->documents, s->want, &n);
		const char *heading = scan_heading(s, n, 0, &none);
		if (heading)
			printf("\n%s\n", heading);
		if (none)
			printf("  %s\n", _("none"));
		for (size_t i = 0; i < n && i < (size_t)top; i++)
			(s->documents ? term_document : term_message)(h[i]);
		free(h);
	}
	printf("\n%s\n", _("UNKNOWN means not in the database, not that a message is true."));
}

/* ---- the HTML file ---- */

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
	for (const struct hmap_entry *e = hmap_next(days, NULL); e; e = hmap_next(days, e)) {
		v[n++] = e;
		if (e->val.num > max)
			max = (long)e->val.num;
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

/* What the report may load and run: its own inline style, nothing else (no scripts, forms, frames). */
#define REPORT_CSP "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"

/* A table row for a matched document. */
static void html_document(FILE *f, const struct sighting *d)
{
	fprintf(f, "<tr><td><span class=\"hoax\">%s</span> ", verdict_title(d->verdict));
	int link = out_linkable(d->url);
	if (link) {
		fputs("<a href=\"", f);
		out_html(f, d->url);
		fputs("\" rel=\"noreferrer noopener\">", f);
	}
	out_html(f, d->title ? d->title : d->match_id);
	fputs(link ? "</a>" : "", f);
	fputs(" <small>[", f);
	out_html(f, d->match_id);
	fputs("]</small>", f);
	if (d->change) {
		char *change = notes_joined(d->change, d->nchange, 1);
		fputs("<br>", f);
		out_html(f, change);
		free(change);
	}
	fprintf(f, "</td><td class=\"n\">%ld</td><td class=\"n\">%d</td><td>", d->copies, d->nsenders);
	out_html(f, *d->first ? d->first : "?");
	fputs("</td></tr>\n", f);
}

/* A table row for a message to check next. */
static void html_message(FILE *f, const struct sighting *u)
{
	fprintf(f, "<tr><td>%s: ", verdict_title(u->verdict));
	out_html(f, u->excerpt);
	fprintf(f, "</td><td class=\"n\">%ld</td><td>", u->copies);
	out_html(f, *u->first ? u->first : "?");
	fputs("</td></tr>\n", f);
}

/* One section of the summary: its heading and table, or "none". */
static void html_section(FILE *f, const struct scan *sc, const struct scan_section *s, int top)
{
	size_t n;
	int none;
	struct sighting **h = screening_ranked(&sc->sc, s->documents, s->want, &n);
	const char *heading = scan_heading(s, n, 1, &none);
	if (heading)
		fprintf(f, "<h2>%s</h2>\n", heading);
	if (none)
		fprintf(f, "<p>%s</p>\n", _("none"));
	else if (n && s->documents)
		fprintf(f, "<table><tr><th>%s</th><th class=\"n\">%s</th><th class=\"n\">%s</th><th>%s</th></tr>\n",
			_("Document"), _("Copies"), _("Senders"), _("First seen"));
	else if (n)
		fprintf(f, "<table><tr><th>%s</th><th class=\"n\">%s</th><th>%s</th></tr>\n",
			_("Message"), _("Copies"), _("First seen"));
	for (size_t i = 0; i < n && i < (size_t)top; i++)
		(s->documents ? html_document : html_message)(f, h[i]);
	if (n)
		fputs("</table>\n", f);
	free(h);
}

int scan_html(const struct scan *sc, const char *path, int top)
{
	FILE *f = fopen(path, "w");
	if (!f) {
		warnx_(_("%s: cannot write the report: %s"), path, strerror(errno));
		return -1;
	}
	fprintf(f, "<!DOCTYPE html>\n<html lang=\"%s\"><head><meta charset=\"utf-8\">\n"
		   "<meta http-equiv=\"Content-Security-Policy\" content=\"%s\">\n"
		   "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>%s</title>\n",
		i18n_lang(), REPORT_CSP, _("saring: chat screening report"));
	fputs("<style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;"
	      "color:#222;line-height:1.45}h1{font-size:1.5rem}table{border-collapse:collapse;width:100%}"
	      "td,th{border-bottom:1px solid #ddd;padding:.35rem .5rem;text-align:left;vertical-align:top}"
	      ".n{text-align:right;white-space:nowrap}.hoax{color:#c0392b;font-weight:bold}"
	      ".note{background:#fff6dd;padding:.6rem;border-radius:.4rem}</style></head><body>\n", f);
	fprintf(f, "<h1>%s</h1>\n", _("saring: chat screening report"));
	fprintf(f, "<p>%s: %ld &middot; %s: %ld</p>\n", _("Messages read"), sc->sc.read, _("Screened"), sc->sc.screened);
	fprintf(f, "<h2>%s</h2>\n<table>\n", _("Verdicts"));
	for (int v = V_HOAX; v >= V_UNKNOWN; v--)
		fprintf(f, "<tr><td>%s</td><td class=\"n\">%ld</td></tr>\n",
			verdict_title((enum verdict)v), sc->sc.verdicts[v]);
	fprintf(f, "</table>\n<h2>%s</h2>\n", _("Flagged messages per day"));
	if (sc->sc.days.len)
		html_chart(f, &sc->sc.days);
	else
		fprintf(f, "<p>%s</p>\n", _("none"));
	for (int k = 0; k < SCAN_SECTIONS; k++)
		html_section(f, sc, &scan_sections[k], top);
	fprintf(f, "<p class=\"note\">%s</p>\n", _("UNKNOWN means not in the database, not that a message is true."));
	if (sc->sc.anonymize)
		fprintf(f, "<p><small>%s</small></p>\n", _("Anonymized: phone numbers and e-mail addresses are masked."));
	fputs("</body></html>\n", f);
	if (fclose(f) != 0) {
		warnx_(_("%s: cannot write the report: %s"), path, strerror(errno));
		return -1;
	}
	return 0;
}
