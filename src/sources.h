/*
 * sources.h: the sources saring update fetches, kept one a line in
 * $XDG_CONFIG_HOME/saring/sources (~/.config/saring/sources); when that
 * file does not exist, the national sources are the list (Google's and
 * Mafindo's APIs only with a key, from SARING_GOOGLE_KEY and
 * SARING_MAFINDO_KEY).
 *
 * A line: NAME TAB TYPE TAB URL TAB LABEL TAB PUBLISHER TAB KEY, "-" for
 * an empty field; '#' starts a comment line.
 *
 * Ownership: a source_list owns its sources and their strings;
 * sources_free() gives them back.
 */
#ifndef SARING_SOURCES_H
#define SARING_SOURCES_H

#include <stddef.h>

#include "feed_kind.h"

struct source {
	char *name;        /* owned: unique, [a-z0-9_.-] */
	enum source_type type;   /* its kind: feed_kinds[type] (feed_kind.h) */
	char *url;         /* owned: http:// or https:// */
	char *label;       /* owned: hoax, factcheck or official */
	char *publisher;   /* owned, or NULL: the publisher of records that name none */
	char *key;         /* owned API key, or NULL */
};

struct source_list {
	struct source *v;  /* owned */
	size_t n, cap;
	int from_file;     /* read from the file (else the defaults) */
	char *path;        /* owned: the sources file */
};

const char *source_type_name(enum source_type t);
/* The type for a kind's name or one of its aliases (feed_kinds[]), any case; -1 if unknown. */
int source_type_parse(const char *name);
/* The default URL of a type that has one (google, yudistira), else NULL. */
const char *source_default_url(enum source_type t);
/* The kinds' names, ", " between them, in the table's order (static). */
const char *source_type_names(void);

/* Read the sources file, or the defaults when there is none: 0, or -1 after saying why (FILE:LINE: ...). */
int sources_load(struct source_list *l);
/* Write the list to its file (a new file renamed over the old, mode 0600): 0, or -1 after saying why. */
int sources_save(const struct source_list *l);
/* Check a new source's fields: NULL, or what is wrong (a static string). */
const char *source_check(const struct source *s);
/* Append a copy of s. */
void sources_add(struct source_list *l, const struct source *s);
/* The source named name, or NULL. */
struct source *sources_find(struct source_list *l, const char *name);
/* Free a source's strings (one taken out of a list). */
void source_clear(struct source *s);
void sources_free(struct source_list *l);

#endif
