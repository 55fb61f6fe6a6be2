package org.optinel.eligibility;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.optinel.testing.OnSqlite;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the index does once a transaction completed runs then, in order, with the outcome of the
 * transaction that asked for it: all of a transaction's actions share one synchronization, and an
 * inner transaction keeps its own.
 */
@OnSqlite
class EligibilityAfterCompletionIntegrationTests {

	@Autowired
	PlatformTransactionManager transactions;

	@Test
	void eachActionRunsOnceItsOwnTransactionCompletedWithThatTransactionsOutcome() {
		List<String> ran = new ArrayList<>();
		TransactionTemplate outer = reading(TransactionDefinition.PROPAGATION_REQUIRED);
		TransactionTemplate inner = reading(TransactionDefinition.PROPAGATION_REQUIRES_NEW);

		outer.executeWithoutResult(status -> {
			EligibilityEvents.afterCompletion(committed -> ran.add("outer-1 committed=" + committed));
			inner.executeWithoutResult(innerStatus -> {
				EligibilityEvents.afterCompletion(committed -> ran.add("inner committed=" + committed));
			});
			assertThat(ran).containsExactly("inner committed=true");
			EligibilityEvents.afterCompletion(committed -> {
				throw new IllegalStateException("one action failing leaves the others to run");
			});
			EligibilityEvents.afterCompletion(committed -> ran.add("outer-2 committed=" + committed));
			assertThat(ran).hasSize(1);
			status.setRollbackOnly();
		});

		assertThat(ran).containsExactly("inner committed=true", "outer-1 committed=false", "outer-2 committed=false");
		// Nothing is left bound to the thread for the next transaction.
		outer.executeWithoutResult(status -> EligibilityEvents.afterCompletion(committed -> ran.add("next committed=" + committed)));
		assertThat(ran).last().isEqualTo("next committed=true");
		assertThat(ran).hasSize(4);
	}

	@Test
	void withoutATransactionAnActionRunsAtOnce() {
		List<Boolean> ran = new ArrayList<>();

		EligibilityEvents.afterCompletion(ran::add);

		assertThat(ran).containsExactly(true);
	}

	/** Read-only: they take no write lock, so an inner one can run beside the outer on SQLite. */
	private TransactionTemplate reading(int propagation) {
		TransactionTemplate template = new TransactionTemplate(transactions);
		template.setPropagationBehavior(propagation);
		template.setReadOnly(true);
		return template;
	}
}
