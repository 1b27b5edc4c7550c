/*
 * image.c: image kinds by magic number and their declared sizes, read
 * from the headers by hand (PNG IHDR, JPEG SOFn, WebP VP8/VP8L/VP8X, GIF
 * logical screen and every image descriptor) so that no decoder sees an
 * image too big for the memory and time saring allows one.
 */
#include "image.h"

#include <pthread.h>
#include <string.h>

#include "i18n.h"

static unsigned be16(const unsigned char *p) { return (unsigned)p[0] << 8 | p[1]; }
static unsigned le16(const unsigned char *p) { return (unsigned)p[1] << 8 | p[0]; }
static unsigned long be32(const unsigned char *p)
{
	return (unsigned long)p[0] << 24 | (unsigned long)p[1] << 16 | (unsigned long)p[2] << 8 | p[3];
}
static unsigned long le24(const unsigned char *p)
{
	return (unsigned long)p[2] << 16 | (unsigned long)p[1] << 8 | p[0];
}

enum image_kind image_kind(const void *data, size_t n)
{
	const unsigned char *p = data;
	if (n >= 8 && !memcmp(p, "\x89PNG\r\n\x1a\n", 8))
		return IMAGE_PNG;
	if (n >= 3 && p[0] == 0xFF && p[1] == 0xD8 && p[2] == 0xFF)
		return IMAGE_JPEG;
	if (n >= 12 && !memcmp(p, "RIFF", 4) && !memcmp(p + 8, "WEBP", 4))
		return IMAGE_WEBP;
	if (n >= 6 && (!memcmp(p, "GIF87a", 6) || !memcmp(p, "GIF89a", 6)))
		return IMAGE_GIF;
	return IMAGE_NONE;
}

const char *image_kind_name(enum image_kind k)
{
	switch (k) {
	case IMAGE_PNG: return "PNG";
	case IMAGE_JPEG: return "JPEG";
	case IMAGE_WEBP: return "WebP";
	case IMAGE_GIF: return "GIF";
	case IMAGE_NONE: break;
	}
	return "image";
}

static int png_size(const unsigned char *p, size_t n, long *w, long *h)
{
	if (n < 24 || memcmp(p + 12, "IHDR", 4))
		return -1;
	*w = (long)be32(p + 16);
	*h = (long)be32(p + 20);
	return 0;
}

/* PNG's CRC table: made once under crc_once by the first reader, read-only after */
static unsigned long crc_table[256];
static pthread_once_t crc_once = PTHREAD_ONCE_INIT;

static void crc_init(void)
{
	for (unsigned long k = 0; k < 256; k++) {
		unsigned long c = k;
		for (int b = 0; b < 8; b++)
			c = c & 1 ? 0xedb88320UL ^ (c >> 1) : c >> 1;
		crc_table[k] = c;
	}
}

unsigned long image_crc32(const void *data, size_t n)
{
	const unsigned char *p = data;
	pthread_once(&crc_once, crc_init);
	unsigned long c = 0xffffffffUL;
	while (n--)
		c = crc_table[(c ^ *p++) & 0xff] ^ (c >> 8);
	return c ^ 0xffffffffUL;
}

/*
 * Do the chunks run whole to IEND, each with its right checksum? A
 * damaged PNG is then refused here, in a sentence of ours, rather than
 * by libpng halfway through, on stderr.
 */
static int png_whole(const unsigned char *p, size_t n)
{
	size_t i = 8;
	while (i + 12 <= n) {
		unsigned long len = be32(p + i);
		if (len > n - i - 12)
			return 0;
		if (image_crc32(p + i + 4, len + 4) != be32(p + i + 8 + len))
			return 0;
		if (!memcmp(p + i + 4, "IEND", 4))
			return 1;
		i += 12 + len;
	}
	return 0;
}

/*
 * Does an end-of-image marker follow offset from? A JPEG cut short has
 * none after its frame header (an EXIF thumbnail's comes before it), and
 * libjpeg would say "Premature end of JPEG file" on stderr.
 */
static int jpeg_whole(const unsigned char *p, size_t n, size_t from)
{
	for (size_t i = n; i-- > from + 1;)
		if (p[i] == 0xD9 && p[i - 1] == 0xFF)
			return 1;
	return 0;
}

/* The first start-of-frame marker's size; markers before it are skipped by their lengths. */
static int jpeg_size(const unsigned char *p, size_t n, long *w, long *h, int *whole)
{
	size_t i = 2;
	while (i + 4 <= n) {
		if (p[i] != 0xFF)
			return -1;
		unsigned char m = p[i + 1];
		if (m == 0xFF) {   /* fill byte */
			i++;
			continue;
		}
		if (m == 0xD8 || m == 0x01 || (m >= 0xD0 && m <= 0xD7)) {   /* no length */
			i += 2;
			continue;
		}
		if (m == 0xD9 || m == 0xDA)   /* end, or scan data before any frame */
			return -1;
		size_t len = be16(p + i + 2);
		if (len < 2)
			return -1;
		if (m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC) {
			if (i + 9 > n || len < 7)
				return -1;
			*h = (long)be16(p + i + 5);
			*w = (long)be16(p + i + 7);
			*whole = jpeg_whole(p, n, i);
			return 0;
		}
		i += 2 + len;
	}
	return -1;
}

static int webp_size(const unsigned char *p, size_t n, long *w, long *h)
{
	if (n < 30)
		return -1;
	if (!memcmp(p + 12, "VP8X", 4)) {
		*w = (long)le24(p + 24) + 1;
		*h = (long)le24(p + 27) + 1;
		return 0;
	}
	if (!memcmp(p + 12, "VP8 ", 4)) {   /* lossy: a key frame's start code, then 14-bit sizes */
		if (p[23] != 0x9d || p[24] != 0x01 || p[25] != 0x2a)
			return -1;
		*w = (long)(le16(p + 26) & 0x3fff);
		*h = (long)(le16(p + 28) & 0x3fff);
		return 0;
	}
	if (!memcmp(p + 12, "VP8L", 4)) {   /* lossless: a signature byte, then two 14-bit sizes - 1 */
		if (p[20] != 0x2f)
			return -1;
		unsigned long bits = (unsigned long)p[21] | (unsigned long)p[22] << 8 |
				     (unsigned long)p[23] << 16 | (unsigned long)p[24] << 24;
		*w = (long)(bits & 0x3fff) + 1;
		*h = (long)((bits >> 14) & 0x3fff) + 1;
		return 0;
	}
	return -1;
}

/* Skip a run of GIF sub-blocks (a length byte, then that many bytes, up to a 0). */
static size_t gif_skip_blocks(const unsigned char *p, size_t n, size_t i)
{
	while (i < n && p[i])
		i += 1 + (size_t)p[i];
	return i < n ? i + 1 : 0;
}

/* The logical screen, then every frame: the largest and the sum of their areas. */
static int gif_size(const unsigned char *p, size_t n, long *w, long *h, long *pixels)
{
	if (n < 13)
		return -1;
	*w = (long)le16(p + 6);
	*h = (long)le16(p + 8);
	*pixels = 0;
	size_t i = 13;
	if (p[10] & 0x80)
		i += 3u << ((p[10] & 7) + 1);
	while (i < n) {
		if (p[i] == 0x3B)   /* trailer */
			break;
		if (p[i] == 0x21) {   /* extension: label, sub-blocks */
			if (i + 2 > n || !(i = gif_skip_blocks(p, n, i + 2)))
				return *pixels ? 0 : -1;   /* truncated after a frame: the decoder keeps those */
			continue;
		}
		if (p[i] != 0x2C || i + 10 > n)
			return *pixels ? 0 : -1;
		long fw = (long)le16(p + i + 5), fh = (long)le16(p + i + 7);
		if (fw > *w)
			*w = fw;
		if (fh > *h)
			*h = fh;
		*pixels += fw * fh;
		if (*pixels > IMAGE_PIXELS_MAX)
			return 0;   /* enough to refuse it */
		unsigned flags = p[i + 9];
		i += 10;
		if (flags & 0x80)
			i += 3u << ((flags & 7) + 1);
		if (i + 1 > n || !(i = gif_skip_blocks(p, n, i + 1)))   /* LZW code size, data */
			return 0;
	}
	if (!*pixels)
		*pixels = *w * *h;
	return 0;
}

int image_check(const void *data, size_t n, long *width, long *height, long *pixels, const char **why)
{
	const unsigned char *p = data;
	long w = 0, h = 0, px = -1;
	int rc = -1, whole = 1;
	*why = _("not a PNG, JPEG, WebP or GIF image");
	switch (image_kind(data, n)) {
	case IMAGE_PNG:
		rc = png_size(p, n, &w, &h);
		whole = png_whole(p, n);
		break;
	case IMAGE_JPEG: rc = jpeg_size(p, n, &w, &h, &whole); break;
	case IMAGE_WEBP: rc = webp_size(p, n, &w, &h); break;
	case IMAGE_GIF: rc = gif_size(p, n, &w, &h, &px); break;
	case IMAGE_NONE: return -1;
	}
	*width = w;
	*height = h;
	*pixels = 0;
	if (rc < 0 || w <= 0 || h <= 0) {
		*why = _("damaged image: no size in its header");
		return -1;
	}
	if (n > IMAGE_BYTES_MAX) {
		*why = _("image file too big (over 40 MB)");
		return -1;
	}
	if (!whole) {
		*why = _("damaged or truncated image");
		return -1;
	}
	if (w <= IMAGE_SIDE_MAX && h <= IMAGE_SIDE_MAX)   /* the product fits */
		*pixels = px >= 0 ? px : w * h;
	if (w > IMAGE_SIDE_MAX || h > IMAGE_SIDE_MAX || *pixels > IMAGE_PIXELS_MAX) {
		*why = _("image too large to read (over 24 million pixels or 16384 on a side)");
		return -1;
	}
	return 0;
}
