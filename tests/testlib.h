/*
 * testlib.h — fixtures shared by the Check suites: a fresh database with a
 * small county in it, and quick logins.
 *
 * The county (codes are what tests use):
 *   C     县 (county)                       admin "adm"
 *   M1    东区医共体 (community)             reviewer "rev1"
 *     H1    县人民医院 (hospital, secondary)  clerk "clkh1"
 *     T1    甲镇卫生院 (township, primary, key central)   clerk "clk1"
 *     T2    乙镇卫生院 (township, primary)   clerk "clk2"
 *   M2    西区医共体 (community)             reviewer "rev2"
 *     H2    县中医医院 (hospital, secondary)
 *     T3    丙镇卫生院 (township, primary)   clerk "clk3"
 *     S1    城关社区卫生服务中心 (community_centre, primary)
 *   U1    市第一人民医院 (hospital, tertiary, under the county)
 *   countywide reviewer "revc" at C
 */
#ifndef YIGONG_TESTLIB_H
#define YIGONG_TESTLIB_H

#include "yigong-spi.h"

/* A new database in a fresh temporary directory, holding the county above.
 * Forms must be registered by the caller first if the test needs them. */
yg_db *tl_db_new(void);
/* Path of the database made by the last tl_db_new. */
const char *tl_db_path(void);
/* Logs in (ck_assert on failure). */
void tl_login(yg_db *db, const char *login);
/* Closes the database and removes its directory. */
void tl_db_free(yg_db *db);
/* Fixed clock: 2026-11-23 10:00 local time, so periods and dates are stable. */
void tl_fix_clock(void);
/* Sets the clock to a given local date and hour. */
void tl_set_date(int y, int m, int d, int hour);

#endif
