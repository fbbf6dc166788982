/*
 * fuzzydate.c
 *		fmgr glue of siko.fuzzydate: I/O, btree and hash support, the cast
 *		from date and the accessors.  The work is done in core/fuzzydate.c.
 */
#include "siko.h"

#include "common/hashfn.h"
#include "lib/stringinfo.h"
#include "libpq/pqformat.h"
#include "utils/builtins.h"
#include "utils/sortsupport.h"


static const char *const fuzzydate_hint =
"Write an EDTF date: 2023, 2023-10, 2023-10-01, optionally followed by ? (uncertain), "
"~ (approximate) or % (both); 202X, 20XX, 2023-XX, 2023-XX-XX, 2023-10-XX; "
"2023-21 to 2023-41 (seasons, quarters, quadrimesters, semesters); "
"or one day of a range: [2023-08-07..2023-08-13], [..2022-03-03], [2020-07..].";

PG_FUNCTION_INFO_V1(siko_fuzzydate_in);
Datum
siko_fuzzydate_in(PG_FUNCTION_ARGS)
{
	char	   *s = PG_GETARG_CSTRING(0);
	SikoFuzzyDate *fd = palloc(sizeof(SikoFuzzyDate));
	SikoError	err;

	if (!siko_fuzzydate_parse(s, strlen(s), fd, &err))
	{
		siko_report_soft(&err, "fuzzydate", s, fuzzydate_hint, fcinfo->context);
		return (Datum) 0;
	}
	PG_RETURN_SIKO_FUZZYDATE_P(fd);
}

PG_FUNCTION_INFO_V1(siko_fuzzydate_out);
Datum
siko_fuzzydate_out(PG_FUNCTION_ARGS)
{
	SikoFuzzyDate *fd = PG_GETARG_SIKO_FUZZYDATE_P(0);
	char	   *buf = palloc(SIKO_FUZZYDATE_BUFLEN);

	siko_fuzzydate_format(fd, buf, SIKO_FUZZYDATE_BUFLEN);
	PG_RETURN_CSTRING(buf);
}

/* wire format: version byte, then lo, hi (int4), form, qual, sub (int1) */
void
siko_fuzzydate_send_fields(StringInfo buf, const SikoFuzzyDate *fd)
{
	pq_sendint32(buf, fd->lo);
	pq_sendint32(buf, fd->hi);
	pq_sendbyte(buf, fd->form);
	pq_sendbyte(buf, fd->qual);
	pq_sendbyte(buf, fd->sub);
}

void
siko_fuzzydate_recv_fields(StringInfo buf, SikoFuzzyDate *fd)
{
	fd->lo = pq_getmsgint(buf, 4);
	fd->hi = pq_getmsgint(buf, 4);
	fd->form = pq_getmsgbyte(buf);
	fd->qual = pq_getmsgbyte(buf);
	fd->sub = pq_getmsgbyte(buf);
	fd->pad = 0;
}

PG_FUNCTION_INFO_V1(siko_fuzzydate_recv);
Datum
siko_fuzzydate_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	SikoFuzzyDate *fd = palloc(sizeof(SikoFuzzyDate));
	SikoError	err;

	siko_recv_version(buf, "fuzzydate", SIKO_WIRE_VERSION);
	siko_fuzzydate_recv_fields(buf, fd);
	if (!siko_fuzzydate_valid(fd, &err))
		siko_report_binary(&err, "fuzzydate", siko_fuzzydate_fields_text(fd),
						   "Send the value in text form, e.g. 2023-10-01, 2020-21 or [2023-08-07..2023-08-13].");
	PG_RETURN_SIKO_FUZZYDATE_P(fd);
}

PG_FUNCTION_INFO_V1(siko_fuzzydate_send);
Datum
siko_fuzzydate_send(PG_FUNCTION_ARGS)
{
	StringInfoData buf;

	pq_begintypsend(&buf);
	pq_sendbyte(&buf, SIKO_WIRE_VERSION);
	siko_fuzzydate_send_fields(&buf, PG_GETARG_SIKO_FUZZYDATE_P(0));
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

/* ---- btree ---- */

#define FD_CMP() \
	siko_fuzzydate_cmp(PG_GETARG_SIKO_FUZZYDATE_P(0), PG_GETARG_SIKO_FUZZYDATE_P(1))

PG_FUNCTION_INFO_V1(siko_fuzzydate_cmp_sql);
Datum
siko_fuzzydate_cmp_sql(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT32(FD_CMP());
}

PG_FUNCTION_INFO_V1(siko_fuzzydate_eq);
Datum
siko_fuzzydate_eq(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(FD_CMP() == 0);
}

PG_FUNCTION_INFO_V1(siko_fuzzydate_ne);
Datum
siko_fuzzydate_ne(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(FD_CMP() != 0);
}

PG_FUNCTION_INFO_V1(siko_fuzzydate_lt);
Datum
siko_fuzzydate_lt(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(FD_CMP() < 0);
}

PG_FUNCTION_INFO_V1(siko_fuzzydate_le);
Datum
siko_fuzzydate_le(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(FD_CMP() <= 0);
}

PG_FUNCTION_INFO_V1(siko_fuzzydate_gt);
Datum
siko_fuzzydate_gt(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(FD_CMP() > 0);
}

PG_FUNCTION_INFO_V1(siko_fuzzydate_ge);
Datum
siko_fuzzydate_ge(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(FD_CMP() >= 0);
}

static int
fuzzydate_fastcmp(Datum a, Datum b, SortSupport ssup)
{
	return siko_fuzzydate_cmp(DatumGetSikoFuzzyDateP(a), DatumGetSikoFuzzyDateP(b));
}

PG_FUNCTION_INFO_V1(siko_fuzzydate_sortsupport);
Datum
siko_fuzzydate_sortsupport(PG_FUNCTION_ARGS)
{
	SortSupport ssup = (SortSupport) PG_GETARG_POINTER(0);

	ssup->comparator = fuzzydate_fastcmp;
	PG_RETURN_VOID();
}

/*
 * ---- hash: over the fields that equality compares ----
 *
 * The fields are packed into 11 bytes in a fixed (big-endian) order, so
 * that the hash is the same on every platform (hash partitioning), and
 * hashed with hash_bytes; with seed 0 the low 32 bits of the extended hash
 * equal the standard hash, as PostgreSQL's hash opclasses expect.
 */
void
siko_fuzzydate_hashkey(const SikoFuzzyDate *fd, unsigned char *k)
{
	uint32		lo = (uint32) fd->lo;
	uint32		hi = (uint32) fd->hi;

	for (int i = 0; i < 4; i++)
	{
		k[i] = (unsigned char) (lo >> (24 - 8 * i));
		k[4 + i] = (unsigned char) (hi >> (24 - 8 * i));
	}
	k[8] = fd->form;
	k[9] = fd->qual;
	k[10] = fd->sub;
}

PG_FUNCTION_INFO_V1(siko_fuzzydate_hash);
Datum
siko_fuzzydate_hash(PG_FUNCTION_ARGS)
{
	unsigned char k[SIKO_FUZZYDATE_HASHKEY];

	siko_fuzzydate_hashkey(PG_GETARG_SIKO_FUZZYDATE_P(0), k);
	PG_RETURN_UINT32(hash_bytes(k, SIKO_FUZZYDATE_HASHKEY));
}

PG_FUNCTION_INFO_V1(siko_fuzzydate_hash_extended);
Datum
siko_fuzzydate_hash_extended(PG_FUNCTION_ARGS)
{
	unsigned char k[SIKO_FUZZYDATE_HASHKEY];

	siko_fuzzydate_hashkey(PG_GETARG_SIKO_FUZZYDATE_P(0), k);
	PG_RETURN_UINT64(hash_bytes_extended(k, SIKO_FUZZYDATE_HASHKEY, PG_GETARG_INT64(1)));
}

/* ---- the cast from date, and the accessors ---- */

PG_FUNCTION_INFO_V1(siko_fuzzydate_from_date);
Datum
siko_fuzzydate_from_date(PG_FUNCTION_ARGS)
{
	DateADT		d = PG_GETARG_DATEADT(0);
	SikoFuzzyDate *fd;

	if (DATE_NOT_FINITE(d))
	{
		const char *name = DATE_IS_NOBEGIN(d) ? "-infinity" : "infinity";

		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("fuzzydate value out of range: \"%s\"", name),
				 errdetail("A fuzzydate is a day of the calendar, and %s is not a day.", name),
				 errhint("For a day known only to be at the latest or at the earliest some day, write a range: [..2022-03-03] or [2020-07..].")));
	}
	fd = palloc(sizeof(SikoFuzzyDate));
	siko_fuzzydate_from_day(d, fd);
	PG_RETURN_SIKO_FUZZYDATE_P(fd);
}

PG_FUNCTION_INFO_V1(siko_fuzzydate_earliest);
Datum
siko_fuzzydate_earliest(PG_FUNCTION_ARGS)
{
	PG_RETURN_DATEADT(PG_GETARG_SIKO_FUZZYDATE_P(0)->lo);
}

PG_FUNCTION_INFO_V1(siko_fuzzydate_latest);
Datum
siko_fuzzydate_latest(PG_FUNCTION_ARGS)
{
	PG_RETURN_DATEADT(PG_GETARG_SIKO_FUZZYDATE_P(0)->hi);
}

PG_FUNCTION_INFO_V1(siko_fuzzydate_precision_sql);
Datum
siko_fuzzydate_precision_sql(PG_FUNCTION_ARGS)
{
	PG_RETURN_TEXT_P(cstring_to_text(siko_fuzzydate_precision(PG_GETARG_SIKO_FUZZYDATE_P(0))));
}

PG_FUNCTION_INFO_V1(siko_fuzzydate_before_sql);
Datum
siko_fuzzydate_before_sql(PG_FUNCTION_ARGS)
{
	PG_RETURN_SIKO_TRIVALUE(siko_fuzzydate_before(PG_GETARG_SIKO_FUZZYDATE_P(0),
												  PG_GETARG_DATEADT(1)));
}

PG_FUNCTION_INFO_V1(siko_fuzzydate_after_sql);
Datum
siko_fuzzydate_after_sql(PG_FUNCTION_ARGS)
{
	PG_RETURN_SIKO_TRIVALUE(siko_fuzzydate_after(PG_GETARG_SIKO_FUZZYDATE_P(0),
												 PG_GETARG_DATEADT(1)));
}
