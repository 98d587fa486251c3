// SPDX-License-Identifier: BSD-3-Clause
package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"
	"sync/atomic"
	"time"
)

// probe is a running probe process spoken to through pipes.
type probe struct {
	name string
	cmd  *exec.Cmd
	in   io.WriteCloser
	out  *bufio.Reader
}

func startProbe(name, path string) (*probe, error) {
	cmd := exec.Command(path)
	cmd.Stderr = os.Stderr
	in, err := cmd.StdinPipe()
	if err != nil {
		return nil, err
	}
	out, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("%s probe %s: %v", name, path, err)
	}
	return &probe{name, cmd, in, bufio.NewReaderSize(out, 1<<20)}, nil
}

// ask sends every request and returns one answer per request, counting
// the answers read in *done. A writer goroutine feeds the probe while this
// one reads, so neither side blocks on a full pipe.
func (p *probe) ask(reqs []string, done *int64) ([]string, error) {
	werr := make(chan error, 1)
	go func() {
		w := bufio.NewWriterSize(p.in, 1<<16)
		for _, r := range reqs {
			w.WriteString(r)
			w.WriteByte('\n')
		}
		werr <- w.Flush()
	}()
	answers := make([]string, 0, len(reqs))
	for i := range reqs {
		line, err := p.out.ReadString('\n')
		if err != nil {
			return nil, fmt.Errorf("%s probe: no answer to request %d (%q): %v",
				p.name, i+1, reqs[i], err)
		}
		answers = append(answers, strings.TrimRight(line, "\r\n"))
		atomic.AddInt64(done, 1)
	}
	if err := <-werr; err != nil {
		return nil, fmt.Errorf("%s probe: writing requests: %v", p.name, err)
	}
	return answers, nil
}

func (p *probe) close() error {
	p.in.Close()
	return p.cmd.Wait()
}

// askTimeout bounds the time one batch may take; a probe that stops
// answering (a codec caught in a loop) fails the run instead of hanging it.
var askTimeout = 60 * time.Second

// askBoth sends the same requests to both probes at once. When a probe
// gives no answer in time, both are killed and the error names the first
// request left unanswered: the probes answer in order, so that is the one
// the probe is stuck on.
func askBoth(ours, theirs *probe, reqs []string) (a, b []string, err error) {
	type result struct {
		ans []string
		err error
	}
	var doneA, doneB int64
	chA := make(chan result, 1)
	chB := make(chan result, 1)
	go func() {
		ans, err := ours.ask(reqs, &doneA)
		chA <- result{ans, err}
	}()
	go func() {
		ans, err := theirs.ask(reqs, &doneB)
		chB <- result{ans, err}
	}()
	timeout := time.After(askTimeout)
	var ra, rb *result
	for ra == nil || rb == nil {
		select {
		case r := <-chA:
			ra = &r
		case r := <-chB:
			rb = &r
		case <-timeout:
			ours.cmd.Process.Kill()
			theirs.cmd.Process.Kill()
			stuck := []string{}
			for _, x := range []struct {
				p    *probe
				done *int64
				r    *result
			}{{ours, &doneA, ra}, {theirs, &doneB, rb}} {
				if x.r == nil {
					n := atomic.LoadInt64(x.done)
					stuck = append(stuck, fmt.Sprintf("%s probe gave no answer to request %d (%q) within %v",
						x.p.name, n+1, reqs[n], askTimeout))
				}
			}
			return nil, nil, fmt.Errorf("%s", strings.Join(stuck, "; "))
		}
	}
	if ra.err != nil {
		return nil, nil, ra.err
	}
	return ra.ans, rb.ans, rb.err
}
