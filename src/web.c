/*
 * web.c: the HTML of `saring serve`: one page for volunteers, with no
 * external assets (inline CSS, one tiny inline script for the copy
 * button), readable on a phone, usable without JavaScript.
 */
#include "web.h"

#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "i18n.h"
#include "note.h"
#include "ocr.h"
#include "out.h"
#include "reply.h"
#include "report.h"
#include "report_scan.h"
#include "scan.h"
#include "screen.h"
#include "text.h"
#include "util.h"

static const char style[] =
	":root{color-scheme:light;--ink:#1f2328;--muted:#57606a;--line:#d0d7de;--bg:#f4f4ef;--accent:#0a58ca}"
	"*{box-sizing:border-box}"
	"body{margin:0;background:var(--bg);color:var(--ink);"
	"font:18px/1.5 system-ui,-apple-system,'Segoe UI',Roboto,'Noto Sans',Arial,sans-serif}"
	"main{max-width:46rem;margin:0 auto;padding:1rem}"
	"header h1{margin:.25rem 0 0;font-size:1.9rem;letter-spacing:.02em}"
	"header p{margin:.1rem 0 1rem;color:var(--muted)}"
	"h2{font-size:1.3rem;margin:0 0 .5rem}h3{font-size:1.1rem;margin:1rem 0 .25rem}"
	".panel{background:#fff;border:1px solid var(--line);border-radius:12px;padding:1rem 1.25rem;margin:0 0 1.25rem}"
	"label{display:block;font-weight:600;margin-bottom:.4rem}"
	"textarea{display:block;width:100%;min-height:11rem;font:inherit;padding:.75rem;"
	"border:2px solid var(--line);border-radius:8px;resize:vertical;background:#fff;color:inherit}"
	"textarea:focus{outline:3px solid #9ec5fe;border-color:var(--accent)}"
	"textarea[readonly]{background:#f6f8fa;min-height:8rem}"
	"button{font:inherit;font-weight:700;min-height:48px;padding:.6rem 1.5rem;margin-top:.75rem;"
	"border:2px solid var(--accent);border-radius:8px;background:var(--accent);color:#fff;cursor:pointer}"
	"button:focus{outline:3px solid #9ec5fe}"
	"button.secondary{background:#fff;color:var(--accent)}"
	"input[type=file]{font:inherit;max-width:100%;margin-top:.25rem}"
	".hint,.meta,.why,.small{color:var(--muted);font-size:.9rem}"
	".hint{margin:.25rem 0 .5rem}"
	".card{border:2px solid;border-left-width:14px;border-radius:12px;padding:1rem 1.25rem;margin:0 0 1.25rem;background:#fff}"
	".verdict{font-size:2.1rem;font-weight:800;letter-spacing:.05em;line-height:1.1;margin:0}"
	".sentence{font-size:1.1rem;margin:.4rem 0 0}.sentence::first-letter{text-transform:uppercase}"
	".v-hoax{border-color:#b42318;background:#fef0ee}.v-hoax .verdict{color:#b42318}"
	".v-altered{border-color:#c4320a;background:#fff3ea}.v-altered .verdict{color:#9c2a00}"
	".v-official{border-color:#1a7f37;background:#eaf7ee}.v-official .verdict{color:#116329}"
	".v-similar{border-color:#b08800;background:#fff8d6}.v-similar .verdict{color:#7d4e00}"
	".v-unknown{border-color:#6e7781;background:#f3f4f6}.v-unknown .verdict{color:#424a53}"
	".error{border-color:#b42318;background:#fef0ee}"
	".sources{padding-left:1.4rem;margin:.25rem 0}.sources li{margin:.8rem 0}"
	".badge{display:inline-block;font-size:.75rem;font-weight:700;text-transform:uppercase;"
	"padding:.05rem .5rem;border-radius:99px;background:#e6e8eb;margin-right:.3rem;vertical-align:.1em}"
	".title{font-weight:600}a{color:var(--accent)}"
	".snippet{margin:.35rem 0;padding:.45rem .75rem;border-left:4px solid var(--line);background:rgba(255,255,255,.7)}"
	"mark{background:#ffe066;color:inherit;padding:0 .1em;border-radius:3px}"
	".notes{margin:.5rem 0 0;padding-left:1.2rem}"
	"table{border-collapse:collapse;width:100%;margin:.25rem 0}"
	"th,td{padding:.35rem .5rem;border-bottom:1px solid var(--line);text-align:left;vertical-align:top}"
	"td.n{text-align:right;font-variant-numeric:tabular-nums;width:5rem}"
	".dot{display:inline-block;width:.85rem;height:.85rem;border-radius:50%;margin-right:.45rem;vertical-align:-.05em}"
	".dot.v-hoax,.badge.v-hoax{background:#b42318;color:#fff}.dot.v-altered,.badge.v-altered{background:#c4320a;color:#fff}"
	".dot.v-official,.badge.v-official{background:#1a7f37;color:#fff}.dot.v-similar,.badge.v-similar{background:#d4a72c}"
	".dot.v-unknown,.badge.v-unknown{background:#8c959f;color:#fff}"
	".badge.l-hoax{background:#ffd8d3;color:#8a1c12}.badge.l-factcheck{background:#dde8ff;color:#0b3d91}"
	".badge.l-official{background:#d3f0dc;color:#0d5224}"
	"#copied{margin-left:.75rem;color:#116329;font-weight:600}"
	"footer{color:var(--muted);font-size:.85rem;margin:1.5rem 0 2rem}"
	"@media (max-width:520px){body{font-size:17px}main{padding:.6rem}.panel,.card{padding:.8rem}"
	".verdict{font-size:1.7rem}button{width:100%}}";

/* The copy button: the Clipboard API where the page is a secure context, else select + execCommand. */
static const char script[] =
	"(function(){var b=document.getElementById('copy'),t=document.getElementById('reply');"
	"if(!b||!t)return;b.hidden=false;"
	"function done(){document.getElementById('copied').textContent=b.getAttribute('data-done');}"
	"function fallback(){t.focus();t.select();try{if(document.execCommand('copy'))done();}catch(e){}}"
	"b.addEventListener('click',function(){"
	"if(navigator.clipboard&&window.isSecureContext)navigator.clipboard.writeText(t.value).then(done,fallback);"
	"else fallback();});})();"
	/* an image pasted anywhere on the page (a screenshot) is sent as the upload */
	"document.addEventListener('paste',function(e){var f=document.getElementById('file'),"
	"d=e.clipboardData,i;if(!f||!d||!d.files||!window.DataTransfer)return;"
	"for(i=0;i<d.files.length;i++)if(/^image\\//.test(d.files[i].type)){var t=new DataTransfer();"
	"t.items.add(d.files[i]);f.files=t.files;e.preventDefault();f.form.submit();return;}});";

void web_escape(struct strbuf *out, const char *text, size_t len)
{
	struct strbuf clean = STRBUF_INIT;   /* a browser must never get invalid UTF-8 */
	utf8_sanitize(text, len, &clean);
	out_html_add(out, clean.buf, clean.len);
	sb_release(&clean);
}

/* A match's snippet, escaped, its hits (the message's words) in <mark>. */
static void snippet_html(struct strbuf *out, const struct match *c)
{
	size_t at = 0, len = strlen(c->snippet);
	for (size_t i = 0; i < c->nhits; i++) {
		const struct span *h = &c->hits[i];
		if (h->start < at || h->end > len)
			continue;
		web_escape(out, c->snippet + at, h->start - at);
		sb_puts(out, "<mark>");
		web_escape(out, c->snippet + h->start, h->end - h->start);
		sb_puts(out, "</mark>");
		at = h->end;
	}
	web_escape(out, c->snippet + at, len - at);
}

static void esc(struct strbuf *out, const char *s)
{
	if (s)
		web_escape(out, s, strlen(s));
}

/* The hidden field every form of the page posts back (the server refuses a form without it). */
static void token_field(struct strbuf *out, const char *token)
{
	sb_puts(out, "<input type=\"hidden\" name=\"token\" value=\"");
	esc(out, token ? token : "");
	sb_puts(out, "\">\n");
}

void web_page(struct strbuf *out, const char *token, const char *message, size_t len,
	      const char *check_html, const char *scan_html)
{
	sb_printf(out, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n"
		  "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
		  "<title>saring</title>\n<style>%s</style>\n</head>\n<body>\n<main>\n",
		  i18n_lang(), style);
	sb_puts(out, "<header><h1>saring</h1><p>");
	esc(out, _("Check a WhatsApp message against known hoaxes and official releases."));
	sb_puts(out, "</p></header>\n");

	sb_puts(out, "<form class=\"panel\" method=\"post\" action=\"/\" accept-charset=\"utf-8\">\n");
	token_field(out, token);
	sb_puts(out, "<label for=\"text\">");
	esc(out, _("Paste the message here"));
	sb_puts(out, "</label>\n<textarea id=\"text\" name=\"text\" rows=\"8\" required placeholder=\"");
	esc(out, _("For example: Info penting!! vaksin covid ada microchip nya..."));
	sb_puts(out, "\">");
	if (message)
		web_escape(out, message, len);
	sb_puts(out, "</textarea>\n<button type=\"submit\">");
	esc(out, _("Check message"));
	sb_puts(out, "</button>\n</form>\n");
	if (check_html)
		sb_puts(out, check_html);

	sb_puts(out, "<section class=\"panel\" id=\"chat\">\n<h2>");
	esc(out, _("Scan a whole chat"));
	sb_puts(out, "</h2>\n<p class=\"hint\">");
	esc(out, _("In WhatsApp open the group, then More, Export chat, Without media. "
		   "Choose the .txt or .zip file here (up to 1 MB)."));
	sb_puts(out, " ");
	esc(out, _("A picture (a screenshot, a poster, a letter) can be chosen too, or pasted on this page: "
		   "its text is read and checked."));
	sb_puts(out, "</p>\n<form method=\"post\" action=\"/scan#summary\" enctype=\"multipart/form-data\">\n");
	token_field(out, token);   /* before the file: the server reads it first */
	sb_puts(out, "<label for=\"file\">");
	esc(out, _("Chat export"));
	sb_puts(out, "</label>\n<input id=\"file\" type=\"file\" name=\"chat\" required "
		     "accept=\".txt,.zip,text/plain,application/zip,image/png,image/jpeg,image/webp,image/gif\">\n<br><button type=\"submit\" class=\"secondary\">");
	esc(out, _("Scan chat"));
	sb_puts(out, "</button>\n</form>\n</section>\n");
	if (scan_html)
		sb_puts(out, scan_html);

	sb_puts(out, "<footer>");
	esc(out, _("Everything runs on this computer: messages are not sent anywhere. "
		   "UNKNOWN means not in the database, not that a message is true."));
	sb_printf(out, "</footer>\n</main>\n<script>%s</script>\n</body>\n</html>\n", script);
}

void web_error(struct strbuf *out, const char *text)
{
	sb_puts(out, "<section class=\"card error\" role=\"alert\"><p>");
	esc(out, text);
	sb_puts(out, "</p></section>\n");
}

static const char *label_name(const char *label)
{
	if (!label)
		return "";
	if (!strcmp(label, "hoax"))
		return _("hoax");
	if (!strcmp(label, "factcheck"))
		return _("fact check");
	if (!strcmp(label, "official"))
		return _("official release");
	return label;
}

/* A document's title, a link when it has a web address. */
static void title_html(struct strbuf *out, const char *title, const char *url)
{
	if (out_linkable(url)) {
		sb_puts(out, "<a class=\"title\" rel=\"noopener noreferrer\" target=\"_blank\" href=\"");
		esc(out, url);
		sb_puts(out, "\">");
		esc(out, title);
		sb_puts(out, "</a>");
	} else {
		sb_puts(out, "<span class=\"title\">");
		esc(out, title);
		sb_puts(out, "</span>");
	}
}

/* One source: badges, the title (a link when it has a web address), where from, the snippet. */
static void source(struct strbuf *out, const struct match *c)
{
	sb_puts(out, "<li><span class=\"badge l-");
	esc(out, c->label ? c->label : "");
	sb_puts(out, "\">");
	esc(out, label_name(c->label));
	sb_puts(out, "</span>");
	if (c->rating && *c->rating) {
		sb_puts(out, "<span class=\"badge\">");
		esc(out, c->rating);
		sb_puts(out, "</span>");
	}
	sb_putc(out, ' ');
	title_html(out, c->title && *c->title ? c->title : c->id, c->url);
	sb_puts(out, "\n<div class=\"meta\">");
	int any = 0;
	const char *parts[] = { c->publisher, c->date, c->id };
	for (size_t i = 0; i < sizeof parts / sizeof *parts; i++) {
		if (!parts[i] || !*parts[i])
			continue;
		if (any)
			sb_puts(out, " · ");
		esc(out, parts[i]);
		any = 1;
	}
	sb_puts(out, "</div>\n");
	if (c->snippet && *c->snippet) {
		sb_puts(out, "<blockquote class=\"snippet\">");
		snippet_html(out, c);
		sb_puts(out, "</blockquote>\n");
	}
	sb_puts(out, "<div class=\"why\">");
	struct strbuf why = STRBUF_INIT;
	sb_printf(&why, _("%.0f%% of the message's words and %.0f%% of its word pairs are in it; "
			  "the message covers %.0f%% of it"),
		  100 * c->words, 100 * c->seq, 100 * (c->dwords + c->dseq) / 2);
	esc(out, why.buf);
	sb_release(&why);
	sb_puts(out, "</div></li>\n");
}

/* check_verdict_fn: the verdict card, its sources and the reply for the group, appended to out. */
static void card_html(void *out_, const struct check_msg *msg, const struct result *res)
{
	(void)msg;
	struct strbuf *out = out_;
	const char *vname = verdict_name(res->verdict);
	sb_printf(out, "<section class=\"card v-%s\" id=\"verdict\" role=\"status\">\n<p class=\"verdict\">", vname);
	esc(out, verdict_title(res->verdict));
	sb_puts(out, "</p>\n<p class=\"sentence\">");
	esc(out, verdict_sentence(res->verdict));
	sb_puts(out, "</p>\n");
	if (res->nm && res->verdict != V_UNKNOWN) {
		struct strbuf s = STRBUF_INIT;
		sb_printf(&s, _("similarity %.0f%%"), 100 * res->score);
		sb_puts(out, "<p class=\"small\">");
		esc(out, s.buf);
		sb_puts(out, "</p>\n");
		sb_release(&s);
	}
	if (res->nnotes) {
		sb_puts(out, "<ul class=\"notes\">\n");
		for (size_t i = 0; i < res->nnotes; i++) {
			char *t = note_text(&res->notes[i], 1);
			sb_puts(out, "<li>");
			esc(out, t);
			sb_puts(out, "</li>\n");
			free(t);
		}
		sb_puts(out, "</ul>\n");
	}
	if (res->nm && res->verdict != V_UNKNOWN) {
		sb_puts(out, "<h3>");
		esc(out, _("Closest sources"));
		sb_puts(out, "</h3>\n<ol class=\"sources\">\n");
		for (size_t i = 0; i < res->nm; i++)
			source(out, &res->m[i]);
		sb_puts(out, "</ol>\n");
	}
	sb_puts(out, "</section>\n");

	char *reply = reply_text(res);
	int lines = 1;
	for (const char *p = reply; *p; p++)
		lines += *p == '\n';
	sb_puts(out, "<section class=\"panel\" id=\"reply-box\">\n<h2><label for=\"reply\">");
	esc(out, _("Reply for the group"));
	sb_puts(out, "</label></h2>\n<p class=\"hint\">");
	esc(out, _("Copy this and paste it in the WhatsApp group the message came from."));
	sb_printf(out, "</p>\n<textarea id=\"reply\" readonly rows=\"%d\">", lines < 20 ? lines : 20);
	esc(out, reply);
	sb_puts(out, "</textarea>\n<button type=\"button\" id=\"copy\" hidden data-done=\"");
	esc(out, _("Copied. Now paste it in the group."));
	sb_puts(out, "\">");
	esc(out, _("Copy reply"));
	sb_puts(out, "</button><span id=\"copied\" role=\"status\"></span>\n</section>\n");
	free(reply);
}

/* Check text as the page does (see check.h: quiet, snippets, WEB_TOPN sources): 0, or -1 on a database error. */
static int page_check(struct matcher *m, const char *text, size_t len, check_verdict_fn *verdict, void *ctx)
{
	struct check ck = { m, { WEB_TOPN, 1 }, 1, verdict, NULL, ctx };
	struct check_msg msg = { NULL, "upload", 1, NULL };
	return check_text(&ck, &msg, text, len) == EXIT_SYSTEM ? -1 : 0;
}

int web_check(struct strbuf *out, struct matcher *m, const char *text, size_t len)
{
	return page_check(m, text, len, card_html, out);
}

/* The JSON API's answer: the object check --json prints for the message (ctx: struct api_answer). */
struct api_answer {
	json_t *id;   /* borrowed */
	json_t *o;    /* new */
};

static void answer_json(void *ctx, const struct check_msg *msg, const struct result *res)
{
	(void)msg;
	struct api_answer *a = ctx;
	a->o = report_json(a->id, res);
}

json_t *web_check_json(struct matcher *m, json_t *id, const char *text, size_t len)
{
	struct api_answer a = { id, NULL };
	return page_check(m, text, len, answer_json, &a) < 0 ? NULL : a.o;
}

/* ---- the chat summary: `saring scan` for one uploaded export ---- */

/* "2022-10-13 16:30" from "2022-10-13T16:30:00". */
static void when(struct strbuf *out, const char *iso)
{
	if (!iso || !*iso) {
		sb_puts(out, "?");
		return;
	}
	size_t n = strlen(iso);
	struct strbuf t = STRBUF_INIT;
	sb_add(&t, iso, n >= 16 ? 16 : n);
	if (t.len > 10 && t.buf[10] == 'T')
		t.buf[10] = ' ';
	esc(out, t.buf);
	sb_release(&t);
}

static void count_row(struct strbuf *out, const char *label, long n, const char *vclass)
{
	sb_puts(out, "<tr><th>");
	if (vclass)
		sb_printf(out, "<span class=\"dot v-%s\"></span>", vclass);
	esc(out, label);
	sb_printf(out, "</th><td class=\"n\">%ld</td></tr>\n", n);
}

/*
 * An entry of the summary: its verdict, then for a matched document its
 * title, what was changed, copies and senders; for a message to check next
 * its excerpt and copies; then the first sighting (s: scratch).
 */
static void entry_html(struct strbuf *out, struct strbuf *s, const struct sighting *d, int document)
{
	sb_printf(out, "<li><span class=\"badge v-%s\">", verdict_name(d->verdict));
	esc(out, verdict_title(d->verdict));
	sb_puts(out, "</span> ");
	if (document)
		title_html(out, d->title && *d->title ? d->title : d->match_id, d->url);
	else
		esc(out, d->excerpt);
	if (document && d->change) {
		char *change = notes_joined(d->change, d->nchange, 1);
		sb_puts(out, "\n<div class=\"change\">");
		esc(out, change);
		sb_puts(out, "</div>");
		free(change);
	}
	sb_reset(s);
	sb_printf(s, ngettext("%ld copy", "%ld copies", (unsigned long)d->copies), d->copies);
	if (document) {
		sb_puts(s, ", ");
		sb_printf(s, ngettext("%ld sender", "%ld senders", (unsigned long)d->nsenders), (long)d->nsenders);
	}
	sb_puts(out, "\n<div class=\"meta\">");
	esc(out, s->buf);
	sb_puts(out, " · ");
	esc(out, _("first seen"));
	sb_putc(out, ' ');
	when(out, d->first);
	if (document) {
		sb_puts(out, " · ");
		esc(out, d->match_id);
	}
	sb_puts(out, "</div></li>\n");
}

/* One list of the summary (report_scan.h's sections, as scan prints them): heading, then entries or "none". */
static void section_html(struct strbuf *out, struct strbuf *s, const struct screening *sm,
			 const struct scan_section *sec)
{
	size_t n;
	int none;
	struct sighting **h = screening_ranked(sm, sec->documents, sec->want, &n);
	const char *heading = scan_heading(sec, n, 0, &none);
	const char *list = sec->documents ? "ol" : "ul";
	if (heading) {
		sb_puts(out, "<h3>");
		esc(out, heading);
		sb_puts(out, "</h3>\n");
	}
	if (none) {
		sb_puts(out, "<p>");
		esc(out, _("none"));
		sb_puts(out, "</p>\n");
	} else if (n) {
		sb_printf(out, "<%s class=\"sources\"", list);
		if (sec->id)
			sb_printf(out, " id=\"%s\"", sec->id);
		sb_puts(out, ">\n");
	}
	for (size_t i = 0; i < n && i < SCAN_TOP; i++)
		entry_html(out, s, h[i], sec->documents);
	if (n)
		sb_printf(out, "</%s>\n", list);
	free(h);
}

static void render_summary(struct strbuf *out, const struct screening *sm, const char *name)
{
	struct strbuf s = STRBUF_INIT;
	sb_puts(out, "<section class=\"panel\" id=\"summary\">\n<h2>");
	esc(out, _("Chat summary"));
	sb_puts(out, "</h2>\n");
	if (name && *name) {
		sb_puts(out, "<p class=\"small\">");
		esc(out, name);
		sb_puts(out, "</p>\n");
	}
	sb_puts(out, "<table>\n");
	count_row(out, _("Messages read"), sm->read, NULL);
	count_row(out, _("Screened"), sm->screened, NULL);
	sb_printf(&s, _("%ld too short, %ld system, %ld media, %ld deleted"), sm->short_msgs,
		  sm->skipped_kind[CHAT_SYSTEM], sm->skipped_kind[CHAT_MEDIA], sm->skipped_kind[CHAT_DELETED]);
	sb_puts(out, "<tr><td colspan=\"2\" class=\"small\">");
	esc(out, s.buf);
	sb_puts(out, "</td></tr>\n</table>\n<h3>");
	esc(out, _("Screened messages by verdict"));
	sb_puts(out, "</h3>\n<table>\n");
	for (int v = V_HOAX; v >= V_UNKNOWN; v--)
		count_row(out, verdict_title((enum verdict)v), sm->verdicts[v], verdict_name((enum verdict)v));
	sb_puts(out, "</table>\n");
	for (int k = 0; k < SCAN_SECTIONS; k++)
		section_html(out, &s, sm, &scan_sections[k]);
	sb_puts(out, "<p class=\"small\">");
	esc(out, _("UNKNOWN means not in the database, not that a message is true."));
	sb_puts(out, "</p>\n</section>\n");
	sb_release(&s);
}

/* An uploaded picture: the text read from it, then the verdict on that text. */
static int web_image(struct strbuf *out, struct matcher *m, const struct strbuf *bytes, const char *name,
		     char **err)
{
	char *why = NULL;
	struct ocr_text t;
	int status = check_read_image(bytes->buf, bytes->len, &t, &why);
	if (status) {
		warnx_(_("%s: %s"), name ? name : "upload", why);
		*err = xstrdup(status == EXIT_USAGE ? _("This picture could not be read: it is damaged, too large, or not a PNG, JPEG, "
						       "WebP or GIF image.")
			       : _("Pictures cannot be read here: Tesseract is not installed. See the terminal for why."));
		free(why);
		return -1;
	}
	int rc = 0;
	if (!*t.text) {
		*err = xstrdup(_("No text was found in this picture."));
		rc = -1;
	} else {
		sb_puts(out, "<section class=\"panel\" id=\"summary\">\n<h2>");
		esc(out, _("Text read from the picture"));
		sb_puts(out, "</h2>\n<p class=\"small\">");
		esc(out, name ? name : "");
		sb_printf(out, " · %.0f%%</p>\n<blockquote>", 100 * t.confidence);
		web_escape(out, t.text, strlen(t.text));
		sb_puts(out, "</blockquote>\n</section>\n");
		if (web_check(out, m, t.text, strlen(t.text)) < 0) {
			*err = xstrdup(_("The database could not be read. See the terminal for why."));
			rc = -1;
		}
	}
	ocr_text_clear(&t);
	return rc;
}

int web_scan(struct strbuf *out, struct matcher *m, const char *path, const char *name, char **err)
{
	if (check_image_file(path)) {   /* a picture, not a chat */
		struct strbuf bytes = STRBUF_INIT;
		int rc = read_file(path, &bytes) < 0 ? -1 : web_image(out, m, &bytes, name, err);
		if (rc < 0 && !*err)
			*err = xstrdup(_("The file could not be read."));
		sb_release(&bytes);
		return rc;
	}
	struct scan sc = { .order = DATE_AUTO, .quiet = 1, .max_text = WEB_SCAN_TEXT, .max_seconds = WEB_SCAN_SECONDS };
	scan_init(&sc, m, SCAN_MIN_WORDS, 0, NULL);
	matcher_batch(m, 1);
	scan_export(&sc, path);
	matcher_batch(m, 0);
	if (sc.end == SCAN_NOT_CHAT || sc.sc.read == 0) {
		*err = xstrdup(sc.end == SCAN_NOT_CHAT ? _("This file is not a WhatsApp chat export (.txt or .zip).")
			       : _("No WhatsApp messages found in this file. Export the chat from "
				   "WhatsApp (More, Export chat) and choose that file."));
		scan_free(&sc);
		return -1;
	}
	if (sc.end == SCAN_LATE)
		web_error(out, _("This chat is too long to screen here at once; this summary covers "
				 "its first messages. Use saring scan for the whole chat."));
	else if (sc.end == SCAN_BROKEN)
		web_error(out, _("The chat export could not be read to the end; this summary covers "
				 "the messages before the problem."));
	render_summary(out, &sc.sc, name);
	scan_free(&sc);
	return 0;
}
