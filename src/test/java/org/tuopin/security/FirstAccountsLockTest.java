package org.tuopin.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.tuopin.TuopinTest;

/**
 * Two nodes starting together on a new database create the first accounts one after the other: the second waits for
 * the first's commit, then finds its accounts instead of failing on the unique key.
 */
@TuopinTest
class FirstAccountsLockTest {

    @Autowired
    JdbcClient jdbc;
    @Autowired
    PlatformTransactionManager transactions;

    @Test
    void aSecondNodeWaitsUntilTheFirstHasCommittedItsAccounts() throws Exception {
        List<String> order = new CopyOnWriteArrayList<>();
        CountDownLatch firstHolds = new CountDownLatch(1);
        CountDownLatch secondAsked = new CountDownLatch(1);
        Thread first = Thread.ofPlatform().start(() -> new TransactionTemplate(transactions).executeWithoutResult(s -> {
            FirstAdministrator.oneNodeAtATime(jdbc);
            firstHolds.countDown();
            try {
                secondAsked.await(10, TimeUnit.SECONDS);
                Thread.sleep(300); // the second node is queued on the lock by now
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            order.add("first commits");
        }));
        assertThat(firstHolds.await(10, TimeUnit.SECONDS)).isTrue();
        Thread second = Thread.ofPlatform().start(() -> new TransactionTemplate(transactions).executeWithoutResult(s -> {
            secondAsked.countDown();
            FirstAdministrator.oneNodeAtATime(jdbc);
            order.add("second creates");
        }));
        first.join(20_000);
        second.join(20_000);
        assertThat(order).containsExactly("first commits", "second creates");
    }
}
