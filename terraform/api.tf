# The HTTP API: user routes need a token from the users' identity provider, admin routes an operator's token
# with the admin scope. The functions' /internal/... routes are deliberately absent: schedules invoke them.

locals {
  # Route key => the function serving it, what it demands (none, user, admin) and its throttling class.
  routes = {
    "GET /v1/ping"                                          = { function = "eligibility", access = "none", throttle = "ping" }
    "GET /v1/me"                                            = { function = "eligibility", access = "user", throttle = "default" }
    "POST /v1/eligibility"                                  = { function = "eligibility", access = "user", throttle = "default" }
    "POST /v1/campaigns/{campaignId}/draws"                 = { function = "draw", access = "user", throttle = "draw" }
    "GET /v1/campaigns/{campaignId}/draws/{idempotencyKey}" = { function = "draw", access = "user", throttle = "default" }
    "POST /v1/red-packets"                                  = { function = "redpacket", access = "user", throttle = "default" }
    "POST /v1/red-packets/{packetId}/grab"                  = { function = "redpacket", access = "user", throttle = "default" }
    "GET /v1/red-packets/{packetId}"                        = { function = "redpacket", access = "user", throttle = "default" }
    "POST /v1/campaigns/{campaignId}/shake"                 = { function = "redpacket", access = "user", throttle = "shake" }
    "POST /admin/v1/campaigns/{id}/rain"                    = { function = "redpacket", access = "admin", throttle = "admin" }
    "GET /admin/v1/campaigns/{id}/rain"                     = { function = "redpacket", access = "admin", throttle = "admin" }
    "POST /admin/v1/campaigns/{id}/rain/pause"              = { function = "redpacket", access = "admin", throttle = "admin" }
    "POST /admin/v1/campaigns/{id}/rain/resume"             = { function = "redpacket", access = "admin", throttle = "admin" }
    "POST /admin/v1/campaigns/{id}/rain/stop"               = { function = "redpacket", access = "admin", throttle = "admin" }
    "PUT /admin/v1/campaigns/{id}/rain/rate"                = { function = "redpacket", access = "admin", throttle = "admin" }
    "POST /v1/qr-codes"                                     = { function = "qr", access = "user", throttle = "default" }
    "GET /v1/qr-codes/{requestId}"                          = { function = "qr", access = "none", throttle = "default" }
    "GET /v1/qr-images/{file}"                              = { function = "qr", access = "none", throttle = "default" }
    "POST /admin/v1/campaigns"                              = { function = "admin", access = "admin", throttle = "admin" }
    "GET /admin/v1/campaigns"                               = { function = "admin", access = "admin", throttle = "admin" }
    "GET /admin/v1/campaigns/{id}"                          = { function = "admin", access = "admin", throttle = "admin" }
    "PUT /admin/v1/campaigns/{id}"                          = { function = "admin", access = "admin", throttle = "admin" }
    "POST /admin/v1/campaigns/{id}/publish"                 = { function = "admin", access = "admin", throttle = "admin" }
    "POST /admin/v1/campaigns/{id}/status"                  = { function = "admin", access = "admin", throttle = "admin" }
    "GET /admin/v1/campaigns/{id}/switches"                 = { function = "admin", access = "admin", throttle = "admin" }
    "PUT /admin/v1/campaigns/{id}/switches/{name}"          = { function = "admin", access = "admin", throttle = "admin" }
    "GET /admin/v1/audit"                                   = { function = "admin", access = "admin", throttle = "admin" }
    "GET /admin/v1/campaigns/{id}/winners"                  = { function = "admin", access = "admin", throttle = "admin" }
    "GET /v1/me/prizes"                                     = { function = "admin", access = "user", throttle = "records" }
    "PUT /admin/v1/campaigns/{id}/lists/{name}"             = { function = "admin", access = "admin", throttle = "admin" }
    "GET /admin/v1/campaigns/{id}/lists/{name}"             = { function = "admin", access = "admin", throttle = "admin" }
    "DELETE /admin/v1/campaigns/{id}/lists/{name}"          = { function = "admin", access = "admin", throttle = "admin" }
    "GET /admin/v1/campaigns/{id}/raffle"                   = { function = "admin", access = "admin", throttle = "admin" }
    "PUT /admin/v1/campaigns/{id}/raffle"                   = { function = "admin", access = "admin", throttle = "admin" }
    "POST /admin/v1/campaigns/{id}/prizes"                  = { function = "admin", access = "admin", throttle = "admin" }
    "PUT /admin/v1/campaigns/{id}/prizes/{prizeId}"         = { function = "admin", access = "admin", throttle = "admin" }
    "POST /admin/v1/campaigns/{id}/prizes/{prizeId}/stock"  = { function = "admin", access = "admin", throttle = "admin" }
    "POST /admin/v1/campaigns/{id}/reconcile"               = { function = "admin", access = "admin", throttle = "admin" }
    "GET /admin/v1/console"                                 = { function = "admin", access = "admin", throttle = "admin" }
    "GET /admin/v1/campaigns/{id}/live"                     = { function = "admin", access = "admin", throttle = "admin" }
    "GET /admin/v1/qr-pools"                                = { function = "admin", access = "admin", throttle = "admin" }
    "GET /console/{proxy+}"                                 = { function = "admin", access = "none", throttle = "admin" }
  }

  authorizers = {
    user  = var.jwt_audience
    admin = var.admin_jwt_audience
  }
}

resource "aws_apigatewayv2_api" "http" {
  name          = var.name
  protocol_type = "HTTP"
  description   = "Surge public API"
}

resource "aws_apigatewayv2_authorizer" "jwt" {
  for_each = local.authorizers

  api_id           = aws_apigatewayv2_api.http.id
  name             = "${var.name}-${each.key}"
  authorizer_type  = "JWT"
  identity_sources = ["$request.header.Authorization"]

  jwt_configuration {
    issuer   = var.jwt_issuer
    audience = each.value
  }
}

resource "aws_apigatewayv2_integration" "function" {
  for_each = aws_lambda_alias.live

  api_id                 = aws_apigatewayv2_api.http.id
  integration_type       = "AWS_PROXY"
  integration_uri        = each.value.invoke_arn
  payload_format_version = "2.0"
  timeout_milliseconds   = each.key == "admin" ? 29000 : 10000
}

resource "aws_apigatewayv2_route" "route" {
  for_each = local.routes

  api_id               = aws_apigatewayv2_api.http.id
  route_key            = each.key
  target               = "integrations/${aws_apigatewayv2_integration.function[each.value.function].id}"
  authorization_type   = each.value.access == "none" ? "NONE" : "JWT"
  authorizer_id        = each.value.access == "none" ? null : aws_apigatewayv2_authorizer.jwt[each.value.access].id
  authorization_scopes = each.value.access == "admin" ? [var.admin_scope] : null
}

resource "aws_cloudwatch_log_group" "api" {
  name              = "/aws/apigateway/${var.name}-http-api"
  retention_in_days = var.log_retention_days
}

resource "aws_apigatewayv2_stage" "default" {
  api_id      = aws_apigatewayv2_api.http.id
  name        = "$default"
  auto_deploy = true

  default_route_settings {
    throttling_rate_limit    = var.throttling["default"].rate
    throttling_burst_limit   = var.throttling["default"].burst
    detailed_metrics_enabled = true
  }

  dynamic "route_settings" {
    for_each = local.routes
    content {
      route_key              = route_settings.key
      throttling_rate_limit  = var.throttling[route_settings.value.throttle].rate
      throttling_burst_limit = var.throttling[route_settings.value.throttle].burst
    }
  }

  access_log_settings {
    destination_arn = aws_cloudwatch_log_group.api.arn
    format = jsonencode({
      requestId          = "$context.requestId"
      routeKey           = "$context.routeKey"
      status             = "$context.status"
      latency            = "$context.responseLatency"
      integrationLatency = "$context.integrationLatency"
      error              = "$context.error.message"
      authorizerError    = "$context.authorizer.error"
      sourceIp           = "$context.identity.sourceIp"
    })
  }

  depends_on = [aws_apigatewayv2_route.route]
}

resource "aws_lambda_permission" "api" {
  for_each = aws_lambda_alias.live

  statement_id  = "AllowHttpApi"
  action        = "lambda:InvokeFunction"
  function_name = each.value.function_name
  qualifier     = each.value.name
  principal     = "apigateway.amazonaws.com"
  source_arn    = "${aws_apigatewayv2_api.http.execution_arn}/*/*"
}
