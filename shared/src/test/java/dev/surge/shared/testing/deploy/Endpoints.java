package dev.surge.shared.testing.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.jboss.jandex.AnnotationInstance;
import org.jboss.jandex.AnnotationTarget;
import org.jboss.jandex.ClassInfo;
import org.jboss.jandex.DotName;
import org.jboss.jandex.Index;
import org.jboss.jandex.IndexReader;
import org.jboss.jandex.IndexView;
import org.jboss.jandex.Indexer;
import org.jboss.jandex.MethodInfo;

import dev.surge.shared.identity.Caller;

/**
 * The JAX-RS endpoints a function serves, read from its compiled classes and from the Jandex indexes of the
 * Surge libraries it depends on (the shared module's {@code /v1/ping}), the way Quarkus finds them.
 */
public final class Endpoints {

    private static final DotName PATH = DotName.createSimple("jakarta.ws.rs.Path");
    private static final List<String> METHODS = List.of("GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS");
    private static final DotName ROLES_ALLOWED = DotName.createSimple("jakarta.annotation.security.RolesAllowed");
    private static final DotName AUTHENTICATED = DotName.createSimple("io.quarkus.security.Authenticated");

    private Endpoints() {
    }

    /** The endpoints of the function whose compiled classes are in {@code classes}. */
    public static List<Endpoint> of(Path classes) {
        List<Endpoint> endpoints = new ArrayList<>();
        Set<DotName> seen = new HashSet<>();
        for (IndexView index : indexes(classes)) {
            for (AnnotationInstance path : index.getAnnotations(PATH)) {
                if (path.target().kind() != AnnotationTarget.Kind.CLASS) {
                    continue;
                }
                ClassInfo resource = path.target().asClass();
                if (!resource.name().toString().startsWith("dev.surge.") || !seen.add(resource.name())) {
                    continue;
                }
                for (MethodInfo method : resource.methods()) {
                    for (String http : METHODS) {
                        if (method.hasDeclaredAnnotation(DotName.createSimple("jakarta.ws.rs." + http))) {
                            AnnotationInstance sub = method.declaredAnnotation(PATH);
                            String full = join(path.value().asString(), sub == null ? "" : sub.value().asString());
                            endpoints.add(new Endpoint(http, full, access(resource, method),
                                    resource.simpleName() + "." + method.name()));
                        }
                    }
                }
            }
        }
        return endpoints;
    }

    private static Access access(ClassInfo resource, MethodInfo method) {
        AnnotationInstance roles = method.hasDeclaredAnnotation(ROLES_ALLOWED)
                ? method.declaredAnnotation(ROLES_ALLOWED)
                : resource.declaredAnnotation(ROLES_ALLOWED);
        if (roles != null && List.of(roles.value().asStringArray()).contains(Caller.ADMIN_ROLE)) {
            return Access.ADMIN;
        }
        if (roles != null || method.hasDeclaredAnnotation(AUTHENTICATED) || resource.hasDeclaredAnnotation(AUTHENTICATED)) {
            return Access.USER;
        }
        return Access.NONE;
    }

    static String join(String base, String sub) {
        String joined = ("/" + base + "/" + sub).replaceAll("/+", "/");
        return joined.length() > 1 && joined.endsWith("/") ? joined.substring(0, joined.length() - 1) : joined;
    }

    private static List<IndexView> indexes(Path classes) {
        if (!Files.isDirectory(classes)) {
            throw new IllegalStateException("no compiled classes in " + classes);
        }
        List<IndexView> indexes = new ArrayList<>();
        Indexer indexer = new Indexer();
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                try (InputStream in = Files.newInputStream(file)) {
                    indexer.index(in);
                }
            }
            indexes.add(indexer.complete());
            for (URL url : Collections.list(Endpoints.class.getClassLoader().getResources("META-INF/jandex.idx"))) {
                try (InputStream in = url.openStream()) {
                    Index index = new IndexReader(in).read();
                    indexes.add(index);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return indexes;
    }
}
