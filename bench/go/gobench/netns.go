// SPDX-License-Identifier: BSD-3-Clause
package main

import (
	"fmt"
	"net"
	"os"
	"runtime"
	"syscall"

	"golang.org/x/sys/unix"
)

// listenIn opens a UDP socket bound to addr:0 inside the named network
// namespace (/run/netns/NAME, made by bench/run), or in this process's own
// when ns is empty. A socket stays in the namespace it was created in, so
// only the creating thread moves, and moves back before it is released.
func listenIn(ns string, addr net.IP) (*net.UDPConn, error) {
	if ns == "" {
		return net.ListenUDP("udp4", &net.UDPAddr{IP: addr})
	}
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	home, err := os.Open("/proc/thread-self/ns/net")
	if err != nil {
		return nil, err
	}
	defer home.Close()
	target, err := os.Open("/run/netns/" + ns)
	if err != nil {
		return nil, err
	}
	defer target.Close()
	if err := setns(target); err != nil {
		return nil, fmt.Errorf("setns %s: %v", ns, err)
	}
	conn, lerr := net.ListenUDP("udp4", &net.UDPAddr{IP: addr})
	if err := setns(home); err != nil {
		// A thread left in the wrong namespace would poison later
		// sockets: stop here.
		fmt.Fprintln(os.Stderr, "gobench: setns back:", err)
		os.Exit(3)
	}
	return conn, lerr
}

func setns(f *os.File) error {
	return unix.Setns(int(f.Fd()), unix.CLONE_NEWNET)
}

// forceBuffer sets SO_RCVBUFFORCE or SO_SNDBUFFORCE (root, past
// rmem_max), falling back to the ordinary option, as io_bench.c does.
func forceBuffer(c *net.UDPConn, force, plain, bytes int) error {
	raw, err := c.SyscallConn()
	if err != nil {
		return err
	}
	var serr error
	err = raw.Control(func(fd uintptr) {
		serr = syscall.SetsockoptInt(int(fd), syscall.SOL_SOCKET, force, bytes)
		if serr != nil {
			serr = syscall.SetsockoptInt(int(fd), syscall.SOL_SOCKET, plain, bytes)
		}
	})
	if err != nil {
		return err
	}
	return serr
}
