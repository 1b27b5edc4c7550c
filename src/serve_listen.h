/*
 * serve_listen.h: the listening socket of `saring serve`: host and port
 * resolved and bound, and the address bound named as people type it in a
 * browser and as a Host header names it.
 *
 * Ownership: the caller owns the socket and url.
 */
#ifndef SARING_SERVE_LISTEN_H
#define SARING_SERVE_LISTEN_H

#include <netinet/in.h>
#include <arpa/inet.h>

struct strbuf;

/*
 * A listening socket for host:port, or -1 with a message printed.
 * *loopback says whether it is a loopback address, *bound the port bound
 * (port 0: one the system chose); url gets "http://ADDRESS:PORT/" and self
 * the address as a Host header names it.
 */
int listen_on(const char *host, long port, int *loopback, unsigned *bound, struct strbuf *url,
	      char self[INET6_ADDRSTRLEN + 2]);

#endif
