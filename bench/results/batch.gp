# SPDX-License-Identifier: BSD-3-Clause
set terminal pngcairo size 1400,1000 font ',10'
set datafile missing '?'
set logscale xy
set grid
set xrange [0.8:320]
set xlabel 'batch size (messages)'
set xtics (1, 8, 32, 64, 256)
set key outside right top
set output 'batch.png'
set ylabel 'messages received per second'
set multiplot layout 2,2 title 'libipv4 vs the bare syscall loop vs Go x/net/ipv4: messages per second (wall clock) (2026-11-27T06:17Z)'
set title 'loopback, 64-byte payload'
plot for [i=2:9] 'batch_lo_64.dat' using 1:i with linespoints lw 2 title columnheader(i)
set title 'loopback, 1400-byte payload'
plot for [i=2:9] 'batch_lo_1400.dat' using 1:i with linespoints lw 2 title columnheader(i)
set title 'veth between two namespaces, 64-byte payload'
plot for [i=2:9] 'batch_veth_64.dat' using 1:i with linespoints lw 2 title columnheader(i)
set title 'veth between two namespaces, 1400-byte payload'
plot for [i=2:9] 'batch_veth_1400.dat' using 1:i with linespoints lw 2 title columnheader(i)
unset multiplot
set output 'batch_cpu.png'
set ylabel 'messages per CPU-second'
set multiplot layout 2,2 title 'libipv4 vs the bare syscall loop vs Go x/net/ipv4: messages per CPU-second (2026-11-27T06:17Z)'
set title 'loopback, 64-byte payload'
plot for [i=2:9] 'batch_cpu_lo_64.dat' using 1:i with linespoints lw 2 title columnheader(i)
set title 'loopback, 1400-byte payload'
plot for [i=2:9] 'batch_cpu_lo_1400.dat' using 1:i with linespoints lw 2 title columnheader(i)
set title 'veth between two namespaces, 64-byte payload'
plot for [i=2:9] 'batch_cpu_veth_64.dat' using 1:i with linespoints lw 2 title columnheader(i)
set title 'veth between two namespaces, 1400-byte payload'
plot for [i=2:9] 'batch_cpu_veth_1400.dat' using 1:i with linespoints lw 2 title columnheader(i)
unset multiplot
