/*
 * report_scan.h: what people are shown of a scanned chat. The summary's
 * sections are defined once here, for its three renderings: the terminal
 * (scan_summary()), the HTML file (scan_html()) and the web page (web.c).
 * Also the line per message of scan --json and --tsv.
 *
 * Ownership: everything is borrowed; headings are untranslated (N_()).
 */
#ifndef SARING_REPORT_SCAN_H
#define SARING_REPORT_SCAN_H

#include <stddef.h>
#include <stdio.h>

#include "report.h"
#include "scan.h"

/* Entries per list in the summary: scan --top's default, and the web page's. */
#define SCAN_TOP 10

/* One list of the summary. */
struct scan_section {
	int documents;              /* screening_ranked(): documents (1) or messages (0) */
	unsigned want;              /* the verdicts listed, a bit each */
	const char *heading;        /* above the list */
	const char *none_heading;   /* instead of heading when the list is empty; NULL: heading, then "none" */
	const char *file_heading;   /* the HTML file's heading */
	int omit_empty;             /* an empty list is left out, heading and all */
	const char *id;             /* the list's id on the web page, or NULL */
};

#define SCAN_SECTIONS 3
extern const struct scan_section scan_sections[SCAN_SECTIONS];

/*
 * The heading (translated) over section s when it lists n entries, the
 * HTML file's when file is set; NULL when the section is left out. *none
 * is set when "none" goes under it.
 */
const char *scan_heading(const struct scan_section *s, size_t n, int file, int *none);

/* What scan prints per message as it is read: the context of scan_line(). */
struct scan_lines {
	enum out_format format;     /* OUT_JSON or OUT_TSV; none for OUT_HUMAN */
	unsigned only;              /* bit per verdict printed; 0 = all */
};

/*
 * scan_seen_fn (lines: a struct scan_lines): the line of --json or --tsv
 * for a message (image: NULL), or for the text read from the image it
 * attached.
 */
void scan_line(void *lines, const struct scan *sc, const char *file, const struct chat_msg *msg,
	       const struct sighting *s, const char *image);

/* The summary for people at the end of scan, on stdout; top entries per list. */
void scan_summary(const struct scan *sc, int top);

/* The report for the local Diskominfo: one self-contained HTML file, no scripts. 0, or -1 (said on stderr). */
int scan_html(const struct scan *sc, const char *path, int top);

#endif
