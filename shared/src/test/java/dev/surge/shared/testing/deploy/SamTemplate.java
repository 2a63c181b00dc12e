package dev.surge.shared.testing.deploy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.surge.shared.testing.Repo;

/**
 * The routes and jobs of the SAM template ({@code template.yaml}): the {@code HttpApi} and {@code Schedule}
 * events of every {@code AWS::Serverless::Function}, the EventBridge rules that target a function, and the custom
 * resources that invoke one as a deploy step. A function is named after its {@code CodeUri} ({@code functions/<name>/target/function.zip}).
 */
public final class SamTemplate {

    /** The authorizer that guards admin routes, together with the scope parameter below. */
    public static final String ADMIN_AUTHORIZER = "AdminAuthorizer";
    public static final String ADMIN_SCOPE_PARAMETER = "AdminScope";

    private static final Pattern CODE_URI = Pattern.compile("functions/([a-z0-9-]+)/target/function\\.zip");
    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([A-Za-z0-9:.]+)}");

    private final Map<String, Object> template;
    private final Map<String, String> parameterValues;

    private SamTemplate(Map<String, Object> template, Map<String, String> parameterValues) {
        this.template = template;
        this.parameterValues = parameterValues;
    }

    public static SamTemplate load() {
        return load(Repo.file("template.yaml"), Map.of());
    }

    /**
     * @param parameterValues values for parameters, over their defaults, when a job's event is resolved
     */
    public static SamTemplate load(Path file, Map<String, String> parameterValues) {
        return new SamTemplate(CfnYaml.read(file), parameterValues);
    }

    public Map<String, Object> raw() {
        return template;
    }

    public List<Route> routes() {
        List<Route> routes = new ArrayList<>();
        String defaultAuthorizer = defaultAuthorizer();
        resources().forEach((name, raw) -> {
            Map<String, Object> resource = map(raw);
            String function = functionOf(name);
            if (function == null) {
                return;
            }
            map(map(resource.get("Properties")).get("Events")).forEach((eventName, rawEvent) -> {
                Map<String, Object> event = map(rawEvent);
                if (!"HttpApi".equals(event.get("Type"))) {
                    return;
                }
                Map<String, Object> props = map(event.get("Properties"));
                Map<String, Object> auth = map(props.get("Auth"));
                String authorizer = auth.get("Authorizer") == null ? defaultAuthorizer : (String) auth.get("Authorizer");
                List<Object> scopes = list(auth.get("AuthorizationScopes"));
                boolean adminScope = scopes.contains(Map.of("Ref", ADMIN_SCOPE_PARAMETER));
                Access access;
                if ("NONE".equals(authorizer)) {
                    access = Access.NONE;
                } else if (adminScope && ADMIN_AUTHORIZER.equals(authorizer)) {
                    access = Access.ADMIN;
                } else {
                    access = Access.USER;
                }
                routes.add(new Route("template.yaml " + name + "." + eventName,
                        String.valueOf(props.get("Method")).toUpperCase(), String.valueOf(props.get("Path")), function,
                        access));
            });
        });
        return routes;
    }

    public List<Job> jobs() {
        List<Job> jobs = new ArrayList<>();
        resources().forEach((name, raw) -> {
            Map<String, Object> resource = map(raw);
            String function = functionOf(name);
            if (function != null) {
                map(map(resource.get("Properties")).get("Events")).forEach((eventName, rawEvent) -> {
                    Map<String, Object> event = map(rawEvent);
                    if ("Schedule".equals(event.get("Type"))) {
                        Map<String, Object> props = map(event.get("Properties"));
                        jobs.add(new Job("template.yaml " + name + "." + eventName, function,
                                String.valueOf(resolve(props.get("Schedule"))), String.valueOf(resolve(props.get("Input")))));
                    }
                });
            }
            // A deploy step: a custom resource whose provider invokes a function with the HTTP API event it is given.
            if ("AWS::CloudFormation::CustomResource".equals(resource.get("Type"))) {
                Map<String, Object> props = map(resource.get("Properties"));
                String targetFunction = functionOf(referencedResource(props.get("FunctionName")));
                if (targetFunction != null) {
                    jobs.add(new Job("template.yaml " + name, targetFunction, Job.DEPLOY,
                            String.valueOf(resolve(props.get("Event")))));
                }
            }
            if ("AWS::Events::Rule".equals(resource.get("Type"))) {
                Map<String, Object> props = map(resource.get("Properties"));
                for (Object t : list(props.get("Targets"))) {
                    Map<String, Object> target = map(t);
                    String targetFunction = functionOf(referencedResource(target.get("Arn")));
                    if (targetFunction != null) {
                        jobs.add(new Job("template.yaml " + name, targetFunction,
                                String.valueOf(resolve(props.get("ScheduleExpression"))),
                                String.valueOf(resolve(target.get("Input")))));
                    }
                }
            }
        });
        return jobs;
    }

    public String parameterDefault(String name) {
        Object value = map(map(template.get("Parameters")).get(name)).get("Default");
        return value == null ? null : String.valueOf(value);
    }

    /** The function module a resource deploys, or null when it is not a function of this repository. */
    public String functionOf(String resourceName) {
        if (resourceName == null) {
            return null;
        }
        Map<String, Object> resource = map(resources().get(resourceName));
        if (!"AWS::Serverless::Function".equals(resource.get("Type"))) {
            return null;
        }
        Object codeUri = map(resource.get("Properties")).get("CodeUri");
        Matcher m = CODE_URI.matcher(String.valueOf(codeUri));
        return m.matches() ? m.group(1) : null;
    }

    private static String referencedResource(Object value) {
        Map<String, Object> m = map(value);
        if (m.get("Ref") instanceof String ref) {
            return ref.split("\\.")[0];
        }
        if (m.get("Fn::GetAtt") instanceof List<?> getAtt) {
            return String.valueOf(getAtt.get(0));
        }
        return null;
    }

    /** Resolves Ref and Sub of parameters (given values, else defaults); other values are returned as they are. */
    private Object resolve(Object value) {
        Map<String, Object> m = value instanceof Map<?, ?> ? map(value) : Map.of();
        if (m.get("Ref") instanceof String ref) {
            return parameter(ref);
        }
        if (m.get("Fn::Sub") instanceof String sub) {
            Matcher matcher = SUB_VARIABLE.matcher(sub);
            StringBuilder out = new StringBuilder();
            while (matcher.find()) {
                matcher.appendReplacement(out, Matcher.quoteReplacement(parameter(matcher.group(1))));
            }
            matcher.appendTail(out);
            return out.toString();
        }
        return value;
    }

    private String parameter(String name) {
        String value = parameterValues.containsKey(name) ? parameterValues.get(name) : parameterDefault(name);
        if (value == null) {
            throw new IllegalArgumentException("template.yaml: no value for parameter " + name);
        }
        return value;
    }

    private String defaultAuthorizer() {
        for (Object resource : resources().values()) {
            Map<String, Object> r = map(resource);
            if ("AWS::Serverless::HttpApi".equals(r.get("Type"))) {
                Object name = map(map(r.get("Properties")).get("Auth")).get("DefaultAuthorizer");
                return name == null ? "NONE" : String.valueOf(name);
            }
        }
        return "NONE";
    }

    private Map<String, Object> resources() {
        return map(template.get("Resources"));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object value) {
        return value instanceof List<?> l ? (List<Object>) l : List.of();
    }
}
