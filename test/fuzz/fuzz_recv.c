/*
 * fuzz_recv.c
 *		libFuzzer target of the binary receive paths of ags, fuzzydate and
 *		period, decoding the wire format exactly as the recv functions in
 *		src/ags.c, src/fuzzydate.c and src/period.c do.
 *
 * The wire formats (network byte order, a leading version byte 1):
 *   ags        version, int4 code
 *   fuzzydate  version, int4 lo, int4 hi, byte form, byte qual, byte sub
 *   period     version, fuzzydate start (11 bytes), fuzzydate end (11 bytes)
 *
 * The first input byte chooses the type (mod 3), the rest is the message.
 * A message that is too short or has bytes left over is refused by the
 * server before the core sees it; whatever the core's check accepts must
 * format to text that parses back to the identical value, and encoding that
 * value again must give the very bytes received (send is the inverse of
 * recv).  A refusal must come with a SQLSTATE and a detail sentence.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "siko_core.h"

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define WIRE_VERSION	1
#define FD_WIRE_LEN		11

static uint32_t
get4(const uint8_t *p)
{
	return ((uint32_t) p[0] << 24) | ((uint32_t) p[1] << 16) |
		((uint32_t) p[2] << 8) | (uint32_t) p[3];
}

static void
put4(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t) (v >> 24);
	p[1] = (uint8_t) (v >> 16);
	p[2] = (uint8_t) (v >> 8);
	p[3] = (uint8_t) v;
}

/* as recv_fd() in src/period.c and siko_fuzzydate_recv() */
static void
get_fd(const uint8_t *p, SikoFuzzyDate *fd)
{
	memset(fd, 0, sizeof(*fd));
	fd->lo = (int32_t) get4(p);
	fd->hi = (int32_t) get4(p + 4);
	fd->form = p[8];
	fd->qual = p[9];
	fd->sub = p[10];
}

static void
put_fd(uint8_t *p, const SikoFuzzyDate *fd)
{
	put4(p, (uint32_t) fd->lo);
	put4(p + 4, (uint32_t) fd->hi);
	p[8] = fd->form;
	p[9] = fd->qual;
	p[10] = fd->sub;
}

static void
check_refusal(const SikoError *err)
{
	if (strlen(err->sqlstate) != 5 || err->detail[0] == '\0' ||
		strlen(err->detail) >= sizeof(err->detail) - 1)
		abort();
}

static void
recv_ags(const uint8_t *msg, size_t len)
{
	uint32_t	code;
	SikoAgs		again;
	SikoError	err;
	char		buf[SIKO_AGS_MAXLEN + 1];
	uint8_t		out[4];

	if (len != 5 || msg[0] != WIRE_VERSION)
		return;
	code = get4(msg + 1);
	if (!siko_ags_check(code, &err))
	{
		check_refusal(&err);
		if (strcmp(err.sqlstate, "22P03") != 0 || siko_ags_valid(code))
			abort();
		return;
	}
	if (!siko_ags_valid(code))
		abort();
	siko_ags_format(code, buf);
	if (!siko_ags_parse(buf, strlen(buf), &again, &err) || again != code)
		abort();
	put4(out, again);
	if (memcmp(out, msg + 1, 4) != 0)
		abort();
}

static void
recv_fuzzydate(const uint8_t *msg, size_t len)
{
	SikoFuzzyDate fd,
				again;
	SikoError	err;
	char		buf[SIKO_FUZZYDATE_BUFLEN];
	size_t		n;
	uint8_t		out[FD_WIRE_LEN];

	if (len != 1 + FD_WIRE_LEN || msg[0] != WIRE_VERSION)
		return;
	get_fd(msg + 1, &fd);
	if (!siko_fuzzydate_valid(&fd, &err))
	{
		check_refusal(&err);
		return;
	}
	n = siko_fuzzydate_format(&fd, buf, sizeof(buf));
	if (n == 0 || n >= sizeof(buf) - 1 || strlen(buf) != n)
		abort();
	if (!siko_fuzzydate_parse(buf, n, &again, &err) ||
		memcmp(&fd, &again, sizeof(fd)) != 0 || siko_fuzzydate_cmp(&fd, &again) != 0)
		abort();
	put_fd(out, &again);
	if (memcmp(out, msg + 1, FD_WIRE_LEN) != 0)
		abort();
}

static void
recv_period(const uint8_t *msg, size_t len)
{
	SikoPeriod	p,
				again;
	SikoError	err;
	char		buf[SIKO_PERIOD_BUFLEN];
	size_t		n;
	uint8_t		out[2 * FD_WIRE_LEN];

	if (len != 1 + 2 * FD_WIRE_LEN || msg[0] != WIRE_VERSION)
		return;
	get_fd(msg + 1, &p.start);
	get_fd(msg + 1 + FD_WIRE_LEN, &p.end);
	if (!siko_period_valid(&p, &err))
	{
		check_refusal(&err);
		return;
	}
	n = siko_period_format(&p, buf, sizeof(buf));
	if (n == 0 || n >= sizeof(buf) || strlen(buf) != n)
		abort();
	if (!siko_period_parse(buf, n, &again, &err) ||
		memcmp(&p, &again, sizeof(p)) != 0 || siko_period_cmp(&p, &again) != 0)
		abort();
	put_fd(out, &again.start);
	put_fd(out + FD_WIRE_LEN, &again.end);
	if (memcmp(out, msg + 1, sizeof(out)) != 0)
		abort();
	/* the constructor siko.period(start, finish) makes the same period */
	if (!siko_period_make(&p.start, &p.end, &again, &err) ||
		memcmp(&p, &again, sizeof(p)) != 0)
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	switch (data[0] % 3)
	{
		case 0:
			recv_ags(data + 1, size - 1);
			break;
		case 1:
			recv_fuzzydate(data + 1, size - 1);
			break;
		default:
			recv_period(data + 1, size - 1);
			break;
	}
	return 0;
}
