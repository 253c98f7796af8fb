/*
 * check_core.c — the core's promises: schema and migrations, exact values,
 * the life of a submission for every role and scope, conflicts, audit.
 */
#include <check.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/stat.h>
#include <unistd.h>

#include "internal.h" /* yg_upgrade_fault, yg_errmsg_lang */
#include "statusfmt.h"
#include "testlib.h"

/* ---- a small form of our own, so the core is tested apart from forms/ ---- */

static void rule_beds(const struct yg_check_ctx *ctx, const struct yg_rule *r,
	struct yg_findings *out)
{
	int64_t beds = yg_ctx_num(ctx, "beds");
	if (beds > 100)
		yg_findings_add(out, r->id, r->severity, "beds",
			"%lld beds is over 100", (long long)beds);
}

static void rule_spend(const struct yg_check_ctx *ctx, const struct yg_rule *r,
	struct yg_findings *out)
{
	int64_t fen = yg_ctx_num(ctx, "spend");
	if (fen > 100000)
		yg_findings_add(out, r->id, r->severity, "spend", "spending is high");
}

static const struct yg_choice colours[] = {
	{ "red", "红", "red" }, { "blue", "蓝", "blue" }, { NULL, NULL, NULL },
};

static const struct yg_field tform_fields[] = {
	{ .key = "beds", .zh = "床位", .en = "beds", .type = YG_T_COUNT, .max = 100000,
	  .required = true },
	{ .key = "spend", .zh = "支出", .en = "spending", .type = YG_T_AMOUNT,
	  .max = 100000000000, .required = true },
	{ .key = "note", .zh = "备注", .en = "note", .type = YG_T_TEXT, .max = 10 },
	{ .key = "colour", .zh = "颜色", .en = "colour", .type = YG_T_CHOICE, .choices = colours },
	{ .key = "opened", .zh = "开业日期", .en = "opened", .type = YG_T_DATE },
};

static const struct yg_rule tform_rules[] = {
	{ .id = "X1", .severity = YG_SEV_ERROR, .source = "test", .check = rule_beds },
	{ .id = "W1", .severity = YG_SEV_WARNING, .source = "test", .check = rule_spend },
};

static const struct yg_form tform = {
	.key = "tform", .zh = "测试表", .en = "test form",
	.kinds = YG_KIND_BIT(YG_KIND_TOWNSHIP),
	.fields = tform_fields, .nfields = sizeof tform_fields / sizeof tform_fields[0],
	.rules = tform_rules, .nrules = sizeof tform_rules / sizeof tform_rules[0],
};

static const struct yg_field trec_fields[] = {
	{ .key = "name", .zh = "姓名", .en = "name", .type = YG_T_TEXT, .max = 20, .required = true },
};

/* A test record's monthly activity (yg_activity_get/set). */
static const struct yg_field tact_fields[] = {
	{ .key = "days", .zh = "天数", .en = "days", .type = YG_T_COUNT, .max = 31 },
};

static const struct yg_form tact = {
	.key = "tact", .zh = "测试工作量", .en = "test activity", .fields = tact_fields,
	.nfields = 1,
};

static const struct yg_form trec = {
	.key = "trec", .zh = "测试记录", .en = "test record", .is_record = true,
	.kinds = YG_KIND_BIT(YG_KIND_TOWNSHIP), .fields = trec_fields, .nfields = 1,
	.activity = &tact,
};

static const struct yg_form *const test_forms[] = { &tform, &trec };

static yg_db *db;

static void setup(void)
{
	yg_forms_register(test_forms, 2);
	db = tl_db_new();
}

static void teardown(void)
{
	tl_db_free(db);
	db = NULL;
}

static struct yg_sub *load(const char *org)
{
	struct yg_sub *sub = NULL;
	ck_assert_msg(yg_sub_load(db, "tform", org, 202610, &sub) == YG_OK, "%s", yg_errmsg());
	return sub;
}

/* A submission of T1 for 2026-10, valid, saved by clk1; leaves clk1 logged in. */
static struct yg_sub *valid_draft(void)
{
	tl_login(db, "clk1");
	struct yg_sub *sub = load("T1");
	ck_assert_int_eq(yg_sub_set(sub, "beds", "40"), YG_OK);
	ck_assert_int_eq(yg_sub_set(sub, "spend", "500.00"), YG_OK);
	ck_assert_int_eq(yg_sub_save(db, sub), YG_OK);
	return sub;
}

static int64_t count_rows(const char *sql)
{
	sqlite3 *s;
	sqlite3_stmt *st;
	int64_t n = -1;
	ck_assert_int_eq(sqlite3_open(tl_db_path(), &s), SQLITE_OK);
	ck_assert_int_eq(sqlite3_prepare_v2(s, sql, -1, &st, NULL), SQLITE_OK);
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(s);
	return n;
}

/* ---- schema ---- */

START_TEST(test_create_and_open)
{
	yg_db *again = NULL;
	ck_assert_int_eq(yg_db_schema_version(db), yg_schema_latest());
	ck_assert_int_ge(yg_schema_latest(), 2);
	struct stat sb;
	ck_assert_int_eq(stat(tl_db_path(), &sb), 0);
	ck_assert_int_eq(sb.st_mode & 0777, 0660); /* whatever the umask */
	ck_assert_int_eq(yg_db_create(tl_db_path(), &again), YG_EEXIST);
	ck_assert_ptr_null(again);
	ck_assert_int_eq(yg_db_open("/nonexistent/dir/x.db", &again), YG_ENOTFOUND);
	ck_assert_ptr_nonnull(strstr(yg_errmsg(), "yigong init"));
	ck_assert_int_eq(yg_db_open(tl_db_path(), &again), YG_OK);
	yg_db_close(again);
	/* Thresholds come from data/targets.csv, by tier. */
	ck_assert_int_eq(yg_threshold(db, "T8", YG_TIER_PRIMARY, -1), 80);
	ck_assert_int_eq(yg_threshold(db, "T8", YG_TIER_SECONDARY, -1), 60);
	ck_assert_int_eq(yg_threshold(db, "T8", YG_TIER_TERTIARY, -1), 30);
	ck_assert_int_eq(yg_threshold(db, "T11", YG_TIER_TERTIARY, -1), 90);
	ck_assert_int_eq(yg_threshold(db, "T10", YG_TIER_PRIMARY, -1), -1);
}
END_TEST

/* The core's embedded migrations (core/internal.h): a test replays the
 * first to write a database exactly as version 1 did. */
extern const char *const yg_schema_migrations[];

START_TEST(test_migration_from_v1)
{
	sqlite3 *s;
	yg_db *again = NULL;
	yg_db_close(db);
	/* A file as version 1 wrote it: its schema, a county with one
	 * community and its hospital, and version 1's targets table. */
	ck_assert_int_eq(unlink(tl_db_path()), 0);
	ck_assert_int_eq(sqlite3_open(tl_db_path(), &s), SQLITE_OK);
	ck_assert_int_eq(sqlite3_exec(s, yg_schema_migrations[0], NULL, NULL, NULL), SQLITE_OK);
	ck_assert_int_eq(sqlite3_exec(s,
		"INSERT INTO org_unit(id, code, name, kind, tier, parent_id) VALUES"
		" (1, 'C', '县', 'county', '', NULL), (2, 'M1', '东区医共体', 'community', '', 1),"
		" (3, 'H1', '县人民医院', 'hospital', 'secondary', 2),"
		" (4, 'T1', '甲镇卫生院', 'township', 'primary', 2);"
		"INSERT INTO app_user(login, role, org_id) VALUES ('adm', 'admin', 1);"
		"INSERT INTO target VALUES ('T4', '', 3, 'count', '004 西藏 二(二)'),"
		" ('T8', 'primary', 80, 'percent', '001 荆门 2017 一(五)');"
		"PRAGMA application_id = 1497845582; PRAGMA user_version = 1",
		NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(s);
	ck_assert_int_eq(count_rows("SELECT count(*) FROM sqlite_master WHERE name='audit_at'"), 0);
	ck_assert_int_eq(yg_db_open(tl_db_path(), &again), YG_OK);
	ck_assert_int_eq(yg_db_schema_version(again), yg_schema_latest());
	ck_assert_int_eq(count_rows("SELECT count(*) FROM sqlite_master WHERE name='audit_at'"), 1);
	ck_assert_int_eq(count_rows("SELECT count(*) FROM sqlite_master"
		" WHERE name='community_value'"), 1);
	/* Data survived; the hospital under the community is named its lead;
	 * Tibet's target is in force from 2025-09 (seed 004's 完成时限), the
	 * others since ever. */
	ck_assert_int_eq(count_rows("SELECT count(*) FROM org_unit"), 4);
	ck_assert_int_eq(count_rows("SELECT lead_id FROM org_unit WHERE code = 'M1'"), 3);
	ck_assert_int_eq(count_rows("SELECT valid_from FROM target WHERE id = 'T4'"), 202509);
	ck_assert_int_eq(count_rows("SELECT valid_from FROM target WHERE id = 'T8'"), 0);
	ck_assert_int_eq(count_rows("SELECT threshold FROM target WHERE id = 'T8'"), 80);
	/* Units opened when nothing says otherwise (no returns, no audit):
	 * the month of the upgrade (the migration's own clock), so none is
	 * missing before it. */
	ck_assert_int_eq(count_rows("SELECT count(*) FROM org_unit WHERE opened >= 202611"), 4);
	/* And the database as it was is kept beside it. */
	const char *copy = NULL;
	char want[400];
	snprintf(want, sizeof want, "%s.before-upgrade.v1", tl_db_path());
	ck_assert_int_eq(yg_db_upgraded_from(again, &copy), 1);
	ck_assert_str_eq(copy, want);
	ck_assert_int_eq(unlink(want), 0);
	db = again;
}
END_TEST

/* The injected failure: every migration applied, then the last step fails. */
static int fail_before_commit(yg_db *d)
{
	(void)d;
	return yg_fail(YG_ERROR, "injected fault");
}

/* A migration that leaves a row pointing nowhere; and one that looks at
 * whether foreign keys are on (they must not be: a table rebuilt by drop
 * and rename would take every row that refers to it along). */
static int dangling_row(yg_db *d)
{
	return yg_exec(d, "INSERT INTO explanation(submission_id, rule, txt) VALUES(987654, 'X', 'x')");
}

static int fk_state = -1;
static int note_foreign_keys(yg_db *d)
{
	sqlite3_stmt *st = yg_prepare(d, "PRAGMA foreign_keys");
	if (st && sqlite3_step(st) == SQLITE_ROW)
		fk_state = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	/* What a rebuilt table does: the parent goes; its children stay. */
	return yg_exec(d, "CREATE TABLE submission_keep AS SELECT * FROM submission;"
		" DELETE FROM submission; INSERT INTO submission SELECT * FROM submission_keep;"
		" DROP TABLE submission_keep");
}

START_TEST(test_failed_upgrade_leaves_it_as_it_was)
{
	sqlite3 *s;
	yg_db *again = NULL;
	char copy[400], fixture[400], *sql;
	const char *srcdir = getenv("top_srcdir");
	FILE *f;
	long len;
	int64_t audit;

	/* The 0.1 demo county (tests/fixtures), a schema older still (003's
	 * table gone, as schema 2 had it): whatever migrations this build has,
	 * one at least is pending. */
	yg_db_close(db);
	db = NULL;
	unlink(tl_db_path());
	snprintf(fixture, sizeof fixture, "%s/tests/fixtures/v0.1-demo.sql", srcdir ? srcdir : ".");
	ck_assert_ptr_nonnull(f = fopen(fixture, "r"));
	fseek(f, 0, SEEK_END);
	len = ftell(f);
	rewind(f);
	ck_assert_ptr_nonnull(sql = calloc(1, (size_t)len + 1));
	ck_assert_int_eq(fread(sql, 1, (size_t)len, f), len);
	fclose(f);
	ck_assert_int_eq(sqlite3_open(tl_db_path(), &s), SQLITE_OK);
	ck_assert_int_eq(sqlite3_exec(s, sql, NULL, NULL, NULL), SQLITE_OK);
	ck_assert_int_eq(sqlite3_exec(s, "DROP TABLE community_value; PRAGMA user_version = 2",
		NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(s);
	free(sql);
	audit = count_rows("SELECT count(*) FROM audit");
	ck_assert_int_gt(audit, 1000);
	yg_upgrade_fault = fail_before_commit;
	yg_set_lang(YG_EN);
	ck_assert_int_eq(yg_db_open(tl_db_path(), &again), YG_ERROR);
	yg_set_lang(YG_ZH);
	yg_upgrade_fault = NULL;
	ck_assert_ptr_null(again);
	ck_assert_ptr_nonnull(strstr(yg_errmsg_lang(YG_EN), "injected fault"));
	ck_assert_ptr_nonnull(strstr(yg_errmsg_lang(YG_EN), "left as it was"));
	ck_assert_ptr_nonnull(strstr(yg_errmsg_lang(YG_ZH), "保持原样"));
	ck_assert_int_eq(count_rows("PRAGMA user_version"), 2);
	ck_assert_int_eq(count_rows("SELECT count(*) FROM sqlite_master"
		" WHERE name = 'community_value'"), 0);
	ck_assert_int_eq(count_rows("SELECT count(*) FROM audit"), audit);
	snprintf(copy, sizeof copy, "%s.before-upgrade.v2", tl_db_path());
	ck_assert_int_eq(access(copy, F_OK), -1);
	/* A migration leaving a reference to nothing fails the same way. */
	yg_upgrade_fault = dangling_row;
	ck_assert_int_eq(yg_db_open(tl_db_path(), &again), YG_ERROR);
	yg_upgrade_fault = NULL;
	ck_assert_ptr_nonnull(strstr(yg_errmsg_lang(YG_EN), "refers to a missing row"));
	ck_assert_ptr_nonnull(strstr(yg_errmsg_lang(YG_EN), "left as it was"));
	ck_assert_int_eq(count_rows("PRAGMA user_version"), 2);
	ck_assert_int_eq(count_rows("SELECT count(*) FROM explanation WHERE submission_id = 987654"),
		0);
	ck_assert_int_eq(access(copy, F_OK), -1);
	/* Migrations run with foreign keys off, so a parent emptied and
	 * refilled keeps its children; on again afterwards. */
	int64_t values = count_rows("SELECT count(*) FROM value");
	ck_assert_int_gt(values, 1000);
	yg_upgrade_fault = note_foreign_keys;
	ck_assert_msg(yg_db_open(tl_db_path(), &db) == YG_OK, "%s", yg_errmsg());
	yg_upgrade_fault = NULL;
	ck_assert_int_eq(fk_state, 0);
	ck_assert_int_eq(count_rows("SELECT count(*) FROM value"), values);
	ck_assert_int_eq(yg_db_upgraded_from(db, NULL), 2);
	ck_assert_int_eq(yg_db_schema_version(db), yg_schema_latest());
	ck_assert_int_eq(count_rows("SELECT count(*) FROM audit"), audit);
	ck_assert_int_eq(unlink(copy), 0);
	{
		sqlite3_stmt *st = yg_prepare(db, "PRAGMA foreign_keys");
		ck_assert_int_eq(sqlite3_step(st), SQLITE_ROW);
		ck_assert_int_eq(sqlite3_column_int(st, 0), 1);
		sqlite3_finalize(st);
	}
}
END_TEST

START_TEST(test_refuses_foreign_and_newer_files)
{
	sqlite3 *s;
	yg_db *other = NULL;
	char p[400];
	snprintf(p, sizeof p, "%s.other", tl_db_path());
	ck_assert_int_eq(sqlite3_open(p, &s), SQLITE_OK);
	sqlite3_exec(s, "CREATE TABLE x(a); PRAGMA user_version = 3", NULL, NULL, NULL);
	sqlite3_close(s);
	ck_assert_int_eq(yg_db_open(p, &other), YG_EINVAL);
	ck_assert_ptr_nonnull(strstr(yg_errmsg(), "Yigong"));
	unlink(p);
	FILE *f = fopen(p, "w");
	fputs("this is not a database, just text, long enough to fill a header page\n", f);
	fclose(f);
	ck_assert_int_eq(yg_db_open(p, &other), YG_EINVAL);
	ck_assert_ptr_nonnull(strstr(yg_errmsg(), "Yigong"));
	unlink(p);
	yg_db_close(db);
	ck_assert_int_eq(sqlite3_open(tl_db_path(), &s), SQLITE_OK);
	sqlite3_exec(s, "PRAGMA user_version = 99", NULL, NULL, NULL);
	sqlite3_close(s);
	ck_assert_int_eq(yg_db_open(tl_db_path(), &db), YG_EINVAL);
	ck_assert_ptr_nonnull(strstr(yg_errmsg(), "99"));
	ck_assert_int_eq(sqlite3_open(tl_db_path(), &s), SQLITE_OK);
	char *latest = sqlite3_mprintf("PRAGMA user_version = %d", yg_schema_latest());
	sqlite3_exec(s, latest, NULL, NULL, NULL);
	sqlite3_free(latest);
	sqlite3_close(s);
	ck_assert_int_eq(yg_db_open(tl_db_path(), &db), YG_OK);
}
END_TEST

/* ---- values ---- */

START_TEST(test_periods_and_dates)
{
	yg_period p;
	yg_date d;
	char buf[11];
	ck_assert_int_eq(yg_period_parse("2026-10", &p), YG_OK);
	ck_assert_int_eq(p, 202610);
	ck_assert_int_eq(yg_period_parse("202603", &p), YG_OK);
	ck_assert_int_eq(p, 202603);
	const char *bad[] = { "2026-13", "2026-00", "2026/10", "26-10", "2026-1", "", "abcd-ef",
		"2026-10x", "1800-01" };
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		ck_assert_msg(yg_period_parse(bad[i], &p) == YG_EINVAL, "%s accepted", bad[i]);
	ck_assert_int_eq(yg_period_add(202611, 2), 202701);
	ck_assert_int_eq(yg_period_add(202601, -1), 202512);
	ck_assert_int_eq(yg_period_days(202402), 29);
	ck_assert_int_eq(yg_period_days(202502), 28);
	ck_assert_int_eq(yg_date_parse("2024-02-29", &d), YG_OK);
	yg_date_format(d, buf);
	ck_assert_str_eq(buf, "2024-02-29");
	ck_assert_int_eq(yg_date_parse("2025-02-29", &d), YG_EINVAL);
	ck_assert_int_eq(yg_date_parse("2025-2-1", &d), YG_EINVAL);
	/* As people type them: taken and stored as ISO.  Files keep ISO only. */
	{
		static const char *const typed[] = { "2026-11-01", "2026-11-1", "2026/11/1",
			"2026.11.1", "20261101", "2026/11/01" };
		static const char *const wrong[] = { "2026-11/1", "2026-111-1", "202611011",
			"2026/13/1", "2026/2/30", "26/11/1", "2026-11-", "x" };

		for (size_t i = 0; i < sizeof typed / sizeof typed[0]; i++) {
			ck_assert_msg(yg_date_parse_typed(typed[i], &d) == YG_OK, "%s", typed[i]);
			ck_assert_int_eq(d, yg_date_from_ymd(2026, 11, 1));
		}
		for (size_t i = 0; i < sizeof wrong / sizeof wrong[0]; i++)
			ck_assert_msg(yg_date_parse_typed(wrong[i], &d) == YG_EINVAL, "%s", wrong[i]);
	}
	ck_assert_int_eq(yg_date_parse("1900-01-01", &d), YG_EINVAL);
	ck_assert_int_eq(yg_date_from_ymd(1970, 1, 1), 0);
	ck_assert_int_eq(yg_date_from_ymd(2025, 7, 14) - yg_date_from_ymd(2025, 1, 15), 180);
	/* The due date follows the county's due day. */
	ck_assert_int_eq(yg_due_date(db, 202610), yg_date_from_ymd(2026, 11, 5));
	ck_assert_int_eq(yg_setting_set_int(db, YG_SET_DUE_DAY, 10), YG_OK);
	ck_assert_int_eq(yg_due_date(db, 202612), yg_date_from_ymd(2027, 1, 10));
	ck_assert_int_eq(yg_setting_set_int(db, YG_SET_DUE_DAY, 31), YG_EINVAL);
	tl_login(db, "rev1");
	ck_assert_int_eq(yg_setting_set_int(db, YG_SET_DUE_DAY, 7), YG_EPERM);
}
END_TEST

START_TEST(test_counts_and_amounts_are_exact)
{
	int64_t v;
	char buf[24];
	ck_assert_int_eq(yg_parse_count("42", 1000, &v), YG_OK);
	ck_assert_int_eq(v, 42);
	ck_assert_int_eq(yg_parse_count(" 7 ", 1000, &v), YG_OK);
	ck_assert_int_eq(yg_parse_count("４２", 1000, &v), YG_OK); /* full-width */
	ck_assert_int_eq(v, 42);
	ck_assert_int_eq(yg_parse_count("abc", 1000, &v), YG_EINVAL);
	ck_assert_int_eq(yg_parse_count("-1", 1000, &v), YG_EINVAL);
	ck_assert_int_eq(yg_parse_count("4 2", 1000, &v), YG_EINVAL);
	ck_assert_int_eq(yg_parse_count("1001", 1000, &v), YG_EINVAL);
	ck_assert_int_eq(yg_parse_count("12345678901234567890", INT64_MAX, &v), YG_EINVAL);
	ck_assert_int_eq(yg_parse_count("1.5", 1000, &v), YG_EINVAL);

	ck_assert_int_eq(yg_parse_fen("0.1", INT64_MAX, &v), YG_OK);
	ck_assert_int_eq(v, 10);
	ck_assert_int_eq(yg_parse_fen("0.29", INT64_MAX, &v), YG_OK);
	ck_assert_int_eq(v, 29); /* 0.29 * 100 is 28.999… in floating point */
	ck_assert_int_eq(yg_parse_fen("1,234.50", INT64_MAX, &v), YG_OK);
	ck_assert_int_eq(v, 123450);
	ck_assert_int_eq(yg_parse_fen("¥88", INT64_MAX, &v), YG_OK);
	ck_assert_int_eq(v, 8800);
	ck_assert_int_eq(yg_parse_fen("12345678901.99", INT64_MAX, &v), YG_OK);
	ck_assert_int_eq(v, 1234567890199);
	ck_assert_int_eq(yg_parse_fen("1.234", INT64_MAX, &v), YG_EINVAL);
	ck_assert_int_eq(yg_parse_fen("-5", INT64_MAX, &v), YG_EINVAL);
	ck_assert_int_eq(yg_parse_fen("1e5", INT64_MAX, &v), YG_EINVAL);
	ck_assert_int_eq(yg_parse_fen(".", INT64_MAX, &v), YG_EINVAL);
	ck_assert_int_eq(yg_parse_fen("99999999999999999999", INT64_MAX, &v), YG_EINVAL);
	yg_format_fen(123405, buf);
	ck_assert_str_eq(buf, "1234.05");
	yg_format_fen(-150, buf);
	ck_assert_str_eq(buf, "-1.50");

	/* Stored and read back to the fen. */
	struct yg_sub *sub = valid_draft();
	ck_assert_int_eq(yg_sub_set(sub, "spend", "0.29"), YG_OK);
	ck_assert_int_eq(yg_sub_save(db, sub), YG_OK);
	yg_sub_free(sub);
	sub = load("T1");
	ck_assert_int_eq(yg_sub_value(sub, "spend")->num, 29);
	yg_sub_free(sub);
	ck_assert_int_eq(count_rows("SELECT num FROM value WHERE key = 'spend'"), 29);
	ck_assert_int_eq(count_rows("SELECT typeof(num) = 'integer' FROM value WHERE key = 'spend'"),
		1);
}
END_TEST

START_TEST(test_field_parse_messages)
{
	struct yg_value v = { 0 };
	const struct yg_field *beds = &tform_fields[0], *note = &tform_fields[2];
	ck_assert_int_eq(yg_field_parse(beds, "12", &v), YG_OK);
	ck_assert_int_eq(v.num, 12);
	/* Bad input leaves the value as it was and names the field. */
	ck_assert_int_eq(yg_field_parse(beds, "12a", &v), YG_EINVAL);
	ck_assert_int_eq(v.num, 12);
	ck_assert_ptr_nonnull(strstr(yg_errmsg(), "床位"));
	yg_set_lang(YG_EN);
	ck_assert_ptr_nonnull(strstr(yg_errmsg(), "beds"));
	yg_set_lang(YG_ZH);
	ck_assert_int_eq(yg_field_parse(beds, "100001", &v), YG_EINVAL);
	ck_assert_int_eq(yg_field_parse(note, "一二三四五六七八九十", &v), YG_OK);
	ck_assert_int_eq(yg_field_parse(note, "一二三四五六七八九十一", &v), YG_EINVAL);
	ck_assert_ptr_nonnull(strstr(yg_errmsg(), "10"));
	ck_assert_int_eq(yg_field_parse(note, "a\x01" "b", &v), YG_EINVAL);
	ck_assert_int_eq(yg_field_parse(note, "\xff\xfe", &v), YG_EINVAL);
	ck_assert_str_eq(v.text, "一二三四五六七八九十");
	ck_assert_int_eq(yg_field_parse(&tform_fields[3], "蓝", &v), YG_OK);
	ck_assert_str_eq(v.text, "blue");
	ck_assert_int_eq(yg_field_parse(&tform_fields[3], "green", &v), YG_EINVAL);
	ck_assert_ptr_nonnull(strstr(yg_errmsg(), "red"));
	ck_assert_int_eq(yg_field_parse(&tform_fields[4], "2026-02-30", &v), YG_EINVAL);
	ck_assert_int_eq(yg_field_parse(beds, "   ", &v), YG_OK);
	ck_assert(!v.set);
	yg_value_clear(&v);
}
END_TEST

/* ---- lifecycle ---- */

START_TEST(test_draft_need_not_be_valid)
{
	tl_login(db, "clk1");
	struct yg_sub *sub = load("T1");
	ck_assert_int_eq(sub->state, YG_ST_EMPTY);
	ck_assert_int_eq(sub->id, 0);
	ck_assert_int_eq(yg_sub_set(sub, "beds", "500"), YG_OK); /* breaks rule X1 */
	ck_assert_int_eq(yg_sub_save(db, sub), YG_OK);
	ck_assert_int_eq(sub->state, YG_ST_DRAFT);
	ck_assert_int_eq(sub->version, 1);
	ck_assert_int_ne(sub->id, 0);
	/* Saving with nothing changed does not move the version. */
	ck_assert_int_eq(yg_sub_save(db, sub), YG_OK);
	ck_assert_int_eq(sub->version, 1);
	yg_sub_free(sub);
}
END_TEST

START_TEST(test_submit_rules)
{
	struct yg_findings f;
	struct yg_sub *sub = valid_draft();

	ck_assert_int_eq(yg_sub_set(sub, "beds", "101"), YG_OK);
	yg_findings_init(&f);
	ck_assert_int_eq(yg_sub_submit(db, sub, &f), YG_EINVAL);
	ck_assert_int_eq(yg_findings_count(&f, YG_SEV_ERROR), 1);
	ck_assert_str_eq(f.v[0].rule, "X1");
	yg_findings_free(&f);
	ck_assert_int_eq(sub->state, YG_ST_DRAFT);

	ck_assert_int_eq(yg_sub_set(sub, "beds", ""), YG_OK);
	ck_assert_int_eq(yg_sub_submit(db, sub, &f), YG_EINVAL); /* required */
	ck_assert_str_eq(f.v[0].rule, "REQ");
	yg_findings_free(&f);

	ck_assert_int_eq(yg_sub_set(sub, "beds", "100"), YG_OK);
	ck_assert_int_eq(yg_sub_set(sub, "spend", "1000.01"), YG_OK); /* warning W1 */
	ck_assert_int_eq(yg_sub_submit(db, sub, NULL), YG_EINVAL);
	ck_assert_ptr_nonnull(strstr(yg_errmsg(), "W1"));
	ck_assert_int_eq(yg_sub_explain(sub, "W1", "   "), YG_OK);
	ck_assert_int_eq(yg_sub_submit(db, sub, NULL), YG_EINVAL); /* blank is no explanation */
	ck_assert_int_eq(yg_sub_explain(sub, "W1", "本月购置设备,一次性支出"), YG_OK);
	ck_assert_int_eq(yg_sub_submit(db, sub, NULL), YG_OK);
	ck_assert_int_eq(sub->state, YG_ST_SUBMITTED);
	ck_assert_ptr_nonnull(sub->submitted_at);
	yg_sub_free(sub);

	sub = load("T1");
	ck_assert_int_eq(sub->state, YG_ST_SUBMITTED);
	ck_assert_str_eq(yg_sub_explanation(sub, "W1"), "本月购置设备,一次性支出");
	ck_assert_int_eq(yg_sub_value(sub, "spend")->num, 100001);
	/* Submitted is locked for the clerk. */
	ck_assert(!yg_sub_can_edit(db, sub));
	ck_assert_int_eq(yg_sub_set(sub, "beds", "1"), YG_OK);
	ck_assert_int_eq(yg_sub_save(db, sub), YG_ESTATE);
	ck_assert_int_eq(yg_sub_submit(db, sub, NULL), YG_ESTATE);
	yg_sub_free(sub);
	ck_assert_int_eq(count_rows("SELECT num FROM value WHERE key = 'beds'"), 100);
}
END_TEST

static struct yg_sub *submitted(void)
{
	struct yg_sub *sub = valid_draft();
	ck_assert_int_eq(yg_sub_submit(db, sub, NULL), YG_OK);
	return sub;
}

START_TEST(test_review_roles_and_scopes)
{
	struct yg_sub *sub = submitted();
	int64_t id = sub->id, v = sub->version;

	/* A clerk cannot review, even their own. */
	ck_assert_int_eq(yg_sub_approve(db, id, v), YG_EPERM);
	ck_assert_int_eq(yg_sub_return(db, id, v, "请修改"), YG_EPERM);
	/* A clerk of another institution cannot even see it. */
	tl_login(db, "clk2");
	ck_assert_int_eq(yg_sub_approve(db, id, v), YG_EPERM);
	/* A reviewer of the other community is out of scope. */
	tl_login(db, "rev2");
	ck_assert_int_eq(yg_sub_approve(db, id, v), YG_EPERM);
	ck_assert_int_eq(yg_sub_return(db, id, v, "x"), YG_EPERM);
	/* The community's reviewer may; a stale version is a conflict. */
	tl_login(db, "rev1");
	ck_assert_int_eq(yg_sub_approve(db, id, v - 1), YG_ECONFLICT);
	ck_assert_int_eq(yg_sub_return(db, id, v, ""), YG_EINVAL);
	ck_assert_int_eq(yg_sub_return(db, id, v, "  "), YG_EINVAL);
	ck_assert_int_eq(yg_sub_approve(db, id, v), YG_OK);
	ck_assert_int_eq(yg_sub_approve(db, id, v + 1), YG_ESTATE);
	/* Reviewers never type values. */
	struct yg_sub *r = load("T1");
	ck_assert_int_eq(r->state, YG_ST_APPROVED);
	ck_assert(yg_sub_can_review(db, r));
	ck_assert(!yg_sub_can_edit(db, r));
	r->state = YG_ST_DRAFT; /* even if a screen got confused */
	ck_assert_int_eq(yg_sub_save(db, r), YG_EPERM);
	yg_sub_free(r);
	yg_sub_free(sub);
}
END_TEST

START_TEST(test_return_resubmit_approve_reopen)
{
	struct yg_sub *sub = submitted();
	int64_t id = sub->id;
	yg_sub_free(sub);

	tl_login(db, "revc");
	sub = load("T1");
	ck_assert_int_eq(yg_sub_return(db, id, sub->version, "床位数与上月差异大,请核实"), YG_OK);
	yg_sub_free(sub);

	tl_login(db, "clk1");
	sub = load("T1");
	ck_assert_int_eq(sub->state, YG_ST_RETURNED);
	ck_assert_str_eq(sub->comment, "床位数与上月差异大,请核实");
	ck_assert(yg_sub_can_edit(db, sub));
	ck_assert_int_eq(yg_sub_set(sub, "beds", "38"), YG_OK);
	ck_assert_int_eq(yg_sub_submit(db, sub, NULL), YG_OK);
	yg_sub_free(sub);

	tl_login(db, "adm"); /* admin reviews too */
	sub = load("T1");
	ck_assert_int_eq(yg_sub_approve(db, id, sub->version), YG_OK);
	yg_sub_free(sub);

	tl_login(db, "clk1");
	sub = load("T1");
	ck_assert_int_eq(yg_sub_reopen(db, id, sub->version, "nope"), YG_EPERM);
	ck_assert(!yg_sub_can_edit(db, sub));
	yg_sub_free(sub);

	tl_login(db, "rev1");
	sub = load("T1");
	ck_assert_int_eq(yg_sub_reopen(db, id, sub->version, ""), YG_EINVAL);
	ck_assert_int_eq(yg_sub_return(db, id, sub->version, "x"), YG_ESTATE);
	ck_assert_int_eq(yg_sub_reopen(db, id, sub->version, "上级通知更正床位口径"), YG_OK);
	yg_sub_free(sub);

	tl_login(db, "clk1");
	sub = load("T1");
	ck_assert_int_eq(sub->state, YG_ST_REOPENED);
	ck_assert(yg_sub_can_edit(db, sub));
	ck_assert_int_eq(yg_sub_set(sub, "beds", "39"), YG_OK);
	ck_assert_int_eq(yg_sub_save(db, sub), YG_OK);
	ck_assert_int_eq(sub->state, YG_ST_REOPENED);
	yg_sub_free(sub);

	/* The trail has every state change, with comments. */
	ck_assert_int_eq(count_rows("SELECT count(*) FROM audit WHERE entity = 'state'"), 6);
	ck_assert_int_eq(count_rows("SELECT count(*) FROM audit WHERE entity = 'state' AND"
		" new_value = 'reopened' AND comment = '上级通知更正床位口径'"), 1);
}
END_TEST

START_TEST(test_clerk_cannot_reach_other_institution)
{
	struct yg_sub *sub = submitted(); /* T1's, by clk1 */
	int64_t id = sub->id;
	struct yg_sub *other = NULL;
	struct yg_audit *a;
	struct yg_record **recs;
	struct yg_status *st;
	struct yg_org *orgs;
	size_t n;
	yg_sub_free(sub);

	tl_login(db, "clk2");
	ck_assert_int_eq(yg_sub_load(db, "tform", "T1", 202610, &other), YG_EPERM);
	ck_assert_ptr_null(other);
	ck_assert_int_eq(yg_sub_load_id(db, id, &other), YG_EPERM);
	ck_assert_int_eq(yg_audit_list(db, id, &a, &n), YG_EPERM);
	struct yg_org t1;
	ck_assert_int_eq(yg_org_get(db, "T1", &t1), YG_OK);
	ck_assert_int_eq(yg_record_list(db, &trec, t1.id, &recs, &n), YG_EPERM);
	struct yg_record *r = yg_record_new(&trec, t1.id);
	ck_assert_int_eq(yg_record_set(r, "name", "张三"), YG_OK);
	ck_assert_int_eq(yg_record_save(db, r, NULL), YG_EPERM);
	yg_record_free(r);
	yg_org_clear(&t1);
	/* Lists hold only what is in scope. */
	ck_assert_int_eq(yg_status_list(db, 202610, &st, &n), YG_OK);
	ck_assert_int_eq(n, 1);
	ck_assert_str_eq(st[0].org_code, "T2");
	yg_status_list_free(st, n);
	ck_assert_int_eq(yg_org_list(db, &orgs, &n), YG_OK);
	ck_assert_int_eq(n, 1);
	yg_org_list_free(orgs, n);
	/* Names and codes of every open unit are public, for choosing one. */
	ck_assert_int_eq(yg_org_directory(db, &orgs, &n), YG_OK);
	ck_assert_int_eq(n, 10);
	ck_assert_str_eq(orgs[0].code, "C");
	yg_org_list_free(orgs, n);
	/* Nor can a reviewer of the other community read it. */
	tl_login(db, "rev2");
	ck_assert_int_eq(yg_sub_load_id(db, id, &other), YG_EPERM);
	tl_login(db, "rev1");
	ck_assert_int_eq(yg_sub_load_id(db, id, &other), YG_OK);
	yg_sub_free(other);
}
END_TEST

START_TEST(test_lost_update_refused)
{
	struct yg_sub *a = valid_draft(), *b = load("T1");
	ck_assert_int_eq(yg_sub_set(a, "beds", "41"), YG_OK);
	ck_assert_int_eq(yg_sub_save(db, a), YG_OK);
	ck_assert_int_eq(yg_sub_set(b, "beds", "99"), YG_OK);
	ck_assert_int_eq(yg_sub_save(db, b), YG_ECONFLICT);
	ck_assert_ptr_nonnull(strstr(yg_errmsg(), "clk1"));
	/* The loser keeps their input to apply again. */
	ck_assert_int_eq(yg_sub_value(b, "beds")->num, 99);
	ck_assert_int_eq(count_rows("SELECT num FROM value WHERE key = 'beds'"), 41);
	ck_assert_int_eq(yg_sub_submit(db, b, NULL), YG_ECONFLICT);
	/* Two people starting the same empty return: the second is told. */
	struct yg_sub *c, *d;
	ck_assert_int_eq(yg_sub_load(db, "tform", "T1", 202609, &c), YG_OK);
	ck_assert_int_eq(yg_sub_load(db, "tform", "T1", 202609, &d), YG_OK);
	ck_assert_int_eq(yg_sub_set(c, "beds", "1"), YG_OK);
	ck_assert_int_eq(yg_sub_set(d, "beds", "2"), YG_OK);
	ck_assert_int_eq(yg_sub_save(db, c), YG_OK);
	ck_assert_int_eq(yg_sub_save(db, d), YG_ECONFLICT);
	ck_assert_int_eq(d->id, 0);
	yg_sub_free(a);
	yg_sub_free(b);
	yg_sub_free(c);
	yg_sub_free(d);
}
END_TEST

START_TEST(test_audit_every_value_change)
{
	struct yg_sub *sub = valid_draft();
	struct yg_audit *a;
	size_t n;
	ck_assert_int_eq(yg_sub_set(sub, "beds", "45"), YG_OK);
	ck_assert_int_eq(yg_sub_set(sub, "note", "新增病房"), YG_OK);
	ck_assert_int_eq(yg_sub_save(db, sub), YG_OK);
	ck_assert_int_eq(yg_audit_list(db, sub->id, &a, &n), YG_OK);
	/* created, beds, spend, then beds 40→45 and the note. */
	ck_assert_int_eq(n, 5);
	ck_assert_str_eq(a[0].entity, "state");
	ck_assert_str_eq(a[1].key, "beds");
	ck_assert_ptr_null(a[1].old_value);
	ck_assert_str_eq(a[1].new_value, "40");
	ck_assert_str_eq(a[2].new_value, "500.00");
	ck_assert_str_eq(a[3].old_value, "40");
	ck_assert_str_eq(a[3].new_value, "45");
	ck_assert_str_eq(a[4].new_value, "新增病房");
	ck_assert_str_eq(a[4].login, "clk1");
	ck_assert_ptr_null(a[4].acting_for);
	ck_assert_ptr_nonnull(strstr(a[4].at, "2026-11-23T10:00:00"));
	yg_audit_list_free(a, n);
	yg_sub_free(sub);
}
END_TEST

START_TEST(test_login_and_acting_for)
{
	ck_assert_int_eq(yg_login(db, "nobody", NULL), YG_ENOTFOUND);
	ck_assert_ptr_nonnull(strstr(yg_errmsg(), "yigong user add"));
	ck_assert_int_eq(yg_login(db, "clk1", "clk2"), YG_EPERM);
	ck_assert_int_eq(yg_login(db, "rev1", "clk1"), YG_EPERM);
	ck_assert_int_eq(yg_login(db, "adm", "nobody"), YG_ENOTFOUND);
	ck_assert_int_eq(yg_login(db, "adm", "clk1"), YG_OK);
	ck_assert_str_eq(yg_actor(db)->login, "clk1");
	ck_assert_str_eq(yg_acting_for(db), "adm");
	struct yg_sub *sub = load("T1");
	ck_assert_int_eq(yg_sub_set(sub, "beds", "3"), YG_OK);
	ck_assert_int_eq(yg_sub_save(db, sub), YG_OK);
	yg_sub_free(sub);
	ck_assert_int_eq(count_rows("SELECT count(*) FROM audit WHERE login = 'clk1'"
		" AND acting_for = 'adm' AND key = 'beds'"), 1);
	tl_login(db, "adm");
	ck_assert_int_eq(yg_user_set_disabled(db, "clk2", true), YG_OK);
	ck_assert_int_eq(yg_login(db, "clk2", NULL), YG_EPERM);
	tl_login(db, "adm");
	ck_assert_int_eq(yg_user_set_disabled(db, "adm", true), YG_EINVAL);
}
END_TEST

START_TEST(test_users_and_orgs_validated)
{
	struct yg_org o = { .code = "T9", .name = "丁镇卫生院", .kind = YG_KIND_TOWNSHIP,
		.tier = YG_TIER_PRIMARY, .parent_code = "M1" };
	bool changed;
	ck_assert_int_eq(yg_user_put(db, "bad login", YG_ROLE_CLERK, "T1"), YG_EINVAL);
	ck_assert_int_eq(yg_user_put(db, "new", YG_ROLE_CLERK, "NOPE"), YG_ENOTFOUND);
	ck_assert_int_eq(yg_user_put(db, "new", YG_ROLE_CLERK, "M1"), YG_EINVAL);
	ck_assert_int_eq(yg_user_put(db, "adm", YG_ROLE_CLERK, "T1"), YG_EINVAL);
	ck_assert_int_eq(yg_org_put(db, &o, &changed), YG_OK);
	ck_assert(changed);
	ck_assert_int_eq(yg_org_put(db, &o, &changed), YG_OK);
	ck_assert(!changed);
	o.tier = YG_TIER_SECONDARY;
	ck_assert_int_eq(yg_org_put(db, &o, NULL), YG_EINVAL);
	o.tier = YG_TIER_PRIMARY;
	o.parent_code = "T1";
	ck_assert_int_eq(yg_org_put(db, &o, NULL), YG_EINVAL);
	o.parent_code = "ZZ";
	ck_assert_int_eq(yg_org_put(db, &o, NULL), YG_EINVAL);
	o.parent_code = "M1";
	o.code = "bad code!";
	ck_assert_int_eq(yg_org_put(db, &o, NULL), YG_EINVAL);
	struct yg_org m = { .code = "M1", .name = "东区医共体", .kind = YG_KIND_COMMUNITY,
		.parent_code = "H1" };
	ck_assert_int_eq(yg_org_put(db, &m, NULL), YG_EINVAL); /* a cycle */
	struct yg_org c2 = { .code = "C2", .name = "另一县", .kind = YG_KIND_COUNTY };
	ck_assert_int_eq(yg_org_put(db, &c2, NULL), YG_EINVAL);
	tl_login(db, "rev1");
	o.code = "T8";
	ck_assert_int_eq(yg_org_put(db, &o, NULL), YG_EPERM);
	ck_assert_int_eq(yg_user_put(db, "x", YG_ROLE_CLERK, "T1"), YG_EPERM);
	ck_assert_int_eq(count_rows("SELECT count(*) FROM org_unit"), 11);
	/* Community and lead hospital. */
	struct yg_org t1, m1;
	ck_assert_int_eq(yg_org_get(db, "T1", &t1), YG_OK);
	ck_assert_int_eq(yg_org_get(db, "M1", &m1), YG_OK);
	ck_assert_int_eq(yg_org_community(db, t1.id), m1.id);
	struct yg_org h1;
	ck_assert_int_eq(yg_org_get_id(db, yg_org_lead_hospital(db, m1.id), &h1), YG_OK);
	ck_assert_str_eq(h1.code, "H1");
	ck_assert(t1.key_central);
	yg_org_clear(&t1);
	yg_org_clear(&m1);
	yg_org_clear(&h1);
}
END_TEST

START_TEST(test_lead_and_supporting_hospitals)
{
	struct yg_org m1, m2;
	bool changed;

	tl_login(db, "adm");
	ck_assert_int_eq(yg_org_get(db, "M1", &m1), YG_OK);
	ck_assert_str_eq(m1.lead_code, "H1"); /* none named: the hospital under it */
	ck_assert_ptr_null(m1.supporting_code);
	ck_assert_int_eq(yg_org_supporting_hospital(db, m1.id), 0);
	/* The lead is one of its own; the supporting one tertiary and outside. */
	ck_assert_int_eq(yg_org_set_support(db, "M1", "H2", NULL, NULL), YG_EINVAL);
	ck_assert_int_eq(yg_org_set_support(db, "M1", "T1", NULL, NULL), YG_EINVAL);
	ck_assert_int_eq(yg_org_set_support(db, "M1", NULL, "H2", NULL), YG_EINVAL);
	ck_assert_int_eq(yg_org_set_support(db, "T1", "H1", NULL, NULL), YG_EINVAL);
	ck_assert_int_eq(yg_org_set_support(db, "NOPE", "H1", NULL, NULL), YG_ENOTFOUND);
	ck_assert_int_eq(yg_org_set_support(db, "M1", "H1", "U1", &changed), YG_OK);
	ck_assert(changed);
	ck_assert_int_eq(yg_org_set_support(db, "M1", "H1", "U1", &changed), YG_OK);
	ck_assert(!changed);
	ck_assert_int_eq(count_rows("SELECT count(*) FROM audit WHERE entity = 'org'"
		" AND key = 'M1.supporting' AND new_value = 'U1'"), 1);
	ck_assert_int_eq(yg_org_get(db, "M2", &m2), YG_OK);
	ck_assert_int_eq(yg_org_supporting_hospital(db, m2.id), 0);
	yg_org_clear(&m1);
	ck_assert_int_eq(yg_org_get(db, "M1", &m1), YG_OK);
	ck_assert_str_eq(m1.supporting_code, "U1");
	yg_org_clear(&m2);
	ck_assert_int_eq(yg_org_get_id(db, yg_org_supporting_hospital(db, m1.id), &m2), YG_OK);
	ck_assert_str_eq(m2.code, "U1");
	/* "" clears, NULL keeps. */
	ck_assert_int_eq(yg_org_set_support(db, "M1", NULL, "", &changed), YG_OK);
	ck_assert(changed);
	ck_assert_int_eq(yg_org_supporting_hospital(db, m1.id), 0);
	/* Only an admin names them. */
	tl_login(db, "rev1");
	ck_assert_int_eq(yg_org_set_support(db, "M1", "H1", "U1", NULL), YG_EPERM);
	yg_org_clear(&m1);
	yg_org_clear(&m2);
}
END_TEST

/* DESIGN §4: a target row is in force from a month; before it, not yet. */
START_TEST(test_targets_in_force)
{
	int64_t v = -1;
	ck_assert_int_eq(yg_target_at(db, "T4", YG_TIER_NONE, 202508, 0, &v), YG_FORCE_NOT_YET);
	ck_assert_int_eq(v, 3);
	ck_assert_int_eq(yg_target_at(db, "T4", YG_TIER_NONE, 202509, 0, &v), YG_FORCE_IN);
	ck_assert_int_eq(yg_target_at(db, "T2", YG_TIER_PRIMARY, 202412, 0, &v), YG_FORCE_NOT_YET);
	ck_assert_int_eq(yg_target_at(db, "T8", YG_TIER_SECONDARY, 201001, 0, &v), YG_FORCE_IN);
	ck_assert_int_eq(v, 60);
	/* T6 has its thresholds in parts (T6R, T6K). */
	ck_assert_int_eq(yg_target_at(db, "T6", YG_TIER_PRIMARY, 202001, 0, NULL), YG_FORCE_IN);
	ck_assert_int_eq(yg_target_at(db, "T99", YG_TIER_PRIMARY, 202001, 7, &v), YG_FORCE_NO_ROW);
	ck_assert_int_eq(v, 7);

	/* An admin supersedes a threshold from a month: the row in force ends
	 * the month before; overlaps, reversed months and negatives refused;
	 * every change audited. */
	tl_login(db, "adm");
	struct yg_target t = { .id = "T4", .from = 202701, .threshold = 4 };
	ck_assert_int_eq(yg_target_put(db, &t, -1), YG_OK);
	ck_assert_int_eq(yg_target_at(db, "T4", YG_TIER_NONE, 202612, 0, &v), YG_FORCE_IN);
	ck_assert_int_eq(v, 3);
	ck_assert_int_eq(yg_target_at(db, "T4", YG_TIER_NONE, 202701, 0, &v), YG_FORCE_IN);
	ck_assert_int_eq(v, 4);
	ck_assert_int_eq(count_rows("SELECT count(*) FROM audit WHERE entity = 'target'"
		" AND key = 'T4'"), 2);
	t = (struct yg_target){ .id = "T4", .from = 202601, .to = 202705, .threshold = 5 };
	ck_assert_int_eq(yg_target_put(db, &t, 202509), YG_EINVAL); /* overlaps 2027-01.. */
	t = (struct yg_target){ .id = "T4", .from = 202701, .to = 202612, .threshold = 5 };
	ck_assert_int_eq(yg_target_put(db, &t, 202701), YG_EINVAL);
	t = (struct yg_target){ .id = "T4", .from = 202701, .threshold = -1 };
	ck_assert_int_eq(yg_target_put(db, &t, 202701), YG_EINVAL);
	t = (struct yg_target){ .id = "T4", .from = 202701, .threshold = 4 };
	ck_assert_int_eq(yg_target_put(db, &t, 203001), YG_ENOTFOUND);
	/* Ending a row: after it the target is no longer in force. */
	t = (struct yg_target){ .id = "T4", .from = 202701, .to = 202712, .threshold = 4 };
	ck_assert_int_eq(yg_target_put(db, &t, 202701), YG_OK);
	ck_assert_int_eq(yg_target_at(db, "T4", YG_TIER_NONE, 202801, 0, NULL), YG_FORCE_ENDED);
	struct yg_target *rows = NULL;
	size_t nrows = 0;
	ck_assert_int_eq(yg_target_list(db, "T4", &rows, &nrows), YG_OK);
	ck_assert_uint_eq(nrows, 2);
	ck_assert_int_eq(rows[0].from, 202509);
	ck_assert_int_eq(rows[0].to, 202612);
	ck_assert_int_eq(rows[1].to, 202712);
	yg_target_list_free(rows, nrows);
	tl_login(db, "rev1");
	ck_assert_int_eq(yg_target_put(db, &t, 202701), YG_EPERM);

	struct yg_findings f;
	yg_findings_init(&f);
	struct yg_finding *x = yg_findings_add(&f, "T4", YG_SEV_TARGET, NULL, "none");
	x->met = YG_MISSED;
	x = yg_findings_add(&f, "T8", YG_SEV_TARGET, NULL, "low");
	x->met = YG_MISSED;
	ck_assert_int_eq(yg_findings_in_force(db, &f, YG_TIER_NONE, 202408), YG_OK);
	ck_assert_int_eq(f.v[0].met, YG_NOT_IN_FORCE);
	ck_assert_str_eq(f.v[0].en, "T4 in force from 2025-09, not yet: none");
	ck_assert_int_eq(f.v[1].met, YG_MISSED);
	yg_findings_free(&f);
}
END_TEST

/* Units count only in the months they were open (DESIGN §1): one added
 * today is not missing before, one closed is not expected after; a return
 * stored for an earlier month opens it then.  The due day changes with
 * effect from a month not yet due; months already due keep theirs. */
START_TEST(test_units_open_close_and_due_day_history)
{
	struct yg_org t9 = { .code = "T9", .name = "新镇卫生院", .kind = YG_KIND_TOWNSHIP,
		.tier = YG_TIER_PRIMARY, .parent_code = "M1" }, got = { 0 };
	struct yg_status *st;
	size_t n;

	tl_login(db, "adm");
	ck_assert_int_eq(yg_org_put(db, &t9, NULL), YG_OK);
	ck_assert_int_eq(yg_org_get(db, "T9", &got), YG_OK);
	ck_assert_int_eq(got.opened, 202611); /* the fixed clock's month */
	ck_assert(!yg_org_open_in(&got, 202610));
	ck_assert(yg_org_open_in(&got, 202611));
	yg_org_clear(&got);
	tl_login(db, "revc");
	ck_assert_int_eq(yg_status_list(db, 202610, &st, &n), YG_OK);
	ck_assert_int_eq(n, 3); /* T1, T2, T3: not T9 */
	yg_status_list_free(st, n);
	ck_assert_int_eq(yg_status_list(db, 202611, &st, &n), YG_OK);
	ck_assert_int_eq(n, 4);
	yg_status_list_free(st, n);

	/* T2 closes this month: filed through it, not after; its past stays. */
	tl_login(db, "adm");
	ck_assert_int_eq(yg_org_get(db, "T2", &got), YG_OK);
	got.closed = true;
	ck_assert_int_eq(yg_org_put(db, &got, NULL), YG_OK);
	yg_org_clear(&got);
	ck_assert_int_eq(yg_org_get(db, "T2", &got), YG_OK);
	ck_assert_int_eq(got.closed_in, 202611);
	yg_org_clear(&got);
	tl_login(db, "revc");
	ck_assert_int_eq(yg_status_list(db, 202612, &st, &n), YG_OK);
	ck_assert_int_eq(n, 3); /* T1, T3, T9 */
	for (size_t i = 0; i < n; i++)
		ck_assert_str_ne(st[i].org_code, "T2");
	yg_status_list_free(st, n);
	ck_assert_int_eq(yg_status_list(db, 202605, &st, &n), YG_OK);
	ck_assert_int_eq(n, 3); /* T1, T2, T3 */
	yg_status_list_free(st, n);

	/* A return stored for an earlier month shows T9 was open then. */
	tl_login(db, "adm");
	ck_assert_int_eq(yg_user_put(db, "clk9", YG_ROLE_CLERK, "T9"), YG_OK);
	tl_login(db, "clk9");
	struct yg_sub *sub;
	ck_assert_int_eq(yg_sub_load(db, "tform", "T9", 202609, &sub), YG_OK);
	ck_assert_int_eq(yg_sub_set(sub, "beds", "1"), YG_OK);
	ck_assert_int_eq(yg_sub_save(db, sub), YG_OK);
	yg_sub_free(sub);
	ck_assert_int_eq(yg_org_get(db, "T9", &got), YG_OK);
	ck_assert_int_eq(got.opened, 202609);
	yg_org_clear(&got);

	/* The due day: October is due (2026-11-05 passed on the 23rd), so a
	 * change applies from November at the earliest. */
	tl_login(db, "adm");
	ck_assert_int_eq(yg_due_first_open(db), 202611);
	ck_assert_int_eq(yg_due_day_set(db, 9, 202610), YG_EINVAL);
	ck_assert_int_eq(yg_due_date(db, 202610), yg_date_from_ymd(2026, 11, 5));
	ck_assert_int_eq(yg_setting_set_int(db, YG_SET_DUE_DAY, 9), YG_OK);
	ck_assert_int_eq(yg_due_date(db, 202610), yg_date_from_ymd(2026, 11, 5));
	ck_assert_int_eq(yg_due_date(db, 202611), yg_date_from_ymd(2026, 12, 9));
	ck_assert_int_eq(yg_due_date(db, 202701), yg_date_from_ymd(2027, 2, 9));
	/* A later statement from a later month leaves the months between. */
	ck_assert_int_eq(yg_due_day_set(db, 12, 202703), YG_OK);
	ck_assert_int_eq(yg_due_day(db, 202702), 9);
	ck_assert_int_eq(yg_due_day(db, 202703), 12);
	ck_assert_int_eq(yg_due_day(db, 202510), 5);
	tl_login(db, "rev1");
	ck_assert_int_eq(yg_due_day_set(db, 7, 0), YG_EPERM);
}
END_TEST

START_TEST(test_status_late_and_missing)
{
	struct yg_status *st;
	size_t n;
	/* Submitted on time (2026-11-03), then look after the due day. */
	tl_set_date(2026, 11, 3, 9);
	struct yg_sub *sub = submitted();
	yg_sub_free(sub);
	tl_set_date(2026, 11, 6, 9);
	tl_login(db, "clk2");
	ck_assert_int_eq(yg_sub_load(db, "tform", "T2", 202610, &sub), YG_OK);
	ck_assert_int_eq(yg_sub_set(sub, "beds", "1"), YG_OK);
	ck_assert_int_eq(yg_sub_set(sub, "spend", "1"), YG_OK);
	ck_assert_int_eq(yg_sub_submit(db, sub, NULL), YG_OK);
	yg_sub_free(sub);
	tl_login(db, "revc");
	ck_assert_int_eq(yg_status_list(db, 202610, &st, &n), YG_OK);
	ck_assert_int_eq(n, 3); /* T1, T2, T3 file tform */
	ck_assert_str_eq(st[0].org_code, "T1");
	ck_assert_int_eq(st[0].state, YG_ST_SUBMITTED);
	ck_assert(!st[0].late);
	ck_assert_str_eq(st[1].org_code, "T2");
	ck_assert(st[1].late);
	ck_assert_str_eq(st[2].org_code, "T3");
	ck_assert_int_eq(st[2].state, YG_ST_EMPTY);
	ck_assert_int_eq(st[2].sub_id, 0);
	ck_assert(st[2].late);
	yg_status_list_free(st, n);
}
END_TEST

/* Asserts that status_sums of unit for 2026-10 is the hand sum of the
 * actor's status lines at or below it, form by form (as the grid counted
 * its levels' cells); returns that unit's sums of tform. */
static struct status_sum expect_sums(const char *unit)
{
	struct status_sum *s = NULL, tform_sum = { 0 };
	struct yg_status *v = NULL, *mine;
	struct yg_org o = { 0 };
	size_t n = 0, ns = 0, k = 0;

	ck_assert_int_eq(yg_org_get(db, unit, &o), YG_OK);
	ck_assert_int_eq(yg_status_list(db, 202610, &v, &n), YG_OK);
	ck_assert_msg(status_sums(db, 202610, o.id, &s, &ns) == YG_OK, "%s", yg_errmsg());
	ck_assert_ptr_nonnull(mine = calloc(n + 1, sizeof *mine));
	for (size_t f = 0; f < yg_form_count(); f++) {
		struct status_totals t;
		int64_t errors = 0, warnings = 0;
		size_t m = 0;

		for (size_t i = 0; i < n; i++)
			if (v[i].form == yg_form_at(f) && yg_org_within(db, o.id, v[i].org_id)) {
				mine[m++] = v[i];
				if (v[i].state != YG_ST_EMPTY) {
					errors += v[i].errors;
					warnings += v[i].warnings;
				}
			}
		if (!m)
			continue;
		status_totals(mine, m, &t);
		ck_assert_msg(k < ns && s[k].form == yg_form_at(f), "%s: %s missing", unit,
			yg_form_at(f)->key);
		ck_assert_msg(memcmp(&s[k].t, &t, sizeof t) == 0, "%s: expected %zu/%zu,"
			" submitted %zu/%zu, not started %zu/%zu, received %zu/%zu, late %zu/%zu,"
			" missing %zu/%zu, pending %zu/%zu", unit, s[k].t.expected, t.expected,
			s[k].t.submitted, t.submitted, s[k].t.not_started, t.not_started,
			s[k].t.received, t.received, s[k].t.late, t.late, s[k].t.missing,
			t.missing, s[k].t.pending, t.pending);
		ck_assert_int_eq(s[k].errors, errors);
		ck_assert_int_eq(s[k].warnings, warnings);
		if (strcmp(yg_form_at(f)->key, "tform") == 0)
			tform_sum = s[k];
		k++;
	}
	ck_assert_uint_eq(k, ns);
	free(mine);
	free(s);
	yg_status_list_free(v, n);
	yg_org_clear(&o);
	return tform_sum;
}

static bool status_sealed(void)
{
	bool sealed = false;

	ck_assert_int_eq(yg_memo_sealed(db, YG_MEMO_STATUS, 202610, &sealed), YG_OK);
	return sealed;
}

/* A unit's line of the review grid (status_sums) is the hand sum of its
 * institutions' lines: stored by an actor whose scope is the whole tree
 * and read back, the returns not received split into missing and pending
 * by the day it is read; gone when a return moves; computed live below the
 * root; computed again when a stored line is not one this program wrote. */
START_TEST(test_status_sums_stored)
{
	struct status_sum t;
	struct status_sum *s = NULL;
	struct yg_pack pk = { 0 };
	struct yg_sub *sub;
	struct yg_org m1 = { 0 }, m2 = { 0 };
	struct yg_findings f;
	size_t ns = 0;

	ck_assert_int_eq(yg_org_get(db, "M1", &m1), YG_OK);
	ck_assert_int_eq(yg_org_get(db, "M2", &m2), YG_OK);
	/* T1 on time, T2 a draft with findings, T3 not started. */
	tl_set_date(2026, 11, 3, 9);
	yg_sub_free(submitted());
	tl_login(db, "clk2");
	sub = load("T2");
	ck_assert_int_eq(yg_sub_set(sub, "beds", "200"), YG_OK);
	ck_assert_int_eq(yg_sub_set(sub, "spend", "2000.00"), YG_OK);
	ck_assert_int_eq(yg_sub_save(db, sub), YG_OK);
	yg_sub_free(sub);

	/* Not yet due: stored at the root, T2 and T3 pending. */
	tl_login(db, "revc");
	ck_assert(yg_memo_writable(db));
	ck_assert(!status_sealed());
	t = expect_sums("C");
	ck_assert(status_sealed());
	ck_assert_uint_eq(t.t.expected, 3);
	ck_assert_uint_eq(t.t.pending, 2);
	ck_assert_uint_eq(t.t.missing, 0);
	expect_sums("M1");
	expect_sums("M2");
	expect_sums("T1"); /* an institution has no stored line: its own */
	/* Past the due day the same stored lines say missing. */
	tl_set_date(2026, 11, 6, 9);
	t = expect_sums("C");
	ck_assert(status_sealed());
	ck_assert_uint_eq(t.t.missing, 2);
	ck_assert_uint_eq(t.t.pending, 0);
	t = expect_sums("M1");
	ck_assert_uint_eq(t.t.draft, 1);
	ck_assert_uint_eq(t.t.missing, 1);

	/* T2 submitted late: the month's stored lines are gone. */
	tl_login(db, "clk2");
	sub = load("T2");
	ck_assert_int_eq(yg_sub_set(sub, "beds", "40"), YG_OK);
	ck_assert_int_eq(yg_sub_set(sub, "spend", "1.00"), YG_OK);
	ck_assert_int_eq(yg_sub_submit(db, sub, NULL), YG_OK);
	yg_sub_free(sub);
	tl_login(db, "revc");
	ck_assert(!status_sealed());

	/* Below the root: computed live, of the actor's scope, nothing stored. */
	tl_login(db, "rev1");
	ck_assert(!yg_memo_writable(db));
	t = expect_sums("M1");
	ck_assert_uint_eq(t.t.submitted, 2);
	ck_assert_uint_eq(t.t.late, 1);
	t = expect_sums("C"); /* what rev1 sees of it: M1 */
	ck_assert_uint_eq(t.t.expected, 2);
	ck_assert_int_eq(status_sums(db, 202610, m2.id, &s, &ns), YG_EPERM);
	ck_assert(!status_sealed());

	/* At the root again: stored anew, with T2's return. */
	tl_login(db, "revc");
	t = expect_sums("C");
	ck_assert(status_sealed());
	ck_assert_uint_eq(t.t.received, 2);
	ck_assert_uint_eq(t.t.late, 1);
	expect_sums("M1");

	/* `check` finds the stored lines true ... */
	yg_findings_init(&f);
	ck_assert_int_eq(status_memo_verify(db, 202610, &f), YG_OK);
	ck_assert_uint_eq(f.n, 0);

	/* ... and names a line of another layout (an older program's), which
	 * is computed again. */
	ck_assert_int_eq(yg_pack_int(&pk, 7), YG_OK);
	ck_assert_int_eq(yg_begin(db), YG_OK);
	ck_assert_int_eq(yg_memo_put(db, YG_MEMO_STATUS, 202610, m1.id, &pk), YG_OK);
	ck_assert_int_eq(yg_commit(db), YG_OK);
	ck_assert(status_sealed());
	ck_assert_int_eq(status_memo_verify(db, 202610, &f), YG_OK);
	ck_assert_uint_eq(f.n, 1);
	ck_assert_ptr_nonnull(strstr(f.v[0].en, "M1"));
	ck_assert_ptr_nonnull(strstr(f.v[0].zh, "审核计数"));
	yg_findings_free(&f);
	t = expect_sums("M1");
	ck_assert_uint_eq(t.t.submitted, 2);
	yg_pack_free(&pk);
	yg_org_clear(&m1);
	yg_org_clear(&m2);
}
END_TEST

/* Timeliness is judged on China's civil dates whatever TZ the server has:
 * 23:30 on the due day, Beijing time, is on time on a UTC server too, and
 * half past midnight the next day is late there, though UTC still says the
 * due day. */
static void set_china_time(const char *iso)
{
	int64_t t;
	ck_assert_msg(yg_time_parse(iso, &t) == YG_OK, "%s: %s", iso, yg_errmsg());
	yg_set_clock(t);
}

START_TEST(test_clock_china_time)
{
	struct yg_status *st;
	struct yg_sub *sub;
	size_t n;
	int64_t t;
	char *s;

	setenv("TZ", "UTC", 1);
	tzset();
	ck_assert_int_eq(yg_time_parse("2026-12-02T09:00:00+08:00", &t), YG_OK);
	ck_assert_int_eq(t, 1796173200);
	ck_assert_int_eq(yg_time_parse("2026-12-02T01:00:00Z", &t), YG_OK);
	ck_assert_int_eq(t, 1796173200);
	ck_assert_int_eq(yg_time_parse("2026-12-02 11:00:00.250+1000", &t), YG_OK);
	ck_assert_int_eq(t, 1796173200);
	ck_assert_int_eq(yg_time_parse("2026-12-01T20:00-05:00", &t), YG_OK);
	ck_assert_int_eq(t, 1796173200);
	const char *bad[] = { "abcd-ef-ghTijk", "0000-00-00T", "2026-12-02T09:00:00",
		"2026-12-02T24:00:00Z", "2026-02-29T00:00:00Z", "2026-12-02T09:00:00+08:00x",
		"2026-12-02T9:00:00Z", "2026-12-02T09:60:00Z", "2026-12-02T09:00:00+15:00", "" };
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		ck_assert_msg(yg_time_parse(bad[i], &t) == YG_EINVAL, "%s accepted", bad[i]);
	ck_assert_int_eq(yg_time_parse(NULL, &t), YG_EINVAL);
	/* 16:30 UTC on the 5th is the 6th in China; the stamp says so. */
	ck_assert_int_eq(yg_time_parse("2026-12-05T16:30:00Z", &t), YG_OK);
	ck_assert_int_eq(yg_date_of_time(t), yg_date_from_ymd(2026, 12, 6));
	ck_assert_str_eq((s = yg_time_iso(t)), "2026-12-06T00:30:00+08:00");
	free(s);
	ck_assert_int_eq(yg_time_of_civil(yg_date_from_ymd(2026, 12, 6), 0, 30, 0), t);
	ck_assert_str_eq((s = yg_time_iso(-1)), "1970-01-01T07:59:59+08:00");
	free(s);

	/* October's returns are due on 2026-11-05 (China). */
	set_china_time("2026-11-05T23:30:00+08:00");
	yg_sub_free(submitted()); /* T1, 15:30 UTC on the due day */
	set_china_time("2026-11-05T23:59:59+08:00");
	tl_login(db, "revc");
	ck_assert_int_eq(yg_status_list(db, 202610, &st, &n), YG_OK);
	ck_assert(!st[0].late);
	ck_assert(!st[1].late && st[1].state == YG_ST_EMPTY); /* not yet due: not missing */
	yg_status_list_free(st, n);
	set_china_time("2026-11-06T00:30:00+08:00"); /* still the 5th in UTC */
	tl_login(db, "clk2");
	ck_assert_int_eq(yg_sub_load(db, "tform", "T2", 202610, &sub), YG_OK);
	ck_assert_int_eq(yg_sub_set(sub, "beds", "1"), YG_OK);
	ck_assert_int_eq(yg_sub_set(sub, "spend", "1"), YG_OK);
	ck_assert_int_eq(yg_sub_submit(db, sub, NULL), YG_OK);
	ck_assert_str_eq(sub->submitted_at, "2026-11-06T00:30:00+08:00");
	yg_sub_free(sub);
	tl_login(db, "revc");
	ck_assert_int_eq(yg_status_list(db, 202610, &st, &n), YG_OK);
	ck_assert(!st[0].late);
	ck_assert(st[1].late);
	ck_assert(st[2].late && st[2].state == YG_ST_EMPTY); /* missing from the 6th */
	yg_status_list_free(st, n);
	unsetenv("TZ");
	tzset();
}
END_TEST

START_TEST(test_records)
{
	struct yg_record **v;
	size_t n;
	struct yg_org t1;
	tl_login(db, "clk1");
	ck_assert_int_eq(yg_org_get(db, "T1", &t1), YG_OK);
	struct yg_record *r = yg_record_new(&trec, t1.id);
	ck_assert_int_eq(yg_record_save(db, r, NULL), YG_EINVAL); /* name required */
	ck_assert_int_eq(yg_record_set(r, "name", "李四"), YG_OK);
	ck_assert_int_eq(yg_record_save(db, r, NULL), YG_OK);
	ck_assert_int_eq(r->version, 1);
	struct yg_record *stale = yg_record_new(&trec, t1.id);
	stale->id = r->id;
	stale->version = 1;
	ck_assert_int_eq(yg_record_set(stale, "name", "王五"), YG_OK);
	ck_assert_int_eq(yg_record_set(r, "name", "李四四"), YG_OK);
	ck_assert_int_eq(yg_record_save(db, r, NULL), YG_OK);
	ck_assert_int_eq(yg_record_save(db, stale, NULL), YG_ECONFLICT);
	ck_assert_int_eq(yg_activity_set(db, r->id, 202610, "days", 12), YG_OK);
	int64_t days;
	ck_assert_int_eq(yg_activity_get(db, r->id, 202610, "days", &days), YG_OK);
	ck_assert_int_eq(days, 12);
	ck_assert_int_eq(yg_record_list(db, &trec, 0, &v, &n), YG_OK);
	ck_assert_int_eq(n, 1);
	ck_assert_str_eq(yg_record_value(v[0], "name")->text, "李四四");
	yg_record_list_free(v, n);
	tl_login(db, "clk2");
	ck_assert_int_eq(yg_activity_set(db, r->id, 202610, "days", 1), YG_EPERM);
	ck_assert_int_eq(yg_record_delete(db, r->id, 2), YG_EPERM);
	tl_login(db, "rev1");
	ck_assert_int_eq(yg_record_delete(db, r->id, 1), YG_ECONFLICT);
	ck_assert_int_eq(yg_record_delete(db, r->id, 2), YG_OK);
	ck_assert_int_eq(count_rows("SELECT count(*) FROM activity"), 0);
	yg_record_free(r);
	yg_record_free(stale);
	yg_org_clear(&t1);
}
END_TEST

START_TEST(test_bulk_approval)
{
	struct yg_sub *a = submitted(); /* T1, clean */
	int64_t ids[3], versions[3];
	size_t approved, skipped;
	ids[0] = a->id;
	versions[0] = a->version;
	yg_sub_free(a);
	tl_login(db, "clk2"); /* T2: submitted, then the reviewer's copy goes stale */
	struct yg_sub *b;
	ck_assert_int_eq(yg_sub_load(db, "tform", "T2", 202610, &b), YG_OK);
	ck_assert_int_eq(yg_sub_set(b, "beds", "5"), YG_OK);
	ck_assert_int_eq(yg_sub_set(b, "spend", "5"), YG_OK);
	ck_assert_int_eq(yg_sub_submit(db, b, NULL), YG_OK);
	ids[1] = b->id;
	versions[1] = b->version - 1;
	yg_sub_free(b);
	tl_login(db, "clk1"); /* T1 for September: only a draft */
	ck_assert_int_eq(yg_sub_load(db, "tform", "T1", 202609, &b), YG_OK);
	ck_assert_int_eq(yg_sub_set(b, "beds", "5"), YG_OK);
	ck_assert_int_eq(yg_sub_save(db, b), YG_OK);
	ids[2] = b->id;
	versions[2] = b->version;
	yg_sub_free(b);
	/* A clerk may not; a reviewer out of scope of one refuses them all. */
	ck_assert_int_eq(yg_sub_approve_clean(db, ids, versions, 3, &approved, &skipped), YG_EPERM);
	tl_login(db, "rev2");
	ck_assert_int_eq(yg_sub_approve_clean(db, ids, versions, 3, &approved, &skipped), YG_EPERM);
	ck_assert_int_eq(count_rows("SELECT count(*) FROM submission WHERE state = 'approved'"), 0);
	tl_login(db, "rev1");
	ck_assert_int_eq(yg_sub_approve_clean(db, ids, versions, 3, &approved, &skipped), YG_OK);
	ck_assert_int_eq(approved, 1);
	ck_assert_int_eq(skipped, 2);
	ck_assert_int_eq(count_rows("SELECT count(*) FROM submission WHERE state = 'approved'"), 1);
	ck_assert_int_eq(count_rows("SELECT count(*) FROM audit WHERE new_value = 'approved'"
		" AND login = 'rev1'"), 1);
}
END_TEST

/* Inside a caller's transaction, a core call that fails half-way leaves
 * nothing of itself behind, and the caller's own writes stand.  The failure
 * is injected with a trigger that refuses one value after the return's row
 * and its audit entry were written. */
START_TEST(test_nested_failure_leaves_nothing)
{
	sqlite3 *s;
	struct yg_sub *a, *b;
	ck_assert_int_eq(sqlite3_open(tl_db_path(), &s), SQLITE_OK);
	ck_assert_int_eq(sqlite3_exec(s, "CREATE TRIGGER no_eight BEFORE INSERT ON value"
		" WHEN NEW.key = 'beds' AND NEW.num = 8 BEGIN SELECT RAISE(ABORT, 'injected'); END",
		NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(s);
	tl_login(db, "clk1");
	ck_assert_int_eq(yg_begin(db), YG_OK);
	a = load("T1");
	ck_assert_int_eq(yg_sub_set(a, "beds", "7"), YG_OK);
	ck_assert_int_eq(yg_sub_save(db, a), YG_OK);
	ck_assert_int_eq(yg_sub_load(db, "tform", "T1", 202609, &b), YG_OK);
	ck_assert_int_eq(yg_sub_set(b, "beds", "8"), YG_OK);
	ck_assert_int_eq(yg_sub_save(db, b), YG_ERROR);
	ck_assert_int_eq(b->id, 0);
	ck_assert_int_eq(yg_commit(db), YG_OK);
	ck_assert_int_eq(count_rows("SELECT count(*) FROM submission"), 1);
	ck_assert_int_eq(count_rows("SELECT count(*) FROM audit WHERE submission_id IS NOT NULL"),
		2); /* the first return's creation and its value */
	yg_sub_free(a);
	yg_sub_free(b);
}
END_TEST

START_TEST(test_integrity)
{
	struct yg_findings f;
	yg_findings_init(&f);
	ck_assert_int_eq(yg_db_integrity(db, &f), YG_OK);
	ck_assert_int_eq(f.n, 0);
	yg_findings_free(&f);
}
END_TEST

static Suite *core_suite(void)
{
	Suite *s = suite_create("core");
	TCase *tc = tcase_create("core");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_create_and_open);
	tcase_add_test(tc, test_migration_from_v1);
	tcase_add_test(tc, test_failed_upgrade_leaves_it_as_it_was);
	tcase_add_test(tc, test_refuses_foreign_and_newer_files);
	tcase_add_test(tc, test_periods_and_dates);
	tcase_add_test(tc, test_counts_and_amounts_are_exact);
	tcase_add_test(tc, test_field_parse_messages);
	tcase_add_test(tc, test_draft_need_not_be_valid);
	tcase_add_test(tc, test_submit_rules);
	tcase_add_test(tc, test_review_roles_and_scopes);
	tcase_add_test(tc, test_return_resubmit_approve_reopen);
	tcase_add_test(tc, test_clerk_cannot_reach_other_institution);
	tcase_add_test(tc, test_lost_update_refused);
	tcase_add_test(tc, test_audit_every_value_change);
	tcase_add_test(tc, test_login_and_acting_for);
	tcase_add_test(tc, test_users_and_orgs_validated);
	tcase_add_test(tc, test_lead_and_supporting_hospitals);
	tcase_add_test(tc, test_targets_in_force);
	tcase_add_test(tc, test_status_late_and_missing);
	tcase_add_test(tc, test_status_sums_stored);
	tcase_add_test(tc, test_units_open_close_and_due_day_history);
	tcase_add_test(tc, test_clock_china_time);
	tcase_add_test(tc, test_records);
	tcase_add_test(tc, test_bulk_approval);
	tcase_add_test(tc, test_nested_failure_leaves_nothing);
	tcase_add_test(tc, test_integrity);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(core_suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
