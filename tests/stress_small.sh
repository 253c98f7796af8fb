#!/bin/sh
# Eight processes (two clerks of one institution, clerks of two others, a
# reviewer; some logins twice) racing on one database for about a second;
# tests/stress.c says what is checked.  `make stress` runs the long version.
exec "${top_builddir:-.}/tests/stress" -n 8 -m 80 -s 1
