variable "name" {
  description = "Prefix of every resource name."
  type        = string
  default     = "surge"
}

variable "aws_region" {
  description = "Region to deploy to."
  type        = string
}

variable "build_dir" {
  description = "Checkout whose functions/<name>/target/function.zip are deployed (built with ./mvnw -B package -Dnative -Dquarkus.native.container-build=true)."
  type        = string
  default     = ".."
}

# --- identity --------------------------------------------------------------------------------------------

variable "jwt_issuer" {
  description = "Issuer URL of the identity provider, e.g. https://cognito-idp.<region>.amazonaws.com/<pool-id>."
  type        = string
}

variable "jwt_audience" {
  description = "Audiences (client ids) accepted on user routes."
  type        = list(string)
}

variable "admin_jwt_audience" {
  description = "Audiences (client ids of the operators' console) accepted on admin routes."
  type        = list(string)
}

variable "admin_scope" {
  description = "Scope an operator's token must carry for the admin routes; the jobs' events carry it too."
  type        = string
  default     = "surge/admin"
}

# --- network and data stores -----------------------------------------------------------------------------

variable "vpc_cidr" {
  description = "Address range of the VPC."
  type        = string
  default     = "10.40.0.0/16"
}

variable "availability_zones" {
  description = "Availability zones of the private subnets (one subnet each, at least two)."
  type        = list(string)
}

variable "redis_node_type" {
  description = "ElastiCache node type."
  type        = string
  default     = "cache.r7g.large"
}

variable "redis_shards" {
  description = "Node groups (shards) of the Redis cluster; one campaign's keys share a hash tag and so a shard."
  type        = number
  default     = 3
}

variable "redis_replicas_per_shard" {
  type    = number
  default = 1
}

variable "aurora_instance_class" {
  type    = string
  default = "db.r7g.large"
}

variable "aurora_instances" {
  description = "Aurora instances: one writer, the rest readers."
  type        = number
  default     = 2
}

variable "mysql_database" {
  type    = string
  default = "surge"
}

variable "mysql_user" {
  type    = string
  default = "surge"
}

variable "wechat_app_id" {
  description = "The mini-program's app id, for WeChat codes (stored in Secrets Manager with the secret)."
  type        = string
  default     = ""
}

variable "wechat_secret" {
  description = "The mini-program's app secret."
  type        = string
  default     = ""
  sensitive   = true
}

variable "order_attributes_public_key" {
  description = "The order system's public key (PEM text) that signs attribute tokens; min-order-amount rules trust only amounts it signed."
  type        = string
}

variable "order_attributes_issuer" {
  description = "The issuer (iss) of the order system's attribute tokens."
  type        = string
}

# --- functions -------------------------------------------------------------------------------------------

variable "memory_size" {
  description = "Memory of each hot-path function in MB."
  type        = number
  default     = 256
}

variable "log_retention_days" {
  type    = number
  default = 14
}

variable "reserved_concurrency" {
  description = "Reserved concurrency per function (-1 leaves it unreserved)."
  type        = map(number)
  default = {
    eligibility = -1
    draw        = -1
    redpacket   = -1
    qr          = -1
    admin       = 5
  }
}

variable "provisioned_concurrency" {
  description = "Provisioned (pre-warmed) environments per function, on its live alias (0 for none)."
  type        = map(number)
  default = {
    eligibility = 0
    draw        = 0
    redpacket   = 0
    qr          = 0
    admin       = 0
  }
}

# --- API throttling --------------------------------------------------------------------------------------

variable "throttling" {
  description = "Steady rate (requests/s) and burst per class of route."
  type = map(object({
    rate  = number
    burst = number
  }))
  default = {
    default = { rate = 5000, burst = 2000 }
    draw    = { rate = 20000, burst = 5000 }
    shake   = { rate = 50000, burst = 10000 }
    admin   = { rate = 20, burst = 10 }
    # GET /v1/me/prizes: a user route on the admin function, which shares its reserved concurrency with operators.
    records = { rate = 50, burst = 25 }
    ping    = { rate = 10, burst = 10 }
  }
}

# --- jobs and alarms -------------------------------------------------------------------------------------

variable "jobs_schedule" {
  description = "How often the settle, refund and refill jobs run."
  type        = string
  default     = "rate(1 minute)"
}

variable "reconcile_schedule" {
  description = "How often the reconciliation of every online raffle runs (report only; each run is bounded and goes on where the last stopped)."
  type        = string
  default     = "rate(5 minutes)"
}

variable "raffle_drift_threshold" {
  description = "Alarm when a campaign's Redis stock drifts from MySQL by more than this many units in a reconciliation."
  type        = number
  default     = 0
}

variable "alarm_topic_arn" {
  description = "SNS topic the alarms notify; empty for none."
  type        = string
  default     = ""
}

variable "latency_p99_threshold_ms" {
  type    = number
  default = 300
}

variable "error_rate_threshold_percent" {
  type    = number
  default = 1
}

variable "fallback_rate_threshold_percent" {
  type    = number
  default = 5
}

variable "qr_pool_low_level" {
  description = "Alarm when the share pool holds fewer codes than this."
  type        = number
  default     = 5000
}

variable "route_5xx_rate_threshold" {
  description = "Alarm when a route answers more than this fraction of its requests with a 5xx."
  type        = number
  default     = 0.01
}

variable "route_4xx_rate_threshold" {
  description = "Alarm when a route answers more than this fraction with a 4xx: above the floor of callers' mistakes and rate limits."
  type        = number
  default     = 0.25
}

variable "route_latency_p99_threshold_ms" {
  description = "Alarm when a user route's p99 latency (or its integration's) stays above this."
  type        = number
  default     = 500
}

variable "fallbacks_per_reason_threshold" {
  description = "Alarm when one function answers more degraded answers than this in a minute for one reason."
  type        = number
  default     = 30
}

variable "settle_backlog_threshold" {
  description = "Alarm when the settlers find more than this many draws, QR bindings, red-packet grabs or rain wins left unconfirmed in five minutes."
  type        = number
  default     = 20
}
