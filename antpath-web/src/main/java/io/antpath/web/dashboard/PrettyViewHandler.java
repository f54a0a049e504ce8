package io.antpath.web.dashboard;

import jakarta.faces.application.ViewHandler;
import jakarta.faces.application.ViewHandlerWrapper;
import jakarta.faces.context.FacesContext;

/**
 * Forms of a view reached through a stable address ({@link DashboardUrls}) post back to that
 * address instead of the view's file name, so a post-back never leaves {@code /app/run.xhtml} in
 * the address bar (refreshing or sharing it keeps working).
 */
public class PrettyViewHandler extends ViewHandlerWrapper {
  public PrettyViewHandler(ViewHandler wrapped) {
    super(wrapped);
  }

  @Override
  public String getActionURL(FacesContext context, String viewId) {
    Object address = context.getExternalContext().getRequestMap().get(DashboardUrls.ADDRESS);
    if (address != null
        && context.getViewRoot() != null
        && viewId.equals(context.getViewRoot().getViewId())) {
      return context.getExternalContext().getRequestContextPath() + address;
    }
    return super.getActionURL(context, viewId);
  }
}
