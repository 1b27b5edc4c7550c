/*
 * note.h: a matcher's notes (an altered release's numbers, dates and
 * times, a negation, a long message) as sentences: in the fixed English of
 * the JSON and of the screening engine's keys, or in the reader's language
 * when a renderer shows them.
 *
 * Ownership: the notes are borrowed; the strings returned are the
 * caller's to free().
 */
#ifndef SARING_NOTE_H
#define SARING_NOTE_H

#include <stddef.h>

struct note;

/* A note as a sentence: translate = 0 gives the fixed English used in JSON, 1 the reader's language. */
char *note_text(const struct note *n, int translate);

/* n notes as one text, their sentences joined by "; "; NULL when n is 0. */
char *notes_joined(const struct note *notes, size_t n, int translate);

#endif
