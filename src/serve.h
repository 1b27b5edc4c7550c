/*
 * serve.h: the web server behind `saring serve` (libmicrohttpd, a thread
 * per connection): the page of web.c, the chat upload, the JSON API, with
 * upload bounds, origin and token checks and a watchdog for slow clients.
 *
 * Ownership: the strings passed are borrowed for the call.
 */
#ifndef SARING_SERVE_H
#define SARING_SERVE_H

/* The port listened on without --port or --listen. */
#define SERVE_PORT 8700

/*
 * Serve the database at db (NULL: the default) on host:port (port 0: any
 * free one), saying the URL on stdout once it listens, until SIGINT or
 * SIGTERM. Returns EXIT_CLEAN, or EXIT_SYSTEM when it cannot listen
 * (said on stderr).
 */
int serve_run(const char *db, const char *host, long port);

#endif
