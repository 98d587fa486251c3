/* SPDX-License-Identifier: BSD-3-Clause */
/* codec/version.c - the version of the library as built. */
#include "ipv4/version.h"

const char *ipv4_library_version(void)
{
	return IPV4_LIB_VERSION_STRING;
}
