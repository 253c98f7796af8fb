/*
 * i18n.h — the message catalogue.  Messages are written in English in the
 * source; every other language is a po/LL.po file listed in po/LINGUAS,
 * compiled into the program at build time (po/po2c.awk writes
 * core/catalog.c).  Nothing is read at run time, so the program needs no
 * locale data and no data directory.
 *
 * A language is an index into the catalogue: 0 is English (the source),
 * 1 and on are the po files in po/LINGUAS order.  A third language is one
 * more po file and one more line in po/LINGUAS: no code.
 */
#ifndef YG_I18N_H
#define YG_I18N_H

#include <stddef.h>

/* At most this many languages, English included (po/po2c.awk checks). */
#define YG_LANG_MAX 16

/* One translated message of a po file. */
struct yg_msg {
	const char *id;   /* the English (msgid) */
	const char *str;  /* its translation (msgstr) */
};

/* One language of the catalogue; po/po2c.awk writes the table. */
struct yg_catalog {
	const char *code;          /* "en", "zh_CN": the po file's name */
	const struct yg_msg *msgs; /* NULL for the source language */
	size_t n;
};
extern const struct yg_catalog yg_catalogs[];
extern const size_t yg_ncatalogs;

/* How many languages the catalogue has (English included). */
int yg_lang_count(void);
/* The code of language lang ("en", "zh_CN"); NULL when out of range. */
const char *yg_lang_code(int lang);
/* Finds a language by a name a user or a locale gives: "zh", "zh_CN",
 * "zh_CN.UTF-8" or "zh_TW" all find zh_CN (the language part decides, as
 * LANG does); "en", "en_GB" find English.  -1 for anything else. */
int yg_lang_find(const char *s);
/* msgid in language lang: its translation, or msgid itself when that
 * language does not translate it (or lang is out of range). */
const char *yg_gettext_in(int lang, const char *msgid) __attribute__((format_arg(2)));

#endif
