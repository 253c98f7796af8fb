/*
 * csv_import.c — yg_import: long-format returns from the units below,
 * checked line by line and applied all or nothing.
 *
 * One pass over the file: libcsv hands over the cells of a row, the row is
 * checked against caches (data elements by hash, units by code, returns by
 * unit, form and month) and, while no line has been refused, written at once
 * with statements prepared once, inside one transaction.  After the first
 * refused line the rest is only checked, so that every bad line is told;
 * the transaction is then rolled back.  A dry run rolls back as well, after
 * doing exactly what a real run does, so its counts are the real ones.
 */
#include <csv.h>
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "csv_internal.h"

#define MAX_CELLS 64
#define MAX_UNKNOWN_LISTED 20

enum col {
	C_DATAELEMENT, C_PERIOD, C_ORGUNIT, C_COC, C_AOC, C_VALUE, C_STOREDBY,
	C_LASTUPDATED, C_COMMENT, C_FOLLOWUP, C_DELETED, C_STATUS, C_COUNT
};
static const char *const col_names[C_COUNT] = {
	"dataelement", "period", "orgunit", "categoryoptioncombo", "attributeoptioncombo",
	"value", "storedby", "lastupdated", "comment", "followup", "deleted", "status",
};

/* A unit as the file names it. */
struct org_entry {
	char *code;
	int64_t id;           /* 0: unknown */
	enum yg_kind kind;
	bool closed;
	bool in_scope;
};

/* A return the file touches. */
struct sub_entry {
	int64_t org_id;
	const struct yg_form *form;
	yg_period period;
	int64_t id;           /* 0 until created (or while only checking) */
	bool existed;         /* was in the database before the import */
	bool touched;         /* version already moved by this import */
	int file_state;       /* status column of its first line, -1 none */
	uint64_t first_line;
	uint64_t seen;        /* fields met so far, a bit each: the first 64 */
	uint64_t *more;       /* and the rest, for a form of more fields */
};

struct imp {
	yg_db *db;
	const struct yg_import_opts *o;
	struct yg_import_stats *st;
	struct yg_csv_elems elems;
	char *now;
	const char *login;
	const char *comment;  /* of the audit rows: "import FILE" */
	/* the row being parsed: cells in one arena */
	char *arena;
	size_t alen, acap;
	size_t cell_off[MAX_CELLS], cell_len[MAX_CELLS];
	size_t ncells;
	struct yg_csv_read rd; /* the reader: encoding, lines, limits */
	bool row_nul;         /* a cell held a NUL byte */
	bool oom;
	int fatal;            /* a failure that stops everything (storage) */
	/* the header */
	bool have_header;
	int col[C_COUNT];
	size_t ncols;
	/* caches */
	struct org_entry *orgs;
	size_t norgs, orgcap;
	struct sub_entry *subs;
	size_t nsubs, subcap;
	struct sub_entry *last_sub;
	/* unknown units, for the closing message */
	char *unknown;
	size_t unknown_len, nunknown;
	/* statements */
	sqlite3_stmt *org_get, *sub_get, *sub_ins, *sub_set, *val_get, *val_put, *audit;
	sqlite3_stmt *cv_get, *cv_put, *note_put;
	/* community figures met so far: (org, period, figure) keys, hashed */
	uint64_t *cv_seen;
	size_t ncv, cvcap;
	bool writing;         /* false after the first refused line */
};

/* ---- problems ---- */

static void refuse(struct imp *im, uint64_t line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void refuse(struct imp *im, uint64_t line, const char *fmt, ...)
{
	va_list ap;
	char *msg;

	im->st->rejected++;
	im->writing = false;
	if (!im->o->problem)
		return;
	va_start(ap, fmt);
	msg = yg_vasprintf(fmt, ap);
	va_end(ap);
	im->o->problem(im->o->problem_arg, line, msg ? msg : "?");
	free(msg);
}

/* ---- caches ---- */

static bool grow_table(void **v, size_t *cap, size_t size)
{
	size_t ncap = *cap ? *cap * 2 : 256;
	void *nv = calloc(ncap, size);

	if (!nv)
		return false;
	*v = nv;
	*cap = ncap;
	return true;
}

static struct org_entry *org_slot(struct org_entry *t, size_t cap, const char *code, size_t len)
{
	size_t h = yg_csv_hash(code, len) & (cap - 1);

	while (t[h].code && (strncmp(t[h].code, code, len) != 0 || t[h].code[len] != '\0'))
		h = (h + 1) & (cap - 1);
	return &t[h];
}

static void note_unknown(struct imp *im, const char *code)
{
	size_t n = strlen(code);
	char *nu;

	if (im->nunknown++ >= MAX_UNKNOWN_LISTED)
		return;
	nu = realloc(im->unknown, im->unknown_len + n + 3);
	if (!nu)
		return;
	im->unknown = nu;
	if (im->unknown_len) {
		memcpy(im->unknown + im->unknown_len, ", ", 2);
		im->unknown_len += 2;
	}
	memcpy(im->unknown + im->unknown_len, code, n + 1);
	im->unknown_len += n;
}

static struct org_entry *org_find(struct imp *im, const char *code, size_t len)
{
	struct org_entry *e;

	if (im->norgs * 2 >= im->orgcap) {
		struct org_entry *old = im->orgs;
		size_t oldcap = im->orgcap;
		if (!grow_table((void **)&im->orgs, &im->orgcap, sizeof *im->orgs)) {
			im->oom = true;
			im->orgs = old;
			return NULL;
		}
		for (size_t i = 0; i < oldcap; i++)
			if (old[i].code)
				*org_slot(im->orgs, im->orgcap, old[i].code, strlen(old[i].code)) = old[i];
		free(old);
	}
	e = org_slot(im->orgs, im->orgcap, code, len);
	if (e->code)
		return e;
	if (!(e->code = strndup(code, len))) {
		im->oom = true;
		return NULL;
	}
	im->norgs++;
	sqlite3_bind_text(im->org_get, 1, code, (int)len, SQLITE_STATIC);
	if (sqlite3_step(im->org_get) == SQLITE_ROW) {
		e->id = sqlite3_column_int64(im->org_get, 0);
		e->kind = (enum yg_kind)yg_kind_parse((const char *)sqlite3_column_text(im->org_get, 1));
		e->closed = sqlite3_column_int(im->org_get, 2) != 0;
		e->in_scope = yg_need_access(im->db, YG_ROLE_REVIEWER, NULL, NULL, e->id, 0) == YG_OK;
	} else {
		note_unknown(im, e->code);
	}
	sqlite3_reset(im->org_get);
	return e;
}

static size_t sub_hash(int64_t org_id, const struct yg_form *form, yg_period p)
{
	uint64_t k[3] = { (uint64_t)org_id, (uint64_t)(uintptr_t)form, (uint64_t)p };
	return (size_t)yg_csv_hash(k, sizeof k);
}

static struct sub_entry *sub_slot(struct sub_entry *t, size_t cap, int64_t org_id,
	const struct yg_form *form, yg_period p)
{
	size_t h = sub_hash(org_id, form, p) & (cap - 1);

	while (t[h].form && (t[h].org_id != org_id || t[h].form != form || t[h].period != p))
		h = (h + 1) & (cap - 1);
	return &t[h];
}

/* The return of unit, form and month, as the file met it; NULL when out of
 * memory.  *fresh tells that this line is its first. */
static struct sub_entry *sub_find(struct imp *im, int64_t org_id, const struct yg_form *form,
	yg_period p, bool *fresh)
{
	struct sub_entry *e = im->last_sub;

	*fresh = false;
	if (e && e->org_id == org_id && e->form == form && e->period == p)
		return e;
	/* Three quarters full at most: a big file holds 100,000s of returns. */
	if (im->nsubs * 4 >= im->subcap * 3) {
		struct sub_entry *old = im->subs;
		size_t oldcap = im->subcap;
		if (!grow_table((void **)&im->subs, &im->subcap, sizeof *im->subs)) {
			im->oom = true;
			im->subs = old;
			return NULL;
		}
		for (size_t i = 0; i < oldcap; i++)
			if (old[i].form)
				*sub_slot(im->subs, im->subcap, old[i].org_id, old[i].form,
					old[i].period) = old[i];
		free(old);
	}
	e = sub_slot(im->subs, im->subcap, org_id, form, p);
	if (!e->form) {
		if (form->nfields > 64 &&
		    !(e->more = calloc((form->nfields - 1) / 64, sizeof *e->more))) {
			im->oom = true;
			return NULL;
		}
		e->org_id = org_id;
		e->form = form;
		e->period = p;
		e->file_state = -1;
		im->nsubs++;
		*fresh = true;
	}
	im->last_sub = e;
	return e;
}

/* Marks field i of the return as met; true when it was already. */
static bool sub_seen(struct sub_entry *e, int i)
{
	uint64_t *w = i < 64 ? &e->seen : &e->more[i / 64 - 1];
	uint64_t bit = 1ull << (i % 64);
	bool was = (*w & bit) != 0;

	*w |= bit;
	return was;
}

/* ---- writing ---- */

static int step_done(struct imp *im, sqlite3_stmt *st, const char *what)
{
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? YG_OK : yg_sql_fail(im->db, what);
}

static int audit(struct imp *im, int64_t sub_id, const char *entity, const char *key,
	const char *old_value, const char *new_value)
{
	sqlite3_stmt *st = im->audit;

	if (sub_id)
		sqlite3_bind_int64(st, 4, sub_id);
	else
		sqlite3_bind_null(st, 4);
	sqlite3_bind_text(st, 5, entity, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 6, key, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 7, old_value, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 8, new_value, -1, SQLITE_STATIC);
	return step_done(im, st, "audit");
}

/* A stored or parsed value as the audit trail and CSV write it. */
static const char *value_text(const struct yg_field *f, const struct yg_value *v, char buf[32])
{
	if (!v->set)
		return NULL;
	if (yg_type_is_text(f->type))
		return v->text ? v->text : "";
	switch (f->type) {
	case YG_T_AMOUNT:
	case YG_T_DECIMAL:
		yg_csv_fmt_fen(buf, v->num);
		break;
	case YG_T_DATE:
		yg_date_format((yg_date)v->num, buf);
		break;
	default:
		yg_csv_fmt_i64(buf, v->num);
		break;
	}
	return buf;
}

static const char *cell(const struct imp *im, enum col c, size_t *len);

/* Creates the return, or finds it and applies the file's status. */
static int open_sub(struct imp *im, struct sub_entry *s)
{
	size_t by_len = 0, at_len = 0;
	const char *by = cell(im, C_STOREDBY, &by_len);
	const char *at = cell(im, C_LASTUPDATED, &at_len);
	int rc, state = YG_ST_EMPTY;

	sqlite3_bind_int64(im->sub_get, 1, s->org_id);
	sqlite3_bind_text(im->sub_get, 2, s->form->key, -1, SQLITE_STATIC);
	sqlite3_bind_int(im->sub_get, 3, s->period);
	rc = sqlite3_step(im->sub_get);
	if (rc == SQLITE_ROW) {
		s->id = sqlite3_column_int64(im->sub_get, 0);
		state = yg_state_parse((const char *)sqlite3_column_text(im->sub_get, 1));
		s->existed = true;
	}
	sqlite3_reset(im->sub_get);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return yg_sql_fail(im->db, "import");
	/* Who stored it and when travel with the values (DHIS2's storedby and
	 * lastupdated); the audit trail says who imported them. */
	if (!by_len) {
		by = im->login;
		by_len = strlen(by);
	}
	if (!at_len) {
		at = im->now;
		at_len = strlen(at);
	}
	if (!s->existed) {
		state = s->file_state >= 0 ? s->file_state : YG_ST_APPROVED;
		sqlite3_stmt *st = im->sub_ins;
		sqlite3_bind_int64(st, 1, s->org_id);
		sqlite3_bind_text(st, 2, s->form->key, -1, SQLITE_STATIC);
		sqlite3_bind_int(st, 3, s->period);
		sqlite3_bind_text(st, 4, yg_state_name(state), -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 5, at, (int)at_len, SQLITE_STATIC);
		sqlite3_bind_text(st, 6, by, (int)by_len, SQLITE_STATIC);
		if ((rc = step_done(im, st, "import")) != YG_OK)
			return rc;
		s->id = sqlite3_last_insert_rowid(im->db->sql);
		s->touched = true;
		im->st->submissions++;
		char *why = yg_asprintf("%s:%llu", im->comment, (unsigned long long)s->first_line);
		if (!why)
			return yg_fail(YG_ENOMEM, "out of memory");
		sqlite3_bind_text(im->audit, 9, why, -1, SQLITE_STATIC);
		rc = audit(im, s->id, "state", NULL, NULL, yg_state_name(state));
		sqlite3_bind_text(im->audit, 9, im->comment, -1, SQLITE_STATIC);
		free(why);
		return rc;
	}
	if (s->file_state >= 0 && s->file_state != state) {
		sqlite3_stmt *st = im->sub_set;
		sqlite3_bind_int64(st, 1, s->id);
		sqlite3_bind_text(st, 2, yg_state_name(s->file_state), -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 3, at, (int)at_len, SQLITE_STATIC);
		sqlite3_bind_text(st, 4, by, (int)by_len, SQLITE_STATIC);
		if ((rc = step_done(im, st, "import")) != YG_OK)
			return rc;
		s->touched = true;
		return audit(im, s->id, "state", NULL, yg_state_name(state),
			yg_state_name(s->file_state));
	}
	return YG_OK;
}

/* Keeps what the file says about the value of the line: who entered it,
 * the explanation of its warning and whether it is followed up, so that
 * an export gives them back unchanged. */
static int write_note(struct imp *im, struct sub_entry *s, const struct yg_field *f)
{
	size_t by_len = 0, c_len = 0, fu_len = 0, g;
	const char *by = cell(im, C_STOREDBY, &by_len);
	const char *comment = cell(im, C_COMMENT, &c_len);
	const char *fu = cell(im, C_FOLLOWUP, &fu_len);
	sqlite3_stmt *st = im->note_put;

	g = yg_csv_guard_len(comment, c_len);
	comment += g;
	c_len -= g;
	sqlite3_bind_int64(st, 1, s->id);
	sqlite3_bind_text(st, 2, f->key, -1, SQLITE_STATIC);
	if (by_len)
		sqlite3_bind_text(st, 3, by, (int)by_len, SQLITE_STATIC);
	else
		sqlite3_bind_text(st, 3, im->login, -1, SQLITE_STATIC);
	if (c_len)
		sqlite3_bind_text(st, 4, comment, (int)c_len, SQLITE_STATIC);
	else
		sqlite3_bind_null(st, 4);
	sqlite3_bind_int(st, 5, fu_len == 4 && !strncmp(fu, "true", 4));
	return step_done(im, st, "import");
}

/* Writes one checked value: new, changed or unchanged. */
static int write_value(struct imp *im, struct sub_entry *s, const struct yg_csv_elem *el,
	const struct yg_value *v)
{
	const struct yg_field *f = el->field;
	struct yg_value old = { 0 };
	char obuf[32], nbuf[32];
	int rc;

	if (s->existed) {
		sqlite3_bind_int64(im->val_get, 1, s->id);
		sqlite3_bind_text(im->val_get, 2, f->key, -1, SQLITE_STATIC);
		rc = sqlite3_step(im->val_get);
		if (rc == SQLITE_ROW)
			yg_value_read(im->val_get, 0, 1, f, &old);
		sqlite3_reset(im->val_get);
		if (rc != SQLITE_ROW && rc != SQLITE_DONE)
			return yg_sql_fail(im->db, "import");
		if (yg_value_equal(&old, v)) {
			yg_value_clear(&old);
			im->st->unchanged++;
			return YG_OK;
		}
	}
	sqlite3_bind_int64(im->val_put, 1, s->id);
	sqlite3_bind_text(im->val_put, 2, f->key, -1, SQLITE_STATIC);
	yg_value_bind(im->val_put, 3, 4, f, v);
	rc = step_done(im, im->val_put, "import");
	/* A return this import created is audited by its creation row, which
	 * names the file and line its values come from; one audit row per value
	 * there would double the import's writes (bench/README.md). */
	if (rc == YG_OK && s->existed)
		rc = audit(im, s->id, "value", f->key, value_text(f, &old, obuf),
			value_text(f, v, nbuf));
	if (rc == YG_OK && !s->touched) {
		/* Move the version so that a copy on someone's screen cannot
		 * silently overwrite what was imported. */
		size_t by_len = 0;
		const char *by = cell(im, C_STOREDBY, &by_len);
		sqlite3_stmt *st = im->sub_set;
		sqlite3_bind_int64(st, 1, s->id);
		sqlite3_bind_null(st, 2);
		sqlite3_bind_text(st, 3, im->now, -1, SQLITE_STATIC);
		if (by_len)
			sqlite3_bind_text(st, 4, by, (int)by_len, SQLITE_STATIC);
		else
			sqlite3_bind_text(st, 4, im->login, -1, SQLITE_STATIC);
		rc = step_done(im, st, "import");
		s->touched = true;
	}
	if (old.set)
		im->st->updated++;
	else
		im->st->imported++;
	yg_value_clear(&old);
	return rc;
}

/* ---- checking a row ---- */

static const char *cell(const struct imp *im, enum col c, size_t *len)
{
	int i = im->col[c];
	const char *s;
	size_t g;

	if (i < 0 || (size_t)i >= im->ncells) {
		*len = 0;
		return "";
	}
	*len = im->cell_len[i];
	s = im->arena + im->cell_off[i];
	/* The formula guard comes off every text cell, not the value's only
	 * (check_row strips that one itself): else storedby gains a ' at each
	 * export -> import hop. */
	if (c == C_STOREDBY && (g = yg_csv_guard_len(s, *len)) != 0) {
		s += g;
		*len -= g;
	}
	return s;
}

/* Reads n digits at s into *v; false unless all are digits. */
static bool digits(const char *s, int n, int *v)
{
	*v = 0;
	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return false;
		*v = *v * 10 + (s[i] - '0');
	}
	return true;
}

/*
 * A real ISO 8601 time, as DHIS2 and we write it: a date (checked as a
 * date: 2026-02-30 is none), T or a space, hh:mm, optional :ss and a
 * fraction, optional Z or an offset ±hh:mm / ±hhmm.  Stored as the file
 * says, so it must be one.
 */
static bool iso_time(const char *s, size_t n)
{
	char date[11];
	yg_date d;
	int h, m, sec = 0, oh, om;
	size_t i;

	if (n < 16 || n > 40 || (s[10] != 'T' && s[10] != ' '))
		return false;
	memcpy(date, s, 10);
	date[10] = '\0';
	if (yg_date_parse(date, &d) != YG_OK)
		return false;
	if (!digits(s + 11, 2, &h) || s[13] != ':' || !digits(s + 14, 2, &m) || h > 23 || m > 59)
		return false;
	i = 16;
	if (i < n && s[i] == ':') {
		if (i + 3 > n || !digits(s + i + 1, 2, &sec) || sec > 60)
			return false;
		i += 3;
		if (i < n && s[i] == '.') {
			size_t k = ++i;
			while (i < n && s[i] >= '0' && s[i] <= '9')
				i++;
			if (i == k || i - k > 9)
				return false;
		}
	}
	if (i == n)
		return true;
	if (s[i] == 'Z')
		return i + 1 == n;
	if (s[i] != '+' && s[i] != '-')
		return false;
	if (!digits(s + i + 1, 2, &oh) || oh > 14)
		return false;
	i += 3;
	if (i < n && s[i] == ':')
		i++;
	return i + 2 == n && digits(s + i, 2, &om) && om <= 59;
}

/* Has the file already given this community figure?  Adds it if not. */
static bool community_seen(struct imp *im, int64_t org_id, yg_period p, size_t fig)
{
	/* org ids stay far below 2^39, periods below 2^20, figures below 16 */
	uint64_t key = ((uint64_t)org_id << 24) ^ ((uint64_t)p << 4) ^ fig, h;

	if (im->ncv * 2 >= im->cvcap) {
		size_t ncap = im->cvcap ? im->cvcap * 2 : 64;
		uint64_t *nv = calloc(ncap, sizeof *nv);
		if (!nv) {
			im->oom = true;
			return true;
		}
		for (size_t i = 0; i < im->cvcap; i++) {
			if (!im->cv_seen[i])
				continue;
			for (h = im->cv_seen[i] * 0x9E3779B97F4A7C15u >> 7; nv[h & (ncap - 1)]; h++)
				;
			nv[h & (ncap - 1)] = im->cv_seen[i];
		}
		free(im->cv_seen);
		im->cv_seen = nv;
		im->cvcap = ncap;
	}
	for (h = key * 0x9E3779B97F4A7C15u >> 7; im->cv_seen[h & (im->cvcap - 1)]; h++)
		if (im->cv_seen[h & (im->cvcap - 1)] == key)
			return true;
	im->cv_seen[h & (im->cvcap - 1)] = key;
	im->ncv++;
	return false;
}

/* Stores one community figure, counting and auditing it like a value. */
static int write_community(struct imp *im, const struct yg_community_figure *fig,
	const struct org_entry *org, yg_period p, int64_t v)
{
	int64_t old = -1;
	char key[160], obuf[24], nbuf[24];
	size_t by_len = 0;
	const char *by = cell(im, C_STOREDBY, &by_len);
	int rc;

	sqlite3_bind_int64(im->cv_get, 1, org->id);
	sqlite3_bind_int(im->cv_get, 2, p);
	sqlite3_bind_text(im->cv_get, 3, fig->element, -1, SQLITE_STATIC);
	rc = sqlite3_step(im->cv_get);
	if (rc == SQLITE_ROW)
		old = sqlite3_column_int64(im->cv_get, 0);
	sqlite3_reset(im->cv_get);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return yg_sql_fail(im->db, "import");
	if (old == v) {
		im->st->unchanged++;
		return YG_OK;
	}
	sqlite3_bind_int64(im->cv_put, 1, org->id);
	sqlite3_bind_int(im->cv_put, 2, p);
	sqlite3_bind_text(im->cv_put, 3, fig->element, -1, SQLITE_STATIC);
	sqlite3_bind_int64(im->cv_put, 4, v);
	size_t at_len = 0;
	const char *at = cell(im, C_LASTUPDATED, &at_len);
	if (at_len)
		sqlite3_bind_text(im->cv_put, 5, at, (int)at_len, SQLITE_STATIC);
	else
		sqlite3_bind_text(im->cv_put, 5, im->now, -1, SQLITE_STATIC);
	if (by_len)
		sqlite3_bind_text(im->cv_put, 6, by, (int)by_len, SQLITE_STATIC);
	else
		sqlite3_bind_text(im->cv_put, 6, im->login, -1, SQLITE_STATIC);
	rc = step_done(im, im->cv_put, "import");
	snprintf(key, sizeof key, "%.64s@%.64s/%d", fig->element, org->code, p);
	snprintf(obuf, sizeof obuf, "%lld", (long long)old);
	snprintf(nbuf, sizeof nbuf, "%lld", (long long)v);
	if (rc == YG_OK)
		rc = audit(im, 0, "community", key, old < 0 ? NULL : obuf, nbuf);
	if (old < 0)
		im->st->imported++;
	else
		im->st->updated++;
	return rc;
}

static void check_row(struct imp *im, uint64_t line)
{
	size_t len, vlen;
	const char *s, *val;
	const struct yg_csv_elem *el;
	struct org_entry *org;
	struct sub_entry *sub;
	struct yg_value v = { 0 };
	yg_period period;
	int state = -1;
	bool fresh;

	if (im->ncells != im->ncols) {
		refuse(im, line, _("expected %zu fields, found %zu"),
			im->ncols, im->ncells);
		return;
	}
	if (im->row_nul) {
		refuse(im, line, _("holds a NUL byte (not a text file?)"));
		return;
	}
	s = cell(im, C_DATAELEMENT, &len);
	/* A medical community's own figure, or a value of an institution's return. */
	const struct yg_community_figure *fig = yg_community_figure_find(s, len);
	el = NULL;
	if (!fig && !(el = yg_csv_elem_find(&im->elems, s, len))) {
		const char *dot = memchr(s, '.', len);
		const struct yg_form *f = NULL;
		if (dot) {
			char *fk = strndup(s, (size_t)(dot - s));
			f = fk ? yg_form_find(fk) : NULL;
			free(fk);
		}
		if (f && f->is_record)
			refuse(im, line,
				_("%.*s is a field of a record; records are not imported in the long format"),
				(int)len, s);
		else
			refuse(im, line,
				_("unknown data element \"%.*s\" (expected form.field, e.g."
				" staffing.staff_on_post)"), (int)(len > 200 ? 200 : len), s);
		return;
	}
	s = cell(im, C_PERIOD, &len);
	if (len > 7 || yg_period_parse(s, &period) != YG_OK) {
		refuse(im, line, _("period \"%.*s\" is invalid; expected YYYYMM"),
			(int)(len > 40 ? 40 : len), s);
		return;
	}
	s = cell(im, C_ORGUNIT, &len);
	if (!len || len > 64 || !(org = org_find(im, s, len))) {
		if (!im->oom)
			refuse(im, line, _("org unit code \"%.*s\" is invalid"),
				(int)(len > 64 ? 64 : len), s);
		return;
	}
	if (!org->id) {
		refuse(im, line,
			_("unknown org unit %s (load it first with yigong org import)"), org->code);
		return;
	}
	if (!org->in_scope) {
		refuse(im, line, _("org unit %s is outside your scope"),
			org->code);
		return;
	}
	struct yg_org o = { .id = org->id, .code = org->code, .kind = org->kind,
		.closed = org->closed };
	if (fig && org->kind != YG_KIND_COMMUNITY) {
		refuse(im, line,
			_("%s is a medical community's figure; %s is not a community"), fig->element,
			org->code);
		return;
	}
	if (!fig && !yg_form_files(im->db, el->form, &o)) {
		refuse(im, line, _("org unit %s does not file the %s form"),
			org->code, el->form->key);
		return;
	}
	s = cell(im, C_COC, &len);
	vlen = len;
	s = cell(im, C_AOC, &len);
	if (vlen || len) {
		refuse(im, line, _("categoryoptioncombo and attributeoptioncombo must be empty"));
		return;
	}
	s = cell(im, C_DELETED, &len);
	if (len && !(len == 5 && !strncmp(s, "false", 5))) {
		refuse(im, line, _("deleted must be false (an import does not delete values)"));
		return;
	}
	s = cell(im, C_COMMENT, &len);
	if (len > 2000) {
		refuse(im, line, _("comment must be at most 2000 bytes"));
		return;
	}
	s = cell(im, C_FOLLOWUP, &len);
	if (len && !(len == 5 && !strncmp(s, "false", 5)) && !(len == 4 && !strncmp(s, "true", 4))) {
		refuse(im, line, _("followup must be true or false"));
		return;
	}
	s = cell(im, C_LASTUPDATED, &len);
	if (len && !iso_time(s, len)) {
		refuse(im, line,
			_("lastupdated \"%.*s\" is not an ISO 8601 time"), (int)(len > 40 ? 40 : len), s);
		return;
	}
	s = cell(im, C_STOREDBY, &len);
	if (len > 64) {
		refuse(im, line, _("storedby must be a login of at most 64 bytes"));
		return;
	}
	if (yg_text_admit(s, len, 64, "storedby", "storedby") != YG_OK) {
		refuse(im, line, _("%s"), yg_errmsg());
		return;
	}
	s = cell(im, C_STATUS, &len);
	if (len) {
		char buf[16] = "";
		if (len < sizeof buf)
			memcpy(buf, s, len);
		state = yg_state_parse(buf);
		if (state <= YG_ST_EMPTY) {
			refuse(im, line,
				_("status \"%.*s\" is invalid (draft, submitted, returned, approved or"
				" reopened)"), (int)(len > 20 ? 20 : len), s);
			return;
		}
	}
	val = cell(im, C_VALUE, &vlen);
	if (fig) {
		int64_t n;
		if (yg_parse_count(val, 100000, &n) != YG_OK) {
			refuse(im, line, _("%s: %s"), fig->element, yg_errmsg());
			return;
		}
		if (community_seen(im, org->id, period, (size_t)(fig - yg_community_figure_at(0)))) {
			refuse(im, line,
				_("%s for %s, %lld appears twice in the file"), fig->element, org->code,
				(long long)period);
			return;
		}
		if (im->writing) {
			int rc = write_community(im, fig, org, period, n);
			if (rc != YG_OK)
				im->fatal = rc;
		}
		return;
	}
	len = yg_csv_guard_len(val, vlen);
	val += len;
	vlen -= len;
	if (!vlen) {
		refuse(im, line, _("the value of %s is empty"), el->name);
		return;
	}
	/* The cell is NUL-terminated in the arena, as yg_field_parse wants. */
	if (yg_field_parse(el->field, val, &v) != YG_OK) {
		refuse(im, line, _("%s"), yg_errmsg());
		return;
	}
	if (!(sub = sub_find(im, org->id, el->form, period, &fresh))) {
		yg_value_clear(&v);
		return;
	}
	if (fresh) {
		sub->file_state = state;
		sub->first_line = line;
	} else if (state != sub->file_state) {
		refuse(im, line, _("status differs from line %llu (same unit, form and month)"),
			(unsigned long long)sub->first_line);
		yg_value_clear(&v);
		return;
	}
	if (sub_seen(sub, el->index)) {
		refuse(im, line, _("%s for %s, %lld appears twice in the file"),
			el->name, org->code, (long long)period);
		yg_value_clear(&v);
		return;
	}
	if (im->writing) {
		int rc = fresh ? open_sub(im, sub) : YG_OK;
		if (rc == YG_OK)
			rc = write_value(im, sub, el, &v);
		if (rc == YG_OK)
			rc = write_note(im, sub, el->field);
		if (rc != YG_OK)
			im->fatal = rc;
	}
	yg_value_clear(&v);
}

static void take_header(struct imp *im, uint64_t line)
{
	for (int c = 0; c < C_COUNT; c++)
		im->col[c] = -1;
	im->ncols = im->ncells;
	for (size_t i = 0; i < im->ncells && i < MAX_CELLS; i++) {
		const char *h = im->arena + im->cell_off[i];
		int c;
		for (c = 0; c < C_COUNT; c++)
			if (strcasecmp(h, col_names[c]) == 0)
				break;
		if (c == C_COUNT || im->col[c] >= 0) {
			refuse(im, line, _("header column %zu \"%.*s\" %s"), i + 1,
				(int)(im->cell_len[i] > 40 ? 40 : im->cell_len[i]), h,
				c == C_COUNT ?
					_("is unknown (expected the long format: dataelement,period,orgunit,...)")
				: _("appears twice"));
			im->fatal = YG_EINVAL;
			return;
		}
		im->col[c] = (int)i;
	}
	if (im->col[C_DATAELEMENT] < 0 || im->col[C_PERIOD] < 0 || im->col[C_ORGUNIT] < 0 ||
	    im->col[C_VALUE] < 0) {
		refuse(im, line,
			_("the header needs the columns dataelement, period, orgunit and value"));
		im->fatal = YG_EINVAL;
	}
}

/* ---- libcsv callbacks ---- */

static void on_cell(void *s, size_t len, void *data)
{
	struct imp *im = data;
	size_t i = im->ncells++;

	if (i >= MAX_CELLS || im->oom)
		return;
	if (im->alen + len + 1 > im->acap) {
		size_t ncap = im->acap ? im->acap : 4096;
		while (im->alen + len + 1 > ncap)
			ncap *= 2;
		char *na = realloc(im->arena, ncap);
		if (!na) {
			im->oom = true;
			return;
		}
		im->arena = na;
		im->acap = ncap;
	}
	memcpy(im->arena + im->alen, s, len);
	im->arena[im->alen + len] = '\0';
	im->cell_off[i] = im->alen;
	im->cell_len[i] = len;
	im->alen += len + 1;
	if (memchr(s, '\0', len))
		im->row_nul = true;
}

static void on_row(int term, void *data)
{
	struct imp *im = data;
	uint64_t line = im->rd.row_line;

	(void)term;
	if (!im->fatal && !im->oom) {
		if (!im->have_header) {
			im->have_header = true;
			take_header(im, line);
		} else {
			im->st->lines++;
			check_row(im, line);
		}
	}
	im->ncells = 0;
	im->alen = 0;
	im->row_nul = false;
	if (im->fatal || im->oom)
		im->rd.stop = true;
}

/* ---- reading ---- */

static void on_bad(void *arg, uint64_t line, const char *msg)
{
	struct imp *im = arg;
	refuse(im, line, _("%s"), msg);
}

static void on_reset(void *arg)
{
	struct imp *im = arg;
	im->ncells = 0;
	im->alen = 0;
	im->row_nul = false;
}

static int read_all(struct imp *im, FILE *in)
{
	int rc;

	im->rd = (struct yg_csv_read){
		.encoding = im->o->encoding, .cell = on_cell, .row = on_row, .bad = on_bad,
		.reset = on_reset, .arg = im, .progress = im->o->progress,
		.progress_arg = im->o->progress_arg,
	};
	rc = yg_csv_read(&im->rd, in);
	if (rc == YG_EINVAL && !im->fatal) {
		/* The file refused as a whole: its message, with its line. */
		im->st->rejected++;
		if (im->o->problem)
			im->o->problem(im->o->problem_arg, im->rd.line, yg_errmsg());
	}
	if (im->oom && !im->fatal)
		im->fatal = yg_fail(YG_ENOMEM, "out of memory");
	if (im->fatal)
		return im->fatal;
	return rc;
}

/* ---- what the returns have become ---- */

/*
 * Every return the file wrote is checked as it now stands, by the same
 * yg_sub_check that `check` and submitting use, and its error and warning
 * counts are stored where status and the review grid read them, its
 * findings where the dashboard reads them.  A return
 * the file would leave submitted or approved while one of its form's error
 * rules fails is refused, on the line its values start at: an import never
 * takes a return further than its rules allow (a missing value, "REQ", is
 * no such rule: files carry only the values that moved).
 */
static int judge_returns(struct imp *im)
{
	sqlite3_stmt *up = yg_prepare(im->db, "UPDATE submission SET errors = ?2, warnings = ?3"
		" WHERE id = ?1");
	int rc = up ? YG_OK : YG_ERROR;

	for (size_t i = 0; rc == YG_OK && i < im->subcap; i++) {
		struct sub_entry *e = &im->subs[i];
		struct yg_findings f;
		struct yg_sub *sub = NULL;
		const struct yg_finding *bad = NULL;

		if (!e->form || !e->id)
			continue;
		if ((rc = yg_sub_load_id(im->db, e->id, &sub)) != YG_OK)
			break;
		yg_findings_init(&f);
		rc = yg_sub_check(im->db, sub, &f);
		for (size_t k = 0; k < f.n && !bad; k++)
			if (f.v[k].severity == YG_SEV_ERROR && strcmp(f.v[k].rule, "REQ") != 0)
				bad = &f.v[k];
		if (rc == YG_OK && bad && (sub->state == YG_ST_SUBMITTED ||
		    sub->state == YG_ST_APPROVED)) {
			char per[8];
			yg_period_format(sub->period, per);
			refuse(im, e->first_line,
				_("%s %s %s fails the error rule %s (%s); an import cannot make it %s"),
				sub->org.code, e->form->key, per, bad->rule, YG_L(bad->zh, bad->en),
				yg_state_name(sub->state));
		} else if (rc == YG_OK) {
			sqlite3_bind_int64(up, 1, e->id);
			sqlite3_bind_int(up, 2, (int)yg_findings_count(&f, YG_SEV_ERROR));
			sqlite3_bind_int(up, 3, (int)yg_findings_count(&f, YG_SEV_WARNING));
			rc = step_done(im, up, "import");
			/* Judged already: stored now, not judged again at the commit. */
			if (rc == YG_OK)
				rc = yg_findings_store(im->db, e->id, &f);
		}
		yg_findings_free(&f);
		yg_sub_free(sub);
	}
	sqlite3_finalize(up);
	return rc;
}

/* ---- the whole import ---- */

void yg_import_stats_clear(struct yg_import_stats *st)
{
	free(st->unknown_orgs);
	memset(st, 0, sizeof *st);
}

static int prepare(struct imp *im)
{
	yg_db *db = im->db;

	im->org_get = yg_prepare(db, "SELECT id, kind, closed FROM org_unit WHERE code = ?");
	im->sub_get = yg_prepare(db, "SELECT id, state FROM submission"
		" WHERE org_id = ?1 AND form = ?2 AND period = ?3");
	im->sub_ins = yg_prepare(db, "INSERT INTO submission(org_id, form, period, state, version,"
		" created_at, updated_at, updated_by, submitted_at)"
		" VALUES(?1, ?2, ?3, ?4, 1, ?5, ?5, ?6, CASE WHEN ?4 = 'draft' THEN NULL ELSE ?5 END)");
	im->sub_set = yg_prepare(db, "UPDATE submission SET state = COALESCE(?2, state),"
		" version = version + 1, updated_at = ?3, updated_by = ?4 WHERE id = ?1");
	im->val_get = yg_prepare(db, "SELECT num, txt FROM value"
		" WHERE submission_id = ?1 AND key = ?2");
	im->val_put = yg_prepare(db, "INSERT INTO value(submission_id, key, num, txt)"
		" VALUES(?1, ?2, ?3, ?4)"
		" ON CONFLICT DO UPDATE SET num = excluded.num, txt = excluded.txt");
	im->audit = yg_prepare(db, "INSERT INTO audit(at, login, acting_for, submission_id,"
		" entity, key, old_value, new_value, comment) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
	im->cv_get = yg_prepare(db, "SELECT num FROM community_value"
		" WHERE org_id = ?1 AND period = ?2 AND element = ?3");
	im->cv_put = yg_prepare(db, "INSERT INTO community_value(org_id, period, element, num,"
		" updated_at, updated_by) VALUES(?1, ?2, ?3, ?4, ?5, ?6)"
		" ON CONFLICT DO UPDATE SET num = excluded.num, updated_at = excluded.updated_at,"
		" updated_by = excluded.updated_by");
	im->note_put = yg_prepare(db, "INSERT INTO value_note(submission_id, key, storedby,"
		" comment, followup) VALUES(?1, ?2, ?3, ?4, ?5) ON CONFLICT DO UPDATE"
		" SET storedby = excluded.storedby, comment = excluded.comment,"
		" followup = excluded.followup");
	if (!im->org_get || !im->sub_get || !im->sub_ins || !im->sub_set || !im->val_get ||
	    !im->val_put || !im->audit || !im->cv_get || !im->cv_put || !im->note_put)
		return YG_ERROR;
	sqlite3_bind_text(im->audit, 1, im->now, -1, SQLITE_STATIC);
	sqlite3_bind_text(im->audit, 2, im->login, -1, SQLITE_STATIC);
	sqlite3_bind_text(im->audit, 3, db->acting_for, -1, SQLITE_STATIC);
	return YG_OK;
}

static void finish(struct imp *im)
{
	sqlite3_finalize(im->org_get);
	sqlite3_finalize(im->sub_get);
	sqlite3_finalize(im->sub_ins);
	sqlite3_finalize(im->sub_set);
	sqlite3_finalize(im->val_get);
	sqlite3_finalize(im->val_put);
	sqlite3_finalize(im->note_put);
	sqlite3_finalize(im->audit);
	sqlite3_finalize(im->cv_get);
	sqlite3_finalize(im->cv_put);
	free(im->cv_seen);
	for (size_t i = 0; i < im->orgcap; i++)
		free(im->orgs[i].code);
	free(im->orgs);
	for (size_t i = 0; i < im->subcap; i++)
		free(im->subs[i].more);
	free(im->subs);
	free(im->arena);
	free(im->unknown);
	free(im->now);
	yg_csv_elems_free(&im->elems);
}

int yg_import(yg_db *db, FILE *in, const struct yg_import_opts *opts,
	struct yg_import_stats *stats)
{
	assert(db && in && opts && stats);
	struct imp im = { .db = db, .o = opts, .st = stats, .writing = true };
	char *comment = NULL;
	int rc;

	memset(stats, 0, sizeof *stats);
	if ((rc = yg_need_role(db, YG_ROLE_REVIEWER, "导入", N_("importing"))) != YG_OK)
		return rc;
	if (opts->encoding != YG_ENC_AUTO && opts->encoding != YG_ENC_UTF8 &&
	    opts->encoding != YG_ENC_UTF8_BOM && opts->encoding != YG_ENC_GB18030)
		return yg_fail(YG_EINVAL, "the import encoding is utf-8 or gb18030");
	im.login = db->actor.login ? db->actor.login : "?";
	if (!(im.now = yg_now_iso()))
		return yg_fail(YG_ENOMEM, "out of memory");
	if ((rc = yg_csv_elems_init(&im.elems)) != YG_OK) {
		free(im.now);
		return rc;
	}
	if ((rc = yg_write_begin(db)) != YG_OK) {
		finish(&im);
		return rc;
	}
	/* A savepoint, so that a refused file or a dry run is undone even
	 * inside a caller's transaction (yg_begin nests by counting). */
	rc = yg_exec(db, "SAVEPOINT yg_import");
	if (rc == YG_OK)
		rc = prepare(&im);
	comment = yg_asprintf("import %s", opts->source ? opts->source : "-");
	if (rc == YG_OK && !comment)
		rc = yg_fail(YG_ENOMEM, "out of memory");
	if (rc == YG_OK) {
		im.comment = comment;
		sqlite3_bind_text(im.audit, 9, comment, -1, SQLITE_STATIC);
		rc = read_all(&im, in);
	}
	if (rc == YG_OK && im.writing && !stats->rejected)
		rc = judge_returns(&im);
	if (rc == YG_OK && !im.have_header)
		rc = yg_fail(YG_EINVAL,
			"the file is empty: its first line must be the long-format header"
			" dataelement,period,orgunit,...");
	if ((rc == YG_OK || rc == YG_EINVAL) && stats->rejected) {
		if (im.nunknown) {
			stats->unknown_orgs = im.nunknown > MAX_UNKNOWN_LISTED
				? yg_asprintf("%s … (+%zu)", im.unknown, im.nunknown - MAX_UNKNOWN_LISTED)
				: yg_strdup(im.unknown);
		}
		rc = yg_fail(YG_EINVAL, "%llu line(s) refused; nothing was"
			" imported", (unsigned long long)stats->rejected);
	}
	/* Statements must be finished before the transaction ends. */
	finish(&im);
	if (rc != YG_OK || opts->dry_run)
		sqlite3_exec(db->sql, "ROLLBACK TO yg_import", NULL, NULL, NULL);
	sqlite3_exec(db->sql, "RELEASE yg_import", NULL, NULL, NULL);
	if (rc == YG_OK && opts->dry_run)
		yg_write_end(db, YG_EINVAL);
	else
		rc = yg_write_end(db, rc);
	free(comment);
	return rc;
}
