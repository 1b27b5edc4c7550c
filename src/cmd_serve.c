/*
 * cmd_serve.c: saring serve: read the options, then serve (serve.c) until
 * SIGINT or SIGTERM.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "i18n.h"
#include "serve.h"
#include "util.h"

/* Split "HOST:PORT", "[V6]:PORT", "HOST" or ":PORT" into *host (owned) and *port. 0 or -1. */
static int parse_listen(const char *s, char **host, long *port)
{
	const char *colon = NULL, *hend;
	if (*s == '[') {
		const char *close = strchr(s, ']');
		if (!close || (close[1] && close[1] != ':'))
			return -1;
		*host = xstrndup(s + 1, (size_t)(close - s - 1));
		colon = close[1] ? close + 1 : NULL;
	} else {
		colon = strrchr(s, ':');
		if (colon && strchr(s, ':') != colon)
			colon = NULL;   /* a bare IPv6 address */
		hend = colon ? colon : s + strlen(s);
		*host = xstrndup(s, (size_t)(hend - s));
	}
	if (!**host) {
		free(*host);
		*host = xstrdup("127.0.0.1");
	}
	if (colon) {
		char *end;
		*port = strtol(colon + 1, &end, 10);
		if (!colon[1] || *end || *port < 0 || *port > 65535) {
			free(*host);
			*host = NULL;
			return -1;
		}
	}
	return 0;
}

int cmd_serve(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "listen", required_argument, NULL, 'l' },
		{ "port", required_argument, NULL, 'p' },
		{ "db", required_argument, NULL, 'd' },
		{ NULL, 0, NULL, 0 },
	};
	const char *db = global_db, *listen_arg = NULL;
	long port = SERVE_PORT;
	int c, port_given = 0;
	while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (c) {
		case 'l': listen_arg = optarg; break;
		case 'p':
			port = opt_int(optarg, 0, 65535, "--port");
			port_given = 1;
			break;
		case 'd': db = optarg; break;
		default: return usage_error(_("unknown option"));
		}
	}
	if (optind < argc)
		return usage_error(_("unexpected argument '%s'"), argv[optind]);
	if (listen_arg && port_given)
		return usage_error(_("give --listen ADDR:PORT or --port N, not both"));
	char *host = NULL;
	if (listen_arg && parse_listen(listen_arg, &host, &port) < 0)
		return usage_error(_("--listen wants ADDRESS:PORT (such as 127.0.0.1:8700), not '%s'"), listen_arg);
	if (!host)
		host = xstrdup("127.0.0.1");

	int rc = serve_run(db, host, port);
	free(host);
	return rc;
}
