/*
 * cmd-org.c — yigong org list / org import: the tree of units.
 */
#include "config.h"

#include <csv.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cmd.h"
#include "cmdopt.h"

extern const struct cmd_entry cmd_org_list_entry;
extern const struct cmd_entry cmd_org_import_entry;

static const char *const org_list_columns[] = { "code", "name", "kind", "tier", "parent",
	NULL };

static int org_list_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = { CMD_LISTING_OPTIONS, { 0 } };
	struct cmd_listing l = { .e = &cmd_org_list_entry };
	struct yg_org *v = NULL;
	size_t n = 0;
	int c, rc;

	while ((c = cmd_getopt(&cmd_org_list_entry, argc, argv, opts)) != -1)
		if (!cmd_listing_opt(&l, c))
			return EXIT_USAGE;
	if (!cmd_positionals(&cmd_org_list_entry, argc, argv, 0, 0))
		return EXIT_USAGE;
	rc = yg_org_list(ctx->db, &v, &n);
	if (rc != YG_OK)
		return cmd_fail(rc);
	cmd_listing_header(&l);
	for (size_t i = 0; i < n; i++) {
		cmd_put_field(v[i].code);
		putchar('\t');
		cmd_put_field(v[i].name);
		printf("\t%s\t%s\t", yg_kind_name(v[i].kind), yg_tier_name(v[i].tier));
		cmd_put_field(v[i].parent_code);
		putchar('\n');
	}
	yg_org_list_free(v, n);
	cmd_summary(&l, "%llu 个单位%.0s", "%llu %s", (unsigned long long)n,
		cmd_noun(n, "unit", "units"));
	return EXIT_OK;
}

/* ------------------------------------------------------------------------
 * org import
 */

enum col { C_CODE, C_NAME, C_KIND, C_TIER, C_PARENT, C_KEY_CENTRAL, C_COUNT };
static const char *const col_name[C_COUNT] = {
	"code", "name", "kind", "tier", "parent", "key_central",
};

struct row {
	int line;              /* where the record starts in the file */
	char *f[C_COUNT];
	struct yg_org org;     /* borrowed strings from f */
	enum { R_PENDING, R_DONE, R_BAD } st;
};

struct problem {
	int line;
	char *msg;
};

struct import {
	/* what the parser is doing */
	int line;              /* physical line being fed */
	int row_nl;            /* newlines inside the current record's fields */
	char **cells;
	size_t ncells, capcells;
	bool oom;
	/* what it found */
	int col[C_COUNT];      /* column of each field; -1 if absent */
	size_t ncols;
	bool have_header;
	bool header_bad;
	struct row *rows;
	size_t nrows, caprows;
	struct problem *probs;
	size_t nprobs, capprobs;
};

/* Doubles *cap when full; false when out of memory. */
static bool grow(void **v, size_t *cap, size_t size)
{
	size_t ncap = *cap ? *cap * 2 : 16;
	void *nv = realloc(*v, ncap * size);

	if (!nv)
		return false;
	*v = nv;
	*cap = ncap;
	return true;
}

static void problem(struct import *im, int line, const char *zh_fmt, const char *en_fmt, ...)
	__attribute__((format(printf, 3, 0), format(printf, 4, 5)));

static void problem(struct import *im, int line, const char *zh_fmt, const char *en_fmt, ...)
{
	va_list ap;
	char *msg;

	va_start(ap, en_fmt);
	msg = yg_vasprintf(YG_L(zh_fmt, en_fmt), ap);
	va_end(ap);
	if (!msg || (im->nprobs == im->capprobs &&
			!grow((void **)&im->probs, &im->capprobs, sizeof *im->probs))) {
		free(msg);
		im->oom = true;
		return;
	}
	im->probs[im->nprobs++] = (struct problem){ line, msg };
}

static void on_cell(void *s, size_t len, void *data)
{
	struct import *im = data;
	char *cell = malloc(len + 1);

	if (!cell || (im->ncells == im->capcells &&
			!grow((void **)&im->cells, &im->capcells, sizeof *im->cells))) {
		free(cell);
		im->oom = true;
		return;
	}
	if (len)
		memcpy(cell, s, len);
	cell[len] = '\0';
	for (size_t i = 0; i < len; i++)
		if (cell[i] == '\n')
			im->row_nl++;
	im->cells[im->ncells++] = cell;
}

static void free_cells(struct import *im)
{
	for (size_t i = 0; i < im->ncells; i++)
		free(im->cells[i]);
	im->ncells = 0;
}

static void take_header(struct import *im, int line)
{
	for (int c = 0; c < C_COUNT; c++)
		im->col[c] = -1;
	im->ncols = im->ncells;
	for (size_t i = 0; i < im->ncells; i++) {
		const char *h = im->cells[i];
		int c;

		for (c = 0; c < C_COUNT; c++)
			if (!strcasecmp(h, col_name[c]))
				break;
		if (c == C_COUNT) {
			problem(im, line,
				"表头第 %zu 列 '%s' 不认识 (应为 code,name,kind,tier,parent[,key_central])",
				"header column %zu '%s' is unknown "
				"(expected code,name,kind,tier,parent[,key_central])", i + 1, h);
			im->header_bad = true;
		} else if (im->col[c] >= 0) {
			problem(im, line, "表头的 '%s' 列出现两次", "header names '%s' twice", h);
			im->header_bad = true;
		} else {
			im->col[c] = (int)i;
		}
	}
	for (int c = 0; c < C_KEY_CENTRAL; c++) {
		if (im->col[c] < 0) {
			problem(im, line, "表头缺少 '%s' 列", "the header lacks the column '%s'",
				col_name[c]);
			im->header_bad = true;
		}
	}
}

/* Checks what one line says on its own; the tree is checked later. */
static bool check_row(struct import *im, struct row *r)
{
	const char *code = r->f[C_CODE], *kc = r->f[C_KEY_CENTRAL];
	int kind = yg_kind_parse(r->f[C_KIND]);
	int tier = yg_tier_parse(r->f[C_TIER]);
	bool ok = true;

	if (!code[0]) {
		problem(im, r->line, "code 为空", "code is empty");
		ok = false;
	}
	for (const char *p = code; *p && ok; p++) {
		if (*p <= ' ' || *p >= 0x7f) {
			problem(im, r->line, "code '%s' 只能用 ASCII 字母、数字和符号, 不含空格",
				"code '%s' may hold ASCII letters, digits and marks, no spaces",
				code);
			ok = false;
		}
	}
	if (!r->f[C_NAME][0]) {
		problem(im, r->line, "name 为空", "name is empty");
		ok = false;
	}
	/* Names go into tab-separated lists and one-line screens. */
	for (const char *p = r->f[C_NAME]; *p; p++) {
		if ((unsigned char)*p < ' ' || *p == 0x7f) {
			problem(im, r->line, "name 含换行、制表符等控制字符",
				"name holds a line break, tab or other control character");
			ok = false;
			break;
		}
	}
	if (kind < 0) {
		problem(im, r->line,
			"kind '%s' 不认识 (county, community, hospital, township, community_centre, "
			"village)", "kind '%s' is unknown (county, community, hospital, township, "
			"community_centre, village)", r->f[C_KIND]);
		ok = false;
	}
	if (tier < 0) {
		problem(im, r->line, "tier '%s' 不认识 (primary, secondary, tertiary 或留空)",
			"tier '%s' is unknown (primary, secondary, tertiary or empty)",
			r->f[C_TIER]);
		ok = false;
	}
	if (kc && kc[0] && strcmp(kc, "0") && strcmp(kc, "1")) {
		problem(im, r->line, "key_central '%s' 应为 0 或 1",
			"key_central '%s' must be 0 or 1", kc);
		ok = false;
	}
	if (ok && !strcmp(code, r->f[C_PARENT])) {
		problem(im, r->line, "单位 %s 不能是自己的上级", "unit %s cannot be its own parent", code);
		ok = false;
	}
	for (size_t i = 0; ok && i + 1 < im->nrows; i++) {
		if (!strcmp(im->rows[i].f[C_CODE], code)) {
			problem(im, r->line, "code %s 已在第 %d 行出现",
				"code %s already appears on line %d", code, im->rows[i].line);
			ok = false;
		}
	}
	r->org.code = r->f[C_CODE];
	r->org.name = r->f[C_NAME];
	r->org.kind = kind < 0 ? YG_KIND_COUNTY : (enum yg_kind)kind;
	r->org.tier = tier < 0 ? YG_TIER_NONE : (enum yg_tier)tier;
	r->org.parent_code = r->f[C_PARENT][0] ? r->f[C_PARENT] : NULL;
	r->org.key_central = kc && !strcmp(kc, "1");
	return ok;
}

static void on_row(int term, void *data)
{
	struct import *im = data;
	int line = im->line - im->row_nl;
	struct row *r;

	(void)term;
	im->row_nl = 0;
	if (im->oom)
		goto out;
	if (!im->have_header) {
		im->have_header = true;
		take_header(im, line);
		goto out;
	}
	if (im->header_bad)
		goto out;
	if (im->nrows == im->caprows && !grow((void **)&im->rows, &im->caprows, sizeof *im->rows)) {
		im->oom = true;
		goto out;
	}
	r = &im->rows[im->nrows++];
	*r = (struct row){ .line = line };
	if (im->ncells != im->ncols) {
		problem(im, line, "应有 %zu 个字段, 实有 %zu 个", "expected %zu fields, found %zu",
			im->ncols, im->ncells);
		r->st = R_BAD;
		for (int c = 0; c < C_COUNT; c++)
			r->f[c] = yg_strdup("");
		goto out;
	}
	for (int c = 0; c < C_COUNT; c++) {
		r->f[c] = im->col[c] < 0 ? NULL : im->cells[im->col[c]];
		if (im->col[c] >= 0)
			im->cells[im->col[c]] = NULL;
	}
	r->st = check_row(im, r) ? R_PENDING : R_BAD;
out:
	free_cells(im);
}

/* Reads the whole file through libcsv; false if it could not be read. */
static bool read_csv(struct import *im, FILE *fp, const char *path)
{
	struct csv_parser p;
	char *buf = NULL;
	size_t cap = 0;
	ssize_t len;
	bool ok = true;

	if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0) {
		im->oom = true;
		return false;
	}
	while ((len = getline(&buf, &cap, fp)) > 0) {
		const char *s = buf;

		im->line++;
		/* Excel and WPS save "CSV UTF-8" with a byte-order mark. */
		if (im->line == 1 && len >= 3 && !memcmp(s, "\xef\xbb\xbf", 3)) {
			s += 3;
			len -= 3;
		}
		if (csv_parse(&p, s, (size_t)len, on_cell, on_row, im) != (size_t)len) {
			problem(im, im->line, "CSV 格式错误: %s", "malformed CSV: %s",
				csv_strerror(csv_error(&p)));
			ok = false;
			break;
		}
	}
	if (ferror(fp)) {
		cmd_error("读取 %s 失败: %s", "cannot read %s: %s", path, strerror(errno));
		ok = false;
	} else if (ok && csv_fini(&p, on_cell, on_row, im) != 0) {
		problem(im, im->line, "CSV 格式错误: %s", "malformed CSV: %s",
			csv_strerror(csv_error(&p)));
		ok = false;
	}
	csv_free(&p);
	free(buf);
	free_cells(im);
	return ok;
}

static struct row *row_with_code(struct import *im, const char *code)
{
	for (size_t i = 0; i < im->nrows; i++)
		if (im->rows[i].f[C_CODE] && !strcmp(im->rows[i].f[C_CODE], code))
			return &im->rows[i];
	return NULL;
}

struct counts {
	size_t imported, updated, unchanged, rejected;
};

/* Writes one line whose parent is in place.  YG_EPERM stops the import. */
static int put_row(yg_db *db, struct import *im, struct row *r, struct counts *n)
{
	struct yg_org old = { 0 }, parent = { 0 };
	bool changed = false, exists;
	int rc;

	exists = yg_org_get(db, r->org.code, &old) == YG_OK;
	if (exists && !r->f[C_KEY_CENTRAL])
		r->org.key_central = old.key_central; /* the file does not say */
	r->org.closed = exists && old.closed;
	r->org.id = exists ? old.id : 0;
	r->org.parent_id = 0;
	if (r->org.parent_code && yg_org_get(db, r->org.parent_code, &parent) == YG_OK)
		r->org.parent_id = parent.id;
	yg_org_clear(&parent);
	yg_org_clear(&old);
	rc = yg_org_put(db, &r->org, &changed);
	if (rc == YG_EPERM)
		return rc;
	if (rc != YG_OK) {
		problem(im, r->line, "%s", "%s", yg_errmsg());
		r->st = R_BAD;
		return YG_OK;
	}
	r->st = R_DONE;
	if (!exists)
		n->imported++;
	else if (changed)
		n->updated++;
	else
		n->unchanged++;
	return YG_OK;
}

/*
 * Puts every good line, parents first: a line waits until its parent is in
 * the database, so a file may list children before their parents.
 */
static int put_rows(yg_db *db, struct import *im, struct counts *n)
{
	bool progress = true;

	while (progress) {
		progress = false;
		for (size_t i = 0; i < im->nrows; i++) {
			struct row *r = &im->rows[i];
			struct row *pr;
			struct yg_org parent = { 0 };
			bool ready;
			int rc;

			if (r->st != R_PENDING)
				continue;
			pr = r->org.parent_code ? row_with_code(im, r->org.parent_code) : NULL;
			ready = !r->org.parent_code || (pr && pr->st == R_DONE);
			if (!ready && !pr) {
				ready = yg_org_get(db, r->org.parent_code, &parent) == YG_OK;
				yg_org_clear(&parent);
				if (!ready) {
					problem(im, r->line, "上级单位 %s 不存在",
						"parent unit %s does not exist",
						r->org.parent_code);
					r->st = R_BAD;
					progress = true;
					continue;
				}
			}
			if (!ready)
				continue;
			rc = put_row(db, im, r, n);
			if (rc != YG_OK)
				return rc;
			progress = true;
		}
	}
	/* What still waits has a parent that was refused, or a cycle. */
	for (size_t i = 0; i < im->nrows; i++) {
		struct row *r = &im->rows[i];
		struct row *pr;

		if (r->st != R_PENDING)
			continue;
		pr = row_with_code(im, r->org.parent_code);
		if (pr && pr->st == R_BAD)
			problem(im, r->line, "上级单位 %s (第 %d 行) 被拒绝", "parent unit %s (line %d) "
				"was rejected", r->org.parent_code, pr->line);
		else
			problem(im, r->line, "上级单位 %s 构成循环", "parent unit %s makes a cycle",
				r->org.parent_code);
		r->st = R_BAD;
	}
	return YG_OK;
}

static int by_line(const void *a, const void *b)
{
	const struct problem *x = a, *y = b;

	return (x->line > y->line) - (x->line < y->line);
}

static void import_free(struct import *im)
{
	for (size_t i = 0; i < im->nrows; i++)
		for (int c = 0; c < C_COUNT; c++)
			free(im->rows[i].f[c]);
	free(im->rows);
	for (size_t i = 0; i < im->nprobs; i++)
		free(im->probs[i].msg);
	free(im->probs);
	free_cells(im);
	free(im->cells);
}

static int org_import_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = { { 0 } };
	const struct cmd_entry *e = &cmd_org_import_entry;
	struct import im = { 0 };
	struct counts n = { 0 };
	const char *path;
	FILE *fp;
	bool read_ok;
	int rc = YG_OK, status;

	if (cmd_getopt(e, argc, argv, opts) != -1)
		return EXIT_USAGE;
	if (!cmd_positionals(e, argc, argv, 1, 1))
		return EXIT_USAGE;
	path = argv[optind];
	fp = strcmp(path, "-") ? fopen(path, "r") : stdin;
	if (!fp) {
		cmd_error("无法打开 %s: %s", "cannot open %s: %s", path, strerror(errno));
		return EXIT_REFUSED;
	}
	read_ok = read_csv(&im, fp, path);
	if (fp != stdin)
		fclose(fp);
	if (im.oom) {
		cmd_error("内存不足", "out of memory");
		import_free(&im);
		return EXIT_REFUSED;
	}
	if (!im.have_header && read_ok)
		problem(&im, 1, "文件是空的: 第一行应为表头 code,name,kind,tier,parent",
			"the file is empty: the first line is the header "
			"code,name,kind,tier,parent");

	if (read_ok && im.nprobs == 0 && !im.header_bad) {
		rc = yg_begin(ctx->db);
		if (rc == YG_OK)
			rc = put_rows(ctx->db, &im, &n);
		if (rc == YG_OK && im.nprobs == 0)
			rc = yg_commit(ctx->db);
		else
			yg_rollback(ctx->db);
		if (rc != YG_OK) {
			import_free(&im);
			return cmd_fail(rc);
		}
	} else if (read_ok && !im.header_bad) {
		/* Lines with their own faults are known; find the tree's faults
		 * too, so that one run reports every bad line, then undo. */
		if (yg_begin(ctx->db) == YG_OK) {
			rc = put_rows(ctx->db, &im, &n);
			yg_rollback(ctx->db);
			if (rc != YG_OK) {
				import_free(&im);
				return cmd_fail(rc);
			}
		}
	}

	if (im.nprobs)
		qsort(im.probs, im.nprobs, sizeof *im.probs, by_line);
	for (size_t i = 0; i < im.nprobs; i++) {
		bool first = i == 0 || im.probs[i - 1].line != im.probs[i].line;

		if (first)
			n.rejected++;
		fprintf(stderr, "yigong: %s:%d: %s\n", path, im.probs[i].line, im.probs[i].msg);
	}
	status = EXIT_OK;
	if (im.nprobs) {
		n.imported = n.updated = n.unchanged = 0;
		status = EXIT_REFUSED;
	}
	printf(YG_L("导入 %zu, 更新 %zu, 未变 %zu, 拒绝 %zu\n",
			"imported %zu, updated %zu, unchanged %zu, rejected %zu\n"),
		n.imported, n.updated, n.unchanged, n.rejected);
	if (status != EXIT_OK)
		cmd_error("%s 有 %zu 行被拒绝, 数据库未作任何改动", "%s: %zu line(s) rejected; the "
			"database is unchanged", path, n.rejected);
	import_free(&im);
	return status;
}

const struct cmd_entry cmd_org_list_entry = {
	.name = "org list",
	.usage = "[--header] [--quiet]",
	.zh = "列出单位\n每行一个, 按树的顺序, 制表符分隔: 代码 名称 类别 层级 上级代码;\n"
		"单位数写到标准错误。",
	.en = "list the org units\n"
		"One a line in tree order, tab-separated: code, name, kind, tier, parent code;\n"
		"the count goes to standard error.",
	.flags = CMD_NEEDS_DB | CMD_NEEDS_LOGIN,
	.exec = org_list_exec,
	.columns = org_list_columns,
};

const struct cmd_entry cmd_org_import_entry = {
	.name = "org import",
	.usage = "FILE",
	.zh = "从 CSV 文件添加或更新单位\n"
		"表头 code,name,kind,tier,parent, 可加 key_central (0/1); UTF-8, 可带 BOM;\n"
		"FILE 为 - 时读标准输入。\n"
		"kind: county, community, hospital, township, community_centre, village;\n"
		"tier: primary, secondary, tertiary 或留空。子单位可写在上级之前。\n"
		"全部成功或全不导入: 有任何坏行时逐行报告 (行号与原因), 数据库不变, 退出状态 1。\n"
		"末行汇总: 导入, 更新, 未变, 拒绝。",
	.en = "add or update org units from a CSV file\n"
		"Header code,name,kind,tier,parent, optionally key_central (0/1);\n"
		"UTF-8, BOM allowed; FILE - reads standard input.\n"
		"kind: county, community, hospital, township, community_centre, village;\n"
		"tier: primary, secondary, tertiary or empty.  Children may come before parents.\n"
		"All or nothing: any bad line is reported (line number and reason), the database\n"
		"is left unchanged and the exit status is 1.  Ends with a summary line:\n"
		"imported, updated, unchanged, rejected.",
	.flags = CMD_NEEDS_DB | CMD_NEEDS_LOGIN,
	.exec = org_import_exec,
};
