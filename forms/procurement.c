/*
 * procurement.c — 药品采购: drug procurement of every institution, monthly
 * (DESIGN §3.4), with targets T8–T13 of 001 一(五) and 000 12.
 */
#include <inttypes.h>
#include <stdlib.h>

#include "forms.h"

#define VARIETIES_MAX 100000
#define FEN_MAX INT64_C(10000000000000) /* 100 billion yuan */
#define QTY_MAX INT64_C(1000000000000)

#define VARIETIES(k, z, e, ind) { .key = k, .zh = z, .en = e, .type = YG_T_COUNT, \
	.unit_zh = "种", .unit_en = N_("varieties"), .min = 0, .max = VARIETIES_MAX, \
	.required = true, .indent = ind }
#define AMOUNT(k, z, e, ind) { .key = k, .zh = z, .en = e, .type = YG_T_AMOUNT, \
	.unit_zh = "元", .unit_en = N_("yuan"), .min = 0, .max = FEN_MAX, \
	.required = true, .indent = ind }
#define QTY(k, z, e, u_zh, u_en, ind) { .key = k, .zh = z, .en = e, .type = YG_T_COUNT, \
	.unit_zh = u_zh, .unit_en = u_en, .min = 0, .max = QTY_MAX, \
	.required = true, .indent = ind }

/* Indent 1: the parts rule P1 holds each to the field above it. */
static const struct yg_field fields[] = {
	VARIETIES("drug_varieties", "配备药品品种数", N_("Drug varieties stocked"), 0),
	VARIETIES("essential_varieties", "基本药物品种数", N_("Essential-drug varieties"), 1),
	AMOUNT("drug_amount", "药品采购金额", N_("Drug purchases"), 0),
	AMOUNT("essential_amount", "基本药物采购金额", N_("Essential-drug purchases"), 1),
	AMOUNT("online_amount", "网上采购金额", N_("Bought on the online platform"), 1),
	/* Seed 000 item 12: 中选药品的非中选替代药品.  Added in 0.2, so a return
	 * filed before it lacks the figure: not required. */
	{ .key = "nonselected_amount", .zh = "集采中选药品的非中选替代品采购金额",
	  .en = N_("Non-selected substitutes of selected drugs"), .type = YG_T_AMOUNT,
	  .unit_zh = "元", .unit_en = N_("yuan"), .min = 0, .max = FEN_MAX, .indent = 1 },
	AMOUNT("consumables_amount", "耗材与检验试剂采购金额",
		N_("Consumables and reagents purchased"), 0),
	AMOUNT("consumables_online_amount", "耗材与试剂网上采购金额",
		N_("Consumables and reagents bought online"), 1),
	/* Purchased may run past the contracted volume (P2 warns): not a part. */
	QTY("vbp_contracted", "集采中选药品约定采购量", N_("Volume-based procurement contracted"),
		"最小制剂单位", N_("dose units"), 0),
	QTY("vbp_purchased", "集采中选药品累计采购量", N_("Volume-based procurement purchased to date"),
		"最小制剂单位", N_("dose units"), 0),
	QTY("orders", "订单数", N_("Orders placed"), "笔", N_("orders"), 0),
	QTY("orders_on_time", "按时配送订单数", N_("Orders delivered on time"), "笔", N_("orders"), 1),
	{ .key = "payment_days", .zh = "平均回款天数", .en = N_("Average days to payment"),
	  .type = YG_T_DECIMAL, .unit_zh = "天", .unit_en = N_("days"), .min = 0, .max = 36500,
	  .required = true },
	/* T12 (added in 0.2; not required, so older returns stay valid). */
	{ .key = "payments", .zh = "本月货款结算笔数", .en = N_("Settlements this month"),
	  .type = YG_T_COUNT, .unit_zh = "笔", .unit_en = N_("settlements"), .min = 0,
	  .max = QTY_MAX },
	{ .key = "payments_late", .zh = "交货验收超过 30 天才结算", .en = N_("Settled over 30 days "
	  "after delivery"), .type = YG_T_COUNT, .unit_zh = "笔", .unit_en = N_("settlements"),
	  .min = 0, .max = QTY_MAX, .indent = 1 },
	VARIETIES("shortage_varieties", "短缺药品上报品种数", N_("Short-supply varieties reported"), 0),
};

static void check_vbp_over(const struct yg_check_ctx *ctx, const struct yg_rule *rule,
	struct yg_findings *out)
{
	forms_check_le(ctx, rule, out, "vbp_purchased", "vbp_contracted");
}

/* Fallbacks by tier, used only when the database lacks the row; -1: the
 * target does not apply to that tier. */
static int64_t tier_fallback(const struct yg_check_ctx *ctx, int64_t primary,
	int64_t secondary, int64_t tertiary)
{
	switch (ctx->org ? ctx->org->tier : YG_TIER_NONE) {
	case YG_TIER_PRIMARY:
		return primary;
	case YG_TIER_SECONDARY:
		return secondary;
	case YG_TIER_TERTIARY:
		return tertiary;
	case YG_TIER_NONE:
		break;
	}
	return -1;
}

static void check_t8(const struct yg_check_ctx *ctx, const struct yg_rule *rule,
	struct yg_findings *out)
{
	int64_t pct = forms_threshold(ctx, "T8", tier_fallback(ctx, 80, 60, 30));
	if (pct >= 0)
		forms_ratio_target(ctx, rule, out, "essential_varieties", "drug_varieties", pct,
			true, "基本药物品种占比", N_("Essential-drug share of varieties"));
}

static void check_t9(const struct yg_check_ctx *ctx, const struct yg_rule *rule,
	struct yg_findings *out)
{
	int64_t pct = forms_threshold(ctx, "T9", tier_fallback(ctx, 100, 95, 95));
	if (pct >= 0)
		forms_ratio_target(ctx, rule, out, "online_amount", "drug_amount", pct, true,
			"药品网上采购率", N_("Drugs bought online"));
}

/* Primary institutions have no T10 row: the target is for secondary and up
 * (a county that extends it to primary adds a row). */
static void check_t10(const struct yg_check_ctx *ctx, const struct yg_rule *rule,
	struct yg_findings *out)
{
	int64_t pct = forms_threshold(ctx, "T10", tier_fallback(ctx, -1, 95, 95));
	if (pct >= 0)
		forms_ratio_target(ctx, rule, out, "consumables_online_amount",
			"consumables_amount", pct, true, "耗材与试剂网上采购率",
			N_("Consumables and reagents bought online"));
}

static void check_t11(const struct yg_check_ctx *ctx, const struct yg_rule *rule,
	struct yg_findings *out)
{
	int64_t pct = forms_threshold(ctx, "T11", 90);
	forms_ratio_target(ctx, rule, out, "orders_on_time", "orders", pct, false,
		"及时配送率", N_("Delivered on time"));
}

/* T12: every settlement within 30 days of delivery (001 一(五) 货款结算周期
 * 不超过 30 天), so one late payment misses it; an average would hide it.
 * A month with no settlement has nothing to judge.  payment_days stays on
 * the form as information. */
static void check_t12(const struct yg_check_ctx *ctx, const struct yg_rule *rule,
	struct yg_findings *out)
{
	int64_t paid = yg_ctx_num(ctx, "payments"), late = yg_ctx_num(ctx, "payments_late");
	if (paid < 0 || late < 0)
		return;
	int64_t limit = forms_threshold(ctx, "T12", 30);
	struct yg_finding *f;
	if (paid == 0)
		f = yg_findings_add(out, rule->id, rule->severity, "payments_late",
			"No settlement this month: not applicable; target: every settlement "
			"within %" PRId64 " days of delivery", limit);
	else
		f = yg_findings_add(out, rule->id, rule->severity, "payments_late",
			"%1$" PRId64 " of %2$" PRId64 " settlements more than %3$" PRId64
			" days after delivery; target 0", late, paid, limit);
	if (f) {
		f->met = paid == 0 ? YG_NA : late == 0 ? YG_MET : YG_MISSED;
		f->num = late;
		f->den = 0;
	}
}

/*
 * T13: by the end of the contract year the contracted volume is bought, so
 * each month the share bought to date should be at least the share of the
 * year elapsed, the return's own month counted: with the year starting in
 * January the March return needs 3/12; starting in July, the March return
 * is the ninth month and needs 9/12.
 */
static void check_t13(const struct yg_check_ctx *ctx, const struct yg_rule *rule,
	struct yg_findings *out)
{
	int64_t bought = yg_ctx_num(ctx, "vbp_purchased");
	int64_t contracted = yg_ctx_num(ctx, "vbp_contracted");
	if (bought < 0 || contracted < 0)
		return;
	int start = yg_setting_get_int(ctx->db, YG_SET_CONTRACT_START, 1);
	if (start < 1 || start > 12)
		start = 1;
	int64_t elapsed = (yg_period_month(ctx->period) - start + 12) % 12 + 1;
	int64_t pct = forms_threshold(ctx, "T13", 100);

	char *zh, *en;
	enum yg_met met;
	if (contracted == 0) {
		met = YG_NA;
		zh = yg_asprintf("集采中选药品无约定采购量,进度不适用(合同年第 %" PRId64
			" 个月)", elapsed);
		en = yg_asprintf("No volume-based procurement contracted: pace not applicable "
			"(month %" PRId64 " of the contract year)", elapsed);
	} else {
		char done[32], due[32];
		met = bought * 12 * 100 >= contracted * elapsed * pct ? YG_MET : YG_MISSED;
		/* What is due: pct % of the volume, times elapsed/12. */
		forms_pct_vs(done, due, bought, contracted, pct * elapsed, 1200, met == YG_MET);
		zh = yg_asprintf("集采中选药品完成 %s(%" PRId64 "/%" PRId64 "),合同年第 %"
			PRId64 " 个月应达 %s(%" PRId64 "/12 × %" PRId64 "%%)", done, bought,
			contracted, elapsed, due, elapsed, pct);
		en = yg_asprintf("Volume-based procurement %s done (%" PRId64 "/%" PRId64
			"); month %" PRId64 " of the contract year needs %s (%" PRId64
			"/12 × %" PRId64 "%%)", done, bought, contracted, elapsed, due, elapsed,
			pct);
	}
	struct yg_finding *f = forms_add(out, rule, "vbp_purchased", zh ? zh : "", en ? en : "");
	if (f) {
		f->met = met;
		f->num = bought;
		f->den = contracted;
	}
	free(zh);
	free(en);
}

static const struct yg_rule rules[] = {
	{ "P1", YG_SEV_ERROR, "DESIGN §3.4",
	  "各分项不超过其总数(基本药物、网上采购、按时配送)",
	  N_("Parts at most their totals (essential, online, on time)"), forms_check_parts },
	{ "P2", YG_SEV_WARNING, "DESIGN §3.4",
	  "集采累计采购量超过约定量需说明",
	  N_("Volume-based purchases above the contracted volume need an explanation"),
	  check_vbp_over },
	{ "T8", YG_SEV_TARGET, "001 荆门 2017 一(五)",
	  "基本药物配备品种占比:基层 ≥ 80%,二级 ≥ 60%,三级 ≥ 30%",
	  /* xgettext:no-c-format */ N_("Essential-drug share of varieties: primary ≥ 80%, secondary ≥ 60%, tertiary ≥ 30%"),
	  check_t8 },
	{ "T9", YG_SEV_TARGET, "001 荆门 2017 一(五)",
	  "药品网上采购率:基层 100%,二级及以上 ≥ 95%",
	  /* xgettext:no-c-format */ N_("Drugs bought online: primary 100%, secondary and above ≥ 95%"), check_t9 },
	{ "T10", YG_SEV_TARGET, "001 荆门 2017 一(五)",
	  "二级及以上医疗机构耗材与检验试剂网上采购 ≥ 95%",
	  /* xgettext:no-c-format */ N_("Secondary and above: consumables and reagents bought online ≥ 95%"), check_t10 },
	{ "T11", YG_SEV_TARGET, "001 荆门 2017 一(五)",
	  "药品、耗材、试剂及时配送率 ≥ 90%", /* xgettext:no-c-format */ N_("Delivered on time ≥ 90%"), check_t11 },
	{ "T12", YG_SEV_TARGET, "001 荆门 2017 一(五)",
	  "货款结算周期不超过 30 天(每笔)",
	  N_("Every settlement within 30 days of delivery"), check_t12 },
	{ "T13", YG_SEV_TARGET, "000 西安 2019 12",
	  "合同年内完成集采中选药品约定采购量,按月显示进度",
	  N_("Contracted volume of selected drugs bought within the contract year; monthly pace"),
	  check_t13 },
};

const struct yg_form form_procurement = {
	.key = "procurement",
	.zh = "药品采购",
	.en = N_("Drug procurement"),
	.kinds = YG_KIND_BIT(YG_KIND_HOSPITAL) | YG_KIND_BIT(YG_KIND_TOWNSHIP)
		| YG_KIND_BIT(YG_KIND_COMMUNITY_CENTRE),
	.fields = fields,
	.nfields = sizeof fields / sizeof fields[0],
	.rules = rules,
	.nrules = sizeof rules / sizeof rules[0],
	.short_zh = "采购",
	.short_en = N_("Procur"),
};
