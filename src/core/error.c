/*
 * error.c
 *		SikoError: how a pure core says what went wrong.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "siko_core.h"

bool
siko_fail(SikoError *err, const char *sqlstate, const char *fmt,...)
{
	va_list		ap;

	if (err == NULL)
		return false;
	memcpy(err->sqlstate, sqlstate, 5);
	err->sqlstate[5] = '\0';
	va_start(ap, fmt);
	vsnprintf(err->detail, sizeof(err->detail), fmt, ap);
	va_end(ap);
	err->hint[0] = '\0';
	return false;
}

bool
siko_fail_hint(SikoError *err, const char *fmt,...)
{
	va_list		ap;

	if (err == NULL)
		return false;
	va_start(ap, fmt);
	vsnprintf(err->hint, sizeof(err->hint), fmt, ap);
	va_end(ap);
	return false;
}
