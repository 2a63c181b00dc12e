output "api_url" {
  description = "Base URL of the HTTP API."
  value       = aws_apigatewayv2_stage.default.invoke_url
}

output "function_names" {
  description = "Lambda function name of each Surge function."
  value       = { for key, fn in aws_lambda_function.function : key => fn.function_name }
}

output "function_aliases" {
  description = "ARN of each function's live alias (what the API and the schedules invoke)."
  value       = { for key, alias in aws_lambda_alias.live : key => alias.arn }
}

output "redis_configuration_endpoint" {
  description = "Cluster configuration endpoint of ElastiCache Redis."
  value       = aws_elasticache_replication_group.redis.configuration_endpoint_address
}

output "mysql_endpoint" {
  description = "Aurora MySQL writer endpoint."
  value       = aws_rds_cluster.mysql.endpoint
}

output "mysql_secret_arn" {
  description = "Secrets Manager secret holding the MySQL user and password."
  value       = aws_secretsmanager_secret.mysql.arn
}

output "vpc_id" {
  value = aws_vpc.main.id
}
