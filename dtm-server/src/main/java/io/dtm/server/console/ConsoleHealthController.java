package io.dtm.server.console;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.dtm.core.diagnostics.Diagnosis;
import io.dtm.core.diagnostics.HealthDetails;
import io.dtm.server.config.DtmServerProperties;
import io.dtm.server.diagnostics.DiagnosticCheck;
import io.dtm.server.diagnostics.DiagnosticRunner;
import io.dtm.server.instance.InstanceIdentity;
import io.dtm.server.store.InstanceRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The console's health page: the same live checks as {@code /actuator/dtm}, each failure
 * with its D-code, cause and action, the store type, the coordinator's version, and the
 * instances sharing the store with the passes each is running.
 */
@Controller
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class ConsoleHealthController {

	private static final Logger logger = LoggerFactory.getLogger(ConsoleHealthController.class);

	private final ConsoleAccess access;

	private final List<DiagnosticCheck> checks;

	private final DiagnosticRunner runner;

	private final DtmServerProperties properties;

	private final ConsoleInstances instances;

	private final InstanceIdentity identity;

	ConsoleHealthController(ConsoleAccess access, List<DiagnosticCheck> checks, DiagnosticRunner runner,
			DtmServerProperties properties, InstanceRegistry registry, InstanceIdentity identity, Clock clock) {
		this.access = access;
		this.checks = checks;
		this.runner = runner;
		this.properties = properties;
		this.identity = identity;
		this.instances = new ConsoleInstances(registry, identity, clock, properties.getInstances().getLostAfter());
	}

	@GetMapping(ConsolePaths.HEALTH)
	String health(Model model) {
		if (!this.access.enabled()) {
			return "redirect:/";
		}
		List<Optional<Diagnosis>> outcomes = this.runner.runAll(this.checks);
		List<Map<String, Object>> rows = new ArrayList<>();
		for (int i = 0; i < this.checks.size(); i++) {
			Map<String, Object> row = new LinkedHashMap<>();
			row.put("check", this.checks.get(i).name());
			row.put("ok", outcomes.get(i).isEmpty());
			outcomes.get(i).ifPresent((diagnosis) -> {
				row.putAll(HealthDetails.of(diagnosis));
				row.put("title", diagnosis.code().title());
			});
			rows.add(row);
		}
		model.addAttribute("checks", rows);
		model.addAttribute("healthy", rows.stream().allMatch((row) -> (Boolean) row.get("ok")));
		model.addAttribute("store", this.properties.getStore().getType().name().toLowerCase());
		model.addAttribute("version", this.identity.version());
		model.addAttribute("self", this.identity.id());
		try {
			model.addAttribute("instances", this.instances.rows());
		}
		catch (RuntimeException ex) {
			model.addAttribute("instances", List.of());
			logger.warn("console: the instance registry cannot be read", ex);
			model.addAttribute("instancesError", "The instance registry cannot be read from the store ("
					+ ex.getClass().getSimpleName() + "); the checks above tell whether the store is reachable.");
		}
		return "console/health";
	}

}
