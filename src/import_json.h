/*
 * import_json.h: the JSON readers of import (import_reader.h): JSON Lines,
 * and schema.org ClaimReview in its shapes (arrays, "@graph", feeds,
 * nodes holding reviews, Google Fact Check Tools responses).
 */
#ifndef SARING_IMPORT_JSON_H
#define SARING_IMPORT_JSON_H

#include "import_input.h"
#include "import_reader.h"

/*
 * A ClaimReview file: one object (maybe with "@graph"), read whole, or an
 * array of values, read one element at a time: each element gets the
 * line where it starts, and the elements before a syntax error are kept.
 */
void read_claimreview(struct reader *r, struct input *in);
/*
 * JSON Lines: one object per line, blank lines skipped, read a line at a
 * time; a line holding a ClaimReview (or a node or feed of them) is read
 * as one.
 */
void read_jsonl(struct reader *r, struct input *in);

#endif
