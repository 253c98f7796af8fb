/*
 * csv_records.c — a roster (postings, referrals) as the CSV file a lead
 * hospital keeps in Excel: one record a line, the record form's field keys
 * as the header, stable values (choices by their ASCII value, dates
 * YYYY-MM-DD, yes/no as 1/0).  Export writes what import reads; import is
 * all or nothing, names every bad line, and changes nothing the second
 * time, a record being found again by the fields its form names as its
 * identity (a posting: licence number and start date).
 */
#include <csv.h>
#include <errno.h>
#include <iconv.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "csv_internal.h"

/* ---- export ---- */

/* A value as the file holds it: language-independent. */
static char *record_cell(const struct yg_field *f, const struct yg_value *v)
{
	if (!v->set)
		return NULL;
	if (f->type == YG_T_CHOICE || yg_type_is_text(f->type))
		return yg_strdup(v->text ? v->text : "");
	if (f->type == YG_T_BOOL)
		return yg_strdup(v->num ? "1" : "0");
	return yg_field_format(f, v);
}

int yg_records_export(yg_db *db, const struct yg_form *form, FILE *out,
	struct yg_export_stats *stats)
{
	assert(db && out && stats);
	struct yg_csv_out o;
	struct yg_record **v = NULL;
	size_t n = 0;
	int rc;

	memset(stats, 0, sizeof *stats);
	if (!form || !form->is_record || !form->kinds)
		return yg_fail(YG_EINVAL, "not a roster form");
	if ((rc = yg_record_list(db, form, 0, &v, &n)) != YG_OK)
		return rc;
	if ((rc = yg_csv_out_open(&o, out, YG_ENC_UTF8)) != YG_OK) {
		yg_record_list_free(v, n);
		return rc;
	}
	for (size_t k = 0; k < form->nfields; k++) {
		if (k)
			yg_csv_out_raw(&o, ",", 1);
		yg_csv_out_raw(&o, form->fields[k].key, strlen(form->fields[k].key));
	}
	yg_csv_out_eol(&o);
	for (size_t i = 0; i < n && o.rc == YG_OK; i++) {
		for (size_t k = 0; k < form->nfields; k++) {
			char *s = record_cell(&form->fields[k], &v[i]->values[k]);
			if (k)
				yg_csv_out_raw(&o, ",", 1);
			if (s)
				yg_csv_out_text(&o, s, strlen(s));
			free(s);
		}
		yg_csv_out_eol(&o);
		stats->rows++;
	}
	yg_record_list_free(v, n);
	stats->bytes = o.bytes;
	return yg_csv_out_close(&o, stats->sha256);
}

int yg_records_export_file(yg_db *db, const struct yg_form *form, const char *path,
	struct yg_export_stats *stats)
{
	char *tmp = NULL;
	FILE *fp;
	int rc;

	/* A new temporary beside the target (no planted link is followed),
	 * renamed when complete: a failed export never leaves a truncated file
	 * under the real name. */
	if (!(fp = yg_temp_beside(path, &tmp)))
		return YG_ERROR;
	rc = yg_records_export(db, form, fp, stats);
	return yg_temp_finish(fp, tmp, path, rc);
}

/* ---- import ---- */

struct rimp {
	yg_db *db;
	const struct yg_import_opts *opts;
	struct yg_import_stats *st;
	const struct yg_form *form;
	int *col;              /* field index of each column */
	size_t ncols;
	bool have_header, header_bad;
	char **cells;
	size_t ncells, capcells;
	uint64_t line;         /* physical line being fed */
	uint64_t row_nl;       /* line breaks inside the current row's cells */
	uint64_t last_bad;     /* the last line counted as rejected */
	int rc;                /* a failure that stops everything (not a bad line) */
};

static void bad(struct rimp *im, uint64_t line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void bad(struct rimp *im, uint64_t line, const char *fmt, ...)
{
	va_list ap;
	char *msg;

	va_start(ap, fmt);
	msg = yg_vasprintf(fmt, ap);
	va_end(ap);
	if (line != im->last_bad || line == 0) {
		im->st->rejected++;
		im->last_bad = line;
	}
	if (im->opts->problem)
		im->opts->problem(im->opts->problem_arg, line, msg ? msg : "");
	free(msg);
}

/* The record form whose fields hold every column of the header. */
static const struct yg_form *form_of_header(char **cells, size_t n)
{
	for (size_t i = 0; i < yg_form_count(); i++) {
		const struct yg_form *f = yg_form_at(i);
		size_t k;

		if (!f->is_record || !f->kinds)
			continue;
		for (k = 0; k < n && yg_field_index(f, cells[k]) >= 0; k++)
			;
		if (k == n)
			return f;
	}
	return NULL;
}

static void take_header(struct rimp *im, uint64_t line)
{
	im->have_header = true;
	im->form = form_of_header(im->cells, im->ncells);
	if (!im->form) {
		bad(im, line, _("the header is not the fields of a roster (postings: "
			"doctor_name,licence_no,...; referrals: date,patient_ref,...)"));
		im->header_bad = true;
		return;
	}
	im->col = calloc(im->ncells ? im->ncells : 1, sizeof *im->col);
	if (!im->col) {
		im->rc = yg_fail(YG_ENOMEM, "out of memory");
		return;
	}
	im->ncols = im->ncells;
	for (size_t k = 0; k < im->ncells; k++) {
		im->col[k] = yg_field_index(im->form, im->cells[k]);
		for (size_t j = 0; j < k; j++)
			if (im->col[j] == im->col[k]) {
				bad(im, line, _("the header names %s twice"),
					im->cells[k]);
				im->header_bad = true;
			}
	}
	for (const char *const *id = im->form->identity; id && *id; id++) {
		bool have = false;
		for (size_t k = 0; k < im->ncols; k++)
			have = have || strcmp(im->form->fields[im->col[k]].key, *id) == 0;
		if (!have) {
			bad(im, line,
				_("the header lacks the column %s (it finds a record again)"), *id);
			im->header_bad = true;
		}
	}
}

/* The stored record that the line's identity fields name, or NULL. */
static struct yg_record *find_again(struct rimp *im, const struct yg_record *r)
{
	const char *const *id = im->form->identity;
	const struct yg_value *first;
	struct yg_record **v = NULL, *found = NULL;
	size_t n = 0;

	if (!id || !*id || !(first = yg_record_value(r, id[0])) || !first->set || !first->text)
		return NULL;
	if (yg_record_match(im->db, im->form, id[0], first->text, &v, &n) != YG_OK)
		return NULL;
	for (size_t i = 0; i < n && !found; i++) {
		bool same = true;
		for (const char *const *k = id + 1; *k && same; k++)
			same = yg_value_equal(yg_record_value(r, *k), yg_record_value(v[i], *k));
		if (same) {
			found = v[i];
			v[i] = NULL;
		}
	}
	yg_record_list_free(v, n);
	return found;
}

static void take_row(struct rimp *im, uint64_t line)
{
	struct yg_record *r, *old;
	struct yg_findings f;
	bool ok = true;
	int rc;

	if (im->ncells != im->ncols) {
		bad(im, line, _("expected %zu fields, found %zu"),
			im->ncols, im->ncells);
		return;
	}
	im->st->lines++;
	r = yg_record_new(im->form, im->db->actor.org_id);
	if (!r) {
		im->rc = yg_fail(YG_ENOMEM, "out of memory");
		return;
	}
	for (size_t k = 0; k < im->ncols; k++) {
		const struct yg_field *fd = &im->form->fields[im->col[k]];
		const char *cell = im->cells[k];
		size_t len = strlen(cell);

		/* The formula guard export put in front of a text. */
		cell += yg_csv_guard_len(cell, len);
		if (yg_record_set(r, fd->key, cell) != YG_OK) {
			bad(im, line, _("%s"), yg_errmsg());
			ok = false;
		}
	}
	if (!ok) {
		yg_record_free(r);
		return;
	}
	old = find_again(im, r);
	if (old) {
		bool same = true;
		for (size_t k = 0; k < im->form->nfields && same; k++)
			same = yg_value_equal(&r->values[k], &old->values[k]);
		if (same) {
			im->st->unchanged++;
			yg_record_free(r);
			yg_record_free(old);
			return;
		}
		r->id = old->id;
		r->version = old->version;
		r->org_id = old->org_id;
		yg_record_free(old);
	}
	yg_findings_init(&f);
	rc = yg_record_save(im->db, r, &f);
	if (rc == YG_OK) {
		if (old)
			im->st->updated++;
		else
			im->st->imported++;
	} else if (rc == YG_EINVAL || rc == YG_EPERM || rc == YG_ENOTFOUND ||
		   rc == YG_ECONFLICT) {
		/* Every error of the line, not the first only. */
		bool said = false;
		for (size_t i = 0; i < f.n; i++)
			if (f.v[i].severity == YG_SEV_ERROR) {
				bad(im, line, _("%s"), YG_L(f.v[i].zh, f.v[i].en));
				said = true;
			}
		if (!said)
			bad(im, line, _("%s"), yg_errmsg());
	} else {
		im->rc = rc;
	}
	yg_findings_free(&f);
	yg_record_free(r);
}

static void free_cells(struct rimp *im)
{
	for (size_t i = 0; i < im->ncells; i++)
		free(im->cells[i]);
	im->ncells = 0;
}

static void on_cell(void *s, size_t len, void *data)
{
	struct rimp *im = data;
	char *cell = malloc(len + 1);

	if (cell && im->ncells == im->capcells) {
		size_t cap = im->capcells * 2 + 16;
		char **v = realloc(im->cells, cap * sizeof *v);
		if (v) {
			im->cells = v;
			im->capcells = cap;
		}
	}
	if (!cell || im->ncells == im->capcells) {
		free(cell);
		im->rc = yg_fail(YG_ENOMEM, "out of memory");
		return;
	}
	memcpy(cell, s, len);
	cell[len] = '\0';
	for (size_t i = 0; i < len; i++)
		im->row_nl += cell[i] == '\n';
	im->cells[im->ncells++] = cell;
}

static void on_row(int term, void *data)
{
	struct rimp *im = data;
	uint64_t line = im->line - im->row_nl;

	(void)term;
	im->row_nl = 0;
	if (im->rc == YG_OK) {
		if (!im->have_header)
			take_header(im, line);
		else if (!im->header_bad)
			take_row(im, line);
	}
	free_cells(im);
}

/* How many bytes at the start of s are well-formed UTF-8 sequences. */
static size_t utf8_prefix(const char *s, size_t n)
{
	size_t i = 0;

	while (i < n) {
		unsigned char c = (unsigned char)s[i];
		size_t more = c < 0x80 ? 0 : (c & 0xe0) == 0xc0 ? 1 : (c & 0xf0) == 0xe0 ? 2 :
			(c & 0xf8) == 0xf0 ? 3 : SIZE_MAX;

		if (more == SIZE_MAX || more >= n - i)
			return i;
		for (size_t j = 1; j <= more; j++)
			if (((unsigned char)s[i + j] & 0xc0) != 0x80)
				return i;
		i += more + 1;
	}
	return i;
}

/* The whole file as UTF-8: a BOM dropped, GB18030 (what Excel on a Chinese
 * Windows saves) converted. */
static char *read_utf8(FILE *in, size_t *len)
{
	size_t cap = 1 << 16, n = 0, got;
	char *buf = malloc(cap);

	while (buf && (got = fread(buf + n, 1, cap - n, in)) > 0) {
		n += got;
		if (n == cap) {
			char *nb = realloc(buf, cap * 2);
			if (!nb)
				free(buf);
			buf = nb;
			cap *= 2;
		}
	}
	if (!buf || ferror(in)) {
		free(buf);
		return NULL;
	}
	if (n >= 3 && !memcmp(buf, "\xef\xbb\xbf", 3)) {
		memmove(buf, buf + 3, n - 3);
		n -= 3;
	}
	size_t i = utf8_prefix(buf, n);
	if (i < n) {
		iconv_t cd = iconv_open("UTF-8", "GB18030");
		size_t ocap = n * 2 + 16, left = n, oleft = ocap;
		char *o = malloc(ocap), *ip = buf, *op = o;
		bool ok = cd != (iconv_t)-1 && o &&
			iconv(cd, &ip, &left, &op, &oleft) != (size_t)-1 && left == 0;
		if (cd != (iconv_t)-1)
			iconv_close(cd);
		free(buf);
		if (!ok) {
			free(o);
			errno = EILSEQ;
			return NULL;
		}
		buf = o;
		n = ocap - oleft;
	}
	*len = n;
	return buf;
}

int yg_records_import(yg_db *db, FILE *in, const struct yg_import_opts *opts,
	struct yg_import_stats *stats)
{
	assert(db && in && opts && stats);
	struct rimp im = { .db = db, .opts = opts, .st = stats, .rc = YG_OK };
	struct csv_parser p;
	size_t len = 0;
	char *buf;
	int rc;

	memset(stats, 0, sizeof *stats);
	if ((rc = yg_need_login(db)) != YG_OK)
		return rc;
	if (!(buf = read_utf8(in, &len)))
		return yg_fail(YG_EINVAL, "cannot read the file: neither UTF-8 nor GB18030");
	if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0) {
		free(buf);
		return yg_fail(YG_ENOMEM, "out of memory");
	}
	if ((rc = yg_write_begin(db)) != YG_OK) {
		csv_free(&p);
		free(buf);
		return rc;
	}
	/* Line by line, so that a bad row is told by the line it starts on. */
	for (size_t at = 0; at < len && im.rc == YG_OK;) {
		const char *nl = memchr(buf + at, '\n', len - at);
		size_t n = nl ? (size_t)(nl - (buf + at)) + 1 : len - at;
		im.line++;
		if (csv_parse(&p, buf + at, n, on_cell, on_row, &im) != n) {
			bad(&im, im.line, _("malformed CSV: %s"),
				csv_strerror(csv_error(&p)));
			break;
		}
		at += n;
	}
	if (im.rc == YG_OK && csv_fini(&p, on_cell, on_row, &im) != 0)
		bad(&im, im.line, _("malformed CSV: %s"),
			csv_strerror(csv_error(&p)));
	if (im.rc == YG_OK && !im.have_header)
		bad(&im, 1, _("the file is empty: the first line is the header"));
	csv_free(&p);
	free_cells(&im);
	free(im.cells);
	free(im.col);
	free(buf);
	rc = im.rc;
	if (rc == YG_OK && stats->rejected)
		rc = yg_fail(YG_EINVAL, "%llu line(s) rejected; the database is unchanged",
			(unsigned long long)stats->rejected);
	/* All or nothing; a dry run checks everything and keeps nothing. */
	bool keep = rc == YG_OK && !opts->dry_run;
	int end = yg_write_end(db, keep ? YG_OK : YG_EINVAL);
	if (keep)
		rc = end;
	if (rc != YG_OK)
		stats->imported = stats->updated = stats->unchanged = 0;
	return rc;
}
