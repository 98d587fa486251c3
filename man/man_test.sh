#!/bin/sh
# SPDX-License-Identifier: BSD-3-Clause
# man/man_test.sh - checks libipv4's man pages against the public headers.
#
#   man_test.sh [--names-from=SCRIPT] HEADER... -- PAGE...
#
# 1. Every page renders with no warning, under mandoc (-T lint -W warning)
#    and under groff (-man -ww -z).
# 2. The public functions are every name declared with IPV4_EXPORT in the
#    headers given (derived here, never listed by hand). Each must appear
#    as "name(" in the SYNOPSIS of a page whose SYNOPSIS includes the
#    header that declares it (<ipv4/header.h>, ...).
#    The prototype shown must be the header's declaration, types and
#    parameter names alike (spacing aside), and the page's NAME section
#    must list the function too (whatis and apropos read it).
# 3. Every "ipv4_name(" a page shows, anywhere, and every ipv4_ name in a
#    page's NAME section (but the page's own, ipv4_header for
#    ipv4_header.3), must be a public function: a page may not document a
#    function that does not exist (a removed or renamed one).
# 4. Every page's .TH line names the version of version.h ("libipv4 1.0.0").
# 5. With --names-from=SCRIPT (scripts/public-functions, the reading of the
#    headers the symbol tests use), the public functions read here are
#    exactly those SCRIPT prints for the headers' include directory.
set -u

names_from=""
case "${1:-}" in
  --names-from=*) names_from=${1#--names-from=}; shift ;;
esac

headers=""
pages=""
seen_sep=0
for arg in "$@"; do
  if [ "$arg" = "--" ]; then
    seen_sep=1
  elif [ "$seen_sep" -eq 0 ]; then
    headers="$headers $arg"
  else
    pages="$pages $arg"
  fi
done
if [ -z "$headers" ] || [ -z "$pages" ]; then
  echo "usage: man_test.sh HEADER... -- PAGE..." >&2
  exit 2
fi

tmp=${TEST_TMPDIR:-$(mktemp -d)}
fail=0
bad() {
  echo "FAIL: $*" >&2
  fail=1
}

# --- 1. Rendering ------------------------------------------------------
# (MAN_TEST_RENDER=0 skips it: man_selftest.sh does, for the cases that are
# not about rendering, to save a few hundred process starts.)
[ "${MAN_TEST_RENDER:-1}" = 0 ] && pages_to_render="" || pages_to_render=$pages
for page in $pages_to_render; do
  out=$(mandoc -T lint -W warning "$page" 2>&1)
  [ -n "$out" ] && bad "mandoc lint of $page:
$out"
  out=$(LC_ALL=C groff -man -ww -z "$page" 2>&1)
  [ -n "$out" ] && bad "groff -ww of $page:
$out"
done

# --- 2. and 3., in one perl run ------------------------------------------
# For each header: the names of its IPV4_EXPORT declarations, with comments
# and preprocessor lines removed first (so export.h's own #define and the
# prose that mentions the macro do not count); a declaration that does not
# read as "IPV4_EXPORT ... ipv4_name(" is an error, never skipped.
# For each page (man(7) source, font escapes and quotes removed): the
# #include <ipv4/X.h> lines and the "ipv4_name(" of its SYNOPSIS, every
# "ipv4_name(" anywhere that is not a manual reference like "(3)", and the
# ipv4_ names of its NAME section but the page's own.
# shellcheck disable=SC2086
perl -e '
  use strict;
  use warnings;
  my ($nh, @args) = @ARGV;
  my @headers = @args[0 .. $nh - 1];
  my @pages = @args[$nh .. $#args];
  my $fail = 0;
  my (%declared_in, %public);
  sub slurp { my ($f) = @_; open(my $fh, "<", $f) or die "$f: $!\n";
              local $/; my $t = <$fh>; close($fh); return $t; }
  sub base { my ($f) = @_; $f =~ s{.*/}{}; return $f; }
  sub bad { print STDERR "FAIL: $_[0]\n"; $fail = 1; }
  # norm: a declaration with its spacing made canonical.
  sub norm { my ($d) = @_; $d =~ s/\s+/ /g; $d =~ s/\s*([(),*])\s*/$1/g;
             $d =~ s/^ //; $d =~ s/ $//; return $d; }
  my %proto;  # name => the header'"'"'s declaration, normalised

  for my $h (@headers) {
    my $t = slurp($h);
    $t =~ s{/\*.*?\*/}{ }gs;
    $t =~ s{//[^\n]*}{}g;
    $t =~ s{^[ \t]*#(?:[^\n]*\\\n)*[^\n]*}{}mg;
    my $n = () = $t =~ /\bIPV4_EXPORT\b/g;
    my @names = $t =~ /\bIPV4_EXPORT\b[^;{()]*?\b([A-Za-z_]\w*)\s*\(/g;
    if (@names != $n || grep { !/^ipv4_[a-z0-9_]+$/ } @names) {
      bad("cannot read every IPV4_EXPORT declaration in $h");
      next;
    }
    for my $name (@names) {
      $declared_in{$name} = base($h);
      $public{$name} = 1;
    }
    while ($t =~ /\bIPV4_EXPORT\b([^;]*);/g) {
      my $decl = norm($1);
      $proto{$1} = $decl if $decl =~ /\b(ipv4_\w+)\(/;
    }
  }
  bad("no IPV4_EXPORT declaration found in the headers") unless %public;

  # The version the pages name in their .TH line is the headers'"'"' version.
  my ($version_h) = grep { base($_) eq "version.h" } @headers;
  my $version;
  if ($version_h) {
    ($version) = slurp($version_h) =~
      /#define\s+IPV4_LIB_VERSION_STRING\s+"([^"]+)"/;
    bad("no IPV4_LIB_VERSION_STRING in $version_h") unless defined $version;
  }

  my %shown;  # "header name" pairs of the SYNOPSIS sections
  for my $p (@pages) {
    my $src = slurp($p);
    if (defined $version) {
      my ($th) = $src =~ /^(\.TH .*)$/m;
      bad(base($p) . ": its .TH line does not name libipv4 $version")
        unless defined $th && $th =~ /"libipv4 \Q$version\E"/;
    }
    $src =~ s/\\f(?:[BIRP]|\(..|\[[A-Z]*\])//g;
    $src =~ s/\\-/-/g;
    $src =~ s/\\&//g;
    $src =~ s/"//g;
    my %sec;
    my $cur = "";
    for my $line (split /\n/, $src) {
      if ($line =~ /^\.S[Hh][ \t]+(.*?)\s*$/) { $cur = $1; next; }
      $sec{$cur} .= "$line\n";
    }
    my $syn = $sec{SYNOPSIS} // "";
    my @incs = $syn =~ /include <ipv4\/([a-z_]+\.h)>/g;
    my @fns = $syn =~ /\b(ipv4_\w+)\s*\(/g;
    for my $inc (@incs) { $shown{"$inc $_"} = 1 for @fns; }
    # whatis(1) and apropos(1) read the NAME section: it lists every
    # function the SYNOPSIS shows.
    my %in_name = map { $_ => 1 } (($sec{NAME} // "") =~ /\b(ipv4_\w+)/g);
    for my $fn (@fns) {
      bad(base($p) . ": $fn is in its SYNOPSIS but not in its NAME section")
        if exists $proto{$fn} && !$in_name{$fn};
    }
    # Each prototype the SYNOPSIS shows must be the header'"'"'s, to the
    # spelling of every type and parameter name.
    (my $decls = $syn) =~ s{/\*.*?\*/}{ }gs;
    $decls =~ s/^\..*$//mg;
    my %compared;
    for my $chunk (split /;/, $decls) {
      next unless $chunk =~ /\b(ipv4_\w+)\s*\(/ && $chunk !~ /[{}]/;
      my $name = $1;
      next unless exists $proto{$name};
      my $shown = norm($chunk);
      $compared{$name} = 1;
      bad(base($p) . " shows \"$shown\" where the header declares \"$proto{$name}\"")
        if $shown ne $proto{$name};
    }
    for my $name (@fns) {
      bad(base($p) . ": cannot read the prototype of $name in its SYNOPSIS")
        if exists $proto{$name} && !$compared{$name};
    }

    my $self = base($p);
    $self =~ s/\.[^.]*$//;
    my %named;
    while ($src =~ /\b(ipv4_\w+)\s*\((?![0-9][A-Za-z]*\))/g) { $named{$1} = 1; }
    for my $n (($sec{NAME} // "") =~ /\b(ipv4_\w+)/g) {
      $named{$n} = 1 unless $n eq $self;
    }
    for my $n (sort keys %named) {
      bad(base($p) . " names $n, which no header declares")
        unless $public{$n};
    }
  }
  for my $name (sort keys %declared_in) {
    my $h = $declared_in{$name};
    bad("$name ($h) is in no page\x27s SYNOPSIS under #include <ipv4/$h>")
      unless $shown{"$h $name"};
  }
  print "$_\n" for sort keys %public;
  exit $fail;
' "$(echo $headers | wc -w)" $headers $pages > "$tmp/names" || fail=1
count=$(wc -l < "$tmp/names")

# --- 5. The same names as the symbol tests read ---------------------------
if [ -n "$names_from" ]; then
  first=$(echo $headers | cut -d' ' -f1)
  inc=$(dirname "$(dirname "$first")")
  if ! sh "$names_from" "$inc" > "$tmp/names_raw"; then
    bad "$names_from $inc failed"
  elif ! LC_ALL=C sort "$tmp/names_raw" > "$tmp/names_from" ||
       ! LC_ALL=C sort -o "$tmp/names" "$tmp/names" ||
       ! diff "$tmp/names_from" "$tmp/names" > "$tmp/names_diff"; then
    bad "the public functions of $names_from (<) and of this test (>) differ:
$(cat "$tmp/names_diff")"
  fi
fi

if [ "$fail" -ne 0 ]; then
  exit 1
fi
echo "PASS: $(echo $pages | wc -w) pages render cleanly and cover $count public functions"
