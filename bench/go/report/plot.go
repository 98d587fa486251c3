// SPDX-License-Identifier: BSD-3-Clause
package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// writePlot writes, per transport and payload, one data file of messages
// per second and one of messages per CPU-second (batch size, then one
// column per implementation, "?" where missing), and batch.gp, which draws
// each set as a grid of panels: the first into png, the second into
// cpuPNG.
func writePlot(s *summary, dir, png, cpuPNG string) error {
	impls := ioImpls(s)
	cells, grid := ioGrid(s)
	type panel struct {
		transport string
		payload   int
	}
	var panels []panel
	seen := map[panel]bool{}
	for _, k := range cells {
		p := panel{k.transport, k.payload}
		if !seen[p] {
			seen[p] = true
			panels = append(panels, p)
		}
	}
	rows, cols := 1, len(panels)
	if len(panels) > 2 {
		rows, cols = (len(panels)+1)/2, 2
	}
	var gp strings.Builder
	fmt.Fprintf(&gp, "set terminal pngcairo size 1400,1000 font ',10'\n")
	fmt.Fprintf(&gp, "set datafile missing '?'\nset logscale xy\nset grid\nset xrange [0.8:320]\n")
	fmt.Fprintf(&gp, "set xlabel 'batch size (messages)'\n")
	fmt.Fprintf(&gp, "set xtics (1, 8, 32, 64, 256)\nset key outside right top\n")
	sets := []struct {
		prefix, out, ylabel, title string
		value                      func(r ioRow) float64
	}{
		{"batch", png, "messages received per second", "messages per second (wall clock)",
			func(r ioRow) float64 { return r.MsgsPerSec }},
		{"batch_cpu", cpuPNG, "messages per CPU-second", "messages per CPU-second",
			func(r ioRow) float64 { return 1e9 / r.CPUNsPerMsg }},
	}
	for _, set := range sets {
		fmt.Fprintf(&gp, "set output '%s'\nset ylabel '%s'\n", set.out, set.ylabel)
		fmt.Fprintf(&gp, "set multiplot layout %d,%d title 'libipv4 vs the bare syscall loop vs Go x/net/ipv4: %s (%v)'\n",
			rows, cols, set.title, s.Machine["date"])
		for _, p := range panels {
			name := fmt.Sprintf("%s_%s_%d.dat", set.prefix, p.transport, p.payload)
			var d strings.Builder
			fmt.Fprintf(&d, "batch %s\n", strings.Join(impls, " "))
			for _, k := range cells {
				if k.transport != p.transport || k.payload != p.payload {
					continue
				}
				fmt.Fprintf(&d, "%d", k.batch)
				for _, im := range impls {
					r, ok := grid[k][im]
					if !ok || r.Rounds == 0 {
						fmt.Fprintf(&d, " ?")
					} else {
						fmt.Fprintf(&d, " %.1f", set.value(r))
					}
				}
				fmt.Fprintf(&d, "\n")
			}
			if err := os.WriteFile(filepath.Join(dir, name), []byte(d.String()), 0o644); err != nil {
				return err
			}
			label := "loopback"
			if p.transport != "lo" {
				label = p.transport + " between two namespaces"
			}
			fmt.Fprintf(&gp, "set title '%s, %d-byte payload'\n", label, p.payload)
			fmt.Fprintf(&gp, "plot for [i=2:%d] '%s' using 1:i with linespoints lw 2 title columnheader(i)\n",
				len(impls)+1, name)
		}
		fmt.Fprintf(&gp, "unset multiplot\n")
	}
	return os.WriteFile(filepath.Join(dir, "batch.gp"), []byte(gp.String()), 0o644)
}
