/*
 * serve_listen.c: the listening socket of saring serve (see serve_listen.h).
 */
#include "serve_listen.h"

#include <errno.h>
#include <netdb.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "i18n.h"
#include "util.h"

static int is_loopback(const struct sockaddr *sa)
{
	if (sa->sa_family == AF_INET)
		return (ntohl(((const struct sockaddr_in *)sa)->sin_addr.s_addr) >> 24) == 127;
	if (sa->sa_family == AF_INET6) {
		const struct in6_addr *a = &((const struct sockaddr_in6 *)sa)->sin6_addr;
		return IN6_IS_ADDR_LOOPBACK(a) ||
		       (IN6_IS_ADDR_V4MAPPED(a) && a->s6_addr[12] == 127);
	}
	return 0;
}

int listen_on(const char *host, long port, int *loopback, unsigned *bound, struct strbuf *url,
		     char self[INET6_ADDRSTRLEN + 2])
{
	struct addrinfo hints = { 0 }, *res = NULL;
	hints.ai_family = AF_UNSPEC;
	hints.ai_socktype = SOCK_STREAM;
	hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
	char portstr[16];
	snprintf(portstr, sizeof portstr, "%ld", port);
	int rc = getaddrinfo(host, portstr, &hints, &res);
	if (rc) {
		warnx_(_("cannot listen on '%s': %s"), host, gai_strerror(rc));
		return -1;
	}
	int fd = -1, saved = 0;
	for (struct addrinfo *a = res; a && fd < 0; a = a->ai_next) {
		fd = socket(a->ai_family, a->ai_socktype | SOCK_CLOEXEC, a->ai_protocol);
		if (fd < 0) {
			saved = errno;
			continue;
		}
		int one = 1;
		setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
		if (bind(fd, a->ai_addr, a->ai_addrlen) < 0 || listen(fd, 64) < 0) {
			saved = errno;
			close(fd);
			fd = -1;
			continue;
		}
		*loopback = is_loopback(a->ai_addr);
	}
	freeaddrinfo(res);
	if (fd < 0) {
		warnx_(_("cannot listen on %s port %ld: %s"), host, port, strerror(saved));
		return -1;
	}
	struct sockaddr_storage ss;
	socklen_t sl = sizeof ss;
	char name[INET6_ADDRSTRLEN] = "?";
	if (getsockname(fd, (struct sockaddr *)&ss, &sl) == 0) {
		if (ss.ss_family == AF_INET6) {
			struct sockaddr_in6 *s6 = (struct sockaddr_in6 *)&ss;
			inet_ntop(AF_INET6, &s6->sin6_addr, name, sizeof name);
			*bound = ntohs(s6->sin6_port);
			sb_printf(url, "http://[%s]:%u/", name, *bound);
			snprintf(self, INET6_ADDRSTRLEN + 2, "[%s]", name);
		} else {
			struct sockaddr_in *s4 = (struct sockaddr_in *)&ss;
			inet_ntop(AF_INET, &s4->sin_addr, name, sizeof name);
			*bound = ntohs(s4->sin_port);
			sb_printf(url, "http://%s:%u/", name, *bound);
			snprintf(self, INET6_ADDRSTRLEN + 2, "%s", name);
		}
	}
	return fd;
}
