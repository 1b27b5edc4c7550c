/* report.c: verdicts for people, JSON Lines and TSV. */
#include "i18n.h"
#include "report.h"

#include <math.h>
#include <stdio.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "out.h"
#include "reply.h"
#include "text.h"
#include "util.h"

void report_begin(struct report *r, struct store *st)
{
	r->m = matcher_new(st);
}

void report_end(struct report *r)
{
	matcher_free(r->m);
	r->m = NULL;
}

const char *verdict_sentence(enum verdict v)
{
	switch (v) {
	case V_HOAX:
		return _("matches a known hoax: see the debunk below before forwarding");
	case V_ALTERED:
		return _("follows an official release but changes its numbers, amounts or dates");
	case V_OFFICIAL:
		return _("matches an official release");
	case V_SIMILAR:
		return _("related documents exist but none matches closely: read them before you decide");
	case V_UNKNOWN:
		break;
	}
	return _("nothing in the database is close to this message. This is not evidence "
		 "that it is true: check official channels before forwarding");
}

const char *verdict_title(enum verdict v)
{
	switch (v) {
	case V_HOAX: return _("HOAX");
	case V_ALTERED: return _("ALTERED");
	case V_OFFICIAL: return _("OFFICIAL");
	case V_SIMILAR: return _("SIMILAR");
	case V_UNKNOWN: break;
	}
	return _("UNKNOWN");
}

static const char *verdict_color(enum verdict v)
{
	switch (v) {
	case V_HOAX: case V_ALTERED: return "\033[1;31m";
	case V_OFFICIAL: return "\033[1;32m";
	case V_SIMILAR: return "\033[1;33m";
	case V_UNKNOWN: break;
	}
	return "\033[1m";
}

json_t *report_json(json_t *id, const struct result *res)
{
	json_t *o = json_object();
	json_object_set(o, "id", id ? id : json_null());
	json_object_set_new(o, "verdict", json_string(verdict_name(res->verdict)));
	json_object_set_new(o, "score", json_real(res->score));
	json_t *ms = json_array();
	for (size_t i = 0; i < res->nm; i++) {
		const struct match *c = &res->m[i];
		json_t *j = json_object();
		json_object_set_new(j, "id", out_str(c->id));
		json_object_set_new(j, "label", out_str(c->label));
		json_object_set_new(j, "rating", out_str(c->rating));
		json_object_set_new(j, "score", json_real(c->score));
		json_object_set_new(j, "match", json_boolean(c->is_match));
		json_object_set_new(j, "title", out_str(c->title));
		json_object_set_new(j, "publisher", out_str(c->publisher));
		json_object_set_new(j, "url", out_str(c->url));
		json_object_set_new(j, "date", out_str(c->date));
		char *snip = c->snippet ? out_snippet(c->snippet, c->hits, c->nhits, out_hl_open(0), out_hl_close(0)) : NULL;
		json_object_set_new(j, "snippet", out_str(snip));
		free(snip);
		/* bits to one decimal: the JSON's four significant digits would drop them */
		json_object_set_new(j, "evidence", json_pack("{s:f,s:f,s:f,s:[I,I]}",
			"bits", round(c->bits * 10) / 10, "words", c->words, "pairs", c->seq,
			"span", (json_int_t)c->start, (json_int_t)c->end));
		json_array_append_new(ms, j);
	}
	json_object_set_new(o, "matches", ms);
	json_t *notes = json_array();
	for (size_t i = 0; i < res->nnotes; i++) {
		char *t = note_text(&res->notes[i], 0);
		json_array_append_new(notes, out_str(t));
		free(t);
	}
	json_object_set_new(o, "notes", notes);
	return o;
}

static void print_human(const struct report *r, const struct result *res)
{
	int col = r->color;
	printf("%s%s%s  %s", out_sgr(col, verdict_color(res->verdict)), verdict_title(res->verdict),
	       out_sgr(col, "\033[0m"), verdict_sentence(res->verdict));
	if (res->nm)
		printf(_(" (score %.2f)"), res->score);
	printf("\n");
	size_t show = res->verdict == V_UNKNOWN ? 0 : res->nm;
	if (show)
		printf("\n%s\n", _("Closest sources:"));
	for (size_t k = 0; k < show; k++) {
		const struct match *c = &res->m[k];
		char *snip = c->snippet ? out_snippet(c->snippet, c->hits, c->nhits, out_hl_open(col), out_hl_close(col)) : NULL;
		out_source(stdout, col, (int)k + 1, c->label, c->rating, c->title, c->publisher,
			   c->date, c->url, snip, c->score);
		free(snip);
		printf(_("     why: %.0f%% of the message's words and %.0f%% of its word pairs are in it"
			 "; the message covers %.0f%% of it\n"),
		       100 * c->words, 100 * c->seq, 100 * (c->dwords + c->dseq) / 2);
	}
	for (size_t k = 0; k < res->nnotes; k++) {
		char *t = note_text(&res->notes[k], 1);
		printf("%s%s ", show ? "\n" : "", _("note:"));
		out_term(stdout, t, 1);
		putchar('\n');
		free(t);
	}
	if (res->verdict == V_UNKNOWN && res->nm && res->score > 0)
		printf(_("(the nearest document scored %.2f, below the %.2f needed to show it)\n"),
		       res->score, res->show_at);
}

static void print_tsv(const struct result *res, json_t *id)
{
	if (id && json_is_string(id))
		out_tsv_field(stdout, json_string_value(id));
	else if (id && json_is_integer(id))
		printf("%lld", (long long)json_integer_value(id));
	printf("\t%s\t%.4f\t", verdict_name(res->verdict), res->score);
	const struct match *c = res->nm ? &res->m[0] : NULL;
	out_tsv_field(stdout, c ? c->id : "");
	putchar('\t');
	out_tsv_field(stdout, c ? c->label : "");
	putchar('\t');
	out_tsv_field(stdout, c ? c->title : "");
	putchar('\t');
	out_tsv_field(stdout, c ? c->url : "");
	putchar('\n');
}

/* What was read from an image, so that a reader sees why it matched (and what was left out). */
static void print_ocr(const struct ocr_text *t, const char *name)
{
	printf(_("Text read from the image %s (confidence %.0f%%):\n"), name, 100 * t->confidence);
	for (const char *p = t->text; *p;) {   /* wrapped at a space before 72 bytes */
		size_t n = strlen(p);
		if (n > 72) {
			size_t cut = 72;
			while (cut > 0 && p[cut] != ' ')
				cut--;
			n = cut ? cut : strcspn(p, " ");
		}
		printf("  | %.*s\n", (int)n, p);
		p += n;
		while (*p == ' ')
			p++;
	}
	if (*t->dropped) {
		fputs(_("Left out as the phone's status bar and app chrome:"), stdout);
		for (const char *p = t->dropped; *p;) {
			size_t n = strcspn(p, "\n");
			printf(" %.*s%s", (int)n, p, p[n] ? " ·" : "");
			p += n + (p[n] == '\n');
		}
		putchar('\n');
	}
	putchar('\n');
}

static int blank(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\n' && s[i] != '\r')
			return 0;
	return 1;
}

int report_one(struct report *r, json_t *id, const char *text, size_t len,
		const char *name, long line)
{
	if (blank(text, len)) {
		warnx_(_("%s:%ld: empty message, nothing to check"), name, line);
		return EXIT_USAGE;
	}
	struct strbuf clean = STRBUF_INIT;
	if (utf8_sanitize(text, len, &clean))
		warnx_(_("%s:%ld: invalid UTF-8 in the message, replaced"), name, line);
	struct match_opts o = { r->topn, r->format != OUT_TSV };
	struct result res;
	matcher_check(r->m, clean.buf, clean.len, &o, &res);
	r->verdicts[res.verdict]++;
	switch (r->format) {
	case OUT_HUMAN:
		if (r->ocr)
			print_ocr(r->ocr, name);
		print_human(r, &res);
		break;
	case OUT_JSON: {
		json_t *j = report_json(id, &res);
		if (r->ocr)
			json_object_set_new(j, "ocr", json_pack("{s:o,s:f,s:o}", "text", out_str(r->ocr->text),
				"confidence", round(r->ocr->confidence * 100) / 100, "dropped", out_str(r->ocr->dropped)));
		out_json_line(j);
		break;
	}
	case OUT_TSV: print_tsv(&res, id); break;
	case OUT_REPLY: {
		char *t = reply_text(&res);
		out_term(stdout, t, 1);
		free(t);
		break;
	}
	}
	int status = (res.verdict == V_HOAX || res.verdict == V_ALTERED) ? EXIT_HOAX : EXIT_CLEAN;
	result_clear(&res);
	sb_release(&clean);
	return status;
}

/* One line of a JSON Lines batch: a result line, or an error line (one output line per input line). */
static int jsonl_line(struct report *r, const char *rec, size_t n, int too_long, const char *name, long line)
{
	json_error_t err;
	json_t *o = too_long ? NULL : json_loadb(rec, n, JSON_DECODE_ANY, &err);
	json_t *text = o ? json_object_get(o, "text") : NULL;
	int s;
	if (!o || !json_is_object(o) || !json_is_string(text)) {
		const char *why = too_long ? _("line longer than 64 MB, skipped") : !o ? err.text
				: !json_is_object(o) ? _("not a JSON object") : _("no \"text\" string");
		warnx_(_("%s:%ld: %s"), name, line, why);
		json_t *e = json_object();
		json_object_set(e, "id", o && json_is_object(o) && json_object_get(o, "id")
					 ? json_object_get(o, "id") : json_null());
		json_object_set_new(e, "error", json_string(why));
		if (r->format == OUT_JSON) {
			out_json_line(e);
		} else {
			if (r->format == OUT_TSV)
				printf("\terror\t\t\t\t\t\n");
			json_decref(e);
		}
		s = EXIT_USAGE;
	} else {
		s = report_one(r, json_object_get(o, "id"), json_string_value(text),
			       json_string_length(text), name, line);
	}
	json_decref(o);
	return s;
}

int report_jsonl(struct report *r, FILE *in, const char *name)
{
	int status = EXIT_CLEAN, got;
	long line = 0;
	struct strbuf rec = STRBUF_INIT;
	matcher_batch(r->m, 1);
	while ((got = read_line(in, &rec, INPUT_MAX)) > 0) {
		line++;
		if (blank(rec.buf, rec.len))
			continue;
		int s = jsonl_line(r, rec.buf, rec.len, got == 2, name, line);
		if (s > status)
			status = s;
	}
	if (got < 0) {
		warnx_(_("%s: read error"), name);
		status = EXIT_USAGE;
	}
	matcher_batch(r->m, 0);
	sb_release(&rec);
	return status;
}
