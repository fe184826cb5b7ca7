package io.dtm.server.registry;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.alibaba.cloud.nacos.NacosDiscoveryProperties;
import com.alibaba.cloud.nacos.NacosServiceManager;
import com.alibaba.nacos.api.naming.NamingService;
import com.alibaba.nacos.api.naming.pojo.Instance;
import io.dtm.server.engine.UrlResolver;
import org.junit.jupiter.api.Test;

import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.loadbalancer.LoadBalancerClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

/**
 * Tests for {@link NacosUrlResolver}, {@link LoadBalancerUrlResolver} and their
 * combination with the plain HTTP resolver.
 */
class NacosUrlResolverTests {

	private final NamingService naming = mock(NamingService.class);

	private final NacosUrlResolver nacos = nacosResolver();

	@Test
	void whenUrlNamesAServiceShouldSupportNacosAndLbSchemesOnly() {
		assertThat(this.nacos.supports(URI.create("nacos://order-svc/api/TransOut"))).isTrue();
		assertThat(this.nacos.supports(URI.create("nacos://order_svc/api/TransOut"))).isTrue();
		assertThat(this.nacos.supports(URI.create("http://order-svc/api/TransOut"))).isFalse();
		assertThat(this.nacos.supports(URI.create("nacos:///api/TransOut"))).isFalse();
		LoadBalancerUrlResolver lb = new LoadBalancerUrlResolver(mock(LoadBalancerClient.class));
		assertThat(lb.supports(URI.create("lb://order-svc/api"))).isTrue();
		assertThat(lb.supports(URI.create("nacos://order-svc/api"))).isFalse();
	}

	@Test
	void whenGroupIsGivenShouldAskThatGroupAndNotForwardIt() throws Exception {
		given(this.naming.selectOneHealthyInstance("order-svc", "G1")).willReturn(instance("10.0.0.5", 8081));

		URI target = this.nacos.resolve(URI.create("nacos://order-svc/api/TransOut?group=G1&amount=30"));

		assertThat(target).hasToString("http://10.0.0.5:8081/api/TransOut?amount=30");
	}

	@Test
	void whenGroupNameIsGivenShouldAcceptItLikeGroup() throws Exception {
		given(this.naming.selectOneHealthyInstance("order_svc", "G2")).willReturn(instance("10.0.0.6", 9090));

		assertThat(this.nacos.resolve(URI.create("nacos://order_svc/a/b?groupName=G2")))
			.hasToString("http://10.0.0.6:9090/a/b");
	}

	@Test
	void whenNoGroupIsGivenShouldUseTheConfiguredGroup() throws Exception {
		Instance secure = instance("::1", 8443);
		secure.setMetadata(Map.of("secure", "true"));
		given(this.naming.selectOneHealthyInstance("order-svc", "DEFAULT_GROUP")).willReturn(secure);

		assertThat(this.nacos.resolve(URI.create("nacos://order-svc"))).hasToString("https://[::1]:8443/");
	}

	@Test
	void whenNoInstanceIsHealthyShouldThrowRetryableErrorNamingServiceAndGroup() throws Exception {
		given(this.naming.selectOneHealthyInstance("order-svc", "DEFAULT_GROUP"))
			.willThrow(new IllegalStateException("no host to srv for serviceInfo: order-svc"));

		assertThatIllegalStateException().isThrownBy(() -> this.nacos.resolve(URI.create("nacos://order-svc/x")))
			.withMessageStartingWith("no healthy instance of service 'order-svc' in group 'DEFAULT_GROUP' in Nacos");
	}

	@Test
	void whenLoadBalancerChoosesAnInstanceShouldKeepPathAndQuery() {
		LoadBalancerClient client = mock(LoadBalancerClient.class);
		given(client.choose("order-svc"))
			.willReturn(new DefaultServiceInstance("i1", "order-svc", "10.0.0.7", 8080, false));
		LoadBalancerUrlResolver lb = new LoadBalancerUrlResolver(client);

		assertThat(lb.resolve(URI.create("lb://order-svc/api/TransIn?x=1&group=kept")))
			.hasToString("http://10.0.0.7:8080/api/TransIn?x=1&group=kept");
		assertThatIllegalStateException().isThrownBy(() -> lb.resolve(URI.create("lb://missing/api")))
			.withMessageContaining("no instance of service 'missing'");
	}

	@Test
	void whenCombinedWithHttpShouldRouteBySchemeAndRejectUnknownSchemes() throws Exception {
		given(this.naming.selectOneHealthyInstance("svc", "DEFAULT_GROUP")).willReturn(instance("10.0.0.8", 1));
		UrlResolver combined = UrlResolver.withServices(List.of(this.nacos));

		assertThat(combined.resolve(URI.create("nacos://svc/p"))).hasToString("http://10.0.0.8:1/p");
		assertThat(combined.resolve(URI.create("http://host:2/p"))).hasToString("http://host:2/p");
		assertThat(combined.supports(URI.create("lb://svc/p"))).isFalse();
		assertThat(UrlResolver.withServices(List.of()).supports(URI.create("nacos://svc/p"))).isFalse();
	}

	@Test
	void whenTargetIsBuiltShouldDropOnlyConsumedParameters() {
		assertThat(ServiceUrls.target(false, "h", 1, URI.create("nacos://s/p?group=g&a=%20b&groupName=x#f"),
				NacosUrlResolver.GROUP_PARAMETERS))
			.hasToString("http://h:1/p?a=%20b#f");
		assertThat(ServiceUrls.target(false, "h", 1, URI.create("lb://s/p?group=g"), Set.of()))
			.hasToString("http://h:1/p?group=g");
	}

	@Test
	void whenGrpcCallResolvesAnInstanceWithGrpcPortMetadataShouldUseThatPort() throws Exception {
		Instance instance = instance("10.0.0.9", 8080);
		instance.setMetadata(Map.of("gRPC_port", "9090"));
		given(this.naming.selectOneHealthyInstance("busi", "DEFAULT_GROUP")).willReturn(instance);
		URI url = URI.create("nacos://busi/busi.Busi/TransOut");

		assertThat(this.nacos.resolveGrpc(url)).hasToString("http://10.0.0.9:9090/busi.Busi/TransOut");
		assertThat(this.nacos.resolve(url)).as("HTTP calls keep the registered port")
			.hasToString("http://10.0.0.9:8080/busi.Busi/TransOut");
		assertThat(UrlResolver.withServices(List.of(this.nacos)).resolveGrpc(url)).as("through the combined resolver")
			.hasToString("http://10.0.0.9:9090/busi.Busi/TransOut");
	}

	@Test
	void whenGrpcPortMetadataIsMissingOrInvalidShouldUseTheInstancePort() throws Exception {
		Instance invalid = instance("10.0.0.9", 8080);
		invalid.setMetadata(Map.of("gRPC_port", "none"));
		given(this.naming.selectOneHealthyInstance("busi", "DEFAULT_GROUP")).willReturn(instance("10.0.0.9", 50051),
				invalid);

		assertThat(this.nacos.resolveGrpc(URI.create("nacos://busi/busi.Busi/TransOut")).getPort()).isEqualTo(50051);
		assertThat(this.nacos.resolveGrpc(URI.create("nacos://busi/busi.Busi/TransOut")).getPort()).isEqualTo(8080);
	}

	@Test
	void whenLoadBalancerResolvesAGrpcCallShouldUseTheGrpcPortMetadata() {
		LoadBalancerClient client = mock(LoadBalancerClient.class);
		given(client.choose("busi"))
			.willReturn(new DefaultServiceInstance("i1", "busi", "10.0.0.7", 8080, false, Map.of("gRPC_port", "9091")));
		LoadBalancerUrlResolver lb = new LoadBalancerUrlResolver(client);

		assertThat(lb.resolveGrpc(URI.create("lb://busi/busi.Busi/TransIn")))
			.hasToString("http://10.0.0.7:9091/busi.Busi/TransIn");
		assertThat(lb.resolve(URI.create("lb://busi/api/TransIn"))).hasToString("http://10.0.0.7:8080/api/TransIn");
	}

	private NacosUrlResolver nacosResolver() {
		NacosServiceManager manager = mock(NacosServiceManager.class);
		given(manager.getNamingService()).willReturn(this.naming);
		NacosDiscoveryProperties properties = new NacosDiscoveryProperties();
		properties.setServerAddr("127.0.0.1:8848");
		return new NacosUrlResolver(manager, properties);
	}

	private static Instance instance(String ip, int port) {
		Instance instance = new Instance();
		instance.setIp(ip);
		instance.setPort(port);
		return instance;
	}

}
