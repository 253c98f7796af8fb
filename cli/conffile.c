/*
 * conffile.c — reading /etc/yigong.conf strictly (conffile.h).
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "conffile.h"
#include "yigong.h"

/* A configuration is a few lines; anything this big is the wrong file. */
#define CONF_MAX_BYTES (64 * 1024)
#define CONF_MAX_PATH 4096

void conf_clear(struct yg_conf *c)
{
	free(c->db);
	c->db = NULL;
	c->due_day = 0;
	c->lang = -1;
}

static bool is_blank(char ch)
{
	return ch == ' ' || ch == '\t' || ch == '\r';
}

/* Trims blanks at both ends of [*s, *e). */
static void trim(const char **s, const char **e)
{
	while (*s < *e && is_blank(**s))
		(*s)++;
	while (*e > *s && is_blank((*e)[-1]))
		(*e)--;
}

static int fail(char **err, const char *name, int line, const char *zh, const char *en,
	const char *detail)
{
	*err = yg_asprintf("%s:%d: %s%s%s", name, line, YG_L(zh, en), detail ? ": " : "",
		detail ? detail : "");
	return -1;
}

static int parse_line(const char *k, size_t klen, const char *v, size_t vlen,
	const char *name, int line, struct yg_conf *c, char **err)
{
	char *value = strndup(v, vlen);
	int rc = 0;

	if (!value) {
		*err = yg_strdup("out of memory");
		return -1;
	}
	if (klen == 2 && !strncmp(k, "db", 2)) {
		if (c->db)
			rc = fail(err, name, line, "db 重复设置", N_("db is set twice"), NULL);
		else if (value[0] != '/' || vlen > CONF_MAX_PATH)
			rc = fail(err, name, line, "db 须为绝对路径", N_("db must be an absolute path"),
				value);
		else {
			c->db = value;
			value = NULL;
		}
	} else if (klen == 7 && !strncmp(k, "due_day", 7)) {
		int n = 0;
		bool ok = vlen >= 1 && vlen <= 2;

		for (size_t i = 0; ok && i < vlen; i++) {
			ok = value[i] >= '0' && value[i] <= '9';
			n = n * 10 + (value[i] - '0');
		}
		if (c->due_day)
			rc = fail(err, name, line, "due_day 重复设置", N_("due_day is set twice"), NULL);
		else if (!ok || n < 1 || n > 28)
			rc = fail(err, name, line, "due_day 须为 1 到 28 的整数",
				N_("due_day must be a whole number from 1 to 28"), value);
		else
			c->due_day = n;
	} else if (klen == 4 && !strncmp(k, "lang", 4)) {
		int lang = yg_lang_parse(value);

		if (c->lang >= 0)
			rc = fail(err, name, line, "lang 重复设置", N_("lang is set twice"), NULL);
		else if (lang < 0)
			rc = fail(err, name, line, "lang 只能是 zh 或 en", N_("lang must be zh or en"), value);
		else
			c->lang = lang;
	} else {
		char *key = strndup(k, klen);

		rc = fail(err, name, line, "未知设置 (可用: db, due_day, lang)",
			N_("unknown setting (known: db, due_day, lang)"), key ? key : "");
		free(key);
	}
	free(value);
	return rc;
}

int conf_parse(const char *text, size_t len, const char *name, struct yg_conf *c, char **err)
{
	const char *p = text, *end = text + len;
	int line = 0;

	c->db = NULL;
	c->due_day = 0;
	c->lang = -1;
	*err = NULL;
	if (memchr(text, '\0', len))
		return fail(err, name, 1, "含有 NUL 字节, 不是文本文件", N_("holds a NUL byte: not a text file"),
			NULL);
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *le = nl ? nl : end, *s = p, *e = le, *eq, *ks, *ke, *vs, *ve;

		line++;
		p = nl ? nl + 1 : end;
		trim(&s, &e);
		if (s == e || *s == '#')
			continue;
		eq = memchr(s, '=', (size_t)(e - s));
		if (!eq) {
			conf_clear(c);
			return fail(err, name, line, "应为 \"名称 = 值\"", N_("expected \"key = value\""), NULL);
		}
		ks = s;
		ke = eq;
		vs = eq + 1;
		ve = e;
		trim(&ks, &ke);
		trim(&vs, &ve);
		if (ks == ke || vs == ve) {
			conf_clear(c);
			return fail(err, name, line, "名称或值为空", N_("empty key or value"), NULL);
		}
		if (parse_line(ks, (size_t)(ke - ks), vs, (size_t)(ve - vs), name, line, c,
				err) < 0) {
			conf_clear(c);
			return -1;
		}
	}
	return 0;
}

int conf_load(const char *path, bool missing_ok, bool trusted_only, struct yg_conf *c,
	char **err)
{
	struct stat sb;
	char *buf;
	ssize_t n;
	size_t len = 0;
	int fd, rc;

	c->db = NULL;
	c->due_day = 0;
	c->lang = -1;
	*err = NULL;
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY);
	if (fd < 0) {
		if (errno == ENOENT && missing_ok)
			return 0;
		*err = yg_asprintf("%s: %s", path, strerror(errno));
		return -1;
	}
	if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode)) {
		close(fd);
		*err = yg_asprintf("%s: %s", path, _("not a regular file"));
		return -1;
	}
	/* Elevated, the file decides which database the group's rights reach:
	 * only root may have written it. */
	if (trusted_only && (sb.st_uid != 0 || (sb.st_mode & (S_IWGRP | S_IWOTH)))) {
		close(fd);
		*err = yg_asprintf("%s: %s", path,
			_("must belong to root and be writable by root alone"));
		return -1;
	}
	if (sb.st_size > CONF_MAX_BYTES) {
		close(fd);
		*err = yg_asprintf("%s: %s", path, _("too big for a configuration"));
		return -1;
	}
	buf = malloc((size_t)sb.st_size + 1);
	if (!buf) {
		close(fd);
		*err = yg_strdup("out of memory");
		return -1;
	}
	while (len < (size_t)sb.st_size &&
	       (n = read(fd, buf + len, (size_t)sb.st_size - len)) != 0) {
		if (n < 0) {
			if (errno == EINTR)
				continue;
			*err = yg_asprintf("%s: %s", path, strerror(errno));
			free(buf);
			close(fd);
			return -1;
		}
		len += (size_t)n;
	}
	close(fd);
	rc = conf_parse(buf, len, path, c, err);
	free(buf);
	return rc;
}
