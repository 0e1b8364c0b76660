//go:build unix

// Package neo4jlocal starts and stops a local, embedded Neo4j Community server
// (tools/neo4j-launcher) as a child process, for development and tests.
//
// The server listens for Bolt on 127.0.0.1 only, with authentication disabled,
// so both bolt:// and neo4j:// URIs work without credentials. The launcher jar
// is built with Maven on first use.
package neo4jlocal

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
)

const (
	// DefaultStartTimeout bounds how long Start waits for the ready line when
	// the context has no earlier deadline.
	DefaultStartTimeout = 120 * time.Second
	// DefaultJavaHeap is the -Xmx used when Options.JavaHeap is empty.
	DefaultJavaHeap = "512m"

	stopGrace   = 30 * time.Second
	readyPrefix = "NEO4J_READY "
	launcherDir = "tools/neo4j-launcher"
	stderrTail  = 8 << 10
)

// Options configure Start.
type Options struct {
	// DataDir holds the database files and Neo4j's logs (required).
	DataDir string
	// Port is the Bolt port on 127.0.0.1; 0 picks a free one.
	Port int
	// PageCache is Neo4j's page cache size, e.g. "256m" (launcher default if empty).
	PageCache string
	// JavaHeap is the JVM's maximum heap, e.g. "512m" (DefaultJavaHeap if empty).
	JavaHeap string
	// RepoRoot is the directory holding tools/neo4j-launcher. If empty it is
	// found by walking up from the working directory to a directory that has
	// both go.mod and tools/neo4j-launcher/pom.xml.
	RepoRoot string
	// Logger receives progress logs; nil discards them.
	Logger *slog.Logger
	// Stderr, if set, receives the server's stderr as well.
	Stderr io.Writer
}

// Server is a running launcher process.
type Server struct {
	opts Options // resolved: absolute DataDir, RepoRoot, non-nil Logger
	java string
	jar  string

	mu   sync.Mutex
	proc *process
	port int
}

// process is one run of the launcher JVM.
type process struct {
	cmd    *exec.Cmd
	uri    string
	stderr *tailBuffer
	done   chan struct{} // closed once the process has exited and its output is drained
	err    error         // cmd.Wait's result, valid after done
}

// Start builds the launcher if needed, starts it and waits until the default
// database is available. ctx bounds only the start (including a Maven build);
// cancelling it later does not stop the server: call Stop for that.
func Start(ctx context.Context, opts Options) (*Server, error) {
	if opts.DataDir == "" {
		return nil, errors.New("neo4jlocal: data dir is required")
	}
	if opts.Port < 0 || opts.Port > 65535 {
		return nil, fmt.Errorf("neo4jlocal: invalid port %d", opts.Port)
	}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	if opts.JavaHeap == "" {
		opts.JavaHeap = DefaultJavaHeap
	}
	dataDir, err := filepath.Abs(opts.DataDir)
	if err != nil {
		return nil, fmt.Errorf("neo4jlocal: data dir: %w", err)
	}
	opts.DataDir = dataDir
	if err := os.MkdirAll(dataDir, 0o750); err != nil {
		return nil, fmt.Errorf("neo4jlocal: create data dir: %w", err)
	}
	if opts.RepoRoot == "" {
		if opts.RepoRoot, err = findRepoRoot(); err != nil {
			return nil, err
		}
	}
	java, err := findJava()
	if err != nil {
		return nil, err
	}
	jar, err := ensureJar(ctx, opts.RepoRoot, opts.Logger)
	if err != nil {
		return nil, err
	}

	s := &Server{opts: opts, java: java, jar: jar, port: opts.Port}
	if err := s.launch(ctx); err != nil {
		return nil, err
	}
	return s, nil
}

// URI is the Bolt URI, bolt://127.0.0.1:PORT. It stays the same across Restart.
func (s *Server) URI() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return "bolt://127.0.0.1:" + strconv.Itoa(s.port)
}

// Port is the Bolt port on 127.0.0.1.
func (s *Server) Port() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.port
}

// PID is the process id of the current JVM, or 0 when it is not running.
func (s *Server) PID() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.proc == nil {
		return 0
	}
	return s.proc.cmd.Process.Pid
}

// Stop asks the server to shut down (SIGTERM), waits up to 30 s or until ctx
// is done, and then kills it. Stopping a stopped server is a no-op.
func (s *Server) Stop(ctx context.Context) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.stopLocked(ctx)
}

// Kill ends the server at once (SIGKILL), as a crash would, and waits for it
// to exit. The data dir then needs recovery, which Neo4j does on next start.
func (s *Server) Kill() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	p := s.proc
	if p == nil {
		return nil
	}
	s.proc = nil
	if err := p.signal(syscall.SIGKILL); err != nil {
		return fmt.Errorf("neo4jlocal: kill: %w", err)
	}
	<-p.done
	s.opts.Logger.Info("neo4j killed", "pid", p.cmd.Process.Pid)
	return nil
}

// Restart stops the server (if running) and starts it again with the same
// data dir and port, so that the Bolt URI stays the same.
func (s *Server) Restart(ctx context.Context) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.stopLocked(ctx); err != nil {
		return fmt.Errorf("neo4jlocal: restart: %w", err)
	}
	return s.launchLocked(ctx)
}

func (s *Server) launch(ctx context.Context) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.launchLocked(ctx)
}

func (s *Server) launchLocked(ctx context.Context) error {
	if s.proc != nil {
		return errors.New("neo4jlocal: already running")
	}
	ctx, cancel := context.WithTimeout(ctx, DefaultStartTimeout)
	defer cancel()

	args := []string{"-Xmx" + s.opts.JavaHeap, "-jar", s.jar,
		"--data-dir", s.opts.DataDir, "--port", strconv.Itoa(s.port)}
	if s.opts.PageCache != "" {
		args = append(args, "--pagecache", s.opts.PageCache)
	}
	cmd := exec.Command(s.java, args...)
	cmd.Dir = s.opts.DataDir
	cmd.SysProcAttr = sysProcAttr()

	// Stdout is an *os.File pipe we own, so that cmd.Wait does not close it
	// under our reader.
	stdoutR, stdoutW, err := os.Pipe()
	if err != nil {
		return fmt.Errorf("neo4jlocal: stdout pipe: %w", err)
	}
	cmd.Stdout = stdoutW
	tail := &tailBuffer{max: stderrTail}
	cmd.Stderr = tail
	if s.opts.Stderr != nil {
		cmd.Stderr = io.MultiWriter(tail, s.opts.Stderr)
	}

	start := time.Now()
	s.opts.Logger.Debug("starting neo4j", "java", s.java, "args", args)
	if err := cmd.Start(); err != nil {
		stdoutR.Close()
		stdoutW.Close()
		return fmt.Errorf("neo4jlocal: start java: %w", err)
	}
	stdoutW.Close()

	p := &process{cmd: cmd, stderr: tail, done: make(chan struct{})}
	ready := make(chan string, 1)
	readerDone := make(chan struct{})
	go func() {
		defer close(readerDone)
		defer stdoutR.Close()
		sc := bufio.NewScanner(stdoutR)
		for sc.Scan() {
			line := sc.Text()
			if uri, ok := strings.CutPrefix(line, readyPrefix); ok {
				select {
				case ready <- strings.TrimSpace(uri):
				default:
				}
				continue
			}
			s.opts.Logger.Debug("neo4j stdout", "line", line)
		}
		// Keep draining on scanner errors (e.g. an overlong line).
		_, _ = io.Copy(io.Discard, stdoutR)
	}()
	go func() {
		p.err = cmd.Wait()
		<-readerDone
		close(p.done)
	}()

	select {
	case uri := <-ready:
		port, err := portOf(uri)
		if err != nil {
			_ = p.signal(syscall.SIGKILL)
			<-p.done
			return fmt.Errorf("neo4jlocal: bad ready line: %w", err)
		}
		if s.port != 0 && port != s.port {
			_ = p.signal(syscall.SIGKILL)
			<-p.done
			return fmt.Errorf("neo4jlocal: server listens on port %d, want %d", port, s.port)
		}
		s.port = port
		p.uri = uri
		s.proc = p
		s.opts.Logger.Info("neo4j ready", "uri", uri, "pid", cmd.Process.Pid,
			"took", time.Since(start).Round(time.Millisecond), "data_dir", s.opts.DataDir)
		return nil
	case <-p.done:
		return fmt.Errorf("neo4jlocal: neo4j exited before it was ready (%v); logs in %s; stderr:\n%s",
			p.err, filepath.Join(s.opts.DataDir, "logs"), tail.String())
	case <-ctx.Done():
		_ = p.signal(syscall.SIGKILL)
		<-p.done
		return fmt.Errorf("neo4jlocal: waiting for neo4j to be ready: %w; stderr:\n%s", ctx.Err(), tail.String())
	}
}

func (s *Server) stopLocked(ctx context.Context) error {
	p := s.proc
	if p == nil {
		return nil
	}
	s.proc = nil
	log := s.opts.Logger.With("pid", p.cmd.Process.Pid)

	select {
	case <-p.done:
		log.Warn("neo4j had already exited", "err", p.err)
		return nil
	default:
	}

	start := time.Now()
	if err := p.signal(syscall.SIGTERM); err != nil {
		return fmt.Errorf("neo4jlocal: stop: %w", err)
	}
	grace := time.NewTimer(stopGrace)
	defer grace.Stop()
	select {
	case <-p.done:
		if !exitedByTerm(p.err) {
			return fmt.Errorf("neo4jlocal: neo4j stopped uncleanly: %w; stderr:\n%s", p.err, p.stderr.String())
		}
		log.Info("neo4j stopped", "took", time.Since(start).Round(time.Millisecond))
		return nil
	case <-grace.C:
	case <-ctx.Done():
	}
	log.Warn("neo4j did not stop in time, killing it")
	if err := p.signal(syscall.SIGKILL); err != nil {
		return fmt.Errorf("neo4jlocal: kill after stop timeout: %w", err)
	}
	<-p.done
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("neo4jlocal: stop: %w", err)
	}
	return errors.New("neo4jlocal: neo4j did not stop within 30 s and was killed")
}

// signal sends sig to the process group of the launcher.
func (p *process) signal(sig syscall.Signal) error {
	err := syscall.Kill(-p.cmd.Process.Pid, sig)
	if errors.Is(err, syscall.ESRCH) {
		return nil // already gone
	}
	return err
}

// exitedByTerm reports whether a JVM exit looks like the result of SIGTERM:
// the JVM runs its shutdown hooks and exits with 128+15.
func exitedByTerm(err error) bool {
	if err == nil {
		return true
	}
	var ee *exec.ExitError
	if !errors.As(err, &ee) {
		return false
	}
	ws, ok := ee.Sys().(syscall.WaitStatus)
	if !ok {
		return false
	}
	if ws.Signaled() {
		return ws.Signal() == syscall.SIGTERM
	}
	return ws.ExitStatus() == 128+int(syscall.SIGTERM)
}

func portOf(uri string) (int, error) {
	i := strings.LastIndexByte(uri, ':')
	if !strings.HasPrefix(uri, "bolt://") || i < 0 {
		return 0, fmt.Errorf("unexpected uri %q", uri)
	}
	port, err := strconv.Atoi(uri[i+1:])
	if err != nil || port <= 0 || port > 65535 {
		return 0, fmt.Errorf("unexpected uri %q", uri)
	}
	return port, nil
}

func findJava() (string, error) {
	if home := os.Getenv("JAVA_HOME"); home != "" {
		java := filepath.Join(home, "bin", "java")
		if _, err := os.Stat(java); err == nil {
			return java, nil
		}
	}
	java, err := exec.LookPath("java")
	if err != nil {
		return "", fmt.Errorf("neo4jlocal: java 17+ is needed to run neo4j: %w", err)
	}
	return java, nil
}

// findRepoRoot walks up from the working directory to the directory that
// holds go.mod and tools/neo4j-launcher/pom.xml.
func findRepoRoot() (string, error) {
	wd, err := os.Getwd()
	if err != nil {
		return "", fmt.Errorf("neo4jlocal: working directory: %w", err)
	}
	for dir := wd; ; dir = filepath.Dir(dir) {
		if isFile(filepath.Join(dir, "go.mod")) && isFile(filepath.Join(dir, launcherDir, "pom.xml")) {
			return dir, nil
		}
		if filepath.Dir(dir) == dir {
			return "", fmt.Errorf("neo4jlocal: no directory with go.mod and %s/pom.xml above %s", launcherDir, wd)
		}
	}
}

func isFile(path string) bool {
	fi, err := os.Stat(path)
	return err == nil && fi.Mode().IsRegular()
}

// tailBuffer keeps the last max bytes written to it.
type tailBuffer struct {
	mu  sync.Mutex
	max int
	buf []byte
}

func (t *tailBuffer) Write(p []byte) (int, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.buf = append(t.buf, p...)
	if over := len(t.buf) - t.max; over > 0 {
		t.buf = append(t.buf[:0], t.buf[over:]...)
	}
	return len(p), nil
}

func (t *tailBuffer) String() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	return string(t.buf)
}
