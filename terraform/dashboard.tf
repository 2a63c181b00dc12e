# A CloudWatch dashboard with the panels of docs/grafana/surge.json, read from the same meters (namespace Surge,
# dimension "service" plus one per tag), and the API's answers per route next to them. template.yaml's
# SurgeDashboard has the same body; the deploy checks compare the two.

resource "aws_cloudwatch_dashboard" "surge" {
  dashboard_name = var.name
  dashboard_body = templatefile("${path.module}/dashboard.json.tftpl", {
    region = var.aws_region
    api    = aws_apigatewayv2_api.http.id
    name   = var.name
  })
}
