/*
 * familydoc.c — 家庭医生签约与双向转诊 (DESIGN §3.3): the monthly signing
 * return of a primary institution, and the referral register whose records
 * give the return its referral counts.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "forms.h"

#define POP_MAX 10000000

#define POP(k, z, e, ind) { .key = k, .zh = z, .en = e, .type = YG_T_COUNT, \
	.unit_zh = "人", .unit_en = N_("persons"), .min = 0, .max = POP_MAX, \
	.required = true, .indent = ind }
/* Added in 0.2: optional, so a return of 0.1 (or a county still on it)
 * submits as it did. */
#define POP_NEW(k, z, e, ind) { .key = k, .zh = z, .en = e, .type = YG_T_COUNT, \
	.unit_zh = "人", .unit_en = N_("persons"), .min = 0, .max = POP_MAX, .indent = ind }
#define REFERRALS(k, z, e) { .key = k, .zh = z, .en = e, .type = YG_T_COUNT, \
	.unit_zh = "人次", .unit_en = N_("referrals"), .min = 0, .max = POP_MAX, .derived = true }

/*
 * Each "_signed" is an "of whom" of the population above it (rule F1).  The
 * key groups follow key_population, and F2–F4 find them by their place: the
 * fields after key_population_signed and before teams, in pairs.
 */
static const struct yg_field fields[] = {
	POP("residents", "常住人口", N_("Residents"), 0),
	POP("residents_signed", "常住人口已签约", N_("Residents signed"), 1),
	/* 履约 (000 item 25): F5 holds it to the signed, not to the residents. */
	POP_NEW("followed_up", "本月履约人数", N_("Signed residents served this month"), 1),
	POP("key_population", "重点人群(去重)", N_("Key population (deduplicated)"), 0),
	POP("key_population_signed", "重点人群已签约", N_("Key population signed"), 1),
	POP("elderly", "65岁及以上老年人", N_("Aged 65 and over"), 0),
	POP("elderly_signed", "老年人已签约", N_("Aged 65+ signed"), 1),
	POP("hypertension", "高血压患者", N_("Hypertension patients"), 0),
	POP("hypertension_signed", "高血压患者已签约", N_("Hypertension signed"), 1),
	POP("diabetes", "2型糖尿病患者", N_("Type-2 diabetes patients"), 0),
	POP("diabetes_signed", "糖尿病患者已签约", N_("Diabetes signed"), 1),
	POP("pregnant", "孕产妇", N_("Pregnant women"), 0),
	POP("pregnant_signed", "孕产妇已签约", N_("Pregnant women signed"), 1),
	POP("children", "0-6岁儿童", N_("Children 0-6"), 0),
	POP("children_signed", "儿童已签约", N_("Children signed"), 1),
	POP("disabled", "残疾人", N_("People with disabilities"), 0),
	POP("disabled_signed", "残疾人已签约", N_("People with disabilities signed"), 1),
	POP("poor", "建档立卡贫困人口", N_("Registered poor"), 0),
	POP("poor_signed", "贫困人口已签约", N_("Registered poor signed"), 1),
	POP_NEW("infectious", "重大传染病患者", N_("Major infectious disease patients"), 0),
	POP_NEW("infectious_signed", "传染病患者已签约", N_("Infectious disease patients signed"), 1),
	POP_NEW("hyperlipidaemia", "高血脂患者", N_("Hyperlipidaemia patients"), 0),
	POP_NEW("hyperlipidaemia_signed", "高血脂患者已签约", N_("Hyperlipidaemia signed"), 1),
	{ .key = "teams", .zh = "家庭医生团队", .en = N_("Family-doctor teams"), .type = YG_T_COUNT,
	  .unit_zh = "个", .unit_en = N_("teams"), .min = 0, .max = 100000, .required = true },
	{ .key = "specialists_in_teams", .zh = "团队中二三级医院专科医生",
	  .en = N_("Hospital specialists in teams"), .type = YG_T_COUNT, .unit_zh = "人",
	  .unit_en = N_("persons"), .min = 0, .max = 100000, .required = true },
	REFERRALS("referrals_up", "上转", N_("Referred up")),
	REFERRALS("referrals_down", "下转", N_("Referred down")),
	REFERRALS("referrals_in_community", "医共体内转诊", N_("Referrals within the community")),
	REFERRALS("referrals_reserved_used", "使用预留资源", N_("Referrals using reserved capacity")),
};

/* The key groups: [first, end) of the fields, populations at even offsets. */
static void groups(const struct yg_form *form, size_t *first, size_t *end)
{
	int a = yg_field_index(form, "key_population_signed");
	int b = yg_field_index(form, "teams");
	*first = a < 0 ? 0 : (size_t)a + 1;
	*end = b < 0 || (size_t)b < *first ? *first : (size_t)b;
}

static void check_groups_in_residents(const struct yg_check_ctx *ctx,
	const struct yg_rule *rule, struct yg_findings *out)
{
	size_t first, end;
	groups(ctx->form, &first, &end);
	forms_check_le(ctx, rule, out, "key_population", "residents");
	forms_check_le(ctx, rule, out, "key_population_signed", "residents_signed");
	for (size_t i = first; i < end; i++)
		forms_check_le(ctx, rule, out, ctx->form->fields[i].key,
			ctx->form->fields[i].indent ? "residents_signed" : "residents");
}

/*
 * The key population is deduplicated: one person in two groups counts once.
 * So it lies between the largest group and the sum of the groups; the same
 * holds for the signed.  Outside those bounds a group or the total is wrong,
 * unless the county counts a group we do not list: a warning, explained.
 */
static void key_bounds(const struct yg_check_ctx *ctx, const struct yg_rule *rule,
	struct yg_findings *out, bool upper)
{
	size_t first, end;
	groups(ctx->form, &first, &end);
	for (int sig = 0; sig < 2; sig++) {
		const char *total_key = sig ? "key_population_signed" : "key_population";
		int64_t total = yg_ctx_num(ctx, total_key), sum = 0, max = 0;
		const char *max_key = NULL;
		if (total < 0)
			continue;
		bool complete = true;
		for (size_t i = first; i < end; i++) {
			const struct yg_field *f = &ctx->form->fields[i];
			if ((f->indent != 0) != (sig != 0))
				continue;
			int64_t n = yg_ctx_num(ctx, f->key);
			/* An optional group left empty (0.2's) is one the county
			 * does not count, not a gap in the sum. */
			if (n < 0) {
				complete = complete && !f->required;
				continue;
			}
			sum += n;
			if (n > max || !max_key) {
				max = n;
				max_key = f->key;
			}
		}
		char *zh = NULL, *en = NULL;
		if (upper && complete && total > sum) {
			zh = yg_asprintf("%s %" PRId64 " 人,超过各重点人群合计 %" PRId64 " 人",
				forms_label_zh(ctx->form, total_key), total, sum);
			en = yg_asprintf("%s %" PRId64 " is more than the groups together, %"
				PRId64, forms_label_en(ctx->form, total_key), total, sum);
		} else if (!upper && max_key && total < max) {
			zh = yg_asprintf("%s %" PRId64 " 人,少于%s %" PRId64
				" 人(去重合计不应少于任一人群)",
				forms_label_zh(ctx->form, total_key), total,
				forms_label_zh(ctx->form, max_key), max);
			en = yg_asprintf("%s %" PRId64 " is less than %s %" PRId64
				" (a deduplicated total holds every group)",
				forms_label_en(ctx->form, total_key), total,
				forms_label_en(ctx->form, max_key), max);
		}
		if (zh && en)
			forms_add(out, rule, total_key, zh, en);
		free(zh);
		free(en);
	}
}

static void check_key_upper(const struct yg_check_ctx *ctx, const struct yg_rule *rule,
	struct yg_findings *out)
{
	key_bounds(ctx, rule, out, true);
}

static void check_key_lower(const struct yg_check_ctx *ctx, const struct yg_rule *rule,
	struct yg_findings *out)
{
	key_bounds(ctx, rule, out, false);
}

static void check_followed_up(const struct yg_check_ctx *ctx, const struct yg_rule *rule,
	struct yg_findings *out)
{
	forms_check_le(ctx, rule, out, "followed_up", "residents_signed");
}

static void check_t6(const struct yg_check_ctx *ctx, const struct yg_rule *rule,
	struct yg_findings *out)
{
	forms_ratio_target(ctx, rule, out, "residents_signed", "residents",
		forms_threshold(ctx, "T6R", 30), false, "常住人口签约率", N_("Residents signed"));
	forms_ratio_target(ctx, rule, out, "key_population_signed", "key_population",
		forms_threshold(ctx, "T6K", 60), false, "重点人群签约率", N_("Key population signed"));
}

static const struct yg_rule rules[] = {
	{ "F1", YG_SEV_ERROR, "DESIGN §3.3",
	  "签约人数不超过对应人口", N_("Signed at most the population"), forms_check_parts },
	{ "F2", YG_SEV_WARNING, "DESIGN §3.3",
	  "重点人群不超过常住人口(签约数不超过常住人口签约数)",
	  N_("Key groups at most the residents (signed at most residents signed)"),
	  check_groups_in_residents },
	{ "F3", YG_SEV_WARNING, "DESIGN §3.3",
	  "重点人群(去重)不超过各人群之和", N_("Key population at most the sum of its groups"),
	  check_key_upper },
	{ "F4", YG_SEV_WARNING, "DESIGN §3.3",
	  "重点人群(去重)不少于最大的人群", N_("Key population at least its largest group"),
	  check_key_lower },
	{ "F5", YG_SEV_ERROR, "DESIGN §3.5 / 000 25",
	  "履约人数不超过已签约人数", N_("Residents served at most residents signed"),
	  check_followed_up },
	{ "T6", YG_SEV_TARGET, "001 荆门 2017 一(一)",
	  "家庭医生签约覆盖常住人口 ≥ 30%,重点人群 ≥ 60%",
	  /* xgettext:no-c-format */ N_("Family-doctor signing: residents ≥ 30%, key populations ≥ 60%"), check_t6 },
};

/* ---------------------------------------------------------------------------
 * The referral register
 */

static const struct yg_choice directions[] = {
	{ "up", "上转", N_("up") },
	{ "down", "下转", N_("down") },
	{ NULL, NULL, NULL },
};

static const struct yg_choice statuses[] = {
	{ "pending", "待接收", N_("pending") },
	{ "accepted", "已接收", N_("accepted") },
	{ "completed", "已完成", N_("completed") },
	{ "refused", "已拒绝", N_("refused") },
	{ NULL, NULL, NULL },
};

static const struct yg_field referral_fields[] = {
	{ .key = "date", .zh = "转诊日期", .en = N_("Date"), .type = YG_T_DATE,
	  .min = 10957, .max = 47481, .required = true, .prefill = YG_PREFILL_TODAY },
	/* A pseudonym or local record number; R1 refuses national ID numbers. */
	{ .key = "patient_ref", .zh = "患者编号", .en = N_("Patient reference"), .type = YG_T_TEXT,
	  .min = 1, .max = 32, .required = true },
	{ .key = "direction", .zh = "方向", .en = N_("Direction"), .type = YG_T_CHOICE,
	  .required = true, .choices = directions },
	{ .key = "from_org", .zh = "转出机构", .en = N_("From"), .type = YG_T_ORG,
	  .min = 1, .max = 64, .required = true, .prefill = YG_PREFILL_OWN_ORG },
	{ .key = "to_org", .zh = "转入机构", .en = N_("To"), .type = YG_T_ORG,
	  .min = 1, .max = 64, .required = true },
	{ .key = "in_community", .zh = "医共体内", .en = N_("Within the community"),
	  .type = YG_T_BOOL, .required = true },
	{ .key = "diagnosis", .zh = "诊断(ICD-10)或原因", .en = N_("Diagnosis (ICD-10) or reason"),
	  .type = YG_T_TEXT, .min = 1, .max = 100, .required = true },
	{ .key = "by_family_doctor", .zh = "家庭医生转诊", .en = N_("By a family doctor"),
	  .type = YG_T_BOOL, .required = true },
	{ .key = "status", .zh = "状态", .en = N_("Status"), .type = YG_T_CHOICE,
	  .required = true, .choices = statuses },
	{ .key = "reserved_used", .zh = "使用预留资源", .en = N_("Reserved capacity used"),
	  .type = YG_T_BOOL, .required = true },
	/* 0.2: an upward referral leaving the county (县域外), against 县域内就诊;
	 * optional, so registers of 0.1 stay valid.  R6 keeps it to referrals up. */
	{ .key = "out_of_county", .zh = "转往县域外", .en = N_("Out of the county"),
	  .type = YG_T_BOOL },
};

static const char *ctx_text(const struct yg_check_ctx *ctx, const char *key)
{
	const struct yg_value *v = yg_ctx_value(ctx, key);
	return v && v->set && v->text && *v->text ? v->text : NULL;
}

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* Does s hold something shaped like a resident ID number (居民身份证号: 17
 * digits and a digit or X), alone or inside a longer reference?  Shape, not
 * checksum: a mistyped ID is still an ID. */
static bool has_national_id(const char *s)
{
	size_t run = 0;
	for (const char *p = s; *p; p++) {
		if (run >= 17 && (is_digit(*p) || *p == 'X' || *p == 'x'))
			return true;
		run = is_digit(*p) ? run + 1 : 0;
	}
	return false;
}

static void check_patient_ref(const struct yg_check_ctx *ctx, const struct yg_rule *rule,
	struct yg_findings *out)
{
	const char *ref = ctx_text(ctx, "patient_ref");
	if (ref && has_national_id(ref))
		/* The message never repeats the number. */
		yg_findings_add(out, rule->id, rule->severity, "patient_ref",
			"The patient reference looks like a national ID number: use a pseudonym "
			"or a local record number");
}

/* "I10", "E11.9", and the national clinical edition's "I10.x00x002": a
 * letter, two digits, optionally a dot and up to eight letters or digits. */
static bool icd10_code(const char *s)
{
	if (!((s[0] >= 'A' && s[0] <= 'Z') || (s[0] >= 'a' && s[0] <= 'z')) ||
	    !is_digit(s[1]) || !is_digit(s[2]))
		return false;
	if (s[3] == '\0')
		return true;
	if (s[3] != '.' || s[4] == '\0')
		return false;
	size_t n = 0;
	for (const char *p = s + 4; *p; p++, n++)
		if (!(is_digit(*p) || (*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z')))
			return false;
	return n <= 8;
}

/* A diagnosis is a code or words.  What is written like a code (ASCII
 * letters, digits and dots only, a letter then a digit) must be one. */
static void check_diagnosis(const struct yg_check_ctx *ctx, const struct yg_rule *rule,
	struct yg_findings *out)
{
	const char *d = ctx_text(ctx, "diagnosis");
	if (!d)
		return;
	bool codeish = ((d[0] >= 'A' && d[0] <= 'Z') || (d[0] >= 'a' && d[0] <= 'z')) &&
		is_digit(d[1]);
	for (const char *p = d; codeish && *p; p++)
		codeish = is_digit(*p) || *p == '.' || (*p >= 'A' && *p <= 'Z') ||
			(*p >= 'a' && *p <= 'z');
	if (codeish && !icd10_code(d))
		yg_findings_add(out, rule->id, rule->severity, "diagnosis",
			"Diagnosis \"%s\" is not an ICD-10 code (like I10, E11.9); or write the "
			"reason in words", d);
}

/*
 * The register is the primary institution's: it keeps the referrals it
 * sends up and those it receives down, and its monthly return counts what it
 * keeps.  A referral held anywhere else would count for nobody, or for one
 * reader and not another.
 */
static void check_ends(const struct yg_check_ctx *ctx, const struct yg_rule *rule,
	struct yg_findings *out)
{
	const char *from = ctx_text(ctx, "from_org"), *to = ctx_text(ctx, "to_org");
	const char *dir = ctx_text(ctx, "direction");
	struct yg_org o = { 0 };
	if (dir && ctx->org && ctx->org->code) {
		bool up = strcmp(dir, "up") == 0;
		const char *mine = up ? from : to;
		if (mine && strcasecmp(mine, ctx->org->code) != 0)
			yg_findings_add(out, rule->id, rule->severity, up ? "from_org" : "to_org",
				"The register is kept by the primary institution: the %4$s of a "
				"referral %3$s must be %5$s, not %6$s%1$.0s%2$.0s",
				up ? "上转" : "下转", up ? "转出机构" : "转入机构",
				up ? "up" : "down", up ? "sender" : "receiver",
				ctx->org->code, mine);
	}
	if (from && to && strcasecmp(from, to) == 0)
		yg_findings_add(out, rule->id, rule->severity, "to_org",
			"Referred from and to the same unit (%s)", from);
	const char *keys[] = { "from_org", "to_org" };
	const char *codes[] = { from, to };
	for (int i = 0; i < 2; i++) {
		if (!codes[i])
			continue;
		if (yg_org_get(ctx->db, codes[i], &o) != YG_OK)
			yg_findings_add(out, rule->id, rule->severity, keys[i],
				"%s is not a known unit", codes[i]);
		yg_org_clear(&o);
	}
}

/* Reserved slots, beds and exams wait at the upper hospitals (T7): only a
 * referral up can use one. */
static void check_reserved(const struct yg_check_ctx *ctx, const struct yg_rule *rule,
	struct yg_findings *out)
{
	const char *dir = ctx_text(ctx, "direction");
	if (yg_ctx_num(ctx, "reserved_used") == 1 && dir && strcmp(dir, "down") == 0)
		yg_findings_add(out, rule->id, rule->severity, "reserved_used",
			"A referral down cannot use reserved capacity of the upper hospital");
}

static void check_out_of_county(const struct yg_check_ctx *ctx, const struct yg_rule *rule,
	struct yg_findings *out)
{
	const char *dir = ctx_text(ctx, "direction");
	if (yg_ctx_num(ctx, "out_of_county") == 1 && dir && strcmp(dir, "down") == 0)
		yg_findings_add(out, rule->id, rule->severity, "out_of_county",
			"Only a referral up is marked as leaving the county");
}

static void check_date(const struct yg_check_ctx *ctx, const struct yg_rule *rule,
	struct yg_findings *out)
{
	int64_t d = yg_ctx_num(ctx, "date");
	yg_date today = yg_date_today();
	if (d < 0)
		return;
	char ds[11], ts[11];
	yg_date_format((yg_date)d, ds);
	yg_date_format(today, ts);
	if (d > today)
		yg_findings_add(out, rule->id, rule->severity, "date",
			"Referral date %s is after today %s", ds, ts);
	else if (d < 10957)
		yg_findings_add(out, rule->id, rule->severity, "date",
			"Referral date %s is before 2000%.0s",
			ds, ts);
}

static const struct yg_rule referral_rules[] = {
	{ "R1", YG_SEV_ERROR, "DESIGN §3.3",
	  "患者编号不得为身份证号", N_("No national ID number as patient reference"),
	  check_patient_ref },
	{ "R2", YG_SEV_ERROR, "DESIGN §3.3",
	  "诊断为 ICD-10 编码或文字原因", N_("Diagnosis is an ICD-10 code or words"),
	  check_diagnosis },
	{ "R3", YG_SEV_ERROR, "DESIGN §3.3",
	  "转出、转入为已登记的不同机构,且本机构为上转的转出方或下转的转入方",
	  N_("From and to are known, distinct units; the register's keeper sends up or receives down"),
	  check_ends },
	{ "R4", YG_SEV_ERROR, "DESIGN §3.3 / 004 二(六)",
	  "只有上转可使用预留资源", N_("Only a referral up uses reserved capacity"), check_reserved },
	{ "R5", YG_SEV_ERROR, "DESIGN §3.3",
	  "转诊日期不晚于今天", N_("The referral date is not in the future"), check_date },
	{ "R6", YG_SEV_ERROR, "DESIGN §3.5",
	  "只有上转可标注县域外", N_("Only a referral up leaves the county"), check_out_of_county },
};

/* A referral is registered at its primary end: the sender of a referral up,
 * the receiver of a referral down (R3). */
static const char *referral_owner(const struct yg_value *values)
{
	int dir = yg_field_index(&form_referral, "direction");
	int from = yg_field_index(&form_referral, "from_org");
	int to = yg_field_index(&form_referral, "to_org");
	if (dir < 0 || !values[dir].set || !values[dir].text)
		return NULL;
	int end = strcmp(values[dir].text, "up") == 0 ? from : to;
	return end >= 0 && values[end].set ? values[end].text : NULL;
}

const struct yg_form form_referral = {
	.key = "referral",
	.zh = "转诊登记",
	.en = N_("Referral"),
	.kinds = YG_KIND_BIT(YG_KIND_TOWNSHIP) | YG_KIND_BIT(YG_KIND_COMMUNITY_CENTRE),
	.fields = referral_fields,
	.nfields = sizeof referral_fields / sizeof referral_fields[0],
	.rules = referral_rules,
	.nrules = sizeof referral_rules / sizeof referral_rules[0],
	.is_record = true,
	.owner = referral_owner,
	.identity = (const char *const[]){ "patient_ref", "date", "from_org", "to_org", NULL },
	.home_key = 'r',
	.home_bar_zh = "转诊登记",
	.home_bar_en = N_("referrals"),
	.home_help_zh = "双向转诊登记",
	.home_help_en = N_("referral register"),
};

/* ---------------------------------------------------------------------------
 * The monthly counts from the register
 */

static const char *record_text(const struct yg_record *r, const char *key)
{
	const struct yg_value *v = yg_record_value(r, key);
	return v && v->set && v->text && *v->text ? v->text : NULL;
}

static bool record_flag(const struct yg_record *r, const char *key)
{
	const struct yg_value *v = yg_record_value(r, key);
	return v && v->set && v->num;
}

/*
 * A primary institution's referrals of the month, from its own register: up,
 * those it sent; down, those it received.  Refused referrals moved no patient
 * and are not counted.
 */
static int derive(yg_db *db, struct yg_sub *sub)
{
	yg_date first = yg_period_first_day(sub->period);
	yg_date last = yg_period_last_day(sub->period);
	int64_t up = 0, down = 0, inside = 0, reserved = 0;
	struct yg_record **v = NULL;
	size_t n = 0;

	int rc = yg_record_list(db, &form_referral, sub->org.id, &v, &n);
	if (rc != YG_OK)
		return rc;
	for (size_t i = 0; i < n; i++) {
		const struct yg_record *r = v[i];
		yg_date d = forms_record_date(r, "date", INT32_MIN);
		const char *dir = record_text(r, "direction");
		const char *status = record_text(r, "status");
		if (d < first || d > last || !dir || (status && strcmp(status, "refused") == 0))
			continue;
		const char *end = record_text(r, strcmp(dir, "up") == 0 ? "from_org" : "to_org");
		if (!end || strcasecmp(end, sub->org.code) != 0)
			continue;
		if (strcmp(dir, "up") == 0)
			up++;
		else
			down++;
		inside += record_flag(r, "in_community");
		reserved += record_flag(r, "reserved_used");
	}
	forms_set_num(sub, "referrals_up", up);
	forms_set_num(sub, "referrals_down", down);
	forms_set_num(sub, "referrals_in_community", inside);
	forms_set_num(sub, "referrals_reserved_used", reserved);
	yg_record_list_free(v, n);
	return YG_OK;
}

const struct yg_form form_familydoc = {
	.key = "familydoc",
	.zh = "家庭医生与转诊",
	.en = N_("Family doctors and referrals"),
	.kinds = YG_KIND_BIT(YG_KIND_TOWNSHIP) | YG_KIND_BIT(YG_KIND_COMMUNITY_CENTRE),
	.fields = fields,
	.nfields = sizeof fields / sizeof fields[0],
	.rules = rules,
	.nrules = sizeof rules / sizeof rules[0],
	.derive = derive,
	.short_zh = "家医",
	.short_en = N_("FamDoc"),
	/* Its referral counts come from the register. */
	.roster = &form_referral,
};
