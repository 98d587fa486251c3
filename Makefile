# SPDX-License-Identifier: BSD-3-Clause
# Makefile - the install path for people who do not use Bazel.
#
#   make install PREFIX=/usr/local
#
# builds lib/libipv4.a and lib/libipv4.so from the same sources Bazel builds
# and installs them with include/ipv4/*.h and lib/pkgconfig/libipv4.pc, so
# that `cc prog.c $(pkg-config --cflags --libs libipv4)` works. Bazel stays
# the project's build; this file only packages the library.

PREFIX ?= /usr/local
LIBDIR ?= $(PREFIX)/lib
INCLUDEDIR ?= $(PREFIX)/include
BUILDDIR ?= build
CC ?= cc
AR ?= ar
VERSION = 0.1.0

CFLAGS ?= -O2
WARN = -Wall -Wextra -Werror
ALL_CFLAGS = -std=c11 -D_DEFAULT_SOURCE $(WARN) -fPIC -Iinclude -I. $(CFLAGS)

SRCS = $(wildcard codec/*.c) $(wildcard shim/*.c)
ifeq ($(strip $(SRCS)),)
$(error no sources found: run make from the libipv4 source directory)
endif
OBJS = $(patsubst %.c,$(BUILDDIR)/%.o,$(SRCS))
HDRS = $(wildcard include/ipv4/*.h)

.PHONY: all install clean

all: $(BUILDDIR)/libipv4.a $(BUILDDIR)/libipv4.so $(BUILDDIR)/libipv4.pc

$(BUILDDIR)/%.o: %.c $(HDRS) $(wildcard codec/*.h) $(wildcard shim/*.h)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -c $< -o $@

$(BUILDDIR)/libipv4.a: $(OBJS)
	rm -f $@
	$(AR) rcs $@ $(OBJS)

$(BUILDDIR)/libipv4.so: $(OBJS)
	$(CC) -shared -Wl,-soname,libipv4.so.0 -o $@ $(OBJS)

$(BUILDDIR)/libipv4.pc: libipv4.pc.in
	@mkdir -p $(BUILDDIR)
	sed -e 's|@PREFIX@|$(PREFIX)|g' -e 's|@LIBDIR@|$(LIBDIR)|g' \
	    -e 's|@INCLUDEDIR@|$(INCLUDEDIR)|g' -e 's|@VERSION@|$(VERSION)|g' \
	    $< > $@

install: all
	install -d $(DESTDIR)$(LIBDIR)/pkgconfig $(DESTDIR)$(INCLUDEDIR)/ipv4
	install -m 644 $(BUILDDIR)/libipv4.a $(DESTDIR)$(LIBDIR)/libipv4.a
	install -m 755 $(BUILDDIR)/libipv4.so $(DESTDIR)$(LIBDIR)/libipv4.so.$(VERSION)
	ln -sf libipv4.so.$(VERSION) $(DESTDIR)$(LIBDIR)/libipv4.so.0
	ln -sf libipv4.so.0 $(DESTDIR)$(LIBDIR)/libipv4.so
	install -m 644 $(HDRS) $(DESTDIR)$(INCLUDEDIR)/ipv4/
	install -m 644 $(BUILDDIR)/libipv4.pc $(DESTDIR)$(LIBDIR)/pkgconfig/libipv4.pc

clean:
	rm -rf $(BUILDDIR)
