/*
 * odbc_check: run statements through an ODBC data source and print what a
 * reporting tool would get, in the text form of COPY ... TO STDOUT.
 *
 *   odbc_check DSN STEP...
 *
 * Every STEP runs in one transaction, rolled back at the end:
 *   -s SQL           run SQL, discard the result (setup)
 *   -q SQL ARG...    prepare SQL, bind one ARG per parameter marker, run it
 *                    and print its result
 * An ARG is TYPE:VALUE with TYPE s (text), d (date YYYY-MM-DD), i (integer)
 * or n (NULL).  For each -q the program prints
 *   #columns N
 *   #col NAME <tab> SQL_TYPE <tab> SERVER_TYPE_NAME
 *   #params N
 * and then the rows, one line each, columns separated by tabs, NULL as \N,
 * booleans as t/f, dates as YYYY-MM-DD, text escaped as COPY escapes it.
 * Each column is fetched as the C type its SQL type calls for (a date as
 * SQL_DATE_STRUCT, an integer as a 64-bit integer, a bit as a bit), so a
 * value that a tool could not use makes the program fail; a column of any
 * type but character, integer, date or bit is reported and fails too.
 * Exit status: 0 when every step ran, 1 otherwise (the reason on stderr).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sql.h>
#include <sqlext.h>

static SQLHENV env;
static SQLHDBC dbc;

static void
diag(SQLSMALLINT kind, SQLHANDLE h, const char *what)
{
	SQLCHAR		state[6];
	SQLCHAR		msg[1024];
	SQLINTEGER	native;
	SQLSMALLINT len;
	SQLSMALLINT i = 1;

	fprintf(stderr, "odbc_check: %s failed\n", what);
	while (SQL_SUCCEEDED(SQLGetDiagRec(kind, h, i++, state, &native, msg,
									   sizeof(msg), &len)))
		fprintf(stderr, "  %s: %s\n", (char *) state, (char *) msg);
}

#define CHECK(rc, kind, h, what) \
	do { if (!SQL_SUCCEEDED(rc)) { diag(kind, h, what); return 1; } } while (0)

static const char *
sql_type_name(SQLSMALLINT t)
{
	switch (t)
	{
		case SQL_CHAR: return "SQL_CHAR";
		case SQL_VARCHAR: return "SQL_VARCHAR";
		case SQL_LONGVARCHAR: return "SQL_LONGVARCHAR";
		case SQL_WCHAR: return "SQL_WCHAR";
		case SQL_WVARCHAR: return "SQL_WVARCHAR";
		case SQL_WLONGVARCHAR: return "SQL_WLONGVARCHAR";
		case SQL_SMALLINT: return "SQL_SMALLINT";
		case SQL_INTEGER: return "SQL_INTEGER";
		case SQL_BIGINT: return "SQL_BIGINT";
		case SQL_TYPE_DATE: return "SQL_TYPE_DATE";
		case SQL_BIT: return "SQL_BIT";
		case SQL_BINARY: return "SQL_BINARY";
		case SQL_VARBINARY: return "SQL_VARBINARY";
		case SQL_LONGVARBINARY: return "SQL_LONGVARBINARY";
		case SQL_NUMERIC: return "SQL_NUMERIC";
		case SQL_DOUBLE: return "SQL_DOUBLE";
		case SQL_TYPE_TIMESTAMP: return "SQL_TYPE_TIMESTAMP";
		case SQL_GUID: return "SQL_GUID";
		default: return NULL;
	}
}

static int
is_char_type(SQLSMALLINT t)
{
	return t == SQL_CHAR || t == SQL_VARCHAR || t == SQL_LONGVARCHAR ||
		t == SQL_WCHAR || t == SQL_WVARCHAR || t == SQL_WLONGVARCHAR;
}

/* Print text as COPY's text format escapes it. */
static void
put_text(const char *s)
{
	for (; *s; s++)
	{
		switch (*s)
		{
			case '\\': fputs("\\\\", stdout); break;
			case '\t': fputs("\\t", stdout); break;
			case '\n': fputs("\\n", stdout); break;
			case '\r': fputs("\\r", stdout); break;
			default: putchar(*s);
		}
	}
}

/* Fetch column c of the current row as text of any length. */
static int
get_text(SQLHSTMT st, SQLUSMALLINT c, char **out, int *isnull)
{
	size_t		cap = 256, used = 0;
	char	   *buf = malloc(cap);
	SQLLEN		ind;
	SQLRETURN	rc;

	*isnull = 0;
	for (;;)
	{
		rc = SQLGetData(st, c, SQL_C_CHAR, buf + used, (SQLLEN) (cap - used), &ind);
		if (rc == SQL_NO_DATA)
			break;
		if (!SQL_SUCCEEDED(rc))
		{
			diag(SQL_HANDLE_STMT, st, "SQLGetData (text)");
			free(buf);
			return 1;
		}
		if (ind == SQL_NULL_DATA)
		{
			*isnull = 1;
			break;
		}
		if (rc == SQL_SUCCESS)
			break;
		/* truncated: the buffer is full but for the terminator */
		used = cap - 1;
		cap *= 2;
		buf = realloc(buf, cap);
	}
	*out = buf;
	return 0;
}

static int
bind_arg(SQLHSTMT st, SQLUSMALLINT n, const char *arg, SQLLEN *ind,
		 SQL_DATE_STRUCT *date, SQLBIGINT *num)
{
	const char *v = arg + 2;

	if (strlen(arg) < 2 || arg[1] != ':')
	{
		fprintf(stderr, "odbc_check: bad argument \"%s\"\n", arg);
		return 1;
	}
	switch (arg[0])
	{
		case 's':
			*ind = SQL_NTS;
			return !SQL_SUCCEEDED(SQLBindParameter(st, n, SQL_PARAM_INPUT, SQL_C_CHAR,
												   SQL_VARCHAR, 255, 0, (SQLPOINTER) v, 0, ind));
		case 'n':
			*ind = SQL_NULL_DATA;
			return !SQL_SUCCEEDED(SQLBindParameter(st, n, SQL_PARAM_INPUT, SQL_C_CHAR,
												   SQL_VARCHAR, 255, 0, NULL, 0, ind));
		case 'i':
			*num = strtoll(v, NULL, 10);
			*ind = 0;
			return !SQL_SUCCEEDED(SQLBindParameter(st, n, SQL_PARAM_INPUT, SQL_C_SBIGINT,
												   SQL_BIGINT, 0, 0, num, 0, ind));
		case 'd':
			{
				int			y, m, d;

				if (sscanf(v, "%d-%d-%d", &y, &m, &d) != 3)
				{
					fprintf(stderr, "odbc_check: bad date \"%s\"\n", v);
					return 1;
				}
				date->year = (SQLSMALLINT) y;
				date->month = (SQLUSMALLINT) m;
				date->day = (SQLUSMALLINT) d;
				*ind = 0;
				return !SQL_SUCCEEDED(SQLBindParameter(st, n, SQL_PARAM_INPUT, SQL_C_TYPE_DATE,
													   SQL_TYPE_DATE, 10, 0, date, 0, ind));
			}
		default:
			fprintf(stderr, "odbc_check: bad argument type in \"%s\"\n", arg);
			return 1;
	}
}

static int
run_query(const char *sql, char **args, int nargs, int *used)
{
	SQLHSTMT	st;
	SQLSMALLINT ncols, nparams, c;
	SQLRETURN	rc;
	SQLLEN		ind[16];
	SQL_DATE_STRUCT dates[16];
	SQLBIGINT	nums[16];
	SQLSMALLINT types[256];

	CHECK(SQLAllocHandle(SQL_HANDLE_STMT, dbc, &st), SQL_HANDLE_DBC, dbc, "SQLAllocHandle");
	CHECK(SQLPrepare(st, (SQLCHAR *) sql, SQL_NTS), SQL_HANDLE_STMT, st, "SQLPrepare");
	CHECK(SQLNumParams(st, &nparams), SQL_HANDLE_STMT, st, "SQLNumParams");
	if (nparams > nargs || nparams > 16)
	{
		fprintf(stderr, "odbc_check: %d parameter markers but %d arguments in: %s\n",
				nparams, nargs, sql);
		return 1;
	}
	for (c = 0; c < nparams; c++)
		if (bind_arg(st, (SQLUSMALLINT) (c + 1), args[c], &ind[c], &dates[c], &nums[c]))
		{
			diag(SQL_HANDLE_STMT, st, "SQLBindParameter");
			return 1;
		}
	*used = nparams;
	CHECK(SQLExecute(st), SQL_HANDLE_STMT, st, "SQLExecute");
	CHECK(SQLNumResultCols(st, &ncols), SQL_HANDLE_STMT, st, "SQLNumResultCols");
	if (ncols > 256)
		return 1;
	printf("#columns %d\n", ncols);
	for (c = 1; c <= ncols; c++)
	{
		SQLCHAR		name[256];
		SQLCHAR		tname[256];
		SQLSMALLINT nlen, dec, nullable;
		SQLULEN		size;
		SQLSMALLINT tlen;
		const char *tn;

		CHECK(SQLDescribeCol(st, (SQLUSMALLINT) c, name, sizeof(name), &nlen, &types[c - 1],
							 &size, &dec, &nullable), SQL_HANDLE_STMT, st, "SQLDescribeCol");
		CHECK(SQLColAttribute(st, (SQLUSMALLINT) c, SQL_DESC_TYPE_NAME, tname, sizeof(tname),
							  &tlen, NULL), SQL_HANDLE_STMT, st, "SQLColAttribute");
		tn = sql_type_name(types[c - 1]);
		if (tn)
			printf("#col %s\t%s\t%s\n", (char *) name, tn, (char *) tname);
		else
			printf("#col %s\tSQL type %d\t%s\n", (char *) name, types[c - 1], (char *) tname);
	}
	printf("#params %d\n", nparams);
	while ((rc = SQLFetch(st)) != SQL_NO_DATA)
	{
		CHECK(rc, SQL_HANDLE_STMT, st, "SQLFetch");
		for (c = 1; c <= ncols; c++)
		{
			SQLSMALLINT t = types[c - 1];
			SQLLEN		len;

			if (c > 1)
				putchar('\t');
			if (is_char_type(t))
			{
				char	   *s;
				int			isnull;

				if (get_text(st, (SQLUSMALLINT) c, &s, &isnull))
					return 1;
				if (isnull)
					fputs("\\N", stdout);
				else
					put_text(s);
				free(s);
			}
			else if (t == SQL_SMALLINT || t == SQL_INTEGER || t == SQL_BIGINT)
			{
				SQLBIGINT	v;

				CHECK(SQLGetData(st, (SQLUSMALLINT) c, SQL_C_SBIGINT, &v, 0, &len),
					  SQL_HANDLE_STMT, st, "SQLGetData (integer)");
				if (len == SQL_NULL_DATA)
					fputs("\\N", stdout);
				else
					printf("%lld", (long long) v);
			}
			else if (t == SQL_TYPE_DATE)
			{
				SQL_DATE_STRUCT v;

				CHECK(SQLGetData(st, (SQLUSMALLINT) c, SQL_C_TYPE_DATE, &v, 0, &len),
					  SQL_HANDLE_STMT, st, "SQLGetData (date)");
				if (len == SQL_NULL_DATA)
					fputs("\\N", stdout);
				else
					printf("%04d-%02d-%02d", v.year, v.month, v.day);
			}
			else if (t == SQL_BIT)
			{
				unsigned char v;

				CHECK(SQLGetData(st, (SQLUSMALLINT) c, SQL_C_BIT, &v, 0, &len),
					  SQL_HANDLE_STMT, st, "SQLGetData (bit)");
				if (len == SQL_NULL_DATA)
					fputs("\\N", stdout);
				else
					putchar(v ? 't' : 'f');
			}
			else
			{
				fprintf(stderr, "odbc_check: column %d has SQL type %d, which a reporting "
						"tool cannot read as text, number, date or boolean\n", c, t);
				return 1;
			}
		}
		putchar('\n');
	}
	SQLFreeHandle(SQL_HANDLE_STMT, st);
	return 0;
}

static int
run_setup(const char *sql)
{
	SQLHSTMT	st;

	CHECK(SQLAllocHandle(SQL_HANDLE_STMT, dbc, &st), SQL_HANDLE_DBC, dbc, "SQLAllocHandle");
	CHECK(SQLExecDirect(st, (SQLCHAR *) sql, SQL_NTS), SQL_HANDLE_STMT, st, sql);
	SQLFreeHandle(SQL_HANDLE_STMT, st);
	return 0;
}

int
main(int argc, char **argv)
{
	int			i;
	int			failed = 0;

	if (argc < 2)
	{
		fprintf(stderr, "usage: odbc_check DSN [-s SQL | -q SQL ARG...]...\n");
		return 2;
	}
	SQLAllocHandle(SQL_HANDLE_ENV, SQL_NULL_HANDLE, &env);
	SQLSetEnvAttr(env, SQL_ATTR_ODBC_VERSION, (SQLPOINTER) SQL_OV_ODBC3, 0);
	SQLAllocHandle(SQL_HANDLE_DBC, env, &dbc);
	CHECK(SQLConnect(dbc, (SQLCHAR *) argv[1], SQL_NTS, NULL, 0, NULL, 0),
		  SQL_HANDLE_DBC, dbc, "SQLConnect");
	CHECK(SQLSetConnectAttr(dbc, SQL_ATTR_AUTOCOMMIT, (SQLPOINTER) SQL_AUTOCOMMIT_OFF, 0),
		  SQL_HANDLE_DBC, dbc, "turning autocommit off");

	for (i = 2; i < argc && !failed; i++)
	{
		if (strcmp(argv[i], "-s") == 0 && i + 1 < argc)
			failed = run_setup(argv[++i]);
		else if (strcmp(argv[i], "-q") == 0 && i + 1 < argc)
		{
			const char *sql = argv[++i];
			int			nargs = 0, used = 0;

			while (i + 1 + nargs < argc && argv[i + 1 + nargs][0] != '-')
				nargs++;
			printf("#query %s\n", sql);
			failed = run_query(sql, argv + i + 1, nargs, &used);
			if (!failed && used != nargs)
			{
				fprintf(stderr, "odbc_check: %d arguments but %d parameter markers in: %s\n",
						nargs, used, sql);
				failed = 1;
			}
			i += nargs;
		}
		else
		{
			fprintf(stderr, "odbc_check: unexpected argument \"%s\"\n", argv[i]);
			failed = 1;
		}
	}
	SQLEndTran(SQL_HANDLE_DBC, dbc, SQL_ROLLBACK);
	SQLDisconnect(dbc);
	SQLFreeHandle(SQL_HANDLE_DBC, dbc);
	SQLFreeHandle(SQL_HANDLE_ENV, env);
	fflush(stdout);
	return failed;
}
