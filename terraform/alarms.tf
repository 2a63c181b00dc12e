# Alarms: per function, error rate and fallback rate as percentages of invocations, p99 duration, throttles; the
# QR share pool running low; per route, the API's 5xx and 4xx rates and p99 latencies; fallbacks per reason; the
# settle backlogs. The functions' own metrics are written to the logs in the embedded metric format (namespace
# Surge, dimension "service" = the function's application name, plus one per tag). template.yaml declares the
# same alarms under the same names; the deploy checks compare them and the metric names with the code's meters.

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

# --- Answers per route (API Gateway), as template.yaml's "Answers per route" section ---------------------------
# 5xx and 4xx as rates of each route's requests: one Metrics Insights alarm each, every route a contributor, so a
# new route is watched without a new alarm. p99 latency and integration latency per user route (Metrics Insights
# has no percentiles); admin routes are few calls and are watched through their rates and the admin function.

locals {
  # The operator console's static files (GET /console/{proxy+}) are operators' too, watched the same way.
  latency_routes = { for key, route in local.routes : key => route if route.access != "admin" && !startswith(key, "GET /console/") }
}

resource "aws_cloudwatch_metric_alarm" "route_5xx_rate" {
  alarm_name          = "${var.name}-route-5xx-rate"
  alarm_description   = "A route answers 5xx (fraction of its requests), degraded answers included (503 when nothing was decided or the function is too busy); the contributor names the route."
  comparison_operator = "GreaterThanThreshold"
  threshold           = var.route_5xx_rate_threshold
  evaluation_periods  = 3
  datapoints_to_alarm = 2
  treat_missing_data  = "notBreaching"
  alarm_actions       = local.alarm_actions

  metric_query {
    id          = "rate"
    expression  = "SELECT AVG(\"5xx\") FROM SCHEMA(\"AWS/ApiGateway\", ApiId, Route, Stage) WHERE ApiId = '${aws_apigatewayv2_api.http.id}' GROUP BY Route"
    period      = 60
    return_data = true
  }
}

resource "aws_cloudwatch_metric_alarm" "route_4xx_rate" {
  alarm_name          = "${var.name}-route-4xx-rate"
  alarm_description   = "A route refuses more requests (4xx, fraction) than callers' mistakes and rate limits explain."
  comparison_operator = "GreaterThanThreshold"
  threshold           = var.route_4xx_rate_threshold
  evaluation_periods  = 5
  datapoints_to_alarm = 3
  treat_missing_data  = "notBreaching"
  alarm_actions       = local.alarm_actions

  metric_query {
    id          = "rate"
    expression  = "SELECT AVG(\"4xx\") FROM SCHEMA(\"AWS/ApiGateway\", ApiId, Route, Stage) WHERE ApiId = '${aws_apigatewayv2_api.http.id}' GROUP BY Route"
    period      = 60
    return_data = true
  }
}

resource "aws_cloudwatch_metric_alarm" "route_latency_p99" {
  for_each = local.latency_routes

  alarm_name          = "${var.name}-${each.key}-latency-p99"
  alarm_description   = "${each.key}: p99 latency seen by callers over its budget."
  namespace           = "AWS/ApiGateway"
  metric_name         = "Latency"
  dimensions          = { ApiId = aws_apigatewayv2_api.http.id, Stage = "$default", Route = each.key }
  extended_statistic  = "p99"
  period              = 60
  evaluation_periods  = 5
  datapoints_to_alarm = 3
  threshold           = var.route_latency_p99_threshold_ms
  comparison_operator = "GreaterThanThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = local.alarm_actions
}

resource "aws_cloudwatch_metric_alarm" "route_integration_latency_p99" {
  for_each = local.latency_routes

  alarm_name          = "${var.name}-${each.key}-integration-latency-p99"
  alarm_description   = "${each.key}: p99 time the function took to answer over its budget."
  namespace           = "AWS/ApiGateway"
  metric_name         = "IntegrationLatency"
  dimensions          = { ApiId = aws_apigatewayv2_api.http.id, Stage = "$default", Route = each.key }
  extended_statistic  = "p99"
  period              = 60
  evaluation_periods  = 5
  datapoints_to_alarm = 3
  threshold           = var.route_latency_p99_threshold_ms
  comparison_operator = "GreaterThanThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = local.alarm_actions
}

# --- The functions' own degradation and backlogs ------------------------------------------------------------

# Degraded answers per function and reason (surge.fallbacks, tags function and reason): one contributor each.
resource "aws_cloudwatch_metric_alarm" "fallbacks_by_reason" {
  alarm_name          = "${var.name}-fallbacks-by-reason"
  alarm_description   = "A function answers degraded answers for one reason (per minute); the contributor names function and reason."
  comparison_operator = "GreaterThanThreshold"
  threshold           = var.fallbacks_per_reason_threshold
  evaluation_periods  = 3
  datapoints_to_alarm = 2
  treat_missing_data  = "notBreaching"
  alarm_actions       = local.alarm_actions

  metric_query {
    id          = "fallbacks"
    expression  = "SELECT SUM(\"surge.fallbacks\") FROM SCHEMA(\"Surge\", function, reason, service) GROUP BY function, reason"
    period      = 60
    return_data = true
  }
}

# Draws the sweeper found pending past the settle window (surge.draw.settled counts each one it settles).
resource "aws_cloudwatch_metric_alarm" "draw_pending_settled" {
  alarm_name          = "${var.name}-draw-pending-settled"
  alarm_description   = "Draws were left pending between Redis and MySQL past the settle window."
  namespace           = "Surge"
  metric_name         = "surge.draw.settled"
  dimensions          = { service = "surge-draw" }
  statistic           = "Sum"
  period              = 300
  evaluation_periods  = 2
  threshold           = var.settle_backlog_threshold
  comparison_operator = "GreaterThanThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = local.alarm_actions
}

# A raffle's Redis stock drifted from MySQL (surge.raffle.drift, units by campaign, counted by the scheduled
# reconciliation): one contributor per campaign. Runs are minutes apart, so one datapoint in three periods alarms.
resource "aws_cloudwatch_metric_alarm" "raffle_drift" {
  alarm_name          = "${var.name}-raffle-drift"
  alarm_description   = "A raffle's Redis stock drifted from MySQL; the contributor names the campaign. Reconcile it with ?repair=true."
  comparison_operator = "GreaterThanThreshold"
  threshold           = var.raffle_drift_threshold
  evaluation_periods  = 3
  datapoints_to_alarm = 1
  treat_missing_data  = "notBreaching"
  alarm_actions       = local.alarm_actions

  metric_query {
    id          = "drift"
    expression  = "SELECT SUM(\"surge.raffle.drift\") FROM SCHEMA(\"Surge\", campaign, service) GROUP BY campaign"
    period      = 300
    return_data = true
  }
}

# QR bindings answered before MySQL confirmed them: the settler's backlog grows by these.
resource "aws_cloudwatch_metric_alarm" "qr_unrecorded_bindings" {
  alarm_name          = "${var.name}-qr-unrecorded-bindings"
  alarm_description   = "QR bindings answered before MySQL confirmed them, left to the settler."
  namespace           = "Surge"
  metric_name         = "surge.qr.unrecorded"
  dimensions          = { service = "surge-qr" }
  statistic           = "Sum"
  period              = 300
  evaluation_periods  = 2
  threshold           = var.settle_backlog_threshold
  comparison_operator = "GreaterThanThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = local.alarm_actions
}

# Red-packet grabs and rain wins the settle job found in Redis but not in MySQL past the settle window, and
# those it still could not write (surge.redpacket.settled by kind; the service rollup sums them).
resource "aws_cloudwatch_metric_alarm" "redpacket_unsettled" {
  alarm_name          = "${var.name}-redpacket-unsettled"
  alarm_description   = "Red-packet grabs or rain wins were answered but left unrecorded in MySQL past the settle window."
  namespace           = "Surge"
  metric_name         = "surge.redpacket.settled"
  dimensions          = { service = "surge-redpacket" }
  statistic           = "Sum"
  period              = 300
  evaluation_periods  = 2
  threshold           = var.settle_backlog_threshold
  comparison_operator = "GreaterThanThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = local.alarm_actions
}
