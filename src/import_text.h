/*
 * import_text.h: the text and Markdown reader of import (import_reader.h):
 * one file, or a directory of them, one document each.
 */
#ifndef SARING_IMPORT_TEXT_H
#define SARING_IMPORT_TEXT_H

#include <stddef.h>

#include "import_reader.h"

/* The extensions of text files: txt, md, markdown. */
extern const char *const import_text_exts[];
/*
 * One text or Markdown file (s, n bytes; changed in place) as one
 * document: front matter or the first line gives the title.
 */
void text_doc(struct reader *r, char *s, size_t n);
/*
 * A directory of text files, one document each, sorted by name; 0, or
 * -1 with *err set when it cannot be read.
 */
int read_text_dir(struct reader *r, const char *dir, char **err);

#endif
