/*
 * unit.h
 *		A minimal test harness for the pure C cores: CHECK counts, and the
 *		program ends with "unit <name>: N checks ok, N checks failing".
 */
#ifndef SIKO_UNIT_H
#define SIKO_UNIT_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "siko_core.h"

static int	unit_passed;
static int	unit_failed;

#define CHECK(cond) \
	do { \
		if (cond) unit_passed++; \
		else { unit_failed++; fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond); } \
	} while (0)

#define CHECK_STR(got, want) \
	do { \
		const char *g_ = (got), *w_ = (want); \
		if (strcmp(g_, w_) == 0) unit_passed++; \
		else { unit_failed++; fprintf(stderr, "%s:%d: got \"%s\", want \"%s\"\n", __FILE__, __LINE__, g_, w_); } \
	} while (0)

static inline int
unit_report(const char *name)
{
	printf("unit %s: %d checks ok, %d checks failing\n", name, unit_passed, unit_failed);
	return unit_failed ? 1 : 0;
}

#endif
