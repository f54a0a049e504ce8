package io.antpath.testkit;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * N antpath servers on one database, forming a Payara data grid on loopback with an explicit member
 * list (no multicast), as {@code bin/cluster} starts them: the launcher of the fault tests. The
 * first instance migrates the schema and seeds; the others start once it is ready. An instance can
 * be killed, paused or stopped, and started again in its place (same grid port, new HTTP port).
 */
public final class AntpathCluster implements AutoCloseable {
  private final Map<String, String> env;
  private final String name = "antpath-faults-" + UUID.randomUUID().toString().substring(0, 8);
  private final List<Integer> gridPorts = new ArrayList<>();
  private final List<AntpathServer> instances = new ArrayList<>();

  private AntpathCluster(Map<String, String> env, int size) throws IOException {
    this.env = new LinkedHashMap<>(env);
    for (int i = 0; i < size; i++) {
      int port;
      do {
        port = AntpathServer.freePort();
      } while (gridPorts.contains(port));
      gridPorts.add(port);
      instances.add(null);
    }
  }

  /** Starts {@code size} instances with these settings and waits until every one is ready. */
  public static AntpathCluster start(Map<String, String> env, int size) throws IOException {
    AntpathCluster cluster = new AntpathCluster(env, size);
    try {
      cluster.instances.set(0, AntpathServer.startReady(cluster.env, cluster.gridOptions(0)));
      for (int i = 1; i < size; i++) {
        cluster.instances.set(i, AntpathServer.start(cluster.env, cluster.gridOptions(i)));
      }
      for (int i = 1; i < size; i++) {
        cluster.awaitReady(i); // on another HTTP port if the chosen one was taken meanwhile
      }
      return cluster;
    } catch (IOException | RuntimeException e) {
      cluster.close();
      throw e;
    }
  }

  /** The Payara options of instance {@code i}: its own grid port, every member listed. */
  private List<String> gridOptions(int i) {
    String members = gridPorts.stream().map(p -> "127.0.0.1:" + p).collect(Collectors.joining(","));
    return List.of(
        "--clustername",
        name,
        "--startport",
        Integer.toString(gridPorts.get(i)),
        "--clustermode",
        "tcpip:" + members,
        "--name",
        "antpath-" + (i + 1));
  }

  public AntpathServer instance(int i) {
    return instances.get(i);
  }

  public List<AntpathServer> instances() {
    return List.copyOf(instances);
  }

  public int size() {
    return instances.size();
  }

  /**
   * Starts a fresh process in place of instance {@code i} (which must have ended or been killed)
   * and waits until it is ready.
   */
  public AntpathServer replace(int i) throws IOException {
    AntpathServer old = instances.get(i);
    if (old != null && old.isAlive()) {
      throw new IllegalStateException("instance " + (i + 1) + " still runs");
    }
    if (old != null) {
      old.close();
    }
    AntpathServer fresh = AntpathServer.startReady(env, gridOptions(i));
    instances.set(i, fresh);
    return fresh;
  }

  /** Starts a fresh process in place of instance {@code i} without waiting for it. */
  public AntpathServer replaceLater(int i) throws IOException {
    AntpathServer old = instances.get(i);
    if (old != null && old.isAlive()) {
      throw new IllegalStateException("instance " + (i + 1) + " still runs");
    }
    if (old != null) {
      old.close();
    }
    AntpathServer fresh = AntpathServer.start(env, gridOptions(i));
    instances.set(i, fresh);
    return fresh;
  }

  /**
   * Waits until instance {@code i} (started by {@link #replaceLater}) is ready; when its HTTP port
   * was taken before it could bind it, starts it again on another one.
   */
  public AntpathServer awaitReady(int i) throws IOException {
    try {
      return instances.get(i).awaitReady();
    } catch (AntpathServer.PortTakenException e) {
      instances.get(i).close();
      AntpathServer fresh = AntpathServer.startReady(env, gridOptions(i));
      instances.set(i, fresh);
      return fresh;
    }
  }

  @Override
  public void close() {
    for (AntpathServer s : instances) {
      if (s != null) {
        s.close();
      }
    }
  }
}
