/* cmd_export.c: saring export: the corpus as JSON Lines or ClaimReview. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bundle.h"
#include "export.h"
#include "i18n.h"
#include "commands.h"
#include "import_opts.h"
#include "store.h"
#include "store_read.h"
#include "util.h"

int cmd_export(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "format", required_argument, NULL, 'F' },
		{ "label", required_argument, NULL, 'l' },
		{ "bundle", required_argument, NULL, 'b' },
		{ "sign-key", required_argument, NULL, 'K' },
		{ "db", required_argument, NULL, 'd' },
		{ NULL, 0, NULL, 0 },
	};
	const char *format = "jsonl", *label = NULL, *db = global_db, *bundle = NULL, *key = NULL;
	int c;
	while ((c = getopt_long(argc, argv, "l:", longopts, NULL)) != -1) {
		switch (c) {
		case 'F': format = optarg; break;
		case 'l':
			label = import_label(optarg);
			if (!label)
				return usage_error(_("--label must be hoax, factcheck or official, not '%s'"), optarg);
			break;
		case 'b': bundle = optarg; break;
		case 'K': key = optarg; break;
		case 'd': db = optarg; break;
		default: return usage_error(_("unknown option"));
		}
	}
	int claimreview = !strcmp(format, "claimreview");
	if (!claimreview && strcmp(format, "jsonl"))
		return usage_error(_("--format wants jsonl or claimreview, not '%s'"), format);
	if (optind != argc)
		return usage_error(_("export takes no arguments"));
	if (key && !bundle)
		return usage_error(_("--sign-key signs a --bundle"));
	if (bundle && claimreview)
		return usage_error(_("a bundle holds JSON Lines; --format claimreview cannot go with --bundle"));
	char *text = NULL;
	size_t len = 0;
	FILE *out = bundle ? open_memstream(&text, &len) : stdout;
	if (!out)
		die(EXIT_SYSTEM, "out of memory");
	struct store *st = cmd_store(db);
	struct doc_iter *it = store_docs(st, label);
	struct exporter ex;
	export_begin(&ex, out, claimreview);
	struct doc d = { 0 };
	while (store_docs_next(it, &d)) {
		export_doc(&ex, &d);
		doc_clear(&d);
	}
	export_end(&ex);
	store_docs_end(it);
	if (!bundle)
		return EXIT_CLEAN;
	if (fclose(out) != 0)
		die(EXIT_SYSTEM, "out of memory");
	char *err = NULL;
	int wrote = bundle_write(bundle, text, len, ex.docs, key, &err);
	free(text);
	if (wrote < 0) {
		warnx_("%s", err);
		free(err);
		return EXIT_SYSTEM;
	}
	if (!key)
		warnx_(_("%s: not signed (--sign-key): import and update refuse it without --insecure"), bundle);
	printf(_("%s: %ld documents%s\n"), bundle, ex.docs, key ? _(", signed") : "");
	return EXIT_CLEAN;
}
