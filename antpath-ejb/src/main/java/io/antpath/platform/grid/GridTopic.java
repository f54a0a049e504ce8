package io.antpath.platform.grid;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.topic.ITopic;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * A topic of short strings on the Payara data grid, fire and forget: what one instance publishes
 * reaches the listeners of the others (its own messages are dropped here, the publisher handles
 * them in process). Only ids go on it, never a secret or an event's content. When the grid is off
 * ({@code --nocluster}, Hazelcast disabled on Payara Server) {@link #open} finds none and the
 * caller goes on without it.
 */
public final class GridTopic implements AutoCloseable {
  /** Where Payara (Micro and Server) binds its Hazelcast instance. */
  static final String JNDI = "payara/Hazelcast";

  private static final Logger LOG = Logger.getLogger(GridTopic.class.getName());

  private final HazelcastInstance grid;
  private final ITopic<String> topic;
  private final UUID registration;

  private GridTopic(HazelcastInstance grid, ITopic<String> topic, UUID registration) {
    this.grid = grid;
    this.topic = topic;
    this.registration = registration;
  }

  /**
   * Joins topic {@code name} of this instance's data grid, handing what other members publish to
   * {@code onMessage} (on a grid thread: it must return quickly); empty without a running grid.
   */
  public static Optional<GridTopic> open(String name, Consumer<String> onMessage) {
    Object found;
    try {
      found = new InitialContext().lookup(JNDI);
    } catch (NamingException | RuntimeException e) {
      LOG.log(Level.FINE, "no data grid under " + JNDI, e);
      return Optional.empty();
    }
    try {
      if (!(found instanceof HazelcastInstance hz) || !hz.getLifecycleService().isRunning()) {
        return Optional.empty();
      }
      ITopic<String> topic = hz.getTopic(name);
      UUID id =
          topic.addMessageListener(
              m -> {
                if (m.getPublishingMember() == null || !m.getPublishingMember().localMember()) {
                  onMessage.accept(m.getMessageObject());
                }
              });
      return Optional.of(new GridTopic(hz, topic, id));
    } catch (LinkageError | RuntimeException e) {
      // A server whose grid classes are not visible to applications, or a grid shutting down.
      LOG.log(Level.INFO, "data grid unavailable: " + e.getClass().getSimpleName());
      return Optional.empty();
    }
  }

  /**
   * Sends {@code message} to the other members, if there are any (Payara Micro runs a grid of one
   * even with {@code --nocluster}); returns whether it was sent. A failure is logged and dropped.
   */
  public boolean publish(String message) {
    try {
      if (grid.getCluster().getMembers().size() < 2) {
        return false;
      }
      topic.publish(message);
      return true;
    } catch (RuntimeException e) {
      LOG.log(Level.FINE, "a grid message was dropped", e);
      return false;
    }
  }

  @Override
  public void close() {
    try {
      topic.removeMessageListener(registration);
    } catch (RuntimeException e) {
      LOG.log(Level.FINE, "leaving a grid topic", e);
    }
  }
}
