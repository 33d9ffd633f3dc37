package org.staypuft.simulator.ssh;

import org.apache.sshd.common.Factory;
import org.apache.sshd.common.FactoryManager;
import org.apache.sshd.common.io.IoAcceptor;
import org.apache.sshd.common.io.IoConnector;
import org.apache.sshd.common.io.IoHandler;
import org.apache.sshd.common.io.IoServiceEventListener;
import org.apache.sshd.common.io.IoServiceFactory;
import org.apache.sshd.common.io.IoServiceFactoryFactory;
import org.apache.sshd.common.io.nio2.Nio2ServiceFactory;
import org.apache.sshd.common.util.closeable.AbstractCloseable;
import org.apache.sshd.common.util.threads.CloseableExecutorService;
import org.apache.sshd.common.util.threads.ThreadUtils;
import org.apache.sshd.server.SshServer;

/**
 * One NIO2 channel group for every simulated host's SSH server. By default each {@code SshServer} makes its own
 * group and thread pool; with thousands of hosts that is thousands of threads. Servers here get a view of the shared
 * factory whose {@code close} leaves the group alone; the simulator closes the group once, at the end.
 */
public final class SharedIoServiceFactory implements IoServiceFactoryFactory, AutoCloseable {

    private final Nio2ServiceFactory shared;

    /**
     * @param ioThreads threads of the shared group; a few are enough, sessions do little work
     */
    public SharedIoServiceFactory(int ioThreads) {
        // The template only names the pools and carries default socket properties; it is never started.
        FactoryManager template = SshServer.setUpDefaultServer();
        shared = new Nio2ServiceFactory(template,
                ThreadUtils.newFixedThreadPool("simulator-nio2", ioThreads),
                ThreadUtils.newFixedThreadPool("simulator-nio2-resume", ioThreads));
    }

    @Override
    public IoServiceFactory create(FactoryManager manager) {
        return new NonClosingView();
    }

    @Override
    public void setExecutorServiceFactory(Factory<CloseableExecutorService> factory) {
        throw new UnsupportedOperationException("The shared group has its own threads");
    }

    @Override
    public void close() {
        shared.close(true);
    }

    /** What each server sees: acceptors on the shared group; closing it is a no-op. */
    private final class NonClosingView extends AbstractCloseable implements IoServiceFactory {

        @Override
        public IoConnector createConnector(IoHandler handler) {
            return shared.createConnector(handler);
        }

        @Override
        public IoAcceptor createAcceptor(IoHandler handler) {
            return shared.createAcceptor(handler);
        }

        @Override
        public IoServiceEventListener getIoServiceEventListener() {
            return shared.getIoServiceEventListener();
        }

        @Override
        public void setIoServiceEventListener(IoServiceEventListener listener) {
            // one listener for all servers is set on the shared factory, never per server
        }
    }
}
