/* SPDX-License-Identifier: BSD-3-Clause */
// Tests of the report's renderers on made-up results: the table's width
// and wrapping, the rerun command, and what JSON, JUnit and HTML carry.
#include <gtest/gtest.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

extern "C" {
#include "netns-tests/report.h"
}

namespace {

struct Sample {
  std::vector<nt_case> cases;
  std::vector<nt_result> results;
  nt_report r = {};

  Sample() : cases(3), results(3) {
    const char* names[] = {"io/read-write",
                           "tool/decode-captured-igmp-with-a-rather-long-name",
                           "odd/it's here"};
    const nt_status st[] = {NT_PASS, NT_FAIL, NT_SKIP};
    for (size_t i = 0; i < 3; i++) {
      cases[i] = nt_case{};
      cases[i].name = names[i];
      cases[i].ref =
          i == 1
              ? "cmd/ipv4 decode; RFC 1122 s3.2.1; RFC 3376 s4.2; and a "
                "reference "
                "long enough to need a second line in its column of the table"
              : "RFC 791";
      results[i] = nt_result{};
      results[i].c = &cases[i];
      results[i].status = st[i];
      results[i].secs = 1.25;
    }
    std::string words;
    for (int i = 0; i < 60; i++) words += "word" + std::to_string(i) + " ";
    snprintf(results[1].detail, sizeof(results[1].detail), "%s<&>",
             words.c_str());
    snprintf(results[0].detail, sizeof(results[0].detail), "fine");
    snprintf(results[2].detail, sizeof(results[2].detail),
             "skipped: no privilege");
    r.results = results.data();
    r.num_results = 3;
    r.version = "1.0.0";
    r.commit = "0123abc";
    r.rerun = "./scripts/report --only ";
    r.kernel = "6.1.0-test";
    r.mode = "userns";
    r.network = "nt42";
    r.started = "2026-12-03T19:00:00Z";
    r.secs = 3.75;
  }
};

std::string Table(const nt_report& r) {
  char* buf = nullptr;
  size_t len = 0;
  FILE* f = open_memstream(&buf, &len);
  nt_report_table(f, &r);
  fclose(f);
  std::string s(buf, len);
  free(buf);
  return s;
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string TmpPath(const char* name) {
  const char* dir = getenv("TEST_TMPDIR");
  return std::string(dir != nullptr ? dir : "/tmp") + "/" + name;
}

bool Has(const std::string& s, const std::string& part) {
  return s.find(part) != std::string::npos;
}

TEST(ReportTable, KeepsEveryLineWithin120Columns) {
  Sample s;
  std::string t = Table(s.r);
  std::istringstream lines(t);
  std::string line;
  size_t n = 0;
  while (std::getline(lines, line)) {
    EXPECT_LE(line.size(), static_cast<size_t>(NT_REPORT_WIDTH)) << line;
    n++;
  }
  EXPECT_GT(n, 10u) << "the long detail and reference wrapped: " << t;
  EXPECT_TRUE(Has(t, "word0 word1")) << t;
  EXPECT_TRUE(Has(t, "word59 <&>\n")) << "no word lost: " << t;
}

TEST(ReportTable, WrapsDetailsUnderTheirCase) {
  Sample s;
  std::string t = Table(s.r);
  size_t row =
      t.find("tool/decode-captured-igmp-with-a-rather-long-name  fail ");
  ASSERT_NE(std::string::npos, row) << t;
  size_t detail = t.find("\n    word0 word1 ", row);
  size_t next_case = t.find("\nodd/it's here", row);
  ASSERT_NE(std::string::npos, detail) << t;
  EXPECT_LT(detail, next_case);
  std::string between = t.substr(detail + 1, next_case - detail - 1);
  std::istringstream lines(between);
  std::string line;
  while (std::getline(lines, line)) {
    EXPECT_EQ("    ", line.substr(0, 4)) << "indented under the case: " << line;
  }
}

TEST(ReportTable, NamesTheLibraryAndGivesTheRerunOfAFailure) {
  Sample s;
  std::string t = Table(s.r);
  EXPECT_EQ(0u,
            t.find("libipv4 1.0.0 (commit 0123abc) netns conformance report\n"
                   "kernel 6.1.0-test, mode userns, network nt42, started "))
      << t;
  EXPECT_TRUE(Has(t,
                  "    rerun: ./scripts/report --only "
                  "tool/decode-captured-igmp-with-a-rather-long-name\n"))
      << t;
  EXPECT_FALSE(Has(t, "--only io/read-write"))
      << "a passed case has no rerun line";
  EXPECT_TRUE(Has(t, "1 passed, 1 failed, 1 skipped\n"));
}

TEST(ReportRerun, QuotesNamesForTheShell) {
  Sample s;
  char buf[256];
  nt_report_rerun(&s.r, "io/read-write", buf, sizeof(buf));
  EXPECT_STREQ("./scripts/report --only io/read-write", buf);
  nt_report_rerun(&s.r, "odd/it's here", buf, sizeof(buf));
  EXPECT_STREQ("./scripts/report --only 'odd/it'\\''s here'", buf);
  nt_report_rerun(&s.r, "io/read-write", buf, 10);
  EXPECT_EQ(9u, strlen(buf)) << "cut, but terminated";
}

TEST(ReportJson, CarriesTheLibraryAndEveryRerun) {
  Sample s;
  std::string path = TmpPath("report.json");
  ASSERT_EQ(0, nt_report_json(path.c_str(), &s.r));
  std::string j = ReadFile(path);
  EXPECT_TRUE(Has(
      j,
      "\"libipv4_version\": \"1.0.0\",\n  \"libipv4_commit\": \"0123abc\",\n"
      "  \"kernel\": \"6.1.0-test\",\n  \"mode\": \"userns\""))
      << j;
  EXPECT_TRUE(Has(j, "\"rerun\": \"./scripts/report --only io/read-write\"}"))
      << j;
}

TEST(ReportJunit, CarriesTheLibraryAndTheRerunOfAFailure) {
  Sample s;
  std::string path = TmpPath("report.xml");
  ASSERT_EQ(0, nt_report_junit(path.c_str(), &s.r));
  std::string x = ReadFile(path);
  EXPECT_TRUE(Has(x, "<property name=\"libipv4_version\" value=\"1.0.0\"/>"))
      << x;
  EXPECT_TRUE(Has(x, "<property name=\"libipv4_commit\" value=\"0123abc\"/>"))
      << x;
  EXPECT_TRUE(Has(x, "<property name=\"kernel\" value=\"6.1.0-test\"/>")) << x;
  EXPECT_TRUE(Has(x, "<property name=\"mode\" value=\"userns\"/>")) << x;
  EXPECT_TRUE(
      Has(x,
          "rerun: ./scripts/report --only "
          "tool/decode-captured-igmp-with-a-rather-long-name</system-out>"))
      << x;
}

TEST(ReportHtml, IsOneSelfContainedPage) {
  Sample s;
  std::string path = TmpPath("report.html");
  ASSERT_EQ(0, nt_report_html(path.c_str(), &s.r));
  std::string h = ReadFile(path);
  EXPECT_EQ(0u, h.find("<!DOCTYPE html>")) << h;
  for (const char* banned : {"<script", "src=", "href=", "url(", "@import"}) {
    EXPECT_FALSE(Has(h, banned)) << banned;
  }
  EXPECT_TRUE(Has(
      h,
      "<span id=\"cases\">3</span> cases: <span id=\"passed\">1</span> passed, "
      "<span id=\"failed\">1</span> failed, <span id=\"skipped\">1</span> "
      "skipped"))
      << h;
  EXPECT_TRUE(Has(h,
                  "<tr class=\"case fail\"><td class=\"name\">"
                  "tool/decode-captured-igmp-with-a-rather-long-name</td>"))
      << h;
  EXPECT_TRUE(Has(
      h,
      "word59 &lt;&amp;&gt;<div class=\"rerun\">rerun: <code>./scripts/report "
      "--only tool/decode-captured-igmp-with-a-rather-long-name</code></div>"))
      << h;
  EXPECT_TRUE(Has(h, "<td class=\"name\">odd/it&apos;s here</td>")) << h;
  EXPECT_TRUE(Has(
      h,
      "commit <code id=\"commit\">0123abc</code>; kernel <code id=\"kernel\">"
      "6.1.0-test</code>; mode <b id=\"mode\">userns</b>"))
      << h;
}

// Two cases against two implementations: a driven case where libipv4
// passes and Go differs as a DIVERGENCES.md row documents, and a
// libipv4-only case that fails for libipv4 and does not apply to Go.
struct Columns {
  std::vector<nt_case> cases;
  std::vector<nt_result> results;
  const char* impls[2] = {"libipv4", "go"};
  nt_report r = {};

  Columns() : cases(2), results(4) {
    const char* names[] = {"io/truncation-reported", "tool/decode-pcap"};
    const nt_status st[] = {NT_PASS, NT_DIFFERS, NT_FAIL, NT_NA};
    const char* details[] = {
        "trunc=1", "differs as conformance/DIVERGENCES.md row S1 documents",
        "broken", "libipv4 only: libipv4's ipv4 tool (cmd/ipv4)"};
    for (size_t i = 0; i < 2; i++) {
      cases[i] = nt_case{};
      cases[i].name = names[i];
      cases[i].ref = "RFC 791";
    }
    for (size_t i = 0; i < 4; i++) {
      results[i] = nt_result{};
      results[i].c = &cases[i / 2];
      results[i].impl = i % 2;
      results[i].status = st[i];
      results[i].secs = 0.5;
      snprintf(results[i].detail, sizeof(results[i].detail), "%s", details[i]);
    }
    r.results = results.data();
    r.num_results = 4;
    r.impls = impls;
    r.num_impls = 2;
    r.version = "1.0.0";
    r.commit = "0123abc";
    r.rerun = "./scripts/report --impl libipv4 --impl go --only ";
    r.kernel = "6.1.0-test";
    r.mode = "root";
    r.network = "nt42";
    r.started = "2026-12-03T19:00:00Z";
    r.secs = 2.0;
  }
};

TEST(ReportStatus, NamesEveryStatus) {
  EXPECT_STREQ("pass", nt_status_name(NT_PASS));
  EXPECT_STREQ("fail", nt_status_name(NT_FAIL));
  EXPECT_STREQ("skip", nt_status_name(NT_SKIP));
  EXPECT_STREQ("unsup", nt_status_name(NT_UNSUP));
  EXPECT_STREQ("differs", nt_status_name(NT_DIFFERS));
  EXPECT_STREQ("n/a", nt_status_name(NT_NA));
}

TEST(ReportColumns, TableHasOneResultColumnPerImplementation) {
  Columns s;
  std::string t = Table(s.r);
  EXPECT_TRUE(Has(t, ", implementations libipv4, go\n")) << t;
  EXPECT_TRUE(Has(t, "CASE                    libipv4  go       ")) << t;
  EXPECT_TRUE(
      Has(t, "io/truncation-reported  pass     differs     1.00s  RFC 791\n"))
      << t;
  EXPECT_TRUE(Has(t, "tool/decode-pcap        fail     n/a ")) << t;
  EXPECT_TRUE(Has(
      t, "    go: differs as conformance/DIVERGENCES.md row S1 documents\n"))
      << t;
  EXPECT_TRUE(Has(t,
                  "    libipv4: broken\n    rerun: ./scripts/report --impl "
                  "libipv4 --impl go "
                  "--only tool/decode-pcap\n    go: libipv4 only:"))
      << t;
  EXPECT_TRUE(Has(t,
                  "libipv4: 1 passed, 1 failed, 0 skipped\n"
                  "go: 0 passed, 0 failed, 0 skipped, 0 unsupported, 1 differ "
                  "(documented), "
                  "1 not applicable\n"))
      << t;
  std::istringstream lines(t);
  std::string line;
  while (std::getline(lines, line)) {
    EXPECT_LE(line.size(), static_cast<size_t>(NT_REPORT_WIDTH)) << line;
  }
}

TEST(ReportColumns, OneImplementationKeepsTheSingleColumnAndNamesIt) {
  Columns s;
  nt_result one[2] = {s.results[1], s.results[3]};
  one[1].status = NT_UNSUP;
  one[0].impl = one[1].impl = 0;
  const char* go[] = {"go"};
  s.r.results = one;
  s.r.num_results = 2;
  s.r.impls = go;
  s.r.num_impls = 1;
  std::string t = Table(s.r);
  EXPECT_TRUE(Has(t, ", implementation go\n")) << t;
  EXPECT_TRUE(Has(t, "CASE                    RESULT       TIME  REFERENCE\n"))
      << t;
  EXPECT_TRUE(Has(t, "io/truncation-reported  differs     0.50s  RFC 791\n"))
      << t;
  EXPECT_TRUE(
      Has(t, "\n    differs as conformance/DIVERGENCES.md row S1 documents\n"))
      << t;
  EXPECT_TRUE(Has(
      t,
      "0 passed, 0 failed, 0 skipped, 1 unsupported, 1 differ (documented), "
      "0 not applicable\n"))
      << t;
  EXPECT_FALSE(Has(t, "rerun:"))
      << "unsupported and differs are not failures: " << t;
}

TEST(ReportColumns, JsonJunitAndHtmlCarryEachImplementation) {
  Columns s;
  std::string path = TmpPath("columns.json");
  ASSERT_EQ(0, nt_report_json(path.c_str(), &s.r));
  std::string j = ReadFile(path);
  EXPECT_TRUE(Has(j,
                  "\"impls\": [\"libipv4\", \"go\"],\n  \"unsupported\": 0,\n"
                  "  \"differs\": 1,\n  \"not_applicable\": 1,"))
      << j;
  EXPECT_TRUE(
      Has(j,
          "{\"name\": \"io/truncation-reported\", \"reference\": \"RFC 791\", "
          "\"results\": [{\"impl\": \"libipv4\", \"result\": \"pass\", "
          "\"time_s\": 0.500, \"detail\": \"trunc=1\""))
      << j;
  EXPECT_TRUE(Has(j, "{\"impl\": \"go\", \"result\": \"differs\"")) << j;
  EXPECT_TRUE(Has(j, "\"passed\": 1,\n  \"failed\": 1,\n  \"skipped\": 0,"))
      << j;

  path = TmpPath("columns.xml");
  ASSERT_EQ(0, nt_report_junit(path.c_str(), &s.r));
  std::string x = ReadFile(path);
  EXPECT_TRUE(Has(x, "<testsuites tests=\"4\" failures=\"1\" skipped=\"1\""))
      << x;
  EXPECT_TRUE(Has(
      x,
      "<testcase classname=\"netns-tests.go.io\" name=\"truncation-reported\""))
      << x;
  EXPECT_TRUE(Has(
      x,
      "<testcase classname=\"netns-tests.libipv4.tool\" name=\"decode-pcap\""))
      << x;
  EXPECT_TRUE(Has(x, "<property name=\"impl\" value=\"go\"/>")) << x;

  path = TmpPath("columns.html");
  ASSERT_EQ(0, nt_report_html(path.c_str(), &s.r));
  std::string h = ReadFile(path);
  EXPECT_TRUE(Has(h, "<th>Case</th><th>libipv4</th><th>go</th><th>Time</th>"))
      << h;
  EXPECT_TRUE(Has(
      h,
      "<td class=\"result pass\">pass</td><td class=\"result differs\">differs"
      "</td>"))
      << h;
  EXPECT_TRUE(Has(
      h, "<td class=\"result fail\">fail</td><td class=\"result na\">n/a</td>"))
      << h;
  EXPECT_TRUE(Has(h, "<span id=\"cases\">2</span> cases")) << h;
  EXPECT_TRUE(
      Has(h,
          "<p class=\"impl-counts\">go: 0 passed, 0 failed, 0 skipped, 0 "
          "unsupported, 1 differ (documented), 1 not applicable</p>"))
      << h;
  EXPECT_TRUE(
      Has(h, "<div class=\"impl\"><b>libipv4:</b> broken<div class=\"rerun\">"))
      << h;
}

TEST(ReportFiles, SayWhyTheyCannotBeWritten) {
  Sample s;
  EXPECT_EQ(-ENOENT, nt_report_html("/nonexistent/dir/report.html", &s.r));
  EXPECT_EQ(-ENOENT, nt_report_json("/nonexistent/dir/report.json", &s.r));
}

}  // namespace
