/*
 * check_outcomes.c — the outcome indicators and targets T14–T18
 * (forms/outcomes.c), the checks of the services and insurance forms and
 * the familydoc additions, on the small county of tests/testlib.h, October
 * 2026 against October 2025, with figures counted by hand.
 *
 *   M1: H1 (secondary, lead), T1, T2      M2: H2, T3, S1      U1 tertiary
 */
#include <check.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "forms.h"
#include "outcomes.h"
#include "testlib.h"

static yg_db *db;
static const yg_period P = 202610, LAST = 202510;

struct kv {
	const char *k, *v;
};

/* Fills every number with 0, then kv; checks; submits unless the check
 * finds an error (then *rule gets its id).  Returns the error's rule or "". */
static const char *file(const char *login, const char *form, const char *org, yg_period p,
	const struct kv *kv)
{
	static char rule[16];
	struct yg_sub *sub = NULL;
	struct yg_findings out;

	rule[0] = '\0';
	tl_login(db, login);
	ck_assert_msg(yg_sub_load(db, form, org, p, &sub) == YG_OK, "%s", yg_errmsg());
	for (size_t i = 0; i < sub->form->nfields; i++) {
		const struct yg_field *f = &sub->form->fields[i];

		if (!f->derived && (f->type == YG_T_COUNT || f->type == YG_T_AMOUNT))
			ck_assert_int_eq(yg_sub_set(sub, f->key, "0"), YG_OK);
	}
	for (; kv && kv->k; kv++)
		ck_assert_msg(yg_sub_set(sub, kv->k, kv->v) == YG_OK, "%s %s: %s", form, kv->k,
			yg_errmsg());
	yg_findings_init(&out);
	ck_assert_int_eq(yg_sub_check(db, sub, &out), YG_OK);
	for (size_t i = 0; i < out.n; i++) {
		if (out.v[i].severity == YG_SEV_WARNING)
			ck_assert_int_eq(yg_sub_explain(sub, out.v[i].rule, "test"), YG_OK);
		if (out.v[i].severity == YG_SEV_ERROR && !rule[0])
			snprintf(rule, sizeof rule, "%s", out.v[i].rule);
	}
	yg_findings_free(&out);
	if (!rule[0]) {
		yg_findings_init(&out);
		ck_assert_msg(yg_sub_submit(db, sub, &out) == YG_OK, "%s %s: %s", form, org,
			yg_errmsg());
		yg_findings_free(&out);
	}
	yg_sub_free(sub);
	return rule;
}

#define SVC(org, p, visits, village, out_rev) file(org[0] == 'H' ? "clkh1" : \
	org[1] == '1' ? (org[0] == 'S' ? "clks1" : "clk1") : org[1] == '2' ? "clk2" : "clk3", \
	"services", org, p, (const struct kv[]){ { "visits", visits }, \
	{ "village_visits", village }, { "outpatient_revenue", out_rev }, { 0 } })

static void setup(void)
{
	forms_register_all();
	tl_fix_clock();
	db = tl_db_new();
	ck_assert_int_eq(yg_user_put(db, "clks1", YG_ROLE_CLERK, "S1"), YG_OK);
	ck_assert_int_eq(yg_user_put(db, "clku1", YG_ROLE_CLERK, "U1"), YG_OK);

	/* October 2026.  Visits: T1 300 + 100 village, T2 200, H1 600 (M1 1200,
	 * primary 600, townships 600); S1 400 (county 1600, primary 1000,
	 * townships 600).  U1, outside every community, counts for no one else. */
	ck_assert_str_eq(SVC("T2", P, "200", "0", "0"), "");
	ck_assert_str_eq(SVC("H1", P, "600", "0", "0"), "");
	ck_assert_str_eq(SVC("S1", P, "400", "0", "0"), "");
	ck_assert_str_eq(file("clku1", "services", "U1", P, (const struct kv[]){
		{ "visits", "10000" }, { 0 } }), "");
	/* T1: records for 800 of 1000 residents (T14 missed), 60 of 100
	 * hypertensives managed; 150 of 400 signed served. */
	ck_assert_str_eq(file("clk1", "familydoc", "T1", P, (const struct kv[]){
		{ "residents", "1000" }, { "residents_signed", "400" }, { "followed_up", "150" },
		{ "hypertension", "100" }, { 0 } }), "");
	ck_assert_str_eq(file("clk1", "services", "T1", P, (const struct kv[]){
		{ "visits", "300" }, { "village_visits", "100" }, { "outpatient_revenue", "1100" },
		{ "ehr_residents", "800" }, { "hypertension_managed", "60" }, { 0 } }), "");
	/* October 2025: T1 500, H1 500: townships and primary both 50 %. */
	ck_assert_str_eq(SVC("T1", LAST, "500", "0", "1000"), "");
	ck_assert_str_eq(SVC("H1", LAST, "500", "0", "0"), "");
	/* The fund of M1 (H1 files it): 1050 spent against a pace of 1000. */
	ck_assert_str_eq(file("clkh1", "insurance", "H1", P, (const struct kv[]){
		{ "fund_budget", "1200" }, { "fund_spent", "1050" },
		{ "fund_spent_in_county", "800" }, { "fund_spent_primary", "200" },
		{ "inpatients", "100" }, { "inpatients_out_of_county", "20" }, { 0 } }), "");
	tl_login(db, "adm");
}

static void teardown(void)
{
	tl_db_free(db);
}

static const struct out_row *row(const struct outcomes *o, const char *code, const char *id)
{
	for (size_t i = 0; i < o->n; i++)
		if (!strcmp(o->rows[i].org_code, code) && !strcmp(o->rows[i].id, id))
			return &o->rows[i];
	return NULL;
}

#define FIG(o, code, id, n, d) do { \
	const struct out_row *r_ = row(o, code, id); \
	ck_assert_msg(r_ != NULL, "no row %s %s", code, id); \
	ck_assert_msg(r_->fig.num == (n) && r_->fig.den == (d), "%s %s: %lld/%lld", code, id, \
		(long long)r_->fig.num, (long long)r_->fig.den); \
} while (0)

#define MET(o, code, id, m) do { \
	const struct out_row *r_ = row(o, code, id); \
	ck_assert_msg(r_ != NULL, "no row %s %s", code, id); \
	ck_assert_msg(r_->met == (m), "%s %s: met %d", code, id, r_->met); \
} while (0)

START_TEST(test_shares)
{
	struct outcomes o;

	ck_assert_int_eq(outcomes_compute(db, P, NULL, &o), YG_OK);
	FIG(&o, "M1", "primary_visit_rate", 600, 1200);
	FIG(&o, "M1", "township_village_share", 600, 1200);
	FIG(&o, "C", "primary_visit_rate", 1000, 1600);
	FIG(&o, "C", "township_village_share", 600, 1600);
	/* Shares of a whole are not an institution's. */
	ck_assert_ptr_null(row(&o, "T1", "primary_visit_rate"));
	/* M2 has S1 only; T3 filed nothing. */
	FIG(&o, "M2", "primary_visit_rate", 400, 400);
	FIG(&o, "T3", "outpatient_cost", 0, 0);
	/* The year before: 500 of 1000 both; T15 falls (37.5 % < 50 %), T16
	 * rises (62.5 % > 50 %). */
	const struct out_row *r = row(&o, "C", "T15");
	ck_assert_int_eq(r->year_before.num, 500);
	ck_assert_int_eq(r->year_before.den, 1000);
	MET(&o, "C", "T15", YG_MISSED);
	MET(&o, "C", "T16", YG_MET);
	/* The trend ends with the month; a month with nothing is n/a. */
	ck_assert_int_eq(r->trend[11].num, 600);
	ck_assert_int_eq(r->trend[0].den, 0);
	outcomes_free(&o);
}
END_TEST

START_TEST(test_public_health)
{
	struct outcomes o;

	ck_assert_int_eq(outcomes_compute(db, P, NULL, &o), YG_OK);
	FIG(&o, "T1", "ehr_rate", 800, 1000);
	/* T2 filed services but no familydoc: counts for neither side. */
	FIG(&o, "T2", "ehr_rate", 0, 0);
	FIG(&o, "C", "ehr_rate", 800, 1000);
	MET(&o, "T1", "T14", YG_MISSED);
	MET(&o, "T2", "T14", YG_NA);
	/* T14 is for primary institutions: a hospital has no verdict. */
	MET(&o, "H1", "T14", YG_NA);
	FIG(&o, "T1", "hypertension_managed_rate", 60, 100);
	FIG(&o, "T1", "diabetes_managed_rate", 0, 0);
	FIG(&o, "T1", "followed_up_rate", 150, 400);
	FIG(&o, "T1", "outpatient_cost", 110000, 300);
	outcomes_free(&o);
}
END_TEST

/* 85 % exactly is met; one resident fewer misses, and shows two decimals
 * rather than a rounded 85.0 %. */
/* The reviewer sends a return back so that its clerk can file it again. */
static void send_back(const char *login, const char *form, const char *org, yg_period p)
{
	struct yg_sub *sub = NULL;

	tl_login(db, login);
	ck_assert_int_eq(yg_sub_load(db, form, org, p, &sub), YG_OK);
	ck_assert_msg(yg_sub_return(db, sub->id, sub->version, "again") == YG_OK, "%s",
		yg_errmsg());
	yg_sub_free(sub);
}

START_TEST(test_t14_boundary)
{
	struct outcomes o;
	char buf[32];

	send_back("rev1", "services", "T1", P);
	ck_assert_str_eq(file("clk1", "services", "T1", P, (const struct kv[]){
		{ "visits", "300" }, { "ehr_residents", "850" }, { 0 } }), "");
	tl_login(db, "adm");
	ck_assert_int_eq(outcomes_compute(db, P, "T1", &o), YG_OK);
	MET(&o, "T1", "T14", YG_MET);
	outcomes_free(&o);
	send_back("rev1", "services", "T1", P);
	ck_assert_str_eq(file("clk1", "services", "T1", P, (const struct kv[]){
		{ "visits", "300" }, { "ehr_residents", "849" }, { 0 } }), "");
	tl_login(db, "adm");
	ck_assert_int_eq(outcomes_compute(db, P, "T1", &o), YG_OK);
	MET(&o, "T1", "T14", YG_MISSED);
	outcomes_free(&o);
	out_format(OUT_PERCENT, (struct out_fig){ 8499, 10000 }, YG_MISSED, 8500, buf);
	ck_assert_str_eq(buf, "84.99%");
	out_format(OUT_PERCENT, (struct out_fig){ 8495, 10000 }, YG_MISSED, 8500, buf);
	ck_assert_str_eq(buf, "84.95%");
	out_format(OUT_PERCENT, (struct out_fig){ 849, 1000 }, YG_MISSED, 8500, buf);
	ck_assert_str_eq(buf, "84.9%");
	out_format(OUT_PERCENT, (struct out_fig){ 849, 1000 }, YG_NA, -1, buf);
	ck_assert_str_eq(buf, "84.9%");
	out_format(OUT_PERCENT, (struct out_fig){ 1, 16 }, YG_NA, -1, buf);
	ck_assert_str_eq(buf, "6.3%"); /* 6.25 half up */
	out_format(OUT_PERCENT, (struct out_fig){ -1, 16 }, YG_NA, -1, buf);
	ck_assert_str_eq(buf, "-6.3%");
	out_format(OUT_PERCENT, (struct out_fig){ 5, 0 }, YG_NA, -1, buf);
	ck_assert_str_eq(buf, "-");
	out_format(OUT_YUAN, (struct out_fig){ 110000, 300 }, YG_NA, -1, buf);
	ck_assert_str_eq(buf, "3.67");
	/* A rise above the bar shows above it. */
	out_format(OUT_PERCENT, (struct out_fig){ 5001, 100000 }, YG_MISSED, 500, buf);
	ck_assert_str_eq(buf, "5.01%");
}
END_TEST

START_TEST(test_fund)
{
	struct outcomes o;
	int64_t gap;

	ck_assert_int_eq(outcomes_compute(db, P, NULL, &o), YG_OK);
	FIG(&o, "M1", "fund_in_county", 80000, 105000);
	FIG(&o, "M1", "fund_primary_share", 20000, 80000);
	FIG(&o, "M1", "inpatient_in_county", 80, 100);
	FIG(&o, "C", "inpatient_in_county", 80, 100);
	/* M2 has no return: not applicable. */
	FIG(&o, "M2", "fund_in_county", 0, 0);
	MET(&o, "M2", "T17", YG_NA);
	/* Exactly 5 % over the pace is within the first band. */
	MET(&o, "M1", "T17", YG_MET);
	ck_assert_int_eq(row(&o, "M1", "T17")->band, 0);
	ck_assert_ptr_null(row(&o, "H1", "fund_in_county"));
	outcomes_free(&o);

	/* The bands, pace 1000 (budget 1200 in October): */
	ck_assert_int_eq(forms_t17_band(105000, 120000, 10, 5, 10, &gap), 0);
	ck_assert_int_eq(gap, 500);
	ck_assert_int_eq(forms_t17_band(105001, 120000, 10, 5, 10, NULL), 1);
	ck_assert_int_eq(forms_t17_band(110000, 120000, 10, 5, 10, NULL), 1);
	ck_assert_int_eq(forms_t17_band(110001, 120000, 10, 5, 10, NULL), 2);
	ck_assert_int_eq(forms_t17_band(90000, 120000, 10, 5, 10, &gap), 0);
	ck_assert_int_eq(gap, -1000);
	ck_assert_int_eq(forms_t17_band(1, 0, 10, 5, 10, NULL), -1);
	ck_assert_int_eq(forms_t17_band(1, 100, 0, 5, 10, NULL), -1);
}
END_TEST

START_TEST(test_growth)
{
	struct outcomes o;

	/* T1 October: 1100 now, 1000 a year before; H1 0 and 0; T2 has no
	 * October 2025: not like for like, left out. */
	ck_assert_int_eq(outcomes_compute(db, P, NULL, &o), YG_OK);
	FIG(&o, "T1", "cost_growth", 10000, 100000);
	FIG(&o, "T2", "cost_growth", 0, 0);
	FIG(&o, "C", "cost_growth", 10000, 100000);
	MET(&o, "T1", "T18", YG_MISSED);
	MET(&o, "T2", "T18", YG_NA);
	outcomes_free(&o);
	/* The county's GDP grew 10.0 %: growth equal to it is met. */
	ck_assert_int_eq(yg_setting_set_int(db, YG_SET_GDP_GROWTH, 100), YG_OK);
	ck_assert_int_eq(outcomes_compute(db, P, NULL, &o), YG_OK);
	MET(&o, "T1", "T18", YG_MET);
	ck_assert_int_eq(row(&o, "T1", "T18")->threshold_x100, 1000);
	outcomes_free(&o);
	ck_assert_int_eq(yg_setting_set_int(db, YG_SET_GDP_GROWTH, 99), YG_OK);
	ck_assert_int_eq(outcomes_compute(db, P, NULL, &o), YG_OK);
	MET(&o, "T1", "T18", YG_MISSED);
	outcomes_free(&o);
	ck_assert_int_eq(yg_setting_set_int(db, YG_SET_GDP_GROWTH, 301), YG_EINVAL);
}
END_TEST

/* Every row of o equal to e's (same scope, same month). */
static void same_rows(const struct outcomes *o, const struct outcomes *e)
{
	ck_assert_uint_eq(o->n, e->n);
	for (size_t i = 0; i < o->n; i++) {
		const struct out_row *a = &o->rows[i], *b = &e->rows[i];

		ck_assert_str_eq(a->id, b->id);
		ck_assert_int_eq(a->org_id, b->org_id);
		ck_assert_msg(a->fig.num == b->fig.num && a->fig.den == b->fig.den &&
			a->year_before.num == b->year_before.num &&
			a->year_before.den == b->year_before.den && a->met == b->met &&
			a->band == b->band && a->threshold_x100 == b->threshold_x100,
			"%s %s: %lld/%lld against %lld/%lld", a->org_code, a->id,
			(long long)a->fig.num, (long long)a->fig.den, (long long)b->fig.num,
			(long long)b->fig.den);
		for (int k = 0; k < 12; k++)
			ck_assert(a->trend[k].num == b->trend[k].num &&
				a->trend[k].den == b->trend[k].den);
	}
}

/* Issue 14: the month sums stored for the screens read back as the returns
 * give them, the year-on-year growth included; a new return moves them;
 * the overview's rows are the top's alone. */
START_TEST(test_stored_sums)
{
	struct outcomes o, live, top;
	struct yg_findings f;
	bool sealed;

	tl_login(db, "adm");
	ck_assert_int_eq(outcomes_compute(db, P, NULL, &o), YG_OK);
	ck_assert_int_eq(yg_memo_sealed(db, YG_MEMO_OUT, P, &sealed), YG_OK);
	ck_assert(sealed);
	ck_assert_int_eq(yg_memo_sealed(db, YG_MEMO_OUT, yg_period_add(P, -12), &sealed), YG_OK);
	ck_assert(sealed);
	ck_assert_int_eq(outcomes_compute_live(db, P, false, &live), YG_OK);
	same_rows(&o, &live);
	outcomes_free(&live);
	outcomes_free(&o);
	/* Read back, growth from the stored months: the same as test_growth. */
	ck_assert_int_eq(outcomes_compute(db, P, NULL, &o), YG_OK);
	FIG(&o, "T1", "cost_growth", 10000, 100000);
	FIG(&o, "C", "primary_visit_rate", 1000, 1600);
	ck_assert_int_eq(outcomes_compute_top(db, P, &top), YG_OK);
	ck_assert_uint_gt(top.n, 0);
	for (size_t i = 0; i < top.n; i++) {
		ck_assert_int_eq(top.rows[i].depth, 0);
		ck_assert_int_eq(top.rows[i].fig.num, row(&o, "C", top.rows[i].id)->fig.num);
	}
	outcomes_free(&top);
	outcomes_free(&o);
	yg_findings_init(&f);
	ck_assert_int_eq(outcomes_memo_verify(db, P, false, &f), YG_OK);
	ck_assert_uint_eq(f.n, 0);
	yg_findings_free(&f);

	/* T3 files its services for October: the month and those after it go. */
	ck_assert_str_eq(SVC("T3", P, "100", "0", "5000"), "");
	ck_assert_int_eq(yg_memo_sealed(db, YG_MEMO_OUT, P, &sealed), YG_OK);
	ck_assert(!sealed);
	tl_login(db, "adm");
	ck_assert_int_eq(outcomes_compute(db, P, NULL, &o), YG_OK);
	ck_assert_int_eq(outcomes_compute_live(db, P, false, &live), YG_OK);
	same_rows(&o, &live);
	ck_assert_int_ne(row(&o, "T3", "outpatient_cost")->fig.den, 0);
	outcomes_free(&live);
	outcomes_free(&o);

	/* A row of another layout: check names it, the screens compute. */
	sqlite3 *raw;
	ck_assert_int_eq(sqlite3_open(tl_db_path(), &raw), SQLITE_OK);
	ck_assert_int_eq(sqlite3_exec(raw, "UPDATE figure_memo SET data = x'05' WHERE kind = 4"
		" AND org_id = (SELECT id FROM org_unit WHERE code = 'C')", NULL, NULL, NULL),
		SQLITE_OK);
	sqlite3_close(raw);
	yg_findings_init(&f);
	ck_assert_int_eq(outcomes_memo_verify(db, P, false, &f), YG_OK);
	ck_assert_uint_eq(f.n, 1);
	ck_assert_ptr_nonnull(strstr(f.v[0].en, "stored outcome sums of C"));
	yg_findings_free(&f);
	ck_assert_int_eq(outcomes_compute(db, P, NULL, &o), YG_OK);
	ck_assert_int_eq(outcomes_compute_live(db, P, false, &live), YG_OK);
	same_rows(&o, &live);
	outcomes_free(&live);
	outcomes_free(&o);
}
END_TEST

START_TEST(test_scope)
{
	struct outcomes o;

	/* A clerk sees its own institution only; another is refused. */
	tl_login(db, "clk1");
	ck_assert_int_eq(outcomes_compute(db, P, NULL, &o), YG_OK);
	ck_assert_ptr_nonnull(row(&o, "T1", "ehr_rate"));
	ck_assert_ptr_null(row(&o, "M1", "ehr_rate"));
	outcomes_free(&o);
	ck_assert_int_eq(outcomes_compute(db, P, "T2", &o), YG_EPERM);
	ck_assert_int_eq(outcomes_compute(db, P, "NOPE", &o), YG_ENOTFOUND);
	tl_login(db, "rev2");
	ck_assert_int_eq(outcomes_compute(db, P, "M2", &o), YG_OK);
	ck_assert_ptr_null(row(&o, "T1", "ehr_rate"));
	outcomes_free(&o);
}
END_TEST

START_TEST(test_who_files)
{
	struct yg_org o = { 0 };

	ck_assert_int_eq(yg_org_get(db, "H1", &o), YG_OK);
	ck_assert(forms_insurance_files(db, &o));
	yg_org_clear(&o);
	ck_assert_int_eq(yg_org_get(db, "U1", &o), YG_OK);
	ck_assert(!forms_insurance_files(db, &o));
	yg_org_clear(&o);
	ck_assert_int_eq(yg_org_get(db, "T1", &o), YG_OK);
	ck_assert(!yg_form_files(db, &form_insurance, &o));
	ck_assert(yg_form_files(db, &form_services, &o));
	yg_org_clear(&o);
	struct yg_sub *sub = NULL;
	tl_login(db, "clk1");
	ck_assert_int_eq(yg_sub_load(db, "insurance", "T1", P, &sub), YG_EINVAL);
}
END_TEST

START_TEST(test_checks)
{
	/* A figure to date falls in November: I3; parts: I1, I2. */
	ck_assert_str_eq(file("clkh1", "insurance", "H1", 202611, (const struct kv[]){
		{ "fund_budget", "1200" }, { "fund_spent", "1049" }, { 0 } }), "I3");
	ck_assert_str_eq(file("clkh1", "insurance", "H1", 202611, (const struct kv[]){
		{ "fund_budget", "1200" }, { "fund_spent", "1100" }, { "fund_spent_in_county", "800" },
		{ "fund_spent_primary", "200" }, { "inpatients", "100" },
		{ "inpatients_out_of_county", "20" }, { 0 } }), "");
	/* January starts again. */
	ck_assert_str_eq(file("clkh1", "insurance", "H1", 202601, (const struct kv[]){
		{ "fund_budget", "1200" }, { "fund_spent", "10" }, { 0 } }), "");
	ck_assert_str_eq(file("clkh1", "insurance", "H1", 202602, (const struct kv[]){
		{ "fund_budget", "1200" }, { "fund_spent", "20" }, { "fund_spent_in_county", "30" },
		{ 0 } }), "I1");
	ck_assert_str_eq(file("clkh1", "insurance", "H1", 202602, (const struct kv[]){
		{ "fund_budget", "1200" }, { "fund_spent", "20" }, { "fund_spent_in_county", "10" },
		{ "fund_spent_primary", "11" }, { 0 } }), "I2");
	/* Village visits belong to a township; drugs are part of revenue. */
	ck_assert_str_eq(file("clks1", "services", "S1", 202609, (const struct kv[]){
		{ "visits", "1" }, { "village_visits", "1" }, { 0 } }), "V1");
	ck_assert_str_eq(file("clks1", "services", "S1", 202609, (const struct kv[]){
		{ "outpatient_revenue", "10" }, { "inpatient_revenue", "5" },
		{ "drug_revenue", "15.01" }, { 0 } }), "V2");
	ck_assert_str_eq(file("clks1", "services", "S1", 202609, (const struct kv[]){
		{ "outpatient_revenue", "10" }, { "inpatient_revenue", "5" },
		{ "drug_revenue", "15" }, { 0 } }), "");
	/* Served at most signed; the new groups' signed at most the group. */
	ck_assert_str_eq(file("clk2", "familydoc", "T2", P, (const struct kv[]){
		{ "residents", "1000" }, { "residents_signed", "400" }, { "followed_up", "401" },
		{ 0 } }), "F5");
	ck_assert_str_eq(file("clk2", "familydoc", "T2", P, (const struct kv[]){
		{ "residents", "1000" }, { "infectious", "3" }, { "infectious_signed", "4" },
		{ 0 } }), "F1");
}
END_TEST

/* Every indicator with a zero (or missing) denominator is not applicable,
 * and its target has no verdict. */
START_TEST(test_zero_denominators)
{
	struct outcomes o;

	/* T3 files zeros everywhere; H1's fund of January is all zeros. */
	ck_assert_str_eq(file("clk3", "services", "T3", P, NULL), "");
	ck_assert_str_eq(file("clk3", "familydoc", "T3", P, NULL), "");
	tl_login(db, "adm");
	ck_assert_int_eq(outcomes_compute(db, P, "T3", &o), YG_OK);
	for (size_t i = 0; i < o.n; i++) {
		char buf[32];

		ck_assert_msg(o.rows[i].fig.den == 0, "%s: %lld/%lld", o.rows[i].id,
			(long long)o.rows[i].fig.num, (long long)o.rows[i].fig.den);
		ck_assert_msg(o.rows[i].met == YG_NA, "%s has a verdict", o.rows[i].id);
		out_format(o.rows[i].unit, o.rows[i].fig, o.rows[i].met, o.rows[i].threshold_x100,
			buf);
		ck_assert_str_eq(buf, "-");
	}
	outcomes_free(&o);
	ck_assert_str_eq(file("clkh1", "insurance", "H1", 202601, NULL), "");
	tl_login(db, "adm");
	ck_assert_int_eq(outcomes_compute(db, 202601, "M1", &o), YG_OK);
	FIG(&o, "M1", "inpatient_in_county", 0, 0);
	FIG(&o, "M1", "fund_in_county", 0, 0);
	FIG(&o, "M1", "fund_primary_share", 0, 0);
	MET(&o, "M1", "T17", YG_NA);
	outcomes_free(&o);
}
END_TEST

/* Growth sums the months of the year like for like. */
START_TEST(test_growth_year_to_date)
{
	struct outcomes o;

	/* T2: January 100 → 90, October 0 → ... (October 2025 missing). */
	ck_assert_str_eq(SVC("T2", 202501, "1", "0", "100"), "");
	ck_assert_str_eq(SVC("T2", 202601, "1", "0", "90"), "");
	ck_assert_str_eq(SVC("T2", 202502, "1", "0", "50"), "");
	/* February 2026 missing: February 2025 does not count. */
	tl_login(db, "adm");
	ck_assert_int_eq(outcomes_compute(db, P, "T2", &o), YG_OK);
	FIG(&o, "T2", "cost_growth", -1000, 10000);
	MET(&o, "T2", "T18", YG_MET);
	outcomes_free(&o);
}
END_TEST

START_TEST(test_out_of_county)
{
	struct yg_record *r = yg_record_new(&form_referral, 0);
	const char *kv[][2] = {
		/* November: October's familydoc return is in, and a referral
		 * would move its figures (refused until it is sent back). */
		{ "date", "2026-11-03" }, { "patient_ref", "QS1" }, { "direction", "down" },
		{ "from_org", "H1" }, { "to_org", "T1" }, { "in_community", "1" },
		{ "diagnosis", "I10" }, { "by_family_doctor", "1" }, { "status", "completed" },
		{ "reserved_used", "0" }, { "out_of_county", "1" },
	};
	struct yg_findings f;
	bool r6 = false;

	tl_login(db, "clk1");
	for (size_t i = 0; i < sizeof kv / sizeof kv[0]; i++)
		ck_assert_int_eq(yg_record_set(r, kv[i][0], kv[i][1]), YG_OK);
	yg_findings_init(&f);
	ck_assert_int_eq(yg_record_save(db, r, &f), YG_EINVAL);
	for (size_t i = 0; i < f.n; i++)
		r6 = r6 || !strcmp(f.v[i].rule, "R6");
	ck_assert(r6);
	yg_findings_free(&f);
	/* Up, out of the county: fine. */
	ck_assert_int_eq(yg_record_set(r, "direction", "up"), YG_OK);
	ck_assert_int_eq(yg_record_set(r, "from_org", "T1"), YG_OK);
	ck_assert_int_eq(yg_record_set(r, "to_org", "U1"), YG_OK);
	ck_assert_int_eq(yg_record_set(r, "in_community", "0"), YG_OK);
	ck_assert_msg(yg_record_save(db, r, NULL) == YG_OK, "%s", yg_errmsg());
	yg_record_free(r);
}
END_TEST

/* Services above the family-doctor return's populations: a warning. */
START_TEST(test_services_against_familydoc)
{
	struct yg_sub *sub = NULL;
	struct yg_findings f;
	bool v3 = false;

	tl_login(db, "clk1");
	ck_assert_int_eq(yg_sub_load(db, "services", "T1", 202611, &sub), YG_OK);
	ck_assert_int_eq(yg_sub_set(sub, "ehr_residents", "1001"), YG_OK);
	yg_findings_init(&f);
	ck_assert_int_eq(yg_sub_check(db, sub, &f), YG_OK);
	ck_assert(f.n > 0);
	yg_findings_free(&f);
	yg_sub_free(sub);
	/* October has T1's familydoc (1000 residents). */
	send_back("rev1", "services", "T1", P);
	tl_login(db, "clk1");
	ck_assert_int_eq(yg_sub_load(db, "services", "T1", P, &sub), YG_OK);
	ck_assert_int_eq(yg_sub_set(sub, "ehr_residents", "1001"), YG_OK);
	yg_findings_init(&f);
	ck_assert_int_eq(yg_sub_check(db, sub, &f), YG_OK);
	for (size_t i = 0; i < f.n; i++)
		if (!strcmp(f.v[i].rule, "V3")) {
			v3 = true;
			ck_assert_int_eq(f.v[i].severity, YG_SEV_WARNING);
			ck_assert_str_eq(f.v[i].field, "ehr_residents");
		}
	ck_assert(v3);
	yg_findings_free(&f);
	yg_sub_free(sub);
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("outcomes");
	TCase *tc = tcase_create("figures");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, test_shares);
	tcase_add_test(tc, test_stored_sums);
	tcase_add_test(tc, test_public_health);
	tcase_add_test(tc, test_t14_boundary);
	tcase_add_test(tc, test_fund);
	tcase_add_test(tc, test_growth);
	tcase_add_test(tc, test_scope);
	tcase_add_test(tc, test_who_files);
	tcase_add_test(tc, test_checks);
	tcase_add_test(tc, test_zero_denominators);
	tcase_add_test(tc, test_growth_year_to_date);
	tcase_add_test(tc, test_out_of_county);
	tcase_add_test(tc, test_services_against_familydoc);
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
