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
	/* trends */
	struct pdf_trend *trend;
	size_t ntrend;
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

static const char *verdict(enum yg_met m)
{
	return m == YG_MET ? YG_L("达标", "met") : m == YG_MISSED ? YG_L("未达标", "missed") :
		YG_L("不适用", "n/a");
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
			KEEP(d, YG_L("未报,已过截止日 %d 天", "missing, %d days past the due day"),
				r->days_late) :
			KEEP(d, YG_L("逾期 %d 天提交", "submitted %d days late"), r->days_late);
	}
}

static void prepare_targets(struct doc *d)
{
	const struct bulletin *b = d->b;

	d->targets = calloc_or(d, DASH_NTARGETS * 5, sizeof *d->targets);
	d->target_flag = calloc_or(d, DASH_NTARGETS, sizeof *d->target_flag);
	if (d->oom)
		return;
	for (int t = 0; t < DASH_NTARGETS; t++) {
		const struct bul_target *bt = &b->targets[t];
		const char **row = d->targets + d->ntargets * 5;
		char *names = yg_strdup("");

		for (size_t i = 0; names && i < bt->nmissed; i++) {
			char *n = yg_asprintf("%s%s%s", names, i ? YG_L("、", ", ") : "", bt->missed[i]);
			free(names);
			names = n;
		}
		row[0] = dash_targets[t].id;
		row[1] = yg_get_lang() == YG_EN ? dash_targets[t].en : dash_targets[t].zh;
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
		tr->note = KEEP(d, YG_L("本月 %s,%s", "this month %s, %s"),
			b->targets[t].figure, verdict(b->targets[t].met));
		d->ntrend++;
	}
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
	d->rule = KEEP(d, "%s", YG_L(
		"综合得分 = 50 × 按时报送率(按时报表 ÷ 应报报表)+ 50 × 目标达标率(达标目标 ÷ 有结论的目标);"
		"没有任何目标结论的机构,两项都按其按时报送率计。得分相同者名次相同,按机构代码排列。"
		"低于 60 分的以红色标出。",
		"Composite score = 50 x on-time rate (returns on time / returns expected) + 50 x "
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
	const char *fh[] = { YG_L("排名", "Rank"), YG_L("机构", "Institution"),
		YG_L("代码", "Code"), YG_L("应报", "Due"), YG_L("按时", "On time"),
		YG_L("逾期", "Late"), YG_L("未报", "Missing"), YG_L("及时率", "Timely") };
	static const double nw[] = { 0.45, 0.25, 0.30 };
	static const enum pdf_align na[] = { PDF_LEFT, PDF_LEFT, PDF_LEFT };
	const char *nh[] = { YG_L("机构", "Institution"), YG_L("报表", "Form"),
		YG_L("情况", "Status") };
	static const double tw[] = { 0.07, 0.25, 0.14, 0.10, 0.44 };
	static const enum pdf_align ta[] = { PDF_LEFT, PDF_LEFT, PDF_RIGHT, PDF_LEFT, PDF_LEFT };
	const char *th[] = { YG_L("编号", "Id"), YG_L("目标", "Target"), YG_L("数值", "Figure"),
		YG_L("结论", "Verdict"), YG_L("未达标的单位", "Missed by") };

	pdf_text(p, PDF_TITLE, d->title);
	pdf_text(p, PDF_SMALL, d->basis);
	pdf_space(p, 4);
	pdf_text(p, PDF_BODY, d->summary);

	pdf_text(p, PDF_H1, YG_L("一、报送情况", "1. Filing"));
	pdf_table(p, &(struct pdf_table){ .ncols = 8, .nrows = b->nunits, .head = fh,
		.width = fw, .align = fa, .cell = d->filing, .flag = d->filing_flag });
	pdf_text(p, PDF_H2, YG_L("逾期和未报的报表", "Late and missing returns"));
	if (b->nnamed)
		pdf_table(p, &(struct pdf_table){ .ncols = 3, .nrows = b->nnamed, .head = nh,
			.width = nw, .align = na, .cell = d->named });
	else
		pdf_text(p, PDF_BODY, YG_L("本月没有逾期或未报的报表。",
			"No return is late or missing this month."));

	pdf_text(p, PDF_H1, YG_L("二、目标完成情况", "2. Targets"));
	pdf_text(p, PDF_SMALL, YG_L("数值为本单位汇总;“未达标的单位”列出本月未达标的机构(T4 为医共体)。",
		"Figures are the whole unit's; \"missed by\" names the institutions (T4: the "
		"communities) that missed the target this month."));
	pdf_table(p, &(struct pdf_table){ .ncols = 5, .nrows = d->ntargets, .head = th,
		.width = tw, .align = ta, .cell = d->targets, .flag = d->target_flag });

	pdf_text(p, PDF_H1, YG_L("三、目标走势", "3. Trends"));
	pdf_trends(p, d->trend, d->ntrend, YG_L(
		"近 12 个月的达标水平(比率类目标为比率,计数类为达标机构占比,0–100);虚线为上年同期。",
		"The last twelve months (ratio targets: the ratio; count targets: the share of "
		"institutions that met them; 0-100); dashed: the same months a year before."));

	pdf_text(p, PDF_H1, YG_L("四、综合排名", "4. Ranking"));
	pdf_bars(p, &(struct pdf_bars){ .n = b->nunits, .label = d->bar_label,
		.value = d->bar_value, .value_text = d->bar_text, .max = 100, .flag = d->bar_flag });
	pdf_text(p, PDF_SMALL, d->rule);
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
	d.title = KEEP(&d, YG_L("%s %s 医共体建设月度通报", "%s: monthly bulletin, %s"),
		b->top_name, month_text(&d, b->period));
	d.head_right = KEEP(&d, YG_L("制表 %s", "made %s"), made);
	d.foot = KEEP(&d, "%s (%s) · %s", b->top_name, b->top_code, YG_L("一月一公示", "published monthly"));
	d.basis = KEEP(&d, YG_L(
		"制表日期 %s;报表截止日 %s。目标数值只计已审核通过的报表:本月已收到但尚未审核的 %d 份报表未计入。",
		"Made %s; returns were due %s. Target figures rest on approved returns only: %d "
		"returns received this month but not yet approved are left out."),
		made, due, b->not_approved);
	d.summary = KEEP(&d, YG_L(
		"本月应报 %d 份,已报 %d 份(按时 %d,逾期 %d),未报 %d 份,未到截止日 %d 份;完整率 %s,及时率 %s。",
		"%d returns were expected; %d were received (%d on time, %d late), %d are missing "
		"and %d not yet due. Completeness %s, timeliness %s."),
		b->expected, b->received, b->on_time, b->late, b->missing, b->pending,
		pct10(&d, b->received, b->expected), pct10(&d, b->on_time, b->expected));
	prepare_filing(&d);
	prepare_targets(&d);
	prepare_trends(&d);
	prepare_ranking(&d);
	if (d.oom) {
		doc_free(&d);
		*err = yg_strdup(YG_L("内存不足", "out of memory"));
		return -1;
	}
	struct pdf_meta meta = {
		.title = d.title,
		.head_left = d.title,
		.head_right = d.head_right,
		.foot_left = d.foot,
		.page_fmt = YG_L("第 %d 页 / 共 %d 页", "page %d of %d"),
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
		*err = yg_strdup(YG_L("内存不足", "out of memory"));
		return -1;
	}
	/* A new file beside the target, never one somebody planted there; it
	 * takes the final name only when complete. */
	if ((fd = mkstemp(tmp)) < 0 || !(f = fdopen(fd, "wb"))) {
		*err = yg_asprintf(YG_L("无法在 %s 旁创建文件: %s", "cannot create a file beside %s: %s"),
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
