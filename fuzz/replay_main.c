/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * fuzz/replay_main.c - the main a harness has outside a fuzzing engine.
 *
 * Runs LLVMFuzzerTestOneInput once on each file named on the command line,
 * and on each regular file inside a directory named there (one level), so
 * the same harness source builds into a plain program that replays
 * regressions and corpora under any compiler and sanitizer. Each input is
 * copied into a heap block of exactly its size, so a sanitizer sees a read
 * one byte past the end.
 *
 * Exits 0 when every input ran (a property violation aborts instead), 2 when
 * a file or directory cannot be read.
 */
#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fuzz/fuzz.h"

/* replay_file runs the harness on one file; returns 0, or -1 on I/O error. */
static int replay_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	uint8_t *buf = NULL;
	size_t len = 0;
	long end;

	if (f == NULL || fseek(f, 0, SEEK_END) != 0 || (end = ftell(f)) < 0 ||
	    fseek(f, 0, SEEK_SET) != 0) {
		fprintf(stderr, "replay: %s: %s\n", path, strerror(errno));
		if (f != NULL) {
			fclose(f);
		}
		return -1;
	}
	len = (size_t)end;
	buf = malloc(len);
	if ((buf == NULL && len > 0) || fread(buf, 1, len, f) != len) {
		fprintf(stderr, "replay: %s: short read\n", path);
		free(buf);
		fclose(f);
		return -1;
	}
	fclose(f);
	(void)LLVMFuzzerTestOneInput(buf, len);
	free(buf);
	return 0;
}

/*
 * replay_dir runs the harness on every regular file in dir. An entry that
 * cannot be examined (a dangling link, a name too long) and a directory
 * that cannot be read to its end are errors, not skipped: a replay that
 * silently saw fewer inputs would pass having checked nothing. (A 32-bit
 * program built without _FILE_OFFSET_BITS=64 gets EOVERFLOW from readdir
 * on a filesystem with 64-bit inode numbers.)
 */
static int replay_dir(const char *dir, size_t *count)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char path[4096];
	struct stat st;
	int rc = 0;
	int n;

	if (d == NULL) {
		fprintf(stderr, "replay: %s: %s\n", dir, strerror(errno));
		return -1;
	}
	for (;;) {
		errno = 0;
		e = readdir(d);
		if (e == NULL) {
			break;
		}
		if (e->d_name[0] == '.') {
			continue;
		}
		n = snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		if (n < 0 || (size_t)n >= sizeof(path)) {
			fprintf(stderr, "replay: %s/%s: path too long\n", dir,
				e->d_name);
			rc = -1;
			continue;
		}
		if (stat(path, &st) != 0) {
			fprintf(stderr, "replay: %s: %s\n", path,
				strerror(errno));
			rc = -1;
			continue;
		}
		if (!S_ISREG(st.st_mode)) {
			continue;
		}
		if (replay_file(path) != 0) {
			rc = -1;
		}
		(*count)++;
	}
	if (errno != 0) {
		fprintf(stderr, "replay: %s: %s\n", dir, strerror(errno));
		rc = -1;
	}
	closedir(d);
	return rc;
}

int main(int argc, char **argv)
{
	size_t count = 0;
	struct stat st;
	int rc = 0;

	for (int i = 1; i < argc; i++) {
		if (stat(argv[i], &st) == 0 && S_ISDIR(st.st_mode)) {
			rc |= replay_dir(argv[i], &count);
		} else {
			rc |= replay_file(argv[i]);
			count++;
		}
	}
	fprintf(stderr, "replay: %zu input(s)\n", count);
	return rc == 0 ? 0 : 2;
}
