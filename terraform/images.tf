# QR code images: a private bucket that only the QR function writes (PutObject under codes/) and only
# CloudFront reads (origin access control), TLS only. Each image is written once under a key made from its
# unique request id and never changes, so CloudFront keeps it as long as the object's Cache-Control allows
# (a year, immutable). Objects expire after qr_image_retention_days. The same as the images section of
# template.yaml.

variable "qr_image_retention_days" {
  description = "Days a code image is kept in S3; a code still unallocated or still shown after that has no image."
  type        = number
  default     = 400
}

variable "qr_images_price_class" {
  description = "CloudFront edge locations that serve code images (PriceClass_200 includes Hong Kong, Japan, Singapore)."
  type        = string
  default     = "PriceClass_200"
}

resource "aws_s3_bucket" "qr_images" {
  bucket_prefix = "${var.name}-qr-images-"

  lifecycle {
    prevent_destroy = true
  }
}

resource "aws_s3_bucket_public_access_block" "qr_images" {
  bucket = aws_s3_bucket.qr_images.id

  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_ownership_controls" "qr_images" {
  bucket = aws_s3_bucket.qr_images.id

  rule {
    object_ownership = "BucketOwnerEnforced"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "qr_images" {
  bucket = aws_s3_bucket.qr_images.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }
  }
}

resource "aws_s3_bucket_lifecycle_configuration" "qr_images" {
  bucket = aws_s3_bucket.qr_images.id

  rule {
    id     = "expire-code-images"
    status = "Enabled"

    filter {
      prefix = "codes/"
    }

    expiration {
      days = var.qr_image_retention_days
    }
  }
}

data "aws_iam_policy_document" "qr_images" {
  statement {
    sid       = "TlsOnly"
    effect    = "Deny"
    actions   = ["s3:*"]
    resources = [aws_s3_bucket.qr_images.arn, "${aws_s3_bucket.qr_images.arn}/*"]
    principals {
      type        = "*"
      identifiers = ["*"]
    }
    condition {
      test     = "Bool"
      variable = "aws:SecureTransport"
      values   = ["false"]
    }
  }
  statement {
    sid       = "CloudFrontReads"
    effect    = "Allow"
    actions   = ["s3:GetObject"]
    resources = ["${aws_s3_bucket.qr_images.arn}/codes/*"]
    principals {
      type        = "Service"
      identifiers = ["cloudfront.amazonaws.com"]
    }
    condition {
      test     = "StringEquals"
      variable = "AWS:SourceArn"
      values   = [aws_cloudfront_distribution.qr_images.arn]
    }
  }
}

resource "aws_s3_bucket_policy" "qr_images" {
  bucket = aws_s3_bucket.qr_images.id
  policy = data.aws_iam_policy_document.qr_images.json

  # The policy is not public, but S3 checks it against the block while both are applied.
  depends_on = [aws_s3_bucket_public_access_block.qr_images]
}

# Writes code images, and nothing else of the images bucket: phones read them through CloudFront.
data "aws_iam_policy_document" "qr_images_write" {
  statement {
    actions   = ["s3:PutObject"]
    resources = ["${aws_s3_bucket.qr_images.arn}/codes/*"]
  }
}

resource "aws_iam_role_policy" "qr_images" {
  name   = "images"
  role   = aws_iam_role.function["qr"].id
  policy = data.aws_iam_policy_document.qr_images_write.json
}

resource "aws_cloudfront_origin_access_control" "qr_images" {
  name                              = "${var.name}-qr-images"
  description                       = "CloudFront reads code images from their bucket, signed."
  origin_access_control_origin_type = "s3"
  signing_behavior                  = "always"
  signing_protocol                  = "sigv4"
}

# Managed policy CachingOptimized: no cookies, headers or query strings in the key; honours the object's
# Cache-Control up to a year.
data "aws_cloudfront_cache_policy" "caching_optimized" {
  name = "Managed-CachingOptimized"
}

resource "aws_cloudfront_distribution" "qr_images" {
  enabled         = true
  comment         = "${var.name} QR code images"
  http_version    = "http2and3"
  is_ipv6_enabled = true
  price_class     = var.qr_images_price_class

  origin {
    origin_id                = "qr-images"
    domain_name              = aws_s3_bucket.qr_images.bucket_regional_domain_name
    origin_access_control_id = aws_cloudfront_origin_access_control.qr_images.id
  }

  default_cache_behavior {
    target_origin_id       = "qr-images"
    viewer_protocol_policy = "redirect-to-https"
    allowed_methods        = ["GET", "HEAD"]
    cached_methods         = ["GET", "HEAD"]
    # PNGs are compressed already.
    compress        = false
    cache_policy_id = data.aws_cloudfront_cache_policy.caching_optimized.id
  }

  restrictions {
    geo_restriction {
      restriction_type = "none"
    }
  }

  viewer_certificate {
    cloudfront_default_certificate = true
  }
}

output "qr_images_bucket" {
  description = "Bucket of the QR code images."
  value       = aws_s3_bucket.qr_images.id
}

output "qr_images_base_url" {
  description = "Where phones read code images (CloudFront in front of the images bucket)."
  value       = "https://${aws_cloudfront_distribution.qr_images.domain_name}"
}
