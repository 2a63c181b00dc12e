package dev.surge.shared.testing;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * For the {@code @QuarkusIntegrationTest}s of a native function: points the executable's Lambda runtime loop at
 * the mock event server the test runs on the function's test port (init argument {@code port}), as
 * {@code AWS_LAMBDA_RUNTIME_API} does in AWS. Only a native build runs that loop itself; in a JVM build the AWS
 * Java runtime calls the handler, so these tests run with {@code -Dnative} (CI's native workflow).
 */
public class LambdaRuntimeApi implements QuarkusTestResourceLifecycleManager {

    public static final String PORT = "port";

    private String port;

    @Override
    public void init(Map<String, String> initArgs) {
        port = initArgs.get(PORT);
        if (port == null) {
            throw new IllegalArgumentException("LambdaRuntimeApi needs the init argument " + PORT);
        }
    }

    @Override
    public Map<String, String> start() {
        return Map.of("quarkus-internal.aws-lambda.test-api", "localhost:" + port + "/_lambda_");
    }

    @Override
    public void stop() {
    }
}
