/*
 * scan.c: screening exports for `saring scan`: each chat read as a stream
 * into the screening engine, with a line per message as it is read, then
 * the images it attached.
 */
#include "scan.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "i18n.h"
#include "media.h"
#include "report_scan.h"
#include "util.h"

void scan_init(struct scan *sc, struct matcher *m, long min_words, int anonymize, const char *key_file)
{
	if (anonymize)
		anon_init(&sc->anon, key_file);
	screening_init(&sc->sc, m, min_words, anonymize);
}

void scan_free(struct scan *sc)
{
	if (sc->sc.anonymize)
		anon_clear(&sc->anon);
	screening_free(&sc->sc);
}

/* A sighting to print; a hoax or an altered release makes the exit status 1. */
static void seen(struct scan *sc, const char *file, const struct chat_msg *msg,
		 const struct sighting *s, const char *image)
{
	if (s->verdict == V_HOAX || s->verdict == V_ALTERED)
		sc->status = EXIT_HOAX;
	scan_line(sc, file, msg, s, image);
}

static void image_progress(void *ctx, size_t done, size_t total)
{
	fprintf(stderr, _("\rsaring scan: %s: image %zu of %zu"), (const char *)ctx, done, total);
}

/* Read the images a chat attached and screen their text, each as a message of its sender at its time. */
static void scan_images(struct scan *sc, const char *file, struct media_set *media)
{
	if (!media->n)
		return;
	struct scan_images *im = &sc->images;
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);
	char *err = NULL;
	int rc = media_read_all(media, file, cpus < 1 ? 1 : cpus > 8 ? 8 : (int)cpus,
				sc->progress ? image_progress : NULL, (void *)file, &err);
	if (sc->progress)
		fputs("\r\033[K", stderr);
	im->attached += (long)media->n;
	if (rc < 0) {
		warnx_(_("%s: %ld attached images not read: %s"), file, (long)media->n, err);
		free(err);
		im->failed += (long)media->n;
		return;
	}
	im->read += media->read;
	im->copies += media->copies;
	im->missing += media->missing;
	im->failed += media->failed;
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
		const struct sighting *s = screening_add_image(&sc->sc, &msg);
		if (s)
			seen(sc, file, &msg, s, m->name);
	}
}

/* Screen the chat r (read from file) message by message; its images wait in media. */
static int scan_chat(struct scan *sc, const char *file, struct chat_reader *r, struct media_set *media)
{
	struct strbuf image = STRBUF_INIT;
	struct chat_msg msg;
	int rc, status = EXIT_CLEAN;
	long before = sc->sc.read;
	while ((rc = chat_next(r, &msg)) > 0) {
		if (sc->progress && sc->sc.read && sc->sc.read % 5000 == 0)
			fprintf(stderr, _("\rsaring scan: %s: %ld messages"), file, sc->sc.read);
		sb_reset(&image);
		if (sc->ocr && msg.kind == CHAT_MEDIA && media_image_name(msg.text, msg.text_len, &image))
			media_add(media, image.buf, msg.sender, msg.time, msg.line);
		const struct sighting *s = screening_add(&sc->sc, &msg);
		if (s)
			seen(sc, file, &msg, s, NULL);
	}
	if (sc->progress)
		fputs("\r\033[K", stderr);
	if (rc < 0) {
		warnx_(_("%s"), chat_error(r));
		status = EXIT_USAGE;
	}
	if (sc->sc.read == before && chat_skipped_lines(r) > 0)
		status = EXIT_USAGE;   /* text, but no WhatsApp export: bad input */
	sb_release(&image);
	return status;
}

int scan_export(struct scan *sc, const char *path)
{
	char *err = NULL, *folder_chat = NULL;
	const char *file = path;
	struct stat fst;
	if (strcmp(file, "-") && stat(file, &fst) == 0 && S_ISDIR(fst.st_mode)) {   /* a folder export */
		if (media_folder_chat(file, &folder_chat, &err) < 0) {
			warnx_(_("%s"), err);
			free(err);
			return EXIT_USAGE;
		}
		file = folder_chat;
	}
	struct chat_reader *r = chat_open(file, sc->order, &err);
	if (!r) {
		warnx_(_("%s"), err);
		free(err);
		free(folder_chat);
		return EXIT_USAGE;
	}
	chat_limit(r, sc->max_text);
	struct media_set media = { 0 };
	int status = scan_chat(sc, file, r, &media);
	chat_close(r);
	scan_images(sc, file, &media);
	media_free(&media);
	free(folder_chat);
	return status;
}
