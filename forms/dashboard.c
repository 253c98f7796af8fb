/*
 * dashboard.c — the figures of the targets dashboard (see dashboard.h for
 * where they come from and how aggregates are made).
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "dashboard.h"
#include "forms.h"

const struct dash_target dash_targets[DASH_NTARGETS] = {
	{ "T1", "staffing", DASH_COUNT, "公共卫生医师 >= 1", N_("Public-health physician") },
	{ "T2", "sentdown", DASH_COUNT, "牵头医院主治每天服务", N_("Lead attending daily") },
	{ "T3", "sentdown", DASH_COUNT, "重点院主治常驻", N_("Attending resident (key)") },
	{ "T4", NULL, DASH_COMMUNITY, "帮扶医院专家 >= 3", N_("Supporting experts >= 3") },
	{ "T5", "posting", DASH_COUNT, "帮扶派驻 >= 6 月", N_("Support batches >= 6 mo") },
	{ "T6", "familydoc", DASH_RATIO, "家庭医生签约", N_("Family-doctor signing") },
	{ "T7", "capacity", DASH_RATIO, "预留号源床位检查", N_("Reserved for referrals") },
	{ "T8", "procurement", DASH_RATIO, "基本药物品种占比", N_("Essential-drug share") },
	{ "T9", "procurement", DASH_RATIO, "药品网上采购", N_("Drugs bought online") },
	{ "T10", "procurement", DASH_RATIO, "耗材试剂网上采购", N_("Consumables online") },
	{ "T11", "procurement", DASH_RATIO, "及时配送率", N_("Delivered on time") },
	{ "T12", "procurement", DASH_COUNT, "每笔回款 <= 30 天", N_("Each paid in 30 days") },
	{ "T13", "procurement", DASH_RATIO, "集采完成进度", N_("Volume procurement pace") },
};

int dash_target_index(const char *id)
{
	for (int t = 0; t < DASH_NTARGETS; t++)
		if (id && strcmp(dash_targets[t].id, id) == 0)
			return t;
	return -1;
}

#define MAX_DEPTH 8
#define NEED_CACHE 64

/* Everything the computation needs at hand. */
struct calc {
	yg_db *db;
	yg_period period;
	enum dash_basis basis;
	struct yg_org *orgs;
	size_t norgs;
	struct dash *d;
	int elapsed; /* T13: months of the contract year, the return's own counted */
	/* A province holds thousands of units: looked up by id through an index
	 * sorted by id, and each unit's ancestors listed once, so that summing
	 * the units below an aggregate is no walk up the tree. */
	struct yg_org_index *by_id;
	ssize_t *unit_of;        /* orgs index -> d->u index, -1 for none */
	int64_t (*anc)[MAX_DEPTH]; /* d->u index -> ids of the units above, 0-ended */
	enum yg_force force[DASH_NTARGETS];
	struct { const char *id; enum yg_tier tier; int64_t pct; } need[NEED_CACHE];
	size_t nneed;
};

static ssize_t org_index(const struct calc *c, int64_t id)
{
	return yg_org_index_find(c->by_id, id);
}

static const struct yg_org *org_by_id(const struct calc *c, int64_t id)
{
	ssize_t i = org_index(c, id);

	return i < 0 ? NULL : &c->orgs[i];
}

static struct dash_unit *unit_of(const struct calc *c, int64_t id)
{
	ssize_t i = org_index(c, id);

	return i < 0 || c->unit_of[i] < 0 ? NULL : &c->d->u[c->unit_of[i]];
}

static int by_code(const void *a, const void *b)
{
	return strcasecmp((*(struct dash_unit *const *)a)->code,
		(*(struct dash_unit *const *)b)->code);
}

static int by_code_index(struct dash *d)
{
	if (!(d->by_code = calloc(d->n ? d->n : 1, sizeof *d->by_code)))
		return yg_fail(YG_ENOMEM, "out of memory");
	for (size_t i = 0; i < d->n; i++)
		d->by_code[i] = &d->u[i];
	qsort(d->by_code, d->n, sizeof *d->by_code, by_code);
	return YG_OK;
}

const struct dash_unit *dash_unit_find(const struct dash *d, const char *code)
{
	if (d->by_code && code) {
		struct dash_unit key = { .code = (char *)code }, *k = &key, **u;

		/* A screen looks up each of a province's thousands of rows. */
		u = bsearch(&k, d->by_code, d->n, sizeof *d->by_code, by_code);
		return u ? *u : NULL;
	}
	for (size_t i = 0; i < d->n; i++)
		if (code && strcasecmp(d->u[i].code, code) == 0)
			return &d->u[i];
	return NULL;
}

/* The threshold behind one part of a ratio target, x 12 (T13: times the
 * months elapsed instead, its threshold being a pace); -1 when the
 * reference table has no row for the tier. */
static int64_t need1200(struct calc *c, const char *target, const char *field,
	enum yg_tier tier)
{
	const char *id = target;
	int64_t pct;

	if (!strcmp(target, "T6"))
		id = field && !strcmp(field, "key_population_signed") ? "T6K" : "T6R";
	pct = -1;
	for (size_t i = 0; i < c->nneed && pct < 0; i++)
		if (c->need[i].tier == tier && !strcmp(c->need[i].id, id))
			pct = c->need[i].pct;
	if (pct < 0) {
		/* A threshold per target and tier: read once, not per institution. */
		pct = yg_threshold(c->db, id, tier, -1);
		if (c->nneed < NEED_CACHE) {
			c->need[c->nneed].id = id;
			c->need[c->nneed].tier = tier;
			c->need[c->nneed++].pct = pct < 0 ? -2 : pct;
		}
	}
	if (pct < 0)
		return -1;
	return !strcmp(target, "T13") ? pct * c->elapsed : pct * 12;
}

static enum yg_met combine_parts(const struct dash_fig *f)
{
	enum yg_met m = YG_NA;

	for (size_t i = 0; i < f->nparts; i++) {
		if (f->part[i].met == YG_MISSED)
			return YG_MISSED;
		if (f->part[i].met == YG_MET)
			m = YG_MET;
	}
	return m;
}

static void take_finding(struct calc *c, struct dash_unit *u, const struct yg_org *org,
	int t, const struct yg_finding *f)
{
	struct dash_fig *fig = &u->fig[t];
	struct dash_part *p = NULL;

	if (dash_targets[t].kind != DASH_RATIO) {
		fig->met = f->met;
		fig->num = f->num;
		fig->den = f->den;
		return;
	}
	for (size_t i = 0; i < fig->nparts; i++)
		if (f->field && fig->part[i].field && !strcmp(fig->part[i].field, f->field))
			p = &fig->part[i];
	if (!p) {
		if (fig->nparts == DASH_MAX_PARTS)
			return;
		p = &fig->part[fig->nparts++];
	}
	/* The part's key is the field of a static spec: it outlives us. */
	p->field = NULL;
	for (size_t k = 0; f->field && k < yg_form_count(); k++) {
		const struct yg_form *form = yg_form_at(k);
		int i = yg_field_index(form, f->field);

		if (!strcmp(form->key, dash_targets[t].form) && i >= 0)
			p->field = form->fields[i].key;
	}
	p->num = f->num;
	p->den = f->den;
	p->met = f->den > 0 ? f->met : YG_NA;
	p->need1200 = need1200(c, dash_targets[t].id, f->field, org->tier);
	fig->met = combine_parts(fig);
	fig->num = fig->part[0].num;
	fig->den = fig->part[0].den;
}

/* A stored target finding of a submitted or approved return (received),
 * or of an approved one (the bulletin's basis). */
static int from_return(void *arg, const struct yg_period_finding *x)
{
	struct calc *c = arg;
	int t = dash_target_index(x->f.rule);
	struct dash_unit *u;
	const struct yg_org *org;

	if (x->state != YG_ST_APPROVED &&
	    (x->state != YG_ST_SUBMITTED || c->basis != DASH_RECEIVED))
		return YG_OK;
	if (x->f.severity != YG_SEV_TARGET || t < 0 || !dash_targets[t].form ||
	    strcmp(dash_targets[t].form, x->form->key) != 0)
		return YG_OK;
	u = unit_of(c, x->org_id);
	org = org_by_id(c, x->org_id);
	if (!u || !org || u->aggregate)
		return YG_OK;
	take_finding(c, u, org, t, &x->f);
	return YG_OK;
}

static const char *record_text(const struct yg_record *r, const char *key)
{
	const struct yg_value *v = yg_record_value(r, key);

	return v && v->set && v->text && *v->text ? v->text : NULL;
}

/* T5: every posting active in the month, judged by the posting form's rule,
 * counted at the institution it was sent to. */
static int postings(struct calc *c)
{
	const struct yg_form *form = yg_form_find("posting");
	const struct yg_rule *rule = NULL;
	yg_date first = yg_period_first_day(c->period), last = yg_period_last_day(c->period);
	struct yg_record **v = NULL;
	size_t n = 0;
	int t = dash_target_index("T5"), rc;

	if (!form)
		return YG_OK;
	for (size_t i = 0; i < form->nrules; i++)
		if (!strcmp(form->rules[i].id, "T5"))
			rule = &form->rules[i];
	if (!rule || !rule->check)
		return YG_OK;
	/* Not in force this month: no posting is judged. */
	enum yg_force force = yg_target_at(c->db, "T5", YG_TIER_NONE, c->period, 0, NULL);
	if (force == YG_FORCE_NOT_YET || force == YG_FORCE_ENDED) {
		for (size_t i = 0; i < c->d->n; i++)
			if (!c->d->u[i].aggregate)
				c->d->u[i].fig[t].met = YG_NOT_IN_FORCE;
		return YG_OK;
	}
	rc = yg_record_list(c->db, form, 0, &v, &n);
	if (rc != YG_OK)
		return rc;
	for (size_t i = 0; i < n; i++) {
		const struct yg_record *r = v[i];
		const struct yg_value *start = yg_record_value(r, "start_date");
		const char *recv = record_text(r, "receiving_org");
		const struct yg_org *org = NULL;
		struct dash_unit *u;
		struct yg_findings out;
		yg_date end;

		if (!start || !start->set)
			continue;
		end = forms_posting_end(yg_record_value(r, "planned_end_date"),
			yg_record_value(r, "actual_end_date"));
		if (start->num > last || end < first)
			continue;
		for (size_t k = 0; recv && k < c->norgs && !org; k++)
			if (!strcasecmp(c->orgs[k].code, recv))
				org = &c->orgs[k];
		if (!recv)
			org = org_by_id(c, r->org_id);
		if (!org || !(u = unit_of(c, org->id)) || u->aggregate)
			continue;
		struct yg_check_ctx ctx = {
			.db = c->db, .form = form, .org = org, .period = c->period,
			.values = r->values, .record_id = r->id,
		};
		yg_findings_init(&out);
		rule->check(&ctx, rule, &out);
		for (size_t k = 0; k < out.n; k++) {
			if (strcmp(out.v[k].rule, "T5") || out.v[k].met == YG_NA)
				continue;
			u->fig[t].den++;
			u->fig[t].num += out.v[k].met == YG_MET;
		}
		yg_findings_free(&out);
	}
	yg_record_list_free(v, n);
	for (size_t i = 0; i < c->d->n; i++) {
		struct dash_fig *f = &c->d->u[i].fig[t];

		if (!c->d->u[i].aggregate && f->den > 0)
			f->met = f->num == f->den ? YG_MET : YG_MISSED;
	}
	return YG_OK;
}

static int communities(struct calc *c)
{
	int t = dash_target_index("T4");

	for (size_t i = 0; i < c->d->n; i++) {
		struct dash_unit *u = &c->d->u[i];
		struct yg_findings out;
		int rc;

		if (u->kind != YG_KIND_COMMUNITY)
			continue;
		yg_findings_init(&out);
		rc = forms_check_community(c->db, u->id, c->period, &out);
		if (rc != YG_OK) {
			yg_findings_free(&out);
			return rc;
		}
		for (size_t k = 0; k < out.n; k++) {
			if (strcmp(out.v[k].rule, "T4"))
				continue;
			u->fig[t].met = out.v[k].met;
			u->fig[t].num = out.v[k].num;
			u->fig[t].den = out.v[k].den;
		}
		yg_findings_free(&out);
	}
	return YG_OK;
}

/* One aggregate's running sums for one ratio target, by field, while the
 * institutions below are added in. */
struct agg_sum {
	const char *field[2 * DASH_MAX_PARTS];
	int64_t num[2 * DASH_MAX_PARTS], den[2 * DASH_MAX_PARTS];
	__int128 need[2 * DASH_MAX_PARTS];
	size_t n;
};

/* Adds unit u's figure for target t into aggregate a (one of u's ancestors). */
static void add_below(struct dash_unit *a, struct agg_sum *s, const struct dash_unit *u, int t)
{
	const struct dash_fig *f = &u->fig[t];
	struct dash_fig *fig = &a->fig[t];
	bool ratio = dash_targets[t].kind == DASH_RATIO;

	if (dash_targets[t].kind == DASH_COMMUNITY ? u->kind != YG_KIND_COMMUNITY :
	    u->aggregate)
		return;
	/* The sums take every part with a denominator, whatever its verdict. */
	for (size_t k = 0; ratio && k < f->nparts; k++) {
		const struct dash_part *p = &f->part[k];
		size_t j = 0;

		if (p->den <= 0)
			continue;
		while (j < s->n && s->field[j] != p->field)
			j++;
		if (j == s->n) {
			if (s->n == 2 * DASH_MAX_PARTS)
				continue;
			s->field[s->n++] = p->field;
		}
		s->num[j] += p->num;
		s->den[j] += p->den;
		if (p->need1200 >= 0)
			s->need[j] += (__int128)p->need1200 * p->den;
		else /* no row for its tier: keep its own verdict */
			s->need[j] += (__int128)p->num * 1200 + (p->met == YG_MET ? 0 : 1);
	}
	if (f->met == YG_NA || f->met == YG_NOT_IN_FORCE)
		return;
	fig->applies_n++;
	fig->met_n += f->met == YG_MET;
	/* Parts in the order the institutions first gave them. */
	for (size_t k = 0; ratio && k < f->nparts; k++) {
		bool have = false;

		for (size_t j = 0; j < fig->nparts; j++)
			have = have || fig->part[j].field == f->part[k].field;
		if (!have && fig->nparts < DASH_MAX_PARTS)
			fig->part[fig->nparts++].field = f->part[k].field;
	}
}

/* An aggregate's figure for target t from what add_below gathered. */
static void finish(struct dash_unit *a, const struct agg_sum *s, int t)
{
	struct dash_fig *fig = &a->fig[t];

	if (dash_targets[t].kind == DASH_COMMUNITY && a->kind == YG_KIND_COMMUNITY)
		return; /* its own figure, from the roster */
	if (dash_targets[t].kind == DASH_RATIO) {
		for (size_t j = 0; j < fig->nparts; j++) {
			struct dash_part *p = &fig->part[j];
			size_t k = 0;

			while (k < s->n && s->field[k] != p->field)
				k++;
			p->num = k < s->n ? s->num[k] : 0;
			p->den = k < s->n ? s->den[k] : 0;
			if (p->den == 0)
				p->met = YG_NA;
			else
				p->met = (__int128)p->num * 1200 >= s->need[k] ?
					YG_MET : YG_MISSED;
		}
		fig->met = combine_parts(fig);
		fig->num = fig->nparts ? fig->part[0].num : 0;
		fig->den = fig->nparts ? fig->part[0].den : 0;
	} else {
		fig->num = fig->met_n;
		fig->den = fig->applies_n;
		fig->met = fig->applies_n == 0 ? YG_NA :
			fig->met_n == fig->applies_n ? YG_MET : YG_MISSED;
	}
}

/* Every aggregate's figures in one pass over the units, each unit added
 * into the aggregates above it: a province's thousands of institutions
 * are each visited once, not once per aggregate. */
static int aggregate_all(struct calc *c)
{
	struct dash *d = c->d;
	ssize_t *agg = calloc(d->n ? d->n : 1, sizeof *agg);
	struct agg_sum *sum;
	size_t nagg = 0;

	if (!agg)
		return yg_fail(YG_ENOMEM, "out of memory");
	for (size_t i = 0; i < d->n; i++)
		agg[i] = d->u[i].aggregate ? (ssize_t)nagg++ : -1;
	sum = calloc(nagg ? nagg * DASH_NTARGETS : 1, sizeof *sum);
	if (!sum) {
		free(agg);
		return yg_fail(YG_ENOMEM, "out of memory");
	}
	for (size_t i = 0; i < d->n; i++)
		for (int t = 0; d->u[i].aggregate && t < DASH_NTARGETS; t++)
			if (c->force[t] == YG_FORCE_NOT_YET || c->force[t] == YG_FORCE_ENDED)
				d->u[i].fig[t].met = YG_NOT_IN_FORCE;
	for (size_t i = 0; i < d->n; i++) {
		const int64_t *anc = c->anc[i];

		for (int k = 0; k < MAX_DEPTH && anc[k]; k++) {
			struct dash_unit *a = unit_of(c, anc[k]);

			if (!a || !a->aggregate)
				continue;
			for (int t = 0; t < DASH_NTARGETS; t++)
				if (c->force[t] != YG_FORCE_NOT_YET && c->force[t] != YG_FORCE_ENDED)
					add_below(a, &sum[agg[a - d->u] * DASH_NTARGETS + t],
						&d->u[i], t);
		}
	}
	for (size_t i = 0; i < d->n; i++)
		for (int t = 0; d->u[i].aggregate && t < DASH_NTARGETS; t++)
			if (c->force[t] != YG_FORCE_NOT_YET && c->force[t] != YG_FORCE_ENDED)
				finish(&d->u[i], &sum[agg[i] * DASH_NTARGETS + t], t);
	free(sum);
	free(agg);
	return YG_OK;
}

static void calc_free(struct calc *c)
{
	yg_org_list_free(c->orgs, c->norgs);
	yg_org_index_free(c->by_id);
	free(c->unit_of);
	free(c->anc);
}

void dash_free(struct dash *d)
{
	for (size_t i = 0; i < d->n; i++) {
		free(d->u[i].code);
		free(d->u[i].name);
	}
	free(d->u);
	free(d->by_code);
	d->u = NULL;
	d->by_code = NULL;
	d->n = 0;
}

/* Every figure of the month over the actor's scope, computed. */
static int compute_live(yg_db *db, yg_period p, enum dash_basis basis, struct dash *out)
{
	struct calc c = { .db = db, .period = p, .basis = basis, .d = out };
	int start, rc;

	start = yg_setting_get_int(db, YG_SET_CONTRACT_START, 1);
	if (start < 1 || start > 12)
		start = 1;
	c.elapsed = (yg_period_month(p) - start + 12) % 12 + 1;
	rc = yg_org_list(db, &c.orgs, &c.norgs);
	if (rc != YG_OK)
		return rc;
	out->u = calloc(c.norgs ? c.norgs : 1, sizeof *out->u);
	c.by_id = yg_org_index_new(c.orgs, c.norgs);
	c.unit_of = calloc(c.norgs ? c.norgs : 1, sizeof *c.unit_of);
	c.anc = calloc(c.norgs ? c.norgs : 1, sizeof *c.anc);
	if (!out->u || !c.by_id || !c.unit_of || !c.anc) {
		calc_free(&c);
		free(out->u);
		out->u = NULL;
		return yg_fail(YG_ENOMEM, "out of memory");
	}
	for (size_t i = 0; i < c.norgs; i++)
		c.unit_of[i] = -1;
	for (int t = 0; t < DASH_NTARGETS; t++)
		c.force[t] = yg_target_at(db, dash_targets[t].id, YG_TIER_NONE, p, 0, NULL);
	for (size_t i = 0; i < c.norgs; i++) {
		const struct yg_org *o = &c.orgs[i];
		struct dash_unit *u, *parent;
		/* Every level (county, and the prefecture or province that
		 * consolidates counties) and community aggregates what is below. */
		bool agg = yg_kind_is_level(o->kind) || o->kind == YG_KIND_COMMUNITY;
		int64_t up = o->parent_id;

		if (!agg && (!yg_kind_is_institution(o->kind) || o->closed))
			continue;
		c.unit_of[i] = (ssize_t)out->n;
		for (int k = 0; up && k < MAX_DEPTH - 1; k++) {
			const struct yg_org *a = org_by_id(&c, up);

			c.anc[out->n][k] = up;
			up = a ? a->parent_id : 0;
		}
		u = &out->u[out->n++];
		u->id = o->id;
		u->code = yg_strdup(o->code);
		u->name = yg_strdup(o->name);
		u->kind = o->kind;
		u->parent_id = o->parent_id;
		u->aggregate = agg;
		parent = unit_of(&c, o->parent_id);
		u->depth = parent ? parent->depth + 1 : 0;
		for (int t = 0; t < DASH_NTARGETS; t++)
			u->fig[t].met = YG_NA;
	}
	/* The findings stored with each return (yg_findings_each), not every
	 * rule of every return run again. */
	rc = yg_findings_each(db, p, true, from_return, &c);
	if (rc == YG_OK)
		rc = postings(&c);
	if (rc == YG_OK)
		rc = communities(&c);
	if (rc == YG_OK)
		rc = aggregate_all(&c);
	calc_free(&c);
	if (rc == YG_OK)
		rc = by_code_index(out);
	if (rc != YG_OK)
		dash_free(out);
	return rc;
}

/* ---- stored figures (yg_memo_*) ----
 *
 * A unit's 13 figures packed as integers behind a tag: for each target its
 * verdict, figure and k of n, and each part with the index of its field in
 * the target's form (the field itself is a static key).  A change of this
 * layout changes the tag: rows of the old layout then read as absent and
 * are computed again.
 */
#define MEMO_TAG 0x44534831 /* "DSH1" */

static enum yg_memo_kind memo_kind(enum dash_basis basis)
{
	return basis == DASH_APPROVED ? YG_MEMO_DASH_APPROVED : YG_MEMO_DASH;
}

static int pack_unit(const struct dash_unit *u, struct yg_pack *pk)
{
	int rc = yg_pack_int(pk, MEMO_TAG);

	rc = rc ? rc : yg_pack_int(pk, DASH_NTARGETS);
	for (int t = 0; rc == YG_OK && t < DASH_NTARGETS; t++) {
		const struct dash_fig *f = &u->fig[t];
		const struct yg_form *form = dash_targets[t].form ?
			yg_form_find(dash_targets[t].form) : NULL;
		int64_t head[] = { f->met, f->num, f->den, f->met_n, f->applies_n,
			(int64_t)f->nparts };

		for (size_t k = 0; rc == YG_OK && k < sizeof head / sizeof *head; k++)
			rc = yg_pack_int(pk, head[k]);
		for (size_t k = 0; rc == YG_OK && k < f->nparts; k++) {
			const struct dash_part *x = &f->part[k];
			int64_t part[] = { form && x->field ? yg_field_index(form, x->field) : -1,
				x->num, x->den, x->met, x->need1200 };

			for (size_t j = 0; rc == YG_OK && j < sizeof part / sizeof *part; j++)
				rc = yg_pack_int(pk, part[j]);
		}
	}
	return rc;
}

/* false when the bytes are not a unit of this layout. */
static bool unpack_unit(struct yg_pack *pk, struct dash_unit *u)
{
	int64_t tag, nt;

	if (!yg_unpack_int(pk, &tag) || tag != MEMO_TAG || !yg_unpack_int(pk, &nt) ||
	    nt != DASH_NTARGETS)
		return false;
	for (int t = 0; t < DASH_NTARGETS; t++) {
		struct dash_fig *f = &u->fig[t];
		const struct yg_form *form = dash_targets[t].form ?
			yg_form_find(dash_targets[t].form) : NULL;
		int64_t met, met_n, applies_n, nparts;

		memset(f, 0, sizeof *f);
		if (!yg_unpack_int(pk, &met) || !yg_unpack_int(pk, &f->num) ||
		    !yg_unpack_int(pk, &f->den) || !yg_unpack_int(pk, &met_n) ||
		    !yg_unpack_int(pk, &applies_n) || !yg_unpack_int(pk, &nparts) ||
		    nparts < 0 || nparts > DASH_MAX_PARTS)
			return false;
		f->met = (enum yg_met)met;
		f->met_n = (int)met_n;
		f->applies_n = (int)applies_n;
		f->nparts = (size_t)nparts;
		for (size_t k = 0; k < f->nparts; k++) {
			struct dash_part *x = &f->part[k];
			int64_t field, pmet;

			if (!yg_unpack_int(pk, &field) || !yg_unpack_int(pk, &x->num) ||
			    !yg_unpack_int(pk, &x->den) || !yg_unpack_int(pk, &pmet) ||
			    !yg_unpack_int(pk, &x->need1200) ||
			    field >= (int64_t)(form ? form->nfields : 0))
				return false;
			x->field = field >= 0 ? form->fields[field].key : NULL;
			x->met = (enum yg_met)pmet;
		}
	}
	return pk->at == pk->n;
}

/* yg_memo_fill's computation: every unit of the month, packed and put;
 * or, for `check` (out set), compared with what is stored. */
struct fill {
	enum dash_basis basis;
	struct yg_findings *out;
};

static int fill_month(void *arg, yg_db *db, yg_period p)
{
	const struct fill *f = arg;
	struct yg_pack pk = { 0 }, old = { 0 };
	struct dash d;
	bool found;
	char per[8];
	int rc = dash_compute_live(db, p, f->basis, &d);

	yg_period_format(p, per);

	for (size_t i = 0; rc == YG_OK && i < d.n; i++) {
		pk.n = 0;
		rc = pack_unit(&d.u[i], &pk);
		if (rc == YG_OK && !f->out)
			rc = yg_memo_put(db, memo_kind(f->basis), p, d.u[i].id, &pk);
		else if (rc == YG_OK &&
		    (rc = yg_memo_get(db, memo_kind(f->basis), p, d.u[i].id, &old, &found)) == YG_OK &&
		    (!found || old.n != pk.n || memcmp(old.b, pk.b, pk.n) != 0))
			yg_findings_add(f->out, "DB", YG_SEV_ERROR, NULL,
				"the stored targets of %s in %s differ from the returns'",
				d.u[i].code, per);
	}
	dash_free(&d);
	yg_pack_free(&pk);
	yg_pack_free(&old);
	return rc;
}

int dash_memo_verify(yg_db *db, yg_period p, enum dash_basis basis, struct yg_findings *out)
{
	struct fill f = { basis, out };
	bool sealed = false;
	int rc;

	if (!yg_memo_writable(db))
		return YG_OK;
	/* Judged first; then compared in one transaction, so that no writer
	 * moves the returns between the figures and the stored rows. */
	if ((rc = yg_findings_refresh(db, p)) != YG_OK || (rc = yg_begin(db)) != YG_OK)
		return rc;
	if ((rc = yg_memo_sealed(db, memo_kind(basis), p, &sealed)) == YG_OK && sealed)
		rc = fill_month(&f, db, p);
	if (rc == YG_OK)
		return yg_commit(db);
	yg_rollback(db);
	return rc;
}

int dash_memo_fill(yg_db *db, yg_period p, enum dash_basis basis)
{
	struct fill f = { basis, NULL };
	bool sealed;
	int rc;

	if (!yg_memo_writable(db) ||
	    (rc = yg_memo_sealed(db, memo_kind(basis), p, &sealed)) != YG_OK || sealed)
		return YG_OK;
	/* Returns left unjudged by a broad change are judged first, in their
	 * own transaction: judged inside the one below, they would be judged
	 * only as it commits, after the figures were made without them. */
	if ((rc = yg_findings_refresh(db, p)) != YG_OK)
		return rc;
	return yg_memo_fill(db, memo_kind(basis), p, fill_month, &f);
}

/* The stored figures of unit id into u; *found false when none. */
static int memo_unit(yg_db *db, yg_period p, enum dash_basis basis, int64_t id,
	struct yg_pack *pk, struct dash_unit *u, bool *found)
{
	int rc = yg_memo_get(db, memo_kind(basis), p, id, pk, found);

	if (rc == YG_OK && *found && !unpack_unit(pk, u))
		return yg_fail(YG_ERROR, "the stored figures of unit %lld in %d do not read",
			(long long)id, (int)p);
	return rc;
}

/* Which units a dash holds: all of the scope, or (dash_compute_under) the
 * top of the scope, one unit and the units its detail shows. */
struct under {
	bool some;            /* false: every unit */
	const char *code;     /* the unit opened; NULL: the top of the scope */
	int64_t id;           /* the unit of code, found in the list */
	bool level;           /* it is above the county: its children only */
	bool below;           /* the list has passed it: its descendants follow */
	int depth;
};

/* Is org (depth d, tree order) one of the units u asks for? */
static bool wanted(struct under *w, const struct yg_org *o, int d, bool first)
{
	if (!w->some)
		return true;
	if (!w->id && (w->code ? !strcasecmp(o->code, w->code) : first)) {
		w->id = o->id;
		w->level = o->kind == YG_KIND_PREFECTURE || o->kind == YG_KIND_PROVINCE;
		w->depth = d;
		w->below = true;
		return true;
	}
	if (first)
		return true; /* the top of the scope, above the unit opened */
	if (w->below && d <= w->depth)
		w->below = false; /* out of its subtree: tree order */
	return w->below && (!w->level || o->parent_id == w->id);
}

/* The month's figures from the stored figures, for the units of the
 * actor's scope (yg_org_list) that w asks for, built as compute_live
 * builds them. */
static int from_memo(yg_db *db, yg_period p, enum dash_basis basis, struct under *w,
	struct dash *out)
{
	struct yg_org *orgs = NULL;
	struct yg_org_index *ix = NULL;
	struct yg_pack pk = { 0 };
	size_t norgs = 0;
	int *depth = NULL;
	int rc;

	if ((rc = yg_org_list(db, &orgs, &norgs)) != YG_OK)
		return rc;
	out->u = calloc(norgs ? norgs : 1, sizeof *out->u);
	depth = calloc(norgs ? norgs : 1, sizeof *depth);
	ix = yg_org_index_new(orgs, norgs);
	if (!out->u || !depth || !ix)
		rc = yg_fail(YG_ENOMEM, "out of memory");
	for (size_t i = 0; rc == YG_OK && i < norgs; i++) {
		struct yg_org *o = &orgs[i];
		bool agg = yg_kind_is_level(o->kind) || o->kind == YG_KIND_COMMUNITY, found;
		struct dash_unit *u = &out->u[out->n];
		ssize_t up = yg_org_index_find(ix, o->parent_id);

		/* Tree order: the parent is an earlier unit. */
		depth[i] = up >= 0 && (size_t)up < i ? depth[up] + 1 : 0;
		bool want = wanted(w, o, depth[i], i == 0); /* every unit: tree order */

		if (!want || (!agg && (!yg_kind_is_institution(o->kind) || o->closed)))
			continue;
		u->depth = depth[i];
		rc = memo_unit(db, p, basis, o->id, &pk, u, &found);
		if (rc != YG_OK)
			break;
		if (!found)
			for (int t = 0; t < DASH_NTARGETS; t++)
				u->fig[t] = (struct dash_fig){ .met = YG_NA };
		u->id = o->id;
		u->kind = o->kind;
		u->parent_id = o->parent_id;
		u->aggregate = agg;
		u->code = o->code;
		u->name = o->name;
		o->code = o->name = NULL; /* handed over */
		out->n++;
	}
	yg_pack_free(&pk);
	yg_org_index_free(ix);
	free(depth);
	yg_org_list_free(orgs, norgs);
	return rc;
}

int dash_compute(yg_db *db, yg_period p, struct dash *out)
{
	return dash_compute_basis(db, p, DASH_RECEIVED, out);
}

/* Keeps of a computed month only the units w asks for. */
static void keep_wanted(struct dash *d, struct under *w)
{
	size_t k = 0;

	if (!w->some)
		return;
	for (size_t i = 0; i < d->n; i++) {
		struct yg_org o = { .id = d->u[i].id, .code = d->u[i].code,
			.kind = d->u[i].kind, .parent_id = d->u[i].parent_id };

		if (wanted(w, &o, d->u[i].depth, i == 0)) {
			d->u[k++] = d->u[i];
		} else {
			free(d->u[i].code);
			free(d->u[i].name);
		}
	}
	d->n = k;
	free(d->by_code);
	d->by_code = NULL;
}

static int compute(yg_db *db, yg_period p, enum dash_basis basis, struct under *w,
	struct dash *out)
{
	bool sealed = false;
	int rc;

	memset(out, 0, sizeof *out);
	out->period = p;
	/* A busy or read-only database still shows its figures, computed. */
	if (dash_memo_fill(db, p, basis) != YG_OK ||
	    yg_memo_sealed(db, memo_kind(basis), p, &sealed) != YG_OK)
		sealed = false;
	rc = sealed ? from_memo(db, p, basis, w, out) : compute_live(db, p, basis, out);
	if (rc == YG_ERROR && sealed) {
		/* A stored row that does not read (written by another layout):
		 * the figures are computed; `check` names the row. */
		dash_free(out);
		out->period = p;
		*w = (struct under){ .some = w->some, .code = w->code };
		sealed = false;
		rc = compute_live(db, p, basis, out);
	}
	if (rc == YG_OK && !sealed)
		keep_wanted(out, w);
	if (rc == YG_OK && !out->by_code)
		rc = by_code_index(out);
	if (rc == YG_OK && w->some && !w->id)
		rc = yg_fail(YG_ENOTFOUND, "no unit %s in your scope", w->code ? w->code : "-");
	if (rc != YG_OK)
		dash_free(out);
	return rc;
}

int dash_compute_basis(yg_db *db, yg_period p, enum dash_basis basis, struct dash *out)
{
	struct under all = { 0 };

	return compute(db, p, basis, &all, out);
}

int dash_compute_under(yg_db *db, yg_period p, const char *code, struct dash *out)
{
	struct under w = { .some = true, .code = code };

	return compute(db, p, DASH_RECEIVED, &w, out);
}

int dash_compute_live(yg_db *db, yg_period p, enum dash_basis basis, struct dash *out)
{
	memset(out, 0, sizeof *out);
	out->period = p;
	return compute_live(db, p, basis, out);
}

int dash_unit_get(yg_db *db, yg_period p, enum dash_basis basis, int64_t org_id,
	struct dash_unit *out, bool *found)
{
	struct yg_pack pk = { 0 };
	bool sealed = false;
	struct dash d;
	int rc;

	memset(out, 0, sizeof *out);
	*found = false;
	if (dash_memo_fill(db, p, basis) != YG_OK ||
	    yg_memo_sealed(db, memo_kind(basis), p, &sealed) != YG_OK)
		sealed = false;
	if (sealed) {
		rc = memo_unit(db, p, basis, org_id, &pk, out, found);
		yg_pack_free(&pk);
		out->id = org_id;
		if (rc != YG_ERROR)
			return rc;
		memset(out, 0, sizeof *out); /* does not read: computed below */
		*found = false;
	}
	/* Not stored (an actor below the root): the scope's month, computed. */
	if ((rc = dash_compute_live(db, p, basis, &d)) != YG_OK)
		return rc;
	for (size_t i = 0; i < d.n && !*found; i++)
		if (d.u[i].id == org_id) {
			*out = d.u[i];
			out->code = out->name = NULL;
			*found = true;
		}
	dash_free(&d);
	return YG_OK;
}

/* A percentage rounded half up (DESIGN §3.5), except that a missed figure is
 * never rounded up to its threshold: it is cut down, with a second decimal
 * where rounding would have gone up ("79.96%", not "80.0%"). */
static char *pct(int64_t num, int64_t den, bool decimals, bool missed)
{
	__int128 tenths, cut;

	if (den <= 0)
		return yg_strdup("-");
	if (!decimals) {
		__int128 whole = missed ? (__int128)num * 100 / den :
			((__int128)num * 200 + den) / ((__int128)den * 2);
		return yg_asprintf("%lld", (long long)whole);
	}
	tenths = ((__int128)num * 2000 + den) / ((__int128)den * 2);
	cut = (__int128)num * 1000 / den;
	if (missed && tenths != cut) {
		long long h = (long long)((__int128)num * 10000 / den);
		return yg_asprintf("%lld.%02lld%%", h / 100, h % 100);
	}
	return yg_asprintf("%lld.%lld%%", (long long)(tenths / 10), (long long)(tenths % 10));
}

char *dash_figure_text(const struct dash_unit *u, int t)
{
	const struct dash_fig *f = &u->fig[t];
	const char *id = dash_targets[t].id;
	bool own = !u->aggregate || (dash_targets[t].kind == DASH_COMMUNITY &&
		u->kind == YG_KIND_COMMUNITY);

	if (dash_targets[t].kind == DASH_RATIO) {
		char *s, *next;

		if (f->nparts == 0 || f->met == YG_NA || f->met == YG_NOT_IN_FORCE)
			return yg_strdup("--");
		if (f->nparts == 1)
			return pct(f->part[0].num, f->part[0].den, true,
				f->part[0].met == YG_MISSED);
		s = yg_strdup("");
		for (size_t i = 0; s && i < f->nparts; i++) {
			char *p = pct(f->part[i].num, f->part[i].den, false,
				f->part[i].met == YG_MISSED);

			next = yg_asprintf("%s%s%s%%", s, i ? "/" : "", p ? p : "");
			free(p);
			free(s);
			s = next;
		}
		return s;
	}
	if (!own)
		return f->applies_n ? yg_asprintf("%d/%d", f->met_n, f->applies_n) :
			yg_strdup("--");
	if (f->met == YG_NA || f->met == YG_NOT_IN_FORCE)
		return yg_strdup("--");
	if (!strcmp(id, "T12")) /* settlements past 30 days */
		return yg_asprintf("%lld%s", (long long)f->num, _(" late"));
	if (f->den > 0)
		return yg_asprintf("%lld/%lld", (long long)f->num, (long long)f->den);
	return yg_asprintf("%lld", (long long)f->num);
}

int dash_level(const struct dash_unit *u, int t)
{
	const struct dash_fig *f = &u->fig[t];
	int64_t num, den;

	if (t < 0 || t >= DASH_NTARGETS || f->met == YG_NA || f->met == YG_NOT_IN_FORCE)
		return -1;
	if (dash_targets[t].kind == DASH_RATIO) {
		num = f->nparts ? f->part[0].num : 0;
		den = f->nparts ? f->part[0].den : 0;
		if (den <= 0)
			return f->met == YG_MET ? 1000 : 0;
	} else if (u->aggregate && !(dash_targets[t].kind == DASH_COMMUNITY &&
	    u->kind == YG_KIND_COMMUNITY)) {
		num = f->met_n;
		den = f->applies_n;
	} else if (f->den > 0 && strcmp(dash_targets[t].id, "T12") != 0) {
		num = f->num;
		den = f->den;
	} else {
		return f->met == YG_MET ? 1000 : 0;
	}
	if (den <= 0)
		return -1;
	if (num >= den)
		return 1000;
	return (int)(num * 1000 / den);
}
