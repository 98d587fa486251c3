# SPDX-License-Identifier: BSD-3-Clause
# Makefile - the install path for people and packagers who do not use Bazel.
#
#   make lib                  build the libraries only
#   make                      build the libraries, the ipv4 tool, the .pc
#                             and the CMake package files under BUILDDIR
#   make check                build, then check the exported symbols and run
#                             a smoke program against the built libraries
#                             (nothing is installed)
#   make install              install under DESTDIR + PREFIX
#   make uninstall            remove exactly what install installed
#   make clean
#
# Variables (all may be given on the command line or in the environment):
#   DESTDIR PREFIX BINDIR LIBDIR INCLUDEDIR MANDIR PKGCONFIGDIR CMAKEDIR
#   BASHCOMPDIR CC AR CPPFLAGS CFLAGS LDFLAGS LDLIBS BUILDDIR
#   COMMIT     the commit `ipv4 --version` names (default: git rev-parse
#              --short HEAD in a git checkout, else "unknown")
#   WERROR=1   make every compiler warning an error (the project's tests set
#              it; a distribution's build with a newer compiler need not)
#
# Bazel stays the project's build; this file builds the same sources with the
# same rules: -fvisibility=hidden, the version script libipv4.map and the
# soname libipv4.so.MAJOR, the version read from include/ipv4/version.h.

PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
LIBDIR ?= $(PREFIX)/lib
INCLUDEDIR ?= $(PREFIX)/include
MANDIR ?= $(PREFIX)/share/man
PKGCONFIGDIR ?= $(LIBDIR)/pkgconfig
CMAKEDIR ?= $(LIBDIR)/cmake/libipv4
BASHCOMPDIR ?= $(PREFIX)/share/bash-completion/completions
COMMIT ?= $(shell git rev-parse --short HEAD 2>/dev/null)
BUILDDIR ?= build
AR ?= ar
INSTALL ?= install
CFLAGS ?= -O2

# The version lives in include/ipv4/version.h only.
version_field = $(shell sed -n 's/^\#define IPV4_LIB_VERSION_$(1)[ 	]*\([0-9][0-9]*\)[ 	]*$$/\1/p' include/ipv4/version.h)
MAJOR := $(call version_field,MAJOR)
MINOR := $(call version_field,MINOR)
PATCH := $(call version_field,PATCH)
ifeq ($(MAJOR)$(if $(MINOR),,x)$(if $(PATCH),,x),)
$(error cannot read IPV4_LIB_VERSION_MAJOR/MINOR/PATCH from include/ipv4/version.h: run make from the libipv4 source directory)
endif
VERSION = $(MAJOR).$(MINOR).$(PATCH)
SONAME = libipv4.so.$(MAJOR)
SOFILE = libipv4.so.$(VERSION)

# The warnings are those of the Bazel build, read from warnings.bzl (the one
# place they are written; scripts/check-warnings compares the builds).
warnings = $(shell sh scripts/warnings $(1))
WARN := $(call warnings,WARN_BASE WARN_STRICT WARN_CONVERSION)
ifeq ($(WERROR),1)
WARN += $(call warnings,WARN_ERROR)
endif
ifeq ($(strip $(WARN)),)
$(error cannot read the warning sets from warnings.bzl: run make from the libipv4 source directory)
endif
BASE_CPPFLAGS = -D_DEFAULT_SOURCE -Iinclude -I.
LIB_CFLAGS = -std=c11 $(WARN) -fPIC -fvisibility=hidden
TOOL_CFLAGS = -std=c11 $(WARN) -D_GNU_SOURCE
SO_LDFLAGS = -shared -Wl,-soname,$(SONAME) -Wl,--version-script=libipv4.map -Wl,--no-undefined

SRCS = $(wildcard codec/*.c) $(wildcard shim/*.c)
ifeq ($(strip $(SRCS)),)
$(error no sources found: run make from the libipv4 source directory)
endif
OBJS = $(patsubst %.c,$(BUILDDIR)/%.o,$(SRCS))
HDRS = $(wildcard include/ipv4/*.h)
INTERNAL_HDRS = $(wildcard codec/*.h) $(wildcard shim/*.h)
TOOL_SRCS = $(wildcard cmd/ipv4/*.c) lib/cli/cli.c
TOOL_OBJS = $(patsubst %.c,$(BUILDDIR)/%.o,$(TOOL_SRCS))
TOOL_HDRS = $(wildcard cmd/ipv4/*.h) lib/cli/cli.h
MAN1 = $(wildcard man/*.1)
MAN3 = $(wildcard man/*.3)

# Relative paths from the CMake package directory, so that the installed
# package config finds the library wherever the tree is (DESTDIR, a move).
CMAKE_TO_LIBDIR = $(shell realpath -m --relative-to=$(CMAKEDIR) $(LIBDIR))
CMAKE_TO_INCLUDEDIR = $(shell realpath -m --relative-to=$(CMAKEDIR) $(INCLUDEDIR))

# For the CMake version file: a package for 64-bit pointers does not suit
# a 32-bit project.
SIZEOF_VOID_P = $(shell echo | $(CC) $(CPPFLAGS) $(CFLAGS) -dM -E - | sed -n 's/^\#define __SIZEOF_POINTER__ //p')

GENERATED = $(BUILDDIR)/libipv4.pc $(BUILDDIR)/libipv4Config.cmake \
	$(BUILDDIR)/libipv4ConfigVersion.cmake

.PHONY: all lib check install uninstall clean

all: lib $(BUILDDIR)/ipv4 $(GENERATED)

# The libraries only (scripts/abi-dump builds these).
lib: $(BUILDDIR)/libipv4.a $(BUILDDIR)/$(SOFILE) $(BUILDDIR)/$(SONAME) \
	$(BUILDDIR)/libipv4.so

$(OBJS): $(BUILDDIR)/%.o: %.c $(HDRS) $(INTERNAL_HDRS)
	@mkdir -p $(dir $@)
	$(CC) $(BASE_CPPFLAGS) $(CPPFLAGS) $(LIB_CFLAGS) $(CFLAGS) -c $< -o $@

$(TOOL_OBJS): $(BUILDDIR)/%.o: %.c $(HDRS) $(TOOL_HDRS)
	@mkdir -p $(dir $@)
	$(CC) $(BASE_CPPFLAGS) $(CPPFLAGS) $(TOOL_CFLAGS) $(CFLAGS) -c $< -o $@

# The tool's version line names the commit it was built from.
$(BUILDDIR)/cmd/ipv4/version.o: TOOL_CFLAGS += -DIPV4_COMMIT='"$(COMMIT)"'

$(BUILDDIR)/libipv4.a: $(OBJS)
	rm -f $@
	$(AR) rcs $@ $(OBJS)

$(BUILDDIR)/$(SOFILE): $(OBJS) libipv4.map
	$(CC) $(CFLAGS) $(LDFLAGS) $(SO_LDFLAGS) -o $@ $(OBJS) -pthread $(LDLIBS)

$(BUILDDIR)/$(SONAME): $(BUILDDIR)/$(SOFILE)
	ln -sf $(SOFILE) $@

$(BUILDDIR)/libipv4.so: $(BUILDDIR)/$(SONAME)
	ln -sf $(SONAME) $@

# The tool links against the shared library (no rpath: it finds the
# library where the system's loader looks, like any packaged program), and
# libpcap for decode --pcap.
$(BUILDDIR)/ipv4: $(TOOL_OBJS) $(BUILDDIR)/$(SOFILE)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $(TOOL_OBJS) $(BUILDDIR)/$(SOFILE) -lpcap $(LDLIBS)

$(BUILDDIR)/libipv4.pc: libipv4.pc.in include/ipv4/version.h
	@mkdir -p $(BUILDDIR)
	sed -e 's|@PREFIX@|$(PREFIX)|g' -e 's|@LIBDIR@|$(LIBDIR)|g' \
	    -e 's|@INCLUDEDIR@|$(INCLUDEDIR)|g' -e 's|@VERSION@|$(VERSION)|g' \
	    $< > $@

$(BUILDDIR)/%.cmake: cmake/%.cmake.in include/ipv4/version.h
	@mkdir -p $(BUILDDIR)
	sed -e 's|@VERSION@|$(VERSION)|g' -e 's|@MAJOR@|$(MAJOR)|g' \
	    -e 's|@SOFILE@|$(SOFILE)|g' -e 's|@SONAME@|$(SONAME)|g' \
	    -e 's|@CMAKE_TO_LIBDIR@|$(CMAKE_TO_LIBDIR)|g' \
	    -e 's|@CMAKE_TO_INCLUDEDIR@|$(CMAKE_TO_INCLUDEDIR)|g' \
	    -e 's|@SIZEOF_VOID_P@|$(SIZEOF_VOID_P)|g' \
	    $< > $@

# Builds and tests in BUILDDIR without installing: the exported symbols,
# then a smoke program (codec and socket layer) against the shared and the
# static library, then the tool.
check: all
	./scripts/check-symbols $(BUILDDIR)/$(SOFILE) $(BUILDDIR)/libipv4.a include
	$(CC) $(BASE_CPPFLAGS) $(CPPFLAGS) -std=c11 $(WARN) $(CFLAGS) $(LDFLAGS) \
	    -o $(BUILDDIR)/smoke_shared scripts/install_smoke.c $(BUILDDIR)/$(SOFILE)
	$(CC) $(BASE_CPPFLAGS) $(CPPFLAGS) -std=c11 $(WARN) $(CFLAGS) $(LDFLAGS) \
	    -o $(BUILDDIR)/smoke_static scripts/install_smoke.c $(BUILDDIR)/libipv4.a -pthread
	LD_LIBRARY_PATH=$(BUILDDIR) $(BUILDDIR)/smoke_shared
	$(BUILDDIR)/smoke_static
	LD_LIBRARY_PATH=$(BUILDDIR) $(BUILDDIR)/ipv4 --help >/dev/null
	@echo "make check: passed"

install: all
	$(INSTALL) -d $(DESTDIR)$(LIBDIR) $(DESTDIR)$(PKGCONFIGDIR) $(DESTDIR)$(CMAKEDIR) \
	    $(DESTDIR)$(INCLUDEDIR)/ipv4 $(DESTDIR)$(BINDIR)
	$(INSTALL) -m 644 $(BUILDDIR)/libipv4.a $(DESTDIR)$(LIBDIR)/libipv4.a
	$(INSTALL) -m 755 $(BUILDDIR)/$(SOFILE) $(DESTDIR)$(LIBDIR)/$(SOFILE)
	ln -sf $(SOFILE) $(DESTDIR)$(LIBDIR)/$(SONAME)
	ln -sf $(SONAME) $(DESTDIR)$(LIBDIR)/libipv4.so
	$(INSTALL) -m 644 $(HDRS) $(DESTDIR)$(INCLUDEDIR)/ipv4/
	$(INSTALL) -m 644 $(BUILDDIR)/libipv4.pc $(DESTDIR)$(PKGCONFIGDIR)/libipv4.pc
	$(INSTALL) -m 644 $(BUILDDIR)/libipv4Config.cmake \
	    $(BUILDDIR)/libipv4ConfigVersion.cmake $(DESTDIR)$(CMAKEDIR)/
	$(INSTALL) -m 755 $(BUILDDIR)/ipv4 $(DESTDIR)$(BINDIR)/ipv4
	$(INSTALL) -d $(DESTDIR)$(BASHCOMPDIR)
	$(INSTALL) -m 644 cmd/ipv4/ipv4.bash-completion $(DESTDIR)$(BASHCOMPDIR)/ipv4
ifneq ($(MAN1),)
	$(INSTALL) -d $(DESTDIR)$(MANDIR)/man1
	$(INSTALL) -m 644 $(MAN1) $(DESTDIR)$(MANDIR)/man1/
endif
ifneq ($(MAN3),)
	$(INSTALL) -d $(DESTDIR)$(MANDIR)/man3
	$(INSTALL) -m 644 $(MAN3) $(DESTDIR)$(MANDIR)/man3/
endif

# Removes the files install put in place and the directories that only
# libipv4 uses (include/ipv4, cmake/libipv4) once they are empty.
uninstall:
	rm -f $(DESTDIR)$(LIBDIR)/libipv4.a $(DESTDIR)$(LIBDIR)/$(SOFILE) \
	    $(DESTDIR)$(LIBDIR)/$(SONAME) $(DESTDIR)$(LIBDIR)/libipv4.so \
	    $(DESTDIR)$(PKGCONFIGDIR)/libipv4.pc \
	    $(DESTDIR)$(CMAKEDIR)/libipv4Config.cmake \
	    $(DESTDIR)$(CMAKEDIR)/libipv4ConfigVersion.cmake \
	    $(DESTDIR)$(BINDIR)/ipv4 $(DESTDIR)$(BASHCOMPDIR)/ipv4 \
	    $(addprefix $(DESTDIR)$(INCLUDEDIR)/ipv4/,$(notdir $(HDRS))) \
	    $(addprefix $(DESTDIR)$(MANDIR)/man1/,$(notdir $(MAN1))) \
	    $(addprefix $(DESTDIR)$(MANDIR)/man3/,$(notdir $(MAN3)))
	rmdir $(DESTDIR)$(INCLUDEDIR)/ipv4 $(DESTDIR)$(CMAKEDIR) 2>/dev/null || true

clean:
	rm -rf $(BUILDDIR)
