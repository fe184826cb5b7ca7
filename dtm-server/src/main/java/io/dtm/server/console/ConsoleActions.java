package io.dtm.server.console;

import io.dtm.server.service.DtmApiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Runs an operator action of a console page and turns its end into the notice the next
 * page shows: done, refused (the coordinator's message), or failed (only the kind of
 * error; the error itself is logged, so no SQL or address reaches the page). An action
 * never ends in an error page.
 */
final class ConsoleActions {

	private static final Logger logger = LoggerFactory.getLogger(ConsoleActions.class);

	private ConsoleActions() {
	}

	/**
	 * Run an action.
	 * @param redirect where the notice goes
	 * @param name the action as the notice names it ("Force stop")
	 * @param done the notice when it was carried out
	 * @param action the action (audited by the caller)
	 */
	static void run(RedirectAttributes redirect, String name, String done, Runnable action) {
		try {
			action.run();
			redirect.addFlashAttribute("notice", done);
		}
		catch (DtmApiException | IllegalArgumentException ex) {
			redirect.addFlashAttribute("error", name + " refused: " + ex.getMessage());
		}
		catch (RuntimeException ex) {
			logger.warn("console: {} failed", name, ex);
			redirect.addFlashAttribute("error", name + " failed: the coordinator could not complete it ("
					+ ex.getClass().getSimpleName() + "). The health page shows whether the store is reachable.");
		}
	}

}
