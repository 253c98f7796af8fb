/*
 * csv_read.c — the reading both importers share (import, org import):
 * encoding, line numbers, limits, then libcsv.
 *
 *  - Encoding: UTF-8 (a byte-order mark is skipped) or GB18030, what Excel
 *    saves on Chinese Windows.  Asked for AUTO, the whole file decides: it
 *    is UTF-8 when every byte of it is, else it is read as GB18030, and a
 *    byte that is neither is refused with its line.  A stream that cannot
 *    be read twice (a pipe) is copied to an unlinked temporary file while
 *    it is looked at.
 *  - Lines end with LF, CR or CRLF, each counted once, so that every
 *    message names the line a person sees in an editor.  A record is told
 *    with the line it begins at; an unterminated quote with the line the
 *    quoted cell opened at.
 *  - Limits: a cell of more than YG_CSV_CELL_MAX bytes or a record of more
 *    than YG_CSV_RECORD_MAX is refused with its line and skipped to the
 *    line's end before it is held in memory; a line of more than 16 MiB
 *    refuses the whole file: /dev/zero costs a megabyte, not gigabytes.
 */
#include <csv.h>
#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "csv_internal.h"

#define BLOCK (64 * 1024)
/* A line this long is not worth reading on: the file is refused whole. */
#define LINE_HOPELESS (16 * YG_CSV_RECORD_MAX)

/* libcsv's parser states (libcsv.c) */
enum { ROW_NOT_BEGUN = 0, FIELD_NOT_BEGUN = 1 };

struct rd {
	struct yg_csv_read *r;
	struct csv_parser p;
	iconv_t cd;
	char carry[8];        /* an incomplete GB18030 character between blocks */
	size_t ncarry;
	char *conv;
	bool started;         /* the BOM check is done */
	bool cr;              /* the last byte fed was a CR: an LF now ends no line */
	uint64_t field_line;  /* where the cell being read began */
	size_t row_bytes;     /* bytes of the record being read */
	bool skipping;        /* to the end of a line too long to read */
	bool drop_row;        /* a cell of this record was too long: told, dropped */
	int rc;               /* a refusal of the whole file */
};

static void on_cell(void *s, size_t len, void *data)
{
	struct rd *d = data;

	if (len > YG_CSV_CELL_MAX && !d->drop_row) {
		d->r->bad(d->r->arg, d->r->row_line, YG_L(
			"单元格超过 " YG_STR(YG_CSV_CELL_MAX) " 字节,不予读取",
			"a cell is longer than " YG_STR(YG_CSV_CELL_MAX) " bytes; not read"));
		d->drop_row = true;
	}
	if (!d->drop_row)
		d->r->cell(s, len, d->r->arg);
}

static void on_row(int term, void *data)
{
	struct rd *d = data;

	if (d->drop_row)
		d->r->reset(d->r->arg);
	else
		d->r->row(term, d->r->arg);
	d->drop_row = false;
	d->row_bytes = 0;
}

static int parser_init(struct csv_parser *p)
{
	int rc = csv_init(p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL);

	/* libcsv grows a cell's buffer by this much at a time (128 bytes by
	 * default). */
	if (rc == 0)
		csv_set_blk_size(p, 16 * 1024);
	return rc;
}

/* Drops the record being read (told to bad) and skips to the next line,
 * so that later lines are still checked. */
static void drop_record(struct rd *d, uint64_t line, const char *zh, const char *en)
{
	struct yg_csv_read *r = d->r;

	r->bad(r->arg, line, YG_L(zh, en));
	csv_free(&d->p);
	if (parser_init(&d->p) != 0)
		d->rc = yg_fail(YG_ENOMEM, "out of memory");
	d->row_bytes = 0;
	d->drop_row = false;
	r->reset(r->arg);
}

/* Feeds one piece that ends at most at a line's end. */
static void feed_piece(struct rd *d, const char *s, size_t k, bool ends_line)
{
	struct yg_csv_read *r = d->r;

	if (d->skipping) {
		/* the rest of a line too long to read */
		d->skipping = !ends_line;
		if (ends_line)
			r->line++;
		return;
	}
	if (d->p.pstate == ROW_NOT_BEGUN)
		r->row_line = r->line;
	if (d->p.pstate == ROW_NOT_BEGUN || d->p.pstate == FIELD_NOT_BEGUN)
		d->field_line = r->line;
	d->row_bytes += k;
	if (d->row_bytes > YG_CSV_RECORD_MAX) {
		drop_record(d, r->row_line, "记录超过 " YG_STR(YG_CSV_RECORD_MAX) " 字节,不予读取",
			"the record is longer than " YG_STR(YG_CSV_RECORD_MAX) " bytes; not read");
		d->skipping = !ends_line;
	} else if (csv_parse(&d->p, s, k, on_cell, on_row, d) != k) {
		/* Bad quoting: tell the record, then start afresh on the next
		 * line. */
		char *zh = yg_asprintf("CSV 格式错误:%s", csv_strerror(csv_error(&d->p)));
		char *en = yg_asprintf("malformed CSV: %s", csv_strerror(csv_error(&d->p)));
		drop_record(d, r->row_line, zh ? zh : "?", en ? en : "?");
		free(zh);
		free(en);
	} else if (d->p.entry_pos > YG_CSV_CELL_MAX) {
		drop_record(d, d->field_line, "单元格超过 " YG_STR(YG_CSV_CELL_MAX) " 字节,不予读取",
			"a cell is longer than " YG_STR(YG_CSV_CELL_MAX) " bytes; not read");
		d->skipping = !ends_line;
	}
	if (ends_line)
		r->line++;
}

/* Feeds UTF-8 bytes, cut at line ends so that rows know their lines. */
static void feed(struct rd *d, const char *s, size_t n)
{
	if (!d->started && n > 0) {
		d->started = true;
		/* Excel and WPS save "CSV UTF-8" with a byte-order mark. */
		if (n >= 3 && !memcmp(s, "\xEF\xBB\xBF", 3)) {
			s += 3;
			n -= 3;
		}
	}
	while (n > 0 && !d->rc && !d->r->stop) {
		size_t k = 0;
		bool eol = false;

		if (d->cr && s[0] == '\n') {
			/* the LF of a CRLF cut between two blocks */
			d->cr = false;
			k = 1;
		} else {
			while (k < n && s[k] != '\n' && s[k] != '\r')
				k++;
			if (k < n) {
				eol = true;
				if (s[k] == '\r' && k + 1 < n && s[k + 1] == '\n')
					k++;
				d->cr = s[k] == '\r';
				k++;
			} else {
				d->cr = false;
			}
		}
		feed_piece(d, s, k, eol);
		s += k;
		n -= k;
	}
}

static void feed_gb18030(struct rd *d, const char *s, size_t n, bool last)
{
	char *joined = NULL, *in;
	size_t inleft;

	if (d->ncarry) {
		if (!(joined = malloc(d->ncarry + n))) {
			d->rc = yg_fail(YG_ENOMEM, "out of memory");
			return;
		}
		memcpy(joined, d->carry, d->ncarry);
		memcpy(joined + d->ncarry, s, n);
		n += d->ncarry;
		s = joined;
		d->ncarry = 0;
	}
	in = (char *)s;
	inleft = n;
	while (inleft > 0 && !d->rc && !d->r->stop) {
		char *out = d->conv;
		size_t outleft = 2 * BLOCK;
		size_t rc = iconv(d->cd, &in, &inleft, &out, &outleft);
		int err = errno;

		feed(d, d->conv, 2 * BLOCK - outleft);
		if (rc != (size_t)-1 || err == E2BIG)
			continue;
		if (err == EINVAL && !last && inleft < sizeof d->carry) {
			memcpy(d->carry, in, inleft);
			d->ncarry = inleft;
			break;
		}
		d->rc = yg_fail(YG_EINVAL, "line %llu: byte 0x%02X is neither UTF-8 nor GB18030;"
			" the file is refused", (unsigned long long)d->r->line,
			(unsigned)(unsigned char)*in);
	}
	free(joined);
}

/*
 * Looks at the whole of *in for a byte that is not UTF-8; copies a stream
 * that cannot seek into a temporary file (*spool, which *in then is).
 */
static int detect(struct yg_csv_read *r, FILE **in, FILE **spool, enum yg_csv_encoding *enc)
{
	struct stat sb;
	bool seekable = fstat(fileno(*in), &sb) == 0 && S_ISREG(sb.st_mode) &&
		ftello(*in) == 0;
	unsigned char *buf = malloc(BLOCK + 4);
	size_t n, keep = 0, line_len = 0;
	uint64_t line = 1;
	bool utf8 = true, bom_checked = false;

	if (!buf)
		return yg_fail(YG_ENOMEM, "out of memory");
	if (!seekable && !(*spool = tmpfile())) {
		free(buf);
		return yg_fail(YG_ERROR, "cannot make a temporary file: %s",
			strerror(errno));
	}
	while ((n = fread(buf + keep, 1, BLOCK, *in)) > 0) {
		size_t i = 0, end = keep + n;

		if (*spool && fwrite(buf + keep, 1, n, *spool) != n) {
			free(buf);
			return yg_fail(YG_ERROR, "cannot write a temporary file: %s",
				strerror(errno));
		}
		if (!bom_checked && end >= 3) {
			bom_checked = true;
			if (!memcmp(buf, "\xEF\xBB\xBF", 3))
				break; /* the file says it is UTF-8 */
		}
		while (i < end) {
			uint32_t c;
			size_t k;
			if (buf[i] < 0x80) {
				if (buf[i] == '\n' || buf[i] == '\r') {
					line += !(buf[i] == '\n' && i > 0 && buf[i - 1] == '\r');
					line_len = 0;
				} else if (++line_len > LINE_HOPELESS) {
					/* /dev/zero, a disk image: not a CSV file */
					free(buf);
					return yg_fail(YG_EINVAL, "line %llu is longer than %d bytes: this is"
						" not a CSV file; the file is refused",
						(unsigned long long)line, LINE_HOPELESS);
				}
				i++;
				continue;
			}
			k = yg_utf8_decode(buf + i, end - i, &c);
			if (!k && end - i < 4 && !feof(*in)) {
				/* a character cut by the block's end: look again */
				break;
			}
			if (!k) {
				utf8 = false;
				break;
			}
			line_len += k;
			i += k;
		}
		if (!utf8)
			break;
		keep = end - i;
		memmove(buf, buf + i, keep);
	}
	(void)r;
	if (ferror(*in)) {
		free(buf);
		return yg_fail(YG_ERROR, "read failed: %s", strerror(errno));
	}
	/* The rest of a pipe goes to the copy unread. */
	while (*spool && (n = fread(buf, 1, BLOCK, *in)) > 0)
		if (fwrite(buf, 1, n, *spool) != n) {
			free(buf);
			return yg_fail(YG_ERROR,
				"cannot write a temporary file: %s", strerror(errno));
		}
	free(buf);
	if (*spool) {
		if (fflush(*spool) != 0)
			return yg_fail(YG_ERROR,
				"cannot write a temporary file: %s", strerror(errno));
		*in = *spool;
	}
	if (fseeko(*in, 0, SEEK_SET) != 0)
		return yg_fail(YG_ERROR, "cannot read the file again: %s",
			strerror(errno));
	*enc = utf8 ? YG_ENC_UTF8 : YG_ENC_GB18030;
	return YG_OK;
}

int yg_csv_read(struct yg_csv_read *r, FILE *in)
{
	struct rd d = { .r = r, .cd = (iconv_t)-1 };
	enum yg_csv_encoding enc = r->encoding;
	FILE *spool = NULL;
	uint64_t done = 0, total = 0;
	struct stat sb;
	char *buf = NULL;
	size_t n;
	int rc = YG_OK;

	r->line = 1;
	r->row_line = 1;
	if (enc == YG_ENC_UTF8_BOM)
		enc = YG_ENC_UTF8;
	if (enc == YG_ENC_AUTO && (rc = detect(r, &in, &spool, &enc)) != YG_OK)
		goto out;
	r->used = enc;
	if (!(buf = malloc(BLOCK)) || parser_init(&d.p) != 0) {
		free(buf);
		buf = NULL;
		rc = yg_fail(YG_ENOMEM, "out of memory");
		goto out;
	}
	if (enc == YG_ENC_GB18030) {
		d.cd = iconv_open("UTF-8", "GB18030");
		d.conv = malloc(2 * BLOCK);
		if (d.cd == (iconv_t)-1 || !d.conv) {
			rc = yg_fail(YG_ERROR, "this system cannot convert from GB18030 (iconv)");
			goto done;
		}
	}
	if (fstat(fileno(in), &sb) == 0 && S_ISREG(sb.st_mode))
		total = (uint64_t)sb.st_size;
	while (!d.rc && !r->stop && (n = fread(buf, 1, BLOCK, in)) > 0) {
		if (enc == YG_ENC_GB18030)
			feed_gb18030(&d, buf, n, false);
		else
			feed(&d, buf, n);
		done += n;
		if (r->progress && !r->progress(r->progress_arg, done, total))
			d.rc = yg_fail(YG_EINVAL, "import cancelled");
	}
	if (ferror(in) && !d.rc)
		d.rc = yg_fail(YG_ERROR, "read failed: %s", strerror(errno));
	if (!d.rc && !r->stop && d.ncarry)
		feed_gb18030(&d, "", 0, true);
	if (!d.rc && !r->stop && csv_fini(&d.p, on_cell, on_row, &d) != 0) {
		char *zh = yg_asprintf("引号未闭合:第 %llu 行开始的带引号单元格没有结束的引号",
			(unsigned long long)d.field_line);
		char *en = yg_asprintf("unterminated quote: the quoted cell opened on line %llu"
			" never closes", (unsigned long long)d.field_line);
		r->bad(r->arg, d.field_line, YG_L(zh, en) ? YG_L(zh, en) : "?");
		free(zh);
		free(en);
	}
	rc = d.rc;
done:
	csv_free(&d.p);
out:
	if (d.cd != (iconv_t)-1)
		iconv_close(d.cd);
	free(d.conv);
	free(buf);
	if (spool)
		fclose(spool);
	return rc;
}
