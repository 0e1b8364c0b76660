//go:build unix && !linux

package neo4jlocal

import "syscall"

// sysProcAttr puts the JVM in its own process group, so signals reach only it.
// Outside Linux there is no parent-death signal: Stop or Kill it explicitly.
func sysProcAttr() *syscall.SysProcAttr {
	return &syscall.SysProcAttr{Setpgid: true}
}
