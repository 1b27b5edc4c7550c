/*
 * lazylib.h: what src/lazylib.c says of the libraries it opens when first
 * used, beyond their own functions (which it defines under their own
 * names: callers include the libraries' headers as usual).
 */
#ifndef SARING_LAZYLIB_H
#define SARING_LAZYLIB_H

/* Why Tesseract or Leptonica cannot be opened (and the package to install), or NULL. */
const char *ocr_lib_error(void);

#endif
