/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * netns-tests/drive.c - running a socket probe in a namespace and asking
 * it requests.
 */
#include "netns-tests/drive.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "netns-tests/observe.h"

int nt_drv_start(struct nt_ctx *c, enum nt_host host, struct nt_drv *d)
{
	char *argv[2] = { NULL, NULL };
	int rc;

	memset(d, 0, sizeof(*d));
	d->host = host;
	if (c->impl == NULL) {
		return nt_fail(c, "no implementation to drive (suite bug)");
	}
	argv[0] = (char *)c->impl->path;
	rc = nt_proc_start_interactive(&d->proc, c->topo, host, argv);
	if (rc != 0) {
		return nt_fail(c, "cannot start %s in %s: %s", c->impl->path,
			       nt_host_name(host), strerror(-rc));
	}
	d->to = d->proc.in_fd;
	d->from = d->proc.out_fd;
	signal(SIGPIPE, SIG_IGN); /* a probe that died: EPIPE, then no answer */
	return NT_PASS;
}

/* no_answer fails c for a request the probe did not answer, quoting how
   the probe ended (or that it was stopped) and what it wrote to stderr. */
static int no_answer(struct nt_ctx *c, struct nt_drv *d, const char *why)
{
	char said[1024];

	close(d->to);
	d->to = -1;
	nt_proc_finish(&d->proc, 200);
	nt_proc_describe(&d->proc, said, sizeof(said));
	return nt_fail(c, "%.300s on %s: %s (%s)", d->request,
		       nt_host_name(d->host), why, said);
}

/* read_line waits up to ms for one line from d; 0, or -1 (timeout, EOF). */
static int read_line(struct nt_drv *d, int ms)
{
	double deadline = nt_now() + ms / 1000.0;

	for (;;) {
		char *nl = memchr(d->pending, '\n', d->pending_len);
		struct pollfd p = { .fd = d->from, .events = POLLIN };
		int left = (int)((deadline - nt_now()) * 1000);
		ssize_t got;

		if (nl != NULL) {
			size_t len = (size_t)(nl - d->pending);

			if (len > 0 && d->pending[len - 1] == '\r') {
				len--;
			}
			memcpy(d->answer, d->pending, len);
			d->answer[len] = '\0';
			d->pending_len -= (size_t)(nl + 1 - d->pending);
			memmove(d->pending, nl + 1, d->pending_len);
			return 0;
		}
		if (d->pending_len == sizeof(d->pending)) {
			return -1; /* a line longer than any answer we ask for */
		}
		if (left <= 0 || poll(&p, 1, left) <= 0) {
			return -1;
		}
		got = read(d->from, d->pending + d->pending_len,
			   sizeof(d->pending) - d->pending_len);
		if (got <= 0) {
			return -1;
		}
		d->pending_len += (size_t)got;
	}
}

/* vask sends the request and reads the answer; NT_PASS or NT_FAIL. */
static int vask(struct nt_ctx *c, struct nt_drv *d, int wait_ms,
		const char *fmt, va_list ap)
{
	char line[sizeof(d->request) + 1];
	size_t len;

	vsnprintf(d->request, sizeof(d->request), fmt, ap);
	len = (size_t)snprintf(line, sizeof(line), "%s\n", d->request);
	nt_step(c, "%s probe in %s: %.200s", c->impl->label,
		nt_host_name(d->host), d->request);
	d->answer[0] = '\0';
	if (d->to < 0 || write(d->to, line, len) != (ssize_t)len) {
		return no_answer(c, d, "the probe took no request");
	}
	if (read_line(d, NT_ANSWER_MS + (wait_ms > 0 ? wait_ms : 0)) != 0) {
		return no_answer(c, d, "no answer from the probe");
	}
	if (strcmp(d->answer, "unsupported") == 0) {
		if (!c->unsupported && !c->failed) {
			snprintf(c->detail, sizeof(c->detail),
				 "unsupported: %.300s", d->request);
		}
		c->unsupported = true;
		return NT_FAIL;
	}
	return NT_PASS;
}

int nt_ask_as(struct nt_ctx *c, struct nt_drv *d, bool any, int wait_ms,
	      const char *fmt, ...)
{
	va_list ap;
	int rc;

	va_start(ap, fmt);
	rc = vask(c, d, wait_ms, fmt, ap);
	va_end(ap);
	if (rc != NT_PASS || any) {
		return rc;
	}
	if (strncmp(d->answer, "ok", 2) != 0 ||
	    (d->answer[2] != '\0' && d->answer[2] != ' ')) {
		return nt_fail(c,
			       "%s on %s: expected ok, the probe answered %s",
			       d->request, nt_host_name(d->host), d->answer);
	}
	return NT_PASS;
}

bool nt_answer_field(const struct nt_drv *d, const char *key, char *out,
		     size_t cap)
{
	size_t klen = strlen(key);

	for (const char *p = d->answer; (p = strstr(p, key)) != NULL; p++) {
		if ((p == d->answer || p[-1] == ' ') && p[klen] == '=') {
			size_t len = strcspn(p + klen + 1, " ");

			snprintf(out, cap, "%.*s", (int)len, p + klen + 1);
			return true;
		}
	}
	return false;
}

const char *nt_answer_rest(const struct nt_drv *d, const char *key)
{
	size_t klen = strlen(key);

	for (const char *p = d->answer; (p = strstr(p, key)) != NULL; p++) {
		if ((p == d->answer || p[-1] == ' ') && p[klen] == '=') {
			return p + klen + 1;
		}
	}
	return "";
}

unsigned nt_answer_port(struct nt_ctx *c, const struct nt_drv *d)
{
	const char *colon = strrchr(d->answer, ':');
	char *end = NULL;
	unsigned long port = colon != NULL ? strtoul(colon + 1, &end, 10) : 0;

	if (colon == NULL || end == colon + 1 || *end != '\0' || port == 0 ||
	    port > 65535) {
		nt_fail(c,
			"%s on %s: expected ok A.B.C.D:PORT, the probe "
			"answered %s",
			d->request, nt_host_name(d->host), d->answer);
		return 0;
	}
	return (unsigned)port;
}

int nt_drv_udp(struct nt_ctx *c, enum nt_host host, const char *name,
	       struct nt_drv *d, uint16_t *out_port)
{
	if (nt_drv_start(c, host, d) != NT_PASS ||
	    nt_ask(c, d, 0, "open udp %s 0.0.0.0:0", name) != NT_PASS) {
		return NT_FAIL;
	}
	*out_port = (uint16_t)nt_answer_port(c, d);
	return *out_port != 0 ? NT_PASS : NT_FAIL;
}

void nt_hex(const void *data, size_t len, char *out, size_t cap)
{
	const unsigned char *p = data;
	size_t i;

	if (len == 0) {
		snprintf(out, cap, "-");
		return;
	}
	for (i = 0; i < len && 2 * i + 2 < cap; i++) {
		snprintf(out + 2 * i, 3, "%02x", p[i]);
	}
	out[2 * i] = '\0';
}

int nt_drv_read(struct nt_ctx *c, struct nt_drv *d, const char *name,
		size_t size, int ms, char *data, size_t data_cap)
{
	if (nt_ask_any(c, d, ms, "ReadFrom %s %zu %d", name, size, ms) !=
	    NT_PASS) {
		return -1;
	}
	if (strcmp(d->answer, "err ETIMEOUT") == 0) {
		return 0;
	}
	if (strncmp(d->answer, "ok ", 3) != 0 ||
	    !nt_answer_field(d, "data", data, data_cap)) {
		nt_fail(c,
			"%s on %s: expected a datagram or err ETIMEOUT, the "
			"probe answered %s",
			d->request, nt_host_name(d->host), d->answer);
		return -1;
	}
	return 1;
}

int nt_drv_count(struct nt_ctx *c, struct nt_drv *d, const char *name,
		 const char *const tags[], int counts[], size_t n, int expect)
{
	struct nt_wait w = nt_wait_start(expect, NT_QUIET_MS);
	int seen = 0;
	int other = 0;

	for (size_t i = 0; i < n; i++) {
		counts[i] = 0;
	}
	for (;;) {
		char data[4096];
		size_t i;
		int rc = nt_drv_read(c, d, name, 2048, nt_wait_ms(&w, seen),
				     data, sizeof(data));

		if (rc <= 0) {
			return rc < 0 ? -1 : other;
		}
		seen++;
		for (i = 0; i < n; i++) {
			char hex[256];

			nt_hex(tags[i], strlen(tags[i]), hex, sizeof(hex));
			if (strcmp(hex, data) == 0) {
				counts[i]++;
				break;
			}
		}
		if (i == n) {
			other++;
		}
	}
}

void nt_differs(struct nt_ctx *c, const char *row, const char *fmt, ...)
{
	size_t used = strnlen(c->note, sizeof(c->note));
	char tag[32];
	va_list ap;

	snprintf(tag, sizeof(tag), "row %s documents", row);
	if (used + 1 >= sizeof(c->note) || strstr(c->note, tag) != NULL) {
		return; /* the first instance of a row tells it */
	}
	snprintf(c->note + used, sizeof(c->note) - used,
		 "%sdiffers as conformance/DIVERGENCES.md "
		 "row %s documents: ",
		 used > 0 ? "; " : "", row);
	used = strnlen(c->note, sizeof(c->note));
	va_start(ap, fmt);
	vsnprintf(c->note + used, sizeof(c->note) - used, fmt, ap);
	va_end(ap);
}
