/* cmd_sources.c: saring sources: list, add and remove what saring update fetches. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "i18n.h"
#include "import.h"
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
			printf("%-14s %-9s %-9s %s%s\n", s->name, source_type_name(s->type), s->label, s->url,
			       s->key ? _(" (key set)") : "");
		}
	}
	if (!json && !l->from_file)
		printf(_("(the default sources: %s does not exist yet)\n"), l->path);
	return EXIT_CLEAN;
}

static int save(struct source_list *l)
{
	return sources_save(l) < 0 ? EXIT_SYSTEM : EXIT_CLEAN;
}

static int add(struct source_list *l, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "label", required_argument, NULL, 'l' },
		{ "publisher", required_argument, NULL, 'P' },
		{ "key", required_argument, NULL, 'K' },
		{ NULL, 0, NULL, 0 },
	};
	const char *label = NULL, *publisher = NULL, *key = NULL;
	int c;
	optind = 1;
	while ((c = getopt_long(argc, argv, "l:", longopts, NULL)) != -1) {
		switch (c) {
		case 'l':
			if (!(label = import_label(optarg)))
				return usage_error(_("--label must be hoax, factcheck or official, not '%s'"), optarg);
			break;
		case 'P': publisher = optarg; break;
		case 'K': key = optarg; break;
		default: return usage_error(_("unknown option"));
		}
	}
	if (argc - optind < 2 || argc - optind > 3)
		return usage_error(_("sources add wants NAME TYPE [URL]"));
	int type = source_type_parse(argv[optind + 1]);
	if (type < 0)
		return usage_error(_("unknown source type '%s' (rss, wordpress, komdigi, page, yudistira, google, bundle)"),
				   argv[optind + 1]);
	const char *url = argc - optind == 3 ? argv[optind + 2] : source_default_url((enum source_type)type);
	if (!label)
		label = type == SRC_GOOGLE ? "factcheck" : "hoax";
	struct source s = { argv[optind], (enum source_type)type, (char *)url, (char *)label,
			    (char *)publisher, (char *)key };
	const char *why = url ? source_check(&s) : "this type of source wants a URL";
	if (why)
		return usage_error("%s", _(why));
	if (sources_find(l, s.name))
		return usage_error(_("a source named '%s' exists already; remove it first"), s.name);
	sources_add(l, &s);
	return save(l);
}

static int remove_sources(struct source_list *l, int argc, char **argv)
{
	if (argc < 2)
		return usage_error(_("sources remove wants NAME..."));
	for (int i = 1; i < argc; i++) {
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
	const char *verb = argc > 1 ? argv[1] : "list";
	int json = 0;
	if (!strcmp(verb, "list")) {
		for (int i = 2; i < argc; i++) {
			if (strcmp(argv[i], "--json"))
				return usage_error(_("sources list takes only --json"));
			json = 1;
		}
	} else if (strcmp(verb, "add") && strcmp(verb, "remove")) {
		return usage_error(_("unknown sources command '%s' (list, add, remove)"), verb);
	}
	struct source_list l;
	if (sources_load(&l) < 0) {
		sources_free(&l);
		return EXIT_USAGE;
	}
	int rc = !strcmp(verb, "list") ? list(&l, json)
		 : !strcmp(verb, "add") ? add(&l, argc - 1, argv + 1) : remove_sources(&l, argc - 1, argv + 1);
	sources_free(&l);
	return rc;
}
