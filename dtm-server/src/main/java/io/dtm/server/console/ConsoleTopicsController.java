package io.dtm.server.console;

import io.dtm.server.engine.Redaction;
import io.dtm.server.service.AuditService;
import io.dtm.server.service.TopicService;
import io.dtm.server.service.TopicService.TopicPage;
import io.dtm.server.store.AuditAction;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The console's topics page: every msg topic with its subscribers, and for operators
 * subscribing, unsubscribing and deleting through the same {@link TopicService} methods
 * as dtm's API, each recorded in the audit trail (target: the topic).
 */
@Controller
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class ConsoleTopicsController {

	private final ConsoleAccess access;

	private final ConsoleProperties properties;

	private final TopicService topics;

	private final AuditService audit;

	ConsoleTopicsController(ConsoleAccess access, ConsoleProperties properties, TopicService topics,
			AuditService audit) {
		this.access = access;
		this.properties = properties;
		this.topics = topics;
		this.audit = audit;
	}

	@GetMapping(ConsolePaths.TOPICS)
	String list(@RequestParam(required = false) String position, Model model) {
		if (!this.access.enabled()) {
			return "redirect:/";
		}
		Long from = null;
		if (position != null && !position.isBlank()) {
			try {
				from = Long.valueOf(position);
			}
			catch (NumberFormatException ex) {
				model.addAttribute("error", "position '" + position + "' is not a row id");
			}
		}
		TopicPage page = this.topics.topics(from, this.properties.getPageSize());
		model.addAttribute("topics", page.topics());
		model.addAttribute("next", page.nextPosition().isEmpty() ? null : page.nextPosition());
		return "console/topics";
	}

	@PostMapping(ConsolePaths.TOPICS + "/subscribe")
	String subscribe(@RequestParam String topic, @RequestParam String url,
			@RequestParam(defaultValue = "") String remark, Authentication user, RedirectAttributes redirect) {
		return act(redirect, "Subscribed " + url + " to " + topic + ".", () -> this.audit.audited(user.getName(),
				AuditAction.TOPIC_SUBSCRIBE, topic.trim(), "subscriber " + Redaction.url(url.trim()), () -> {
					this.topics.subscribe(topic.trim(), url.trim(), remark.trim());
					return null;
				}));
	}

	@PostMapping(ConsolePaths.TOPICS + "/unsubscribe")
	String unsubscribe(@RequestParam String topic, @RequestParam String url, Authentication user,
			RedirectAttributes redirect) {
		return act(redirect, "Unsubscribed " + url + " from " + topic + ".", () -> this.audit.audited(user.getName(),
				AuditAction.TOPIC_UNSUBSCRIBE, topic, "subscriber " + Redaction.url(url), () -> {
					this.topics.unsubscribe(topic, url);
					return null;
				}));
	}

	@PostMapping(ConsolePaths.TOPICS + "/delete")
	String delete(@RequestParam String topic, Authentication user, RedirectAttributes redirect) {
		return act(redirect, "Deleted topic " + topic + ".",
				() -> this.audit.audited(user.getName(), AuditAction.TOPIC_DELETE, topic, "", () -> {
					this.topics.delete(topic);
					return null;
				}));
	}

	private String act(RedirectAttributes redirect, String done, Runnable action) {
		if (!this.access.enabled()) {
			return "redirect:/";
		}
		ConsoleActions.run(redirect, "Topic change", done, action);
		return "redirect:" + ConsolePaths.TOPICS;
	}

}
