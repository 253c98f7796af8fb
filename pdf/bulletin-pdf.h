/*
 * bulletin-pdf.h — the monthly bulletin as an A4 PDF (Cairo and Pango).
 */
#ifndef YIGONG_BULLETIN_PDF_H
#define YIGONG_BULLETIN_PDF_H

#include "bulletin.h"

/* Typesets b into path: written to a new temporary beside it, renamed into
 * place only when complete (nothing is left on failure).  Returns 0, or -1
 * with *err a message in the current language (caller frees). */
int bulletin_pdf_save(const struct bulletin *b, const char *path, char **err);

#endif
