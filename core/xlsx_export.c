/*
 * xlsx_export.c — the wide layout as a workbook for Excel and WPS users
 * (DESIGN §6, the xlsx paragraph): a first sheet saying what the file
 * holds, then one sheet per form whose rows come from the wide export's own
 * row source (csv_export.c drives this file through a yg_wide_sink).
 *
 * Decisions the file relies on
 *  - Text reaches the workbook only through worksheet_write_string: a cell
 *    that begins with = is text, never a formula, whatever it holds.  Data
 *    text cells also carry the Text number format ("@"), so that editing
 *    one in Excel keeps it text.  Codes and periods are text: Excel reads
 *    a 12-digit code as a number (5.30199E+11, leading zeros lost) and
 *    2026-01 as a date.
 *  - Counts are integers; amounts (fen) and the x100 decimals are numbers
 *    shown with two decimals; a field whose unit is "%" is a percentage
 *    (none has one yet).  Dates, choices and yes/no stay the text the CSV
 *    has.  Units sit in a second header row instead of in the header text.
 *  - Constant memory (libxlsxwriter's constant_memory): a row goes to its
 *    sheet's temporary file as soon as a later row is written, so within a
 *    sheet rows are written strictly in order — the two header rows, then
 *    the data.  Sheets stream to files of their own, so the first sheet is
 *    written last, once the figures it shows are known.  Column widths and
 *    the frozen panes are kept apart and written when the workbook closes:
 *    columns are sized to what was actually written.
 *  - libxlsxwriter writes to a file it names itself.  The workbook and the
 *    library's temporary files go to a private directory (mkdtemp, 0700);
 *    when complete, the workbook is copied to the caller's stream and hashed
 *    on the way, so yg_export keeps its one signature and its callers their
 *    temporary-and-rename.
 */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "csv_internal.h"

/* Excel's limits: rows of a sheet, characters of a sheet name. */
#define SHEET_ROWS 1048576u
#define SHEET_NAME_MAX 31
/* Columns are sized to their content, up to this many character widths. */
#define WIDTH_MAX 40.0
#define FIXED_COLS 3            /* code, name, month */

struct sheet {
	char *name;
	uint64_t rows;
};

struct yg_xlsx {
	yg_db *db;
	char *dir, *path;
	lxw_workbook *wb;
	lxw_worksheet *about;           /* the first sheet, written last */
	lxw_worksheet *ws;              /* the form sheet being written */
	lxw_format *bold, *text, *count, *money, *dec2, *pct, *pct2;
	const struct yg_wide_col *cols; /* the pass's columns, valid during it */
	size_t ncols;
	uint32_t row;                   /* next row of ws */
	double *width;                  /* FIXED_COLS + ncols: widest cell */
	struct sheet *sheets;
	size_t nsheets;
};

static int lxw_fail(lxw_error e)
{
	return yg_fail(YG_ERROR, "writing the xlsx failed: %s",
		lxw_strerror(e));
}

/* Character widths as Excel sizes columns: Chinese and full-width forms
 * (three- and four-byte UTF-8) count two, the rest one.  An approximation
 * on the wide side for the few narrow three-byte characters. */
static double text_width(const char *s)
{
	double w = 0;

	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if (*p < 0x80 || (*p >= 0xC0 && *p < 0xE0))
			w += 1;
		else if (*p >= 0xE0)
			w += 2;
	return w;
}

static void widen(struct yg_xlsx *x, size_t col, double w)
{
	if (x->width && w > x->width[col])
		x->width[col] = w;
}

/* The sheet just finished gets its widths and its frozen header. */
static void sheet_done(struct yg_xlsx *x)
{
	if (!x->ws)
		return;
	for (size_t c = 0; x->width && c < FIXED_COLS + x->ncols; c++) {
		double w = x->width[c] + 2;
		worksheet_set_column(x->ws, (lxw_col_t)c, (lxw_col_t)c,
			w > WIDTH_MAX ? WIDTH_MAX : w, NULL);
	}
	/* The two header rows and the columns saying whose row it is. */
	worksheet_freeze_panes(x->ws, 2, FIXED_COLS);
	free(x->width);
	x->width = NULL;
	x->ws = NULL;
	x->cols = NULL;
	x->ncols = 0;
}

/* Up to SHEET_NAME_MAX characters, on a character boundary. */
static char *sheet_name(const char *s)
{
	size_t chars = 0, i = 0;

	for (; s[i]; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80 && ++chars > SHEET_NAME_MAX)
			break;
	char *n = malloc(i + 1);
	if (n) {
		memcpy(n, s, i);
		n[i] = '\0';
	}
	return n;
}

static lxw_worksheet *add_sheet(struct yg_xlsx *x, const char *want, const char *fallback,
	char **name)
{
	*name = sheet_name(want);
	if (*name && workbook_validate_sheet_name(x->wb, *name) != LXW_NO_ERROR) {
		free(*name);
		*name = sheet_name(fallback);
	}
	return *name ? workbook_add_worksheet(x->wb, *name) : NULL;
}

int yg_xlsx_open(yg_db *db, struct yg_xlsx **out)
{
	struct yg_xlsx *x = calloc(1, sizeof *x);
	const char *base = secure_getenv("TMPDIR");
	char *about = NULL;

	*out = NULL;
	if (!x)
		return yg_fail(YG_ENOMEM, "out of memory");
	x->db = db;
	if (!base || !*base)
		base = "/tmp";
	if (!(x->dir = yg_asprintf("%s/yigong-xlsx-XXXXXX", base)))
		goto nomem;
	if (!mkdtemp(x->dir)) {
		int rc = yg_fail(YG_ERROR,
			"cannot create a temporary directory %s: %s", x->dir, strerror(errno));
		free(x->dir);
		free(x);
		return rc;
	}
	if (!(x->path = yg_asprintf("%s/book.xlsx", x->dir)))
		goto nomem;
	lxw_workbook_options opt = { .constant_memory = LXW_TRUE, .tmpdir = x->dir };
	if (!(x->wb = workbook_new_opt(x->path, &opt)))
		goto nomem;
	x->bold = workbook_add_format(x->wb);
	x->text = workbook_add_format(x->wb);
	x->count = workbook_add_format(x->wb);
	x->money = workbook_add_format(x->wb);
	x->dec2 = workbook_add_format(x->wb);
	x->pct = workbook_add_format(x->wb);
	x->pct2 = workbook_add_format(x->wb);
	if (!x->bold || !x->text || !x->count || !x->money || !x->dec2 || !x->pct || !x->pct2)
		goto nomem;
	format_set_bold(x->bold);
	format_set_num_format(x->text, "@");
	format_set_num_format(x->count, "0");
	format_set_num_format(x->money, "#,##0.00");
	format_set_num_format(x->dec2, "0.00");
	format_set_num_format(x->pct, "0%");
	format_set_num_format(x->pct2, "0.00%");
	if (!(x->about = add_sheet(x, _("About"), "About", &about)))
		goto nomem;
	free(about);
	*out = x;
	return YG_OK;
nomem:
	free(about);
	yg_xlsx_discard(x);
	return yg_fail(YG_ENOMEM, "out of memory");
}

int yg_xlsx_sheet(struct yg_xlsx *x, const struct yg_form *form)
{
	struct sheet *ns = realloc(x->sheets, (x->nsheets + 1) * sizeof *ns);

	if (!ns)
		return yg_fail(YG_ENOMEM, "out of memory");
	x->sheets = ns;
	sheet_done(x);
	ns[x->nsheets] = (struct sheet){ NULL, 0 };
	if (!(x->ws = add_sheet(x, YG_L(form->zh, form->en), form->key, &ns[x->nsheets].name))) {
		free(ns[x->nsheets].name);
		return yg_fail(YG_ENOMEM, "out of memory");
	}
	x->nsheets++;
	x->row = 0;
	return YG_OK;
}

static int put_string(struct yg_xlsx *x, lxw_worksheet *ws, lxw_row_t row, size_t col,
	const char *s, lxw_format *fmt)
{
	lxw_error e = worksheet_write_string(ws, row, (lxw_col_t)col, s, fmt);

	if (e != LXW_NO_ERROR)
		return lxw_fail(e);
	widen(x, col, text_width(s));
	return YG_OK;
}

static int header(void *arg, const struct yg_wide_col *cols, size_t ncols)
{
	struct yg_xlsx *x = arg;
	const char *fixed[FIXED_COLS] = { _("code"), _("institution"),
		_("month") };
	int rc = YG_OK;

	x->cols = cols;
	x->ncols = ncols;
	if (!(x->width = calloc(FIXED_COLS + ncols, sizeof *x->width)))
		return yg_fail(YG_ENOMEM, "out of memory");
	for (size_t c = 0; c < FIXED_COLS && rc == YG_OK; c++)
		rc = put_string(x, x->ws, 0, c, fixed[c], x->bold);
	for (size_t i = 0; i < ncols && rc == YG_OK; i++) {
		const struct yg_field *f = cols[i].field < 0 ? NULL :
			&cols[i].form->fields[cols[i].field];
		rc = put_string(x, x->ws, 0, FIXED_COLS + i, f ? yg_field_label(f) :
			cols[i].field == YG_WIDE_EXPL ? _("explanations") :
			_("status"), x->bold);
	}
	/* The units, under the labels they belong to. */
	for (size_t i = 0; i < ncols && rc == YG_OK; i++) {
		const struct yg_field *f = cols[i].field < 0 ? NULL :
			&cols[i].form->fields[cols[i].field];
		if (f && *yg_field_unit(f))
			rc = put_string(x, x->ws, 1, FIXED_COLS + i, yg_field_unit(f), x->bold);
	}
	x->row = 2;
	return rc;
}

static bool is_percent(const struct yg_field *f)
{
	return f->unit_zh && strcmp(f->unit_zh, "%") == 0;
}

/* Width of a number as its format shows it: thousands separators for
 * amounts, a % sign for percentages. */
static double number_width(const char *cell, lxw_format *fmt, const struct yg_xlsx *x)
{
	double w = (double)strlen(cell);
	const char *dot = strchr(cell, '.');
	size_t digits = dot ? (size_t)(dot - cell) : strlen(cell);

	if (fmt == x->money && digits > 3)
		w += (double)((digits - 1) / 3);
	if (fmt == x->pct || fmt == x->pct2)
		w += 1;
	return w;
}

static int put_value(struct yg_xlsx *x, size_t col, const struct yg_wide_col *c,
	const char *cell, int64_t num)
{
	const struct yg_field *f = c->field < 0 ? NULL : &c->form->fields[c->field];
	lxw_format *fmt = NULL;
	double v = 0;
	lxw_error e;

	switch (f ? f->type : YG_T_TEXT) {
	case YG_T_COUNT:
		fmt = is_percent(f) ? x->pct : x->count;
		v = is_percent(f) ? (double)num / 100 : (double)num;
		break;
	case YG_T_AMOUNT:
		fmt = x->money;
		v = (double)num / 100;
		break;
	case YG_T_DECIMAL:
		fmt = is_percent(f) ? x->pct2 : x->dec2;
		v = is_percent(f) ? (double)num / 10000 : (double)num / 100;
		break;
	default:
		return put_string(x, x->ws, x->row, col, cell, x->text);
	}
	if ((e = worksheet_write_number(x->ws, x->row, (lxw_col_t)col, v, fmt)) != LXW_NO_ERROR)
		return lxw_fail(e);
	widen(x, col, number_width(cell, fmt, x));
	return YG_OK;
}

static int row(void *arg, const struct yg_wide_row *r)
{
	struct yg_xlsx *x = arg;
	char per[8];
	int rc;

	if (x->row >= SHEET_ROWS)
		return yg_fail(YG_EINVAL,
			"form \"%s\" has more rows than a sheet holds (%u); choose fewer months or"
			" export CSV", x->sheets[x->nsheets - 1].name, SHEET_ROWS - 2);
	yg_period_format(r->period, per);
	if ((rc = put_string(x, x->ws, x->row, 0, r->code ? r->code : "", x->text)) != YG_OK ||
	    (rc = put_string(x, x->ws, x->row, 1, r->name ? r->name : "", x->text)) != YG_OK ||
	    (rc = put_string(x, x->ws, x->row, 2, per, x->text)) != YG_OK)
		return rc;
	for (size_t i = 0; i < x->ncols; i++)
		if (r->cells[i] && (rc = put_value(x, FIXED_COLS + i, &x->cols[i], r->cells[i],
		    r->nums[i])) != YG_OK)
			return rc;
	x->row++;
	x->sheets[x->nsheets - 1].rows++;
	return YG_OK;
}

void yg_xlsx_sink(struct yg_xlsx *x, struct yg_wide_sink *sink)
{
	*sink = (struct yg_wide_sink){ header, row, x };
}

/* ---- the first sheet ---- */

/* The unit whose scope was exported: the actor's, or the root. */
static char *scope_unit(yg_db *db, char **code)
{
	sqlite3_stmt *st = yg_prepare(db, "SELECT code, name FROM org_unit WHERE"
		" CASE WHEN ?1 IS NULL THEN parent_id IS NULL ELSE id = ?1 END LIMIT 1");
	char *name = NULL;

	*code = NULL;
	if (!st)
		return NULL;
	if (db->system)
		sqlite3_bind_null(st, 1);
	else
		sqlite3_bind_int64(st, 1, db->actor.org_id);
	if (sqlite3_step(st) == SQLITE_ROW) {
		*code = yg_col_text(st, 0);
		name = yg_col_text(st, 1);
	}
	sqlite3_finalize(st);
	return name;
}

struct about {
	struct yg_xlsx *x;
	lxw_row_t row;
	int rc;
};

static void about_text(struct about *a, const char *label, const char *value)
{
	if (a->rc == YG_OK && label)
		a->rc = put_string(a->x, a->x->about, a->row, 0, label, a->x->bold);
	if (a->rc == YG_OK && value)
		a->rc = put_string(a->x, a->x->about, a->row, 1, value, a->x->text);
	a->row++;
}

static void about_number(struct about *a, const char *label, uint64_t n)
{
	lxw_error e;

	if (a->rc == YG_OK)
		a->rc = put_string(a->x, a->x->about, a->row, 0, label, a->x->bold);
	if (a->rc == YG_OK &&
	    (e = worksheet_write_number(a->x->about, a->row, 1, (double)n, a->x->count)) != LXW_NO_ERROR)
		a->rc = lxw_fail(e);
	a->row++;
}

static int write_about(struct yg_xlsx *x, const struct yg_export_opts *o,
	const struct yg_export_stats *st)
{
	struct about a = { x, 0, YG_OK };
	char from[8], to[8], *months, *forms = NULL, *code, *unit, *now = yg_now_iso();
	const char *sep = _(", ");

	x->width = calloc(2, sizeof *x->width);
	unit = scope_unit(x->db, &code);
	yg_period_format(o->from, from);
	yg_period_format(o->to ? o->to : o->from, to);
	months = strcmp(from, to) ? yg_asprintf("%s..%s", from, to) : yg_strdup(from);
	for (size_t i = 0; i < x->nsheets; i++) {
		char *n = yg_asprintf("%s%s%s", forms ? forms : "", forms ? sep : "",
			x->sheets[i].name);
		free(forms);
		forms = n;
	}
	about_text(&a, _("Monthly returns exported by Yigong"), NULL);
	about_text(&a, _("Contents"),
		_("one sheet per form, one row per institution and month (the wide layout);"
		" units in the second row"));
	about_text(&a, _("Unit"), unit ? unit : "");
	about_text(&a, _("Unit code"), code ? code : "");
	about_text(&a, _("Months"), months ? months : "");
	about_text(&a, _("Forms"), forms ? forms : "");
	about_text(&a, _("Approved only"), o->include_unapproved ?
		_("no (unapproved returns included)") : _("yes"));
	about_number(&a, _("Rows"), st->rows);
	about_number(&a, _("Institutions"), st->institutions);
	about_number(&a, _("Months with data"), st->periods);
	about_text(&a, _("SHA-256 of the data"), st->data_sha256);
	about_text(&a, "",
		_("the SHA-256 of the bytes yigong export --format wide --form KEY (UTF-8) writes"
		" for each form sheet in turn; the manifest's data_sha256"));
	about_text(&a, _("Generated at"), now ? now : "");
	about_text(&a, _("Generated by"), x->db->actor.login ? x->db->actor.login : "");
	about_text(&a, _("Generator"), "yigong " PACKAGE_VERSION);
	a.row++;
	about_text(&a, _("Sheet"), NULL);
	if (a.rc == YG_OK)
		a.rc = put_string(x, x->about, a.row - 1, 1, _("rows"), x->bold);
	for (size_t i = 0; i < x->nsheets; i++)
		about_number(&a, x->sheets[i].name, x->sheets[i].rows);
	for (int c = 0; c < 2 && x->width; c++)
		worksheet_set_column(x->about, (lxw_col_t)c, (lxw_col_t)c,
			x->width[c] + 2 > 70 ? 70 : x->width[c] + 2, NULL);
	free(x->width);
	x->width = NULL;
	free(months);
	free(forms);
	free(code);
	free(unit);
	free(now);
	return a.rc;
}

/* ---- out ---- */

static int copy_out(struct yg_xlsx *x, FILE *out, struct yg_export_stats *st)
{
	struct yg_sha256 sha;
	size_t bufsize = 64 * 1024, n;
	char *buf = malloc(bufsize);
	FILE *in = fopen(x->path, "rb");
	int rc = YG_OK;

	st->bytes = 0;
	yg_sha256_init(&sha);
	if (!buf || !in) {
		rc = !buf ? yg_fail(YG_ENOMEM, "out of memory")
			: yg_fail(YG_ERROR, "cannot read %s: %s", x->path,
				strerror(errno));
		goto out;
	}
	while ((n = fread(buf, 1, bufsize, in)) > 0) {
		yg_sha256_update(&sha, buf, n);
		if (fwrite(buf, 1, n, out) != n) {
			rc = yg_fail(YG_ERROR, "write failed: %s", strerror(errno));
			goto out;
		}
		st->bytes += n;
	}
	if (ferror(in))
		rc = yg_fail(YG_ERROR, "cannot read %s", x->path);
	else if (fflush(out) != 0)
		rc = yg_fail(YG_ERROR, "write failed: %s", strerror(errno));
out:
	yg_sha256_hex(&sha, st->sha256);
	if (in)
		fclose(in);
	free(buf);
	return rc;
}

static void xlsx_free(struct yg_xlsx *x)
{
	if (x->path)
		unlink(x->path);
	if (x->dir)
		rmdir(x->dir);
	for (size_t i = 0; i < x->nsheets; i++)
		free(x->sheets[i].name);
	free(x->sheets);
	free(x->width);
	free(x->path);
	free(x->dir);
	free(x);
}

int yg_xlsx_finish(struct yg_xlsx *x, const struct yg_export_opts *opts,
	struct yg_export_stats *st, FILE *out)
{
	lxw_error e;
	int rc;

	sheet_done(x);
	rc = write_about(x, opts, st);
	/* Closing is the only way to free the workbook: a failed one is
	 * written too, then removed with its directory. */
	e = workbook_close(x->wb);
	x->wb = NULL;
	if (rc == YG_OK && e != LXW_NO_ERROR)
		rc = lxw_fail(e);
	if (rc == YG_OK)
		rc = copy_out(x, out, st);
	xlsx_free(x);
	return rc;
}

void yg_xlsx_discard(struct yg_xlsx *x)
{
	if (!x)
		return;
	if (x->wb)
		workbook_close(x->wb);
	xlsx_free(x);
}
