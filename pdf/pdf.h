/*
 * pdf.h — an A4 portrait document set with Cairo and Pango: headings,
 * paragraphs, tables that break across pages, bar and trend charts.  What
 * the monthly bulletin (bulletin-pdf.c) needs and nothing more.
 *
 * A document is set twice: pdf_write calls the caller's content function
 * once to measure (nothing is drawn; pages are only counted), then again to
 * draw, so that every page can say "page 3 of 7".  The content function must
 * therefore be a pure function of its argument: the same calls both times.
 *
 * Text is always plain text, never Pango markup: names from a county's
 * files cannot restyle the page.  Chinese is set in Noto Sans CJK SC
 * (Debian fonts-noto-cjk); Cairo embeds the subset of glyphs used.
 */
#ifndef YIGONG_PDF_H
#define YIGONG_PDF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

struct pdf;

/* What every page carries: a running head (left and right) and a foot line
 * (left; the page number goes right, "第 3 / 7 页" or "Page 3 of 7"). */
struct pdf_meta {
	const char *title;       /* also the PDF's Title */
	const char *head_left, *head_right, *foot_left;
	const char *page_fmt;    /* printf format with two %d: page, pages */
};

/* Writes the document to f (the caller's safe temporary; it stays open).
 * Returns 0, or -1 with *err set to a message (caller frees). */
int pdf_write(FILE *f, const struct pdf_meta *meta,
	void (*content)(struct pdf *, void *), void *arg, char **err);

enum pdf_style { PDF_BODY, PDF_SMALL, PDF_H1, PDF_H2, PDF_TITLE };

/* A block of wrapped text; a heading is kept with what follows it. */
void pdf_text(struct pdf *p, enum pdf_style style, const char *text);
void pdf_space(struct pdf *p, double points);
/* Starts a new page unless at least `points` remain on this one. */
void pdf_need(struct pdf *p, double points);

enum pdf_align { PDF_LEFT, PDF_RIGHT, PDF_CENTER };

/* A table: column widths are shares of the text width; cells wrap; a row
 * never splits, and the head row repeats on every page the table reaches. */
struct pdf_table {
	size_t ncols, nrows;
	const char *const *head;     /* ncols */
	const double *width;         /* ncols shares, summing to 1 */
	const enum pdf_align *align; /* ncols */
	const char *const *cell;     /* nrows x ncols, row by row; NULL is empty */
	const bool *flag;            /* nrows or NULL: rows drawn tinted (a miss) */
};
void pdf_table(struct pdf *p, const struct pdf_table *t);

/* Horizontal bars, one per label, longest first as given; value_text is
 * printed at the bar's end. */
struct pdf_bars {
	size_t n;
	const char *const *label;
	const double *value;       /* 0 .. max */
	const char *const *value_text;
	double max;
	const bool *flag;          /* n or NULL: bars drawn in the warning colour */
};
void pdf_bars(struct pdf *p, const struct pdf_bars *b);

/* Small trend charts, two to a row: a series of up to 24 points (NAN where
 * there is no figure), the year before dashed, and a threshold line. */
#define PDF_TREND_MAX 24
struct pdf_trend {
	const char *title;
	size_t n;
	double v[PDF_TREND_MAX];
	double prev[PDF_TREND_MAX]; /* the same months a year before, or NAN */
	double threshold;           /* NAN: none */
	double lo, hi;              /* the scale */
	const char *first, *last;   /* labels under the first and last point */
	const char *note;           /* under the chart: the latest figure */
};
void pdf_trends(struct pdf *p, const struct pdf_trend *t, size_t n, const char *legend);

#endif
