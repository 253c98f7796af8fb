/*
 * common.c — what the form files share: messages in two languages, exact
 * percentages, the parts rule, and the date arithmetic of postings.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "forms.h"

struct yg_finding *forms_add(struct yg_findings *out, const struct yg_rule *rule,
	const char *field, const char *zh, const char *en)
{
	/* yg_findings_add formats both messages from one argument list: each
	 * format prints its own string and swallows the other. */
	return yg_findings_add(out, rule->id, rule->severity, field,
		"%1$.0s%2$s", zh, en);
}

int64_t forms_threshold(const struct yg_check_ctx *ctx, const char *id, int64_t fallback)
{
	int64_t v = fallback;
	yg_target_at(ctx->db, id, ctx->org ? ctx->org->tier : YG_TIER_NONE, ctx->period,
		fallback, &v);
	return v;
}

/* A percentage with 1 or 2 decimals from a value in units of 10^-decimals
 * percent. */
static void put_pct(char buf[static 32], __int128 units, int decimals)
{
	int64_t scale = decimals == 2 ? 100 : 10;
	int64_t v = (int64_t)units;
	snprintf(buf, 32, "%" PRId64 ".%0*" PRId64 "%%", v / scale, decimals, v % scale);
}

/* num/den percent in units of 10^-decimals percent, rounded half up. */
static __int128 half_up(int64_t num, int64_t den, int decimals)
{
	__int128 scale = decimals == 2 ? 10000 : 1000;
	return ((__int128)num * scale * 2 + den) / ((__int128)den * 2);
}

void forms_pct(char buf[static 32], int64_t num, int64_t den)
{
	if (den <= 0 || num < 0) {
		snprintf(buf, 32, "-");
		return;
	}
	put_pct(buf, half_up(num, den, 1), 1);
}

void forms_pct_vs(char fig[static 32], char thr[static 32], int64_t num, int64_t den,
	int64_t tn, int64_t td, bool met)
{
	if (den <= 0 || num < 0 || td <= 0) {
		snprintf(fig, 32, "-");
		snprintf(thr, 32, "-");
		return;
	}
	__int128 f = half_up(num, den, 1), t = half_up(tn, td, 1);
	int decimals = 1;
	if (!met && f >= t) {
		/* One decimal would show a miss at (or above) its threshold. */
		decimals = 2;
		f = half_up(num, den, 2);
		t = half_up(tn, td, 2);
		if (f >= t) {
			/* Still: the figure cut down, the threshold rounded up; the
			 * figure is below the threshold, so they now differ. */
			f = (__int128)num * 10000 / den;
			t = ((__int128)tn * 10000 + td - 1) / td;
		}
	}
	put_pct(fig, f, decimals);
	put_pct(thr, t, decimals);
}

bool forms_ratio_ge(int64_t num, int64_t den, int64_t pct)
{
	return num * 100 >= pct * den;
}

char *forms_format(const struct yg_check_ctx *ctx, const char *key)
{
	int i = yg_field_index(ctx->form, key);
	if (i < 0)
		return yg_strdup("");
	return yg_field_format(&ctx->form->fields[i], &ctx->values[i]);
}

const char *forms_label_zh(const struct yg_form *form, const char *key)
{
	int i = yg_field_index(form, key);
	return i < 0 ? key : form->fields[i].zh;
}

const char *forms_label_en(const struct yg_form *form, const char *key)
{
	int i = yg_field_index(form, key);
	return i < 0 ? key : form->fields[i].en;
}

/* Both languages at once: yg_tier_label gives only the current one. */
static void tier_label(enum yg_tier t, const char **zh, const char **en)
{
	switch (t) {
	case YG_TIER_PRIMARY:
		*zh = "(基层)";
		*en = " (primary)";
		break;
	case YG_TIER_SECONDARY:
		*zh = "(二级)";
		*en = " (secondary)";
		break;
	case YG_TIER_TERTIARY:
		*zh = "(三级)";
		*en = " (tertiary)";
		break;
	case YG_TIER_NONE:
		break;
	}
}

void forms_ratio_target(const struct yg_check_ctx *ctx, const struct yg_rule *rule,
	struct yg_findings *out, const char *num_key, const char *den_key,
	int64_t pct, bool by_tier, const char *zh, const char *en)
{
	int64_t num = yg_ctx_num(ctx, num_key), den = yg_ctx_num(ctx, den_key);
	if (num < 0 || den < 0)
		return;

	const char *tier_zh = "", *tier_en = "";
	if (by_tier && ctx->org)
		tier_label(ctx->org->tier, &tier_zh, &tier_en);

	char *mz, *me;
	enum yg_met met;
	if (den == 0) {
		met = YG_NA;
		mz = yg_asprintf("%s不适用:%s为 0;目标 ≥ %" PRId64 "%%%s", zh,
			forms_label_zh(ctx->form, den_key), pct, tier_zh);
		me = yg_asprintf("%s not applicable: %s is 0; target ≥ %" PRId64 "%%%s", en,
			forms_label_en(ctx->form, den_key), pct, tier_en);
	} else {
		char p[32], t[32];
		met = forms_ratio_ge(num, den, pct) ? YG_MET : YG_MISSED;
		forms_pct_vs(p, t, num, den, pct, 100, met == YG_MET);
		char *n = forms_format(ctx, num_key), *d = forms_format(ctx, den_key);
		mz = yg_asprintf("%s %s(%s/%s),目标 ≥ %" PRId64 "%%%s", zh, p,
			n ? n : "", d ? d : "", pct, tier_zh);
		me = yg_asprintf("%s %s (%s/%s); target ≥ %" PRId64 "%%%s", en, p,
			n ? n : "", d ? d : "", pct, tier_en);
		free(n);
		free(d);
	}
	struct yg_finding *f = forms_add(out, rule, num_key, mz ? mz : zh, me ? me : en);
	if (f) {
		f->met = met;
		f->num = num;
		f->den = den;
	}
	free(mz);
	free(me);
}

void forms_check_le(const struct yg_check_ctx *ctx, const struct yg_rule *rule,
	struct yg_findings *out, const char *part, const char *whole)
{
	int64_t p = yg_ctx_num(ctx, part), w = yg_ctx_num(ctx, whole);
	if (p < 0 || w < 0 || p <= w)
		return;
	char *ps = forms_format(ctx, part), *ws = forms_format(ctx, whole);
	char *mz = yg_asprintf("%s %s 超过%s %s", forms_label_zh(ctx->form, part),
		ps ? ps : "", forms_label_zh(ctx->form, whole), ws ? ws : "");
	char *me = yg_asprintf("%s %s exceeds %s %s", forms_label_en(ctx->form, part),
		ps ? ps : "", forms_label_en(ctx->form, whole), ws ? ws : "");
	forms_add(out, rule, part, mz ? mz : "", me ? me : "");
	free(ps);
	free(ws);
	free(mz);
	free(me);
}

void forms_check_parts(const struct yg_check_ctx *ctx, const struct yg_rule *rule,
	struct yg_findings *out)
{
	/* whole[k]: the last field seen at indent k, the whole of indent k + 1. */
	const char *whole[4] = { NULL };
	for (size_t i = 0; i < ctx->form->nfields; i++) {
		const struct yg_field *f = &ctx->form->fields[i];
		int k = f->indent < 0 ? 0 : f->indent > 3 ? 3 : f->indent;
		if (k > 0 && whole[k - 1])
			forms_check_le(ctx, rule, out, f->key, whole[k - 1]);
		whole[k] = f->key;
		for (int j = k + 1; j < 4; j++)
			whole[j] = NULL;
	}
}

void forms_set_num(struct yg_sub *sub, const char *key, int64_t n)
{
	int i = yg_field_index(sub->form, key);
	if (i < 0)
		return;
	yg_value_clear(&sub->values[i]);
	sub->values[i].set = true;
	sub->values[i].num = n;
}

yg_date forms_record_date(const struct yg_record *r, const char *key, yg_date fallback)
{
	const struct yg_value *v = yg_record_value(r, key);
	return v && v->set ? (yg_date)v->num : fallback;
}

yg_date forms_posting_end(const struct yg_value *planned, const struct yg_value *actual)
{
	if (actual && actual->set)
		return (yg_date)actual->num;
	if (planned && planned->set)
		return (yg_date)planned->num;
	return INT32_MAX;
}

bool forms_title_attending(const char *title)
{
	return title && (!strcmp(title, "attending") || !strcmp(title, "associate_chief")
		|| !strcmp(title, "chief"));
}

bool forms_title_intermediate(const char *title)
{
	return forms_title_attending(title) || (title && (!strcmp(title, "intermediate") ||
		!strcmp(title, "associate_senior") || !strcmp(title, "senior")));
}

yg_date forms_months_later_eve(yg_date start, int months)
{
	int y, m, d;
	yg_date_to_ymd(start, &y, &m, &d);
	int idx = y * 12 + (m - 1) + months;
	y = idx / 12;
	m = idx % 12 + 1;
	int last = yg_period_days((yg_period)(y * 100 + m));
	if (d > last)
		d = last;
	return yg_date_from_ymd(y, m, d) - 1;
}
