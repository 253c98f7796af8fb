/*
 * error.c — the last failure's message, kept in both languages so that a
 * language switch after the failure still reads right.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

static char *last_zh;
static char *last_en;
static enum yg_lang current_lang = YG_ZH;

void yg_set_lang(enum yg_lang lang)
{
	current_lang = lang;
}

enum yg_lang yg_get_lang(void)
{
	return current_lang;
}

int yg_lang_parse(const char *s)
{
	if (s == NULL)
		return -1;
	if (strcmp(s, "zh") == 0 || strncmp(s, "zh_", 3) == 0)
		return YG_ZH;
	if (strcmp(s, "en") == 0 || strncmp(s, "en_", 3) == 0)
		return YG_EN;
	return -1;
}

const char *yg_errmsg(void)
{
	const char *m = yg_get_lang() == YG_EN ? last_en : last_zh;
	return m ? m : "";
}

int yg_fail(int code, const char *zh_fmt, const char *en_fmt, ...)
{
	va_list ap;

	free(last_zh);
	free(last_en);
	/* Both formats take the same arguments, so one list serves twice. */
	va_start(ap, en_fmt);
	last_zh = yg_vasprintf(zh_fmt, ap);
	va_end(ap);
	va_start(ap, en_fmt);
	last_en = yg_vasprintf(en_fmt, ap);
	va_end(ap);
	return code;
}

int yg_fail_raw(int code, const char *zh, const char *en)
{
	char *z = yg_strdup(zh), *e = yg_strdup(en);
	free(last_zh);
	free(last_en);
	last_zh = z;
	last_en = e;
	return code;
}

const char *yg_errmsg_lang(enum yg_lang lang)
{
	const char *m = lang == YG_EN ? last_en : last_zh;
	return m ? m : "";
}
