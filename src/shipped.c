/*
 * shipped.c
 *		siko.shipped_data(name): the text of a data file installed with the
 *		extension (PGXS DATA, next to the control file in the server's
 *		share/extension directory): the territory reference, read by the
 *		install and update scripts, and the registers of the press releases,
 *		read by siko.load_register().
 *
 * Only the files named in the list below can be read, and only from that
 * directory: the name is compared with the list, never used as a path.
 */
#include "siko.h"

#include <sys/stat.h>

#include "mb/pg_wchar.h"
#include "miscadmin.h"
#include "storage/fd.h"
#include "utils/builtins.h"

PG_FUNCTION_INFO_V1(siko_shipped_data);

/* the data files of the extension (Makefile: DATA) */
static const char *const shipped_files[] = {
	"siko_territory_nrw.csv",
	"siko_registers.json",
};

/* larger than any shipped file, small enough to hold in memory */
#define SHIPPED_MAX_BYTES (64 * 1024 * 1024)

static const char *
shipped_file_name(const char *name)
{
	StringInfoData list;

	for (int i = 0; i < (int) lengthof(shipped_files); i++)
		if (strcmp(name, shipped_files[i]) == 0)
			return shipped_files[i];

	/* the hint names them all: "a, b and c" */
	initStringInfo(&list);
	for (int i = 0; i < (int) lengthof(shipped_files); i++)
	{
		int			last = (int) lengthof(shipped_files) - 1;

		appendStringInfo(&list, "%s%s", i == 0 ? "" : i == last ? " and " : ", ",
						 shipped_files[i]);
	}
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("unknown shipped data file: \"%s\"", name),
			 errdetail("siko.shipped_data() reads only the data files installed with siko, by name."),
			 errhint("The shipped data files are %s.", list.data)));
	pg_unreachable();
}

Datum
siko_shipped_data(PG_FUNCTION_ARGS)
{
	char	   *name = text_to_cstring(PG_GETARG_TEXT_PP(0));
	char		sharepath[MAXPGPATH];
	char		path[MAXPGPATH];
	struct stat st;
	FILE	   *f;
	char	   *buf;
	size_t		n;
	char	   *converted;

	get_share_path(my_exec_path, sharepath);
	snprintf(path, sizeof(path), "%s/extension/%s", sharepath, shipped_file_name(name));

	f = AllocateFile(path, PG_BINARY_R);
	if (f == NULL || fstat(fileno(f), &st) != 0)
		ereport(ERROR,
				(errcode_for_file_access(),
				 errmsg("could not read shipped data file \"%s\": %m", path),
				 errdetail("The file is installed with siko (make install) next to siko.control."),
				 errhint("Install siko again from the same build.")));
	if (st.st_size > SHIPPED_MAX_BYTES)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("shipped data file \"%s\" is too large: %lld bytes", path, (long long) st.st_size),
				 errdetail("siko reads shipped data files of at most %d bytes.", SHIPPED_MAX_BYTES),
				 errhint("Install siko again from the same build.")));

	buf = palloc(st.st_size + 1);
	n = fread(buf, 1, st.st_size, f);
	if (ferror(f) || n != (size_t) st.st_size)
		ereport(ERROR,
				(errcode_for_file_access(),
				 errmsg("could not read shipped data file \"%s\": %m", path)));
	FreeFile(f);
	buf[n] = '\0';

	/* the files are UTF-8; the database may use another encoding */
	pg_verify_mbstr(PG_UTF8, buf, n, false);
	converted = pg_any_to_server(buf, n, PG_UTF8);
	PG_RETURN_TEXT_P(cstring_to_text(converted));
}
