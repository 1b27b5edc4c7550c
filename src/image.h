/*
 * image.h: telling an image by its bytes (PNG, JPEG, WebP, GIF) and
 * reading its size from the header, before anything is decoded: a
 * decompression bomb (a few kilobytes that claim a billion pixels) is
 * refused here, not found out by the decoder.
 *
 * Nothing is allocated; the bytes are borrowed.
 */
#ifndef SARING_IMAGE_H
#define SARING_IMAGE_H

#include <stddef.h>

enum image_kind { IMAGE_NONE, IMAGE_PNG, IMAGE_JPEG, IMAGE_WEBP, IMAGE_GIF };

#define IMAGE_BYTES_MAX (40u << 20)     /* a bigger file is not read */
#define IMAGE_PIXELS_MAX 24000000L      /* width x height (all frames of a GIF) */
#define IMAGE_SIDE_MAX 16384L           /* width or height */

/* The kind by the first bytes (magic numbers); IMAGE_NONE when none of them. */
enum image_kind image_kind(const void *p, size_t n);
/* "PNG", "JPEG", "WebP", "GIF" (or "image"). */
const char *image_kind_name(enum image_kind k);

/*
 * The width and height the header declares (for a GIF, the largest frame;
 * *pixels sums the frames). Returns 0 when they are within the bounds
 * above, -1 with *why (a static sentence) when the header is damaged or
 * the picture too big to decode.
 */
int image_check(const void *p, size_t n, long *width, long *height, long *pixels, const char **why);

/* CRC-32 (ISO 3309, as PNG and zlib use it) of n bytes. */
unsigned long image_crc32(const void *p, size_t n);

#endif
