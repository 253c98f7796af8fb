/*
 * yg_csv.h — CSV returns upward (export), consolidation import, backups.
 *
 * The second public header of libyigong (DESIGN §6).  Like yigong.h: no
 * curses, no printing, no exits; failures come back as YG_E* codes with a
 * message in yg_errmsg().  Scope and role are checked here, in the core.
 *
 * Decisions the files rely on
 *  - Quoting is RFC 4180 through libcsv's csv_write(): a cell is quoted when
 *    it holds a comma, a quote, CR or LF, or begins or ends with a blank
 *    (libcsv trims unquoted blanks on reading); numbers, periods and times
 *    that we format ourselves go out bare.
 *  - Formula injection: a text cell that is not a number and begins with
 *    = + - @ TAB CR LF, or with the full-width ＝ ＋ － ＠ an input method
 *    types (Excel and WPS treat those as formulas too), or with ' followed by
 *    any of these, gets one leading ' .  Import strips one leading ' when
 *    what follows it is such a guarded text, so export → import gives back
 *    the text exactly (a text that really begins with '= survives: it goes
 *    out as ''= and comes back as '=).  Numbers, negative ones included,
 *    are never touched.
 *  - Long-format columns we fill: storedby is the login that entered the
 *    value (value_note; the return's last updater for values older than
 *    schema 4), lastupdated the return's time with offset, comment the
 *    clerk's explanation (说明) of the warning the value raised, followup
 *    true for a value that raised a warning or an outlier, deleted false.
 *    Import keeps storedby, comment and followup per value (an export of
 *    what it imported gives them back unchanged), accepts followup true or
 *    false, and refuses deleted true (an import never deletes values) and
 *    non-empty category or attribute option combos.  The wide format has
 *    an explanations column after each form's fields ("S5: text; ...").
 *  - A medical community's own figures (yg_community_figure: DESIGN §3.5
 *    sentdown.tertiary_experts_resident) follow the institutions' rows in
 *    the long format, one row per community and month, with an empty status
 *    (they belong to no return); import stores them per community and
 *    month, and they are what T4 reads in a database that holds them.
 *  - Encodings: UTF-8 (default), UTF-8 with a byte-order mark, GB18030
 *    through iconv.  Import reads UTF-8 with or without a BOM, and GB18030
 *    when asked or when the file as a whole is not UTF-8 (yg_csv_read).
 */
#ifndef YG_CSV_H
#define YG_CSV_H

#include <stdint.h>
#include <stdio.h>

#include "yigong.h"

enum yg_csv_format {
	YG_CSV_LONG,  /* one value a row, DHIS2's columns first (the default) */
	YG_CSV_WIDE,  /* one row per institution and month, or per record */
	YG_CSV_XLSX,  /* the wide layout as a workbook, one sheet per form */
};

enum yg_csv_encoding {
	YG_ENC_UTF8,
	YG_ENC_UTF8_BOM,
	YG_ENC_GB18030,
	YG_ENC_AUTO,  /* import only: UTF-8 unless the start says GB18030 */
};

/* "long"/"wide"/"xlsx", "utf-8"/"utf-8-bom"/"gb18030"; -1 when unknown. */
int yg_csv_format_parse(const char *s);
const char *yg_csv_format_name(enum yg_csv_format f);
int yg_csv_encoding_parse(const char *s);
const char *yg_csv_encoding_name(enum yg_csv_encoding e);

/*
 * Progress of a long run, for a screen's progress bar: called about every
 * 4096 rows and once at the end with done == total.  total is an estimate
 * made before the first row (values in the selection); 0 when unknown.
 * Returning false cancels the export (YG_EINVAL "cancelled").
 */
typedef bool (*yg_csv_progress)(void *arg, uint64_t done, uint64_t total);

struct yg_export_opts {
	yg_period from, to;               /* inclusive; to 0 means from */
	enum yg_csv_format format;
	const char *form;                 /* a form key, or NULL for every form */
	enum yg_csv_encoding encoding;    /* not AUTO */
	bool include_unapproved;          /* else approved returns only */
	yg_csv_progress progress;         /* may be NULL */
	void *progress_arg;
};

/* What an export wrote: the manifest's content. */
struct yg_export_stats {
	uint64_t rows;                    /* data rows, header not counted */
	uint64_t bytes;                   /* as written, after encoding */
	uint64_t institutions;            /* distinct units in the rows */
	uint64_t periods;                 /* distinct months in the rows */
	char sha256[65];                  /* of the bytes written, hex */
	/* xlsx: the SHA-256 of the sheets' data, which the workbook's first
	 * sheet carries too (it cannot carry the file's own): the bytes that
	 * `export --format wide --form KEY` (UTF-8) writes for each form sheet,
	 * one after the other in sheet order.  Empty for CSV. */
	char data_sha256[65];
};

/*
 * Writes the selection to out, streaming: one statement steps rows straight
 * into the writer, so memory stays flat whatever the size.  Reviewer or
 * admin; only units within the actor's scope.  Long format: monthly forms
 * only (record forms are refused); wide format with a record form
 * ("posting", "referral") writes its records, one row per record, active in
 * (postings) or dated in (referrals) the months.  Headers of the wide
 * format are in the current language.  On failure part of the file may have
 * been written: the caller removes it.
 * The xlsx format (monthly forms only; the encoding is not used) writes a
 * workbook: a first sheet saying what the file holds, then one sheet per
 * form in the wide layout with typed cells (xlsx_export.c).  It is built
 * in constant memory in a private temporary directory, then copied to out.
 */
int yg_export(yg_db *db, const struct yg_export_opts *opts, FILE *out,
	struct yg_export_stats *stats);

/*
 * Writes the manifest describing an export of path: rows, periods,
 * institutions, SHA-256, format, encoding, when and by whom (UTF-8,
 * "key: value" lines).  manifest_path is usually path + ".manifest".
 * Written through a temporary beside it, like yg_export_file.
 */
int yg_export_manifest(yg_db *db, const char *manifest_path, const char *path,
	const struct yg_export_opts *opts, const struct yg_export_stats *stats);

/*
 * Exports to the file path with its manifest beside it (path.manifest),
 * safely: each is written to a temporary that mkstemp makes in path's
 * directory (O_EXCL: a symlink planted there is never followed), and both
 * are renamed into place only when both are complete.  On any failure or a
 * cancel nothing is left behind, and a file that was at path before stays
 * as it was.  (Should the CSV's rename fail after the manifest's, the new
 * manifest is removed: never one without the other.)  What the command
 * line and the screens both call.
 */
int yg_export_file(yg_db *db, const struct yg_export_opts *opts, const char *path,
	struct yg_export_stats *stats);
/*
 * The file name an export in format goes to when path was offered: a name
 * ending in .csv becomes .xlsx for a workbook; otherwise path itself.
 * Newly allocated (the caller frees it); NULL when out of memory.
 */
char *yg_export_file_name(const char *path, enum yg_csv_format format);

/* One refused line of an import, told as it is found (line 0: the file). */
typedef void (*yg_import_problem)(void *arg, uint64_t line, const char *msg);

struct yg_import_opts {
	bool dry_run;                     /* check everything, write nothing */
	enum yg_csv_encoding encoding;    /* AUTO, UTF8 or GB18030 */
	const char *source;               /* the file's name, for the audit trail */
	yg_import_problem problem;        /* may be NULL */
	void *problem_arg;
	yg_csv_progress progress;         /* total: bytes of input (0 if unknown) */
	void *progress_arg;
};

struct yg_import_stats {
	uint64_t lines;                   /* data rows read */
	uint64_t imported;                /* values new to the database */
	uint64_t updated;                 /* values that changed */
	uint64_t unchanged;               /* values already as the file says */
	uint64_t rejected;                /* lines refused */
	uint64_t submissions;             /* returns created */
	char *unknown_orgs;               /* "A, B, C" when units were unknown; caller frees */
};

/*
 * Loads a long-format file: every line is checked (known data element of a
 * monthly form, unit known and within the actor's scope and filing that
 * form, period, value by the field's own parser, status, duplicates), and
 * the whole file is applied in one transaction or not at all.  Reviewer or
 * admin.  A return the database lacks is created in the state the status
 * column gives (approved when the column is absent or empty), with the
 * file's storedby and lastupdated, and one audit row naming the file and the
 * line its values start at; in a return that existed, each value that
 * differs is written and audited one audit row each (old → new), the
 * version moves, and a non-empty status column sets the state (audited).
 * Values already equal change nothing, so importing a file twice changes
 * nothing the second time.  Values the file does not mention are kept.
 * Returns YG_EINVAL when any line was refused (stats->rejected > 0; every
 * line went to opts->problem); the database is then untouched.
 */
int yg_import(yg_db *db, FILE *in, const struct yg_import_opts *opts,
	struct yg_import_stats *stats);
void yg_import_stats_clear(struct yg_import_stats *stats);

/*
 * org import: adds or updates org units from a CSV file whose header names
 * code,name,kind,tier,parent and optionally key_central, lead, supporting
 * (org_import.c).  Every line is checked on its own, then the tree as the
 * file leaves it; a file may list children before their parents.  All or
 * nothing: the problems go to opts->problem in line order once the whole
 * file is judged, and YG_EINVAL comes back with stats->rejected > 0 (the
 * lines refused) and the database untouched.  After
 * YG_ORG_IMPORT_MAX_PROBLEMS problems the rest of the file is not read
 * (stats->stopped).  Admin.  opts->dry_run checks and keeps nothing.
 */
#define YG_ORG_IMPORT_MAX_PROBLEMS 50
struct yg_org_import_stats {
	size_t imported, updated, unchanged, rejected;
	bool stopped;
};
int yg_org_import(yg_db *db, FILE *in, const struct yg_import_opts *opts,
	struct yg_org_import_stats *stats);

/* The tree of units in the actor's scope, in tree order, as org import
 * reads it: code,name,kind,tier,parent,key_central,lead,supporting,opened,
 * closed (months YYYY-MM; closed empty while open).  UTF-8, text cells
 * guarded against formulas.  stats: rows, bytes, institutions, sha256. */
int yg_org_export(yg_db *db, FILE *out, struct yg_export_stats *stats);

/*
 * A bundle (bundle.c): what a county (or a prefecture) sends to the level
 * above in one piece, a directory holding its org file (yg_org_export), its
 * returns (yg_export, long format, UTF-8) and a manifest naming both with
 * their SHA-256.  The actor's scope must be a whole level (a county or a
 * prefecture).  Each file is written through a temporary and renamed into
 * place when all are complete, the manifest last.
 */
#define YG_BUNDLE_ORG "org.csv"
#define YG_BUNDLE_RETURNS "returns.csv"
#define YG_BUNDLE_MANIFEST "manifest"
struct yg_bundle_stats {
	struct yg_export_stats org, returns;
};
int yg_bundle_export(yg_db *db, const struct yg_export_opts *opts, const char *dir,
	struct yg_bundle_stats *stats);

/*
 * Takes a bundle in: the manifest's SHA-256 of each file is checked before
 * anything is written (YG_EINVAL names the file when one does not match),
 * then the org file (yg_org_import: at a prefecture or province the
 * county's tree goes under the root, and a unit of another county's is
 * refused naming both lines) and the returns (yg_import), in one
 * transaction: all or nothing.  Sending the same bundle twice changes
 * nothing the second time.  Problems are told with the file's path.
 */
typedef void (*yg_bundle_problem)(void *arg, const char *path, uint64_t line, const char *msg);
struct yg_bundle_import_opts {
	bool dry_run;
	yg_bundle_problem problem;        /* may be NULL */
	void *problem_arg;
};
struct yg_bundle_import_stats {
	struct yg_org_import_stats org;
	struct yg_import_stats returns;
};
int yg_bundle_import(yg_db *db, const char *dir, const struct yg_bundle_import_opts *opts,
	struct yg_bundle_import_stats *stats);

/*
 * A roster (a record form: "posting", "referral") as a spreadsheet keeps it:
 * a header of the form's field keys, then one record a line, every record
 * held within the actor's scope, values as import reads them (choices by
 * their value, dates YYYY-MM-DD, yes/no 1/0, amounts in yuan), text cells
 * guarded against formulas.  UTF-8.
 */
int yg_records_export(yg_db *db, const struct yg_form *form, FILE *out,
	struct yg_export_stats *stats);
/*
 * The same into the file path, through a temporary that mkstemp makes
 * beside it, renamed into place when complete; on failure nothing is left
 * behind and a file that was at path stays as it was.  What `records
 * export -o` calls.
 */
int yg_records_export_file(yg_db *db, const struct yg_form *form, const char *path,
	struct yg_export_stats *stats);
/*
 * Loads such a file (UTF-8 with or without a BOM, or GB18030): the form is
 * the one whose fields the header names; each line is parsed by the
 * fields' own parsers and saved through yg_record_save (every rule and the
 * actor's scope checked), a line naming a stored record (the form's
 * identity fields) updating it, one that says what is stored changing
 * nothing.  All or nothing: YG_EINVAL when any line was refused (each one
 * told to opts->problem with its line number, stats->rejected counting
 * them), and the database untouched.  opts->dry_run checks and keeps
 * nothing; encoding, source and progress are not used.
 */
int yg_records_import(yg_db *db, FILE *in, const struct yg_import_opts *opts,
	struct yg_import_stats *stats);

/*
 * A consistent copy of the live database at path (sqlite3_backup_*), which
 * must not exist yet; written group-readable and -writable like a database
 * init creates, through a temporary beside it: a failure leaves no file
 * and no -journal.  An admin scoped to the county.
 */
int yg_backup(yg_db *db, const char *path);

/* ---------------------------------------------------------------------------
 * The cell rules, public so that tests and other writers share them.
 */
/* Does text need the formula guard (a leading ')? */
bool yg_csv_needs_guard(const char *s, size_t len);
/* Length of the guard to strip from an imported cell: 1 or 0. */
size_t yg_csv_guard_len(const char *s, size_t len);

/* ---------------------------------------------------------------------------
 * Reading a CSV file: what both importers (import, org import) share
 * (csv_read.c).  UTF-8 (BOM allowed) or GB18030, chosen from the whole
 * file when AUTO; lines ending in LF, CR or CRLF; bounded cells and records.
 */
#define YG_CSV_CELL_MAX 65536       /* bytes of one cell */
#define YG_CSV_RECORD_MAX 1048576   /* bytes of one record */

struct yg_csv_read {
	/* set by the caller */
	enum yg_csv_encoding encoding;    /* AUTO, UTF8 or GB18030 */
	void (*cell)(void *s, size_t len, void *arg);  /* as libcsv's */
	void (*row)(int term, void *arg);
	/* A malformed record (bad quoting), with its line; reading goes on
	 * at the next line, after reset has dropped the cells seen so far. */
	void (*bad)(void *arg, uint64_t line, const char *msg);
	void (*reset)(void *arg);
	void *arg;
	yg_csv_progress progress;         /* total: the file's size (0 if unknown) */
	void *progress_arg;
	bool stop;                        /* a callback sets it to stop reading */
	/* read by the callbacks */
	uint64_t line;                    /* the physical line being read, from 1 */
	uint64_t row_line;                /* the line the current record began on */
	enum yg_csv_encoding used;        /* UTF8 or GB18030, once decided */
};
/*
 * Reads the whole of in through the callbacks.  YG_OK when the file was
 * read (malformed records went to bad); YG_EINVAL when the file is refused
 * as a whole (neither UTF-8 nor GB18030, a cell or record over the limits:
 * the message names the line), YG_ERROR when reading failed.
 */
int yg_csv_read(struct yg_csv_read *r, FILE *in);

#endif /* YG_CSV_H */
