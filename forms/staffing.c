/*
 * staffing.c — 人员配备: staff of an institution, a monthly snapshot
 * (DESIGN §3.1).  Every institution files it, hospitals included: T1 asks
 * for a public-health physician in 二级以上医疗机构 too (seed 002 一(四)).
 */
#include <inttypes.h>
#include <stdlib.h>

#include "forms.h"

#define STAFF_MAX 100000

#define COUNT(k, z, e, ind) { .key = k, .zh = z, .en = e, .type = YG_T_COUNT, \
	.unit_zh = "人", .unit_en = N_("persons"), .min = 0, .max = STAFF_MAX, \
	.required = true, .indent = ind }
#define SNAPSHOT(k, z, e) { .key = k, .zh = z, .en = e, .type = YG_T_COUNT, \
	.unit_zh = "人", .unit_en = N_("persons"), .min = 0, .max = STAFF_MAX, \
	.required = true, .snapshot = true }
#define FLOW(k, z, e) { .key = k, .zh = z, .en = e, .type = YG_T_COUNT, \
	.unit_zh = "人", .unit_en = N_("persons"), .min = 0, .max = STAFF_MAX, \
	.required = true, .flow = true }

/* Order is the order on screen and in the wide export.  Indent 1 marks the
 * "of whom" items that the parts rule S1 holds to the field above them. */
static const struct yg_field fields[] = {
	/* Stocks at the month's end: O2 compares them with last month. */
	SNAPSHOT("authorised_posts", "编制数", N_("Authorised posts")),
	SNAPSHOT("staff_on_post", "在岗职工", N_("Staff on post")),
	COUNT("licensed_physicians", "执业医师", N_("Licensed physicians"), 1),
	COUNT("assistant_physicians", "执业助理医师", N_("Assistant physicians"), 1),
	COUNT("general_practitioners", "全科医生", N_("General practitioners"), 1),
	COUNT("public_health_physicians", "公共卫生医师", N_("Public-health physicians"), 1),
	COUNT("tcm_physicians", "中医类别医师", N_("TCM physicians"), 1),
	COUNT("registered_nurses", "注册护士", N_("Registered nurses"), 1),
	/* The statistical terms of 卫生健康统计. */
	COUNT("pharmacists", "药师(士)", N_("Pharmacists and assistant pharmacists"), 1),
	COUNT("technicians", "技师(士)", N_("Technicians and assistant technicians"), 1),
	FLOW("hires", "本月新进", N_("Hires this month")),
	FLOW("departures", "本月离岗", N_("Departures this month")),
	COUNT("village_doctors", "乡村医生", N_("Village doctors"), 0),
	COUNT("village_doctors_licensed", "乡医持执业(助理)医师证", N_("Village doctors licensed"), 1),
	/* Seed 003 二: the under-45s among the licensed, and 企业职工养老保险. */
	COUNT("village_doctors_under45", "持证乡医中45岁以下", N_("Licensed village doctors under 45"),
		2),
	COUNT("village_doctors_pension", "乡医参加企业职工养老保险",
		N_("Village doctors in the enterprise employees' pension"), 1),
};

/* The professions of 卫生技术人员 are disjoint: a person is one of them at most,
 * so together they cannot outnumber the staff on post. */
static void check_professions(const struct yg_check_ctx *ctx, const struct yg_rule *rule,
	struct yg_findings *out)
{
	static const char *const keys[] = {
		"licensed_physicians", "assistant_physicians", "registered_nurses",
		"pharmacists", "technicians",
	};
	int64_t staff = yg_ctx_num(ctx, "staff_on_post"), sum = 0;
	if (staff < 0)
		return;
	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
		int64_t n = yg_ctx_num(ctx, keys[i]);
		if (n < 0)
			return;
		sum += n;
	}
	if (sum <= staff)
		return;
	char *zh = yg_asprintf("执业医师、执业助理医师、注册护士、药师(士)、技师(士)合计 %" PRId64
		" 人,超过在岗职工 %" PRId64 " 人", sum, staff);
	char *en = yg_asprintf("Physicians, assistants, nurses, pharmacists and technicians "
		"total %" PRId64 ", more than the %" PRId64 " staff on post", sum, staff);
	forms_add(out, rule, "staff_on_post", zh ? zh : "", en ? en : "");
	free(zh);
	free(en);
}

/* Practice categories (公共卫生类别, 中医类别) and GP registration are held by
 * licensed or assistant physicians only. */
static int64_t physicians(const struct yg_check_ctx *ctx)
{
	int64_t l = yg_ctx_num(ctx, "licensed_physicians");
	int64_t a = yg_ctx_num(ctx, "assistant_physicians");
	return l < 0 || a < 0 ? -1 : l + a;
}

static void check_gps(const struct yg_check_ctx *ctx, const struct yg_rule *rule,
	struct yg_findings *out)
{
	int64_t phys = physicians(ctx), gp = yg_ctx_num(ctx, "general_practitioners");
	if (phys < 0 || gp < 0 || gp <= phys)
		return;
	char *zh = yg_asprintf("全科医生 %" PRId64 " 人,超过执业医师与执业助理医师合计 %" PRId64
		" 人", gp, phys);
	char *en = yg_asprintf("General practitioners %" PRId64 " exceed licensed plus "
		"assistant physicians %" PRId64, gp, phys);
	forms_add(out, rule, "general_practitioners", zh ? zh : "", en ? en : "");
	free(zh);
	free(en);
}

/* A warning, not an error: a physician registered in two categories is rare
 * but lawful in places, and the clerk can say so. */
static void check_categories(const struct yg_check_ctx *ctx, const struct yg_rule *rule,
	struct yg_findings *out)
{
	int64_t phys = physicians(ctx);
	int64_t ph = yg_ctx_num(ctx, "public_health_physicians");
	int64_t tcm = yg_ctx_num(ctx, "tcm_physicians");
	if (phys < 0 || ph < 0 || tcm < 0 || ph + tcm <= phys)
		return;
	char *zh = yg_asprintf("公共卫生医师 %" PRId64 " 人与中医类别医师 %" PRId64 " 人合计超过"
		"执业医师与执业助理医师合计 %" PRId64 " 人", ph, tcm, phys);
	char *en = yg_asprintf("Public-health %" PRId64 " plus TCM physicians %" PRId64
		" exceed licensed plus assistant physicians %" PRId64, ph, tcm, phys);
	forms_add(out, rule, "public_health_physicians", zh ? zh : "", en ? en : "");
	free(zh);
	free(en);
}

static void check_posts(const struct yg_check_ctx *ctx, const struct yg_rule *rule,
	struct yg_findings *out)
{
	int64_t posts = yg_ctx_num(ctx, "authorised_posts");
	int64_t staff = yg_ctx_num(ctx, "staff_on_post");
	if (posts < 0 || staff < 0 || staff <= posts)
		return;
	char *zh = yg_asprintf("在岗职工 %" PRId64 " 人,超出编制 %" PRId64 " 人 %" PRId64
		" 人,需说明", staff, posts, staff - posts);
	char *en = yg_asprintf("Staff on post %" PRId64 " exceed the %" PRId64
		" authorised posts by %" PRId64 "; please explain", staff, posts, staff - posts);
	forms_add(out, rule, "staff_on_post", zh ? zh : "", en ? en : "");
	free(zh);
	free(en);
}

static void check_t1(const struct yg_check_ctx *ctx, const struct yg_rule *rule,
	struct yg_findings *out)
{
	int64_t n = yg_ctx_num(ctx, "public_health_physicians");
	if (n < 0)
		return;
	int64_t want = forms_threshold(ctx, "T1", 1);
	char *zh = yg_asprintf("公共卫生医师 %" PRId64 " 人,目标 ≥ %" PRId64 " 人", n, want);
	char *en = yg_asprintf("Public-health physicians %" PRId64 "; target ≥ %" PRId64,
		n, want);
	struct yg_finding *f = forms_add(out, rule, "public_health_physicians",
		zh ? zh : "", en ? en : "");
	if (f) {
		f->met = n >= want ? YG_MET : YG_MISSED;
		f->num = n;
		f->den = 0;
	}
	free(zh);
	free(en);
}

/*
 * T1 is a target, not an error.  An error would block the return of a centre
 * that truly has no public-health physician, and the only way to file would
 * be to enter a false 1 — the figure the county most needs to see honestly.
 * As a target it is on the form's list of findings where the clerk sees it
 * (missed: "x T1"), counts met/missed on the dashboard, and never stops a
 * true return.
 */
static const struct yg_rule rules[] = {
	{ "S1", YG_SEV_ERROR, "DESIGN §3.1",
	  "各分项(其中)不超过其总数", N_("Each \"of whom\" item is at most its total"),
	  forms_check_parts },
	{ "S2", YG_SEV_ERROR, "DESIGN §3.1",
	  "各类卫生技术人员合计不超过在岗职工", N_("Health professions together at most staff on post"),
	  check_professions },
	{ "S3", YG_SEV_ERROR, "DESIGN §3.1",
	  "全科医生不超过执业医师与执业助理医师之和",
	  N_("GPs at most licensed plus assistant physicians"), check_gps },
	{ "S4", YG_SEV_WARNING, "DESIGN §3.1",
	  "公共卫生与中医类别医师合计不超过执业(助理)医师",
	  N_("Public-health plus TCM physicians at most licensed plus assistant physicians"),
	  check_categories },
	{ "S5", YG_SEV_WARNING, "DESIGN §3.1",
	  "在岗职工超出编制需说明", N_("Staff on post above authorised posts need an explanation"),
	  check_posts },
	{ "T1", YG_SEV_TARGET, "002 昆明 2024 一(四)",
	  "每个社区卫生服务中心、乡镇卫生院和二级以上医疗机构至少配备 1 名公共卫生医师",
	  N_("At least one public-health physician in every community or township centre and "
	  "every hospital of secondary rank or above"),
	  check_t1 },
};

const struct yg_form form_staffing = {
	.key = "staffing",
	.zh = "人员配备",
	.en = N_("Staffing"),
	.kinds = YG_KIND_BIT(YG_KIND_HOSPITAL) | YG_KIND_BIT(YG_KIND_TOWNSHIP)
		| YG_KIND_BIT(YG_KIND_COMMUNITY_CENTRE),
	/* Hospitals file it since version 0.2 (T1 covers 二级以上医疗机构, seed 002
	 * 一(四)): a county upgraded from 0.1 owes theirs from then on. */
	.kinds_v2 = YG_KIND_BIT(YG_KIND_HOSPITAL),
	.fields = fields,
	.nfields = sizeof fields / sizeof fields[0],
	.rules = rules,
	.nrules = sizeof rules / sizeof rules[0],
	.snapshot = true,
	.short_zh = "人员",
	.short_en = N_("Staff"),
};
