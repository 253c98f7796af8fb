#!/bin/sh
# kill -9 of a process in the middle of saving, 30 times: the database
# stays whole and keeps the last draft the process reported saved.
exec "${top_builddir:-.}/tests/stress" --crash 30 -s 1
