package io.dtm.server.engine;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link BranchUrlGuard} with a scripted resolver (no DNS).
 */
class BranchUrlGuardTests {

	private final List<String> lookups = new ArrayList<>();

	private final Map<String, List<String>> dns = Map.of("billing.internal", List.of("10.0.0.5"), "rebound.example",
			List.of("10.0.0.6", "169.254.169.254"), "loop.example", List.of("127.0.0.2"), "meta.ns.svc.cluster.local",
			List.of("169.254.169.254"));

	private final BranchUrlGuard.Resolver resolver = (host) -> {
		this.lookups.add(host);
		List<String> addresses = this.dns.get(host);
		if (addresses == null) {
			throw new UnknownHostException(host);
		}
		List<InetAddress> result = new ArrayList<>();
		for (String address : addresses) {
			result.add(InetAddress.getByName(address));
		}
		return result.toArray(new InetAddress[0]);
	};

	private BranchUrlGuard guard(List<String> allow, List<String> deny) {
		return new BranchUrlGuard(allow, deny, new BranchUrlGuard.OwnEndpoints(() -> 36789, -1, "/actuator"),
				this.resolver);
	}

	@Test
	void whenEverythingIsAllowedShouldStillRefuseMetadataAndLinkLocalAddresses() {
		BranchUrlGuard guard = guard(List.of("*"), List.of());

		assertThat(guard.refusal("http://10.1.2.3:8080/TransOut", "http")).isEmpty();
		assertThat(guard.refusal("http://169.254.169.254/latest/meta-data/", "http")).get()
			.asString()
			.contains("169.254.169.254:80 is a link-local or cloud metadata address (169.254.0.0/16)")
			.contains(BranchUrlGuard.ALLOW);
		assertThat(guard.refusal("http://metadata.google.internal/computeMetadata/v1/", "http")).isPresent();
		assertThat(guard.refusal("http://[fd00:ec2::254]/latest", "http")).isPresent();
		assertThat(guard.refusal("http://100.100.100.200/latest/meta-data", "http")).isPresent();
		assertThat(guard.refusal("169.254.169.254:50051/busi.Busi/TransOut", "grpc")).isPresent();
	}

	@Test
	void whenEverythingIsAllowedTheApiShouldNotLookUpNames() {
		BranchUrlGuard guard = guard(List.of("*"), List.of());

		assertThat(guard.refusal("http://rebound.example/TransOut", "http")).isEmpty();

		assertThat(this.lookups).isEmpty();
	}

	@Test
	void whenANameResolvesToADeniedAddressAtCallTimeShouldRefuseTheCall() {
		BranchUrlGuard guard = guard(List.of("*"), List.of());

		assertThat(guard.refusalOfCall(URI.create("http://rebound.example/TransOut"), false)).get()
			.asString()
			.contains("link-local or cloud metadata");
		assertThat(guard.refusalOfCall(URI.create("http://billing.internal/TransOut"), false)).isEmpty();
	}

	@Test
	void whenAnAllowPatternNamesAnAlwaysDeniedAddressShouldAllowIt() {
		BranchUrlGuard guard = guard(List.of("169.254.169.254"), List.of());

		assertThat(guard.refusal("http://169.254.169.254/latest", "http")).isEmpty();
		assertThat(guard.refusal("http://169.254.169.253/latest", "http")).isPresent();
	}

	@Test
	void whenADenyPatternMatchesShouldRefuseEvenWhatAllowNames() {
		BranchUrlGuard guard = guard(List.of("*", "127.0.0.2"), List.of("127.0.0.2", "nacos://legacy"));

		assertThat(guard.refusal("http://127.0.0.2:8080/x", "http")).get()
			.asString()
			.isEqualTo("127.0.0.2:8080 matches rule '127.0.0.2' of " + BranchUrlGuard.DENY);
		assertThat(guard.refusal("http://loop.example/x", "http")).as("a name is resolved for a deny block")
			.isPresent();
		assertThat(guard.refusal("nacos://legacy/x", "http")).isPresent();
		assertThat(guard.refusal("http://127.0.0.1:8080/x", "http")).isEmpty();
	}

	@Test
	void whenAnAllowListIsSetShouldAcceptOnlyWhatItNames() {
		BranchUrlGuard guard = guard(
				List.of("127.0.0.1", "billing:8080", "*.svc.cluster.local", "10.0.0.0/8", "nacos://order-svc"),
				List.of());

		assertThat(guard.refusal("http://127.0.0.1:9/x", "http")).isEmpty();
		assertThat(guard.refusal("http://billing:8080/x", "http")).isEmpty();
		assertThat(guard.refusal("http://orders.shop.svc.cluster.local/x", "http")).isEmpty();
		assertThat(guard.refusal("http://billing.internal/x", "http")).as("resolved into 10.0.0.0/8").isEmpty();
		assertThat(guard.refusal("nacos://order-svc/api/TransOut", "http")).isEmpty();
		assertThat(guard.refusal("nacos://ORDER-SVC/busi.Busi/TransOut", "grpc")).isEmpty();
		assertThat(guard.refusal("http://billing:8081/x", "http")).get()
			.asString()
			.isEqualTo("billing:8081 matches no rule of " + BranchUrlGuard.ALLOW
					+ " [127.0.0.1, billing:8080, *.svc.cluster.local, 10.0.0.0/8, nacos://order-svc]");
		assertThat(guard.refusal("http://127.0.0.2/x", "http")).isPresent();
		assertThat(guard.refusal("lb://order-svc/x", "http")).as("the scheme is part of the rule").isPresent();
		assertThat(guard.refusal("nacos://other/x", "http")).isPresent();
		assertThat(guard.refusal("http://unknown.example/x", "http")).isPresent();
	}

	@Test
	void whenANameHasAnAddressOutsideTheAllowedBlocksAtCallTimeShouldRefuseIt() {
		BranchUrlGuard guard = guard(List.of("10.0.0.0/8"), List.of());

		assertThat(guard.refusalOfCall(URI.create("http://billing.internal/x"), false)).isEmpty();
		assertThat(guard.refusalOfCall(URI.create("http://rebound.example/x"), false)).isPresent();
	}

	@Test
	void whenAServiceRuleAcceptedTheUrlItsInstancesShouldBeCalledButNeverAlwaysDeniedOnes() {
		BranchUrlGuard guard = guard(List.of("nacos://order-svc"), List.of("10.9.0.0/16"));

		assertThat(guard.vouchesFor(URI.create("nacos://order-svc/x"))).isTrue();
		assertThat(guard.vouchesFor(URI.create("nacos://other/x"))).isFalse();
		assertThat(guard.refusalOfCall(URI.create("http://10.1.2.3:8080/x"), true)).isEmpty();
		assertThat(guard.refusalOfCall(URI.create("http://169.254.169.254/x"), true)).isPresent();
		assertThat(guard.refusalOfCall(URI.create("http://10.9.1.1:8080/x"), true)).isPresent();
		assertThat(guard.refusalOfCall(URI.create("http://10.1.2.3:8080/x"), false)).isPresent();
	}

	@Test
	void whenAUrlIsTheCoordinatorsOwnManagementEndpointShouldRefuseIt() {
		BranchUrlGuard samePort = guard(List.of("*"), List.of());
		BranchUrlGuard ownPort = new BranchUrlGuard(List.of("*"), List.of(),
				new BranchUrlGuard.OwnEndpoints(() -> 36789, 8081, "/actuator"), this.resolver);

		assertThat(samePort.refusal("http://127.0.0.1:36789/actuator/env", "http")).get()
			.asString()
			.contains("own management endpoint");
		assertThat(samePort.refusal("http://127.0.0.1:36789/api/busi/TransOut", "http")).isEmpty();
		assertThat(ownPort.refusal("http://127.0.0.1:8081/anything", "http")).isPresent();
		assertThat(ownPort.refusal("http://127.0.0.1:36789/actuator/env", "http")).isEmpty();
		assertThat(ownPort.refusalOfGrpcCall("[::1]:8081", false)).isPresent();
	}

	@Test
	void whenAWildcardOrABlockAllowsAHostShouldStillRefuseMetadataAddresses() {
		BranchUrlGuard guard = guard(List.of("*.svc.cluster.local", "0.0.0.0/0"), List.of());

		assertThat(guard.refusalOfCall(URI.create("http://meta.ns.svc.cluster.local/computeMetadata/v1/"), false)).get()
			.asString()
			.contains("link-local or cloud metadata");
		assertThat(guard.refusal("http://169.254.169.254/latest", "http")).isPresent();
		assertThat(guard.refusal("http://10.1.2.3/x", "http")).isEmpty();
	}

	@Test
	void whenAHostIsWrittenAnotherWayShouldStillBeRecognised() {
		BranchUrlGuard guard = guard(List.of("*"), List.of("admin.corp"));

		assertThat(guard.refusal("http://admin.corp./x", "http")).as("trailing dot").isPresent();
		assertThat(guard.refusal("http://ADMIN.corp/x", "http")).isPresent();
		assertThat(guard.refusal("http://metadata.google.internal./x", "http")).isPresent();
		assertThat(guard.refusal("http://2852039166/latest", "http")).as("169.254.169.254 as one number").isPresent();
		assertThat(this.lookups).isEmpty();
	}

	@Test
	void whenAPatternCannotBeReadShouldNameIt() {
		assertThatIllegalArgumentException().isThrownBy(() -> guard(List.of("10.0.0.0/99"), List.of()))
			.withMessageContaining(BranchUrlGuard.ALLOW)
			.withMessageContaining("10.0.0.0/99");
		assertThatIllegalArgumentException().isThrownBy(() -> guard(List.of("billing:http"), List.of()))
			.withMessageContaining("invalid port");
		assertThatIllegalArgumentException().isThrownBy(() -> guard(List.of("a*b"), List.of()))
			.withMessageContaining("neither a host name");
		assertThatIllegalArgumentException().isThrownBy(() -> guard(List.of("*"), List.of("*")))
			.withMessageContaining(BranchUrlGuard.DENY);
	}

	@Test
	void whenNothingIsAllowedShouldRefuseEveryUrlButEmptyOnes() {
		BranchUrlGuard guard = guard(List.of(), List.of());

		assertThat(guard.allowsNothing()).isTrue();
		assertThat(guard.refusal("http://127.0.0.1/x", "http")).isPresent();
		assertThat(guard.refusal("", "http")).isEmpty();
	}

}
