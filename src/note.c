/*
 * note.c: a matcher's notes as sentences (see note.h).
 */
#include "note.h"

#include <stdlib.h>

#include "i18n.h"
#include "match.h"
#include "util.h"

char *note_text(const struct note *n, int translate)
{
	static const char *const both[] = {
		[NOTE_NUMBERS] = N_("numbers differ: %s where the release says %s"),
		[NOTE_DATES] = N_("dates differ: %s where the release says %s"),
		[NOTE_TIMES] = N_("times differ: %s where the release says %s"),
	};
	static const char *const one[] = {
		[NOTE_NUMBERS] = N_("numbers differ: %s is not in the release"),
		[NOTE_DATES] = N_("dates differ: %s is not in the release"),
		[NOTE_TIMES] = N_("times differ: %s is not in the release"),
	};
	static const char *const long_message = N_("the message is very long: only its first 100000 "
						   "words were compared");
	static const char *const negation = N_("the message says 'not' (tidak, bukan, ...) where the "
					       "document does not: it may deny or dispute the claim rather "
					       "than spread it");
	struct strbuf sb = STRBUF_INIT;
	const char *fmt = n->kind == NOTE_NEGATION ? negation : n->kind == NOTE_LONG ? long_message
			: n->release ? both[n->kind] : one[n->kind];
	if (translate)
		fmt = _(fmt);
	if (n->kind == NOTE_NEGATION || n->kind == NOTE_LONG)
		sb_puts(&sb, fmt);
	else if (n->release)
		sb_printf(&sb, fmt, n->said, n->release);
	else
		sb_printf(&sb, fmt, n->said);
	return sb_detach(&sb);
}

char *notes_joined(const struct note *notes, size_t n, int translate)
{
	if (!n)
		return NULL;
	struct strbuf sb = STRBUF_INIT;
	for (size_t i = 0; i < n; i++) {
		char *t = note_text(&notes[i], translate);
		sb_printf(&sb, "%s%s", sb.len ? "; " : "", t);
		free(t);
	}
	return sb_detach(&sb);
}
