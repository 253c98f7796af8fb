/*
 * demo.c — 青山县, the fictional county of `yigong init --demo`.
 *
 * Everything goes through the core as the county's own people would do it:
 * clerks save and submit, reviewers approve and return, the clock set back to
 * the day each thing happened so that timeliness reads true.  A fixed-seed
 * generator makes the same county for the same current month.
 *
 * The data is shaped so that `yigong check` and the dashboard have something
 * to show: each unit has a quirk (a target it tends to miss, a warning it
 * explains, a habit of filing late), and the postings include a rotation with
 * gaps, a posting cut short, a doctor who moves, and too few urban experts in
 * one of the two medical communities.
 */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "demo.h"
#include "forms.h"

#define MONTHS 12

enum quirk {
	Q_NO_PH = 1u << 0,        /* no public-health physician for months (T1) */
	Q_LOW_SIGN = 1u << 1,     /* family-doctor signing below target (T6) */
	Q_LOW_ESSENTIAL = 1u << 2,/* too few essential drugs (T8) */
	Q_OFFLINE = 1u << 3,      /* buys some drugs off the platform (T9) */
	Q_SLOW_PAY = 1u << 4,     /* pays suppliers late (T12) */
	Q_OVER_POSTS = 1u << 5,   /* staff above authorised posts (warning S5) */
	Q_LATE = 1u << 6,         /* files late as a habit */
	Q_MISSING = 1u << 7,      /* skipped a couple of months */
	Q_LOW_RESERVE = 1u << 8,  /* reserves too few beds (T7) */
	Q_VBP_OVER = 1u << 9,     /* buys past the contracted volume (warning P2) */
	Q_SLOW_DELIVERY = 1u << 10, /* suppliers deliver late (T11) */
};

struct unit {
	const char *code;
	const char *name;
	enum yg_kind kind;
	enum yg_tier tier;
	const char *parent;
	bool key_central;
	const char *clerk;   /* login of its clerk, NULL for none */
	int size;            /* 1 small .. 3 large */
	unsigned quirks;
};

#define COUNTY DEMO_COUNTY_CODE
#define EAST "530199100000"
#define WEST "530199200000"
#define EAST_LEAD "530199100001"
#define WEST_LEAD "530199200001"
#define CITY_HOSP "530199900001"
#define CHENGGUAN "530199101000"
#define SHIQIAO "530199102000"
#define BAISHA "530199103000"
#define DONGCHENG "530199104000"
#define MAANSHAN "530199105000"
#define LONGTAN "530199201000"
#define SONGLIN "530199202000"
#define HEKOU "530199203000"
#define XICHENG "530199204000"

static const struct unit units[] = {
	{ COUNTY, DEMO_COUNTY_NAME, YG_KIND_COUNTY, YG_TIER_NONE, NULL, false, NULL, 0, 0 },
	{ EAST, "东区医共体", YG_KIND_COMMUNITY, YG_TIER_NONE, COUNTY, false, NULL, 0, 0 },
	{ EAST_LEAD, "青山县人民医院", YG_KIND_HOSPITAL, YG_TIER_SECONDARY, EAST, false,
	  "huangmin", 3, Q_SLOW_PAY },
	{ CHENGGUAN, "城关镇中心卫生院", YG_KIND_TOWNSHIP, YG_TIER_PRIMARY, EAST, true,
	  "wangfang", 3, Q_OVER_POSTS },
	{ "530199101201", "城关镇东村卫生室", YG_KIND_VILLAGE, YG_TIER_NONE, CHENGGUAN, false,
	  NULL, 0, 0 },
	{ SHIQIAO, "石桥镇中心卫生院", YG_KIND_TOWNSHIP, YG_TIER_PRIMARY, EAST, true,
	  "lihua", 2, Q_VBP_OVER },
	{ "530199102201", "石桥镇李家村卫生室", YG_KIND_VILLAGE, YG_TIER_NONE, SHIQIAO, false,
	  NULL, 0, 0 },
	{ BAISHA, "白沙乡卫生院", YG_KIND_TOWNSHIP, YG_TIER_PRIMARY, EAST, false,
	  "zhangwei", 1, Q_NO_PH | Q_LOW_SIGN | Q_LATE },
	{ DONGCHENG, "东城街道社区卫生服务中心", YG_KIND_COMMUNITY_CENTRE, YG_TIER_PRIMARY, EAST,
	  false, "liuyang", 2, Q_OFFLINE },
	{ MAANSHAN, "马鞍山乡卫生院", YG_KIND_TOWNSHIP, YG_TIER_PRIMARY, EAST, false,
	  "yangxue", 1, Q_LOW_ESSENTIAL | Q_MISSING },
	{ WEST, "西区医共体", YG_KIND_COMMUNITY, YG_TIER_NONE, COUNTY, false, NULL, 0, 0 },
	{ WEST_LEAD, "青山县中医医院", YG_KIND_HOSPITAL, YG_TIER_SECONDARY, WEST, false,
	  "zhoujie", 2, Q_LOW_RESERVE },
	{ LONGTAN, "龙潭镇中心卫生院", YG_KIND_TOWNSHIP, YG_TIER_PRIMARY, WEST, true,
	  "wuting", 2, 0 },
	{ "530199201201", "龙潭镇张家村卫生室", YG_KIND_VILLAGE, YG_TIER_NONE, LONGTAN, false,
	  NULL, 0, 0 },
	{ SONGLIN, "松林乡卫生院", YG_KIND_TOWNSHIP, YG_TIER_PRIMARY, WEST, false,
	  "xuhui", 1, Q_LOW_SIGN | Q_SLOW_DELIVERY },
	{ HEKOU, "河口乡卫生院", YG_KIND_TOWNSHIP, YG_TIER_PRIMARY, WEST, false,
	  "sunpeng", 1, Q_LATE },
	{ XICHENG, "西城街道社区卫生服务中心", YG_KIND_COMMUNITY_CENTRE, YG_TIER_PRIMARY, WEST,
	  false, "mali", 2, 0 },
	{ CITY_HOSP, "市第一人民医院", YG_KIND_HOSPITAL, YG_TIER_TERTIARY, COUNTY, false,
	  "zhuhong", 3, 0 },
};
#define NUNITS (sizeof units / sizeof units[0])

struct person {
	const char *login;
	enum yg_role role;
	const char *org;
};

/* Reviewers of the county and of each community, and a second admin. */
static const struct person overseers[] = {
	{ "liuqiang", YG_ROLE_REVIEWER, COUNTY },
	{ "chenjing", YG_ROLE_REVIEWER, EAST },
	{ "zhaolei", YG_ROLE_REVIEWER, WEST },
	{ "gaojian", YG_ROLE_ADMIN, COUNTY },
};

/* A date as month offset from the first month with data, and day (clamped
 * to the month's last day; 31 means "the last day"). */
struct when {
	int month;
	int day;
};

struct posting {
	const char *doctor;
	const char *licence;
	const char *sender;
	const char *title;
	const char *specialty;
	const char *receiver;
	struct when start, planned, actual; /* actual.day 0: not ended */
	bool surgical;
	const char *mode;       /* resident, circuit, remote */
	const char *profession; /* medical, pharmacy, nursing, management */
};

static const struct posting postings[] = {
	/* 东区: a resident attending all year at the key central township. */
	{ "张建国", N_("110530100000101"), EAST_LEAD, "attending", "内科", CHENGGUAN,
	  { -2, 1 }, { 13, 28 }, { 0, 0 }, false, "resident", "medical" },
	/* A rotation at 石桥: a two-day gap, then a mid-month handover. */
	{ "陈晓东", N_("110530100000102"), EAST_LEAD, "attending", "外科", SHIQIAO,
	  { 0, 1 }, { 3, 31 }, { 3, 31 }, true, "resident", "medical" },
	{ "刘芳", N_("110530100000103"), EAST_LEAD, "associate_chief", "儿科", SHIQIAO,
	  { 4, 3 }, { 7, 15 }, { 7, 15 }, false, "resident", "medical" },
	{ "赵磊", N_("110530100000104"), EAST_LEAD, "attending", "全科医学科", SHIQIAO,
	  { 7, 16 }, { 13, 31 }, { 0, 0 }, false, "resident", "medical" },
	/* A resident (住院医师) does not serve T2. */
	{ "王小明", N_("110530100000105"), EAST_LEAD, "resident", "内科", BAISHA,
	  { 0, 1 }, { 11, 31 }, { 0, 0 }, false, "resident", "medical" },
	/* Exactly six months. */
	{ "孙丽", N_("110530100000106"), EAST_LEAD, "associate_chief", "妇产科", DONGCHENG,
	  { 2, 10 }, { 8, 9 }, { 8, 9 }, true, "resident", "medical" },
	/* Circuit service (巡回诊疗) serves T2, not T3. */
	{ "周涛", N_("110530100000107"), EAST_LEAD, "attending", "中医科", MAANSHAN,
	  { 6, 1 }, { 13, 31 }, { 0, 0 }, false, "circuit", "medical" },
	/* 西区 */
	{ "吴刚", N_("120530100000201"), WEST_LEAD, "chief", "针灸推拿科", LONGTAN,
	  { -1, 15 }, { 14, 14 }, { 0, 0 }, false, "resident", "medical" },
	/* 李明 leaves 松林 early and moves on to 河口. */
	{ "李明", N_("120530100000202"), WEST_LEAD, "attending", "内科", SONGLIN,
	  { 0, 1 }, { 5, 31 }, { 4, 20 }, false, "resident", "medical" },
	{ "李明", N_("120530100000202"), WEST_LEAD, "attending", "内科", HEKOU,
	  { 4, 21 }, { 11, 31 }, { 0, 0 }, false, "resident", "medical" },
	{ "黄伟", N_("120530100000203"), WEST_LEAD, "attending", "康复医学科", XICHENG,
	  { 9, 1 }, { 11, 31 }, { 0, 0 }, false, "resident", "medical" },
	/* Experts of the city hospital, 东区's supporting hospital (T4, T5):
	 * three all year, one of them a senior nurse; 西区 names no supporting
	 * hospital, so the two it receives count for no target. */
	{ "钱志远", N_("130530100000301"), CITY_HOSP, "chief", "心血管内科", EAST_LEAD,
	  { -3, 1 }, { 14, 31 }, { 0, 0 }, false, "resident", "medical" },
	{ "郑海燕", N_("130530100000302"), CITY_HOSP, "associate_senior", "护理部", EAST_LEAD,
	  { -1, 1 }, { 12, 31 }, { 0, 0 }, false, "resident", "nursing" },
	{ "冯建华", N_("130530100000303"), CITY_HOSP, "chief", "骨科", CHENGGUAN,
	  { 0, 1 }, { 13, 31 }, { 0, 0 }, true, "resident", "medical" },
	{ "何静", N_("130530100000304"), CITY_HOSP, "associate_chief", "呼吸内科", WEST_LEAD,
	  { 0, 1 }, { 13, 31 }, { 0, 0 }, false, "resident", "medical" },
	{ "罗斌", N_("130530100000305"), CITY_HOSP, "attending", "普外科", LONGTAN,
	  { 3, 1 }, { 8, 31 }, { 0, 0 }, true, "resident", "medical" },
};
#define NPOSTINGS (sizeof postings / sizeof postings[0])

enum outcome { O_MISSING, O_DRAFT, O_SUBMITTED, O_RETURNED, O_APPROVED, O_FIXED, O_REOPENED };

struct gen {
	yg_db *db;
	const char *admin;
	uint64_t seed;
	int64_t now;          /* real time at start: nothing happens after it */
	yg_period first;      /* the first month with data */
	struct demo_stats *st;
};

/* splitmix64: small, good enough, and the same on every machine. */
static uint64_t next(struct gen *g)
{
	uint64_t z = (g->seed += UINT64_C(0x9e3779b97f4a7c15));

	z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
	z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
	return z ^ (z >> 31);
}

/* A whole number in [lo, hi]. */
static int64_t rnd(struct gen *g, int64_t lo, int64_t hi)
{
	return hi <= lo ? lo : lo + (int64_t)(next(g) % (uint64_t)(hi - lo + 1));
}

/* A stable per-unit number, so a unit's size drifts but does not jump. */
static int64_t unit_hash(const struct unit *u, int64_t mod)
{
	uint64_t h = 1469598103934665603u;

	for (const char *p = u->code; *p; p++)
		h = (h ^ (unsigned char)*p) * 1099511628211u;
	return (int64_t)(h % (uint64_t)mod);
}

static yg_date when_date(const struct gen *g, struct when w)
{
	yg_period p = yg_period_add(g->first, w.month);
	int days = yg_period_days(p);

	return yg_date_from_ymd(yg_period_year(p), yg_period_month(p), w.day > days ? days : w.day);
}

/* Sets the core's clock to a day and time (China's civil time, as the
 * due day is), never past the moment the demo is built at. */
static void clock_at(const struct gen *g, yg_date d, int hour, int minute)
{
	int64_t t = yg_time_of_civil(d, hour, minute, 0);

	if (t > g->now - 60)
		t = g->now - 60;
	yg_set_clock(t);
}

static const struct unit *unit_of(const char *code)
{
	for (size_t i = 0; i < NUNITS; i++)
		if (!strcmp(units[i].code, code))
			return &units[i];
	return NULL;
}

/* Acts as login; the admin who ran init when login is NULL or is the
 * admin's own (a demo login that clashes with it is never created). */
static int act(struct gen *g, const char *login)
{
	if (!login || !strcmp(login, g->admin))
		login = g->admin;
	return yg_login(g->db, login, NULL);
}

static const char *reviewer_of(const struct unit *u)
{
	if (!strcmp(u->parent, EAST))
		return "chenjing";
	if (!strcmp(u->parent, WEST))
		return "zhaolei";
	return "liuqiang";
}

/* ------------------------------------------------------------------------
 * Units and people
 */

static int build_units(struct gen *g)
{
	for (size_t i = 0; i < NUNITS; i++) {
		const struct unit *u = &units[i];
		struct yg_org o = {
			.code = (char *)u->code,
			.name = (char *)u->name,
			.kind = u->kind,
			.tier = u->tier,
			.parent_code = (char *)u->parent,
			.key_central = u->key_central,
			/* Open from the first month the demo fills. */
			.opened = g->first,
		};
		bool changed;
		int rc = yg_org_put(g->db, &o, &changed);

		if (rc != YG_OK)
			return rc;
		g->st->units++;
	}
	/* The east is supported by the city's tertiary hospital (T4, T5 apply);
	 * the west names no supporting hospital (T4 not applicable). */
	int rc = yg_org_set_support(g->db, EAST, EAST_LEAD, CITY_HOSP, NULL);
	if (rc == YG_OK)
		rc = yg_org_set_support(g->db, WEST, WEST_LEAD, "", NULL);
	return rc;
}

static int add_user(struct gen *g, const char *login, enum yg_role role, const char *org)
{
	int rc;

	if (!strcmp(login, g->admin))
		return YG_OK;
	rc = yg_user_put(g->db, login, role, org);
	if (rc == YG_OK)
		g->st->users++;
	return rc;
}

static int build_users(struct gen *g)
{
	int rc = yg_user_put(g->db, g->admin, YG_ROLE_ADMIN, COUNTY);

	if (rc != YG_OK)
		return rc;
	g->st->users++;
	for (size_t i = 0; rc == YG_OK && i < sizeof overseers / sizeof overseers[0]; i++)
		rc = add_user(g, overseers[i].login, overseers[i].role, overseers[i].org);
	for (size_t i = 0; rc == YG_OK && i < NUNITS; i++)
		if (units[i].clerk)
			rc = add_user(g, units[i].clerk, YG_ROLE_CLERK, units[i].code);
	return rc;
}

/* ------------------------------------------------------------------------
 * Postings and their monthly activity
 */

static int set_date(struct yg_record *r, const char *key, yg_date d)
{
	char buf[11];

	yg_date_format(d, buf);
	return yg_record_set(r, key, buf);
}

static int posting_activity(struct gen *g, const struct posting *ps, int64_t id)
{
	yg_date start = when_date(g, ps->start);
	yg_date end = when_date(g, ps->actual.day ? ps->actual : ps->planned);
	int rc = YG_OK;

	for (int k = 0; k < MONTHS && rc == YG_OK; k++) {
		yg_period p = yg_period_add(g->first, k);
		yg_date lo = yg_period_first_day(p), hi = yg_period_last_day(p);
		int64_t days;

		if (start > lo)
			lo = start;
		if (end < hi)
			hi = end;
		if (lo > hi)
			continue;
		days = hi - lo + 1;
		/* Five working days in seven, a couple of them lost to meetings. */
		rc = yg_activity_set(g->db, id, p, "days_on_site", days * 5 / 7 - rnd(g, 0, 1));
		if (rc == YG_OK)
			rc = yg_activity_set(g->db, id, p, "outpatient_visits",
				days * rnd(g, 5, 12));
		if (rc == YG_OK)
			rc = yg_activity_set(g->db, id, p, "ward_rounds", days / 3 + rnd(g, 0, 3));
		if (rc == YG_OK)
			rc = yg_activity_set(g->db, id, p, "operations",
				ps->surgical ? rnd(g, 2, 12) * days / 30 : 0);
		if (rc == YG_OK)
			rc = yg_activity_set(g->db, id, p, "teaching_sessions", rnd(g, 1, 4));
		if (rc == YG_OK)
			rc = yg_activity_set(g->db, id, p, "consultations", rnd(g, 1, 8));
	}
	return rc;
}

static int build_postings(struct gen *g)
{
	const struct yg_form *form = yg_form_find("posting");
	int rc = act(g, NULL);

	if (!form)
		return YG_OK;
	for (size_t i = 0; rc == YG_OK && i < NPOSTINGS; i++) {
		const struct posting *ps = &postings[i];
		struct yg_org holder = { 0 };
		struct yg_record *r;

		/*
		 * Held by the receiving institution: the monthly return derives
		 * its figures from the postings its clerk may see, and a clerk's
		 * scope is the institution.  (Held by the sending hospital, the
		 * clerk's return would count none of them.)
		 */
		rc = yg_org_get(g->db, ps->receiver, &holder);
		if (rc != YG_OK)
			break;
		r = yg_record_new(form, holder.id);
		yg_org_clear(&holder);
		if (!r)
			return yg_fail(YG_ENOMEM, "out of memory");
		rc = yg_record_set(r, "doctor_name", ps->doctor);
		if (rc == YG_OK)
			rc = yg_record_set(r, "licence_no", ps->licence);
		if (rc == YG_OK)
			rc = yg_record_set(r, "sending_org", ps->sender);
		if (rc == YG_OK)
			rc = yg_record_set(r, "title", ps->title);
		if (rc == YG_OK)
			rc = yg_record_set(r, "mode", ps->mode);
		if (rc == YG_OK)
			rc = yg_record_set(r, "profession", ps->profession);
		if (rc == YG_OK)
			rc = yg_record_set(r, "specialty", ps->specialty);
		if (rc == YG_OK)
			rc = yg_record_set(r, "receiving_org", ps->receiver);
		if (rc == YG_OK)
			rc = set_date(r, "start_date", when_date(g, ps->start));
		if (rc == YG_OK)
			rc = set_date(r, "planned_end_date", when_date(g, ps->planned));
		if (rc == YG_OK && ps->actual.day)
			rc = set_date(r, "actual_end_date", when_date(g, ps->actual));
		if (rc == YG_OK)
			rc = yg_record_save(g->db, r, NULL);
		if (rc == YG_OK)
			rc = posting_activity(g, ps, r->id);
		if (rc == YG_OK)
			g->st->postings++;
		yg_record_free(r);
	}
	return rc;
}

/* ------------------------------------------------------------------------
 * Referrals: the family doctors' register.  Filled through the spec's own
 * keys when the form has them, so a change of spec costs referrals, not the
 * whole demo.
 */

static bool has_field(const struct yg_form *f, const char *key)
{
	return yg_field_index(f, key) >= 0;
}

static const char *const diagnoses[] = {
	"I10", "E11.9", "J18.9", "I63.9", "K35.8", "O80", "M54.5", "J44.1", "N39.0", "S72.0",
};

static const char *const primary_units[] = {
	CHENGGUAN, SHIQIAO, BAISHA, DONGCHENG, MAANSHAN, LONGTAN, SONGLIN, HEKOU, XICHENG,
};
#define NPRIMARY (sizeof primary_units / sizeof primary_units[0])

/* One referral of unit u in month k: mostly up to its lead hospital, now and
 * then to the city hospital outside the community, some back down. */
static int one_referral(struct gen *g, const struct yg_form *form, const struct unit *u,
	int k, int serial)
{
	static const char *const states[] = { "completed", "completed", "completed",
		"accepted", "pending", "refused" };
	yg_period p = yg_period_add(g->first, k);
	const char *lead = !strcmp(u->parent, EAST) ? EAST_LEAD : WEST_LEAD;
	bool up = rnd(g, 0, 3) != 0, outside = rnd(g, 0, 9) == 0;
	const char *other = outside ? CITY_HOSP : lead;
	yg_date d = yg_period_first_day(p) + (yg_date)rnd(g, 0, yg_period_days(p) - 1);
	size_t ndiag = sizeof diagnoses / sizeof diagnoses[0];
	struct yg_org holder = { 0 };
	struct yg_record *r;
	char ref[32], day[11];
	int rc = yg_org_get(g->db, u->code, &holder);

	if (rc != YG_OK)
		return rc;
	r = yg_record_new(form, holder.id);
	yg_org_clear(&holder);
	if (!r)
		return yg_fail(YG_ENOMEM, "out of memory");
	yg_date_format(d, day);
	/* A local record number, never an ID number. */
	snprintf(ref, sizeof ref, "QS%04d%05d", (int)(p % 10000), serial);
	rc = yg_record_set(r, "date", day);
	if (rc == YG_OK && has_field(form, "patient_ref"))
		rc = yg_record_set(r, "patient_ref", ref);
	if (rc == YG_OK)
		rc = yg_record_set(r, "direction", up ? "up" : "down");
	if (rc == YG_OK && has_field(form, "from_org"))
		rc = yg_record_set(r, "from_org", up ? u->code : other);
	if (rc == YG_OK && has_field(form, "to_org"))
		rc = yg_record_set(r, "to_org", up ? other : u->code);
	if (rc == YG_OK && has_field(form, "in_community"))
		rc = yg_record_set(r, "in_community", outside ? "0" : "1");
	if (rc == YG_OK && has_field(form, "diagnosis"))
		rc = yg_record_set(r, "diagnosis", diagnoses[rnd(g, 0, (int64_t)ndiag - 1)]);
	if (rc == YG_OK && has_field(form, "by_family_doctor"))
		rc = yg_record_set(r, "by_family_doctor", rnd(g, 0, 4) ? "1" : "0");
	if (rc == YG_OK && has_field(form, "status"))
		rc = yg_record_set(r, "status", k < MONTHS - 1 ? states[rnd(g, 0, 5)] : "pending");
	if (rc == YG_OK && has_field(form, "reserved_used"))
		rc = yg_record_set(r, "reserved_used", up && rnd(g, 0, 2) ? "1" : "0");
	/* The city's hospital is outside the county (县域外). */
	if (rc == YG_OK && up && has_field(form, "out_of_county"))
		rc = yg_record_set(r, "out_of_county", outside ? "1" : "0");
	if (rc == YG_OK)
		rc = yg_record_save(g->db, r, NULL);
	if (rc == YG_OK)
		g->st->referrals++;
	yg_record_free(r);
	return rc;
}

static int build_referrals(struct gen *g)
{
	const struct yg_form *form = yg_form_find("referral");
	int rc, serial = 0;

	if (!form || !has_field(form, "date") || !has_field(form, "direction"))
		return YG_OK;
	rc = act(g, NULL);
	for (int k = 0; rc == YG_OK && k < MONTHS; k++) {
		for (size_t i = 0; rc == YG_OK && i < NPRIMARY; i++) {
			const struct unit *u = unit_of(primary_units[i]);
			int n = (int)rnd(g, 1, 2 + u->size);

			for (int j = 0; rc == YG_OK && j < n; j++)
				rc = one_referral(g, form, u, k, ++serial);
		}
	}
	return rc;
}

/* ------------------------------------------------------------------------
 * Monthly values
 */

static int set_n(struct yg_sub *sub, const char *key, int64_t n)
{
	char buf[24];

	snprintf(buf, sizeof buf, "%" PRId64, n < 0 ? 0 : n);
	return yg_sub_set(sub, key, buf);
}

/* Amounts and two-decimal figures, from hundredths. */
static int set_c(struct yg_sub *sub, const char *key, int64_t cents)
{
	char buf[24];

	if (cents < 0)
		cents = 0;
	snprintf(buf, sizeof buf, "%" PRId64 ".%02" PRId64, cents / 100, cents % 100);
	return yg_sub_set(sub, key, buf);
}

/* x * permille / 1000, rounded down. */
static int64_t share(int64_t x, int64_t permille)
{
	return x * permille / 1000;
}

static int fill_staffing(struct gen *g, struct yg_sub *sub, const struct unit *u, int k)
{
	int64_t posts = 24 + 12 * u->size + unit_hash(u, 6);
	int64_t staff = posts - rnd(g, 1, 4);
	int64_t lic = 4 + 3 * u->size + rnd(g, 0, 1), asst = 2 + rnd(g, 0, 2);
	int64_t ph = 1 + (u->size > 2), tcm = 1 + rnd(g, 0, 1);
	int64_t nurses = 6 + 4 * u->size + rnd(g, 0, 2);
	int64_t vd = u->kind == YG_KIND_TOWNSHIP ? 8 * u->size + unit_hash(u, 5) : 0;
	int rc = YG_OK;

	if (u->quirks & Q_OVER_POSTS)
		staff = posts + 2 + (k >= 6);
	if ((u->quirks & Q_NO_PH) && k < 5)
		ph = 0;
	rc = set_n(sub, "authorised_posts", posts);
	if (rc == YG_OK) rc = set_n(sub, "staff_on_post", staff);
	if (rc == YG_OK) rc = set_n(sub, "licensed_physicians", lic);
	if (rc == YG_OK) rc = set_n(sub, "assistant_physicians", asst);
	if (rc == YG_OK) rc = set_n(sub, "general_practitioners", 1 + u->size + rnd(g, 0, 1));
	if (rc == YG_OK) rc = set_n(sub, "public_health_physicians", ph);
	if (rc == YG_OK) rc = set_n(sub, "tcm_physicians", tcm);
	if (rc == YG_OK) rc = set_n(sub, "registered_nurses", nurses);
	if (rc == YG_OK) rc = set_n(sub, "pharmacists", 1 + rnd(g, 0, 1));
	if (rc == YG_OK) rc = set_n(sub, "technicians", 1 + u->size + rnd(g, 0, 1));
	if (rc == YG_OK) rc = set_n(sub, "hires", rnd(g, 0, 3) ? 0 : rnd(g, 1, 2));
	if (rc == YG_OK) rc = set_n(sub, "departures", rnd(g, 0, 4) ? 0 : 1);
	if (rc == YG_OK) rc = set_n(sub, "village_doctors", vd);
	if (rc == YG_OK) rc = set_n(sub, "village_doctors_licensed", share(vd, 300));
	/* Seed 003 二: the under-45s among the licensed. */
	if (rc == YG_OK) rc = set_n(sub, "village_doctors_under45", share(share(vd, 300), 600));
	if (rc == YG_OK) rc = set_n(sub, "village_doctors_pension", share(vd, 850));
	return rc;
}

static int fill_familydoc(struct gen *g, struct yg_sub *sub, const struct unit *u, int k)
{
	/* Shares of the residents in each key group (permille) and how many
	 * of each are signed (permille of the group). */
	static const struct { const char *key; int64_t of_res, signed_pm; } groups[] = {
		{ "elderly", 130, 720 }, { "hypertension", 110, 700 }, { "diabetes", 35, 690 },
		{ "pregnant", 9, 850 }, { "children", 60, 610 }, { "disabled", 16, 760 },
		{ "poor", 22, 950 },
	};
	int64_t residents = 9000 * u->size + unit_hash(u, 3000);
	int64_t cover = (u->quirks & Q_LOW_SIGN) ? 255 + 3 * k : 335 + 2 * k + unit_hash(u, 60);
	int64_t key_pm = (u->quirks & Q_LOW_SIGN) ? 540 + 2 * k : 0;
	int64_t sum = 0, sum_signed = 0, key, key_signed;
	int rc = YG_OK;

	rc = set_n(sub, "residents", residents);
	if (rc == YG_OK)
		rc = set_n(sub, "residents_signed", share(residents, cover) + rnd(g, 0, 40));
	for (size_t i = 0; rc == YG_OK && i < sizeof groups / sizeof groups[0]; i++) {
		int64_t n = share(residents, groups[i].of_res);
		int64_t s = share(n, key_pm ? key_pm : groups[i].signed_pm + 2 * k);
		char *sk = yg_asprintf("%s_signed", groups[i].key);

		if (!sk)
			return yg_fail(YG_ENOMEM, "out of memory");
		rc = set_n(sub, groups[i].key, n);
		if (rc == YG_OK)
			rc = set_n(sub, sk, s < n ? s : n);
		free(sk);
		sum += n;
		sum_signed += s < n ? s : n;
	}
	/* Deduplicated: someone old with hypertension counts once. */
	key = share(sum, 780);
	key_signed = share(sum_signed, 780);
	if (rc == YG_OK)
		rc = set_n(sub, "key_population", key);
	if (rc == YG_OK)
		rc = set_n(sub, "key_population_signed", key_signed);
	if (rc == YG_OK)
		rc = set_n(sub, "teams", 2 + 2 * u->size + unit_hash(u, 2));
	if (rc == YG_OK)
		rc = set_n(sub, "specialists_in_teams", u->size + rnd(g, 0, 2));
	/* The 0.2 fields, from the unit and month alone (the generator's
	 * sequence, and so the rest of the county, stays as it was). */
	const struct yg_value *sg = yg_sub_value(sub, "residents_signed");
	int64_t infectious = share(residents, 3), lipid = share(residents, 80);
	if (rc == YG_OK && sg && sg->set)
		rc = set_n(sub, "followed_up", share(sg->num, 560 + 6 * k + unit_hash(u, 80)));
	if (rc == YG_OK) rc = set_n(sub, "infectious", infectious);
	if (rc == YG_OK) rc = set_n(sub, "infectious_signed", share(infectious, 900));
	if (rc == YG_OK) rc = set_n(sub, "hyperlipidaemia", lipid);
	if (rc == YG_OK) rc = set_n(sub, "hyperlipidaemia_signed", share(lipid, 480 + 3 * k));
	return rc;
}

/*
 * Service volume: seasonal (winter busier), a little more each year at the
 * townships and centres than at the hospitals, so 乡村诊疗量占比 and 基层就诊率
 * mostly rise (T15, T16) — except in Feb, May, Aug and Nov of the recent
 * year, when the townships' visits dip and both miss.  Revenue per visit
 * barely moves, but 县人民医院 (Q_SLOW_PAY) and 白沙 (Q_LATE) raise theirs
 * past the GDP growth (T18); the units slow to sign have fewer health
 * records (T14).
 */
static int fill_services(struct gen *g, struct yg_sub *sub, const struct unit *u, int k)
{
	static const int64_t season[12] = { 1100, 980, 1040, 1000, 990, 960, 950, 960, 1000,
		1020, 1060, 1120 };
	int mo = yg_period_month(sub->period);
	bool recent = k >= 0, township = u->kind == YG_KIND_TOWNSHIP;
	bool hospital = u->kind == YG_KIND_HOSPITAL, tertiary = u->tier == YG_TIER_TERTIARY;
	int64_t grow = !recent ? 1000 : hospital ? 1015 : township && mo % 3 == 2 ? 950 : 1040;
	int64_t cost = !recent ? 1000 : (u->quirks & (Q_SLOW_PAY | Q_LATE)) ? 1065 : 1005;
	int64_t base = tertiary ? 30000 : hospital ? 9000 * u->size : township ? 2200 * u->size :
		2600 * u->size;
	int64_t per_visit = tertiary ? 32000 : hospital ? 21000 : township ? 6500 : 7200;
	int64_t per_stay = tertiary ? 1200000 : hospital ? 650000 : township ? 180000 : 150000;
	int64_t stays = tertiary ? 2000 : hospital ? 450 * u->size : township ? 35 * u->size :
		5 * u->size;
	int64_t residents = 9000 * u->size + unit_hash(u, 3000);
	int64_t ehr_pm = (u->quirks & Q_LOW_SIGN) ? 800 + 2 * k : 870 + unit_hash(u, 60);
	int64_t visits = base * season[mo - 1] / 1000 * grow / 1000 + rnd(g, 0, 150);
	int64_t out_rev = visits * per_visit / 1000 * cost;
	int64_t discharges = stays * season[mo - 1] / 1000 * grow / 1000 + rnd(g, 0, 5);
	int64_t in_rev = discharges * per_stay / 1000 * cost;
	int rc = set_n(sub, "visits", visits);

	if (rc == YG_OK && township)
		rc = set_n(sub, "village_visits", 900 * u->size * season[mo - 1] / 1000 * grow / 1000);
	if (rc == YG_OK) rc = set_n(sub, "discharges", discharges);
	if (rc == YG_OK) rc = set_n(sub, "remote_consultations", rnd(g, 2, 20));
	if (rc == YG_OK) rc = set_n(sub, "remote_diagnoses", rnd(g, 10, 60));
	if (rc == YG_OK) rc = set_n(sub, "results_recognised", rnd(g, 50, 400));
	if (rc == YG_OK) rc = set_n(sub, "ehr_residents", hospital ? 0 : share(residents, ehr_pm));
	if (rc == YG_OK) rc = set_n(sub, "hypertension_managed", hospital ? 0 :
		share(share(residents, 110), 640 + 4 * (k + 12)));
	if (rc == YG_OK) rc = set_n(sub, "diabetes_managed", hospital ? 0 :
		share(share(residents, 35), 600 + 4 * (k + 12)));
	if (rc == YG_OK) rc = set_n(sub, "tcm_techniques", township ? 6 + 2 * u->size : 3);
	if (rc == YG_OK) rc = set_c(sub, "outpatient_revenue", out_rev);
	if (rc == YG_OK) rc = set_c(sub, "inpatient_revenue", in_rev);
	if (rc == YG_OK) rc = set_c(sub, "drug_revenue", share(out_rev + in_rev,
		330 + unit_hash(u, 120) - (recent ? 15 : 0)));
	return rc;
}

/*
 * The fund of each community, to date in the calendar year: spent runs
 * ahead of the budget's pace by a gap that moves with the month, so that
 * 东区 stays mostly within 5 % and falls in the 5–10 % band some months,
 * and 西区 passes 10 % in spring and autumn (T17's three bands).  Figures
 * depend on the month alone, never the generator: a figure to date must
 * never fall (I3), whatever a correction refills.
 */
static int fill_insurance(struct gen *g, struct yg_sub *sub, const struct unit *u, int k)
{
	static const int64_t gaps[2][12] = {
		{ 20, 40, 85, 112, 125, 90, 60, 45, 38, 108, 131, 88 }, /* 西区 */
		{ -20, 10, 30, 62, 71, 40, 20, 30, 58, 44, 35, 20 },    /* 东区 */
	};
	bool east = !strcmp(u->parent, EAST);
	int year = yg_period_year(sub->period), mo = yg_period_month(sub->period);
	int64_t budget = (east ? 18000000000 : 12000000000) + (year % 2) * 800000000;
	int64_t gap = gaps[east][(mo - 1) % 12] + (year % 2) * 5;
	int64_t spent = budget * mo / 12 * (1000 + gap) / 1000;
	int64_t in_county = share(spent, 770 + 4 * mo + (year % 4) * 10);
	int64_t inpatients = 0;
	int rc;

	(void)g;
	(void)k;
	for (int i = 1; i <= mo; i++)
		inpatients += (east ? 1300 : 900) + 20 * (i % 3);
	rc = set_c(sub, "fund_budget", budget);
	if (rc == YG_OK) rc = set_c(sub, "fund_spent", spent);
	if (rc == YG_OK) rc = set_c(sub, "fund_spent_in_county", in_county);
	if (rc == YG_OK) rc = set_c(sub, "fund_spent_primary",
		share(in_county, 210 + 3 * mo + (year % 4) * 5));
	if (rc == YG_OK) rc = set_n(sub, "inpatients", inpatients);
	if (rc == YG_OK) rc = set_n(sub, "inpatients_out_of_county",
		share(inpatients, 170 - 2 * mo - (year % 4) * 5));
	return rc;
}

static int fill_capacity(struct gen *g, struct yg_sub *sub, const struct unit *u, int k)
{
	int64_t slots = 600 * u->size + rnd(g, 0, 120), beds = 150 * u->size + unit_hash(u, 40);
	int64_t exams = 900 * u->size + rnd(g, 0, 200);
	int64_t beds_pm = (u->quirks & Q_LOW_RESERVE) ? 150 + 3 * k : 220 + rnd(g, 0, 40);
	int rc = set_n(sub, "expert_slots", slots);

	if (rc == YG_OK)
		rc = set_n(sub, "expert_slots_reserved", share(slots, 230 + rnd(g, 0, 60)));
	if (rc == YG_OK) rc = set_n(sub, "beds", beds);
	if (rc == YG_OK) rc = set_n(sub, "beds_reserved", share(beds, beds_pm));
	if (rc == YG_OK) rc = set_n(sub, "exams", exams);
	if (rc == YG_OK) rc = set_n(sub, "exams_reserved", share(exams, 210 + rnd(g, 0, 50)));
	return rc;
}

static int fill_procurement(struct gen *g, struct yg_sub *sub, const struct unit *u, int k)
{
	int64_t var, ess_pm, amount, online_pm, vbp;
	int64_t elapsed = yg_period_month(sub->period); /* the contract year starts in January */
	int64_t orders = 30 + 25 * u->size + rnd(g, 0, 20), ontime_pm = 930 + rnd(g, 0, 60);
	int64_t pay = 1500 + rnd(g, 0, 1200); /* hundredths of a day */
	int64_t bought, cons;
	int rc;

	switch (u->tier) {
	case YG_TIER_TERTIARY:
		var = 1500 + unit_hash(u, 200);
		ess_pm = 340 + rnd(g, 0, 40);
		amount = 2800000000 + rnd(g, 0, 400000000);
		online_pm = 960 + rnd(g, 0, 35);
		vbp = 1800000;
		break;
	case YG_TIER_SECONDARY:
		var = 900 + unit_hash(u, 200);
		ess_pm = 610 + rnd(g, 0, 60);
		amount = 450000000 * u->size / 2 + rnd(g, 0, 60000000);
		online_pm = 955 + rnd(g, 0, 40);
		vbp = 420000;
		break;
	default:
		var = 260 + unit_hash(u, 90);
		ess_pm = 820 + rnd(g, 0, 80);
		amount = 25000000 * u->size + rnd(g, 0, 8000000);
		online_pm = 1000;
		vbp = 60000 * u->size;
		break;
	}
	if (u->quirks & Q_LOW_ESSENTIAL)
		ess_pm = 720 + rnd(g, 0, 50);
	if ((u->quirks & Q_OFFLINE) && rnd(g, 0, 2) == 0)
		online_pm = 960 + rnd(g, 0, 30);
	if (u->quirks & Q_SLOW_PAY)
		pay = 2800 + rnd(g, 0, 1200);
	if ((u->quirks & Q_SLOW_DELIVERY) && k % 3 == 0)
		ontime_pm = 820 + rnd(g, 0, 60);
	/* On pace, a little ahead or behind; over the contract at year's end
	 * for the unit that explains it. */
	bought = vbp * elapsed * (950 + rnd(g, 0, 120)) / 12000;
	if ((u->quirks & Q_VBP_OVER) && elapsed >= 10)
		bought = vbp + vbp * elapsed / 100;
	else if (bought > vbp)
		bought = vbp;
	cons = share(amount, 300 + rnd(g, 0, 80));

	rc = set_n(sub, "drug_varieties", var);
	if (rc == YG_OK) rc = set_n(sub, "essential_varieties", share(var, ess_pm));
	if (rc == YG_OK) rc = set_c(sub, "drug_amount", amount);
	if (rc == YG_OK) rc = set_c(sub, "essential_amount", share(amount, u->tier ==
		YG_TIER_PRIMARY ? 700 : 450));
	if (rc == YG_OK) rc = set_c(sub, "online_amount", share(amount, online_pm));
	if (rc == YG_OK) rc = set_c(sub, "consumables_amount", cons);
	if (rc == YG_OK) rc = set_c(sub, "consumables_online_amount", share(cons,
		955 + rnd(g, 0, 45)));
	if (rc == YG_OK) rc = set_n(sub, "vbp_contracted", vbp);
	if (rc == YG_OK) rc = set_n(sub, "vbp_purchased", bought);
	if (rc == YG_OK) rc = set_n(sub, "orders", orders);
	if (rc == YG_OK) rc = set_n(sub, "orders_on_time", share(orders, ontime_pm));
	if (rc == YG_OK) rc = set_c(sub, "payment_days", pay);
	/* Settled orders; the slow payer is late on about one in seven (T12).
	 * No draw from the generator: the other figures stay as they were. */
	if (rc == YG_OK) rc = set_n(sub, "payments", share(orders, 900));
	if (rc == YG_OK) rc = set_n(sub, "payments_late", (u->quirks & Q_SLOW_PAY) ?
		share(share(orders, 900), 150) : 0);
	if (rc == YG_OK) rc = set_c(sub, "nonselected_amount", share(amount, 25));
	if (rc == YG_OK) rc = set_n(sub, "shortage_varieties", rnd(g, 0, 3) ? 0 : rnd(g, 1, 3));
	return rc;
}

/* Whatever a spec asks that the fillers above do not know (a field added
 * later) gets a modest figure, so the return can still be submitted. */
static int fill_rest(struct gen *g, struct yg_sub *sub)
{
	const struct yg_form *f = sub->form;
	int64_t whole = 0;
	int rc = YG_OK;

	for (size_t i = 0; rc == YG_OK && i < f->nfields; i++) {
		const struct yg_field *fd = &f->fields[i];
		int64_t n;

		if (fd->indent == 0 && sub->values[i].set)
			whole = sub->values[i].num;
		if (fd->derived || !fd->required || sub->values[i].set)
			continue;
		switch (fd->type) {
		case YG_T_COUNT:
		case YG_T_AMOUNT:
		case YG_T_DECIMAL:
			n = fd->indent ? whole / 2 : rnd(g, 5, 50);
			if (n < fd->min)
				n = fd->min;
			if (n > fd->max)
				n = fd->max;
			if (fd->indent == 0)
				whole = n;
			if (fd->type == YG_T_COUNT)
				rc = set_n(sub, fd->key, n);
			else
				rc = set_c(sub, fd->key, n);
			break;
		case YG_T_CHOICE:
			if (fd->choices && fd->choices[0].value)
				rc = yg_sub_set(sub, fd->key, fd->choices[0].value);
			break;
		case YG_T_ORG:
			rc = yg_sub_set(sub, fd->key, sub->org.code);
			break;
		default:
			break;
		}
	}
	return rc;
}

static int fill(struct gen *g, struct yg_sub *sub, const struct unit *u, int k)
{
	const char *key = sub->form->key;
	int rc = YG_OK;

	if (!strcmp(key, "staffing"))
		rc = fill_staffing(g, sub, u, k);
	else if (!strcmp(key, "familydoc"))
		rc = fill_familydoc(g, sub, u, k);
	else if (!strcmp(key, "capacity"))
		rc = fill_capacity(g, sub, u, k);
	else if (!strcmp(key, "procurement"))
		rc = fill_procurement(g, sub, u, k);
	else if (!strcmp(key, "services"))
		rc = fill_services(g, sub, u, k);
	else if (!strcmp(key, "insurance"))
		rc = fill_insurance(g, sub, u, k);
	return rc == YG_OK ? fill_rest(g, sub) : rc;
}

/* ------------------------------------------------------------------------
 * The life of each return
 */

static const char *explanation(const char *rule)
{
	if (!strcmp(rule, "S5"))
		return "乡村医生一体化管理新招聘人员已到岗, 增编申请已报县编办";
	if (!strcmp(rule, "S4"))
		return "1 名医师同时注册公共卫生与中医类别";
	if (!strcmp(rule, "P2"))
		return "流感季用量增加, 已向县医保局申请追加约定采购量";
	return "已核实, 数据无误";
}

static const char *return_comment(const char *form)
{
	if (!strcmp(form, "staffing"))
		return "在岗职工较上月变化较大, 请补充本月新进和离岗人员情况";
	if (!strcmp(form, "familydoc"))
		return "签约居民数较上月下降, 请核实并说明原因";
	if (!strcmp(form, "procurement"))
		return "网上采购金额与省平台数据不一致, 请核对后重报";
	if (!strcmp(form, "sentdown"))
		return "派驻医生在岗天数与考勤记录不符, 请核实";
	if (!strcmp(form, "capacity"))
		return "预留床位数与实际开放床位不符, 请核对";
	return "请核实后重新提交";
}

/* Explains every warning, as the clerk would before submitting. */
static int explain_all(struct gen *g, struct yg_sub *sub)
{
	struct yg_findings f;
	int rc;

	yg_findings_init(&f);
	rc = yg_sub_check(g->db, sub, &f);
	for (size_t i = 0; rc == YG_OK && i < f.n; i++)
		if (f.v[i].severity == YG_SEV_WARNING)
			rc = yg_sub_explain(sub, f.v[i].rule, explanation(f.v[i].rule));
	yg_findings_free(&f);
	return rc;
}

static enum outcome pick(struct gen *g, const struct unit *u, int age)
{
	int64_t r = rnd(g, 0, 99);

	if ((u->quirks & Q_MISSING) && (age == 4 || age == 7))
		return O_MISSING;
	if (age == 1)
		return r < 12 ? O_MISSING : r < 32 ? O_DRAFT : r < 67 ? O_SUBMITTED :
			r < 77 ? O_RETURNED : O_APPROVED;
	if (age == 2)
		return r < 4 ? O_DRAFT : r < 24 ? O_SUBMITTED : r < 32 ? O_RETURNED :
			r < 38 ? O_FIXED : O_APPROVED;
	return r < 7 ? O_FIXED : O_APPROVED;
}

static int review(struct gen *g, struct yg_sub *sub, const struct unit *u, yg_date day,
	enum outcome o)
{
	int rc;

	clock_at(g, day, (int)rnd(g, 9, 17), (int)rnd(g, 0, 59));
	rc = act(g, reviewer_of(u));
	if (rc != YG_OK)
		return rc;
	if (o == O_RETURNED || o == O_FIXED)
		rc = yg_sub_return(g->db, sub->id, sub->version, return_comment(sub->form->key));
	else
		rc = yg_sub_approve(g->db, sub->id, sub->version);
	return rc;
}

/* Reloads sub after someone else changed its state. */
static int reload(struct gen *g, struct yg_sub **sub)
{
	struct yg_sub *fresh = NULL;
	int rc = yg_sub_load_id(g->db, (*sub)->id, &fresh);

	if (rc != YG_OK)
		return rc;
	yg_sub_free(*sub);
	*sub = fresh;
	return YG_OK;
}

static int file_return(struct gen *g, const struct yg_form *form, const struct unit *u, int k)
{
	int age = MONTHS - k;
	yg_period p = yg_period_add(g->first, k);
	enum outcome o = pick(g, u, age);
	bool late = rnd(g, 0, 99) < ((u->quirks & Q_LATE) ? 60 : 8);
	yg_date due = yg_due_date(g->db, p), sent;
	struct yg_sub *sub = NULL;
	int rc;

	/* One approved return reopened for a correction, for the audit trail. */
	if (age == 2 && !strcmp(u->code, CHENGGUAN) && !strcmp(form->key, "staffing"))
		o = O_REOPENED;
	if (o == O_MISSING)
		return YG_OK;
	sent = late ? due + (yg_date)rnd(g, 1, 12) : due - (yg_date)rnd(g, 0, 4);

	clock_at(g, sent - 1, (int)rnd(g, 8, 17), (int)rnd(g, 0, 59));
	rc = act(g, u->clerk);
	if (rc == YG_OK)
		rc = yg_sub_load(g->db, form->key, u->code, p, &sub);
	if (rc == YG_OK)
		rc = fill(g, sub, u, k);
	if (rc == YG_OK)
		rc = yg_sub_save(g->db, sub);
	if (rc != YG_OK || o == O_DRAFT)
		goto out;

	clock_at(g, sent, (int)rnd(g, 8, 17), (int)rnd(g, 0, 59));
	rc = explain_all(g, sub);
	if (rc == YG_OK)
		rc = yg_sub_submit(g->db, sub, NULL);
	if (rc != YG_OK || o == O_SUBMITTED)
		goto out;

	rc = review(g, sub, u, sent + (yg_date)rnd(g, 1, 3), o);
	if (rc != YG_OK || o == O_RETURNED || o == O_APPROVED)
		goto out;

	rc = reload(g, &sub);
	if (rc == YG_OK && o == O_REOPENED) {
		clock_at(g, sent + 5, 10, 5);
		rc = act(g, reviewer_of(u));
		if (rc == YG_OK)
			rc = yg_sub_reopen(g->db, sub->id, sub->version,
				"发现编制数填报有误, 重新打开更正");
		goto out;
	}
	/* O_FIXED: the clerk corrects and submits again; then approved. */
	clock_at(g, sent + 4, (int)rnd(g, 8, 17), (int)rnd(g, 0, 59));
	rc = act(g, u->clerk);
	if (rc == YG_OK)
		rc = fill(g, sub, u, k);
	if (rc == YG_OK)
		rc = explain_all(g, sub);
	if (rc == YG_OK)
		rc = yg_sub_submit(g->db, sub, NULL);
	if (rc == YG_OK)
		rc = review(g, sub, u, sent + 5, O_APPROVED);
out:
	if (rc == YG_OK)
		g->st->submissions++;
	yg_sub_free(sub);
	return rc;
}

/* The forms of version 0.2 (services, insurance): a year more of history,
 * so that trends and the year-before comparisons have something to show. */
static bool outcome_form(const struct yg_form *form)
{
	return !strcmp(form->key, "services") || !strcmp(form->key, "insurance");
}

/* Their returns draw on a generator of their own, seeded by unit, month and
 * form: the county's other returns stay exactly what they were before 0.2. */
static int file_outcome_return(struct gen *g, const struct yg_form *form, const struct unit *u,
	int k)
{
	struct gen h = *g;

	h.seed = UINT64_C(0x5eed0013) + (uint64_t)unit_hash(u, 1000003) * 131 +
		(uint64_t)(k + 100) * 7919 + strlen(form->key);
	return file_return(&h, form, u, k);
}

static int build_returns(struct gen *g)
{
	int rc = YG_OK;

	for (int k = -MONTHS; rc == YG_OK && k < MONTHS; k++) {
		for (size_t i = 0; rc == YG_OK && i < NUNITS; i++) {
			const struct unit *u = &units[i];
			struct yg_org org = { 0 };

			if (!yg_kind_is_institution(u->kind))
				continue;
			rc = yg_org_get(g->db, u->code, &org);
			for (size_t f = 0; rc == YG_OK && f < yg_form_count(); f++) {
				const struct yg_form *form = yg_form_at(f);

				if (form->is_record || !yg_form_files(g->db, form, &org))
					continue;
				if (outcome_form(form))
					rc = file_outcome_return(g, form, u, k);
				else if (k >= 0)
					rc = file_return(g, form, u, k);
			}
			yg_org_clear(&org);
		}
	}
	return rc;
}

int demo_build(yg_db *db, const char *admin_login, struct demo_stats *st)
{
	struct gen g = {
		.db = db,
		.admin = admin_login,
		.seed = UINT64_C(20261123),
		.now = yg_clock(),
		.st = st,
	};
	int rc;

	*st = (struct demo_stats){ 0 };
	g.first = yg_period_add(yg_period_current(), -MONTHS);
	st->first = g.first;
	st->last = yg_period_add(g.first, MONTHS - 1);
	/* All of it or nothing: a half-built county is no demo. */
	if ((rc = yg_begin(db)) != YG_OK)
		return rc;
	rc = build_units(&g);
	if (rc == YG_OK)
		rc = build_users(&g);
	if (rc == YG_OK)
		rc = yg_setting_set_int(db, YG_SET_DUE_DAY, 5);
	if (rc == YG_OK)
		rc = build_postings(&g);
	if (rc == YG_OK)
		rc = build_referrals(&g);
	if (rc == YG_OK)
		rc = build_returns(&g);
	yg_set_clock(0);
	/* Leave the session as it began: the admin acting. */
	if (rc == YG_OK)
		rc = act(&g, NULL);
	if (rc == YG_OK)
		return yg_commit(db);
	yg_rollback(db);
	return rc;
}
