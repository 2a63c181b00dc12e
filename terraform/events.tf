# Winner events for fulfilment (docs/events.md): a standard queue (order is not part of the contract), redriven to
# a dead-letter queue after 5 receives, encrypted at rest with SQS's own keys and reachable over TLS only; the relay
# on the admin function sends to it on its own schedule. The same as the events section of template.yaml.

variable "events_relay_schedule" {
  description = "How often the relay publishes winner events to the fulfilment queue (each run is bounded and goes on where the last stopped)."
  type        = string
  default     = "rate(1 minute)"
}

variable "events_max_age_seconds" {
  description = "Alarm when the oldest winner event has waited this long in the queue (the consumers are behind or down)."
  type        = number
  default     = 300
}

resource "aws_sqs_queue" "winner_events_dead_letters" {
  name                      = "${var.name}-winner-events-dlq"
  message_retention_seconds = 1209600
  sqs_managed_sse_enabled   = true
}

resource "aws_sqs_queue" "winner_events" {
  name                       = "${var.name}-winner-events"
  message_retention_seconds  = 345600
  visibility_timeout_seconds = 30
  sqs_managed_sse_enabled    = true
  redrive_policy = jsonencode({
    deadLetterTargetArn = aws_sqs_queue.winner_events_dead_letters.arn
    maxReceiveCount     = 5
  })
}

data "aws_iam_policy_document" "winner_events_tls_only" {
  for_each = {
    queue        = aws_sqs_queue.winner_events.arn
    dead_letters = aws_sqs_queue.winner_events_dead_letters.arn
  }
  statement {
    sid       = "TlsOnly"
    effect    = "Deny"
    actions   = ["sqs:*"]
    resources = [each.value]
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
}

resource "aws_sqs_queue_policy" "winner_events" {
  queue_url = aws_sqs_queue.winner_events.id
  policy    = data.aws_iam_policy_document.winner_events_tls_only["queue"].json
}

resource "aws_sqs_queue_policy" "winner_events_dead_letters" {
  queue_url = aws_sqs_queue.winner_events_dead_letters.id
  policy    = data.aws_iam_policy_document.winner_events_tls_only["dead_letters"].json
}

# The relay sends to the fulfilment queue and nothing else (SendMessageBatch is authorised by SendMessage).
resource "aws_iam_role_policy" "winner_events" {
  name = "winner-events"
  role = aws_iam_role.function["admin"].id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["sqs:SendMessage"]
      Resource = aws_sqs_queue.winner_events.arn
    }]
  })
}

resource "aws_cloudwatch_event_rule" "event_relay" {
  name                = "${var.name}-event-relay"
  description         = "Publishes the ledgers' unpublished winner events to the fulfilment queue, a bounded batch a run."
  schedule_expression = var.events_relay_schedule
}

resource "aws_cloudwatch_event_target" "event_relay" {
  rule = aws_cloudwatch_event_rule.event_relay.name
  arn  = aws_lambda_alias.live["admin"].arn
  input = templatefile("${path.module}/scheduled-event.json.tftpl", {
    method    = "POST"
    path      = "/internal/v1/events/relay"
    route_key = "POST /internal/v1/events/relay"
    scope     = var.admin_scope
  })
}

resource "aws_lambda_permission" "event_relay" {
  statement_id  = "AllowEventRelaySchedule"
  action        = "lambda:InvokeFunction"
  function_name = aws_lambda_alias.live["admin"].function_name
  qualifier     = aws_lambda_alias.live["admin"].name
  principal     = "events.amazonaws.com"
  source_arn    = aws_cloudwatch_event_rule.event_relay.arn
}

# Winner events wait in the queue: the consumers are behind or down.
resource "aws_cloudwatch_metric_alarm" "events_oldest_age" {
  alarm_name          = "${var.name}-events-oldest-age"
  alarm_description   = "The oldest winner event has waited too long in the fulfilment queue; its consumers are behind or down."
  namespace           = "AWS/SQS"
  metric_name         = "ApproximateAgeOfOldestMessage"
  dimensions          = { QueueName = aws_sqs_queue.winner_events.name }
  statistic           = "Maximum"
  period              = 60
  evaluation_periods  = 5
  datapoints_to_alarm = 3
  threshold           = var.events_max_age_seconds
  comparison_operator = "GreaterThanThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = local.alarm_actions
}

# A winner event a consumer failed 5 times: a prize or credit is stuck until someone looks.
resource "aws_cloudwatch_metric_alarm" "events_dead_letters" {
  alarm_name          = "${var.name}-events-dead-letters"
  alarm_description   = "Winner events are in the dead-letter queue; fix the consumer, then redrive them."
  namespace           = "AWS/SQS"
  metric_name         = "ApproximateNumberOfMessagesVisible"
  dimensions          = { QueueName = aws_sqs_queue.winner_events_dead_letters.name }
  statistic           = "Maximum"
  period              = 300
  evaluation_periods  = 1
  threshold           = 0
  comparison_operator = "GreaterThanThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = local.alarm_actions
}

# The relay stops behind its bounds or fails (surge.events.runs): wins wait in MySQL, unpublished.
resource "aws_cloudwatch_metric_alarm" "events_behind" {
  alarm_name          = "${var.name}-events-behind"
  alarm_description   = "Event relay runs end behind or failed; wins wait in MySQL unpublished."
  comparison_operator = "GreaterThanThreshold"
  threshold           = 0
  evaluation_periods  = 3
  datapoints_to_alarm = 3
  treat_missing_data  = "notBreaching"
  alarm_actions       = local.alarm_actions

  metric_query {
    id          = "behind"
    expression  = "SELECT SUM(\"surge.events.runs\") FROM SCHEMA(\"Surge\", outcome, service) WHERE outcome IN ('behind', 'failed')"
    period      = 300
    return_data = true
  }
}

output "winner_events_queue_url" {
  description = "The fulfilment queue of winner events (docs/events.md); consumers need ReceiveMessage, DeleteMessage and ChangeMessageVisibility on it."
  value       = aws_sqs_queue.winner_events.url
}

output "winner_events_queue_arn" {
  value = aws_sqs_queue.winner_events.arn
}
