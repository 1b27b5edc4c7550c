/*
 * ingest.h: import files into the corpus (saring import): each file read
 * with import_read() (a signed bundle checked and opened first) and
 * written in one transaction of its own, rolled back whole on a database
 * error, a bad record under --strict or a signal.
 *
 * Ownership: struct ingest borrows its options and owns the store it
 * opens (at the first good document, so a failed import creates nothing);
 * ingest_close() gives it back.
 */
#ifndef SARING_INGEST_H
#define SARING_INGEST_H

#include "import.h"

struct store;

/* Documents counted by what became of them. */
struct ingest_counts {
	long added, updated, unchanged, skipped;
};

struct ingest {
	struct store *st;             /* NULL until the first good document (owned) */
	const char *db;               /* --db (borrowed) */
	const struct import_opts *o;  /* how to read the files (borrowed) */
	int replace;                  /* --replace: a new version overwrites an id's old one */
	int strict;                   /* --strict: one bad record rolls the file back */
	int insecure;                 /* --insecure: take unsigned bundles */
	struct ingest_counts total;   /* the files committed so far */
};

/* Catch SIGINT and SIGTERM: the file being imported is rolled back, and no other is read. */
void ingest_catch_signals(void);
/* The signal caught, or 0. */
int ingest_interrupted(void);
/*
 * Import one file (or signed bundle) in one transaction, saying on stderr
 * what went wrong: EXIT_CLEAN, EXIT_USAGE (bad input; nothing of the file
 * kept) or EXIT_SYSTEM (database error).
 */
int ingest_file(struct ingest *g, const char *path);
/* Close the store, if it was opened. */
void ingest_close(struct ingest *g);

#endif
