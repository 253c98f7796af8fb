/*
 * privilege.c — what running setgid demands (privilege.h, doc/deploy.md).
 *
 * The rules, in one place:
 *  - identity is the real uid (main.c asks getpwuid(getuid())), never the
 *    environment;
 *  - while elevated the process is not dumpable and writes no core, so the
 *    user cannot read the group's files out of its memory or ptrace it;
 *  - nothing the user controls may point the group's rights somewhere else:
 *    the environment is rebuilt from a short list, the configuration file
 *    is the fixed one and must be root's, and a database other than the
 *    configured one is only for the admins of that one, and then opened
 *    with the user's own rights;
 *  - the group's rights are held only while the database is opened and
 *    closed (priv_db_enter/priv_db_leave): the rest of the run has the
 *    user's own rights, so every file the user names (export -o, import,
 *    backup, org import, and whatever comes next) is opened as the user
 *    without each command having to remember it.  SQLite keeps the
 *    database, -wal and -shm descriptors open for the whole connection and
 *    makes its temporary files in /var/tmp or /tmp, so it needs no group
 *    rights between the two.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cmd.h"
#include "conffile.h"
#include "privilege.h"

extern char **environ;

/* TERM names a terminfo entry; nothing longer or stranger is a terminal. */
#define TERM_MAX 64
#define ENV_VALUE_MAX 256
#define SAFE_PATH "/usr/bin:/bin"

static struct {
	bool elevated;
	bool dropped;       /* the group was given up for good */
	bool group_on;      /* the effective group is the program's */
	int user_depth;     /* priv_user_begin nesting */
	gid_t rgid, egid;
	mode_t user_umask;  /* what the user's shell had */
	char *env_db;       /* $YIGONG_DB as the user set it, or NULL */
	struct yg_conf conf;
} P = { .conf = { .lang = -1 } };

static bool set_group(bool on);

#if defined(__SANITIZE_ADDRESS__)
/* LeakSanitizer cannot stop a process that is not dumpable, and every
 * setgid process is not: its hook says to skip the leak check then (the
 * same code is checked in the unprivileged runs). */
int __lsan_is_turned_off(void);
int __lsan_is_turned_off(void)
{
	return P.elevated;
}
#endif

bool priv_elevated(void)
{
	return P.elevated && !P.dropped;
}

/* Keeps the process out of reach of its user: the kernel resets the flag
 * whenever the effective group changes, so this is called after each. */
static void undumpable(void)
{
	struct rlimit rl = { 0, 0 };

	setrlimit(RLIMIT_CORE, &rl);
	prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
}

static bool value_ok(const char *v, size_t max)
{
	size_t n = strnlen(v, max + 1);

	if (n > max)
		return false;
	for (const unsigned char *p = (const unsigned char *)v; *p; p++)
		if (*p < 0x20 || *p == 0x7f)
			return false;
	return true;
}

static bool term_ok(const char *v)
{
	size_t n = strnlen(v, TERM_MAX + 1);

	if (n == 0 || n > TERM_MAX)
		return false;
	for (const char *p = v; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		      (*p >= '0' && *p <= '9') || *p == '-' || *p == '_' || *p == '.' ||
		      *p == '+'))
			return false;
	return true;
}

static bool digits_ok(const char *v)
{
	size_t n = strlen(v);

	if (n == 0 || n > 5)
		return false;
	return strspn(v, "0123456789") == n;
}

/* A locale or time zone name; a path in it would make glibc read a file of
 * the user's choosing with our rights (it refuses most of that itself). */
static bool name_ok(const char *v)
{
	return value_ok(v, 64) && !strstr(v, "..") && !strchr(v, '/');
}

static bool tz_ok(const char *v)
{
	const char *zi = "/usr/share/zoneinfo/";

	if (!value_ok(v, 64) || strstr(v, ".."))
		return false;
	if (*v == ':')
		v++;
	/* "Asia/Shanghai" and POSIX rules are read below the zoneinfo
	 * directory; an absolute path must lead there too. */
	return *v != '/' || !strncmp(v, zi, strlen(zi));
}

/* Which variables survive, and what they must look like. */
static bool keep_var(const char *name, size_t len, const char *value)
{
	static const struct {
		const char *name;
		bool (*ok)(const char *);
	} keep[] = {
		{ "LANG", name_ok }, { "LANGUAGE", name_ok }, { "TZ", tz_ok },
		{ "NO_COLOR", NULL }, { "COLUMNS", digits_ok }, { "LINES", digits_ok },
		{ "YIGONG_LANG", name_ok },
	};

	if (len > 3 && !strncmp(name, "LC_", 3))
		return name_ok(value);
	for (size_t i = 0; i < sizeof keep / sizeof keep[0]; i++)
		if (strlen(keep[i].name) == len && !strncmp(name, keep[i].name, len))
			return keep[i].ok ? keep[i].ok(value) : value_ok(value, ENV_VALUE_MAX);
	return false;
}

/*
 * HOME goes too: ncurses would read $HOME/.terminfo (it trusts it once the
 * real and effective groups agree, as they do between priv_db_enter calls),
 * and a terminfo file crafted to break its parser is the classic way into
 * a privileged curses program.  Nothing in yigong needs HOME.
 *
 * Rebuilds the environment: TERM checked (refused when unsafe: without it
 * the screens cannot work, and guessing one is worse), the listed variables
 * kept when they look right, PATH fixed, everything else (LD_*, TERMINFO,
 * TMPDIR, YIGONG_DB, YIGONG_CONF ...) gone.
 */
static int sanitise_environment(void)
{
	char **kept = NULL;
	size_t n = 0, cap = 0;
	const char *term = getenv("TERM");
	int rc = EXIT_OK;

	if (term && !term_ok(term)) {
		cmd_error(
			_("the TERM value is unsafe (too long or odd characters); refusing to run"));
		return EXIT_REFUSED;
	}
	for (char **e = environ; e && *e; e++) {
		const char *eq = strchr(*e, '=');

		if (!eq)
			continue;
		if ((eq - *e == 4 && !strncmp(*e, "TERM", 4)) ||
		    keep_var(*e, (size_t)(eq - *e), eq + 1)) {
			if (n + 1 >= cap) {
				char **t = realloc(kept, (cap = cap ? 2 * cap : 16) * sizeof *t);

				if (!t) {
					rc = EXIT_REFUSED;
					break;
				}
				kept = t;
			}
			if (!(kept[n] = strdup(*e))) {
				rc = EXIT_REFUSED;
				break;
			}
			n++;
		}
	}
	if (rc == EXIT_OK && clearenv() != 0)
		rc = EXIT_REFUSED;
	/* putenv keeps the strings: they live as long as the process. */
	for (size_t i = 0; i < n; i++)
		if (rc == EXIT_OK && putenv(kept[i]) != 0)
			rc = EXIT_REFUSED;
	if (rc == EXIT_OK && setenv("PATH", SAFE_PATH, 1) != 0)
		rc = EXIT_REFUSED;
	free(kept);
	if (rc != EXIT_OK)
		cmd_error(_("cannot clean the environment"));
	return rc;
}

/*
 * YIGONG_NOW fixes the program's "now" for a whole run, so that tests live
 * on a stated day.  A clerk who could set it on the county's server would
 * date a late submission on time: when the program runs with a group its
 * user does not have, it is ignored, and said so.
 */
static int take_now(bool elevated)
{
	const char *s = getenv("YIGONG_NOW");
	int64_t t;

	if (!s || !*s)
		return EXIT_OK;
	if (elevated) {
		cmd_error(
			_("YIGONG_NOW ignored: running setgid, the program uses the system clock"));
		return EXIT_OK;
	}
	if (yg_time_parse(s, &t) != YG_OK) {
		cmd_error(_("YIGONG_NOW: %s"), yg_errmsg());
		return EXIT_USAGE;
	}
	yg_clock_set_now(t);
	return EXIT_OK;
}

/* Messages before --lang is read follow $YIGONG_LANG when it is valid. */
static void early_language(void)
{
	const char *l = getenv("YIGONG_LANG");
	int lang = l ? yg_lang_parse(l) : -1;

	if (lang >= 0)
		yg_set_lang((enum yg_lang)lang);
}

int priv_init(void)
{
	const char *conf_path = YG_CONF_PATH, *env;
	bool named = false;
	char *err = NULL;
	int rc;

	P.rgid = getgid();
	P.egid = getegid();
	P.user_umask = umask(007);
	early_language();
	if (getuid() != geteuid()) {
		cmd_error(_("yigong must not be setuid (setgid only); refusing to run"));
		return EXIT_REFUSED;
	}
	P.elevated = P.rgid != P.egid;
	if ((rc = take_now(P.elevated)) != EXIT_OK)
		return rc;
	if (P.elevated) {
		undumpable();
		env = getenv("YIGONG_DB");
		if (env && *env && !(P.env_db = strdup(env)))
			return EXIT_REFUSED;
		if ((rc = sanitise_environment()) != EXIT_OK)
			return rc;
	} else {
		umask(P.user_umask);
		env = getenv("YIGONG_DB");
		if (env && *env)
			P.env_db = strdup(env);
		env = getenv("YIGONG_CONF");
		if (env && *env) {
			conf_path = env;
			named = true;
		}
	}
	/* The fixed file may be absent (defaults apply); one the user named
	 * must be there. */
	if (conf_load(conf_path, !named, P.elevated, &P.conf,
			&err) < 0) {
		cmd_error(_("configuration error: %s"), err ? err : conf_path);
		free(err);
		return EXIT_REFUSED;
	}
	if (P.conf.lang >= 0)
		yg_set_lang((enum yg_lang)P.conf.lang);
	if (P.elevated) {
		/* From here on the user's own rights, until the database. */
		P.group_on = true;
		if (!set_group(false)) {
			cmd_error(_("cannot give up the group's rights"));
			return EXIT_REFUSED;
		}
	}
	return EXIT_OK;
}

/* Switches the effective group; false (nothing changed) on failure. */
static bool set_group(bool on)
{
	if (!P.elevated || P.dropped || P.group_on == on)
		return true;
	/* The real group moves too (the saved one keeps the other): the
	 * core checks the file with access(2), which asks the real IDs. */
	if (on ? setresgid(P.egid, P.egid, P.rgid) : setresgid(P.rgid, P.rgid, P.egid))
		return false;
	P.group_on = on;
	/* The program's files get group rights; the user's get the user's. */
	umask(on ? 007 : P.user_umask);
	undumpable();
	return true;
}

int priv_db_enter(void)
{
	if (!set_group(true)) {
		cmd_error(_("cannot take the database group's rights"));
		return -1;
	}
	return 0;
}

void priv_db_leave(void)
{
	/* Failing to give the group up would leave the user's files to be
	 * opened with it: better to stop. */
	if (!set_group(false)) {
		cmd_error(_("cannot give up the group's rights"));
		_exit(EXIT_REFUSED);
	}
}

int priv_drop(void)
{
	if (!P.elevated || P.dropped)
		return 0;
	if (setresgid(P.rgid, P.rgid, P.rgid) != 0)
		return -1;
	P.dropped = true;
	P.group_on = false;
	umask(P.user_umask);
	undumpable();
	return 0;
}

int priv_user_begin(void)
{
	if (P.user_depth++ == 0 && P.group_on && !set_group(false)) {
		P.user_depth--;
		return -1;
	}
	return 0;
}

void priv_user_end(void)
{
	if (P.user_depth > 0)
		P.user_depth--;
}

int priv_open_user_file(const char *path, int flags, mode_t mode)
{
	int fd, saved;

	if (priv_user_begin() != 0)
		return -1;
	fd = open(path, flags | O_CLOEXEC | O_NOCTTY, mode);
	saved = errno;
	priv_user_end();
	errno = saved;
	return fd;
}

static const char *system_db(void)
{
	return P.conf.db ? P.conf.db : YG_SYSTEM_DB;
}

/* Is login an admin of the system database?  Asked of the database itself,
 * the only authority there is; any failure means no. */
static bool system_admin(const char *login, char **why)
{
	yg_db *db = NULL;
	bool admin = false;
	int rc;

	if (priv_db_enter() != 0)
		return false;
	rc = yg_db_open(system_db(), &db);
	if (rc == YG_OK)
		rc = yg_login(db, login, NULL);
	if (rc == YG_OK)
		admin = yg_actor(db)->role == YG_ROLE_ADMIN;
	else
		*why = yg_strdup(yg_errmsg());
	yg_db_close(db);
	priv_db_leave();
	return admin;
}

/*
 * Before a user's process opens the system database: its three files (the
 * database, -wal, -shm) must be there, regular, of the group, and owned by
 * whoever owns the database (root, doc/deploy.md), never by this user.  A
 * file SQLite created would be the creating user's, who could then chmod
 * it, read other institutions' pages out of it, or reach it again through
 * /proc/self/fd: so the program never lets SQLite create them (init made
 * them, SQLITE_FCNTL_PERSIST_WAL keeps them) and refuses to run when one
 * is missing or someone else's.  root may: what it creates is root's.
 */
static int db_files_check(const char *path)
{
	static const char *const suffix[] = { "", "-wal", "-shm" };
	const struct group *gr = getgrgid(P.egid);
	struct stat sb;
	uid_t owner = 0;
	int rc = EXIT_OK;

	if (getuid() == 0)
		return EXIT_OK;
	if (!set_group(true))
		return EXIT_REFUSED;
	for (size_t i = 0; i < 3 && rc == EXIT_OK; i++) {
		char *p = yg_asprintf("%s%s", path, suffix[i]);

		if (!p) {
			rc = EXIT_REFUSED;
		} else if (lstat(p, &sb) != 0) {
			/* No database at all: the open says so in its own words. */
			if (i == 0) {
				free(p);
				break;
			}
			cmd_error(_("the database file %s is missing;"
				" root can make it: install -m 660 -o root -g %s /dev/null %s"
				" (see doc/deploy.md)"), p, gr && gr->gr_name ? gr->gr_name : "yigong", p);
			rc = EXIT_REFUSED;
		} else if (!S_ISREG(sb.st_mode) || sb.st_uid == getuid() || sb.st_gid != P.egid ||
			   (i > 0 && sb.st_uid != owner)) {
			cmd_error(_("the database file %s has"
				" the wrong owner (it must be the database's, e.g. root and the group, never"
				" a user's); refusing to run: root can fix it as doc/deploy.md says"), p);
			rc = EXIT_REFUSED;
		} else if (i == 0) {
			owner = sb.st_uid;
		}
		free(p);
	}
	if (!set_group(false)) {
		cmd_error(_("cannot give up the group's rights"));
		_exit(EXIT_REFUSED);
	}
	return rc;
}

int priv_db_path(const char *opt_db, const struct cmd_entry *e, const char **path)
{
	const char *chosen = opt_db ? opt_db : P.env_db ? P.env_db : system_db();
	const char *what = opt_db ? "--db" : "YIGONG_DB";
	const struct passwd *pw;
	char *why = NULL;

	*path = chosen;
	if (!priv_elevated())
		return EXIT_OK;
	if (!strcmp(chosen, system_db())) {
		if (e && !strcmp(e->name, "init") && getuid() == 0)
			return EXIT_OK; /* root makes it, root's: doc/deploy.md */
		if (e && !strcmp(e->name, "init")) {
			cmd_error(_("the system database is created by root at installation (see "
				"doc/deploy.md), not through the setgid program"));
			return EXIT_REFUSED;
		}
		return db_files_check(chosen);
	}
	pw = getpwuid(getuid());
	if (!pw || !pw->pw_name || !system_admin(pw->pw_name, &why)) {
		cmd_error(
			_("%s is for admins only: other users work in the system database %s%s%s"),
			what, system_db(), why ? " — " : "", why ? why : "");
		free(why);
		return EXIT_REFUSED;
	}
	/* An admin's other database is theirs: opened with their own rights,
	 * so the group's reach stays exactly the system database. */
	if (priv_drop() != 0) {
		cmd_error(_("cannot give up the group's rights"));
		return EXIT_REFUSED;
	}
	return EXIT_OK;
}

int priv_after_init(const char *db_path, const char *login)
{
	yg_db *db = NULL;
	int rc;

	if (!P.conf.due_day)
		return EXIT_OK;
	/* init runs elevated only after priv_drop: these are the user's rights. */
	rc = yg_db_open(db_path, &db);
	if (rc == YG_OK)
		rc = yg_login(db, login, NULL);
	if (rc == YG_OK)
		rc = yg_setting_set_int(db, YG_SET_DUE_DAY, P.conf.due_day);
	yg_db_close(db);
	return rc == YG_OK ? EXIT_OK : cmd_fail(rc);
}
