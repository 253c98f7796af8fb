/*
 * util.c — strings, time and the clock.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "internal.h"

static int64_t fixed_clock;

void yg_set_clock(int64_t unix_seconds)
{
	fixed_clock = unix_seconds;
}

int64_t yg_clock(void)
{
	return fixed_clock ? fixed_clock : (int64_t)time(NULL);
}

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

char *yg_now_iso(void)
{
	time_t t = (time_t)yg_clock();
	struct tm tm;
	char buf[40], off[24];
	long gmtoff;

	localtime_r(&t, &tm);
	strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S", &tm);
	gmtoff = tm.tm_gmtoff;
	/* ISO 8601 wants +08:00 where strftime's %z gives +0800. */
	snprintf(off, sizeof off, "%c%02ld:%02ld", gmtoff < 0 ? '-' : '+',
		labs(gmtoff) / 3600, labs(gmtoff) % 3600 / 60);
	return yg_asprintf("%s%s", buf, off);
}
