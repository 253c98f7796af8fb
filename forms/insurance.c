/*
 * insurance.c — 医保基金: the medical-insurance fund of a medical community,
 * monthly, amounts to date in the calendar year (DESIGN §3.5 "Additions"),
 * and target T17, the fund-gap bands of 003 (长治 2020) 九.
 *
 * Who files it.  One return per medical community; the community itself
 * cannot file (returns are an institution's word, typed by its clerk), so
 * the community's lead hospital files it (files() below: the hospital
 * yg_org_lead_hospital names).  Where the county's 医保 office keeps the
 * figures, it files them on the lead hospital's line: a clerk login of the
 * lead hospital given to the office, or an admin acting with --as.  The
 * indicators of the community (forms/outcomes.c) read the return of its
 * lead hospital.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>

#include "forms.h"

#define FEN_MAX INT64_C(10000000000000) /* 100 billion yuan */

#define AMOUNT(k, z, e, ind) { .key = k, .zh = z, .en = e, .type = YG_T_AMOUNT, \
	.unit_zh = "元", .unit_en = N_("yuan"), .min = 0, .max = FEN_MAX, \
	.required = true, .indent = ind }
#define PERSONS(k, z, e, ind) { .key = k, .zh = z, .en = e, .type = YG_T_COUNT, \
	.unit_zh = "人次", .unit_en = N_("admissions"), .min = 0, .max = INT64_C(100000000), \
	.required = true, .indent = ind }

/* Spent may run past the budget (that is T17), so it is no part of it.
 * fund_spent_primary is a part of fund_spent_in_county (I2), which the
 * parts rule cannot see: both sit under fund_spent. */
static const struct yg_field fields[] = {
	AMOUNT("fund_budget", "医保基金年度总额预算", N_("Fund budget for the year"), 0),
	AMOUNT("fund_spent", "医保基金累计支出", N_("Fund spent to date"), 0),
	AMOUNT("fund_spent_in_county", "其中:县域内支出", N_("Of which in the county"), 1),
	AMOUNT("fund_spent_primary", "其中:基层医疗卫生机构支出", N_("Of which at primary institutions"), 1),
	PERSONS("inpatients", "参保住院人次累计", N_("Insured admissions to date"), 0),
	PERSONS("inpatients_out_of_county", "其中:县域外住院", N_("Of which outside the county"), 1),
};

bool forms_insurance_files(yg_db *db, const struct yg_org *org)
{
	int64_t community;

	if (!org || org->kind != YG_KIND_HOSPITAL || !org->id)
		return false;
	community = yg_org_community(db, org->id);
	return community && yg_org_lead_hospital(db, community) == org->id;
}

static void check_primary(const struct yg_check_ctx *ctx, const struct yg_rule *rule,
	struct yg_findings *out)
{
	forms_check_le(ctx, rule, out, "fund_spent_primary", "fund_spent_in_county");
}

/*
 * Amounts to date never fall within a year: each is at least the previous
 * month's figure of the same year (whatever that return's state: a draft is
 * what the lead hospital said last).  January starts the year again.
 */
static void check_to_date(const struct yg_check_ctx *ctx, const struct yg_rule *rule,
	struct yg_findings *out)
{
	yg_period prev = yg_period_add(ctx->period, -1);
	struct yg_sub *sub = NULL;
	char pbuf[8];

	if (!ctx->org || yg_period_month(ctx->period) == 1 ||
	    yg_sub_load(ctx->db, ctx->form->key, ctx->org->code, prev, &sub) != YG_OK)
		return;
	yg_period_format(prev, pbuf);
	for (size_t i = 0; sub->id && i < ctx->form->nfields; i++) {
		const struct yg_field *f = &ctx->form->fields[i];
		const struct yg_value *was = &sub->values[i];
		int64_t now = yg_ctx_num(ctx, f->key);

		if (f->key == ctx->form->fields[0].key) /* the budget is no running total */
			continue;
		if (now < 0 || !was->set || now >= was->num)
			continue;
		char *a = forms_format(ctx, f->key), *b = yg_field_format(f, was);
		char *zh = yg_asprintf("%s %s 少于 %s 的累计数 %s:年内累计数不会减少", f->zh,
			a ? a : "", pbuf, b ? b : "");
		char *en = yg_asprintf("%s %s is below %s's figure to date %s: a figure to "
			"date never falls within the year", f->en, a ? a : "", pbuf, b ? b : "");
		forms_add(out, rule, f->key, zh ? zh : "", en ? en : "");
		free(a);
		free(b);
		free(zh);
		free(en);
	}
	yg_sub_free(sub);
}

int forms_t17_band(int64_t spent, int64_t budget, int month, int64_t shared_pct,
	int64_t own_pct, int64_t *gap_x100)
{
	/* Budget pace: budget × month / 12.  gap% = (spent×12 − budget×m) ÷
	 * (budget×m) × 100, kept as hundredths of a percent, rounded down. */
	__int128 pace = (__int128)budget * month, gap;

	if (budget <= 0 || month < 1 || month > 12)
		return -1;
	gap = (__int128)spent * 12 - pace;
	if (gap_x100)
		*gap_x100 = (int64_t)(gap * 10000 / pace);
	if (gap * 100 <= pace * shared_pct)
		return 0;
	return gap * 100 <= pace * own_pct ? 1 : 2;
}

static void check_t17(const struct yg_check_ctx *ctx, const struct yg_rule *rule,
	struct yg_findings *out)
{
	int64_t budget = yg_ctx_num(ctx, "fund_budget"), spent = yg_ctx_num(ctx, "fund_spent");
	int64_t shared = forms_threshold(ctx, "T17", 5), own = forms_threshold(ctx, "T17S", 10);
	int64_t gap = 0;
	int band;

	if (budget < 0 || spent < 0)
		return;
	band = forms_t17_band(spent, budget, yg_period_month(ctx->period), shared, own, &gap);
	char g[32], *bz = NULL, *be = NULL, *zh, *en;
	snprintf(g, sizeof g, "%s%" PRId64 ".%02" PRId64 "%%", gap < 0 ? "-" : "",
		(gap < 0 ? -gap : gap) / 100, (gap < 0 ? -gap : gap) % 100);
	if (band < 0) {
		zh = yg_strdup("医保基金进度不适用:年度预算为 0");
		en = yg_strdup("Fund pace not applicable: the year's budget is 0");
	} else {
		switch (band) {
		case 0:
			bz = yg_asprintf("缺口在 %" PRId64 "%% 以内,由统筹基金结余解决", shared);
			be = yg_asprintf("gap within %" PRId64 "%%, met from the pooled fund's "
				"balance", shared);
			break;
		case 1:
			bz = yg_asprintf("缺口在 %" PRId64 "%%–%" PRId64 "%%,市、县区按 1:9 分担",
				shared, own);
			be = yg_asprintf("gap %" PRId64 "%%–%" PRId64 "%%, shared 1:9 by city and "
				"county", shared, own);
			break;
		default:
			bz = yg_asprintf("缺口超过 %" PRId64 "%%,由县区自行承担", own);
			be = yg_asprintf("gap above %" PRId64 "%%, borne by the county alone", own);
			break;
		}
		zh = yg_asprintf("医保基金超支占累计预算 %s:%s", g, bz ? bz : "");
		en = yg_asprintf("Fund overspend %s of the budget to date: %s", g, be ? be : "");
	}
	struct yg_finding *f = forms_add(out, rule, "fund_spent", zh ? zh : "", en ? en : "");
	if (f) {
		f->met = band < 0 ? YG_NA : band == 0 ? YG_MET : YG_MISSED;
		f->num = spent * 12;
		f->den = band < 0 ? 0 : budget * yg_period_month(ctx->period);
	}
	free(bz);
	free(be);
	free(zh);
	free(en);
}

static const struct yg_rule rules[] = {
	{ "I1", YG_SEV_ERROR, "DESIGN §3.5",
	  "县域内支出、县域外住院不超过其总数", N_("Parts at most their totals"), forms_check_parts },
	{ "I2", YG_SEV_ERROR, "DESIGN §3.5",
	  "基层机构支出不超过县域内支出", N_("Primary institutions' spending at most the county's"),
	  check_primary },
	{ "I3", YG_SEV_ERROR, "DESIGN §3.5",
	  "年内累计数不少于上月累计数", N_("Figures to date never fall within the year"),
	  check_to_date },
	{ "T17", YG_SEV_TARGET, "003 长治 2020 九",
	  "医保基金超支不超过累计预算的 5%(5%–10% 市县 1:9 分担,超过 10% 县区自行承担)",
	  /* xgettext:no-c-format */ N_("Fund overspend at most 5% of the budget to date (5–10% shared 1:9, above 10% the county's own)"),
	  check_t17 },
};

const struct yg_form form_insurance = {
	.key = "insurance",
	.zh = "医保基金",
	.en = N_("Medical-insurance fund"),
	.kinds = YG_KIND_BIT(YG_KIND_HOSPITAL),
	/* A form of version 0.2: a county upgraded from 0.1 owes it from then on. */
	.kinds_v2 = ~0u,
	.fields = fields,
	.nfields = sizeof fields / sizeof fields[0],
	.rules = rules,
	.nrules = sizeof rules / sizeof rules[0],
	.files = forms_insurance_files,
	.short_zh = "医保",
	.short_en = N_("Fund"),
};
