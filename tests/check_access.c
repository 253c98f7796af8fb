/*
 * check_access.c — the one access rule (issue 10): a change needs rights
 * over every place it touches, where the user, unit, record or return is
 * now and where it goes; what belongs to the county as a whole only a
 * root-scoped admin touches.  One test per core entry point.
 *
 * The county of testlib.h, plus "m1adm", an admin scoped to M1.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "testlib.h"
#include "yg_csv.h"

static const struct yg_field trec_fields[] = {
	{ .key = "name", .zh = "姓名", .en = "name", .type = YG_T_TEXT, .max = 20, .required = true },
};

static const struct yg_form trec = {
	.key = "trec", .zh = "测试记录", .en = "test record", .is_record = true,
	.kinds = YG_KIND_BIT(YG_KIND_TOWNSHIP), .fields = trec_fields, .nfields = 1,
};

static const struct yg_field tform_fields[] = {
	{ .key = "beds", .zh = "床位", .en = "beds", .type = YG_T_COUNT, .max = 1000 },
};

static const struct yg_form tform = {
	.key = "tform", .zh = "测试表", .en = "test form",
	.kinds = YG_KIND_BIT(YG_KIND_TOWNSHIP), .fields = tform_fields, .nfields = 1,
};

static const struct yg_form *const forms[] = { &tform, &trec };

static yg_db *db;

static void setup(void)
{
	yg_forms_register(forms, 2);
	db = tl_db_new();
	ck_assert_int_eq(yg_user_put(db, "m1adm", YG_ROLE_ADMIN, "M1"), YG_OK);
	tl_login(db, "m1adm");
}

static void teardown(void)
{
	tl_db_free(db);
	db = NULL;
}

static int64_t org_id(const char *code)
{
	struct yg_org o;
	int64_t id;
	ck_assert_int_eq(yg_org_get(db, code, &o), YG_OK);
	id = o.id;
	yg_org_clear(&o);
	return id;
}

static void expect_user(const char *login, const char *role, const char *org)
{
	struct yg_user u;
	ck_assert_int_eq(yg_user_get(db, login, &u), YG_OK);
	ck_assert_str_eq(yg_role_name(u.role), role);
	ck_assert_str_eq(u.org_code, org);
	yg_user_clear(&u);
}

START_TEST(test_users_need_both_places)
{
	/* Issue 10 item 1: the county's only admin demoted from a community. */
	ck_assert_int_eq(yg_user_put(db, "adm", YG_ROLE_CLERK, "T1"), YG_EPERM);
	ck_assert_int_eq(yg_user_put(db, "adm", YG_ROLE_ADMIN, "M1"), YG_EPERM);
	expect_user("adm", "admin", "C");
	/* Taking a clerk from the other community, or sending one there. */
	ck_assert_int_eq(yg_user_put(db, "clk3", YG_ROLE_CLERK, "T1"), YG_EPERM);
	expect_user("clk3", "clerk", "T3");
	ck_assert_int_eq(yg_user_put(db, "clk1", YG_ROLE_CLERK, "T3"), YG_EPERM);
	ck_assert_int_eq(yg_user_set_disabled(db, "clk3", true), YG_EPERM);
	ck_assert_int_eq(yg_user_set_disabled(db, "revc", true), YG_EPERM);
	/* Within the scope, both ways. */
	ck_assert_int_eq(yg_user_put(db, "clk1", YG_ROLE_CLERK, "T2"), YG_OK);
	ck_assert_int_eq(yg_user_put(db, "newclk", YG_ROLE_CLERK, "H1"), YG_OK);
	ck_assert_int_eq(yg_user_set_disabled(db, "clk2", true), YG_OK);
	/* The county's admin reaches everyone. */
	tl_login(db, "adm");
	ck_assert_int_eq(yg_user_put(db, "clk3", YG_ROLE_CLERK, "T1"), YG_OK);
}
END_TEST

START_TEST(test_units_need_both_places)
{
	struct yg_org o = { .code = "T3", .name = "HIJACKED", .kind = YG_KIND_TOWNSHIP,
		.tier = YG_TIER_PRIMARY, .parent_code = "M1" };
	struct yg_org got;

	/* Item 2: another community's township moved into ours. */
	ck_assert_int_eq(yg_org_put(db, &o, NULL), YG_EPERM);
	ck_assert_int_eq(yg_org_get(db, "T3", &got), YG_OK);
	ck_assert_str_eq(got.parent_code, "M2");
	ck_assert_str_eq(got.name, "丙镇卫生院");
	yg_org_clear(&got);
	/* The county renamed. */
	o = (struct yg_org){ .code = "C", .name = "HIJACKED", .kind = YG_KIND_COUNTY };
	ck_assert_int_eq(yg_org_put(db, &o, NULL), YG_EPERM);
	/* Our own community is placed by the county: not ours to rename. */
	o = (struct yg_org){ .code = "M1", .name = "HIJACKED", .kind = YG_KIND_COMMUNITY,
		.parent_code = "C" };
	ck_assert_int_eq(yg_org_put(db, &o, NULL), YG_EPERM);
	/* A unit of ours sent out of the scope. */
	o = (struct yg_org){ .code = "T1", .name = "甲镇", .kind = YG_KIND_TOWNSHIP,
		.tier = YG_TIER_PRIMARY, .parent_code = "M2" };
	ck_assert_int_eq(yg_org_put(db, &o, NULL), YG_EPERM);
	/* Within the scope: rename a unit, add one. */
	o.parent_code = "M1";
	ck_assert_int_eq(yg_org_put(db, &o, NULL), YG_OK);
	o = (struct yg_org){ .code = "T9", .name = "新镇", .kind = YG_KIND_TOWNSHIP,
		.tier = YG_TIER_PRIMARY, .parent_code = "M1" };
	ck_assert_int_eq(yg_org_put(db, &o, NULL), YG_OK);
	/* The root admin renames the county. */
	tl_login(db, "adm");
	o = (struct yg_org){ .code = "C", .name = "绿水县", .kind = YG_KIND_COUNTY };
	ck_assert_int_eq(yg_org_put(db, &o, NULL), YG_OK);
}
END_TEST

START_TEST(test_records_need_both_places)
{
	struct yg_record *r;

	tl_login(db, "clk1");
	r = yg_record_new(&trec, org_id("T1"));
	ck_assert_int_eq(yg_record_set(r, "name", "李四"), YG_OK);
	ck_assert_int_eq(yg_record_save(db, r, NULL), YG_OK);
	/* A clerk cannot hand a record to another roster ... */
	r->org_id = org_id("T2");
	ck_assert_int_eq(yg_record_save(db, r, NULL), YG_EPERM);
	/* ... nor can the other community's reviewer take it. */
	tl_login(db, "rev2");
	r->org_id = org_id("T3");
	ck_assert_int_eq(yg_record_save(db, r, NULL), YG_EPERM);
	ck_assert_int_eq(yg_record_delete(db, r->id, r->version), YG_EPERM);
	/* The community's reviewer moves it within the community. */
	tl_login(db, "rev1");
	r->org_id = org_id("T2");
	ck_assert_int_eq(yg_record_save(db, r, NULL), YG_OK);
	yg_record_free(r);
}
END_TEST

START_TEST(test_returns_need_the_place)
{
	struct yg_sub *sub = NULL;

	tl_login(db, "clk3");
	ck_assert_int_eq(yg_sub_load(db, "tform", "T3", 202610, &sub), YG_OK);
	ck_assert_int_eq(yg_sub_set(sub, "beds", "4"), YG_OK);
	ck_assert_int_eq(yg_sub_submit(db, sub, NULL), YG_OK);
	int64_t id = sub->id, v = sub->version;
	yg_sub_free(sub);
	sub = NULL;
	tl_login(db, "m1adm");
	ck_assert_int_eq(yg_sub_load_id(db, id, &sub), YG_EPERM);
	ck_assert_int_eq(yg_sub_approve(db, id, v), YG_EPERM);
	ck_assert_int_eq(yg_sub_return(db, id, v, "x"), YG_EPERM);
	tl_login(db, "rev2");
	ck_assert_int_eq(yg_sub_approve(db, id, v), YG_OK);
}
END_TEST

START_TEST(test_settings_need_the_root)
{
	ck_assert_int_eq(yg_setting_set_int(db, YG_SET_DUE_DAY, 20), YG_EPERM);
	ck_assert_int_eq(yg_setting_get_int(db, YG_SET_DUE_DAY, 5), 5);
	tl_login(db, "rev1");
	ck_assert_int_eq(yg_setting_set_int(db, YG_SET_DUE_DAY, 20), YG_EPERM);
	tl_login(db, "adm");
	ck_assert_int_eq(yg_setting_set_int(db, YG_SET_DUE_DAY, 20), YG_OK);
}
END_TEST

START_TEST(test_backup_needs_the_root)
{
	/* A backup holds every unit's returns, like the county's targets and
	 * settings it belongs to the county as a whole. */
	char path[400];
	snprintf(path, sizeof path, "%s.bak", tl_db_path());
	ck_assert_int_eq(yg_backup(db, path), YG_EPERM);
	ck_assert_int_ne(access(path, F_OK), 0);
	tl_login(db, "adm");
	ck_assert_int_eq(yg_backup(db, path), YG_OK);
	unlink(path);
}
END_TEST

START_TEST(test_import_needs_the_place)
{
	/* A return of the other community in a file is out of scope. */
	char text[] = "dataelement,period,orgunit,value\ntform.beds,202610,T3,4\n";
	FILE *in = fmemopen(text, strlen(text), "r");
	struct yg_import_opts o = { .encoding = YG_ENC_AUTO };
	struct yg_import_stats st;
	ck_assert_int_eq(yg_import(db, in, &o, &st), YG_EINVAL);
	ck_assert_int_eq(st.rejected, 1);
	yg_import_stats_clear(&st);
	fclose(in);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("access");
	TCase *tc = tcase_create("access");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_users_need_both_places);
	tcase_add_test(tc, test_units_need_both_places);
	tcase_add_test(tc, test_records_need_both_places);
	tcase_add_test(tc, test_returns_need_the_place);
	tcase_add_test(tc, test_settings_need_the_root);
	tcase_add_test(tc, test_backup_needs_the_root);
	tcase_add_test(tc, test_import_needs_the_place);
	suite_add_tcase(s, tc);
	SRunner *sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
