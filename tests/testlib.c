#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "testlib.h"

static char dir[256];
static char path[300];

const char *tl_db_path(void)
{
	return path;
}

void tl_set_date(int y, int m, int d, int hour)
{
	yg_set_clock(yg_time_of_civil(yg_date_from_ymd(y, m, d), hour, 0, 0));
}

void tl_fix_clock(void)
{
	tl_set_date(2026, 11, 23, 10);
}

static void put_org(yg_db *db, const char *code, const char *name, enum yg_kind kind,
	enum yg_tier tier, const char *parent, bool key_central)
{
	struct yg_org o = {
		.code = (char *)code, .name = (char *)name, .kind = kind, .tier = tier,
		.parent_code = (char *)parent, .key_central = key_central,
	};
	ck_assert_msg(yg_org_put(db, &o, NULL) == YG_OK, "org %s: %s", code, yg_errmsg());
}

static void put_user(yg_db *db, const char *login, enum yg_role role, const char *org)
{
	ck_assert_msg(yg_user_put(db, login, role, org) == YG_OK, "user %s: %s", login,
		yg_errmsg());
}

yg_db *tl_db_new(void)
{
	yg_db *db = NULL;

	snprintf(dir, sizeof dir, "%s/yigong-test-XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/test.db", dir);
	tl_fix_clock();
	ck_assert_msg(yg_db_create(path, &db) == YG_OK, "create: %s", yg_errmsg());
	yg_login_system(db, "adm");
	put_org(db, "C", "青山县", YG_KIND_COUNTY, YG_TIER_NONE, NULL, false);
	put_org(db, "M1", "东区医共体", YG_KIND_COMMUNITY, YG_TIER_NONE, "C", false);
	put_org(db, "H1", "县人民医院", YG_KIND_HOSPITAL, YG_TIER_SECONDARY, "M1", false);
	put_org(db, "T1", "甲镇卫生院", YG_KIND_TOWNSHIP, YG_TIER_PRIMARY, "M1", true);
	put_org(db, "T2", "乙镇卫生院", YG_KIND_TOWNSHIP, YG_TIER_PRIMARY, "M1", false);
	put_org(db, "M2", "西区医共体", YG_KIND_COMMUNITY, YG_TIER_NONE, "C", false);
	put_org(db, "H2", "县中医医院", YG_KIND_HOSPITAL, YG_TIER_SECONDARY, "M2", false);
	put_org(db, "T3", "丙镇卫生院", YG_KIND_TOWNSHIP, YG_TIER_PRIMARY, "M2", false);
	put_org(db, "S1", "城关社区卫生服务中心", YG_KIND_COMMUNITY_CENTRE, YG_TIER_PRIMARY, "M2",
		false);
	put_org(db, "U1", "市第一人民医院", YG_KIND_HOSPITAL, YG_TIER_TERTIARY, "C", false);
	put_user(db, "adm", YG_ROLE_ADMIN, "C");
	put_user(db, "revc", YG_ROLE_REVIEWER, "C");
	put_user(db, "rev1", YG_ROLE_REVIEWER, "M1");
	put_user(db, "rev2", YG_ROLE_REVIEWER, "M2");
	put_user(db, "clkh1", YG_ROLE_CLERK, "H1");
	put_user(db, "clk1", YG_ROLE_CLERK, "T1");
	put_user(db, "clk2", YG_ROLE_CLERK, "T2");
	put_user(db, "clk3", YG_ROLE_CLERK, "T3");
	tl_login(db, "adm");
	return db;
}

void tl_login(yg_db *db, const char *login)
{
	ck_assert_msg(yg_login(db, login, NULL) == YG_OK, "login %s: %s", login, yg_errmsg());
}

void tl_db_free(yg_db *db)
{
	char buf[320];
	yg_db_close(db);
	yg_set_clock(0);
	const char *suffix[] = { "", "-wal", "-shm" };
	for (int i = 0; i < 3; i++) {
		snprintf(buf, sizeof buf, "%s%s", path, suffix[i]);
		unlink(buf);
	}
	rmdir(dir);
}
