/*
 * csv_fields.c — the data elements: "form.key" of every field of every
 * registered monthly form, found by hash (import) or by form and key
 * (export), without a string comparison loop per row.
 */
#include <stdlib.h>
#include <string.h>

#include "csv_internal.h"

static int by_name(const void *a, const void *b)
{
	return strcmp(((const struct yg_csv_elem *)a)->name, ((const struct yg_csv_elem *)b)->name);
}

void yg_csv_elems_free(struct yg_csv_elems *e)
{
	for (size_t i = 0; i < e->n; i++)
		free(e->v[i].name);
	free(e->v);
	free(e->hash);
	memset(e, 0, sizeof *e);
}

int yg_csv_elems_init(struct yg_csv_elems *e)
{
	size_t n = 0;

	memset(e, 0, sizeof *e);
	for (size_t i = 0; i < yg_form_count(); i++)
		if (!yg_form_at(i)->is_record)
			n += yg_form_at(i)->nfields;
	e->v = calloc(n ? n : 1, sizeof *e->v);
	for (size_t i = 0; e->v && i < yg_form_count(); i++) {
		const struct yg_form *f = yg_form_at(i);
		if (f->is_record)
			continue;
		for (size_t j = 0; j < f->nfields; j++) {
			struct yg_csv_elem *el = &e->v[e->n++];
			el->form = f;
			el->field = &f->fields[j];
			el->index = (int)j;
			el->name = yg_asprintf("%s.%s", f->key, f->fields[j].key);
			if (!el->name)
				goto oom;
			el->name_len = strlen(el->name);
		}
	}
	if (!e->v)
		goto oom;
	qsort(e->v, e->n, sizeof *e->v, by_name);
	for (e->hcap = 64; e->hcap < 2 * e->n; e->hcap *= 2)
		;
	if (!(e->hash = calloc(e->hcap, sizeof *e->hash)))
		goto oom;
	for (size_t i = 0; i < e->n; i++) {
		size_t h = yg_csv_hash(e->v[i].name, e->v[i].name_len) & (e->hcap - 1);
		while (e->hash[h])
			h = (h + 1) & (e->hcap - 1);
		e->hash[h] = (uint32_t)i + 1;
	}
	return YG_OK;
oom:
	yg_csv_elems_free(e);
	return yg_fail(YG_ENOMEM, "out of memory");
}

const struct yg_csv_elem *yg_csv_elem_find(const struct yg_csv_elems *e, const char *name,
	size_t len)
{
	size_t h = yg_csv_hash(name, len) & (e->hcap - 1);

	for (; e->hash[h]; h = (h + 1) & (e->hcap - 1)) {
		const struct yg_csv_elem *el = &e->v[e->hash[h] - 1];
		if (el->name_len == len && memcmp(el->name, name, len) == 0)
			return el;
	}
	return NULL;
}

const struct yg_csv_elem *yg_csv_elem_find2(const struct yg_csv_elems *e, const char *form,
	size_t flen, const char *key, size_t klen)
{
	char stackbuf[128];
	char *name = flen + klen + 1 <= sizeof stackbuf ? stackbuf : malloc(flen + klen + 1);
	const struct yg_csv_elem *el;

	if (!name)
		return NULL;
	memcpy(name, form, flen);
	name[flen] = '.';
	memcpy(name + flen + 1, key, klen);
	el = yg_csv_elem_find(e, name, flen + klen + 1);
	if (name != stackbuf)
		free(name);
	return el;
}
