//go:build linux

package neo4jlocal

import "syscall"

// sysProcAttr puts the JVM in its own process group (so signals reach only
// it) and has the kernel SIGKILL it when the Go process dies.
//
// Pdeathsig fires when the OS thread that started the child exits. The Go
// runtime only ends threads whose goroutine exits while locked to them, which
// this package never does, so in practice this means "when the process dies".
func sysProcAttr() *syscall.SysProcAttr {
	return &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGKILL}
}
