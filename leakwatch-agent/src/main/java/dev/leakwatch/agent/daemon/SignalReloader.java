package dev.leakwatch.agent.daemon;

import dev.leakwatch.agent.lifecycle.Component;
import dev.leakwatch.agent.lifecycle.LeakwatchThreads;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * Reloads the configuration on SIGHUP. The signal thread only hands the work to
 * {@code leakwatch-reload}; a second SIGHUP while a reload is pending is dropped (the pending
 * one reads the newest file anyway).
 */
final class SignalReloader implements Component {
    private static final Logger LOG = Logger.getLogger(SignalReloader.class.getName());

    private final Supplier<ReloadResult> reload;
    private ThreadPoolExecutor executor;
    private Optional<Runnable> restore = Optional.empty();

    SignalReloader(Supplier<ReloadResult> reload) {
        this.reload = reload;
    }

    @Override
    public String name() {
        return "sighup-reload";
    }

    @Override
    public void start() {
        executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(1),
                LeakwatchThreads.factory("reload"), new ThreadPoolExecutor.DiscardPolicy());
        restore = Signals.handle("HUP", this::onHangup);
        if (restore.isEmpty()) {
            LOG.info("SIGHUP reload unavailable on this runtime; use POST /-/reload");
        }
    }

    private void onHangup() {
        LOG.info("SIGHUP: reloading the configuration");
        try {
            executor.execute(() -> reload.get());
        } catch (RejectedExecutionException e) {
            LOG.info("SIGHUP ignored: the agent is stopping");
        }
    }

    @Override
    public void stop() throws InterruptedException {
        restore.ifPresent(Runnable::run);
        executor.shutdownNow();
        executor.awaitTermination(5, TimeUnit.SECONDS);
    }
}
