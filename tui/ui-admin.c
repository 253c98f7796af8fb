/*
 * ui-admin.c — the admin's screens: institutions (org units: add, rename,
 * move between medical communities, tier, key central, close), users (add,
 * role and scope, disable) and the county's due day.  Every change goes
 * through the core (yg_org_put, yg_user_put, yg_user_set_disabled,
 * yg_setting_set_int), which checks the role and scope and says why it
 * refuses; the editors keep what was typed after a refusal.
 *
 * Adding and editing use the spec-driven editor (ui_values_edit) over small
 * specs of this file's own, so the boxes, checks and keys are those of every
 * other editor.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "ui-review.h"
#include "ui-screen.h"
#include "ui-screens.h"

enum { A_EDIT_KEY = UI_A_SCREEN, A_CLOSE, A_DUE_DAY, A_NEW, A_RANGE, A_TARGETS };

/* ---------------------------------------------------------------------------
 * Institutions
 */

static struct yg_choice kind_choices[YG_KIND_COUNT + 1];
static struct yg_choice tier_choices[5];

static void fill_choices(void)
{
	for (int k = 0; k < YG_KIND_COUNT; k++)
		kind_choices[k] = (struct yg_choice){ yg_kind_name((enum yg_kind)k),
			yg_kind_label((enum yg_kind)k), yg_kind_label((enum yg_kind)k) };
	kind_choices[YG_KIND_COUNT] = (struct yg_choice){ NULL, NULL, NULL };
	tier_choices[0] = (struct yg_choice){ "none", "无", N_("none") };
	for (int t = YG_TIER_PRIMARY; t <= YG_TIER_TERTIARY; t++)
		tier_choices[t] = (struct yg_choice){ yg_tier_name((enum yg_tier)t),
			yg_tier_label((enum yg_tier)t), yg_tier_label((enum yg_tier)t) };
	tier_choices[4] = (struct yg_choice){ NULL, NULL, NULL };
}

enum { OF_CODE, OF_NAME, OF_KIND, OF_TIER, OF_PARENT, OF_KEY, OF_CLOSED, OF_OPENED, OF_LEAD,
	OF_SUPPORTING, OF_N };

/* [0] adds (the code is typed), [1] edits (the code is the unit's identity). */
static struct yg_field org_fields[2][OF_N];
static struct yg_form org_forms[2];

static void org_specs(void)
{
	for (int e = 0; e < 2; e++) {
		struct yg_field *f = org_fields[e];

		f[OF_CODE] = (struct yg_field){ .key = "code", .zh = "代码", .en = N_("Code"),
			.type = YG_T_CODE, .min = 1, .max = 32, .required = true,
			.derived = e == 1 };
		f[OF_NAME] = (struct yg_field){ .key = "name", .zh = "名称", .en = N_("Name"),
			.type = YG_T_TEXT, .min = 1, .max = 60, .required = true };
		f[OF_KIND] = (struct yg_field){ .key = "kind", .zh = "类别", .en = N_("Kind"),
			.type = YG_T_CHOICE, .required = true, .choices = kind_choices };
		f[OF_TIER] = (struct yg_field){ .key = "tier", .zh = "等级", .en = N_("Tier"),
			.type = YG_T_CHOICE, .choices = tier_choices };
		f[OF_PARENT] = (struct yg_field){ .key = "parent", .zh = "上级单位代码 (如医共体)",
			.en = N_("Parent unit code (e.g. community)"), .type = YG_T_ORG, .min = 0,
			.max = 32 };
		f[OF_KEY] = (struct yg_field){ .key = "key_central", .zh = "重点中心乡镇卫生院",
			.en = N_("Key central township centre"), .type = YG_T_BOOL };
		f[OF_CLOSED] = (struct yg_field){ .key = "closed", .zh = "已撤销 (不再报送)",
			.en = N_("Closed (files no returns)"), .type = YG_T_BOOL };
		/* DESIGN §1: its first return is due for this month; it is not
		 * missing in the months before. */
		f[OF_OPENED] = (struct yg_field){ .key = "opened", .zh = "开办月份 (首次报送)",
			.en = N_("Opened (first return)"), .type = YG_T_CODE, .min = 7, .max = 7,
			.required = true };
		/* Communities only (DESIGN §1); T2-T5 read them. */
		f[OF_LEAD] = (struct yg_field){ .key = "lead", .zh = "牵头医院代码 (医共体)",
			.en = N_("Lead hospital code (community)"), .type = YG_T_ORG, .min = 0,
			.max = 32 };
		f[OF_SUPPORTING] = (struct yg_field){ .key = "supporting",
			.zh = "帮扶三级医院代码 (医共体)",
			.en = N_("Supporting urban tertiary hospital (community)"), .type = YG_T_ORG,
			.min = 0, .max = 32 };
		org_forms[e] = (struct yg_form){ .key = "org_unit", .zh = "机构", .en = N_("Unit"),
			.fields = org_fields[e], .nfields = OF_N };
	}
}

struct orgs {
	struct ui_screen base;
	struct yg_org *v;
	size_t n;
	int *depth;
	size_t sel, top;
};

static void orgs_load(struct orgs *o)
{
	yg_org_list_free(o->v, o->n);
	free(o->depth);
	o->v = NULL;
	o->depth = NULL;
	o->n = 0;
	if (yg_org_list(ui_db(), &o->v, &o->n) != YG_OK) {
		ui_flash_error();
		return;
	}
	o->depth = calloc(o->n ? o->n : 1, sizeof *o->depth);
	for (size_t i = 0; o->depth && i < o->n; i++)
		for (size_t j = 0; j < i; j++)
			if (o->v[j].id == o->v[i].parent_id)
				o->depth[i] = o->depth[j] + 1;
	if (o->sel >= o->n)
		o->sel = o->n ? o->n - 1 : 0;
}

static void set_text(struct yg_value *v, const char *s)
{
	yg_value_clear(v);
	if (s && *s) {
		v->set = true;
		v->text = yg_strdup(s);
	}
}

static void set_bool(struct yg_value *v, bool b)
{
	yg_value_clear(v);
	v->set = true;
	v->num = b;
}

struct org_edit {
	struct yg_value values[OF_N];
	bool editing;
};

static int org_save(void *ctx, struct yg_findings *out)
{
	struct org_edit *e = ctx;
	struct yg_value *v = e->values;
	const char *tier = v[OF_TIER].set ? v[OF_TIER].text : NULL;
	struct yg_org org = {
		.code = v[OF_CODE].text,
		.name = v[OF_NAME].text,
		.kind = v[OF_KIND].set ? (enum yg_kind)yg_kind_parse(v[OF_KIND].text) :
			YG_KIND_COUNT,
		.tier = tier && strcmp(tier, "none") ? (enum yg_tier)yg_tier_parse(tier) :
			YG_TIER_NONE,
		.parent_code = v[OF_PARENT].set ? v[OF_PARENT].text : NULL,
		.key_central = v[OF_KEY].set && v[OF_KEY].num,
		.closed = v[OF_CLOSED].set && v[OF_CLOSED].num,
	};
	bool changed = false;

	(void)out;
	if (v[OF_OPENED].set && v[OF_OPENED].text &&
	    yg_period_parse(v[OF_OPENED].text, &org.opened) != YG_OK)
		return yg_fail(YG_EINVAL, "Opened must be YYYY-MM");
	if (!org.code || !org.name || org.kind == YG_KIND_COUNT)
		return yg_fail(YG_EINVAL, "code, name and kind are required");
	/* The unit and who leads and supports it are saved together or not. */
	return yg_org_save(ui_db(), &org, !e->editing, v[OF_LEAD].set ? v[OF_LEAD].text : NULL,
		v[OF_SUPPORTING].set ? v[OF_SUPPORTING].text : NULL, &changed);
}

static void org_edit(struct orgs *o, const struct yg_org *cur)
{
	struct org_edit e = { .editing = cur != NULL };
	char *title, per[8];

	if (cur) {
		set_text(&e.values[OF_CODE], cur->code);
		set_text(&e.values[OF_NAME], cur->name);
		set_text(&e.values[OF_KIND], yg_kind_name(cur->kind));
		set_text(&e.values[OF_TIER], cur->tier ? yg_tier_name(cur->tier) : "none");
		set_text(&e.values[OF_PARENT], cur->parent_code);
		set_bool(&e.values[OF_KEY], cur->key_central);
		set_bool(&e.values[OF_CLOSED], cur->closed);
		set_text(&e.values[OF_LEAD], cur->lead_code);
		set_text(&e.values[OF_SUPPORTING], cur->supporting_code);
		yg_period_format(cur->opened, per);
		set_text(&e.values[OF_OPENED], per);
		title = yg_asprintf("%s: %s", _("Edit unit"), cur->name);
	} else {
		set_text(&e.values[OF_KIND], yg_kind_name(YG_KIND_TOWNSHIP));
		set_text(&e.values[OF_TIER], yg_tier_name(YG_TIER_PRIMARY));
		if (o->n && o->sel < o->n) {
			/* Under the unit selected, or beside it. */
			const struct yg_org *s = &o->v[o->sel];

			set_text(&e.values[OF_PARENT], yg_kind_is_level(s->kind) ||
				s->kind == YG_KIND_COMMUNITY ? s->code : s->parent_code);
		}
		set_bool(&e.values[OF_KEY], false);
		set_bool(&e.values[OF_CLOSED], false);
		yg_period_format(yg_period_current(), per);
		set_text(&e.values[OF_OPENED], per);
		title = yg_strdup(_("Add unit"));
	}
	if (ui_values_edit(title ? title : "", &org_forms[cur ? 1 : 0], e.values, org_save, &e) &&
	    !ui_quitting())
		ui_flash(UI_MSG_OK, "%s", _("Saved"));
	free(title);
	for (int i = 0; i < OF_N; i++)
		yg_value_clear(&e.values[i]);
}

/* Closes or reopens the selected unit, after asking.  (The key-central
 * flag changes T3: it is edited in the unit's dialog, never one key.) */
static void org_toggle(struct orgs *o)
{
	struct yg_org org;
	bool changed = false;

	if (!o->n)
		return;
	org = o->v[o->sel]; /* shallow: only the flag changes */
	if (!ui_confirm(org.closed ? _("Reopen unit") : _("Close unit"),
	    org.closed ? _("Reopen this unit? It will file returns again.") :
	    _("Close this unit? It files no more returns; its history is kept.")))
		return;
	org.closed = !org.closed;
	if (yg_org_put(ui_db(), &org, &changed) != YG_OK)
		ui_flash_error();
	else
		ui_flash(UI_MSG_OK, "%s: %s", org.name, org.closed ? _("closed") :
			C_("ui-admin", "reopened"));
}

/* One end of a range typed as the field's value ("" is open): -1 open,
 * -2 refused (the message is in yg_errmsg). */
static int64_t range_end(const struct yg_field *f, const char *s, size_t len)
{
	struct yg_value v = { 0 };
	char *t = yg_asprintf("%.*s", (int)len, s);
	int64_t n = -2;

	while (len && s[0] == ' ') {
		s++;
		len--;
	}
	if (t && !len)
		n = -1;
	else if (t && yg_field_parse(f, t, &v) == YG_OK && v.set)
		n = v.num;
	yg_value_clear(&v);
	free(t);
	return n;
}

/*
 * m: the min-max of one figure of the selected institution (DHIS2's
 * min-max values): a value outside is a warning its clerk must explain
 * (O3).  Picked by form and field; typed as "min-max", either end empty.
 */
static void org_range(const struct yg_org *u)
{
	const struct yg_form *forms[16], *form;
	const char *fitems[16];
	char **items = NULL;
	int keys[64];
	size_t nf = 0, ni = 0;
	int k;

	for (size_t i = 0; i < yg_form_count() && nf < 16; i++)
		if (yg_form_applies(yg_form_at(i), u)) {
			forms[nf] = yg_form_at(i);
			fitems[nf] = YG_L(forms[nf]->zh, forms[nf]->en);
			nf++;
		}
	if (!nf) {
		ui_flash(UI_MSG_ERROR, "%s", _("This unit files no returns"));
		return;
	}
	k = ui_pick(_("Range: choose the form"), fitems, nf, 0);
	if (k < 0 || ui_quitting())
		return;
	form = forms[k];
	items = calloc(form->nfields ? form->nfields : 1, sizeof *items);
	for (size_t i = 0; items && i < form->nfields && ni < 64; i++) {
		const struct yg_field *f = &form->fields[i];
		int64_t lo, hi;
		char *a, *b;
		struct yg_value va = { .set = true }, vb = { .set = true };

		if (f->derived || (f->type != YG_T_COUNT && f->type != YG_T_AMOUNT &&
		    f->type != YG_T_DECIMAL))
			continue;
		yg_range_get(ui_db(), u->code, form->key, f->key, &lo, &hi);
		va.num = lo;
		vb.num = hi;
		a = lo >= 0 ? yg_field_format(f, &va) : NULL;
		b = hi >= 0 ? yg_field_format(f, &vb) : NULL;
		items[ni] = lo < 0 && hi < 0 ? yg_strdup(yg_field_label(f)) :
			yg_asprintf("%s  [%s-%s]", yg_field_label(f), a ? a : "", b ? b : "");
		keys[ni++] = (int)i;
		free(a);
		free(b);
	}
	k = items && ni ? ui_pick(_("Range: choose the field"),
		(const char *const *)items, ni, 0) : -1;
	if (k >= 0 && !ui_quitting()) {
		const struct yg_field *f = &form->fields[keys[k]];
		char *title = yg_asprintf("%s: %s", u->name, yg_field_label(f));
		char *answer = ui_prompt(title ? title : "",
			_("This institution's usual range, e.g. 10-15 (outside, the clerk must explain;"
			" either end may be empty; empty: no range):"), "", false);
		const char *dash = answer ? strchr(answer, '-') : NULL;
		int64_t lo = -1, hi = -1;

		free(title);
		if (answer && (dash || !*answer)) {
			lo = dash ? range_end(f, answer, (size_t)(dash - answer)) : -1;
			hi = dash ? range_end(f, dash + 1, strlen(dash + 1)) : -1;
		}
		if (!answer || ui_quitting())
			;
		else if ((*answer && !dash) || lo == -2 || hi == -2)
			ui_alert(_("Not saved"), _("Give it as min-max, e.g. 10-15"));
		else if (yg_range_set(ui_db(), u->code, form->key, f->key, lo, hi) != YG_OK)
			ui_alert(_("Not saved"), yg_errmsg());
		else
			ui_flash(UI_MSG_OK, "%s", _("Range saved"));
		free(answer);
	}
	for (size_t i = 0; items && i < ni; i++)
		free(items[i]);
	free(items);
}

static void orgs_draw(struct ui_screen *s)
{
	struct orgs *o = (struct orgs *)s;
	int y = ui_body_top(), rows = ui_body_rows() - 2, nw = COLS - 50;

	if (nw < 16)
		nw = 16;
	ui_draw_header(C_("ui-admin", "Institutions"));
	ui_putf(y, 1, COLS - 2, ui_attr(UI_S_TITLE), 0, "%s  %zu  |  %s %d %s",
		C_("ui-admin", "Institutions"), o->n, _("due day:"),
		yg_setting_get_int(ui_db(), YG_SET_DUE_DAY, 5), _("of next month"));
	y++;
	ui_put(y, 1, nw, ui_attr(UI_S_TITLE), 0, _("Name"));
	ui_put(y, nw + 1, 14, ui_attr(UI_S_TITLE), 0, _("Code"));
	ui_put(y, nw + 15, 18, ui_attr(UI_S_TITLE), 0, _("Kind"));
	ui_put(y, nw + 33, 6, ui_attr(UI_S_TITLE), 0, _("Tier"));
	ui_put(y, nw + 39, COLS - nw - 40, ui_attr(UI_S_TITLE), 0, _("Flags"));
	y++;
	if (o->sel < o->top)
		o->top = o->sel;
	if (rows > 0 && o->sel >= o->top + (size_t)rows)
		o->top = o->sel - (size_t)rows + 1;
	for (int r = 0; r < rows && o->top + (size_t)r < o->n; r++) {
		size_t i = o->top + (size_t)r;
		const struct yg_org *u = &o->v[i];
		bool sel = i == o->sel;
		attr_t a = sel ? ui_attr(UI_S_SELECT) : u->closed ? ui_attr(UI_S_DIM) : A_NORMAL;
		int ind = 1 + 2 * (o->depth ? o->depth[i] : 0);

		if (sel) {
			attrset(a);
			mvhline(y + r, 0, ' ', COLS);
			attrset(A_NORMAL);
		}
		ui_put(y + r, 0, 1, a, 0, sel ? ">" : " ");
		ui_put(y + r, ind, nw - ind, a, UI_CLIP, u->name);
		ui_put(y + r, nw + 1, 13, a, UI_CLIP, u->code);
		ui_put(y + r, nw + 15, 17, a, 0, yg_kind_label(u->kind));
		ui_put(y + r, nw + 33, 5, a, 0, yg_tier_label(u->tier));
		ui_putf(y + r, nw + 39, COLS - nw - 40, a, 0, "%s%s%s", u->key_central ?
			_("key") : "", u->key_central && u->closed ? " " : "",
			u->closed ? _("closed") : "");
	}
	ui_draw_keys(s);
}

static int orgs_key(struct ui_screen *s, const struct ui_key *k)
{
	struct orgs *o = (struct orgs *)s;
	int page = ui_body_rows() - 3 > 1 ? ui_body_rows() - 3 : 1;

	if (ui_list_move(&o->sel, o->n, k->act, (size_t)page))
		return UI_HANDLED;
	switch (k->act) {
	case A_NEW:
		org_edit(o, NULL);
		break;
	case UI_A_ENTER:
		if (o->n) {
			struct yg_org cur = o->v[o->sel]; /* the list is reloaded below */

			org_edit(o, &cur);
		}
		break;
	case A_CLOSE:
		org_toggle(o);
		break;
	case A_RANGE:
		if (o->n)
			org_range(&o->v[o->sel]);
		return UI_HANDLED;
	case A_DUE_DAY:
		ui_due_day_edit();
		return UI_HANDLED;
	case A_TARGETS:
		ui_admin_targets_open();
		return UI_HANDLED;
	case A_EDIT_KEY:
		ui_admin_users_open();
		return UI_HANDLED;
	case UI_A_REFRESH:
		break;
	default:
		return UI_UNHANDLED;
	}
	if (!ui_quitting())
		orgs_load(o);
	return UI_HANDLED;
}

static void orgs_leave(struct ui_screen *s)
{
	struct orgs *o = (struct orgs *)s;

	yg_org_list_free(o->v, o->n);
	free(o->depth);
	free(o);
}

static void orgs_keys(struct ui_screen *s, ui_keys_use *use, void *ctx)
{
	/* No one-key toggle of the key-central flag (it changes T3): it is
	 * edited in the unit's dialog (Enter), and k moves up as elsewhere. */
	const struct ui_keydef t[] = {
		{ "a", _("add"),
		  _("add a unit (its code cannot change later)"), .act = A_NEW, .ch = 'a' },
		{ "Enter", _("edit"),
		  _("edit: name, kind, tier, parent (move between "
		  "communities),\nkey central (drives T3), closed, opened (the first month it\n"
		  "files; earlier months do not count it missing); a community's lead\n"
		  "hospital (one of its own) and supporting urban tertiary hospital (T2-T5)"),
		  .act = UI_A_ENTER },
		{ "x", _("close/reopen"),
		  _("close / reopen (nothing due after the month it closed; history stays)"),
		  .act = A_CLOSE, .ch = 'x' },
		{ "m", _("ranges"),
		  _("value range: the usual min-max of one of its figures; outside,\n"
		  "the clerk must explain (O3)"), .act = A_RANGE, .ch = 'm' },
		{ "D", _("due day"),
		  _("the due day (day of the next month) and the month it applies\n"
		  "from; months already due keep theirs"), .act = A_DUE_DAY, .ch = 'D' },
		{ "u", _("users"), C_("ui-admin", "users"), .act = A_EDIT_KEY, .ch = 'u' },
		{ "Esc", _("back"), .act = UI_A_BACK },
		{ "?", _("help"), .act = UI_A_HELP },
		/* Last: at 80 columns it gives way to "? 更多", not Esc. */
		{ "t", _("targets"),
		  _("targets: thresholds, months in force, contract year"), .act = A_TARGETS, .ch = 't' },
		{ .help = _("A refusal says why and keeps what was typed.") },
	};

	(void)s;
	UI_KEYS(use, ctx, t);
}

static const struct ui_screen_ops orgs_ops = {
	.name = "admin-orgs",
	.draw = orgs_draw,
	.key = orgs_key,
	.leave = orgs_leave,
	.keys = orgs_keys,
	.help_zh =
		"机构管理 (仅管理员)\n"
		"\n"
		"县 > 医共体 > 机构 (医院, 乡镇卫生院, 社区卫生服务中心) > 村卫生室。\n"
		"等级决定适用的目标; 重点中心乡镇卫生院适用 T3。\n"
		"\n",
	.help_en =
		N_("Institutions (admins only)\n"
		"\n"
		"County > medical community > institution (hospital, township or community\n"
		"centre) > village clinic.  The tier selects the targets; key central\n"
		"township centres carry T3.\n"
		"\n"),
};

void ui_admin_orgs_open(void)
{
	struct orgs *o;

	if (yg_actor(ui_db())->role != YG_ROLE_ADMIN) {
		ui_flash(UI_MSG_WARN, "%s", _("Only admins manage units"));
		return;
	}
	o = calloc(1, sizeof *o);
	if (!o)
		return;
	fill_choices();
	org_specs();
	o->base.ops = &orgs_ops;
	orgs_load(o);
	ui_push(&o->base);
}

/* ---------------------------------------------------------------------------
 * Users
 */

static struct yg_choice role_choices[4];

enum { UF_LOGIN, UF_ROLE, UF_ORG, UF_N };

static struct yg_field user_fields[2][UF_N];
static struct yg_form user_forms[2];

static void user_specs(void)
{
	for (int r = 0; r < 3; r++)
		role_choices[r] = (struct yg_choice){ yg_role_name((enum yg_role)r),
			yg_role_label((enum yg_role)r), yg_role_label((enum yg_role)r) };
	role_choices[3] = (struct yg_choice){ NULL, NULL, NULL };
	for (int e = 0; e < 2; e++) {
		struct yg_field *f = user_fields[e];

		f[UF_LOGIN] = (struct yg_field){ .key = "login", .zh = "登录名 (系统账号)",
			.en = N_("Login (Unix account)"), .type = YG_T_CODE, .min = 1, .max = 32,
			.required = true, .derived = e == 1 };
		f[UF_ROLE] = (struct yg_field){ .key = "role", .zh = "角色", .en = N_("Role"),
			.type = YG_T_CHOICE, .required = true, .choices = role_choices };
		f[UF_ORG] = (struct yg_field){ .key = "org", .zh = "范围 (单位代码)",
			.en = N_("Scope (unit code)"), .type = YG_T_ORG, .min = 1, .max = 32,
			.required = true };
		user_forms[e] = (struct yg_form){ .key = "user", .zh = "用户", .en = N_("User"),
			.fields = user_fields[e], .nfields = UF_N };
	}
}

struct users {
	struct ui_screen base;
	struct yg_user *v;
	size_t n, sel, top;
};

static void users_load(struct users *u)
{
	yg_user_list_free(u->v, u->n);
	u->v = NULL;
	u->n = 0;
	if (yg_user_list(ui_db(), &u->v, &u->n) != YG_OK)
		ui_flash_error();
	if (u->sel >= u->n)
		u->sel = u->n ? u->n - 1 : 0;
}

static int user_save(void *ctx, struct yg_findings *out)
{
	struct yg_value *v = ctx;
	int role = v[UF_ROLE].set ? yg_role_parse(v[UF_ROLE].text) : -1;

	(void)out;
	if (!v[UF_LOGIN].set || role < 0 || !v[UF_ORG].set)
		return yg_fail(YG_EINVAL, "login, role and scope are required");
	return yg_user_put(ui_db(), v[UF_LOGIN].text, (enum yg_role)role, v[UF_ORG].text);
}

static void user_edit(const struct yg_user *cur)
{
	struct yg_value v[UF_N] = { 0 };
	char *title;

	if (cur) {
		set_text(&v[UF_LOGIN], cur->login);
		set_text(&v[UF_ROLE], yg_role_name(cur->role));
		set_text(&v[UF_ORG], cur->org_code);
		title = yg_asprintf("%s: %s", _("Edit user"), cur->login);
	} else {
		set_text(&v[UF_ROLE], yg_role_name(YG_ROLE_CLERK));
		title = yg_strdup(_("Add user"));
	}
	if (ui_values_edit(title ? title : "", &user_forms[cur ? 1 : 0], v, user_save, v) &&
	    !ui_quitting())
		ui_flash(UI_MSG_OK, "%s", _("Saved"));
	free(title);
	for (int i = 0; i < UF_N; i++)
		yg_value_clear(&v[i]);
}

static void users_draw(struct ui_screen *s)
{
	struct users *u = (struct users *)s;
	int y = ui_body_top(), rows = ui_body_rows() - 2;

	ui_draw_header(_("Users"));
	ui_putf(y, 1, COLS - 2, ui_attr(UI_S_TITLE), 0, "%s  %zu", _("Users"), u->n);
	y++;
	ui_put(y, 1, 20, ui_attr(UI_S_TITLE), 0, _("Login"));
	ui_put(y, 22, 10, ui_attr(UI_S_TITLE), 0, _("Role"));
	ui_put(y, 33, COLS - 45, ui_attr(UI_S_TITLE), 0, _("Scope"));
	ui_put(y, COLS - 11, 10, ui_attr(UI_S_TITLE), 0, _("State"));
	y++;
	if (u->sel < u->top)
		u->top = u->sel;
	if (rows > 0 && u->sel >= u->top + (size_t)rows)
		u->top = u->sel - (size_t)rows + 1;
	for (int r = 0; r < rows && u->top + (size_t)r < u->n; r++) {
		size_t i = u->top + (size_t)r;
		const struct yg_user *x = &u->v[i];
		bool sel = i == u->sel;
		attr_t a = sel ? ui_attr(UI_S_SELECT) : x->disabled ? ui_attr(UI_S_DIM) : A_NORMAL;
		struct yg_org org = { 0 };

		if (sel) {
			attrset(a);
			mvhline(y + r, 0, ' ', COLS);
			attrset(A_NORMAL);
		}
		ui_putf(y + r, 0, 21, a, UI_CLIP, "%s%s", sel ? ">" : " ", x->login);
		ui_put(y + r, 22, 10, a, 0, yg_role_label(x->role));
		if (x->org_code && yg_org_get(ui_db(), x->org_code, &org) == YG_OK)
			ui_putf(y + r, 33, COLS - 45, a, UI_CLIP, "%s %s", org.name, org.code);
		else
			ui_put(y + r, 33, COLS - 45, a, UI_CLIP, x->org_code ? x->org_code : "");
		yg_org_clear(&org);
		ui_put(y + r, COLS - 11, 10, sel ? a : ui_attr(x->disabled ? UI_S_WARN : UI_S_OK),
			0,
			x->disabled ? _("disabled") : _("active"));
	}
	ui_draw_keys(s);
}

static int users_key(struct ui_screen *s, const struct ui_key *k)
{
	struct users *u = (struct users *)s;
	int page = ui_body_rows() - 3 > 1 ? ui_body_rows() - 3 : 1;

	if (ui_list_move(&u->sel, u->n, k->act, (size_t)page))
		return UI_HANDLED;
	switch (k->act) {
	case A_NEW:
		user_edit(NULL);
		break;
	case UI_A_ENTER:
		if (u->n) {
			struct yg_user cur = u->v[u->sel];

			user_edit(&cur);
		}
		break;
	case A_CLOSE:
		if (u->n) {
			const struct yg_user *x = &u->v[u->sel];
			char *q = yg_asprintf(x->disabled ? _("Enable %s?") :
				_("Disable %s? They can no longer log in; their history stays."),
				x->login);

			if (ui_confirm(x->disabled ? _("Enable") : _("Disable"),
			    q ? q : "") && !ui_quitting()) {
				if (yg_user_set_disabled(ui_db(), x->login, !x->disabled) != YG_OK)
					ui_flash_error();
				else
					ui_flash(UI_MSG_OK, "%s", _("Saved"));
			}
			free(q);
		}
		break;
	case A_DUE_DAY:
		ui_due_day_edit();
		return UI_HANDLED;
	case A_TARGETS:
		ui_admin_targets_open();
		return UI_HANDLED;
	case A_EDIT_KEY:
		ui_admin_orgs_open();
		return UI_HANDLED;
	case UI_A_REFRESH:
		break;
	default:
		return UI_UNHANDLED;
	}
	if (!ui_quitting())
		users_load(u);
	return UI_HANDLED;
}

static void users_leave(struct ui_screen *s)
{
	struct users *u = (struct users *)s;

	yg_user_list_free(u->v, u->n);
	free(u);
}

static void users_keys(struct ui_screen *s, ui_keys_use *use, void *ctx)
{
	const struct ui_keydef t[] = {
		{ "a", _("add"), _("add a user"), .act = A_NEW, .ch = 'a' },
		{ "Enter", _("role/scope"), _("change role and scope"),
		  .act = UI_A_ENTER },
		{ "x", _("disable/enable"), _("disable / enable"),
		  .act = A_CLOSE, .ch = 'x' },
		{ "D", _("due day"), _("the due day"), .act = A_DUE_DAY,
		  .ch = 'D' },
		{ "i", _("units"), _("institutions"), .act = A_EDIT_KEY,
		  .ch = 'i' },
		{ "Esc", _("back"), .act = UI_A_BACK },
		{ "?", _("help"), .act = UI_A_HELP },
		{ "t", _("targets"), C_("ui-admin", "targets"), .act = A_TARGETS, .ch = 't' },
		{ .help = _("A refusal says why and keeps what was typed.") },
	};

	(void)s;
	UI_KEYS(use, ctx, t);
}

static const struct ui_screen_ops users_ops = {
	.name = "admin-users",
	.draw = users_draw,
	.key = users_key,
	.leave = users_leave,
	.keys = users_keys,
	.help_zh =
		"用户管理 (仅管理员)\n"
		"\n"
		"登录名是服务器上的系统账号 (SSH 登录名), 不另设密码。\n"
		"角色: 填报员 (本机构), 审核员 (范围内各机构), 管理员。\n"
		"范围是一个单位的代码: 该单位及其下级。\n"
		"\n",
	.help_en =
		N_("Users (admins only)\n"
		"\n"
		"A login is the user's Unix account on this server (their SSH login);\n"
		"there is no second password.  Roles: clerk (one institution), reviewer\n"
		"(every institution in scope), admin.  The scope is a unit's code: that\n"
		"unit and everything below it.\n"
		"\n"),
};

void ui_admin_users_open(void)
{
	struct users *u;

	if (yg_actor(ui_db())->role != YG_ROLE_ADMIN) {
		ui_flash(UI_MSG_WARN, "%s", _("Only admins manage users"));
		return;
	}
	u = calloc(1, sizeof *u);
	if (!u)
		return;
	user_specs();
	u->base.ops = &users_ops;
	users_load(u);
	ui_push(&u->base);
}
