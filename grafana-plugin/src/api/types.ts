// The AiOps API's JSON (snake_case). The contract is the host's OpenAPI document (GET /openapi/v1.json):
// each exported interface is its schema of the same name, or names it with `@openapi Schema`
// (`@openapi query METHOD /path` for a route's query parameters, `@openapi none: why` for none), and
// PluginTypesMatchOpenApiTests fails when a field name, or whether it may be null or left out, drifts from it.

export type Severity = 'low' | 'medium' | 'high' | 'critical';
export type IncidentStatus = 'open' | 'ack' | 'resolved' | 'suppressed' | 'merged';

export interface ScopeEntry {
  device_id: string;
  service: string;
}

export interface TimelineEntry {
  ts: string;
  event: string;
  description?: string | null;
  source?: string | null;
}

export interface Evidence {
  ref: string;
  summary?: string | null;
  weight?: number | null;
  /** The service's log template the member line belongs to (log anomalies only). */
  template_id?: number | null;
  service?: string | null;
}

/** One mined log template of a service (`GET /api/v3/templates?ship_id=&service=`). @openapi LogTemplateView */
export interface LogTemplate {
  id: number;
  text: string;
  count: number;
  first_seen: string;
  last_seen: string;
  /** Lines per level, e.g. { info: 12, error: 3 }. */
  levels: Record<string, number>;
  acted_on: boolean;
}

export interface RunbookRef {
  id: string;
  title: string;
  risk: string;
}

export interface Incident {
  schema_version: string;
  tracking_id: string;
  ts: string;
  ship_id: string;
  incident_id: string;
  incident_type: string;
  severity: Severity;
  status: IncidentStatus;
  scope: ScopeEntry[];
  corr_keys: string[];
  suppress_key: string;
  timeline: TimelineEntry[];
  evidence: Evidence[];
  runbook_refs: RunbookRef[];
  narrative?: string | null;
  confidence?: string | null;
  insight_source?: string | null;
  owner?: string | null;
  created_at: string;
  updated_at: string;
  anomaly_count: number;
  duplicate_count: number;
  tracking_ids: string[];
  first_event_ts: string;
  last_event_ts: string;
  comments?: IncidentComment[];
  why_grouped?: JoinReason[];
  related?: string[];
  merged_into?: string | null;
}

export interface IncidentComment {
  comment_id: string;
  ts: string;
  author: string;
  text: string;
}

/** Why a member joined its incident (GET /incidents/{id}/explain). */
export interface JoinReason {
  tracking_id: string;
  rule: string;
  correlation_key: string;
  window_sec: number;
  distance_sec: number;
  fingerprint: string;
  event_ts: string;
  from_incident?: string | null;
}

/** @openapi IncidentListResponse */
export interface IncidentPage {
  data: Incident[];
  total: number;
  page: number;
  per_page: number;
  pages: number;
}

/** @openapi query GET /api/v3/incidents */
export interface IncidentFilters {
  severity?: Severity[];
  status?: IncidentStatus | '';
  type?: string;
  ship_id?: string;
  search?: string;
  since?: string;
  page?: number;
  per_page?: number;
}

/** @openapi TraceStageView */
export interface TraceStage {
  stage: string;
  ts: string;
  latency_ms: number | null;
  status: string;
  error?: string | null;
}

/** @openapi TraceView */
export interface Trace {
  tracking_id: string;
  status: string;
  total_latency_ms: number | null;
  stages: TraceStage[];
  incident_id?: string | null;
}

export interface Approval {
  by: string;
  at: string;
  comment?: string | null;
}

export type ExecutionStatus =
  'pending_approval' | 'rejected' | 'running' | 'succeeded' | 'failed' | 'rolled_back' | 'dry_run';

export interface ActionExecution {
  execution_id: string;
  action: string;
  ship_id: string;
  service: string;
  incident_id?: string | null;
  requested_by: string;
  requested_at: string;
  reason?: string | null;
  dry_run: boolean;
  suggested_by_insight: boolean;
  risk: string;
  approvals_required: number;
  approvals: Approval[];
  status: ExecutionStatus;
  /** `ship_id/service`. */
  target: string;
  started_at?: string | null;
  finished_at?: string | null;
  steps: string[];
  error?: string | null;
  rejected_by?: string | null;
}

export interface ActionCooldown {
  target: string;
  available_at: string;
}

export interface ActionView {
  action: string;
  risk: string;
  cooldown_sec: number;
  approvals_required: number;
  requires_pre_check: boolean;
  requires_post_check: boolean;
  max_retries: number;
  timeout_sec: number;
  cooling_down: ActionCooldown[];
}

export interface MaintenanceWindow {
  name: string;
  day: string;
  start: string;
  end: string;
  timezone: string;
}

export interface ActionCatalog {
  actions: ActionView[];
  in_maintenance_window?: string | null;
  maintenance_windows: MaintenanceWindow[];
}

/** @openapi ExecuteBody */
export interface ExecuteRequest {
  ship_id: string;
  service: string;
  incident_id?: string;
  reason?: string;
  dry_run?: boolean;
  suggested_by_insight?: boolean;
}

/** @openapi none: GET /api/v3/policy answers a free-form JSON object (its sections follow policies/*.yaml). */
export interface PolicySection {
  source: string;
  values: Record<string, unknown>;
  sources: Record<string, string>;
}

/** @openapi none: GET /api/v3/policy answers a free-form JSON object (its sections follow policies/*.yaml). */
export interface PolicyView {
  schema_version: string;
  profile: string;
  ship_id?: string | null;
  loaded_at: string;
  directory: string;
  features: Record<string, boolean>;
  overridden_ships: string[];
  sections: Record<string, PolicySection>;
}

/** ProblemDetails, as every AiOps error is written; a 400 names its fields in `errors`. @openapi HttpValidationProblemDetails */
export interface Problem {
  type?: string | null;
  title?: string | null;
  status?: number | null;
  detail?: string | null;
  instance?: string | null;
  /** Messages by wire field name, e.g. { per_page: ['per_page: must be a whole number from 1 to 200'] }. */
  errors?: Record<string, string[]>;
  /** @extension When a refused action may be tried again (429 cooling down). */
  available_at?: string;
}

/** One matcher of a silence (Alertmanager's): a field (ship_id, service, domain, device_id, incident_type, severity) or a label. */
export interface SilenceMatcher {
  name: string;
  value: string;
  is_regex: boolean;
  is_equal: boolean;
}

export interface Silence {
  silence_id: string;
  matchers: SilenceMatcher[];
  starts_at: string;
  ends_at: string;
  comment: string | null;
  created_by: string;
  created_at: string;
  updated_at: string;
  matched_count: number;
  state: 'pending' | 'active' | 'expired';
  expired_by: string | null;
}

/** @openapi SilenceListResponse */
export interface SilenceList {
  data: Silence[];
}

/** @openapi SilenceRequest */
export interface NewSilence {
  matchers: SilenceMatcher[];
  starts_at?: string;
  ends_at: string;
  comment?: string;
}
