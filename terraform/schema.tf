# Schema migration, a deploy step. The admin function does not migrate when it starts in production: this
# invocation runs its newly published version with an HTTP API event for POST /internal/v1/schema/migrate, once per
# admin version, and fails the apply when the migration answers anything but 200. Every function's live alias
# depends on it, so the API and the schedules reach new code (and provisioned concurrency warms it) only after the
# schema is there: the hot functions that use MySQL refuse to start on an older one. Destroying leaves the schema.

resource "aws_lambda_invocation" "schema_migration" {
  function_name = aws_lambda_function.function["admin"].function_name
  qualifier     = aws_lambda_function.function["admin"].version
  input = templatefile("${path.module}/scheduled-event.json.tftpl", {
    method    = "POST"
    path      = "/internal/v1/schema/migrate"
    route_key = "POST /internal/v1/schema/migrate"
    scope     = var.admin_scope
  })

  # Runs again whenever the admin function's code (so its published version) changes.
  triggers = {
    admin_version = aws_lambda_function.function["admin"].version
  }

  # The function's environment names the cluster; the migration needs an instance that answers.
  depends_on = [aws_rds_cluster_instance.mysql]

  lifecycle {
    postcondition {
      condition     = try(jsondecode(self.result).statusCode, 0) == 200
      error_message = "The schema migration failed: ${self.result}"
    }
  }
}
