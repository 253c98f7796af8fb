/*
 * bulletin-pdf.c — the monthly bulletin (月度通报) typeset as an A4 PDF:
 * what forms/bulletin.c computed, in the order a health bureau reads it.
 *
 * Every string is made before the document is set (pdf.h sets it twice),
 * kept in one list, and freed after.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bulletin-pdf.h"
#include "pdf.h"

struct doc {
	const struct bulletin *b;
	char **kept;
	size_t nkept, capkept;
	bool oom;
	const char *made;
	char *title, *head_right, *foot, *basis, *summary, *rule;
	/* 报送情况 */
	const char **filing;
	bool *filing_flag;
	const char **named;
	/* 目标完成情况 */
	const char **targets;
	bool *target_flag;
	size_t ntargets;
	/* trends: the targets' (an annex) and the outcome indicators' */
	struct pdf_trend *trend, *otrend;
	size_t ntrend, notrend;
	/* 费用控制 */
	const char **cost;
	bool *cost_flag;
	size_t ncost;
	char *cost_note;
	/* 综合排名 */
	const char **bar_label, **bar_text;
	double *bar_value;
	bool *bar_flag;
};

/* Keeps s for freeing at the end; returns it ("" after a failure). */
static char *keep(struct doc *d, char *s)
{
	if (!s) {
		d->oom = true;
		return (char *)"";
	}
	if (d->nkept == d->capkept) {
		size_t cap = d->capkept ? 2 * d->capkept : 64;
		char **nv = realloc(d->kept, cap * sizeof *nv);

		if (!nv) {
			free(s);
			d->oom = true;
			return (char *)"";
		}
		d->kept = nv;
		d->capkept = cap;
	}
	d->kept[d->nkept++] = s;
	return s;
}

#define KEEP(d, ...) keep((d), yg_asprintf(__VA_ARGS__))

static char *pct10(struct doc *d, int num, int den)
{
	if (den <= 0)
		return (char *)"--";
	int t = (int)(((long long)num * 1000 + den / 2) / den);
	return KEEP(d, "%d.%d%%", t / 10, t % 10);
}

static const char *month_text(struct doc *d, yg_period p)
{
	if (yg_get_lang() == YG_EN) {
		char buf[8];
		yg_period_format(p, buf);
		return KEEP(d, "%s", buf);
	}
	return KEEP(d, "%d年%d月", yg_period_year(p), yg_period_month(p));
}

/* The verdicts every screen shows: 达标, 未达标, 不适用, 未生效. */
static const char *verdict(enum yg_met m)
{
	return yg_met_label(m);
}

static void *calloc_or(struct doc *d, size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size);

	if (!p)
		d->oom = true;
	return p;
}

static void prepare_filing(struct doc *d)
{
	const struct bulletin *b = d->b;
	const struct bul_unit **order;

	d->filing = calloc_or(d, b->nunits * 8, sizeof *d->filing);
	d->filing_flag = calloc_or(d, b->nunits, sizeof *d->filing_flag);
	order = calloc_or(d, b->nunits, sizeof *order);
	if (d->oom)
		return;
	/* By filing rank: ranks are 1..n with ties, so a counting pass is enough. */
	size_t k = 0;
	for (int r = 1; r <= (int)b->nunits; r++)
		for (size_t i = 0; i < b->nunits; i++)
			if (b->units[i].filing_rank == r)
				order[k++] = &b->units[i];
	for (size_t i = 0; i < k; i++) {
		const struct bul_unit *u = order[i];
		const char **row = d->filing + i * 8;

		row[0] = KEEP(d, "%d", u->filing_rank);
		row[1] = u->name;
		row[2] = u->code;
		row[3] = KEEP(d, "%d", u->expected);
		row[4] = KEEP(d, "%d", u->on_time);
		row[5] = KEEP(d, "%d", u->late);
		row[6] = KEEP(d, "%d", u->missing);
		row[7] = pct10(d, u->on_time, u->expected);
		d->filing_flag[i] = u->late || u->missing;
	}
	free(order);
	d->named = calloc_or(d, b->nnamed * 3, sizeof *d->named);
	for (size_t i = 0; !d->oom && i < b->nnamed; i++) {
		const struct bul_return *r = &b->named[i];
		const char **row = d->named + i * 3;

		row[0] = KEEP(d, "%s (%s)", r->name, r->code);
		row[1] = yg_get_lang() == YG_EN ? r->form->en : r->form->zh;
		row[2] = r->missing ?
			KEEP(d, _("missing, %d days past the due day"),
				r->days_late) :
			KEEP(d, _("submitted %d days late"), r->days_late);
	}
}

static void prepare_targets(struct doc *d)
{
	const struct bulletin *b = d->b;

	d->targets = calloc_or(d, (DASH_NTARGETS + OUT_NTARGETS) * 5, sizeof *d->targets);
	d->target_flag = calloc_or(d, DASH_NTARGETS + OUT_NTARGETS, sizeof *d->target_flag);
	if (d->oom)
		return;
	for (int t = 0; t < DASH_NTARGETS + OUT_NTARGETS; t++) {
		bool outcome = t >= DASH_NTARGETS;
		const struct bul_target *bt = outcome ? &b->out_targets[t - DASH_NTARGETS] :
			&b->targets[t];
		const char **row = d->targets + d->ntargets * 5;
		char *names = yg_strdup("");

		for (size_t i = 0; names && i < bt->nmissed; i++) {
			char *n = yg_asprintf("%s%s%s", names, i ? _(", ") : "", bt->missed[i]);
			free(names);
			names = n;
		}
		if (outcome) {
			const struct out_target_def *od = &out_target_defs[t - DASH_NTARGETS];

			row[0] = od->id;
			row[1] = yg_get_lang() == YG_EN ? od->en : od->zh;
		} else {
			row[0] = dash_targets[t].id;
			row[1] = yg_get_lang() == YG_EN ? dash_targets[t].en : dash_targets[t].zh;
		}
		row[2] = bt->figure;
		row[3] = verdict(bt->met);
		row[4] = keep(d, names);
		d->target_flag[d->ntargets] = bt->met == YG_MISSED || bt->nmissed > 0;
		d->ntargets++;
	}
}

static void prepare_trends(struct doc *d)
{
	const struct bulletin *b = d->b;

	d->trend = calloc_or(d, DASH_NTARGETS, sizeof *d->trend);
	if (d->oom)
		return;
	for (int t = 0; t < DASH_NTARGETS; t++) {
		struct pdf_trend *tr = &d->trend[d->ntrend];
		bool any = false;

		for (int m = 0; m < 12; m++) {
			tr->v[m] = b->trend[t][m] < 0 ? NAN : b->trend[t][m] / 10.0;
			tr->prev[m] = b->year_before[t][m] < 0 ? NAN : b->year_before[t][m] / 10.0;
			any = any || b->trend[t][m] >= 0;
		}
		if (!any)
			continue;
		tr->n = 12;
		tr->lo = 0;
		tr->hi = 100;
		tr->threshold = NAN;
		tr->title = KEEP(d, "%s %s", dash_targets[t].id,
			yg_get_lang() == YG_EN ? dash_targets[t].en : dash_targets[t].zh);
		tr->first = month_text(d, yg_period_add(b->period, -11));
		tr->last = month_text(d, b->period);
		tr->note = KEEP(d, _("this month %s, %s"),
			b->targets[t].figure, verdict(b->targets[t].met));
		d->ntrend++;
	}
}

static const char *figure(struct doc *d, const struct out_row *r)
{
	char buf[32];

	if (!r)
		return "-";
	out_format(r->unit, r->fig, r->met, r->threshold_x100, buf);
	return KEEP(d, "%s", buf);
}

/* A figure as a chart's value: percent, or yuan; NAN when not applicable. */
static double chart_value(const struct out_row *r, struct out_fig f)
{
	int64_t v;

	if (!r || !out_value_x100(f, r->unit, &v))
		return NAN;
	return v / 100.0;
}

static void prepare_outcomes(struct doc *d)
{
	const struct bulletin *b = d->b;

	d->otrend = calloc_or(d, OUT_NINDICATORS, sizeof *d->otrend);
	if (d->oom)
		return;
	for (int i = 0; i < OUT_NINDICATORS; i++) {
		const struct out_row *r = bulletin_out_row(&b->outcomes, b->top_code, false, i);
		const struct out_row *before = bulletin_out_row(&b->outcomes_before, b->top_code,
			false, i);
		struct pdf_trend *tr = &d->otrend[d->notrend];
		/* Shares run 0-100; amounts and growth take the data's own range. */
		bool share = r && r->unit == OUT_PERCENT && i != OUT_COST_GROWTH;
		double lo = 0, hi = share ? 100 : 0;
		bool any = false;

		if (!r)
			continue;
		for (int m = 0; m < 12; m++) {
			tr->v[m] = chart_value(r, r->trend[m]);
			tr->prev[m] = before ? chart_value(before, before->trend[m]) : NAN;
			for (int k = 0; k < 2; k++) {
				double x = k ? tr->prev[m] : tr->v[m];

				if (isnan(x))
					continue;
				any = any || !k;
				if (x < lo)
					lo = x;
				if (x > hi)
					hi = x;
			}
		}
		if (!any)
			continue;
		if (!share)
			hi = hi <= 0 ? 1 : hi * 1.15;
		if (lo < 0)
			lo *= 1.15;
		tr->threshold = NAN;
		/* The target on this indicator, where it is a fixed bar (T15 and
		 * T16 compare with the year before: the dashed line is their bar). */
		for (int t = 0; t < OUT_NTARGETS; t++) {
			const struct out_row *tt = bulletin_out_row(&b->outcomes, b->top_code, true, t);

			if (out_target_defs[t].indicator == i && tt && tt->threshold_x100 >= 0 &&
			    strcmp(out_target_defs[t].id, "T15") && strcmp(out_target_defs[t].id, "T16"))
				tr->threshold = tt->threshold_x100 / 100.0;
		}
		if (!isnan(tr->threshold) && !share && tr->threshold * 1.15 > hi)
			hi = tr->threshold * 1.15;
		tr->n = 12;
		tr->lo = lo;
		tr->hi = hi;
		tr->title = yg_get_lang() == YG_EN ? out_defs[i].en : out_defs[i].zh;
		tr->first = month_text(d, yg_period_add(b->period, -11));
		tr->last = month_text(d, b->period);
		tr->note = KEEP(d, _("this month %s; a year before %s"),
			figure(d, r), before ? figure(d, before) : "-");
		d->notrend++;
	}
}

static void prepare_cost(struct doc *d)
{
	const struct bulletin *b = d->b;
	const struct out_row *t18 = bulletin_out_row(&b->outcomes, b->top_code, true, 4);
	int rank = 0;

	d->cost = calloc_or(d, b->nunits * 7, sizeof *d->cost);
	d->cost_flag = calloc_or(d, b->nunits, sizeof *d->cost_flag);
	if (d->oom)
		return;
	for (size_t k = 0; k < b->nunits; k++) {
		const struct bul_unit *u = &b->units[b->cost_order[k]];
		const struct out_row *g = bulletin_out_row(&b->outcomes, u->code, false,
			OUT_COST_GROWTH);
		const struct out_row *v = bulletin_out_row(&b->outcomes, u->code, true, 4);
		const char **row = d->cost + d->ncost * 7;
		int64_t x;

		if (!g)
			continue;
		row[0] = g && out_value_x100(g->fig, g->unit, &x) ? KEEP(d, "%d", ++rank) : "-";
		row[1] = u->name;
		row[2] = figure(d, bulletin_out_row(&b->outcomes, u->code, false, OUT_OUTPATIENT_COST));
		row[3] = figure(d, bulletin_out_row(&b->outcomes, u->code, false, OUT_INPATIENT_COST));
		row[4] = figure(d, bulletin_out_row(&b->outcomes, u->code, false, OUT_DRUG_SHARE));
		row[5] = figure(d, g);
		row[6] = verdict(v ? v->met : YG_NA);
		d->cost_flag[d->ncost] = v && v->met == YG_MISSED;
		d->ncost++;
	}
	d->cost_note = t18 && t18->threshold_x100 >= 0 ?
		KEEP(d,
			_("Ranked by revenue growth (this year to date over the same months of last year), "
			"lowest first; T18 asks for no more than the GDP growth of %lld.%02lld%% (Jingmen "
			"2017 (001) (十七)). Average costs in yuan."),
			(long long)(t18->threshold_x100 / 100), (long long)(t18->threshold_x100 % 100)) :
		KEEP(d, "%s", _("Ranked by revenue growth, lowest first."));
}

static void prepare_ranking(struct doc *d)
{
	const struct bulletin *b = d->b;

	d->bar_label = calloc_or(d, b->nunits, sizeof *d->bar_label);
	d->bar_text = calloc_or(d, b->nunits, sizeof *d->bar_text);
	d->bar_value = calloc_or(d, b->nunits, sizeof *d->bar_value);
	d->bar_flag = calloc_or(d, b->nunits, sizeof *d->bar_flag);
	for (size_t i = 0; !d->oom && i < b->nunits; i++) {
		const struct bul_unit *u = &b->units[i];

		d->bar_label[i] = KEEP(d, "%d. %s", u->rank, u->name);
		d->bar_value[i] = u->score10 / 10.0;
		d->bar_text[i] = KEEP(d, "%d.%d", u->score10 / 10, u->score10 % 10);
		d->bar_flag[i] = u->score10 < 600;
	}
	d->rule = KEEP(d, "%s",
		_("Composite score = 50 x on-time rate (returns on time / returns expected) + 50 x "
		"targets met (targets met / targets with a verdict); an institution with no verdict "
		"counts its on-time rate for both halves. Equal scores share a rank, listed by code. "
		"Scores below 60 are shown in red."));
}

static void content(struct pdf *p, void *arg)
{
	struct doc *d = arg;
	const struct bulletin *b = d->b;
	static const double fw[] = { 0.07, 0.33, 0.19, 0.08, 0.08, 0.08, 0.08, 0.09 };
	static const enum pdf_align fa[] = { PDF_RIGHT, PDF_LEFT, PDF_LEFT, PDF_RIGHT, PDF_RIGHT,
		PDF_RIGHT, PDF_RIGHT, PDF_RIGHT };
	const char *fh[] = { _("Rank"), _("Institution"),
		_("Code"), _("Due"), _("On time"),
		_("Late"), _("Missing"), _("Timely") };
	static const double nw[] = { 0.45, 0.25, 0.30 };
	static const enum pdf_align na[] = { PDF_LEFT, PDF_LEFT, PDF_LEFT };
	const char *nh[] = { _("Institution"), _("Form"),
		C_("bulletin-pdf", "Status") };
	static const double tw[] = { 0.07, 0.25, 0.14, 0.10, 0.44 };
	static const enum pdf_align ta[] = { PDF_LEFT, PDF_LEFT, PDF_RIGHT, PDF_LEFT, PDF_LEFT };
	const char *th[] = { _("Id"), _("Target"), _("Figure"),
		_("Verdict"), _("Missed by") };
	static const double cw[] = { 0.07, 0.30, 0.13, 0.13, 0.10, 0.14, 0.13 };
	static const enum pdf_align ca[] = { PDF_RIGHT, PDF_LEFT, PDF_RIGHT, PDF_RIGHT, PDF_RIGHT,
		PDF_RIGHT, PDF_LEFT };
	const char *ch[] = { _("Rank"), _("Institution"),
		_("Per visit"), _("Per stay"), _("Drugs"),
		_("Growth"), _("T18") };

	pdf_text(p, PDF_TITLE, d->title);
	pdf_text(p, PDF_SMALL, d->basis);
	pdf_space(p, 4);
	pdf_text(p, PDF_BODY, d->summary);

	pdf_text(p, PDF_H1, _("1. Filing"));
	pdf_table(p, &(struct pdf_table){ .ncols = 8, .nrows = b->nunits, .head = fh,
		.width = fw, .align = fa, .cell = d->filing, .flag = d->filing_flag });
	pdf_text(p, PDF_H2, _("Late and missing returns"));
	if (b->nnamed)
		pdf_table(p, &(struct pdf_table){ .ncols = 3, .nrows = b->nnamed, .head = nh,
			.width = nw, .align = na, .cell = d->named });
	else
		pdf_text(p, PDF_BODY, _("No return is late or missing this month."));

	pdf_text(p, PDF_H1, _("2. Targets"));
	pdf_text(p, PDF_SMALL,
		_("Figures are the whole unit's; \"missed by\" names the institutions (T4, T17: the "
		"communities) that missed the target this month. T14-T18 are the outcome targets."));
	pdf_table(p, &(struct pdf_table){ .ncols = 5, .nrows = d->ntargets, .head = th,
		.width = tw, .align = ta, .cell = d->targets, .flag = d->target_flag });

	pdf_text(p, PDF_H1, _("3. Outcomes"));
	if (d->notrend)
		pdf_trends(p, d->otrend, d->notrend,
			_("The last twelve months (solid) and the same months a year before (dashed); the "
			"red dashed line is the target. Approved returns only."));
	else
		pdf_text(p, PDF_BODY,
			_("No outcome indicator can be computed this month (no approved services or "
			"insurance returns)."));

	pdf_text(p, PDF_H1, _("4. Cost control"));
	pdf_text(p, PDF_SMALL, d->cost_note);
	if (d->ncost)
		pdf_table(p, &(struct pdf_table){ .ncols = 7, .nrows = d->ncost, .head = ch,
			.width = cw, .align = ca, .cell = d->cost, .flag = d->cost_flag });

	pdf_text(p, PDF_H1, _("5. Ranking"));
	pdf_bars(p, &(struct pdf_bars){ .n = b->nunits, .label = d->bar_label,
		.value = d->bar_value, .value_text = d->bar_text, .max = 100, .flag = d->bar_flag });
	pdf_text(p, PDF_SMALL, d->rule);

	pdf_text(p, PDF_H1, _("Annex: targets over the year"));
	pdf_trends(p, d->trend, d->ntrend,
		_("The last twelve months (ratio targets: the ratio; count targets: the share of "
		"institutions that met them; 0-100); dashed: the same months a year before."));
}

static void doc_free(struct doc *d)
{
	for (size_t i = 0; i < d->nkept; i++)
		free(d->kept[i]);
	free(d->kept);
	free(d->filing);
	free(d->filing_flag);
	free(d->named);
	free(d->targets);
	free(d->target_flag);
	free(d->trend);
	free(d->otrend);
	free(d->cost);
	free(d->cost_flag);
	free(d->bar_label);
	free(d->bar_text);
	free(d->bar_value);
	free(d->bar_flag);
}

static int write_doc(const struct bulletin *b, FILE *f, char **err)
{
	struct doc d = { .b = b };
	char made[11], due[11];
	int rc;

	yg_date_format(yg_date_today(), made);
	yg_date_format(b->due, due);
	d.made = made;
	d.title = KEEP(&d, _("%s: monthly bulletin, %s"),
		b->top_name, month_text(&d, b->period));
	d.head_right = KEEP(&d, _("made %s"), made);
	d.foot = KEEP(&d, "%s (%s) · %s", b->top_name, b->top_code, _("published monthly"));
	d.basis = KEEP(&d,
		_("Made %s; returns were due %s. Target figures rest on approved returns only: %d "
		"returns received this month but not yet approved are left out."),
		made, due, b->not_approved);
	d.summary = KEEP(&d,
		_("%d returns were expected; %d were received (%d on time, %d late), %d are missing "
		"and %d not yet due. Completeness %s, timeliness %s."),
		b->expected, b->received, b->on_time, b->late, b->missing, b->pending,
		pct10(&d, b->received, b->expected), pct10(&d, b->on_time, b->expected));
	prepare_filing(&d);
	prepare_targets(&d);
	prepare_trends(&d);
	prepare_outcomes(&d);
	prepare_cost(&d);
	prepare_ranking(&d);
	if (d.oom) {
		doc_free(&d);
		*err = yg_strdup(_("out of memory"));
		return -1;
	}
	struct pdf_meta meta = {
		.title = d.title,
		.head_left = d.title,
		.head_right = d.head_right,
		.foot_left = d.foot,
		.page_fmt = _("page %d of %d"),
	};
	rc = pdf_write(f, &meta, content, &d, err);
	doc_free(&d);
	return rc;
}

static mode_t umask_now(void)
{
	mode_t m = umask(0);

	umask(m);
	return m;
}

int bulletin_pdf_save(const struct bulletin *b, const char *path, char **err)
{
	const char *slash = strrchr(path, '/');
	char *tmp = slash ? yg_asprintf("%.*s/.yigong-bulletin-XXXXXX", (int)(slash - path), path) :
		yg_strdup(".yigong-bulletin-XXXXXX");
	FILE *f = NULL;
	int fd, rc = -1;

	*err = NULL;
	if (!tmp) {
		*err = yg_strdup(_("out of memory"));
		return -1;
	}
	/* A new file beside the target, never one somebody planted there; it
	 * takes the final name only when complete. */
	if ((fd = mkstemp(tmp)) < 0 || !(f = fdopen(fd, "wb"))) {
		*err = yg_asprintf(_("cannot create a file beside %s: %s"),
			path, strerror(errno));
		if (fd >= 0) {
			close(fd);
			unlink(tmp);
		}
		free(tmp);
		return -1;
	}
	if (write_doc(b, f, err) == 0) {
		if (fflush(f) != 0 || fsync(fileno(f)) != 0)
			*err = yg_asprintf("%s: %s", path, strerror(errno));
		else
			rc = 0;
	}
	fchmod(fileno(f), 0644 & ~umask_now());
	if (fclose(f) != 0 && rc == 0) {
		*err = yg_asprintf("%s: %s", path, strerror(errno));
		rc = -1;
	}
	if (rc == 0 && rename(tmp, path) != 0) {
		*err = yg_asprintf("%s: %s", path, strerror(errno));
		rc = -1;
	}
	if (rc != 0)
		unlink(tmp);
	free(tmp);
	return rc;
}
