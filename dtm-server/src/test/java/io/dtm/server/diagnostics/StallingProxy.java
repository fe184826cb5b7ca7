package io.dtm.server.diagnostics;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback TCP proxy in front of a real server that can make the server misbehave the
 * two ways a network does: {@link #stall()} keeps every connection open and accepts new
 * ones but forwards nothing any more (a hung server or a black-holed route: the caller
 * waits for an answer that never comes), {@link #refuse()} closes the listener and every
 * connection (a stopped server). {@link #heal()} drops what is left of the bad state and
 * forwards again.
 */
final class StallingProxy implements AutoCloseable {

	private final String upstreamHost;

	private final int upstreamPort;

	private final int port;

	private final List<Socket> sockets = new CopyOnWriteArrayList<>();

	private volatile ServerSocket server;

	private volatile boolean stalled;

	private StallingProxy(String upstreamHost, int upstreamPort, int port) {
		this.upstreamHost = upstreamHost;
		this.upstreamPort = upstreamPort;
		this.port = port;
	}

	/**
	 * Start a forwarding proxy on a free loopback port.
	 * @param upstreamHost target host
	 * @param upstreamPort target port
	 * @return the running proxy
	 */
	static StallingProxy start(String upstreamHost, int upstreamPort) {
		try (ServerSocket probe = new ServerSocket(0)) {
			StallingProxy proxy = new StallingProxy(upstreamHost, upstreamPort, probe.getLocalPort());
			probe.close();
			proxy.listen();
			return proxy;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	int port() {
		return this.port;
	}

	/** Keep connections open but never answer on them, and accept new ones likewise. */
	synchronized void stall() {
		this.stalled = true;
	}

	/** Refuse new connections and drop every open one. */
	synchronized void refuse() {
		closeQuietly(this.server);
		this.server = null;
		dropConnections();
	}

	/** Drop the connections left from a stall or a refusal, and forward again. */
	synchronized void heal() {
		this.stalled = false;
		dropConnections();
		if (this.server == null) {
			listen();
		}
	}

	@Override
	public synchronized void close() {
		this.stalled = false;
		closeQuietly(this.server);
		this.server = null;
		dropConnections();
	}

	private void dropConnections() {
		for (Socket socket : this.sockets) {
			closeQuietly(socket);
		}
		this.sockets.clear();
	}

	private void listen() {
		try {
			ServerSocket socket = new ServerSocket();
			socket.setReuseAddress(true);
			socket.bind(new InetSocketAddress("127.0.0.1", this.port));
			this.server = socket;
			Thread acceptor = new Thread(() -> accept(socket), "stalling-proxy-" + this.port);
			acceptor.setDaemon(true);
			acceptor.start();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private void accept(ServerSocket socket) {
		while (!socket.isClosed()) {
			try {
				Socket client = socket.accept();
				this.sockets.add(client);
				if (this.stalled) {
					continue;
				}
				Socket upstream = new Socket(this.upstreamHost, this.upstreamPort);
				this.sockets.add(upstream);
				pump(client, upstream);
				pump(upstream, client);
			}
			catch (IOException ex) {
				// listener closed, or upstream refused: drop this connection
			}
		}
	}

	private void pump(Socket from, Socket to) {
		Thread thread = new Thread(() -> {
			byte[] buffer = new byte[16 * 1024];
			try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
				int read;
				while ((read = in.read(buffer)) >= 0) {
					while (this.stalled && !from.isClosed()) {
						Thread.sleep(10);
					}
					out.write(buffer, 0, read);
					out.flush();
				}
			}
			catch (IOException ex) {
				// connection closed
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			finally {
				closeQuietly(from);
				closeQuietly(to);
			}
		}, "stalling-proxy-pump");
		thread.setDaemon(true);
		thread.start();
	}

	private static void closeQuietly(AutoCloseable closeable) {
		if (closeable != null) {
			try {
				closeable.close();
			}
			catch (Exception ex) {
				// already closed
			}
		}
	}

}
