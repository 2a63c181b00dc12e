package dev.surge.shared.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.surge.shared.testing.deploy.SamTemplate;
import dev.surge.shared.testing.deploy.TerraformConfig;

/**
 * QR code images in both deployments alike: a private, TLS-only bucket that CloudFront alone reads and the QR
 * function alone writes, objects that expire after a set number of days, and the function pointed at it.
 */
class QrImagesDeployTest {

    private final Map<String, Object> resources = map(SamTemplate.load().raw().get("Resources"));
    private final TerraformConfig tf = TerraformConfig.load();

    @Test
    void samKeepsImagesInAPrivateBucketThatOnlyCloudFrontReads() {
        Map<String, Object> bucket = properties("QrImagesBucket", "AWS::S3::Bucket");
        assertEquals(Map.of("BlockPublicAcls", true, "BlockPublicPolicy", true, "IgnorePublicAcls", true,
                "RestrictPublicBuckets", true), bucket.get("PublicAccessBlockConfiguration"));
        Map<String, Object> rule = map(list(map(bucket.get("LifecycleConfiguration")).get("Rules")).get(0));
        assertEquals("codes/", rule.get("Prefix"));
        assertEquals(Map.of("Ref", "QrImageRetentionDays"), rule.get("ExpirationInDays"));

        List<Object> statements = list(map(properties("QrImagesBucketPolicy", "AWS::S3::BucketPolicy")
                .get("PolicyDocument")).get("Statement"));
        assertEquals(2, statements.size(), "TLS-only deny and the CloudFront read, nothing else");
        Map<String, Object> tls = map(statements.get(0));
        assertEquals("Deny", tls.get("Effect"));
        assertEquals("*", tls.get("Principal"));
        assertEquals("s3:*", tls.get("Action"));
        assertEquals(Map.of("Bool", Map.of("aws:SecureTransport", "false")), tls.get("Condition"));
        Map<String, Object> cdn = map(statements.get(1));
        assertEquals("Allow", cdn.get("Effect"));
        assertEquals(Map.of("Service", "cloudfront.amazonaws.com"), cdn.get("Principal"));
        assertEquals("s3:GetObject", cdn.get("Action"));
        assertTrue(String.valueOf(cdn.get("Condition")).contains("distribution/${QrImagesCdn}"),
                "only this distribution reads: " + cdn.get("Condition"));

        Map<String, Object> origin = map(list(map(properties("QrImagesCdn", "AWS::CloudFront::Distribution")
                .get("DistributionConfig")).get("Origins")).get(0));
        assertEquals(Map.of("Fn::GetAtt", List.of("QrImagesOriginAccess", "Id")), origin.get("OriginAccessControlId"));
        assertEquals("s3", map(properties("QrImagesOriginAccess", "AWS::CloudFront::OriginAccessControl")
                .get("OriginAccessControlConfig")).get("OriginAccessControlOriginType"));
    }

    @Test
    void samLetsTheQrFunctionWriteImagesOnlyAndPointsItAtTheCdn() {
        List<Object> statements = new ArrayList<>();
        for (Object policy : list(properties("QrRole", "AWS::IAM::Role").get("Policies"))) {
            statements.addAll(list(map(map(policy).get("PolicyDocument")).get("Statement")));
        }
        List<Object> s3 = statements.stream().filter(s -> String.valueOf(map(s).get("Action")).contains("s3:")).toList();
        assertEquals(1, s3.size(), "one S3 statement: " + s3);
        assertEquals("s3:PutObject", map(s3.get(0)).get("Action"));
        assertEquals(Map.of("Fn::Sub", "${QrImagesBucket.Arn}/codes/*"), map(s3.get(0)).get("Resource"));

        Map<String, Object> env = map(map(properties("QrFunction", "AWS::Serverless::Function").get("Environment"))
                .get("Variables"));
        assertEquals("s3", env.get("SURGE_QR_IMAGES_STORE"));
        assertEquals(Map.of("Ref", "QrImagesBucket"), env.get("SURGE_QR_IMAGES_S3_BUCKET"));
        assertEquals(Map.of("Fn::Sub", "https://${QrImagesCdn.DomainName}"), env.get("SURGE_QR_IMAGES_BASE_URL"));
        assertFalse(env.containsKey("SURGE_QR_IMAGES_DIRECTORY"), "no images in a Lambda environment's /tmp");
    }

    @Test
    void terraformDeclaresTheSameBucketPolicyRoleAndEnvironment() {
        JsonNode access = tf.resource("aws_s3_bucket_public_access_block", "qr_images");
        for (String field : List.of("block_public_acls", "block_public_policy", "ignore_public_acls",
                "restrict_public_buckets")) {
            assertTrue(access.path(field).asBoolean(), field);
        }
        JsonNode rule = tf.resource("aws_s3_bucket_lifecycle_configuration", "qr_images").path("rule").get(0);
        assertEquals("codes/", rule.path("filter").get(0).path("prefix").asText());
        assertEquals("${var.qr_image_retention_days}", rule.path("expiration").get(0).path("days").asText());
        assertEquals(tf.variableDefault("qr_image_retention_days"),
                SamTemplate.load().parameterDefault("QrImageRetentionDays"));

        JsonNode policy = tf.blocks("data").get("aws_iam_policy_document").get("qr_images").path("statement");
        assertEquals(2, policy.size());
        JsonNode tls = policy.get(0);
        assertEquals("Deny", tls.path("effect").asText());
        assertEquals("aws:SecureTransport", tls.path("condition").get(0).path("variable").asText());
        assertEquals("false", tls.path("condition").get(0).path("values").get(0).asText());
        JsonNode cdn = policy.get(1);
        assertEquals("cloudfront.amazonaws.com", cdn.path("principals").get(0).path("identifiers").get(0).asText());
        assertEquals("[\"s3:GetObject\"]", cdn.path("actions").toString());
        assertEquals("${aws_cloudfront_distribution.qr_images.arn}",
                cdn.path("condition").get(0).path("values").get(0).asText());
        assertEquals("${data.aws_iam_policy_document.qr_images.json}",
                tf.resource("aws_s3_bucket_policy", "qr_images").path("policy").asText());
        assertEquals("${aws_cloudfront_origin_access_control.qr_images.id}",
                tf.resource("aws_cloudfront_distribution", "qr_images")
                        .path("origin")
                        .get(0)
                        .path("origin_access_control_id")
                        .asText());

        JsonNode write = tf.blocks("data").get("aws_iam_policy_document").get("qr_images_write").path("statement");
        assertEquals(1, write.size());
        assertEquals("[\"s3:PutObject\"]", write.get(0).path("actions").toString());
        assertEquals("[\"${aws_s3_bucket.qr_images.arn}/codes/*\"]", write.get(0).path("resources").toString());
        JsonNode role = tf.resource("aws_iam_role_policy", "qr_images");
        assertEquals("${aws_iam_role.function[\"qr\"].id}", role.path("role").asText());
        assertEquals("${data.aws_iam_policy_document.qr_images_write.json}", role.path("policy").asText());

        String env = tf.locals().path("functions").path("qr").path("environment").asText();
        assertTrue(env.matches("(?s).*SURGE_QR_IMAGES_STORE\\s*=\\s*\"s3\".*"), env);
        assertTrue(env.matches("(?s).*SURGE_QR_IMAGES_S3_BUCKET\\s*=\\s*aws_s3_bucket\\.qr_images\\.id.*"), env);
        assertTrue(env.matches("(?s).*SURGE_QR_IMAGES_BASE_URL\\s*=\\s*\"https://\\$\\{aws_cloudfront_distribution"
                + "\\.qr_images\\.domain_name}\".*"), env);
        assertFalse(env.contains("SURGE_QR_IMAGES_DIRECTORY"), env);
    }

    private Map<String, Object> properties(String name, String type) {
        Map<String, Object> resource = map(resources.get(name));
        assertEquals(type, resource.get("Type"), name);
        return map(resource.get("Properties"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object value) {
        return value instanceof List<?> l ? (List<Object>) l : List.of();
    }
}
