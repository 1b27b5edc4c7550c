/*
 * fuzz_serve.c: libFuzzer target for saring serve's request handling. The
 * server of src/serve.c (included here, with its own routes, forms,
 * uploads, origin and token checks) runs in this process on 127.0.0.1 with
 * the starter corpus; each input is sent as the raw bytes of a connection,
 * whose end is then closed, and the answer read to the end. Any crash or
 * sanitizer report in the server's threads stops the run; an answer, when
 * there is one, must be HTTP.
 */
#include "../../src/serve.c"

#include "fuzz.h"

static const char *fuzz_db;

static struct server fsv;
static unsigned fport;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc; (void)argv;
	fuzz_db = getenv("SARING_FUZZ_DB") ? getenv("SARING_FUZZ_DB") : "build/starter.db";
	struct strbuf url = STRBUF_INIT;
	int fd = listen_on("127.0.0.1", 0, &fsv.loopback, &fsv.port, &url, fsv.self);
	FUZZ_ASSERT(fd >= 0);
	fport = fsv.port;
	snprintf(fsv.token, sizeof fsv.token, "%s", "00112233445566778899aabbccddeeff");
	pthread_mutex_init(&fsv.pool.lock, NULL);
	pthread_cond_init(&fsv.pool.freed, NULL);
	pthread_mutex_init(&fsv.conns_lock, NULL);
	fsv.pool.db = fuzz_db;
	signal(SIGPIPE, SIG_IGN);
	struct MHD_Daemon *d = MHD_start_daemon(
		MHD_USE_THREAD_PER_CONNECTION | MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_AUTO, 0, NULL, NULL,
		handle, &fsv, MHD_OPTION_LISTEN_SOCKET, (MHD_socket)fd,
		MHD_OPTION_NOTIFY_COMPLETED, request_done, &fsv,
		MHD_OPTION_NOTIFY_CONNECTION, conn_notify, &fsv,
		MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)1, MHD_OPTION_END);
	FUZZ_ASSERT(d != NULL);
	sb_release(&url);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	int s = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons((uint16_t)fport),
				 .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	FUZZ_ASSERT(s >= 0 && connect(s, (struct sockaddr *)&a, sizeof a) == 0);
	size_t off = 0;
	while (off < size) {
		ssize_t w = send(s, data + off, size - off, MSG_NOSIGNAL);
		if (w <= 0)
			break;   /* the server may answer and close before reading it all */
		off += (size_t)w;
	}
	shutdown(s, SHUT_WR);
	char buf[4096];
	size_t got = 0;
	char head[8] = { 0 };
	ssize_t r;
	while ((r = recv(s, buf, sizeof buf, 0)) > 0) {
		for (ssize_t i = 0; i < r && got + (size_t)i < 7; i++)
			head[got + (size_t)i] = buf[i];
		got += (size_t)r;
	}
	close(s);
	FUZZ_ASSERT(got == 0 || got < 7 || !memcmp(head, "HTTP/1.", 7));
	return 0;
}
