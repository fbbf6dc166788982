/*
 * siko.c
 *		Module magic and the shared error reporting of the fmgr glue.
 */
#include "siko.h"

#include "libpq/pqformat.h"

PG_MODULE_MAGIC;

int
siko_recv_version(StringInfo buf, const char *typname, int newest)
{
	int			version = pq_getmsgbyte(buf);

	if (version < 1 || version > newest)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("unsupported binary format version %d for type %s", version, typname),
				 errdetail("This version of siko reads binary %s values of versions 1 to %d.",
						   typname, newest),
				 errhint("Send the value in text form, or read it with the version of siko that wrote it.")));
	return version;
}

void
siko_report(const SikoError *err, const char *typname, const char *input,
			const char *hint)
{
	const char *s = err->sqlstate;
	int			code = MAKE_SQLSTATE(s[0], s[1], s[2], s[3], s[4]);
	const char *msgfmt;

	if (code == ERRCODE_DATETIME_VALUE_OUT_OF_RANGE ||
		code == ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE)
		msgfmt = "%s value out of range: \"%s\"";
	else if (code == ERRCODE_INVALID_TEXT_REPRESENTATION ||
			 code == ERRCODE_INVALID_DATETIME_FORMAT)
		msgfmt = "invalid input syntax for type %s: \"%s\"";
	else
		msgfmt = "invalid %s value: \"%s\"";

	ereport(ERROR,
			(errcode(code),
			 errmsg(msgfmt, typname, input),
			 err->detail[0] ? errdetail("%s", err->detail) : 0,
			 err->hint[0] ? errhint("%s", err->hint) : hint ? errhint("%s", hint) : 0));
	pg_unreachable();
}
