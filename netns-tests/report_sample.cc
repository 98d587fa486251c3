/* SPDX-License-Identifier: BSD-3-Clause */
// report_sample DIR PASSED FAILED SKIPPED: writes report.json, report.txt
// and report.html for a made-up run with that many cases of each result,
// for netns-tests/report_html_test.sh. Names, references and details
// carry characters HTML must escape (< > & " ').
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

extern "C" {
#include "netns-tests/report.h"
}

int main(int argc, char** argv) {
  if (argc != 5) {
    fprintf(stderr, "usage: report_sample DIR PASSED FAILED SKIPPED\n");
    return 2;
  }
  std::string dir = argv[1];
  const int counts[3] = {atoi(argv[2]), atoi(argv[3]), atoi(argv[4])};
  const nt_status statuses[3] = {NT_PASS, NT_FAIL, NT_SKIP};
  size_t total = static_cast<size_t>(counts[0] + counts[1] + counts[2]);
  std::vector<nt_case> cases(total);
  std::vector<nt_result> results(total);
  std::vector<std::string> names(total);
  size_t k = 0;
  for (int s = 0; s < 3; s++) {
    for (int i = 0; i < counts[s]; i++, k++) {
      names[k] = "sample/" + std::string(nt_status_name(statuses[s])) + "-" +
                 std::to_string(i);
      cases[k] = nt_case{};
      cases[k].name = names[k].c_str();
      cases[k].ref = "RFC 3376 s4.2 <group & \"source\">";
      cases[k].timeout_s = 10;
      results[k] = nt_result{};
      results[k].c = &cases[k];
      results[k].status = statuses[s];
      results[k].secs = 0.25 * static_cast<double>(k);
      snprintf(results[k].detail, sizeof(results[k].detail),
               "case %zu: a <b>detail</b> that is not markup & 'quoted'", k);
    }
  }
  nt_report r = {};
  r.results = results.data();
  r.num_results = total;
  r.version = "1.0.0";
  r.commit = "0123abc";
  r.rerun = "./scripts/report --only ";
  r.kernel = "6.1.0-sample";
  r.mode = "root";
  r.network = "ntsample";
  r.started = "2026-12-03T19:00:00Z";
  r.secs = 1.5;
  FILE* txt = fopen((dir + "/report.txt").c_str(), "w");
  if (txt == nullptr) return 1;
  nt_report_table(txt, &r);
  fclose(txt);
  if (nt_report_json((dir + "/report.json").c_str(), &r) != 0 ||
      nt_report_html((dir + "/report.html").c_str(), &r) != 0) {
    return 1;
  }
  return 0;
}
