package io.dtm.server.console;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.web.firewall.FirewalledRequest;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.StrictHttpFirewall;

/**
 * Spring Security's firewall sees every request, the API's too, though only the console's
 * chain uses Spring Security. Its strict defaults refuse URL-encoded {@code %} and
 * {@code ;} and a bare {@code ;} in the path, which Tomcat passes on and dtm's API took
 * before the console came: a topic named {@code a%b} is deleted as
 * {@code DELETE /api/dtmsvr/topic/a%25b}. So requests under {@code /api/} go through a
 * strict firewall that allows those three; everything else, the console included, through
 * the default one. An API path with a segment starting with a period ({@code /..;/}) goes
 * through the default one too, so a semicolon can never hide a traversal from the
 * security chain. Both still refuse traversal ({@code ..}, encoded periods, encoded
 * slashes and back-slashes), non-standard methods and control characters.
 */
class ApiPathsFirewall implements HttpFirewall {

	private final StrictHttpFirewall strict = new StrictHttpFirewall();

	private final StrictHttpFirewall api = new StrictHttpFirewall();

	ApiPathsFirewall() {
		this.api.setAllowUrlEncodedPercent(true);
		this.api.setAllowSemicolon(true);
	}

	@Override
	public FirewalledRequest getFirewalledRequest(HttpServletRequest request) {
		return (isApi(request) ? this.api : this.strict).getFirewalledRequest(request);
	}

	@Override
	public HttpServletResponse getFirewalledResponse(HttpServletResponse response) {
		return this.strict.getFirewalledResponse(response);
	}

	private static boolean isApi(HttpServletRequest request) {
		String uri = request.getRequestURI();
		String context = request.getContextPath();
		return uri != null && uri.startsWith(((context != null) ? context : "") + "/api/") && !uri.contains("/.");
	}

}
