package io.dtm.server.console;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.dtm.server.testsupport.HeadlessChromium;
import io.dtm.server.testsupport.TestAuthorizationServer;
import io.dtm.server.testsupport.TestStores;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Logging in to the console through a real OpenID Connect provider (Spring Authorization
 * Server started by the test) in a real headless Chromium: the {@code roles} claim of the
 * ID token gives the console role, directly by name or through
 * {@code dtm.server.console.oidc.role-mapping}; a user with no console role is refused.
 */
@Tag("integration")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
class ConsoleOidcBrowserTests {

	private static final int PORT = TestAuthorizationServer.freePort();

	private static TestAuthorizationServer provider;

	private WebDriver browser;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		provider = TestAuthorizationServer.start("http://127.0.0.1:" + PORT + "/login/oauth2/code/idp", Map.of("ida",
				List.of("/dtm-operators"), "vic", List.of("dtm-readers", "staff"), "nora", List.of("OPERATOR")));
		TestStores.h2(registry);
		registry.add("server.port", () -> PORT);
		String registration = "spring.security.oauth2.client.registration.idp.";
		registry.add(registration + "client-id", () -> TestAuthorizationServer.CLIENT_ID);
		registry.add(registration + "client-secret", () -> TestAuthorizationServer.CLIENT_SECRET);
		registry.add(registration + "client-name", () -> "Test IdP");
		registry.add(registration + "scope", () -> "openid,profile");
		registry.add("spring.security.oauth2.client.provider.idp.issuer-uri", provider::issuer);
		registry.add("dtm.server.console.oidc.role-mapping.dtm-readers", () -> "VIEWER");
		registry.add("dtm.server.console.oidc.role-mapping[/dtm-operators]", () -> "OPERATOR");
	}

	@AfterAll
	static void stopProvider() {
		if (provider != null) {
			provider.close();
		}
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
	void whenTheRolesClaimHoldsAGroupMappedToOperatorShouldLogInAsAnOperator() {
		logInThroughTheProvider("ida");

		assertThat(this.browser.findElement(By.id("current-user")).getText()).contains("ida").contains("operator");
		assertThat(this.browser.findElements(By.id("transactions"))).hasSize(1);
	}

	@Test
	void whenTheRolesClaimIsMappedToViewerShouldLogInAsAViewer() {
		logInThroughTheProvider("vic");

		assertThat(this.browser.findElement(By.id("current-user")).getText()).contains("vic").contains("viewer");
	}

	@Test
	void whenTheClaimOnlyNamesARoleThatIsNotMappedShouldBeRefused() {
		logInThroughTheProvider("nora");

		assertThat(this.browser.findElements(By.id("transactions"))).isEmpty();
		assertThat(this.browser.getPageSource()).contains("403");
	}

	private void logInThroughTheProvider(String user) {
		this.browser.get("http://127.0.0.1:" + PORT + "/");
		this.browser.findElement(By.id("oidc-idp")).click();
		new WebDriverWait(this.browser, Duration.ofSeconds(15)).until(ExpectedConditions.urlContains("localhost:"));
		this.browser.findElement(By.id("username")).sendKeys(user);
		this.browser.findElement(By.id("password")).sendKeys(TestAuthorizationServer.PASSWORD);
		this.browser.findElement(By.cssSelector("button[type=submit]")).click();
		new WebDriverWait(this.browser, Duration.ofSeconds(15))
			.until(ExpectedConditions.urlContains("127.0.0.1:" + PORT));
	}

}
