/*
 * import_opts.h: what import's callers and its readers (import_reader.h)
 * share below both: the formats, an import's options, and the canonical
 * labels (import_label(), defined in import_reader.c), so that the
 * readers need not include import.h, which calls them.
 */
#ifndef SARING_IMPORT_OPTS_H
#define SARING_IMPORT_OPTS_H

#include <stddef.h>

enum import_format { FMT_AUTO, FMT_JSONL, FMT_CSV, FMT_CLAIMREVIEW, FMT_TEXT };

struct import_opts {
	enum import_format format;   /* FMT_AUTO: from extension, then content */
	const char *label;           /* --label: default label when a record has none (NULL: none) */
	const char *source;          /* --source: corpus name (NULL: the file's base name) */
	const char *const *map;      /* --map "field=column" pairs for CSV (borrowed) */
	size_t nmap;
	const char *const *label_map;  /* --map-label "value=label[,value=label...]" (borrowed) */
	size_t nlabel_map;
};

/*
 * The canonical label for name: "hoax", "factcheck" or "official", also
 * from the common ratings of Indonesian datasets and fact checkers: hoaks,
 * salah, disinformasi, misinformasi, fitnah, ... for hoax; cek fakta for
 * factcheck; valid, benar, fakta, resmi, klarifikasi for official (the
 * full list is in saring-corpus(5); any case, surrounding spaces and
 * brackets ignored: "[SALAH]"); NULL if unknown. The result is a static
 * string.
 */
const char *import_label(const char *name);

#endif
