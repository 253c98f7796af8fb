/*
 * check_csv.c — CSV export and import (issue 5): SHA-256 vectors, the
 * formula guard, RFC 4180 quoting through libcsv, the long format's exact
 * columns, scope and approval, round trips, GB18030, and malformed files
 * refused whole with every bad line told.
 */
#include "config.h"

#include <check.h>
#include <csv.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "csv_internal.h"
#include "forms.h"
#include "testlib.h"

/* ---- helpers ---- */

static char *sha_hex(const void *p, size_t n)
{
	static char out[65];
	struct yg_sha256 c;

	yg_sha256_init(&c);
	yg_sha256_update(&c, p, n);
	yg_sha256_hex(&c, out);
	return out;
}

/* Runs yg_export into memory; returns the bytes (caller frees). */
static char *export_str(yg_db *db, const struct yg_export_opts *o, int *rc,
	struct yg_export_stats *st)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);
	struct yg_export_stats local;

	ck_assert_ptr_nonnull(fp);
	*rc = yg_export(db, o, fp, st ? st : &local);
	fclose(fp);
	return buf;
}

struct problems {
	size_t n;
	uint64_t lines[64];
	char text[4096];
};

static void on_problem(void *arg, uint64_t line, const char *msg)
{
	struct problems *p = arg;
	size_t used = strlen(p->text);

	if (p->n < 64)
		p->lines[p->n] = line;
	p->n++;
	snprintf(p->text + used, sizeof p->text - used, "%llu: %s\n", (unsigned long long)line,
		msg);
}

static int import_str(yg_db *db, const char *text, size_t len, bool dry,
	struct yg_import_stats *st, struct problems *pr)
{
	FILE *fp = fmemopen((void *)text, len, "r");
	struct yg_import_opts o = {
		.dry_run = dry, .encoding = YG_ENC_AUTO, .source = "test.csv",
		.problem = on_problem, .problem_arg = pr,
	};
	int rc;

	ck_assert_ptr_nonnull(fp);
	memset(pr, 0, sizeof *pr);
	rc = yg_import(db, fp, &o, st);
	fclose(fp);
	return rc;
}

/* A digest of every row the import may touch: equal digests, same data. */
static char *fingerprint(yg_db *db)
{
	static char out[65];
	static const char *const q[] = {
		"SELECT id, org_id, form, period, state, version, updated_at, updated_by"
		" FROM submission ORDER BY id",
		"SELECT submission_id, key, num, txt FROM value ORDER BY 1, 2",
		"SELECT id, at, login, submission_id, entity, key, old_value, new_value, comment"
		" FROM audit ORDER BY id",
	};
	struct yg_sha256 c;

	yg_sha256_init(&c);
	for (size_t i = 0; i < sizeof q / sizeof q[0]; i++) {
		sqlite3_stmt *st = NULL;
		ck_assert_int_eq(sqlite3_prepare_v2(db->sql, q[i], -1, &st, NULL), SQLITE_OK);
		while (sqlite3_step(st) == SQLITE_ROW)
			for (int k = 0; k < sqlite3_column_count(st); k++) {
				const unsigned char *t = sqlite3_column_text(st, k);
				yg_sha256_update(&c, t ? (const char *)t : "\\N", t ? strlen((const char *)t) : 2);
				yg_sha256_update(&c, "|", 1);
			}
		sqlite3_finalize(st);
	}
	yg_sha256_hex(&c, out);
	return out;
}

static int64_t count(yg_db *db, const char *sql)
{
	sqlite3_stmt *st = NULL;
	int64_t n = -1;

	ck_assert_int_eq(sqlite3_prepare_v2(db->sql, sql, -1, &st, NULL), SQLITE_OK);
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return n;
}

#define HEADER "dataelement,period,orgunit,categoryoptioncombo,attributeoptioncombo," \
	"value,storedby,lastupdated,comment,followup,deleted,status\r\n"

/* A file as yigong writes it (sorted by month, unit code, form, key). */
static const char good[] = HEADER
	"procurement.drug_amount,202609,T1,,,1234.50,clk1,2026-10-03T09:00:00+08:00,,false,false,approved\r\n"
	"procurement.drug_varieties,202609,T1,,,300,clk1,2026-10-03T09:00:00+08:00,,false,false,approved\r\n"
	"procurement.essential_amount,202609,T1,,,1000.05,clk1,2026-10-03T09:00:00+08:00,,false,false,approved\r\n"
	"procurement.payment_days,202609,T1,,,12.50,clk1,2026-10-03T09:00:00+08:00,,false,false,approved\r\n"
	"staffing.staff_on_post,202609,T2,,,42,clk2,2026-10-04T10:30:00+08:00,,false,false,approved\r\n"
	"staffing.staff_on_post,202610,T1,,,40,clk1,2026-11-02T08:00:00+08:00,,false,false,submitted\r\n";

static void setup(void)
{
	forms_register_all();
	yg_set_lang(YG_EN);
}

/* ---- SHA-256 ---- */

START_TEST(test_sha256_vectors)
{
	/* _i 0: the CPU's SHA instructions where it has them; 1: portable C. */
	yg_sha256_portable(_i == 1);
	static const char million_a_digest[] =
		"cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0";
	char *a = malloc(1000000);

	ck_assert_str_eq(sha_hex("", 0),
		"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
	ck_assert_str_eq(sha_hex("abc", 3),
		"ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	ck_assert_str_eq(sha_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", 56),
		"248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
	/* 1,000,000 × 'a', fed in uneven pieces to exercise the buffering. */
	struct yg_sha256 c;
	char hex[65];
	memset(a, 'a', 1000000);
	yg_sha256_init(&c);
	for (size_t off = 0, step = 1; off < 1000000; off += step, step = step * 3 % 1000 + 1)
		yg_sha256_update(&c, a + off, off + step > 1000000 ? 1000000 - off : step);
	yg_sha256_hex(&c, hex);
	ck_assert_str_eq(hex, million_a_digest);
	free(a);
	yg_sha256_portable(false);
}
END_TEST

/* ---- the formula guard ---- */

START_TEST(test_guard)
{
	static const struct { const char *s; bool guard; } cases[] = {
		{ "=SUM(A1:A9)", true }, { "+86 10 1234", true }, { "-x", true }, { "@cmd", true },
		{ "\tTAB", true }, { "\rCR", true }, { "\nLF", true },
		{ "\xEF\xBC\x9D" "1+1", true },       /* ＝ */
		{ "\xEF\xBC\x8B" "1", true },         /* ＋ */
		{ "\xEF\xBC\x8D" "x", true },         /* － */
		{ "\xEF\xBC\xA0" "x", true },         /* ＠ */
		{ "'=x", true }, { "''@x", true },
		{ "-12", false }, { "-12.50", false }, { "+3", false }, { "0", false },
		{ "1234.50", false }, { "张三", false }, { "'abc", false }, { "", false },
		{ "a=b", false }, { "-", true }, { "-1.", true }, { "--1", true },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const char *s = cases[i].s;
		ck_assert_msg(yg_csv_needs_guard(s, strlen(s)) == cases[i].guard, "case %zu '%s'",
			i, s);
		/* export then import gives the text back exactly */
		char *out = cases[i].guard ? yg_asprintf("'%s", s) : yg_strdup(s);
		size_t strip = yg_csv_guard_len(out, strlen(out));
		ck_assert_str_eq(out + strip, s);
		free(out);
	}
}
END_TEST

/* ---- the writer: quoting through libcsv, read back through libcsv ---- */

struct cells {
	char *v[16];
	size_t n;
};

static void cell_cb(void *s, size_t len, void *data)
{
	struct cells *c = data;
	if (c->n < 16)
		c->v[c->n++] = strndup(s, len);
}

static void row_cb(int term, void *data)
{
	(void)term;
	(void)data;
}

START_TEST(test_writer_quoting)
{
	static const char *const texts[] = {
		"plain", "a,b", "say \"hi\"", "two\r\nlines", "line\nfeed", " padded ",
		"中文,“引号”", "=1+2", "-5", "'@x", "",
	};
	size_t nt = sizeof texts / sizeof texts[0];
	struct yg_csv_out o;
	char *buf = NULL, sha[65];
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);
	struct csv_parser p;
	struct cells c = { 0 };

	ck_assert_int_eq(yg_csv_out_open(&o, fp, YG_ENC_UTF8), YG_OK);
	for (size_t i = 0; i < nt; i++) {
		if (i)
			yg_csv_out_raw(&o, ",", 1);
		yg_csv_out_text(&o, texts[i], strlen(texts[i]));
	}
	yg_csv_out_eol(&o);
	ck_assert_int_eq(yg_csv_out_close(&o, sha), YG_OK);
	fclose(fp);
	ck_assert_str_eq(sha, sha_hex(buf, len));
	/* Bare where nothing needs quotes; numbers untouched. */
	ck_assert_msg(strncmp(buf, "plain,\"a,b\",\"say \"\"hi\"\"\",", 25) == 0, "%s", buf);
	ck_assert_ptr_nonnull(strstr(buf, ",'=1+2,-5,''@x,\r\n"));
	csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL);
	ck_assert_uint_eq(csv_parse(&p, buf, len, cell_cb, row_cb, &c), len);
	csv_fini(&p, cell_cb, row_cb, &c);
	csv_free(&p);
	ck_assert_uint_eq(c.n, nt);
	for (size_t i = 0; i < nt; i++) {
		size_t g = yg_csv_guard_len(c.v[i], strlen(c.v[i]));
		ck_assert_str_eq(c.v[i] + g, texts[i]);
		free(c.v[i]);
	}
	free(buf);
}
END_TEST

/* ---- export through the lifecycle ---- */

static int64_t file_capacity(yg_db *db)
{
	struct yg_sub *sub = NULL;
	static const char *const kv[][2] = {
		{ "expert_slots", "100" }, { "expert_slots_reserved", "20" }, { "beds", "300" },
		{ "beds_reserved", "60" }, { "exams", "1000" }, { "exams_reserved", "200" },
	};
	struct yg_findings f;
	int64_t id;

	tl_login(db, "clkh1");
	ck_assert_int_eq(yg_sub_load(db, "capacity", "H1", 202609, &sub), YG_OK);
	for (size_t i = 0; i < sizeof kv / sizeof kv[0]; i++)
		ck_assert_int_eq(yg_sub_set(sub, kv[i][0], kv[i][1]), YG_OK);
	yg_findings_init(&f);
	ck_assert_msg(yg_sub_submit(db, sub, &f) == YG_OK, "%s", yg_errmsg());
	yg_findings_free(&f);
	id = sub->id;
	tl_login(db, "rev1");
	ck_assert_int_eq(yg_sub_approve(db, id, sub->version), YG_OK);
	yg_sub_free(sub);
	return id;
}

START_TEST(test_export_long_lifecycle)
{
	yg_db *db = tl_db_new();
	struct yg_export_opts o = { .from = 202609, .format = YG_CSV_LONG };
	struct yg_export_stats st;
	char *s;
	int rc;

	file_capacity(db);
	tl_login(db, "revc");
	s = export_str(db, &o, &rc, &st);
	ck_assert_int_eq(rc, YG_OK);
	static const char first[] = HEADER "capacity.beds,202609,H1,,,300,clkh1,2026-11-23T10:00:00";
	ck_assert_msg(strncmp(s, first, sizeof first - 1) == 0, "%s", s);
	ck_assert_ptr_nonnull(strstr(s, "capacity.expert_slots_reserved,202609,H1,,,20,clkh1,"));
	ck_assert_ptr_nonnull(strstr(s, ",,false,false,approved\r\n"));
	ck_assert_uint_eq(st.rows, 6);
	ck_assert_uint_eq(st.institutions, 1);
	ck_assert_uint_eq(st.periods, 1);
	ck_assert_str_eq(st.sha256, sha_hex(s, strlen(s)));
	free(s);

	/* Outside the reviewer's scope: nothing; a clerk may not export. */
	tl_login(db, "rev2");
	s = export_str(db, &o, &rc, &st);
	ck_assert_int_eq(rc, YG_OK);
	ck_assert_str_eq(s, HEADER);
	free(s);
	tl_login(db, "clk1");
	s = export_str(db, &o, &rc, &st);
	ck_assert_int_eq(rc, YG_EPERM);
	free(s);

	/* Records never in the long format. */
	tl_login(db, "adm");
	o.form = "referral";
	s = export_str(db, &o, &rc, &st);
	ck_assert_int_eq(rc, YG_EINVAL);
	free(s);
	tl_db_free(db);
}
END_TEST

START_TEST(test_export_approved_only)
{
	yg_db *db = tl_db_new();
	struct yg_import_stats st;
	struct problems pr;
	struct yg_export_opts o = { .from = 202609, .to = 202610 };
	char *s;
	int rc;

	ck_assert_msg(import_str(db, good, sizeof good - 1, false, &st, &pr) == YG_OK, "%s%s",
		yg_errmsg(), pr.text);
	s = export_str(db, &o, &rc, NULL);
	ck_assert_ptr_null(strstr(s, "202610"));
	free(s);
	o.include_unapproved = true;
	s = export_str(db, &o, &rc, NULL);
	ck_assert_str_eq(s, good);
	free(s);
	tl_db_free(db);
}
END_TEST

/* ---- round trips ---- */

START_TEST(test_round_trip)
{
	yg_db *a = tl_db_new(), *b;
	struct yg_export_opts o = { .from = 202609, .to = 202610, .include_unapproved = true };
	struct yg_import_stats st;
	struct problems pr;
	char *sa, *sb, before[65];
	int rc;

	ck_assert_msg(import_str(a, good, sizeof good - 1, false, &st, &pr) == YG_OK, "%s%s",
		yg_errmsg(), pr.text);
	ck_assert_uint_eq(st.imported, 6);
	ck_assert_uint_eq(st.submissions, 3);
	ck_assert_uint_eq(st.rejected, 0);
	sa = export_str(a, &o, &rc, NULL);
	ck_assert_str_eq(sa, good);
	/* The same file again changes nothing at all. */
	strcpy(before, fingerprint(a));
	ck_assert_int_eq(import_str(a, sa, strlen(sa), false, &st, &pr), YG_OK);
	ck_assert_uint_eq(st.unchanged, 6);
	ck_assert_uint_eq(st.imported + st.updated, 0);
	ck_assert_str_eq(fingerprint(a), before);
	tl_db_free(a);

	/* Into another database with the same units: identical values. */
	b = tl_db_new();
	ck_assert_int_eq(import_str(b, sa, strlen(sa), false, &st, &pr), YG_OK);
	sb = export_str(b, &o, &rc, NULL);
	ck_assert_str_eq(sb, sa);
	free(sa);
	free(sb);
	tl_db_free(b);
}
END_TEST

/* The long format's comment, followup and storedby: the clerk's
 * explanation of a warning travels with the value that raised it, followed
 * up; storedby is who entered each value, not the approver; an import
 * keeps all three, so an export gives them back unchanged. */
START_TEST(test_comment_followup_storedby)
{
	yg_db *db = tl_db_new(), *b;
	static const char *const kv[][2] = {
		{ "authorised_posts", "42" }, { "staff_on_post", "45" },
		{ "licensed_physicians", "9" }, { "assistant_physicians", "4" },
		{ "general_practitioners", "3" }, { "public_health_physicians", "1" },
		{ "tcm_physicians", "2" }, { "registered_nurses", "12" }, { "pharmacists", "3" },
		{ "technicians", "4" }, { "hires", "1" }, { "departures", "0" },
		{ "village_doctors", "10" }, { "village_doctors_licensed", "6" },
		{ "village_doctors_under45", "5" }, { "village_doctors_pension", "9" },
	};
	struct yg_export_opts o = { .from = 202609, .format = YG_CSV_LONG };
	struct yg_import_stats st;
	struct problems pr;
	struct yg_findings f;
	struct yg_sub *sub;
	char *s, *s2, *line;
	int rc;

	tl_login(db, "clk1");
	ck_assert_int_eq(yg_sub_load(db, "staffing", "T1", 202609, &sub), YG_OK);
	for (size_t i = 0; i < sizeof kv / sizeof kv[0]; i++)
		ck_assert_int_eq(yg_sub_set(sub, kv[i][0], kv[i][1]), YG_OK);
	ck_assert_int_eq(yg_sub_explain(sub, "S5", "3 人待批编制, \"新\"招聘"), YG_OK);
	yg_findings_init(&f);
	ck_assert_msg(yg_sub_submit(db, sub, &f) == YG_OK, "%s", yg_errmsg());
	yg_findings_free(&f);
	tl_login(db, "rev1");
	ck_assert_int_eq(yg_sub_approve(db, sub->id, sub->version), YG_OK);
	yg_sub_free(sub);

	tl_login(db, "revc");
	s = export_str(db, &o, &rc, NULL);
	ck_assert_int_eq(rc, YG_OK);
	line = strstr(s, "staffing.staff_on_post,");
	ck_assert_ptr_nonnull(line);
	ck_assert_msg(!strncmp(line, "staffing.staff_on_post,202609,T1,,,45,clk1,", 43), "%s", line);
	ck_assert_msg(strstr(line, ",\"3 人待批编制, \"\"新\"\"招聘\",true,false,approved\r\n") ==
		strchr(line, '"') - 1 && strchr(line, '"') < strstr(line, "\r\n"), "%s", line);
	line = strstr(s, "staffing.hires,");
	ck_assert_ptr_nonnull(line);
	ck_assert_msg(!strncmp(line, "staffing.hires,202609,T1,,,1,clk1,", 34), "%s", line);
	ck_assert_ptr_nonnull(strstr(line, ",,false,false,approved\r\n"));

	/* The wide format: an explanations column per form. */
	{
		struct yg_export_opts w = { .from = 202609, .format = YG_CSV_WIDE,
			.form = "staffing" };
		char *ws = export_str(db, &w, &rc, NULL);

		ck_assert_int_eq(rc, YG_OK);
		ck_assert_msg(strstr(ws, ",explanations\r\n"), "%s", ws);
		ck_assert_msg(strstr(ws, ",\"S5: 3 人待批编制, \"\"新\"\"招聘\"\r\n"), "%s", ws);
		free(ws);
	}

	/* Into another database: the same file comes back. */
	b = tl_db_new();
	tl_login(b, "adm");
	ck_assert_msg(import_str(b, s, strlen(s), false, &st, &pr) == YG_OK, "%s%s", yg_errmsg(),
		pr.text);
	tl_login(b, "revc");
	s2 = export_str(b, &o, &rc, NULL);
	ck_assert_str_eq(s2, s);
	free(s);
	free(s2);
	tl_db_free(b);
	tl_db_free(db);
}
END_TEST

START_TEST(test_import_updates_and_audits)
{
	yg_db *db = tl_db_new();
	struct yg_import_stats st;
	struct problems pr;
	char *changed = yg_strdup(good);
	char *p = strstr(changed, "1234.50");
	struct yg_audit *au = NULL;
	size_t n = 0;
	int64_t sub;

	ck_assert_int_eq(import_str(db, good, sizeof good - 1, false, &st, &pr), YG_OK);
	memcpy(p, "1234.60", 7);
	ck_assert_int_eq(import_str(db, changed, strlen(changed), false, &st, &pr), YG_OK);
	ck_assert_uint_eq(st.updated, 1);
	ck_assert_uint_eq(st.unchanged, 5);
	sub = count(db, "SELECT s.id FROM submission s JOIN org_unit o ON o.id = s.org_id"
		" WHERE o.code = 'T1' AND s.form = 'procurement'");
	ck_assert_int_eq(yg_audit_list(db, sub, &au, &n), YG_OK);
	ck_assert_uint_eq(n, 2);
	ck_assert_str_eq(au[0].entity, "state");
	ck_assert_str_eq(au[0].comment, "import test.csv:2");
	ck_assert_str_eq(au[1].entity, "value");
	ck_assert_str_eq(au[1].key, "drug_amount");
	ck_assert_str_eq(au[1].old_value, "1234.50");
	ck_assert_str_eq(au[1].new_value, "1234.60");
	ck_assert_str_eq(au[1].login, "adm");
	ck_assert_int_eq(count(db, "SELECT version FROM submission WHERE id = (SELECT s.id FROM"
		" submission s JOIN org_unit o ON o.id = s.org_id WHERE o.code = 'T1'"
		" AND s.form = 'procurement')"), 2);
	yg_audit_list_free(au, n);
	free(changed);

	/* Dry run: the counts of a real run, nothing written, even inside a
	 * transaction the caller holds. */
	char before[65];
	strcpy(before, fingerprint(db));
	ck_assert_int_eq(import_str(db, good, sizeof good - 1, true, &st, &pr), YG_OK);
	ck_assert_uint_eq(st.updated, 1);
	ck_assert_str_eq(fingerprint(db), before);
	ck_assert_int_eq(yg_begin(db), YG_OK);
	ck_assert_int_eq(import_str(db, good, sizeof good - 1, true, &st, &pr), YG_OK);
	ck_assert_int_eq(import_str(db, "x\r\n", 3, false, &st, &pr), YG_EINVAL);
	ck_assert_int_eq(yg_commit(db), YG_OK);
	ck_assert_str_eq(fingerprint(db), before);
	tl_db_free(db);
}
END_TEST

START_TEST(test_import_bom_quoted_comment)
{
	yg_db *db = tl_db_new();
	struct yg_import_stats st;
	struct problems pr;
	static const char text[] = "\xEF\xBB\xBF" HEADER
		"staffing.staff_on_post,202609,T2,,,42,clk2,2026-10-04T10:30:00+08:00,"
		"\"说明, with \"\"quotes\"\"\r\nand a new line\",false,false,approved\r\n"
		"staffing.hires,202609,T2,,,x,clk2,,,false,false,approved\r\n";

	ck_assert_int_eq(import_str(db, text, sizeof text - 1, false, &st, &pr), YG_EINVAL);
	/* The bad line is counted from the file's real lines: the quoted
	 * comment spans lines 2 and 3. */
	ck_assert_uint_eq(pr.n, 1);
	ck_assert_uint_eq(pr.lines[0], 4);
	ck_assert_ptr_nonnull(strstr(pr.text, "staffing.hires") ? pr.text : strstr(pr.text, "ires"));
	tl_db_free(db);
}
END_TEST

/* ---- GB18030 ---- */

static char *convert(const char *to, const char *from, const char *s, size_t n, size_t *outn)
{
	iconv_t cd = iconv_open(to, from);
	size_t cap = 4 * n + 16, left = cap;
	char *out = malloc(cap), *o = out, *in = (char *)s;

	ck_assert(cd != (iconv_t)-1);
	ck_assert_uint_ne(iconv(cd, &in, &n, &o, &left), (size_t)-1);
	iconv_close(cd);
	*outn = cap - left;
	return out;
}

START_TEST(test_gb18030)
{
	yg_db *db = tl_db_new();
	struct yg_org t4 = { .code = "T4", .name = "䶮𠮷镇卫生院", .kind = YG_KIND_TOWNSHIP,
		.tier = YG_TIER_PRIMARY, .parent_code = "M1" };
	struct yg_export_opts o = { .from = 202609, .format = YG_CSV_WIDE, .form = "staffing" };
	struct yg_import_stats st;
	struct problems pr;
	char *utf8, *gb, *back, *gbfile;
	size_t gblen, backlen, gbfilelen;
	int rc;
	static const char text[] = HEADER
		"staffing.staff_on_post,202609,T4,,,42,clk2,2026-10-04T10:30:00+08:00,"
		"䶮𠮷 comment,false,false,approved\r\n";

	ck_assert_int_eq(yg_org_put(db, &t4, NULL), YG_OK);
	/* A GB18030 file is recognised and decoded (GBK could not hold 䶮 𠮷). */
	gbfile = convert("GB18030", "UTF-8", text, sizeof text - 1, &gbfilelen);
	ck_assert_msg(import_str(db, gbfile, gbfilelen, false, &st, &pr) == YG_OK, "%s%s",
		yg_errmsg(), pr.text);
	ck_assert_uint_eq(st.imported, 1);
	free(gbfile);

	utf8 = export_str(db, &o, &rc, NULL);
	ck_assert_int_eq(rc, YG_OK);
	ck_assert_ptr_nonnull(strstr(utf8, "T4,䶮𠮷镇卫生院,2026-09,approved,"));
	o.encoding = YG_ENC_GB18030;
	{
		char *buf = NULL;
		size_t len = 0;
		FILE *fp = open_memstream(&buf, &len);
		struct yg_export_stats es;
		ck_assert_int_eq(yg_export(db, &o, fp, &es), YG_OK);
		fclose(fp);
		gb = buf;
		gblen = len;
		ck_assert_str_eq(es.sha256, sha_hex(gb, gblen));
	}
	ck_assert_ptr_null(memmem(gb, gblen, "䶮", strlen("䶮")));
	back = convert("UTF-8", "GB18030", gb, gblen, &backlen);
	ck_assert_uint_eq(backlen, strlen(utf8));
	ck_assert(memcmp(back, utf8, backlen) == 0);
	free(utf8);
	free(gb);
	free(back);

	/* And with a byte-order mark. */
	o.encoding = YG_ENC_UTF8_BOM;
	utf8 = export_str(db, &o, &rc, NULL);
	ck_assert(memcmp(utf8, "\xEF\xBB\xBF", 3) == 0);
	free(utf8);
	tl_db_free(db);
}
END_TEST

/* ---- injection in the wide and record exports ---- */

START_TEST(test_injection_wide)
{
	yg_db *db = tl_db_new();
	struct yg_org t5 = { .code = "T5", .name = "=HYPERLINK(\"http://x\",\"点我\")",
		.kind = YG_KIND_TOWNSHIP, .tier = YG_TIER_PRIMARY, .parent_code = "M1" };
	struct yg_export_opts o = { .from = 202609, .format = YG_CSV_WIDE, .form = "staffing" };
	struct yg_import_stats st;
	struct problems pr;
	static const char text[] = HEADER
		"staffing.staff_on_post,202609,T5,,,7,,,,false,false,approved\r\n";
	char *s;
	int rc;

	ck_assert_int_eq(yg_org_put(db, &t5, NULL), YG_OK);
	ck_assert_int_eq(import_str(db, text, sizeof text - 1, false, &st, &pr), YG_OK);
	s = export_str(db, &o, &rc, NULL);
	ck_assert_int_eq(rc, YG_OK);
	ck_assert_msg(strstr(s, "T5,\"'=HYPERLINK(\"\"http://x\"\",\"\"点我\"\")\",2026-09,") != NULL,
		"%s", s);
	ck_assert_ptr_nonnull(strstr(s, ",7,"));
	free(s);
	tl_db_free(db);
}
END_TEST

/* ---- the workbook (xlsx_export.c); tests/xlsx_export.sh reads its cells ---- */

START_TEST(test_export_xlsx)
{
	yg_db *db = tl_db_new();
	struct yg_org t5 = { .code = "T5", .name = "=HYPERLINK(\"http://x\",\"点我\")",
		.kind = YG_KIND_TOWNSHIP, .tier = YG_TIER_PRIMARY, .parent_code = "M1" };
	struct yg_export_opts o = { .from = 202609, .format = YG_CSV_WIDE, .form = "staffing" };
	struct yg_export_stats es;
	struct yg_import_stats st;
	struct problems pr;
	static const char text[] = HEADER
		"staffing.staff_on_post,202609,T5,,,7,,,,false,false,approved\r\n";
	char *wide, *buf = NULL;
	size_t len = 0;
	FILE *fp;
	int rc;

	ck_assert_int_eq(yg_csv_format_parse("xlsx"), YG_CSV_XLSX);
	ck_assert_str_eq(yg_csv_format_name(YG_CSV_XLSX), "xlsx");
	ck_assert_int_eq(yg_org_put(db, &t5, NULL), YG_OK);
	ck_assert_int_eq(import_str(db, text, sizeof text - 1, false, &st, &pr), YG_OK);
	wide = export_str(db, &o, &rc, NULL);
	ck_assert_int_eq(rc, YG_OK);

	/* A zip container, hashed as written; the data digest is that of the
	 * form's wide CSV, the one sheet's source. */
	o.format = YG_CSV_XLSX;
	o.encoding = YG_ENC_GB18030; /* not used by a workbook */
	fp = open_memstream(&buf, &len);
	ck_assert_msg(yg_export(db, &o, fp, &es) == YG_OK, "%s", yg_errmsg());
	fclose(fp);
	ck_assert_uint_gt(len, 4);
	ck_assert(memcmp(buf, "PK\3\4", 4) == 0);
	ck_assert_uint_eq(es.bytes, len);
	ck_assert_str_eq(es.sha256, sha_hex(buf, len));
	ck_assert_str_eq(es.data_sha256, sha_hex(wide, strlen(wide)));
	ck_assert_uint_eq(es.rows, 1);
	ck_assert_uint_eq(es.institutions, 1);
	ck_assert_uint_eq(es.periods, 1);
	free(buf);
	free(wide);

	/* Records are not a workbook's; the encoding of a CSV is not checked. */
	o.form = "referral";
	fp = open_memstream(&buf, &len);
	ck_assert_int_eq(yg_export(db, &o, fp, &es), YG_EINVAL);
	ck_assert_ptr_nonnull(strstr(yg_errmsg(), "xlsx"));
	fclose(fp);
	free(buf);
	tl_db_free(db);
}
END_TEST

START_TEST(test_records_wide)
{
	yg_db *db = tl_db_new();
	const struct yg_form *f = yg_form_find("referral");
	struct yg_record *r = yg_record_new(f, 0);
	struct yg_export_opts o = { .from = 202609, .format = YG_CSV_WIDE, .form = "referral" };
	struct yg_org t1;
	char *s;
	int rc;

	ck_assert_int_eq(yg_org_get(db, "T1", &t1), YG_OK);
	r->org_id = t1.id;
	yg_org_clear(&t1);
	ck_assert_int_eq(yg_record_set(r, "date", "2026-09-10"), YG_OK);
	ck_assert_int_eq(yg_record_set(r, "patient_ref", "-P001, \"甲\""), YG_OK);
	ck_assert_int_eq(yg_record_set(r, "direction", "up"), YG_OK);
	ck_assert_int_eq(yg_record_set(r, "from_org", "T1"), YG_OK);
	ck_assert_int_eq(yg_record_set(r, "to_org", "H1"), YG_OK);
	ck_assert_int_eq(yg_record_set(r, "in_community", "yes"), YG_OK);
	ck_assert_int_eq(yg_record_set(r, "diagnosis", "I10"), YG_OK);
	ck_assert_int_eq(yg_record_set(r, "by_family_doctor", "yes"), YG_OK);
	ck_assert_int_eq(yg_record_set(r, "status", "pending"), YG_OK);
	ck_assert_int_eq(yg_record_set(r, "reserved_used", "no"), YG_OK);
	tl_login(db, "clk1");
	ck_assert_msg(yg_record_save(db, r, NULL) == YG_OK, "%s", yg_errmsg());
	yg_record_free(r);
	tl_login(db, "rev1");
	s = export_str(db, &o, &rc, NULL);
	ck_assert_int_eq(rc, YG_OK);
	ck_assert_msg(strstr(s, "\"'-P001, \"\"甲\"\"\"") != NULL, "%s", s);
	ck_assert_ptr_nonnull(strstr(s, "T1,"));
	free(s);
	/* Another month: the referral is not in it. */
	o.from = 202608;
	s = export_str(db, &o, &rc, NULL);
	ck_assert_ptr_null(strstr(s, "P001"));
	free(s);
	tl_db_free(db);
}
END_TEST

/* ---- malformed files: refused whole, every bad line told ---- */

static const struct {
	const char *name;
	const char *body;       /* after the header */
	uint64_t lines[4];      /* the bad lines, 0-terminated */
} bad_files[] = {
	{ "bad quoting", "staffing.hires,202609,T1,,,\"4\"2,,,,false,false,approved\r\n", { 2 } },
	{ "column count", "staffing.hires,202609,T1,,,4\r\n", { 2 } },
	{ "bad number", "staffing.hires,202609,T1,,,4.5,,,,false,false,approved\r\n"
		"procurement.drug_amount,202609,T1,,,12.345,,,,false,false,approved\r\n"
		"staffing.hires,202609,T2,,,-3,,,,false,false,approved\r\n", { 2, 3, 4 } },
	{ "unknown key", "staffing.nurses_typo,202609,T1,,,4,,,,false,false,approved\r\n"
		"referral.patient_ref,202609,T1,,,x,,,,false,false,approved\r\n", { 2, 3 } },
	{ "unknown org", "staffing.hires,202609,ZZ9,,,4,,,,false,false,approved\r\n", { 2 } },
	{ "bad period", "staffing.hires,202613,T1,,,4,,,,false,false,approved\r\n", { 2 } },
	{ "form does not apply", "capacity.beds,202609,T1,,,4,,,,false,false,approved\r\n", { 2 } },
	{ "duplicates", "staffing.hires,202609,T1,,,4,,,,false,false,approved\r\n"
		"staffing.hires,202609,T1,,,5,,,,false,false,approved\r\n", { 3 } },
	{ "bad status", "staffing.hires,202609,T1,,,4,,,,false,false,done\r\n", { 2 } },
	{ "mixed status", "staffing.hires,202609,T1,,,4,,,,false,false,approved\r\n"
		"staffing.departures,202609,T1,,,1,,,,false,false,draft\r\n", { 3 } },
	{ "deleted", "staffing.hires,202609,T1,,,4,,,,false,true,approved\r\n", { 2 } },
	{ "empty value", "staffing.hires,202609,T1,,,,,,,false,false,approved\r\n", { 2 } },
	{ "bad storedby and time", "staffing.hires,202609,T1,,,4,\"a\tb\",,,false,false,approved\r\n"
		"staffing.departures,202609,T1,,,1,x,yesterday,,false,false,approved\r\n", { 2, 3 } },
	{ "option combos", "staffing.hires,202609,T1,HllvX50cXC0,,4,,,,false,false,approved\r\n",
		{ 2 } },
};

START_TEST(test_malformed)
{
	yg_db *db = tl_db_new();
	struct yg_import_stats st;
	struct problems pr;
	char before[65];
	/* one good line first: it must not be written either */
	char *text = yg_asprintf(HEADER
		"staffing.staff_on_post,202609,T2,,,42,,,,false,false,approved\r\n%s",
		bad_files[_i].body);
	size_t n = 0;

	strcpy(before, fingerprint(db));
	ck_assert_int_eq(import_str(db, text, strlen(text), false, &st, &pr), YG_EINVAL);
	for (; bad_files[_i].lines[n]; n++)
		ck_assert_msg(pr.lines[n] == bad_files[_i].lines[n] + 1,
			"%s: problem %zu at line %llu, expected %llu\n%s", bad_files[_i].name, n,
			(unsigned long long)pr.lines[n],
			(unsigned long long)bad_files[_i].lines[n] + 1, pr.text);
	ck_assert_msg(pr.n == n, "%s: %zu problems, expected %zu\n%s", bad_files[_i].name, pr.n,
		n, pr.text);
	ck_assert_uint_eq(st.rejected, n);
	ck_assert_str_eq(fingerprint(db), before);
	if (strcmp(bad_files[_i].name, "unknown org") == 0)
		ck_assert_str_eq(st.unknown_orgs, "ZZ9");
	yg_import_stats_clear(&st);
	free(text);
	tl_db_free(db);
}
END_TEST

START_TEST(test_malformed_whole_file)
{
	yg_db *db = tl_db_new();
	struct yg_import_stats st;
	struct problems pr;
	char before[65];
	static const char junk[] = "\x7f" "ELF\x02\x01\x01\x00\x00\x00\xff\xfe\r\n\x00\x01";
	size_t big = 5 * 1024 * 1024;
	char *huge = malloc(big + 256);
	int n;

	strcpy(before, fingerprint(db));
	ck_assert_int_eq(import_str(db, "", 0, false, &st, &pr), YG_EINVAL);
	ck_assert_ptr_nonnull(strstr(yg_errmsg(), "empty"));
	ck_assert_int_eq(import_str(db, junk, sizeof junk - 1, false, &st, &pr), YG_EINVAL);
	ck_assert_uint_ge(pr.n, 1);
	ck_assert_int_eq(import_str(db, "code,name\r\nT1,x\r\n", 17, false, &st, &pr), YG_EINVAL);
	ck_assert_uint_eq(pr.lines[0], 1);
	/* A line of several megabytes: refused with its number, the next
	 * line still checked. */
	n = snprintf(huge, 256, HEADER "staffing.hires,202609,T1,,,");
	memset(huge + n, '9', big);
	n += (int)big;
	n += snprintf(huge + n, 256, ",,,,false,false,approved\r\n"
		"staffing.hires,202609,ZZ,,,1,,,,false,false,approved\r\n");
	ck_assert_int_eq(import_str(db, huge, (size_t)n, false, &st, &pr), YG_EINVAL);
	ck_assert_uint_eq(pr.n, 2);
	ck_assert_uint_eq(pr.lines[0], 2);
	ck_assert_uint_eq(pr.lines[1], 3);
	yg_import_stats_clear(&st);
	ck_assert_str_eq(fingerprint(db), before);
	free(huge);
	tl_db_free(db);
}
END_TEST

START_TEST(test_import_scope_and_role)
{
	yg_db *db = tl_db_new();
	struct yg_import_stats st;
	struct problems pr;

	/* rev2 reviews M2: T1 and T2 are outside. */
	tl_login(db, "rev2");
	ck_assert_int_eq(import_str(db, good, sizeof good - 1, false, &st, &pr), YG_EINVAL);
	ck_assert_uint_eq(st.rejected, 6);
	ck_assert_ptr_nonnull(strstr(pr.text, "outside your scope"));
	tl_login(db, "clk1");
	ck_assert_int_eq(import_str(db, good, sizeof good - 1, false, &st, &pr), YG_EPERM);
	tl_login(db, "rev1");
	ck_assert_int_eq(import_str(db, good, sizeof good - 1, false, &st, &pr), YG_OK);
	tl_db_free(db);
}
END_TEST

/* ---- progress and backup ---- */

static bool progress(void *arg, uint64_t done, uint64_t total)
{
	uint64_t *last = arg;
	ck_assert_uint_le(done, total);
	*last = done;
	return true;
}

START_TEST(test_progress_and_backup)
{
	yg_db *db = tl_db_new(), *copy;
	struct yg_import_stats st;
	struct problems pr;
	uint64_t last = 0;
	struct yg_export_opts o = { .from = 202609, .to = 202610, .include_unapproved = true,
		.progress = progress, .progress_arg = &last };
	char *s, *path;
	int rc;

	ck_assert_int_eq(import_str(db, good, sizeof good - 1, false, &st, &pr), YG_OK);
	s = export_str(db, &o, &rc, NULL);
	ck_assert_uint_eq(last, 6);
	free(s);

	path = yg_asprintf("%s.backup", tl_db_path());
	tl_login(db, "revc");
	ck_assert_int_eq(yg_backup(db, path), YG_EPERM);
	tl_login(db, "adm");
	ck_assert_int_eq(yg_backup(db, path), YG_OK);
	ck_assert_int_eq(yg_backup(db, path), YG_EEXIST);
	ck_assert_int_eq(yg_db_open(path, &copy), YG_OK);
	ck_assert_int_eq(count(copy, "SELECT count(*) FROM value"), 6);
	yg_db_close(copy);
	unlink(path);
	free(path);
	tl_db_free(db);
}
END_TEST

static Suite *csv_suite(void)
{
	Suite *s = suite_create("csv");
	TCase *tc = tcase_create("cells");

	tcase_add_unchecked_fixture(tc, setup, NULL);
	tcase_add_loop_test(tc, test_sha256_vectors, 0, 2);
	tcase_add_test(tc, test_guard);
	tcase_add_test(tc, test_writer_quoting);
	suite_add_tcase(s, tc);

	tc = tcase_create("export");
	tcase_add_unchecked_fixture(tc, setup, NULL);
	tcase_add_test(tc, test_export_long_lifecycle);
	tcase_add_test(tc, test_export_approved_only);
	tcase_add_test(tc, test_gb18030);
	tcase_add_test(tc, test_injection_wide);
	tcase_add_test(tc, test_export_xlsx);
	tcase_add_test(tc, test_records_wide);
	tcase_add_test(tc, test_progress_and_backup);
	suite_add_tcase(s, tc);

	tc = tcase_create("import");
	tcase_add_unchecked_fixture(tc, setup, NULL);
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, test_round_trip);
	tcase_add_test(tc, test_comment_followup_storedby);
	tcase_add_test(tc, test_import_updates_and_audits);
	tcase_add_test(tc, test_import_bom_quoted_comment);
	tcase_add_loop_test(tc, test_malformed, 0, sizeof bad_files / sizeof bad_files[0]);
	tcase_add_test(tc, test_malformed_whole_file);
	tcase_add_test(tc, test_import_scope_and_role);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(csv_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
