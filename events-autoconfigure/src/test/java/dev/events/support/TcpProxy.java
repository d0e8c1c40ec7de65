package dev.events.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Forwards a local port to a broker's, and can cut the network between them: every open
 * connection is closed and new ones are refused until {@link #restore()}. The broker keeps
 * running with its data, as it does behind a failed switch.
 */
public final class TcpProxy implements AutoCloseable {

	private final ServerSocket server;

	private final int targetPort;

	private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();

	private volatile boolean cut;

	private volatile boolean closed;

	private TcpProxy(ServerSocket server, int targetPort) {
		this.server = server;
		this.targetPort = targetPort;
	}

	/**
	 * Listen on the given port and forward to the target port on localhost.
	 * @param port the port to listen on
	 * @param targetPort the port to forward to
	 * @return the running proxy
	 */
	public static TcpProxy start(int port, int targetPort) {
		try {
			ServerSocket server = new ServerSocket(port, 50, InetAddress.getLoopbackAddress());
			TcpProxy proxy = new TcpProxy(server, targetPort);
			Thread acceptor = new Thread(proxy::accept, "tcp-proxy-" + port);
			acceptor.setDaemon(true);
			acceptor.start();
			return proxy;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Return a free port on localhost.
	 * @return the port
	 */
	public static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Close every connection and refuse new ones.
	 */
	public void cut() {
		this.cut = true;
		closeAll();
	}

	/**
	 * Accept connections again.
	 */
	public void restore() {
		this.cut = false;
	}

	private void accept() {
		while (!this.closed) {
			try {
				Socket client = this.server.accept();
				if (this.cut) {
					client.close();
					continue;
				}
				Socket target = new Socket(InetAddress.getLoopbackAddress(), this.targetPort);
				this.sockets.add(client);
				this.sockets.add(target);
				pipe(client, target);
				pipe(target, client);
			}
			catch (IOException ex) {
				if (!this.closed) {
					sleepBriefly();
				}
			}
		}
	}

	private void pipe(Socket from, Socket to) {
		Thread thread = new Thread(() -> {
			byte[] buffer = new byte[64 * 1024];
			try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
				int read;
				while ((read = in.read(buffer)) != -1) {
					out.write(buffer, 0, read);
					out.flush();
				}
			}
			catch (IOException ex) {
				// the other side closed, or the network was cut
			}
			finally {
				close(from);
				close(to);
			}
		}, "tcp-proxy-pipe");
		thread.setDaemon(true);
		thread.start();
	}

	private void closeAll() {
		this.sockets.forEach(TcpProxy::close);
		this.sockets.clear();
	}

	private static void close(Socket socket) {
		try {
			socket.close();
		}
		catch (IOException ex) {
			// closing anyway
		}
	}

	private static void sleepBriefly() {
		try {
			Thread.sleep(10);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public void close() {
		this.closed = true;
		closeAll();
		try {
			this.server.close();
		}
		catch (SocketException ex) {
			// closed already
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
