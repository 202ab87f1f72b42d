import { lastValueFrom } from 'rxjs';
import { getBackendSrv, FetchError } from '@grafana/runtime';
import { API_PROXY_BASE } from '../constants';
import {
  ActionCatalog,
  ActionExecution,
  ExecuteRequest,
  Incident,
  IncidentComment,
  IncidentFilters,
  IncidentPage,
  IncidentStatus,
  LogTemplate,
  PolicyView,
  NewSilence,
  Problem,
  Silence,
  SilenceList,
  Trace,
} from './types';

/** An API call that failed, with the ProblemDetails' detail (which names the field) as its message. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly problem?: Problem
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

async function request<T>(method: 'GET' | 'PATCH' | 'POST' | 'DELETE', path: string, body?: unknown): Promise<T> {
  try {
    const response = await lastValueFrom(
      getBackendSrv().fetch<T>({
        method,
        url: `${API_PROXY_BASE}${path}`,
        data: body,
        showErrorAlert: false,
        showSuccessAlert: false,
      })
    );
    return response.data;
  } catch (error) {
    const failure = error as FetchError<Problem>;
    const problem = failure?.data;
    const status = failure?.status ?? 0;
    const message = problem?.detail || problem?.title || failure?.statusText || 'The AiOps API could not be reached';
    throw new ApiError(message, status, problem);
  }
}

function query(params: Record<string, string | number | undefined>): string {
  const parts = Object.entries(params)
    .filter(([, value]) => value !== undefined && value !== '')
    .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`);
  return parts.length ? `?${parts.join('&')}` : '';
}

const id = (value: string) => encodeURIComponent(value);

export const api = {
  listIncidents: (filters: IncidentFilters) =>
    request<IncidentPage>(
      'GET',
      `/api/v3/incidents${query({
        severity: filters.severity?.length ? filters.severity.join(',') : undefined,
        status: filters.status || undefined,
        type: filters.type,
        ship_id: filters.ship_id,
        search: filters.search,
        page: filters.page,
        per_page: filters.per_page,
      })}`
    ),
  getIncident: (incidentId: string) => request<Incident>('GET', `/api/v3/incidents/${id(incidentId)}`),
  changeStatus: (incidentId: string, status: Exclude<IncidentStatus, 'open'>, comment?: string) =>
    request<Incident>('PATCH', `/api/v3/incidents/${id(incidentId)}`, comment ? { status, comment } : { status }),
  addComment: (incidentId: string, text: string) =>
    request<IncidentComment>('POST', `/api/v3/incidents/${id(incidentId)}/comments`, { text }),
  getTrace: (trackingId: string) => request<Trace>('GET', `/api/v3/trace/${id(trackingId)}`),
  listApprovals: (mine: boolean) => request<ActionExecution[]>('GET', `/api/v3/approvals${mine ? '?mine=true' : ''}`),
  approve: (executionId: string, comment?: string) =>
    request<ActionExecution>('POST', `/api/v3/approvals/${id(executionId)}/approve`, comment ? { comment } : {}),
  reject: (executionId: string, reason: string) =>
    request<ActionExecution>('POST', `/api/v3/approvals/${id(executionId)}/reject`, { reason }),
  listActions: () => request<ActionCatalog>('GET', '/api/v3/actions'),
  execute: (action: string, body: ExecuteRequest) =>
    request<ActionExecution>('POST', `/api/v3/actions/${id(action)}/execute`, body),
  listSilences: () => request<SilenceList>('GET', '/api/v3/silences'),
  createSilence: (silence: NewSilence) => request<Silence>('POST', '/api/v3/silences', silence),
  expireSilence: (silenceId: string) => request<Silence>('DELETE', `/api/v3/silences/${id(silenceId)}`),
  listTemplates: (shipId: string, service: string) =>
    request<LogTemplate[]>('GET', `/api/v3/templates${query({ ship_id: shipId, service })}`),
  getPolicy: (shipId?: string) => request<PolicyView>('GET', `/api/v3/policy${query({ ship_id: shipId })}`),
};

export type Api = typeof api;
