package ai.rememberizer.auth;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The shape of the code, checked on every build: dependencies point down the layers
 * (the HTTP and command-line edge, the user-facing flows and jobs, the password checks they
 * share, the capabilities, the user, the foundation), never up, and no two packages depend
 * on each other.
 */
@AnalyzeClasses(packages = "ai.rememberizer.auth", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule layersPointDown = layeredArchitecture().consideringOnlyDependenciesInLayers()
            .layer("Edge").definedBy("..auth.rest..", "..auth.cli..")
            .layer("Flows").definedBy("..auth.flow..", "..auth.housekeeping..", "..auth.importer..")
            .layer("Passwords").definedBy("..auth.password..")
            .layer("Capabilities").definedBy("..auth.session..", "..auth.verification..", "..auth.mail..", "..auth.mfa..", "..auth.social..",
                    "..auth.captcha..", "..auth.limits..", "..auth.audit..")
            .layer("User").definedBy("..auth.user..")
            .layer("Foundation").definedBy("..auth.crypto..", "..auth.config..", "..auth.problem..")
            .whereLayer("Edge").mayNotBeAccessedByAnyLayer()
            .whereLayer("Flows").mayOnlyBeAccessedByLayers("Edge")
            .whereLayer("Passwords").mayOnlyBeAccessedByLayers("Edge", "Flows")
            .whereLayer("Capabilities").mayOnlyBeAccessedByLayers("Edge", "Flows", "Passwords")
            .whereLayer("User").mayOnlyBeAccessedByLayers("Edge", "Flows", "Passwords", "Capabilities")
            .whereLayer("Foundation").mayOnlyBeAccessedByLayers("Edge", "Flows", "Passwords", "Capabilities", "User");

    @ArchTest
    static final ArchRule noPackageCycles = slices().matching("ai.rememberizer.auth.(**)").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule everyClassIsInALayer = com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes()
            .should().resideInAnyPackage("..auth.rest..", "..auth.cli..", "..auth.flow..", "..auth.housekeeping..",
                    "..auth.importer..", "..auth.password..", "..auth.session..", "..auth.mfa..", "..auth.social..",
                    "..auth.verification..", "..auth.mail..", "..auth.captcha..", "..auth.limits..", "..auth.audit..",
                    "..auth.user..", "..auth.crypto..", "..auth.config..", "..auth.problem..");
}
