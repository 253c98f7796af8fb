/*
 * services.c — 诊疗服务量: the service volume and the cost-control figures of
 * every institution, monthly (DESIGN §3.5 "Additions": the figures the
 * outcome indicators of forms/outcomes.c are made of).
 */
#include <inttypes.h>
#include <stdlib.h>

#include "forms.h"

#define VOLUME_MAX INT64_C(100000000)
#define FEN_MAX INT64_C(10000000000000) /* 100 billion yuan */

#define VOLUME(k, z, e, u_zh, u_en, req) { .key = k, .zh = z, .en = e, .type = YG_T_COUNT, \
	.unit_zh = u_zh, .unit_en = u_en, .min = 0, .max = VOLUME_MAX, .required = req }
#define AMOUNT(k, z, e, ind) { .key = k, .zh = z, .en = e, .type = YG_T_AMOUNT, \
	.unit_zh = "元", .unit_en = N_("yuan"), .min = 0, .max = FEN_MAX, \
	.required = true, .indent = ind }

/*
 * village_visits is not a part of visits but beside it (基层就诊率 adds the
 * two), and only a township that runs its villages' clinics (乡村一体化) has
 * any: not required, and V1 refuses it elsewhere.  drug_revenue is a part of
 * the two revenues together, which no single field above it holds: V2.
 */
static const struct yg_field fields[] = {
	VOLUME("visits", "诊疗人次", N_("Visits"), "人次", N_("visits"), true),
	VOLUME("village_visits", "村卫生室诊疗人次(乡村一体化)",
		N_("Visits at the village clinics run"), "人次", N_("visits"), false),
	VOLUME("discharges", "出院人数", N_("Discharges"), "人", N_("persons"), true),
	VOLUME("remote_consultations", "远程会诊", N_("Remote consultations"), "例", N_("cases"), true),
	VOLUME("remote_diagnoses", "远程影像/心电/病理诊断", N_("Remote diagnoses read above"),
		"例", N_("cases"), true),
	VOLUME("results_recognised", "检查检验结果互认", N_("Test results recognised"),
		"项次", N_("items"), true),
	VOLUME("ehr_residents", "电子健康档案建档人数", N_("Residents with an electronic record"),
		"人", N_("persons"), true),
	VOLUME("hypertension_managed", "高血压规范管理人数", N_("Hypertension managed to standard"),
		"人", N_("persons"), true),
	VOLUME("diabetes_managed", "糖尿病规范管理人数", N_("Diabetes managed to standard"),
		"人", N_("persons"), true),
	VOLUME("tcm_techniques", "中医药适宜技术", N_("TCM techniques offered"), "类", N_("kinds"), true),
	AMOUNT("outpatient_revenue", "门诊医疗收入", N_("Outpatient revenue"), 0),
	AMOUNT("inpatient_revenue", "住院医疗收入", N_("Inpatient revenue"), 0),
	AMOUNT("drug_revenue", "药品收入", N_("Drug revenue"), 0),
};

static void check_village(const struct yg_check_ctx *ctx, const struct yg_rule *rule,
	struct yg_findings *out)
{
	if (!ctx->org || ctx->org->kind == YG_KIND_TOWNSHIP || yg_ctx_num(ctx, "village_visits") <= 0)
		return;
	forms_add(out, rule, "village_visits",
		"只有乡镇卫生院填报其一体化管理的村卫生室诊疗人次",
		N_("Only a township health centre reports the visits at the village clinics it runs"));
}

static void check_drug_revenue(const struct yg_check_ctx *ctx, const struct yg_rule *rule,
	struct yg_findings *out)
{
	int64_t o = yg_ctx_num(ctx, "outpatient_revenue"), i = yg_ctx_num(ctx, "inpatient_revenue");
	int64_t d = yg_ctx_num(ctx, "drug_revenue");
	char sd[24], sm[24];

	if (o < 0 || i < 0 || d < 0 || d <= o + i)
		return;
	yg_format_fen(d, sd);
	yg_format_fen(o + i, sm);
	char *zh = yg_asprintf("药品收入 %s 元,超过门诊与住院医疗收入合计 %s 元", sd, sm);
	char *en = yg_asprintf("Drug revenue %s exceeds outpatient plus inpatient revenue %s",
		sd, sm);
	forms_add(out, rule, "drug_revenue", zh ? zh : "", en ? en : "");
	free(zh);
	free(en);
}

/*
 * The public-health counts are people of the familydoc return's populations:
 * records of residents, patients of the two diseases.  Across forms, and the
 * other return may still be a draft being corrected: a warning.
 */
static void check_against_familydoc(const struct yg_check_ctx *ctx, const struct yg_rule *rule,
	struct yg_findings *out)
{
	static const char *const pairs[][2] = {
		{ "ehr_residents", "residents" },
		{ "hypertension_managed", "hypertension" },
		{ "diabetes_managed", "diabetes" },
	};
	const struct yg_form *fd = yg_form_find("familydoc");
	struct yg_sub *sub = NULL;

	if (!fd || !ctx->org || !yg_form_applies(fd, ctx->org) ||
	    yg_sub_load(ctx->db, "familydoc", ctx->org->code, ctx->period, &sub) != YG_OK)
		return;
	for (size_t k = 0; k < sizeof pairs / sizeof pairs[0]; k++) {
		const struct yg_value *w = yg_sub_value(sub, pairs[k][1]);
		int64_t p = yg_ctx_num(ctx, pairs[k][0]);

		if (p < 0 || !w || !w->set || p <= w->num)
			continue;
		char *zh = yg_asprintf("%s %" PRId64 " 人,超过家庭医生表的%s %" PRId64 " 人",
			forms_label_zh(ctx->form, pairs[k][0]), p,
			forms_label_zh(fd, pairs[k][1]), w->num);
		char *en = yg_asprintf("%s %" PRId64 " exceeds %s %" PRId64
			" of the family-doctor return", forms_label_en(ctx->form, pairs[k][0]), p,
			forms_label_en(fd, pairs[k][1]), w->num);
		forms_add(out, rule, pairs[k][0], zh ? zh : "", en ? en : "");
		free(zh);
		free(en);
	}
	yg_sub_free(sub);
}

static const struct yg_rule rules[] = {
	{ "V1", YG_SEV_ERROR, "DESIGN §3.5",
	  "村卫生室诊疗人次仅由乡镇卫生院填报",
	  N_("Village-clinic visits are reported by township health centres only"), check_village },
	{ "V2", YG_SEV_ERROR, "DESIGN §3.5",
	  "药品收入不超过门诊与住院医疗收入之和",
	  N_("Drug revenue at most outpatient plus inpatient revenue"), check_drug_revenue },
	{ "V3", YG_SEV_WARNING, "DESIGN §3.5",
	  "建档与规范管理人数不超过家庭医生表的对应人口",
	  N_("Records and managed patients at most the family-doctor return's populations"),
	  check_against_familydoc },
};

const struct yg_form form_services = {
	.key = "services",
	.zh = "诊疗服务量",
	.en = N_("Service volume"),
	.kinds = YG_KIND_BIT(YG_KIND_HOSPITAL) | YG_KIND_BIT(YG_KIND_TOWNSHIP) |
		YG_KIND_BIT(YG_KIND_COMMUNITY_CENTRE),
	/* A form of version 0.2: a county upgraded from 0.1 owes it from then on. */
	.kinds_v2 = ~0u,
	.fields = fields,
	.nfields = sizeof fields / sizeof fields[0],
	.rules = rules,
	.nrules = sizeof rules / sizeof rules[0],
	.short_zh = "诊疗",
	.short_en = N_("Svc"),
};
