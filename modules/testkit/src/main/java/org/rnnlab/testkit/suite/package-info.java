/**
 * The testkit as JUnit 5 test classes a component author extends: {@link org.rnnlab.testkit.suite.CellTypeContract},
 * {@link org.rnnlab.testkit.suite.InitializerContract}, {@link org.rnnlab.testkit.suite.OptimizerContract},
 * {@link org.rnnlab.testkit.suite.RemedyContract}, {@link org.rnnlab.testkit.suite.TaskContract}.
 * Each test method is one requirement of rnnlab, named as a sentence; its failure message says what
 * is wrong in one line.
 *
 * <p>Decisions: abstract classes rather than a {@code @TestFactory} to call, because an author's
 * test class then reads as a list of what the component supplies (the component, its reference
 * equation, its options) and every requirement shows as its own test in the author's report.
 * Cells are made on the kit's {@link org.rnnlab.testkit.TestBackend}, so the suite needs no
 * framework and no rnnlab bundle but the API. Shapes are small: central differences cost two
 * forward passes per parameter element.
 */
@Version("1.0.0")
package org.rnnlab.testkit.suite;

import org.osgi.annotation.versioning.Version;
