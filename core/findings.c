/*
 * findings.c — what rules say about a submission, in both languages.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

const char *yg_severity_name(enum yg_severity s)
{
	switch (s) {
	case YG_SEV_ERROR: return "error";
	case YG_SEV_WARNING: return "warning";
	default: return "target";
	}
}

const char *yg_severity_label(enum yg_severity s)
{
	switch (s) {
	case YG_SEV_ERROR: return _("error");
	case YG_SEV_WARNING: return _("warning");
	default: return _("target");
	}
}

const char *yg_finding_verdict(const struct yg_finding *f)
{
	if (f->severity != YG_SEV_TARGET)
		return yg_severity_name(f->severity);
	switch (f->met) {
	case YG_MISSED: return "target";
	case YG_MET: return "met";
	case YG_NOT_IN_FORCE: return "not-in-force";
	default: return "n/a";
	}
}

const char *yg_met_label(enum yg_met m)
{
	switch (m) {
	case YG_MISSED: return _("missed");
	case YG_MET: return _("met");
	case YG_NOT_IN_FORCE: return _("not in force");
	default: return _("n/a");
	}
}

void yg_findings_init(struct yg_findings *f)
{
	memset(f, 0, sizeof *f);
}

void yg_findings_free(struct yg_findings *f)
{
	for (size_t i = 0; i < f->n; i++) {
		free(f->v[i].rule);
		free(f->v[i].field);
		free(f->v[i].zh);
		free(f->v[i].en);
		free(f->v[i].org_code);
	}
	free(f->v);
	memset(f, 0, sizeof *f);
}

struct yg_finding *yg_findings_add(struct yg_findings *f, const char *rule,
	enum yg_severity sev, const char *field, const char *fmt, ...)
{
	struct yg_finding *x;
	va_list ap;

	if (f->n == f->cap) {
		size_t cap = f->cap ? f->cap * 2 : 8;
		struct yg_finding *v = realloc(f->v, cap * sizeof *v);
		if (!v)
			return NULL;
		f->v = v;
		f->cap = cap;
	}
	x = &f->v[f->n++];
	memset(x, 0, sizeof *x);
	x->rule = yg_strdup(rule);
	x->severity = sev;
	x->field = yg_strdup(field);
	x->met = YG_NA;
	va_start(ap, fmt);
	x->zh = yg_vasprintf(yg_gettext_in(YG_ZH, fmt), ap);
	va_end(ap);
	va_start(ap, fmt);
	x->en = yg_vasprintf(fmt, ap);
	va_end(ap);
	if (sev != YG_SEV_TARGET)
		x->met = YG_MISSED;
	return x;
}

size_t yg_findings_count(const struct yg_findings *f, enum yg_severity sev)
{
	size_t n = 0;
	for (size_t i = 0; i < f->n; i++)
		if (f->v[i].severity == sev)
			n++;
	return n;
}

int yg_findings_move(struct yg_findings *dst, struct yg_findings *src)
{
	if (!src->n)
		return YG_OK;
	if (dst->n + src->n > dst->cap) {
		size_t cap = dst->n + src->n;
		struct yg_finding *v = realloc(dst->v, cap * sizeof *v);
		if (!v)
			return yg_fail(YG_ENOMEM, "out of memory");
		dst->v = v;
		dst->cap = cap;
	}
	memcpy(dst->v + dst->n, src->v, src->n * sizeof *src->v);
	dst->n += src->n;
	free(src->v);
	memset(src, 0, sizeof *src);
	return YG_OK;
}
