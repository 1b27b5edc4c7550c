/*
 * test_lazylib.c: libarchive, libmicrohttpd and libsodium are opened when first used
 * (src/lazylib.c); here under sonames that do not exist, so that the first
 * call is a clear error naming the library and what needs it, with exit
 * status 3, and nothing else is touched. The rest of saring's tests run
 * the same code with the real libraries (zip exports, saring serve).
 */
#undef ARCHIVE_SO
#undef MHD_SO
#undef TESS_SO
#define TESS_SO "libsaring-missing-tesseract.so.0"
#undef SODIUM_SO
#define ARCHIVE_SO "libsaring-missing-archive.so.0"
#define MHD_SO "libsaring-missing-microhttpd.so.0"
#define SODIUM_SO "libsaring-missing-sodium.so.0"
#include "../../src/lazylib.c"

#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "t.h"

/* Run fn in a child: its exit status, and what it wrote on stderr in err. */
static int in_child(void (*fn)(void), char *err, size_t n)
{
	int fd[2];
	if (pipe(fd) != 0)
		return -1;
	pid_t pid = fork();
	if (pid == 0) {
		dup2(fd[1], 2);
		close(fd[0]);
		fn();
		_exit(0);   /* fn returned: the library was not needed after all */
	}
	close(fd[1]);
	size_t got = 0;
	ssize_t r;
	while (got + 1 < n && (r = read(fd[0], err + got, n - 1 - got)) > 0)
		got += (size_t)r;
	err[got] = '\0';
	close(fd[0]);
	int status;
	waitpid(pid, &status, 0);
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static void zip_first_call(void)
{
	archive_read_new();
}

static void web_first_call(void)
{
	MHD_start_daemon(0, 0, NULL, NULL, NULL, NULL, MHD_OPTION_END);
}

static void sodium_first_call(void)
{
	unsigned char key[32];
	randombytes_buf(key, sizeof key);
}

static void missing(void)
{
	char err[1024];
	CHECK_INT(in_child(zip_first_call, err, sizeof err), EXIT_SYSTEM);
	CHECK(strstr(err, "cannot load libsaring-missing-archive.so.0, needed to read zip exports") != NULL);
	CHECK_INT(in_child(web_first_call, err, sizeof err), EXIT_SYSTEM);
	CHECK(strstr(err, "cannot load libsaring-missing-microhttpd.so.0, needed by saring serve") != NULL);
	CHECK_INT(in_child(sodium_first_call, err, sizeof err), EXIT_SYSTEM);
	CHECK(strstr(err, "cannot load libsaring-missing-sodium.so.0, needed to sign and verify bundles") != NULL);   /* and by --anonymize */
}

static void ocr_first_call(void)
{
	TessBaseAPICreate();
}

/* Tesseract missing: a sentence naming the package for scan to show (it goes on), exit 3 for a call. */
static void missing_ocr(void)
{
	char err[1024];
	CHECK(ocr_lib_error() != NULL &&
	      strstr(ocr_lib_error(), "cannot load libsaring-missing-tesseract.so.0 (Debian package libtesseract5), "
				      "needed to read text in images") != NULL);
	CHECK_INT(in_child(ocr_first_call, err, sizeof err), EXIT_SYSTEM);
	CHECK(strstr(err, "libsaring-missing-tesseract.so.0") != NULL);
}

int main(void)
{
	progcmd = "test";
	RUN(missing);
	RUN(missing_ocr);
	return T_DONE("test_lazylib");
}
