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

/* DESIGN §1: one root a database, of a level's kind; levels sit under
 * the levels above them only. */
START_TEST(test_levels)
{
	struct yg_org root, c, m1, t1;

	ck_assert_int_eq(yg_org_root(db, &root), YG_OK);
	ck_assert_str_eq(root.code, "C");
	ck_assert_int_eq(root.kind, YG_KIND_COUNTY);
	ck_assert(yg_kind_is_level(YG_KIND_PREFECTURE) && yg_kind_is_level(YG_KIND_PROVINCE) &&
		yg_kind_is_level(YG_KIND_COUNTY) && !yg_kind_is_level(YG_KIND_COMMUNITY));
	ck_assert_int_eq(yg_kind_parse("prefecture"), YG_KIND_PREFECTURE);
	ck_assert_int_eq(yg_kind_parse("province"), YG_KIND_PROVINCE);
	/* A second root, whatever its level: refused. */
	struct yg_org p = { .code = "P", .name = "某市", .kind = YG_KIND_PREFECTURE };
	ck_assert_int_eq(yg_org_put(db, &p, NULL), YG_EINVAL);
	ck_assert_msg(strstr(yg_errmsg(), "already a root, C"), "%s", yg_errmsg());
	/* Nor under the county: a prefecture sits under a province only. */
	p.parent_code = "C";
	ck_assert_int_eq(yg_org_put(db, &p, NULL), YG_EINVAL);
	ck_assert_msg(strstr(yg_errmsg(), "cannot sit under"), "%s", yg_errmsg());
	/* The root keeps its kind. */
	struct yg_org up = { .code = "C", .name = "青山县", .kind = YG_KIND_PREFECTURE };
	ck_assert_int_eq(yg_org_put(db, &up, NULL), YG_EINVAL);
	ck_assert_msg(strstr(yg_errmsg(), "is the root"), "%s", yg_errmsg());
	/* Which unit below the root a unit rolls up into. */
	ck_assert_int_eq(yg_org_get(db, "C", &c), YG_OK);
	ck_assert_int_eq(yg_org_get(db, "M1", &m1), YG_OK);
	ck_assert_int_eq(yg_org_get(db, "T1", &t1), YG_OK);
	ck_assert_int_eq(yg_org_below(db, c.id, t1.id), m1.id);
	ck_assert_int_eq(yg_org_below(db, c.id, m1.id), m1.id);
	ck_assert_int_eq(yg_org_below(db, c.id, c.id), 0);
	ck_assert_int_eq(yg_org_below(db, m1.id, c.id), 0);
	yg_org_clear(&root);
	yg_org_clear(&c);
	yg_org_clear(&m1);
	yg_org_clear(&t1);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("tree");
	TCase *tc = tcase_create("tree");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_kind_change_checks_children);
	tcase_add_test(tc, test_integrity_reports_placement);
	tcase_add_test(tc, test_levels);
	suite_add_tcase(s, tc);
	SRunner *sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
