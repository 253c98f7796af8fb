/*
 * gen.c — a province-size Yigong database for the CSV benchmark.
 *
 *   bench/gen [-o] [-l prefecture|province] PATH [COUNTIES [INSTITUTIONS [MONTHS]]]
 *                                                          (100 × 20 × 24)
 *
 * A valid database (yg_db_create, so schema and targets are the real ones)
 * of the levels a consolidating database has (DESIGN §1): a root of level
 * -l (by default a prefecture for up to 20 counties, else a province),
 * at a province prefectures of 10 counties each, COUNTIES counties, in each
 * one medical community of INSTITUTIONS township health centres, and
 * MONTHS months of returns of every form that applies, with a value for
 * every field (9 in 10 approved, the rest submitted).  The login running it
 * is the admin.  -o writes the units and the user only: the empty target a
 * benchmark imports into.
 *
 * Also writes PATH.export.sql: the query sqlite3 -csv runs to select the
 * same rows as yigong export, formatting them the same way.
 *
 * Bulk SQL in one transaction through the core's own connection: the point
 * is a big valid file fast, not exercising the core.
 */
#include "config.h"

#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "figures.h"
#include "forms.h"
#include "internal.h"

static uint64_t rng = 88172645463325252ull;

static uint64_t next(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

static int64_t pick(int64_t lo, int64_t hi)
{
	return hi <= lo ? lo : lo + (int64_t)(next() % (uint64_t)(hi - lo + 1));
}

static void die(const char *what)
{
	fprintf(stderr, "gen: %s: %s\n", what, yg_errmsg());
	exit(1);
}

static void must(int rc, sqlite3 *sql, const char *what)
{
	if (rc != SQLITE_OK && rc != SQLITE_DONE) {
		fprintf(stderr, "gen: %s: %s\n", what, sqlite3_errmsg(sql));
		exit(1);
	}
}

static int64_t put_org(sqlite3 *sql, sqlite3_stmt *st, const char *code, const char *name,
	const char *kind, const char *tier, int64_t parent)
{
	sqlite3_bind_text(st, 1, code, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, name, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 3, kind, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, tier, -1, SQLITE_STATIC);
	if (parent)
		sqlite3_bind_int64(st, 5, parent);
	else
		sqlite3_bind_null(st, 5);
	must(sqlite3_step(st), sql, "org");
	sqlite3_reset(st);
	return sqlite3_last_insert_rowid(sql);
}

/* A value of field f, in range; text fields get a short text. */
static void make_value(const struct yg_field *f, struct yg_value *v)
{
	int64_t hi = f->max > 0 && f->max < 100000 ? f->max : 100000;

	v->set = true;
	v->text = NULL;
	v->num = 0;
	if (yg_type_is_text(f->type)) {
		v->text = (char *)(f->type == YG_T_CHOICE && f->choices ? f->choices[0].value : "x");
		return;
	}
	if (f->type == YG_T_AMOUNT)
		hi = 1000000000; /* up to ten million yuan */
	v->num = f->type == YG_T_BOOL ? pick(0, 1) : pick(f->min, hi);
}

/*
 * Random values for a return that its form's error rules accept: import
 * refuses to take a return that fails one to submitted or approved (as a
 * clerk could not submit it).  A field an error names is set to its
 * minimum and the rules run again; a part at 0 is below any whole.  What
 * still fails after a few rounds (a whole named, not a part) starts over.
 */
static void make_return(yg_db *db, const struct yg_form *form, const struct yg_org *org,
	yg_period p, struct yg_value *v)
{
	for (int attempt = 0; attempt < 50; attempt++) {
		for (size_t j = 0; j < form->nfields; j++)
			make_value(&form->fields[j], &v[j]);
		for (int round = 0; round < 8; round++) {
			struct yg_check_ctx ctx = { .db = db, .form = form, .org = org, .period = p,
				.values = v };
			struct yg_findings out;
			bool errors = false;

			yg_findings_init(&out);
			yg_check_fields(form, v, true, &out);
			for (size_t r = 0; r < form->nrules; r++)
				form->rules[r].check(&ctx, &form->rules[r], &out);
			for (size_t k = 0; k < out.n; k++) {
				int j;

				if (out.v[k].severity != YG_SEV_ERROR)
					continue;
				errors = true;
				if (out.v[k].field && (j = yg_field_index(form, out.v[k].field)) >= 0 &&
				    !yg_type_is_text(form->fields[j].type))
					v[j].num = form->fields[j].min;
			}
			yg_findings_free(&out);
			if (!errors)
				return;
		}
	}
	fprintf(stderr, "gen: no values of form %s pass its error rules\n", form->key);
	exit(1);
}

static void bind_value(sqlite3_stmt *st, const struct yg_value *v)
{
	if (v->text) {
		sqlite3_bind_null(st, 3);
		sqlite3_bind_text(st, 4, v->text, -1, SQLITE_STATIC);
	} else {
		sqlite3_bind_int64(st, 3, v->num);
		sqlite3_bind_null(st, 4);
	}
}

static void write_query(const char *path, yg_period from, yg_period to, const char *scope)
{
	char *qpath = yg_asprintf("%s.export.sql", path);
	FILE *fp = qpath ? fopen(qpath, "w") : NULL;
	bool first = true;

	if (!fp) {
		perror(qpath);
		exit(1);
	}
	fprintf(fp, ".headers on\n.mode csv\n"
		"WITH RECURSIVE scope(id) AS (SELECT id FROM org_unit WHERE code = '%s'"
		" UNION ALL SELECT o.id FROM org_unit o JOIN scope ON o.parent_id = scope.id)\n"
		"SELECT s.form || '.' || v.key AS dataelement, s.period, o.code AS orgunit,"
		" '' AS categoryoptioncombo, '' AS attributeoptioncombo,\n"
		" CASE WHEN s.form || '.' || v.key IN (", scope);
	for (size_t i = 0; i < yg_form_count(); i++) {
		const struct yg_form *f = yg_form_at(i);
		for (size_t j = 0; !f->is_record && j < f->nfields; j++) {
			if (f->fields[j].type != YG_T_AMOUNT && f->fields[j].type != YG_T_DECIMAL)
				continue;
			fprintf(fp, "%s'%s.%s'", first ? "" : ", ", f->key, f->fields[j].key);
			first = false;
		}
	}
	fprintf(fp, ")\n  THEN printf('%%.2f', v.num / 100.0) ELSE COALESCE(v.num, v.txt) END"
		" AS value,\n s.updated_by AS storedby, s.updated_at AS lastupdated, '' AS comment,"
		" 'false' AS followup, 'false' AS deleted, s.state AS status\n"
		"FROM submission s JOIN org_unit o ON o.id = s.org_id"
		" JOIN value v ON v.submission_id = s.id\n"
		"WHERE s.period BETWEEN %d AND %d AND s.state = 'approved' AND s.org_id IN scope\n"
		"ORDER BY s.period, o.code, s.form, v.key;\n", (int)from, (int)to);
	fclose(fp);
	free(qpath);
}

/* Counties a generated province groups under each prefecture. */
#define COUNTIES_PER_PREFECTURE 10

int main(int argc, char **argv)
{
	bool orgs_only = false;
	const char *level = NULL;
	char **a;
	int n, opt;

	while ((opt = getopt(argc, argv, "ol:")) != -1) {
		if (opt == 'o')
			orgs_only = true;
		else if (opt == 'l' && (!strcmp(optarg, "prefecture") || !strcmp(optarg, "province")))
			level = optarg;
		else
			optind = argc + 1; /* usage below */
	}
	a = argv + optind - 1;
	n = argc - optind + 1;
	long counties = n > 2 ? atol(a[2]) : 100;
	long insts = n > 3 ? atol(a[3]) : 20;
	long months = n > 4 ? atol(a[4]) : 24;
	struct passwd *pw = getpwuid(getuid());
	const char *login = pw ? pw->pw_name : "root";
	yg_period first = 202401, last = yg_period_add(first, (int)months - 1);
	sqlite3_stmt *org, *sub, *val;
	uint64_t nsub = 0, nval = 0;
	yg_db *db;
	sqlite3 *sql;
	int64_t root, prefecture = 0;
	char *user;
	struct yg_value v[256];

	if (optind > argc || n < 2 || counties < 1 || insts < 1 || months < 1 || months > 600) {
		fprintf(stderr, "usage: gen [-o] [-l prefecture|province] PATH"
			" [COUNTIES [INSTITUTIONS [MONTHS]]]\n");
		return 2;
	}
	if (!level)
		level = counties <= 20 ? "prefecture" : "province";
	forms_register_all();
	for (size_t k = 0; k < yg_form_count(); k++)
		if (yg_form_at(k)->nfields > sizeof v / sizeof v[0]) {
			fprintf(stderr, "gen: form %s has too many fields\n", yg_form_at(k)->key);
			return 1;
		}
	if (yg_db_create(a[1], &db) != YG_OK)
		die(a[1]);
	sql = db->sql;
	/* Nobody else has the file yet: trade durability for speed. */
	must(sqlite3_exec(sql, "PRAGMA synchronous = OFF; BEGIN", NULL, NULL, NULL), sql, "begin");
	org = yg_prepare(db, "INSERT INTO org_unit(code, name, kind, tier, parent_id)"
		" VALUES(?, ?, ?, ?, ?)");
	sub = yg_prepare(db, "INSERT INTO submission(org_id, form, period, state, version,"
		" created_at, updated_at, updated_by, submitted_at) VALUES(?, ?, ?, ?, 3, ?, ?, ?, ?)");
	val = yg_prepare(db, "INSERT INTO value(submission_id, key, num, txt) VALUES(?, ?, ?, ?)");
	if (!org || !sub || !val)
		die("prepare");
	root = put_org(sql, org, "100000000000", strcmp(level, "province") ? "全市(基准测试)" :
		"全省(基准测试)", level, "", 0);
	user = yg_asprintf("INSERT INTO app_user(login, role, org_id) VALUES('%s', 'admin', %lld)",
		login, (long long)root);
	must(sqlite3_exec(sql, user, NULL, NULL, NULL), sql, "user");
	free(user);
	for (long c = 0; c < counties; c++) {
		char code[64], name[96];
		if (!strcmp(level, "province") && c % COUNTIES_PER_PREFECTURE == 0) {
			long pf = c / COUNTIES_PER_PREFECTURE + 1;
			snprintf(code, sizeof code, "3%05ld000000", pf);
			snprintf(name, sizeof name, "第%ld市", pf);
			prefecture = put_org(sql, org, code, name, "prefecture", "", root);
		}
		snprintf(code, sizeof code, "1%05ld000000", c + 1);
		snprintf(name, sizeof name, "第%ld县", c + 1);
		int64_t county = put_org(sql, org, code, name, "county", "",
			prefecture ? prefecture : root);
		snprintf(code, sizeof code, "2%05ld000000", c + 1);
		snprintf(name, sizeof name, "第%ld县医共体", c + 1);
		county = put_org(sql, org, code, name, "community", "", county);
		for (long i = 0; i < insts; i++) {
			snprintf(code, sizeof code, "1%05ld%06ld", c + 1, i + 1);
			snprintf(name, sizeof name, "第%ld县第%ld乡镇卫生院", c + 1, i + 1);
			int64_t id = put_org(sql, org, code, name, "township", "primary", county);
			struct yg_org o = { .id = id, .kind = YG_KIND_TOWNSHIP };
			for (yg_period p = first; !orgs_only && p <= last; p = yg_period_add(p, 1)) {
				yg_period nx = yg_period_add(p, 1);
				char at[40];
				snprintf(at, sizeof at, "%04d-%02d-%02dT%02d:%02d:00+08:00",
					yg_period_year(nx), yg_period_month(nx), (int)pick(1, 9),
					(int)pick(8, 17), (int)pick(0, 59));
				for (size_t k = 0; k < yg_form_count(); k++) {
					const struct yg_form *f = yg_form_at(k);
					if (!yg_form_applies(f, &o))
						continue;
					sqlite3_bind_int64(sub, 1, id);
					sqlite3_bind_text(sub, 2, f->key, -1, SQLITE_STATIC);
					sqlite3_bind_int(sub, 3, p);
					sqlite3_bind_text(sub, 4, pick(0, 9) ? "approved" : "submitted", -1,
						SQLITE_STATIC);
					sqlite3_bind_text(sub, 5, at, -1, SQLITE_STATIC);
					sqlite3_bind_text(sub, 6, at, -1, SQLITE_STATIC);
					sqlite3_bind_text(sub, 7, "clerk", -1, SQLITE_STATIC);
					sqlite3_bind_text(sub, 8, at, -1, SQLITE_STATIC);
					must(sqlite3_step(sub), sql, "submission");
					sqlite3_reset(sub);
					int64_t sid = sqlite3_last_insert_rowid(sql);
					nsub++;
					make_return(db, f, &o, p, v);
					for (size_t j = 0; j < f->nfields; j++) {
						sqlite3_bind_int64(val, 1, sid);
						sqlite3_bind_text(val, 2, f->fields[j].key, -1, SQLITE_STATIC);
						bind_value(val, &v[j]);
						must(sqlite3_step(val), sql, "value");
						sqlite3_reset(val);
						nval++;
					}
				}
			}
		}
	}
	sqlite3_finalize(org);
	sqlite3_finalize(sub);
	sqlite3_finalize(val);
	must(sqlite3_exec(sql, "COMMIT", NULL, NULL, NULL), sql, "commit");
	/* The returns' findings, judged and stored as every write stores them. */
	if (yg_begin(db) != YG_OK || yg_commit(db) != YG_OK)
		die("findings");
	/* And the screens' figures, as `import` stores them after the months
	 * it brought (forms/figures.h). */
	size_t stored;
	if (!orgs_only && (yg_login(db, login, NULL) != YG_OK ||
	    figures_store(db, &stored) != YG_OK))
		die("figures");
	must(sqlite3_exec(sql, "PRAGMA wal_checkpoint(TRUNCATE); ANALYZE", NULL, NULL, NULL), sql,
		"analyze");
	yg_db_close(db);
	write_query(a[1], first, last, "100000000000");
	printf("%s: a %s, %ld counties x %ld institutions x %ld months: %llu returns,"
		" %llu values\n", a[1], level, counties, insts, orgs_only ? 0 : months, (unsigned long long)nsub,
		(unsigned long long)nval);
	return 0;
}
