package io.ledger.ops;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * ops reads; it never writes. It must not reach the write side (ledger-command) or the service (ledger-api),
 * whose classes are not even on its class path: a reference to them would be recorded by name and fail here.
 */
class OpsArchitectureTest {

    private final JavaClasses ops = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.ledger.ops");

    @Test
    void opsNeverDependsOnTheWriteSideOrTheService() {
        noClasses().that().resideInAPackage("io.ledger.ops..")
                .should().dependOnClassesThat().resideInAnyPackage("io.ledger.command..", "io.ledger.api..",
                        "org.axonframework.commandhandling..", "org.axonframework.modelling.command..")
                .check(ops);
    }
}
