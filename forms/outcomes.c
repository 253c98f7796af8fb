/*
 * outcomes.c — the outcome indicators and targets T14–T18 (see outcomes.h
 * for what each figure sums and when it is not applicable).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "forms.h"
#include "outcomes.h"

#define LV(l) (1u << (l))
#define ALL_LEVELS (LV(OUT_INSTITUTION) | LV(OUT_COMMUNITY) | LV(OUT_COUNTY))
#define ABOVE (LV(OUT_COMMUNITY) | LV(OUT_COUNTY))

const struct out_def out_defs[OUT_NINDICATORS] = {
	[OUT_PRIMARY_VISITS] = { "primary_visit_rate", "基层就诊率", N_("Primary-care visit share"),
		OUT_PERCENT, ABOVE, "004 西藏 二(十)" },
	[OUT_VILLAGE_SHARE] = { "township_village_share", "乡村诊疗量占比",
		N_("Township+village visit share"), OUT_PERCENT, ABOVE, "004 西藏 三" },
	[OUT_INPATIENT_IN] = { "inpatient_in_county", "县域内住院率", N_("Admissions in the county"),
		OUT_PERCENT, ABOVE, "004 西藏 二(十)" },
	[OUT_FUND_IN] = { "fund_in_county", "县域内基金支出比例", N_("Fund spent in the county"),
		OUT_PERCENT, ABOVE, "004 西藏 二(十)" },
	[OUT_FUND_PRIMARY] = { "fund_primary_share", "基层医保基金占比", N_("Fund share at primary level"),
		OUT_PERCENT, ABOVE, "004 西藏 二(十); 002 昆明 五(一)" },
	[OUT_EHR] = { "ehr_rate", "电子建档率", N_("Electronic health records"),
		OUT_PERCENT, ALL_LEVELS, "001 荆门 三(十三)" },
	[OUT_HYPERTENSION] = { "hypertension_managed_rate", "高血压规范管理率",
		N_("Hypertension managed"), OUT_PERCENT, ALL_LEVELS, "001 荆门 三(十三)" },
	[OUT_DIABETES] = { "diabetes_managed_rate", "糖尿病规范管理率", N_("Diabetes managed"),
		OUT_PERCENT, ALL_LEVELS, "001 荆门 三(十三)" },
	[OUT_FOLLOWED_UP] = { "followed_up_rate", "履约率", N_("Signed residents served"),
		OUT_PERCENT, ALL_LEVELS, "000 西安 25" },
	[OUT_OUTPATIENT_COST] = { "outpatient_cost", "次均门诊费用", N_("Revenue per visit"),
		OUT_YUAN, ALL_LEVELS, "001 荆门 (十七); 000 西安 40" },
	[OUT_INPATIENT_COST] = { "inpatient_cost", "次均住院费用", N_("Revenue per discharge"),
		OUT_YUAN, ALL_LEVELS, "001 荆门 (十七); 000 西安 40" },
	[OUT_DRUG_SHARE] = { "drug_share", "药占比", N_("Drug share of revenue"),
		OUT_PERCENT, ALL_LEVELS, "001 荆门 (十七); 000 西安 40" },
	[OUT_COST_GROWTH] = { "cost_growth", "医疗费用增长率", N_("Revenue growth, year to date"),
		OUT_PERCENT, ALL_LEVELS, "001 荆门 (十七)" },
};

const struct out_target_def out_target_defs[OUT_NTARGETS] = {
	{ "T14", OUT_EHR, "电子建档率 >= 85%", /* xgettext:no-c-format */ N_("Health records >= 85%"), ALL_LEVELS,
	  "001 荆门 2017 三(十三)" },
	{ "T15", OUT_VILLAGE_SHARE, "乡村诊疗量占比不降", N_("Village share >= a year ago"),
	  LV(OUT_COUNTY), "004 西藏 三" },
	{ "T16", OUT_PRIMARY_VISITS, "基层就诊率不降", N_("Primary share >= a year ago"),
	  LV(OUT_COUNTY), "004 西藏 二(十)" },
	{ "T17", -1, "医保基金超支 <= 5%", /* xgettext:no-c-format */ N_("Fund overspend <= 5%"), ABOVE, "003 长治 2020 九" },
	{ "T18", OUT_COST_GROWTH, "费用增长 <= GDP 增幅", N_("Cost growth <= GDP growth"), ALL_LEVELS,
	  "001 荆门 2017 (十七)" },
};

/* The values the figures are made of, by form. */
enum key {
	K_VISITS, K_VILLAGE, K_DISCHARGES, K_EHR, K_HTN_M, K_DM_M, K_OUT_REV, K_IN_REV, K_DRUG_REV,
	K_RESIDENTS, K_SIGNED, K_FOLLOWED, K_HTN, K_DM,
	K_BUDGET, K_SPENT, K_SPENT_IN, K_SPENT_PRIM, K_INPAT, K_INPAT_OUT,
	NKEYS
};
enum src { S_SERVICES, S_FAMILYDOC, S_INSURANCE, NSRC };
static const char *const src_form[NSRC] = { "services", "familydoc", "insurance" };
static const struct { enum src src; const char *key; } keys[NKEYS] = {
	{ S_SERVICES, "visits" }, { S_SERVICES, "village_visits" },
	{ S_SERVICES, "discharges" }, { S_SERVICES, "ehr_residents" },
	{ S_SERVICES, "hypertension_managed" }, { S_SERVICES, "diabetes_managed" },
	{ S_SERVICES, "outpatient_revenue" }, { S_SERVICES, "inpatient_revenue" },
	{ S_SERVICES, "drug_revenue" },
	{ S_FAMILYDOC, "residents" }, { S_FAMILYDOC, "residents_signed" },
	{ S_FAMILYDOC, "followed_up" }, { S_FAMILYDOC, "hypertension" },
	{ S_FAMILYDOC, "diabetes" },
	{ S_INSURANCE, "fund_budget" }, { S_INSURANCE, "fund_spent" },
	{ S_INSURANCE, "fund_spent_in_county" }, { S_INSURANCE, "fund_spent_primary" },
	{ S_INSURANCE, "inpatients" }, { S_INSURANCE, "inpatients_out_of_county" },
};

/* What one institution filed in one month: -1 for a value it lacks. */
struct filed {
	bool have[NSRC];
	int64_t v[NKEYS];
};

/* One unit's sums of one month, as figure() and fund_gap() read them. */
struct urow {
	struct out_fig sum[OUT_NINDICATORS]; /* the growth slot unused */
	struct out_fig growth;               /* against the month a year before */
	int64_t fund[2];                     /* insurance budget and spending */
};

/* A month's figures, each unit's summed once from the institutions that
 * count for it, so that a province's thousands of units cost one
 * pass each, not one pass per unit. */
struct month {
	yg_period p;
	/* A month of the stored figures (yg_memo_*): each unit's sums are
	 * read when first asked for, into rows (slot: by index, 1 + its row;
	 * 0 not read), not every institution's values: a province's month
	 * then costs the units asked for, not arrays of every unit. */
	bool stored;
	uint32_t *slot;
	struct urow *rows;
	size_t nrows;
	struct filed *f; /* by index into calc.orgs; freed once summed */
	int64_t *rev;    /* by index: revenue (growth_sums), -1 unknown, -2 no
	                  * services return */
	struct out_fig (*sum)[OUT_NINDICATORS]; /* by index: the unit's figures */
	int64_t (*fund)[2];      /* by index: insurance budget and spent summed */
	struct out_fig *growth;  /* by index: revenue against a year before; NULL
	                          * until asked for */
};

struct calc {
	yg_db *db;
	bool approved_only; /* the bulletin publishes approved returns only */
	struct yg_org *orgs;
	size_t norgs;
	struct yg_org_index *ix;
	ssize_t *parent;    /* by index: the parent's index, -1 for none */
	bool *in_comm;      /* by index: inside a medical community */
	struct month *months;
	size_t nmonths;
	bool stored;        /* months come from the stored figures */
	bool mixed;         /* stored, but a month could not be: compute again */
	struct yg_findings *verify; /* fill_month compares instead of storing */
	bool top_only;      /* the rows of the unit asked for, not those below */
};

const char *out_level_name(enum out_level l)
{
	return l == OUT_COUNTY ? "county" : l == OUT_COMMUNITY ? "community" : "institution";
}

const char *out_kind_level_name(enum out_level l, enum yg_kind k)
{
	return l == OUT_COUNTY && yg_kind_is_level(k) ? yg_kind_name(k) : out_level_name(l);
}

static int org_index(const struct calc *c, int64_t id)
{
	return (int)yg_org_index_find(c->ix, id);
}

static bool below(const struct calc *c, int64_t id, int64_t ancestor)
{
	ssize_t i = org_index(c, id);

	for (int guard = 0; i >= 0 && guard < 64; guard++) {
		if (c->orgs[i].id == ancestor)
			return true;
		i = c->parent[i];
	}
	return false;
}

/* One return's numbers into the month's table (yg_values_each). */
struct take {
	struct calc *c;
	struct month *m;
	enum src s;
};

static int take_value(void *arg, int64_t org_id, const char *key, int64_t num)
{
	struct take *t = arg;
	int oi = org_index(t->c, org_id);

	if (oi < 0)
		return YG_OK;
	if (!key) {
		t->m->f[oi].have[t->s] = true;
		return YG_OK;
	}
	for (int k = 0; k < NKEYS; k++)
		if (keys[k].src == t->s && !strcmp(keys[k].key, key))
			t->m->f[oi].v[k] = num;
	return YG_OK;
}

static void contribute(int ind, const struct yg_org *o, const struct filed *x, struct out_fig *f);
static void add(struct out_fig *f, int64_t n, int64_t d);
static int64_t revenue(const struct filed *x);

/* Adds what institution i gives to its own figure and, inside a community,
 * to every unit above it (see growth_sums). */
static void spread(const struct calc *c, size_t i, struct out_fig *v, size_t stride,
	struct out_fig f)
{
	for (ssize_t k = (ssize_t)i, guard = 0; k >= 0 && guard < 64; k = c->parent[k], guard++) {
		v[(size_t)k * stride].num += f.num;
		v[(size_t)k * stride].den += f.den;
		if (!c->in_comm[i])
			break;
	}
}

static void month_sums(const struct calc *c, struct month *m)
{
	for (size_t i = 0; i < c->norgs; i++) {
		const struct yg_org *o = &c->orgs[i];
		const struct filed *x = &m->f[i];

		if (!yg_kind_is_institution(o->kind))
			continue;
		for (int ind = 0; ind < OUT_NINDICATORS; ind++) {
			struct out_fig f = { 0 };

			if (ind == OUT_COST_GROWTH)
				continue;
			contribute(ind, o, x, &f);
			spread(c, i, &m->sum[0][ind], OUT_NINDICATORS, f);
		}
		if (x->have[S_INSURANCE] && x->v[K_BUDGET] >= 0 && x->v[K_SPENT] >= 0)
			for (ssize_t k = (ssize_t)i, g = 0; k >= 0 && g < 64; k = c->parent[k], g++) {
				m->fund[k][0] += x->v[K_BUDGET];
				m->fund[k][1] += x->v[K_SPENT];
				if (!c->in_comm[i])
					break;
			}
	}
}

static int stored_month(struct calc *c, struct month *m);

static int load_month(struct calc *c, yg_period p, const struct month **out)
{
	struct month *m, *nm;
	int rc;

	for (size_t i = 0; i < c->nmonths; i++)
		if (c->months[i].p == p) {
			*out = &c->months[i];
			return YG_OK;
		}
	nm = realloc(c->months, (c->nmonths + 1) * sizeof *nm);
	if (!nm)
		return yg_fail(YG_ENOMEM, "out of memory");
	c->months = nm;
	m = memset(&c->months[c->nmonths], 0, sizeof *m);
	m->p = p;
	c->nmonths++;
	if (c->stored && (rc = stored_month(c, m)) != YG_OK)
		return rc;
	if (m->stored) {
		*out = m;
		return YG_OK;
	}
	m->sum = calloc(c->norgs ? c->norgs : 1, sizeof *m->sum);
	m->fund = calloc(c->norgs ? c->norgs : 1, sizeof *m->fund);
	m->growth = NULL;
	if (!m->sum || !m->fund)
		return yg_fail(YG_ENOMEM, "out of memory");
	m->f = calloc(c->norgs ? c->norgs : 1, sizeof *m->f);
	if (!m->f)
		return yg_fail(YG_ENOMEM, "out of memory");
	for (size_t i = 0; i < c->norgs; i++)
		for (int k = 0; k < NKEYS; k++)
			m->f[i].v[k] = -1;
	/* The numbers of the month's returns in one query a form, not each
	 * return loaded. */
	rc = YG_OK;
	for (int s = 0; rc == YG_OK && s < NSRC; s++) {
		struct take t = { c, m, (enum src)s };
		unsigned states = 1u << YG_ST_APPROVED |
			(c->approved_only ? 0 : 1u << YG_ST_SUBMITTED);
		const char *want[NKEYS + 1];
		size_t n = 0;

		for (int k = 0; k < NKEYS; k++)
			if (keys[k].src == (enum src)s)
				want[n++] = keys[k].key;
		want[n] = NULL;
		rc = yg_values_each(c->db, p, src_form[s], want, states, take_value, &t);
	}
	if (rc == YG_OK)
		month_sums(c, m);
	/* Of what each institution filed only its revenue is read again (a
	 * year-on-year growth): a province's 36 months would otherwise keep
	 * every institution's numbers. */
	if (rc == YG_OK && !(m->rev = malloc((c->norgs ? c->norgs : 1) * sizeof *m->rev)))
		rc = yg_fail(YG_ENOMEM, "out of memory");
	for (size_t i = 0; rc == YG_OK && i < c->norgs; i++)
		m->rev[i] = m->f[i].have[S_SERVICES] ? revenue(&m->f[i]) : -2;
	if (rc == YG_OK) {
		free(m->f);
		m->f = NULL;
	}
	*out = m;
	return rc;
}

/* Adds n / d to a figure when both are known. */
static void add(struct out_fig *f, int64_t n, int64_t d)
{
	if (n < 0 || d < 0)
		return;
	f->num += n;
	f->den += d;
}

static int64_t visits_all(const struct filed *x)
{
	if (x->v[K_VISITS] < 0)
		return -1;
	return x->v[K_VISITS] + (x->v[K_VILLAGE] > 0 ? x->v[K_VILLAGE] : 0);
}

static int64_t revenue(const struct filed *x)
{
	if (x->v[K_OUT_REV] < 0 || x->v[K_IN_REV] < 0)
		return -1;
	return x->v[K_OUT_REV] + x->v[K_IN_REV];
}

/* One institution's part of an indicator in one month. */
static void contribute(int ind, const struct yg_org *o, const struct filed *x, struct out_fig *f)
{
	bool svc = x->have[S_SERVICES], fd = x->have[S_FAMILYDOC], ins = x->have[S_INSURANCE];
	int64_t v = visits_all(x);

	switch (ind) {
	case OUT_PRIMARY_VISITS:
		if (svc)
			add(f, o->tier == YG_TIER_PRIMARY ? v : 0, v);
		break;
	case OUT_VILLAGE_SHARE:
		if (svc)
			add(f, o->kind == YG_KIND_TOWNSHIP ? v : 0, v);
		break;
	case OUT_INPATIENT_IN:
		if (ins && x->v[K_INPAT] >= x->v[K_INPAT_OUT] && x->v[K_INPAT_OUT] >= 0)
			add(f, x->v[K_INPAT] - x->v[K_INPAT_OUT], x->v[K_INPAT]);
		break;
	case OUT_FUND_IN:
		if (ins)
			add(f, x->v[K_SPENT_IN], x->v[K_SPENT]);
		break;
	case OUT_FUND_PRIMARY:
		if (ins)
			add(f, x->v[K_SPENT_PRIM], x->v[K_SPENT_IN]);
		break;
	case OUT_EHR:
		if (svc && fd)
			add(f, x->v[K_EHR], x->v[K_RESIDENTS]);
		break;
	case OUT_HYPERTENSION:
		if (svc && fd)
			add(f, x->v[K_HTN_M], x->v[K_HTN]);
		break;
	case OUT_DIABETES:
		if (svc && fd)
			add(f, x->v[K_DM_M], x->v[K_DM]);
		break;
	case OUT_FOLLOWED_UP:
		if (fd)
			add(f, x->v[K_FOLLOWED], x->v[K_SIGNED]);
		break;
	case OUT_OUTPATIENT_COST:
		if (svc)
			add(f, x->v[K_OUT_REV], x->v[K_VISITS]);
		break;
	case OUT_INPATIENT_COST:
		if (svc)
			add(f, x->v[K_IN_REV], x->v[K_DISCHARGES]);
		break;
	case OUT_DRUG_SHARE:
		if (svc)
			add(f, x->v[K_DRUG_REV], revenue(x));
		break;
	default:
		break;
	}
}

/* Is the unit inside a medical community? */
static bool in_community(const struct calc *c, int64_t id)
{
	for (int guard = 0; id && guard < 64; guard++) {
		int i = org_index(c, id);

		if (i < 0)
			return false;
		if (c->orgs[i].kind == YG_KIND_COMMUNITY)
			return true;
		id = c->orgs[i].parent_id;
	}
	return false;
}

/* Which institutions' figures count for a unit: its own, and those of the
 * communities and county above it; a hospital outside every community (the
 * supporting urban hospital under the root, DESIGN §1) is outside the
 * county's service (县域): it has its own figures, not the county's.
 * month_sums and growth_sums spread each institution's figures so. */

/* Month q's revenue growth against q - 12, by unit, summed once. */
static int growth_sums(struct calc *c, yg_period q, const struct month **out)
{
	const struct month *m, *last;
	struct out_fig *g;
	int rc;

	/* A stored month has its growth: the month a year before is not read. */
	if ((rc = load_month(c, q, &m)) != YG_OK)
		return rc;
	*out = m;
	if (m->growth || m->stored)
		return YG_OK;
	/* load_month may move the array: both looked up again once both are in. */
	if ((rc = load_month(c, yg_period_add(q, -12), &last)) != YG_OK ||
	    (rc = load_month(c, q, &m)) != YG_OK ||
	    (rc = load_month(c, yg_period_add(q, -12), &last)) != YG_OK)
		return rc;
	*out = m;
	if (!(g = calloc(c->norgs ? c->norgs : 1, sizeof *g)))
		return yg_fail(YG_ENOMEM, "out of memory");
	((struct month *)m)->growth = g;
	if (last->stored) {
		/* This month could not be stored (another writer held the
		 * lock) but last year's is: computed again, all from the
		 * returns (compute_calc). */
		c->mixed = true;
		return YG_OK;
	}
	/* Like for like: each institution-month with its month of last year. */
	for (size_t i = 0; i < c->norgs; i++) {
		int64_t now, before;

		if (!yg_kind_is_institution(c->orgs[i].kind) || m->rev[i] == -2 ||
		    last->rev[i] == -2)
			continue;
		now = m->rev[i];
		before = last->rev[i];
		if (now >= 0 && before >= 0)
			spread(c, i, g, 1, (struct out_fig){ now - before, before });
	}
	return YG_OK;
}

/* ---- stored figures (yg_memo_*) ----
 *
 * A unit's month as integers behind a tag: each indicator's sums (the
 * growth slot holding the month's revenue against the same month a year
 * before, which growth_sums makes), then the fund's budget and spending.
 * A unit without a row in a stored month has all zero: nothing filed.
 */
#define MEMO_TAG 0x4f555431 /* "OUT1" */

static enum yg_memo_kind memo_kind(const struct calc *c)
{
	return c->approved_only ? YG_MEMO_OUT_APPROVED : YG_MEMO_OUT;
}

static void free_months(struct calc *c)
{
	for (size_t i = 0; i < c->nmonths; i++) {
		free(c->months[i].f);
		free(c->months[i].rev);
		free(c->months[i].sum);
		free(c->months[i].fund);
		free(c->months[i].growth);
		free(c->months[i].slot);
		free(c->months[i].rows);
	}
	free(c->months);
	c->months = NULL;
	c->nmonths = 0;
}

/* yg_memo_fill's computation: the month from the returns, every unit's
 * sums packed and put (c's units: the whole tree, since only an actor who
 * sees it stores). */
static int fill_month(void *arg, yg_db *db, yg_period p)
{
	const struct calc *c = arg;
	struct calc t = { .db = db, .approved_only = c->approved_only, .orgs = c->orgs,
		.norgs = c->norgs, .ix = c->ix, .parent = c->parent, .in_comm = c->in_comm };
	struct yg_pack pk = { 0 }, old = { 0 };
	const struct month *m;
	char per[8];
	int rc = growth_sums(&t, p, &m);

	yg_period_format(p, per);

	for (size_t i = 0; rc == YG_OK && i < c->norgs; i++) {
		bool any = m->growth[i].num || m->growth[i].den || m->fund[i][0] || m->fund[i][1];
		bool found;

		for (int k = 0; k < OUT_NINDICATORS; k++)
			any = any || m->sum[i][k].num || m->sum[i][k].den;
		if (!any && c->verify) {
			/* Nothing filed: nothing may be stored either. */
			rc = yg_memo_get(db, memo_kind(c), p, c->orgs[i].id, &old, &found);
			if (rc == YG_OK && found)
				yg_findings_add(c->verify, "DB", YG_SEV_ERROR, NULL,
					"the stored outcome sums of %s in %s differ from the returns'",
					c->orgs[i].code, per);
			continue;
		}
		if (!any)
			continue;
		pk.n = 0;
		rc = yg_pack_int(&pk, MEMO_TAG);
		for (int k = 0; rc == YG_OK && k < OUT_NINDICATORS; k++) {
			struct out_fig f = k == OUT_COST_GROWTH ? m->growth[i] : m->sum[i][k];

			rc = yg_pack_int(&pk, f.num);
			rc = rc ? rc : yg_pack_int(&pk, f.den);
		}
		rc = rc ? rc : yg_pack_int(&pk, m->fund[i][0]);
		rc = rc ? rc : yg_pack_int(&pk, m->fund[i][1]);
		if (rc == YG_OK && !c->verify)
			rc = yg_memo_put(db, memo_kind(c), p, c->orgs[i].id, &pk);
		else if (rc == YG_OK &&
		    (rc = yg_memo_get(db, memo_kind(c), p, c->orgs[i].id, &old, &found)) == YG_OK &&
		    (!found || old.n != pk.n || memcmp(old.b, pk.b, pk.n) != 0))
			yg_findings_add(c->verify, "DB", YG_SEV_ERROR, NULL,
				"the stored outcome sums of %s in %s differ from the returns'",
				c->orgs[i].code, per);
	}
	yg_pack_free(&pk);
	yg_pack_free(&old);
	free_months(&t);
	return rc;
}

/* Makes m a month of the stored figures when they are (or can now be)
 * stored; else leaves it to be computed. */
static int stored_month(struct calc *c, struct month *m)
{
	bool sealed = false;

	if (yg_memo_fill(c->db, memo_kind(c), m->p, fill_month, c) != YG_OK ||
	    yg_memo_sealed(c->db, memo_kind(c), m->p, &sealed) != YG_OK || !sealed) {
		c->mixed = true; /* busy or read-only: computed, as below the root */
		return YG_OK;
	}
	if (!(m->slot = calloc(c->norgs ? c->norgs : 1, sizeof *m->slot)))
		return yg_fail(YG_ENOMEM, "out of memory");
	m->stored = true;
	return YG_OK;
}

/* Unit ui's sums of month m into *r: of a stored month read once from the
 * stored figures (none stored: all zero, nothing filed); of a computed
 * month from its arrays (the growth once growth_sums made it). */
static int unit_row(struct calc *c, const struct month *cm, int ui, struct urow *r)
{
	struct month *m = (struct month *)cm;
	struct yg_pack pk = { 0 };
	int64_t v[2 * OUT_NINDICATORS + 2], tag;
	struct urow *nv, got = { 0 };
	bool found;
	int rc;

	memset(r, 0, sizeof *r);
	if (ui < 0)
		return YG_OK;
	if (!m->stored) {
		memcpy(r->sum, m->sum[ui], sizeof r->sum);
		memcpy(r->fund, m->fund[ui], sizeof r->fund);
		if (m->growth)
			r->growth = m->growth[ui];
		return YG_OK;
	}
	if (m->slot[ui]) {
		*r = m->rows[m->slot[ui] - 1];
		return YG_OK;
	}
	rc = yg_memo_get(c->db, memo_kind(c), m->p, c->orgs[ui].id, &pk, &found);
	if (rc == YG_OK && found) {
		bool ok = yg_unpack_int(&pk, &tag) && tag == MEMO_TAG;

		for (size_t k = 0; ok && k < sizeof v / sizeof *v; k++)
			ok = yg_unpack_int(&pk, &v[k]);
		/* Another layout (another version wrote it): the whole
		 * computation is made again from the returns (compute). */
		if (!ok || pk.at != pk.n) {
			c->mixed = true;
			ok = false;
		}
		for (int k = 0; ok && k < OUT_NINDICATORS; k++) {
			struct out_fig f = { v[2 * k], v[2 * k + 1] };

			if (k == OUT_COST_GROWTH)
				got.growth = f;
			else
				got.sum[k] = f;
		}
		if (ok) {
			got.fund[0] = v[2 * OUT_NINDICATORS];
			got.fund[1] = v[2 * OUT_NINDICATORS + 1];
		}
	}
	yg_pack_free(&pk);
	if (rc != YG_OK)
		return rc;
	if (!(nv = realloc(m->rows, (m->nrows + 1) * sizeof *nv)))
		return yg_fail(YG_ENOMEM, "out of memory");
	m->rows = nv;
	m->rows[m->nrows++] = got;
	m->slot[ui] = (uint32_t)m->nrows;
	*r = got;
	return YG_OK;
}

static int figure(struct calc *c, int64_t unit, int ind, yg_period p, struct out_fig *f)
{
	const struct month *m;
	struct urow r;
	int ui = org_index(c, unit), rc;

	f->num = f->den = 0;
	if (ui < 0)
		return YG_OK;
	if (ind != OUT_COST_GROWTH) {
		if ((rc = load_month(c, p, &m)) != YG_OK || (rc = unit_row(c, m, ui, &r)) != YG_OK)
			return rc;
		*f = r.sum[ind];
		return YG_OK;
	}
	for (yg_period q = yg_period_year(p) * 100 + 1; q <= p; q = yg_period_add(q, 1)) {
		if ((rc = growth_sums(c, q, &m)) != YG_OK || (rc = unit_row(c, m, ui, &r)) != YG_OK)
			return rc;
		f->num += r.growth.num;
		f->den += r.growth.den;
	}
	return YG_OK;
}

/* T17's figure: the gap over the budget's pace, num = spent × 12 − budget
 * × month, den = budget × month; *budget and *spent the sums. */
static int fund_gap(struct calc *c, int64_t unit, yg_period p, struct out_fig *f,
	int64_t *budget, int64_t *spent)
{
	const struct month *m;
	struct urow r;
	int month = yg_period_month(p), rc;
	int ui = org_index(c, unit);

	*budget = *spent = 0;
	f->num = f->den = 0;
	if ((rc = load_month(c, p, &m)) != YG_OK || (rc = unit_row(c, m, ui, &r)) != YG_OK)
		return rc;
	*budget = r.fund[0];
	*spent = r.fund[1];
	if (*budget > 0) {
		f->num = *spent * 12 - *budget * month;
		f->den = *budget * month;
	}
	return YG_OK;
}

static int64_t round_div(__int128 n, __int128 d)
{
	/* Half away from zero; d > 0. */
	return (int64_t)(n >= 0 ? (2 * n + d) / (2 * d) : -((-2 * n + d) / (2 * d)));
}

bool out_value_x100(struct out_fig f, enum out_unit unit, int64_t *out)
{
	if (f.den <= 0)
		return false;
	/* Hundredths of a percent; yuan: fen per visit, num being fen already. */
	*out = round_div((__int128)f.num * (unit == OUT_PERCENT ? 10000 : 1), f.den);
	return true;
}

bool out_fig_ge(struct out_fig a, struct out_fig b)
{
	return (__int128)a.num * b.den >= (__int128)b.num * a.den;
}

void out_format(enum out_unit unit, struct out_fig f, enum yg_met met, int64_t threshold_x100,
	char buf[static 32])
{
	int64_t v;

	if (!out_value_x100(f, unit, &v)) {
		snprintf(buf, 32, "-");
		return;
	}
	if (unit == OUT_YUAN) {
		char fen[24];

		yg_format_fen(v < 0 ? 0 : v, fen);
		snprintf(buf, 32, "%s", fen);
		return;
	}
	int64_t x10 = round_div((__int128)f.num * 1000, f.den);
	const char *sign = x10 < 0 ? "-" : "";
	if (met == YG_MISSED && threshold_x100 >= 0 && x10 * 10 == threshold_x100) {
		/* Two decimals, cut toward the side the figure missed on. */
		__int128 exact = (__int128)f.num * 10000, bar = (__int128)threshold_x100 * f.den;
		int64_t x100 = (int64_t)(exact / f.den);
		if (exact < bar && exact % f.den && exact < 0)
			x100--;
		if (exact > bar && exact % f.den && exact > 0)
			x100++;
		sign = x100 < 0 ? "-" : "";
		x100 = x100 < 0 ? -x100 : x100;
		snprintf(buf, 32, "%s%lld.%02lld%%", sign, (long long)(x100 / 100),
			(long long)(x100 % 100));
		return;
	}
	x10 = x10 < 0 ? -x10 : x10;
	snprintf(buf, 32, "%s%lld.%lld%%", sign, (long long)(x10 / 10), (long long)(x10 % 10));
}

static enum out_level level_of(enum yg_kind k)
{
	/* A prefecture or province reads as a county does: the figures of
	 * every community below it. */
	return yg_kind_is_level(k) ? OUT_COUNTY : k == YG_KIND_COMMUNITY ? OUT_COMMUNITY :
		OUT_INSTITUTION;
}

static int64_t gdp_x100(struct calc *c, enum yg_tier tier)
{
	int x10 = yg_setting_get_int(c->db, YG_SET_GDP_GROWTH, INT32_MIN);

	if (x10 != INT32_MIN)
		return (int64_t)x10 * 10;
	return yg_threshold(c->db, "T18", tier, 5) * 100;
}

/* The verdict of a target row whose figure and year-before are filled. */
static void judge(struct calc *c, const struct yg_org *o, yg_period p, struct out_row *r)
{
	const char *id = out_target_defs[r->index].id;
	int64_t budget, spent;

	r->met = YG_NA;
	r->band = -1;
	r->threshold_x100 = -1;
	if (!strcmp(id, "T14")) {
		if (r->level == OUT_INSTITUTION && o->tier != YG_TIER_PRIMARY)
			return;
		r->threshold_x100 = yg_threshold(c->db, "T14", o->tier, 85) * 100;
		if (r->fig.den > 0)
			r->met = (__int128)r->fig.num * 10000 >= (__int128)r->threshold_x100 *
				r->fig.den ? YG_MET : YG_MISSED;
	} else if (!strcmp(id, "T15") || !strcmp(id, "T16")) {
		if (r->fig.den > 0 && r->year_before.den > 0)
			r->met = out_fig_ge(r->fig, r->year_before) ? YG_MET : YG_MISSED;
	} else if (!strcmp(id, "T17")) {
		int64_t shared = yg_threshold(c->db, "T17", o->tier, 5);
		int64_t own = yg_threshold(c->db, "T17S", o->tier, 10);

		r->threshold_x100 = shared * 100;
		if (fund_gap(c, o->id, p, &r->fig, &budget, &spent) != YG_OK)
			return;
		r->band = forms_t17_band(spent, budget, yg_period_month(p), shared, own, NULL);
		r->met = r->band < 0 ? YG_NA : r->band == 0 ? YG_MET : YG_MISSED;
	} else if (!strcmp(id, "T18")) {
		r->threshold_x100 = gdp_x100(c, o->tier);
		if (r->fig.den > 0)
			r->met = (__int128)r->fig.num * 10000 <= (__int128)r->threshold_x100 *
				r->fig.den ? YG_MET : YG_MISSED;
	}
}

static int push(struct outcomes *out, size_t *cap, struct out_row **r)
{
	if (out->n == *cap) {
		size_t nc = *cap ? *cap * 2 : 64;
		struct out_row *nv = realloc(out->rows, nc * sizeof *nv);

		if (!nv)
			return yg_fail(YG_ENOMEM, "out of memory");
		out->rows = nv;
		*cap = nc;
	}
	*r = memset(&out->rows[out->n++], 0, sizeof **r);
	return YG_OK;
}

static int unit_rows(struct calc *c, struct outcomes *out, size_t *cap, size_t oi,
	const char *code, const char *name, int depth, yg_period p)
{
	const struct yg_org *o = &c->orgs[oi];
	enum out_level lv = level_of(o->kind);
	int rc = YG_OK;

	for (int t = 0; rc == YG_OK && t < OUT_NINDICATORS + OUT_NTARGETS; t++) {
		bool tg = t >= OUT_NINDICATORS;
		int idx = tg ? t - OUT_NINDICATORS : t;
		int ind = tg ? out_target_defs[idx].indicator : idx;
		unsigned levels = tg ? out_target_defs[idx].levels : out_defs[idx].levels;
		struct out_row *r = NULL;

		if (!(levels & LV(lv)))
			continue;
		if ((rc = push(out, cap, &r)) != YG_OK)
			break;
		r->id = tg ? out_target_defs[idx].id : out_defs[idx].id;
		r->is_target = tg;
		r->index = idx;
		r->org_id = o->id;
		r->org_code = code;
		r->org_name = name;
		r->level = lv;
		r->kind = o->kind;
		r->depth = depth;
		r->unit = ind >= 0 ? out_defs[ind].unit : OUT_PERCENT;
		r->met = YG_NA;
		r->band = -1;
		r->threshold_x100 = -1;
		for (int k = 0; rc == YG_OK && k < 12; k++) {
			yg_period q = yg_period_add(p, k - 11);
			int64_t b, s;

			rc = ind >= 0 ? figure(c, o->id, ind, q, &r->trend[k]) :
				fund_gap(c, o->id, q, &r->trend[k], &b, &s);
		}
		if (rc != YG_OK)
			break;
		r->fig = r->trend[11];
		if (ind >= 0)
			rc = figure(c, o->id, ind, yg_period_add(p, -12), &r->year_before);
		else {
			int64_t b, s;
			rc = fund_gap(c, o->id, yg_period_add(p, -12), &r->year_before, &b, &s);
		}
		if (rc == YG_OK && tg) {
			int64_t unused;
			enum yg_force f = yg_target_at(c->db, r->id, o->tier, p, 0, &unused);

			judge(c, o, p, r);
			/* Before its first month (or after its last) a target is
			 * shown as not in force, never as missed (DESIGN §4). */
			if (r->met != YG_NA && (f == YG_FORCE_NOT_YET || f == YG_FORCE_ENDED))
				r->met = YG_NOT_IN_FORCE;
		}
	}
	return rc;
}

void outcomes_free(struct outcomes *o)
{
	for (size_t i = 0; i < o->nunits; i++) {
		free(o->codes[i]);
		free(o->names[i]);
	}
	free(o->codes);
	free(o->names);
	free(o->rows);
	memset(o, 0, sizeof *o);
}

static int compute(yg_db *db, yg_period p, const char *org_code, bool approved_only,
	bool top_only, struct outcomes *out);
static int compute_calc(struct calc *cp, yg_period p, const char *org_code,
	struct outcomes *out);

int outcomes_compute(yg_db *db, yg_period p, const char *org_code, struct outcomes *out)
{
	return outcomes_compute_basis(db, p, org_code, false, out);
}

int outcomes_compute_basis(yg_db *db, yg_period p, const char *org_code, bool approved_only,
	struct outcomes *out)
{
	return compute(db, p, org_code, approved_only, false, out);
}

int outcomes_compute_top(yg_db *db, yg_period p, struct outcomes *out)
{
	return compute(db, p, NULL, false, true, out);
}

/* The units of the actor's scope and their tree, for a computation. */
static int calc_units(struct calc *c)
{
	int rc = yg_org_list(c->db, &c->orgs, &c->norgs);

	if (rc != YG_OK)
		return rc;
	c->ix = yg_org_index_new(c->orgs, c->norgs);
	c->parent = calloc(c->norgs ? c->norgs : 1, sizeof *c->parent);
	c->in_comm = calloc(c->norgs ? c->norgs : 1, sizeof *c->in_comm);
	if (!c->ix || !c->parent || !c->in_comm)
		return yg_fail(YG_ENOMEM, "out of memory");
	for (size_t i = 0; i < c->norgs; i++)
		c->parent[i] = c->orgs[i].parent_id ? org_index(c, c->orgs[i].parent_id) : -1;
	for (size_t i = 0; i < c->norgs; i++)
		c->in_comm[i] = in_community(c, c->orgs[i].id);
	return YG_OK;
}

static void calc_free(struct calc *c)
{
	free_months(c);
	yg_org_index_free(c->ix);
	free(c->parent);
	free(c->in_comm);
	yg_org_list_free(c->orgs, c->norgs);
}

int outcomes_memo_verify(yg_db *db, yg_period p, bool approved_only, struct yg_findings *out)
{
	struct calc c = { .db = db, .approved_only = approved_only, .verify = out };
	bool sealed = false;
	int rc;

	if (!yg_memo_writable(db))
		return YG_OK;
	/* Compared in one transaction: no writer between the two. */
	if ((rc = yg_begin(db)) != YG_OK)
		return rc;
	if ((rc = yg_memo_sealed(db, memo_kind(&c), p, &sealed)) == YG_OK && sealed &&
	    (rc = calc_units(&c)) == YG_OK)
		rc = fill_month(&c, db, p);
	calc_free(&c);
	if (rc == YG_OK)
		return yg_commit(db);
	yg_rollback(db);
	return rc;
}

int outcomes_memo_fill(yg_db *db, yg_period p, bool approved_only)
{
	struct calc c = { .db = db, .approved_only = approved_only };
	int rc;

	if (!yg_memo_writable(db))
		return YG_OK;
	if ((rc = calc_units(&c)) == YG_OK)
		rc = yg_memo_fill(db, memo_kind(&c), p, fill_month, &c);
	calc_free(&c);
	return rc;
}

int outcomes_compute_live(yg_db *db, yg_period p, bool approved_only, struct outcomes *out)
{
	struct calc c = { .db = db, .approved_only = approved_only };

	return compute_calc(&c, p, NULL, out);
}

static int compute(yg_db *db, yg_period p, const char *org_code, bool approved_only,
	bool top_only, struct outcomes *out)
{
	/* Months from the stored figures when this actor may store them. */
	struct calc c = { .db = db, .approved_only = approved_only, .top_only = top_only,
		.stored = yg_memo_writable(db) };
	int rc = compute_calc(&c, p, org_code, out);

	if (rc == YG_OK && c.mixed) {
		/* Some month could not be stored (the database busy or read
		 * only): every month from the returns, as below the root. */
		outcomes_free(out);
		c = (struct calc){ .db = db, .approved_only = approved_only,
			.top_only = top_only };
		rc = compute_calc(&c, p, org_code, out);
	}
	return rc;
}

static int compute_calc(struct calc *cp, yg_period p, const char *org_code,
	struct outcomes *out)
{
	struct calc c = *cp;
	yg_db *db = c.db;
	size_t cap = 0;
	int64_t top = 0;
	int rc;

	memset(out, 0, sizeof *out);
	out->period = p;
	rc = calc_units(&c);
	if (rc == YG_OK && org_code) {
		for (size_t i = 0; i < c.norgs && !top; i++)
			if (!strcasecmp(c.orgs[i].code, org_code))
				top = c.orgs[i].id;
		if (!top) {
			struct yg_org o = { 0 };

			rc = yg_org_get(db, org_code, &o);
			yg_org_clear(&o);
			if (rc == YG_OK)
				rc = yg_fail(YG_EPERM,
					"org unit %s is outside your scope", org_code);
		}
	} else if (rc == YG_OK && c.norgs) {
		top = c.orgs[0].id;
	}
	out->codes = calloc(c.norgs ? c.norgs : 1, sizeof *out->codes);
	out->names = calloc(c.norgs ? c.norgs : 1, sizeof *out->names);
	if (rc == YG_OK && (!out->codes || !out->names))
		rc = yg_fail(YG_ENOMEM, "out of memory");
	for (size_t i = 0; rc == YG_OK && i < c.norgs; i++) {
		const struct yg_org *o = &c.orgs[i];
		int depth = 0;

		if (!below(&c, o->id, top) || o->kind == YG_KIND_VILLAGE ||
		    (yg_kind_is_institution(o->kind) && o->closed))
			continue;
		for (int64_t id = o->id; id != top && depth < 64; depth++)
			id = c.orgs[org_index(&c, id)].parent_id;
		if (c.top_only && depth > 0)
			continue;
		out->codes[out->nunits] = yg_strdup(o->code);
		out->names[out->nunits] = yg_strdup(o->name);
		rc = unit_rows(&c, out, &cap, i, out->codes[out->nunits],
			out->names[out->nunits], depth, p);
		out->nunits++;
	}
	cp->mixed = c.mixed;
	calc_free(&c);
	if (rc != YG_OK)
		outcomes_free(out);
	return rc;
}
