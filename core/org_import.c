/*
 * org_import.c — org import: a CSV file of units read, checked line by line
 * and as a tree, and written all or nothing.
 */
#include <csv.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "internal.h"
#include "yg_csv.h"

/* The columns org export writes, in its order (yg_org_export). */
enum col { C_CODE, C_NAME, C_KIND, C_TIER, C_PARENT, C_KEY_CENTRAL, C_LEAD, C_SUPPORTING,
	C_OPENED, C_CLOSED, C_COUNT };
static const char *const col_name[C_COUNT] = {
	"code", "name", "kind", "tier", "parent", "key_central", "lead", "supporting",
	"opened", "closed",
};

struct row {
	int line;              /* where the record starts in the file */
	char *f[C_COUNT];
	struct yg_org org;     /* borrowed strings from f */
	enum { R_PENDING, R_DONE, R_BAD } st;
	bool unchanged;        /* counted as unchanged by put_row */
};

struct problem {
	int line;
	char *msg;
};

struct import {
	yg_db *db;
	/* The root: above a county, a line without a parent (a county's own
	 * row, as its org export writes it) goes under it. */
	struct yg_org root;
	const char *source;    /* the file's name, for the audit trail */
	/* what the parser is doing */
	struct yg_csv_read rd; /* the core's reader: encoding, lines, limits */
	bool row_nul;          /* a cell of the current record held a NUL byte */
	char **cells;
	size_t ncells, capcells;
	bool oom;
	/* what it found */
	int col[C_COUNT];      /* column of each field; -1 if absent */
	size_t ncols;
	bool have_header;
	bool header_bad;
	struct row *rows;
	size_t nrows, caprows;
	/* rows by code: indices + 1 (0: empty), open addressing, half full */
	size_t *index;
	size_t capindex;
	bool stopped;          /* MAX_PROBLEMS told: the rest is not read */
	struct problem *probs;
	size_t nprobs, capprobs;
};

/* Problems told before org import stops reading: a hostile header must not
 * cost a million lines of output. */
#define MAX_PROBLEMS YG_ORG_IMPORT_MAX_PROBLEMS

/* Doubles *cap when full; false when out of memory. */
static bool grow(void **v, size_t *cap, size_t size)
{
	size_t ncap = *cap ? *cap * 2 : 16;
	void *nv = realloc(*v, ncap * size);

	if (!nv)
		return false;
	*v = nv;
	*cap = ncap;
	return true;
}

static void problem(struct import *im, int line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void problem(struct import *im, int line, const char *fmt, ...)
{
	va_list ap;
	char *msg;

	if (im->nprobs >= MAX_PROBLEMS) {
		im->stopped = true;
		im->rd.stop = true;
		return;
	}
	va_start(ap, fmt);
	msg = yg_vasprintf(fmt, ap);
	va_end(ap);
	if (!msg || (im->nprobs == im->capprobs &&
			!grow((void **)&im->probs, &im->capprobs, sizeof *im->probs))) {
		free(msg);
		im->oom = true;
		return;
	}
	im->probs[im->nprobs++] = (struct problem){ line, msg };
}

static void on_cell(void *s, size_t len, void *data)
{
	struct import *im = data;
	/* The formula guard org export puts on a text cell comes off. */
	size_t guard = yg_csv_guard_len(s, len);
	char *cell;

	s = (char *)s + guard;
	len -= guard;
	cell = malloc(len + 1);

	if (!cell || (im->ncells == im->capcells &&
			!grow((void **)&im->cells, &im->capcells, sizeof *im->cells))) {
		free(cell);
		im->oom = true;
		return;
	}
	if (len)
		memcpy(cell, s, len);
	cell[len] = '\0';
	/* A NUL would cut the cell short as a C string: refuse the line. */
	if (len && memchr(cell, '\0', len))
		im->row_nul = true;
	im->cells[im->ncells++] = cell;
}

static void free_cells(struct import *im)
{
	for (size_t i = 0; i < im->ncells; i++)
		free(im->cells[i]);
	im->ncells = 0;
}

static void take_header(struct import *im, int line)
{
	for (int c = 0; c < C_COUNT; c++)
		im->col[c] = -1;
	im->ncols = im->ncells;
	for (size_t i = 0; i < im->ncells; i++) {
		const char *h = im->cells[i];
		int c;

		for (c = 0; c < C_COUNT; c++)
			if (!strcasecmp(h, col_name[c]))
				break;
		if (c == C_COUNT) {
			problem(im, line,
				_("header column %zu '%s' is unknown (expected code,name,kind,tier,"
				"parent[,key_central][,lead][,supporting][,opened][,closed])"), i + 1, h);
			im->header_bad = true;
		} else if (im->col[c] >= 0) {
			problem(im, line, _("header names '%s' twice"), h);
			im->header_bad = true;
		} else {
			im->col[c] = (int)i;
		}
	}
	for (int c = 0; c < C_KEY_CENTRAL; c++) {
		if (im->col[c] < 0) {
			problem(im, line, _("the header lacks the column '%s'"),
				col_name[c]);
			im->header_bad = true;
		}
	}
}

static size_t code_hash(const char *s)
{
	uint64_t h = 1469598103934665603u; /* FNV-1a */
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211u;
	return (size_t)h;
}

/* The slot of code in the index: its row's, or the empty one it would take. */
static size_t *code_slot(struct import *im, const char *code)
{
	size_t h = code_hash(code) & (im->capindex - 1);

	while (im->index[h] && strcmp(im->rows[im->index[h] - 1].f[C_CODE], code))
		h = (h + 1) & (im->capindex - 1);
	return &im->index[h];
}

/* Files row i under its code; false when out of memory. */
static bool index_row(struct import *im, size_t i)
{
	if ((im->nrows + 1) * 2 > im->capindex) {
		size_t *old = im->index, oldcap = im->capindex;
		im->capindex = oldcap ? oldcap * 2 : 64;
		if (!(im->index = calloc(im->capindex, sizeof *im->index))) {
			im->index = old;
			im->capindex = oldcap;
			return false;
		}
		for (size_t k = 0; k < oldcap; k++)
			if (old[k])
				*code_slot(im, im->rows[old[k] - 1].f[C_CODE]) = old[k];
		free(old);
	}
	*code_slot(im, im->rows[i].f[C_CODE]) = i + 1;
	return true;
}

static struct row *row_with_code(struct import *im, const char *code)
{
	size_t *slot;

	if (!im->capindex || !code)
		return NULL;
	slot = code_slot(im, code);
	return *slot ? &im->rows[*slot - 1] : NULL;
}

/* Checks what one line says on its own; the tree is checked later. */
static bool check_row(struct import *im, struct row *r)
{
	const char *code = r->f[C_CODE], *kc = r->f[C_KEY_CENTRAL];
	int kind = yg_kind_parse(r->f[C_KIND]);
	int tier = yg_tier_parse(r->f[C_TIER]);
	bool ok = true;

	if (!code[0]) {
		problem(im, r->line, _("code is empty"));
		ok = false;
	}
	for (const char *p = code; *p && ok; p++) {
		if (*p <= ' ' || *p >= 0x7f) {
			problem(im, r->line,
				_("code '%s' may hold ASCII letters, digits and marks, no spaces"),
				code);
			ok = false;
		}
	}
	if (!r->f[C_NAME][0]) {
		problem(im, r->line, _("name is empty"));
		ok = false;
	}
	/* The core's one rule for admitted text (names go into tab-separated
	 * lists and one-line screens too). */
	if (r->f[C_NAME][0] &&
	    yg_text_admit(r->f[C_NAME], strlen(r->f[C_NAME]), 0, "name", "name") != YG_OK) {
		problem(im, r->line, _("%s"), yg_errmsg());
		ok = false;
	}
	if (kind < 0) {
		problem(im, r->line,
			_("kind '%s' is unknown (county, community, "
			"hospital, township, community_centre, village, prefecture, province)"),
			r->f[C_KIND]);
		ok = false;
	}
	if (tier < 0) {
		problem(im, r->line,
			_("tier '%s' is unknown (primary, secondary, tertiary or empty)"),
			r->f[C_TIER]);
		ok = false;
	}
	if (kc && kc[0] && strcmp(kc, "0") && strcmp(kc, "1")) {
		problem(im, r->line, _("key_central '%s' must be 0 or 1"), kc);
		ok = false;
	}
	/* The months it files for: YYYY-MM; an empty closed is open. */
	for (int c = C_OPENED; c <= C_CLOSED; c++) {
		const char *m = r->f[c];
		yg_period *p = c == C_OPENED ? &r->org.opened : &r->org.closed_in;

		*p = 0;
		if (m && m[0] && yg_period_parse(m, p) != YG_OK) {
			problem(im, r->line, _("%s '%s' must be a month "
				"YYYY-MM"), col_name[c], m);
			ok = false;
		}
	}
	if (ok && !strcmp(code, r->f[C_PARENT])) {
		problem(im, r->line, _("unit %s cannot be its own parent"), code);
		ok = false;
	}
	if (code[0]) {
		/* by the index: a file of 80,000 units is read in linear time;
		 * a line refused for another fault is indexed too, so that its
		 * children are told their parent was refused */
		struct row *first = row_with_code(im, code);
		if (first) {
			problem(im, r->line,
				_("code %s already appears on line %d"), code, first->line);
			ok = false;
		} else if (!index_row(im, (size_t)(r - im->rows))) {
			im->oom = true;
		}
	}
	r->org.code = r->f[C_CODE];
	r->org.name = r->f[C_NAME];
	r->org.kind = kind < 0 ? YG_KIND_COUNTY : (enum yg_kind)kind;
	r->org.tier = tier < 0 ? YG_TIER_NONE : (enum yg_tier)tier;
	r->org.parent_code = r->f[C_PARENT][0] ? r->f[C_PARENT] : NULL;
	if (!r->org.parent_code && im->root.code && im->root.kind != YG_KIND_COUNTY &&
	    strcmp(code, im->root.code))
		r->org.parent_code = im->root.code;
	r->org.key_central = kc && !strcmp(kc, "1");
	r->org.closed = r->f[C_CLOSED] && r->f[C_CLOSED][0];
	return ok;
}

static void on_row(int term, void *data)
{
	struct import *im = data;
	int line = (int)im->rd.row_line;
	struct row *r;

	(void)term;
	if (im->oom)
		goto out;
	if (im->row_nul) {
		im->row_nul = false;
		problem(im, line, _("holds a NUL byte (not a text file?)"));
		if (!im->have_header) {
			im->have_header = true;
			im->header_bad = true;
		}
		goto out;
	}
	if (!im->have_header) {
		im->have_header = true;
		take_header(im, line);
		goto out;
	}
	if (im->header_bad)
		goto out;
	if (im->nrows == im->caprows && !grow((void **)&im->rows, &im->caprows, sizeof *im->rows)) {
		im->oom = true;
		goto out;
	}
	r = &im->rows[im->nrows++];
	*r = (struct row){ .line = line };
	if (im->ncells != im->ncols) {
		problem(im, line, _("expected %zu fields, found %zu"),
			im->ncols, im->ncells);
		r->st = R_BAD;
		for (int c = 0; c < C_COUNT; c++)
			r->f[c] = yg_strdup("");
		goto out;
	}
	for (int c = 0; c < C_COUNT; c++) {
		r->f[c] = im->col[c] < 0 ? NULL : im->cells[im->col[c]];
		if (im->col[c] >= 0)
			im->cells[im->col[c]] = NULL;
	}
	r->st = check_row(im, r) ? R_PENDING : R_BAD;
out:
	free_cells(im);
}

static void on_bad(void *arg, uint64_t line, const char *msg)
{
	problem(arg, (int)line, _("%s"), msg);
}

static void on_reset(void *arg)
{
	struct import *im = arg;

	free_cells(im);
	im->row_nul = false;
}

/* Reads the whole file through the core's reader (encoding, lines,
 * limits).  A file refused as a whole is a problem on its line (YG_EINVAL);
 * other failures come back as they are. */
static int read_csv(struct import *im, FILE *fp, enum yg_csv_encoding enc)
{
	int rc;

	im->rd = (struct yg_csv_read){ .encoding = enc, .cell = on_cell, .row = on_row,
		.bad = on_bad, .reset = on_reset, .arg = im };
	rc = yg_csv_read(&im->rd, fp);
	free_cells(im);
	if (rc == YG_EINVAL)
		problem(im, (int)im->rd.line, _("%s"), yg_errmsg());
	return rc;
}


/* Writes one line whose parent is in place.  YG_EPERM stops the import. */
static int put_row(yg_db *db, struct import *im, struct row *r, struct yg_org_import_stats *n)
{
	struct yg_org old = { 0 }, parent = { 0 };
	bool changed = false, exists;
	char *note;
	int rc;

	exists = yg_org_get(db, r->org.code, &old) == YG_OK;
	if (exists && !r->f[C_KEY_CENTRAL])
		r->org.key_central = old.key_central; /* the file does not say */
	if (!r->f[C_CLOSED])
		r->org.closed = exists && old.closed;
	r->org.id = exists ? old.id : 0;
	r->org.parent_id = 0;
	if (r->org.parent_code && yg_org_get(db, r->org.parent_code, &parent) == YG_OK)
		r->org.parent_id = parent.id;
	yg_org_clear(&parent);
	yg_org_clear(&old);
	note = yg_asprintf("import %s:%d", im->source, r->line);
	if (!note)
		return yg_fail(YG_ENOMEM, "out of memory");
	rc = yg_org_put_noted(db, &r->org, &changed, note);
	free(note);
	if (rc == YG_EPERM)
		return rc;
	if (rc != YG_OK) {
		problem(im, r->line, _("%s"), yg_errmsg());
		r->st = R_BAD;
		return YG_OK;
	}
	r->st = R_DONE;
	if (!exists)
		n->imported++;
	else if (changed)
		n->updated++;
	else
		n->unchanged++;
	r->unchanged = exists && !changed;
	return YG_OK;
}

/*
 * The lead and supporting hospitals of the communities, once every unit of
 * the file is in place: a community's lead is its own child, so it comes
 * after it.  A column the file lacks leaves that role as it is; an empty
 * cell clears it.
 */
static int put_support(yg_db *db, struct import *im, struct yg_org_import_stats *n)
{
	for (size_t i = 0; i < im->nrows; i++) {
		struct row *r = &im->rows[i];
		int rc;

		if (r->st != R_DONE || (!r->f[C_LEAD] && !r->f[C_SUPPORTING]))
			continue;
		bool changed = false;
		rc = yg_org_set_support(db, r->org.code, r->f[C_LEAD], r->f[C_SUPPORTING],
			&changed);
		if (rc == YG_EPERM)
			return rc;
		if (rc != YG_OK) {
			problem(im, r->line, _("%s"), yg_errmsg());
			r->st = R_BAD;
		} else if (changed && r->unchanged) {
			n->unchanged--;
			n->updated++;
			r->unchanged = false;
		}
	}
	return YG_OK;
}

/*
 * Puts every good line, parents first: a line waits until its parent is in
 * the database, so a file may list children before their parents.
 */
static int put_rows(yg_db *db, struct import *im, struct yg_org_import_stats *n)
{
	bool progress = true;

	while (progress) {
		progress = false;
		for (size_t i = 0; i < im->nrows; i++) {
			struct row *r = &im->rows[i];
			struct row *pr;
			struct yg_org parent = { 0 };
			bool ready;
			int rc;

			if (im->stopped)
				return YG_OK;
			if (r->st != R_PENDING)
				continue;
			pr = r->org.parent_code ? row_with_code(im, r->org.parent_code) : NULL;
			ready = !r->org.parent_code || (pr && pr->st == R_DONE);
			if (!ready && !pr) {
				ready = yg_org_get(db, r->org.parent_code, &parent) == YG_OK;
				yg_org_clear(&parent);
				if (!ready) {
					problem(im, r->line, _("parent unit %s does not exist"),
						r->org.parent_code);
					r->st = R_BAD;
					progress = true;
					continue;
				}
			}
			if (!ready)
				continue;
			rc = put_row(db, im, r, n);
			if (rc != YG_OK)
				return rc;
			progress = true;
		}
	}
	/* What still waits has a parent that was refused, or a cycle. */
	for (size_t i = 0; i < im->nrows; i++) {
		struct row *r = &im->rows[i];
		struct row *pr;

		if (r->st != R_PENDING)
			continue;
		pr = row_with_code(im, r->org.parent_code);
		if (pr && pr->st == R_BAD)
			problem(im, r->line, _("parent unit %s (line %d) "
				"was rejected"), r->org.parent_code, pr->line);
		else
			problem(im, r->line, _("parent unit %s makes a cycle"),
				r->org.parent_code);
		r->st = R_BAD;
	}
	return YG_OK;
}

/*
 * The tree as the file leaves it, judged whole before it commits: a unit
 * whose kind may not sit under its parent's, told on the unit's line, or
 * on its parent's when the file changed the parent and not the unit.
 */
static int check_tree(yg_db *db, struct import *im)
{
	struct yg_findings f;
	int rc;

	yg_findings_init(&f);
	rc = yg_org_placement(db, &f);
	for (size_t i = 0; rc == YG_OK && i < f.n; i++) {
		struct row *r = f.v[i].org_code ? row_with_code(im, f.v[i].org_code) : NULL;
		struct yg_org o = { 0 };

		if (!r && f.v[i].org_code && yg_org_get(db, f.v[i].org_code, &o) == YG_OK &&
		    o.parent_code)
			r = row_with_code(im, o.parent_code);
		yg_org_clear(&o);
		problem(im, r ? r->line : 1, _("%s"), YG_L(f.v[i].zh, f.v[i].en));
	}
	yg_findings_free(&f);
	return rc;
}

/*
 * The level unit (county, prefecture) a unit belongs to, itself included:
 * whose tree it came in with.  From the database for code; NULL if none.
 */
static char *owner_in_db(yg_db *db, const char *code)
{
	sqlite3_stmt *st = yg_prepare(db, "WITH RECURSIVE up(id, parent_id, kind, code, depth) AS ("
		" SELECT id, parent_id, kind, code, 0 FROM org_unit WHERE code = ?1"
		" UNION ALL SELECT o.id, o.parent_id, o.kind, o.code, up.depth + 1"
		" FROM org_unit o JOIN up ON o.id = up.parent_id)"
		" SELECT code FROM up WHERE kind IN ('county', 'prefecture', 'province')"
		" ORDER BY depth LIMIT 1");
	char *owner = NULL;

	if (!st)
		return NULL;
	sqlite3_bind_text(st, 1, code, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW)
		owner = yg_col_text(st, 0);
	sqlite3_finalize(st);
	return owner;
}

/* The same, as the file places the line: up its lines, then the database. */
static char *owner_in_file(struct import *im, struct row *r)
{
	for (size_t steps = 0; r && steps <= im->nrows; steps++) {
		const char *p = r->org.parent_code;

		if (yg_kind_is_level(r->org.kind))
			return yg_strdup(r->org.code);
		if (!p)
			return NULL;
		if (!(r = row_with_code(im, p)))
			return owner_in_db(im->db, p);
	}
	return NULL; /* a cycle: told by put_rows */
}

/* Where the unit with code was last written by an import: "FILE:LINE". */
static char *imported_from(yg_db *db, const char *code)
{
	sqlite3_stmt *st = yg_prepare(db, "SELECT substr(comment, 8) FROM audit"
		" WHERE entity = 'org' AND key = ?1 AND comment LIKE 'import %'"
		" ORDER BY id DESC LIMIT 1");
	char *from = NULL;

	if (!st)
		return NULL;
	sqlite3_bind_text(st, 1, code, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW)
		from = yg_col_text(st, 0);
	sqlite3_finalize(st);
	return from;
}

/*
 * Above the county, codes are national: a line for a unit the database
 * already holds in another county's (or prefecture's) tree is a collision,
 * not an update, and is refused naming both lines, the file's and the one
 * the unit was imported from.  The same county's tree sent again is its
 * own units: updated, or unchanged.
 */
static void check_owners(struct import *im)
{
	for (size_t i = 0; i < im->nrows && !im->stopped; i++) {
		struct row *r = &im->rows[i];
		char *was, *now, *from;

		if (r->st != R_PENDING || !strcmp(r->org.code, im->root.code))
			continue;
		if (!(was = owner_in_db(im->db, r->org.code)))
			continue;
		now = owner_in_file(im, r);
		if (now && strcmp(was, now)) {
			struct yg_org w = { 0 };

			from = imported_from(im->db, r->org.code);
			yg_org_get(im->db, was, &w);
			problem(im, r->line, _("code %s is already a unit of %s %s (%s), imported from "
				"%s; it cannot also belong to %s: codes are national"), r->org.code,
				w.name ? yg_kind_label(w.kind) : "", w.name ? w.name : "", was,
				from ? from : _("entered by hand"), now);
			yg_org_clear(&w);
			free(from);
			r->st = R_BAD;
		}
		free(was);
		free(now);
	}
}

static int by_line(const void *a, const void *b)
{
	const struct problem *x = a, *y = b;

	return (x->line > y->line) - (x->line < y->line);
}

static void import_free(struct import *im)
{
	for (size_t i = 0; i < im->nrows; i++)
		for (int c = 0; c < C_COUNT; c++)
			free(im->rows[i].f[c]);
	free(im->rows);
	free(im->index);
	for (size_t i = 0; i < im->nprobs; i++)
		free(im->probs[i].msg);
	free(im->probs);
	free_cells(im);
	free(im->cells);
	yg_org_clear(&im->root);
}

int yg_org_import(yg_db *db, FILE *in, const struct yg_import_opts *opts,
	struct yg_org_import_stats *n)
{
	struct import im = { 0 };
	int rc;

	memset(n, 0, sizeof *n);
	im.db = db;
	im.source = opts->source ? opts->source : "-";
	if ((rc = yg_org_root(db, &im.root)) != YG_OK && rc != YG_ENOTFOUND)
		return rc;
	rc = read_csv(&im, in, opts->encoding);
	if (rc != YG_OK && rc != YG_EINVAL)
		goto out;
	if (im.oom) {
		rc = yg_fail(YG_ENOMEM, "out of memory");
		goto out;
	}
	if (!im.have_header && rc == YG_OK)
		problem(&im, 1, _("the file is empty: the first line is the header "
			"code,name,kind,tier,parent"));

	if (rc == YG_OK && !im.header_bad) {
		/* With lines already refused for their own faults, the tree's
		 * faults are found too, so that one run reports every bad line,
		 * then undone. */
		bool clean = im.nprobs == 0;
		int brc = yg_begin(db);

		if (brc == YG_OK) {
			if (im.root.code && im.root.kind != YG_KIND_COUNTY)
				check_owners(&im);
			rc = put_rows(db, &im, n);
			if (rc == YG_OK)
				rc = put_support(db, &im, n);
			if (rc == YG_OK && (!clean || im.nprobs == 0))
				rc = check_tree(db, &im);
			if (rc == YG_OK && im.nprobs == 0 && !opts->dry_run)
				rc = yg_commit(db);
			else
				yg_rollback(db);
		} else if (clean) {
			rc = brc;
		}
		if (rc != YG_OK)
			goto out;
	}

	if (im.nprobs)
		qsort(im.probs, im.nprobs, sizeof *im.probs, by_line);
	for (size_t i = 0; i < im.nprobs; i++) {
		bool first = i == 0 || im.probs[i - 1].line != im.probs[i].line;

		if (first)
			n->rejected++;
		if (opts->problem)
			opts->problem(opts->problem_arg, (uint64_t)im.probs[i].line,
				im.probs[i].msg);
	}
	n->stopped = im.stopped;
	rc = YG_OK;
	if (im.nprobs) {
		n->imported = n->updated = n->unchanged = 0;
		rc = yg_fail(YG_EINVAL,
			"%zu line(s) rejected; the database is unchanged", n->rejected);
	}
out:
	import_free(&im);
	return rc;
}
