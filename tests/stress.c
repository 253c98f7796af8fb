/*
 * stress.c — many users on one database, and processes killed mid-save.
 *
 *   stress [-n PROCS] [-m OPS] [-s SEED]     concurrency (make check, make stress)
 *   stress --crash ITERATIONS [-s SEED]      kill -9 at random instants
 *
 * Concurrency: PROCS processes (clerks of the same and of different
 * institutions, a community's reviewer and the county's), each with its own connection, do OPS
 * random operations through the core: save drafts (now and then from a copy
 * loaded long before, to provoke conflicts), submit, return, approve,
 * reopen, save referral records, log out and in again.  Each logs every operation the core said
 * YG_OK to, with the values it wrote and the version it got.  Afterwards
 * the parent checks, through the core:
 *  - no two successful writes of one submission or record got the same
 *    version (a lost update would);
 *  - the stored values are those of the successful write with the highest
 *    version, so every committed change is present and none was silently
 *    overwritten;
 *  - every value that changed between successive writes has its audit row
 *    naming the writer, and the latest audit new_value of each key is the
 *    stored value;
 *  - PRAGMA integrity_check and foreign_key_check find nothing;
 *  - every return's stored findings (what the screens read) are judged and
 *    are exactly what its rules find now, as `check` compares them;
 *  - the figures the screens store (schema 009): the county's reviewer
 *    stores a month's and reads it again after each of its decisions, and
 *    compares it with the returns in one transaction; a write that left a
 *    stored month in place (a trigger missing) fails it there.
 * Conflicts must come back as YG_ECONFLICT (counted), never as anything
 * else; YG_EBUSY past the 10 s busy timeout fails the test.
 *
 * Crash: a child saves a whole draft (every field derived from one counter)
 * again and again and reports each counter the core said was saved; the
 * parent kills it with SIGKILL after a random number of reports plus a
 * random fraction of a save, then opens the database afresh: it must pass
 * the integrity check, hold one whole draft (no field from another save),
 * and that draft must be the last one reported or the one after it (saved,
 * killed before it could say so).
 *
 * Seeds are fixed, so a failure reruns the same way (-s).
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "dashboard.h"
#include "forms.h"
#include "outcomes.h"
#include "statusfmt.h"
#include "yigong.h"

#define NPERIODS 3
#define MAXFIELDS 32

static char dir[256], dbpath[300];
static int failures;

static void fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void fail(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fputs("FAIL: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
	failures++;
}

static void die(const char *what, int rc)
{
	fprintf(stderr, "stress: %s: rc %d: %s\n", what, rc, yg_errmsg());
	exit(2);
}

/* splitmix64: small, and the same on every machine. */
static uint64_t rng_state;
static uint64_t rnd(void)
{
	uint64_t z = (rng_state += 0x9E3779B97F4A7C15ull);

	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
	return z ^ (z >> 31);
}
static int rnd_below(int n)
{
	return (int)(rnd() % (uint64_t)n);
}

/* ---- the county ---- */

struct actor {
	const char *login;
	const char *org;    /* clerks: their institution */
	enum yg_role role;
};

/* Two clerks share T1, so they race on the same returns. */
static const struct actor actors[] = {
	{ "c1a", "T1", YG_ROLE_CLERK },
	{ "c1b", "T1", YG_ROLE_CLERK },
	{ "rev", "M1", YG_ROLE_REVIEWER },
	{ "c2", "T2", YG_ROLE_CLERK },
	{ "c3", "T3", YG_ROLE_CLERK },
	/* The county's reviewer stores the screens' figures (screens_read). */
	{ "revc", "C", YG_ROLE_REVIEWER },
};
#define NACTORS (sizeof actors / sizeof actors[0])

static void put_org(yg_db *db, const char *code, enum yg_kind kind, enum yg_tier tier,
	const char *parent)
{
	struct yg_org o = {
		.code = (char *)code, .name = (char *)code, .kind = kind, .tier = tier,
		.parent_code = (char *)parent,
	};
	int rc = yg_org_put(db, &o, NULL);

	if (rc != YG_OK)
		die(code, rc);
}

static void setup(void)
{
	yg_db *db;
	int rc;

	snprintf(dir, sizeof dir, "%s/yigong-stress-XXXXXX",
		getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	if (!mkdtemp(dir)) {
		perror("mkdtemp");
		exit(2);
	}
	snprintf(dbpath, sizeof dbpath, "%s/stress.db", dir);
	if ((rc = yg_db_create(dbpath, &db)) != YG_OK)
		die("create", rc);
	yg_login_system(db, "adm");
	put_org(db, "C", YG_KIND_COUNTY, YG_TIER_NONE, NULL);
	put_org(db, "M1", YG_KIND_COMMUNITY, YG_TIER_NONE, "C");
	put_org(db, "H1", YG_KIND_HOSPITAL, YG_TIER_SECONDARY, "M1");
	put_org(db, "T1", YG_KIND_TOWNSHIP, YG_TIER_PRIMARY, "M1");
	put_org(db, "T2", YG_KIND_TOWNSHIP, YG_TIER_PRIMARY, "M1");
	put_org(db, "T3", YG_KIND_TOWNSHIP, YG_TIER_PRIMARY, "M1");
	if ((rc = yg_user_put(db, "adm", YG_ROLE_ADMIN, "C")) != YG_OK)
		die("user adm", rc);
	for (size_t i = 0; i < NACTORS; i++)
		if ((rc = yg_user_put(db, actors[i].login, actors[i].role, actors[i].org)) != YG_OK)
			die(actors[i].login, rc);
	yg_db_close(db);
}

static void cleanup(void)
{
	const char *suffix[] = { "", "-wal", "-shm" };
	char p[400];

	for (int i = 0; i < 3; i++) {
		snprintf(p, sizeof p, "%s%s", dbpath, suffix[i]);
		unlink(p);
	}
	for (size_t i = 0; i < 64; i++) {
		snprintf(p, sizeof p, "%s/log.%zu", dir, i);
		unlink(p);
	}
	rmdir(dir);
}

/* A failed run's database is evidence: kept when $STRESS_KEEP is set, and
 * the seed in the summary line reruns the same operations. */
static void finish(const char *what)
{
	if (failures && getenv("STRESS_KEEP")) {
		fprintf(stderr, "%s: database kept in %s\n", what, dir);
		return;
	}
	if (failures)
		fprintf(stderr, "%s: set STRESS_KEEP=1 to keep the database\n", what);
	cleanup();
}

static yg_db *connect_as(const char *login)
{
	yg_db *db;
	int rc = yg_db_open(dbpath, &db);

	if (rc != YG_OK)
		die("open", rc);
	if ((rc = yg_login(db, login, NULL)) != YG_OK)
		die(login, rc);
	return db;
}

/* ---- what a clerk types ---- */

/* A valid staffing return: with these, submit passes every error rule and
 * raises no warning, whatever the random fields below hold. */
static const struct {
	const char *key, *value;
} base[] = {
	{ "authorised_posts", "100" }, { "staff_on_post", "100" },
	{ "licensed_physicians", "10" }, { "assistant_physicians", "5" },
	{ "general_practitioners", "3" }, { "public_health_physicians", "2" },
	{ "tcm_physicians", "2" }, { "technicians", "5" }, { "village_doctors", "10" },
	{ "village_doctors_licensed", "5" }, { "village_doctors_under45", "3" },
	{ "village_doctors_pension", "8" },
};
/* Changed at random: 10 + 5 + 30 + 10 + 5 stays within the 100 on post. */
static const struct {
	const char *key;
	int max;
} randomised[] = {
	{ "hires", 30 }, { "departures", 30 }, { "registered_nurses", 30 }, { "pharmacists", 10 },
};

static void fill(struct yg_sub *sub)
{
	char buf[16];

	for (size_t i = 0; i < sizeof base / sizeof base[0]; i++)
		if (!yg_sub_value(sub, base[i].key)->set)
			yg_sub_set(sub, base[i].key, base[i].value);
	for (size_t i = 0; i < sizeof randomised / sizeof randomised[0]; i++)
		if (!yg_sub_value(sub, randomised[i].key)->set || rnd_below(2)) {
			snprintf(buf, sizeof buf, "%d", rnd_below(randomised[i].max + 1));
			if (yg_sub_set(sub, randomised[i].key, buf) != YG_OK)
				die("set", YG_EINVAL);
		}
}

/* ---- the log of what the core said yes to ---- */

static FILE *oplog;

/* "W sub_id version state key=value ..." every field as stored text. */
static void log_sub(const char *what, const struct yg_sub *sub)
{
	fprintf(oplog, "W %" PRId64 " %" PRId64 " %s %s", sub->id, sub->version,
		yg_state_name(sub->state), what);
	for (size_t i = 0; i < sub->form->nfields; i++) {
		char *t = yg_field_format(&sub->form->fields[i], &sub->values[i]);

		fprintf(oplog, " %s=%s", sub->form->fields[i].key, t && *t ? t : "-");
		free(t);
	}
	fputc('\n', oplog);
}

static void log_record(const struct yg_record *r)
{
	fprintf(oplog, "R %" PRId64 " %" PRId64, r->id, r->version);
	for (size_t i = 0; i < r->form->nfields; i++) {
		char *t = yg_field_format(&r->form->fields[i], &r->values[i]);

		fprintf(oplog, " %s=%s", r->form->fields[i].key, t && *t ? t : "-");
		free(t);
	}
	fputc('\n', oplog);
}

struct counts {
	int ok, conflict, state, refused;
};

/* Every refusal the test may meet; anything else is a failure. */
static void tally(struct counts *c, int rc, const char *what)
{
	switch (rc) {
	case YG_OK: c->ok++; break;
	case YG_ECONFLICT: c->conflict++; break;
	case YG_ESTATE: c->state++; break;
	default:
		fprintf(stderr, "stress: %s: unexpected rc %d: %s\n", what, rc, yg_errmsg());
		exit(3);
	}
}

/* ---- one child ---- */

static yg_period periods[NPERIODS];

static int clerk_records(yg_db *db, const struct actor *a, struct yg_record **stale,
	struct counts *c)
{
	const struct yg_form *form = yg_form_find("referral");
	struct yg_record **list = NULL, *r;
	struct yg_org org = { 0 };
	size_t n = 0;
	char buf[32];
	int rc;
	static const char *const status[] = { "pending", "accepted", "completed", "refused" };

	if ((rc = yg_org_get(db, a->org, &org)) != YG_OK)
		die("org", rc);
	if ((rc = yg_record_list(db, form, org.id, &list, &n)) != YG_OK)
		die("records", rc);
	if (*stale && rnd_below(2)) {
		r = *stale;
		*stale = NULL;
	} else if (n == 0 || rnd_below(4) == 0) {
		yg_date_format(yg_date_today() - 1 - rnd_below(20), buf);
		r = yg_record_new(form, org.id);
		yg_record_set(r, "date", buf);
		yg_record_set(r, "direction", "up");
		yg_record_set(r, "from_org", a->org);
		yg_record_set(r, "to_org", "H1");
		yg_record_set(r, "in_community", "yes");
		yg_record_set(r, "diagnosis", "I10");
		yg_record_set(r, "by_family_doctor", "no");
		yg_record_set(r, "reserved_used", "no");
	} else {
		/* Take one out of the list to keep it. */
		size_t k = (size_t)rnd_below((int)n);

		r = list[k];
		list[k] = NULL;
	}
	yg_record_list_free(list, n);
	yg_org_clear(&org);
	snprintf(buf, sizeof buf, "P%d-%d", getpid(), rnd_below(100000));
	if ((rc = yg_record_set(r, "patient_ref", buf)) != YG_OK ||
	    (rc = yg_record_set(r, "status", status[rnd_below(4)])) != YG_OK)
		die("record set", rc);
	/* Half the time keep a copy to save much later: it will conflict
	 * if somebody saved the record in between. */
	if (!*stale && r->id && rnd_below(2)) {
		struct yg_record *copy = yg_record_new(form, r->org_id);

		copy->id = r->id;
		copy->version = r->version;
		for (size_t i = 0; i < form->nfields; i++)
			yg_value_copy(&copy->values[i], &r->values[i]);
		*stale = copy;
	}
	rc = yg_record_save(db, r, NULL);
	if (rc == YG_EINVAL) {
		fprintf(stderr, "stress: record refused: %s\n", yg_errmsg());
		exit(3);
	}
	tally(c, rc, "record save");
	if (rc == YG_OK)
		log_record(r);
	yg_record_free(r);
	return rc;
}

static void clerk_op(yg_db *db, const struct actor *a, struct yg_sub **stale,
	struct yg_record **stale_rec, struct counts *c)
{
	int what = rnd_below(100), rc;
	yg_period p = periods[rnd_below(NPERIODS)];
	struct yg_sub *sub = NULL;
	int64_t before;

	if (what >= 80) {
		clerk_records(db, a, stale_rec, c);
		return;
	}
	if (what < 20 && *stale) {
		/* A copy loaded several operations ago. */
		sub = *stale;
		*stale = NULL;
	} else if ((rc = yg_sub_load(db, "staffing", a->org, p, &sub)) != YG_OK) {
		die("load", rc);
	}
	if (!*stale && rnd_below(3) == 0) {
		yg_sub_load(db, "staffing", a->org, p, stale);
	}
	if (!yg_state_editable(sub->state)) {
		c->state++;
		yg_sub_free(sub);
		return;
	}
	fill(sub);
	before = sub->version;
	if (what < 65) {
		rc = yg_sub_save(db, sub);
		tally(c, rc, "save");
		if (rc == YG_OK && sub->version != before)
			log_sub("save", sub);
	} else {
		rc = yg_sub_submit(db, sub, NULL);
		if (rc == YG_EINVAL) {
			fprintf(stderr, "stress: submit refused: %s\n", yg_errmsg());
			exit(3);
		}
		tally(c, rc, "submit");
		if (rc == YG_OK)
			log_sub("submit", sub);
	}
	yg_sub_free(sub);
}

/* The screens' figures of month p, stored by the reviewer (who sees the
 * county) while the clerks write, then what it stored or read as stored
 * against the returns now, compared in one transaction: a stored month that
 * a write since should have deleted is stale here. */
static void screens_read(yg_db *db, yg_period p)
{
	struct yg_findings f;
	struct status_sum *sums;
	struct outcomes o;
	struct dash d;
	size_t nsums;
	int64_t d_top;
	int rc;

	if ((rc = dash_compute(db, p, &d)) != YG_OK)
		die("dashboard", rc);
	d_top = d.n ? d.u[0].id : 0;
	dash_free(&d);
	if ((rc = outcomes_compute_top(db, p, &o)) != YG_OK)
		die("outcomes", rc);
	outcomes_free(&o);
	yg_findings_init(&f);
	if ((rc = status_sums(db, p, d_top, &sums, &nsums)) != YG_OK)
		die("status", rc);
	free(sums);
	if ((rc = dash_memo_verify(db, p, DASH_RECEIVED, &f)) != YG_OK ||
	    (rc = outcomes_memo_verify(db, p, false, &f)) != YG_OK ||
	    (rc = status_memo_verify(db, p, &f)) != YG_OK)
		die("verify", rc);
	if (f.n) {
		fprintf(stderr, "stress: stored figures differ during the race: %s\n", f.v[0].en);
		exit(3);
	}
	yg_findings_free(&f);
}

static void reviewer_op(yg_db *db, struct counts *c)
{
	yg_period p = periods[rnd_below(NPERIODS)];
	struct yg_status *st = NULL;
	size_t n = 0, k;
	int rc;

	if ((rc = yg_status_list(db, p, &st, &n)) != YG_OK)
		die("status", rc);
	screens_read(db, p);
	if (n == 0) {
		yg_status_list_free(st, n);
		return;
	}
	k = (size_t)rnd_below((int)n);
	for (size_t i = 0; i < n; i++, k = (k + 1) % n) {
		const struct yg_status *s = &st[k];
		const char *to = NULL;

		if (!s->sub_id || strcmp(s->form->key, "staffing") != 0)
			continue;
		if (s->state == YG_ST_SUBMITTED) {
			if (rnd_below(5) < 3) {
				rc = yg_sub_approve(db, s->sub_id, s->version);
				to = "approved";
			} else {
				rc = yg_sub_return(db, s->sub_id, s->version, "请核对护士人数");
				to = "returned";
			}
		} else if (s->state == YG_ST_APPROVED && rnd_below(4) == 0) {
			rc = yg_sub_reopen(db, s->sub_id, s->version, "数据有误, 重开");
			to = "reopened";
		} else {
			continue;
		}
		tally(c, rc, to);
		if (rc == YG_OK)
			fprintf(oplog, "T %" PRId64 " %" PRId64 " %s\n", s->sub_id, s->version + 1, to);
		/* Its own decision moved the month: read again. */
		if (rc == YG_OK)
			screens_read(db, p);
		break;
	}
	yg_status_list_free(st, n);
}

static void child(int idx, int ops, uint64_t seed)
{
	const struct actor *a = &actors[(size_t)idx % NACTORS];
	struct yg_sub *stale = NULL;
	struct yg_record *stale_rec = NULL;
	struct counts c = { 0 };
	char path[400];
	yg_db *db;

	rng_state = seed * 1000003u + (uint64_t)idx;
	snprintf(path, sizeof path, "%s/log.%d", dir, idx);
	if (!(oplog = fopen(path, "w"))) {
		perror(path);
		exit(2);
	}
	db = connect_as(a->login);
	for (int i = 0; i < ops; i++) {
		/* Users log out and in all day: opening must wait for a
		 * checkpoint or a WAL recovery in another process, not fail. */
		if (rnd_below(10) == 0) {
			yg_db_close(db);
			db = connect_as(a->login);
		}
		if (a->role == YG_ROLE_CLERK)
			clerk_op(db, a, &stale, &stale_rec, &c);
		else
			reviewer_op(db, &c);
	}
	yg_sub_free(stale);
	yg_record_free(stale_rec);
	yg_db_close(db);
	fprintf(oplog, "C %d %d %d\n", c.ok, c.conflict, c.state);
	if (fclose(oplog) != 0)
		exit(2);
	exit(0);
}

/* ---- checking ---- */

struct item {
	char kind;        /* 'W' submission write, 'T' transition, 'R' record */
	int64_t id, version;
	int who;          /* child index */
	char *fields;     /* " key=value ..." as logged */
};

/* Every logged operation, however long the run: the checker grows with it. */
static struct item *items;
static size_t nitems, items_cap;

static int cmp_items(const void *x, const void *y)
{
	const struct item *a = x, *b = y;

	/* Records apart; a submission's writes and transitions together. */
	if ((a->kind == 'R') != (b->kind == 'R'))
		return a->kind == 'R' ? -1 : 1;
	if (a->id != b->id)
		return a->id < b->id ? -1 : 1;
	return a->version < b->version ? -1 : a->version > b->version;
}

/* The value logged for key in fields, or NULL ("-" is empty). */
static char *field_of(const char *fields, const char *key)
{
	size_t kl = strlen(key);

	for (const char *p = fields; (p = strchr(p, ' ')); p++) {
		if (!strncmp(p + 1, key, kl) && p[1 + kl] == '=') {
			const char *v = p + 2 + kl;
			size_t n = strcspn(v, " \n");

			return n == 1 && *v == '-' ? NULL : strndup(v, n);
		}
	}
	return NULL;
}

static bool same(const char *a, const char *b)
{
	return (!a && !b) || (a && b && !strcmp(a, b));
}

static void read_logs(int nproc, struct counts *total)
{
	for (int i = 0; i < nproc; i++) {
		char path[400], *line = NULL;
		size_t cap = 0;
		FILE *f;

		snprintf(path, sizeof path, "%s/log.%d", dir, i);
		if (!(f = fopen(path, "r"))) {
			fail("no log from child %d", i);
			continue;
		}
		while (getline(&line, &cap, f) > 0) {
			struct item *it;
			int ok, conflict, state, used = 0;
			long long id, version;

			if (sscanf(line, "C %d %d %d", &ok, &conflict, &state) == 3) {
				total->ok += ok;
				total->conflict += conflict;
				total->state += state;
				continue;
			}
			if (nitems == items_cap) {
				size_t ncap = items_cap ? 2 * items_cap : 4096;
				struct item *n = realloc(items, ncap * sizeof *n);

				if (!n) {
					fprintf(stderr, "stress: out of memory reading the logs\n");
					exit(2);
				}
				items = n;
				items_cap = ncap;
			}
			it = &items[nitems];
			if (sscanf(line, "%c %lld %lld%n", &it->kind, &id, &version, &used) < 3)
				continue;
			it->id = id;
			it->version = version;
			it->who = i;
			it->fields = strdup(line + used);
			nitems++;
		}
		free(line);
		fclose(f);
	}
	if (nitems)
		qsort(items, nitems, sizeof items[0], cmp_items);
}

/* The audit rows of one submission: for each value that changed from one
 * logged write to the next, a row naming the writer with the new value. */
static bool audited(const struct yg_audit *au, size_t n, const char *key, const char *value,
	const char *login)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(au[i].entity, "value") && au[i].key && !strcmp(au[i].key, key) &&
		    same(au[i].new_value, value) && !strcmp(au[i].login, login))
			return true;
	return false;
}

static void check_submission(yg_db *db, size_t from, size_t to)
{
	int64_t id = items[from].id;
	struct yg_sub *sub = NULL;
	struct yg_audit *au = NULL;
	size_t nau = 0, last_w = to;
	int rc = yg_sub_load_id(db, id, &sub);

	if (rc != YG_OK) {
		fail("submission %" PRId64 " logged as saved is not there: %s", id, yg_errmsg());
		return;
	}
	if ((rc = yg_audit_list(db, id, &au, &nau)) != YG_OK)
		die("audit", rc);
	for (size_t i = from; i < to; i++) {
		if (i > from && items[i].version == items[i - 1].version)
			fail("submission %" PRId64 ": two successful writes reached version %" PRId64
				" (%s by %s, %s by %s): a lost update", id, items[i].version,
				items[i - 1].kind == 'T' ? "transition" : "save",
				actors[items[i - 1].who % NACTORS].login,
				items[i].kind == 'T' ? "transition" : "save",
				actors[items[i].who % NACTORS].login);
		if (items[i].kind == 'W')
			last_w = i;
	}
	if (items[to - 1].version > sub->version)
		fail("submission %" PRId64 ": stored version %" PRId64 " is behind a logged %" PRId64,
			id, sub->version, items[to - 1].version);
	/* The values are those of the last successful write. */
	for (size_t f = 0; last_w < to && f < sub->form->nfields; f++) {
		const char *key = sub->form->fields[f].key;
		char *want = field_of(items[last_w].fields, key);
		char *have = yg_field_format(&sub->form->fields[f], &sub->values[f]);
		const char *latest = NULL;

		if (have && !*have) {
			free(have);
			have = NULL;
		}
		if (!same(want, have))
			fail("submission %" PRId64 " %s: stored %s, last saved (version %" PRId64
				") %s", id, key, have ? have : "-", items[last_w].version,
				want ? want : "-");
		for (size_t i = 0; i < nau; i++)
			if (!strcmp(au[i].entity, "value") && au[i].key && !strcmp(au[i].key, key))
				latest = au[i].new_value;
		if (!same(latest, have))
			fail("submission %" PRId64 " %s: latest audit says %s, stored %s", id, key,
				latest ? latest : "-", have ? have : "-");
		free(want);
		free(have);
	}
	/* Every change between successive writes is in the trail. */
	for (size_t i = from, prev = to; i < to; i++) {
		if (items[i].kind != 'W')
			continue;
		for (size_t f = 0; f < sub->form->nfields; f++) {
			const char *key = sub->form->fields[f].key;
			char *now = field_of(items[i].fields, key);
			char *was = prev < to ? field_of(items[prev].fields, key) : NULL;

			if (!same(now, was) &&
			    !audited(au, nau, key, now, actors[items[i].who % NACTORS].login))
				fail("submission %" PRId64 " %s: change to %s by %s (version %" PRId64
					") is not in the audit trail", id, key, now ? now : "-",
					actors[items[i].who % NACTORS].login, items[i].version);
			free(now);
			free(was);
		}
		prev = i;
	}
	yg_audit_list_free(au, nau);
	yg_sub_free(sub);
}

/* Records: the stored values are the last successful save's, and the trail
 * holds one row per successful save. */
static void check_record(yg_db *db, sqlite3 *raw, size_t from, size_t to)
{
	const struct yg_form *form = yg_form_find("referral");
	struct yg_record **list = NULL, *r = NULL;
	int64_t id = items[from].id;
	size_t n = 0;
	char key[64];
	sqlite3_stmt *st;
	int64_t rows = -1;

	for (size_t i = from + 1; i < to; i++)
		if (items[i].version == items[i - 1].version)
			fail("record %" PRId64 ": two successful saves reached version %" PRId64,
				id, items[i].version);
	if (yg_record_list(db, form, 0, &list, &n) != YG_OK)
		die("record list", YG_ERROR);
	for (size_t i = 0; i < n; i++)
		if (list[i]->id == id)
			r = list[i];
	if (!r) {
		fail("record %" PRId64 " logged as saved is not there", id);
	} else {
		for (size_t f = 0; f < form->nfields; f++) {
			char *want = field_of(items[to - 1].fields, form->fields[f].key);
			char *have = yg_field_format(&form->fields[f], &r->values[f]);

			if (!same(want, have && *have ? have : NULL))
				fail("record %" PRId64 " %s: stored %s, last saved %s", id,
					form->fields[f].key, have ? have : "-", want ? want : "-");
			free(want);
			free(have);
		}
	}
	yg_record_list_free(list, n);
	snprintf(key, sizeof key, "referral#%" PRId64, id);
	if (sqlite3_prepare_v2(raw, "SELECT count(*) FROM audit WHERE entity = 'record'"
			" AND key = ?", -1, &st, NULL) == SQLITE_OK) {
		sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
		if (sqlite3_step(st) == SQLITE_ROW)
			rows = sqlite3_column_int64(st, 0);
		sqlite3_finalize(st);
	}
	if (rows != (int64_t)(to - from))
		fail("record %" PRId64 ": %zu successful saves, %" PRId64 " audit rows", id,
			to - from, rows);
}

static void check_integrity(yg_db *db)
{
	struct yg_findings f;

	yg_findings_init(&f);
	if (yg_db_integrity(db, &f) != YG_OK)
		fail("integrity check did not run: %s", yg_errmsg());
	for (size_t i = 0; i < f.n; i++)
		fail("integrity: %s", f.v[i].en);
	yg_findings_free(&f);
}

/* The stored findings of every return against its rules run afresh. */
static void check_stored_findings(yg_db *db, sqlite3 *raw)
{
	sqlite3_stmt *st;
	size_t n = 0;

	if (sqlite3_prepare_v2(raw, "SELECT id FROM submission ORDER BY id", -1, &st, NULL) !=
	    SQLITE_OK)
		die("prepare", YG_ERROR);
	while (sqlite3_step(st) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(st, 0);
		struct yg_findings now, stored;
		const struct yg_finding *x;
		struct yg_sub *sub = NULL;
		bool judged = false;

		yg_findings_init(&now);
		yg_findings_init(&stored);
		if (yg_sub_load_id(db, id, &sub) != YG_OK || yg_sub_check(db, sub, &now) != YG_OK ||
		    yg_findings_stored(db, id, &stored, &judged) != YG_OK)
			fail("return %" PRId64 ": findings not read: %s", id, yg_errmsg());
		else if (!judged)
			fail("return %" PRId64 ": findings never stored", id);
		else if ((x = yg_findings_differ(&now, &stored)) != NULL)
			fail("return %" PRId64 ": stored findings differ at rule %s (%zu stored,"
				" %zu now)", id, x->rule, stored.n, now.n);
		n++;
		yg_findings_free(&now);
		yg_findings_free(&stored);
		yg_sub_free(sub);
	}
	sqlite3_finalize(st);
	if (n == 0)
		fail("no return to compare findings of");
}

/* The figures stored for the screens against those computed now: none
 * may differ (every month the reviewer stored after the last write). */
static void check_stored_figures(yg_db *db)
{
	struct yg_findings f;
	size_t stored = 0;

	yg_findings_init(&f);
	for (int i = 0; i < NPERIODS; i++) {
		bool sealed = false;

		if (yg_memo_sealed(db, YG_MEMO_DASH, periods[i], &sealed) != YG_OK)
			die("memo", YG_ERROR);
		stored += sealed;
		if (dash_memo_verify(db, periods[i], DASH_RECEIVED, &f) != YG_OK ||
		    outcomes_memo_verify(db, periods[i], false, &f) != YG_OK)
			die("verify", YG_ERROR);
	}
	for (size_t i = 0; i < f.n; i++)
		fail("%s", f.v[i].en);
	yg_findings_free(&f);
	/* The last writes deleted what the reviewer stored before them: the
	 * months are stored again here, as a screen would, then compared. */
	if (stored < NPERIODS) {
		for (int i = 0; i < NPERIODS; i++) {
			struct dash d;

			if (dash_compute(db, periods[i], &d) != YG_OK)
				die("dashboard", YG_ERROR);
			dash_free(&d);
		}
		yg_findings_init(&f);
		for (int i = 0; i < NPERIODS; i++)
			if (dash_memo_verify(db, periods[i], DASH_RECEIVED, &f) != YG_OK)
				die("verify", YG_ERROR);
		for (size_t i = 0; i < f.n; i++)
			fail("%s", f.v[i].en);
		yg_findings_free(&f);
	}
}

static int run_stress(int nproc, int ops, uint64_t seed)
{
	struct counts total = { 0 };
	yg_db *db;
	sqlite3 *raw;
	pid_t pids[64];
	int status;

	if (nproc < 1 || nproc > 64)
		nproc = 64;
	setup();
	for (int i = 0; i < NPERIODS; i++)
		periods[i] = yg_period_add(yg_period_current(), -1 - i);
	for (int i = 0; i < nproc; i++) {
		pids[i] = fork();
		if (pids[i] < 0) {
			perror("fork");
			exit(2);
		}
		if (pids[i] == 0)
			child(i, ops, seed);
	}
	for (int i = 0; i < nproc; i++) {
		if (waitpid(pids[i], &status, 0) < 0 || !WIFEXITED(status) ||
		    WEXITSTATUS(status) != 0)
			fail("child %d (%s) ended with status %d", i,
				actors[(size_t)i % NACTORS].login, status);
	}
	read_logs(nproc, &total);
	db = connect_as("adm");
	if (sqlite3_open_v2(dbpath, &raw, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
		die("sqlite3_open", YG_ERROR);
	for (size_t i = 0, j; i < nitems; i = j) {
		for (j = i + 1; j < nitems && items[j].id == items[i].id &&
		     (items[j].kind == 'R') == (items[i].kind == 'R'); j++)
			;
		if (items[i].kind == 'R')
			check_record(db, raw, i, j);
		else
			check_submission(db, i, j);
	}
	check_integrity(db);
	check_stored_findings(db, raw);
	check_stored_figures(db);
	sqlite3_close(raw);
	yg_db_close(db);
	printf("stress: %d processes x %d operations (seed %" PRIu64 "): %d done, %d conflicts"
		" (YG_ECONFLICT), %d refused by state; %zu writes checked; %d failures\n",
		nproc, ops, seed, total.ok, total.conflict, total.state, nitems, failures);
	if (total.conflict == 0 && ops >= 20)
		fail("no conflict at all: the test did not race");
	for (size_t i = 0; i < nitems; i++)
		free(items[i].fields);
	free(items);
	finish("stress");
	return failures ? EXIT_FAILURE : EXIT_SUCCESS;
}

/* ---- kill -9 ---- */

/* Field i of draft number k: one counter in every field, so a draft mixed
 * from two saves shows. */
static int64_t draft_value(int64_t k, size_t i)
{
	return k * 32 + (int64_t)i;
}

static void saver(int fd, yg_period p)
{
	yg_db *db = connect_as("c1a");
	struct yg_sub *sub;
	int64_t k;
	int rc;

	if ((rc = yg_sub_load(db, "staffing", "T1", p, &sub)) != YG_OK)
		die("load", rc);
	k = sub->values[0].set ? sub->values[0].num / 32 + 1 : 1;
	for (;; k++) {
		for (size_t i = 0; i < sub->form->nfields; i++) {
			char buf[24];

			snprintf(buf, sizeof buf, "%" PRId64, draft_value(k, i));
			if ((rc = yg_sub_set(sub, sub->form->fields[i].key, buf)) != YG_OK)
				die("set", rc);
		}
		if ((rc = yg_sub_save(db, sub)) != YG_OK)
			die("save", rc);
		if (write(fd, &k, sizeof k) != (ssize_t)sizeof k)
			_exit(4);
	}
}

static int run_crash(int iterations, uint64_t seed)
{
	yg_period p = yg_period_add(yg_period_current(), -1);
	int64_t last = 0;

	rng_state = seed;
	setup();
	for (int it = 0; it < iterations && !failures; it++) {
		int fds[2], status, want = rnd_below(12);
		int64_t k, got = 0;
		struct timespec ts = { 0, (long)rnd_below(2000) * 1000 };
		struct yg_sub *sub = NULL;
		pid_t pid;
		yg_db *db;

		if (pipe(fds) != 0 || (pid = fork()) < 0) {
			perror("pipe/fork");
			return 2;
		}
		if (pid == 0) {
			close(fds[0]);
			saver(fds[1], p);
		}
		close(fds[1]);
		/* A random number of saves, then a random fraction of the next:
		 * the kill lands anywhere in a save, a commit or a checkpoint. */
		while (got < want && read(fds[0], &k, sizeof k) == (ssize_t)sizeof k) {
			last = k;
			got++;
		}
		nanosleep(&ts, NULL);
		kill(pid, SIGKILL);
		waitpid(pid, &status, 0);
		if (!WIFSIGNALED(status))
			fail("iteration %d: the saver ended by itself (status %d)", it, status);
		while (read(fds[0], &k, sizeof k) == (ssize_t)sizeof k)
			last = k;
		close(fds[0]);

		db = connect_as("c1a");
		check_integrity(db);
		if (yg_sub_load(db, "staffing", "T1", p, &sub) != YG_OK) {
			fail("iteration %d: cannot load the draft: %s", it, yg_errmsg());
		} else if (last > 0 || sub->id) {
			int64_t have = sub->values[0].set ? sub->values[0].num / 32 : 0;

			if (have != last && have != last + 1)
				fail("iteration %d: the draft holds save %" PRId64 ", the saver last"
					" reported %" PRId64, it, have, last);
			for (size_t i = 0; i < sub->form->nfields; i++)
				if (!sub->values[i].set || sub->values[i].num != draft_value(have, i))
					fail("iteration %d: field %s is not from save %" PRId64
						": half a save", it, sub->form->fields[i].key, have);
			last = have;
		}
		yg_sub_free(sub);
		yg_db_close(db);
	}
	printf("crash: %d kills (seed %" PRIu64 "), last draft %" PRId64 "; %d failures\n",
		iterations, seed, last, failures);
	finish("crash");
	return failures ? EXIT_FAILURE : EXIT_SUCCESS;
}

int main(int argc, char **argv)
{
	int nproc = 5, ops = 40, crash = 0;
	uint64_t seed = 1;
	const char *now = getenv("YIGONG_NOW");
	int64_t t;

	/* The tests' moment (tests/now_lib.sh), as the program takes it. */
	if (now && yg_time_parse(now, &t) == YG_OK)
		yg_clock_set_now(t);

	for (int i = 1; i < argc; i++) {
		const char *v = i + 1 < argc ? argv[i + 1] : NULL;

		if (!strcmp(argv[i], "-n") && v)
			nproc = atoi(argv[++i]);
		else if (!strcmp(argv[i], "-m") && v)
			ops = atoi(argv[++i]);
		else if (!strcmp(argv[i], "-s") && v)
			seed = strtoull(argv[++i], NULL, 10);
		else if (!strcmp(argv[i], "--crash") && v)
			crash = atoi(argv[++i]);
		else {
			fprintf(stderr, "usage: stress [-n PROCS] [-m OPS] [-s SEED] | --crash N [-s SEED]\n");
			return 2;
		}
	}
	forms_register_all();
	yg_set_lang(YG_EN);
	return crash > 0 ? run_crash(crash, seed) : run_stress(nproc, ops, seed);
}
