/* cmd_sources.c: saring sources: list, add and remove what saring update fetches. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "i18n.h"
#include "import_opts.h"
#include "out.h"
#include "sources.h"
#include "util.h"

static int list(struct source_list *l, int json)
{
	for (size_t i = 0; i < l->n; i++) {
		const struct source *s = &l->v[i];
		if (json) {
			json_t *o = json_object();
			json_object_set_new(o, "name", out_str(s->name));
			json_object_set_new(o, "type", out_str(source_type_name(s->type)));
			json_object_set_new(o, "url", out_str(s->url));
			json_object_set_new(o, "label", out_str(s->label));
			json_object_set_new(o, "publisher", out_str(s->publisher));
			json_object_set_new(o, "key", json_boolean(s->key != NULL));
			out_json_line(o);
		} else {
			out_termf(stdout, "%-14s %-9s %-9s %s%s\n", s->name, source_type_name(s->type), s->label, s->url,
			       s->key ? _(" (key set)") : "");
		}
	}
	if (!json && !l->from_file)
		out_termf(stdout, _("(the default sources: %s does not exist yet)\n"), l->path);
	return EXIT_CLEAN;
}

static int save(struct source_list *l)
{
	return sources_save(l) < 0 ? EXIT_SYSTEM : EXIT_CLEAN;
}

/* What sources add was given besides its arguments. */
struct add_opts {
	const char *label, *publisher, *key;
};

static int add(struct source_list *l, const struct add_opts *o, int argc, char **argv)
{
	if (argc < 2 || argc > 3)
		return usage_error(_("sources add wants NAME TYPE [URL]"));
	int type = source_type_parse(argv[1]);
	if (type < 0)
		return usage_error(_("unknown source type '%s' (%s)"), argv[1], source_type_names());
	const char *url = argc == 3 ? argv[2] : source_default_url((enum source_type)type);
	const char *label = o->label ? o->label : feed_kinds[type]->default_label;
	struct source s = { argv[0], (enum source_type)type, (char *)url, (char *)label,
			    (char *)o->publisher, (char *)o->key };
	const char *why = url ? source_check(&s) : N_("this type of source wants a URL");
	if (why)
		return usage_error("%s", _(why));
	if (sources_find(l, s.name))
		return usage_error(_("a source named '%s' exists already; remove it first"), s.name);
	sources_add(l, &s);
	return save(l);
}

static int remove_sources(struct source_list *l, int argc, char **argv)
{
	if (argc < 1)
		return usage_error(_("sources remove wants NAME..."));
	for (int i = 0; i < argc; i++) {
		struct source *s = sources_find(l, argv[i]);
		if (!s)
			return usage_error(_("no source named '%s'"), argv[i]);
		source_clear(s);
		size_t at = (size_t)(s - l->v);
		memmove(s, s + 1, (l->n - at - 1) * sizeof *s);
		l->n--;
	}
	return save(l);
}

int cmd_sources(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "label", required_argument, NULL, 'l' },
		{ "publisher", required_argument, NULL, 'P' },
		{ "key", required_argument, NULL, 'K' },
		{ NULL, 0, NULL, 0 },
	};
	struct add_opts o = { NULL, NULL, NULL };
	int json = 0, c;
	while ((c = getopt_long(argc, argv, "l:", longopts, NULL)) != -1) {
		switch (c) {
		case 'j': json = 1; break;
		case 'l':
			if (!(o.label = import_label(optarg)))
				return usage_error(_("--label must be hoax, factcheck or official, not '%s'"), optarg);
			break;
		case 'P': o.publisher = optarg; break;
		case 'K': o.key = optarg; break;
		default: return usage_error(_("unknown option"));
		}
	}
	const char *verb = optind < argc ? argv[optind++] : "list";
	int listing = !strcmp(verb, "list"), adding = !strcmp(verb, "add");
	if (!listing && !adding && strcmp(verb, "remove"))
		return usage_error(_("unknown sources command '%s' (list, add, remove)"), verb);
	if (listing && optind < argc)
		return usage_error(_("sources list takes no arguments"));
	if (json && !listing)
		return usage_error(_("--json goes with sources list"));
	if (!adding && (o.label || o.publisher || o.key))
		return usage_error(_("--label, --publisher and --key go with sources add"));
	struct source_list l;
	if (sources_load(&l) < 0) {
		sources_free(&l);
		return EXIT_USAGE;
	}
	int rc = listing ? list(&l, json) : adding ? add(&l, &o, argc - optind, argv + optind)
		 : remove_sources(&l, argc - optind, argv + optind);
	sources_free(&l);
	return rc;
}
