/* cmd_trust.c: saring trust: the keys whose bundles saring opens, and making one. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bundle.h"
#include "commands.h"
#include "i18n.h"
#include "out.h"
#include "util.h"

/* trust add KEYFILE... --for SOURCE[,SOURCE...] (the option anywhere, once). */
static int trust_add_files(int argc, char **argv)
{
	const char *sources = NULL;
	int nfiles = 0;
	for (int i = 0; i < argc; i++) {
		if (!strcmp(argv[i], "--for") && i + 1 < argc)
			sources = argv[++i];
		else if (!strncmp(argv[i], "--for=", 6))
			sources = argv[i] + 6;
		else if (argv[i][0] == '-' && argv[i][1])
			return usage_error(_("unknown option"));
		else
			argv[nfiles++] = argv[i];
	}
	const char *why = trust_sources_check(sources);
	if (why)
		return usage_error("%s", _(why));
	if (!nfiles)
		return usage_error(_("trust wants list, keygen NAME, add KEYFILE... --for SOURCE,... or remove ID..."));
	for (int i = 0; i < nfiles; i++) {
		char *err = NULL, *id = NULL;
		if (trust_add(argv[i], sources, &id, &err) < 0) {
			warnx_("%s", err);
			free(err);
			return EXIT_USAGE;
		}
		out_termf(stdout, _("trusted key %s for %s\n"), id, sources);
		free(id);
	}
	return EXIT_CLEAN;
}

int cmd_trust(int argc, char **argv)
{
	const char *verb = argc > 1 ? argv[1] : "list";
	char *err = NULL;
	int rc = EXIT_CLEAN;
	if (!strcmp(verb, "list") && argc <= 2) {
		trust_list(stdout);
	} else if (!strcmp(verb, "keygen") && argc == 3) {
		if (trust_keygen(argv[2], &err) < 0)
			rc = EXIT_SYSTEM;
		else
			out_termf(stdout, _("wrote %s.key (secret: keep it to yourself) and %s.pub (give it to your volunteers)\n"),
			       argv[2], argv[2]);
	} else if (!strcmp(verb, "add") && argc >= 3) {
		return trust_add_files(argc - 2, argv + 2);
	} else if (!strcmp(verb, "remove") && argc >= 3) {
		for (int i = 2; i < argc && rc == EXIT_CLEAN; i++) {
			int r = trust_remove(argv[i], &err);
			if (r < 0)
				rc = EXIT_USAGE;
			else if (r == 0)
				return usage_error(_("no trusted key %s"), argv[i]);
		}
	} else {
		return usage_error(_("trust wants list, keygen NAME, add KEYFILE... --for SOURCE,... or remove ID..."));
	}
	if (err) {
		warnx_("%s", err);
		free(err);
	}
	return rc;
}
