/*
 * check_dashboard.c — every figure of the targets dashboard (forms/dashboard.c)
 * against values counted by hand on a small fixed county (tests/testlib.h),
 * October 2026, filed through the core API.
 *
 *   M1: H1 (secondary), T1 (key central), T2        M2: H2, T3, S1        U1 tertiary
 */
#include <check.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "bulletin.h"
#include "dashboard.h"
#include "forms.h"
#include "testlib.h"

static yg_db *db;
static const yg_period P = 202610;

struct kv {
	const char *k, *v;
};

/* Files a return for org as login: every entered field 0 first, then kv;
 * each warning explained; submitted unless draft_only. */
static int64_t file(const char *login, const char *form, const char *org, const struct kv *kv,
	bool draft_only)
{
	struct yg_sub *sub = NULL;
	struct yg_findings out;
	int64_t id;

	tl_login(db, login);
	ck_assert_msg(yg_sub_load(db, form, org, P, &sub) == YG_OK, "%s", yg_errmsg());
	for (size_t i = 0; i < sub->form->nfields; i++) {
		const struct yg_field *f = &sub->form->fields[i];

		if (!f->derived && f->type != YG_T_TEXT && f->type != YG_T_CHOICE &&
		    f->type != YG_T_ORG && f->type != YG_T_CODE && f->type != YG_T_DATE)
			ck_assert_int_eq(yg_sub_set(sub, f->key, "0"), YG_OK);
	}
	for (; kv && kv->k; kv++)
		ck_assert_msg(yg_sub_set(sub, kv->k, kv->v) == YG_OK, "%s %s: %s", form, kv->k,
			yg_errmsg());
	if (draft_only) {
		ck_assert_msg(yg_sub_save(db, sub) == YG_OK, "%s", yg_errmsg());
	} else {
		yg_findings_init(&out);
		ck_assert_int_eq(yg_sub_check(db, sub, &out), YG_OK);
		for (size_t i = 0; i < out.n; i++)
			if (out.v[i].severity == YG_SEV_WARNING)
				ck_assert_int_eq(yg_sub_explain(sub, out.v[i].rule, "test"), YG_OK);
		yg_findings_free(&out);
		yg_findings_init(&out);
		ck_assert_msg(yg_sub_submit(db, sub, &out) == YG_OK, "%s %s: %s", form, org,
			yg_errmsg());
		yg_findings_free(&out);
	}
	id = sub->id;
	yg_sub_free(sub);
	return id;
}

static int64_t org_id(const char *code)
{
	struct yg_org o = { 0 };
	int64_t id;

	ck_assert_int_eq(yg_org_get(db, code, &o), YG_OK);
	id = o.id;
	yg_org_clear(&o);
	return id;
}

static void post(const char *licence, const char *from, const char *title, const char *to,
	const char *start, const char *planned)
{
	struct yg_record *r = yg_record_new(yg_form_find("posting"), org_id(to));
	const struct kv kv[] = {
		{ "doctor_name", "张医生" }, { "licence_no", licence }, { "sending_org", from },
		{ "title", title }, { "specialty", "内科" }, { "receiving_org", to },
		{ "start_date", start }, { "planned_end_date", planned }, { "mode", "resident" },
		{ "profession", "medical" }, { NULL, NULL },
	};
	struct yg_findings f;

	for (const struct kv *p = kv; p->k; p++)
		ck_assert_msg(yg_record_set(r, p->k, p->v) == YG_OK, "%s", yg_errmsg());
	tl_login(db, "adm");
	yg_findings_init(&f);
	ck_assert_msg(yg_record_save(db, r, &f) == YG_OK, "posting %s: %s", licence, yg_errmsg());
	yg_findings_free(&f);
	yg_record_free(r);
}

static int64_t t1_staffing, t2_staffing, t3_staffing;

static void setup(void)
{
	forms_register_all();
	db = tl_db_new();
	ck_assert_int_eq(yg_user_put(db, "clks1", YG_ROLE_CLERK, "S1"), YG_OK);

	/* T1: public-health physicians. */
	t1_staffing = file("clk1", "staffing", "T1", (const struct kv[]){
		{ "authorised_posts", "50" }, { "staff_on_post", "40" },
		{ "licensed_physicians", "10" }, { "public_health_physicians", "2" }, { 0 } },
		false);
	t2_staffing = file("clk2", "staffing", "T2", (const struct kv[]){
		{ "authorised_posts", "50" }, { "staff_on_post", "40" },
		{ "licensed_physicians", "10" }, { 0 } }, false);
	t3_staffing = file("clk3", "staffing", "T3", (const struct kv[]){
		{ "authorised_posts", "50" }, { "staff_on_post", "40" },
		{ "licensed_physicians", "10" }, { "public_health_physicians", "1" }, { 0 } },
		false);
	/* A draft counts for nothing. */
	file("clks1", "staffing", "S1", (const struct kv[]){
		{ "authorised_posts", "50" }, { "staff_on_post", "40" }, { 0 } }, true);

	/* T8–T13. */
	file("clk1", "procurement", "T1", (const struct kv[]){
		{ "drug_varieties", "100" }, { "essential_varieties", "85" },
		{ "drug_amount", "1000" }, { "online_amount", "1000" },
		{ "orders", "10" }, { "orders_on_time", "9" }, { "payment_days", "25" },
		{ "payments", "10" }, { "payments_late", "0" },
		{ "vbp_contracted", "1200" }, { "vbp_purchased", "1000" }, { 0 } }, false);
	file("clk2", "procurement", "T2", (const struct kv[]){
		{ "drug_varieties", "100" }, { "essential_varieties", "90" },
		{ "drug_amount", "1000" }, { "online_amount", "990" },
		{ "payment_days", "31" }, { "payments", "5" }, { "payments_late", "1" }, { 0 } },
		false);
	file("clkh1", "procurement", "H1", (const struct kv[]){
		{ "drug_varieties", "100" }, { "essential_varieties", "50" },
		{ "drug_amount", "2000" }, { "online_amount", "1900" },
		{ "consumables_amount", "1000" }, { "consumables_online_amount", "900" },
		{ "orders", "20" }, { "orders_on_time", "18" }, { "payment_days", "40" },
		{ "payments", "8" }, { "payments_late", "2" },
		{ "vbp_contracted", "600" }, { "vbp_purchased", "400" }, { 0 } }, false);
	file("clk3", "procurement", "T3", (const struct kv[]){
		{ "drug_varieties", "100" }, { "essential_varieties", "70" },
		{ "orders", "10" }, { "orders_on_time", "10" }, { "payment_days", "30" },
		{ "payments", "0" }, { "payments_late", "0" }, { 0 } }, false);

	/* T6. */
	file("clk1", "familydoc", "T1", (const struct kv[]){
		{ "residents", "1000" }, { "residents_signed", "400" },
		{ "key_population", "100" }, { "key_population_signed", "50" }, { 0 } }, false);
	file("clk2", "familydoc", "T2", (const struct kv[]){
		{ "residents", "1000" }, { "residents_signed", "200" },
		{ "key_population", "100" }, { "key_population_signed", "70" }, { 0 } }, false);

	/* T7: beds 0 is not applicable. */
	file("clkh1", "capacity", "H1", (const struct kv[]){
		{ "expert_slots", "100" }, { "expert_slots_reserved", "20" },
		{ "exams", "50" }, { "exams_reserved", "5" }, { 0 } }, false);

	/* T2–T5: M1 is supported by the city's tertiary hospital U1, three of
	 * whose experts are resident at T1 for seven months; one doctor of the
	 * lead hospital at T1 and one at T2 for three months; an old posting at
	 * T3 that October does not see.  M2 names no supporting hospital. */
	tl_login(db, "adm");
	ck_assert_int_eq(yg_org_set_support(db, "M1", NULL, "U1", NULL), YG_OK);
	post("L0", "H1", "attending", "T1", "2026-10-01", "2026-12-31");
	post("E1", "U1", "attending", "T1", "2026-07-01", "2027-01-31");
	post("E2", "U1", "chief", "T1", "2026-07-01", "2027-01-31");
	post("E3", "U1", "associate_chief", "T1", "2026-08-01", "2027-02-28");
	post("L1", "H1", "attending", "T2", "2026-10-01", "2026-12-31");
	post("L2", "H2", "resident", "T3", "2026-01-01", "2026-06-30");
	file("clk1", "sentdown", "T1", NULL, false);
	file("clk2", "sentdown", "T2", NULL, false);
	tl_login(db, "adm");
}

static void teardown(void)
{
	tl_db_free(db);
}

static const struct dash_fig *fig(const struct dash *d, const char *code, const char *target)
{
	const struct dash_unit *u = dash_unit_find(d, code);
	int t = dash_target_index(target);

	ck_assert_msg(u != NULL, "no unit %s", code);
	ck_assert_int_ge(t, 0);
	return &u->fig[t];
}

#define COUNT(d, code, target, m, k, n) do { \
	const struct dash_fig *f_ = fig(d, code, target); \
	ck_assert_msg(f_->met == (m) && f_->met_n == (k) && f_->applies_n == (n), \
		"%s %s: met %d, %d of %d", code, target, f_->met, f_->met_n, f_->applies_n); \
} while (0)

#define OWN(d, code, target, m, n, dn) do { \
	const struct dash_fig *f_ = fig(d, code, target); \
	ck_assert_msg(f_->met == (m) && f_->num == (n) && f_->den == (dn), \
		"%s %s: met %d, %lld/%lld", code, target, f_->met, (long long)f_->num, \
		(long long)f_->den); \
} while (0)

#define PART(d, code, target, i, m, n, dn) do { \
	const struct dash_fig *f_ = fig(d, code, target); \
	ck_assert_msg(f_->nparts > (i) && f_->part[i].met == (m) && f_->part[i].num == (n) && \
		f_->part[i].den == (dn), "%s %s part %d: met %d, %lld/%lld", code, target, i, \
		f_->nparts > (i) ? f_->part[i].met : 9, \
		f_->nparts > (i) ? (long long)f_->part[i].num : -1, \
		f_->nparts > (i) ? (long long)f_->part[i].den : -1); \
} while (0)

START_TEST(test_units)
{
	struct dash d;

	ck_assert_int_eq(dash_compute(db, P, &d), YG_OK);
	ck_assert_int_eq(d.period, P);
	/* C, M1, H1, T1, T2, M2, H2, T3, S1, U1: aggregates and institutions. */
	ck_assert_uint_eq(d.n, 10);
	ck_assert_str_eq(d.u[0].code, "C");
	ck_assert(d.u[0].aggregate);
	ck_assert_int_eq(d.u[0].depth, 0);
	ck_assert_int_eq(dash_unit_find(&d, "M1")->depth, 1);
	ck_assert_int_eq(dash_unit_find(&d, "T1")->depth, 2);
	ck_assert(!dash_unit_find(&d, "U1")->aggregate);
	dash_free(&d);
}
END_TEST

START_TEST(test_count_targets)
{
	struct dash d;

	ck_assert_int_eq(dash_compute(db, P, &d), YG_OK);
	/* T1: T1 has 2, T2 none, T3 one; S1's draft does not count. */
	OWN(&d, "T1", "T1", YG_MET, 2, 0);
	OWN(&d, "T2", "T1", YG_MISSED, 0, 0);
	OWN(&d, "S1", "T1", YG_NA, 0, 0);
	COUNT(&d, "M1", "T1", YG_MISSED, 1, 2);
	COUNT(&d, "M2", "T1", YG_MET, 1, 1);
	COUNT(&d, "C", "T1", YG_MISSED, 2, 3);
	/* T2: both townships of M1 covered all 31 days. */
	OWN(&d, "T1", "T2", YG_MET, 31, 31);
	OWN(&d, "T2", "T2", YG_MET, 31, 31);
	COUNT(&d, "M1", "T2", YG_MET, 2, 2);
	COUNT(&d, "M2", "T2", YG_NA, 0, 0);
	COUNT(&d, "C", "T2", YG_MET, 2, 2);
	/* T3: only the key central T1, with the lead hospital's one resident
	 * (U1's experts are not the lead hospital's). */
	OWN(&d, "T1", "T3", YG_MET, 1, 0);
	OWN(&d, "T2", "T3", YG_NA, 0, 0);
	COUNT(&d, "C", "T3", YG_MET, 1, 1);
	/* T5: T1's three batches from U1 last long enough; the lead hospital's
	 * three-month rotations at T1 and T2 are no batch (T2 allows them);
	 * the posting at T3 ended before October. */
	OWN(&d, "T1", "T5", YG_MET, 3, 3);
	OWN(&d, "T2", "T5", YG_NA, 0, 0);
	OWN(&d, "T3", "T5", YG_NA, 0, 0);
	COUNT(&d, "M1", "T5", YG_MET, 1, 1);
	COUNT(&d, "C", "T5", YG_MET, 1, 1);
	/* T12: a single late settlement misses, whatever the average; T3 paid
	 * nothing: not applicable. */
	OWN(&d, "T1", "T12", YG_MET, 0, 0);
	OWN(&d, "T2", "T12", YG_MISSED, 1, 0);
	OWN(&d, "H1", "T12", YG_MISSED, 2, 0);
	OWN(&d, "T3", "T12", YG_NA, 0, 0);
	COUNT(&d, "M1", "T12", YG_MISSED, 1, 3);
	COUNT(&d, "M2", "T12", YG_NA, 0, 0);
	COUNT(&d, "C", "T12", YG_MISSED, 1, 3);
	/* T4: three experts from U1 at M1; M2 names no supporting hospital. */
	OWN(&d, "M1", "T4", YG_MET, 3, 0);
	OWN(&d, "M2", "T4", YG_NA, 0, 0);
	COUNT(&d, "C", "T4", YG_MET, 1, 1);
	OWN(&d, "T1", "T4", YG_NA, 0, 0);
	dash_free(&d);
}
END_TEST

START_TEST(test_ratio_targets)
{
	struct dash d;

	ck_assert_int_eq(dash_compute(db, P, &d), YG_OK);
	/* T8: 85, 90, 50 and 70 of 100; thresholds 80 (primary), 60 (H1).
	 * M1: 225/300 against (80+80+60)/300: met though H1 missed. */
	PART(&d, "T1", "T8", 0, YG_MET, 85, 100);
	PART(&d, "H1", "T8", 0, YG_MISSED, 50, 100);
	PART(&d, "M1", "T8", 0, YG_MET, 225, 300);
	COUNT(&d, "M1", "T8", YG_MET, 2, 3);
	PART(&d, "M2", "T8", 0, YG_MISSED, 70, 100);
	/* C: 295/400 against 300/400 needed. */
	PART(&d, "C", "T8", 0, YG_MISSED, 295, 400);
	COUNT(&d, "C", "T8", YG_MISSED, 2, 4);
	/* T9 in fen: 3890 of 4000 yuan against 100 %, 100 %, 95 %:
	 * 466.8 < 468 thousand. T3 bought nothing: not applicable. */
	PART(&d, "M1", "T9", 0, YG_MISSED, 389000, 400000);
	COUNT(&d, "M1", "T9", YG_MISSED, 2, 3);
	ck_assert_int_eq(fig(&d, "T3", "T9")->met, YG_NA);
	ck_assert_int_eq(fig(&d, "M2", "T9")->met, YG_NA);
	/* T10: secondary only. */
	PART(&d, "C", "T10", 0, YG_MISSED, 90000, 100000);
	COUNT(&d, "C", "T10", YG_MISSED, 0, 1);
	ck_assert_int_eq(fig(&d, "T1", "T10")->met, YG_NA);
	/* T11: 9/10, 18/20, 10/10 (T2 had no orders): 37/40 >= 90 %. */
	PART(&d, "M1", "T11", 0, YG_MET, 27, 30);
	PART(&d, "C", "T11", 0, YG_MET, 37, 40);
	COUNT(&d, "C", "T11", YG_MET, 3, 3);
	/* T13 in October (10/12 of the year): T1 1000/1200 exactly on pace,
	 * H1 400/600 behind; together 1400/1800 against 1500. */
	PART(&d, "T1", "T13", 0, YG_MET, 1000, 1200);
	PART(&d, "M1", "T13", 0, YG_MISSED, 1400, 1800);
	COUNT(&d, "M1", "T13", YG_MISSED, 1, 2);
	ck_assert_int_eq(fig(&d, "T2", "T13")->met, YG_NA);
	/* T6, two parts: each township misses one, together they meet both:
	 * 600/2000 = 30 %, 120/200 = 60 %. */
	ck_assert_int_eq(fig(&d, "T1", "T6")->met, YG_MISSED);
	ck_assert_int_eq(fig(&d, "T2", "T6")->met, YG_MISSED);
	PART(&d, "M1", "T6", 0, YG_MET, 600, 2000);
	PART(&d, "M1", "T6", 1, YG_MET, 120, 200);
	ck_assert_str_eq(fig(&d, "M1", "T6")->part[0].field, "residents_signed");
	ck_assert_str_eq(fig(&d, "M1", "T6")->part[1].field, "key_population_signed");
	COUNT(&d, "M1", "T6", YG_MET, 0, 2);
	/* T7: slots met, beds 0 not applicable, exams missed. */
	PART(&d, "H1", "T7", 0, YG_MET, 20, 100);
	PART(&d, "H1", "T7", 1, YG_NA, 0, 0);
	PART(&d, "H1", "T7", 2, YG_MISSED, 5, 50);
	ck_assert_int_eq(fig(&d, "H1", "T7")->met, YG_MISSED);
	PART(&d, "C", "T7", 1, YG_NA, 0, 0);
	COUNT(&d, "C", "T7", YG_MISSED, 0, 1);
	dash_free(&d);
}
END_TEST

START_TEST(test_levels)
{
	struct dash d;
	const struct dash_unit *u;

	ck_assert_int_eq(dash_compute(db, P, &d), YG_OK);
	u = dash_unit_find(&d, "M1");
	ck_assert_int_eq(dash_level(u, dash_target_index("T8")), 750);   /* 225/300 */
	ck_assert_int_eq(dash_level(u, dash_target_index("T1")), 500);   /* 1 of 2 */
	ck_assert_int_eq(dash_level(u, dash_target_index("T4")), 1000);  /* its own, met */
	u = dash_unit_find(&d, "M2");
	ck_assert_int_eq(dash_level(u, dash_target_index("T9")), -1);
	ck_assert_int_eq(dash_level(u, dash_target_index("T4")), -1); /* not applicable */
	u = dash_unit_find(&d, "T2");
	ck_assert_int_eq(dash_level(u, dash_target_index("T1")), 0);
	ck_assert_int_eq(dash_level(u, dash_target_index("T2")), 1000);
	dash_free(&d);
}
END_TEST

/* Returned returns leave the figures; approved ones stay. */
START_TEST(test_lifecycle)
{
	struct dash d;
	struct yg_sub *sub = NULL;
	int64_t ids[1], versions[1];
	size_t approved = 0, skipped = 0;

	tl_login(db, "revc");
	ck_assert_int_eq(yg_sub_load_id(db, t2_staffing, &sub), YG_OK);
	ck_assert_int_eq(yg_sub_return(db, sub->id, sub->version, "补充"), YG_OK);
	yg_sub_free(sub);
	ck_assert_int_eq(yg_sub_load_id(db, t3_staffing, &sub), YG_OK);
	ids[0] = sub->id;
	versions[0] = sub->version;
	yg_sub_free(sub);
	ck_assert_int_eq(yg_sub_approve_clean(db, ids, versions, 1, &approved, &skipped), YG_OK);
	ck_assert_uint_eq(approved, 1);
	ck_assert_int_eq(dash_compute(db, P, &d), YG_OK);
	OWN(&d, "T2", "T1", YG_NA, 0, 0);
	COUNT(&d, "M1", "T1", YG_MET, 1, 1);
	COUNT(&d, "M2", "T1", YG_MET, 1, 1);
	COUNT(&d, "C", "T1", YG_MET, 2, 2);
	dash_free(&d);
	(void)t1_staffing;
}
END_TEST

/* A community's reviewer sees the community and its institutions, with the
 * same figures the county sees for them. */
START_TEST(test_scope)
{
	struct dash d;

	tl_login(db, "rev1");
	ck_assert_int_eq(dash_compute(db, P, &d), YG_OK);
	ck_assert_uint_eq(d.n, 4);
	ck_assert_str_eq(d.u[0].code, "M1");
	ck_assert_int_eq(d.u[0].depth, 0);
	ck_assert_ptr_null(dash_unit_find(&d, "T3"));
	COUNT(&d, "M1", "T1", YG_MISSED, 1, 2);
	PART(&d, "M1", "T8", 0, YG_MET, 225, 300);
	OWN(&d, "M1", "T4", YG_MET, 3, 0);
	dash_free(&d);
}
END_TEST

/* A month with nothing filed: every figure not applicable. */
START_TEST(test_empty_month)
{
	struct dash d;

	ck_assert_int_eq(dash_compute(db, 202601, &d), YG_OK);
	for (size_t i = 0; i < d.n; i++)
		for (int t = 0; t < DASH_NTARGETS; t++)
			if (strcmp(dash_targets[t].id, "T4") && strcmp(dash_targets[t].id, "T5"))
				ck_assert_msg(d.u[i].fig[t].met == YG_NA, "%s %s", d.u[i].code,
					dash_targets[t].id);
	/* The old posting at T3 is active in January, from M2's own lead
	 * hospital: no batch of a supporting hospital. */
	OWN(&d, "T3", "T5", YG_NA, 0, 0);
	dash_free(&d);
}
END_TEST

/* DESIGN §4: before a target's first month it is not in force, never
 * missed, at every level. */
START_TEST(test_not_in_force)
{
	struct dash d;

	tl_login(db, "adm");
	struct yg_target t = { .id = "T4", .from = 202611, .threshold = 3 };
	ck_assert_int_eq(yg_target_put(db, &t, 202509), YG_OK);
	t = (struct yg_target){ .id = "T2", .from = 202611, .threshold = 100 };
	ck_assert_int_eq(yg_target_put(db, &t, 202509), YG_OK);
	ck_assert_int_eq(dash_compute(db, P, &d), YG_OK);
	ck_assert_int_eq(fig(&d, "M1", "T4")->met, YG_NOT_IN_FORCE);
	ck_assert_int_eq(fig(&d, "C", "T4")->met, YG_NOT_IN_FORCE);
	ck_assert_int_eq(fig(&d, "T1", "T2")->met, YG_NOT_IN_FORCE);
	ck_assert_int_eq(fig(&d, "M1", "T2")->met, YG_NOT_IN_FORCE);
	ck_assert_int_eq(dash_level(dash_unit_find(&d, "M1"), dash_target_index("T4")), -1);
	/* The others as before. */
	ck_assert_int_eq(fig(&d, "T1", "T3")->met, YG_MET);
	dash_free(&d);
	ck_assert_int_eq(dash_compute(db, 202611, &d), YG_OK);
	ck_assert_int_eq(fig(&d, "M1", "T4")->met, YG_MET);
	dash_free(&d);
}
END_TEST

/* Every figure of d equal to the same unit's in e (both over one scope). */
static void same_figures(const struct dash *d, const struct dash *e)
{
	ck_assert_uint_eq(d->n, e->n);
	for (size_t i = 0; i < d->n; i++) {
		ck_assert_str_eq(d->u[i].code, e->u[i].code);
		ck_assert_int_eq(d->u[i].depth, e->u[i].depth);
		for (int t = 0; t < DASH_NTARGETS; t++) {
			const struct dash_fig *f = &d->u[i].fig[t], *g = &e->u[i].fig[t];
			char *a = dash_figure_text(&d->u[i], t), *b = dash_figure_text(&e->u[i], t);

			ck_assert_msg(f->met == g->met && f->num == g->num && f->den == g->den &&
				f->met_n == g->met_n && f->applies_n == g->applies_n &&
				f->nparts == g->nparts && !strcmp(a, b), "%s %s: %s against %s",
				d->u[i].code, dash_targets[t].id, a, b);
			for (size_t k = 0; k < f->nparts; k++)
				ck_assert(f->part[k].field == g->part[k].field &&
					f->part[k].num == g->part[k].num &&
					f->part[k].den == g->part[k].den &&
					f->part[k].met == g->part[k].met &&
					f->part[k].need1200 == g->part[k].need1200);
			free(a);
			free(b);
		}
	}
}

static bool sealed(enum yg_memo_kind kind, yg_period p)
{
	bool s = false;

	ck_assert_int_eq(yg_memo_sealed(db, kind, p, &s), YG_OK);
	return s;
}

/* Issue 14: the county's admin stores the month's figures the first time a
 * screen asks; they read back equal to those computed from the returns, a
 * change deletes them and the next read stores the new figures; a
 * community's reviewer computes without storing; `check` finds a row that
 * differs. */
START_TEST(test_stored_figures)
{
	struct dash d, live;
	struct yg_sub *sub = NULL;
	struct yg_findings f;
	sqlite3 *raw;

	tl_login(db, "adm");
	ck_assert(yg_memo_writable(db));
	ck_assert(!sealed(YG_MEMO_DASH, P));
	ck_assert_int_eq(dash_compute(db, P, &d), YG_OK);
	ck_assert(sealed(YG_MEMO_DASH, P));
	ck_assert_int_eq(dash_compute_live(db, P, DASH_RECEIVED, &live), YG_OK);
	same_figures(&d, &live);
	dash_free(&d);
	dash_free(&live);
	/* Read back, not computed: the same. */
	ck_assert_int_eq(dash_compute(db, P, &d), YG_OK);
	COUNT(&d, "C", "T1", YG_MISSED, 2, 3);
	dash_free(&d);

	/* The reviewer returns T2's staffing: the month's figures go. */
	tl_login(db, "revc");
	ck_assert_int_eq(yg_sub_load_id(db, t2_staffing, &sub), YG_OK);
	ck_assert_int_eq(yg_sub_return(db, sub->id, sub->version, "补充"), YG_OK);
	yg_sub_free(sub);
	ck_assert(!sealed(YG_MEMO_DASH, P));
	tl_login(db, "adm");
	ck_assert_int_eq(dash_compute(db, P, &d), YG_OK);
	ck_assert(sealed(YG_MEMO_DASH, P));
	OWN(&d, "T2", "T1", YG_NA, 0, 0);
	COUNT(&d, "C", "T1", YG_MET, 2, 2);
	ck_assert_int_eq(dash_compute_live(db, P, DASH_RECEIVED, &live), YG_OK);
	same_figures(&d, &live);
	dash_free(&d);
	dash_free(&live);

	/* A threshold moves every month. */
	struct yg_target t = { .id = "T4", .from = 202501, .threshold = 2 };
	ck_assert_int_eq(yg_target_put(db, &t, 202509), YG_OK);
	ck_assert(!sealed(YG_MEMO_DASH, P));

	/* Below the root: computed, never stored. */
	tl_login(db, "rev1");
	ck_assert(!yg_memo_writable(db));
	ck_assert_int_eq(dash_compute(db, P, &d), YG_OK);
	ck_assert(!sealed(YG_MEMO_DASH, P));
	COUNT(&d, "M1", "T1", YG_MET, 1, 1);
	dash_free(&d);

	/* A stored row that no longer tells the truth is found by check. */
	tl_login(db, "adm");
	ck_assert_int_eq(dash_compute(db, P, &d), YG_OK);
	dash_free(&d);
	yg_findings_init(&f);
	ck_assert_int_eq(dash_memo_verify(db, P, DASH_RECEIVED, &f), YG_OK);
	ck_assert_uint_eq(f.n, 0);
	ck_assert_int_eq(sqlite3_open(tl_db_path(), &raw), SQLITE_OK);
	ck_assert_int_eq(sqlite3_exec(raw, "UPDATE figure_memo SET data = x'02' WHERE kind = 2"
		" AND org_id = (SELECT id FROM org_unit WHERE code = 'M2')", NULL, NULL, NULL),
		SQLITE_OK);
	sqlite3_close(raw);
	ck_assert_int_eq(dash_memo_verify(db, P, DASH_RECEIVED, &f), YG_OK);
	ck_assert_uint_eq(f.n, 1);
	ck_assert_str_eq(f.v[0].rule, "DB");
	ck_assert_ptr_nonnull(strstr(f.v[0].en, "M2"));
	yg_findings_free(&f);
	/* A row that does not read is computed again for the screens. */
	ck_assert_int_eq(dash_compute(db, P, &d), YG_OK);
	ck_assert_int_eq(dash_compute_live(db, P, DASH_RECEIVED, &live), YG_OK);
	same_figures(&d, &live);
	dash_free(&d);
	dash_free(&live);
}
END_TEST

/* The monthly bulletin: targets from approved returns only, the returns
 * received but not approved counted, filing from every expected return,
 * and the composite rank (bulletin.h) by hand. */
static const struct bul_unit *bunit(const struct bulletin *b, const char *code)
{
	for (size_t i = 0; i < b->nunits; i++)
		if (!strcmp(b->units[i].code, code))
			return &b->units[i];
	ck_abort_msg("no unit %s in the bulletin", code);
	return NULL;
}

START_TEST(test_bulletin)
{
	struct bulletin b;
	struct yg_sub *sub = NULL;
	int t1 = dash_target_index("T1");

	/* S1's draft goes in on time (October is due on 2026-11-05); the rest
	 * were filed on the 23rd, late.  Two staffing returns are approved. */
	tl_set_date(2026, 11, 3, 9);
	file("clks1", "staffing", "S1", (const struct kv[]){
		{ "authorised_posts", "50" }, { "staff_on_post", "40" }, { 0 } }, false);
	tl_fix_clock();
	tl_login(db, "revc");
	ck_assert_int_eq(yg_sub_load_id(db, t1_staffing, &sub), YG_OK);
	ck_assert_int_eq(yg_sub_approve(db, sub->id, sub->version), YG_OK);
	yg_sub_free(sub);
	ck_assert_int_eq(yg_sub_load_id(db, t2_staffing, &sub), YG_OK);
	ck_assert_int_eq(yg_sub_approve(db, sub->id, sub->version), YG_OK);
	yg_sub_free(sub);

	ck_assert_int_eq(bulletin_build(db, P, NULL, &b), YG_OK);
	ck_assert_str_eq(b.top_code, "C");
	ck_assert_int_eq(b.due, yg_date_from_ymd(2026, 11, 5));
	/* H1 H2 U1: staffing (T1 asks hospitals too), capacity, procurement,
	 * services, and the leads H1 H2 insurance; T1 T2 T3 S1: staffing,
	 * sentdown, familydoc, procurement, services.  In: T1 4, T2 4, T3 2,
	 * S1 1, H1 2. */
	ck_assert_uint_eq(b.nunits, 7);
	ck_assert_int_eq(b.expected, 3 * 4 + 2 + 4 * 5);
	ck_assert_int_eq(b.received, 13);
	ck_assert_int_eq(b.on_time, 1);
	ck_assert_int_eq(b.late, 12);
	ck_assert_int_eq(b.missing, 21);
	ck_assert_int_eq(b.not_approved, 11);
	ck_assert_uint_eq(b.nnamed, 33);
	ck_assert(b.named[0].missing);
	ck_assert(!b.named[b.nnamed - 1].missing);
	ck_assert_int_eq(b.named[b.nnamed - 1].days_late, 18);
	/* T1 from the two approved returns: T1 met, T2 missed. */
	ck_assert_int_eq(b.targets[t1].met, YG_MISSED);
	ck_assert_str_eq(b.targets[t1].figure, "1/2");
	ck_assert_uint_eq(b.targets[t1].nmissed, 1);
	ck_assert_str_eq(b.targets[t1].missed[0], "乙镇卫生院");
	/* Scores: T1 = (0 + 100) / 2; S1 = on time 1 of 5 for both halves;
	 * the rest 0, sharing the third rank. */
	ck_assert_int_eq(bunit(&b, "T1")->score10, 500);
	ck_assert_int_eq(bunit(&b, "T1")->rank, 1);
	ck_assert_int_eq(bunit(&b, "S1")->score10, 200);
	ck_assert_int_eq(bunit(&b, "S1")->rank, 2);
	ck_assert_int_eq(bunit(&b, "T2")->score10, 0);
	ck_assert_int_eq(bunit(&b, "T2")->rank, 3);
	ck_assert_int_eq(bunit(&b, "H1")->rank, 3);
	ck_assert_int_eq(bunit(&b, "S1")->filing_rank, 1);
	ck_assert_int_eq(b.trend[t1][11], 500);
	ck_assert_int_eq(b.trend[t1][0], -1);
	bulletin_free(&b);

	/* One community; an institution is refused; a community reviewer
	 * cannot reach the other. */
	ck_assert_int_eq(bulletin_build(db, P, "M2", &b), YG_OK);
	ck_assert_uint_eq(b.nunits, 3);
	ck_assert_int_eq(b.targets[t1].met, YG_NA);
	bulletin_free(&b);
	ck_assert_int_eq(bulletin_build(db, P, "T1", &b), YG_EINVAL);
	tl_login(db, "rev1");
	ck_assert_int_eq(bulletin_build(db, P, "M2", &b), YG_ENOTFOUND);
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("dashboard");
	TCase *tc = tcase_create("figures");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, test_units);
	tcase_add_test(tc, test_count_targets);
	tcase_add_test(tc, test_ratio_targets);
	tcase_add_test(tc, test_levels);
	tcase_add_test(tc, test_lifecycle);
	tcase_add_test(tc, test_scope);
	tcase_add_test(tc, test_empty_month);
	tcase_add_test(tc, test_not_in_force);
	tcase_add_test(tc, test_stored_figures);
	tcase_add_test(tc, test_bulletin);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
