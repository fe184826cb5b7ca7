package io.dtm.server.registry;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.alibaba.nacos.api.exception.NacosException;
import com.alibaba.nacos.api.naming.pojo.Instance;

/**
 * A hand-written stand-in for the Nacos naming calls of registration: it lists what was
 * registered, and can fail a number of registrations, fail every registration with a
 * given cause, lose its instances (a restarted Nacos without data), lose the connection,
 * and recover.
 */
class FakeNacosNaming implements NacosNaming {

	static final NacosException NOT_CONNECTED = new NacosException(NacosException.CLIENT_DISCONNECT,
			"Client not connected, current status:STARTING");

	private final List<Instance> listed = new CopyOnWriteArrayList<>();

	private final List<Instance> registrations = new CopyOnWriteArrayList<>();

	private final List<Instance> deregistrations = new CopyOnWriteArrayList<>();

	private volatile int failuresLeft;

	private volatile NacosException failure;

	private volatile boolean connected = true;

	private volatile boolean shutDown;

	/**
	 * Fail the next registrations with {@link #NOT_CONNECTED}, then accept them again.
	 * @param count how many to fail
	 * @return this fake
	 */
	FakeNacosNaming failNext(int count) {
		this.failuresLeft = count;
		this.failure = NOT_CONNECTED;
		return this;
	}

	/**
	 * Fail every registration with the given exception until {@link #recover()}.
	 * @param cause the exception
	 * @return this fake
	 */
	FakeNacosNaming failWith(NacosException cause) {
		this.failuresLeft = Integer.MAX_VALUE;
		this.failure = cause;
		return this;
	}

	/**
	 * Drop every instance, as a Nacos restarted without its data does.
	 */
	void loseInstances() {
		this.listed.clear();
	}

	/**
	 * Lose the connection: the client reports {@code DOWN}, registrations fail.
	 */
	void disconnect() {
		this.connected = false;
		failWith(NOT_CONNECTED);
	}

	/**
	 * Answer again: connected, registrations accepted.
	 */
	void recover() {
		this.connected = true;
		this.failuresLeft = 0;
		this.failure = null;
	}

	List<Instance> listed() {
		return new ArrayList<>(this.listed);
	}

	List<Instance> registrations() {
		return new ArrayList<>(this.registrations);
	}

	List<Instance> deregistrations() {
		return new ArrayList<>(this.deregistrations);
	}

	boolean isShutDown() {
		return this.shutDown;
	}

	@Override
	public String serverStatus() {
		return this.connected ? UP : "DOWN";
	}

	@Override
	public void register(String service, String group, Instance instance) throws NacosException {
		this.registrations.add(instance);
		if (this.failuresLeft > 0) {
			this.failuresLeft--;
			throw this.failure;
		}
		this.listed.removeIf((other) -> same(other, instance));
		this.listed.add(instance);
	}

	@Override
	public void deregister(String service, String group, Instance instance) throws NacosException {
		if (!this.connected) {
			throw NOT_CONNECTED;
		}
		this.deregistrations.add(instance);
		this.listed.removeIf((other) -> same(other, instance));
	}

	@Override
	public List<Instance> instances(String service, String group) throws NacosException {
		if (!this.connected) {
			throw NOT_CONNECTED;
		}
		return listed();
	}

	@Override
	public void shutdown() {
		this.shutDown = true;
	}

	private static boolean same(Instance one, Instance other) {
		return one.getIp().equals(other.getIp()) && one.getPort() == other.getPort();
	}

}
