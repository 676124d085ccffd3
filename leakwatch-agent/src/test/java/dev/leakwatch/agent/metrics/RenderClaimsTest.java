package dev.leakwatch.agent.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RenderClaimsTest {
    @Test
    void withoutHelpTheScrapeRendersEverything() {
        RenderClaims claims = RenderClaims.scrapeOnly();

        assertThat(claims.claimForOther("a")).isNull();
        assertThat(claims.claimForScrape("a")).isTrue();
        assertThat(claims.awaitOther("a")).isTrue();
    }

    @Test
    void eachFamilyGoesToWhoeverClaimsItFirst() {
        RenderClaims claims = RenderClaims.shared();

        assertThat(claims.claimForScrape("front")).isTrue();
        assertThat(claims.claimForOther("front")).isNull();
        assertThat(claims.claimForOther("back")).isNotNull();
        assertThat(claims.claimForScrape("back")).isFalse();
        assertThat(claims.claimForScrape("front")).as("a claim holds").isTrue();
    }

    @Test
    void theScrapeWaitsForAFamilyTheOtherThreadIsRendering() throws Exception {
        RenderClaims claims = RenderClaims.shared();
        CountDownLatch rendering = claims.claimForOther("back");
        assertThat(claims.claimForScrape("back")).isFalse();
        ExecutorService scrape = Executors.newSingleThreadExecutor();
        try {
            Future<Boolean> waited = scrape.submit(() -> claims.awaitOther("back"));
            assertThat(waited.isDone()).isFalse();

            rendering.countDown();

            assertThat(waited.get(5, TimeUnit.SECONDS)).isTrue();
        } finally {
            scrape.shutdownNow();
        }
    }

    @Test
    void anInterruptedWaitLetsTheScrapeRenderItself() {
        RenderClaims claims = RenderClaims.shared();
        assertThat(claims.claimForOther("back")).isNotNull();
        Thread.currentThread().interrupt();
        try {
            assertThat(claims.awaitOther("back")).isFalse();
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void nothingIsClaimedForAScrapeThatIsOver() {
        RenderClaims claims = RenderClaims.shared();
        claims.scrapeOver();

        assertThat(claims.claimForOther("back")).isNull();
    }
}
