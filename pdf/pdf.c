/*
 * pdf.c — setting an A4 document with Cairo and Pango (see pdf.h).
 *
 * Units are PostScript points (Cairo's PDF surfaces use them as user
 * units): A4 is 595.28 x 841.89.  Text is laid out by Pango from plain
 * strings; Cairo subsets and embeds each font the text uses.
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>

#include "pdf.h"
#include "yigong.h"

#define PAGE_W 595.28
#define PAGE_H 841.89
#define MARGIN_X 56.0
#define TOP 70.0       /* where the text starts; the running head sits above */
#define BOTTOM 780.0   /* where it must end; the foot sits below */
#define TEXT_W (PAGE_W - 2 * MARGIN_X)
#define CELL_PAD 3.0

/* A CJK face first: Latin letters in it are fine, and a Latin face first
 * would leave Pango picking a CJK fallback glyph by glyph. */
#define FAMILY "Noto Sans CJK SC, Noto Sans CJK JP, WenQuanYi Zen Hei, sans-serif"

struct pdf {
	cairo_t *cr;
	const struct pdf_meta *meta;
	int page, pages;   /* this page (1-based); the total, 0 while measuring */
	double y;
	bool keep;         /* a heading was just set: do not leave it alone */
};

static const struct {
	double size;
	bool bold;
	double after;
} styles[] = {
	[PDF_BODY] = { 9.5, false, 4 },
	[PDF_SMALL] = { 7.5, false, 3 },
	[PDF_H1] = { 14, true, 6 },
	[PDF_H2] = { 11, true, 4 },
	[PDF_TITLE] = { 20, true, 8 },
};

static PangoLayout *layout(struct pdf *p, enum pdf_style style, bool bold, const char *text,
	double width, enum pdf_align align)
{
	PangoLayout *l = pango_cairo_create_layout(p->cr);
	PangoFontDescription *fd = pango_font_description_from_string(FAMILY);

	pango_font_description_set_absolute_size(fd, styles[style].size * PANGO_SCALE);
	pango_font_description_set_weight(fd, bold || styles[style].bold ?
		PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
	pango_layout_set_font_description(l, fd);
	pango_font_description_free(fd);
	pango_layout_set_width(l, (int)(width * PANGO_SCALE));
	pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
	pango_layout_set_alignment(l, align == PDF_RIGHT ? PANGO_ALIGN_RIGHT :
		align == PDF_CENTER ? PANGO_ALIGN_CENTER : PANGO_ALIGN_LEFT);
	/* Plain text: whatever a name holds, it is not markup. */
	pango_layout_set_text(l, text ? text : "", -1);
	return l;
}

static double layout_height(PangoLayout *l)
{
	int w, h;

	pango_layout_get_size(l, &w, &h);
	return (double)h / PANGO_SCALE;
}

static void show(struct pdf *p, PangoLayout *l, double x, double y)
{
	cairo_move_to(p->cr, x, y);
	pango_cairo_show_layout(p->cr, l);
}

/* A line of text at (x, y), returning its height. */
static double put(struct pdf *p, enum pdf_style s, bool bold, const char *text, double x,
	double y, double w, enum pdf_align a)
{
	PangoLayout *l = layout(p, s, bold, text, w, a);
	double h = layout_height(l);

	show(p, l, x, y);
	g_object_unref(l);
	return h;
}

static void grey(struct pdf *p, double level)
{
	cairo_set_source_rgb(p->cr, level, level, level);
}

static void page_head(struct pdf *p)
{
	grey(p, 0.35);
	put(p, PDF_SMALL, false, p->meta->head_left, MARGIN_X, 36, TEXT_W, PDF_LEFT);
	put(p, PDF_SMALL, false, p->meta->head_right, MARGIN_X, 36, TEXT_W, PDF_RIGHT);
	cairo_set_line_width(p->cr, 0.5);
	cairo_move_to(p->cr, MARGIN_X, 50);
	cairo_line_to(p->cr, PAGE_W - MARGIN_X, 50);
	cairo_stroke(p->cr);
	grey(p, 0);
	p->y = TOP;
}

static void page_foot(struct pdf *p)
{
	char num[96];

	snprintf(num, sizeof num, p->meta->page_fmt, p->page, p->pages ? p->pages : p->page);
	grey(p, 0.35);
	cairo_set_line_width(p->cr, 0.5);
	cairo_move_to(p->cr, MARGIN_X, BOTTOM + 18);
	cairo_line_to(p->cr, PAGE_W - MARGIN_X, BOTTOM + 18);
	cairo_stroke(p->cr);
	put(p, PDF_SMALL, false, p->meta->foot_left, MARGIN_X, BOTTOM + 24, TEXT_W * 0.75, PDF_LEFT);
	put(p, PDF_SMALL, false, num, MARGIN_X, BOTTOM + 24, TEXT_W, PDF_RIGHT);
	grey(p, 0);
}

static void new_page(struct pdf *p)
{
	page_foot(p);
	cairo_show_page(p->cr);
	p->page++;
	page_head(p);
}

void pdf_need(struct pdf *p, double points)
{
	if (p->y > TOP && p->y + points > BOTTOM)
		new_page(p);
}

void pdf_space(struct pdf *p, double points)
{
	p->y += points;
}

void pdf_text(struct pdf *p, enum pdf_style style, const char *text)
{
	PangoLayout *l = layout(p, style, false, text, TEXT_W, PDF_LEFT);
	double h = layout_height(l);
	bool heading = style == PDF_H1 || style == PDF_H2;

	/* A heading with at least a few lines of what it heads. */
	pdf_need(p, heading ? h + 60 : h);
	if (heading && p->y > TOP)
		p->y += styles[style].size * 0.6;
	show(p, l, MARGIN_X, p->y);
	g_object_unref(l);
	p->y += h + styles[style].after;
}

/* ---- tables ---- */

static double row_height(struct pdf *p, const struct pdf_table *t, const char *const *cells,
	bool head)
{
	double h = 0;

	for (size_t c = 0; c < t->ncols; c++) {
		PangoLayout *l = layout(p, PDF_SMALL, head, cells[c],
			t->width[c] * TEXT_W - 2 * CELL_PAD, t->align[c]);
		double ch = layout_height(l);

		g_object_unref(l);
		if (ch > h)
			h = ch;
	}
	return h + 2 * CELL_PAD;
}

static void draw_row(struct pdf *p, const struct pdf_table *t, const char *const *cells,
	double h, bool head, bool flag)
{
	double x = MARGIN_X;

	if (head || flag) {
		if (head)
			cairo_set_source_rgb(p->cr, 0.88, 0.90, 0.94);
		else
			cairo_set_source_rgb(p->cr, 1.0, 0.91, 0.91);
		cairo_rectangle(p->cr, MARGIN_X, p->y, TEXT_W, h);
		cairo_fill(p->cr);
		grey(p, 0);
	}
	for (size_t c = 0; c < t->ncols; c++) {
		double w = t->width[c] * TEXT_W;

		put(p, PDF_SMALL, head, cells[c], x + CELL_PAD, p->y + CELL_PAD, w - 2 * CELL_PAD,
			t->align[c]);
		x += w;
	}
	grey(p, 0.6);
	cairo_set_line_width(p->cr, 0.4);
	cairo_move_to(p->cr, MARGIN_X, p->y + h);
	cairo_line_to(p->cr, PAGE_W - MARGIN_X, p->y + h);
	cairo_stroke(p->cr);
	grey(p, 0);
	p->y += h;
}

void pdf_table(struct pdf *p, const struct pdf_table *t)
{
	double hh = row_height(p, t, t->head, true);

	pdf_need(p, hh + (t->nrows ? row_height(p, t, t->cell, false) : 0));
	draw_row(p, t, t->head, hh, true, false);
	for (size_t r = 0; r < t->nrows; r++) {
		const char *const *cells = t->cell + r * t->ncols;
		double h = row_height(p, t, cells, false);

		if (p->y + h > BOTTOM) {
			new_page(p);
			draw_row(p, t, t->head, hh, true, false);
		}
		draw_row(p, t, cells, h, false, t->flag && t->flag[r]);
	}
	p->y += 8;
}

/* ---- bars ---- */

void pdf_bars(struct pdf *p, const struct pdf_bars *b)
{
	const double row = 13, label_w = TEXT_W * 0.34, bar_x = MARGIN_X + label_w + 6,
		bar_w = TEXT_W - label_w - 6 - 56;

	for (size_t i = 0; i < b->n; i++) {
		double v = b->max > 0 ? b->value[i] / b->max : 0;

		if (v < 0)
			v = 0;
		if (v > 1)
			v = 1;
		if (p->y + row > BOTTOM)
			new_page(p);
		put(p, PDF_SMALL, false, b->label[i], MARGIN_X, p->y + 1.5, label_w, PDF_RIGHT);
		if (b->flag && b->flag[i])
			cairo_set_source_rgb(p->cr, 0.80, 0.30, 0.25);
		else
			cairo_set_source_rgb(p->cr, 0.25, 0.45, 0.70);
		cairo_rectangle(p->cr, bar_x, p->y + 2, bar_w * v, row - 4);
		cairo_fill(p->cr);
		grey(p, 0);
		put(p, PDF_SMALL, false, b->value_text[i], bar_x + bar_w * v + 3, p->y + 1.5, 56,
			PDF_LEFT);
		p->y += row;
	}
	p->y += 8;
}

/* ---- trends ---- */

static double scale_y(const struct pdf_trend *t, double v, double top, double h)
{
	double span = t->hi - t->lo;

	if (span <= 0)
		span = 1;
	if (v < t->lo)
		v = t->lo;
	if (v > t->hi)
		v = t->hi;
	return top + h - (v - t->lo) / span * h;
}

static void series(struct pdf *p, const struct pdf_trend *t, const double *v, double x0,
	double step, double top, double h, bool dots)
{
	bool pen = false;

	for (size_t i = 0; i < t->n; i++) {
		double x = x0 + step * (double)i, y;

		if (isnan(v[i])) {
			pen = false;
			continue;
		}
		y = scale_y(t, v[i], top, h);
		if (pen)
			cairo_line_to(p->cr, x, y);
		else
			cairo_move_to(p->cr, x, y);
		pen = true;
	}
	cairo_stroke(p->cr);
	for (size_t i = 0; dots && i < t->n; i++) {
		if (isnan(v[i]))
			continue;
		cairo_arc(p->cr, x0 + step * (double)i, scale_y(t, v[i], top, h), 1.6, 0, 2 * M_PI);
		cairo_fill(p->cr);
	}
}

static void trend(struct pdf *p, const struct pdf_trend *t, double x, double y, double w)
{
	const double plot_top = y + 14, plot_h = 62, plot_x = x + 4, plot_w = w - 8;
	double step = t->n > 1 ? plot_w / (double)(t->n - 1) : 0;
	const double dash[] = { 3, 2 };

	put(p, PDF_SMALL, true, t->title, x, y, w, PDF_LEFT);
	grey(p, 0.7);
	cairo_set_line_width(p->cr, 0.4);
	cairo_rectangle(p->cr, plot_x, plot_top, plot_w, plot_h);
	cairo_stroke(p->cr);
	if (!isnan(t->threshold)) {
		cairo_set_source_rgb(p->cr, 0.80, 0.20, 0.20);
		cairo_set_dash(p->cr, dash, 2, 0);
		cairo_move_to(p->cr, plot_x, scale_y(t, t->threshold, plot_top, plot_h));
		cairo_line_to(p->cr, plot_x + plot_w, scale_y(t, t->threshold, plot_top, plot_h));
		cairo_stroke(p->cr);
		cairo_set_dash(p->cr, NULL, 0, 0);
	}
	grey(p, 0.55);
	cairo_set_line_width(p->cr, 0.8);
	cairo_set_dash(p->cr, dash, 2, 0);
	series(p, t, t->prev, plot_x, step, plot_top, plot_h, false);
	cairo_set_dash(p->cr, NULL, 0, 0);
	cairo_set_source_rgb(p->cr, 0.15, 0.35, 0.65);
	cairo_set_line_width(p->cr, 1.2);
	series(p, t, t->v, plot_x, step, plot_top, plot_h, true);
	grey(p, 0.35);
	put(p, PDF_SMALL, false, t->first, plot_x, plot_top + plot_h + 1, plot_w / 2, PDF_LEFT);
	put(p, PDF_SMALL, false, t->last, plot_x + plot_w / 2, plot_top + plot_h + 1, plot_w / 2,
		PDF_RIGHT);
	grey(p, 0);
	put(p, PDF_SMALL, false, t->note, x, plot_top + plot_h + 11, w, PDF_LEFT);
}

void pdf_trends(struct pdf *p, const struct pdf_trend *t, size_t n, const char *legend)
{
	const double gap = 18, w = (TEXT_W - gap) / 2, h = 112;

	if (legend)
		pdf_text(p, PDF_SMALL, legend);
	for (size_t i = 0; i < n; i += 2) {
		pdf_need(p, h);
		trend(p, &t[i], MARGIN_X, p->y, w);
		if (i + 1 < n)
			trend(p, &t[i + 1], MARGIN_X + w + gap, p->y, w);
		p->y += h;
	}
	p->y += 4;
}

/* ---- the document ---- */

/* The first pass measures: its bytes go nowhere. */
static cairo_status_t to_file(void *closure, const unsigned char *data, unsigned int length)
{
	FILE *f = closure;

	if (f && fwrite(data, 1, length, f) != length)
		return CAIRO_STATUS_WRITE_ERROR;
	return CAIRO_STATUS_SUCCESS;
}

static int set(FILE *f, const struct pdf_meta *meta, int pages,
	void (*content)(struct pdf *, void *), void *arg, int *pages_out, char **err)
{
	cairo_surface_t *s = cairo_pdf_surface_create_for_stream(to_file, f, PAGE_W, PAGE_H);
	struct pdf p = { .meta = meta, .page = 1, .pages = pages };
	cairo_status_t st;

	if (meta->title)
		cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_TITLE, meta->title);
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATOR, "Yigong " PACKAGE_VERSION);
	p.cr = cairo_create(s);
	page_head(&p);
	content(&p, arg);
	page_foot(&p);
	cairo_show_page(p.cr);
	st = cairo_status(p.cr);
	cairo_destroy(p.cr);
	cairo_surface_finish(s);
	if (st == CAIRO_STATUS_SUCCESS)
		st = cairo_surface_status(s);
	cairo_surface_destroy(s);
	if (st != CAIRO_STATUS_SUCCESS) {
		*err = yg_asprintf("%s", cairo_status_to_string(st));
		return -1;
	}
	*pages_out = p.page;
	return 0;
}

int pdf_write(FILE *f, const struct pdf_meta *meta,
	void (*content)(struct pdf *, void *), void *arg, char **err)
{
	int pages = 0;

	*err = NULL;
	if (set(NULL, meta, 0, content, arg, &pages, err) != 0)
		return -1;
	return set(f, meta, pages, content, arg, &pages, err);
}
