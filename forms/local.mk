# The form specs and their rules: one file per form, one registry.
noinst_LIBRARIES += forms/libforms.a
forms_libforms_a_SOURCES = forms/forms.h forms/registry.c forms/common.c \
	forms/staffing.c forms/sentdown.c forms/familydoc.c forms/capacity.c \
	forms/procurement.c forms/services.c forms/insurance.c forms/targets.c \
	forms/outcomes.c forms/outcomes.h forms/dashboard.c forms/dashboard.h \
	forms/bulletin.c forms/bulletin.h forms/demo.c forms/demo.h \
	forms/figures.c forms/figures.h
