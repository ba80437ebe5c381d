package dev.theater.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/** The contract suite fails for handlers that break it, naming what is wrong. */
class ContractSuiteCatchesViolationsTest {
    /** A handler that declares an interface but binds one of its eight functions. Run only through EngineTestKit. */
    static class PartialHandlerContract extends HandlerContractTest {
        @Override
        protected String handlerId() {
            return "kit-partial";
        }

        @Override
        protected HandlerArtifact artifact() {
            return HandlerArtifact.onClassPath(PartialHandlerFactory.class);
        }

        @Override
        protected HostFailure hostFailure() {
            return HostFailure.none("it never fails");
        }
    }

    /** A handler that returns values of the wrong Java type through the untyped level. Run only through EngineTestKit. */
    static class WrongTypesContract extends HandlerContractTest {
        @Override
        protected String handlerId() {
            return "kit-wrong";
        }

        @Override
        protected HandlerArtifact artifact() {
            return HandlerArtifact.onClassPath(WrongTypesHandlerFactory.class);
        }

        @Override
        protected HostFailure hostFailure() {
            return HostFailure.none("it never refuses");
        }
    }

    /** The echo handler with a bad-config case it accepts. */
    static class LenientConfigContract extends EchoHandlerContractTest {
        @Override
        protected BadConfig badConfig() {
            return new BadConfig(Map.of("greeting", "fine"), "greeting");
        }
    }

    private static Events run(Class<?> contract) {
        return EngineTestKit.engine("junit-jupiter")
                .selectors(selectClass(contract))
                .execute()
                .testEvents();
    }

    @Test
    void aHandlerThatLeavesADeclaredFunctionUnboundFails() {
        Events events = run(PartialHandlerContract.class);

        events.assertThatEvents()
                .haveExactly(
                        1,
                        event(
                                test("itBindsEveryFunctionOfTheInterfacesItDeclaresAndNothingElse"),
                                finishedWithFailure(message(m -> m.contains("handler 'kit-partial' declares"
                                        + " [test:kit/types] but does not bind [test:kit/types#count,")))));
        assertThat(events.succeeded().count()).isPositive();
    }

    @Test
    void aHandlerThatReturnsTheWrongJavaTypeFailsNamingTheFunctionAndTheWitType() {
        Events events = run(WrongTypesContract.class);

        events.assertThatEvents()
                .haveExactly(
                        1,
                        event(
                                test("everyBoundFunctionAnswersGeneratedArgumentsWithAValueOfItsWitType"),
                                finishedWithFailure(message(m -> m.contains("test:wrong/wrong#get called with")
                                        && m.contains("option<list<u8>>")
                                        && m.contains("test:wrong/wrong#put called with")
                                        && m.contains("result<_, string>")
                                        && !m.contains("test:wrong/wrong#size")))));
        assertThat(events.failed().count()).isEqualTo(1);
    }

    @Test
    void aHandlerThatAcceptsTheBadConfigurationFails() {
        Events events = run(LenientConfigContract.class);

        events.assertThatEvents()
                .haveExactly(1, event(test("aBadConfigurationIsRefusedNamingTheKey"), finishedWithFailure()));
        assertThat(events.failed().count()).isEqualTo(1);
    }
}
