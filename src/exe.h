/*
 * exe.h: the files that come with saring found next to its executable (a
 * source tree's build/ beside ./saring), below every other layer: i18n.c
 * finds its catalogs with it before any message can be translated.
 *
 * Ownership: exe_relative() hands the caller a string to free().
 */
#ifndef SARING_EXE_H
#define SARING_EXE_H

/*
 * A path next to the running executable's folder ("build/starter.db" next
 * to ./saring in the source tree), or NULL when that file does not exist
 * (or memory ran out).
 */
char *exe_relative(const char *rel);

#endif
