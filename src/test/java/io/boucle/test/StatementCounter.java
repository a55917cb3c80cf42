package io.boucle.test;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import javax.sql.DataSource;

import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * Records, for the code run by {@link #record}, what each borrowed connection did: the SQL it
 * executed and how many commits. Only the recording thread is observed; other threads and all
 * other tests pass through untouched.
 */
public final class StatementCounter implements BeanPostProcessor {

    /** One borrowing of a pooled connection: from {@code getConnection()} to {@code close()}. */
    public record Borrowing(List<String> statements, int commits) {

        public boolean ran(String sqlFragment) {
            return statements.stream().anyMatch(sql -> sql.contains(sqlFragment));
        }
    }

    private static final class Recording {
        final List<Borrowing> done = new ArrayList<>();
    }

    private static final ThreadLocal<Recording> RECORDING = new ThreadLocal<>();

    /** Runs {@code work} and returns its result with the connections it borrowed, in order. */
    public static <T> Recorded<T> record(Supplier<T> work) {
        Recording recording = new Recording();
        RECORDING.set(recording);
        try {
            T result = work.get();
            return new Recorded<>(result, List.copyOf(recording.done));
        } finally {
            RECORDING.remove();
        }
    }

    public record Recorded<T>(T result, List<Borrowing> borrowings) {

        /** The one borrowing that executed a statement containing {@code sqlFragment}. */
        public Borrowing the(String sqlFragment) {
            List<Borrowing> matching = borrowings.stream().filter(borrowing -> borrowing.ran(sqlFragment)).toList();
            if (matching.size() != 1) {
                throw new AssertionError(matching.size() + " connections ran '" + sqlFragment + "': " + borrowings);
            }
            return matching.getFirst();
        }
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof DataSource dataSource) {
            // Closeable as well, so that the pool is still closed with the context.
            return proxy(CloseableDataSource.class, dataSource, (target, method, args) -> {
                Object result = invoke(target, method, args);
                Recording recording = RECORDING.get();
                if (recording != null && result instanceof Connection connection) {
                    return borrowed(connection, recording);
                }
                return result;
            });
        }
        return bean;
    }

    private static Connection borrowed(Connection connection, Recording recording) {
        List<String> statements = new ArrayList<>();
        int[] commits = {0};
        return proxy(Connection.class, connection, (target, method, args) -> {
            switch (method.getName()) {
                case "commit" -> commits[0]++;
                case "close" -> recording.done.add(new Borrowing(List.copyOf(statements), commits[0]));
                default -> {
                }
            }
            Object result = invoke(target, method, args);
            if (result instanceof Statement statement) {
                String prepared = args != null && args.length > 0 && args[0] instanceof String sql ? sql : null;
                return proxy(statementInterface(statement), statement, (inner, call, callArgs) -> {
                    if (call.getName().startsWith("execute")) {
                        statements.add(prepared != null ? prepared.strip()
                                : callArgs != null && callArgs.length > 0 ? String.valueOf(callArgs[0]).strip() : call.getName());
                    }
                    return invoke(inner, call, callArgs);
                });
            }
            return result;
        });
    }

    /** What the application's data source is seen as. */
    public interface CloseableDataSource extends DataSource, AutoCloseable {
    }

    private static Class<? extends Statement> statementInterface(Statement statement) {
        if (statement instanceof java.sql.CallableStatement) {
            return java.sql.CallableStatement.class;
        }
        return statement instanceof java.sql.PreparedStatement ? java.sql.PreparedStatement.class : Statement.class;
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<?> type, T target, Handler<T> handler) {
        InvocationHandler invocation = (proxy, method, args) -> {
            if (method.getName().equals("unwrap") && args[0] instanceof Class<?> wanted && wanted.isInstance(target)) {
                return target;
            }
            if (method.getName().equals("isWrapperFor") && args[0] instanceof Class<?> wanted && wanted.isInstance(target)) {
                return true;
            }
            return handler.handle(target, method, args);
        };
        return (T) Proxy.newProxyInstance(StatementCounter.class.getClassLoader(), new Class<?>[] {type}, invocation);
    }

    private interface Handler<T> {
        Object handle(T target, Method method, Object[] args) throws Throwable;
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
