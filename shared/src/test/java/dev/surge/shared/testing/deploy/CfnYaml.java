package dev.surge.shared.testing.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads a CloudFormation / SAM template written in YAML, turning the short-form intrinsic functions
 * ({@code !Ref X}, {@code !Sub '...'}, {@code !If [...]}) into their long form ({@code {"Ref": "X"}},
 * {@code {"Fn::Sub": "..."}}), as CloudFormation itself reads them.
 */
public final class CfnYaml {

    private static final List<String> INTRINSICS = List.of("Ref", "Condition", "Base64", "Cidr", "FindInMap", "GetAtt",
            "GetAZs", "ImportValue", "Join", "Select", "Split", "Sub", "Transform", "And", "Equals", "If", "Not", "Or");

    private CfnYaml() {
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> read(Path file) {
        try {
            return (Map<String, Object>) new Yaml(new Intrinsics()).load(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final class Intrinsics extends SafeConstructor {

        Intrinsics() {
            super(new LoaderOptions());
            for (String name : INTRINSICS) {
                String key = name.equals("Ref") || name.equals("Condition") ? name : "Fn::" + name;
                yamlConstructors.put(new Tag("!" + name), new AbstractConstruct() {

                    @Override
                    public Object construct(Node node) {
                        Object value;
                        if (node instanceof ScalarNode scalar) {
                            String text = constructScalar(scalar);
                            value = name.equals("GetAtt") ? Arrays.asList(text.split("\\.", 2)) : text;
                        } else if (node instanceof SequenceNode sequence) {
                            value = constructSequence(sequence);
                        } else {
                            value = constructMapping((MappingNode) node);
                        }
                        return Map.of(key, value);
                    }
                });
            }
        }
    }
}
