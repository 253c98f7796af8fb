/*
 * i18n.c — looks messages up in the compiled-in catalogue (core/catalog.c,
 * generated from po/ by po/po2c.awk).
 *
 * The generated tables are in po file order; a sorted index of each is
 * built once before main runs (a constructor, so that lookups from threads
 * never race on it) and searched by bisection.
 */
#include <stdlib.h>
#include <string.h>

#include "i18n.h"

static const struct yg_msg **sorted[YG_LANG_MAX];

static int by_id(const void *a, const void *b)
{
	return strcmp((*(const struct yg_msg *const *)a)->id, (*(const struct yg_msg *const *)b)->id);
}

__attribute__((constructor)) static void index_catalogue(void)
{
	for (size_t l = 0; l < yg_ncatalogs && l < YG_LANG_MAX; l++) {
		const struct yg_catalog *c = &yg_catalogs[l];
		if (!c->n)
			continue;
		sorted[l] = malloc(c->n * sizeof *sorted[l]);
		/* Without memory the language reads in English: never a crash. */
		if (!sorted[l])
			continue;
		for (size_t i = 0; i < c->n; i++)
			sorted[l][i] = &c->msgs[i];
		qsort(sorted[l], c->n, sizeof *sorted[l], by_id);
	}
}

int yg_lang_count(void)
{
	return (int)yg_ncatalogs;
}

const char *yg_lang_code(int lang)
{
	return lang >= 0 && (size_t)lang < yg_ncatalogs ? yg_catalogs[lang].code : NULL;
}

int yg_lang_find(const char *s)
{
	if (s == NULL || !s[0])
		return -1;
	for (size_t l = 0; l < yg_ncatalogs; l++) {
		const char *code = yg_catalogs[l].code;
		size_t n = strcspn(code, "_");
		if (strncmp(s, code, n) == 0 && (s[n] == '\0' || s[n] == '_' || s[n] == '.'))
			return (int)l;
	}
	return -1;
}

const char *yg_gettext_in(int lang, const char *msgid)
{
	const struct yg_msg key = { msgid, NULL }, *kp = &key, **hit = NULL;
	const char *eot;

	if (msgid == NULL)
		return NULL;
	if (lang > 0 && (size_t)lang < yg_ncatalogs && sorted[lang])
		hit = bsearch(&kp, sorted[lang], yg_catalogs[lang].n, sizeof *sorted[lang], by_id);
	if (hit)
		return (*hit)->str;
	/* "context\004English" (NC_ in yigong.h) reads as its English. */
	eot = strchr(msgid, '\004');
	return eot ? eot + 1 : msgid;
}
