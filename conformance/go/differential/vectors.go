// SPDX-License-Identifier: BSD-3-Clause
package main

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// A vector is one request of a vector file with its expected answer and
// the comment that names its case (format: conformance/vectors/README.md).
type vector struct {
	file    string
	line    int
	comment string
	request string
	answer  string
}

// loadVectors reads every *.txt file of dir, in name order.
func loadVectors(dir string) (map[string][]vector, []string, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*.txt"))
	if err != nil {
		return nil, nil, err
	}
	if len(files) == 0 {
		return nil, nil, fmt.Errorf("no vector files in %s", dir)
	}
	sort.Strings(files)
	all := map[string][]vector{}
	var names []string
	for _, f := range files {
		vs, err := loadVectorFile(f)
		if err != nil {
			return nil, nil, err
		}
		name := filepath.Base(f)
		all[name] = vs
		names = append(names, name)
	}
	return all, names, nil
}

func loadVectorFile(path string) ([]vector, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var vs []vector
	var comment []string
	var pending *vector
	s := bufio.NewScanner(f)
	s.Buffer(make([]byte, 1<<20), 1<<20)
	bad := func(n int, msg string) error {
		return fmt.Errorf("%s:%d: %s", path, n, msg)
	}
	for n := 1; s.Scan(); n++ {
		line := s.Text()
		switch {
		case pending != nil:
			if !strings.HasPrefix(line, "< ") && line != "<" {
				return nil, bad(n, "a request line must be followed by its '< ' answer line")
			}
			pending.answer = strings.TrimPrefix(strings.TrimPrefix(line, "<"), " ")
			vs = append(vs, *pending)
			pending = nil
		case line == "":
			comment = nil // a comment describes only the request right below it
		case strings.HasPrefix(line, "#"):
			comment = append(comment, strings.TrimSpace(strings.TrimPrefix(line, "#")))
		case strings.HasPrefix(line, "> ") || line == ">":
			if len(comment) == 0 {
				return nil, bad(n, "a vector needs a comment line naming its case before its request")
			}
			pending = &vector{file: path, line: n,
				comment: strings.Join(comment, " "),
				request: strings.TrimPrefix(strings.TrimPrefix(line, ">"), " ")}
			comment = nil
		case strings.HasPrefix(line, "<"):
			return nil, bad(n, "answer line without a request")
		default:
			return nil, bad(n, "line is neither a comment, a '> ' request nor a '< ' answer")
		}
	}
	if err := s.Err(); err != nil {
		return nil, err
	}
	if pending != nil {
		return nil, fmt.Errorf("%s: last request has no answer line", path)
	}
	if len(vs) == 0 {
		return nil, fmt.Errorf("%s: no vectors", path)
	}
	return vs, nil
}
