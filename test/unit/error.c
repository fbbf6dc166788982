/*
 * error.c
 *		Unit tests of siko_fail(): how a core reports what went wrong.
 */
#include "unit.h"

static bool
fail_with_number(SikoError *err, int n)
{
	return siko_fail(err, "22P02", "The value has %d digits.", n);
}

int
main(void)
{
	SikoError	err;
	char		longdetail[400];

	memset(&err, 'x', sizeof(err));
	CHECK(!fail_with_number(&err, 7));
	CHECK_STR(err.sqlstate, "22P02");
	CHECK_STR(err.detail, "The value has 7 digits.");

	/* no error struct: only the result */
	CHECK(!fail_with_number(NULL, 7));

	/* only five characters of the SQLSTATE are taken */
	CHECK(!siko_fail(&err, "22008xyz", "%s", "Out of range."));
	CHECK_STR(err.sqlstate, "22008");
	CHECK_STR(err.detail, "Out of range.");

	/* a detail longer than the buffer is cut, and stays terminated */
	memset(longdetail, 'a', sizeof(longdetail) - 1);
	longdetail[sizeof(longdetail) - 1] = '\0';
	CHECK(!siko_fail(&err, "22007", "%s", longdetail));
	CHECK(strlen(err.detail) == sizeof(err.detail) - 1);
	CHECK(err.detail[0] == 'a');

	/* a hint is set on a failed err; a new failure clears it */
	CHECK(!siko_fail_hint(&err, "Try %s.", "05512000"));
	CHECK_STR(err.hint, "Try 05512000.");
	CHECK(!fail_with_number(&err, 7));
	CHECK_STR(err.hint, "");
	CHECK(!siko_fail_hint(NULL, "%s", "nothing"));

	return unit_report("error");
}
