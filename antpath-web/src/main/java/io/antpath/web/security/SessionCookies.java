package io.antpath.web.security;

import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.SessionCookieConfig;
import jakarta.servlet.annotation.WebListener;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Hardens the dashboard session cookie: HttpOnly, SameSite=Lax, Secure unless turned off for
 * plain-http localhost ({@code antpath.http.secure-cookies=false}, set by bin/dev).
 */
@WebListener
public class SessionCookies implements ServletContextListener {
  @Override
  public void contextInitialized(ServletContextEvent event) {
    SessionCookieConfig cookie = event.getServletContext().getSessionCookieConfig();
    cookie.setHttpOnly(true);
    cookie.setSecure(
        ConfigProvider.getConfig(SessionCookies.class.getClassLoader())
            .getOptionalValue("antpath.http.secure-cookies", Boolean.class)
            .orElse(true));
    cookie.setAttribute("SameSite", "Lax");
    cookie.setName("ANTPATH_SESSION");
  }
}
