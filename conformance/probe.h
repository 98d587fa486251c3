/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * conformance/probe.h - the codec probe's shared pieces.
 *
 * The probe reads one request per line ("KIND ARGS") and writes one answer
 * line per request; the protocol is in PROBE.md. Each kind is a handler that
 * gets the text after the kind word and prints the whole answer line. A
 * handler returns 0 when it answered, or PROBE_BAD_REQUEST when the request
 * line is malformed, in which case the probe answers "err request".
 */
#ifndef IPV4_CONFORMANCE_PROBE_H
#define IPV4_CONFORMANCE_PROBE_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define PROBE_BAD_REQUEST (-1)

/* The largest binary argument a request may carry. */
#define PROBE_MAX_BYTES 65536

typedef int (*probe_handler)(char *args, FILE *out);

struct probe_kind {
	const char *name;
	probe_handler run;
};

/*
 * probe_token splits the next space-separated word off *args and returns
 * it, or NULL when none is left.
 */
char *probe_token(char **args);

/*
 * probe_hex decodes hex (an even number of hex digits, either case, may be
 * empty) into out. Returns the byte count, or -1 when hex is malformed or
 * longer than cap bytes.
 */
long probe_hex(const char *hex, uint8_t *out, size_t cap);

/*
 * probe_hex_arg decodes the one argument left in args as hex (no argument
 * is an empty byte string) into out. Returns the byte count, or -1 when
 * the hex is malformed, longer than cap bytes, or followed by another word.
 */
long probe_hex_arg(char *args, uint8_t *out, size_t cap);

/*
 * probe_decimal reads word as an optional '-' and one or more decimal
 * digits whose value fits a long long. Returns 0, or -1 for anything else.
 */
int probe_decimal(const char *word, long long *out);

/* probe_print_hex prints bytes as lowercase hex, without a newline. */
void probe_print_hex(FILE *out, const uint8_t *b, size_t n);

/* probe_ok_hex prints "ok HEX\n" for bytes (HEX empty for none). */
int probe_ok_hex(FILE *out, const uint8_t *b, size_t n);

/*
 * probe_err prints "err NAME\n" for a libipv4 result code: its
 * ipv4_error_name() without the IPV4_ prefix ("err ESHORT"), as PROBE.md
 * documents.
 */
int probe_err(FILE *out, int code);

/*
 * probe_serve reads request lines from stdin until it ends, strips the
 * line end ("\n", "\r\n"), hands each line to dispatch, answers
 * "err request" when dispatch returns PROBE_BAD_REQUEST, and flushes stdout
 * after every answer.
 */
void probe_serve(int (*dispatch)(char *line, FILE *out));

struct ipv4_icmp_filter;

/*
 * probe_icmp_filter_ops applies the comma-separated OPS items of PROBE.md's
 * icmpf kind ("accept:N", "block:N", "setall:0|1") to f in order (ops is
 * cut up in place). Returns 0, the library's error code, or
 * PROBE_BAD_REQUEST for a malformed item.
 */
int probe_icmp_filter_ops(struct ipv4_icmp_filter *f, char *ops);

/* The kinds, one group per codec (probe_<codec>.c). */
int probe_hdr(char *args, FILE *out);
int probe_hdrfmt(char *args, FILE *out);
int probe_mhdr(char *args, FILE *out);
int probe_cm(char *args, FILE *out);
int probe_mcm(char *args, FILE *out);
int probe_cmfmt(char *args, FILE *out);
int probe_mcmfmt(char *args, FILE *out);
int probe_icmp(char *args, FILE *out);
int probe_icmpf(char *args, FILE *out);
int probe_opts(char *args, FILE *out);
int probe_igmp(char *args, FILE *out);

#endif /* IPV4_CONFORMANCE_PROBE_H */
