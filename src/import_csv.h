/*
 * import_csv.h: the CSV reader of import (import_reader.h), with the
 * header rules: column names saring knows, --map entries, separators.
 */
#ifndef SARING_IMPORT_CSV_H
#define SARING_IMPORT_CSV_H

#include "import_input.h"
#include "import_reader.h"

/*
 * The field of a --map entry "field=column" ("text" is taken for body),
 * with *column pointing after the '='; -1 with *err set when it is wrong.
 */
int csv_map_field(const char *entry, const char **column, char **err);
/*
 * Does the first line (s, n bytes) look like a CSV header: a separator,
 * and a column name saring knows or one that --map names?
 */
int csv_header_like(const char *s, size_t n, const struct import_opts *o);
/*
 * CSV with a header line, a row at a time; peek holds what is available
 * of the first line (for the separator and the line end), tsv says the
 * file is named .tsv. Returns 0, or -1 with *err set when the header
 * cannot be used.
 */
int read_csv(struct reader *r, struct input *in, const char *peek, size_t npeek,
	     int tsv, char **err);

#endif
