/*
 * exe.c: paths next to the running executable (see exe.h). It uses only
 * libc: util.c translates its messages, so i18n.c cannot lean on util.c.
 */
#include "exe.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

char *exe_relative(const char *rel)
{
	char exe[4096];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n <= 0)
		return NULL;
	exe[n] = '\0';
	char *slash = strrchr(exe, '/');
	if (!slash)
		return NULL;
	size_t len = (size_t)(slash - exe) + strlen(rel) + 2;
	char *path = malloc(len);
	if (!path)
		return NULL;
	snprintf(path, len, "%.*s/%s", (int)(slash - exe), exe, rel);
	if (access(path, R_OK) == 0)
		return path;
	free(path);
	return NULL;
}
