/*
 * check_tree.c — the tree judged whole (issue 10 item 8): a unit with
 * children cannot take a kind they may not sit under, whatever order the
 * changes come in, and check's integrity reports a tree that breaks its own
 * placement rules.
 */
#include <check.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "testlib.h"

static yg_db *db;

static void setup(void)
{
	yg_set_lang(YG_EN);
	db = tl_db_new();
	struct yg_org v = { .code = "V1", .name = "甲村卫生室", .kind = YG_KIND_VILLAGE,
		.parent_code = "T1" };
	ck_assert_int_eq(yg_org_put(db, &v, NULL), YG_OK);
}

static void teardown(void)
{
	tl_db_free(db);
	db = NULL;
	yg_set_lang(YG_ZH);
}

static const char *kind_of(const char *code)
{
	static char buf[32];
	struct yg_org o;
	ck_assert_int_eq(yg_org_get(db, code, &o), YG_OK);
	strcpy(buf, yg_kind_name(o.kind));
	yg_org_clear(&o);
	return buf;
}

START_TEST(test_kind_change_checks_children)
{
	/* A township with a village becomes a hospital: refused. */
	struct yg_org t1 = { .code = "T1", .name = "甲镇医院", .kind = YG_KIND_HOSPITAL,
		.tier = YG_TIER_SECONDARY, .parent_code = "M1" };
	ck_assert_int_eq(yg_org_put(db, &t1, NULL), YG_EINVAL);
	ck_assert_msg(strstr(yg_errmsg(), "V1") && strstr(yg_errmsg(), "T1"), "%s", yg_errmsg());
	ck_assert_str_eq(kind_of("T1"), "township");
	/* A community with institutions becomes a township: refused. */
	struct yg_org m1 = { .code = "M1", .name = "东区", .kind = YG_KIND_TOWNSHIP,
		.tier = YG_TIER_PRIMARY, .parent_code = "C" };
	ck_assert_int_eq(yg_org_put(db, &m1, NULL), YG_EINVAL);
	ck_assert_str_eq(kind_of("M1"), "community");
	/* The same change with the village moved first, in one transaction:
	 * judged as a whole, it is fine. */
	ck_assert_int_eq(yg_begin(db), YG_OK);
	ck_assert_int_eq(yg_org_put(db, &t1, NULL), YG_OK);
	struct yg_org v1 = { .code = "V1", .name = "甲村卫生室", .kind = YG_KIND_VILLAGE,
		.parent_code = "T2" };
	ck_assert_int_eq(yg_org_put(db, &v1, NULL), YG_OK);
	ck_assert_int_eq(yg_commit(db), YG_OK);
	ck_assert_str_eq(kind_of("T1"), "hospital");
}
END_TEST

START_TEST(test_integrity_reports_placement)
{
	struct yg_findings f;
	sqlite3 *s;

	yg_findings_init(&f);
	ck_assert_int_eq(yg_db_integrity(db, &f), YG_OK);
	ck_assert_int_eq(f.n, 0);
	yg_findings_free(&f);
	/* What an older version's org import could leave behind. */
	ck_assert_int_eq(sqlite3_open(tl_db_path(), &s), SQLITE_OK);
	ck_assert_int_eq(sqlite3_exec(s, "UPDATE org_unit SET kind = 'hospital', tier = 'secondary'"
		" WHERE code = 'T1'", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(s);
	yg_findings_init(&f);
	ck_assert_int_eq(yg_db_integrity(db, &f), YG_OK);
	ck_assert_int_eq(f.n, 1);
	ck_assert_str_eq(f.v[0].rule, "DB");
	ck_assert_str_eq(f.v[0].org_code, "V1");
	ck_assert_msg(strstr(f.v[0].en, "cannot sit under T1"), "%s", f.v[0].en);
	yg_findings_free(&f);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("tree");
	TCase *tc = tcase_create("tree");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_kind_change_checks_children);
	tcase_add_test(tc, test_integrity_reports_placement);
	suite_add_tcase(s, tc);
	SRunner *sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
