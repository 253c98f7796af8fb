/*
 * util.c — strings.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* Allocation failure in a tool of this size is not recoverable in any way a
 * user would thank us for; but the core must not exit, so callers check. */
char *yg_strdup(const char *s)
{
	return s ? strdup(s) : NULL;
}

char *yg_vasprintf(const char *fmt, va_list ap)
{
	va_list again;
	int n;
	char *s;

	va_copy(again, ap);
	n = vsnprintf(NULL, 0, fmt, again);
	va_end(again);
	if (n < 0)
		return NULL;
	s = malloc((size_t)n + 1);
	if (s)
		vsnprintf(s, (size_t)n + 1, fmt, ap);
	return s;
}

char *yg_asprintf(const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	s = yg_vasprintf(fmt, ap);
	va_end(ap);
	return s;
}

