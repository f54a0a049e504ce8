package io.antpath.web.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.antpath.access.entity.AccessDeniedException;
import io.antpath.access.entity.Action;
import io.antpath.access.entity.NotFoundException;
import jakarta.faces.FacesException;
import jakarta.faces.application.ViewExpiredException;
import org.junit.jupiter.api.Test;

class DashboardExceptionHandlerTest {
  @Test
  void aWrappedRefusal_answersItsStatus() {
    assertThat(
            DashboardExceptionHandler.status(
                new FacesException(new RuntimeException(new NotFoundException("run")))))
        .isEqualTo(404);
    assertThat(
            DashboardExceptionHandler.status(
                new FacesException(new AccessDeniedException(Action.RUNS_WRITE))))
        .isEqualTo(403);
  }

  @Test
  void anExpiredView_andAnythingElse() {
    assertThat(DashboardExceptionHandler.status(new ViewExpiredException("x", "/app/run.xhtml")))
        .isEqualTo(410);
    assertThat(
            DashboardExceptionHandler.status(new FacesException(new IllegalStateException("boom"))))
        .isEqualTo(500);
  }
}
