/*
 * date.h: reading the dates of corpus records (import's field rules,
 * review ids).
 */
#ifndef SARING_DATE_H
#define SARING_DATE_H

/*
 * Normalise a date to YYYY-MM-DD in out: accepts YYYY-MM-DD (or with '/'
 * or '.', maybe followed by a time: "T10:00:00Z", " 10:00"), DD/MM/YYYY,
 * DD-MM-YYYY, DD.MM.YYYY, "2 Jan 2024", "17-Aug-20", "02-Okt-18",
 * "Senin, 2 Januari 2024", "January 2, 2024" (English or Indonesian month
 * names). Returns 0, or -1 when s is not a valid date.
 */
int date_parse(const char *s, char out[11]);
/* The days in month m (1-12) of year y (Gregorian leap years). */
int date_month_days(int y, int m);

#endif
