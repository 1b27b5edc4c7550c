/*
 * tables.h: the data tables built into saring from data/ (src/embed.sh),
 * and loaders that parse them into hash maps.
 *
 * Ownership: table_load_pairs() stores owned copies of the values
 * (val.ptr, free them); table_load_set() stores no values.
 */
#ifndef SARING_TABLES_H
#define SARING_TABLES_H

#include "hmap.h"

extern const char data_slang[];            /* data/slang.tsv */
extern const char data_stopwords[];        /* data/stopwords.txt */
extern const char data_stopwords_en[];     /* data/stopwords-en.txt */
extern const char data_stem_exceptions[];  /* data/stem-exceptions.tsv */
extern const char data_keep_in[];          /* data/keep-in.txt */
extern const char data_schema[];           /* data/schema.sql */
extern const char data_everyday[];         /* data/everyday.txt */

/* "key<TAB>value" lines ('#' comments, blank lines skipped) into m. */
void table_load_pairs(const char *text, struct hmap *m);
/* One word per line into m. */
void table_load_set(const char *text, struct hmap *m);

#endif
