/*
 * i18n.c: pick the language and point gettext at saring's catalogs: the
 * ones built in the source tree (build/locale, next to ./saring), else the
 * installed ones.
 */
#include "i18n.h"

#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "exe.h"

static const char *chosen = "en";   /* set once by i18n_init() before any thread starts */

const char *i18n_lang(void)
{
	return chosen;
}

/* "id" when a locale name (id, id_ID.UTF-8, in, ...) is Indonesian. */
static const char *from_locale(const char *v)
{
	if (!v || !*v)
		return NULL;
	if (!strncmp(v, "id", 2) && (v[2] == '\0' || v[2] == '_' || v[2] == '.' || v[2] == ':'))
		return "id";
	if (!strncmp(v, "in", 2) && (v[2] == '\0' || v[2] == '_'))
		return "id";
	return "en";
}

int i18n_init(const char *lang)
{
	const char *pick = NULL;
	if (lang) {
		if (strcmp(lang, "id") && strcmp(lang, "en"))
			return -1;
		pick = lang;
	}
	if (!pick) {
		const char *env = getenv("SARING_LANG");
		if (env && (!strcmp(env, "id") || !strcmp(env, "en")))
			pick = env;
	}
	const char *vars[] = { "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG" };
	for (size_t i = 0; !pick && i < sizeof vars / sizeof *vars; i++)
		pick = from_locale(getenv(vars[i]));
	chosen = pick ? pick : "en";
	/* gettext follows $LANGUAGE unless the locale is C; C.UTF-8 always exists */
	setenv("LANGUAGE", chosen, 1);
	const char *ct = setlocale(LC_CTYPE, "");
	if (!ct || !strcmp(ct, "C") || !strcmp(ct, "POSIX"))
		setlocale(LC_CTYPE, "C.UTF-8");
	const char *lm = setlocale(LC_MESSAGES, "");
	if (!lm || !strcmp(lm, "C") || !strcmp(lm, "POSIX"))
		setlocale(LC_MESSAGES, "C.UTF-8");
	char *dir = exe_relative("build/locale");   /* the source tree's, else the installed catalogs */
	bindtextdomain("saring", dir ? dir : SARING_LOCALEDIR);
	bind_textdomain_codeset("saring", "UTF-8");
	textdomain("saring");
	free(dir);
	return 0;
}
