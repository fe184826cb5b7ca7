package io.dtm.server.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;

import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real headless Chromium driven by Selenium: Debian's {@code chromium} and
 * {@code chromium-driver} ({@code .ci/run} installs them), or the binaries named by
 * {@code DTM_TEST_CHROMIUM} and {@code DTM_TEST_CHROMEDRIVER}. A missing browser fails
 * the test, it never skips. The browser gets a fresh profile and no background networking
 * (this machine has no network beyond loopback).
 */
public final class HeadlessChromium {

	private HeadlessChromium() {
	}

	/**
	 * Start a browser.
	 * @return the driver; quit it when done
	 */
	public static WebDriver start() {
		TestPhase.requireIntegration("a headless Chromium");
		Path browser = Paths.get(env("DTM_TEST_CHROMIUM", "/usr/bin/chromium"));
		Path driver = Paths.get(env("DTM_TEST_CHROMEDRIVER", "/usr/bin/chromedriver"));
		assertThat(browser).as("Chromium (Debian package chromium, or DTM_TEST_CHROMIUM)").isExecutable();
		assertThat(driver).as("ChromeDriver (Debian package chromium-driver, or DTM_TEST_CHROMEDRIVER)").isExecutable();
		try {
			Path profile = Files.createTempDirectory("dtm-chromium-");
			ChromeOptions options = new ChromeOptions().setBinary(browser.toFile())
				.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
						"--disable-quic", "--no-first-run", "--disable-background-networking",
						"--disable-component-update", "--disable-sync", "--window-size=1280,900",
						"--user-data-dir=" + profile);
			ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(driver.toFile())
				.usingAnyFreePort()
				.build();
			ChromeDriver chrome = new ChromeDriver(service, options);
			chrome.manage().timeouts().implicitlyWait(Duration.ofSeconds(2));
			return chrome;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Save a screenshot of the current page.
	 * @param driver the browser
	 * @param file where, for example {@code target/console-screenshots/list.png}
	 * @return the file
	 */
	public static Path screenshot(WebDriver driver, Path file) {
		try {
			Files.createDirectories(file.toAbsolutePath().getParent());
			Files.write(file, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
			return file;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String env(String name, String fallback) {
		String value = System.getenv(name);
		return (value != null && !value.isBlank()) ? value : fallback;
	}

}
