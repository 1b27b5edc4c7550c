/*
 * cmd_scan.c: saring scan: screen exported WhatsApp chats as a stream.
 *
 * The screening engine (screen.c) matches each message with enough words
 * and counts forwards; this file prints: a line per message as it is read
 * (JSON Lines, TSV), the summary for people at the end, the HTML report.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "anon.h"
#include "chat.h"
#include "i18n.h"
#include "commands.h"
#include "hmap.h"
#include "match.h"
#include "media.h"
#include "normalize.h"
#include "out.h"
#include "report.h"
#include "screen.h"
#include "util.h"

struct scan {
	struct screening sc;   /* the engine: counts, sightings */
	enum out_format format;
	unsigned only;         /* bit per verdict printed; 0 = all */
	struct anon anon;      /* --anonymize: the key of the pseudonyms */
	int status;
	int ocr;               /* read attached images (not --no-ocr) */
	long images, images_read, images_copies, images_missing, images_failed;  /* attached images, all chats */
};

/* The sender as printed, whole: a pseudonym with --anonymize. */
static void sender_name(const struct scan *sc, const char *sender, struct strbuf *out)
{
	if (sc->sc.anonymize)
		anon_name(&sc->anon, sender, out);
	else
		sb_puts(out, sender);
}

/* A line for a message (image: NULL), or for the text read from the image it attached. */
static void print_line(struct scan *sc, const char *file, const struct chat_msg *msg,
		       const struct sighting *s, const char *image)
{
	if (sc->format == OUT_HUMAN || (sc->only && !(sc->only & (1u << s->verdict))))
		return;
	struct strbuf name = STRBUF_INIT;
	sender_name(sc, msg->sender, &name);
	const char *sender = name.buf;
	if (sc->format == OUT_JSON) {
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

/*
 * The documents matched as verdict v, most copies first, under heading
 * some, or none when there are none (NULL: then nothing is printed).
 */
static void summary_documents(const struct scan *sc, enum verdict v, const char *some,
			      const char *none, int top)
{
	size_t n;
	struct sighting **h = screening_ranked(&sc->sc, 1, 1u << v, &n);
	if (n || none)
		printf("\n%s\n", n ? some : none);
	for (size_t i = 0; i < n && i < (size_t)top; i++) {
		printf("  %s, %s, %s ", copies(h[i]->copies), senders(h[i]->nsenders), _("first"));
		out_term(stdout, *h[i]->first ? h[i]->first : "?", 0);
		fputs("  [", stdout);
		out_term(stdout, h[i]->match_id, 0);
		fputs("] ", stdout);
		out_term(stdout, h[i]->title, 0);
		putchar('\n');
		const char *more[] = { h[i]->url, h[i]->change };
		for (int k = 0; k < 2; k++)
			if (more[k]) {
				fputs("      ", stdout);
				out_term(stdout, more[k], 0);
				putchar('\n');
			}
	}
	free(h);
}

static void summary(const struct scan *sc, int top)
{
	printf(_("Messages read:      %ld\n"), sc->sc.read);
	printf(_("Screened:           %ld (%ld too short, %ld system, %ld media, %ld deleted)\n"),
	       sc->sc.screened, sc->sc.short_msgs, sc->sc.skipped_kind[CHAT_SYSTEM],
	       sc->sc.skipped_kind[CHAT_MEDIA], sc->sc.skipped_kind[CHAT_DELETED]);
	if (sc->images)
		printf(_("Images attached:    %ld (%ld read, %ld copies of one already read, "
			 "%ld not in the export, %ld unreadable)\n"), sc->images, sc->images_read,
		       sc->images_copies, sc->images_missing, sc->images_failed);
	for (int v = V_HOAX; v >= V_UNKNOWN; v--)
		printf("  %-14s %ld\n", verdict_title((enum verdict)v), sc->sc.verdicts[v]);
	summary_documents(sc, V_HOAX, _("Known hoaxes in this chat:"),
			  _("Known hoaxes in this chat: none found"), top);
	summary_documents(sc, V_ALTERED, _("Official releases passed on with numbers or dates changed:"),
			  NULL, top);
	size_t n;
	struct sighting **u = screening_ranked(&sc->sc, 0, 1u << V_SIMILAR | 1u << V_UNKNOWN, &n);
	printf("\n%s\n", _("Related to known documents, or forwarded more than once (check these next):"));
	if (!n)
		printf("  %s\n", _("none"));
	for (size_t i = 0; i < n && i < (size_t)top; i++) {
		printf("  %s, %s, %s ", copies(u[i]->copies), verdict_title(u[i]->verdict), _("first"));
		out_term(stdout, *u[i]->first ? u[i]->first : "?", 0);
		fputs(": ", stdout);
		out_term(stdout, u[i]->excerpt, 0);
		putchar('\n');
	}
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

/* What the report may load and run: its own inline style, nothing else (no scripts, forms, frames). */
#define REPORT_CSP "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"

/*
 * The report's table of documents matched as verdict v under heading, or
 * "none" when there are none (nothing at all unless show_none).
 */
static void html_documents(FILE *f, const struct scan *sc, enum verdict v, const char *heading,
			   int show_none, int top)
{
	size_t n;
	struct sighting **h = screening_ranked(&sc->sc, 1, 1u << v, &n);
	if (n || show_none)
		fprintf(f, "<h2>%s</h2>\n", heading);
	if (!n && show_none)
		fprintf(f, "<p>%s</p>\n", _("none"));
	else if (n)
		fprintf(f, "<table><tr><th>%s</th><th class=\"n\">%s</th><th class=\"n\">%s</th><th>%s</th></tr>\n",
			_("Document"), _("Copies"), _("Senders"), _("First seen"));
	for (size_t i = 0; i < n && i < (size_t)top; i++) {
		fprintf(f, "<tr><td><span class=\"hoax\">%s</span> ", verdict_title(h[i]->verdict));
		int link = out_linkable(h[i]->url);
		if (link) {
			fputs("<a href=\"", f);
			out_html(f, h[i]->url);
			fputs("\" rel=\"noreferrer noopener\">", f);
		}
		out_html(f, h[i]->title ? h[i]->title : h[i]->match_id);
		fputs(link ? "</a>" : "", f);
		fputs(" <small>[", f);
		out_html(f, h[i]->match_id);
		fputs("]</small>", f);
		if (h[i]->change) {
			fputs("<br>", f);
			out_html(f, h[i]->change);
		}
		fprintf(f, "</td><td class=\"n\">%ld</td><td class=\"n\">%d</td><td>", h[i]->copies,
			h[i]->nsenders);
		out_html(f, *h[i]->first ? h[i]->first : "?");
		fputs("</td></tr>\n", f);
	}
	if (n)
		fputs("</table>\n", f);
	free(h);
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
	html_documents(f, sc, V_HOAX, _("Known hoaxes in this chat"), 1, top);
	html_documents(f, sc, V_ALTERED, _("Official releases passed on with numbers or dates changed"), 0, top);
	size_t n;
	struct sighting **u = screening_ranked(&sc->sc, 0, 1u << V_SIMILAR | 1u << V_UNKNOWN, &n);
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
		out_html(f, *u[i]->first ? u[i]->first : "?");
		fputs("</td></tr>\n", f);
	}
	if (n)
		fputs("</table>\n", f);
	free(u);
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

static void image_progress(void *ctx, size_t done, size_t total)
{
	fprintf(stderr, _("\rsaring scan: %s: image %zu of %zu"), (const char *)ctx, done, total);
}

/* Read the images a chat attached and screen their text, each as a message of its sender at its time. */
static void scan_images(struct scan *sc, const char *file, struct media_set *media, int progress)
{
	if (!media->n)
		return;
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);
	char *err = NULL;
	int rc = media_read_all(media, file, cpus < 1 ? 1 : cpus > 8 ? 8 : (int)cpus,
				progress ? image_progress : NULL, (void *)file, &err);
	if (progress)
		fputs("\r\033[K", stderr);
	sc->images += (long)media->n;
	if (rc < 0) {
		warnx_(_("%s: %ld attached images not read: %s"), file, (long)media->n, err);
		free(err);
		sc->images_failed += (long)media->n;
		return;
	}
	sc->images_read += media->read;
	sc->images_copies += media->copies;
	sc->images_missing += media->missing;
	sc->images_failed += media->failed;
	if (media->missing)
		warnx_(ngettext("%s: %ld attached image is not in the export", "%s: %ld attached images are not in the export",
				(unsigned long)media->missing), file, media->missing);
	for (size_t i = 0; i < media->n; i++) {
		const struct media *m = &media->v[i];
		if (m->status == MEDIA_FAILED)
			warnx_(_("%s: %s: %s"), file, m->name, m->err);
		if (!m->text || !*m->text)
			continue;
		struct chat_msg msg = { .line = m->line, .time = m->time, .sender = m->sender,
					.text = m->text, .text_len = strlen(m->text), .kind = CHAT_TEXT };
		const struct sighting *seen = screening_add_image(&sc->sc, &msg);
		if (!seen)
			continue;
		if (seen->verdict == V_HOAX || seen->verdict == V_ALTERED)
			sc->status = EXIT_HOAX;
		print_line(sc, file, &msg, seen, m->name);
	}
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
		{ "key-file", required_argument, NULL, 'k' },
		{ "date-order", required_argument, NULL, 'D' },
		{ "top", required_argument, NULL, 'n' },
		{ "html", required_argument, NULL, 'H' },
		{ "no-ocr", no_argument, NULL, 'O' },
		{ "db", required_argument, NULL, 'd' },
		{ NULL, 0, NULL, 0 },
	};
	struct scan sc = { 0 };
	sc.ocr = 1;
	const char *html = NULL;
	sc.format = OUT_HUMAN;
	long min_words = 4;
	int anonymize = 0;
	enum date_order order = DATE_AUTO;
	const char *db = global_db, *key_file = NULL;
	int top = 10, c;
	while ((c = getopt_long(argc, argv, "n:", longopts, NULL)) != -1) {
		switch (c) {
		case 'j': sc.format = OUT_JSON; break;
		case 't': sc.format = OUT_TSV; break;
		case 'o':
			if (parse_only(optarg, &sc.only) < 0)
				return usage_error(_("--only wants verdicts (hoax,altered,official,similar,unknown), not '%s'"), optarg);
			break;
		case 'w': min_words = opt_int(optarg, 1, 1000, "--min-words"); break;
		case 'a': anonymize = 1; break;
		case 'k': key_file = optarg; break;
		case 'D':
			if (chat_parse_date_order(optarg, &order) < 0)
				return usage_error(_("--date-order wants dmy, mdy or ymd, not '%s'"), optarg);
			break;
		case 'n': top = (int)opt_int(optarg, 1, 1000000, "--top"); break;
		case 'H': html = optarg; break;
		case 'O': sc.ocr = 0; break;
		case 'd': db = optarg; break;
		default: return usage_error(_("unknown option"));
		}
	}
	if (optind == argc)
		return usage_error(_("no chat export given (use - for standard input)"));
	if (key_file && !anonymize)
		return usage_error(_("--key-file goes with --anonymize"));
	if (anonymize)
		anon_init(&sc.anon, key_file);
	struct store *st = store_open(db, STORE_READ);
	struct matcher *m = matcher_new(st);
	screening_init(&sc.sc, m, min_words, anonymize);
	matcher_batch(m, 1);
	int progress = isatty(2);   /* a count on the terminal while long chats are read */
	int status = EXIT_CLEAN;
	for (int i = optind; i < argc; i++) {
		char *err = NULL, *folder_chat = NULL;
		const char *file = argv[i];
		struct stat fst;
		if (strcmp(file, "-") && stat(file, &fst) == 0 && S_ISDIR(fst.st_mode)) {   /* a folder export */
			if (media_folder_chat(file, &folder_chat, &err) < 0) {
				warnx_(_("%s"), err);
				free(err);
				status = EXIT_USAGE;
				continue;
			}
			file = folder_chat;
		}
		struct chat_reader *r = chat_open(file, order, &err);
		if (!r) {
			warnx_(_("%s"), err);
			free(err);
			free(folder_chat);
			status = EXIT_USAGE;
			continue;
		}
		struct media_set media = { 0 };
		struct strbuf image = STRBUF_INIT;
		struct chat_msg msg;
		int rc;
		long before = sc.sc.read;
		while ((rc = chat_next(r, &msg)) > 0) {
			if (progress && sc.sc.read && sc.sc.read % 5000 == 0)
				fprintf(stderr, _("\rsaring scan: %s: %ld messages"), file, sc.sc.read);
			sb_reset(&image);
			if (sc.ocr && msg.kind == CHAT_MEDIA && media_image_name(msg.text, msg.text_len, &image))
				media_add(&media, image.buf, msg.sender, msg.time, msg.line);
			const struct sighting *seen = screening_add(&sc.sc, &msg);
			if (!seen)
				continue;
			if (seen->verdict == V_HOAX || seen->verdict == V_ALTERED)
				sc.status = EXIT_HOAX;
			print_line(&sc, file, &msg, seen, NULL);
		}
		if (progress)
			fputs("\r\033[K", stderr);
		if (rc < 0) {
			warnx_(_("%s"), chat_error(r));
			status = EXIT_USAGE;
		}
		if (sc.sc.read == before && chat_skipped_lines(r) > 0)
			status = EXIT_USAGE;   /* text, but no WhatsApp export: bad input */
		chat_close(r);
		sb_release(&image);
		scan_images(&sc, file, &media, progress);
		media_free(&media);
		free(folder_chat);
	}
	if (sc.format == OUT_HUMAN)
		summary(&sc, top);
	if (html && write_html(&sc, html, top) < 0)
		status = EXIT_SYSTEM;
	matcher_free(m);
	store_close(st);
	screening_free(&sc.sc);
	if (anonymize)
		anon_clear(&sc.anon);
	return status > sc.status ? status : sc.status;
}
