# Deployment: the man page and the setgid install (doc/deploy.md).
dist_man_MANS = doc/yigong.1
EXTRA_DIST += doc/deploy.md

# The group that owns the database (doc/deploy.md).  The program is setgid to
# it only when installed by root and the group exists; anything else is a
# private install (tests, a developer's prefix) and says so.
YIGONG_GROUP = yigong
install-exec-hook:
	@f='$(DESTDIR)$(bindir)/yigong$(EXEEXT)'; \
	if test "`id -u`" = 0 && getent group '$(YIGONG_GROUP)' >/dev/null 2>&1; then \
		chgrp '$(YIGONG_GROUP)' "$$f" && chmod 2755 "$$f" && \
		echo "yigong: installed $$f setgid $(YIGONG_GROUP) (see doc/deploy.md)"; \
	else \
		echo "yigong: $$f is not setgid: install as root after 'groupadd --system $(YIGONG_GROUP)' for a shared database (doc/deploy.md)"; \
	fi
