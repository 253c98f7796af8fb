/*
 * form.c — the registry of form specs, and what follows from a field's
 * spec: parsing what a user types, formatting, storing, checking ranges.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "internal.h"

static const struct yg_form *const *registry;
static size_t registry_n;

void yg_forms_register(const struct yg_form *const *forms, size_t n)
{
	registry = forms;
	registry_n = n;
}

static const struct yg_community_figure *figures;
static size_t figures_n;

void yg_community_figures_register(const struct yg_community_figure *v, size_t n)
{
	figures = v;
	figures_n = n;
}

size_t yg_community_figure_count(void)
{
	return figures_n;
}

const struct yg_community_figure *yg_community_figure_at(size_t i)
{
	return i < figures_n ? &figures[i] : NULL;
}

const struct yg_community_figure *yg_community_figure_find(const char *element, size_t len)
{
	for (size_t i = 0; element && i < figures_n; i++)
		if (strlen(figures[i].element) == len && memcmp(figures[i].element, element, len) == 0)
			return &figures[i];
	return NULL;
}

int yg_community_figure_get(yg_db *db, const struct yg_community_figure *f,
	int64_t community_id, yg_period p, int64_t *out)
{
	sqlite3_stmt *st;
	int rc;

	*out = -1;
	if ((rc = yg_need_scope(db, community_id)) != YG_OK)
		return rc;
	st = yg_prepare(db, "SELECT num FROM community_value WHERE org_id = ? AND period = ?"
		" AND element = ?");
	if (!st)
		return YG_ERROR;
	sqlite3_bind_int64(st, 1, community_id);
	sqlite3_bind_int(st, 2, p);
	sqlite3_bind_text(st, 3, f->element, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*out = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return yg_sql_fail(db, "community figure");
	if (*out < 0 && f->compute)
		return f->compute(db, community_id, p, out);
	return YG_OK;
}

const struct yg_form *yg_form_find(const char *key)
{
	for (size_t i = 0; key && i < registry_n; i++)
		if (strcmp(registry[i]->key, key) == 0)
			return registry[i];
	return NULL;
}

const char *yg_form_short(const struct yg_form *form)
{
	return form->short_zh ? YG_L(form->short_zh, form->short_en) : YG_L(form->zh, form->en);
}

const struct yg_form *yg_roster_find(const char *key)
{
	const struct yg_form *f = yg_form_find(key);

	if (f && f->is_record)
		return f;
	/* A roster is registered only when its form is: a return whose roster
	 * is not in the registry has none here. */
	return f && f->roster && yg_form_find(f->roster->key) == f->roster ? f->roster : NULL;
}

size_t yg_form_count(void)
{
	return registry_n;
}

const struct yg_form *yg_form_at(size_t i)
{
	return i < registry_n ? registry[i] : NULL;
}

int yg_field_index(const struct yg_form *form, const char *key)
{
	for (size_t i = 0; form && key && i < form->nfields; i++)
		if (strcmp(form->fields[i].key, key) == 0)
			return (int)i;
	return -1;
}

bool yg_form_applies(const struct yg_form *form, const struct yg_org *org)
{
	return !form->is_record && !org->closed && (form->kinds & YG_KIND_BIT(org->kind));
}

bool yg_form_files(yg_db *db, const struct yg_form *form, const struct yg_org *org)
{
	return yg_form_applies(form, org) && (!form->files || form->files(db, org));
}

const char *yg_field_label(const struct yg_field *f)
{
	return YG_L(f->zh, f->en);
}

const char *yg_field_unit(const struct yg_field *f)
{
	const char *u = YG_L(f->unit_zh, f->unit_en);
	return u ? u : "";
}

bool yg_type_is_text(enum yg_type t)
{
	return t == YG_T_TEXT || t == YG_T_CODE || t == YG_T_CHOICE || t == YG_T_ORG;
}

/* ---- values ---- */

void yg_value_clear(struct yg_value *v)
{
	free(v->text);
	memset(v, 0, sizeof *v);
}

int yg_value_copy(struct yg_value *dst, const struct yg_value *src)
{
	char *t = NULL;
	if (src->text && !(t = strdup(src->text)))
		return yg_fail(YG_ENOMEM, "out of memory");
	yg_value_clear(dst);
	*dst = *src;
	dst->text = t;
	return YG_OK;
}

bool yg_value_equal(const struct yg_value *a, const struct yg_value *b)
{
	if (a->set != b->set)
		return false;
	if (!a->set)
		return true;
	if (a->text || b->text)
		return a->text && b->text && strcmp(a->text, b->text) == 0;
	return a->num == b->num;
}

struct yg_value *yg_values_new(size_t n)
{
	return calloc(n ? n : 1, sizeof(struct yg_value));
}

void yg_values_free(struct yg_value *v, size_t n)
{
	if (!v)
		return;
	for (size_t i = 0; i < n; i++)
		yg_value_clear(&v[i]);
	free(v);
}

void yg_value_bind(sqlite3_stmt *st, int num_idx, int txt_idx, const struct yg_field *f,
	const struct yg_value *v)
{
	if (!v->set) {
		sqlite3_bind_null(st, num_idx);
		sqlite3_bind_null(st, txt_idx);
	} else if (yg_type_is_text(f->type)) {
		sqlite3_bind_null(st, num_idx);
		sqlite3_bind_text(st, txt_idx, v->text ? v->text : "", -1, SQLITE_STATIC);
	} else {
		sqlite3_bind_int64(st, num_idx, v->num);
		sqlite3_bind_null(st, txt_idx);
	}
}

void yg_value_read(sqlite3_stmt *st, int num_idx, int txt_idx, const struct yg_field *f,
	struct yg_value *v)
{
	yg_value_clear(v);
	if (yg_type_is_text(f->type)) {
		if (sqlite3_column_type(st, txt_idx) != SQLITE_NULL) {
			v->text = yg_col_text(st, txt_idx);
			v->set = true;
		}
	} else if (sqlite3_column_type(st, num_idx) != SQLITE_NULL) {
		v->num = sqlite3_column_int64(st, num_idx);
		v->set = true;
	}
}

/* ---- parsing what users type ---- */

/* Characters in a valid UTF-8 string, or -1 when it is not valid UTF-8 or
 * holds control characters (which break screens and CSV cells alike).
 * Decoded by hand: the core must not depend on the process's locale. */
static long text_chars(const char *str)
{
	const unsigned char *s = (const unsigned char *)str;
	long n = 0;

	while (*s) {
		uint32_t c;
		int extra;
		if (*s < 0x80) {
			c = *s;
			extra = 0;
		} else if ((*s & 0xE0) == 0xC0) {
			c = *s & 0x1F;
			extra = 1;
		} else if ((*s & 0xF0) == 0xE0) {
			c = *s & 0x0F;
			extra = 2;
		} else if ((*s & 0xF8) == 0xF0) {
			c = *s & 0x07;
			extra = 3;
		} else {
			return -1;
		}
		s++;
		for (int i = 0; i < extra; i++, s++) {
			if ((*s & 0xC0) != 0x80)
				return -1;
			c = (c << 6) | (*s & 0x3F);
		}
		/* Overlong forms, surrogates and beyond Unicode are not text. */
		if ((extra == 1 && c < 0x80) || (extra == 2 && c < 0x800) ||
		    (extra == 3 && c < 0x10000) || (c >= 0xD800 && c <= 0xDFFF) || c > 0x10FFFF)
			return -1;
		if (c < 0x20 || c == 0x7F || (c >= 0x80 && c < 0xA0))
			return -1;
		n++;
	}
	return n;
}

/* A message about field f: "label:body" in each language.  The bodies are
 * formatted from the same arguments. */
static int field_msg(const struct yg_field *f, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static int field_msg(const struct yg_field *f, const char *fmt, ...)
{
	va_list ap;
	char *zb, *eb, *zh, *en;

	va_start(ap, fmt);
	zb = yg_vasprintf(yg_gettext_in(YG_ZH, fmt), ap);
	va_end(ap);
	va_start(ap, fmt);
	eb = yg_vasprintf(fmt, ap);
	va_end(ap);
	zh = yg_asprintf("%s:%s", f->zh, zb ? zb : "");
	en = yg_asprintf("%s: %s", f->en, eb ? eb : "");
	yg_fail_raw(YG_EINVAL, zh, en);
	free(zb);
	free(eb);
	free(zh);
	free(en);
	return YG_EINVAL;
}

/* Prefixes the parser's own message with the field's label. */
static int field_fail(const struct yg_field *f)
{
	char *zh = yg_strdup(yg_errmsg_lang(YG_ZH));
	char *en = yg_strdup(yg_errmsg_lang(YG_EN));
	field_msg(f, "%.0s%s", zh ? zh : "", en ? en : "");
	free(zh);
	free(en);
	return YG_EINVAL;
}

static int range_fail(const struct yg_field *f)
{
	char lo[24], hi[24];
	if (f->type == YG_T_AMOUNT || f->type == YG_T_DECIMAL) {
		yg_format_fen(f->min, lo);
		yg_format_fen(f->max, hi);
	} else {
		snprintf(lo, sizeof lo, "%lld", (long long)f->min);
		snprintf(hi, sizeof hi, "%lld", (long long)f->max);
	}
	return field_msg(f, "must be between %s and %s", lo, hi);
}

int yg_field_parse(const struct yg_field *f, const char *text, struct yg_value *v)
{
	struct yg_value nv = { 0 };
	const char *s = text ? text : "";
	int rc = YG_OK;
	long chars;

	/* Leading and trailing blanks are noise in every type. */
	while (*s == ' ' || *s == '\t')
		s++;
	size_t len = strlen(s);
	while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t'))
		len--;
	char *t = strndup(s, len);
	if (!t)
		return yg_fail(YG_ENOMEM, "out of memory");
	if (len == 0) {
		free(t);
		yg_value_clear(v);
		return YG_OK;
	}
	nv.set = true;
	switch (f->type) {
	case YG_T_COUNT:
		rc = yg_parse_count(t, f->max > 0 ? f->max : INT64_MAX, &nv.num);
		if (rc != YG_OK)
			rc = field_fail(f);
		break;
	case YG_T_AMOUNT:
	case YG_T_DECIMAL:
		rc = yg_parse_fen(t, f->max > 0 ? f->max : INT64_MAX / 2, &nv.num);
		if (rc != YG_OK)
			rc = field_fail(f);
		break;
	case YG_T_DATE:
		{
			yg_date d;
			rc = yg_date_parse_typed(t, &d);
			if (rc == YG_OK)
				nv.num = d;
			else
				rc = field_fail(f);
			/* A spec may narrow the dates it takes (day numbers). */
			if (rc == YG_OK && ((f->min && d < f->min) || (f->max && d > f->max))) {
				char lo[11] = "", hi[11] = "";
				yg_date_format((yg_date)f->min, lo);
				yg_date_format((yg_date)f->max, hi);
				rc = field_msg(f, "the date must be between %s and %s",
					f->min ? lo : "1949-10-01", f->max ? hi : "2099-12-31");
			}
		}
		break;
	case YG_T_BOOL:
		if (strcmp(t, "1") == 0 || strcasecmp(t, "y") == 0 || strcasecmp(t, "yes") == 0 ||
		    strcasecmp(t, "true") == 0 || strcmp(t, "是") == 0)
			nv.num = 1;
		else if (strcmp(t, "0") == 0 || strcasecmp(t, "n") == 0 || strcasecmp(t, "no") == 0 ||
			 strcasecmp(t, "false") == 0 || strcmp(t, "否") == 0)
			nv.num = 0;
		else
			rc = field_msg(f, "answer yes or no (y/n)");
		break;
	case YG_T_CHOICE:
		rc = YG_EINVAL;
		for (const struct yg_choice *c = f->choices; c && c->value; c++)
			if (strcmp(t, c->value) == 0 || strcmp(t, c->zh) == 0 ||
			    strcasecmp(t, c->en) == 0) {
				nv.text = strdup(c->value);
				rc = YG_OK;
				break;
			}
		if (rc != YG_OK) {
			/* List what is allowed: the user cannot guess it. */
			size_t need = 1;
			for (const struct yg_choice *c = f->choices; c && c->value; c++)
				need += strlen(c->zh) + strlen(c->value) + 4;
			char *list = calloc(1, need);
			for (const struct yg_choice *c = f->choices; list && c && c->value; c++) {
				if (*list)
					strncat(list, ", ", need - strlen(list) - 1);
				strncat(list, c->zh, need - strlen(list) - 1);
				strncat(list, "/", need - strlen(list) - 1);
				strncat(list, c->value, need - strlen(list) - 1);
			}
			rc = field_msg(f,
				"\"%s\" is not one of the choices (%s)", t, list ? list : "");
			free(list);
		}
		break;
	case YG_T_CODE:
	case YG_T_ORG:
		for (const char *p = t; *p; p++)
			if (!((*p >= '0' && *p <= '9') || (*p >= 'A' && *p <= 'Z') ||
			      (*p >= 'a' && *p <= 'z') || *p == '-' || *p == '_' || *p == '.')) {
				rc = field_msg(f, "letters, digits and - _ . only");
				break;
			}
		/* fall through: length as for text */
		/* FALLTHROUGH */
	case YG_T_TEXT:
		if (rc != YG_OK)
			break;
		/* The one rule for admitted text first, then the spec's bounds. */
		if ((rc = yg_text_admit(t, len, 0, f->zh, f->en)) != YG_OK)
			break;
		chars = text_chars(t);
		if (chars < 0)
			rc = field_msg(f, "contains invalid characters");
		else if (f->max > 0 && chars > f->max)
			rc = field_msg(f,
				"at most %lld characters, this has %ld", (long long)f->max, chars);
		else if (chars < f->min)
			rc = field_msg(f, "at least %lld characters",
				(long long)f->min);
		else if (!nv.text)
			nv.text = strdup(t);
		break;
	}
	if (rc == YG_OK && !yg_type_is_text(f->type) && f->type != YG_T_BOOL &&
	    f->type != YG_T_DATE && (nv.num < f->min || (f->max > 0 && nv.num > f->max)))
		rc = range_fail(f);
	free(t);
	if (rc != YG_OK) {
		yg_value_clear(&nv);
		return rc;
	}
	yg_value_clear(v);
	*v = nv;
	return YG_OK;
}

char *yg_field_format(const struct yg_field *f, const struct yg_value *v)
{
	char buf[32];
	if (!v->set)
		return strdup("");
	switch (f->type) {
	case YG_T_COUNT:
		snprintf(buf, sizeof buf, "%lld", (long long)v->num);
		return strdup(buf);
	case YG_T_AMOUNT:
	case YG_T_DECIMAL:
		yg_format_fen(v->num, buf);
		return strdup(buf);
	case YG_T_DATE:
		yg_date_format((yg_date)v->num, buf);
		return strdup(buf);
	case YG_T_BOOL:
		return strdup(v->num ? _("yes") : _("no"));
	case YG_T_CHOICE:
		for (const struct yg_choice *c = f->choices; c && c->value; c++)
			if (v->text && strcmp(v->text, c->value) == 0)
				return strdup(YG_L(c->zh, c->en));
		/* FALLTHROUGH */
	default:
		return strdup(v->text ? v->text : "");
	}
}

void yg_check_fields(const struct yg_form *form, const struct yg_value *values,
	bool for_submit, struct yg_findings *out)
{
	for (size_t i = 0; i < form->nfields; i++) {
		const struct yg_field *f = &form->fields[i];
		const struct yg_value *v = &values[i];
		if (f->derived)
			continue;
		if (!v->set) {
			if (f->required && for_submit)
				yg_findings_add(out, "REQ", YG_SEV_ERROR, f->key,
					"%.0s%s: required", f->zh, f->en);
			continue;
		}
		if (!yg_type_is_text(f->type) && f->type != YG_T_BOOL && f->type != YG_T_DATE &&
		    (v->num < f->min || (f->max > 0 && v->num > f->max)))
			yg_findings_add(out, "RANGE", YG_SEV_ERROR, f->key,
				"%.0s%s: out of range", f->zh, f->en);
	}
}

/* ---- what rules see ---- */

const struct yg_value *yg_ctx_value(const struct yg_check_ctx *ctx, const char *key)
{
	int i = yg_field_index(ctx->form, key);
	return i < 0 ? NULL : &ctx->values[i];
}

int64_t yg_ctx_num(const struct yg_check_ctx *ctx, const char *key)
{
	const struct yg_value *v = yg_ctx_value(ctx, key);
	return v && v->set && !v->text ? v->num : -1;
}
