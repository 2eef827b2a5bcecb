package io.ledger.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The module rules as tests: command and query never see each other, core is plain message contracts, and
 * nothing depends on the service module. (ops has its own test, since it is not on this class path.)
 */
class ArchitectureTest {

    private static JavaClasses ledger;

    @BeforeAll
    static void importLedgerClasses() {
        ledger = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.ledger");
    }

    @Test
    void theWriteSideNeverDependsOnTheReadSide() {
        noClasses().that().resideInAPackage("io.ledger.command..")
                .should().dependOnClassesThat().resideInAnyPackage("io.ledger.query..", "io.ledger.api..",
                        "io.ledger.ops..")
                .check(ledger);
    }

    @Test
    void theReadSideNeverDependsOnTheWriteSide() {
        noClasses().that().resideInAPackage("io.ledger.query..")
                .should().dependOnClassesThat().resideInAnyPackage("io.ledger.command..", "io.ledger.api..",
                        "io.ledger.ops..")
                .check(ledger);
    }

    @Test
    void coreHoldsOnlyContractsWithoutSpringJpaOrOtherModules() {
        noClasses().that().resideInAPackage("io.ledger.core..")
                .should().dependOnClassesThat().resideInAnyPackage("io.ledger.command..", "io.ledger.query..",
                        "io.ledger.api..", "io.ledger.ops..", "org.springframework..", "jakarta.persistence..",
                        "javax.persistence..", "java.sql..")
                .check(ledger);
    }

    @Test
    void aggregatesAndProjectionsDoNotDependOnSpring() {
        noClasses().that().resideInAnyPackage("io.ledger.command..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..")
                .check(ledger);
        noClasses().that().resideInAnyPackage("io.ledger.query..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework.context..",
                        "org.springframework.beans..", "org.springframework.stereotype..")
                .check(ledger);
    }

    /**
     * Polymorphic default typing lets a JSON document name the Java class to instantiate, the root of most
     * Jackson deserialization exploits; no mapper of ours may switch it on.
     */
    @Test
    void noJsonMapperEnablesPolymorphicDefaultTyping() {
        noClasses().should().callMethodWhere(new DescribedPredicate<JavaMethodCall>("a default-typing switch") {
            @Override
            public boolean test(JavaMethodCall call) {
                return call.getTarget().getName().toLowerCase().contains("defaulttyping")
                        && call.getTargetOwner().isAssignableTo(ObjectMapper.class);
            }
        }).check(ledger);
    }

    @Test
    void modulesHaveNoCycles() {
        slices().matching("io.ledger.(*)..").should().beFreeOfCycles().check(ledger);
    }
}
