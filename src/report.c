/* report.c: verdicts for people, JSON Lines, TSV and replies (check's renderer). */
#include "report.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "note.h"
#include "out.h"
#include "reply.h"

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

void report_verdict(void *ctx, const struct check_msg *msg, const struct result *res)
{
	const struct report *r = ctx;
	switch (r->format) {
	case OUT_HUMAN:
		if (msg->ocr)
			print_ocr(msg->ocr, msg->name);
		print_human(r, res);
		break;
	case OUT_JSON: {
		json_t *j = report_json(msg->id, res);
		if (msg->ocr)
			json_object_set_new(j, "ocr", json_pack("{s:o,s:f,s:o}", "text", out_str(msg->ocr->text),
				"confidence", round(msg->ocr->confidence * 100) / 100, "dropped", out_str(msg->ocr->dropped)));
		out_json_line(j);
		break;
	}
	case OUT_TSV: print_tsv(res, msg->id); break;
	case OUT_REPLY: {
		char *t = reply_text(res);
		out_term(stdout, t, 1);
		free(t);
		break;
	}
	}
}

void report_bad_line(void *ctx, json_t *id, const char *why)
{
	const struct report *r = ctx;
	json_t *e = json_object();
	json_object_set(e, "id", id ? id : json_null());
	json_object_set_new(e, "error", json_string(why));
	if (r->format == OUT_JSON) {
		out_json_line(e);
	} else {
		if (r->format == OUT_TSV)
			printf("\terror\t\t\t\t\t\n");
		json_decref(e);
	}
}
