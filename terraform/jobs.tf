# Jobs. The functions' in-process schedulers are off in production; EventBridge rules invoke each function's
# live alias directly with an API Gateway HTTP API (payload 2.0) event for the job's /internal/v1/... route,
# carrying the admin scope in its authorizer claims (scheduled-event.json.tftpl). Those routes are not on the
# HTTP API: only API Gateway and EventBridge may invoke the functions.

locals {
  jobs = {
    draw-settle      = { function = "draw", route = "POST /internal/v1/draws/settle", description = "Settles draws left pending between Redis and MySQL." }
    redpacket-settle = { function = "redpacket", route = "POST /internal/v1/red-packets/settle", description = "Records grabs and rain wins Redis holds but MySQL does not yet." }
    redpacket-refund = { function = "redpacket", route = "POST /internal/v1/red-packets/refund", description = "Refunds the unclaimed shares of expired packets, once." }
    qr-refill        = { function = "qr", route = "POST /internal/v1/qr-pools/refill", description = "Tops the code pools up within the upstream's rate limit." }
    qr-settle        = { function = "qr", route = "POST /internal/v1/qr-pools/settle", description = "Records in MySQL the bindings it has not confirmed." }
  }
}

resource "aws_cloudwatch_event_rule" "job" {
  for_each = local.jobs

  name                = "${var.name}-${each.key}"
  description         = each.value.description
  schedule_expression = var.jobs_schedule
}

resource "aws_cloudwatch_event_target" "job" {
  for_each = local.jobs

  rule = aws_cloudwatch_event_rule.job[each.key].name
  arn  = aws_lambda_alias.live[each.value.function].arn
  input = templatefile("${path.module}/scheduled-event.json.tftpl", {
    method    = split(" ", each.value.route)[0]
    path      = split(" ", each.value.route)[1]
    route_key = each.value.route
    scope     = var.admin_scope
  })
}

resource "aws_lambda_permission" "job" {
  for_each = local.jobs

  statement_id  = "AllowSchedule-${each.key}"
  action        = "lambda:InvokeFunction"
  function_name = aws_lambda_alias.live[each.value.function].function_name
  qualifier     = aws_lambda_alias.live[each.value.function].name
  principal     = "events.amazonaws.com"
  source_arn    = aws_cloudwatch_event_rule.job[each.key].arn
}

# Reconciliation of every online raffle (report only: repairs stay an operator's audited call). Each run compares a
# bounded batch and the next goes on where it stopped.
resource "aws_cloudwatch_event_rule" "raffle_reconcile" {
  name                = "${var.name}-raffle-reconcile"
  description         = "Compares every online raffle's Redis stock with MySQL, a bounded batch a run."
  schedule_expression = var.reconcile_schedule
}

resource "aws_cloudwatch_event_target" "raffle_reconcile" {
  rule = aws_cloudwatch_event_rule.raffle_reconcile.name
  arn  = aws_lambda_alias.live["admin"].arn
  input = templatefile("${path.module}/scheduled-event.json.tftpl", {
    method    = "POST"
    path      = "/internal/v1/raffles/reconcile"
    route_key = "POST /internal/v1/raffles/reconcile"
    scope     = var.admin_scope
  })
}

resource "aws_lambda_permission" "raffle_reconcile" {
  statement_id  = "AllowRaffleReconcileSchedule"
  action        = "lambda:InvokeFunction"
  function_name = aws_lambda_alias.live["admin"].function_name
  qualifier     = aws_lambda_alias.live["admin"].name
  principal     = "events.amazonaws.com"
  source_arn    = aws_cloudwatch_event_rule.raffle_reconcile.arn
}
