package io.dtm.server.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback TCP proxy in front of a real server, so a test can make that server
 * misbehave the two ways a network does, without stopping the shared server:
 * {@link #cut()} closes the listener and every connection (a stopped server),
 * {@link #stall()} keeps connections open and accepts new ones but forwards nothing (a
 * hung server or a black-holed route). {@link #open()} and {@link #heal()} bring it back.
 */
public final class TcpProxy implements AutoCloseable {

	private final String upstreamHost;

	private final int upstreamPort;

	private final int port;

	private final List<Socket> sockets = new CopyOnWriteArrayList<>();

	private volatile ServerSocket server;

	private volatile boolean stalled;

	private TcpProxy(String upstreamHost, int upstreamPort, int port) {
		this.upstreamHost = upstreamHost;
		this.upstreamPort = upstreamPort;
		this.port = port;
	}

	/**
	 * Start a proxy on a free loopback port.
	 * @param upstreamHost target host
	 * @param upstreamPort target port
	 * @return the running proxy
	 */
	public static TcpProxy start(String upstreamHost, int upstreamPort) {
		try (ServerSocket probe = new ServerSocket(0)) {
			TcpProxy proxy = new TcpProxy(upstreamHost, upstreamPort, probe.getLocalPort());
			probe.close();
			proxy.open();
			return proxy;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	public int port() {
		return this.port;
	}

	/** Accept connections again (after {@link #cut()}). */
	public synchronized void open() {
		try {
			ServerSocket socket = new ServerSocket();
			socket.setReuseAddress(true);
			socket.bind(new InetSocketAddress("127.0.0.1", this.port));
			this.server = socket;
			Thread acceptor = new Thread(() -> accept(socket), "tcp-proxy-" + this.port);
			acceptor.setDaemon(true);
			acceptor.start();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Refuse new connections and drop every open one, as a stopped server would. */
	public synchronized void cut() {
		closeQuietly(this.server);
		dropConnections();
	}

	/** Keep connections open but never answer on them, and accept new ones likewise. */
	public synchronized void stall() {
		this.stalled = true;
	}

	/** Drop the connections left from a stall or a cut, and forward again. */
	public synchronized void heal() {
		this.stalled = false;
		dropConnections();
		if (this.server == null || this.server.isClosed()) {
			open();
		}
	}

	@Override
	public synchronized void close() {
		this.stalled = false;
		cut();
	}

	private void dropConnections() {
		for (Socket socket : this.sockets) {
			closeQuietly(socket);
		}
		this.sockets.clear();
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
				if (socket.isClosed()) {
					// cut() ran while this connection was being set up
					closeQuietly(client);
					closeQuietly(upstream);
					continue;
				}
				pump(client, upstream);
				pump(upstream, client);
			}
			catch (IOException ex) {
				// listener closed by cut(), or upstream refused: drop this connection
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
		}, "tcp-proxy-pump");
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
