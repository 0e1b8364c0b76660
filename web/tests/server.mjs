// Starts the real binary with a fresh local Neo4j and the demo data, for the
// browser tests. SOCIALEKAART_BIN names the binary (scripts/web-test.sh
// builds it); it runs from the repository root, where it finds the launcher.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

// args are extra arguments for serve, such as "--dev-login".
export async function startServer({ args = [] } = {}) {
  const bin = process.env.SOCIALEKAART_BIN || join(root, "bin", "socialekaart");
  const dataDir = mkdtempSync(join(tmpdir(), "socialekaart-web-test-"));
  const port = await freePort();
  const env = { ...process.env, SOCIALEKAART_DATA_DIR: dataDir, SOCIALEKAART_ADDR: `127.0.0.1:${port}`, SOCIALEKAART_NEO4J_HEAP: "512m" };
  for (const k of ["NEO4J_URI", "NEO4J_USER", "NEO4J_PASSWORD", "NEO4J_DATABASE"]) delete env[k];
  const proc = spawn(bin, ["serve", ...args], { cwd: root, env, stdio: ["ignore", "ignore", "pipe"] });
  let log = "";
  proc.stderr.on("data", (b) => { log = (log + b).slice(-20000); });
  const exited = new Promise((resolve) => proc.on("exit", (code, sig) => resolve({ code, sig })));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 240_000;
  for (;;) {
    const gone = await Promise.race([exited, new Promise((r) => setTimeout(() => r(null), 500))]);
    if (gone) throw new Error(`socialekaart exited (${JSON.stringify(gone)}) before it was ready:\n${log}`);
    try {
      const res = await fetch(`${url}/readyz`);
      if (res.ok) break;
    } catch {}
    if (Date.now() > deadline) {
      proc.kill("SIGKILL");
      throw new Error(`socialekaart not ready after 240 s:\n${log}`);
    }
  }
  return {
    url,
    dataDir,
    log: () => log,
    // Reports go to the review queue in Neo4j; the server logs each one it
    // queued (id and record, never the text), one JSON object per line.
    meldingen: () =>
      log
        .split("\n")
        .filter((l) => l.includes('"report received"'))
        .map((l) => {
          try {
            return JSON.parse(l);
          } catch {
            return null; // the first line of the kept tail may be cut off
          }
        })
        .filter(Boolean),
    async stop() {
      proc.kill("SIGTERM");
      const t = setTimeout(() => proc.kill("SIGKILL"), 60_000);
      await exited;
      clearTimeout(t);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
