package io.antpath.capture.boundary;

import io.antpath.access.control.AccessPolicy;
import io.antpath.access.entity.Action;
import io.antpath.access.entity.Caller;
import io.antpath.access.entity.NotFoundException;
import io.antpath.capture.entity.OutputCaptureFailure;
import io.antpath.capture.entity.OutputObject;
import io.antpath.platform.tenancy.WorkspaceScope;
import io.antpath.run.entity.Run;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.UUID;

/** What the capture kept of a run: its outputs and, side by side, the files it could not keep. */
@Stateless
public class RunOutputs {
  /** Captured outputs and capture failures of a run, oldest first. */
  public record Listing(List<OutputObject> outputs, List<OutputCaptureFailure> failures) {
    public static final Listing NONE = new Listing(List.of(), List.of());
  }

  @PersistenceContext EntityManager em;

  public RunOutputs() {}

  /** Outside a container (tests). */
  public RunOutputs(EntityManager em) {
    this.em = em;
  }

  /**
   * @throws NotFoundException when the run is not in the caller's workspace
   */
  public Listing list(Caller caller, UUID runId) {
    AccessPolicy.require(caller, Action.OUTPUTS_READ);
    WorkspaceScope scope = WorkspaceScope.of(em, caller.workspaceId());
    scope.find(Run.class, runId).orElseThrow(() -> new NotFoundException("run"));
    return new Listing(
        scope
            .where(OutputObject.class, "e.runId = :run", "createdAt, id")
            .setParameter("run", runId)
            .getResultList(),
        scope
            .where(OutputCaptureFailure.class, "e.runId = :run", "createdAt, id")
            .setParameter("run", runId)
            .getResultList());
  }
}
