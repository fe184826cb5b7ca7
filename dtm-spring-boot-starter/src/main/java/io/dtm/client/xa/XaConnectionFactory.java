package io.dtm.client.xa;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

import javax.sql.XAConnection;
import javax.sql.XADataSource;

/**
 * Opens the dedicated physical connections {@link XaParticipant} runs XA branches on.
 * Closing a returned connection must close it physically: a MySQL/MariaDB session stays
 * attached to its prepared XA transaction and refuses further transactions, so such a
 * connection must never go back to a pool.
 */
@FunctionalInterface
public interface XaConnectionFactory {

	/**
	 * Open a connection in auto-commit mode.
	 * @return the connection
	 * @throws SQLException if it cannot be opened
	 */
	Connection open() throws SQLException;

	/**
	 * Connections from {@link DriverManager}.
	 * @param url the JDBC URL of a MySQL-compatible database
	 * @param username the user
	 * @param password the password
	 * @return the factory
	 */
	static XaConnectionFactory driverManager(String url, String username, String password) {
		return () -> DriverManager.getConnection(url, username, password);
	}

	/**
	 * Connections from an {@link XADataSource} such as Connector/J's
	 * {@code MysqlXADataSource}; closing one closes its {@link XAConnection}.
	 * @param dataSource the XA data source
	 * @return the factory
	 */
	static XaConnectionFactory of(XADataSource dataSource) {
		return () -> {
			XAConnection xa = dataSource.getXAConnection();
			Connection connection = xa.getConnection();
			return (Connection) Proxy.newProxyInstance(XaConnectionFactory.class.getClassLoader(),
					new Class<?>[] { Connection.class }, (proxy, method, args) -> {
						if ("close".equals(method.getName()) && method.getParameterCount() == 0) {
							try {
								connection.close();
							}
							finally {
								xa.close();
							}
							return null;
						}
						try {
							return method.invoke(connection, args);
						}
						catch (InvocationTargetException ex) {
							throw ex.getTargetException();
						}
					});
		};
	}

}
