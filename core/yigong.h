/*
 * yigong.h — the public interface of libyigong, the core of Yigong (医共):
 * what the front ends (the command line, the screens) call.  What forms/
 * implements and the core calls back (the rules' context, registration,
 * what only rules may ask) is in yigong-spi.h.
 *
 * The core owns storage, identity, roles and scopes, the life of a submission,
 * the audit trail and the rules engine.  It never includes curses, never
 * prints and never exits (but for an assert() that catches a caller's bug):
 * every failure comes back as a result code, with a message a user can read
 * in yg_errmsg().
 *
 * Conventions (stated here once, as sqlite3.h states its own)
 *
 *  Result codes.  A function returning int returns YG_OK (0) or one of the
 *  YG_E* codes below, and when it is not YG_OK it has set the message that
 *  yg_errmsg() gives.  The only ints that are not result codes are numbers
 *  whose function's name says so, and they never set the message:
 *  *_parse(const char *) (an enum value; -1 for text it does not know),
 *  *_index (-1 when none), yg_period_year / _month / _days, yg_due_day,
 *  yg_setting_get_int (the value, else the fallback), and the schema
 *  versions yg_db_schema_version, yg_schema_latest, yg_db_upgraded_from.
 *  Yes/no answers are bool, counts size_t, ids and figures int64_t.
 *
 *  Out-parameters.  What a call hands out belongs to the caller, released
 *  with the matching *_free or *_clear (a char *: free()), unless the
 *  comment says it is borrowed (then it stays valid until the next call
 *  that changes it, or until the handle is closed).  A call that hands out
 *  an object or a list (yg_db **, struct yg_sub **, T **out with size_t *n,
 *  a struct yg_org / yg_user to fill) empties it first: on failure it holds
 *  NULL, 0 or a zeroed struct, so freeing it is always safe.  Parsers that
 *  take an out-parameter (yg_period_parse, yg_date_parse, yg_time_parse,
 *  yg_parse_count, yg_parse_fen, yg_field_parse ...) write it only on
 *  success and leave it as it was on failure.
 *
 *  Findings.  A struct yg_findings *out is the caller's: the caller
 *  initialises it (yg_findings_init), every call appends to it, on failure
 *  too (the findings say why), and the caller frees it once
 *  (yg_findings_free) after any number of calls.  Where the comment allows
 *  NULL, the findings are dropped.  The forms' rules (yigong-spi.h) append
 *  the same way.
 *
 *  Programming errors.  Pointers must not be NULL unless the comment says
 *  so, and a yg_period must be a real month (YYYYMM, month 01-12).  The core
 *  assert()s these at its edges (the build never defines NDEBUG): breaking
 *  them is a bug in the caller, not bad input.  Bad input -- what a user
 *  typed, a file, an old database -- comes back as a result code (mostly
 *  YG_EINVAL) with a message, and leaves the database unchanged.
 *
 *  Threads.  The last failure's message (yg_errmsg) is one per process, not
 *  per thread or per handle: read it right after the call that failed,
 *  before the next core call.  The language (yg_set_lang) and the clock
 *  (yg_set_clock) are per process too.  The core is not thread-safe: use it
 *  from one thread (connections are opened SQLITE_OPEN_NOMUTEX).  Several
 *  processes may share one database: SQLite's locks (YG_EBUSY) and the
 *  versions of returns and records (YG_ECONFLICT) keep them apart.
 *
 *  Strings passed in are UTF-8 and are copied when kept.  Every function
 *  that reads or writes an institution's data checks the acting user
 *  (yg_login) against the unit's scope first.
 */
#ifndef YIGONG_H
#define YIGONG_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <stdint.h>
#include <sys/types.h>

/* ---------------------------------------------------------------------------
 * Result codes
 */
enum {
	YG_OK = 0,
	YG_ERROR,     /* storage failure or a bug: the message says what broke */
	YG_EINVAL,    /* the user's input is wrong: the message names the field */
	YG_ENOTFOUND, /* no such unit, user, submission or record */
	YG_EPERM,     /* the acting user's role or scope does not allow it */
	YG_ESTATE,    /* not allowed in the submission's present state */
	YG_ECONFLICT, /* somebody else saved first: reload and try again */
	YG_EBUSY,     /* the database stayed locked past the busy timeout */
	YG_ENOMEM,    /* out of memory */
	YG_EEXIST,    /* already exists */
};

/*
 * The message of the last failure in this process (one for all threads and
 * handles: see Threads above), in the current language; never NULL (empty
 * when nothing failed).  Borrowed: valid until the next core call that
 * fails.
 */
const char *yg_errmsg(void);

/* Sets the message of the last failure and returns code.  fmt is English
 * and marked for translation (po/xgettext.sh: yg_fail:2); the message is
 * formatted at once in every language of the catalogue, from the SAME
 * arguments: pass only values that read the same in every language
 * (numbers, codes, user text).  For use by code built on the core (forms,
 * commands) so that their failures read the same way.
 *
 * Thread rule: the last failure is one per process, not per thread, and
 * not locked (nor is the current language): yg_fail, yg_errmsg and
 * yg_set_lang are not thread-safe.  A program that calls the core from
 * several threads serialises the calls; one thread's failure replaces
 * another's message. */
int yg_fail(int code, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* ---------------------------------------------------------------------------
 * Language.  Chinese is the default whatever the locale says.
 */
#include "i18n.h"
/* A language is an index into the message catalogue (i18n.h): English, the
 * source, is 0; the po files of po/LINGUAS follow, zh_CN first.  Any other
 * index below yg_lang_count() is a language too. */
enum yg_lang { YG_EN = 0, YG_ZH = 1 };
void yg_set_lang(enum yg_lang lang);
enum yg_lang yg_get_lang(void);
/* Parses a language the catalogue has: "zh", "en", "zh_CN.UTF-8"...;
 * -1 for anything else. */
int yg_lang_parse(const char *s);
/* Messages are written in English.  _("...") is the message in the current
 * language (the English when the language does not translate it); N_("...")
 * only marks a message in a static table, translated where it is shown.
 * po/zh_CN.po holds the Chinese; README "Translating" says how to add a
 * language. */
const char *yg_gettext(const char *msgid) __attribute__((format_arg(1)));
#define _(msgid) yg_gettext(msgid)
#define N_(msgid) msgid
/* The same with a context, for an English that reads differently in
 * another language in different places (msgctxt in the po files). */
#define C_(ctx, msgid) yg_gettext(NC_(ctx, msgid))
#define NC_(ctx, msgid) ctx "\004" msgid
/* Picks one of two texts that come as data in Chinese and English (a
 * form's labels, marked N_ for the catalogue): the Chinese in Chinese,
 * else the English in the current language. */
#define YG_L(zh, en) (yg_get_lang() == YG_ZH ? (zh) : yg_gettext(en))

/* ---------------------------------------------------------------------------
 * Small exact values: periods, dates, counts and money.
 */

/* A period is a month, held as year * 100 + month (202610 for 2026-10). */
typedef int32_t yg_period;
/* Parses "YYYY-MM" (also "YYYYMM", the DHIS2 form); YG_EINVAL otherwise. */
int yg_period_parse(const char *s, yg_period *out);
/* Writes "YYYY-MM" into buf (at least 8 bytes). */
void yg_period_format(yg_period p, char buf[static 8]);
yg_period yg_period_add(yg_period p, int months);
int yg_period_year(yg_period p);
int yg_period_month(yg_period p);
int yg_period_days(yg_period p); /* days in the month */
/* The period that contains today (local time). */
yg_period yg_period_current(void);

/* A date is a day number: days since 1970-01-01. */
typedef int32_t yg_date;
/* Parses "YYYY-MM-DD" between 1949-10-01 and 2099-12-31. */
int yg_date_parse(const char *s, yg_date *out);
/* A date as people type it: 2026-11-01, 2026-11-1, 2026/11/1, 2026.11.1 or
 * 20261101 (yg_date_parse takes only the first, as files must). */
int yg_date_parse_typed(const char *s, yg_date *out);
void yg_date_format(yg_date d, char buf[static 11]);
yg_date yg_date_from_ymd(int y, int m, int d);
void yg_date_to_ymd(yg_date d, int *y, int *m, int *day);
yg_date yg_date_today(void);
/* First and last day of a period. */
yg_date yg_period_first_day(yg_period p);
yg_date yg_period_last_day(yg_period p);

/*
 * Parse a non-negative integer count ("42"); refuses signs, letters, spaces
 * inside, full-width digits it cannot read, and anything above max.
 */
int yg_parse_count(const char *s, int64_t max, int64_t *out);
/*
 * Parse an amount in yuan with at most two decimals ("1234.5", "1,234.50")
 * into fen, exactly (no floating point).  Negative amounts are refused.
 */
int yg_parse_fen(const char *s, int64_t max_fen, int64_t *out);
/* Writes fen as yuan with two decimals ("1234.50"); buf at least 24 bytes. */
void yg_format_fen(int64_t fen, char buf[static 24]);

/* ---------------------------------------------------------------------------
 * The database
 */
typedef struct yg_db yg_db;

/* Where the database is when neither --db nor $YIGONG_DB says. */
#define YG_SYSTEM_DB "/var/lib/yigong/yigong.db"

/*
 * Opens an existing database; never creates one (YG_ENOTFOUND if the file is
 * missing).  Turns on foreign keys, WAL, synchronous=NORMAL and a busy
 * timeout.  A database of an older schema is upgraded in place: copied
 * beside itself ("<path>.before-upgrade.vN"), then every pending migration
 * in one transaction; on failure it is left as it was and the message says
 * so.  One of a newer schema is refused.
 */
int yg_db_open(const char *path, yg_db **out);
/* The schema version yg_db_open upgraded db from, 0 if it did not; *copy
 * (if copy is not NULL) is where the database as it was is kept. */
int yg_db_upgraded_from(yg_db *db, const char **copy);
/*
 * Restore (admin): the database in file replaces the live one (restore.c).
 * yg_restore_load reads file into memory, never changing it, and refuses
 * anything but a Yigong database of this or an older schema that passes
 * its integrity check; an older one is upgraded there (yg_db_upgraded_from on
 * *loaded says from what).  yg_restore_swap refuses (YG_EBUSY, naming them)
 * while other programs have the live database open, copies it beside
 * itself ("<db>.before-restore", *saved; the caller frees it), then writes
 * the loaded one over it in one transaction.  yg_restore_free drops it.
 */
int yg_restore_load(yg_db *db, const char *file, yg_db **loaded);
int yg_restore_swap(yg_db *db, yg_db *loaded, char **saved);
void yg_restore_free(yg_db *loaded);
/*
 * Creates a new database at path (YG_EEXIST if a file is there), with the
 * schema and the reference tables (targets) in place.
 */
int yg_db_create(const char *path, yg_db **out);
void yg_db_close(yg_db *db);
/* The schema version of an open database (PRAGMA user_version). */
int yg_db_schema_version(yg_db *db);
/* The schema version this build writes. */
int yg_schema_latest(void);

/* Transactions for callers that group several core calls (import, demo).
 * Writes begin IMMEDIATE so that a lost race is a wait, not a failure. */
int yg_begin(yg_db *db);
int yg_commit(yg_db *db);
void yg_rollback(yg_db *db);

/* County settings: the due day of the month after the period (1–28,
 * default 5), the first month of the volume-procurement contract year
 * (1–12, default 1), the county's name. */
int yg_setting_get_int(yg_db *db, const char *key, int fallback);
int yg_setting_set_int(yg_db *db, const char *key, int value); /* admin */
#define YG_SET_DUE_DAY "due_day"
#define YG_SET_CONTRACT_START "contract_start_month"
/* The county's GDP growth in tenths of a percent (52 = 5.2 %), T18's
 * ceiling for 医疗费用增长率 (001 (十七)); unset: T18's row in targets.csv.
 * -100 to 300. */
#define YG_SET_GDP_GROWTH "gdp_growth_x10"
/* In a database upgraded from 0.1: the first month that owes the returns
 * 0.1 did not ask for (a form's kinds_v2); unset: owed from the start.
 * Written by migration 006. */
#define YG_SET_OBLIGATIONS_FROM "obligations_v2_from"

/* The due date of a period's returns under the due day in force for that
 * period (the due day is effective-dated: yg_due_day_set). */
yg_date yg_due_date(yg_db *db, yg_period p);
/* The due day in force for period p's returns. */
int yg_due_day(yg_db *db, yg_period p);
/*
 * Changes the due day (admin) for the returns of month from onwards; months
 * before keep theirs.  from 0 is the first month not yet due; a month
 * already due is refused, since its timeliness must never be rewritten
 * (DESIGN §1).  A database holding no returns yet takes it for every month.
 */
int yg_due_day_set(yg_db *db, int day, yg_period from);
/* The first month whose returns are not yet due today. */
yg_period yg_due_first_open(yg_db *db);

/* ---------------------------------------------------------------------------
 * Org units
 */
enum yg_kind {
	YG_KIND_COUNTY,           /* 县/区 */
	YG_KIND_COMMUNITY,        /* 医共体 */
	YG_KIND_HOSPITAL,         /* 医院: a community's lead, or an urban hospital */
	YG_KIND_TOWNSHIP,         /* 乡镇卫生院 */
	YG_KIND_COMMUNITY_CENTRE, /* 社区卫生服务中心 */
	YG_KIND_VILLAGE,          /* 村卫生室 */
	/* Levels above the county (DESIGN §1): the root of a database that
	 * consolidates counties' trees. */
	YG_KIND_PREFECTURE,       /* 地市 */
	YG_KIND_PROVINCE,         /* 省 */
	YG_KIND_COUNT
};
#define YG_KIND_BIT(k) (1u << (k))

enum yg_tier { YG_TIER_NONE, YG_TIER_PRIMARY, YG_TIER_SECONDARY, YG_TIER_TERTIARY };

struct yg_org {
	int64_t id;
	char *code;         /* ASCII, stable */
	char *name;
	enum yg_kind kind;
	enum yg_tier tier;
	int64_t parent_id;  /* 0 for the root */
	char *parent_code;  /* NULL for the root */
	bool key_central;   /* 重点中心乡镇卫生院 (T3) */
	bool closed;
	/* Communities only (DESIGN §1): the lead hospital (牵头医院) and the
	 * supporting urban tertiary hospital (帮扶的城市三级医院) the community
	 * names, NULL when none.  A community that names no lead is led by the
	 * hospital directly under it (the first by code), as in version 0.1.
	 * yg_org_put ignores them: yg_org_set_support sets them. */
	char *lead_code;
	char *supporting_code;
	/* The months the unit files for (DESIGN §1 "Units open and close"):
	 * from opened, through closed_in when closed.  0 in yg_org_put: keep
	 * what is stored (a new unit opens this month, closes this month). */
	yg_period opened;
	yg_period closed_in;
};
/* Does the unit file returns for month p (opened, and not closed before)? */
bool yg_org_open_in(const struct yg_org *o, yg_period p);

const char *yg_kind_name(enum yg_kind k);              /* "township" */
const char *yg_kind_label(enum yg_kind k);             /* 乡镇卫生院 / township health centre */
int yg_kind_parse(const char *s);                      /* -1 if unknown */
const char *yg_tier_name(enum yg_tier t);              /* "primary", "" for none */
const char *yg_tier_label(enum yg_tier t);             /* 基层 / primary */
int yg_tier_parse(const char *s);                      /* "" -> NONE; -1 if unknown */
/* An institution files returns: hospital, township or community centre. */
bool yg_kind_is_institution(enum yg_kind k);
/* A level of government (county, prefecture, province): the kinds a root
 * may have, and the units a level's screens show as rows. */
bool yg_kind_is_level(enum yg_kind k);

/* Looks a unit up by code or id.  Scope is not checked: codes and names of
 * units are not confidential, their returns are. */
int yg_org_get(yg_db *db, const char *code, struct yg_org *out);
int yg_org_get_id(yg_db *db, int64_t id, struct yg_org *out);
/* The root of the tree: the county, or the prefecture or province that
 * consolidates counties (its kind says the database's level). */
int yg_org_root(yg_db *db, struct yg_org *out);
/* Units in the acting user's scope (all for admin), in tree order
 * (parents before children, siblings by code). */
int yg_org_list(yg_db *db, struct yg_org **out, size_t *n);
/* Every open unit of the county, whatever the actor's scope, in tree order:
 * for choosing a unit by name (a posting's sending hospital is outside a
 * clerk's scope).  Names and codes are public; returns are not. */
int yg_org_directory(yg_db *db, struct yg_org **out, size_t *n);
/* Adds or updates a unit by code (admin).  Checks kind/tier/parent fit
 * together.  *changed tells whether anything was different. */
int yg_org_put(yg_db *db, const struct yg_org *org, bool *changed);
/* true when unit id is scope or below it. */
bool yg_org_within(yg_db *db, int64_t scope_id, int64_t id);
/* The unit directly below top on the way down to id (id itself when its
 * parent is top), 0 when id is not below top: which of a level's rows
 * (counties at a prefecture) a unit rolls up into. */
int64_t yg_org_below(yg_db *db, int64_t top, int64_t id);
/* The medical community a unit belongs to (0 if none) and its lead hospital. */
int64_t yg_org_community(yg_db *db, int64_t id);
int64_t yg_org_lead_hospital(yg_db *db, int64_t community_id);
/* The community's supporting urban tertiary hospital, 0 when it names none. */
int64_t yg_org_supporting_hospital(yg_db *db, int64_t community_id);
/*
 * Names a community's lead hospital (one of its own hospitals) and its
 * supporting urban tertiary hospital (a tertiary hospital outside it, for
 * instance a unit of kind hospital under the root) (admin).  A NULL code
 * leaves that role as it is; "" clears it.  Each role that changes is
 * audited ("CODE.lead", "CODE.supporting").  YG_EINVAL names what is wrong.
 * *changed tells whether anything was different.
 */
int yg_org_set_support(yg_db *db, const char *community_code, const char *lead_code,
	const char *supporting_code, bool *changed);
/* What a unit's editor saves, in one transaction: the unit (adding: refused
 * YG_EEXIST when its code is in use, never an update) and, for a community
 * or when either is given, the hospitals that lead and support it (NULL or
 * "": none).  Both are saved or neither. */
int yg_org_save(yg_db *db, const struct yg_org *org, bool adding, const char *lead_code,
	const char *supporting_code, bool *changed);
void yg_org_clear(struct yg_org *org);
void yg_org_list_free(struct yg_org *v, size_t n);
/* An index of a list of n units (yg_org_list) by id, for lists of thousands
 * (a province): yg_org_index_find gives the position of id in the list, -1
 * when it is not there.  NULL when out of memory. */
struct yg_org_index;
struct yg_org_index *yg_org_index_new(const struct yg_org *v, size_t n);
ssize_t yg_org_index_find(const struct yg_org_index *x, int64_t id);
void yg_org_index_free(struct yg_org_index *x);

/* ---------------------------------------------------------------------------
 * Users and identity
 */
enum yg_role { YG_ROLE_CLERK, YG_ROLE_REVIEWER, YG_ROLE_ADMIN };
const char *yg_role_name(enum yg_role r);  /* "clerk" */
const char *yg_role_label(enum yg_role r); /* 填报员 / clerk */
int yg_role_parse(const char *s);          /* -1 if unknown */

struct yg_user {
	int64_t id;
	char *login;
	enum yg_role role;
	int64_t org_id;
	char *org_code;
	bool disabled;
};

/*
 * Sets who acts.  login is the Unix login; as_login, when not NULL, is the
 * user an admin acts for (refused for anyone else).  Unknown or disabled
 * logins are refused.  Until this succeeds, every scoped call is refused.
 */
int yg_login(yg_db *db, const char *login, const char *as_login);
/* The user whose rights apply (the impersonated one under --as); borrowed. */
const struct yg_user *yg_actor(yg_db *db);
/* The real login when acting as someone else, else NULL; borrowed. */
const char *yg_acting_for(yg_db *db);
/* Acts as the bootstrap admin with no login check: only for init. */
void yg_login_system(yg_db *db, const char *login);

/* Adds or changes a user (admin; the admin's own scope must hold org). */
int yg_user_put(yg_db *db, const char *login, enum yg_role role, const char *org_code);
/* A new database's root (a county, or a prefecture or province: level) and
 * its first admin, login, in one transaction (init, as yg_login_system). */
int yg_init_root(yg_db *db, const char *login, enum yg_kind level, const char *code,
	const char *name);
int yg_user_set_disabled(yg_db *db, const char *login, bool disabled);
int yg_user_get(yg_db *db, const char *login, struct yg_user *out);
int yg_user_list(yg_db *db, struct yg_user **out, size_t *n);
void yg_user_clear(struct yg_user *u);
void yg_user_list_free(struct yg_user *v, size_t n);

/* ---------------------------------------------------------------------------
 * Forms: declarative specs.  The core stores, validates and audits what a
 * spec describes; forms/ holds the specs themselves and fills their
 * callbacks (yigong-spi.h); callers read their data.
 */
enum yg_type {
	YG_T_COUNT,   /* non-negative integer */
	YG_T_AMOUNT,  /* yuan, stored as integer fen */
	YG_T_DECIMAL, /* non-negative, two decimals, stored x100 (average days) */
	YG_T_DATE,    /* YYYY-MM-DD, stored as yg_date */
	YG_T_TEXT,    /* UTF-8, max = characters */
	YG_T_CODE,    /* ASCII code (licence no., ICD-10), max = characters */
	YG_T_CHOICE,  /* one of choices[].value */
	YG_T_BOOL,    /* yes/no, stored 0/1 */
	YG_T_ORG,     /* an org unit's code, stored as text */
};

struct yg_choice {
	const char *value; /* stored and exported: ASCII */
	const char *zh;
	const char *en;
};

/* What a new record's box starts with, where that is the likely answer. */
enum yg_prefill {
	YG_PREFILL_NONE,
	YG_PREFILL_OWN_ORG,  /* the acting user's institution */
	YG_PREFILL_TODAY,
};

struct yg_field {
	const char *key;     /* stable ASCII key within the form */
	const char *zh;      /* label */
	const char *en;
	enum yg_type type;
	const char *unit_zh; /* NULL when none */
	const char *unit_en;
	int64_t min;         /* stored units; for text and codes, min length */
	int64_t max;         /* stored units; for text and codes, max length */
	bool required;       /* needed to submit (not to save a draft) */
	bool derived;        /* computed from records; read-only on screens */
	int indent;          /* 1 for "of whom" sub-items on screens */
	const struct yg_choice *choices; /* YG_T_CHOICE: ends with value NULL */
	/* Activity counts of days in a month (days on site): at most the days
	 * of that month the record is active (yg_form.active_span). */
	bool month_days;
	/* A stock at the month's end (编制数, 在岗职工), not a flow: a move by
	 * more than a set share from last month is a warning (O2), and the
	 * form starts from last month's approved figure. */
	bool snapshot;
	/* A flow of the month (hires, departures) in a snapshot form: never
	 * carried forward from last month. */
	bool flow;	enum yg_prefill prefill; /* record forms: a new record's starting value */
};

/* One value of a field.  num holds counts, fen, x100 decimals, dates and
 * booleans; text holds text, codes, choices and org codes. */
struct yg_value {
	bool set;
	int64_t num;
	char *text;
};

enum yg_severity { YG_SEV_ERROR, YG_SEV_WARNING, YG_SEV_TARGET };
const char *yg_severity_name(enum yg_severity s); /* "error" */
const char *yg_severity_label(enum yg_severity s); /* 错误 / error */

/* A rule's verdict on one figure. */
enum yg_met { YG_NOT_IN_FORCE = -2, YG_NA = -1, YG_MISSED = 0, YG_MET = 1 };

struct yg_finding {
	char *rule;          /* "T1", "S2" */
	enum yg_severity severity;
	char *field;         /* the field it is about, or NULL */
	char *zh;            /* message */
	char *en;
	enum yg_met met;     /* targets: met, missed or not applicable */
	int64_t num, den;    /* the figure, when it is a ratio (den 0: none) */
	char *org_code;      /* set for findings about another unit (T4) */
};

struct yg_findings {
	struct yg_finding *v;
	size_t n, cap;
};
/* What `check` prints in its severity column (DESIGN §5): "error",
 * "warning", "target" for a missed target, and for the others "met", "n/a"
 * or "not-in-force". */
const char *yg_finding_verdict(const struct yg_finding *f);
/* A target's verdict for screens: 达标 / 未达标 / 不适用 / 未生效. */
const char *yg_met_label(enum yg_met m);
void yg_findings_init(struct yg_findings *f);
void yg_findings_free(struct yg_findings *f);
size_t yg_findings_count(const struct yg_findings *f, enum yg_severity sev);
/* Moves every finding of src to the end of dst and leaves src empty (but
 * initialised); YG_ENOMEM with both untouched when out of memory. */
int yg_findings_move(struct yg_findings *dst, struct yg_findings *src);

struct yg_sub;
struct yg_check_ctx;

struct yg_rule {
	const char *id;      /* "T8", or the form's own "P1" */
	enum yg_severity severity;
	const char *source;  /* seed file and clause: "001 一(五)" */
	const char *zh;      /* what the rule says, for help and the dashboard */
	const char *en;
	void (*check)(const struct yg_check_ctx *ctx, const struct yg_rule *rule,
		struct yg_findings *out);
};

struct yg_form {
	const char *key;     /* "staffing": the form part of every data element */
	const char *zh;
	const char *en;
	unsigned kinds;      /* YG_KIND_BIT()s of the units that file it */
	/* Of those, the kinds that owe it only since version 0.2: not expected
	 * before YG_SET_OBLIGATIONS_FROM in a database 0.1 wrote. */
	unsigned kinds_v2;
	const struct yg_field *fields;
	size_t nfields;
	const struct yg_rule *rules;
	size_t nrules;
	/* Fills the derived fields of sub from records (postings, referrals);
	 * NULL when the form has none. */
	int (*derive)(yg_db *db, struct yg_sub *sub);
	/* For record forms (postings, referrals): checks of one record. */
	bool is_record;
	/* Record forms: the code of the unit whose roster holds a record with
	 * these values (a posting is the receiving institution's), or NULL to
	 * leave it where it was created.  yg_record_save files it there. */
	const char *(*owner)(const struct yg_value *values);
	/* Monthly forms that only some units of the right kinds file (insurance:
	 * a community's lead hospital): says whether org does; NULL for all. */
	bool (*files)(yg_db *db, const struct yg_org *org);
	/* Record forms: the fields that name one record, so that a roster file
	 * loaded twice finds its records again (a posting: licence number and
	 * start date); NULL-terminated, the first a text field. */
	const char *const *identity;
	/* Record forms with monthly activity (postings): the first and last
	 * day a record with these values is active, false when its dates do
	 * not say.  yg_activity_set refuses activity in a month outside them,
	 * and yg_record_save refuses dates that would leave activity outside. */
	bool (*active_span)(const struct yg_value *values, yg_date *first, yg_date *last);
	/* A monthly snapshot (staffing): a new return starts from last month's
	 * approved figures (all but the flows), marked carried forward until
	 * the clerk confirms them. */
	bool snapshot;

	/* What screens and commands need to show a form without knowing it by
	 * name: with these a new form is one file in forms/ plus its rows. */
	/* Its name where a column is narrow (the review grid: at most 6
	 * columns, "人员", "Staff"); NULL: zh, en. */
	const char *short_zh, *short_en;
	/* Monthly forms whose derived fields count a roster's records
	 * (sentdown: the postings): that record form.  The return opens it
	 * (F4), and `records` takes either form's key. */
	const struct yg_form *roster;
	/* Record forms with monthly figures per record (a posting's days on
	 * site): the spec of those figures (yg_activity_get/set). */
	const struct yg_form *activity;
	/* Record forms the clerk's home opens with a letter: the letter (0
	 * none), its words in the key bar and in F1 help. */
	char home_key;
	const char *home_bar_zh, *home_bar_en, *home_help_zh, *home_help_en;
};

/* A form's short name in the current language (yg_form.short_zh/en). */
const char *yg_form_short(const struct yg_form *form);
/* The record form whose key, or whose monthly return's key, is key
 * (a roster by either name: "posting" or "sentdown"); NULL when none. */
const struct yg_form *yg_roster_find(const char *key);

/* The registry of forms (forms/ fills it at start-up: yigong-spi.h); the
 * core and the front ends look forms up through it. */
const struct yg_form *yg_form_find(const char *key);
size_t yg_form_count(void);
const struct yg_form *yg_form_at(size_t i);
int yg_field_index(const struct yg_form *form, const char *key); /* -1 if none */
/* Does unit org file form? (kind, and not closed) */
bool yg_form_applies(const struct yg_form *form, const struct yg_org *org);
/* yg_form_applies, and the form's own files() test when it has one: what the
 * status list, loading a return and import go by. */
bool yg_form_files(yg_db *db, const struct yg_form *form, const struct yg_org *org);

/*
 * Parses what a user typed for a field into v (which it owns afterwards).
 * Empty text clears the value.  YG_EINVAL with a message naming the field
 * and what is allowed, and v untouched, on anything else.
 */
int yg_field_parse(const struct yg_field *f, const char *text, struct yg_value *v);
/* The value as a user would type it ("" when empty); caller frees. */
char *yg_field_format(const struct yg_field *f, const struct yg_value *v);
/* The field's label in the current language. */
const char *yg_field_label(const struct yg_field *f);
const char *yg_field_unit(const struct yg_field *f);
void yg_value_clear(struct yg_value *v);
int yg_value_copy(struct yg_value *dst, const struct yg_value *src);
bool yg_value_equal(const struct yg_value *a, const struct yg_value *b);

/* Reference thresholds of the targets, from data/targets.csv.  key is the
 * target id ("T8"), tier the unit's tier; returns fallback when no row fits. */
int64_t yg_threshold(yg_db *db, const char *target, enum yg_tier tier, int64_t fallback);

/* One row of the targets table: a threshold for a tier, in force from a
 * month (0: since ever) to a month (0: no end). */
struct yg_target {
	char *id;            /* "T8", "T6R" */
	enum yg_tier tier;   /* YG_TIER_NONE: every tier */
	yg_period from, to;
	int64_t threshold;
	char *unit;          /* "percent", "count", "months", "days" */
	char *source;        /* seed and section: "004 西藏 二(二)" */
};
/* Every row (id, tier, from order); id NULL for all, else that target and
 * its parts ("T6": T6R, T6K).  Needs a login. */
int yg_target_list(yg_db *db, const char *id, struct yg_target **out, size_t *n);
void yg_target_list_free(struct yg_target *v, size_t n);
/*
 * Changes the row of t->id and t->tier that starts in old_from (admin):
 * its threshold, its first month (t->from) and its last (t->to).  With
 * old_from -1 it adds a row from t->from, taking the unit and source of the
 * target's other rows, and ends the row in force then at the month before:
 * the new threshold applies from that month and the months before keep
 * theirs.  Refuses overlapping rows of one tier, a last
 * month before the first, a negative threshold.  Audited (entity "target",
 * key "T4", "T8/primary"; old → new "threshold from..to").
 */
int yg_target_put(yg_db *db, const struct yg_target *t, yg_period old_from);

/* ---------------------------------------------------------------------------
 * Submissions and their life
 */
enum yg_state {
	YG_ST_EMPTY,     /* not started: no row yet */
	YG_ST_DRAFT,
	YG_ST_SUBMITTED,
	YG_ST_RETURNED,  /* sent back with a comment; editable again */
	YG_ST_APPROVED,  /* locked */
	YG_ST_REOPENED,  /* approved, then reopened with a reason; editable */
};
const char *yg_state_name(enum yg_state s);  /* "draft" */
const char *yg_state_label(enum yg_state s); /* 草稿 / draft */
int yg_state_parse(const char *s);
/* States a clerk may edit. */
bool yg_state_editable(enum yg_state s);

struct yg_explanation {
	char *rule;
	char *text;
};

struct yg_sub {
	int64_t id;                 /* 0 while not yet saved */
	const struct yg_form *form;
	struct yg_org org;
	yg_period period;
	enum yg_state state;
	int64_t version;            /* what this copy was loaded at */
	char *comment;              /* last return comment or reopen reason */
	char *updated_by;
	char *updated_at;           /* ISO 8601 with offset */
	char *submitted_at;
	struct yg_value *values;    /* form->nfields */
	struct yg_explanation *expl;
	size_t nexpl;
	/* The clerk's answer to a return comment or reopen reason, sent with
	 * the next submission (yg_sub_submit) into the return's thread (the
	 * audit trail, entity "reply"); NULL or "" for none. */
	char *reply;
};

/*
 * Loads the submission of org for form and period, or an empty one (id 0,
 * state EMPTY) when none was started.  Scope checked.  Derived fields are
 * filled from records.  Free with yg_sub_free.
 */
int yg_sub_load(yg_db *db, const char *form_key, const char *org_code,
	yg_period period, struct yg_sub **out);
int yg_sub_load_id(yg_db *db, int64_t id, struct yg_sub **out);
void yg_sub_free(struct yg_sub *sub);
/* Sets one field from text (yg_field_parse) in memory only. */
int yg_sub_set(struct yg_sub *sub, const char *key, const char *text);
const struct yg_value *yg_sub_value(const struct yg_sub *sub, const char *key);

/* May the actor edit / review this submission?  (For screens to offer only
 * what is allowed; the transitions check again.) */
bool yg_sub_can_edit(yg_db *db, const struct yg_sub *sub);
bool yg_sub_can_review(yg_db *db, const struct yg_sub *sub);

/*
 * Saves sub as a draft (clerk of the unit, or admin).  Creates the row when
 * new.  Fails with YG_ECONFLICT, naming who saved and when, if the stored
 * version moved since sub was loaded; sub is left as it was so the input is
 * kept.  On success sub->version is the new version.  Every changed value is
 * audited.  A draft need not be valid.
 */
int yg_sub_save(yg_db *db, struct yg_sub *sub);
/* Sets the explanation of a warning (kept in memory until saved). */
int yg_sub_explain(struct yg_sub *sub, const char *rule, const char *text);
const char *yg_sub_explanation(const struct yg_sub *sub, const char *rule);
/* Runs every field check and rule; out must be initialised. */
int yg_sub_check(yg_db *db, const struct yg_sub *sub, struct yg_findings *out);
/*
 * Saves and submits: refused (YG_EINVAL) while any error stands or any
 * warning lacks an explanation; the check's findings (those that block
 * among them) are appended to out when out is not NULL.
 */
int yg_sub_submit(yg_db *db, struct yg_sub *sub, struct yg_findings *out);
/* Reviewer or admin of the scope; version guards against acting on a copy
 * that moved.  Comments and reasons are required for return and reopen. */
int yg_sub_approve(yg_db *db, int64_t id, int64_t version);
int yg_sub_return(yg_db *db, int64_t id, int64_t version, const char *comment);
int yg_sub_reopen(yg_db *db, int64_t id, int64_t version, const char *reason);

/* Is a loaded submission clean: no error, and every warning explained? */
bool yg_sub_is_clean(yg_db *db, const struct yg_sub *sub);
/*
 * Approves, in one transaction, those of the submissions ids[i] (loaded at
 * versions[i]) that are submitted and clean; skips the others (moved, not
 * submitted, not clean) and counts them in *skipped.  Refused as a whole
 * (nothing approved) when the actor may not review one of them.
 */
int yg_sub_approve_clean(yg_db *db, const int64_t *ids, const int64_t *versions, size_t n,
	size_t *approved, size_t *skipped);

/* One line of the overview of a period: a unit, a form and where it stands. */
struct yg_status {
	int64_t sub_id;     /* 0: missing */
	int64_t org_id;
	char *org_code;
	char *org_name;
	const struct yg_form *form;
	yg_period period;
	enum yg_state state;
	int64_t version;
	char *submitted_at; /* first submission time, or NULL */
	bool late;          /* submitted after the due date, or still not in after it */
	char *comment;
	int errors, warnings; /* from the last check (kept on submit) */
};
/* Every institution in scope × every form that applies to it, for period. */
int yg_status_list(yg_db *db, yg_period period, struct yg_status **out, size_t *n);
/* The same, of the institutions at or below unit_id only (of those the
 * actor may see): a county's grid inside a province reads its own twenty,
 * not the province's thousands.  YG_EPERM for a unit outside the scope. */
int yg_status_list_below(yg_db *db, yg_period period, int64_t unit_id,
	struct yg_status **out, size_t *n);
/* The units directly below top (in the actor's scope) open in month p, in
 * code order (free with yg_org_list_free): the rows of the review grid
 * above the county, each counted whole by status_sums (statusfmt.h), or an
 * institution by its own lines. */
int yg_status_units(yg_db *db, yg_period p, int64_t top, struct yg_org **out, size_t *n);
void yg_status_list_free(struct yg_status *v, size_t n);
/*
 * For figures summed over many returns (the outcome indicators): calls fn
 * for every return of form in period p in the actor's scope whose state is
 * one of states (bits 1u << enum yg_state), first once with key NULL, then
 * once for each number it stores of the keys asked for (NULL-terminated;
 * NULL: every key) (key, num; text values are not given).
 * Stored values only: the derived fields of an editable return are stale.
 * Stops at the first fn that does not return YG_OK and returns that.
 */
int yg_values_each(yg_db *db, yg_period p, const char *form_key, const char *const *keys,
	unsigned states, int (*fn)(void *arg, int64_t org_id, const char *key, int64_t num),
	void *arg);

/*
 * Min-max of an institution's figure (DHIS2's min-max values; admin): a
 * value outside is a warning (O3) needing an explanation.  -1 leaves that
 * end open; both -1 removes the range.  get gives -1 for an open end.
 */
int yg_range_set(yg_db *db, const char *org_code, const char *form_key, const char *key,
	int64_t min, int64_t max);
int yg_range_get(yg_db *db, const char *org_code, const char *form_key, const char *key,
	int64_t *min, int64_t *max);

/* ---------------------------------------------------------------------------
 * Records: postings (派驻) and referrals (转诊), described by record forms.
 */
struct yg_record {
	int64_t id;                  /* 0 while new */
	const struct yg_form *form;  /* a record form ("posting", "referral") */
	int64_t org_id;              /* the unit whose roster holds it */
	int64_t version;
	struct yg_value *values;     /* form->nfields */
};
struct yg_record *yg_record_new(const struct yg_form *form, int64_t org_id);
void yg_record_free(struct yg_record *r);
void yg_record_list_free(struct yg_record **v, size_t n);
int yg_record_set(struct yg_record *r, const char *key, const char *text);
const struct yg_value *yg_record_value(const struct yg_record *r, const char *key);
/* Records of a form held by units within org_id (0: the actor's scope). */
int yg_record_list(yg_db *db, const struct yg_form *form, int64_t org_id,
	struct yg_record ***out, size_t *n);
/* Validates (fields and the form's rules; errors refuse with the first
 * error's message, the findings appended to out if not NULL), then inserts
 * or updates with a version check; audited. */
int yg_record_save(yg_db *db, struct yg_record *r, struct yg_findings *out);
/* The month a record belongs to: its first date (a posting's start, a
 * referral's date); 0 when it has none. */
yg_period yg_record_period(const struct yg_record *r);
/* The record form's rules on r as filed by org in month p (what `check`
 * reports for a record), targets not in force then marked so; appended to
 * out. */
int yg_record_rules(yg_db *db, const struct yg_record *r, const struct yg_org *org,
	yg_period p, struct yg_findings *out);
int yg_record_delete(yg_db *db, int64_t id, int64_t version);

/* Monthly activity of a posting: counts by key (a field of the
 * "posting_activity" spec, whose range applies) for a period.  get gives
 * -1 in *out when nothing is recorded; set with -1 clears the figure. */
int yg_activity_get(yg_db *db, int64_t record_id, yg_period p, const char *key, int64_t *out);
int yg_activity_set(yg_db *db, int64_t record_id, yg_period p, const char *key, int64_t value);
/* A record's activity in period p as one set of values, spec being its
 * form's activity (yg_form.activity), values spec->nfields of them: load
 * fills them (an unset value where nothing is recorded; the caller clears
 * them), save writes every figure in one transaction (an unset value
 * clears it), all or nothing. */
int yg_activity_load(yg_db *db, int64_t record_id, yg_period p, const struct yg_form *spec,
	struct yg_value *values);
int yg_activity_save(yg_db *db, int64_t record_id, yg_period p, const struct yg_form *spec,
	const struct yg_value *values);

/* ---------------------------------------------------------------------------
 * Audit trail
 */
struct yg_audit {
	int64_t id;
	char *at;         /* ISO 8601 with offset */
	char *login;      /* whose rights were used */
	char *acting_for; /* the real login under --as, else NULL */
	int64_t sub_id;   /* 0 when not about a submission */
	char *entity;     /* "value", "state", "record", "org", "user", "setting" */
	char *key;        /* field key, record id, code … */
	char *old_value;
	char *new_value;
	char *comment;
};
/* The trail of one submission (oldest first), scope checked. */
int yg_audit_list(yg_db *db, int64_t sub_id, struct yg_audit **out, size_t *n);
void yg_audit_list_free(struct yg_audit *v, size_t n);

/* ---------------------------------------------------------------------------
 * Stored findings: what yg_sub_check finds in each return, kept up to date
 * by every change, for screens that show many returns at once (findings.c).
 */
/*
 * Judges and stores every return of period p (0: of every period) left
 * unjudged by a broad change (a threshold, an outlier setting): the one
 * place stored findings are computed outside the change that moved them.
 * Writes only when there is one.  Needs a login.
 */
int yg_findings_refresh(yg_db *db, yg_period p);
/* The stored findings of return sub_id, in the order its rules gave them,
 * added to out; *judged false when it is unjudged (then out stays empty).
 * Stored counts that disagree with the stored rows add a last finding of
 * rule "#count", so that a comparison sees them. */
int yg_findings_stored(yg_db *db, int64_t sub_id, struct yg_findings *out, bool *judged);
/* The first finding where a and b differ (of a when both have one), NULL
 * when they are the same in every part, message included. */
const struct yg_finding *yg_findings_differ(const struct yg_findings *a,
	const struct yg_findings *b);
/* One stored finding of one return of a period; all borrowed for the call. */
struct yg_period_finding {
	int64_t sub_id, org_id;
	const struct yg_form *form;
	enum yg_state state;
	struct yg_finding f;
};
/*
 * Calls fn for every stored finding (targets_only: of severity target) of
 * every return of period p in the actor's scope, return by return, after
 * yg_findings_refresh(p).  Stops at the first fn that does not return YG_OK
 * and returns what it returned.
 */
int yg_findings_each(yg_db *db, yg_period p, bool targets_only,
	int (*fn)(void *arg, const struct yg_period_finding *x), void *arg);

/* ---------------------------------------------------------------------------
 * Stored figures (memo.c, schema 009): each unit's figures of a month, kept
 * so that the screens above a county read a line instead of adding up
 * every institution again.  The core stores what the owner of a kind packs
 * and never computes a figure; the schema's triggers delete every row a
 * write may have moved, so a row present is true.  `check` recomputes them.
 */
enum yg_memo_kind {
	YG_MEMO_STATUS = 1,        /* the grid's counts (yg_status_memo) */
	YG_MEMO_DASH = 2,          /* targets dashboard, received returns */
	YG_MEMO_DASH_APPROVED = 3, /* the same, approved only (the bulletin) */
	YG_MEMO_OUT = 4,           /* outcome indicators' month sums, received */
	YG_MEMO_OUT_APPROVED = 5,
};
/* Bytes being packed or read: b[at..n) is what is left to read. */
struct yg_pack {
	uint8_t *b;
	size_t n, cap, at;
};
int yg_pack_int(struct yg_pack *pk, int64_t v);
int yg_pack_bytes(struct yg_pack *pk, const void *b, size_t len);
/* The next integer; false when the bytes end or are not a number. */
bool yg_unpack_int(struct yg_pack *pk, int64_t *v);
void yg_pack_free(struct yg_pack *pk);
/* May this actor store figures: its scope is the whole tree. */
bool yg_memo_writable(yg_db *db);
/* Is the month's every unit of kind stored (its seal, org_id 0)? */
int yg_memo_sealed(yg_db *db, enum yg_memo_kind kind, yg_period p, bool *sealed);
/* The stored bytes of one unit into out (emptied first); *found false when
 * there are none. */
int yg_memo_get(yg_db *db, enum yg_memo_kind kind, yg_period p, int64_t org_id,
	struct yg_pack *out, bool *found);
/* Stores one unit's bytes; inside the caller's write transaction, which
 * computed them. */
int yg_memo_put(yg_db *db, enum yg_memo_kind kind, yg_period p, int64_t org_id,
	const struct yg_pack *data);
/*
 * Stores the month of kind when the actor may (yg_memo_writable) and it is
 * not stored yet: in one write transaction, compute(arg, db, p) computes
 * every unit's figures and yg_memo_put()s them, then the month is sealed.
 * YG_OK without a call when the actor may not or it is stored.
 */
int yg_memo_fill(yg_db *db, enum yg_memo_kind kind, yg_period p,
	int (*compute)(void *arg, yg_db *db, yg_period p), void *arg);
/* The months that have returns and are not stored of kind, oldest first
 * (free() *out). */
int yg_memo_unsealed(yg_db *db, enum yg_memo_kind kind, yg_period **out, size_t *n);

/* ---------------------------------------------------------------------------
 * Integrity
 */
/* Runs PRAGMA integrity_check and foreign_key_check; findings for
 * problems (rule "DB"), none when all is well. */
int yg_db_integrity(yg_db *db, struct yg_findings *out);

/* ---------------------------------------------------------------------------
 * Memory helpers shared by the layers above.
 */
char *yg_strdup(const char *s);      /* NULL stays NULL; aborts never */
char *yg_asprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
char *yg_vasprintf(const char *fmt, va_list ap) __attribute__((format(printf, 1, 0)));
/* A new temporary file beside path (mkstemp: no planted link is followed),
 * open for writing; *tmp its name (caller frees), to be renamed onto path
 * when complete.  NULL with a message. */
FILE *yg_temp_beside(const char *path, char **tmp);
/* Closes a temporary of yg_temp_beside's, its data on disk first; rc is
 * what the writing came to, and what comes back unless closing fails. */
int yg_temp_close(FILE *fp, const char *tmp, int rc);
/* Finishes such a temporary: closed as yg_temp_close does, then renamed
 * onto path when all went well (rc YG_OK), else removed; frees tmp.
 * Returns rc, or what finishing failed with. */
int yg_temp_finish(FILE *fp, char *tmp, const char *path, int rc);
/*
 * The clock every timestamp and "today" come from (clock.c).  Civil time is
 * China Standard Time (UTC+8) whatever the server's TZ: due days are dates
 * in China.  yg_set_clock overrides it for a while (the demo, unit tests;
 * 0 ends the override); yg_clock_set_now fixes the process's own moment
 * (YIGONG_NOW, honoured only when the program is not privileged).
 */
void yg_set_clock(int64_t unix_seconds);
void yg_clock_set_now(int64_t unix_seconds);
int64_t yg_clock(void);
/* The civil date of an instant. */
yg_date yg_date_of_time(int64_t unix_seconds);
/* The instant of a civil date and time of day. */
int64_t yg_time_of_civil(yg_date d, int hour, int minute, int second);
/* Parses an ISO 8601 time with a zone ("2026-12-02T09:00:00+08:00", "...Z",
 * seconds and fraction optional); YG_EINVAL with a message otherwise. */
int yg_time_parse(const char *iso, int64_t *out);

/* ISO 8601 civil time with offset, "2026-11-23T15:04:05+08:00"; caller frees. */
char *yg_time_iso(int64_t unix_seconds);
char *yg_now_iso(void);

/* ---------------------------------------------------------------------------
 * Text admitted and text shown
 */
/* The most bytes any one text may hold, whatever its field allows. */
#define YG_TEXT_MAX_BYTES 4096
#define YG_STR_(x) #x
#define YG_STR(x) YG_STR_(x)
/*
 * The one rule for text entering the database, wherever it comes from:
 * valid UTF-8, no NUL, no C0 or C1 control (tab and line breaks included),
 * no bidi override or isolate (U+202A-U+202E, U+2066-U+2069, U+061C), no
 * zero-width character (U+200B-U+200F, U+2060, U+FEFF), no line separator,
 * at most max_chars characters (0: no limit but YG_TEXT_MAX_BYTES).  s is
 * len bytes, so a NUL inside is seen.  YG_EINVAL with a message that names
 * the field (field_zh / field_en) and the character and its position.
 */
int yg_text_admit(const char *s, size_t len, size_t max_chars, const char *field_zh,
	const char *field_en);
/* Is c a character yg_text_admit refuses? */
bool yg_char_refused(uint32_t c);
/* Decodes one UTF-8 character (strict: no overlong form, no surrogate) of
 * the n bytes at s into *cp; its length, or 0 when the bytes are not one. */
size_t yg_utf8_decode(const unsigned char *s, size_t n, uint32_t *cp);
/*
 * The one way text from a file or the database reaches a terminal: a copy
 * of s (len bytes, or (size_t)-1 for strlen) with C0/C1 controls and bytes
 * that are not UTF-8 written as \x1b, bidi and zero-width characters as
 * <U+202E>; line feeds kept when keep_nl (for messages).  Caller frees;
 * NULL only when out of memory.
 */
char *yg_text_escape(const char *s, size_t len, bool keep_nl);

/* Findings (rule "DB", org_code set) for every unit placed where its kind
 * may not sit (a village under a hospital, a township's villages once it is
 * made a hospital) and every root that is not the county: what
 * yg_db_integrity reports, and what a transaction that changed units is
 * refused for before it commits. */
int yg_org_placement(yg_db *db, struct yg_findings *out);

#endif /* YIGONG_H */
