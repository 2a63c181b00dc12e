# One Lambda per function: a GraalVM native bootstrap on provided.al2023 (arm64), published as a version behind
# a "live" alias that the API and the schedules invoke and that provisioned concurrency warms.

locals {
  redis_hosts = "rediss://${aws_elasticache_replication_group.redis.configuration_endpoint_address}:6379"

  common_environment = {
    DISABLE_SIGNAL_HANDLERS     = "true"
    QUARKUS_REDIS_HOSTS         = local.redis_hosts
    QUARKUS_REDIS_CLIENT_TYPE   = "cluster"
    SURGE_IDENTITY_ADMIN_SCOPE  = var.admin_scope
    SURGE_METRICS_EMF_ENABLED   = "true"
    SURGE_METRICS_EMF_NAMESPACE = "Surge"
    SURGE_ATTRIBUTES_PUBLIC_KEY = var.order_attributes_public_key
    SURGE_ATTRIBUTES_ISSUER     = var.order_attributes_issuer
  }

  mysql_environment = {
    QUARKUS_DATASOURCE_REACTIVE_URL = "mysql://${aws_rds_cluster.mysql.endpoint}:${aws_rds_cluster.mysql.port}/${var.mysql_database}"
    QUARKUS_DATASOURCE_USERNAME     = var.mysql_user
    QUARKUS_DATASOURCE_PASSWORD     = random_password.mysql.result
  }

  functions = {
    eligibility = {
      description = "May this user take part, and in which campaign (reads Redis only)."
      memory_size = var.memory_size
      timeout     = 5
      environment = {}
    }
    draw = {
      description = "The raffle: layered defence, never oversold, never granted twice."
      memory_size = var.memory_size
      timeout     = 5
      environment = merge(local.mysql_environment, {
        SURGE_DRAW_DECISION_SECRET = random_password.draw_decisions.result
      })
    }
    redpacket = {
      description = "Red packets: exact splits, one share per user, refunds once; the shake rain."
      memory_size = var.memory_size
      timeout     = 5
      environment = local.mysql_environment
    }
    qr = {
      description = "QR codes: pre-generated pool, late binding, scans, paced refill within the upstream limit."
      memory_size = var.memory_size
      timeout     = 10
      environment = merge(local.mysql_environment, {
        SURGE_QR_WECHAT_APP_ID    = var.wechat_app_id
        SURGE_QR_WECHAT_SECRET    = var.wechat_secret
        SURGE_QR_IMAGES_STORE     = "s3"
        SURGE_QR_IMAGES_S3_BUCKET = aws_s3_bucket.qr_images.id
        SURGE_QR_IMAGES_BASE_URL  = "https://${aws_cloudfront_distribution.qr_images.domain_name}"
      })
    }
    admin = {
      description = "Campaigns, rules, lists and raffles; publishes campaigns from MySQL to Redis; owns the schema."
      memory_size = 512
      timeout     = 30
      environment = {
        QUARKUS_DATASOURCE_JDBC_URL  = "jdbc:mariadb://${aws_rds_cluster.mysql.endpoint}:${aws_rds_cluster.mysql.port}/${var.mysql_database}"
        QUARKUS_DATASOURCE_USERNAME  = var.mysql_user
        QUARKUS_DATASOURCE_PASSWORD  = random_password.mysql.result
        SURGE_ADMIN_EVENTS_QUEUE_URL = aws_sqs_queue.winner_events.url
      }
    }
  }
}

data "aws_iam_policy_document" "assume_lambda" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["lambda.amazonaws.com"]
    }
  }
}

# Attaching to the VPC and sending traces: the only account-wide permissions a function has.
data "aws_iam_policy_document" "network" {
  statement {
    actions = [
      "ec2:CreateNetworkInterface",
      "ec2:DescribeNetworkInterfaces",
      "ec2:DescribeSubnets",
      "ec2:DeleteNetworkInterface",
      "ec2:AssignPrivateIpAddresses",
      "ec2:UnassignPrivateIpAddresses",
    ]
    resources = ["*"]
  }
  statement {
    actions   = ["xray:PutTraceSegments", "xray:PutTelemetryRecords"]
    resources = ["*"]
  }
}

resource "aws_iam_policy" "network" {
  name   = "${var.name}-function-network"
  policy = data.aws_iam_policy_document.network.json
}

resource "aws_iam_role" "function" {
  for_each = local.functions

  name               = "${var.name}-${each.key}"
  assume_role_policy = data.aws_iam_policy_document.assume_lambda.json
}

resource "aws_iam_role_policy_attachment" "network" {
  for_each = local.functions

  role       = aws_iam_role.function[each.key].name
  policy_arn = aws_iam_policy.network.arn
}

# Each function writes to its own log group only.
resource "aws_iam_role_policy" "logs" {
  for_each = local.functions

  name = "logs"
  role = aws_iam_role.function[each.key].id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["logs:CreateLogStream", "logs:PutLogEvents"]
      Resource = "${aws_cloudwatch_log_group.function[each.key].arn}:*"
    }]
  })
}

resource "aws_cloudwatch_log_group" "function" {
  for_each = local.functions

  name              = "/aws/lambda/${var.name}-${each.key}"
  retention_in_days = var.log_retention_days
}

resource "aws_lambda_function" "function" {
  for_each = local.functions

  function_name    = "${var.name}-${each.key}"
  description      = each.value.description
  role             = aws_iam_role.function[each.key].arn
  filename         = "${var.build_dir}/functions/${each.key}/target/function.zip"
  source_code_hash = filebase64sha256("${var.build_dir}/functions/${each.key}/target/function.zip")
  handler          = "not.used.in.provided.runtime"
  runtime          = "provided.al2023"
  architectures    = ["arm64"]
  memory_size      = each.value.memory_size
  timeout          = each.value.timeout
  publish          = true

  reserved_concurrent_executions = lookup(var.reserved_concurrency, each.key, -1)

  tracing_config {
    mode = "Active"
  }

  vpc_config {
    subnet_ids         = aws_subnet.private[*].id
    security_group_ids = [aws_security_group.functions.id]
  }

  environment {
    variables = merge(local.common_environment, each.value.environment)
  }

  depends_on = [
    aws_cloudwatch_log_group.function,
    aws_iam_role_policy.logs,
    aws_iam_role_policy_attachment.network,
  ]
}

resource "aws_lambda_alias" "live" {
  for_each = aws_lambda_function.function

  name             = "live"
  function_name    = each.value.function_name
  function_version = each.value.version

  # Traffic moves to a new version only after the deploy's schema migration (schema.tf).
  depends_on = [aws_lambda_invocation.schema_migration]
}

resource "aws_lambda_provisioned_concurrency_config" "live" {
  for_each = { for key, count in var.provisioned_concurrency : key => count if count > 0 }

  function_name                     = aws_lambda_function.function[each.key].function_name
  qualifier                         = aws_lambda_alias.live[each.key].name
  provisioned_concurrent_executions = each.value
}
