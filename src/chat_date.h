/*
 * chat_date.h: which of a header date's three numbers is the day, the
 * month and the year, inferred per date shape from the dates seen (the
 * rules are at the top of chat_date.c).
 *
 * Ownership: a date_shape is a plain value the caller owns (chat.c keeps
 * one per header style, separator and year position); nothing here
 * allocates.
 */
#ifndef SARING_CHAT_DATE_H
#define SARING_CHAT_DATE_H

#include <stddef.h>

#include "chat_types.h"

/* Day/month/year orders; YDM exists because some tools write %y-%d-%m. */
enum order { ORD_DMY, ORD_MDY, ORD_YMD, ORD_YDM, ORD_N };
#define ORD_ALL 0xFu

/* Added to a field written with four digits: it is the year as written ("0000" is 0, not 2000). */
#define YEAR4 10000

/* Evidence about the date order of one date shape. */
struct date_shape {
	long seen;             /* headers of this shape so far */
	unsigned mask;         /* orders consistent with every date seen */
	int decided;           /* order is fixed */
	int by_caller;         /* order came from the caller: no repair */
	enum order order;
	int ampm;              /* a 12-hour clock was seen */
	int last[3];           /* previous date of this shape */
	long changes[3];       /* how often each field changed between headers */
};

/* Orders under which date f is valid; ypos: 0 no 4-digit year, 1 first, 2 last. */
unsigned date_mask(const int f[3], int ypos);

/*
 * Record one header's date f (valid under the orders in dmask; ypos as for
 * date_mask(); ampm: its clock had AM/PM) as evidence for its shape; force
 * is the caller's order, DATE_AUTO to infer it.
 */
void date_note(struct date_shape *ds, enum date_order force, int ypos, const int f[3],
	       unsigned dmask, int ampm);

/* Fix the order of a shape seen but not yet decided (on the evidence so far). */
void date_decide(struct date_shape *ds);

/*
 * Write date f with the time as ISO 8601 "2022-10-13T16:25:00" into buf
 * (size bytes), read under the shape's decided order; "" if the date is
 * impossible.
 */
void date_iso(const struct date_shape *ds, const int f[3], unsigned dmask,
	      int hour, int min, int sec, char *buf, size_t size);

#endif
