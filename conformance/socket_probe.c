/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * conformance/socket_probe.c - the socket probe: libipv4's socket layer
 * driven one request line at a time, so that any implementation of Go's
 * x/net/ipv4 API can be checked with the same request scripts and compared
 * with ours line by line. The protocol is SOCKET-PROBE.md. Only the public
 * API (include/ipv4/) and plain POSIX calls are used.
 */
#define _GNU_SOURCE
#include "conformance/probe.h"

#include <arpa/inet.h>
#include <errno.h>
#include <ifaddrs.h>
#include <limits.h>
#include <linux/filter.h>
#include <net/if.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "ipv4/ipv4.h"

#define MAX_HANDLES 64
#define MAX_NAME 32
#define MAX_BATCH 64
#define ACCEPT_WAIT_MS 1000

/* The kinds of handle (SOCKET-PROBE.md, "Handles"), as mask bits. */
enum kind {
	K_UDP = 1,
	K_IP = 2,
	K_RAW = 4,
	K_LISTENER = 8,
	K_TCP = 16,
};
#define K_PACKET (K_UDP | K_IP | K_RAW)
#define K_CONN (K_PACKET | K_TCP)

/*
 * struct handle is one named socket. udp and ip handles use raw.pc (a
 * packet connection), raw handles raw, tcp handles conn, and a listener
 * only conn.fd. goflags records which of Go's four control flags are on,
 * to tell Go's nil control message from an empty one.
 */
struct handle {
	bool used;
	char name[MAX_NAME + 1];
	enum kind kind;
	struct ipv4_conn conn;
	struct ipv4_raw_conn raw;
	unsigned goflags;
};

static struct handle handles[MAX_HANDLES];
static uint8_t buf[PROBE_MAX_BYTES];

static struct handle *find(const char *name)
{
	for (size_t i = 0; name != NULL && i < MAX_HANDLES; i++) {
		if (handles[i].used && strcmp(handles[i].name, name) == 0) {
			return &handles[i];
		}
	}
	return NULL;
}

static int handle_fd(const struct handle *h)
{
	return h->kind & (K_TCP | K_LISTENER) ? h->conn.fd : h->raw.pc.fd;
}

/* valid_name: 1 to 32 of A-Z a-z 0-9 _ -. */
static bool valid_name(const char *s)
{
	size_t n = strlen(s);

	return n >= 1 && n <= MAX_NAME &&
	       strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
			 "0123456789_-") == n;
}

/* local_addr reads h's bound address; 0.0.0.0 becomes 127.0.0.1 when
 * loopback is true (the @NAME form). */
static int local_addr(const struct handle *h, struct sockaddr_in *out,
		      bool loopback)
{
	socklen_t len = sizeof(*out);

	memset(out, 0, sizeof(*out));
	if (getsockname(handle_fd(h), (struct sockaddr *)out, &len) != 0) {
		return -errno;
	}
	if (loopback && out->sin_addr.s_addr == htonl(INADDR_ANY)) {
		out->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	}
	return 0;
}

/* format_addr writes A.B.C.D or, with port, A.B.C.D:PORT. */
static void format_addr(const struct sockaddr_in *a, bool port, char *out,
			size_t cap)
{
	char ip[INET_ADDRSTRLEN];

	inet_ntop(AF_INET, &a->sin_addr, ip, sizeof(ip));
	if (port) {
		snprintf(out, cap, "%s:%u", ip, (unsigned)ntohs(a->sin_port));
	} else {
		snprintf(out, cap, "%s", ip);
	}
}

/* parse_quad reads a strict dotted quad: four parts 0..255, no leading
 * zeros. Returns 0 or -1. */
static int parse_quad(const char *s, struct in_addr *out)
{
	uint32_t v = 0;

	for (int part = 0; part < 4; part++) {
		unsigned n = 0;
		size_t digits = 0;

		while (s[digits] >= '0' && s[digits] <= '9' && digits < 4) {
			n = n * 10 + (unsigned)(s[digits] - '0');
			digits++;
		}
		if (digits == 0 || digits > 3 || n > 255 ||
		    (digits > 1 && s[0] == '0')) {
			return -1;
		}
		s += digits;
		if (part < 3 && *s++ != '.') {
			return -1;
		}
		v = v << 8 | n;
	}
	if (*s != '\0') {
		return -1;
	}
	out->s_addr = htonl(v);
	return 0;
}

/* parse_ipaddr reads IPADDR (a quad or @NAME) into out, port 0. */
static int parse_ipaddr(const char *s, struct sockaddr_in *out)
{
	memset(out, 0, sizeof(*out));
	out->sin_family = AF_INET;
	if (s == NULL) {
		return -1;
	}
	if (s[0] == '@') {
		const struct handle *h = find(s + 1);

		if (h == NULL || h->kind == K_LISTENER || h->kind == K_TCP ||
		    local_addr(h, out, true) != 0) {
			return -1;
		}
		out->sin_port = 0;
		return 0;
	}
	return parse_quad(s, &out->sin_addr);
}

/* parse_portaddr reads PORTADDR (A.B.C.D:PORT, A.B.C.D:@NAME or @NAME). */
static int parse_portaddr(const char *s, struct sockaddr_in *out)
{
	char quad[16];
	const char *colon;
	long long port = 0;

	memset(out, 0, sizeof(*out));
	out->sin_family = AF_INET;
	if (s == NULL) {
		return -1;
	}
	if (s[0] == '@') {
		const struct handle *h = find(s + 1);

		return h == NULL || local_addr(h, out, true) != 0 ? -1 : 0;
	}
	colon = strchr(s, ':');
	if (colon == NULL || (size_t)(colon - s) >= sizeof(quad)) {
		return -1;
	}
	if (colon[1] == '@') {
		/* A.B.C.D:@NAME: the port of handle NAME */
		const struct handle *h = find(colon + 2);
		struct sockaddr_in local;

		if (h == NULL || h->kind != K_UDP ||
		    local_addr(h, &local, false) != 0) {
			return -1;
		}
		port = ntohs(local.sin_port);
	} else if (colon[1] == '-' || probe_decimal(colon + 1, &port) != 0 ||
		   port > 65535) {
		return -1;
	}
	memcpy(quad, s, (size_t)(colon - s));
	quad[colon - s] = '\0';
	if (parse_quad(quad, &out->sin_addr) != 0) {
		return -1;
	}
	out->sin_port = htons((uint16_t)port);
	return 0;
}

/* parse_int reads INT into an int range [lo, hi]. */
static int parse_int(const char *s, long long lo, long long hi, int *out)
{
	long long v;

	if (s == NULL || probe_decimal(s, &v) != 0 || v < lo || v > hi) {
		return -1;
	}
	*out = (int)v;
	return 0;
}

/* parse_bool reads true or false. */
static int parse_bool(const char *s, bool *out)
{
	if (s != NULL && strcmp(s, "true") == 0) {
		*out = true;
	} else if (s != NULL && strcmp(s, "false") == 0) {
		*out = false;
	} else {
		return -1;
	}
	return 0;
}

/*
 * parse_if reads IF: "-" is 0. Returns 0, -1 for a malformed word, or
 * -ENODEV when no interface has the name.
 */
static int parse_if(const char *s, unsigned *out)
{
	*out = 0;
	if (s == NULL || s[0] == '\0' || strlen(s) >= IF_NAMESIZE) {
		return -1;
	}
	if (strcmp(s, "-") == 0) {
		return 0;
	}
	*out = if_nametoindex(s);
	return *out == 0 ? -ENODEV : 0;
}

/* parse_hex reads HEX ("-" is empty) into buf. Returns the length or -1. */
static long parse_hex(const char *s, uint8_t *out, size_t cap)
{
	if (s == NULL) {
		return -1;
	}
	if (strcmp(s, "-") == 0) {
		return 0;
	}
	return s[0] == '\0' ? -1 : probe_hex(s, out, cap);
}

/*
 * next_item cuts the next item off the comma list *rest (in place) and
 * returns it, or NULL when the list is used up.
 */
static char *next_item(char **rest)
{
	char *item = *rest;
	char *comma;

	if (item == NULL) {
		return NULL;
	}
	comma = strchr(item, ',');
	if (comma != NULL) {
		*comma = '\0';
	}
	*rest = comma != NULL ? comma + 1 : NULL;
	return item;
}

/* item_value cuts KEY=VALUE at the '=' and returns VALUE, or NULL. */
static char *item_value(char *item)
{
	char *eq = strchr(item, '=');

	if (eq == NULL) {
		return NULL;
	}
	*eq = '\0';
	return eq + 1;
}

/* parse_flags reads FLAGS, a comma list of ttl, src, dst, interface. */
static int parse_flags(char *s, unsigned *out)
{
	*out = 0;
	if (s == NULL) {
		return -1;
	}
	for (char *item; (item = next_item(&s)) != NULL;) {
		if (strcmp(item, "ttl") == 0) {
			*out |= IPV4_FLAG_TTL;
		} else if (strcmp(item, "src") == 0) {
			*out |= IPV4_FLAG_SRC;
		} else if (strcmp(item, "dst") == 0) {
			*out |= IPV4_FLAG_DST;
		} else if (strcmp(item, "interface") == 0) {
			*out |= IPV4_FLAG_INTERFACE;
		} else {
			return -1;
		}
	}
	return 0;
}

/*
 * parse_ms reads MS into an absolute deadline (0 for "none"). Returns 0 or
 * -1.
 */
static int parse_ms(const char *s, int64_t *out)
{
	long long ms;
	int64_t now = ipv4_monotonic_ns();

	if (s != NULL && strcmp(s, "none") == 0) {
		*out = 0;
		return 0;
	}
	if (s == NULL || probe_decimal(s, &ms) != 0 ||
	    ms > INT64_MAX / 2000000 || ms < -(now / 1000000)) {
		return -1;
	}
	*out = now + (int64_t)ms * 1000000;
	if (*out <= 0) {
		*out = 1; /* already past, yet not "none" */
	}
	return 0;
}

/* parse_cm reads a WriteTo CM word ("-" or ttl=,src=,dst=,if= items). */
static int parse_cm(char *s, struct ipv4_control_message *cm, unsigned *flags)
{
	memset(cm, 0, sizeof(*cm));
	*flags = 0;
	if (s == NULL) {
		return -1;
	}
	if (strcmp(s, "-") == 0) {
		return 0;
	}
	for (char *item; (item = next_item(&s)) != NULL;) {
		char *eq = item_value(item);
		int v;

		if (eq == NULL) {
			return -1;
		}
		if (strcmp(item, "ttl") == 0 &&
		    parse_int(eq, 0, 255, &v) == 0) {
			cm->ttl = (uint8_t)v;
			*flags |= IPV4_FLAG_TTL;
		} else if (strcmp(item, "src") == 0 &&
			   parse_quad(eq, &cm->src) == 0) {
			*flags |= IPV4_FLAG_SRC;
		} else if (strcmp(item, "dst") == 0 &&
			   parse_quad(eq, &cm->dst) == 0) {
			*flags |= IPV4_FLAG_DST;
		} else if (strcmp(item, "if") == 0 && strcmp(eq, "-") != 0) {
			int rc = parse_if(eq, &cm->ifindex);

			if (rc != 0) {
				return rc;
			}
			*flags |= IPV4_FLAG_INTERFACE;
		} else {
			return -1;
		}
	}
	cm->flags = *flags;
	return 0;
}

/* no_more: true when args holds no further word. */
static bool no_more(char **args)
{
	return probe_token(args) == NULL;
}

static int ok(FILE *out)
{
	fputs("ok\n", out);
	return 0;
}

/* result answers "ok" for rc 0 (or a count) and "err NAME" otherwise. */
static int result(FILE *out, int rc)
{
	return rc < 0 ? probe_err(out, rc) : ok(out);
}

static void print_local(FILE *out, const struct handle *h)
{
	struct sockaddr_in a;
	char text[32];
	int rc = local_addr(h, &a, false);

	if (rc != 0) {
		probe_err(out, rc);
		return;
	}
	format_addr(&a, h->kind != K_IP && h->kind != K_RAW, text,
		    sizeof(text));
	fprintf(out, "ok %s\n", text);
}

static struct handle *new_handle(const char *name, enum kind kind)
{
	if (name == NULL || !valid_name(name) || find(name) != NULL) {
		return NULL;
	}
	for (size_t i = 0; i < MAX_HANDLES; i++) {
		if (!handles[i].used) {
			struct handle *h = &handles[i];

			memset(h, 0, sizeof(*h));
			snprintf(h->name, sizeof(h->name), "%s", name);
			h->kind = kind;
			h->conn.fd = -1;
			h->raw.pc.fd = -1;
			return h;
		}
	}
	return NULL;
}

/* bind_socket makes an AF_INET socket and binds it to a. */
static int bind_socket(int type, int proto, const struct sockaddr_in *a)
{
	int fd = socket(AF_INET, type | SOCK_CLOEXEC, proto);

	if (fd < 0) {
		return -errno;
	}
	if (bind(fd, (const struct sockaddr *)a, sizeof(*a)) != 0) {
		int e = errno;

		close(fd);
		return -e;
	}
	return fd;
}

/*
 * adopt wraps fd (or, when negative, the -errno that making it failed
 * with) in the new handle h as its kind says, and marks h used. Answers
 * the error, or nothing: the caller prints the success answer. Returns 0
 * when h is ready, -1 when an error was answered.
 */
static int adopt(struct handle *h, int fd, FILE *out)
{
	int rc = 0;

	if (fd < 0) {
		probe_err(out, fd);
		return -1;
	}
	switch (h->kind) {
	case K_RAW:
		rc = ipv4_raw_conn_init(&h->raw, fd);
		break;
	case K_TCP:
		rc = ipv4_conn_init(&h->conn, fd);
		break;
	case K_LISTENER:
		h->conn.fd = fd;
		break;
	default:
		rc = ipv4_packet_conn_init(&h->raw.pc, fd);
		break;
	}
	if (rc != 0) {
		close(fd);
		probe_err(out, rc);
		return -1;
	}
	h->used = true;
	return 0;
}

/* --- housekeeping requests ------------------------------------------- */

static int req_open(char *args, FILE *out)
{
	char *kind = probe_token(&args);
	char *name = probe_token(&args);
	struct sockaddr_in a;
	struct handle *h;
	int proto = 0;
	int fd;

	if (kind == NULL || name == NULL) {
		return PROBE_BAD_REQUEST;
	}
	if (strcmp(kind, "udp") == 0) {
		if (parse_portaddr(probe_token(&args), &a) != 0 ||
		    !no_more(&args) || (h = new_handle(name, K_UDP)) == NULL) {
			return PROBE_BAD_REQUEST;
		}
		fd = bind_socket(SOCK_DGRAM, 0, &a);
	} else if (strcmp(kind, "ip") == 0 || strcmp(kind, "raw") == 0) {
		if (parse_int(probe_token(&args), 1, 255, &proto) != 0 ||
		    parse_ipaddr(probe_token(&args), &a) != 0 ||
		    !no_more(&args) ||
		    (h = new_handle(name, kind[0] == 'i' ? K_IP : K_RAW)) ==
			    NULL) {
			return PROBE_BAD_REQUEST;
		}
		fd = bind_socket(SOCK_RAW, proto, &a);
	} else {
		return PROBE_BAD_REQUEST;
	}
	if (adopt(h, fd, out) == 0) {
		print_local(out, h);
	}
	return 0;
}

/* tcp_open answers "listen NAME PORTADDR" and "connect NAME PORTADDR". */
static int tcp_open(char *args, FILE *out, bool listening)
{
	char *name = probe_token(&args);
	struct sockaddr_in a;
	struct handle *h;
	int fd;

	if (parse_portaddr(probe_token(&args), &a) != 0 || !no_more(&args) ||
	    (h = new_handle(name, listening ? K_LISTENER : K_TCP)) == NULL) {
		return PROBE_BAD_REQUEST;
	}
	if (listening) {
		fd = bind_socket(SOCK_STREAM, 0, &a);
	} else {
		fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
		fd = fd < 0 ? -errno : fd;
	}
	if (fd >= 0 &&
	    (listening ? listen(fd, 16)
		       : connect(fd, (struct sockaddr *)&a, sizeof(a))) != 0) {
		int e = errno;

		close(fd);
		fd = -e;
	}
	if (adopt(h, fd, out) == 0) {
		print_local(out, h);
	}
	return 0;
}

static int req_listen(char *args, FILE *out)
{
	return tcp_open(args, out, true);
}

static int req_connect(char *args, FILE *out)
{
	return tcp_open(args, out, false);
}

static int req_accept(char *args, FILE *out)
{
	char *name = probe_token(&args);
	struct handle *l = find(probe_token(&args));
	struct sockaddr_in peer;
	socklen_t len = sizeof(peer);
	struct pollfd p;
	struct handle *h;
	char text[32];
	int fd;
	int rc;

	if (l == NULL || l->kind != K_LISTENER || !no_more(&args) ||
	    (h = new_handle(name, K_TCP)) == NULL) {
		return PROBE_BAD_REQUEST;
	}
	p.fd = l->conn.fd;
	p.events = POLLIN;
	rc = poll(&p, 1, ACCEPT_WAIT_MS);
	if (rc <= 0) {
		return probe_err(out, rc == 0 ? IPV4_ETIMEOUT : -errno);
	}
	fd = accept4(l->conn.fd, (struct sockaddr *)&peer, &len, SOCK_CLOEXEC);
	if (adopt(h, fd < 0 ? -errno : fd, out) == 0) {
		format_addr(&peer, true, text, sizeof(text));
		fprintf(out, "ok %s\n", text);
	}
	return 0;
}

/* --- requests on a handle -------------------------------------------- */

static struct ipv4_packet_conn *pc(struct handle *h)
{
	return &h->raw.pc;
}

static int req_addr(struct handle *h, char *args, FILE *out)
{
	if (!no_more(&args)) {
		return PROBE_BAD_REQUEST;
	}
	print_local(out, h);
	return 0;
}

static int req_close(struct handle *h, char *args, FILE *out)
{
	int rc;

	if (!no_more(&args)) {
		return PROBE_BAD_REQUEST;
	}
	switch (h->kind) {
	case K_TCP:
		rc = ipv4_conn_close(&h->conn);
		break;
	case K_LISTENER:
		rc = close(h->conn.fd) == 0 ? 0 : -errno;
		break;
	case K_RAW:
		rc = ipv4_raw_conn_close(&h->raw);
		break;
	default:
		rc = ipv4_packet_conn_close(pc(h));
		break;
	}
	h->used = false;
	return result(out, rc);
}

/* get_int answers a getter of an int; which: 0 TOS, 1 TTL, 2 MulticastTTL */
static int get_int(struct handle *h, char *args, FILE *out, int which)
{
	int v = 0;
	int rc;

	if (!no_more(&args)) {
		return PROBE_BAD_REQUEST;
	}
	if (which == 2) {
		rc = ipv4_packet_conn_multicast_ttl(pc(h), &v);
	} else if (h->kind == K_TCP) {
		rc = which == 0 ? ipv4_conn_tos(&h->conn, &v)
				: ipv4_conn_ttl(&h->conn, &v);
	} else {
		rc = which == 0 ? ipv4_packet_conn_tos(pc(h), &v)
				: ipv4_packet_conn_ttl(pc(h), &v);
	}
	if (rc != 0) {
		return probe_err(out, rc);
	}
	fprintf(out, "ok %d\n", v);
	return 0;
}

static int set_int(struct handle *h, char *args, FILE *out, int which)
{
	int v;
	int rc;

	if (parse_int(probe_token(&args), INT_MIN, INT_MAX, &v) != 0 ||
	    !no_more(&args)) {
		return PROBE_BAD_REQUEST;
	}
	if (which == 2) {
		rc = ipv4_packet_conn_set_multicast_ttl(pc(h), v);
	} else if (h->kind == K_TCP) {
		rc = which == 0 ? ipv4_conn_set_tos(&h->conn, v)
				: ipv4_conn_set_ttl(&h->conn, v);
	} else {
		rc = which == 0 ? ipv4_packet_conn_set_tos(pc(h), v)
				: ipv4_packet_conn_set_ttl(pc(h), v);
	}
	return result(out, rc);
}

static int req_tos(struct handle *h, char *a, FILE *o)
{
	return get_int(h, a, o, 0);
}
static int req_ttl(struct handle *h, char *a, FILE *o)
{
	return get_int(h, a, o, 1);
}
static int req_mttl(struct handle *h, char *a, FILE *o)
{
	return get_int(h, a, o, 2);
}
static int req_set_tos(struct handle *h, char *a, FILE *o)
{
	return set_int(h, a, o, 0);
}
static int req_set_ttl(struct handle *h, char *a, FILE *o)
{
	return set_int(h, a, o, 1);
}
static int req_set_mttl(struct handle *h, char *a, FILE *o)
{
	return set_int(h, a, o, 2);
}

/* if_name_of finds the name of the interface holding addr. */
static void if_name_of(struct in_addr addr, char *out, size_t cap)
{
	struct ifaddrs *all = NULL;

	snprintf(out, cap, "-");
	if (addr.s_addr == htonl(INADDR_ANY)) {
		return;
	}
	inet_ntop(AF_INET, &addr, out, (socklen_t)cap);
	if (getifaddrs(&all) != 0) {
		return;
	}
	for (struct ifaddrs *i = all; i != NULL; i = i->ifa_next) {
		const struct sockaddr_in *a =
			(const struct sockaddr_in *)(const void *)i->ifa_addr;

		if (a != NULL && a->sin_family == AF_INET &&
		    a->sin_addr.s_addr == addr.s_addr) {
			snprintf(out, cap, "%s", i->ifa_name);
			break;
		}
	}
	freeifaddrs(all);
}

static int req_mif(struct handle *h, char *args, FILE *out)
{
	struct in_addr a;
	char name[INET_ADDRSTRLEN + IF_NAMESIZE];
	int rc;

	if (!no_more(&args)) {
		return PROBE_BAD_REQUEST;
	}
	rc = ipv4_packet_conn_multicast_interface(pc(h), &a);
	if (rc != 0) {
		return probe_err(out, rc);
	}
	if_name_of(a, name, sizeof(name));
	fprintf(out, "ok %s\n", name);
	return 0;
}

static int req_set_mif(struct handle *h, char *args, FILE *out)
{
	unsigned ifindex;
	int rc = parse_if(probe_token(&args), &ifindex);

	if (rc == -1 || !no_more(&args)) {
		return PROBE_BAD_REQUEST;
	}
	if (rc != 0) {
		return probe_err(out, rc);
	}
	return result(out,
		      ipv4_packet_conn_set_multicast_interface(pc(h), ifindex));
}

static int req_mloop(struct handle *h, char *args, FILE *out)
{
	bool on = false;
	int rc;

	if (!no_more(&args)) {
		return PROBE_BAD_REQUEST;
	}
	rc = ipv4_packet_conn_multicast_loopback(pc(h), &on);
	if (rc != 0) {
		return probe_err(out, rc);
	}
	fprintf(out, "ok %s\n", on ? "true" : "false");
	return 0;
}

static int req_set_mloop(struct handle *h, char *args, FILE *out)
{
	bool on;

	if (parse_bool(probe_token(&args), &on) != 0 || !no_more(&args)) {
		return PROBE_BAD_REQUEST;
	}
	return result(out, ipv4_packet_conn_set_multicast_loopback(pc(h), on));
}

static int req_set_cm(struct handle *h, char *args, FILE *out)
{
	unsigned flags;
	bool on;
	int rc;

	if (parse_flags(probe_token(&args), &flags) != 0 ||
	    parse_bool(probe_token(&args), &on) != 0 || !no_more(&args)) {
		return PROBE_BAD_REQUEST;
	}
	rc = ipv4_packet_conn_set_control_message(pc(h), flags, on);
	if (rc == 0) {
		h->goflags = on ? h->goflags | flags : h->goflags & ~flags;
	}
	return result(out, rc);
}

static int req_icmpf(struct handle *h, char *args, FILE *out)
{
	struct ipv4_icmp_filter f;
	uint32_t word = 0;
	int rc;

	if (!no_more(&args)) {
		return PROBE_BAD_REQUEST;
	}
	rc = ipv4_packet_conn_icmp_filter(pc(h), &f);
	if (rc == 0) {
		rc = ipv4_icmp_filter_to_kernel(&f, &word);
	}
	if (rc != 0) {
		return probe_err(out, rc);
	}
	fprintf(out, "ok data=0x%08x\n", (unsigned)word);
	return 0;
}

static int req_set_icmpf(struct handle *h, char *args, FILE *out)
{
	struct ipv4_icmp_filter f;
	char *ops = probe_token(&args);
	int rc = 0;

	memset(&f, 0, sizeof(f));
	if (ops == NULL || !no_more(&args)) {
		return PROBE_BAD_REQUEST;
	}
	if (strcmp(ops, "-") != 0) {
		rc = probe_icmp_filter_ops(&f, ops);
	}
	if (rc == PROBE_BAD_REQUEST) {
		return rc;
	}
	if (rc == 0) {
		rc = ipv4_packet_conn_set_icmp_filter(pc(h), &f);
	}
	return result(out, rc);
}

static int req_set_bpf(struct handle *h, char *args, FILE *out)
{
	static struct sock_filter prog[PROBE_MAX_BYTES / 8];
	long n = parse_hex(probe_token(&args), buf, sizeof(buf));

	if (n < 0 || n % 8 != 0 || !no_more(&args)) {
		return PROBE_BAD_REQUEST;
	}
	for (long i = 0; i < n / 8; i++) {
		const uint8_t *b = buf + 8 * i;

		prog[i].code = (uint16_t)(b[0] << 8 | b[1]);
		prog[i].jt = b[2];
		prog[i].jf = b[3];
		prog[i].k = (uint32_t)b[4] << 24 | (uint32_t)b[5] << 16 |
			    (uint32_t)b[6] << 8 | b[7];
	}
	return result(out, ipv4_packet_conn_set_bpf(pc(h), n > 0 ? prog : NULL,
						    (size_t)n / 8));
}

/* set_deadline: which 0 both, 1 read, 2 write. */
static int set_deadline(struct handle *h, char *args, FILE *out, int which)
{
	int64_t t;
	int rc;

	if (parse_ms(probe_token(&args), &t) != 0 || !no_more(&args)) {
		return PROBE_BAD_REQUEST;
	}
	if (which == 0) {
		rc = ipv4_packet_conn_set_deadline(pc(h), t);
	} else if (which == 1) {
		rc = ipv4_packet_conn_set_read_deadline(pc(h), t);
	} else {
		rc = ipv4_packet_conn_set_write_deadline(pc(h), t);
	}
	return result(out, rc);
}

static int req_dl(struct handle *h, char *a, FILE *o)
{
	return set_deadline(h, a, o, 0);
}
static int req_rdl(struct handle *h, char *a, FILE *o)
{
	return set_deadline(h, a, o, 1);
}
static int req_wdl(struct handle *h, char *a, FILE *o)
{
	return set_deadline(h, a, o, 2);
}

/* The membership calls, in the order of the request table below. */
enum group_op {
	JOIN,
	LEAVE,
	JOIN_SSM,
	LEAVE_SSM,
	EXCLUDE_SSM,
	INCLUDE_SSM
};

static int group_call(struct handle *h, char *args, FILE *out, enum group_op op)
{
	struct sockaddr_in group;
	struct sockaddr_in source;
	unsigned ifindex;
	int ifrc = parse_if(probe_token(&args), &ifindex);
	char *g = probe_token(&args);
	char *s = op >= JOIN_SSM ? probe_token(&args) : NULL;
	int rc;

	memset(&source, 0, sizeof(source));
	if (ifrc == -1 || g == NULL || g[0] == '@' ||
	    parse_ipaddr(g, &group) != 0 ||
	    (op >= JOIN_SSM &&
	     (s == NULL || s[0] == '@' || parse_ipaddr(s, &source) != 0)) ||
	    !no_more(&args)) {
		return PROBE_BAD_REQUEST;
	}
	if (ifrc != 0) {
		return probe_err(out, ifrc);
	}
	switch (op) {
	case JOIN:
		rc = ipv4_packet_conn_join_group(pc(h), ifindex, &group);
		break;
	case LEAVE:
		rc = ipv4_packet_conn_leave_group(pc(h), ifindex, &group);
		break;
	case JOIN_SSM:
		rc = ipv4_packet_conn_join_source_specific_group(pc(h), ifindex,
								 &group,
								 &source);
		break;
	case LEAVE_SSM:
		rc = ipv4_packet_conn_leave_source_specific_group(pc(h),
								  ifindex,
								  &group,
								  &source);
		break;
	case EXCLUDE_SSM:
		rc = ipv4_packet_conn_exclude_source_specific_group(pc(h),
								    ifindex,
								    &group,
								    &source);
		break;
	default:
		rc = ipv4_packet_conn_include_source_specific_group(pc(h),
								    ifindex,
								    &group,
								    &source);
		break;
	}
	return result(out, rc);
}

static int req_join(struct handle *h, char *a, FILE *o)
{
	return group_call(h, a, o, JOIN);
}
static int req_leave(struct handle *h, char *a, FILE *o)
{
	return group_call(h, a, o, LEAVE);
}
static int req_jssm(struct handle *h, char *a, FILE *o)
{
	return group_call(h, a, o, JOIN_SSM);
}
static int req_lssm(struct handle *h, char *a, FILE *o)
{
	return group_call(h, a, o, LEAVE_SSM);
}
static int req_essm(struct handle *h, char *a, FILE *o)
{
	return group_call(h, a, o, EXCLUDE_SSM);
}
static int req_issm(struct handle *h, char *a, FILE *o)
{
	return group_call(h, a, o, INCLUDE_SSM);
}

/* parse_dst reads a destination: PORTADDR for udp, IPADDR for ip. */
static int parse_dst(const struct handle *h, const char *s,
		     struct sockaddr_in *dst)
{
	return h->kind == K_UDP ? parse_portaddr(s, dst) : parse_ipaddr(s, dst);
}

/* parse_num reads a header number: decimal or 0x hex, 0..max. */
static int parse_num(const char *s, unsigned long max, unsigned long *out)
{
	const char *digits = s;
	int base = 10;
	char *end = NULL;

	if (s[0] == '0' && s[1] == 'x') {
		digits = s + 2;
		base = 16;
	}
	if (digits[0] == '\0' || digits[0] == '-' || digits[0] == '+' ||
	    digits[0] == ' ' || strlen(digits) > 10) {
		return -1;
	}
	errno = 0;
	*out = strtoul(digits, &end, base);
	return errno == 0 && *end == '\0' && *out <= max ? 0 : -1;
}

/* parse_header reads a raw WriteTo HDR word into h (SOCKET-PROBE.md). */
static int parse_header(char *s, size_t payload_len, struct ipv4_header *h)
{
	unsigned long v[10] = { 4, 0, 0, 0, 0, 0, 0, 64, 0, 0 };
	static const char *const keys[10] = { "ver",	  "hdrlen", "tos",
					      "totallen", "id",	    "flags",
					      "fragoff",  "ttl",    "proto",
					      "cksum" };
	static const unsigned long max[10] = { 15, 255,	   255, 65535, 65535,
					       7,  0x1fff, 255, 255,   65535 };
	bool given[10] = { false };
	bool have_dst = false;
	struct sockaddr_in a;

	memset(h, 0, sizeof(*h));
	for (char *item; (item = next_item(&s)) != NULL;) {
		char *eq = item_value(item);
		size_t k;

		if (eq == NULL) {
			return -1;
		}
		for (k = 0; k < 10 && strcmp(item, keys[k]) != 0; k++) {
		}
		if (k < 10) {
			if (parse_num(eq, max[k], &v[k]) != 0) {
				return -1;
			}
			given[k] = true;
		} else if (strcmp(item, "src") == 0 ||
			   strcmp(item, "dst") == 0) {
			if (parse_ipaddr(eq, &a) != 0) {
				return -1;
			}
			if (item[0] == 's') {
				h->src = a.sin_addr;
			} else {
				h->dst = a.sin_addr;
				have_dst = true;
			}
		} else if (strcmp(item, "opts") == 0) {
			long n = parse_hex(eq, h->options, sizeof(h->options));

			if (n < 0) {
				return -1;
			}
			h->options_len = (size_t)n;
		} else {
			return -1;
		}
	}
	if (!have_dst) {
		return -1;
	}
	if (!given[1]) {
		v[1] = 20 + h->options_len;
	}
	if (!given[3]) {
		v[3] = (v[1] + payload_len) & 0xffff;
	}
	h->version = (uint8_t)v[0];
	h->len = (uint8_t)v[1];
	h->tos = (uint8_t)v[2];
	h->total_len = (uint16_t)v[3];
	h->id = (uint16_t)v[4];
	h->flags = (uint8_t)v[5];
	h->frag_off = (uint16_t)v[6];
	h->ttl = (uint8_t)v[7];
	h->protocol = (uint8_t)v[8];
	h->checksum = (uint16_t)v[9];
	return 0;
}

static int req_write_to(struct handle *h, char *args, FILE *out)
{
	struct ipv4_control_message cm;
	struct ipv4_header hdr;
	struct sockaddr_in dst;
	char *first = probe_token(&args);
	char *hex;
	unsigned flags;
	long n;
	int rc;

	if (h->kind == K_RAW) {
		hex = probe_token(&args);
		n = parse_hex(hex, buf, sizeof(buf));
		if (first == NULL || n < 0) {
			return PROBE_BAD_REQUEST;
		}
		rc = parse_cm(probe_token(&args), &cm, &flags);
		if (rc == -1 || !no_more(&args) ||
		    parse_header(first, (size_t)n, &hdr) != 0) {
			return PROBE_BAD_REQUEST;
		}
		if (rc != 0) {
			return probe_err(out, rc);
		}
		return result(out,
			      ipv4_raw_conn_write_to(&h->raw, &hdr, buf,
						     (size_t)n,
						     flags != 0 ? &cm : NULL));
	}
	n = parse_hex(first, buf, sizeof(buf));
	rc = parse_cm(probe_token(&args), &cm, &flags);
	if (n < 0 || rc == -1 || parse_dst(h, probe_token(&args), &dst) != 0 ||
	    !no_more(&args)) {
		return PROBE_BAD_REQUEST;
	}
	if (rc != 0) {
		return probe_err(out, rc);
	}
	rc = ipv4_packet_conn_write_to(pc(h), buf, (size_t)n,
				       flags != 0 ? &cm : NULL, &dst);
	if (rc < 0) {
		return probe_err(out, rc);
	}
	fprintf(out, "ok %d\n", rc);
	return 0;
}

/* read_args reads "SIZE MS" of ReadFrom and ReadBatch, setting the read
 * deadline unless MS is "-". */
static int read_args(struct handle *h, char **args, int *size)
{
	char *ms = NULL;
	int64_t t;

	if (parse_int(probe_token(args), 0, PROBE_MAX_BYTES, size) != 0 ||
	    (ms = probe_token(args)) == NULL || !no_more(args)) {
		return -1;
	}
	if (strcmp(ms, "-") == 0) {
		return 0;
	}
	if (parse_ms(ms, &t) != 0) {
		return -1;
	}
	return ipv4_packet_conn_set_read_deadline(pc(h), t) == 0 ? 0 : -1;
}

static void print_cm(FILE *out, const struct handle *h,
		     const struct ipv4_control_message *cm)
{
	char text[128];

	if ((h->goflags & (IPV4_FLAG_TTL | IPV4_FLAG_PKTINFO_GROUP)) == 0) {
		fputs("<nil>", out);
		return;
	}
	ipv4_control_message_string(cm, text, sizeof(text));
	fputs(text, out);
}

static int req_read_from(struct handle *h, char *args, FILE *out)
{
	struct ipv4_control_message cm;
	struct sockaddr_in src;
	int size;
	int rc;
	bool trunc;

	if (h->kind == K_RAW) {
		struct ipv4_header hdr;
		const uint8_t *payload = NULL;
		size_t plen = 0;
		char text[256];

		if (read_args(h, &args, &size) != 0) {
			return PROBE_BAD_REQUEST;
		}
		rc = ipv4_raw_conn_read_from(&h->raw, buf, (size_t)size, &hdr,
					     &payload, &plen, &cm);
		trunc = rc == IPV4_ETRUNC;
		if (rc < 0 && !trunc) {
			return probe_err(out, rc);
		}
		fprintf(out, "ok n=%d trunc=%d data=", trunc ? size : rc,
			trunc);
		probe_print_hex(out, payload, plen);
		fputs(" opts=", out);
		probe_print_hex(out, hdr.options, hdr.options_len);
		fputs(" cm=", out);
		print_cm(out, h, &cm);
		ipv4_header_string(&hdr, text, sizeof(text));
		fprintf(out, " hdr=%s\n", text);
		return 0;
	}
	if (read_args(h, &args, &size) != 0) {
		return PROBE_BAD_REQUEST;
	}
	rc = ipv4_packet_conn_read_from(pc(h), buf, (size_t)size, &cm, &src);
	trunc = rc == IPV4_ETRUNC;
	if (rc < 0 && !trunc) {
		return probe_err(out, rc);
	}
	{
		char from[32];
		int n = trunc ? size : rc;

		format_addr(&src, h->kind == K_UDP, from, sizeof(from));
		fprintf(out, "ok n=%d trunc=%d src=%s data=", n, trunc, from);
		probe_print_hex(out, buf, (size_t)n);
		fputs(" cm=", out);
		print_cm(out, h, &cm);
		fputc('\n', out);
	}
	return 0;
}

static int req_write_batch(struct handle *h, char *args, FILE *out)
{
	static uint8_t data[MAX_BATCH][PROBE_MAX_BYTES];
	struct ipv4_message ms[MAX_BATCH];
	struct iovec iov[MAX_BATCH];
	struct sockaddr_in dst;
	size_t count = 0;
	char *hex;
	int rc;

	memset(ms, 0, sizeof(ms));
	if (parse_dst(h, probe_token(&args), &dst) != 0) {
		return PROBE_BAD_REQUEST;
	}
	while ((hex = probe_token(&args)) != NULL) {
		long n;

		if (count == MAX_BATCH) {
			return PROBE_BAD_REQUEST;
		}
		n = parse_hex(hex, data[count], sizeof(data[count]));
		if (n < 0) {
			return PROBE_BAD_REQUEST;
		}
		iov[count].iov_base = data[count];
		iov[count].iov_len = (size_t)n;
		ms[count].buffers = &iov[count];
		ms[count].num_buffers = 1;
		ms[count].addr = dst;
		count++;
	}
	if (count == 0) {
		return PROBE_BAD_REQUEST;
	}
	rc = ipv4_packet_conn_write_batch(pc(h), ms, count, 0);
	if (rc < 0) {
		return probe_err(out, rc);
	}
	fprintf(out, "ok %d\n", rc);
	return 0;
}

static int req_read_batch(struct handle *h, char *args, FILE *out)
{
	struct ipv4_message ms[MAX_BATCH];
	struct iovec iov[MAX_BATCH];
	uint8_t *space;
	int count;
	int size;
	int rc;

	memset(ms, 0, sizeof(ms));
	if (parse_int(probe_token(&args), 1, MAX_BATCH, &count) != 0 ||
	    read_args(h, &args, &size) != 0) {
		return PROBE_BAD_REQUEST;
	}
	space = malloc((size_t)count * (size_t)(size > 0 ? size : 1));
	if (space == NULL) {
		return probe_err(out, -ENOMEM);
	}
	for (int i = 0; i < count; i++) {
		iov[i].iov_base = space + (size_t)i * (size_t)size;
		iov[i].iov_len = (size_t)size;
		ms[i].buffers = &iov[i];
		ms[i].num_buffers = 1;
	}
	rc = ipv4_packet_conn_read_batch(pc(h), ms, (size_t)count, 0);
	if (rc < 0) {
		free(space);
		return probe_err(out, rc);
	}
	fprintf(out, "ok %d", rc);
	for (int i = 0; i < rc; i++) {
		char from[32];

		format_addr(&ms[i].addr, h->kind == K_UDP, from, sizeof(from));
		fprintf(out, " ; n=%zu trunc=%d src=%s data=", ms[i].n,
			(ms[i].flags & MSG_TRUNC) != 0, from);
		probe_print_hex(out, iov[i].iov_base, ms[i].n);
	}
	fputc('\n', out);
	free(space);
	return 0;
}

/* --- dispatch ---------------------------------------------------------- */

typedef int (*method)(struct handle *h, char *args, FILE *out);

struct request {
	const char *name;
	method run;
	unsigned kinds; /* the handle kinds it applies to */
};

static const struct request requests[] = {
	{ "addr", req_addr, K_PACKET | K_TCP | K_LISTENER },
	{ "close", req_close, K_PACKET | K_TCP | K_LISTENER },
	{ "TOS", req_tos, K_CONN },
	{ "SetTOS", req_set_tos, K_CONN },
	{ "TTL", req_ttl, K_CONN },
	{ "SetTTL", req_set_ttl, K_CONN },
	{ "MulticastTTL", req_mttl, K_PACKET },
	{ "SetMulticastTTL", req_set_mttl, K_PACKET },
	{ "MulticastInterface", req_mif, K_PACKET },
	{ "SetMulticastInterface", req_set_mif, K_PACKET },
	{ "MulticastLoopback", req_mloop, K_PACKET },
	{ "SetMulticastLoopback", req_set_mloop, K_PACKET },
	{ "SetControlMessage", req_set_cm, K_PACKET },
	{ "ICMPFilter", req_icmpf, K_PACKET },
	{ "SetICMPFilter", req_set_icmpf, K_PACKET },
	{ "SetBPF", req_set_bpf, K_PACKET },
	{ "SetDeadline", req_dl, K_PACKET },
	{ "SetReadDeadline", req_rdl, K_PACKET },
	{ "SetWriteDeadline", req_wdl, K_PACKET },
	{ "JoinGroup", req_join, K_PACKET },
	{ "LeaveGroup", req_leave, K_PACKET },
	{ "JoinSourceSpecificGroup", req_jssm, K_PACKET },
	{ "LeaveSourceSpecificGroup", req_lssm, K_PACKET },
	{ "ExcludeSourceSpecificGroup", req_essm, K_PACKET },
	{ "IncludeSourceSpecificGroup", req_issm, K_PACKET },
	{ "WriteTo", req_write_to, K_PACKET },
	{ "ReadFrom", req_read_from, K_PACKET },
	{ "WriteBatch", req_write_batch, K_UDP | K_IP },
	{ "ReadBatch", req_read_batch, K_UDP | K_IP },
};

static int dispatch(char *line, FILE *out)
{
	char *args = line;
	char *kind = probe_token(&args);
	struct handle *h;

	if (kind == NULL) {
		return PROBE_BAD_REQUEST;
	}
	if (strcmp(kind, "open") == 0) {
		return req_open(args, out);
	}
	if (strcmp(kind, "listen") == 0) {
		return req_listen(args, out);
	}
	if (strcmp(kind, "connect") == 0) {
		return req_connect(args, out);
	}
	if (strcmp(kind, "accept") == 0) {
		return req_accept(args, out);
	}
	for (size_t i = 0; i < sizeof(requests) / sizeof(requests[0]); i++) {
		if (strcmp(kind, requests[i].name) != 0) {
			continue;
		}
		h = find(probe_token(&args));
		if (h == NULL || (requests[i].kinds & h->kind) == 0) {
			return PROBE_BAD_REQUEST;
		}
		return requests[i].run(h, args, out);
	}
	return PROBE_BAD_REQUEST;
}

int main(void)
{
	probe_serve(dispatch);
	for (size_t i = 0; i < MAX_HANDLES; i++) {
		if (handles[i].used) {
			close(handle_fd(&handles[i]));
		}
	}
	return 0;
}
