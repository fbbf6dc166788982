/*
 * siko.c
 *		Module magic and the shared error reporting of the fmgr glue.
 */
#include "siko.h"

#include "libpq/pqformat.h"

PG_MODULE_MAGIC;

void
siko_recv_version(StringInfo buf, const char *typname)
{
	int			version = pq_getmsgbyte(buf);

	if (version != SIKO_WIRE_VERSION)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("unsupported binary format version %d for type %s", version, typname),
				 errdetail("This version of siko reads binary %s values of version %d only.",
						   typname, SIKO_WIRE_VERSION),
				 errhint("Send the value in text form, or read it with the version of siko that wrote it.")));
}

void
siko_report_soft(const SikoError *err, const char *typname, const char *input,
				 const char *hint, Node *escontext)
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

	errsave(escontext,
			(errcode(code),
			 errmsg(msgfmt, typname, input),
			 err->detail[0] ? errdetail("%s", err->detail) : 0,
			 hint ? errhint("%s", hint) : 0));
}

void
siko_report(const SikoError *err, const char *typname, const char *input,
			const char *hint)
{
	siko_report_soft(err, typname, input, hint, NULL);
	pg_unreachable();
}
