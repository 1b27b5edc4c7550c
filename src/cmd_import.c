/*
 * cmd_import.c: saring import: add documents to the corpus (ingest.h
 * does the work), one transaction per file, and say what came of them.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "i18n.h"
#include "commands.h"
#include "import.h"
#include "ingest.h"
#include "util.h"

/* Append arg to the list *v of an option given many times (*n used, *cap allocated). */
static void add_arg(const char ***v, size_t *n, size_t *cap, const char *arg)
{
	xgrow((void **)v, cap, *n + 1, sizeof **v);
	(*v)[(*n)++] = arg;
}

int cmd_import(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "label", required_argument, NULL, 'l' },
		{ "source", required_argument, NULL, 's' },
		{ "format", required_argument, NULL, 'F' },
		{ "map", required_argument, NULL, 'm' },
		{ "map-label", required_argument, NULL, 'L' },
		{ "replace", no_argument, NULL, 'r' },
		{ "strict", no_argument, NULL, 'S' },
		{ "insecure", no_argument, NULL, 'k' },
		{ "db", required_argument, NULL, 'd' },
		{ NULL, 0, NULL, 0 },
	};
	struct import_opts o = { FMT_AUTO, NULL, NULL, NULL, 0, NULL, 0 };
	const char **map = NULL, **label_map = NULL;
	size_t nmap = 0, capmap = 0, nlabel_map = 0, caplabel_map = 0;
	struct ingest g = { .db = global_db, .o = &o };
	int c;
	while ((c = getopt_long(argc, argv, "l:s:F:m:", longopts, NULL)) != -1) {
		switch (c) {
		case 'l':
			o.label = import_label(optarg);   /* synonyms too: hoaks, resmi, cek fakta */
			if (!o.label)
				return usage_error(_("--label must be hoax, factcheck or official, not '%s'"), optarg);
			break;
		case 's': o.source = optarg; break;
		case 'F': {
			int f = import_format_parse(optarg);
			if (f < 0)
				return usage_error(_("unknown format '%s' (jsonl, csv, claimreview, text)"), optarg);
			o.format = (enum import_format)f;
			break;
		}
		case 'm':
			if (!strchr(optarg, '='))
				return usage_error(_("--map wants FIELD=COLUMN, not '%s'"), optarg);
			add_arg(&map, &nmap, &capmap, optarg);
			break;
		case 'L':
			if (!strchr(optarg, '='))
				return usage_error(_("--map-label wants VALUE=LABEL[,VALUE=LABEL...], not '%s'"), optarg);
			add_arg(&label_map, &nlabel_map, &caplabel_map, optarg);
			break;
		case 'r': g.replace = 1; break;
		case 'S': g.strict = 1; break;
		case 'k': g.insecure = 1; break;
		case 'd': g.db = optarg; break;
		default: return usage_error(_("unknown option"));
		}
	}
	if (optind == argc) {
		free(map);
		free(label_map);
		return usage_error(_("no file to import"));
	}
	o.map = map;
	o.nmap = nmap;
	o.label_map = label_map;
	o.nlabel_map = nlabel_map;
	ingest_catch_signals();
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	int status = EXIT_CLEAN;
	for (int i = optind; i < argc && !ingest_interrupted(); i++) {
		int s = ingest_file(&g, argv[i]);
		if (s > status)
			status = s;
		if (s == EXIT_SYSTEM)
			break;
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	double secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	printf("added %ld, updated %ld, unchanged %ld, skipped %ld, %.2f s\n",
	       g.total.added, g.total.updated, g.total.unchanged, g.total.skipped, secs);
	ingest_close(&g);
	free(map);
	free(label_map);
	if (ingest_interrupted())
		return 128 + ingest_interrupted();
	return status;
}
