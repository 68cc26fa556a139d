package vbgraph.cluster;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.io.ByteUnit;
import org.neo4j.kernel.internal.Version;

/**
 * A Neo4j 5 Community DBMS for vbgraph's tests: Bolt on 127.0.0.1:PORT only (no HTTP),
 * auth on, user neo4j with the password from $VBGRAPH_PASSWORD (never printed), a small
 * page cache. Prints one line "neo4j ready: bolt://127.0.0.1:PORT version=V" once Bolt
 * accepts logins, and shuts the DBMS down on SIGTERM / SIGINT.
 *
 *   java -Xmx512m -cp 'target/classes:target/lib/*' vbgraph.cluster.Neo4jLauncher HOME PORT
 */
public final class Neo4jLauncher {
  private Neo4jLauncher() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 2) {
      System.err.println("usage: Neo4jLauncher HOME BOLT_PORT");
      System.exit(2);
    }
    String password = System.getenv("VBGRAPH_PASSWORD");
    if (password == null || password.length() < 8) {
      System.err.println("Neo4jLauncher: set $VBGRAPH_PASSWORD (at least 8 characters)");
      System.exit(2);
    }
    Path home = Path.of(args[0]).toAbsolutePath();
    int port = Integer.parseInt(args[1]);
    DatabaseManagementService dbms = new DatabaseManagementServiceBuilder(home)
        .setConfig(BoltConnector.enabled, true)
        .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
        .setConfig(BoltConnector.advertised_address, new SocketAddress("127.0.0.1", port))
        .setConfig(HttpConnector.enabled, false)
        .setConfig(GraphDatabaseSettings.auth_enabled, true)
        .setConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.mebiBytes(128))
        .setConfig(GraphDatabaseSettings.keep_logical_logs, "false")
        .build();
    CountDownLatch stop = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      dbms.shutdown();
      System.out.println("neo4j stopped");
      stop.countDown();
    }));
    dbms.database("system").executeTransactionally(
        "ALTER USER neo4j SET PASSWORD $password CHANGE NOT REQUIRED", Map.of("password", password));
    System.out.println("neo4j ready: bolt://127.0.0.1:" + port + " version=" + Version.getNeo4jVersion());
    System.out.flush();
    stop.await();
  }
}
