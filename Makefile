# siko: PostgreSQL extension (PGXS)
#
#   make && sudo make install    build and install into the server found by pg_config
#   make installcheck            pg_regress against a running server
#   make demo                    throwaway cluster, the register, a short report
#   make test                    throwaway cluster, every test, "N passed, N failed"

EXTENSION	= siko
EXTVERSION	= $(shell sed -n "s/^default_version *= *'\(.*\)'/\1/p" siko.control)
MODULE_big	= siko

CORE_SRCS	= $(sort $(wildcard src/core/*.c))
GLUE_SRCS	= $(sort $(wildcard src/*.c))
OBJS		= $(CORE_SRCS:.c=.o) $(GLUE_SRCS:.c=.o)

# The install script of the version under development is assembled from
# sql/parts/ (one file per concern); released scripts are frozen files.
SQL_PARTS	= $(sort $(wildcard sql/parts/*.sql))
DATA		= sql/$(EXTENSION)--$(EXTVERSION).sql $(filter-out sql/$(EXTENSION)--$(EXTVERSION).sql,$(wildcard sql/$(EXTENSION)--*.sql))
EXTRA_CLEAN	= sql/$(EXTENSION)--$(EXTVERSION).sql

# pg_regress: sql/<name>.sql against expected/<name>.out; init runs first.
REGRESS_ALL	= $(patsubst sql/%.sql,%,$(filter-out sql/$(EXTENSION)--%,$(wildcard sql/*.sql)))
REGRESS		= init $(sort $(filter-out init,$(REGRESS_ALL)))
REGRESS_OPTS = --inputdir=. --load-extension=btree_gist

PG_CPPFLAGS	= -I$(srcdir)/src
PG_CFLAGS	= -Wall -Wextra -Wno-unused-parameter -Wno-missing-field-initializers

PG_CONFIG	?= pg_config
PGXS		:= $(shell $(PG_CONFIG) --pgxs 2>/dev/null)
ifeq ($(PGXS),)
$(error pg_config --pgxs found no PGXS: install the server headers (postgresql-server-dev-15), or run 'make test' / 'make demo' as root to have them installed)
endif
include $(PGXS)

sql/$(EXTENSION)--$(EXTVERSION).sql: $(SQL_PARTS) siko.control
	cat $(SQL_PARTS) > $@

all: sql/$(EXTENSION)--$(EXTVERSION).sql

# ---------------------------------------------------------------------
# Tests outside the server: unit tests and fuzz targets of the pure cores
# ---------------------------------------------------------------------
UNIT_SRCS	= $(sort $(wildcard test/unit/*.c))
UNIT_BINS	= $(UNIT_SRCS:.c=)
CORE_CFLAGS	= -std=c99 -O1 -g -Wall -Wextra -Werror -Isrc/core

test/unit/%: test/unit/%.c $(CORE_SRCS) src/core/siko_core.h test/unit/unit.h
	$(CC) $(CORE_CFLAGS) -o $@ $< $(CORE_SRCS)

unit: $(UNIT_BINS)
	@for t in $(UNIT_BINS); do ./$$t || exit 1; done

FUZZ_SRCS	= $(sort $(wildcard test/fuzz/fuzz_*.c))
FUZZ_BINS	= $(FUZZ_SRCS:.c=)
FUZZ_CC		= clang
FUZZ_CFLAGS	= -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all -Isrc/core

test/fuzz/fuzz_%: test/fuzz/fuzz_%.c $(CORE_SRCS) src/core/siko_core.h
	$(FUZZ_CC) $(FUZZ_CFLAGS) -o $@ $< $(CORE_SRCS)

fuzz-build: $(FUZZ_BINS)

EXTRA_CLEAN += $(UNIT_BINS) $(FUZZ_BINS)

.PHONY: unit fuzz-build

# Release and packaging: meta-check, dist, deb, deb-test
include test/packaging.mk
