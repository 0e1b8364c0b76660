//go:build unix

package neo4jlocal

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"time"
)

// ensureJar returns the path of target/neo4j-launcher.jar, building it with
// Maven first when it is missing or older than the launcher's sources. A file
// lock keeps parallel test processes from building at the same time.
func ensureJar(ctx context.Context, repoRoot string, log *slog.Logger) (string, error) {
	dir := filepath.Join(repoRoot, launcherDir)
	pom := filepath.Join(dir, "pom.xml")
	target := filepath.Join(dir, "target")
	jar := filepath.Join(target, "neo4j-launcher.jar")

	if ok, err := jarUpToDate(dir, jar); err != nil || ok {
		return jar, err
	}

	if err := os.MkdirAll(target, 0o755); err != nil {
		return "", fmt.Errorf("neo4jlocal: create launcher target dir: %w", err)
	}
	unlock, err := lockFile(ctx, filepath.Join(target, ".build.lock"))
	if err != nil {
		return "", err
	}
	defer unlock()

	// Another process may have built it while we waited for the lock.
	if ok, err := jarUpToDate(dir, jar); err != nil || ok {
		return jar, err
	}

	mvn, err := exec.LookPath("mvn")
	if err != nil {
		return "", fmt.Errorf("neo4jlocal: maven is needed to build %s: %w", jar, err)
	}
	log.Info("building neo4j launcher", "pom", pom)
	start := time.Now()
	out := &tailBuffer{max: stderrTail}
	cmd := exec.CommandContext(ctx, mvn, "-q", "-B", "-f", pom, "package", "-DskipTests")
	cmd.Dir = dir
	cmd.Stdout = out
	cmd.Stderr = out
	if err := cmd.Run(); err != nil {
		return "", fmt.Errorf("neo4jlocal: build neo4j launcher (mvn -q -B -f %s package -DskipTests): %w; output:\n%s",
			pom, err, out.String())
	}
	// Maven may leave an unchanged jar untouched; mark it as fresh so that a
	// touched source does not trigger a rebuild on every start.
	now := time.Now()
	if err := os.Chtimes(jar, now, now); err != nil {
		return "", fmt.Errorf("neo4jlocal: launcher jar after build: %w", err)
	}
	log.Info("built neo4j launcher", "jar", jar, "took", time.Since(start).Round(time.Millisecond))
	return jar, nil
}

// jarUpToDate reports whether the jar and its lib dir exist and the jar is
// newer than pom.xml and everything under src/.
func jarUpToDate(dir, jar string) (bool, error) {
	fi, err := os.Stat(jar)
	if errors.Is(err, fs.ErrNotExist) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("neo4jlocal: launcher jar: %w", err)
	}
	built := fi.ModTime()
	if libs, err := os.ReadDir(filepath.Join(filepath.Dir(jar), "lib")); err != nil || len(libs) == 0 {
		return false, nil
	}
	newer := false
	check := func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			return nil
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		if info.ModTime().After(built) {
			newer = true
			return fs.SkipAll
		}
		return nil
	}
	for _, src := range []string{filepath.Join(dir, "pom.xml"), filepath.Join(dir, "src")} {
		if err := filepath.WalkDir(src, check); err != nil {
			return false, fmt.Errorf("neo4jlocal: launcher sources: %w", err)
		}
		if newer {
			return false, nil
		}
	}
	return true, nil
}

// lockFile takes an exclusive flock on path, polling so that ctx can cancel
// the wait. The returned func releases it.
func lockFile(ctx context.Context, path string) (func(), error) {
	f, err := os.OpenFile(path, os.O_CREATE|os.O_RDWR, 0o644)
	if err != nil {
		return nil, fmt.Errorf("neo4jlocal: open build lock: %w", err)
	}
	for {
		err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
		if err == nil {
			return func() {
				_ = syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
				f.Close()
			}, nil
		}
		if !errors.Is(err, syscall.EWOULDBLOCK) && !errors.Is(err, syscall.EINTR) {
			f.Close()
			return nil, fmt.Errorf("neo4jlocal: build lock: %w", err)
		}
		select {
		case <-ctx.Done():
			f.Close()
			return nil, fmt.Errorf("neo4jlocal: waiting for build lock: %w", ctx.Err())
		case <-time.After(250 * time.Millisecond):
		}
	}
}
