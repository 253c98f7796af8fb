/*
 * error.c — the current language, and the last failure's message, kept in
 * every language of the catalogue so that a language switch after the
 * failure still reads right.
 *
 * Both are per process and unlocked: not thread-safe (see yg_fail in
 * yigong.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

static char *last[YG_LANG_MAX];
static enum yg_lang current_lang = YG_ZH;

void yg_set_lang(enum yg_lang lang)
{
	if ((int)lang >= 0 && (int)lang < yg_lang_count())
		current_lang = lang;
}

enum yg_lang yg_get_lang(void)
{
	return current_lang;
}

int yg_lang_parse(const char *s)
{
	return yg_lang_find(s);
}

const char *yg_gettext(const char *msgid)
{
	return yg_gettext_in((int)current_lang, msgid);
}

const char *yg_errmsg(void)
{
	return yg_errmsg_lang(current_lang);
}

/* Replaces the kept messages with msg[0..yg_lang_count()). */
static void keep(char **msg)
{
	for (int l = 0; l < YG_LANG_MAX; l++) {
		free(last[l]);
		last[l] = l < yg_lang_count() ? msg[l] : NULL;
	}
}

int yg_fail(int code, const char *fmt, ...)
{
	char *msg[YG_LANG_MAX] = { 0 };
	va_list ap;

	/* Every translation takes the same arguments (msgfmt --check-format
	 * holds the po files to it), so one list serves each language. */
	for (int l = 0; l < yg_lang_count(); l++) {
		va_start(ap, fmt);
		msg[l] = yg_vasprintf(yg_gettext_in(l, fmt), ap);
		va_end(ap);
	}
	keep(msg);
	return code;
}

int yg_fail_raw(int code, const char *zh, const char *en)
{
	char *msg[YG_LANG_MAX] = { 0 };

	/* Built by hand in Chinese and English: the other languages read the
	 * English. */
	for (int l = 0; l < yg_lang_count(); l++)
		msg[l] = yg_strdup(l == YG_ZH ? zh : en);
	keep(msg);
	return code;
}

const char *yg_errmsg_lang(enum yg_lang lang)
{
	const char *m = (int)lang >= 0 && (int)lang < YG_LANG_MAX ? last[lang] : NULL;
	return m ? m : "";
}
