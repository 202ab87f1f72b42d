import React, { useState } from 'react';
import { useParams } from 'react-router-dom';
import { PluginPage } from '@grafana/runtime';
import { Button, Combobox, ConfirmModal, Field, Stack, Tab, TabContent, TabsBar, TextArea } from '@grafana/ui';
import { api } from '../api/client';
import { Incident, IncidentStatus } from '../api/types';
import { useLoad } from '../components/common/useLoad';
import { Empty, Failed, Loading } from '../components/common/StateViews';
import { SeverityBadge, StatusBadge } from '../components/common/SeverityBadge';
import { canAct } from '../utils/permissions';
import { formatTime } from './IncidentsPage';
import { CommentsTab, WhyGroupedTab } from '../components/incident/WorkflowTabs';
import { TemplatesTab } from '../components/incident/TemplatesTab';
import { DataTable } from '../components/common/DataTable';

type Change = Exclude<IncidentStatus, 'open' | 'merged'>;
type TabName = 'summary' | 'timeline' | 'evidence' | 'templates' | 'insight' | 'trace' | 'comments' | 'why grouped';

/** Which status changes the API allows from a status (IncidentTransitions on the server). */
const allowed: Record<IncidentStatus, Change[]> = {
  open: ['ack', 'resolved', 'suppressed'],
  ack: ['resolved', 'suppressed'],
  suppressed: ['resolved'],
  resolved: [],
  merged: [],
};

const labels: Record<Change, string> = { ack: 'Acknowledge', resolved: 'Resolve', suppressed: 'Suppress' };

export function IncidentDetailPage() {
  const { id = '' } = useParams<{ id: string }>();
  const incident = useLoad(() => api.getIncident(id), id);
  const [tab, setTab] = useState<TabName>('summary');

  return (
    <PluginPage>
      {incident.error && <Failed error={incident.error} onRetry={incident.reload} />}
      {!incident.data && incident.loading && <Loading what="the incident" />}
      {incident.data && (
        <>
          <Header incident={incident.data} onChanged={incident.reload} />
          <TabsBar>
            {(
              [
                'summary',
                'timeline',
                'evidence',
                'templates',
                'insight',
                'trace',
                'comments',
                'why grouped',
              ] as TabName[]
            ).map((name) => (
              <Tab
                key={name}
                label={name[0].toUpperCase() + name.slice(1)}
                active={tab === name}
                onChangeTab={() => setTab(name)}
              />
            ))}
          </TabsBar>
          <TabContent>
            {tab === 'summary' && <Summary incident={incident.data} />}
            {tab === 'timeline' && <Timeline incident={incident.data} />}
            {tab === 'evidence' && <EvidenceList incident={incident.data} />}
            {tab === 'templates' && <TemplatesTab incident={incident.data} />}
            {tab === 'insight' && <Insight incident={incident.data} />}
            {tab === 'trace' && <TraceTab incident={incident.data} />}
            {tab === 'comments' && <CommentsTab incident={incident.data} onChanged={incident.reload} />}
            {tab === 'why grouped' && <WhyGroupedTab incident={incident.data} />}
          </TabContent>
        </>
      )}
    </PluginPage>
  );
}

function Header({ incident, onChanged }: { incident: Incident; onChanged: () => void }) {
  const [pending, setPending] = useState<Change>();
  const [comment, setComment] = useState('');
  const [error, setError] = useState<Error>();

  const confirm = async () => {
    if (!pending) {
      return;
    }
    try {
      await api.changeStatus(incident.incident_id, pending, comment.trim() || undefined);
      setError(undefined);
      onChanged();
    } catch (e) {
      setError(e as Error);
    } finally {
      setPending(undefined);
      setComment('');
    }
  };

  return (
    <div style={{ marginBottom: 16 }}>
      <Stack direction="row" alignItems="center" gap={1}>
        <h2 style={{ margin: 0 }}>{incident.incident_type}</h2>
        <SeverityBadge severity={incident.severity} />
        <StatusBadge status={incident.status} />
        <span>
          {incident.ship_id} · opened {formatTime(incident.created_at)} · {incident.incident_id}
        </span>
      </Stack>
      {canAct() && (
        <Stack direction="row" gap={1}>
          {allowed[incident.status].map((change) => (
            <Button
              key={change}
              variant={change === 'resolved' ? 'primary' : 'secondary'}
              onClick={() => setPending(change)}
            >
              {labels[change]}
            </Button>
          ))}
        </Stack>
      )}
      {error && <Failed error={error} />}
      <ConfirmModal
        isOpen={pending !== undefined}
        title={pending ? `${labels[pending]} this incident?` : ''}
        body={
          <Field label="Comment (recorded on the timeline and in the audit trail)">
            <TextArea aria-label="Comment" value={comment} onChange={(e) => setComment(e.currentTarget.value)} />
          </Field>
        }
        confirmText={pending ? labels[pending] : 'Confirm'}
        onConfirm={confirm}
        onDismiss={() => setPending(undefined)}
      />
    </div>
  );
}

function Summary({ incident }: { incident: Incident }) {
  return (
    <dl data-testid="incident-summary">
      <dt>Correlation keys</dt>
      <dd>{incident.corr_keys.join(', ') || '—'}</dd>
      <dt>Suppress key</dt>
      <dd>{incident.suppress_key}</dd>
      <dt>Anomalies / duplicates</dt>
      <dd>
        {incident.anomaly_count} / {incident.duplicate_count}
      </dd>
      <dt>Scope</dt>
      <dd>{incident.scope.map((s) => `${s.device_id} / ${s.service}`).join(', ') || '—'}</dd>
      <dt>Events</dt>
      <dd>
        {formatTime(incident.first_event_ts)} → {formatTime(incident.last_event_ts)}
      </dd>
      <dt>Owner</dt>
      <dd>{incident.owner ?? '—'}</dd>
    </dl>
  );
}

function Timeline({ incident }: { incident: Incident }) {
  if (incident.timeline.length === 0) {
    return <Empty>Nothing on the timeline yet.</Empty>;
  }
  return (
    <ul data-testid="incident-timeline">
      {incident.timeline.map((entry, i) => (
        <li key={i}>
          <strong>{formatTime(entry.ts)}</strong> {entry.event}
          {entry.description ? ` — ${entry.description}` : ''}
          {entry.source ? ` (${entry.source})` : ''}
        </li>
      ))}
    </ul>
  );
}

function EvidenceList({ incident }: { incident: Incident }) {
  if (incident.evidence.length === 0) {
    return <Empty>No evidence recorded.</Empty>;
  }
  return (
    <ul data-testid="incident-evidence">
      {incident.evidence.map((e) => (
        <li key={e.ref}>
          <code>{e.ref}</code> {e.summary ?? ''}
          {e.weight != null ? ` (weight ${e.weight})` : ''}
        </li>
      ))}
    </ul>
  );
}

function Insight({ incident }: { incident: Incident }) {
  if (!incident.narrative) {
    return <Empty>No insight yet: the Insight Path writes one shortly after an incident opens.</Empty>;
  }
  return (
    <div data-testid="incident-insight">
      <p>{incident.narrative}</p>
      <p>
        Confidence: <strong>{incident.confidence ?? 'unknown'}</strong> · source: {incident.insight_source ?? 'unknown'}
      </p>
      {incident.runbook_refs.length > 0 && (
        <>
          <h4>Suggested runbooks (suggestions only: an engineer decides)</h4>
          <ul>
            {incident.runbook_refs.map((r) => (
              <li key={r.id}>
                {r.title} <code>{r.id}</code> — risk {r.risk}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

function TraceTab({ incident }: { incident: Incident }) {
  const [trackingId, setTrackingId] = useState(incident.tracking_ids[0] ?? incident.tracking_id);
  const trace = useLoad(() => api.getTrace(trackingId), trackingId);
  return (
    <div>
      <Field label="Member event (tracking id)">
        <Combobox
          aria-label="Tracking id"
          width={60}
          options={incident.tracking_ids.map((t) => ({ label: t, value: t }))}
          value={trackingId}
          onChange={(selected) => setTrackingId(selected.value)}
        />
      </Field>
      {trace.error && <Failed error={trace.error} onRetry={trace.reload} />}
      {!trace.data && trace.loading && <Loading what="the trace" />}
      {trace.data && (
        <DataTable data-testid="trace-stages">
          <thead>
            <tr>
              <th>Stage</th>
              <th>At</th>
              <th>Latency</th>
              <th>Status</th>
            </tr>
          </thead>
          <tbody>
            {trace.data.stages.map((stage) => (
              <tr key={stage.stage + stage.ts}>
                <td>{stage.stage}</td>
                <td>{formatTime(stage.ts)}</td>
                <td>{stage.latency_ms == null ? '—' : `${stage.latency_ms.toFixed(1)} ms`}</td>
                <td>
                  {stage.status}
                  {stage.error ? ` (${stage.error})` : ''}
                </td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <td>Fast Path total</td>
              <td />
              <td>{trace.data.total_latency_ms == null ? '—' : `${trace.data.total_latency_ms.toFixed(1)} ms`}</td>
              <td>{trace.data.status}</td>
            </tr>
          </tfoot>
        </DataTable>
      )}
    </div>
  );
}

export default IncidentDetailPage;
