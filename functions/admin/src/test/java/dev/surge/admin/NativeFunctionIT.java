package dev.surge.admin;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link PackagedFunctionTest} against the native executable ({@code -Dnative}, CI's native workflow). */
@QuarkusIntegrationTest
class NativeFunctionIT extends PackagedFunctionTest {
}
