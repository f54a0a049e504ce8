package io.antpath.web.dashboard;

import io.antpath.platform.DomainException;
import jakarta.faces.FacesException;
import jakarta.faces.application.ViewExpiredException;
import jakarta.faces.context.ExceptionHandler;
import jakarta.faces.context.ExceptionHandlerFactory;
import jakarta.faces.context.ExceptionHandlerWrapper;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.faces.event.ExceptionQueuedEvent;
import java.io.IOException;
import java.util.Iterator;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Turns what a dashboard view throws into the app's error pages: a refusal the domain reports with
 * a status (not found, including another tenant's workspace or run: 404; not allowed: 403) is
 * answered with that status, an expired view leads to the "page expired" page, anything else to the
 * 500 page. The container's error pages ({@code web.xml}) render them in the app's layout, so no
 * exception class name or server banner reaches the browser.
 */
public class DashboardExceptionHandler extends ExceptionHandlerWrapper {
  private static final Logger LOG = Logger.getLogger(DashboardExceptionHandler.class.getName());

  public DashboardExceptionHandler(ExceptionHandler wrapped) {
    super(wrapped);
  }

  /** Installs the handler (named in faces-config.xml). */
  public static class Factory extends ExceptionHandlerFactory {
    public Factory(ExceptionHandlerFactory wrapped) {
      super(wrapped);
    }

    @Override
    public ExceptionHandler getExceptionHandler() {
      return new DashboardExceptionHandler(getWrapped().getExceptionHandler());
    }
  }

  @Override
  public void handle() {
    Throwable thrown = null;
    for (Iterator<ExceptionQueuedEvent> it = getUnhandledExceptionQueuedEvents().iterator();
        it.hasNext(); ) {
      Throwable t = it.next().getContext().getException();
      thrown = thrown == null ? t : thrown;
      it.remove();
    }
    if (thrown != null) {
      answer(thrown);
    }
    getWrapped().handle();
  }

  private static void answer(Throwable thrown) {
    FacesContext context = FacesContext.getCurrentInstance();
    ExternalContext ext = context.getExternalContext();
    int status = status(thrown);
    if (status == 500) {
      LOG.log(Level.WARNING, "dashboard view failed", thrown);
    }
    try {
      if (ext.isResponseCommitted()) {
        return;
      }
      ext.responseReset();
      if (status == 410) {
        ext.redirect(ext.getRequestContextPath() + "/error/expired.xhtml");
      } else {
        ext.responseSendError(status, null);
      }
    } catch (IOException | IllegalStateException e) {
      LOG.log(Level.FINE, "could not answer the error page", e);
    }
    context.responseComplete();
  }

  /** 404/403/... for a domain refusal, 410 (a marker) for an expired view, else 500. */
  static int status(Throwable thrown) {
    for (Throwable t = thrown; t != null; t = t.getCause()) {
      if (t instanceof ViewExpiredException) {
        return 410;
      }
      if (t instanceof DomainException d) {
        return d.status() == 404 || d.status() == 403 ? d.status() : 400;
      }
      if (t.getCause() == t || (t instanceof FacesException && t.getCause() == null)) {
        break;
      }
    }
    return 500;
  }
}
