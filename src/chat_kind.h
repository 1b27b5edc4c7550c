/*
 * chat_kind.h: what a WhatsApp message is (text, system notice, media
 * placeholder, deleted), told by the phrases WhatsApp writes in the
 * locales we know of, and the "edited" marker it appends.
 *
 * The WhatsApp format (chat_whatsapp.c) classifies and strips the marker
 * with these; the reader calls them through struct chat_format.
 *
 * Ownership: text arguments are borrowed; *group (chat_classify) is owned
 * by the caller, who frees it.
 */
#ifndef SARING_CHAT_KIND_H
#define SARING_CHAT_KIND_H

#include <stddef.h>

#include "chat_types.h"

struct strbuf;

/*
 * Is the "Name" before a colon on an Android line a system notice, such as
 * Budi changed the subject from "A" to "B: C" (which must yield no sender)?
 */
int chat_name_is_system(const char *s, size_t n);

/* Strip "<This message was edited>" (in any language known) at the end of t; 1 if it was there. */
int chat_strip_edited(struct strbuf *t);

/*
 * The kind of a message with text s (n bytes) from sender (has_sender: 0
 * for a line without "Name: "). lrm: the text began with a direction mark
 * (iOS writes one before system and media lines). *group is the name iOS
 * gives a group on its system notices: set on the first strong notice,
 * then used to tell the group's weaker notices.
 */
enum chat_kind chat_classify(const char *s, size_t n, const char *sender, int has_sender,
			     int lrm, char **group);

#endif
