# Alarms: error rate and fallback rate as percentages of invocations, p99 duration, throttles, and the QR
# share pool running low. Fallback counts and pool levels are the functions' own metrics, written to the logs
# in the embedded metric format (namespace Surge, dimension "service" = the function's application name).

locals {
  hot_functions = toset(["eligibility", "draw", "redpacket", "qr"])
  alarm_actions = var.alarm_topic_arn == "" ? [] : [var.alarm_topic_arn]
}

resource "aws_cloudwatch_metric_alarm" "error_rate" {
  for_each = local.functions

  alarm_name          = "${var.name}-${each.key}-error-rate"
  alarm_description   = "${each.key} invocations failing (percent)."
  comparison_operator = "GreaterThanThreshold"
  threshold           = var.error_rate_threshold_percent
  evaluation_periods  = 3
  datapoints_to_alarm = 2
  treat_missing_data  = "notBreaching"
  alarm_actions       = local.alarm_actions

  metric_query {
    id = "errors"
    metric {
      namespace   = "AWS/Lambda"
      metric_name = "Errors"
      dimensions  = { FunctionName = aws_lambda_function.function[each.key].function_name }
      period      = 60
      stat        = "Sum"
    }
  }

  metric_query {
    id = "invocations"
    metric {
      namespace   = "AWS/Lambda"
      metric_name = "Invocations"
      dimensions  = { FunctionName = aws_lambda_function.function[each.key].function_name }
      period      = 60
      stat        = "Sum"
    }
  }

  metric_query {
    id          = "rate"
    expression  = "100 * errors / MAX([invocations, 1])"
    label       = "error rate (%)"
    return_data = true
  }
}

resource "aws_cloudwatch_metric_alarm" "fallback_rate" {
  for_each = local.hot_functions

  alarm_name          = "${var.name}-${each.key}-fallback-rate"
  alarm_description   = "${each.key} answering degraded (fallback) answers (percent of invocations)."
  comparison_operator = "GreaterThanThreshold"
  threshold           = var.fallback_rate_threshold_percent
  evaluation_periods  = 3
  datapoints_to_alarm = 2
  treat_missing_data  = "notBreaching"
  alarm_actions       = local.alarm_actions

  metric_query {
    id = "fallbacks"
    metric {
      namespace   = "Surge"
      metric_name = "surge.fallbacks"
      dimensions  = { service = "surge-${each.key}" }
      period      = 60
      stat        = "Sum"
    }
  }

  metric_query {
    id = "invocations"
    metric {
      namespace   = "AWS/Lambda"
      metric_name = "Invocations"
      dimensions  = { FunctionName = aws_lambda_function.function[each.key].function_name }
      period      = 60
      stat        = "Sum"
    }
  }

  metric_query {
    id          = "rate"
    expression  = "100 * FILL(fallbacks, 0) / MAX([invocations, 1])"
    label       = "fallback rate (%)"
    return_data = true
  }
}

resource "aws_cloudwatch_metric_alarm" "latency_p99" {
  for_each = local.hot_functions

  alarm_name          = "${var.name}-${each.key}-latency-p99"
  alarm_description   = "${each.key} p99 duration over its budget."
  namespace           = "AWS/Lambda"
  metric_name         = "Duration"
  dimensions          = { FunctionName = aws_lambda_function.function[each.key].function_name }
  extended_statistic  = "p99"
  period              = 60
  evaluation_periods  = 5
  datapoints_to_alarm = 3
  threshold           = var.latency_p99_threshold_ms
  comparison_operator = "GreaterThanThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = local.alarm_actions
}

resource "aws_cloudwatch_metric_alarm" "throttles" {
  for_each = local.functions

  alarm_name          = "${var.name}-${each.key}-throttles"
  alarm_description   = "${each.key} invocations throttled by Lambda concurrency."
  namespace           = "AWS/Lambda"
  metric_name         = "Throttles"
  dimensions          = { FunctionName = aws_lambda_function.function[each.key].function_name }
  statistic           = "Sum"
  period              = 60
  evaluation_periods  = 1
  threshold           = 0
  comparison_operator = "GreaterThanThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = local.alarm_actions
}

resource "aws_cloudwatch_metric_alarm" "qr_pool_low" {
  alarm_name          = "${var.name}-qr-pool-low"
  alarm_description   = "The share pool of pre-generated QR codes is running low; allocations will fall back to the upstream."
  namespace           = "Surge"
  metric_name         = "surge.qr.pool.level"
  dimensions          = { service = "surge-qr", pool = "share" }
  statistic           = "Minimum"
  period              = 300
  evaluation_periods  = 2
  threshold           = var.qr_pool_low_level
  comparison_operator = "LessThanThreshold"
  treat_missing_data  = "breaching"
  alarm_actions       = local.alarm_actions
}
