/*
 * ui-export.c — export from the review grid: months, format, form,
 * encoding, file name; a progress bar while the core writes (yg_export),
 * then what was written.  yg_export_file_name picks the name and
 * yg_export_file writes the file and NAME.manifest through temporaries and
 * renames both when complete, as `yigong export -o` does.
 */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ui-review.h"
#include "ui-screen.h"
#include "ui-screens.h"
#include "yg_csv.h"

enum { EF_FROM, EF_TO, EF_FORMAT, EF_FORM, EF_ENCODING, EF_UNAPPROVED, EF_FILE, EF_N };

#define MAX_FORMS 16

static struct yg_choice format_choices[] = {
	{ "long", "每值一行 long", N_("long (DHIS2)") },
	{ "wide", "每机构每月一行 wide", N_("wide (Excel)") },
	{ "xlsx", "xlsx 工作簿", N_("xlsx (Excel)") },
	{ NULL, NULL, NULL },
};
static struct yg_choice encoding_choices[] = {
	{ "utf-8", "UTF-8", "UTF-8" },
	{ "utf-8-bom", "UTF-8 带 BOM (Excel)", N_("UTF-8 with BOM (Excel)") },
	{ "gb18030", "GB18030 (旧版 Excel/WPS)", N_("GB18030 (older Excel/WPS)") },
	{ NULL, NULL, NULL },
};
static struct yg_choice form_choices[MAX_FORMS + 2];

static struct yg_field fields[EF_N] = {
	[EF_FROM] = { .key = "from", .zh = "起始月 (YYYY-MM)", .en = N_("From month (YYYY-MM)"),
		.type = YG_T_CODE, .min = 6, .max = 7, .required = true },
	[EF_TO] = { .key = "to", .zh = "截止月 (空: 同起始月)", .en = N_("To month (empty: same)"),
		.type = YG_T_CODE, .min = 0, .max = 7 },
	[EF_FORMAT] = { .key = "format", .zh = "格式", .en = N_("Format"), .type = YG_T_CHOICE,
		.required = true, .choices = format_choices },
	[EF_FORM] = { .key = "form", .zh = "报表", .en = N_("Form"), .type = YG_T_CHOICE,
		.required = true, .choices = form_choices },
	[EF_ENCODING] = { .key = "encoding", .zh = "编码", .en = N_("Encoding"), .type = YG_T_CHOICE,
		.required = true, .choices = encoding_choices },
	[EF_UNAPPROVED] = { .key = "unapproved", .zh = "也导出未审核的", .en = N_("Include unapproved"),
		.type = YG_T_BOOL },
	[EF_FILE] = { .key = "file", .zh = "文件 (完整路径)", .en = N_("File (full path)"),
		.type = YG_T_TEXT, .min = 1, .max = 400, .required = true },
};

static const struct yg_form export_form = {
	.key = "export", .zh = "导出", .en = N_("Export"), .fields = fields, .nfields = EF_N,
};

struct job {
	struct yg_value v[EF_N];
	struct yg_export_stats st;
	char *path;
	bool done;
};

static void fill_forms(void)
{
	size_t n = 0;

	form_choices[n++] = (struct yg_choice){ "all", "全部月报", N_("every monthly form") };
	for (size_t i = 0; i < yg_form_count() && n < MAX_FORMS; i++) {
		const struct yg_form *f = yg_form_at(i);

		if (f->kinds || f->is_record)
			form_choices[n++] = (struct yg_choice){ f->key, f->zh, f->en };
	}
	form_choices[n] = (struct yg_choice){ NULL, NULL, NULL };
}

static void set_text(struct yg_value *v, const char *s)
{
	yg_value_clear(v);
	if (s && *s) {
		v->set = true;
		v->text = yg_strdup(s);
	}
}

/* Drawn straight on the terminal: the core calls back from inside one
 * statement, the loop cannot run until it returns. */
static bool progress(void *arg, uint64_t done, uint64_t total)
{
	int w = COLS - 8 < 60 ? COLS - 8 : 60, y = LINES / 2 - 1, x = (COLS - w) / 2;
	uint64_t all = total > done ? total : done;
	int bar = w - 4, fill = all ? (int)(done * (uint64_t)bar / all) : 0;
	char *line;

	(void)arg;
	attrset(A_NORMAL);
	for (int r = 0; r < 4; r++)
		mvhline(y + r, x, ' ', w);
	mvhline(y, x, '-', w);
	mvhline(y + 3, x, '-', w);
	ui_putf(y, x + 2, w - 4, ui_attr(UI_S_TITLE), 0, " %s ", _("Exporting"));
	line = yg_asprintf("%llu / %llu %s", (unsigned long long)done,
		(unsigned long long)(total > done ? total : done), C_("ui-export", "rows"));
	ui_put(y + 1, x + 2, w - 4, A_NORMAL, 0, line ? line : "");
	free(line);
	mvaddch(y + 2, x + 1, '[');
	attrset(ui_attr(UI_S_SELECT));
	mvhline(y + 2, x + 2, '#', fill);
	attrset(A_NORMAL);
	mvhline(y + 2, x + 2 + fill, '.', bar - fill);
	mvaddch(y + 2, x + 2 + bar, ']');
	ui_putf(y + 3, x + 2, w - 4, ui_attr(UI_S_KEY), 0, " %s ", _("Esc cancel"));
	refresh();
	/* Esc (or a hang-up) cancels: look for a key without waiting, then
	 * give the loop its own wait back. */
	if (ui_quitting())
		return false;
	wint_t wc;
	struct ui_key key;
	timeout(0);
	int r = get_wch(&wc);
	timeout(UI_TICK_MS);
	if (r == ERR)
		return true;
	ui_key_map(r, wc, NULL, &key);
	return key.act != UI_A_BACK && key.act != UI_A_QUIT;
}

static int run_at(struct job *j, const char *path);

/* A file name without a directory goes into the export directory. */
static int run(void *ctx, struct yg_findings *out)
{
	struct job *j = ctx;
	const char *name = j->v[EF_FILE].text;
	char *dir, *full;
	int rc;

	(void)out;
	if (!name || !*name || *name == '/')
		return run_at(j, name);
	dir = ui_output_dir();
	full = yg_asprintf("%s/%s", dir ? dir : ".", name);
	rc = full ? run_at(j, full) : yg_fail(YG_ENOMEM, "out of memory");
	free(dir);
	free(full);
	return rc;
}


static int run_at(struct job *j, const char *path)
{
	struct yg_export_opts o = { .progress = progress };
	char *file_name = NULL;
	int rc;

	if (!j->v[EF_FROM].set || yg_period_parse(j->v[EF_FROM].text, &o.from) != YG_OK)
		return yg_fail(YG_EINVAL, "the first month is YYYY-MM");
	o.to = o.from;
	if (j->v[EF_TO].set && yg_period_parse(j->v[EF_TO].text, &o.to) != YG_OK)
		return yg_fail(YG_EINVAL, "the last month is YYYY-MM");
	if (o.to < o.from)
		return yg_fail(YG_EINVAL, "the last month is before the first");
	o.format = (enum yg_csv_format)yg_csv_format_parse(j->v[EF_FORMAT].text);
	o.encoding = (enum yg_csv_encoding)yg_csv_encoding_parse(j->v[EF_ENCODING].text);
	o.form = strcmp(j->v[EF_FORM].text, "all") ? j->v[EF_FORM].text : NULL;
	o.include_unapproved = j->v[EF_UNAPPROVED].set && j->v[EF_UNAPPROVED].num;
	if (!path || !*path)
		return yg_fail(YG_EINVAL, "give a file name");
	if (!(file_name = yg_export_file_name(path, o.format)))
		return yg_fail(YG_ENOMEM, "out of memory");
	path = file_name;
	if (access(path, F_OK) == 0 && !ui_confirm(_("Overwrite"),
	    _("The file exists. Overwrite it?"))) {
		rc = yg_fail(YG_EEXIST, "%s exists; nothing exported", path);
		goto out;
	}
	/* Temporaries beside it, renamed when complete: the core's one way. */
	rc = yg_export_file(ui_db(), &o, path, &j->st);
	if (rc == YG_OK) {
		char *abs = realpath(path, NULL);

		/* Where it is, for a user who did not choose the directory. */
		j->done = true;
		j->path = yg_strdup(abs ? abs : path);
		free(abs);
	}
out:
	free(file_name);
	return rc;
}

void ui_export_open(yg_period period)
{
	struct job j = { 0 };
	char per[8], *name, *text, *dir;
	const struct yg_user *u = yg_actor(ui_db());

	if (!u || u->role == YG_ROLE_CLERK) {
		ui_flash(UI_MSG_WARN, "%s", _("Only reviewers and admins export"));
		return;
	}
	fill_forms();
	yg_period_format(period, per);
	dir = ui_output_dir();
	name = yg_asprintf("%s/yigong-%.4s%.2s.csv", dir ? dir : ".", per, per + 5);
	free(dir);
	set_text(&j.v[EF_FROM], per);
	set_text(&j.v[EF_FORMAT], "long");
	set_text(&j.v[EF_FORM], "all");
	set_text(&j.v[EF_ENCODING], "utf-8");
	set_text(&j.v[EF_FILE], name);
	free(name);
	ui_values_edit(_("Export CSV (F2 starts it)"), &export_form,
		j.v, run, &j);
	if (j.done && !ui_quitting()) {
		text = yg_asprintf(_("%s\n%llu rows, %llu institutions, %llu months, "
			"%llu bytes\nSHA-256 %s\nmanifest: %s.manifest"), j.path,
			(unsigned long long)j.st.rows, (unsigned long long)j.st.institutions,
			(unsigned long long)j.st.periods, (unsigned long long)j.st.bytes,
			j.st.sha256, j.path);
		ui_alert(_("Exported"), text ? text : "");
		free(text);
		if (!ui_quitting())
			ui_flash(UI_MSG_OK, "%s %s", _("Exported"), j.path);
	}
	free(j.path);
	for (int i = 0; i < EF_N; i++)
		yg_value_clear(&j.v[i]);
}
