/* sources.c: the sources file of saring update, and its defaults. */
#include "sources.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "i18n.h"
#include "util.h"

const char *source_type_name(enum source_type t)
{
	return t < NSOURCE_TYPES ? feed_kinds[t]->name : "?";
}

int source_type_parse(const char *name)
{
	for (int t = 0; t < NSOURCE_TYPES; t++) {
		if (!strcasecmp(name, feed_kinds[t]->name))
			return t;
		for (const char *const *a = feed_kinds[t]->aliases; a && *a; a++)
			if (!strcasecmp(name, *a))
				return t;
	}
	return -1;
}

const char *source_default_url(enum source_type t)
{
	return feed_kinds[t]->default_url;
}

const char *source_type_names(void)
{
	static char names[256];   /* the kinds' names are short: 8 of them take 60 bytes */
	size_t at = 0;
	if (!names[0])
		for (int t = 0; t < NSOURCE_TYPES && at < sizeof names; t++)
			at += (size_t)snprintf(names + at, sizeof names - at, "%s%s", t ? ", " : "", feed_kinds[t]->name);
	return names;
}

/* The national sources, for a fresh install (see README "Keeping the corpus current"). */
static const struct { const char *name; enum source_type type; const char *url, *label, *publisher, *key_env; } defaults[] = {
	{ "turnbackhoax", SRC_ARTICLES, "https://turnbackhoax.id/feed/", "hoax", "Mafindo (TurnBackHoax)", NULL },
	{ "komdigi", SRC_KOMDIGI, "https://www.komdigi.go.id/api/v1/public/content?category=berita-hoaks",
	  "hoax", "Komdigi", NULL },
	{ "mafindo", SRC_YUDISTIRA, NULL, "hoax", "Mafindo", "SARING_MAFINDO_KEY" },
	{ "google", SRC_GOOGLE, NULL, "factcheck", NULL, "SARING_GOOGLE_KEY" },
};

static char *dup_field(const char *s)
{
	return s && *s && strcmp(s, "-") ? xstrdup(s) : NULL;
}

void sources_add(struct source_list *l, const struct source *s)
{
	xgrow((void **)&l->v, &l->cap, l->n + 1, sizeof *l->v);
	l->v[l->n++] = (struct source){ xstrdup(s->name), s->type, xstrdup(s->url), xstrdup(s->label),
					dup_field(s->publisher), dup_field(s->key) };
}

struct source *sources_find(struct source_list *l, const char *name)
{
	for (size_t i = 0; i < l->n; i++)
		if (!strcmp(l->v[i].name, name))
			return &l->v[i];
	return NULL;
}

const char *source_check(const struct source *s)
{
	if (!s->name || !*s->name || strlen(s->name) > 64)
		return N_("a source name has 1 to 64 characters");
	for (const char *p = s->name; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '-' || *p == '_' || *p == '.'))
			return N_("a source name has only a-z, 0-9, '-', '_' and '.'");
	if (!s->url || (strncasecmp(s->url, "https://", 8) && strncasecmp(s->url, "http://", 7)))
		return N_("a source URL starts with http:// or https://");
	if (strpbrk(s->url, "\t\n\r ") || (s->publisher && strpbrk(s->publisher, "\t\n\r")) ||
	    (s->key && strpbrk(s->key, "\t\n\r ")))
		return N_("no tabs or line breaks in a source's fields, no spaces in a URL or key");
	if (!s->label || (strcmp(s->label, "hoax") && strcmp(s->label, "factcheck") && strcmp(s->label, "official")))
		return N_("a source's label is hoax, factcheck or official");
	if (feed_kinds[s->type]->needs_key && !s->key)
		return N_("this type of source needs --key");
	return NULL;
}

static void load_defaults(struct source_list *l)
{
	for (size_t i = 0; i < sizeof defaults / sizeof *defaults; i++) {
		const char *key = defaults[i].key_env ? getenv(defaults[i].key_env) : NULL;
		if (defaults[i].key_env && (!key || !*key))
			continue;
		struct source s = { (char *)defaults[i].name, defaults[i].type,
				    (char *)(defaults[i].url ? defaults[i].url : source_default_url(defaults[i].type)),
				    (char *)defaults[i].label, (char *)defaults[i].publisher, (char *)key };
		sources_add(l, &s);
	}
}

int sources_load(struct source_list *l)
{
	memset(l, 0, sizeof *l);
	l->path = config_path("sources");
	FILE *f = fopen(l->path, "r");
	if (!f) {
		if (errno != ENOENT) {
			warnx_(_("%s: %s"), l->path, strerror(errno));
			return -1;
		}
		load_defaults(l);
		return 0;
	}
	int bad = 0;
	l->from_file = 1;
	char *line = NULL;
	size_t cap = 0;
	long no = 0;
	ssize_t len;
	while ((len = getline(&line, &cap, f)) >= 0) {
		no++;
		while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
			line[--len] = '\0';
		if (!len || line[0] == '#')
			continue;
		char *fields[6] = { 0 }, *p = line;
		for (int i = 0; i < 6 && p; i++) {
			fields[i] = p;
			p = strchr(p, '\t');
			if (p)
				*p++ = '\0';
		}
		int type = fields[1] ? source_type_parse(fields[1]) : -1;
		struct source s = { fields[0], type < 0 ? SRC_RSS : (enum source_type)type, fields[2],
				    fields[3], dup_field(fields[4]), dup_field(fields[5]) };
		const char *why = type < 0 ? N_("unknown source type") : source_check(&s);
		if (!why && sources_find(l, s.name))
			why = N_("a second source of that name");
		if (why)
			warnx_(_("%s:%ld: %s"), l->path, no, _(why));
		else
			sources_add(l, &s);
		free(s.publisher);
		free(s.key);
		if ((bad = why != NULL))
			break;
	}
	free(line);
	fclose(f);
	return bad ? -1 : 0;
}

int sources_save(const struct source_list *l)
{
	struct strbuf tmp = STRBUF_INIT;
	sb_printf(&tmp, "%s.tmp", l->path);
	FILE *f = NULL;
	if (mkdir_parents(l->path) == 0)
		f = fopen(tmp.buf, "w");
	if (f) {
		fputs("# saring update's sources: NAME TYPE URL LABEL PUBLISHER KEY, tab-separated, '-' for none\n", f);
		for (size_t i = 0; i < l->n; i++) {
			const struct source *s = &l->v[i];
			fprintf(f, "%s\t%s\t%s\t%s\t%s\t%s\n", s->name, source_type_name(s->type), s->url, s->label,
				s->publisher ? s->publisher : "-", s->key ? s->key : "-");
		}
	}
	if (!f || ferror(f) | (fclose(f) != 0) || chmod(tmp.buf, 0600) != 0 || rename(tmp.buf, l->path) != 0) {
		warnx_(_("%s: %s"), f ? tmp.buf : l->path, strerror(errno));
		unlink(tmp.buf);
		sb_release(&tmp);
		return -1;
	}
	sb_release(&tmp);
	return 0;
}

void source_clear(struct source *s)
{
	free(s->name);
	free(s->url);
	free(s->label);
	free(s->publisher);
	free(s->key);
	memset(s, 0, sizeof *s);
}

void sources_free(struct source_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		source_clear(&l->v[i]);
	free(l->v);
	free(l->path);
	memset(l, 0, sizeof *l);
}
