/*
 * conffile.h — /etc/yigong.conf, the site's settings (doc/deploy.md).
 *
 *   # comment (a line whose first non-blank character is #)
 *   db = /var/lib/yigong/yigong.db
 *   due_day = 5
 *   lang = zh
 *
 * One "key = value" a line; blank lines and comments are skipped.  Parsing
 * is strict: an unknown key, a key given twice, a line without "=", an
 * empty or malformed value stops the program with the file's name and the
 * line's number, because a setting silently ignored is worse than a clear
 * refusal at start.  (Named conffile, not config, so as not to shadow the
 * build's config.h.)
 */
#ifndef YIGONG_CONFFILE_H
#define YIGONG_CONFFILE_H

#include <stdbool.h>
#include <stddef.h>

#ifndef YG_CONF_PATH
#define YG_CONF_PATH "/etc/yigong.conf"
#endif

struct yg_conf {
	char *db;    /* absolute path, or NULL when not set */
	int due_day; /* 1-28, or 0 when not set */
	int lang;    /* YG_ZH, YG_EN, or -1 when not set */
};

/* Parses text (len bytes, need not end in NUL).  Returns 0, or -1 with *err
 * ("NAME:LINE: what is wrong", in the current language; caller frees). */
int conf_parse(const char *text, size_t len, const char *name, struct yg_conf *c,
	char **err);

/* Reads and parses the file at path.  A missing file is no error when
 * missing_ok (the defaults apply).  When trusted_only, a file that its
 * owner is not root or that others may write is refused (elevated runs). */
int conf_load(const char *path, bool missing_ok, bool trusted_only, struct yg_conf *c,
	char **err);

void conf_clear(struct yg_conf *c);

#endif
