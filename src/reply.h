/*
 * reply.h: a short reply, ready to paste into the WhatsApp group the
 * message came from, in the chosen language.
 *
 * Ownership: reply_text() returns a string the caller frees.
 */
#ifndef SARING_REPLY_H
#define SARING_REPLY_H

#include "match.h"

char *reply_text(const struct result *r);

#endif
