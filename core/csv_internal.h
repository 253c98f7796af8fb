/*
 * csv_internal.h — what the CSV files of the core share (csv_*.c,
 * sha256.c); not part of the public API.
 */
#ifndef YG_CSV_INTERNAL_H
#define YG_CSV_INTERNAL_H

#include <iconv.h>
#include <stdint.h>
#include <stdio.h>

#include "internal.h"
#include "yg_csv.h"

/* ---- SHA-256 (sha256.c) ---- */
struct yg_sha256 {
	uint32_t h[8];
	uint64_t len;
	unsigned char buf[64];
	size_t nbuf;
};
void yg_sha256_init(struct yg_sha256 *c);
void yg_sha256_update(struct yg_sha256 *c, const void *data, size_t n);
void yg_sha256_final(struct yg_sha256 *c, unsigned char out[32]);
/* Finishes and writes the digest as 64 hex digits and a NUL. */
void yg_sha256_hex(struct yg_sha256 *c, char out[65]);
/* Tests: true forces the portable code even where the CPU has SHA
 * instructions; false goes back to detecting them. */
void yg_sha256_portable(bool on);

/* ---- the writer (csv_out.c) ----
 * Cells are gathered as UTF-8 in buf, then converted, hashed and written in
 * blocks.  The first failure sticks in rc; later calls do nothing. */
struct yg_csv_out {
	FILE *fp;
	iconv_t cd;            /* (iconv_t)-1 for UTF-8 */
	struct yg_sha256 sha;
	char *buf;
	size_t len, cap;
	char *conv;
	size_t convcap;
	uint64_t bytes;
	int rc;
};
/* fp NULL: the bytes are only counted and hashed (the xlsx data digest). */
int yg_csv_out_open(struct yg_csv_out *o, FILE *fp, enum yg_csv_encoding enc);
/* Flushes, finishes the digest (hex into sha) and frees; returns o->rc. */
int yg_csv_out_close(struct yg_csv_out *o, char sha[65]);
/* Makes room for n more bytes; NULL (and rc set) when out of memory. */
char *yg_csv_out_reserve(struct yg_csv_out *o, size_t n);
/* Text from users or the database: guarded against formulas, quoted by
 * libcsv when RFC 4180 needs it. */
void yg_csv_out_text(struct yg_csv_out *o, const char *s, size_t len);
/* Bytes we formatted ourselves (numbers, periods, times): as they are. */
static inline void yg_csv_out_raw(struct yg_csv_out *o, const char *s, size_t len)
{
	char *p = yg_csv_out_reserve(o, len);
	if (p) {
		__builtin_memcpy(p, s, len);
		o->len += len;
	}
}
/* Ends a row (CRLF, RFC 4180) and writes out a full block. */
void yg_csv_out_eol(struct yg_csv_out *o);
void yg_csv_out_flush(struct yg_csv_out *o);

/* Decimal digits of v into buf (at least 21 bytes); returns the length. */
size_t yg_csv_fmt_i64(char *buf, int64_t v);
/* Fen as yuan with two decimals ("-12.50"); buf at least 24 bytes. */
size_t yg_csv_fmt_fen(char *buf, int64_t fen);

/* ---- the data elements (csv_fields.c) ---- */
struct yg_csv_elem {
	const struct yg_form *form;
	const struct yg_field *field;
	int index;             /* in form->fields */
	char *name;            /* "form.key" */
	size_t name_len;
};
struct yg_csv_elems {
	struct yg_csv_elem *v; /* sorted by name */
	size_t n;
	uint32_t *hash;        /* open addressing over v, index + 1; 0 empty */
	size_t hcap;
};
/* Every field of every registered monthly form (record forms left out). */
int yg_csv_elems_init(struct yg_csv_elems *e);
void yg_csv_elems_free(struct yg_csv_elems *e);
const struct yg_csv_elem *yg_csv_elem_find(const struct yg_csv_elems *e,
	const char *name, size_t len);
/* The element of form and key (both as stored), or NULL. */
const struct yg_csv_elem *yg_csv_elem_find2(const struct yg_csv_elems *e,
	const char *form, size_t flen, const char *key, size_t klen);

/* ---- the wide layout's rows, for a writer besides the CSV (csv_export.c) ----
 * The wide export gathers one row per institution and month; a sink set on
 * the export is handed each row as well (after the CSV got it), so the
 * workbook takes its cells from the same source as the wide CSV. */
struct yg_wide_col {
	const struct yg_form *form;
	int field;                  /* -1: the form's status column; YG_WIDE_EXPL:
	                             * its explanations (说明) of warnings */
};
#define YG_WIDE_EXPL (-2)
struct yg_wide_row {
	const char *code, *name;    /* of the institution */
	yg_period period;
	char *const *cells;         /* ncols: as the CSV has them, unguarded; NULL empty */
	const int64_t *nums;        /* ncols: the stored number of a numeric field */
};
struct yg_wide_sink {
	/* The columns after code, name and month; then each row in order.
	 * Anything but YG_OK stops the export with that error. */
	int (*header)(void *arg, const struct yg_wide_col *cols, size_t ncols);
	int (*row)(void *arg, const struct yg_wide_row *row);
	void *arg;
};

/* ---- the workbook (xlsx_export.c) ----
 * csv_export.c drives it: open, then per form a sheet and a wide pass with
 * yg_xlsx_sink, then finish (or discard on failure). */
struct yg_xlsx;
int yg_xlsx_open(yg_db *db, struct yg_xlsx **out);
/* A new sheet for form; the pass's header call writes its header rows. */
int yg_xlsx_sheet(struct yg_xlsx *x, const struct yg_form *form);
void yg_xlsx_sink(struct yg_xlsx *x, struct yg_wide_sink *sink);
/* Writes the first sheet from opts and st (data_sha256 set), closes the
 * workbook and copies it to out, setting st->bytes and st->sha256 from
 * what was copied; frees x whatever happens. */
int yg_xlsx_finish(struct yg_xlsx *x, const struct yg_export_opts *opts,
	struct yg_export_stats *st, FILE *out);
/* Frees x and removes its files without writing anything out. */
void yg_xlsx_discard(struct yg_xlsx *x);

/* FNV-1a, for the small hash tables of import and export. */
static inline uint64_t yg_csv_hash(const void *p, size_t n)
{
	const unsigned char *s = p;
	uint64_t h = 1469598103934665603ull;
	while (n--) {
		h ^= *s++;
		h *= 1099511628211ull;
	}
	return h;
}

/* The scope of a query: "?N" below binds the actor's unit, NULL for all
 * (the system actor of init). */
#define YG_CSV_SCOPE_CTE(n) \
	"WITH RECURSIVE scope(id) AS (" \
	" SELECT id FROM org_unit WHERE CASE WHEN ?" #n " IS NULL THEN parent_id IS NULL" \
	"  ELSE id = ?" #n " END" \
	" UNION ALL SELECT o.id FROM org_unit o JOIN scope ON o.parent_id = scope.id) "

#endif
