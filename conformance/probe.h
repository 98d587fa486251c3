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

/* probe_print_hex prints bytes as lowercase hex, without a newline. */
void probe_print_hex(FILE *out, const uint8_t *b, size_t n);

/* probe_err prints "err NAME\n" for a libipv4 result code. */
int probe_err(FILE *out, int code);

/* The kinds, one group per codec (probe_<codec>.c). */
int probe_hdr(char *args, FILE *out);
int probe_hdrfmt(char *args, FILE *out);
int probe_mhdr(char *args, FILE *out);

#endif /* IPV4_CONFORMANCE_PROBE_H */
