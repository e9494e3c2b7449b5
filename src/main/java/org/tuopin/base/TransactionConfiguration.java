package org.tuopin.base;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.transaction.autoconfigure.TransactionManagerCustomizers;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/** Replaces Boot's JPA transaction manager (which steps back when one is defined) by the release-aware one. */
@Configuration(proxyBeanMethods = false)
class TransactionConfiguration {

    @Bean
    PlatformTransactionManager transactionManager(ObjectProvider<TransactionManagerCustomizers> customizers) {
        ReleaseAwareTransactionManager transactions = new ReleaseAwareTransactionManager();
        customizers.ifAvailable(c -> c.customize(transactions));
        return transactions;
    }
}
