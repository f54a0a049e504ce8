package io.antpath.workspace.boundary;

import io.antpath.access.control.AccessPolicy;
import io.antpath.access.entity.Action;
import io.antpath.access.entity.Caller;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.sql.Date;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A workspace's token usage over time, from the usage ledger (one row per usage report), summed per
 * UTC day on {@code usage_ledger_workspace_idx (workspace_id, recorded_at)}.
 */
@Stateless
public class WorkspaceUsage {
  @PersistenceContext EntityManager em;

  /** Tokens and runs of one UTC day. */
  public record Day(LocalDate day, long inputTokens, long outputTokens, long runs) {
    public long tokens() {
      return inputTokens + outputTokens;
    }
  }

  /** The last {@code days} UTC days up to {@code today}, oldest first, days without usage as 0. */
  public List<Day> perDay(Caller caller, LocalDate today, int days) {
    AccessPolicy.require(caller, Action.WORKSPACE_READ);
    if (days < 1 || days > 366) {
      throw new IllegalArgumentException("days: 1-366");
    }
    LocalDate first = today.minusDays(days - 1L);
    Instant from = first.atStartOfDay().toInstant(ZoneOffset.UTC);
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery(
                "select cast(recorded_at at time zone 'UTC' as date), sum(input_tokens),"
                    + " sum(output_tokens), count(distinct run_id) from usage_ledger"
                    + " where workspace_id = ?1 and recorded_at >= ?2 group by 1")
            .setParameter(1, caller.workspaceId())
            .setParameter(2, from)
            .getResultList();
    Map<LocalDate, Day> found = new HashMap<>();
    for (Object[] row : rows) {
      LocalDate day = row[0] instanceof Date d ? d.toLocalDate() : (LocalDate) row[0];
      found.put(
          day,
          new Day(
              day,
              ((Number) row[1]).longValue(),
              ((Number) row[2]).longValue(),
              ((Number) row[3]).longValue()));
    }
    List<Day> out = new ArrayList<>(days);
    for (LocalDate d = first; !d.isAfter(today); d = d.plusDays(1)) {
      out.add(found.getOrDefault(d, new Day(d, 0, 0, 0)));
    }
    return out;
  }
}
