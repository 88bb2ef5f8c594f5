package casebook.cluster;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.opensearch.analysis.common.CommonAnalysisPlugin;
import org.opensearch.common.settings.Settings;
import org.opensearch.node.InternalSettingsPreparer;
import org.opensearch.node.Node;
import org.opensearch.plugins.Plugin;
import org.opensearch.transport.Netty4Plugin;

/**
 * An OpenSearch node whose plugins (HTTP/transport over Netty, the common analyzers) come from the classpath.
 *
 * <p>Node's plugin-taking constructor is protected, hence this subclass. Usage:
 * {@code java -cp 'target/classes:target/lib/*' casebook.cluster.ClasspathNode --http-port=9200
 * --transport-port=9300 --home=/tmp/node [--cluster-name=casebook-test] [--seed-ports=9300,9301]
 * [--exit-on-stdin-eof=true]}.
 * Without --seed-ports the node runs as a single-node cluster; with it, every node named in it
 * (node names are {@code node-<transport port>}) is an initial cluster manager on 127.0.0.1.
 * With --exit-on-stdin-eof=true the node stops when its stdin closes, so a test runner that dies
 * (and with it the pipe it holds) never leaves a node behind.
 */
public final class ClasspathNode extends Node {

    private static final List<Class<? extends Plugin>> PLUGINS = List.of(Netty4Plugin.class, CommonAnalysisPlugin.class);
    private static final String HOST = "127.0.0.1";

    private ClasspathNode(Settings settings) {
        super(InternalSettingsPreparer.prepareEnvironment(settings, Map.of(), null, () -> settings.get("node.name")), PLUGINS, true);
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        Settings settings = nodeSettings(options);
        if (Boolean.parseBoolean(options.get("exit-on-stdin-eof"))) {
            exitOnStdinEof();
        }
        Node node = new ClasspathNode(settings).start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                node.close();
                node.awaitClose(20, TimeUnit.SECONDS);
            } catch (Exception e) {
                e.printStackTrace();
            } finally {
                stopped.countDown();
            }
        }, "casebook-node-shutdown"));
        System.out.println("CASEBOOK_NODE_STARTED http://" + HOST + ":" + settings.get("http.port"));
        System.out.flush();
        // OpenSearch's own threads are daemons: keep the JVM alive until SIGTERM/SIGINT.
        stopped.await();
    }

    private static void exitOnStdinEof() {
        Thread watcher = new Thread(() -> {
            try {
                while (System.in.read() >= 0) {
                    // discard input; only the end of the stream matters
                }
            } catch (IOException e) {
                // a broken stdin means the parent is gone too
            }
            System.exit(0);
        }, "casebook-stdin-watcher");
        watcher.setDaemon(true);
        watcher.start();
    }

    /** Parses {@code --key=value} arguments. */
    static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (!arg.startsWith("--") || eq < 0) {
                throw new IllegalArgumentException("expected --key=value, got: " + arg);
            }
            options.put(arg.substring(2, eq), arg.substring(eq + 1));
        }
        for (String required : List.of("http-port", "transport-port", "home")) {
            if (!options.containsKey(required)) {
                throw new IllegalArgumentException("missing --" + required + "=...");
            }
        }
        return options;
    }

    static String nodeName(String transportPort) {
        return "node-" + transportPort;
    }

    static Settings nodeSettings(Map<String, String> options) {
        Path home = Path.of(options.get("home")).toAbsolutePath();
        String transportPort = options.get("transport-port");
        Settings.Builder builder = Settings.builder()
            .put("cluster.name", options.getOrDefault("cluster-name", "casebook-test"))
            .put("node.name", nodeName(transportPort))
            .put("path.home", home.toString())
            .put("path.data", home.resolve("data").toString())
            .put("path.logs", home.resolve("logs").toString())
            .put("network.host", HOST)
            .put("http.port", options.get("http-port"))
            .put("transport.port", transportPort)
            // Test machines are often fuller than the default 85% watermark; never refuse shards for that.
            .put("cluster.routing.allocation.disk.threshold_enabled", false);
        String seedPorts = options.get("seed-ports");
        if (seedPorts == null) {
            builder.put("discovery.type", "single-node");
        } else {
            List<String> ports = Arrays.stream(seedPorts.split(",")).map(String::trim).collect(Collectors.toList());
            builder.putList("discovery.seed_hosts", ports.stream().map(p -> HOST + ":" + p).collect(Collectors.toList()));
            builder.putList("cluster.initial_cluster_manager_nodes",
                ports.stream().map(ClasspathNode::nodeName).collect(Collectors.toList()));
        }
        return builder.build();
    }
}
