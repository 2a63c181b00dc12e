# Redis (ElastiCache, cluster mode, TLS), Aurora MySQL, and the secrets the functions are given.

resource "aws_elasticache_subnet_group" "redis" {
  name       = "${var.name}-redis"
  subnet_ids = aws_subnet.private[*].id
}

resource "aws_elasticache_parameter_group" "redis" {
  name   = "${var.name}-redis7-cluster"
  family = "redis7"

  parameter {
    name  = "cluster-enabled"
    value = "yes"
  }
}

resource "aws_elasticache_replication_group" "redis" {
  replication_group_id       = "${var.name}-redis"
  description                = "Surge campaigns, counters, stock, packets and code pools"
  engine                     = "redis"
  engine_version             = "7.1"
  node_type                  = var.redis_node_type
  port                       = 6379
  parameter_group_name       = aws_elasticache_parameter_group.redis.name
  subnet_group_name          = aws_elasticache_subnet_group.redis.name
  security_group_ids         = [aws_security_group.redis.id]
  num_node_groups            = var.redis_shards
  replicas_per_node_group    = var.redis_replicas_per_shard
  automatic_failover_enabled = true
  multi_az_enabled           = true
  transit_encryption_enabled = true
  at_rest_encryption_enabled = true
  apply_immediately          = false
}

# The key of the draw's interception and pick hashes: generated once, kept in the state, never in the code.
resource "random_password" "draw_decisions" {
  length  = 48
  special = false
}

resource "random_password" "mysql" {
  length  = 32
  special = false
}

resource "aws_secretsmanager_secret" "mysql" {
  name        = "${var.name}/mysql"
  description = "Surge MySQL user"
}

resource "aws_secretsmanager_secret_version" "mysql" {
  secret_id = aws_secretsmanager_secret.mysql.id
  secret_string = jsonencode({
    username = var.mysql_user
    password = random_password.mysql.result
  })
}

resource "aws_secretsmanager_secret" "wechat" {
  name        = "${var.name}/wechat"
  description = "Mini-program app id and secret for the QR function"
}

resource "aws_secretsmanager_secret_version" "wechat" {
  secret_id = aws_secretsmanager_secret.wechat.id
  secret_string = jsonencode({
    appId  = var.wechat_app_id
    secret = var.wechat_secret
  })
}

resource "aws_db_subnet_group" "mysql" {
  name       = "${var.name}-mysql"
  subnet_ids = aws_subnet.private[*].id
}

resource "aws_rds_cluster" "mysql" {
  cluster_identifier        = "${var.name}-mysql"
  engine                    = "aurora-mysql"
  engine_version            = "8.0.mysql_aurora.3.05.2"
  database_name             = var.mysql_database
  master_username           = var.mysql_user
  master_password           = random_password.mysql.result
  db_subnet_group_name      = aws_db_subnet_group.mysql.name
  vpc_security_group_ids    = [aws_security_group.mysql.id]
  storage_encrypted         = true
  backup_retention_period   = 7
  copy_tags_to_snapshot     = true
  skip_final_snapshot       = false
  final_snapshot_identifier = "${var.name}-mysql-final"
}

resource "aws_rds_cluster_instance" "mysql" {
  count = var.aurora_instances

  identifier           = "${var.name}-mysql-${count.index}"
  cluster_identifier   = aws_rds_cluster.mysql.id
  engine               = aws_rds_cluster.mysql.engine
  engine_version       = aws_rds_cluster.mysql.engine_version
  instance_class       = var.aurora_instance_class
  db_subnet_group_name = aws_db_subnet_group.mysql.name
}
