import React, { useState } from 'react';
import { Link } from 'react-router-dom';
import { PluginPage } from '@grafana/runtime';
import { Combobox, InlineField, InlineSwitch, Input, MultiCombobox, Pagination, Stack } from '@grafana/ui';
import { DataTable } from '../components/common/DataTable';
import { api } from '../api/client';
import { IncidentFilters, IncidentStatus, Severity } from '../api/types';
import { useLoad } from '../components/common/useLoad';
import { Empty, Failed, Loading } from '../components/common/StateViews';
import { SeverityBadge, StatusBadge } from '../components/common/SeverityBadge';
import { INCIDENTS_REFRESH_MS, ROUTES } from '../constants';
import { prefixRoute } from '../utils/routing';

const PER_PAGE = 25;
const severities: Severity[] = ['critical', 'high', 'medium', 'low'];
const statuses: Array<IncidentStatus | ''> = ['', 'open', 'ack', 'resolved', 'suppressed'];

/** Incidents, newest first: filters for severity, status, type, ship and text; paging; auto-refresh. */
export function IncidentsPage() {
  const [filters, setFilters] = useState<IncidentFilters>({ page: 1, per_page: PER_PAGE });
  const [autoRefresh, setAutoRefresh] = useState(true);
  const incidents = useLoad(() => api.listIncidents(filters), JSON.stringify(filters), autoRefresh ? INCIDENTS_REFRESH_MS : undefined);
  const update = (change: Partial<IncidentFilters>) => setFilters({ ...filters, ...change, page: change.page ?? 1 });

  return (
    <PluginPage>
      <Stack direction="row" wrap="wrap" gap={1}>
        <InlineField label="Severity">
          <MultiCombobox
            aria-label="Severity"
            width={32}
            options={severities.map((s) => ({ label: s, value: s }))}
            value={filters.severity ?? []}
            onChange={(selected) => update({ severity: selected.map((s) => s.value as Severity) })}
          />
        </InlineField>
        <InlineField label="Status">
          <Combobox
            aria-label="Status"
            width={16}
            options={statuses.map((s) => ({ label: s || 'any', value: s }))}
            value={filters.status ?? ''}
            onChange={(selected) => update({ status: selected.value as IncidentStatus | '' })}
          />
        </InlineField>
        <InlineField label="Type">
          <Input aria-label="Type" width={20} defaultValue={filters.type} onBlur={(e) => update({ type: e.currentTarget.value.trim() || undefined })} />
        </InlineField>
        <InlineField label="Ship">
          <Input aria-label="Ship" width={20} defaultValue={filters.ship_id} onBlur={(e) => update({ ship_id: e.currentTarget.value.trim() || undefined })} />
        </InlineField>
        <InlineField label="Search">
          <Input aria-label="Search" width={24} defaultValue={filters.search} onBlur={(e) => update({ search: e.currentTarget.value.trim() || undefined })} />
        </InlineField>
        <InlineField label="Auto-refresh">
          <InlineSwitch aria-label="Auto-refresh" value={autoRefresh} onChange={() => setAutoRefresh(!autoRefresh)} />
        </InlineField>
      </Stack>

      {incidents.error && <Failed error={incidents.error} onRetry={incidents.reload} />}
      {!incidents.data && incidents.loading && <Loading what="incidents" />}
      {incidents.data && incidents.data.data.length === 0 && <Empty>No incident matches these filters.</Empty>}
      {incidents.data && incidents.data.data.length > 0 && (
        <>
          <DataTable data-testid="incidents-table">
            <thead>
              <tr>
                <th>Time</th>
                <th>Severity</th>
                <th>Type</th>
                <th>Ship</th>
                <th>Device / service</th>
                <th>Status</th>
                <th>Owner</th>
                <th>Anomalies</th>
              </tr>
            </thead>
            <tbody>
              {incidents.data.data.map((incident) => (
                <tr key={incident.incident_id}>
                  <td>
                    <Link to={prefixRoute(`${ROUTES.Incidents}/${encodeURIComponent(incident.incident_id)}`)}>{formatTime(incident.created_at)}</Link>
                  </td>
                  <td>
                    <SeverityBadge severity={incident.severity} />
                  </td>
                  <td>{incident.incident_type}</td>
                  <td>{incident.ship_id}</td>
                  <td>{incident.scope.map((s) => `${s.device_id} / ${s.service}`).join(', ')}</td>
                  <td>
                    <StatusBadge status={incident.status} />
                  </td>
                  <td>{incident.owner ?? '—'}</td>
                  <td>{incident.anomaly_count}</td>
                </tr>
              ))}
            </tbody>
          </DataTable>
          <Stack direction="row" justifyContent="space-between" alignItems="center">
            <span>
              {incidents.data.total} incidents · page {incidents.data.page} of {Math.max(incidents.data.pages, 1)}
            </span>
            <Pagination currentPage={incidents.data.page} numberOfPages={Math.max(incidents.data.pages, 1)} onNavigate={(page) => update({ page })} />
          </Stack>
        </>
      )}
    </PluginPage>
  );
}

export function formatTime(iso: string): string {
  return iso.replace('T', ' ').replace(/\.\d+Z$/, 'Z');
}


export default IncidentsPage;
