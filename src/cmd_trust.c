/* cmd_trust.c: saring trust: the keys whose bundles saring opens, and making one. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bundle.h"
#include "commands.h"
#include "i18n.h"
#include "out.h"
#include "util.h"

int cmd_trust(int argc, char **argv)
{
	const char *verb = argc > 1 ? argv[1] : "list";
	char *err = NULL, *id = NULL;
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
		for (int i = 2; i < argc && rc == EXIT_CLEAN; i++) {
			if (trust_add(argv[i], &id, &err) < 0) {
				rc = EXIT_USAGE;
			} else {
				out_termf(stdout, _("trusted key %s\n"), id);
				free(id);
			}
		}
	} else if (!strcmp(verb, "remove") && argc >= 3) {
		for (int i = 2; i < argc && rc == EXIT_CLEAN; i++) {
			int r = trust_remove(argv[i], &err);
			if (r < 0)
				rc = EXIT_USAGE;
			else if (r == 0)
				return usage_error(_("no trusted key %s"), argv[i]);
		}
	} else {
		return usage_error(_("trust wants list, keygen NAME, add KEYFILE... or remove ID..."));
	}
	if (err) {
		warnx_("%s", err);
		free(err);
	}
	return rc;
}
