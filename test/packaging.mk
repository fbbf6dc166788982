# Release and packaging targets, included by the Makefile.
#
#   make meta-check   validate META.json (PGXN meta-spec 1.0.0) and that its
#                     version is the control file's default_version
#   make dist         siko-<version>.tar.gz of the committed tree (git archive),
#                     into DIST_DIR (default: the source directory)
#   make deb          the Debian package postgresql-<pg>-siko, built from the
#                     working tree with dpkg-buildpackage into $(DEB_OUTDIR)
#   make deb-test     make deb, then install the package into a copy of the
#                     server and a fresh cluster and run CREATE EXTENSION siko
#
# The version comes from siko.control (EXTVERSION, set by the Makefile).

PYTHON3		?= python3
DIST_NAME	= $(EXTENSION)-$(EXTVERSION)
DIST_DIR	?= .
DEB_OUTDIR	?= build/deb

meta-check:
	$(PYTHON3) test/packaging/validate_meta.py .

# The tarball holds exactly what HEAD holds; commit first.
dist: meta-check
	@git diff --quiet HEAD -- || echo "note: uncommitted changes are not in $(DIST_NAME).tar.gz (it is made from HEAD)"
	git archive --format=tar.gz --prefix=$(DIST_NAME)/ -o $(DIST_DIR)/$(DIST_NAME).tar.gz HEAD
	@echo "$(DIST_DIR)/$(DIST_NAME).tar.gz: $$(tar tzf $(DIST_DIR)/$(DIST_NAME).tar.gz | grep -vc '/$$') files"

deb:
	test/packaging/build_deb.sh $(DEB_OUTDIR)

deb-test: deb
	test/packaging/deb_install_test.sh $(DEB_OUTDIR)

EXTRA_CLEAN += $(DIST_NAME).tar.gz

.PHONY: meta-check dist deb deb-test
