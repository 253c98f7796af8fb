/*
 * check_text.c — the one rule for text admitted (yg_text_admit) and the
 * one way text reaches a terminal (yg_text_escape), and that every place
 * text comes in uses the rule (issue 10).
 */
#include <check.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "testlib.h"
#include "yg_csv.h"

static const struct yg_field tform_fields[] = {
	{ .key = "beds", .zh = "床位", .en = "beds", .type = YG_T_COUNT, .max = 1000 },
	{ .key = "note", .zh = "备注", .en = "note", .type = YG_T_TEXT, .max = 50 },
};

static void rule_beds(const struct yg_check_ctx *ctx, const struct yg_rule *r,
	struct yg_findings *out)
{
	if (yg_ctx_num(ctx, "beds") > 100)
		yg_findings_add(out, r->id, r->severity, "beds", "over 100 beds");
}

static const struct yg_rule tform_rules[] = {
	{ .id = "X1", .severity = YG_SEV_ERROR, .source = "test", .check = rule_beds },
};

static const struct yg_form tform = {
	.key = "tform", .zh = "测试表", .en = "test form",
	.kinds = YG_KIND_BIT(YG_KIND_TOWNSHIP), .fields = tform_fields, .nfields = 2,
	.rules = tform_rules, .nrules = 1,
};

static const struct yg_form *const forms[] = { &tform };

static yg_db *db;

static void setup(void)
{
	yg_forms_register(forms, 1);
	yg_set_lang(YG_EN);
	db = tl_db_new();
}

static void teardown(void)
{
	tl_db_free(db);
	db = NULL;
	yg_set_lang(YG_ZH);
}

/* Each of these is refused, whatever field it comes in by. */
static const struct {
	const char *s;
	size_t len;
	const char *why;
} bad[] = {
	{ "a\x1b]0;pwned\x07", 11, "control" },
	{ "tab\there", 8, "control" },
	{ "line\nbreak", 10, "control" },
	{ "c1\xc2\x85", 4, "control" },          /* U+0085 NEL */
	{ "c1\xc2\x9b" "2J", 6, "control" },     /* U+009B CSI */
	{ "exe\xe2\x80\xaetxt", 9, "bidi" },     /* U+202E */
	{ "x\xe2\x81\xa6y", 5, "bidi" },         /* U+2066 */
	{ "zero\xe2\x80\x8bwidth", 12, "zero-width" },
	{ "in\xef\xbb\xbfside", 9, "zero-width" },  /* U+FEFF inside */
	{ "Good\0Evil", 9, "NUL" },
	{ "\xd6\xd0\xce\xc4", 4, "UTF-8" },      /* GB18030 中文 read as UTF-8 */
	{ "\xc0\xaf", 2, "UTF-8" },              /* overlong / */
	{ "\xed\xa0\x80", 3, "UTF-8" },          /* a surrogate */
};

START_TEST(test_admit_rule)
{
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		ck_assert_msg(yg_text_admit(bad[i].s, bad[i].len, 0, "名称", "name") == YG_EINVAL,
			"case %zu admitted", i);
		ck_assert_msg(strstr(yg_errmsg(), bad[i].why) && strstr(yg_errmsg(), "name"),
			"case %zu: %s", i, yg_errmsg());
	}
	static const char good[] = "青山县“甲镇”卫生院 O'Brien & Co.";
	ck_assert_int_eq(yg_text_admit(good, strlen(good), 0, NULL, NULL), YG_OK);
	ck_assert_int_eq(yg_text_admit("𠮷䶮", 7, 2, NULL, NULL), YG_OK);
	ck_assert_int_eq(yg_text_admit("𠮷䶮", 7, 1, NULL, NULL), YG_EINVAL);
	/* Bounded whatever the field says. */
	char *big = malloc(YG_TEXT_MAX_BYTES + 1);
	memset(big, 'a', YG_TEXT_MAX_BYTES + 1);
	ck_assert_int_eq(yg_text_admit(big, YG_TEXT_MAX_BYTES, 0, NULL, NULL), YG_OK);
	ck_assert_int_eq(yg_text_admit(big, YG_TEXT_MAX_BYTES + 1, 0, NULL, NULL), YG_EINVAL);
	free(big);
	/* The position is told. */
	ck_assert_int_eq(yg_text_admit("甲乙\xe2\x80\xae", 9, 0, "名称", "name"), YG_EINVAL);
	ck_assert_msg(strstr(yg_errmsg(), "character 3") && strstr(yg_errmsg(), "U+202E"), "%s",
		yg_errmsg());
}
END_TEST

START_TEST(test_escape)
{
	static const struct {
		const char *in, *out;
	} cases[] = {
		{ "\x1b]0;pwned\x07", "\\x1b]0;pwned\\x07" },
		{ "\x1b[2J", "\\x1b[2J" },
		{ "exe\xe2\x80\xaetxt", "exe<U+202E>txt" },
		{ "c1\xc2\x9b", "c1<U+009B>" },
		{ "\xd6\xd0", "\\xd6\\xd0" },
		{ "a\tb", "a\\x09b" },
		{ "青山县 ok", "青山县 ok" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *e = yg_text_escape(cases[i].in, (size_t)-1, false);
		ck_assert_str_eq(e, cases[i].out);
		free(e);
	}
	char *e = yg_text_escape("one\ntwo\x1b", (size_t)-1, true);
	ck_assert_str_eq(e, "one\ntwo\\x1b");
	free(e);
	e = yg_text_escape("one\ntwo", (size_t)-1, false);
	ck_assert_str_eq(e, "one\\x0atwo");
	free(e);
}
END_TEST

START_TEST(test_units_use_the_rule)
{
	struct yg_org o = { .code = "T1", .name = "甲镇\xe2\x80\xae卫生院", .kind = YG_KIND_TOWNSHIP,
		.tier = YG_TIER_PRIMARY, .parent_code = "M1" };
	ck_assert_int_eq(yg_org_put(db, &o, NULL), YG_EINVAL);
	ck_assert_msg(strstr(yg_errmsg(), "T1") && strstr(yg_errmsg(), "U+202E"), "%s", yg_errmsg());
	o.name = "甲镇\xc2\x85";
	ck_assert_int_eq(yg_org_put(db, &o, NULL), YG_EINVAL);
	o.name = "甲镇卫生院(新)";
	ck_assert_int_eq(yg_org_put(db, &o, NULL), YG_OK);
}
END_TEST

START_TEST(test_returns_use_the_rule)
{
	struct yg_sub *sub = NULL;

	tl_login(db, "clk1");
	ck_assert_int_eq(yg_sub_load(db, "tform", "T1", 202610, &sub), YG_OK);
	/* a value typed on a screen */
	ck_assert_int_eq(yg_sub_set(sub, "note", "ok\xe2\x80\x8b"), YG_EINVAL);
	ck_assert_int_eq(yg_sub_set(sub, "note", "正常"), YG_OK);
	/* an explanation */
	ck_assert_int_eq(yg_sub_explain(sub, "W1", "because\x1b[2J"), YG_EINVAL);
	ck_assert_int_eq(yg_sub_set(sub, "beds", "4"), YG_OK);
	ck_assert_int_eq(yg_sub_submit(db, sub, NULL), YG_OK);
	/* a reviewer's comment */
	tl_login(db, "rev1");
	ck_assert_int_eq(yg_sub_return(db, sub->id, sub->version, "请改\xe2\x80\xae"), YG_EINVAL);
	ck_assert_int_eq(yg_sub_return(db, sub->id, sub->version, "请改"), YG_OK);
	yg_sub_free(sub);
}
END_TEST

static int import_text(const char *text, size_t len, uint64_t *first_line)
{
	FILE *in = fmemopen((void *)text, len, "r");
	struct yg_import_opts o = { .encoding = YG_ENC_AUTO };
	struct yg_import_stats st;
	int rc;

	(void)first_line;
	rc = yg_import(db, in, &o, &st);
	yg_import_stats_clear(&st);
	fclose(in);
	return rc;
}

START_TEST(test_import_uses_the_rule)
{
	static const char head[] = "dataelement,period,orgunit,value,storedby\n";
	char buf[512];
	int n;

	/* storedby with a bidi override, a C1 control, GB18030 bytes */
	n = snprintf(buf, sizeof buf, "%stform.beds,202610,T1,4,clk\xe2\x80\xae" "1\n", head);
	ck_assert_int_eq(import_text(buf, (size_t)n, NULL), YG_EINVAL);
	n = snprintf(buf, sizeof buf, "%stform.beds,202610,T1,4,clk\xc2\x85\n", head);
	ck_assert_int_eq(import_text(buf, (size_t)n, NULL), YG_EINVAL);
	/* a text value with a zero-width space */
	n = snprintf(buf, sizeof buf, "%stform.note,202610,T1,a\xe2\x80\x8b" "b,clk1\n", head);
	ck_assert_int_eq(import_text(buf, (size_t)n, NULL), YG_EINVAL);
	n = snprintf(buf, sizeof buf, "%stform.note,202610,T1,正常,clk1\n", head);
	ck_assert_int_eq(import_text(buf, (size_t)n, NULL), YG_OK);
}
END_TEST

START_TEST(test_import_gb18030_whole_file)
{
	/* Four years of months with long comments (each within the text
	 * rule's 4096 bytes) fill the first 64 KiB with ASCII; the last line's
	 * storedby is 张三 in GB18030. */
	size_t cap = 200 * 1024, n = 0;
	char *buf = malloc(cap);
	n += (size_t)snprintf(buf, cap, "dataelement,period,orgunit,value,storedby,comment\n");
	for (int m = 0; m < 48; m++) {
		n += (size_t)snprintf(buf + n, cap - n, "tform.beds,%d%02d,T1,%d,clk1,", 2020 + m / 12,
			m % 12 + 1, m + 1);
		memset(buf + n, 'x', 1500);
		n += 1500;
		buf[n++] = '\n';
	}
	n += (size_t)snprintf(buf + n, cap - n, "tform.beds,202512,T1,1,\xd5\xc5\xc8\xfd,\n");
	ck_assert_int_eq(import_text(buf, n, NULL), YG_OK);
	struct yg_sub *sub = NULL;
	ck_assert_int_eq(yg_sub_load(db, "tform", "T1", 202512, &sub), YG_OK);
	ck_assert_str_eq(sub->updated_by, "张三");
	yg_sub_free(sub);
	free(buf);
}
END_TEST

static int errors_of(const char *org, yg_period p, enum yg_state *state)
{
	struct yg_status *v;
	size_t n;
	int errors = -1;
	ck_assert_int_eq(yg_status_list(db, p, &v, &n), YG_OK);
	for (size_t i = 0; i < n; i++)
		if (!strcmp(v[i].org_code, org) && v[i].form == &tform) {
			errors = v[i].errors;
			*state = v[i].state;
		}
	yg_status_list_free(v, n);
	return errors;
}

START_TEST(test_import_never_goes_further)
{
	static const char head[] = "dataelement,period,orgunit,value,status\n";
	struct yg_sub *sub = NULL;
	enum yg_state state;
	char buf[256];
	int n;

	/* A clerk's draft that fails the error rule X1 ... */
	tl_login(db, "clk1");
	ck_assert_int_eq(yg_sub_load(db, "tform", "T1", 202610, &sub), YG_OK);
	ck_assert_int_eq(yg_sub_set(sub, "beds", "500"), YG_OK);
	ck_assert_int_eq(yg_sub_save(db, sub), YG_OK);
	yg_sub_free(sub);
	/* ... is not made approved by a file. */
	tl_login(db, "rev1");
	n = snprintf(buf, sizeof buf, "%stform.beds,202610,T1,600,approved\n", head);
	ck_assert_int_eq(import_text(buf, (size_t)n, NULL), YG_EINVAL);
	ck_assert_msg(strstr(yg_errmsg(), "refused"), "%s", yg_errmsg());
	ck_assert_int_eq(errors_of("T1", 202610, &state), 0);
	ck_assert_int_eq(state, YG_ST_DRAFT);
	/* Nor is a new return that fails it. */
	n = snprintf(buf, sizeof buf, "%stform.beds,202609,T2,700,\n", head);
	ck_assert_int_eq(import_text(buf, (size_t)n, NULL), YG_EINVAL);
	/* Kept a draft, it may hold the value; status counts the error as
	 * check does. */
	n = snprintf(buf, sizeof buf, "%stform.beds,202610,T1,600,\n", head);
	ck_assert_int_eq(import_text(buf, (size_t)n, NULL), YG_OK);
	ck_assert_int_eq(errors_of("T1", 202610, &state), 1);
	ck_assert_int_eq(state, YG_ST_DRAFT);
	/* A clean one goes in approved. */
	n = snprintf(buf, sizeof buf, "%stform.beds,202609,T2,70,approved\n", head);
	ck_assert_int_eq(import_text(buf, (size_t)n, NULL), YG_OK);
	ck_assert_int_eq(errors_of("T2", 202609, &state), 0);
	ck_assert_int_eq(state, YG_ST_APPROVED);
}
END_TEST

START_TEST(test_commas_only_as_thousands)
{
	int64_t v;
	ck_assert_int_eq(yg_parse_fen("1,234.50", INT64_MAX, &v), YG_OK);
	ck_assert_int_eq(v, 123450);
	ck_assert_int_eq(yg_parse_fen("12,345,678.9", INT64_MAX, &v), YG_OK);
	ck_assert_int_eq(v, 1234567890);
	ck_assert_int_eq(yg_parse_fen("999", INT64_MAX, &v), YG_OK);
	static const char *const bad_amounts[] = { "12,34", "1,2345", ",123", "1234,567",
		"1,,234", "1,234,56", "1,23.5", "1,234,", "12,3.40" };
	for (size_t i = 0; i < sizeof bad_amounts / sizeof bad_amounts[0]; i++)
		ck_assert_msg(yg_parse_fen(bad_amounts[i], INT64_MAX, &v) == YG_EINVAL, "%s taken as %lld",
			bad_amounts[i], (long long)v);
}
END_TEST

START_TEST(test_lastupdated_is_a_time)
{
	static const char head[] = "dataelement,period,orgunit,value,lastupdated\n";
	static const char *const bad_times[] = { "abcd-ef-ghTijk", "0000-00-00T", "2026-02-30T10:00",
		"2026-11-23T25:00", "2026-11-23T10:00+8", "2026-11-23T10:00:00junk",
		"2026-11-23T10:00\xe2\x80\xae" };
	static const char *const good_times[] = { "2026-11-23T15:04:05+08:00",
		"2026-11-23T15:04:05.000", "2026-11-23 15:04Z", "2026-11-23T15:04:05+0800" };
	char buf[256];
	int n;

	tl_login(db, "rev1");
	for (size_t i = 0; i < sizeof bad_times / sizeof bad_times[0]; i++) {
		n = snprintf(buf, sizeof buf, "%stform.beds,202610,T1,4,%s\n", head, bad_times[i]);
		ck_assert_msg(import_text(buf, (size_t)n, NULL) == YG_EINVAL, "%s taken", bad_times[i]);
	}
	for (size_t i = 0; i < sizeof good_times / sizeof good_times[0]; i++) {
		n = snprintf(buf, sizeof buf, "%stform.beds,2026%02zu,T1,4,%s\n", head, i + 1,
			good_times[i]);
		ck_assert_msg(import_text(buf, (size_t)n, NULL) == YG_OK, "%s: %s", good_times[i],
			yg_errmsg());
	}
}
END_TEST

START_TEST(test_guard_off_every_text_cell)
{
	static const char text[] = "dataelement,period,orgunit,value,storedby\n"
		"tform.note,202610,T1,'=SUM(A1),'-clk\n";
	struct yg_sub *sub = NULL;

	tl_login(db, "rev1");
	ck_assert_int_eq(import_text(text, sizeof text - 1, NULL), YG_OK);
	ck_assert_int_eq(yg_sub_load(db, "tform", "T1", 202610, &sub), YG_OK);
	ck_assert_str_eq(sub->updated_by, "-clk");
	ck_assert_str_eq(yg_sub_value(sub, "note")->text, "=SUM(A1)");
	yg_sub_free(sub);
}
END_TEST

START_TEST(test_foreign_sqlite_named)
{
	sqlite3 *s;
	yg_db *other = NULL;
	char p[400];
	snprintf(p, sizeof p, "%s.other", tl_db_path());
	ck_assert_int_eq(sqlite3_open(p, &s), SQLITE_OK);
	sqlite3_exec(s, "CREATE TABLE moz_places(url)", NULL, NULL, NULL);
	sqlite3_close(s);
	ck_assert_int_eq(yg_db_open(p, &other), YG_EINVAL);
	ck_assert_msg(strstr(yg_errmsg(), "another program's SQLite database"), "%s", yg_errmsg());
	unlink(p);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("text");
	TCase *tc = tcase_create("text");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_admit_rule);
	tcase_add_test(tc, test_escape);
	tcase_add_test(tc, test_units_use_the_rule);
	tcase_add_test(tc, test_returns_use_the_rule);
	tcase_add_test(tc, test_import_uses_the_rule);
	tcase_add_test(tc, test_import_gb18030_whole_file);
	tcase_add_test(tc, test_import_never_goes_further);
	tcase_add_test(tc, test_commas_only_as_thousands);
	tcase_add_test(tc, test_lastupdated_is_a_time);
	tcase_add_test(tc, test_guard_off_every_text_cell);
	tcase_add_test(tc, test_foreign_sqlite_named);
	suite_add_tcase(s, tc);
	SRunner *sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
