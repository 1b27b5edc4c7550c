/*
 * chat_kind.c: the kind of a WhatsApp message by its phrases. Deleted
 * messages and media placeholders are told by their whole text (or first
 * line); system notices by a phrase that cannot start an ordinary message
 * ("strong"), or by a weaker one ("X added Y") only when the line has the
 * marks of a notice: iOS's direction mark, or the group as its sender.
 */
#include "chat_kind.h"

#include <string.h>

#include "chat_bytes.h"
#include "util.h"

/* Does any phrase of list (count of them) match s (n bytes) under match: eq_i, starts_i, ends_i or contains_i? */
static int any_of(int (*match)(const char *, size_t, const char *), const char *s, size_t n,
		  const char *const *list, size_t count)
{
	for (size_t i = 0; i < count; i++)
		if (match(s, n, list[i]))
			return 1;
	return 0;
}
#define ANY_OF(match, s, n, list) any_of(match, s, n, list, sizeof list / sizeof list[0])

/* Strip "<This message was edited>" at the end of the text; 1 if it was there. */
int chat_strip_edited(struct strbuf *t)
{
	static const char *const marks[] = {
		"<This message was edited>", "<Pesan ini diedit>", "<Pesan ini telah diedit>",
	};
	size_t n = t->len;
	while (n > 0 && (t->buf[n - 1] == ' ' || t->buf[n - 1] == '\n'))
		n--;
	for (size_t i = 0; i < sizeof marks / sizeof marks[0]; i++) {
		if (!ends_i(t->buf, n, marks[i]))
			continue;
		n -= strlen(marks[i]);
		n = (size_t)(trim_end(t->buf, t->buf + n) - t->buf);
		t->len = n;
		t->buf[n] = '\0';
		return 1;
	}
	return 0;
}

static int is_deleted(const char *s, size_t n)
{
	static const char *const exact[] = {
		"Pesan ini telah dihapus", "Pesan ini dihapus", "Anda menghapus pesan ini",
		"This message was deleted", "You deleted this message",
	};
	static const char *const prefix[] = {
		"This message was deleted by admin", "Pesan ini dihapus oleh admin",
		"Pesan ini telah dihapus oleh admin",
	};
	if (n > 0 && s[n - 1] == '.')
		n--;
	return ANY_OF(eq_i, s, n, exact) || (!memchr(s, '\n', n) && ANY_OF(starts_i, s, n, prefix));
}

/* A media placeholder on the first line of the text (a caption may follow). */
static int is_media(const char *s, size_t n)
{
	static const char *const exact[] = {
		"<Media omitted>", "<Media tidak disertakan>", "<Media tidak dilampirkan>",
		"image omitted", "video omitted", "audio omitted", "sticker omitted",
		"GIF omitted", "document omitted", "Contact card omitted",
		"gambar tidak disertakan", "video tidak disertakan",
		"audio tidak disertakan", "stiker tidak disertakan", "GIF tidak disertakan",
		"dokumen tidak disertakan", "kartu kontak tidak disertakan", "null",
		/* content the export leaves out */
		"Pesan tidak didukung", "Pesan ini tidak didukung", "Unsupported message",
		/* Android in other locales */
		"<Multimedia omitido>", "<Medien ausgeschlossen>", "<Mídia oculta>",
		"<Media omessi>", "<Médias omis>", "<Media weggelaten>",
		/* iOS in other locales */
		"imagen omitida", "video omitido", "audio omitido", "sticker omitido",
		"Bild weggelassen", "Video weggelassen", "Audio weggelassen", "Sticker weggelassen",
		"imagem ocultada", "vídeo ocultado", "áudio ocultado",
	};
	static const char *const suffix[] = {
		"(file attached)", "(file terlampir)", "document omitted",
		"dokumen tidak disertakan",
		"(Datei angehängt)", "(archivo adjunto)", "(arquivo anexado)",
		"(file allegato)", "(fichier joint)", "(bestand bijgevoegd)",
		"documento omitido", "Dokument weggelassen",
	};
	/* old iOS: "<attached: 00000012-PHOTO-2020-01-01-10-00-00.jpg>", and in other locales */
	static const char *const attached[] = {
		"attached: ", "terlampir: ", "adjunto: ", "Anhang: ", "anexo: ",
		"allegato: ", "pièce jointe : ", "bijlage: ",
	};
	const char *nl = memchr(s, '\n', n);
	if (nl)
		n = (size_t)(nl - s);
	while (n > 0 && s[n - 1] == ' ')
		n--;
	if (ANY_OF(eq_i, s, n, exact))
		return 1;
	for (size_t i = 0; i < sizeof suffix / sizeof suffix[0]; i++) {
		size_t k = strlen(suffix[i]);
		if (n > k && ends_i(s, n, suffix[i]) &&
		    (s[n - k - 1] == ' ' || (n >= k + 3 && mark_len(s + n - k - 3, s + n) == 3)))
			return 1;
	}
	if (n > 2 && *s == '<' && s[n - 1] == '>') {   /* maybe a direction mark after the '<' */
		const char *a = skip_marks(s + 1, s + n);
		if (ANY_OF(starts_i, a, (size_t)(s + n - a), attached))
			return 1;
	}
	return 0;
}

/* System notices that cannot be an ordinary message. */
static int is_system_strong(const char *s, size_t n)
{
	static const char *const prefix[] = {
		"Messages and calls are end-to-end encrypted",
		"Messages to this group are now secured with end-to-end encryption",
		"Messages you send to this group are now secured",
		"Messages you send to this chat and calls are now secured",
		"Pesan dan panggilan terenkripsi secara end-to-end",
		"Pesan yang Anda kirim ke grup ini kini diamankan",
		"Pesan yang dikirim ke grup ini sekarang diamankan",
		"Your security code with ", "Kode keamanan Anda dengan ",
		"You're now an admin", "You\xE2\x80\x99re now an admin", "You are now an admin",
		"Anda sekarang admin", "Anda kini admin", "Anda membuat grup",
		"You created group", "You created this group",
	};
	return !memchr(s, '\n', n) && ANY_OF(starts_i, s, n, prefix);
}

/* System notices that need context (iOS marks, the group as sender). */
static int is_system_weak(const char *s, size_t n)
{
	static const char *const infix[] = {
		" joined using this group's invite link",
		" joined using this group\xE2\x80\x99s invite link",
		" bergabung menggunakan tautan undangan", " created group",
		" membuat grup", " changed the subject", " mengubah subjek",
		" changed this group's icon", " changed this group\xE2\x80\x99s icon",
		" changed the group icon", " mengubah ikon grup",
		" changed the group description", " mengubah deskripsi grup",
		" added ", " menambahkan ", " removed ", " mengeluarkan ",
		" changed their phone number", " changed to ", " mengganti nomor",
		" telah berubah", " is now an admin", " sekarang admin",
		" deleted this group's icon", " menghapus ikon grup",
	};
	static const char *const suffix[] = { " left", " keluar", " joined", " bergabung" };
	if (memchr(s, '\n', n))
		return 0;
	if (n > 0 && s[n - 1] == '.')
		n--;
	return ANY_OF(contains_i, s, n, infix) || ANY_OF(ends_i, s, n, suffix);
}

int chat_name_is_system(const char *s, size_t n)
{
	static const char *const verbs[] = {
		" created group", " changed the subject", " changed the group",
		" membuat grup", " mengubah subjek", " mengubah nama grup",
		" mengubah deskripsi grup", " changed this group",
	};
	if (!memchr(s, '"', n) && !contains_i(s, n, "\xE2\x80\x9C"))
		return 0;
	return ANY_OF(contains_i, s, n, verbs);
}

enum chat_kind chat_classify(const char *s, size_t n, const char *sender, int has_sender,
			     int lrm, char **group)
{
	if (!has_sender)
		return CHAT_SYSTEM;
	if (is_deleted(s, n))
		return CHAT_DELETED;
	if (is_media(s, n))
		return CHAT_MEDIA;
	if (is_system_strong(s, n)) {
		if (!*group)
			*group = xstrdup(sender);
		return CHAT_SYSTEM;
	}
	if ((lrm || (*group && strcmp(*group, sender) == 0)) && is_system_weak(s, n))
		return CHAT_SYSTEM;
	return CHAT_TEXT;
}
