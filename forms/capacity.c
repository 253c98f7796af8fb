/*
 * capacity.c — 预留号源床位: capacity the lead and upper hospitals reserve for
 * family-doctor referrals, monthly (DESIGN §3.3, T7).
 */
#include "forms.h"

#define CAP(k, z, e, u_zh, u_en, ind) { .key = k, .zh = z, .en = e, .type = YG_T_COUNT, \
	.unit_zh = u_zh, .unit_en = u_en, .min = 0, .max = 10000000, \
	.required = true, .indent = ind }

/* Each reserved figure is an "of whom" of the total above it (rule C1). */
static const struct yg_field fields[] = {
	CAP("expert_slots", "专家号源", N_("Expert appointment slots"), "个", N_("slots"), 0),
	CAP("expert_slots_reserved", "预留转诊专家号源", N_("Expert slots reserved"), "个", N_("slots"), 1),
	CAP("beds", "住院床位", N_("Inpatient beds"), "张", N_("beds"), 0),
	CAP("beds_reserved", "预留转诊床位", N_("Beds reserved"), "张", N_("beds"), 1),
	CAP("exams", "预约检查", N_("Booked examinations"), "项次", N_("exams"), 0),
	CAP("exams_reserved", "预留转诊检查", N_("Exams reserved"), "项次", N_("exams"), 1),
};

static void check_t7(const struct yg_check_ctx *ctx, const struct yg_rule *rule,
	struct yg_findings *out)
{
	int64_t pct = forms_threshold(ctx, "T7", 20);
	forms_ratio_target(ctx, rule, out, "expert_slots_reserved", "expert_slots", pct, false,
		"专家号源预留比例", N_("Expert slots reserved"));
	forms_ratio_target(ctx, rule, out, "beds_reserved", "beds", pct, false,
		"床位预留比例", N_("Beds reserved"));
	forms_ratio_target(ctx, rule, out, "exams_reserved", "exams", pct, false,
		"预约检查预留比例", N_("Booked exams reserved"));
}

static const struct yg_rule rules[] = {
	{ "C1", YG_SEV_ERROR, "DESIGN §3.3",
	  "预留数不超过总数", N_("Reserved at most the total"), forms_check_parts },
	{ "T7", YG_SEV_TARGET, "004 西藏 二(六)",
	  "专家号源、床位、预约检查各预留 ≥ 20% 给家庭医生转诊",
	  /* xgettext:no-c-format */ N_("≥ 20% of expert slots, beds and booked exams reserved for family-doctor referrals"),
	  check_t7 },
};

const struct yg_form form_capacity = {
	.key = "capacity",
	.zh = "预留号源与床位",
	.en = N_("Reserved capacity"),
	.kinds = YG_KIND_BIT(YG_KIND_HOSPITAL),
	.fields = fields,
	.nfields = sizeof fields / sizeof fields[0],
	.rules = rules,
	.nrules = sizeof rules / sizeof rules[0],
	.short_zh = "预留",
	.short_en = N_("Capac"),
};
