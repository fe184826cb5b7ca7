package io.dtm.server.architecture;

import java.time.Clock;
import java.time.LocalDateTime;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import io.dtm.server.engine.Schedule;
import io.dtm.server.engine.fixture.ClockReader;
import io.dtm.server.engine.StatusMachine;
import io.dtm.server.store.GlobalTrans;
import io.dtm.server.store.StatusChange;
import io.dtm.server.store.TransStore;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rules of the engine that the compiler cannot check: every global status change passes
 * {@link StatusMachine}, and the store's clock is read in one place, {@link Schedule}.
 */
class EngineArchitectureTests {

	private static final JavaClasses MAIN = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("io.dtm.server");

	static final ArchRule STATUS_CHANGES_PASS_THE_STATUS_MACHINE = noClasses().that()
		.doNotBelongToAnyOf(StatusMachine.class)
		.should()
		.callMethodWhere(DescribedPredicate.describe("TransStore.changeStatus",
				(JavaMethodCall call) -> call.getTarget().getName().equals("changeStatus")
						&& call.getTargetOwner().isAssignableTo(TransStore.class)))
		.orShould()
		.callConstructor(StatusChange.class, String.class, io.dtm.core.GlobalStatus.class,
				io.dtm.core.GlobalStatus.class, String.class, LocalDateTime.class)
		.orShould()
		.callMethod(GlobalTrans.class, "withStatus", io.dtm.core.GlobalStatus.class)
		.because("a global status changes only through StatusMachine.transition, which checks the table of legal"
				+ " transitions, guards the update and publishes the TransitionEvent");

	static final ArchRule STORE_TIME_COMES_FROM_THE_SCHEDULE = noClasses().that()
		.resideInAnyPackage("io.dtm.server.engine..", "io.dtm.server.service..", "io.dtm.server.cron..")
		.and()
		.doNotBelongToAnyOf(Schedule.class)
		.should()
		.callMethod(LocalDateTime.class, "now", Clock.class)
		.orShould()
		.callMethod(LocalDateTime.class, "truncatedTo", java.time.temporal.TemporalUnit.class)
		.because("the engine's times come from Schedule.now() (whole seconds, as stored) so that a test's clock"
				+ " moves all of them");

	@Test
	void whenMainCodeIsCheckedOnlyTheStatusMachineShouldChangeAGlobalStatus() {
		STATUS_CHANGES_PASS_THE_STATUS_MACHINE.check(MAIN);
	}

	@Test
	void whenMainCodeIsCheckedEngineTimesShouldComeFromTheSchedule() {
		STORE_TIME_COMES_FROM_THE_SCHEDULE.check(MAIN);
	}

	@Test
	void whenAClassBypassesTheStatusMachineTheRuleShouldFail() {
		JavaClasses bypass = new ClassFileImporter().importClasses(Bypass.class);
		EvaluationResult result = STATUS_CHANGES_PASS_THE_STATUS_MACHINE.evaluate(bypass);
		assertThat(result.hasViolation()).isTrue();
		assertThat(result.getFailureReport().getDetails()).hasSize(3)
			.anySatisfy((line) -> assertThat(line).contains("TransStore.changeStatus"))
			.anySatisfy((line) -> assertThat(line).contains("StatusChange.<init>"))
			.anySatisfy((line) -> assertThat(line).contains("GlobalTrans.withStatus"));
	}

	@Test
	void whenAnEngineClassReadsTheClockItselfTheRuleShouldFail() {
		JavaClasses reader = new ClassFileImporter().importClasses(ClockReader.class);
		assertThat(STORE_TIME_COMES_FROM_THE_SCHEDULE.evaluate(reader).hasViolation()).isTrue();
	}

	/**
	 * What the status rule must catch.
	 */
	static final class Bypass {

		void forceIt(TransStore store, GlobalTrans trans) {
			store.changeStatus(new StatusChange(trans.gid(), trans.status(), io.dtm.core.GlobalStatus.FAILED, "x",
					LocalDateTime.now()));
			trans.withStatus(io.dtm.core.GlobalStatus.FAILED);
		}

	}

}
