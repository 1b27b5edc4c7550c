/*
 * export.c: documents written as JSON Lines or as one schema.org
 * ClaimReview array (export.h), the shapes import reads back unchanged.
 */
#include "export.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "out.h"
#include "text.h"
#include "util.h"

/* A JSON string for s; invalid UTF-8 becomes U+FFFD so the output stays valid. */
static json_t *jstring(const char *s)
{
	size_t n = strlen(s);
	if (utf8_valid(s, n))
		return json_stringn_nocheck(s, n);
	struct strbuf sb = STRBUF_INIT;
	utf8_repair(&sb, s, n, 1);
	json_t *v = json_stringn_nocheck(sb.buf, sb.len);
	sb_release(&sb);
	return v;
}

/* Set key to s unless s is NULL or empty. */
static void jset(json_t *o, const char *key, const char *s)
{
	if (s && *s)
		json_object_set_new(o, key, jstring(s));
}

void export_jsonl(FILE *out, const struct doc *d)
{
	json_t *o = json_object();
	if (!o)
		return;
	jset(o, "id", d->id);
	jset(o, "label", d->label);
	jset(o, "rating", d->rating);
	jset(o, "title", d->title);
	jset(o, "claim", d->claim);
	jset(o, "text", d->body);
	jset(o, "publisher", d->publisher);
	jset(o, "url", d->url);
	jset(o, "date", d->date);
	jset(o, "source", d->source);
	char *text = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER);
	json_decref(o);
	if (!text)
		return;
	out_json_text(out, text);
	fputc('\n', out);
	free(text);
}

/* One document of a ClaimReview array: its schema.org keys, then saring's own. */
static void claimreview_doc(FILE *out, const struct doc *d, int first)
{
	json_t *o = json_object();
	if (!o)
		return;
	jset(o, "@context", "https://schema.org");
	jset(o, "@type", "ClaimReview");
	jset(o, "identifier", d->id);
	jset(o, "claimReviewed", d->claim);
	if (d->rating && *d->rating) {
		json_t *rating = json_object();
		jset(rating, "@type", "Rating");
		jset(rating, "alternateName", d->rating);
		json_object_set_new(o, "reviewRating", rating);
	}
	jset(o, "url", d->url);
	jset(o, "datePublished", d->date);
	if (d->publisher && *d->publisher) {
		json_t *author = json_object();
		jset(author, "@type", "Organization");
		jset(author, "name", d->publisher);
		json_object_set_new(o, "author", author);
	}
	jset(o, "name", d->title);
	jset(o, "reviewBody", d->body);
	jset(o, "saring:label", d->label);
	jset(o, "saring:source", d->source);
	char *text = json_dumps(o, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	json_decref(o);
	if (!text)
		return;
	fputs(first ? "\n  " : ",\n  ", out);
	for (char *line = text, *nl; line; line = nl) {
		if ((nl = strchr(line, '\n')))
			*nl++ = '\0';
		out_json_text(out, line);
		fputs(nl ? "\n  " : "", out);
	}
	free(text);
}

void export_begin(struct exporter *e, FILE *out, int claimreview)
{
	e->out = out;
	e->claimreview = claimreview;
	e->docs = 0;
	if (claimreview)
		fputc('[', out);
}

void export_doc(struct exporter *e, const struct doc *d)
{
	if (e->claimreview)
		claimreview_doc(e->out, d, e->docs == 0);
	else
		export_jsonl(e->out, d);
	e->docs++;
}

void export_end(struct exporter *e)
{
	if (e->claimreview)
		fputs("\n]\n", e->out);
}
