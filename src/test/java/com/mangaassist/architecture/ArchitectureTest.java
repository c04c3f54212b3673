package com.mangaassist.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The service's packages (by capability) depend on each other in one direction only, and the
 * shared pipeline types in {@code com.mangaassist.pipeline} on none of them.
 */
@AnalyzeClasses(packages = "com.mangaassist", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    /** Every package on its own (slo and slo.burn are two), so a cycle between sub-packages fails too. */
    @ArchTest
    static final ArchRule noPackageCycles = slices().matching("com.mangaassist.(**)").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule pipelineTypesAreNeutral = classes().that().resideInAPackage("com.mangaassist.pipeline..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("com.mangaassist.pipeline..", "java..", "org.apache.camel..");

    /** The service never reaches the local stand-ins (test sources): they are not in the jar. */
    @ArchTest
    static final ArchRule noLocalBackendsInTheService = noClasses().should().dependOnClassesThat()
            .resideInAnyPackage("com.mangaassist.local..", "com.mangaassist.bench..");
}
