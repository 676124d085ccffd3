package dev.leakwatch.agent.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.ExpositionFormats;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.Set;

/**
 * {@code GET /metrics}: Prometheus text or OpenMetrics, chosen from {@code Accept} by the
 * official client's {@link ExpositionFormats}; gzip when the scraper accepts it, at the fastest
 * level ({@link ScrapeBody}) (the text of 100k series still shrinks 7.5-fold, 6.2 MB to 824 KB, for less CPU than the
 * default level). The body is streamed (chunked) family batch by family batch
 * ({@link ExpositionBatches}): a scrape of 100k series neither builds a 6 MB buffer first nor
 * holds the snapshot objects of all its series at once. Large families the source can vouch for
 * come from the {@link RenderCache} when unchanged since they were last rendered.
 */
public final class MetricsHandler implements HttpHandler {
    private final FamilyStream source;
    private final RenderCache cache;
    private final Prerenderer prerenderer;
    private final ExpositionFormats formats = ExpositionFormats.init();

    /** Without a render cache: every scrape renders everything. */
    public MetricsHandler(FamilyStream source) {
        this(source, null, null);
    }

    MetricsHandler(FamilyStream source, RenderCache cache, Prerenderer prerenderer) {
        this.source = source;
        this.cache = cache;
        this.prerenderer = prerenderer;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            long start = System.nanoTime();
            String method = exchange.getRequestMethod();
            if (!method.equals("GET") && !method.equals("HEAD")) {
                HttpResponses.text(exchange, 405, "Only GET is allowed on /metrics.\n");
                return;
            }
            String accept = exchange.getRequestHeaders().getFirst("Accept");
            ExpositionFormatWriter writer = formats.findWriter(accept);
            RenderCache.Format format = new RenderCache.Format(writer, EscapingScheme.fromAcceptHeader(accept));
            exchange.getResponseHeaders().set("Content-Type", writer.getContentType());
            exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
            if (method.equals("HEAD")) {
                exchange.sendResponseHeaders(200, -1);
                return;
            }
            boolean gzip = acceptsGzip(exchange.getRequestHeaders().getFirst("Accept-Encoding"));
            if (gzip) {
                exchange.getResponseHeaders().set("Content-Encoding", "gzip");
            }
            exchange.sendResponseHeaders(200, 0);
            Set<String> served = new HashSet<>();
            boolean large;
            RenderClaims claims = prerenderer == null ? RenderClaims.scrapeOnly() : prerenderer.assist(format);
            try (ScrapeBody body = gzip ? ScrapeBody.gzip(exchange.getResponseBody())
                    : ScrapeBody.plain(exchange.getResponseBody())) {
                Response response = new Response(format, body, served, claims);
                source.forEachFamily(response);
                response.finish();
                large = response.large;
            } catch (UncheckedIOException e) {
                throw e.getCause();
            } finally {
                claims.scrapeOver();
            }
            if (cache != null) {
                cache.scraped(format, served);
                prerenderer.scraped(format, start, large);
            }
        }
    }

    /**
     * One response: snapshots are batched for the official writer; a large reusable family is
     * spliced from the cache when a current rendering is kept (or the rendering thread, helping,
     * has just kept one), the batch before it written first so the order holds, and written as it
     * is rendered otherwise.
     */
    private final class Response implements FamilySink {
        private final RenderCache.Format format;
        private final ScrapeBody body;
        private final Set<String> served;
        private final RenderClaims claims;
        /** Whether the scrape met a family large enough to keep. */
        boolean large;
        private final BatchWriter writer;
        private final ExpositionBatches batches;

        Response(RenderCache.Format format, ScrapeBody body, Set<String> served, RenderClaims claims) {
            this.format = format;
            this.body = body;
            this.served = served;
            this.claims = claims;
            this.writer = new BatchWriter(format.writer(), format.escaping(), body.live());
            this.batches = new ExpositionBatches(batch -> {
                try {
                    writer.write(batch);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }

        @Override
        public void accept(MetricSnapshot family) {
            batches.accept(family);
        }

        @Override
        public void reusable(ReusableFamily family) {
            boolean keepable = cache != null && family.size() >= RenderCache.MIN_POINTS;
            Segment segment = keepable ? cache.currentSegment(format, family) : null;
            if (segment == null && keepable && !claims.claimForScrape(family.prometheusName())
                    && claims.awaitOther(family.prometheusName())) {
                segment = cache.currentSegment(format, family);
            }
            if (segment == null) {
                if (keepable) {
                    large = true;
                    cache.renderedWithoutKeeping();
                }
                writeLive(family, keepable);
                return;
            }
            large = true;
            batches.flush();
            served.add(family.prometheusName());
            try {
                body.splice(segment);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } finally {
                segment.release();
            }
        }

        /**
         * Writes a family as it is rendered. A keepable one gets a writer call of its own, as a
         * kept segment would (the writer sorts the families of one call by name, and the order
         * must not depend on what was kept); keeping is left to the rendering ahead, since a scrape
         * that compressed a family apart from its body needed a second deflater on every scrape.
         */
        private void writeLive(ReusableFamily family, boolean ownCall) {
            ReusableFamily.Read read = family.read();
            if (read == null) {
                return;
            }
            if (ownCall) {
                batches.flush();
            }
            batches.accept(read.snapshot());
            if (ownCall) {
                batches.flush();
            }
        }

        void finish() throws IOException {
            batches.flush();
            writer.finish();
            body.finish();
        }

    }

    /** Whether {@code Accept-Encoding} allows gzip ({@code q=0} refuses it). */
    static boolean acceptsGzip(String acceptEncoding) {
        if (acceptEncoding == null) {
            return false;
        }
        for (String part : acceptEncoding.split(",")) {
            String[] coding = part.trim().split(";");
            if (coding[0].trim().equalsIgnoreCase("gzip")) {
                return !(coding.length > 1 && coding[1].replace(" ", "").equals("q=0"));
            }
        }
        return false;
    }
}
