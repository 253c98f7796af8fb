/*
 * check_forms.c — the form specs, their checks and targets T1–T13, against a
 * real database: every threshold at, just below and just above for each tier
 * it applies to, "not applicable" when the denominator is 0, the posting
 * targets across month boundaries, and a save/reload round trip of every
 * field of every form.
 */
#include <check.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "forms.h"
#include "testlib.h"

#define NONE (-2) /* no finding at all */

static yg_db *db;

/* ---------------------------------------------------------------------------
 * The county of the tests: testlib's, and three more units.
 *
 *   C county
 *   +- M1 community                  +- M2 community
 *   |  +- H1 hospital, secondary     |  +- H2 hospital, secondary
 *   |  +- HX hospital, tertiary      |  +- T3 township
 *   |  +- T1 township (key central)  |  +- S1 community centre
 *   |  +- T2 township                +- U1 hospital, tertiary (urban)
 *   |  +- CC1 community centre       +- U2 hospital, tertiary (urban)
 *
 * Returns are filled in by the clerk of the institution, records by the
 * county's admin, as in life: a figure derived under the clerk's narrow
 * scope must still be right.
 */

static void add_org(const char *code, const char *kind, const char *tier, const char *parent)
{
	struct yg_org o = {
		.code = (char *)code, .name = (char *)code, .kind = yg_kind_parse(kind),
		.tier = yg_tier_parse(tier), .parent_code = (char *)parent,
	};
	ck_assert_msg(yg_org_put(db, &o, NULL) == YG_OK, "%s: %s", code, yg_errmsg());
}

static void sql(const char *text);
static int says(const char *form, const char *org, const char *const *kv, const char *rule,
	const char *field);

static void setup(void)
{
	forms_register_all();
	yg_set_lang(YG_EN);
	db = tl_db_new();
	add_org("CC1", "community_centre", "primary", "M1");
	add_org("HX", "hospital", "tertiary", "M1");
	add_org("U2", "hospital", "tertiary", "C");
	/* The formulas are tested in any month; test_targets_from_their_month
	 * restores the seeds' dates. */
	sql("UPDATE target SET valid_from = 0");
	ck_assert_int_eq(yg_user_put(db, "clkcc1", YG_ROLE_CLERK, "CC1"), YG_OK);
	ck_assert_int_eq(yg_user_put(db, "clku1", YG_ROLE_CLERK, "U1"), YG_OK);
}

static void teardown(void)
{
	tl_db_free(db);
	db = NULL;
}

static void as_admin(void)
{
	tl_login(db, "adm");
}

static void as_clerk_of(const char *org)
{
	static const char *const clerks[][2] = {
		{ "T1", "clk1" }, { "T2", "clk2" }, { "T3", "clk3" }, { "H1", "clkh1" },
		{ "CC1", "clkcc1" }, { "U1", "clku1" },
	};
	for (size_t i = 0; i < sizeof clerks / sizeof clerks[0]; i++)
		if (strcmp(clerks[i][0], org) == 0) {
			tl_login(db, clerks[i][1]);
			return;
		}
	ck_abort_msg("no clerk for %s", org);
}

static int64_t org_id(const char *code)
{
	struct yg_org o = { 0 };
	ck_assert_msg(yg_org_get(db, code, &o) == YG_OK, "%s", code);
	int64_t id = o.id;
	yg_org_clear(&o);
	return id;
}

/* Changes the reference table behind the core's back, as a county editing
 * data/targets.csv would. */
static void sql(const char *text)
{
	sqlite3 *s;
	char *err = NULL;
	ck_assert_int_eq(sqlite3_open(tl_db_path(), &s), SQLITE_OK);
	sqlite3_busy_timeout(s, 2000);
	ck_assert_msg(sqlite3_exec(s, text, NULL, NULL, &err) == SQLITE_OK, "%s", err);
	sqlite3_close(s);
}

static yg_period per(const char *s)
{
	yg_period p;
	ck_assert_int_eq(yg_period_parse(s, &p), YG_OK);
	return p;
}

static yg_date day(const char *s)
{
	yg_date d;
	ck_assert_int_eq(yg_date_parse(s, &d), YG_OK);
	return d;
}

/* ---------------------------------------------------------------------------
 * Returns and their findings
 */

#define KV(...) ((const char *const[]){ __VA_ARGS__, NULL })

static struct yg_sub *sub_with(const char *form, const char *org, const char *period,
	const char *const *kv)
{
	struct yg_sub *s = NULL;
	as_clerk_of(org);
	ck_assert_msg(yg_sub_load(db, form, org, per(period), &s) == YG_OK, "%s %s: %s",
		form, org, yg_errmsg());
	for (; kv && kv[0]; kv += 2)
		ck_assert_msg(yg_sub_set(s, kv[0], kv[1]) == YG_OK, "%s=%s: %s", kv[0], kv[1],
			yg_errmsg());
	return s;
}

static const struct yg_finding *find(const struct yg_findings *f, const char *rule,
	const char *field)
{
	for (size_t i = 0; i < f->n; i++)
		if (strcmp(f->v[i].rule, rule) == 0 &&
		    (!field || (f->v[i].field && strcmp(f->v[i].field, field) == 0)))
			return &f->v[i];
	return NULL;
}

/* The verdict of rule (about field, if given) on a return holding kv:
 * YG_MET, YG_MISSED, YG_NA for a target, YG_MISSED for an error or
 * warning that fired, NONE when nothing was said. */
static int verdict(const char *form, const char *org, const char *period,
	const char *const *kv, const char *rule, const char *field)
{
	struct yg_sub *s = sub_with(form, org, period, kv);
	struct yg_findings f;
	yg_findings_init(&f);
	ck_assert_int_eq(yg_sub_check(db, s, &f), YG_OK);
	const struct yg_finding *x = find(&f, rule, field);
	int v = x ? (int)x->met : NONE;
	if (x && x->severity == YG_SEV_TARGET && x->met != YG_NA)
		ck_assert_msg(x->zh && x->en && *x->zh && *x->en, "%s: message", rule);
	yg_findings_free(&f);
	yg_sub_free(s);
	return v;
}

/* ---------------------------------------------------------------------------
 * Ratio targets: at, just below and just above the threshold, for every
 * tier a target applies to.
 */

struct ratio_case {
	const char *form, *org, *rule;
	const char *num_key, *den_key;
	const char *den;                       /* denominator as typed */
	const char *at, *below, *above;        /* numerators */
};

static void ratio(const struct ratio_case *c)
{
	const char *const nums[] = { c->at, c->below, c->above };
	const int want[] = { YG_MET, YG_MISSED, YG_MET };
	for (int i = 0; i < 3; i++) {
		if (!nums[i])
			continue;
		int v = verdict(c->form, c->org, "2026-03",
			KV(c->num_key, nums[i], c->den_key, c->den), c->rule, c->num_key);
		ck_assert_msg(v == want[i], "%s %s %s/%s: got %d, want %d", c->rule, c->org,
			nums[i], c->den, v, want[i]);
	}
	/* Denominator 0: not applicable, never a division. */
	int v = verdict(c->form, c->org, "2026-03", KV(c->num_key, "0", c->den_key, "0"),
		c->rule, c->num_key);
	ck_assert_msg(v == YG_NA, "%s %s 0/0: got %d", c->rule, c->org, v);
	/* Either figure missing: the rule keeps quiet. */
	v = verdict(c->form, c->org, "2026-03", KV(c->den_key, c->den), c->rule, c->num_key);
	ck_assert_msg(v == NONE, "%s %s with no numerator: got %d", c->rule, c->org, v);
}

static const struct ratio_case ratio_cases[] = {
	/* T6: primary institutions */
	{ "familydoc", "T1", "T6", "residents_signed", "residents", "1000", "300", "299", "301" },
	{ "familydoc", "CC1", "T6", "residents_signed", "residents", "1000", "300", "299", "301" },
	{ "familydoc", "T1", "T6", "key_population_signed", "key_population", "1000",
	  "600", "599", "601" },
	{ "familydoc", "CC1", "T6", "key_population_signed", "key_population", "1000",
	  "600", "599", "601" },
	/* T7: hospitals, secondary and tertiary */
	{ "capacity", "H1", "T7", "expert_slots_reserved", "expert_slots", "1000", "200", "199",
	  "201" },
	{ "capacity", "H1", "T7", "beds_reserved", "beds", "1000", "200", "199", "201" },
	{ "capacity", "H1", "T7", "exams_reserved", "exams", "1000", "200", "199", "201" },
	{ "capacity", "U1", "T7", "expert_slots_reserved", "expert_slots", "1000", "200", "199",
	  "201" },
	{ "capacity", "U1", "T7", "beds_reserved", "beds", "1000", "200", "199", "201" },
	{ "capacity", "U1", "T7", "exams_reserved", "exams", "1000", "200", "199", "201" },
	/* T8: 80 / 60 / 30 */
	{ "procurement", "T1", "T8", "essential_varieties", "drug_varieties", "1000", "800", "799",
	  "801" },
	{ "procurement", "CC1", "T8", "essential_varieties", "drug_varieties", "1000", "800", "799",
	  "801" },
	{ "procurement", "H1", "T8", "essential_varieties", "drug_varieties", "1000", "600", "599",
	  "601" },
	{ "procurement", "U1", "T8", "essential_varieties", "drug_varieties", "1000", "300", "299",
	  "301" },
	/* T9: 100 / 95 / 95 — above 100 % is P1's business, the ratio is met */
	{ "procurement", "T1", "T9", "online_amount", "drug_amount", "1000.00", "1000", "999.99",
	  "1000.01" },
	{ "procurement", "H1", "T9", "online_amount", "drug_amount", "1000", "950", "949.99",
	  "950.01" },
	{ "procurement", "U1", "T9", "online_amount", "drug_amount", "1000", "950", "949.99",
	  "950.01" },
	/* T10: secondary and tertiary */
	{ "procurement", "H1", "T10", "consumables_online_amount", "consumables_amount", "1000",
	  "950", "949.99", "950.01" },
	{ "procurement", "U1", "T10", "consumables_online_amount", "consumables_amount", "1000",
	  "950", "949.99", "950.01" },
	/* T11: every tier */
	{ "procurement", "T1", "T11", "orders_on_time", "orders", "1000", "900", "899", "901" },
	{ "procurement", "H1", "T11", "orders_on_time", "orders", "1000", "900", "899", "901" },
	{ "procurement", "U1", "T11", "orders_on_time", "orders", "1000", "900", "899", "901" },
};

START_TEST(test_ratio_targets)
{
	ratio(&ratio_cases[_i]);
}
END_TEST

START_TEST(test_ratio_finding_figures)
{
	struct yg_sub *s = sub_with("procurement", "T1", "2026-03",
		KV("drug_varieties", "125", "essential_varieties", "90"));
	struct yg_findings f;
	yg_findings_init(&f);
	yg_sub_check(db, s, &f);
	const struct yg_finding *x = find(&f, "T8", "essential_varieties");
	ck_assert_ptr_nonnull(x);
	ck_assert_int_eq(x->severity, YG_SEV_TARGET);
	ck_assert_int_eq(x->met, YG_MISSED);
	ck_assert_int_eq(x->num, 90);
	ck_assert_int_eq(x->den, 125);
	/* The figure and the threshold, in both languages. */
	ck_assert_msg(strstr(x->zh, "72.0%") && strstr(x->zh, "80%") && strstr(x->zh, "基层"),
		"%s", x->zh);
	ck_assert_msg(strstr(x->en, "72.0%") && strstr(x->en, "80%") && strstr(x->en, "primary"),
		"%s", x->en);
	yg_findings_free(&f);
	yg_sub_free(s);

	/* Rounded half up to one decimal, but a miss never reads as its
	 * threshold: two decimals where one would collide, and cut down where
	 * even two would (DESIGN §3.5). */
	static const struct { const char *n, *d, *shown; int met; } cases[] = {
		{ "7994", "10000", "79.9%", YG_MISSED },
		{ "7995", "10000", "79.95%", YG_MISSED },   /* 80.0 would collide */
		{ "1999", "2500", "79.96%", YG_MISSED },
		{ "19999", "25000", "79.99%", YG_MISSED },  /* 79.996: 80.00 would too */
		{ "2000", "2500", "80.0%", YG_MET },
		{ "8005", "10000", "80.1%", YG_MET },        /* 80.05 up */
		{ "8004", "10000", "80.0%", YG_MET },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		s = sub_with("procurement", "T1", "2026-03",
			KV("drug_varieties", cases[i].d, "essential_varieties", cases[i].n));
		yg_findings_init(&f);
		yg_sub_check(db, s, &f);
		x = find(&f, "T8", NULL);
		ck_assert_int_eq(x->met, cases[i].met);
		char want[48];
		snprintf(want, sizeof want, "varieties %s (", cases[i].shown);
		ck_assert_msg(strstr(x->en, want), "%s/%s: %s", cases[i].n, cases[i].d, x->en);
		yg_findings_free(&f);
		yg_sub_free(s);
	}
}
END_TEST

START_TEST(test_t10_not_for_primary)
{
	const char *const *kv = KV("consumables_amount", "1000", "consumables_online_amount", "10");
	ck_assert_int_eq(verdict("procurement", "T1", "2026-03", kv, "T10", NULL), NONE);
	ck_assert_int_eq(verdict("procurement", "CC1", "2026-03", kv, "T10", NULL), NONE);
	ck_assert_int_eq(verdict("procurement", "H1", "2026-03", kv, "T10", NULL), YG_MISSED);
	/* A county that extends it to primary adds a row, not code. */
	sql("INSERT INTO target(id, tier, threshold, unit, source)"
		" VALUES('T10', 'primary', 1, 'percent', 'county')");
	ck_assert_int_eq(verdict("procurement", "T1", "2026-03", kv, "T10", NULL), YG_MET);
}
END_TEST

START_TEST(test_thresholds_are_data)
{
	const char *const *kv = KV("drug_varieties", "100", "essential_varieties", "75");
	ck_assert_int_eq(verdict("procurement", "T1", "2026-03", kv, "T8", NULL), YG_MISSED);
	ck_assert_int_eq(verdict("procurement", "H1", "2026-03", kv, "T8", NULL), YG_MET);
	sql("UPDATE target SET threshold = 70 WHERE id = 'T8' AND tier = 'primary'");
	ck_assert_int_eq(verdict("procurement", "T1", "2026-03", kv, "T8", NULL), YG_MET);
	sql("UPDATE target SET threshold = 2 WHERE id = 'T1'");
	ck_assert_int_eq(verdict("staffing", "T1", "2026-03",
		KV("public_health_physicians", "1"), "T1", NULL), YG_MISSED);
	/* T12's threshold is the days that make a settlement late: it names
	 * them in the message; the verdict counts the late ones. */
	sql("UPDATE target SET threshold = 25 WHERE id = 'T12'");
	ck_assert(says("procurement", "T1", KV("payments", "3", "payments_late", "1"), "T12",
		"payments_late"));
}
END_TEST

/* ---------------------------------------------------------------------------
 * Count and day targets
 */

START_TEST(test_t1)
{
	const char *orgs[] = { "T1", "T2", "CC1" };
	for (int i = 0; i < 3; i++) {
		ck_assert_int_eq(verdict("staffing", orgs[i], "2026-03",
			KV("public_health_physicians", "1"), "T1", NULL), YG_MET);
		ck_assert_int_eq(verdict("staffing", orgs[i], "2026-03",
			KV("public_health_physicians", "0"), "T1", NULL), YG_MISSED);
		ck_assert_int_eq(verdict("staffing", orgs[i], "2026-03",
			KV("public_health_physicians", "2"), "T1", NULL), YG_MET);
		ck_assert_int_eq(verdict("staffing", orgs[i], "2026-03", NULL, "T1", NULL), NONE);
	}
	/* A target: it never blocks a true return. */
	struct yg_sub *s = sub_with("staffing", "T1", "2026-03",
		KV("public_health_physicians", "0"));
	struct yg_findings f;
	yg_findings_init(&f);
	yg_sub_check(db, s, &f);
	const struct yg_finding *x = find(&f, "T1", NULL);
	ck_assert_int_eq(x->severity, YG_SEV_TARGET);
	ck_assert_msg(strstr(x->en, "0") && strstr(x->en, "≥ 1"), "%s", x->en);
	ck_assert_msg(strstr(x->zh, "公共卫生医师 0") && strstr(x->zh, "≥ 1"), "%s", x->zh);
	yg_findings_free(&f);
	yg_sub_free(s);
}
END_TEST

/* T12 (001 一(五) 货款结算周期原则上不超过30天): one late settlement misses
 * it, whatever the average; no settlement is not applicable. */
START_TEST(test_t12)
{
	const char *orgs[] = { "T1", "H1", "U1" };
	for (int i = 0; i < 3; i++) {
		ck_assert_int_eq(verdict("procurement", orgs[i], "2026-03",
			KV("payments", "40", "payments_late", "0"), "T12", NULL), YG_MET);
		ck_assert_int_eq(verdict("procurement", orgs[i], "2026-03",
			KV("payments", "40", "payments_late", "1", "payment_days", "12"), "T12",
			NULL), YG_MISSED);
		ck_assert_int_eq(verdict("procurement", orgs[i], "2026-03",
			KV("payments", "0", "payments_late", "0"), "T12", NULL), YG_NA);
		/* The average days are information only. */
		ck_assert_int_eq(verdict("procurement", orgs[i], "2026-03",
			KV("payments", "1", "payments_late", "0", "payment_days", "45"), "T12",
			NULL), YG_MET);
		/* A return of 0.1 without the counts: no verdict, no error. */
		ck_assert_int_eq(verdict("procurement", orgs[i], "2026-03",
			KV("payment_days", "30.01"), "T12", NULL), NONE);
	}
	/* Late settlements are part of the settlements (P1). */
	ck_assert(says("procurement", "T1", KV("payments", "2", "payments_late", "3"), "P1",
		"payments_late"));
}
END_TEST

static int pace(const char *org, const char *period, const char *bought, const char *contracted)
{
	return verdict("procurement", org, period,
		KV("vbp_purchased", bought, "vbp_contracted", contracted), "T13", NULL);
}

START_TEST(test_t13_pace)
{
	const char *orgs[] = { "T1", "H1", "U1" };
	for (int i = 0; i < 3; i++) {
		/* Contract year from January: March needs 3/12. */
		ck_assert_int_eq(pace(orgs[i], "2026-03", "300", "1200"), YG_MET);
		ck_assert_int_eq(pace(orgs[i], "2026-03", "299", "1200"), YG_MISSED);
		ck_assert_int_eq(pace(orgs[i], "2026-03", "301", "1200"), YG_MET);
		ck_assert_int_eq(pace(orgs[i], "2026-01", "100", "1200"), YG_MET);
		ck_assert_int_eq(pace(orgs[i], "2026-12", "1199", "1200"), YG_MISSED);
		ck_assert_int_eq(pace(orgs[i], "2026-12", "1200", "1200"), YG_MET);
		ck_assert_int_eq(pace(orgs[i], "2026-03", "0", "0"), YG_NA);
	}
	/* From July: March is the ninth month, July the first. */
	as_admin();
	ck_assert_int_eq(yg_setting_set_int(db, YG_SET_CONTRACT_START, 7), YG_OK);
	ck_assert_int_eq(pace("T1", "2026-03", "900", "1200"), YG_MET);
	ck_assert_int_eq(pace("T1", "2026-03", "899", "1200"), YG_MISSED);
	ck_assert_int_eq(pace("T1", "2026-03", "901", "1200"), YG_MET);
	ck_assert_int_eq(pace("T1", "2026-07", "100", "1200"), YG_MET);
	ck_assert_int_eq(pace("T1", "2026-07", "99", "1200"), YG_MISSED);
	ck_assert_int_eq(pace("T1", "2026-06", "1199", "1200"), YG_MISSED);
	ck_assert_int_eq(pace("T1", "2026-06", "1200", "1200"), YG_MET);

	struct yg_sub *s = sub_with("procurement", "T1", "2026-03",
		KV("vbp_purchased", "600", "vbp_contracted", "1200"));
	struct yg_findings f;
	yg_findings_init(&f);
	yg_sub_check(db, s, &f);
	const struct yg_finding *x = find(&f, "T13", NULL);
	ck_assert_int_eq(x->met, YG_MISSED);
	ck_assert_int_eq(x->num, 600);
	ck_assert_int_eq(x->den, 1200);
	ck_assert_msg(strstr(x->en, "50.0%") && strstr(x->en, "75.0%") && strstr(x->en, "9/12"),
		"%s", x->en);
	yg_findings_free(&f);
	yg_sub_free(s);

	/* The eleventh month (May, the year starting in July) needs 11/12 =
	 * 91.67 %: 91.66 % is missed and says so. */
	static const struct { const char *bought, *done, *due; int met; } nov[] = {
		{ "1100", "91.7%", "91.7%", YG_MET },
		{ "1099", "91.6%", "91.7%", YG_MISSED },
		{ "10999", "91.66%", "91.67%", YG_MISSED },
	};
	for (size_t i = 0; i < sizeof nov / sizeof nov[0]; i++) {
		s = sub_with("procurement", "T1", "2026-05", KV("vbp_purchased", nov[i].bought,
			"vbp_contracted", i == 2 ? "12000" : "1200"));
		yg_findings_init(&f);
		yg_sub_check(db, s, &f);
		x = find(&f, "T13", NULL);
		ck_assert_int_eq(x->met, nov[i].met);
		char want[80];
		snprintf(want, sizeof want, "%s done", nov[i].done);
		ck_assert_msg(strstr(x->en, want), "%s", x->en);
		snprintf(want, sizeof want, "needs %s", nov[i].due);
		ck_assert_msg(strstr(x->en, want), "%s", x->en);
		yg_findings_free(&f);
		yg_sub_free(s);
	}
}
END_TEST

/* ---------------------------------------------------------------------------
 * Errors and warnings of the forms
 */

static int says(const char *form, const char *org, const char *const *kv, const char *rule,
	const char *field)
{
	return verdict(form, org, "2026-03", kv, rule, field) != NONE;
}

START_TEST(test_staffing_checks)
{
	/* S1: each "of whom" at most its total; equal is fine. */
	ck_assert(!says("staffing", "T1", KV("staff_on_post", "40", "registered_nurses", "40"),
		"S1", NULL));
	ck_assert(says("staffing", "T1", KV("staff_on_post", "40", "registered_nurses", "41"),
		"S1", "registered_nurses"));
	ck_assert(!says("staffing", "T1", KV("staff_on_post", "40", "registered_nurses", "39"),
		"S1", NULL));
	ck_assert(says("staffing", "T1",
		KV("staff_on_post", "40", "public_health_physicians", "41"),
		"S1", "public_health_physicians"));
	const char *vd[] = { "village_doctors_licensed", "village_doctors_pension" };
	/* Seed 003 二: the under-45s are counted among the licensed. */
	ck_assert(!says("staffing", "T1", KV("village_doctors", "12", "village_doctors_licensed",
		"8", "village_doctors_under45", "8"), "S1", NULL));
	ck_assert(says("staffing", "T1", KV("village_doctors", "12", "village_doctors_licensed",
		"8", "village_doctors_under45", "9"), "S1", "village_doctors_under45"));
	for (int i = 0; i < 2; i++) {
		ck_assert(!says("staffing", "T1", KV("village_doctors", "12", vd[i], "12"), "S1",
			NULL));
		ck_assert(says("staffing", "T1", KV("village_doctors", "12", vd[i], "13"), "S1",
			vd[i]));
		/* Village doctors are not staff on post. */
		ck_assert(!says("staffing", "T1", KV("staff_on_post", "1", "village_doctors", "12",
			vd[i], "5"), "S1", NULL));
	}
	/* S2: disjoint professions together at most staff on post. */
	const char *const *prof = KV("staff_on_post", "40", "licensed_physicians", "10",
		"assistant_physicians", "5", "registered_nurses", "15", "pharmacists", "5",
		"technicians", "5");
	ck_assert(!says("staffing", "T1", prof, "S2", NULL));
	ck_assert(says("staffing", "T1", KV("staff_on_post", "39", "licensed_physicians", "10",
		"assistant_physicians", "5", "registered_nurses", "15", "pharmacists", "5",
		"technicians", "5"), "S2", NULL));
	/* S3: GPs at most licensed + assistant physicians. */
	ck_assert(!says("staffing", "T1", KV("licensed_physicians", "3",
		"assistant_physicians", "2", "general_practitioners", "5"), "S3", NULL));
	ck_assert(says("staffing", "T1", KV("licensed_physicians", "3", "assistant_physicians", "2",
		"general_practitioners", "6"), "S3", "general_practitioners"));
	/* S4: public-health and TCM categories (warning). */
	ck_assert(!says("staffing", "T1", KV("licensed_physicians", "3",
		"assistant_physicians", "2", "public_health_physicians", "2",
		"tcm_physicians", "3"), "S4", NULL));
	ck_assert(says("staffing", "T1", KV("licensed_physicians", "3", "assistant_physicians", "2",
		"public_health_physicians", "3", "tcm_physicians", "3"), "S4", NULL));
	/* S5: above the authorised posts is a warning; at them is not. */
	ck_assert(!says("staffing", "T1", KV("authorised_posts", "42", "staff_on_post", "42"),
		"S5", NULL));
	ck_assert(says("staffing", "T1", KV("authorised_posts", "42", "staff_on_post", "43"),
		"S5", "staff_on_post"));
	ck_assert(!says("staffing", "T1", KV("authorised_posts", "42", "staff_on_post", "41"),
		"S5", NULL));
	/* Empty fields: silence (the core's REQ says what is missing). */
	ck_assert(!says("staffing", "T1", KV("registered_nurses", "41"), "S1", NULL));
	ck_assert(!says("staffing", "T1", KV("staff_on_post", "43"), "S5", NULL));
}
END_TEST

START_TEST(test_staffing_warning_needs_explanation)
{
	const char *const *kv = KV("authorised_posts", "42", "staff_on_post", "45",
		"licensed_physicians", "9", "assistant_physicians", "4",
		"general_practitioners", "3",
		"public_health_physicians", "1", "tcm_physicians", "2", "registered_nurses", "15",
		"pharmacists", "3", "technicians", "4", "hires", "1", "departures", "0",
		"village_doctors", "20", "village_doctors_licensed", "8",
		"village_doctors_under45", "6",
		"village_doctors_pension", "20");
	struct yg_sub *s = sub_with("staffing", "T1", "2026-03", kv);
	struct yg_findings f;
	yg_findings_init(&f);
	ck_assert_int_eq(yg_sub_submit(db, s, &f), YG_EINVAL);
	ck_assert_ptr_nonnull(find(&f, "S5", NULL));
	ck_assert_int_eq(yg_findings_count(&f, YG_SEV_ERROR), 0);
	yg_findings_free(&f);
	ck_assert_int_eq(yg_sub_explain(s, "S5", "3 temporary staff for the flu season"), YG_OK);
	yg_findings_init(&f);
	ck_assert_msg(yg_sub_submit(db, s, &f) == YG_OK, "%s", yg_errmsg());
	yg_findings_free(&f);
	yg_sub_free(s);

	/* T1 missed (no public-health physician) does not block either. */
	s = sub_with("staffing", "T2", "2026-03", kv);
	ck_assert_int_eq(yg_sub_set(s, "public_health_physicians", "0"), YG_OK);
	ck_assert_int_eq(yg_sub_set(s, "staff_on_post", "42"), YG_OK);
	yg_findings_init(&f);
	ck_assert_msg(yg_sub_submit(db, s, &f) == YG_OK, "%s", yg_errmsg());
	ck_assert_int_eq(find(&f, "T1", NULL)->met, YG_MISSED);
	yg_findings_free(&f);
	yg_sub_free(s);
}
END_TEST

/* Outliers against the institution's own approved history (O1: median ±
 * 3 MAD, with a floor), a snapshot's jump from last month (O2) and an
 * admin's min-max (O3): warnings that need an explanation, on the field. */
START_TEST(test_outliers)
{
	const char *const *kv = KV("authorised_posts", "64", "staff_on_post", "60",
		"licensed_physicians", "13", "assistant_physicians", "3",
		"general_practitioners", "5",
		"public_health_physicians", "2", "tcm_physicians", "2", "registered_nurses", "19",
		"pharmacists", "2", "technicians", "5", "hires", "0", "departures", "0",
		"village_doctors", "28", "village_doctors_licensed", "8",
		"village_doctors_under45", "6", "village_doctors_pension", "23");
	static const char *const nurses[] = { "18", "19", "20", "19", "18", "19", "20", "19" };
	struct yg_findings f;
	struct yg_sub *s;
	char per_s[8];
	const struct yg_finding *x;

	/* Eight approved months, 2025-06 to 2026-01. */
	for (int m = 0; m < 8; m++) {
		yg_period_format(yg_period_add(per("2025-06"), m), per_s);
		s = sub_with("staffing", "T1", per_s, kv);
		ck_assert_int_eq(yg_sub_set(s, "registered_nurses", nurses[m]), YG_OK);
		yg_findings_init(&f);
		ck_assert_msg(yg_sub_submit(db, s, &f) == YG_OK, "%s %s", per_s, yg_errmsg());
		yg_findings_free(&f);
		tl_login(db, "rev1");
		ck_assert_int_eq(yg_sub_approve(db, s->id, s->version), YG_OK);
		yg_sub_free(s);
	}

	/* February as usual: nothing to say. */
	s = sub_with("staffing", "T1", "2026-02", kv);
	yg_findings_init(&f);
	yg_sub_check(db, s, &f);
	ck_assert_ptr_null(find(&f, "O1", NULL));
	ck_assert_ptr_null(find(&f, "O2", NULL));
	yg_findings_free(&f);
	/* A nurse more is within the floor though the series barely moves. */
	ck_assert_int_eq(yg_sub_set(s, "registered_nurses", "22"), YG_OK);
	yg_findings_init(&f);
	yg_sub_check(db, s, &f);
	ck_assert_ptr_null(find(&f, "O1", "registered_nurses"));
	yg_findings_free(&f);

	/* 编制数 18000: far from its history, and a jump from January. */
	ck_assert_int_eq(yg_sub_set(s, "authorised_posts", "18000"), YG_OK);
	yg_findings_init(&f);
	yg_sub_check(db, s, &f);
	x = find(&f, "O1", "authorised_posts");
	ck_assert_ptr_nonnull(x);
	ck_assert_int_eq(x->severity, YG_SEV_WARNING);
	ck_assert_msg(strstr(x->en, "18000") && strstr(x->en, "median 64"), "%s", x->en);
	ck_assert_ptr_nonnull(find(&f, "O2", "authorised_posts"));
	ck_assert_ptr_null(find(&f, "O2", "staff_on_post"));
	yg_findings_free(&f);
	/* Submitting needs an explanation of each. */
	yg_findings_init(&f);
	ck_assert_int_eq(yg_sub_submit(db, s, &f), YG_EINVAL);
	yg_findings_free(&f);
	ck_assert_int_eq(yg_sub_set(s, "authorised_posts", "64"), YG_OK);

	/* An admin's range for the institution's nurses. */
	tl_login(db, "clk1");
	ck_assert_int_eq(yg_range_set(db, "T1", "staffing", "registered_nurses", 10, 15), YG_EPERM);
	as_admin();
	ck_assert_int_eq(yg_range_set(db, "T1", "staffing", "registered_nurses", 15, 10), YG_EINVAL);
	ck_assert_int_eq(yg_range_set(db, "T1", "staffing", "nope", 1, 2), YG_EINVAL);
	ck_assert_int_eq(yg_range_set(db, "T1", "staffing", "registered_nurses", 10, 15), YG_OK);
	yg_findings_init(&f);
	yg_sub_check(db, s, &f);
	x = find(&f, "O3", "registered_nurses");
	ck_assert_ptr_nonnull(x);
	ck_assert_msg(strstr(x->en, "10-15"), "%s", x->en);
	yg_findings_free(&f);
	ck_assert_int_eq(yg_range_set(db, "T1", "staffing", "registered_nurses", -1, -1), YG_OK);
	yg_findings_init(&f);
	yg_sub_check(db, s, &f);
	ck_assert_ptr_null(find(&f, "O3", NULL));
	yg_findings_free(&f);
	yg_sub_free(s);
}
END_TEST

START_TEST(test_procurement_checks)
{
	struct { const char *part, *whole, *equal, *over; } parts[] = {
		{ "essential_varieties", "drug_varieties", "80", "81" },
		{ "essential_amount", "drug_amount", "80", "80.01" },
		{ "online_amount", "drug_amount", "80", "80.01" },
		{ "consumables_online_amount", "consumables_amount", "80", "80.01" },
		{ "orders_on_time", "orders", "80", "81" },
	};
	for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++) {
		ck_assert(!says("procurement", "H1", KV(parts[i].whole, "80", parts[i].part,
			parts[i].equal), "P1", NULL));
		ck_assert_msg(says("procurement", "H1", KV(parts[i].whole, "80", parts[i].part,
			parts[i].over), "P1", parts[i].part), "%s", parts[i].part);
	}
	/* Volume purchased above the contract: a warning, not an error. */
	ck_assert(!says("procurement", "T1", KV("vbp_contracted", "100", "vbp_purchased", "100"),
		"P2", NULL));
	ck_assert(says("procurement", "T1", KV("vbp_contracted", "100", "vbp_purchased", "101"),
		"P2", "vbp_purchased"));
	ck_assert(!says("procurement", "T1", KV("vbp_contracted", "100", "vbp_purchased", "101"),
		"P1", NULL));

	struct yg_sub *s = sub_with("procurement", "T1", "2026-03",
		KV("drug_amount", "1234.50", "online_amount", "1234.51"));
	struct yg_findings f;
	yg_findings_init(&f);
	yg_sub_check(db, s, &f);
	const struct yg_finding *x = find(&f, "P1", "online_amount");
	ck_assert_int_eq(x->severity, YG_SEV_ERROR);
	ck_assert_msg(strstr(x->en, "1234.51") && strstr(x->en, "1234.50"), "%s", x->en);
	yg_findings_free(&f);
	yg_sub_free(s);
}
END_TEST

START_TEST(test_familydoc_checks)
{
	const char *pairs[] = { "residents", "key_population", "elderly", "hypertension",
		"diabetes", "pregnant", "children", "disabled", "poor" };
	for (size_t i = 0; i < sizeof pairs / sizeof pairs[0]; i++) {
		char signed_key[64];
		snprintf(signed_key, sizeof signed_key, "%s_signed", pairs[i]);
		ck_assert(!says("familydoc", "T1", KV(pairs[i], "100", signed_key, "100"), "F1",
			NULL));
		ck_assert_msg(says("familydoc", "T1", KV(pairs[i], "100", signed_key, "101"), "F1",
			signed_key), "%s", pairs[i]);
	}
	/* F2: a group within the residents. */
	ck_assert(!says("familydoc", "T1", KV("residents", "1000", "elderly", "1000"), "F2", NULL));
	ck_assert(says("familydoc", "T1", KV("residents", "1000", "elderly", "1001"), "F2",
		"elderly"));
	ck_assert(says("familydoc", "T1", KV("residents", "1000", "key_population", "1001"), "F2",
		"key_population"));
	ck_assert(says("familydoc", "T1", KV("residents_signed", "10", "poor_signed", "11"), "F2",
		"poor_signed"));

	/* F3/F4: the deduplicated key population lies between the largest
	 * group and the sum of the groups. */
	const char *const *groups7 = KV("elderly", "300", "hypertension", "200", "diabetes", "100",
		"pregnant", "10", "children", "50", "disabled", "20", "poor", "20");
	struct { const char *key_pop; bool f3, f4; } cases[] = {
		{ "700", false, false }, { "701", true, false }, { "300", false, false },
		{ "299", false, true },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct yg_sub *s = sub_with("familydoc", "T1", "2026-03", groups7);
		ck_assert_int_eq(yg_sub_set(s, "key_population", cases[i].key_pop), YG_OK);
		struct yg_findings f;
		yg_findings_init(&f);
		yg_sub_check(db, s, &f);
		ck_assert_msg((find(&f, "F3", "key_population") != NULL) == cases[i].f3, "F3 %s",
			cases[i].key_pop);
		ck_assert_msg((find(&f, "F4", "key_population") != NULL) == cases[i].f4, "F4 %s",
			cases[i].key_pop);
		if (cases[i].f3 || cases[i].f4)
			ck_assert_int_eq(find(&f, cases[i].f3 ? "F3" : "F4", NULL)->severity,
				YG_SEV_WARNING);
		yg_findings_free(&f);
		yg_sub_free(s);
	}
	/* With a group missing the sum is unknown: F3 keeps quiet. */
	ck_assert(!says("familydoc", "T1", KV("elderly", "300", "key_population", "900"), "F3",
		NULL));
	/* The signed obey the same bounds. */
	ck_assert(says("familydoc", "T1", KV("elderly_signed", "30", "key_population_signed", "29"),
		"F4", "key_population_signed"));
}
END_TEST

START_TEST(test_capacity_checks)
{
	const char *pairs[] = { "expert_slots", "beds", "exams" };
	for (int i = 0; i < 3; i++) {
		char r[64];
		snprintf(r, sizeof r, "%s_reserved", pairs[i]);
		ck_assert(!says("capacity", "H1", KV(pairs[i], "50", r, "50"), "C1", NULL));
		ck_assert(says("capacity", "H1", KV(pairs[i], "50", r, "51"), "C1", r));
	}
}
END_TEST

/* ---------------------------------------------------------------------------
 * Postings, T2–T5
 */

/* The mode and profession of the postings post() and posting_rec() make. */
static const char *post_mode = "resident", *post_profession = "medical";

static struct yg_record *posting_rec(const char *licence, const char *from, const char *title,
	const char *to, const char *start, const char *planned, const char *actual)
{
	struct yg_record *r = yg_record_new(&form_posting, org_id(to));
	const char *kv[][2] = {
		{ "doctor_name", "张医生" }, { "licence_no", licence }, { "sending_org", from },
		{ "title", title }, { "specialty", "内科" }, { "receiving_org", to },
		{ "start_date", start }, { "planned_end_date", planned },
		{ "actual_end_date", actual }, { "mode", post_mode },
		{ "profession", post_profession },
	};
	for (size_t i = 0; i < sizeof kv / sizeof kv[0]; i++)
		if (kv[i][1])
			ck_assert_msg(yg_record_set(r, kv[i][0], kv[i][1]) == YG_OK, "%s: %s",
				kv[i][0], yg_errmsg());
	return r;
}

/* Saves a posting; its id, or 0 when refused (findings in *out if given). */
static int64_t post_f(const char *licence, const char *from, const char *title, const char *to,
	const char *start, const char *planned, const char *actual, struct yg_findings *out)
{
	struct yg_record *r = posting_rec(licence, from, title, to, start, planned, actual);
	struct yg_findings f;
	as_admin();
	yg_findings_init(&f);
	int rc = yg_record_save(db, r, &f);
	int64_t id = rc == YG_OK ? r->id : 0;
	if (out)
		*out = f;
	else
		yg_findings_free(&f);
	yg_record_free(r);
	return id;
}

static int64_t post(const char *licence, const char *from, const char *title, const char *to,
	const char *start, const char *planned, const char *actual)
{
	int64_t id = post_f(licence, from, title, to, start, planned, actual, NULL);
	ck_assert_msg(id > 0, "posting %s %s: %s", licence, start, yg_errmsg());
	return id;
}

struct month {
	int64_t active, coverage, resident, days_on_site, outpatient, operations;
	int t2, t3;
	int64_t t2_num, t2_den;
};

static struct month month(const char *org, const char *period)
{
	struct month m = { 0 };
	struct yg_sub *s = sub_with("sentdown", org, period, NULL);
	m.active = yg_sub_value(s, "postings_active")->num;
	m.coverage = yg_sub_value(s, "attending_coverage_days")->num;
	m.resident = yg_sub_value(s, "attending_resident")->num;
	m.days_on_site = yg_sub_value(s, "days_on_site")->num;
	m.outpatient = yg_sub_value(s, "outpatient_visits")->num;
	m.operations = yg_sub_value(s, "operations")->num;
	struct yg_findings f;
	yg_findings_init(&f);
	yg_sub_check(db, s, &f);
	const struct yg_finding *x = find(&f, "T2", NULL);
	m.t2 = x ? (int)x->met : NONE;
	m.t2_num = x ? x->num : -1;
	m.t2_den = x ? x->den : -1;
	x = find(&f, "T3", NULL);
	m.t3 = x ? (int)x->met : NONE;
	ck_assert_int_eq(yg_findings_count(&f, YG_SEV_ERROR), 0);
	yg_findings_free(&f);
	yg_sub_free(s);
	return m;
}

START_TEST(test_t2_t3_rotation)
{
	/* Two attendings of the lead hospital share January at the key central
	 * T1: the rotation counts for T2, and for T3 too, their days joining
	 * up (DESIGN §3.5: a hand-over counts when the days join up). */
	int64_t a = post("A1", "H1", "attending", "T1", "2025-01-01", "2025-06-30", "2025-01-15");
	int64_t b = post("B1", "H1", "associate_chief", "T1", "2025-01-16", "2025-07-31", NULL);
	struct month m = month("T1", "2025-01");
	ck_assert_int_eq(m.active, 2);
	ck_assert_int_eq(m.coverage, 31);
	ck_assert_int_eq(m.t2, YG_MET);
	ck_assert_int_eq(m.t2_num, 31);
	ck_assert_int_eq(m.t2_den, 31);
	ck_assert_int_eq(m.resident, 1);
	ck_assert_int_eq(m.t3, YG_MET);
	m = month("T1", "2025-02");
	ck_assert_int_eq(m.active, 1);
	ck_assert_int_eq(m.coverage, 28);
	ck_assert_int_eq(m.t2, YG_MET);
	ck_assert_int_eq(m.resident, 1);
	ck_assert_int_eq(m.t3, YG_MET);
	/* Above the T3 threshold: two resident all February. */
	post("B2", "H1", "chief", "T1", "2025-02-01", "2025-07-31", NULL);
	m = month("T1", "2025-02");
	ck_assert_int_eq(m.resident, 2);
	ck_assert_int_eq(m.t3, YG_MET);
	/* Not the lead hospital: active, but neither T2 nor T3 counts it. */
	post("B3", "U1", "chief", "T1", "2025-08-01", "2025-12-31", NULL);
	m = month("T1", "2025-08");
	ck_assert_int_eq(m.active, 1);
	ck_assert_int_eq(m.coverage, 0);
	ck_assert_int_eq(m.t2, YG_MISSED);
	ck_assert_int_eq(m.t3, YG_MISSED);
	/* T3 is for key central centres only. */
	post("C1", "H1", "chief", "T2", "2025-01-01", "2025-12-31", NULL);
	m = month("T2", "2025-02");
	ck_assert_int_eq(m.t2, YG_MET);
	ck_assert_int_eq(m.t3, NONE);

	/* Monthly activity adds up over the postings of the institution. */
	as_admin();
	ck_assert_int_eq(yg_activity_set(db, a, per("2025-01"), "days_on_site", 15), YG_OK);
	ck_assert_int_eq(yg_activity_set(db, a, per("2025-01"), "outpatient_visits", 100), YG_OK);
	ck_assert_int_eq(yg_activity_set(db, b, per("2025-01"), "days_on_site", 16), YG_OK);
	ck_assert_int_eq(yg_activity_set(db, b, per("2025-01"), "outpatient_visits", 50), YG_OK);
	ck_assert_int_eq(yg_activity_set(db, b, per("2025-01"), "operations", 2), YG_OK);
	ck_assert_int_eq(yg_activity_set(db, b, per("2025-02"), "operations", 7), YG_OK);
	m = month("T1", "2025-01");
	ck_assert_int_eq(m.days_on_site, 31);
	ck_assert_int_eq(m.outpatient, 150);
	ck_assert_int_eq(m.operations, 2);
	m = month("T1", "2025-02");
	ck_assert_int_eq(m.operations, 7);
	ck_assert_int_eq(m.days_on_site, 0);
}
END_TEST

/* DESIGN §3.5: T2 counts the lead hospital's postings in any mode; T3 only
 * resident ones, every day, hand-overs joining up. */
START_TEST(test_t2_t3_modes_and_hand_overs)
{
	/* A circuit doctor all March: T2 met, T3 not (not resident). */
	post_mode = "circuit";
	post("M1A", "H1", "attending", "T1", "2025-03-01", "2025-03-31", NULL);
	struct month m = month("T1", "2025-03");
	ck_assert_int_eq(m.coverage, 31);
	ck_assert_int_eq(m.t2, YG_MET);
	ck_assert_int_eq(m.resident, 0);
	ck_assert_int_eq(m.t3, YG_MISSED);
	/* Remote service the same. */
	post_mode = "remote";
	post("M1B", "H1", "chief", "T1", "2025-04-01", "2025-04-30", NULL);
	m = month("T1", "2025-04");
	ck_assert_int_eq(m.t2, YG_MET);
	ck_assert_int_eq(m.t3, YG_MISSED);
	/* Resident hand-overs: one day missing between them misses T3 (and
	 * T2: a day with nobody); joining up meets both. */
	post_mode = "resident";
	post("M1C", "H1", "attending", "T1", "2025-05-01", "2025-05-14", NULL);
	post("M1D", "H1", "attending", "T1", "2025-05-16", "2025-06-30", NULL);
	m = month("T1", "2025-05");
	ck_assert_int_eq(m.coverage, 30);
	ck_assert_int_eq(m.t2, YG_MISSED);
	ck_assert_int_eq(m.resident, 0);
	ck_assert_int_eq(m.t3, YG_MISSED);
	/* A circuit visit fills the day for T2, not for T3. */
	post_mode = "circuit";
	post("M1E", "H1", "chief", "T1", "2025-05-15", "2025-05-15", NULL);
	m = month("T1", "2025-05");
	ck_assert_int_eq(m.coverage, 31);
	ck_assert_int_eq(m.t2, YG_MET);
	ck_assert_int_eq(m.t3, YG_MISSED);
	post_mode = "resident";
	post("M1F", "H1", "attending", "T1", "2025-05-15", "2025-05-15", NULL);
	m = month("T1", "2025-05");
	ck_assert_int_eq(m.resident, 1);
	ck_assert_int_eq(m.t3, YG_MET);
	/* June: M1D alone, resident all month. */
	ck_assert_int_eq(month("T1", "2025-06").t3, YG_MET);
	/* Another community's lead hospital counts for nothing at T1. */
	post("M1G", "H2", "chief", "T2", "2025-05-01", "2025-05-31", NULL);
	m = month("T2", "2025-05");
	ck_assert_int_eq(m.active, 1);
	ck_assert_int_eq(m.coverage, 0);
	/* A named lead replaces the hospital under the community. */
	as_admin();
	ck_assert_int_eq(yg_org_set_support(db, "M1", "HX", NULL, NULL), YG_OK);
	ck_assert_int_eq(month("T1", "2025-06").coverage, 0);
	post("M1H", "HX", "attending", "T1", "2025-07-01", "2025-07-31", NULL);
	ck_assert_int_eq(month("T1", "2025-07").t3, YG_MET);
}
END_TEST

/* Activity only within the posting: days on site at most the days it is
 * active that month, nothing in a month outside it; new dates that would
 * leave activity outside are refused too. */
START_TEST(test_activity_within_posting)
{
	int64_t id = post("A9", "H1", "attending", "T2", "2025-11-16", "2026-01-10", NULL);
	struct yg_record **v = NULL, *r = NULL;
	size_t n;
	int64_t x;

	as_admin();
	/* November: the 16th to the 30th, 15 days. */
	ck_assert_int_eq(yg_activity_set(db, id, per("2025-11"), "days_on_site", 15), YG_OK);
	ck_assert_int_eq(yg_activity_set(db, id, per("2025-11"), "days_on_site", 16), YG_EINVAL);
	ck_assert_ptr_nonnull(strstr(yg_errmsg(), "15"));
	ck_assert_int_eq(yg_activity_get(db, id, per("2025-11"), "days_on_site", &x), YG_OK);
	ck_assert_int_eq(x, 15);
	/* Before the start and after the end: no activity at all. */
	ck_assert_int_eq(yg_activity_set(db, id, per("2025-10"), "days_on_site", 1), YG_EINVAL);
	ck_assert_ptr_nonnull(strstr(yg_errmsg(), "2025-10"));
	ck_assert_int_eq(yg_activity_set(db, id, per("2026-02"), "outpatient_visits", 5),
		YG_EINVAL);
	ck_assert_int_eq(yg_activity_set(db, id, per("2025-10"), "days_on_site", -1), YG_OK);
	ck_assert_int_eq(yg_activity_get(db, id, per("2025-10"), "days_on_site", &x), YG_OK);
	ck_assert_int_eq(x, -1);
	ck_assert_int_eq(yg_activity_get(db, id, per("2026-02"), "outpatient_visits", &x), YG_OK);
	ck_assert_int_eq(x, -1);
	/* January: the 1st to the 10th. */
	ck_assert_int_eq(yg_activity_set(db, id, per("2026-01"), "days_on_site", 11), YG_EINVAL);
	ck_assert_int_eq(yg_activity_set(db, id, per("2026-01"), "days_on_site", 10), YG_OK);
	ck_assert_int_eq(yg_activity_set(db, id, per("2026-01"), "outpatient_visits", 40), YG_OK);

	/* Ending the posting in December would orphan January's figures. */
	ck_assert_int_eq(yg_record_list(db, &form_posting, org_id("T2"), &v, &n), YG_OK);
	for (size_t i = 0; i < n; i++)
		if (v[i]->id == id)
			r = v[i];
	ck_assert_ptr_nonnull(r);
	ck_assert_int_eq(yg_record_set(r, "actual_end_date", "2025-12-31"), YG_OK);
	ck_assert_int_eq(yg_record_save(db, r, NULL), YG_EINVAL);
	ck_assert_ptr_nonnull(strstr(yg_errmsg(), "2026-01"));
	ck_assert_int_eq(yg_activity_get(db, id, per("2026-01"), "days_on_site", &x), YG_OK);
	ck_assert_int_eq(x, 10);
	ck_assert_int_eq(yg_activity_set(db, id, per("2026-01"), "days_on_site", -1), YG_OK);
	ck_assert_int_eq(yg_activity_set(db, id, per("2026-01"), "outpatient_visits", -1), YG_OK);
	ck_assert_int_eq(yg_record_save(db, r, NULL), YG_OK);
	yg_record_list_free(v, n);
}
END_TEST

/* A month's activity as one set of values, the way the roster screen edits
 * it: saved whole or not at all, loaded back as entered. */
START_TEST(test_activity_save_all_or_nothing)
{
	int64_t id = post("A8", "H1", "attending", "T2", "2025-11-16", "2026-01-10", NULL);
	const struct yg_form *spec = form_posting.activity;
	struct yg_value *v;
	int days, visits;
	int64_t x;

	ck_assert_ptr_eq(spec, &form_posting_activity);
	days = yg_field_index(spec, "days_on_site");
	visits = yg_field_index(spec, "outpatient_visits");
	ck_assert(days >= 0 && visits >= 0);
	v = calloc(spec->nfields, sizeof *v);
	ck_assert_ptr_nonnull(v);
	as_admin();
	v[visits].set = true;
	v[visits].num = 30;
	v[days].set = true;
	v[days].num = 16; /* November has 15 days of it */
	ck_assert_int_eq(yg_activity_save(db, id, per("2025-11"), spec, v), YG_EINVAL);
	ck_assert_int_eq(yg_activity_get(db, id, per("2025-11"), "outpatient_visits", &x), YG_OK);
	ck_assert_int_eq(x, -1);
	v[days].num = 15;
	ck_assert_int_eq(yg_activity_save(db, id, per("2025-11"), spec, v), YG_OK);
	for (size_t i = 0; i < spec->nfields; i++)
		yg_value_clear(&v[i]);
	ck_assert_int_eq(yg_activity_load(db, id, per("2025-11"), spec, v), YG_OK);
	for (size_t i = 0; i < spec->nfields; i++)
		ck_assert_int_eq(v[i].set, (int)i == days || (int)i == visits);
	ck_assert_int_eq(v[days].num, 15);
	ck_assert_int_eq(v[visits].num, 30);
	/* An empty value clears its figure. */
	v[visits].set = false;
	ck_assert_int_eq(yg_activity_save(db, id, per("2025-11"), spec, v), YG_OK);
	ck_assert_int_eq(yg_activity_get(db, id, per("2025-11"), "outpatient_visits", &x), YG_OK);
	ck_assert_int_eq(x, -1);
	for (size_t i = 0; i < spec->nfields; i++)
		yg_value_clear(&v[i]);
	free(v);
}
END_TEST

/* A roster change that would move the figures of a submitted or approved
 * return is refused, naming the return and who can reopen it; after the
 * reviewer returns or reopens it, the change goes through. */
START_TEST(test_frozen_return_keeps_its_roster)
{
	int64_t id = post("F1", "H1", "attending", "T2", "2025-03-01", "2025-08-31", NULL);
	struct yg_record **v = NULL, *r = NULL;
	struct yg_findings f;
	struct yg_sub *s;
	size_t n;
	int64_t x, sub_id, version;

	as_admin();
	ck_assert_int_eq(yg_activity_set(db, id, per("2025-04"), "days_on_site", 20), YG_OK);
	s = sub_with("sentdown", "T2", "2025-04", NULL);
	yg_findings_init(&f);
	ck_assert_msg(yg_sub_submit(db, s, &f) == YG_OK, "%s", yg_errmsg());
	yg_findings_free(&f);
	sub_id = s->id;
	yg_sub_free(s);

	/* Submitted: the days on site it counted stay as they are. */
	as_admin();
	ck_assert_int_eq(yg_activity_set(db, id, per("2025-04"), "days_on_site", 25), YG_ESTATE);
	ck_assert_ptr_nonnull(strstr(yg_errmsg(), "乙镇卫生院 2025-04"));
	ck_assert_msg(strstr(yg_errmsg(), "(20 to 25)"), "%s", yg_errmsg());
	ck_assert_ptr_nonnull(strstr(yg_errmsg(), "rev1"));
	ck_assert_ptr_nonnull(strstr(yg_errmsg(), "must return it"));
	ck_assert_int_eq(yg_activity_get(db, id, per("2025-04"), "days_on_site", &x), YG_OK);
	ck_assert_int_eq(x, 20);
	/* Another month is free. */
	ck_assert_int_eq(yg_activity_set(db, id, per("2025-05"), "days_on_site", 25), YG_OK);
	/* A change that moves no figure of April goes through. */
	ck_assert_int_eq(yg_record_list(db, &form_posting, org_id("T2"), &v, &n), YG_OK);
	for (size_t i = 0; i < n; i++)
		if (v[i]->id == id)
			r = v[i];
	ck_assert_ptr_nonnull(r);
	ck_assert_int_eq(yg_record_set(r, "specialty", "外科"), YG_OK);
	ck_assert_int_eq(yg_record_save(db, r, NULL), YG_OK);
	/* A lower title takes April's attending coverage away: refused. */
	ck_assert_int_eq(yg_record_set(r, "title", "resident"), YG_OK);
	ck_assert_int_eq(yg_record_save(db, r, NULL), YG_ESTATE);
	ck_assert_int_eq(yg_record_delete(db, id, r->version), YG_ESTATE);
	/* A new posting active in April is refused too. */
	ck_assert_int_eq(post_f("F2", "H1", "attending", "T2", "2025-04-10", "2025-05-31", NULL,
		NULL), 0);
	ck_assert_int_eq(yg_record_set(r, "title", "attending"), YG_OK);

	/* Approved: the reviewer must reopen it. */
	tl_login(db, "rev1");
	ck_assert_int_eq(yg_sub_load_id(db, sub_id, &s), YG_OK);
	version = s->version;
	yg_sub_free(s);
	ck_assert_msg(yg_sub_approve(db, sub_id, version) == YG_OK, "%s", yg_errmsg());
	as_admin();
	ck_assert_int_eq(yg_activity_set(db, id, per("2025-04"), "days_on_site", 25), YG_ESTATE);
	ck_assert_ptr_nonnull(strstr(yg_errmsg(), "must reopen it"));
	tl_login(db, "rev1");
	ck_assert_msg(yg_sub_reopen(db, sub_id, version + 1, "补派驻天数") == YG_OK, "%s",
		yg_errmsg());
	as_admin();
	ck_assert_int_eq(yg_activity_set(db, id, per("2025-04"), "days_on_site", 25), YG_OK);
	ck_assert_int_eq(yg_record_delete(db, id, r->version), YG_OK);
	yg_record_list_free(v, n);
}
END_TEST

START_TEST(test_t2_partial_month_and_boundaries)
{
	/* From the 10th: 22 of March's 31 days. */
	post("P1", "H1", "attending", "T2", "2025-03-10", "2025-09-09", NULL);
	struct month m = month("T2", "2025-03");
	ck_assert_int_eq(m.coverage, 22);
	ck_assert_int_eq(m.t2, YG_MISSED);
	ck_assert_int_eq(m.t2_num, 22);
	ck_assert_int_eq(m.t2_den, 31);
	ck_assert_int_eq(month("T2", "2025-04").t2, YG_MET);
	ck_assert_int_eq(month("T2", "2025-04").coverage, 30);
	/* The planned end is the last day: 9 days of September. */
	ck_assert_int_eq(month("T2", "2025-09").coverage, 9);
	ck_assert_int_eq(month("T2", "2025-10").active, 0);

	/* Across a month boundary: one day in each month. */
	post("P2", "H1", "attending", "CC1", "2025-01-31", "2025-02-01", NULL);
	ck_assert_int_eq(month("CC1", "2025-01").coverage, 1);
	ck_assert_int_eq(month("CC1", "2025-01").active, 1);
	ck_assert_int_eq(month("CC1", "2025-02").coverage, 1);
	ck_assert_int_eq(month("CC1", "2024-12").active, 0);
	ck_assert_int_eq(month("CC1", "2025-03").active, 0);
	/* A resident (住院医师) is active but covers nothing for T2. */
	post("P3", "H1", "resident", "CC1", "2025-04-01", "2025-10-31", NULL);
	m = month("CC1", "2025-05");
	ck_assert_int_eq(m.active, 1);
	ck_assert_int_eq(m.coverage, 0);
	ck_assert_int_eq(m.t2, YG_MISSED);
}
END_TEST

START_TEST(test_t2_doctor_moves)
{
	/* One doctor: T2 until 15 March, CC1 from the 16th. */
	post("MV", "H1", "attending", "T2", "2025-01-01", "2025-06-30", "2025-03-15");
	post("MV", "H1", "attending", "CC1", "2025-03-16", "2025-09-30", NULL);
	/* Another fills T2 from the 10th: together they cover March. */
	post("Q1", "H1", "attending", "T2", "2025-03-10", "2025-09-30", NULL);
	struct month m = month("T2", "2025-03");
	ck_assert_int_eq(m.active, 2);
	ck_assert_int_eq(m.coverage, 31);
	ck_assert_int_eq(m.t2, YG_MET);
	m = month("CC1", "2025-03");
	ck_assert_int_eq(m.active, 1);
	ck_assert_int_eq(m.coverage, 16);
	ck_assert_int_eq(m.t2, YG_MISSED);
	ck_assert_int_eq(month("CC1", "2025-04").t2, YG_MET);
	ck_assert_int_eq(month("T2", "2025-02").coverage, 28);
	/* The same doctor cannot be in two places on the 15th. */
	ck_assert_int_eq(post_f("MV", "H1", "attending", "T1", "2025-03-15", "2025-09-30", NULL,
		NULL), 0);
	ck_assert_int_eq(post_f("mv", "H1", "attending", "T1", "2025-09-30", "2026-03-30", NULL,
		NULL), 0);
	ck_assert_int_gt(post_f("MV", "H1", "attending", "T1", "2025-10-01", "2026-03-31", NULL,
		NULL), 0);
}
END_TEST

START_TEST(test_t2_leap_february)
{
	post("L1", "H2", "attending", "T3", "2024-02-01", "2024-02-28", NULL);
	struct month m = month("T3", "2024-02");
	ck_assert_int_eq(m.coverage, 28);
	ck_assert_int_eq(m.t2_den, 29);
	ck_assert_int_eq(m.t2, YG_MISSED);
	post("L2", "H2", "attending", "T3", "2024-02-29", "2024-08-31", NULL);
	m = month("T3", "2024-02");
	ck_assert_int_eq(m.coverage, 29);
	ck_assert_int_eq(m.t2, YG_MET);
	/* 2025 has no 29 February: 28 days are the whole month. */
	post("L3", "H2", "attending", "T3", "2025-02-01", "2025-02-28", NULL);
	ck_assert_int_eq(month("T3", "2025-02").t2, YG_MET);
}
END_TEST

/* The T5 verdict on a posting, saved fresh. */
static int t5_from(const char *from, const char *licence, const char *start,
	const char *planned, const char *actual)
{
	struct yg_findings f;
	int64_t id = post_f(licence, from, "attending", "T1", start, planned, actual, &f);
	ck_assert_msg(id > 0, "%s: %s", licence, yg_errmsg());
	const struct yg_finding *x = find(&f, "T5", NULL);
	int v = x ? (int)x->met : NONE;
	if (x)
		ck_assert_int_eq(x->severity, YG_SEV_TARGET);
	yg_findings_free(&f);
	return v;
}

/* T5 is on the batches of the supporting urban tertiary hospital (U1 for
 * M1 in these tests). */
static int t5(const char *licence, const char *start, const char *planned, const char *actual)
{
	return t5_from("U1", licence, start, planned, actual);
}

static void support(const char *community, const char *hospital)
{
	as_admin();
	ck_assert_msg(yg_org_set_support(db, community, NULL, hospital, NULL) == YG_OK, "%s",
		yg_errmsg());
}

START_TEST(test_t5_six_months)
{
	support("M1", "U1");
	/* The lead hospital's rotations (T2) and another tertiary hospital's
	 * postings are no batch of the supporting hospital. */
	ck_assert_int_eq(t5_from("H1", "E1", "2025-01-15", "2025-02-13", NULL), NONE);
	ck_assert_int_eq(t5_from("U2", "E2", "2025-01-15", "2025-02-13", NULL), NONE);
	/* DESIGN §3.5: 2025-01-15 needs 2025-07-14 or later. */
	ck_assert_int_eq(t5("F1", "2025-01-15", "2025-07-13", NULL), YG_MISSED);
	ck_assert_int_eq(t5("F2", "2025-01-15", "2025-07-14", NULL), YG_MET);
	ck_assert_int_eq(t5("F3", "2025-01-15", "2025-07-15", NULL), YG_MET);
	/* The actual end decides once there is one. */
	ck_assert_int_eq(t5("F4", "2025-01-15", "2025-12-31", "2025-07-13"), YG_MISSED);
	ck_assert_int_eq(t5("F5", "2025-01-15", "2025-03-31", "2025-07-14"), YG_MET);
	/* Leap years and months without the day. */
	ck_assert_int_eq(t5("F6", "2023-08-29", "2024-02-27", NULL), YG_MISSED);
	ck_assert_int_eq(t5("F7", "2023-08-29", "2024-02-28", NULL), YG_MET);
	ck_assert_int_eq(t5("F8", "2024-08-31", "2025-02-26", NULL), YG_MISSED);
	ck_assert_int_eq(t5("F9", "2024-08-31", "2025-02-27", NULL), YG_MET);
	ck_assert_int_eq(t5("G1", "2024-02-29", "2024-08-27", NULL), YG_MISSED);
	ck_assert_int_eq(t5("G2", "2024-02-29", "2024-08-28", NULL), YG_MET);
	ck_assert_int_eq(t5("G3", "2025-03-01", "2025-08-30", NULL), YG_MISSED);
	ck_assert_int_eq(t5("G4", "2025-03-01", "2025-08-31", NULL), YG_MET);

	/* The months come from the reference table. */
	sql("UPDATE target SET threshold = 12 WHERE id = 'T5'");
	ck_assert_int_eq(t5("G5", "2025-01-15", "2025-07-14", NULL), YG_MISSED);
	ck_assert_int_eq(t5("G6", "2025-01-15", "2026-01-14", NULL), YG_MET);
}
END_TEST

START_TEST(test_months_later_eve)
{
	ck_assert_int_eq(forms_months_later_eve(day("2025-01-15"), 6), day("2025-07-14"));
	ck_assert_int_eq(forms_months_later_eve(day("2025-01-01"), 6), day("2025-06-30"));
	ck_assert_int_eq(forms_months_later_eve(day("2025-07-01"), 6), day("2025-12-31"));
	ck_assert_int_eq(forms_months_later_eve(day("2025-08-01"), 6), day("2026-01-31"));
	ck_assert_int_eq(forms_months_later_eve(day("2025-08-31"), 6), day("2026-02-27"));
	ck_assert_int_eq(forms_months_later_eve(day("2023-08-31"), 6), day("2024-02-28"));
	ck_assert_int_eq(forms_months_later_eve(day("2024-02-29"), 12), day("2025-02-27"));
	ck_assert_int_eq(forms_months_later_eve(day("2025-12-31"), 2), day("2026-02-27"));
}
END_TEST

START_TEST(test_posting_checks)
{
	struct yg_findings f;
	/* D1: an end before the start is refused; a one-day posting is not. */
	ck_assert_int_eq(post_f("E1", "H1", "attending", "T1", "2025-05-01", "2025-04-30", NULL,
		&f),
		0);
	ck_assert_ptr_nonnull(find(&f, "D1", "planned_end_date"));
	yg_findings_free(&f);
	ck_assert_int_eq(post_f("E2", "H1", "attending", "T1", "2025-05-01", "2025-12-31",
		"2025-04-30", &f), 0);
	ck_assert_ptr_nonnull(find(&f, "D1", "actual_end_date"));
	yg_findings_free(&f);
	ck_assert_int_gt(post_f("E3", "H1", "attending", "T1", "2025-05-01", "2025-05-01", NULL,
		NULL), 0);
	/* A date before 2000 is refused as it is typed: the spec's range. */
	{
		struct yg_record *r = yg_record_new(&form_posting, org_id("T1"));
		ck_assert_int_eq(yg_record_set(r, "start_date", "1999-12-31"), YG_EINVAL);
		ck_assert_ptr_nonnull(strstr(yg_errmsg(), "2000-01-01"));
		ck_assert_int_eq(yg_record_set(r, "start_date", "2000-01-01"), YG_OK);
		yg_record_free(r);
	}
	/* D2: planned over five years. */
	ck_assert_int_eq(post_f("E5", "H1", "attending", "T1", "2025-01-01", "2030-01-01", NULL,
		&f),
		0);
	ck_assert_ptr_nonnull(find(&f, "D2", "planned_end_date"));
	yg_findings_free(&f);
	ck_assert_int_gt(post_f("E6", "H1", "attending", "T1", "2025-01-01", "2029-12-31", NULL,
		NULL), 0);
	/* D3: an actual end in the future is a warning. */
	char tomorrow[11];
	yg_date_format(yg_date_today() + 1, tomorrow);
	ck_assert_int_gt(post_f("E7", "H1", "attending", "T1", "2025-01-01", "2029-12-31", tomorrow,
		&f), 0);
	ck_assert_int_eq(find(&f, "D3", "actual_end_date")->severity, YG_SEV_WARNING);
	yg_findings_free(&f);
	/* D3: a start more than a year ahead is a warning too. */
	ck_assert_int_gt(post_f("ED", "H1", "attending", "T1", "2027-11-24", "2028-06-30", NULL,
		&f), 0);
	ck_assert_int_eq(find(&f, "D3", "start_date")->severity, YG_SEV_WARNING);
	yg_findings_free(&f);
	ck_assert_int_gt(post_f("EE", "H1", "attending", "T1", "2027-11-23", "2028-06-30", NULL,
		&f), 0);
	ck_assert_ptr_null(find(&f, "D3", NULL));
	yg_findings_free(&f);
	/* D4: known units, a hospital sending, not to itself. */
	ck_assert_int_eq(post_f("E8", "T2", "attending", "T1", "2025-01-01", "2025-12-31", NULL,
		&f),
		0);
	ck_assert_ptr_nonnull(find(&f, "D4", "sending_org"));
	yg_findings_free(&f);
	ck_assert_int_eq(post_f("E9", "NOSUCH", "attending", "T1", "2025-01-01", "2025-12-31", NULL,
		&f), 0);
	ck_assert_ptr_nonnull(find(&f, "D4", "sending_org"));
	yg_findings_free(&f);
	ck_assert_int_eq(post_f("EA", "H1", "attending", "H1", "2025-01-01", "2025-12-31", NULL,
		&f),
		0);
	ck_assert_ptr_nonnull(find(&f, "D4", "receiving_org"));
	yg_findings_free(&f);
	/* D4: kept in the receiving institution's roster, wherever it was begun:
	 * the core files it with its owner. */
	struct yg_record *elsewhere = posting_rec("EC", "H1", "attending", "T1", "2025-01-01",
		"2025-12-31", NULL);
	elsewhere->org_id = org_id("M1");
	ck_assert_int_eq(yg_record_save(db, elsewhere, &f), YG_OK);
	ck_assert_ptr_null(find(&f, "D4", "receiving_org"));
	ck_assert_int_eq(elsewhere->org_id, org_id("T1"));
	yg_findings_free(&f);
	yg_record_free(elsewhere);
	/* D5: saving a posting again does not overlap with itself. */
	struct yg_record *r = posting_rec("EB", "H1", "attending", "T1", "2025-01-01", "2025-12-31",
		NULL);
	ck_assert_int_eq(yg_record_save(db, r, NULL), YG_OK);
	ck_assert_int_eq(yg_record_set(r, "actual_end_date", "2025-11-30"), YG_OK);
	ck_assert_msg(yg_record_save(db, r, NULL) == YG_OK, "%s", yg_errmsg());
	yg_record_free(r);
	ck_assert_int_eq(post_f("EB", "U1", "chief", "T2", "2025-11-30", "2026-05-31", NULL, &f),
		0);
	ck_assert_ptr_nonnull(find(&f, "D5", NULL));
	yg_findings_free(&f);
	ck_assert_int_gt(post_f("EB", "U1", "chief", "T2", "2025-12-01", "2026-05-31", NULL, NULL),
		0);
}
END_TEST

static int t4_of(const char *community, const char *period)
{
	struct yg_findings f;
	yg_findings_init(&f);
	as_admin();
	ck_assert_msg(forms_check_community(db, org_id(community), per(period), &f) == YG_OK,
		"%s", yg_errmsg());
	ck_assert_int_eq(f.n, 1);
	ck_assert_str_eq(f.v[0].rule, "T4");
	ck_assert_str_eq(f.v[0].org_code, community);
	ck_assert_str_eq(f.v[0].field, "tertiary_experts_resident");
	ck_assert_int_eq(f.v[0].severity, YG_SEV_TARGET);
	int v = (int)f.v[0].met;
	yg_findings_free(&f);
	return v;
}

static int t4(const char *period)
{
	return t4_of("M1", period);
}

static int64_t experts(const char *community, const char *period)
{
	int64_t n = -1;
	as_admin();
	ck_assert_int_eq(forms_community_experts(db, org_id(community), per(period), &n), YG_OK);
	return n;
}

START_TEST(test_t4_community)
{
	/* DESIGN §3.5: distinct people from the supporting urban tertiary
	 * hospital the community names, intermediate rank or above in any
	 * profession, resident all month. */
	support("M1", "U1");
	post("X1", "U1", "chief", "T1", "2025-02-01", "2025-08-31", NULL);
	post_profession = "nursing";
	post("X2", "U1", "intermediate", "T2", "2025-02-01", "2025-08-31", NULL);
	/* Not counted: a junior pharmacist, a resident physician, a circuit
	 * doctor, another tertiary hospital, the community's own tertiary
	 * hospital, a posting to another community, part of March only. */
	post_profession = "pharmacy";
	post("X3", "U1", "junior", "CC1", "2025-01-01", "2025-12-31", NULL);
	post_profession = "medical";
	post("X4", "U1", "resident", "T1", "2025-01-01", "2025-12-31", NULL);
	post_mode = "circuit";
	post("X5", "U1", "chief", "T2", "2025-01-01", "2025-12-31", NULL);
	post_mode = "resident";
	post("X6", "U2", "chief", "CC1", "2025-01-01", "2025-12-31", NULL);
	post("X7", "HX", "chief", "T1", "2025-01-01", "2025-12-31", NULL);
	post("X8", "U1", "chief", "T3", "2025-01-01", "2025-12-31", NULL);
	post("X9", "U1", "attending", "H1", "2025-03-02", "2025-09-30", NULL);
	ck_assert_int_eq(experts("M1", "2025-03"), 2);
	ck_assert_int_eq(t4("2025-03"), YG_MISSED);
	/* M2 names no supporting hospital: nobody counts, not applicable. */
	ck_assert_int_eq(experts("M2", "2025-03"), 0);
	ck_assert_int_eq(t4_of("M2", "2025-03"), YG_NA);
	/* At the threshold: a manager of associate senior rank. */
	post_profession = "management";
	post("X10", "U1", "associate_senior", "H1", "2025-03-01", "2025-08-31", NULL);
	post_profession = "medical";
	ck_assert_int_eq(experts("M1", "2025-03"), 3);
	ck_assert_int_eq(t4("2025-03"), YG_MET);
	/* April: X9 is resident all month too. */
	ck_assert_int_eq(experts("M1", "2025-04"), 4);
	/* January: nobody of U1 at intermediate rank or above. */
	ck_assert_int_eq(experts("M1", "2025-01"), 0);
	ck_assert_int_eq(t4("2025-01"), YG_MISSED);
	/* September: X9 alone (to 30 September); October: nobody. */
	ck_assert_int_eq(experts("M1", "2025-09"), 1);
	ck_assert_int_eq(experts("M1", "2025-10"), 0);
	sql("UPDATE target SET threshold = 1 WHERE id = 'T4'");
	ck_assert_int_eq(t4("2025-09"), YG_MET);
	/* Naming U2 instead counts U2's people. */
	support("M1", "U2");
	ck_assert_int_eq(experts("M1", "2025-03"), 1);
}
END_TEST

/* ---------------------------------------------------------------------------
 * Referrals
 */

static struct yg_record *referral_rec(const char *holder, const char *date, const char *ref,
	const char *dir, const char *from, const char *to, const char *inside,
	const char *diagnosis, const char *status, const char *reserved)
{
	struct yg_record *r = yg_record_new(&form_referral, org_id(holder));
	const char *kv[][2] = {
		{ "date", date }, { "patient_ref", ref }, { "direction", dir },
		{ "from_org", from },
		{ "to_org", to }, { "in_community", inside }, { "diagnosis", diagnosis },
		{ "by_family_doctor", "1" }, { "status", status }, { "reserved_used", reserved },
	};
	for (size_t i = 0; i < sizeof kv / sizeof kv[0]; i++)
		ck_assert_msg(yg_record_set(r, kv[i][0], kv[i][1]) == YG_OK, "%s: %s", kv[i][0],
			yg_errmsg());
	return r;
}

static int refer(const char *holder, const char *date, const char *ref, const char *dir,
	const char *from, const char *to, const char *inside, const char *diagnosis,
	const char *status, const char *reserved, const char *rule)
{
	struct yg_record *r = referral_rec(holder, date, ref, dir, from, to, inside, diagnosis,
		status, reserved);
	struct yg_findings f;
	as_admin();
	yg_findings_init(&f);
	int rc = yg_record_save(db, r, &f);
	if (rule)
		ck_assert_msg(find(&f, rule, NULL) != NULL, "%s expected", rule);
	yg_findings_free(&f);
	yg_record_free(r);
	return rc;
}

/* A referral has no monthly activity: its form names none. */
START_TEST(test_referral_has_no_activity)
{
	struct yg_record *r = referral_rec("T2", "2025-11-20", "P-1", "up", "T2", "H1", "1",
		"J18", "pending", "0");
	as_admin();
	ck_assert_msg(yg_record_save(db, r, NULL) == YG_OK, "%s", yg_errmsg());
	ck_assert_int_eq(yg_activity_set(db, r->id, per("2025-11"), "days_on_site", 3), YG_EINVAL);
	ck_assert_ptr_nonnull(strstr(yg_errmsg(), "no monthly activity"));
	yg_record_free(r);
}
END_TEST

START_TEST(test_referral_checks)
{
	/* R1: no national ID number, alone, lower-case x, or inside a longer
	 * reference; 17 digits and names are fine. */
	const char *ids[] = { "110101199003071234", "11010119900307123X", "11010119900307123x",
		"P-110101199003071234" };
	for (int i = 0; i < 4; i++)
		ck_assert_int_eq(refer("T1", "2025-03-05", ids[i], "up", "T1", "H1", "1", "I10",
			"pending", "0", "R1"), YG_EINVAL);
	ck_assert_int_eq(refer("T1", "2025-03-05", "11010119900307123", "up", "T1", "H1",
		"1", "I10",
		"pending", "0", NULL), YG_OK);
	ck_assert_int_eq(refer("T1", "2025-03-05", "张某-0012", "up", "T1", "H1", "1", "I10",
		"pending", "0", NULL), YG_OK);
	/* The refusal never repeats the number. */
	struct yg_record *r = referral_rec("T1", "2025-03-05", ids[0], "up", "T1", "H1", "1", "I10",
		"pending", "0");
	ck_assert_int_eq(yg_record_save(db, r, NULL), YG_EINVAL);
	ck_assert_ptr_null(strstr(yg_errmsg(), "110101199003071234"));
	yg_record_free(r);

	/* R2: ICD-10 codes or words. */
	const char *good[] = { "I10", "E11.9", "S72.001", "I10.x00x002", "高血压", "chest pain",
		"E11 type 2" };
	for (size_t i = 0; i < sizeof good / sizeof good[0]; i++)
		ck_assert_msg(refer("T1", "2025-03-05", "R-1", "up", "T1", "H1", "1", good[i],
			"pending", "0", NULL) == YG_OK, "%s: %s", good[i], yg_errmsg());
	const char *bad[] = { "E1.9", "I1O", "E11.", "E11.123456789" };
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		ck_assert_msg(refer("T1", "2025-03-05", "R-1", "up", "T1", "H1", "1", bad[i],
			"pending", "0", "R2") == YG_EINVAL, "%s", bad[i]);
	/* R3: distinct, known ends. */
	ck_assert_int_eq(refer("T1", "2025-03-05", "R-1", "up", "T1", "T1", "1", "I10", "pending",
		"0", "R3"), YG_EINVAL);
	ck_assert_int_eq(refer("T1", "2025-03-05", "R-1", "up", "T1", "NOSUCH", "1", "I10",
		"pending", "0", "R3"), YG_EINVAL);
	/* R3: the register is the primary institution's own: begun elsewhere,
	 * a referral is filed at its primary end. */
	ck_assert_int_eq(refer("T2", "2025-03-05", "R-1", "up", "T1", "H1", "1", "I10", "pending",
		"0", NULL), YG_OK);
	ck_assert_int_eq(refer("T2", "2025-03-06", "R-1", "down", "H1", "T1", "1", "I10", "pending",
		"0", NULL), YG_OK);
	ck_assert_int_eq(refer("T1", "2025-03-05", "R-1", "down", "H1", "T1", "1", "I10", "pending",
		"0", NULL), YG_OK);
	/* R4: reserved capacity serves referrals up only. */
	ck_assert_int_eq(refer("T1", "2025-03-05", "R-1", "down", "H1", "T1", "1", "I10",
		"completed", "1", "R4"), YG_EINVAL);
	ck_assert_int_eq(refer("T1", "2025-03-05", "R-1", "up", "T1", "H1", "1", "I10",
		"completed", "1", NULL), YG_OK);
	/* R5: not in the future. */
	char tomorrow[11];
	yg_date_format(yg_date_today() + 1, tomorrow);
	ck_assert_int_eq(refer("T1", tomorrow, "R-1", "up", "T1", "H1", "1", "I10", "pending", "0",
		"R5"), YG_EINVAL);
	{
		struct yg_record *old = yg_record_new(&form_referral, org_id("T1"));
		ck_assert_int_eq(yg_record_set(old, "date", "1999-12-31"), YG_EINVAL);
		yg_record_free(old);
	}
	ck_assert_int_eq(refer("T1", "2026-11-23", "R-1", "up", "T1", "H1", "1", "I10", "pending",
		"0", NULL), YG_OK);
}
END_TEST

START_TEST(test_referral_counts)
{
	ck_assert_int_eq(refer("T1", "2025-03-01", "a", "up", "T1", "H1", "1", "I10", "completed",
		"1", NULL), YG_OK);
	ck_assert_int_eq(refer("T1", "2025-03-31", "b", "down", "H1", "T1", "1", "I10", "accepted",
		"0", NULL), YG_OK);
	ck_assert_int_eq(refer("T1", "2025-03-10", "c", "up", "T1", "U1", "0", "I10", "pending",
		"0", NULL), YG_OK);
	/* Not counted for T1 in March: refused, April, February, another centre. */
	ck_assert_int_eq(refer("T1", "2025-03-11", "d", "up", "T1", "U1", "0", "I10", "refused",
		"0", NULL), YG_OK);
	ck_assert_int_eq(refer("T1", "2025-04-01", "e", "up", "T1", "H1", "1", "I10", "pending",
		"1", NULL), YG_OK);
	ck_assert_int_eq(refer("T1", "2025-02-28", "f", "up", "T1", "H1", "1", "I10", "pending",
		"1", NULL), YG_OK);
	ck_assert_int_eq(refer("T2", "2025-03-12", "g", "up", "T2", "H1", "1", "I10", "pending",
		"1", NULL), YG_OK);

	struct yg_sub *s = sub_with("familydoc", "T1", "2025-03", NULL);
	ck_assert_int_eq(yg_sub_value(s, "referrals_up")->num, 2);
	ck_assert_int_eq(yg_sub_value(s, "referrals_down")->num, 1);
	ck_assert_int_eq(yg_sub_value(s, "referrals_in_community")->num, 2);
	ck_assert_int_eq(yg_sub_value(s, "referrals_reserved_used")->num, 1);
	yg_sub_free(s);
	s = sub_with("familydoc", "T2", "2025-03", NULL);
	ck_assert_int_eq(yg_sub_value(s, "referrals_up")->num, 1);
	ck_assert_int_eq(yg_sub_value(s, "referrals_down")->num, 0);
	yg_sub_free(s);
	s = sub_with("familydoc", "CC1", "2025-03", NULL);
	ck_assert_int_eq(yg_sub_value(s, "referrals_up")->num, 0);
	yg_sub_free(s);
}
END_TEST

/* ---------------------------------------------------------------------------
 * The specs themselves, and the round trip through storage
 */

/* DESIGN §3.5: the upward contract. */
static const char *const contract[][40] = {
	{ "staffing", "authorised_posts", "staff_on_post", "licensed_physicians",
	  "assistant_physicians", "general_practitioners", "public_health_physicians",
	  "tcm_physicians", "registered_nurses", "pharmacists", "technicians", "hires",
	  "departures",
	  "village_doctors", "village_doctors_licensed", "village_doctors_under45",
	  "village_doctors_pension", NULL },
	{ "sentdown", "postings_active", "attending_coverage_days", "days_on_site",
	  "outpatient_visits", "ward_rounds", "operations", "teaching_sessions", "consultations",
	  NULL },
	{ "familydoc", "residents", "residents_signed", "key_population", "key_population_signed",
	  "elderly", "elderly_signed", "hypertension", "hypertension_signed", "diabetes",
	  "diabetes_signed", "pregnant", "pregnant_signed", "children", "children_signed",
	  "disabled", "disabled_signed", "poor", "poor_signed", "teams", "specialists_in_teams",
	  "referrals_up", "referrals_down", "referrals_in_community", "referrals_reserved_used",
	  "followed_up", "infectious", "infectious_signed", "hyperlipidaemia",
	  "hyperlipidaemia_signed", NULL },
	{ "capacity", "expert_slots", "expert_slots_reserved", "beds", "beds_reserved", "exams",
	  "exams_reserved", NULL },
	{ "procurement", "drug_varieties", "essential_varieties", "drug_amount", "essential_amount",
	  "online_amount", "consumables_amount", "consumables_online_amount", "vbp_contracted",
	  "vbp_purchased", "orders", "orders_on_time", "payment_days", "shortage_varieties", NULL },
	{ "services", "visits", "village_visits", "discharges", "remote_consultations",
	  "remote_diagnoses", "results_recognised", "ehr_residents", "hypertension_managed",
	  "diabetes_managed", "tcm_techniques", "outpatient_revenue", "inpatient_revenue",
	  "drug_revenue", NULL },
	{ "insurance", "fund_budget", "fund_spent", "fund_spent_in_county", "fund_spent_primary",
	  "inpatients", "inpatients_out_of_county", NULL },
	{ "referral", "out_of_county", NULL },
	{ "posting", "doctor_name", "licence_no", "sending_org", "title", "specialty",
	  "receiving_org", "start_date", "planned_end_date", "actual_end_date", NULL },
};

START_TEST(test_contract_keys)
{
	for (size_t i = 0; i < sizeof contract / sizeof contract[0]; i++) {
		const struct yg_form *form = yg_form_find(contract[i][0]);
		ck_assert_msg(form != NULL, "%s", contract[i][0]);
		for (size_t k = 1; contract[i][k]; k++)
			ck_assert_msg(yg_field_index(form, contract[i][k]) >= 0, "%s.%s",
				contract[i][0], contract[i][k]);
	}
	ck_assert_int_eq(yg_field_index(&form_procurement, "drug_amount") >= 0, 1);
	ck_assert_int_eq(form_procurement.fields[yg_field_index(&form_procurement,
		"drug_amount")].type, YG_T_AMOUNT);
	ck_assert_int_eq(form_procurement.fields[yg_field_index(&form_procurement,
		"payment_days")].type, YG_T_DECIMAL);
	/* The registry's order. */
	const char *order[] = { "staffing", "sentdown", "familydoc", "capacity", "procurement",
		"services", "insurance", "posting", "referral", "posting_activity" };
	ck_assert_int_eq(yg_form_count(), 10);
	for (size_t i = 0; i < 10; i++)
		ck_assert_str_eq(yg_form_at(i)->key, order[i]);
}
END_TEST

START_TEST(test_specs_well_formed)
{
	for (size_t i = 0; i < yg_form_count(); i++) {
		const struct yg_form *form = yg_form_at(i);
		ck_assert(form->zh && *form->zh && form->en && *form->en);
		for (size_t k = 0; k < form->nfields; k++) {
			const struct yg_field *f = &form->fields[k];
			ck_assert_msg(strspn(f->key, "abcdefghijklmnopqrstuvwxyz0123456789_") ==
				strlen(f->key), "%s.%s", form->key, f->key);
			ck_assert_msg(f->zh && *f->zh && f->en && *f->en, "%s.%s", form->key,
				f->key);
			ck_assert_int_eq(yg_field_index(form, f->key), (int)k); /* unique */
			/* Labels head the wide export's columns: unique in each language. */
			for (size_t j = 0; j < k; j++)
				ck_assert_msg(strcmp(form->fields[j].zh, f->zh) != 0 &&
					strcmp(form->fields[j].en, f->en) != 0,
					"%s: %s and %s share a label",
					form->key, form->fields[j].key, f->key);
			if (f->type == YG_T_CHOICE)
				ck_assert_ptr_nonnull(f->choices);
			bool numeric = f->type == YG_T_COUNT || f->type == YG_T_AMOUNT ||
				f->type == YG_T_DECIMAL;
			if (numeric)
				ck_assert_msg(f->max > f->min && f->unit_zh && f->unit_en, "%s.%s",
					form->key, f->key);
			ck_assert_msg(k > 0 || f->indent == 0, "%s: first field indented",
				form->key);
		}
		for (size_t k = 0; k < form->nrules; k++) {
			const struct yg_rule *r = &form->rules[k];
			ck_assert_msg(r->id && *r->id && r->source && *r->source && r->zh &&
				*r->zh && r->en && *r->en && r->check, "%s rule %zu", form->key, k);
			for (size_t j = 0; j < k; j++)
				ck_assert_msg(strcmp(form->rules[j].id, r->id) != 0, "%s: %s twice",
					form->key, r->id);
			/* Targets cite their seed document. */
			if (r->id[0] == 'T')
				ck_assert_msg(r->severity == YG_SEV_TARGET && r->source[0] == '0',
					"%s %s", form->key, r->id);
		}
	}
	ck_assert_str_eq(forms_rule_t4.id, "T4");
	ck_assert(forms_rule_t4.source[0] == '0');
}
END_TEST

/* A value a user could type for f, distinct per field index i. */
static char *sample(const struct yg_field *f, int i)
{
	switch (f->type) {
	case YG_T_COUNT:
		return yg_asprintf("%d", (int)(f->max < 40 ? f->max - 1 : 7 + i));
	case YG_T_AMOUNT:
		return yg_asprintf("%d.%02d", 1234 + i, 5 + i);
	case YG_T_DECIMAL:
		return yg_asprintf("%d.%02d", 12 + i, 34);
	case YG_T_DATE:
		return yg_asprintf("2025-03-%02d", 1 + i % 28);
	case YG_T_TEXT:
		return yg_asprintf("张三%d", i);
	case YG_T_CODE:
		return yg_asprintf("AB-%d", i);
	case YG_T_CHOICE:
		return yg_strdup(f->choices[1].value ? f->choices[1].value : f->choices[0].value);
	case YG_T_BOOL:
		return yg_strdup(i % 2 ? "1" : "0");
	case YG_T_ORG:
		return yg_strdup("T1");
	}
	return NULL;
}

static void round_trip(const char *form_key, const char *org)
{
	const struct yg_form *form = yg_form_find(form_key);
	struct yg_sub *s = sub_with(form_key, org, "2026-02", NULL);
	for (size_t k = 0; k < form->nfields; k++) {
		if (form->fields[k].derived)
			continue;
		char *text = sample(&form->fields[k], (int)k);
		ck_assert_msg(yg_sub_set(s, form->fields[k].key, text) == YG_OK, "%s.%s=%s: %s",
			form_key, form->fields[k].key, text, yg_errmsg());
		free(text);
	}
	ck_assert_msg(yg_sub_save(db, s) == YG_OK, "%s: %s", form_key, yg_errmsg());
	struct yg_sub *back = NULL;
	ck_assert_int_eq(yg_sub_load(db, form_key, org, per("2026-02"), &back), YG_OK);
	ck_assert_int_eq(back->state, YG_ST_DRAFT);
	for (size_t k = 0; k < form->nfields; k++) {
		ck_assert_msg(s->values[k].set, "%s.%s not set", form_key, form->fields[k].key);
		char *a = yg_field_format(&form->fields[k], &s->values[k]);
		char *b = yg_field_format(&form->fields[k], &back->values[k]);
		ck_assert_msg(yg_value_equal(&s->values[k], &back->values[k]), "%s.%s: %s -> %s",
			form_key, form->fields[k].key, a, b);
		free(a);
		free(b);
	}
	yg_sub_free(back);
	yg_sub_free(s);
}

/* What screens read of a spec instead of naming forms: every return has a
 * short name for the grid, a roster is a registered record form, and home
 * letters do not collide. */
START_TEST(test_specs_say_what_screens_need)
{
	char seen[128] = { 0 };

	for (size_t i = 0; i < yg_form_count(); i++) {
		const struct yg_form *form = yg_form_at(i);
		if (!form->is_record && form->kinds) {
			ck_assert_msg(form->short_zh && form->short_en, "%s", form->key);
			/* The grid's column: 3 double-width characters, 6 letters. */
			ck_assert_msg(strlen(form->short_zh) <= 9 && strlen(form->short_en) <= 6,
				"%s", form->key);
		}
		if (form->roster) {
			ck_assert_msg(form->roster->is_record, "%s", form->key);
			ck_assert_ptr_eq(yg_form_find(form->roster->key), form->roster);
			ck_assert_ptr_eq(yg_roster_find(form->key), form->roster);
			ck_assert_ptr_eq(yg_roster_find(form->roster->key), form->roster);
		}
		if (form->activity)
			ck_assert_ptr_eq(yg_form_find(form->activity->key), form->activity);
		if (form->home_key) {
			ck_assert_msg(form->is_record && form->home_bar_zh && form->home_bar_en &&
				form->home_help_zh && form->home_help_en, "%s", form->key);
			ck_assert_msg(!seen[(unsigned char)form->home_key], "%c twice",
				form->home_key);
			seen[(unsigned char)form->home_key] = 1;
		}
	}
	ck_assert_ptr_null(yg_roster_find("staffing"));
	ck_assert_ptr_null(yg_roster_find("nosuchform"));
}
END_TEST

/* A new form is its spec: registered beside the others, the calls screens
 * list and name forms with (the registry, status list, short name, roster)
 * find it without any other change. */
static const struct yg_field toy_record_fields[] = {
	{ .key = "name", .zh = "名称", .en = "Name", .type = YG_T_TEXT, .required = true },
};
static const struct yg_form toy_record = {
	.key = "toy_record", .zh = "玩具名册", .en = "Toy roster", .is_record = true,
	.fields = toy_record_fields, .nfields = 1, .home_key = 't',
	.home_bar_zh = "玩具", .home_bar_en = "toys",
	.home_help_zh = "玩具名册", .home_help_en = "toy roster",
};
static const struct yg_field toy_fields[] = {
	{ .key = "toys", .zh = "玩具数", .en = "Toys", .type = YG_T_COUNT, .unit_zh = "个",
	  .unit_en = "toys", .min = 0, .max = 100 },
};
static const struct yg_form toy = {
	.key = "toy", .zh = "玩具月报", .en = "Toy return",
	.kinds = YG_KIND_BIT(YG_KIND_TOWNSHIP), .fields = toy_fields, .nfields = 1,
	.short_zh = "玩具", .short_en = "Toy", .roster = &toy_record,
};

START_TEST(test_new_form_is_its_spec)
{
	const struct yg_form *all[16];
	size_t n = yg_form_count(), listed = 0;
	struct yg_status *v = NULL;
	size_t nv = 0;

	ck_assert_uint_le(n + 2, sizeof all / sizeof all[0]);
	for (size_t i = 0; i < n; i++)
		all[i] = yg_form_at(i);
	all[n] = &toy;
	all[n + 1] = &toy_record;
	yg_forms_register(all, n + 2);
	ck_assert_ptr_eq(yg_form_find("toy"), &toy);
	ck_assert_ptr_eq(yg_roster_find("toy"), &toy_record);
	ck_assert_ptr_eq(yg_roster_find("toy_record"), &toy_record);
	yg_set_lang(YG_ZH);
	ck_assert_str_eq(yg_form_short(&toy), "玩具");
	yg_set_lang(YG_EN);
	ck_assert_str_eq(yg_form_short(&toy), "Toy");
	ck_assert_str_eq(yg_form_short(&form_posting), "Posting roster"); /* no short name */
	as_admin();
	ck_assert_int_eq(yg_status_list(db, per("2026-10"), &v, &nv), YG_OK);
	for (size_t i = 0; i < nv; i++)
		if (v[i].form == &toy) {
			listed++;
			ck_assert_msg(strcmp(v[i].org_code, "T1") == 0 || strcmp(v[i].org_code, "T2")
				== 0 || strcmp(v[i].org_code, "T3") == 0, "%s", v[i].org_code);
		}
	yg_status_list_free(v, nv);
	ck_assert_uint_eq(listed, 3); /* the three townships */
	forms_register_all();
	ck_assert_ptr_null(yg_form_find("toy"));
}
END_TEST

START_TEST(test_round_trip_returns)
{
	/* Derived fields get something to count. */
	int64_t id = post("RT", "H1", "attending", "T1", "2026-01-01", "2026-06-30", NULL);
	as_admin();
	ck_assert_int_eq(yg_activity_set(db, id, per("2026-02"), "ward_rounds", 12), YG_OK);
	ck_assert_int_eq(refer("T1", "2026-02-03", "a", "up", "T1", "H1", "1", "I10", "pending",
		"1", NULL), YG_OK);
	round_trip("staffing", "T1");
	round_trip("sentdown", "T1");
	round_trip("familydoc", "T1");
	round_trip("capacity", "H1");
	round_trip("procurement", "T1");
	round_trip("procurement", "U1");

	struct yg_sub *s = sub_with("sentdown", "T1", "2026-02", NULL);
	ck_assert_int_eq(yg_sub_value(s, "ward_rounds")->num, 12);
	ck_assert_int_eq(yg_sub_value(s, "attending_coverage_days")->num, 28);
	yg_sub_free(s);
	/* Amounts are exact fen. */
	s = sub_with("procurement", "T1", "2026-02", NULL);
	int k = yg_field_index(&form_procurement, "drug_amount");
	char *want = sample(&form_procurement.fields[k], k);
	char *got = yg_field_format(&form_procurement.fields[k], yg_sub_value(s, "drug_amount"));
	ck_assert_str_eq(got, want);
	free(want);
	free(got);
	yg_sub_free(s);
}
END_TEST

static const struct yg_record *by_id(struct yg_record **v, size_t n, int64_t id)
{
	for (size_t i = 0; i < n; i++)
		if (v[i]->id == id)
			return v[i];
	return NULL;
}

START_TEST(test_round_trip_records)
{
	as_admin();
	struct yg_record *p = posting_rec("RT-9", "U1", "associate_chief", "T2", "2025-01-02",
		"2025-12-30", "2025-11-29");
	ck_assert_int_eq(yg_record_save(db, p, NULL), YG_OK);
	struct yg_record *r = referral_rec("T2", "2025-02-03", "林某", "down", "H1", "T2", "1",
		"E11.9", "completed", "0");
	ck_assert_int_eq(yg_record_set(r, "out_of_county", "0"), YG_OK);
	ck_assert_int_eq(yg_record_save(db, r, NULL), YG_OK);

	struct yg_record *recs[] = { p, r };
	for (int i = 0; i < 2; i++) {
		struct yg_record **v = NULL;
		size_t n = 0;
		ck_assert_int_eq(yg_record_list(db, recs[i]->form, 0, &v, &n), YG_OK);
		const struct yg_record *back = by_id(v, n, recs[i]->id);
		ck_assert_ptr_nonnull(back);
		ck_assert_int_eq(back->org_id, org_id("T2"));
		for (size_t k = 0; k < recs[i]->form->nfields; k++) {
			ck_assert_msg(recs[i]->values[k].set, "%s.%s", recs[i]->form->key,
				recs[i]->form->fields[k].key);
			ck_assert_msg(yg_value_equal(&recs[i]->values[k], &back->values[k]),
				"%s.%s", recs[i]->form->key, recs[i]->form->fields[k].key);
		}
		yg_record_list_free(v, n);
	}
	yg_record_free(p);
	yg_record_free(r);

	/* Every activity key round-trips too. */
	struct yg_record **v = NULL;
	size_t n = 0;
	ck_assert_int_eq(yg_record_list(db, &form_posting, 0, &v, &n), YG_OK);
	ck_assert_int_eq(n, 1);
	for (size_t k = 0; k < form_posting_activity.nfields; k++) {
		int64_t x = -1;
		const char *key = form_posting_activity.fields[k].key;
		ck_assert_int_eq(yg_activity_set(db, v[0]->id, per("2025-03"), key, (int64_t)k + 3),
			YG_OK);
		ck_assert_int_eq(yg_activity_get(db, v[0]->id, per("2025-03"), key, &x), YG_OK);
		ck_assert_int_eq(x, (int64_t)k + 3);
	}
	yg_record_list_free(v, n);
}
END_TEST

/* A clerk cannot see another institution's roster, yet the same doctor
 * posted there at the same time is still refused. */
START_TEST(test_overlap_seen_beyond_scope)
{
	post("OV1", "H1", "attending", "T1", "2026-01-01", "2026-06-30", NULL);
	tl_login(db, "clk2");
	struct yg_record **v;
	size_t n;
	ck_assert_int_eq(yg_record_list(db, &form_posting, 0, &v, &n), YG_OK);
	ck_assert_int_eq(n, 0);
	yg_record_list_free(v, n);
	struct yg_record *r = posting_rec("ov1", "H1", "attending", "T2", "2026-03-01",
		"2026-09-30", NULL);
	ck_assert_int_eq(yg_record_save(db, r, NULL), YG_EINVAL);
	ck_assert_msg(strstr(yg_errmsg(), "2026-01-01") != NULL, "%s", yg_errmsg());
	ck_assert_int_eq(yg_record_set(r, "start_date", "2026-07-01"), YG_OK);
	ck_assert_msg(yg_record_save(db, r, NULL) == YG_OK, "%s", yg_errmsg());
	yg_record_free(r);
}
END_TEST

/* Whoever types a posting, it is filed in the receiving institution's roster. */
START_TEST(test_record_filed_with_owner)
{
	tl_login(db, "rev1");
	struct yg_record *r = posting_rec("OW1", "U1", "attending", "T2", "2026-01-01",
		"2026-06-30", NULL);
	r->org_id = org_id("M1"); /* as a screen of the community's reviewer would start it */
	ck_assert_msg(yg_record_save(db, r, NULL) == YG_OK, "%s", yg_errmsg());
	ck_assert_int_eq(r->org_id, org_id("T2"));
	yg_record_free(r);
	/* Moved to another institution, it moves rosters (the reviewer holds both). */
	struct yg_record **v;
	size_t n;
	ck_assert_int_eq(yg_record_list(db, &form_posting, org_id("T2"), &v, &n), YG_OK);
	ck_assert_int_eq(n, 1);
	ck_assert_int_eq(yg_record_set(v[0], "receiving_org", "T1"), YG_OK);
	ck_assert_msg(yg_record_save(db, v[0], NULL) == YG_OK, "%s", yg_errmsg());
	yg_record_list_free(v, n);
	ck_assert_int_eq(yg_record_list(db, &form_posting, org_id("T1"), &v, &n), YG_OK);
	ck_assert_int_eq(n, 1);
	yg_record_list_free(v, n);
	/* A clerk of T1 may not take it back out of T1 into T2's roster... */
	tl_login(db, "clk1");
	ck_assert_int_eq(yg_record_list(db, &form_posting, org_id("T1"), &v, &n), YG_OK);
	ck_assert_int_eq(yg_record_set(v[0], "receiving_org", "T2"), YG_OK);
	ck_assert_int_eq(yg_record_save(db, v[0], NULL), YG_EPERM);
	yg_record_list_free(v, n);
	/* ... nor file a new one into another institution's roster. */
	tl_login(db, "clk1");
	r = posting_rec("OW2", "U1", "attending", "T2", "2026-01-01", "2026-06-30", NULL);
	r->org_id = org_id("T1");
	ck_assert_int_eq(yg_record_save(db, r, NULL), YG_EPERM);
	yg_record_free(r);
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("forms");
	TCase *tc;

	tc = tcase_create("specs");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_contract_keys);
	tcase_add_test(tc, test_specs_well_formed);
	tcase_add_test(tc, test_specs_say_what_screens_need);
	tcase_add_test(tc, test_new_form_is_its_spec);
	tcase_add_test(tc, test_round_trip_returns);
	tcase_add_test(tc, test_round_trip_records);
	suite_add_tcase(s, tc);

	tc = tcase_create("targets");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_loop_test(tc, test_ratio_targets, 0,
		(int)(sizeof ratio_cases / sizeof ratio_cases[0]));
	tcase_add_test(tc, test_ratio_finding_figures);
	tcase_add_test(tc, test_t10_not_for_primary);
	tcase_add_test(tc, test_thresholds_are_data);
	tcase_add_test(tc, test_t1);
	tcase_add_test(tc, test_t12);
	tcase_add_test(tc, test_t13_pace);
	suite_add_tcase(s, tc);

	tc = tcase_create("checks");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_staffing_checks);
	tcase_add_test(tc, test_staffing_warning_needs_explanation);
	tcase_add_test(tc, test_outliers);
	tcase_add_test(tc, test_procurement_checks);
	tcase_add_test(tc, test_familydoc_checks);
	tcase_add_test(tc, test_capacity_checks);
	suite_add_tcase(s, tc);

	tc = tcase_create("postings");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_t2_t3_rotation);
	tcase_add_test(tc, test_activity_within_posting);
	tcase_add_test(tc, test_activity_save_all_or_nothing);
	tcase_add_test(tc, test_frozen_return_keeps_its_roster);
	tcase_add_test(tc, test_t2_partial_month_and_boundaries);
	tcase_add_test(tc, test_t2_doctor_moves);
	tcase_add_test(tc, test_t2_leap_february);
	tcase_add_test(tc, test_t5_six_months);
	tcase_add_test(tc, test_months_later_eve);
	tcase_add_test(tc, test_posting_checks);
	tcase_add_test(tc, test_overlap_seen_beyond_scope);
	tcase_add_test(tc, test_record_filed_with_owner);
	tcase_add_test(tc, test_t4_community);
	tcase_add_test(tc, test_t2_t3_modes_and_hand_overs);
	suite_add_tcase(s, tc);

	tc = tcase_create("referrals");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_referral_checks);
	tcase_add_test(tc, test_referral_has_no_activity);
	tcase_add_test(tc, test_referral_counts);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
