# The monthly bulletin as an A4 PDF, set with Cairo and Pango: the page
# engine (pdf.c) and the bulletin's layout (bulletin-pdf.c).  `yigong
# bulletin` (cli/) and the dashboard's p key (tui/) both call it.
yigong_SOURCES += pdf/pdf.c pdf/pdf.h pdf/bulletin-pdf.c pdf/bulletin-pdf.h
yigong_CFLAGS += $(PDF_CFLAGS)
yigong_LDADD += $(PDF_LIBS)
