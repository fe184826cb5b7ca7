package io.dtm.server.console;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.dtm.core.GlobalStatus;
import io.dtm.core.TransType;
import io.dtm.server.engine.WorkflowProcessor;
import io.dtm.server.service.AuditService;
import io.dtm.server.service.TransCoordinator;
import io.dtm.server.store.AuditAction;
import io.dtm.server.store.AuditEntry;
import io.dtm.server.store.BranchCallRecord;
import io.dtm.server.store.GlobalTrans;
import io.dtm.server.store.InstanceRecord;
import io.dtm.server.store.TransPage;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The console's pages: the transaction list (with its auto-refreshed rows), one
 * transaction, and the operator actions, which go through the same
 * {@link TransCoordinator} methods as dtm's API ({@code resetNextCronTime},
 * {@code forceStop}), each recorded in the audit trail with who, why and the outcome.
 * When the console is not served, {@code /} explains how to enable it.
 */
@Controller
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class ConsoleController {

	/** The longest force-stop reason accepted. */
	static final int MAX_REASON_LENGTH = 1024;

	private final ConsoleAccess access;

	private final ConsoleProperties properties;

	private final ConsoleTransactions transactions;

	private final TransCoordinator coordinator;

	private final AuditService audit;

	private final ConsoleRedaction redaction;

	private final ObjectProvider<ClientRegistrationRepository> registrations;

	ConsoleController(ConsoleAccess access, ConsoleProperties properties, ConsoleTransactions transactions,
			TransCoordinator coordinator, AuditService audit, ConsoleRedaction redaction,
			ObjectProvider<ClientRegistrationRepository> registrations) {
		this.registrations = registrations;
		this.access = access;
		this.properties = properties;
		this.transactions = transactions;
		this.coordinator = coordinator;
		this.audit = audit;
		this.redaction = redaction;
	}

	@GetMapping("/")
	String home(Model model) {
		if (!this.access.enabled()) {
			model.addAttribute("reason", this.access.reason());
			return "console/disabled";
		}
		return "redirect:" + ConsolePaths.TRANSACTIONS;
	}

	@GetMapping(ConsolePaths.LOGIN)
	String login(Model model) {
		if (disabled()) {
			return "redirect:/";
		}
		List<Map<String, String>> providers = new ArrayList<>();
		if (this.registrations.getIfAvailable() instanceof Iterable<?> all) {
			for (Object registration : all) {
				ClientRegistration client = (ClientRegistration) registration;
				providers.add(Map.of("name", client.getClientName(), "url",
						"/oauth2/authorization/" + client.getRegistrationId()));
			}
		}
		model.addAttribute("providers", providers);
		model.addAttribute("passwords", !this.properties.getUsers().isEmpty());
		return "console/login";
	}

	@GetMapping(ConsolePaths.TRANSACTIONS)
	String list(@RequestParam(required = false) String status, @RequestParam(required = false) String type,
			@RequestParam(required = false) String gid, @RequestParam(required = false) String from,
			@RequestParam(required = false) String to, @RequestParam(required = false) String position, Model model) {
		if (disabled()) {
			return "redirect:/";
		}
		model.addAttribute("statuses", GlobalStatus.values());
		model.addAttribute("types", TransType.values());
		model.addAttribute("refreshSeconds", this.properties.getRefreshInterval().toSeconds());
		ConsoleFilter filter;
		try {
			filter = ConsoleFilter.parse(status, type, gid, from, to, position);
		}
		catch (IllegalArgumentException ex) {
			model.addAttribute("error", ex.getMessage());
			model.addAttribute("filter", ConsoleFilter.parse(null, null, null, null, null, null));
			model.addAttribute("counts", this.transactions.countsByStatus());
			model.addAttribute("transactions", List.of());
			model.addAttribute("next", null);
			return "console/transactions";
		}
		rows(filter, model);
		model.addAttribute("counts", this.transactions.countsByStatus());
		return "console/transactions";
	}

	@GetMapping(ConsolePaths.ROWS)
	String refreshedRows(@RequestParam(required = false) String status, @RequestParam(required = false) String type,
			@RequestParam(required = false) String gid, @RequestParam(required = false) String from,
			@RequestParam(required = false) String to, @RequestParam(required = false) String position, Model model) {
		if (disabled()) {
			return "redirect:/";
		}
		try {
			rows(ConsoleFilter.parse(status, type, gid, from, to, position), model);
		}
		catch (IllegalArgumentException ex) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, ex.getMessage());
		}
		model.addAttribute("counts", this.transactions.countsByStatus());
		return "console/transactions :: rows";
	}

	private void rows(ConsoleFilter filter, Model model) {
		TransPage page = this.transactions.page(filter, this.properties.getPageSize());
		model.addAttribute("filter", filter);
		model.addAttribute("transactions", page.transactions());
		model.addAttribute("next", page.nextPosition().isEmpty() ? null : filter.at(Long.valueOf(page.nextPosition())));
		model.addAttribute("first", filter.at(null));
	}

	@GetMapping(ConsolePaths.TRANSACTION)
	String transaction(@RequestParam String gid, Model model) {
		if (disabled()) {
			return "redirect:/";
		}
		GlobalTrans trans = this.transactions.find(gid)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no transaction with gid " + gid));
		model.addAttribute("trans", trans);
		model.addAttribute("options", this.redaction.optionsJson(trans));
		model.addAttribute("leaseInstance", InstanceRecord.instanceOf(trans.owner()).orElse(null));
		model.addAttribute("branches", this.transactions.branches(gid));
		Map<String, BranchCallRecord> calls = new LinkedHashMap<>();
		List<BranchCallRecord> checkBacks = new ArrayList<>();
		for (BranchCallRecord record : this.transactions.callRecords(gid)) {
			calls.put(record.branchId() + "-" + record.op().wireValue(), record);
			if (WorkflowProcessor.RESUME_BRANCH_ID.equals(record.branchId())) {
				checkBacks.add(record);
			}
		}
		model.addAttribute("calls", calls);
		model.addAttribute("checkBacks", checkBacks);
		model.addAttribute("audit", this.transactions.auditOf(gid));
		return "console/transaction";
	}

	@GetMapping(ConsolePaths.AUDIT)
	String auditTrail(@RequestParam(required = false) String before, Model model) {
		if (disabled()) {
			return "redirect:/";
		}
		Long beforeId = null;
		if (before != null && !before.isBlank()) {
			try {
				beforeId = Long.parseLong(before);
			}
			catch (NumberFormatException ex) {
				model.addAttribute("error", "before '" + before + "' is not an entry id");
			}
		}
		List<AuditEntry> entries = this.transactions.auditPage(beforeId, this.properties.getPageSize() + 1);
		boolean more = entries.size() > this.properties.getPageSize();
		List<AuditEntry> page = more ? entries.subList(0, this.properties.getPageSize()) : entries;
		model.addAttribute("entries", page);
		model.addAttribute("older", more ? page.get(page.size() - 1).id() : null);
		return "console/audit";
	}

	@PostMapping(ConsolePaths.RETRY)
	String retry(@RequestParam String gid, Authentication user, RedirectAttributes redirect) {
		if (disabled()) {
			return "redirect:/";
		}
		ConsoleActions.run(redirect, "Retry", "Retry scheduled: the coordinator processes " + gid + " now.",
				() -> this.audit.audited(user.getName(), AuditAction.RETRY_NOW, gid, "", () -> {
					this.coordinator.resetNextCronTime(gid);
					return null;
				}));
		redirect.addAttribute("gid", gid);
		return "redirect:" + ConsolePaths.TRANSACTION;
	}

	/**
	 * A reason as the audit trail can keep it: one too long for the trail is cut (the
	 * action is refused anyway).
	 */
	private static String recordable(String reason) {
		return (reason.length() > AuditEntry.MAX_TEXT) ? reason.substring(0, AuditEntry.MAX_TEXT - 1) + "…" : reason;
	}

	@PostMapping(ConsolePaths.FORCE_STOP)
	String forceStop(@RequestParam String gid, @RequestParam(defaultValue = "") String reason, Authentication user,
			RedirectAttributes redirect) {
		if (disabled()) {
			return "redirect:/";
		}
		String why = reason.trim();
		redirect.addAttribute("gid", gid);
		ConsoleActions.run(redirect, "Force stop", "Force-stopped: " + gid + " is failed.",
				() -> this.audit.audited(user.getName(), AuditAction.FORCE_STOP, gid, recordable(why), () -> {
					if (why.isEmpty() || why.length() > MAX_REASON_LENGTH) {
						throw new IllegalArgumentException("a force stop needs a reason of 1 to " + MAX_REASON_LENGTH
								+ " characters; nothing was changed");
					}
					this.coordinator.forceStop(gid);
					return null;
				}));
		return "redirect:" + ConsolePaths.TRANSACTION;
	}

	/** A disabled console's pages lead to {@code /}, which says how to enable it. */
	private boolean disabled() {
		return !this.access.enabled();
	}

}
