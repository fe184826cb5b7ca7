package io.dtm.server.console;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.UUID;

import io.dtm.core.GlobalStatus;
import io.dtm.server.instance.InstanceIdentity;
import io.dtm.server.store.AuditTrail;
import io.dtm.server.store.InstanceRecord;
import io.dtm.server.store.InstanceRegistry;
import io.dtm.server.store.TransStore;
import io.dtm.server.testsupport.DtmHttp;
import io.dtm.server.testsupport.HeadlessChromium;
import io.dtm.server.testsupport.TestStores;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console in a real headless Chromium against a running coordinator on MariaDB:
 * logging in, finding a submitted saga in the list, opening it, force-stopping it as an
 * operator through the confirmation dialog, and as a viewer finding no actions and being
 * refused (403) when posting one anyway; the instances sharing the store on the health
 * page, and the instance that leased a transaction on its page. Screenshots of the list
 * and the detail page go to {@code target/console-screenshots/}.
 */
@Tag("integration")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ConsoleBrowserTests {

	private static final String PASSWORD = "correct horse battery";

	private static final String HASH = new BCryptPasswordEncoder(4).encode(PASSWORD);

	private static final Path SCREENSHOTS = Path.of("target", "console-screenshots");

	@LocalServerPort
	int port;

	@Autowired
	TransStore store;

	@Autowired
	AuditTrail auditTrail;

	@Autowired
	InstanceRegistry instances;

	@Autowired
	InstanceIdentity identity;

	private WebDriver browser;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		TestStores.mariadb(registry, "console");
		registry.add("dtm.server.console.users[0].name", () -> "olga");
		registry.add("dtm.server.console.users[0].password", () -> HASH);
		registry.add("dtm.server.console.users[0].roles", () -> "OPERATOR");
		registry.add("dtm.server.console.users[1].name", () -> "victor");
		registry.add("dtm.server.console.users[1].password", () -> HASH);
		registry.add("dtm.server.console.users[1].roles", () -> "VIEWER");
		// keep the stuck saga's retries out of the way of the test
		registry.add("dtm.server.retry-interval", () -> "60s");
	}

	@BeforeEach
	void startBrowser() {
		this.browser = HeadlessChromium.start();
	}

	@AfterEach
	void quitBrowser() {
		if (this.browser != null) {
			this.browser.quit();
		}
	}

	@Test
	void whenAnOperatorForceStopsAStuckSagaShouldSeeItFailedInTheListAndTheStore() {
		String gid = stuckSaga();
		logIn("olga", PASSWORD);

		filterByGid(gid);
		WebElement row = this.browser.findElement(By.cssSelector("tr[data-gid='" + gid + "']"));
		assertThat(row.getText()).contains("saga").contains("submitted");
		HeadlessChromium.screenshot(this.browser, SCREENSHOTS.resolve("transactions.png"));
		row.findElement(By.linkText(gid)).click();
		assertThat(this.browser.findElement(By.id("gid")).getText()).isEqualTo(gid);
		assertThat(this.browser.findElement(By.id("branches")).getText()).contains("http://127.0.0.1:9/TransOut");
		WebElement action = this.browser.findElement(By.cssSelector("tr[data-branch='01-action']"));
		assertThat(action.findElement(By.cssSelector(".failed-calls")).getText()).as("the first call failed")
			.isEqualTo("1");
		assertThat(action.findElement(By.cssSelector(".last-error")).getText()).contains("ERROR connection refused");
		HeadlessChromium.screenshot(this.browser, SCREENSHOTS.resolve("transaction.png"));

		this.browser.findElement(By.id("force-stop")).click();
		WebElement dialog = this.browser.findElement(By.id("force-stop-dialog"));
		assertThat(dialog.isDisplayed()).isTrue();
		this.browser.findElement(By.id("force-stop-reason")).sendKeys("the payment service was retired");
		HeadlessChromium.screenshot(this.browser, SCREENSHOTS.resolve("force-stop-dialog.png"));
		this.browser.findElement(By.id("force-stop-confirm")).click();

		assertThat(this.browser.findElement(By.id("notice")).getText()).contains("Force-stopped");
		assertThat(this.browser.findElement(By.cssSelector("h1 .status")).getText()).isEqualTo("failed");
		assertThat(this.browser.findElements(By.id("actions"))).as("no actions on a finished transaction").isEmpty();
		assertThat(this.store.find(gid).orElseThrow().status()).isEqualTo(GlobalStatus.FAILED);
		assertThat(this.browser.findElement(By.id("audit")).getText()).contains("olga")
			.contains("force_stop")
			.contains("done")
			.contains("the payment service was retired");
		this.browser.findElement(By.id("nav-audit")).click();
		assertThat(this.browser.findElement(By.id("audit-trail")).getText()).contains(gid).contains("olga");
		HeadlessChromium.screenshot(this.browser, SCREENSHOTS.resolve("audit.png"));
	}

	@Test
	void whenAViewerOpensATransactionShouldSeeNoActionsAndBeRefusedWhenPostingOne() {
		String gid = stuckSaga();
		logIn("victor", PASSWORD);

		filterByGid(gid);
		this.browser.findElement(By.linkText(gid)).click();

		assertThat(this.browser.findElement(By.id("current-user")).getText()).contains("victor").contains("viewer");
		assertThat(this.browser.findElements(By.id("force-stop"))).isEmpty();
		assertThat(this.browser.findElements(By.id("retry-now"))).isEmpty();
		Object status = ((JavascriptExecutor) this.browser).executeAsyncScript("""
				const done = arguments[arguments.length - 1];
				const token = document.querySelector('input[name=_csrf]').value;
				fetch('/console/transaction/force-stop', {method: 'POST', redirect: 'manual',
					headers: {'Content-Type': 'application/x-www-form-urlencoded'},
					body: new URLSearchParams({gid: arguments[0], reason: 'forged', _csrf: token})})
					.then((r) => done(r.status), (e) => done(String(e)));
				""", gid);
		assertThat(status).isEqualTo(403L);
		assertThat(this.store.find(gid).orElseThrow().status()).isEqualTo(GlobalStatus.SUBMITTED);
		assertThat(this.auditTrail.forGid(gid)).as("a refused request is no action").isEmpty();
	}

	@Test
	void whenTheHealthPageIsOpenedShouldShowTheInstancesSharingTheStoreAndWhatEachIsProcessing() {
		String gid = stuckSaga();
		LocalDateTime now = LocalDateTime.now();
		this.instances.heartbeat(new InstanceRecord("node-x:36789", "9.9.9", 36789, 36790, true, now.minusHours(1), now,
				1, List.of(gid)));
		this.instances.heartbeat(new InstanceRecord("node-y:36789", "9.9.8", 36789, 0, true, now.minusHours(2),
				now.minusMinutes(5), 0, List.of()));
		logIn("victor", PASSWORD);

		this.browser.findElement(By.id("nav-health")).click();

		WebElement self = instanceRow(this.identity.id());
		assertThat(self.getText()).contains("this one").contains("live").contains("http " + this.port);
		WebElement other = instanceRow("node-x:36789");
		assertThat(other.getText()).contains("live").contains("9.9.9").contains("http 36789, grpc 36790");
		assertThat(other.findElement(By.cssSelector(".pass-count")).getText()).isEqualTo("1");
		assertThat(instanceRow("node-y:36789").getText()).contains("lost");
		HeadlessChromium.screenshot(this.browser, SCREENSHOTS.resolve("health.png"));
		other.findElement(By.linkText(gid)).click();
		assertThat(this.browser.findElement(By.id("gid")).getText()).isEqualTo(gid);
	}

	@Test
	void whenTheCronHasLeasedATransactionItsPageShouldNameTheInstance() {
		String gid = stuckSaga(1);
		Awaitility.await()
			.atMost(Duration.ofSeconds(20))
			.until(() -> !this.store.find(gid).orElseThrow().owner().isEmpty());
		logIn("victor", PASSWORD);

		this.browser.get(url("/console/transaction?gid=" + gid));

		assertThat(this.browser.findElement(By.id("lease-instance")).getText()).isEqualTo(this.identity.id());
	}

	@Test
	void whenThePasswordIsWrongShouldStayOnTheLoginPage() {
		this.browser.get(url("/console/transactions"));
		this.browser.findElement(By.id("username")).sendKeys("olga");
		this.browser.findElement(By.id("password")).sendKeys("guess");
		this.browser.findElement(By.id("log-in")).click();

		assertThat(this.browser.findElement(By.id("login-error")).getText()).contains("Wrong user name or password");
		assertThat(this.browser.findElements(By.id("transactions"))).isEmpty();
	}

	/** A saga whose first branch cannot be reached: it stays submitted, retrying. */
	private String stuckSaga() {
		return stuckSaga(0);
	}

	/**
	 * A stuck saga.
	 * @param retryInterval its retry interval in seconds, 0 for the configured one
	 * @return its gid
	 */
	private String stuckSaga(int retryInterval) {
		String gid = "console-" + UUID.randomUUID().toString().substring(0, 8);
		DtmHttp.Reply reply = new DtmHttp(this.port).post("/api/dtmsvr/submit", """
				{"gid":"%s","trans_type":"saga","steps":[{"action":"http://127.0.0.1:9/TransOut",
				"compensate":"http://127.0.0.1:9/TransOutRevert"}],"payloads":["{}"],"retry_interval":%d}"""
			.formatted(gid, retryInterval));
		assertThat(reply.status()).as(reply.body()).isEqualTo(200);
		return gid;
	}

	private void logIn(String user, String password) {
		this.browser.get(url("/"));
		this.browser.findElement(By.id("username")).sendKeys(user);
		this.browser.findElement(By.id("password")).sendKeys(password);
		this.browser.findElement(By.id("log-in")).click();
		new WebDriverWait(this.browser, Duration.ofSeconds(10))
			.until(ExpectedConditions.presenceOfElementLocated(By.id("transactions")));
	}

	private WebElement instanceRow(String id) {
		return this.browser.findElement(By.cssSelector("#instances tr[data-instance='" + id + "']"));
	}

	private void filterByGid(String gid) {
		WebElement field = this.browser.findElement(By.id("filter-gid"));
		field.clear();
		field.sendKeys(gid);
		this.browser.findElement(By.id("apply-filters")).click();
		new WebDriverWait(this.browser, Duration.ofSeconds(10))
			.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("tr[data-gid='" + gid + "']")));
	}

	private String url(String path) {
		return "http://127.0.0.1:" + this.port + path;
	}

}
