package io.dtm.server.console;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.dtm.core.diagnostics.Diagnosis;
import io.dtm.core.diagnostics.HealthDetails;
import io.dtm.server.DtmServerApplication;
import io.dtm.server.config.DtmServerProperties;
import io.dtm.server.diagnostics.DiagnosticCheck;
import io.dtm.server.diagnostics.DiagnosticRunner;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The console's health page: the same live checks as {@code /actuator/dtm}, each failure
 * with its D-code, cause and action, plus the store type and the coordinator's version.
 */
@Controller
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class ConsoleHealthController {

	private final ConsoleAccess access;

	private final List<DiagnosticCheck> checks;

	private final DiagnosticRunner runner;

	private final DtmServerProperties properties;

	ConsoleHealthController(ConsoleAccess access, List<DiagnosticCheck> checks, DiagnosticRunner runner,
			DtmServerProperties properties) {
		this.access = access;
		this.checks = checks;
		this.runner = runner;
		this.properties = properties;
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
		String version = DtmServerApplication.class.getPackage().getImplementationVersion();
		model.addAttribute("version", (version != null) ? version : "development build");
		return "console/health";
	}

}
