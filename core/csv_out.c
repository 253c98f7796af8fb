/*
 * csv_out.c — the writing side shared by every export: cells into a block
 * buffer, RFC 4180 quoting by libcsv, the formula guard, the encodings, and
 * the SHA-256 of exactly the bytes that reach the file.
 */
#include <csv.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "csv_internal.h"

#define BLOCK (64 * 1024)

static const char *const format_names[] = { "long", "wide", "xlsx" };
static const char *const encoding_names[] = { "utf-8", "utf-8-bom", "gb18030", "auto" };

int yg_csv_format_parse(const char *s)
{
	for (int i = 0; s && i < 3; i++)
		if (strcmp(s, format_names[i]) == 0)
			return i;
	return -1;
}

const char *yg_csv_format_name(enum yg_csv_format f)
{
	return (unsigned)f < 3 ? format_names[f] : "";
}

int yg_csv_encoding_parse(const char *s)
{
	if (s && (strcmp(s, "utf8") == 0 || strcmp(s, "UTF-8") == 0))
		return YG_ENC_UTF8;
	if (s && strcmp(s, "GB18030") == 0)
		return YG_ENC_GB18030;
	for (int i = 0; s && i < 3; i++)
		if (strcmp(s, encoding_names[i]) == 0)
			return i;
	return -1;
}

const char *yg_csv_encoding_name(enum yg_csv_encoding e)
{
	return (unsigned)e < 4 ? encoding_names[e] : "";
}

/* ---- the formula guard ---- */

/* Bytes of the formula character s begins with, 0 when it is none. */
static size_t formula_char(const unsigned char *s, size_t len)
{
	if (len == 0)
		return 0;
	switch (s[0]) {
	case '=': case '+': case '-': case '@': case '\t': case '\r': case '\n':
		return 1;
	}
	/* Full-width ＝ ＋ － ＠ (U+FF1D, U+FF0B, U+FF0D, U+FF20): Excel and WPS
	 * in a Chinese locale start a formula with them as well. */
	if (len >= 3 && s[0] == 0xEF && s[1] == 0xBC &&
	    (s[2] == 0x9D || s[2] == 0x8B || s[2] == 0x8D || s[2] == 0xA0))
		return 3;
	return 0;
}

/* A plain decimal: [+-]digits[.digits]. */
static bool is_number(const char *s, size_t len)
{
	size_t i = 0, d = 0;

	if (i < len && (s[i] == '-' || s[i] == '+'))
		i++;
	for (; i < len && s[i] >= '0' && s[i] <= '9'; i++)
		d++;
	if (d && i < len && s[i] == '.') {
		size_t f = 0;
		for (i++; i < len && s[i] >= '0' && s[i] <= '9'; i++)
			f++;
		if (!f)
			return false;
	}
	return d && i == len;
}

bool yg_csv_needs_guard(const char *s, size_t len)
{
	size_t i = 0;

	while (i < len && s[i] == '\'')
		i++;
	if (!formula_char((const unsigned char *)s + i, len - i))
		return false;
	return !is_number(s, len);
}

size_t yg_csv_guard_len(const char *s, size_t len)
{
	return len > 1 && s[0] == '\'' && yg_csv_needs_guard(s + 1, len - 1) ? 1 : 0;
}

/* ---- numbers ---- */

size_t yg_csv_fmt_i64(char *buf, int64_t v)
{
	char tmp[24];
	size_t n = 0, k = 0;
	uint64_t a = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;

	do {
		tmp[n++] = (char)('0' + a % 10);
		a /= 10;
	} while (a);
	if (v < 0)
		buf[k++] = '-';
	while (n)
		buf[k++] = tmp[--n];
	buf[k] = '\0';
	return k;
}

size_t yg_csv_fmt_fen(char *buf, int64_t fen)
{
	uint64_t a = fen < 0 ? (uint64_t)0 - (uint64_t)fen : (uint64_t)fen;
	size_t k = 0;

	if (fen < 0)
		buf[k++] = '-';
	k += yg_csv_fmt_i64(buf + k, (int64_t)(a / 100));
	buf[k++] = '.';
	buf[k++] = (char)('0' + a % 100 / 10);
	buf[k++] = (char)('0' + a % 10);
	buf[k] = '\0';
	return k;
}

/* ---- the writer ---- */

int yg_csv_out_open(struct yg_csv_out *o, FILE *fp, enum yg_csv_encoding enc)
{
	memset(o, 0, sizeof *o);
	o->fp = fp;
	o->cd = (iconv_t)-1;
	yg_sha256_init(&o->sha);
	if (enc == YG_ENC_GB18030) {
		o->cd = iconv_open("GB18030", "UTF-8");
		if (o->cd == (iconv_t)-1)
			return o->rc = yg_fail(YG_ERROR,
				"this system cannot convert to GB18030 (iconv)");
	} else if (enc != YG_ENC_UTF8 && enc != YG_ENC_UTF8_BOM) {
		return o->rc = yg_fail(YG_EINVAL,
			"the export encoding is utf-8, utf-8-bom or gb18030");
	}
	o->cap = 2 * BLOCK;
	o->buf = malloc(o->cap);
	if (!o->buf)
		return o->rc = yg_fail(YG_ENOMEM, "out of memory");
	/* Excel opens a double-clicked UTF-8 file as the ANSI code page
	 * unless it starts with a byte-order mark. */
	if (enc == YG_ENC_UTF8_BOM)
		yg_csv_out_raw(o, "\xEF\xBB\xBF", 3);
	return YG_OK;
}

char *yg_csv_out_reserve(struct yg_csv_out *o, size_t n)
{
	if (o->rc != YG_OK)
		return NULL;
	if (o->len + n > o->cap) {
		size_t ncap = o->cap;
		while (o->len + n > ncap)
			ncap *= 2;
		char *nb = realloc(o->buf, ncap);
		if (!nb) {
			o->rc = yg_fail(YG_ENOMEM, "out of memory");
			return NULL;
		}
		o->buf = nb;
		o->cap = ncap;
	}
	return o->buf + o->len;
}

static void put(struct yg_csv_out *o, const char *p, size_t n)
{
	if (n == 0 || o->rc != YG_OK)
		return;
	yg_sha256_update(&o->sha, p, n);
	if (o->fp && fwrite(p, 1, n, o->fp) != n)
		o->rc = yg_fail(YG_ERROR, "write failed: %s", strerror(errno));
	o->bytes += n;
}

/* Converts the whole buffer to GB18030; the buffer ends on a character
 * boundary (flushes happen between cells). */
static void put_converted(struct yg_csv_out *o)
{
	char *in = o->buf;
	size_t inleft = o->len;

	if (!o->conv) {
		o->convcap = BLOCK;
		if (!(o->conv = malloc(o->convcap))) {
			o->rc = yg_fail(YG_ENOMEM, "out of memory");
			return;
		}
	}
	while (inleft > 0 && o->rc == YG_OK) {
		char *outp = o->conv;
		size_t outleft = o->convcap;
		size_t r = iconv(o->cd, &in, &inleft, &outp, &outleft);
		int err = errno;

		put(o, o->conv, o->convcap - outleft);
		if (r != (size_t)-1 || err == E2BIG)
			continue;
		/* GB18030 maps all of Unicode, so only text that is not valid
		 * UTF-8 can land here. */
		if (err == EILSEQ || err == EINVAL)
			o->rc = yg_fail(YG_EINVAL,
				"the text at byte %zu is not valid UTF-8 and cannot be converted to GB18030",
				(size_t)(in - o->buf));
		else
			o->rc = yg_fail(YG_ERROR, "conversion failed: %s",
				strerror(err));
	}
}

void yg_csv_out_flush(struct yg_csv_out *o)
{
	if (o->rc != YG_OK || o->len == 0)
		return;
	if (o->cd == (iconv_t)-1)
		put(o, o->buf, o->len);
	else
		put_converted(o);
	o->len = 0;
}

void yg_csv_out_eol(struct yg_csv_out *o)
{
	yg_csv_out_raw(o, "\r\n", 2);
	if (o->len >= BLOCK)
		yg_csv_out_flush(o);
}

void yg_csv_out_text(struct yg_csv_out *o, const char *s, size_t len)
{
	bool guard = yg_csv_needs_guard(s, len);
	bool quote = len > 0 && (s[0] == ' ' || s[0] == '\t' || s[len - 1] == ' ' ||
		s[len - 1] == '\t');
	char *p;

	for (size_t i = 0; !quote && i < len; i++)
		quote = s[i] == ',' || s[i] == '"' || s[i] == '\r' || s[i] == '\n';
	if (!guard && !quote) {
		yg_csv_out_raw(o, s, len);
		return;
	}
	if (guard) {
		/* csv_write takes one source: guard through a scratch copy. */
		char *t = malloc(len + 1);
		if (!t) {
			o->rc = yg_fail(YG_ENOMEM, "out of memory");
			return;
		}
		t[0] = '\'';
		memcpy(t + 1, s, len);
		if (!quote) {
			yg_csv_out_raw(o, t, len + 1);
		} else if ((p = yg_csv_out_reserve(o, 2 * (len + 1) + 2))) {
			o->len += csv_write(p, 2 * (len + 1) + 2, t, len + 1);
		}
		free(t);
		return;
	}
	if ((p = yg_csv_out_reserve(o, 2 * len + 2)))
		o->len += csv_write(p, 2 * len + 2, s, len);
}

int yg_csv_out_close(struct yg_csv_out *o, char sha[65])
{
	yg_csv_out_flush(o);
	if (o->rc == YG_OK && o->fp && fflush(o->fp) != 0)
		o->rc = yg_fail(YG_ERROR, "write failed: %s", strerror(errno));
	yg_sha256_hex(&o->sha, sha);
	if (o->cd != (iconv_t)-1)
		iconv_close(o->cd);
	free(o->buf);
	free(o->conv);
	o->buf = o->conv = NULL;
	return o->rc;
}
