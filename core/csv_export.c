/*
 * csv_export.c — yg_export: returns upward in the long format (DHIS2's
 * dataValueSet columns first), the wide format for people, and roster
 * records for the county's own use.
 *
 * The long format is the hot path: one prepared statement steps rows in
 * order straight into the block writer; what is the same for every value of
 * a return (period, unit, who, when, state) is formatted once per return,
 * so a row costs one SQLite step, a hash lookup and a few copies.
 *
 * The workbook (xlsx) is the wide layout again, one pass per form: each
 * pass writes its CSV into a writer that only hashes (the sheets' data
 * digest) and hands the same rows to the workbook's sink.
 */
#include <csv.h>
#include <stdlib.h>
#include <string.h>

#include "csv_internal.h"

#define LONG_HEADER "dataelement,period,orgunit,categoryoptioncombo,attributeoptioncombo," \
	"value,storedby,lastupdated,comment,followup,deleted,status"

/* The selection shared by the count and the rows: ?1 scope, ?2..?3 months,
 * ?4 unapproved too, ?5 one form or NULL. */
#define SELECTION \
	" FROM submission s JOIN org_unit o ON o.id = s.org_id" \
	" JOIN value v ON v.submission_id = s.id" \
	" WHERE s.period BETWEEN ?2 AND ?3 AND (?4 OR s.state = 'approved')" \
	" AND (?5 IS NULL OR s.form = ?5) AND s.org_id IN scope"

struct export {
	yg_db *db;
	const struct yg_export_opts *o;
	struct yg_csv_out out;
	struct yg_csv_elems elems;
	struct yg_export_stats *st;
	uint64_t total;
	/* distinct units and months of the rows */
	int64_t *orgs;
	size_t norgs, orgcap;
	bool *months;
	int nmonths;
	/* the wide rows also go here when set (the workbook) */
	const struct yg_wide_sink *sink;
};

/* ---- a scratch writer for text formatted once and copied often ---- */

static int scratch_init(struct yg_csv_out *s)
{
	memset(s, 0, sizeof *s);
	s->cd = (iconv_t)-1;
	s->cap = 256;
	s->buf = malloc(s->cap);
	return s->buf ? YG_OK : yg_fail(YG_ENOMEM, "out of memory");
}

/* ---- distinct units and months ---- */

static void seen(struct export *ex, int64_t org_id, yg_period p)
{
	int m = (yg_period_year(p) - yg_period_year(ex->o->from)) * 12 +
		yg_period_month(p) - yg_period_month(ex->o->from);

	if (m >= 0 && m < ex->nmonths && !ex->months[m]) {
		ex->months[m] = true;
		ex->st->periods++;
	}
	if (ex->orgcap == 0 || ex->norgs * 2 >= ex->orgcap) {
		size_t ncap = ex->orgcap ? ex->orgcap * 2 : 1024;
		int64_t *nv = calloc(ncap, sizeof *nv);
		if (!nv)
			return; /* the count is a courtesy; the file is what matters */
		for (size_t i = 0; i < ex->orgcap; i++) {
			if (!ex->orgs[i])
				continue;
			size_t h = yg_csv_hash(&ex->orgs[i], sizeof ex->orgs[i]) & (ncap - 1);
			while (nv[h])
				h = (h + 1) & (ncap - 1);
			nv[h] = ex->orgs[i];
		}
		free(ex->orgs);
		ex->orgs = nv;
		ex->orgcap = ncap;
	}
	size_t h = yg_csv_hash(&org_id, sizeof org_id) & (ex->orgcap - 1);
	for (; ex->orgs[h]; h = (h + 1) & (ex->orgcap - 1))
		if (ex->orgs[h] == org_id)
			return;
	ex->orgs[h] = org_id;
	ex->norgs++;
	ex->st->institutions++;
}

static bool tick(struct export *ex)
{
	if (!ex->o->progress || (ex->st->rows & 4095) != 0)
		return true;
	if (ex->o->progress(ex->o->progress_arg, ex->st->rows, ex->total))
		return true;
	ex->out.rc = yg_fail(YG_EINVAL, "export cancelled");
	return false;
}

static void bind_selection(struct export *ex, sqlite3_stmt *st)
{
	if (ex->db->system)
		sqlite3_bind_null(st, 1);
	else
		sqlite3_bind_int64(st, 1, ex->db->actor.org_id);
	sqlite3_bind_int(st, 2, ex->o->from);
	sqlite3_bind_int(st, 3, ex->o->to);
	sqlite3_bind_int(st, 4, ex->o->include_unapproved);
	if (ex->o->form)
		sqlite3_bind_text(st, 5, ex->o->form, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(st, 5);
}

static void count_rows(struct export *ex)
{
	sqlite3_stmt *st = yg_prepare(ex->db, YG_CSV_SCOPE_CTE(1) "SELECT count(*)" SELECTION);

	if (!st)
		return;
	bind_selection(ex, st);
	if (sqlite3_step(st) == SQLITE_ROW)
		ex->total = (uint64_t)sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
}

/* ---- one value as its cell ---- */

static void put_value(struct yg_csv_out *out, const struct yg_field *f, sqlite3_stmt *st,
	int num_col, int txt_col)
{
	char buf[32];
	size_t n;

	if (yg_type_is_text(f->type)) {
		const char *t = (const char *)sqlite3_column_text(st, txt_col);
		if (t)
			yg_csv_out_text(out, t, (size_t)sqlite3_column_bytes(st, txt_col));
		return;
	}
	if (sqlite3_column_type(st, num_col) == SQLITE_NULL)
		return;
	int64_t v = sqlite3_column_int64(st, num_col);
	switch (f->type) {
	case YG_T_AMOUNT:
	case YG_T_DECIMAL:
		n = yg_csv_fmt_fen(buf, v);
		break;
	case YG_T_DATE:
		yg_date_format((yg_date)v, buf);
		n = 10;
		break;
	case YG_T_BOOL:
		n = v ? 4 : 5;
		memcpy(buf, v ? "true" : "false", n);
		break;
	default:
		n = yg_csv_fmt_i64(buf, v);
		break;
	}
	yg_csv_out_raw(out, buf, n);
}

/* ---- long ---- */

/*
 * Two statements: the returns in order (period, unit code, form), and the
 * values of each by its primary key, which come in key order.  Sorting the
 * returns instead of the joined values sorts 14 times fewer rows: measured,
 * the sort of the joined rows was a third of the export's time.
 */
/*
 * The figures of each medical community in scope (DESIGN §3.5), after the
 * institutions' rows.  A figure goes upward with its community's returns:
 * only for a month in which one of the community's sentdown returns is
 * exported too (approved, unless unapproved ones are asked for).  A figure
 * sent up from below is written as it was stored, with who stored it and
 * when; otherwise it is computed from this county's roster, stored by the
 * exporter and dated by the latest of those returns (so that exporting
 * twice gives the same bytes).  It belongs to no return: its status cell
 * is empty.
 */
static void export_community(struct export *ex)
{
	sqlite3_stmt *st, *stored, *latest;
	char *now;

	if (!yg_community_figure_count())
		return;
	st = yg_prepare(ex->db, YG_CSV_SCOPE_CTE(1) "SELECT id, code FROM org_unit"
		" WHERE kind = 'community' AND id IN scope ORDER BY code");
	stored = yg_prepare(ex->db, "SELECT num, updated_by, updated_at FROM community_value"
		" WHERE org_id = ?1 AND period = ?2 AND element = ?3");
	latest = yg_prepare(ex->db, "WITH RECURSIVE t(id) AS (SELECT ?1 UNION ALL"
		" SELECT o.id FROM org_unit o JOIN t ON o.parent_id = t.id)"
		" SELECT max(updated_at) FROM submission WHERE period = ?2 AND org_id IN t"
		" AND form = 'sentdown' AND (?3 OR state = 'approved')");
	now = yg_now_iso();
	if (!st || !stored || !latest || !now) {
		ex->out.rc = st && stored && latest ? yg_fail(YG_ENOMEM, "out of memory")
			: YG_ERROR;
		goto out;
	}
	if (ex->db->system)
		sqlite3_bind_null(st, 1);
	else
		sqlite3_bind_int64(st, 1, ex->db->actor.org_id);
	for (yg_period p = ex->o->from; p <= ex->o->to && ex->out.rc == YG_OK;
	     p = yg_period_add(p, 1)) {
		while (ex->out.rc == YG_OK && sqlite3_step(st) == SQLITE_ROW) {
			int64_t id = sqlite3_column_int64(st, 0);
			for (size_t i = 0; i < yg_community_figure_count() && ex->out.rc == YG_OK; i++) {
				const struct yg_community_figure *f = yg_community_figure_at(i);
				size_t flen = ex->o->form ? strlen(ex->o->form) : 0;
				const char *by = ex->db->actor.login ? ex->db->actor.login : "";
				const char *at = now;
				int64_t v = -1;
				char buf[32];
				if (ex->o->form && (strncmp(f->element, ex->o->form, flen) != 0 ||
				    f->element[flen] != '.'))
					continue;
				sqlite3_bind_int64(stored, 1, id);
				sqlite3_bind_int(stored, 2, p);
				sqlite3_bind_text(stored, 3, f->element, -1, SQLITE_STATIC);
				sqlite3_bind_int64(latest, 1, id);
				sqlite3_bind_int(latest, 2, p);
				sqlite3_bind_int(latest, 3, ex->o->include_unapproved);
				if (sqlite3_step(latest) != SQLITE_ROW ||
				    sqlite3_column_type(latest, 0) == SQLITE_NULL) {
					/* no return of the community goes up this month */
				} else if (sqlite3_step(stored) == SQLITE_ROW) {
					v = sqlite3_column_int64(stored, 0);
					by = (const char *)sqlite3_column_text(stored, 1);
					at = (const char *)sqlite3_column_text(stored, 2);
				} else if (f->compute(ex->db, id, p, &v) != YG_OK) {
					ex->out.rc = YG_ERROR;
				} else {
					at = (const char *)sqlite3_column_text(latest, 0);
				}
				if (ex->out.rc == YG_OK && v >= 0) {
					yg_csv_out_raw(&ex->out, f->element, strlen(f->element));
					yg_csv_out_raw(&ex->out, ",", 1);
					yg_csv_out_raw(&ex->out, buf, yg_csv_fmt_i64(buf, p));
					yg_csv_out_raw(&ex->out, ",", 1);
					yg_csv_out_text(&ex->out, (const char *)sqlite3_column_text(st, 1),
						(size_t)sqlite3_column_bytes(st, 1));
					yg_csv_out_raw(&ex->out, ",,,", 3);
					yg_csv_out_raw(&ex->out, buf, yg_csv_fmt_i64(buf, v));
					yg_csv_out_raw(&ex->out, ",", 1);
					yg_csv_out_text(&ex->out, by ? by : "", by ? strlen(by) : 0);
					yg_csv_out_raw(&ex->out, ",", 1);
					yg_csv_out_raw(&ex->out, at ? at : now, strlen(at ? at : now));
					yg_csv_out_raw(&ex->out, ",,false,false,", 14);
					yg_csv_out_eol(&ex->out);
					ex->st->rows++;
					tick(ex);
				}
				sqlite3_reset(stored);
				sqlite3_reset(latest);
			}
		}
		sqlite3_reset(st);
	}
out:
	sqlite3_finalize(st);
	sqlite3_finalize(stored);
	sqlite3_finalize(latest);
	free(now);
}

/* A text column as a cell; NULL is empty. */
static void out_column(struct yg_csv_out *o, sqlite3_stmt *st, int i)
{
	const char *s = (const char *)sqlite3_column_text(st, i);

	yg_csv_out_text(o, s ? s : "", s ? (size_t)sqlite3_column_bytes(st, i) : 0);
}

static int export_long(struct export *ex)
{
	sqlite3_stmt *subs = yg_prepare(ex->db, YG_CSV_SCOPE_CTE(1)
		"SELECT s.id, s.form, s.period, o.code, s.updated_by, s.updated_at, s.state,"
		" s.org_id FROM submission s JOIN org_unit o ON o.id = s.org_id"
		" WHERE s.period BETWEEN ?2 AND ?3 AND (?4 OR s.state = 'approved')"
		" AND (?5 IS NULL OR s.form = ?5) AND s.org_id IN scope"
		" ORDER BY s.period, o.code, s.form");
	/* Who entered each value, the explanation of the warning it raised and
	 * whether it raised one travel with it (value_note); before notes
	 * existed, the return's last updater stands for the enterer. */
	sqlite3_stmt *vals = yg_prepare(ex->db,
		"SELECT v.key, v.num, v.txt, n.storedby, n.comment, coalesce(n.followup, 0)"
		" FROM value v LEFT JOIN value_note n"
		"  ON n.submission_id = v.submission_id AND n.key = v.key"
		" WHERE v.submission_id = ?");
	struct yg_csv_out mid, tail;
	size_t end_len = 0;
	int rc = YG_OK, vrc = SQLITE_DONE;

	if (!subs || !vals) {
		sqlite3_finalize(subs);
		sqlite3_finalize(vals);
		return YG_ERROR;
	}
	if ((rc = scratch_init(&mid)) != YG_OK || (rc = scratch_init(&tail)) != YG_OK) {
		free(mid.buf);
		sqlite3_finalize(subs);
		sqlite3_finalize(vals);
		return rc;
	}
	bind_selection(ex, subs);
	yg_csv_out_raw(&ex->out, LONG_HEADER, sizeof LONG_HEADER - 1);
	yg_csv_out_eol(&ex->out);
	while (ex->out.rc == YG_OK && (rc = sqlite3_step(subs)) == SQLITE_ROW) {
		const char *form = (const char *)sqlite3_column_text(subs, 1);
		size_t flen = (size_t)sqlite3_column_bytes(subs, 1);
		yg_period p = sqlite3_column_int(subs, 2);
		bool first = true;
		char pbuf[16];
		size_t n;

		/* ",period,orgunit,,," and ",lastupdated," then ",false,state": the
		 * same for every value of the return; storedby, comment and
		 * followup are each value's own. */
		mid.len = tail.len = 0;
		n = yg_csv_fmt_i64(pbuf, p);
		yg_csv_out_raw(&mid, ",", 1);
		yg_csv_out_raw(&mid, pbuf, n);
		yg_csv_out_raw(&mid, ",", 1);
		yg_csv_out_text(&mid, (const char *)sqlite3_column_text(subs, 3),
			(size_t)sqlite3_column_bytes(subs, 3));
		yg_csv_out_raw(&mid, ",,,", 3);
		yg_csv_out_raw(&tail, ",", 1);
		yg_csv_out_text(&tail, (const char *)sqlite3_column_text(subs, 5),
			(size_t)sqlite3_column_bytes(subs, 5));
		yg_csv_out_raw(&tail, ",", 1);
		end_len = tail.len;
		yg_csv_out_raw(&tail, ",false,", 7);
		yg_csv_out_text(&tail, (const char *)sqlite3_column_text(subs, 6),
			(size_t)sqlite3_column_bytes(subs, 6));
		if (mid.rc != YG_OK || tail.rc != YG_OK) {
			ex->out.rc = mid.rc != YG_OK ? mid.rc : tail.rc;
			break;
		}
		sqlite3_bind_int64(vals, 1, sqlite3_column_int64(subs, 0));
		while (ex->out.rc == YG_OK && (vrc = sqlite3_step(vals)) == SQLITE_ROW) {
			const struct yg_csv_elem *el = yg_csv_elem_find2(&ex->elems, form, flen,
				(const char *)sqlite3_column_text(vals, 0),
				(size_t)sqlite3_column_bytes(vals, 0));
			if (!el)
				continue; /* a field dropped from its spec: stored, not sent */
			if (first) {
				seen(ex, sqlite3_column_int64(subs, 7), p);
				first = false;
			}
			yg_csv_out_raw(&ex->out, el->name, el->name_len);
			yg_csv_out_raw(&ex->out, mid.buf, mid.len);
			put_value(&ex->out, el->field, vals, 1, 2);
			yg_csv_out_raw(&ex->out, ",", 1);
			out_column(&ex->out, sqlite3_column_type(vals, 3) == SQLITE_NULL ? subs : vals,
				sqlite3_column_type(vals, 3) == SQLITE_NULL ? 4 : 3);
			yg_csv_out_raw(&ex->out, tail.buf, end_len);
			out_column(&ex->out, vals, 4);
			yg_csv_out_raw(&ex->out, ",", 1);
			if (sqlite3_column_int(vals, 5))
				yg_csv_out_raw(&ex->out, "true", 4);
			else
				yg_csv_out_raw(&ex->out, "false", 5);
			yg_csv_out_raw(&ex->out, tail.buf + end_len, tail.len - end_len);
			yg_csv_out_eol(&ex->out);
			ex->st->rows++;
			if (!tick(ex))
				break;
		}
		if (ex->out.rc == YG_OK && vrc != SQLITE_DONE && vrc != SQLITE_ROW)
			ex->out.rc = yg_sql_fail(ex->db, "export");
		sqlite3_reset(vals);
	}
	if (ex->out.rc == YG_OK && rc != SQLITE_DONE)
		ex->out.rc = yg_sql_fail(ex->db, "export");
	sqlite3_finalize(subs);
	sqlite3_finalize(vals);
	free(mid.buf);
	free(tail.buf);
	if (ex->out.rc == YG_OK)
		export_community(ex);
	return ex->out.rc;
}

/* ---- wide: a row of cells gathered, then written ---- */

struct wide {
	struct yg_wide_col *cols;
	size_t ncols;
	char **cells;           /* ncols, formatted; NULL for empty */
	int64_t *nums;          /* ncols, the stored numbers behind the cells */
	char *code, *name;      /* of the row gathered, kept for a sink */
	yg_period period;
};

static void wide_free(struct wide *w)
{
	for (size_t i = 0; w->cells && i < w->ncols; i++)
		free(w->cells[i]);
	free(w->cells);
	free(w->nums);
	free(w->cols);
	free(w->code);
	free(w->name);
}

static void wide_clear(struct wide *w)
{
	for (size_t i = 0; i < w->ncols; i++) {
		free(w->cells[i]);
		w->cells[i] = NULL;
	}
}

static void put_cstr(struct yg_csv_out *out, const char *s)
{
	yg_csv_out_text(out, s ? s : "", s ? strlen(s) : 0);
}

static void wide_write_row(struct export *ex, struct wide *w, size_t first)
{
	for (size_t i = 0; i < w->ncols; i++) {
		if (i + first > 0)
			yg_csv_out_raw(&ex->out, ",", 1);
		if (w->cells[i])
			put_cstr(&ex->out, w->cells[i]);
	}
	yg_csv_out_eol(&ex->out);
	if (ex->sink && ex->out.rc == YG_OK) {
		struct yg_wide_row r = { w->code, w->name, w->period, w->cells, w->nums };
		ex->out.rc = ex->sink->row(ex->sink->arg, &r);
	}
}

static char *wide_header(const struct yg_form *form, const struct yg_field *f, bool one_form)
{
	const char *flabel = f ? yg_field_label(f) : _("status");
	const char *unit = f ? yg_field_unit(f) : "";

	if (one_form)
		return *unit ? yg_asprintf(_("%s (%s)"), flabel, unit)
			: yg_strdup(flabel);
	return *unit ? yg_asprintf(_("%s: %s (%s)"),
			YG_L(form->zh, form->en), flabel, unit)
		: yg_asprintf(_("%s: %s"), YG_L(form->zh, form->en), flabel);
}

static int wide_columns(struct export *ex, struct wide *w)
{
	size_t n = 0;

	for (size_t i = 0; i < yg_form_count(); i++) {
		const struct yg_form *f = yg_form_at(i);
		if (!f->is_record && f->kinds && (!ex->o->form || !strcmp(ex->o->form, f->key)))
			n += f->nfields + 2;
	}
	w->cols = calloc(n ? n : 1, sizeof *w->cols);
	w->cells = calloc(n ? n : 1, sizeof *w->cells);
	w->nums = calloc(n ? n : 1, sizeof *w->nums);
	if (!w->cols || !w->cells || !w->nums)
		return yg_fail(YG_ENOMEM, "out of memory");
	for (size_t i = 0; i < yg_form_count(); i++) {
		const struct yg_form *f = yg_form_at(i);
		if (f->is_record || !f->kinds || (ex->o->form && strcmp(ex->o->form, f->key)))
			continue;
		for (int j = -1; j < (int)f->nfields; j++)
			w->cols[w->ncols++] = (struct yg_wide_col){ f, j };
		w->cols[w->ncols++] = (struct yg_wide_col){ f, YG_WIDE_EXPL };
	}
	return YG_OK;
}

/* The column of form's field key (or its status when key is NULL). */
static int wide_find(const struct wide *w, const char *form, const char *key)
{
	for (size_t i = 0; i < w->ncols; i++) {
		const struct yg_wide_col *c = &w->cols[i];
		if (strcmp(c->form->key, form) != 0)
			continue;
		if (!key && c->field == -1)
			return (int)i;
		if (key && c->field >= 0 && !strcmp(c->form->fields[c->field].key, key))
			return (int)i;
	}
	return -1;
}

static char *format_stored(const struct yg_field *f, sqlite3_stmt *st, int num, int txt,
	int64_t *stored)
{
	struct yg_value v = { 0 };
	char *s;

	yg_value_read(st, num, txt, f, &v);
	s = v.set ? yg_field_format(f, &v) : NULL;
	*stored = v.num;
	yg_value_clear(&v);
	return s;
}

static int export_wide(struct export *ex)
{
	sqlite3_stmt *st;
	struct wide w = { 0 };
	bool one = ex->o->form != NULL;
	int64_t cur_org = 0;
	yg_period cur_p = 0;
	int rc = wide_columns(ex, &w);

	if (rc != YG_OK) {
		wide_free(&w);
		return rc;
	}
	st = yg_prepare(ex->db, YG_CSV_SCOPE_CTE(1)
		"SELECT s.org_id, s.period, o.code, o.name, s.form, s.state, v.key, v.num, v.txt,"
		" s.id" SELECTION " ORDER BY s.period, o.code, s.form");
	/* The clerk's explanations of the return's warnings, rule by rule. */
	sqlite3_stmt *expl = yg_prepare(ex->db, "SELECT group_concat(rule || ': ' || txt, '; ')"
		" FROM (SELECT rule, txt FROM explanation WHERE submission_id = ? ORDER BY rule)");
	if (!st || !expl) {
		sqlite3_finalize(st);
		sqlite3_finalize(expl);
		wide_free(&w);
		return YG_ERROR;
	}
	bind_selection(ex, st);
	put_cstr(&ex->out, _("code"));
	yg_csv_out_raw(&ex->out, ",", 1);
	put_cstr(&ex->out, _("institution"));
	yg_csv_out_raw(&ex->out, ",", 1);
	put_cstr(&ex->out, _("month"));
	for (size_t i = 0; i < w.ncols; i++) {
		const struct yg_wide_col *c = &w.cols[i];
		char *h = c->field == YG_WIDE_EXPL ? (one ? yg_strdup(_("explanations")) :
			yg_asprintf(_("%s: explanations"), YG_L(c->form->zh, c->form->en))) :
			wide_header(c->form, c->field < 0 ? NULL : &c->form->fields[c->field], one);
		yg_csv_out_raw(&ex->out, ",", 1);
		put_cstr(&ex->out, h ? h : "");
		free(h);
	}
	yg_csv_out_eol(&ex->out);
	if (ex->sink && ex->out.rc == YG_OK)
		ex->out.rc = ex->sink->header(ex->sink->arg, w.cols, w.ncols);
	while (ex->out.rc == YG_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t org = sqlite3_column_int64(st, 0);
		yg_period p = sqlite3_column_int(st, 1);
		const char *form = (const char *)sqlite3_column_text(st, 4);
		int col;

		if (org != cur_org || p != cur_p) {
			char pbuf[8];
			if (cur_org) {
				wide_write_row(ex, &w, 3);
				ex->st->rows++;
				if (!tick(ex))
					break;
			}
			wide_clear(&w);
			cur_org = org;
			cur_p = p;
			seen(ex, org, p);
			if (ex->sink) {
				free(w.code);
				free(w.name);
				w.code = yg_col_text(st, 2);
				w.name = yg_col_text(st, 3);
				w.period = p;
			}
			put_cstr(&ex->out, (const char *)sqlite3_column_text(st, 2));
			yg_csv_out_raw(&ex->out, ",", 1);
			put_cstr(&ex->out, (const char *)sqlite3_column_text(st, 3));
			yg_period_format(p, pbuf);
			yg_csv_out_raw(&ex->out, ",", 1);
			yg_csv_out_raw(&ex->out, pbuf, 7);
		}
		col = wide_find(&w, form, NULL);
		if (col >= 0 && !w.cells[col]) {
			w.cells[col] = yg_strdup(yg_state_label(
				yg_state_parse((const char *)sqlite3_column_text(st, 5))));
			/* The explanations column follows the form's fields. */
			col += (int)w.cols[col].form->nfields + 1;
			sqlite3_bind_int64(expl, 1, sqlite3_column_int64(st, 9));
			if (sqlite3_step(expl) == SQLITE_ROW && sqlite3_column_text(expl, 0))
				w.cells[col] = yg_strdup((const char *)sqlite3_column_text(expl, 0));
			sqlite3_reset(expl);
		}
		col = wide_find(&w, form, (const char *)sqlite3_column_text(st, 6));
		if (col >= 0) {
			const struct yg_wide_col *c = &w.cols[col];
			free(w.cells[col]);
			w.cells[col] = format_stored(&c->form->fields[c->field], st, 7, 8,
				&w.nums[col]);
		}
	}
	if (ex->out.rc == YG_OK && rc == SQLITE_DONE && cur_org) {
		wide_write_row(ex, &w, 3);
		ex->st->rows++;
	}
	if (ex->out.rc == YG_OK && rc != SQLITE_DONE && rc != SQLITE_ROW)
		ex->out.rc = yg_sql_fail(ex->db, "export");
	sqlite3_finalize(st);
	sqlite3_finalize(expl);
	wide_free(&w);
	return ex->out.rc;
}

/* ---- wide: roster records ---- */

/* Is the record in the months?  Referrals by their date, postings when
 * active on any day of them; a record form without dates always is. */
static bool record_in_months(const struct export *ex, const struct yg_form *form,
	const struct yg_value *v)
{
	yg_date first = yg_period_first_day(ex->o->from), last = yg_period_last_day(ex->o->to);
	int date = yg_field_index(form, "date");
	int start = yg_field_index(form, "start_date");
	int planned = yg_field_index(form, "planned_end_date");
	int actual = yg_field_index(form, "actual_end_date");

	if (date >= 0)
		return v[date].set && v[date].num >= first && v[date].num <= last;
	if (start >= 0) {
		int64_t end = actual >= 0 && v[actual].set ? v[actual].num :
			planned >= 0 && v[planned].set ? v[planned].num : INT32_MAX;
		return v[start].set && v[start].num <= last && end >= first;
	}
	return true;
}

static void record_flush(struct export *ex, const struct yg_form *form, struct yg_value *v,
	const char *code, const char *name, int64_t id, int64_t org_id)
{
	char idbuf[24];

	if (!record_in_months(ex, form, v))
		return;
	seen(ex, org_id, ex->o->from);
	put_cstr(&ex->out, code);
	yg_csv_out_raw(&ex->out, ",", 1);
	put_cstr(&ex->out, name);
	yg_csv_out_raw(&ex->out, ",", 1);
	yg_csv_out_raw(&ex->out, idbuf, yg_csv_fmt_i64(idbuf, id));
	for (size_t i = 0; i < form->nfields; i++) {
		char *s = v[i].set ? yg_field_format(&form->fields[i], &v[i]) : NULL;
		yg_csv_out_raw(&ex->out, ",", 1);
		if (s)
			put_cstr(&ex->out, s);
		free(s);
	}
	yg_csv_out_eol(&ex->out);
	ex->st->rows++;
}

static int export_records(struct export *ex, const struct yg_form *form)
{
	sqlite3_stmt *st = yg_prepare(ex->db, YG_CSV_SCOPE_CTE(1)
		"SELECT r.id, r.org_id, o.code, o.name, rv.key, rv.num, rv.txt"
		" FROM record r JOIN org_unit o ON o.id = r.org_id"
		" LEFT JOIN record_value rv ON rv.record_id = r.id"
		" WHERE r.form = ?2 AND r.org_id IN scope ORDER BY o.code, r.id");
	struct yg_value *v = yg_values_new(form->nfields);
	char *code = NULL, *name = NULL;
	int64_t cur = 0, cur_org = 0;
	int rc = SQLITE_DONE;

	if (!st || !v) {
		sqlite3_finalize(st);
		free(v);
		return st ? yg_fail(YG_ENOMEM, "out of memory") : YG_ERROR;
	}
	if (ex->db->system)
		sqlite3_bind_null(st, 1);
	else
		sqlite3_bind_int64(st, 1, ex->db->actor.org_id);
	sqlite3_bind_text(st, 2, form->key, -1, SQLITE_STATIC);
	put_cstr(&ex->out, _("holder code"));
	yg_csv_out_raw(&ex->out, ",", 1);
	put_cstr(&ex->out, _("holder"));
	yg_csv_out_raw(&ex->out, ",", 1);
	put_cstr(&ex->out, _("record"));
	for (size_t i = 0; i < form->nfields; i++) {
		yg_csv_out_raw(&ex->out, ",", 1);
		put_cstr(&ex->out, yg_field_label(&form->fields[i]));
	}
	yg_csv_out_eol(&ex->out);
	while (ex->out.rc == YG_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(st, 0);
		const char *key = (const char *)sqlite3_column_text(st, 4);
		int i;

		if (id != cur) {
			if (cur)
				record_flush(ex, form, v, code, name, cur, cur_org);
			for (size_t k = 0; k < form->nfields; k++)
				yg_value_clear(&v[k]);
			free(code);
			free(name);
			code = yg_col_text(st, 2);
			name = yg_col_text(st, 3);
			cur = id;
			cur_org = sqlite3_column_int64(st, 1);
		}
		if (key && (i = yg_field_index(form, key)) >= 0)
			yg_value_read(st, 5, 6, &form->fields[i], &v[i]);
	}
	if (ex->out.rc == YG_OK && rc == SQLITE_DONE && cur)
		record_flush(ex, form, v, code, name, cur, cur_org);
	if (ex->out.rc == YG_OK && rc != SQLITE_DONE && rc != SQLITE_ROW)
		ex->out.rc = yg_sql_fail(ex->db, "export");
	sqlite3_finalize(st);
	yg_values_free(v, form->nfields);
	free(code);
	free(name);
	return ex->out.rc;
}

/* ---- the workbook: one wide pass per form ---- */

/*
 * Every pass runs the wide export of one form with the workbook's sink,
 * its CSV going into ex->out, which only hashes: that digest is the sheets'
 * data SHA-256, known before the first sheet (which carries it) is written.
 */
static int export_workbook(struct export *ex, FILE *out)
{
	const struct yg_export_opts *all = ex->o;
	struct yg_export_opts one = *all;
	struct yg_wide_sink sink;
	struct yg_xlsx *x = NULL;
	int rc;

	if ((rc = yg_csv_out_open(&ex->out, NULL, YG_ENC_UTF8)) != YG_OK ||
	    (rc = yg_xlsx_open(ex->db, &x)) != YG_OK) {
		yg_csv_out_close(&ex->out, ex->st->data_sha256);
		return rc;
	}
	yg_xlsx_sink(x, &sink);
	ex->sink = &sink;
	ex->o = &one;
	if (all->progress)
		count_rows(ex);
	for (size_t i = 0; i < yg_form_count() && ex->out.rc == YG_OK; i++) {
		const struct yg_form *f = yg_form_at(i);
		if (f->is_record || !f->kinds || (all->form && strcmp(all->form, f->key)))
			continue;
		one.form = f->key;
		if ((ex->out.rc = yg_xlsx_sheet(x, f)) == YG_OK)
			export_wide(ex);
	}
	ex->o = all;
	ex->sink = NULL;
	rc = yg_csv_out_close(&ex->out, ex->st->data_sha256);
	if (rc != YG_OK) {
		yg_xlsx_discard(x);
		return rc;
	}
	if ((rc = yg_xlsx_finish(x, all, ex->st, out)) == YG_OK && all->progress)
		all->progress(all->progress_arg, ex->st->rows, ex->total > ex->st->rows ?
			ex->total : ex->st->rows);
	return rc;
}

int yg_export(yg_db *db, const struct yg_export_opts *opts, FILE *out,
	struct yg_export_stats *stats)
{
	assert(db && opts && out && stats);
	struct yg_export_opts o = *opts;
	struct export ex = { .db = db, .o = &o, .st = stats };
	const struct yg_form *form = NULL;
	int rc;

	memset(stats, 0, sizeof *stats);
	if ((rc = yg_need_role(db, YG_ROLE_REVIEWER, "导出", N_("exporting"))) != YG_OK)
		return rc;
	if (o.to == 0)
		o.to = o.from;
	if (o.from < 190001 || o.to < o.from || o.to > 299912)
		return yg_fail(YG_EINVAL, "the months to export are not a valid range");
	if (o.form && !(form = yg_form_find(o.form)))
		return yg_fail(YG_EINVAL, "no form \"%s\"", o.form);
	if (form && form->is_record && o.format == YG_CSV_LONG)
		return yg_fail(YG_EINVAL,
			"records (%s) never go upward in the long format, only their monthly"
			" totals; export the records with --format wide", form->key);
	if (form && form->is_record && o.format == YG_CSV_XLSX)
		return yg_fail(YG_EINVAL,
			"records (%s) are not exported as xlsx; export them with --format wide",
			form->key);
	if (form && !form->is_record && !form->kinds)
		return yg_fail(YG_EINVAL, "\"%s\" is not a monthly form", form->key);
	ex.nmonths = (yg_period_year(o.to) - yg_period_year(o.from)) * 12 +
		yg_period_month(o.to) - yg_period_month(o.from) + 1;
	ex.months = calloc((size_t)ex.nmonths, sizeof *ex.months);
	if (!ex.months)
		return yg_fail(YG_ENOMEM, "out of memory");
	if ((rc = yg_csv_elems_init(&ex.elems)) != YG_OK) {
		free(ex.months);
		return rc;
	}
	if (o.format == YG_CSV_XLSX) {
		rc = export_workbook(&ex, out);
		goto done;
	}
	if (yg_csv_out_open(&ex.out, out, o.encoding) == YG_OK) {
		if (o.progress && !(form && form->is_record))
			count_rows(&ex);
		if (form && form->is_record)
			export_records(&ex, form);
		else if (o.format == YG_CSV_WIDE)
			export_wide(&ex);
		else
			export_long(&ex);
		if (ex.out.rc == YG_OK && o.progress)
			o.progress(o.progress_arg, stats->rows, ex.total > stats->rows ? ex.total :
				stats->rows);
	}
	rc = yg_csv_out_close(&ex.out, stats->sha256);
	stats->bytes = ex.out.bytes;
done:
	yg_csv_elems_free(&ex.elems);
	free(ex.orgs);
	free(ex.months);
	return rc;
}
