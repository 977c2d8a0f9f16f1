export { metricsPeriodSchema, type MetricsPeriod, type MetricsPeriodInput } from './metrics-period';
export {
  getConversationMetrics,
  type ConversationMetrics,
  type DailyMetrics,
} from './get-conversation-metrics.sql';
export { getAgentMetrics, type AgentMetrics } from './get-agent-metrics.sql';
export { getSlaAttainment, listSlaBreaches, type SlaAttainmentRow, type SlaBreach } from './get-sla-attainment.sql';
