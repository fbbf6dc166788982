# siko: PostgreSQL extension (PGXS)
#
#   make && sudo make install    build and install into the server found by pg_config
#   make installcheck            pg_regress against a running server
#   make demo                    throwaway cluster, the register, a short report
#   make test                    throwaway cluster, every test, "N passed, N failed"
#   make test-citus              a Citus coordinator and two workers, test/citus (needs Citus)
#   make test-versions           make test on PostgreSQL 17 and 18 in Debian chroots (root)
#   make unit                    C unit tests of the pure cores (no server needed)
#   make fuzz-build              libFuzzer targets of the cores (clang)
#   make fuzz-long               each fuzz target for FUZZ_SECONDS (600)
#   make test-asan               make test's SQL suites under ASan and UBSan
#   make coverage                make test with gcov: line coverage per file of src/
#   make bench-copy              COPY of 10 million rows per type against date and int8
#   make bench-period            period point query and counting against plain SQL
#   make bench-register          the register's as-of API against plain SQL (long)
#   make bench-cache             the register cache: bytes per accession, memory of 20 connections
#   make bench-versions          bench-register in the chroots of make test-versions

EXTENSION	= siko
EXTVERSION	= $(shell sed -n "s/^default_version *= *'\(.*\)'/\1/p" siko.control)
MODULE_big	= siko

CORE_SRCS	= $(sort $(wildcard src/core/*.c))
GLUE_SRCS	= $(sort $(wildcard src/*.c))
OBJS		= $(CORE_SRCS:.c=.o) $(GLUE_SRCS:.c=.o)

# Install scripts (siko--X.Y.sql) and upgrade scripts (siko--X.Y--X.Z.sql).
# A released script is frozen: a change goes into a new version's script
# and an upgrade script to it.
DATA		= $(wildcard sql/$(EXTENSION)--*.sql) sql/$(EXTENSION)_territory_nrw.csv \
			  sql/$(EXTENSION)_registers.json

# pg_regress: sql/<name>.sql against expected/<name>.out; init runs first.
REGRESS_ALL	= $(patsubst sql/%.sql,%,$(filter-out sql/$(EXTENSION)--%,$(wildcard sql/*.sql)))
REGRESS		= init $(sort $(filter-out init,$(REGRESS_ALL)))
REGRESS_OPTS = --inputdir=.

# the server headers as system headers: their own warnings are not siko's
PG_CPPFLAGS	= -I$(srcdir)/src -isystem $(includedir_server)
PG_CFLAGS	= -Wall -Wextra -Wno-unused-parameter -Wno-missing-field-initializers

PG_CONFIG	?= pg_config

# Goals that need no PGXS of their own: the harness (test/run.sh) checks for
# the server headers, pgTAP and pg_prove, installs them when run as root,
# and calls make again with the pg_config of a private copy of the server.
NOPGXS_GOALS = demo test test-citus coverage test-versions bench-versions bench-copy bench-period bench-register bench-cache unit fuzz-build fuzz-long test-asan help
ifneq ($(strip $(MAKECMDGOALS)),)
ifeq ($(filter-out $(NOPGXS_GOALS),$(MAKECMDGOALS)),)
SIKO_NOPGXS = 1
endif
endif

ifndef SIKO_NOPGXS
# The major version of the server found, for the messages below.
PG_MAJOR	:= $(or $(shell $(PG_CONFIG) --version 2>/dev/null | sed -n 's/^PostgreSQL \([0-9][0-9]*\).*/\1/p'),NN)
PGXS		:= $(shell $(PG_CONFIG) --pgxs 2>/dev/null)
ifeq ($(PGXS),)
$(error $(PG_CONFIG) --pgxs found no PGXS: install the server headers (postgresql-server-dev-$(PG_MAJOR)), or run 'make test' or 'make demo' as root to have them installed)
endif
include $(PGXS)
# Debian's client package ships pg_config and PGXS without the server
# headers: say so before the compiler does.
ifneq ($(filter all install,$(or $(MAKECMDGOALS),all)),)
ifeq ($(wildcard $(includedir_server)/postgres.h),)
$(error $(includedir_server)/postgres.h is missing: install the server headers (sudo apt-get install -y postgresql-server-dev-$(PG_MAJOR)), or run 'make test' or 'make demo', which check for them)
endif
endif
endif

# PGXS tracks no header dependencies: every object depends on the headers.
$(CORE_SRCS:.c=.o): src/core/siko_core.h
$(GLUE_SRCS:.c=.o): $(wildcard src/*.h) src/core/siko_core.h

# ---------------------------------------------------------------------
# Tests outside the server: unit tests and fuzz targets of the pure cores
# ---------------------------------------------------------------------
UNIT_SRCS	= $(sort $(wildcard test/unit/*.c))
UNIT_BINS	= $(UNIT_SRCS:.c=)
CORE_CFLAGS	= -std=c99 -O1 -g -Wall -Wextra -Werror -Isrc/core

test/unit/%: test/unit/%.c $(CORE_SRCS) src/core/siko_core.h test/unit/unit.h
	$(CC) $(CORE_CFLAGS) -o $@ $< $(CORE_SRCS)

# Runs every program (each prints "unit NAME: N checks ok, N checks failing");
# fails when any of them fails.
unit: $(UNIT_BINS)
	@rc=0; for t in $(UNIT_BINS); do ./$$t || { echo "unit $$t: exit status $$?"; rc=1; }; done; exit $$rc

FUZZ_SRCS	= $(sort $(wildcard test/fuzz/fuzz_*.c))
FUZZ_BINS	= $(FUZZ_SRCS:.c=)
FUZZ_CC		= clang
FUZZ_CFLAGS	= -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all -Isrc/core

test/fuzz/fuzz_%: test/fuzz/fuzz_%.c $(CORE_SRCS) src/core/siko_core.h
	$(FUZZ_CC) $(FUZZ_CFLAGS) -o $@ $< $(CORE_SRCS)

fuzz-build: $(FUZZ_BINS)

EXTRA_CLEAN += $(UNIT_BINS) $(FUZZ_BINS)

# ---------------------------------------------------------------------
# The harness: a private copy of the server in a temporary directory, a
# throwaway cluster on a unix socket there, removed at the end (test/run.sh)
# ---------------------------------------------------------------------
demo:
	@bash test/run.sh demo

test:
	@bash test/run.sh test

# a Citus coordinator and two workers (skipped when Citus is not installed)
test-citus:
	@bash test/run.sh citus

# make test against a separate build with gcov (-O0 --coverage, in a copy
# of the tree); ends with the line coverage of every file of src/
coverage:
	@SIKO_COVERAGE=1 bash test/run.sh test

test-versions:
	@bash test/versions.sh

bench-versions:
	@bash test/versions.sh bench register

bench-copy:
	@bash test/run.sh bench copy_types
bench-period:
	@bash test/run.sh bench period
bench-register:
	@bash test/run.sh bench register
bench-cache:
	@bash test/run.sh bench cache

help:
	@sed -n 's/^#   //p' Makefile

.PHONY: unit fuzz-build demo test test-citus coverage test-versions bench-versions bench-copy bench-period bench-register bench-cache help

# Release and packaging: meta-check, dist, deb, deb-test
include test/packaging.mk
# Long fuzz runs and the sanitizer run: fuzz-long, test-asan
include test/reliability.mk
