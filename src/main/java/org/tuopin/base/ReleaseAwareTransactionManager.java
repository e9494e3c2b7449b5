package org.tuopin.base;

import org.springframework.orm.jpa.JpaTransactionManager;
import org.springframework.transaction.TransactionDefinition;

/**
 * Boot's JPA transaction manager, counting the physical transactions open on each thread so that
 * {@link AfterConnectionRelease} knows when the thread's last one has given its connection back to the pool
 * (Spring runs {@code afterCompletion} callbacks before that, while the connection is still held).
 */
public class ReleaseAwareTransactionManager extends JpaTransactionManager {

    @Override
    protected void doBegin(Object transaction, TransactionDefinition definition) {
        super.doBegin(transaction, definition);
        AfterConnectionRelease.opened();
    }

    @Override
    protected void doCleanupAfterCompletion(Object transaction) {
        try {
            super.doCleanupAfterCompletion(transaction);
        } finally {
            AfterConnectionRelease.released();
        }
    }
}
