package io.dtm.samples.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * The flat profile of a JFR recording that docs/benchmarks.md quotes: every CPU sample of
 * the threads whose name matches a pattern is given to the innermost frame that belongs
 * to a known library (the dtm code, Connector/J, Tomcat, Spring MVC, Jackson, …) — the
 * width of a flame graph's top frames, per library. Record with
 * {@code -XX:FlightRecorderOptions=stackdepth=256} so deep Spring stacks are whole.
 *
 * <pre>
 * java -cp "dtm-samples/target/classes:dtm-samples/target/lib/*" io.dtm.samples.bench.JfrSummary coord.jfr 'http-nio.*'
 * </pre>
 */
public final class JfrSummary {

	private static final Map<String, String> LIBRARIES = libraries();

	private JfrSummary() {
	}

	public static void main(String[] args) throws IOException {
		Pattern threads = Pattern.compile((args.length > 1) ? args[1] : ".*");
		Map<String, Integer> counts = new TreeMap<>();
		int samples = 0;
		for (RecordedEvent event : RecordingFile.readAllEvents(Path.of(args[0]))) {
			if (!"jdk.ExecutionSample".equals(event.getEventType().getName())) {
				continue;
			}
			String thread = (event.getThread("sampledThread") != null) ? event.getThread("sampledThread").getJavaName()
					: "";
			RecordedStackTrace stack = event.getStackTrace();
			if (stack == null || thread == null || !threads.matcher(thread).matches()) {
				continue;
			}
			samples++;
			counts.merge(library(stack.getFrames()), 1, Integer::sum);
		}
		System.out.printf(Locale.ROOT, "%d samples of threads matching %s%n", samples, threads);
		int total = samples;
		counts.entrySet()
			.stream()
			.sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
			.forEach((entry) -> System.out.printf(Locale.ROOT, "%5.1f %%  %s%n", 100.0 * entry.getValue() / total,
					entry.getKey()));
	}

	/**
	 * The library of the innermost frame that belongs to one.
	 * @param frames the stack, innermost first
	 * @return the library, or "JDK only"
	 */
	static String library(List<RecordedFrame> frames) {
		for (RecordedFrame frame : frames) {
			if (frame.getMethod() == null || frame.getMethod().getType() == null) {
				continue;
			}
			String type = frame.getMethod().getType().getName();
			for (Map.Entry<String, String> library : LIBRARIES.entrySet()) {
				if (type.startsWith(library.getKey())) {
					return library.getValue();
				}
			}
		}
		return "JDK only";
	}

	private static Map<String, String> libraries() {
		// first match wins: the more specific prefixes come first
		Map<String, String> libraries = new LinkedHashMap<>();
		libraries.put("io.dtm.server.store", "dtm store code");
		libraries.put("io.dtm", "dtm engine and API code");
		libraries.put("com.mysql", "MySQL Connector/J");
		libraries.put("com.zaxxer", "Hikari");
		libraries.put("org.h2", "H2");
		libraries.put("io.lettuce", "Lettuce");
		libraries.put("org.springframework.data.redis", "Spring Data Redis");
		libraries.put("org.springframework.jdbc", "Spring JDBC and transactions");
		libraries.put("org.springframework.transaction", "Spring JDBC and transactions");
		libraries.put("org.springframework.security", "Spring Security");
		libraries.put("org.springframework.web", "Spring MVC");
		libraries.put("org.springframework.http", "Spring MVC");
		libraries.put("org.apache", "Tomcat");
		libraries.put("com.fasterxml", "Jackson");
		libraries.put("io.micrometer.tracing", "Micrometer Tracing and OpenTelemetry");
		libraries.put("io.opentelemetry", "Micrometer Tracing and OpenTelemetry");
		libraries.put("io.micrometer", "Micrometer metrics and observations");
		libraries.put("ch.qos.logback", "Logback (MDC)");
		libraries.put("org.slf4j", "Logback (MDC)");
		libraries.put("org.hibernate", "Hibernate");
		libraries.put("io.grpc", "gRPC");
		libraries.put("io.netty", "Netty");
		libraries.put("org.springframework", "Spring (other)");
		libraries.put("jdk.internal.net.http", "JDK HttpClient");
		libraries.put("java.net.http", "JDK HttpClient");
		return libraries;
	}

}
