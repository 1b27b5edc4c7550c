/*
 * i18n.h: messages for people in Bahasa Indonesia or English (gettext).
 *
 * Machine-readable output (JSON, TSV, verdict names, exit codes) never
 * goes through _(): it is the same in every language.
 */
#ifndef SARING_I18N_H
#define SARING_I18N_H

#include <libintl.h>

#define _(s) gettext(s)
#define N_(s) (s)

/*
 * Choose the language: lang ("id" or "en", from --lang), else $SARING_LANG,
 * else the locale ($LANGUAGE, $LC_ALL, $LC_MESSAGES, $LANG). Returns 0, or
 * -1 when lang is not one we have.
 */
int i18n_init(const char *lang);
/* "id" or "en": the language chosen. */
const char *i18n_lang(void);

#endif
