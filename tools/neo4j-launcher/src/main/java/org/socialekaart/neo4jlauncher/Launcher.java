package org.socialekaart.neo4jlauncher;

import java.io.IOException;
import java.io.PrintStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.ConnectorPortRegister;
import org.neo4j.configuration.connectors.ConnectorType;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.connectors.HttpsConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.internal.helpers.HostnamePort;
import org.neo4j.io.ByteUnit;
import org.neo4j.kernel.internal.GraphDatabaseAPI;

/**
 * Runs an embedded Neo4j Community DBMS for local development and tests.
 *
 * <p>Usage: {@code java -jar neo4j-launcher.jar --data-dir DIR --port N [--pagecache 256m]}
 *
 * <p>Bolt listens on 127.0.0.1:N only (N = 0 picks a free port), HTTP is off and auth is
 * disabled. Everything Neo4j logs goes to DIR/logs. Stdout carries exactly one line,
 * {@code NEO4J_READY bolt://127.0.0.1:PORT}, once the default database is available.
 * SIGTERM/SIGINT shut the DBMS down cleanly; data in DIR survives restarts.
 */
public final class Launcher {
    private static final String HOST = "127.0.0.1";
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(5);
    private static final int PORT_ATTEMPTS = 3;

    private Launcher() {}

    public static void main(String[] args) {
        // Stdout is the protocol channel to the parent process: keep everything else off it.
        PrintStream protocol = System.out;
        System.setOut(System.err);
        try {
            Options opts = Options.parse(args);
            run(opts, protocol);
        } catch (UsageException e) {
            System.err.println("neo4j-launcher: " + e.getMessage());
            System.err.println(Options.USAGE);
            System.exit(2);
        } catch (Throwable e) {
            // Stack trace first, so the last line (what a parent shows as the tail) says what went wrong.
            e.printStackTrace(System.err);
            System.err.println("neo4j-launcher: error: " + describe(e));
            System.exit(1);
        }
    }

    private static void run(Options opts, PrintStream protocol) throws Exception {
        Files.createDirectories(opts.dataDir);

        DatabaseManagementService dbms = null;
        for (int attempt = 1; dbms == null; attempt++) {
            // With --port 0 we choose a free port ourselves rather than binding to port 0,
            // so that the advertised address (used by neo4j:// routing) carries the real port.
            int port = opts.port != 0 ? opts.port : freePort();
            try {
                dbms = build(opts, port);
            } catch (RuntimeException e) {
                if (opts.port != 0 || attempt >= PORT_ATTEMPTS || !isAddressInUse(e)) {
                    throw e;
                }
                System.err.println("neo4j-launcher: port " + port + " was taken, trying another");
            }
        }

        DatabaseManagementService service = dbms;
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                service.shutdown();
            } catch (Throwable e) {
                System.err.println("neo4j-launcher: error during shutdown: " + describe(e));
            } finally {
                stopped.countDown();
            }
        }, "neo4j-launcher-shutdown"));

        GraphDatabaseService db = service.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
        if (!db.isAvailable(READY_TIMEOUT.toMillis())) {
            throw new IllegalStateException("default database not available after " + READY_TIMEOUT.toSeconds() + " s");
        }

        HostnamePort bound = ((GraphDatabaseAPI) db).getDependencyResolver()
                .resolveDependency(ConnectorPortRegister.class)
                .getLocalAddress(ConnectorType.BOLT);
        if (bound == null) {
            throw new IllegalStateException("bolt connector is not listening");
        }
        protocol.println("NEO4J_READY bolt://" + HOST + ":" + bound.getPort());
        protocol.flush();

        stopped.await();
    }

    private static DatabaseManagementService build(Options opts, int port) {
        SocketAddress bolt = new SocketAddress(HOST, port);
        return new DatabaseManagementServiceBuilder(opts.dataDir)
                // Database files go to DIR/data, logs (debug.log etc.) to DIR/logs.
                .setConfig(GraphDatabaseSettings.logs_directory, opts.dataDir.resolve("logs"))
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, bolt)
                .setConfig(BoltConnector.advertised_address, bolt)
                .setConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
                .setConfig(HttpConnector.enabled, false)
                .setConfig(HttpsConnector.enabled, false)
                // Loopback-only local dev/test database: no users, no passwords.
                .setConfig(GraphDatabaseSettings.auth_enabled, false)
                // No anonymous usage reports (no outbound network calls).
                .setConfig(GraphDatabaseSettings.udc_enabled, false)
                .setConfig(GraphDatabaseSettings.pagecache_memory, opts.pageCache)
                // Keep only a couple of small transaction log files. This is a dev database
                // that may hold personal data; once such data is erased it should not linger
                // in old transaction logs. Small files make the retention actually bite.
                .setConfig(GraphDatabaseSettings.keep_logical_logs, "2 files")
                .setConfig(GraphDatabaseSettings.logical_log_rotation_threshold, ByteUnit.mebiBytes(16))
                // Netty waits a 5 s quiet period per event loop group on shutdown, which made every
                // stop take ~10 s. The databases are already closed at that point, so skip it.
                // (Internal settings: re-check the names when bumping the Neo4j version.)
                .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, 0)
                .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_timeout, Duration.ofSeconds(2))
                .build();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            return socket.getLocalPort();
        }
    }

    /** Bind errors surface as java.net.BindException or as Netty's native (epoll) IOException. */
    private static boolean isAddressInUse(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BindException
                    || (t.getMessage() != null && t.getMessage().contains("Address already in use"))) {
                return true;
            }
            for (Throwable s : t.getSuppressed()) {
                if (isAddressInUse(s)) {
                    return true;
                }
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    /** The outermost message plus the root cause, which is usually the useful part. */
    private static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String msg = String.valueOf(e.getMessage());
        return root == e ? msg : msg + " (cause: " + root + ")";
    }

    static final class UsageException extends Exception {
        UsageException(String message) {
            super(message);
        }
    }

    static final class Options {
        static final String USAGE =
                "usage: java -jar neo4j-launcher.jar --data-dir DIR --port N [--pagecache SIZE]";

        Path dataDir;
        int port = -1;
        long pageCache = ByteUnit.mebiBytes(256);

        static Options parse(String[] args) throws UsageException {
            Options o = new Options();
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                String value = null;
                int eq = arg.indexOf('=');
                if (arg.startsWith("--") && eq > 0) {
                    value = arg.substring(eq + 1);
                    arg = arg.substring(0, eq);
                }
                switch (arg) {
                    case "--help", "-h" -> throw new UsageException("help requested");
                    case "--data-dir" -> {
                        value = value != null ? value : next(args, ++i, arg);
                        if (value.isBlank()) {
                            throw new UsageException("--data-dir must not be empty");
                        }
                        o.dataDir = Path.of(value).toAbsolutePath().normalize();
                    }
                    case "--port" -> {
                        value = value != null ? value : next(args, ++i, arg);
                        try {
                            o.port = Integer.parseInt(value);
                        } catch (NumberFormatException e) {
                            throw new UsageException("invalid --port " + value);
                        }
                        if (o.port < 0 || o.port > 65535) {
                            throw new UsageException("--port out of range: " + value);
                        }
                    }
                    case "--pagecache" -> {
                        value = value != null ? value : next(args, ++i, arg);
                        try {
                            o.pageCache = ByteUnit.parse(value);
                        } catch (RuntimeException e) {
                            throw new UsageException("invalid --pagecache " + value + ": " + e.getMessage());
                        }
                    }
                    default -> throw new UsageException("unknown argument " + arg);
                }
            }
            if (o.dataDir == null) {
                throw new UsageException("--data-dir is required");
            }
            if (o.port < 0) {
                throw new UsageException("--port is required");
            }
            return o;
        }

        private static String next(String[] args, int i, String flag) throws UsageException {
            if (i >= args.length) {
                throw new UsageException(flag + " needs a value");
            }
            return args[i];
        }
    }
}
