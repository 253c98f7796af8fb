/*
 * sentdown.c — 派驻/下沉医生 (DESIGN §3.2): the posting roster (one record per
 * posting), each posting's monthly activity, and the monthly return of an
 * institution, every figure of which is derived from the postings it received.
 *
 * Definitions the targets rest on (DESIGN §3.5, seed 004 二(二), 二(四)):
 *  - a posting is active on every day from its start to its end, both
 *    included; its end is the actual end date, else the planned one;
 *  - its mode says how the doctor serves: resident (派驻), circuit (巡回诊疗)
 *    or remote (远程医疗); T2 counts every mode, T3 and T4 resident only;
 *  - its sending hospital is the community's lead hospital (T2, T3) or its
 *    supporting urban tertiary hospital (T4, T5), or neither (counted by
 *    postings_active and the activity sums, by no target);
 *  - attending-or-above (T2, T3): 主治医师, 副主任医师, 主任医师; intermediate
 *    or above (T4, any profession): those, and 中级, 副高, 正高 of the
 *    pharmacy, nursing and management grades.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "forms.h"

/* ---------------------------------------------------------------------------
 * The posting record
 */

/* Physicians' titles, then the same grades of the other professions
 * (药师/护师/技师 …: 初级, 中级 = attending, 副高, 正高). */
static const struct yg_choice titles[] = {
	{ "resident", "住院医师", N_("resident") },
	{ "attending", "主治医师", N_("attending") },
	{ "associate_chief", "副主任医师", N_("associate chief") },
	{ "chief", "主任医师", N_("chief") },
	{ "junior", "初级(师/士)", N_("junior (non-physician)") },
	{ "intermediate", "中级(主管药师/护师等)", N_("intermediate (non-physician)") },
	{ "associate_senior", "副高级(副主任药师/护师等)", N_("associate senior (non-physician)") },
	{ "senior", "正高级(主任药师/护师等)", N_("senior (non-physician)") },
	{ NULL, NULL, NULL },
};

static const struct yg_choice modes[] = {
	{ "resident", "派驻", N_("resident") },
	{ "circuit", "巡回诊疗", N_("circuit") },
	{ "remote", "远程医疗", N_("remote") },
	{ NULL, NULL, NULL },
};

/* Seed 004 二(二): 医疗、药学、护理、管理. */
static const struct yg_choice professions[] = {
	{ "medical", "医疗", N_("medical") },
	{ "pharmacy", "药学", N_("pharmacy") },
	{ "nursing", "护理", N_("nursing") },
	{ "management", "管理", N_("management") },
	{ NULL, NULL, NULL },
};

/* 2000-01-01 and 2099-12-31 as day numbers: postings under the reform, and
 * the core's last date. */
#define DATE_MIN 10957
#define DATE_MAX 47481

#define DATE(k, z, e, req) { .key = k, .zh = z, .en = e, .type = YG_T_DATE, \
	.min = DATE_MIN, .max = DATE_MAX, .required = req }

static const struct yg_field posting_fields[] = {
	{ .key = "doctor_name", .zh = "医生姓名", .en = N_("Doctor"), .type = YG_T_TEXT,
	  .min = 1, .max = 40, .required = true },
	{ .key = "licence_no", .zh = "执业证书编码", .en = N_("Licence no."), .type = YG_T_CODE,
	  .min = 1, .max = 32, .required = true },
	{ .key = "sending_org", .zh = "派出医院", .en = N_("Sending hospital"), .type = YG_T_ORG,
	  .min = 1, .max = 64, .required = true },
	{ .key = "title", .zh = "职称", .en = N_("Title"), .type = YG_T_CHOICE,
	  .required = true, .choices = titles },
	{ .key = "mode", .zh = "服务方式", .en = N_("Mode"), .type = YG_T_CHOICE,
	  .required = true, .choices = modes },
	{ .key = "profession", .zh = "专业类别", .en = N_("Profession"), .type = YG_T_CHOICE,
	  .required = true, .choices = professions },
	{ .key = "specialty", .zh = "专业", .en = N_("Specialty"), .type = YG_T_TEXT,
	  .min = 0, .max = 40, .required = true },
	{ .key = "receiving_org", .zh = "派驻机构", .en = N_("Receiving institution"),
	  .type = YG_T_ORG, .min = 1, .max = 64, .required = true,
	  .prefill = YG_PREFILL_OWN_ORG },
	{ .key = "start_date", .zh = "开始日期", .en = N_("Start date"), .type = YG_T_DATE,
	  .min = DATE_MIN, .max = DATE_MAX, .required = true, .prefill = YG_PREFILL_TODAY },
	DATE("planned_end_date", "计划结束日期", N_("Planned end"), true),
	DATE("actual_end_date", "实际结束日期", N_("Actual end"), false),
};

struct span {
	yg_date start, end;
};

/* The days a posting's values say it is active; false without a start. */
static bool values_span(const struct yg_value *start, const struct yg_value *planned,
	const struct yg_value *actual, struct span *out)
{
	if (!start || !start->set)
		return false;
	out->start = (yg_date)start->num;
	out->end = forms_posting_end(planned, actual);
	return true;
}

static bool record_span(const struct yg_record *r, struct span *out)
{
	return values_span(yg_record_value(r, "start_date"),
		yg_record_value(r, "planned_end_date"),
		yg_record_value(r, "actual_end_date"), out);
}

static bool ctx_span(const struct yg_check_ctx *ctx, struct span *out)
{
	return values_span(yg_ctx_value(ctx, "start_date"),
		yg_ctx_value(ctx, "planned_end_date"),
		yg_ctx_value(ctx, "actual_end_date"), out);
}

static const char *ctx_text(const struct yg_check_ctx *ctx, const char *key)
{
	const struct yg_value *v = yg_ctx_value(ctx, key);
	return v && v->set && v->text && *v->text ? v->text : NULL;
}

static const char *record_text(const struct yg_record *r, const char *key)
{
	const struct yg_value *v = yg_record_value(r, key);
	return v && v->set && v->text && *v->text ? v->text : NULL;
}

/* The code of a community's lead or supporting hospital; NULL when none.
 * Caller frees. */
static char *community_hospital(yg_db *db, int64_t community_id, bool lead)
{
	struct yg_org o = { 0 };
	int64_t id;
	char *code;

	if (!community_id)
		return NULL;
	id = lead ? yg_org_lead_hospital(db, community_id) :
		yg_org_supporting_hospital(db, community_id);
	if (!id || yg_org_get_id(db, id, &o) != YG_OK)
		return NULL;
	code = o.code;
	o.code = NULL;
	yg_org_clear(&o);
	return code;
}

/* The lead (or supporting) hospital of the community the unit code belongs
 * to; NULL when none.  Caller frees. */
static char *hospital_of_unit(yg_db *db, const char *code, bool lead)
{
	struct yg_org o = { 0 };
	char *h = NULL;

	if (code && yg_org_get(db, code, &o) == YG_OK)
		h = community_hospital(db, yg_org_community(db, o.id), lead);
	yg_org_clear(&o);
	return h;
}

static bool sent_by(const struct yg_record *r, const char *hospital)
{
	const char *send = record_text(r, "sending_org");
	return send && hospital && strcasecmp(send, hospital) == 0;
}

/* A posting without a mode predates modes: 0.1 recorded doctors on site. */
static bool is_resident(const struct yg_record *r)
{
	const char *mode = record_text(r, "mode");
	return !mode || strcmp(mode, "resident") == 0;
}

static void say_dates(struct yg_findings *out, const struct yg_rule *rule, const char *field,
	const char *fmt, yg_date a, yg_date b)
{
	char da[11], db[11];
	yg_date_format(a, da);
	yg_date_format(b, db);
	yg_findings_add(out, rule->id, rule->severity, field, fmt, da, db);
}

static void check_order(const struct yg_check_ctx *ctx, const struct yg_rule *rule,
	struct yg_findings *out)
{
	int64_t start = yg_ctx_num(ctx, "start_date");
	int64_t planned = yg_ctx_num(ctx, "planned_end_date");
	int64_t actual = yg_ctx_num(ctx, "actual_end_date");
	if (start < 0)
		return;
	/* A one-day posting ends the day it starts: only an end before the
	 * start is wrong. */
	if (planned >= 0 && planned < start)
		say_dates(out, rule, "planned_end_date",
			"Planned end %2$s is before the start %1$s", (yg_date)start,
			(yg_date)planned);
	if (actual >= 0 && actual < start)
		say_dates(out, rule, "actual_end_date",
			"Actual end %2$s is before the start %1$s", (yg_date)start,
			(yg_date)actual);
}

/* The core checks no range on dates: the spec's min and max are ours. */
static void check_bounds(const struct yg_check_ctx *ctx, const struct yg_rule *rule,
	struct yg_findings *out)
{
	static const char *const keys[] = { "start_date", "planned_end_date", "actual_end_date" };
	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
		int fi = yg_field_index(ctx->form, keys[i]);
		int64_t d = yg_ctx_num(ctx, keys[i]);
		if (fi < 0 || d < 0)
			continue;
		const struct yg_field *f = &ctx->form->fields[fi];
		if (d >= f->min && d <= f->max)
			continue;
		char dv[11], lo[11], hi[11];
		yg_date_format((yg_date)d, dv);
		yg_date_format((yg_date)f->min, lo);
		yg_date_format((yg_date)f->max, hi);
		char *zh = yg_asprintf("%s %s 不在 %s 至 %s 之间", f->zh, dv, lo, hi);
		char *en = yg_asprintf("%s %s is not between %s and %s", f->en, dv, lo, hi);
		forms_add(out, rule, keys[i], zh ? zh : "", en ? en : "");
		free(zh);
		free(en);
	}
	/* Five years is no batch: most likely a mistyped year. */
	int64_t start = yg_ctx_num(ctx, "start_date");
	int64_t planned = yg_ctx_num(ctx, "planned_end_date");
	if (start >= 0 && planned > start && planned > forms_months_later_eve((yg_date)start, 60))
		say_dates(out, rule, "planned_end_date",
			"Planned posting %1$s to %2$s is over five years: check the year",
			(yg_date)start, (yg_date)planned);
}

static void check_future(const struct yg_check_ctx *ctx, const struct yg_rule *rule,
	struct yg_findings *out)
{
	yg_date today = yg_date_today();
	int64_t actual = yg_ctx_num(ctx, "actual_end_date");
	int64_t start = yg_ctx_num(ctx, "start_date");
	if (actual > today)
		say_dates(out, rule, "actual_end_date",
			"Actual end %2$s is after today %1$s: enter a planned end until it happens",
			today, (yg_date)actual);
	if (start >= 0 && start > forms_months_later_eve(today, 12) + 1)
		say_dates(out, rule, "start_date",
			"Start %2$s is more than a year ahead (today %1$s)", today,
			(yg_date)start);
}

/*
 * Both ends must be units we know: sent by a hospital, received by an
 * institution, and not the same unit.  The posting is kept in the roster of
 * the institution receiving the doctor: its monthly return counts the
 * postings it holds (a clerk sees no other unit's records, and a figure must
 * not change with who looks at it).
 */
static void check_orgs(const struct yg_check_ctx *ctx, const struct yg_rule *rule,
	struct yg_findings *out)
{
	const char *send = ctx_text(ctx, "sending_org"), *recv = ctx_text(ctx, "receiving_org");
	struct yg_org o = { 0 };

	if (send) {
		if (yg_org_get(ctx->db, send, &o) != YG_OK)
			yg_findings_add(out, rule->id, rule->severity, "sending_org",
				"Sending hospital %s is not a known unit", send);
		else if (o.kind != YG_KIND_HOSPITAL)
			yg_findings_add(out, rule->id, rule->severity, "sending_org",
				"Sending unit %s is not a hospital", send);
		yg_org_clear(&o);
	}
	if (recv) {
		if (yg_org_get(ctx->db, recv, &o) != YG_OK)
			yg_findings_add(out, rule->id, rule->severity, "receiving_org",
				"Receiving institution %s is not a known unit", recv);
		else if (!yg_kind_is_institution(o.kind))
			yg_findings_add(out, rule->id, rule->severity, "receiving_org",
				"Receiving unit %s is not an institution", recv);
		else if (ctx->org && ctx->org->code && strcasecmp(ctx->org->code, recv) != 0)
			yg_findings_add(out, rule->id, rule->severity, "receiving_org",
				"A posting to %s belongs in the roster of %s, not of %s",
				recv, recv, ctx->org->code);
		yg_org_clear(&o);
	}
	if (send && recv && strcasecmp(send, recv) == 0)
		yg_findings_add(out, rule->id, rule->severity, "receiving_org",
			"Sent from and to the same unit (%s)", send);
}

/*
 * One doctor is in one place at a time: no two postings of one licence
 * number may share a day, at whatever institution: so the other postings
 * are looked up in the whole county (yg_record_match), beyond the acting
 * user's scope — a clerk's save is refused when the doctor is already
 * posted elsewhere, and the message names only the licence, dates and unit.
 */
static void check_overlap(const struct yg_check_ctx *ctx, const struct yg_rule *rule,
	struct yg_findings *out)
{
	const char *licence = ctx_text(ctx, "licence_no");
	struct span me;
	if (!licence || !ctx_span(ctx, &me))
		return;

	struct yg_record **v = NULL;
	size_t n = 0;
	if (yg_record_match(ctx->db, ctx->form, "licence_no", licence, &v, &n) != YG_OK)
		return;
	for (size_t i = 0; i < n; i++) {
		const struct yg_record *r = v[i];
		const char *other = record_text(r, "licence_no");
		struct span s;
		if (r->id == ctx->record_id || !other || strcasecmp(other, licence) != 0 ||
		    !record_span(r, &s) || s.start > me.end || me.start > s.end)
			continue;
		char a[11], b[11] = "";
		yg_date_format(s.start, a);
		if (s.end != INT32_MAX)
			yg_date_format(s.end, b);
		const char *where = record_text(r, "receiving_org");
		yg_findings_add(out, rule->id, rule->severity, "start_date",
			"The doctor with licence %s already has a posting %s to %s (%s) "
			"that overlaps this one", licence, a, b, where ? where : "");
		break;
	}
	yg_record_list_free(v, n);
}

/* T5 is on the supporting urban tertiary hospital's batches (seed 004
 * 二(二) 每批派驻人员, after its 3 experts); the lead hospital's rotations,
 * which T2 allows, are not batches. */
static void check_t5(const struct yg_check_ctx *ctx, const struct yg_rule *rule,
	struct yg_findings *out)
{
	struct span s;
	const char *send = ctx_text(ctx, "sending_org");
	if (!ctx_span(ctx, &s) || s.end == INT32_MAX || !send)
		return;
	char *support = hospital_of_unit(ctx->db, ctx_text(ctx, "receiving_org"), false);
	bool batch = support && strcasecmp(support, send) == 0;
	free(support);
	if (!batch)
		return;
	int64_t months = forms_threshold(ctx, "T5", 6);
	yg_date need = forms_months_later_eve(s.start, (int)months);
	char a[11], b[11], c[11];
	yg_date_format(s.start, a);
	yg_date_format(s.end, b);
	yg_date_format(need, c);
	struct yg_finding *f = yg_findings_add(out, rule->id, rule->severity, "planned_end_date",
		"Posting %1$s to %2$s, %4$.0s%6$s; %3$" PRId64 " continuous months need %5$s "
		"or later",
		a, b, months, s.end >= need ? "达标" : "不足", c,
		s.end >= need ? "met" : "short");
	if (f) {
		f->met = s.end >= need ? YG_MET : YG_MISSED;
		f->num = s.end - s.start + 1;
		f->den = 0;
	}
}

static const struct yg_rule posting_rules[] = {
	{ "D1", YG_SEV_ERROR, "DESIGN §3.2",
	  "结束日期不早于开始日期", N_("The end is not before the start"), check_order },
	{ "D2", YG_SEV_ERROR, "DESIGN §3.2",
	  "日期在合理范围内(2000 年以后,计划不超过 5 年)",
	  N_("Dates within sane bounds (from 2000, planned at most five years)"), check_bounds },
	{ "D3", YG_SEV_WARNING, "DESIGN §3.2",
	  "实际结束日期不晚于今天,开始日期不超过一年以后",
	  N_("Actual end not after today, start at most a year ahead"), check_future },
	{ "D4", YG_SEV_ERROR, "DESIGN §3.2",
	  "派出医院、派驻机构为已登记的不同单位",
	  N_("Sending hospital and receiving institution are known, distinct units"), check_orgs },
	{ "D5", YG_SEV_ERROR, "DESIGN §3.2",
	  "同一医生的派驻时间不重叠", N_("No two postings of one doctor overlap"), check_overlap },
	{ "T5", YG_SEV_TARGET, "004 西藏 二(二)",
	  "每批派驻人员连续工作不少于 6 个月",
	  N_("Each batch of posted staff works at least six continuous months"), check_t5 },
};

/* A posting is held in the roster of the institution it sends the doctor to. */
static const char *posting_owner(const struct yg_value *values)
{
	int i = yg_field_index(&form_posting, "receiving_org");
	return i >= 0 && values[i].set ? values[i].text : NULL;
}

/* The days a posting is active: from its start to its (actual, else
 * planned) end, both included. */
static bool posting_active_span(const struct yg_value *values, yg_date *first, yg_date *last)
{
	struct span sp;

	if (!values_span(&values[yg_field_index(&form_posting, "start_date")],
	    &values[yg_field_index(&form_posting, "planned_end_date")],
	    &values[yg_field_index(&form_posting, "actual_end_date")], &sp))
		return false;
	*first = sp.start;
	*last = sp.end;
	return true;
}

const struct yg_form form_posting = {
	.key = "posting",
	.zh = "派驻医生名册",
	.en = N_("Posting roster"),
	.kinds = YG_KIND_BIT(YG_KIND_HOSPITAL) | YG_KIND_BIT(YG_KIND_TOWNSHIP)
		| YG_KIND_BIT(YG_KIND_COMMUNITY_CENTRE),
	.fields = posting_fields,
	.nfields = sizeof posting_fields / sizeof posting_fields[0],
	.rules = posting_rules,
	.nrules = sizeof posting_rules / sizeof posting_rules[0],
	.is_record = true,
	.owner = posting_owner,
	/* D5 keeps one doctor in one place at a time: a licence and a start
	 * name one posting. */
	.identity = (const char *const[]){ "licence_no", "start_date", NULL },
	.active_span = posting_active_span,
	/* Each posting's month on site, entered beside the roster. */
	.activity = &form_posting_activity,
	.home_key = 'p',
	.home_bar_zh = "派驻名册",
	.home_bar_en = N_("postings"),
	.home_help_zh = "派驻医生名册及月度工作",
	.home_help_en = N_("postings roster and monthly activity"),
};

/* ---------------------------------------------------------------------------
 * A posting's monthly activity.  The monthly return sums every key of this
 * spec that it holds too.
 */

#define ACT(k, z, e, u_zh, u_en, mx) { .key = k, .zh = z, .en = e, .type = YG_T_COUNT, \
	.unit_zh = u_zh, .unit_en = u_en, .min = 0, .max = mx }

static const struct yg_field activity_fields[] = {
	{ .key = "days_on_site", .zh = "在岗天数", .en = N_("Days on site"), .type = YG_T_COUNT,
	  .unit_zh = "天", .unit_en = N_("days"), .min = 0, .max = 31, .month_days = true },
	ACT("outpatient_visits", "门诊人次", N_("Outpatient visits"), "人次", N_("visits"), 100000),
	ACT("ward_rounds", "查房", N_("Ward rounds"), "次", N_("rounds"), 10000),
	ACT("operations", "手术", N_("Operations"), "台", N_("operations"), 10000),
	ACT("teaching_sessions", "讲学/带教", N_("Teaching sessions"), "次", N_("sessions"), 10000),
	ACT("consultations", "会诊", N_("Consultations"), "次", N_("consultations"), 10000),
};

const struct yg_form form_posting_activity = {
	.key = "posting_activity",
	.zh = "派驻医生月度工作",
	.en = N_("Posting activity"),
	.kinds = 0,
	.fields = activity_fields,
	.nfields = sizeof activity_fields / sizeof activity_fields[0],
};

/* ---------------------------------------------------------------------------
 * The monthly return
 */

#define DERIVED(k, z, e, u_zh, u_en) { .key = k, .zh = z, .en = e, .type = YG_T_COUNT, \
	.unit_zh = u_zh, .unit_en = u_en, .min = 0, .max = 10000000, .derived = true }

static const struct yg_field sentdown_fields[] = {
	DERIVED("postings_active", "本月在派人员", N_("Postings active"), "人", N_("persons")),
	/* Postings of the community's lead hospital, any mode (T2). */
	DERIVED("attending_coverage_days", "牵头医院主治及以上覆盖天数",
		N_("Days covered by lead-hospital attending or above"), "天", N_("days")),
	/* Not an upward key; T3 reads it: resident-mode lead-hospital
	 * attending-or-above doctors on the month's thinnest day. */
	DERIVED("attending_resident", "牵头医院主治及以上每天派驻", N_("Lead-hospital attending or "
		"above resident every day"), "人", N_("persons")),
	DERIVED("days_on_site", "在岗人日", N_("Days on site"), "人日", N_("person-days")),
	DERIVED("outpatient_visits", "门诊人次", N_("Outpatient visits"), "人次", N_("visits")),
	DERIVED("ward_rounds", "查房", N_("Ward rounds"), "次", N_("rounds")),
	DERIVED("operations", "手术", N_("Operations"), "台", N_("operations")),
	DERIVED("teaching_sessions", "讲学/带教", N_("Teaching sessions"), "次", N_("sessions")),
	DERIVED("consultations", "会诊", N_("Consultations"), "次", N_("consultations")),
};

/* Is r, held by the institution, a posting to it?  D4 keeps the two the
 * same; a record without a receiver belongs to its holder. */
static bool posted_to(const struct yg_record *r, const char *code, int64_t id)
{
	const char *recv = record_text(r, "receiving_org");
	return recv ? strcasecmp(recv, code) == 0 : r->org_id == id;
}

static int derive(yg_db *db, struct yg_sub *sub)
{
	yg_date first = yg_period_first_day(sub->period);
	yg_date last = yg_period_last_day(sub->period);
	int days = yg_period_days(sub->period);
	bool covered[31] = { false };
	int resident[31] = { 0 };
	int64_t active = 0;
	int64_t sums[sizeof activity_fields / sizeof activity_fields[0]] = { 0 };
	struct yg_record **v = NULL;
	size_t n = 0;
	/* T2 and T3 count the lead hospital of the institution's community. */
	char *lead = community_hospital(db, yg_org_community(db, sub->org.id), true);

	/* The institution's own roster, whoever looks (see check_orgs). */
	int rc = yg_record_list(db, &form_posting, sub->org.id, &v, &n);
	if (rc != YG_OK) {
		free(lead);
		return rc;
	}
	for (size_t i = 0; i < n; i++) {
		const struct yg_record *r = v[i];
		struct span s;
		if (!posted_to(r, sub->org.code, sub->org.id) || !record_span(r, &s))
			continue;
		yg_date lo = s.start > first ? s.start : first;
		yg_date hi = s.end < last ? s.end : last;
		if (lo > hi)
			continue;
		active++;
		if (sent_by(r, lead) && forms_title_attending(record_text(r, "title"))) {
			bool res = is_resident(r);
			for (yg_date d = lo; d <= hi; d++) {
				covered[d - first] = true;
				resident[d - first] += res;
			}
		}
		for (size_t k = 0; k < form_posting_activity.nfields; k++) {
			int64_t x = -1; /* -1: nothing recorded */
			rc = yg_activity_get(db, r->id, sub->period,
				form_posting_activity.fields[k].key, &x);
			if (rc != YG_OK)
				goto out;
			if (x > 0)
				sums[k] += x;
		}
	}
	rc = YG_OK;

	/* Resident all month: the fewest on any day, so two doctors handing
	 * over with no day between them keep one resident throughout. */
	int64_t coverage = 0, fewest = days ? resident[0] : 0;
	for (int d = 0; d < days; d++) {
		coverage += covered[d];
		if (resident[d] < fewest)
			fewest = resident[d];
	}
	forms_set_num(sub, "postings_active", active);
	forms_set_num(sub, "attending_coverage_days", coverage);
	forms_set_num(sub, "attending_resident", fewest);
	for (size_t k = 0; k < form_posting_activity.nfields; k++)
		forms_set_num(sub, form_posting_activity.fields[k].key, sums[k]);
out:
	free(lead);
	yg_record_list_free(v, n);
	return rc;
}

static void check_t2(const struct yg_check_ctx *ctx, const struct yg_rule *rule,
	struct yg_findings *out)
{
	int64_t covered = yg_ctx_num(ctx, "attending_coverage_days");
	if (covered < 0)
		return;
	int64_t days = yg_period_days(ctx->period);
	int64_t pct = forms_threshold(ctx, "T2", 100);
	bool met = forms_ratio_ge(covered, days, pct);
	struct yg_finding *f = yg_findings_add(out, rule->id, rule->severity,
		"attending_coverage_days",
		"Lead-hospital attending or above serving %1$" PRId64 " of %2$" PRId64
		" days; target ≥ %3$" PRId64 "%%", covered, days, pct);
	if (f) {
		f->met = met ? YG_MET : YG_MISSED;
		f->num = covered;
		f->den = days;
	}
}

/* Only key central township centres (重点中心乡镇卫生院) carry T3. */
static void check_t3(const struct yg_check_ctx *ctx, const struct yg_rule *rule,
	struct yg_findings *out)
{
	int64_t n = yg_ctx_num(ctx, "attending_resident");
	if (n < 0 || !ctx->org || !ctx->org->key_central)
		return;
	int64_t want = forms_threshold(ctx, "T3", 1);
	struct yg_finding *f = yg_findings_add(out, rule->id, rule->severity,
		"attending_resident",
		"Lead-hospital attending or above resident every day: %" PRId64
		" (the month's fewest); target ≥ %" PRId64, n, want);
	if (f) {
		f->met = n >= want ? YG_MET : YG_MISSED;
		f->num = n;
		f->den = 0;
	}
}

static const struct yg_rule sentdown_rules[] = {
	{ "T2", YG_SEV_TARGET, "004 西藏 二(四)",
	  "每个乡镇卫生院(社区卫生服务中心)每天至少有 1 名牵头医院主治及以上人员服务"
	  "(派驻、巡回、远程均可)",
	  N_("Every day at least one attending or above from the lead hospital serves the centre, "
	  "resident, on circuit or remotely (successive postings count)"),
	  check_t2 },
	{ "T3", YG_SEV_TARGET, "004 西藏 二(四)",
	  "重点中心乡镇卫生院每天至少有 1 名牵头医院主治及以上医师派驻",
	  N_("Key central township centres: at least one lead-hospital attending or above resident "
	  "every day (hand-overs count when the days join up)"), check_t3 },
};

const struct yg_form form_sentdown = {
	.key = "sentdown",
	.zh = "派驻医生",
	.en = N_("Doctors sent down"),
	.kinds = YG_KIND_BIT(YG_KIND_TOWNSHIP) | YG_KIND_BIT(YG_KIND_COMMUNITY_CENTRE),
	.fields = sentdown_fields,
	.nfields = sizeof sentdown_fields / sizeof sentdown_fields[0],
	.rules = sentdown_rules,
	.nrules = sizeof sentdown_rules / sizeof sentdown_rules[0],
	.derive = derive,
	.short_zh = "派驻",
	.short_en = N_("Sent"),
	/* Its derived fields count the postings. */
	.roster = &form_posting,
};

/* ---------------------------------------------------------------------------
 * T4, per medical community
 */

const struct yg_rule forms_rule_t4 = {
	"T4", YG_SEV_TARGET, "004 西藏 二(二)",
	"每个医共体至少 3 名帮扶城市三级医院的中级及以上专家全月驻守(医疗、药学、护理、管理)",
	N_("At least three experts (intermediate rank or above, any profession) resident all month "
	"from the community's supporting urban tertiary hospital"),
	NULL,
};

static bool received_within(yg_db *db, const struct yg_record *r, int64_t community_id)
{
	const char *code = record_text(r, "receiving_org");
	int64_t id = r->org_id;
	if (code) {
		struct yg_org o = { 0 };
		if (yg_org_get(db, code, &o) != YG_OK)
			return false;
		id = o.id;
		yg_org_clear(&o);
	}
	return yg_org_community(db, id) == community_id;
}

int forms_community_experts(yg_db *db, int64_t community_id, yg_period p, int64_t *out)
{
	yg_date first = yg_period_first_day(p), last = yg_period_last_day(p);
	struct yg_record **v = NULL;
	size_t n = 0;
	const char **seen = NULL;
	size_t nseen = 0;

	*out = 0;
	/* Only the hospital the community names (DESIGN §3.5); none: nobody. */
	char *support = community_hospital(db, community_id, false);
	if (!support)
		return YG_OK;
	int rc = yg_record_list(db, &form_posting, community_id, &v, &n);
	if (rc != YG_OK) {
		free(support);
		return rc;
	}
	if (n && !(seen = calloc(n, sizeof *seen))) {
		free(support);
		yg_record_list_free(v, n);
		return yg_fail(YG_ENOMEM, "out of memory");
	}
	for (size_t i = 0; i < n; i++) {
		const struct yg_record *r = v[i];
		const char *licence = record_text(r, "licence_no");
		struct span s;
		if (!licence || !record_span(r, &s) || s.start > first || s.end < last ||
		    !is_resident(r) || !forms_title_intermediate(record_text(r, "title")) ||
		    !sent_by(r, support))
			continue;
		bool dup = false;
		for (size_t k = 0; k < nseen && !dup; k++)
			dup = strcasecmp(seen[k], licence) == 0;
		if (dup || !received_within(db, r, community_id))
			continue;
		seen[nseen++] = licence;
	}
	*out = (int64_t)nseen;
	free(support);
	free(seen);
	yg_record_list_free(v, n);
	return YG_OK;
}

int forms_check_community(yg_db *db, int64_t community_id, yg_period p,
	struct yg_findings *out)
{
	struct yg_org c = { 0 };
	int64_t n;
	int rc = yg_org_get_id(db, community_id, &c);
	if (rc != YG_OK)
		return rc;
	/* Through the registry: a prefecture's database holds the figure its
	 * counties sent up, a county's computes it from its own roster. */
	const struct yg_community_figure *fig = yg_community_figure_find(
		"sentdown.tertiary_experts_resident", strlen("sentdown.tertiary_experts_resident"));
	rc = fig ? yg_community_figure_get(db, fig, community_id, p, &n)
		: forms_community_experts(db, community_id, p, &n);
	if (rc == YG_OK && n < 0)
		n = 0;
	if (rc != YG_OK) {
		yg_org_clear(&c);
		return rc;
	}
	const struct yg_rule *rule = &forms_rule_t4;
	int64_t want = 3;
	yg_target_at(db, "T4", c.tier, p, 3, &want);
	struct yg_finding *f;
	if (!c.supporting_code)
		f = yg_findings_add(out, rule->id, rule->severity, "tertiary_experts_resident",
			"%s names no supporting urban tertiary hospital: not applicable; "
			"target ≥ %" PRId64, c.name, want);
	else {
		/* The hospital by name: the code means nothing to a reader. */
		struct yg_org h = { 0 };
		yg_org_get(db, c.supporting_code, &h);
		f = yg_findings_add(out, rule->id, rule->severity, "tertiary_experts_resident",
			"%1$s: %3$" PRId64 " experts of intermediate rank or above from %2$s"
			" resident all month; target ≥ %4$" PRId64, c.name,
			h.name ? h.name : c.supporting_code, n, want);
		yg_org_clear(&h);
	}
	if (!f) {
		yg_org_clear(&c);
		return yg_fail(YG_ENOMEM, "out of memory");
	}
	f->met = !c.supporting_code ? YG_NA : n >= want ? YG_MET : YG_MISSED;
	f->num = n;
	f->den = 0;
	f->org_code = yg_strdup(c.code);
	yg_org_clear(&c);
	/* Only this finding: out may hold others' already. */
	struct yg_findings one = { .v = f, .n = 1, .cap = 1 };
	return yg_findings_in_force(db, &one, YG_TIER_NONE, p);
}
