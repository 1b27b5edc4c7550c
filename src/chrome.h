/*
 * chrome.h: telling a phone's screen furniture from the message in text
 * read off a screenshot: the status bar (clock, battery, signal,
 * carrier), the app's bars (WhatsApp, the contact's name with "online" or
 * "mengetik...", the "Ketik pesan" field) and the time under each bubble.
 * None of it says anything about a hoax, and all of it would dilute the
 * score, so it is kept apart.
 *
 * Ownership: the caller's buffers are appended to; text is borrowed.
 */
#ifndef SARING_CHROME_H
#define SARING_CHROME_H

#include <stddef.h>

struct strbuf;

/*
 * Split text (lines separated by '\n') into the message, appended to kept,
 * and what was recognised as chrome (or holds no word at all), appended to
 * dropped; both one line per line. Returns the number of lines dropped.
 */
int chrome_split(const char *text, size_t len, struct strbuf *kept, struct strbuf *dropped);

#endif
